//! `ramme status INPUTS… [--region NAME] [--deadline DATE]`: who has sent
//! what. The expected senders come from the region (its kommuner, and the
//! region as driftsherre) and `[status]`; each file's sender is read from
//! its content in the validation pass; the matrix is computed in
//! `analysis::status` and rendered by `report::status`.

use super::Context;
use crate::analysis::status::{
    self, contact_for, counts_by_sender, sender_name, ExpectedSender, SenderCollector,
    SubmittedFile,
};
use crate::cli::{Format, StatusArgs};
use crate::error::{Error, ExitStatus};
use crate::messages::cli as messages;
use crate::values::reference::Party;
use chrono::NaiveDate;
use std::path::Path;

/// What a kommune sends when `[status] schemas` does not say.
const KOMMUNE_SCHEMAS: [&str; 2] = ["takstindberetning", "borgerliste"];

pub fn run(ctx: &Context, args: &StatusArgs) -> Result<ExitStatus, Error> {
    let files = super::expand(ctx, &args.inputs)?;
    let plan = super::output_plan(
        &args.output,
        &[Format::Text, Format::Json, Format::Md, Format::Xlsx],
        &files,
    )?;
    let deadline = match args.deadline {
        Some(d) => Some(d),
        None => config_deadline(ctx)?,
    };
    let region = args
        .region
        .clone()
        .or_else(|| ctx.config.samarbejde.region.clone());
    let (region_name, expected) = expected_senders(ctx, region.as_deref())?;
    // Every finding is kept (validate keeps 1000 a file by default): each
    // is attributed to the sender of its row, so none may be left out.
    let options = crate::validate::Options {
        max_findings: 0,
        lang: ctx.lang,
        ..crate::validate::Options::default()
    };
    let validator = crate::validate::Validator::new(&ctx.catalog, options)?;
    // Validated as a set like `validate`: a copy of a file is set aside
    // (it counts once), a key repeated in another file is found.
    let set = crate::validate::set::validate_set(
        &validator,
        &files,
        crate::validate::set::Grouping::ByYear,
        |_| SenderCollector::new(&ctx.catalog.reference),
    );
    let submitted: Vec<SubmittedFile> = set
        .files
        .iter()
        .map(|f| SubmittedFile {
            path: f.path.display().to_string(),
            schemas: f
                .report
                .sheets
                .iter()
                .filter_map(|s| s.schema.clone())
                .collect(),
            has_sender_field: f.report.sheets.iter().any(|s| {
                s.schema
                    .as_deref()
                    .and_then(|name| ctx.catalog.schema(name))
                    .is_some_and(|schema| schema.sender.is_some())
            }),
            senders: f
                .consumer
                .as_ref()
                .map(|c| counts_by_sender(c, &f.report.findings))
                .unwrap_or_default(),
            errors: f.report.errors(),
            warnings: f.report.warnings(),
            modified: modified(&f.path),
        })
        .collect();
    let report = status::compute(region_name, deadline, &expected, &submitted);
    crate::report::status::write(&report, &plan, ctx.lang)?;
    Ok(if report.needs_action() {
        ExitStatus::InputErrors
    } else {
        ExitStatus::Success
    })
}

/// A file's modification date in local time (when it came, as saved).
fn modified(path: &Path) -> Option<NaiveDate> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(time).date_naive())
}

/// The region's kommuner (what `[status] schemas` says, else takst and
/// borgerliste), the region as driftsherre (takstindberetning), and the
/// senders `[status]` adds; each with its contact.
fn expected_senders(
    ctx: &Context,
    region: Option<&str>,
) -> Result<(Option<String>, Vec<ExpectedSender>), Error> {
    let reference = &ctx.catalog.reference;
    let config = &ctx.config.status;
    let lang = ctx.lang;
    let kommune_schemas: Vec<String> = match &config.schemas {
        Some(list) => list.clone(),
        None => KOMMUNE_SCHEMAS.iter().map(|s| s.to_string()).collect(),
    };
    for schema in kommune_schemas.iter().chain(
        config
            .senders
            .iter()
            .flat_map(|s| s.schemas.iter().flatten()),
    ) {
        if ctx.catalog.schema(schema).is_none() {
            return Err(Error::Setup(crate::validate::SetupError::UnknownSchema {
                name: schema.clone(),
                known: ctx.catalog.known_names(),
            }));
        }
    }
    let contact = |name: &str| contact_for(reference, config, name).map(|(c, _)| c);
    let mut expected = Vec::new();
    let mut region_name = None;
    if let Some(region) = region {
        let Some(kommuner) = reference.kommuner_in_region(region) else {
            return Err(Error::Usage(messages::not_a_region(region, lang)));
        };
        let name = sender_name(reference, region).map(|(_, n)| n);
        for k in kommuner {
            expected.push(ExpectedSender {
                name: k.name.clone(),
                schemas: kommune_schemas.clone(),
                contact: contact(&k.name),
            });
        }
        if let Some(name) = &name {
            expected.push(ExpectedSender {
                name: name.clone(),
                schemas: vec!["takstindberetning".to_string()],
                contact: contact(name),
            });
        }
        region_name = name;
    } else if config.senders.is_empty() {
        return Err(Error::Usage(messages::status_no_senders(lang)));
    }
    for entry in &config.senders {
        let resolved = sender_name(reference, &entry.name);
        let name = resolved
            .as_ref()
            .map_or_else(|| entry.name.trim().to_string(), |(_, n)| n.clone());
        let default_schemas = match resolved {
            Some((Party::Kommune(code), n))
                if reference.kommune_info(code).is_some_and(|k| k.name == n) =>
            {
                kommune_schemas.clone()
            }
            _ => vec!["takstindberetning".to_string()],
        };
        let schemas = entry.schemas.clone().unwrap_or(default_schemas);
        match expected
            .iter_mut()
            .find(|e: &&mut ExpectedSender| e.name.to_lowercase() == name.to_lowercase())
        {
            Some(known) => {
                if let Some(list) = &entry.schemas {
                    known.schemas = list.clone();
                }
            }
            None => expected.push(ExpectedSender {
                contact: contact(&name),
                name,
                schemas,
            }),
        }
    }
    Ok((region_name, expected))
}

/// The deadline from `[status] deadline`, if set.
pub fn config_deadline(ctx: &Context) -> Result<Option<NaiveDate>, Error> {
    let Some(text) = ctx.config.status.deadline.as_deref() else {
        return Ok(None);
    };
    crate::values::parse_date(text)
        .map(Some)
        .map_err(|_| Error::Config {
            path: ctx
                .config
                .source
                .clone()
                .unwrap_or_else(|| crate::config::DEFAULT_CONFIG.into()),
            message: messages::deadline_not_a_date(text, ctx.lang),
        })
}
