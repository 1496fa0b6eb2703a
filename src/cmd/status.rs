//! `ramme status INPUTS…`: who has sent what, against the deadline.

use super::Context;
use crate::error::Error;
use chrono::NaiveDate;

/// The deadline from `[status] deadline`, if set.
pub fn config_deadline(ctx: &Context) -> Result<Option<NaiveDate>, Error> {
    let Some(text) = ctx.config.status.deadline.as_deref() else {
        return Ok(None);
    };
    parse_deadline(text, ctx).map(Some)
}

fn parse_deadline(text: &str, ctx: &Context) -> Result<NaiveDate, Error> {
    crate::values::parse_date(text).map_err(|_| Error::Config {
        path: ctx
            .config
            .source
            .clone()
            .unwrap_or_else(|| crate::config::DEFAULT_CONFIG.into()),
        message: ctx.lang.pick(
            format!("[status] deadline = \"{text}\" er ikke en dato (f.eks. 01-03-2017)"),
            format!("[status] deadline = \"{text}\" is not a date (e.g. 01-03-2017)"),
        ),
    })
}
