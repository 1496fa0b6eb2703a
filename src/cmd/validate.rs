//! `ramme validate`: check submitted files against the schemas.

use super::{Context, OutputPlan};
use crate::cli::{Format, ValidateArgs};
use crate::error::{Error, ExitStatus};
use crate::report::style::Style;
use crate::report::validation::{self, ValidationReport};
use crate::validate::{NoRows, Options, Validator};

pub fn run(ctx: &Context, args: &ValidateArgs) -> Result<ExitStatus, Error> {
    let files = super::expand(ctx, &args.inputs)?;
    let plan = OutputPlan::new(
        &args.output,
        &[Format::Text, Format::Json, Format::Csv, Format::Md],
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
    let set = crate::validate::set::validate_set(
        &validator,
        &files,
        crate::validate::set::Grouping::ByYear,
        |_| NoRows,
    );
    let report = ValidationReport {
        files: set.files.into_iter().map(|f| f.report).collect(),
    };
    let lang = ctx.lang;
    let style = if plan.path.is_none() {
        Style::for_stdout()
    } else {
        Style::plain()
    };
    plan.write(|out| match plan.format {
        Format::Json => validation::write_json(&report, out),
        Format::Csv => validation::write_csv(&report, out),
        Format::Md => validation::write_md(&report, lang, out),
        _ => validation::write_text(&report, lang, style, out),
    })?;
    Ok(if report.summary().errors > 0 {
        ExitStatus::InputErrors
    } else {
        ExitStatus::Success
    })
}
