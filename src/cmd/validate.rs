//! `ramme validate`: check submitted files against the schemas.

use super::Context;
use crate::analysis::status::{contact_for, FoundSender, SenderCollector};
use crate::cli::{Format, ValidateArgs};
use crate::error::{Error, ExitStatus};
use crate::input::{ReadOptions, RowSink};
use crate::lang::Lang;
use crate::messages::cli as messages;
use crate::output::{check_not_input, AtomicFile};
use crate::report::analysis::{mark_workbook, save_workbook};
use crate::report::annotate::{self, grid::Grid, Annotation};
use crate::report::findings_xlsx;
use crate::report::style::Style;
use crate::report::validation::{self, ValidationReport};
use crate::validate::{FileReport, NoRows, Options, Validator};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, args: &ValidateArgs) -> Result<ExitStatus, Error> {
    let files = super::expand(ctx, &args.inputs)?;
    let plan = super::output_plan(
        &args.output,
        &[
            Format::Text,
            Format::Json,
            Format::Csv,
            Format::Md,
            Format::Xlsx,
        ],
        &files,
    )?;
    let options = Options {
        schema: args.schema.clone(),
        sheet: args.sheet.clone(),
        max_findings: args
            .max_findings
            .or(ctx.config.validate.max_findings)
            .unwrap_or(Options::default().max_findings),
        lang: ctx.lang,
    };
    let validator = Validator::new(&ctx.catalog, options)?;
    // Files are validated in parallel, grouped by year for the checks
    // across files (copies, keys repeated in another file, borgerlister
    // against the takstindberetninger); the report keeps the input order.
    // With --annotate the same pass reads each file's senders for the letter.
    use crate::validate::set::{validate_set, Grouping};
    let (report, senders) = if let Some(dir) = &args.annotate {
        let targets = annotate_targets(ctx, args, dir, &files)?;
        let set = validate_set(&validator, &files, Grouping::ByYear, |_| {
            SenderCollector::new(&ctx.catalog.reference)
        });
        let mut reports = Vec::with_capacity(set.files.len());
        let mut senders = Vec::with_capacity(set.files.len());
        for f in set.files {
            senders.push(f.consumer.map(|c| c.found).unwrap_or_default());
            reports.push(f.report);
        }
        (
            ValidationReport { files: reports },
            Some((targets, senders)),
        )
    } else {
        let set = validate_set(&validator, &files, Grouping::ByYear, |_| NoRows);
        let report = ValidationReport {
            files: set.files.into_iter().map(|f| f.report).collect(),
        };
        (report, None)
    };
    let lang = ctx.lang;
    let style = if plan.path.is_none() {
        Style::for_stdout()
    } else {
        Style::plain()
    };
    if let (Format::Xlsx, Some(path)) = (plan.format, &plan.path) {
        write_xlsx(&report, lang, path)?;
    } else {
        plan.write(|out| match plan.format {
            Format::Json => validation::write_json(&report, out),
            Format::Csv => validation::write_csv(&report, out),
            Format::Md => validation::write_md(&report, lang, out),
            _ => validation::write_text(&report, lang, style, out),
        })?;
    }
    if let Some((targets, senders)) = senders {
        write_annotations(ctx, args, &report, &targets, &senders)?;
    }
    Ok(if report.summary().errors > 0 {
        ExitStatus::InputErrors
    } else {
        ExitStatus::Success
    })
}

