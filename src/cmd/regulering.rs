//! `ramme regulering`: year N's accounts against the Regulering column of
//! year N+2's takstindberetninger.

use super::{load_year, Context};
use crate::analysis::regulering::{self, RegulationRule};
use crate::cli::ReguleringArgs;
use crate::dataset::{AccountRow, Loaded, TariffRegulation};
use crate::error::{Error, ExitStatus};
use crate::lang::Lang;
use crate::messages::regulering as msg;
use crate::numfmt;
use crate::report::analysis::InputSection;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::path::PathBuf;

pub fn run(ctx: &Context, args: &ReguleringArgs) -> Result<ExitStatus, Error> {
    let lang = ctx.lang;
    let rule = rule(ctx, args.overskud_graense, args.tolerance)?;
    let (accounts, mut files) = load_year::<AccountRow>(ctx, &args.regnskab, None)?;
    let (reports, report_files) = load_year::<TariffRegulation>(ctx, &args.takster, None)?;
    files.extend(report_files);
    let years = years(&accounts, &reports, &rule, lang).map_err(Error::Inputs)?;
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let result = regulering::analyse(
        &accounts.records,
        &reports.records,
        rule,
        years,
        &ctx.catalog.reference,
    );
    let rendered = crate::report::regulering::render(&result, lang);
    let inputs = [
        InputSection::of(msg::inputs_accounts(lang), &accounts),
        InputSection::of(msg::inputs_reports(lang), &reports),
    ];
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

/// The rule from the flags over `[regulering]` over the defaults; a value
/// out of range is refused (exit 2).
pub fn rule(
    ctx: &Context,
    threshold_flag: Option<Decimal>,
    tolerance_flag: Option<Decimal>,
) -> Result<RegulationRule, Error> {
    let lang = ctx.lang;
    let config = &ctx.config.regulering;
    let defaults = RegulationRule::default();
    let hundred = Decimal::ONE_HUNDRED;
    let config_error = |message: String| Error::Config {
        path: ctx
            .config
            .source
            .clone()
            .unwrap_or_else(|| PathBuf::from(crate::config::DEFAULT_CONFIG)),
        message,
    };
    let pct = |v: Decimal| numfmt::pct(v, lang);
    let in_range = |v: Decimal| v >= Decimal::ZERO && v <= hundred;
    let checked = |flag: Option<Decimal>,
                   config_value: Option<Decimal>,
                   default: Decimal,
                   flag_name: &str,
                   config_name: &str|
     -> Result<Decimal, Error> {
        let range = "0–100 %";
        if let Some(v) = flag {
            if !in_range(v) {
                return Err(Error::Usage(msg::bad_parameter(
                    flag_name,
                    &pct(v),
                    range,
                    lang,
                )));
            }
            return Ok(v);
        }
        match config_value {
            Some(v) if !in_range(v) => Err(config_error(msg::bad_parameter(
                config_name,
                &pct(v),
                range,
                lang,
            ))),
            Some(v) => Ok(v),
            None => Ok(default),
        }
    };
    let threshold_pct = checked(
        threshold_flag,
        config.overskud_graense,
        defaults.threshold_pct,
        "--overskud-graense",
        "[regulering] overskud_graense",
    )?;
    let tolerance_pct = checked(
        tolerance_flag,
        config.tolerance_pct,
        defaults.tolerance_pct,
        "--tolerance",
        "[regulering] tolerance_pct",
    )?;
    let years = match config.regulering_aar {
        Some(y) if !(0..=10).contains(&y) => {
            return Err(config_error(msg::bad_parameter(
                "[regulering] regulering_aar",
                &y.to_string(),
                "0–10",
                lang,
            )))
        }
        Some(y) => y,
        None => defaults.years,
    };
    Ok(RegulationRule {
        threshold_pct,
        years,
        tolerance_pct,
    })
}

fn list(years: &BTreeSet<i32>) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The accounts' year N and the reports' year, checked: the accounts of one
/// year, the reports of year N + `rule.years` (when their year is known).
/// The error is the message of an [`Error::Inputs`].
pub fn years(
    accounts: &Loaded<AccountRow>,
    reports: &Loaded<TariffRegulation>,
    rule: &RegulationRule,
    lang: Lang,
) -> Result<(Option<i32>, Option<i32>), String> {
    let account_years: BTreeSet<i32> = accounts
        .records
        .iter()
        .map(|r| r.aar)
        .chain(accounts.years.keys().copied())
        .collect();
    if account_years.len() > 1 {
        return Err(msg::accounts_mix_years(&list(&account_years), lang));
    }
    let n = account_years.first().copied();
    let report_years: BTreeSet<i32> = reports
        .records
        .iter()
        .filter_map(|r| r.aar)
        .chain(reports.years.keys().copied())
        .collect();
    let expected = n.map(|n| n + rule.years);
    if let Some((n, expected)) = n.zip(expected) {
        if !report_years.is_empty() && report_years != BTreeSet::from([expected]) {
            return Err(msg::wrong_takst_year(
                n,
                expected,
                &list(&report_years),
                lang,
            ));
        }
    }
    let takst = match report_years.len() {
        1 => report_years.first().copied(),
        _ => expected,
    };
    Ok((n, takst))
}
