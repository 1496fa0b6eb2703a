//! `ramme udgift`: expenditure monitoring between two Januaries.

use super::{load_year, Context};
use crate::analysis::udgift;
use crate::cli::{Format, UdgiftArgs};
use crate::dataset::{CitizenRow, Loaded, TariffRow};
use crate::error::{Error, ExitStatus};
use crate::output::{check_not_input, AtomicFile};
use crate::report::analysis::{save_workbook, InputSection};
use crate::report::table;
use crate::report::udgift::{detail_table, render, Labels};
use crate::report::xlsx::{self, Print, SheetFormats};
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, args: &UdgiftArgs) -> Result<ExitStatus, Error> {
    let targets = super::options::udgift_targets(
        &ctx.config,
        args.target_total,
        args.target_takst,
        args.target_visitation,
    );
    // The two Januaries are read at the same time, one per core, and each
    // core prepares the year it read for the comparison while the other may
    // still be reading.
    let (before, after) = std::thread::scope(|scope| {
        let before = scope.spawn(|| {
            load_year::<CitizenRow>(ctx, &args.before, Some("--before")).map(|(loaded, files)| {
                let prepared = udgift::Prepared::before(&loaded.records);
                (loaded, files, prepared)
            })
        });
        let after =
            load_year::<CitizenRow>(ctx, &args.after, Some("--before")).map(|(loaded, files)| {
                let prepared = udgift::Prepared::after(&loaded.records);
                (loaded, files, prepared)
            });
        // A panic there goes on here, where `cmd::overflow` sees it: a
        // decimal overflow is an input error, anything else a bug.
        let before = before
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (before, after)
    });
    let ((before, before_files, before_prepared), (after, after_files, after_prepared)) =
        (before?, after?);
    let mut files = before_files.clone();
    files.extend(after_files.iter().cloned());
    // The price/level split: this year's tariffs against last year's.
    let tariffs = load_tariffs(ctx, args, &mut files)?;
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    if let Some(detail) = &args.detail {
        check_not_input(detail, &files)?;
    }
    let prices = tariffs.as_ref().map(|(current, previous)| {
        udgift::PriceChanges::from_tariffs(
            &current.records,
            previous.as_ref().map(|p| p.records.as_slice()),
        )
    });
    let result = udgift::analyse_prepared(
        (&before.records, before_prepared),
        (&after.records, after_prepared),
        args.detail.is_some(),
        prices.as_ref(),
    );
    let lang = ctx.lang;
    let labels = Labels::new(
        year_in_paths(&before_files),
        year_in_paths(&after_files),
        lang,
    );
    let reference = &ctx.catalog.reference;
    if let Some(detail) = &args.detail {
        write_detail(
            detail,
            &detail_table(&result.detail, &labels, reference, lang),
            lang,
        )?;
    }
    let rendered = render(&result, &targets, &labels, reference, lang);
    let mut inputs = vec![
        InputSection::of(&labels.before, &before),
        InputSection::of(&labels.after, &after),
    ];
    if let Some((current, previous)) = &tariffs {
        inputs.push(InputSection::of(
            lang.pick("Takstindberetninger", "Tariff reports"),
            current,
        ));
        if let Some(p) = previous {
            inputs.push(InputSection::of(
                lang.pick(
                    "Takstindberetninger, sidste år",
                    "Tariff reports, last year",
                ),
                p,
            ));
        }
    }
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

type Tariffs = Loaded<TariffRow>;

/// `--takster` and `--takster-previous`, when given.
fn load_tariffs(
    ctx: &Context,
    args: &UdgiftArgs,
    files: &mut Vec<PathBuf>,
) -> Result<Option<(Tariffs, Option<Tariffs>)>, Error> {
    let Some(inputs) = &args.takster else {
        return Ok(None);
    };
    let (current, current_files) = load_year::<TariffRow>(ctx, inputs, Some("--takster-previous"))?;
    files.extend(current_files);
    let previous = match &args.takster_previous {
        Some(inputs) => {
            let (previous, previous_files) =
                load_year::<TariffRow>(ctx, inputs, Some("--takster-previous"))?;
            files.extend(previous_files);
            Some(previous)
        }
        None => None,
    };
    Ok(Some((current, previous)))
}

/// The per-person comparison: a workbook for a `.xlsx` name, else CSV for
/// a person's spreadsheet (`;`, decimal comma, UTF-8 with BOM).
fn write_detail(path: &Path, table: &table::Table, lang: crate::lang::Lang) -> Result<(), Error> {
    if Format::from_path(path) == Some(Format::Xlsx) {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let print = Print {
            title: table.title.clone(),
            made: xlsx::made_date(),
        };
        xlsx::add_sheet(&mut workbook, table, &SheetFormats::new(), &print, lang).map_err(|e| {
            Error::Workbook {
                path: path.to_path_buf(),
                message: e.to_string(),
            }
        })?;
        return save_workbook(&mut workbook, path);
    }
    let mut file = AtomicFile::create(path)?;
    let out = file.writer();
    writeln!(out, "{}", crate::input::marks::text_line("detaljer"))
        .and_then(|()| table::write_csv_for_person(table, lang, out))
        .map_err(|source| Error::Output {
            path: path.to_path_buf(),
            source,
        })?;
    file.commit()?;
    crate::notice::wrote(path);
    Ok(())
}

/// The year the files are from, when every path names the same one
/// ("borgerliste_2016.csv", "2016/…").
fn year_in_paths(files: &[PathBuf]) -> Option<u16> {
    let mut found = None;
    for file in files {
        let text = file.to_string_lossy();
        let years: Vec<u16> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| s.len() == 4)
            .filter_map(|s| s.parse().ok())
            .filter(|y| (2000..=2100).contains(y))
            .collect();
        let year = *years.last()?;
        if found.is_some_and(|f| f != year) {
            return None;
        }
        found = Some(year);
    }
    found
}
