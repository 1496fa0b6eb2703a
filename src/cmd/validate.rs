//! `ramme validate`: check submitted files against the schemas.

use super::{Context, OutputPlan};
use crate::cli::{Format, ValidateArgs};
use crate::error::{Error, ExitStatus};
use crate::input::expand_inputs;
use crate::lang::Lang;
use crate::report::analysis::save_workbook;
use crate::report::findings_xlsx;
use crate::report::style::Style;
use crate::report::validation::{self, ValidationReport};
use crate::validate::{NoRows, Options, Validator};
use std::path::Path;

pub fn run(ctx: &Context, args: &ValidateArgs) -> Result<ExitStatus, Error> {
    let files = expand_inputs(&args.inputs)?;
    let plan = OutputPlan::new(
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
    // Files are validated in parallel; the report keeps the input order.
    let report = ValidationReport {
        files: crate::dataset::validate_parallel(&files, |file| {
            validator.validate_file(file, &mut NoRows)
        }),
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
    save_workbook(&mut workbook, path)
}
