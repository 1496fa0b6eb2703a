//! The annex's over-/underskud section: the accounts of `[bilag] regnskab`
//! against the Regulering column of the year's takstindberetninger
//! (`[bilag] takst`), as `ramme regulering` shows them.

use super::sections::Env;
use crate::messages::regulering as msg;
use crate::report::bilag::Section;

/// The section, or why it cannot be made.
pub fn section(env: &Env, heading: &str) -> Result<Vec<Section>, String> {
    let (ctx, lang, data) = (env.ctx, env.lang(), env.data);
    if let Some(why) = env.unusable(&data.accounts, &env.cfg.regnskab, "regnskab", None) {
        return Err(why);
    }
    if env.inputs.takst.is_empty() {
        return Err(msg::bilag_no_reports(lang));
    }
    let rule = crate::cmd::regulering::rule(ctx, None, None).map_err(|e| e.message(lang))?;
    let years = crate::cmd::regulering::years(&data.accounts, &data.regulations, &rule, lang)?;
    let result = crate::analysis::regulering::analyse(
        &data.accounts.records,
        &data.regulations.records,
        rule,
        years,
        &ctx.catalog.reference,
    );
    Ok(vec![Section {
        heading: heading.into(),
        tables: crate::report::regulering::render(&result, lang).tables,
        chart: None,
    }])
}