/// The findings workbook, saved atomically.
fn write_xlsx(report: &ValidationReport, lang: Lang, path: &Path) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut workbook = findings_xlsx::workbook(report, lang, dir).map_err(|e| Error::Workbook {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    // The secretariat's report is never read back as a submission.
    mark_workbook(&mut workbook, "rapport");
    save_workbook(&mut workbook, path)
}

/// Where each input's annotated workbook and letter go. Checked before any
/// work: an existing target is refused unless --force, and two inputs of
/// the same name would overwrite each other.
fn annotate_targets(
    ctx: &Context,
    args: &ValidateArgs,
    dir: &Path,
    files: &[PathBuf],
) -> Result<Vec<(PathBuf, PathBuf)>, Error> {
    let lang = ctx.lang;
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(messages::annotate_not_a_folder(
            &dir.display().to_string(),
            lang,
        )));
    }
    // The letters are .txt files, which a folder of inputs would read.
    let resolved = |p: &Path| p.canonicalize().ok();
    if let Some(out) = resolved(dir) {
        if args
            .inputs
            .iter()
            .any(|i| i.is_dir() && resolved(i).as_ref() == Some(&out))
        {
            return Err(Error::Usage(messages::annotate_into_inputs(
                &dir.display().to_string(),
                lang,
            )));
        }
    }
    let mut seen = HashSet::new();
    let mut targets = Vec::new();
    for file in files {
        let (xlsx, txt) = annotate::target_names(file);
        if !seen.insert(xlsx.clone()) {
            return Err(Error::Usage(messages::annotate_same_name(
                &file.file_name().unwrap_or_default().to_string_lossy(),
                lang,
            )));
        }
        let (xlsx, txt) = (dir.join(xlsx), dir.join(txt));
        for target in [&xlsx, &txt] {
            check_not_input(target, files)?;
            if target.exists() && !args.force {
                return Err(Error::Usage(messages::annotate_exists(
                    &target.display().to_string(),
                    lang,
                )));
            }
        }
        targets.push((xlsx, txt));
    }
    Ok(targets)
}

/// Writes the annotated workbook and the letter of every file with
/// findings, re-reading it through the ordinary readers.
fn write_annotations(
    ctx: &Context,
    args: &ValidateArgs,
    report: &ValidationReport,
    targets: &[(PathBuf, PathBuf)],
    senders: &[Vec<FoundSender>],
) -> Result<(), Error> {
    let lang = ctx.lang;
    let deadline = super::status::config_deadline(ctx)?;
    let mut made_dir = false;
    for ((file, (xlsx, txt)), found) in report.files.iter().zip(targets).zip(senders) {
        if file.findings.is_empty() && file.omitted == 0 {
            eprintln!(
                "{}",
                messages::annotate_nothing(&file.path.display().to_string(), lang)
            );
            continue;
        }
        if !made_dir {
            if let Some(dir) = &args.annotate {
                std::fs::create_dir_all(dir).map_err(|source| Error::Output {
                    path: dir.clone(),
                    source,
                })?;
            }
            made_dir = true;
        }
        let grid = read_grid(file, args.sheet.clone());
        let annotation = Annotation {
            report: file,
            grid: &grid,
            senders: found,
            lang,
            catalog: Some(&ctx.catalog),
        };
        let mut workbook = annotate::workbook(&annotation).map_err(|e| Error::Workbook {
            path: xlsx.clone(),
            message: e.to_string(),
        })?;
        // Marked as ramme's, so a copy left in an inbox folder is set aside
        // with a note instead of counting the kommune's rows twice.
        mark_workbook(&mut workbook, "rettelser");
        save_workbook(&mut workbook, xlsx)?;
        let greeting = found
            .iter()
            .find_map(|s| contact_for(&ctx.catalog.reference, &ctx.config.status, &s.name))
            .and_then(|(_, person)| person);
        let workbook_name = xlsx
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            annotate::letter::letter(&annotation, &workbook_name, greeting.as_deref(), deadline);
        let mut out = AtomicFile::create(txt)?;
        out.writer()
            .write_all(text.as_bytes())
            .map_err(|source| Error::Output {
                path: txt.clone(),
                source,
            })?;
        out.commit()?;
        eprintln!(
            "{}",
            messages::annotate_written(
                &xlsx.display().to_string(),
                &txt.display().to_string(),
                lang
            )
        );
    }
    Ok(())
}

/// The visible sheets of a file as a grid, CPR values masked. A file that
/// cannot be read (again) gives what was read before the error.
fn read_grid(file: &FileReport, sheet: Option<String>) -> Grid {
    let cpr_cells: HashSet<(Option<String>, u32, u32)> = file
        .findings
        .iter()
        .filter(|f| f.code == crate::finding::Code::CprDetected)
        .filter_map(|f| {
            Some((
                f.location.sheet.as_deref().map(str::to_string),
                f.location.row?,
                f.location.col?,
            ))
        })
        .collect();
    // Beyond the kept findings the validation's verdict on each cell is not
    // known: then mask every number that could be a CPR number.
    let mut grid = Grid::new(cpr_cells, file.omitted > 0);
    let options = ReadOptions { sheet };
    let sink: &mut dyn RowSink = &mut grid;
    let _ = crate::input::catch_panic(|| crate::input::read_file(&file.path, &options, sink));
    grid
}
