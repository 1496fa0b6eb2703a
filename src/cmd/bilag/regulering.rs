//! The annex's over-/underskud section: the accounts of `[bilag] regnskab`
//! against the Regulering column of the year's takstindberetninger
//! (`[bilag] takst`), as `ramme regulering` shows them.

use super::inputs::Inputs;
use super::{guarded, role, source, unusable};
use crate::config::BilagConfig;
use crate::dataset::multi::AnyCollector;
use crate::dataset::{AccountRow, Loaded};
use crate::messages::regulering as msg;
use crate::report::bilag::{Section, Source};
use crate::validate::set::SetReport;

/// The section, or a failure line when it cannot be made.
pub fn section(
    ctx: &super::Context,
    set: &SetReport<AnyCollector<'_>>,
    inputs: &Inputs,
    cfg: &BilagConfig,
    accounts: &Loaded<AccountRow>,
    sources: &mut Vec<Source>,
    failures: &mut Vec<String>,
) -> Vec<Section> {
    let lang = ctx.lang;
    sources.push(source(msg::inputs_accounts(lang), accounts));
    let heading = msg::section_heading(lang);
    guarded(heading, lang, failures, || {
        if let Some(why) = unusable(ctx, accounts, &cfg.regnskab, "regnskab", None) {
            return Err(why);
        }
        if inputs.takst.is_empty() {
            return Err(lang
                .pick(
                    "[bilag] takst nævner ingen takstindberetninger at finde reguleringen i",
                    "[bilag] takst names no tariff reports to find the regulation in",
                )
                .to_string());
        }
        let reports = role(set, &inputs.takst, |c| &c.regulations);
        let rule = crate::cmd::regulering::rule(ctx, None, None).map_err(|e| e.message(lang))?;
        let years = crate::cmd::regulering::years(accounts, &reports, &rule, lang)?;
        let result = crate::analysis::regulering::analyse(
            &accounts.records,
            &reports.records,
            rule,
            years,
            &ctx.catalog.reference,
        );
        Ok(vec![Section {
            heading: heading.into(),
            tables: crate::report::regulering::render(&result, lang).tables,
            chart: None,
        }])
    })
}
