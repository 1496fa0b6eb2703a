//! The parameters of the analyses, built in one place from a command's
//! flags (first), the config file's sections (then) and the analyses' own
//! defaults (last). Every command and the annex take their options from
//! here, so `ramme takst` and `ramme bilag` can never disagree on a rule.

use crate::analysis::tariff::Weighting;
use crate::analysis::{forbrug, kriterier, takst, udgift, udmelding};
use crate::config::Config;
use rust_decimal::Decimal;

/// How each taksttype's yearly volume is counted (`[takst] aabningsdage`).
pub fn weighting(config: &Config) -> Weighting {
    let default = Weighting::default();
    Weighting {
        opening_days: config.takst.aabningsdage.unwrap_or(default.opening_days),
    }
}

/// The overhead limit in percent that the takstanalyse judges by: the
/// takstindberetning's `overhead` rule as the run compiles it (with
/// `[takst] overhead_pct` applied to it), else the check's default.
pub fn overhead_limit(catalog: &crate::schema::Catalog) -> Decimal {
    catalog
        .schema("takstindberetning")
        .and_then(|s| s.rules.iter().find(|r| r.check == "overhead"))
        .and_then(|r| r.params.get("overhead_pct").copied())
        .or_else(|| crate::rules::default_param("overhead", "overhead_pct"))
        .unwrap_or(Decimal::from(6))
}

/// The tariff-reduction rule: P/L and the required reduction in percent
/// (`--pl`, `--required`, else `[takst] pl` for the year and `required`,
/// else 0).
pub fn takst_rule(
    config: &Config,
    year: Option<i32>,
    pl: Option<Decimal>,
    required: Option<Decimal>,
) -> takst::TakstRule {
    takst::TakstRule {
        pl_pct: pl.or(config.takst.pl_for(year)).unwrap_or(Decimal::ZERO),
        required_pct: required.or(config.takst.required).unwrap_or(Decimal::ZERO),
    }
}

/// The P/L of the tariff analysis for a year, if any (`--pl`, else
/// `[takst] pl`).
pub fn takst_pl(config: &Config, year: Option<i32>, pl: Option<Decimal>) -> Option<Decimal> {
    pl.or(config.takst.pl_for(year))
}

/// The expenditure targets of `udgift` in percent.
pub fn udgift_targets(
    config: &Config,
    total: Option<Decimal>,
    takst: Option<Decimal>,
    visitation: Option<Decimal>,
) -> udgift::Targets {
    let defaults = udgift::Targets::default();
    let c = &config.udgift;
    udgift::Targets {
        total: total.or(c.target_total).unwrap_or(defaults.total),
        takst: takst.or(c.target_takst).unwrap_or(defaults.takst),
        visitation: visitation
            .or(c.target_visitation)
            .unwrap_or(defaults.visitation),
    }
}

/// The withdrawal procedure of the strengthened cooperation.
pub fn procedure(config: &Config, period_start: Option<i32>) -> udmelding::Procedure {
    let defaults = udmelding::Procedure::default();
    let s = &config.samarbejde;
    udmelding::Procedure {
        period_start: period_start
            .or(s.period_start)
            .unwrap_or(defaults.period_start),
        period_length: s.period_length.unwrap_or(defaults.period_length),
        months: s.withdrawal_months.clone().unwrap_or(defaults.months),
        even_years: s.withdrawal_even_years.unwrap_or(defaults.even_years),
    }
}

/// The inhabitants per indicator of the criteria ("pr. 100.000 indbyggere").
pub fn indicator_per(config: &Config, per: Option<Decimal>) -> Decimal {
    per.or(config.samarbejde.indicator_per)
        .unwrap_or(Decimal::from(kriterier::INDICATOR_PER))
}

/// The parameters of `forbrug`: flags, else `[forbrug]` and `[samarbejde]
/// tilbud`.
pub fn forbrug_params(
    config: &Config,
    faa_kommuner: Option<usize>,
    warn_below: Option<Decimal>,
) -> forbrug::Params {
    let defaults = forbrug::Params::default();
    forbrug::Params {
        faa_kommuner: faa_kommuner
            .or(config.forbrug.faa_kommuner)
            .unwrap_or(defaults.faa_kommuner),
        warn_below_pct: warn_below
            .or(config.forbrug.belaegning_advarsel)
            .unwrap_or(defaults.warn_below_pct),
        forstaerket: config
            .samarbejde
            .tilbud
            .iter()
            .map(|t| t.trim().to_string())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn flags_win_over_the_config_which_wins_over_the_defaults() {
        let mut config = Config::default();
        assert_eq!(takst_rule(&config, None, None, None).pl_pct, Decimal::ZERO);
        config.takst.pl = Some(dec("1.9"));
        config.takst.required = Some(dec("2"));
        let rule = takst_rule(&config, None, None, None);
        assert_eq!((rule.pl_pct, rule.required_pct), (dec("1.9"), dec("2")));
        let rule = takst_rule(&config, None, Some(dec("1.6")), None);
        assert_eq!((rule.pl_pct, rule.required_pct), (dec("1.6"), dec("2")));

        let defaults = udgift::Targets::default();
        let t = udgift_targets(&config, None, Some(dec("-1")), None);
        assert_eq!((t.total, t.takst), (defaults.total, dec("-1")));
        config.udgift.target_total = Some(dec("3"));
        assert_eq!(udgift_targets(&config, None, None, None).total, dec("3"));
        assert_eq!(
            udgift_targets(&config, Some(dec("4")), None, None).total,
            dec("4")
        );

        assert_eq!(
            indicator_per(&config, None),
            Decimal::from(kriterier::INDICATOR_PER)
        );
        config.samarbejde.indicator_per = Some(dec("1000"));
        assert_eq!(indicator_per(&config, None), dec("1000"));
        assert_eq!(indicator_per(&config, Some(dec("10"))), dec("10"));

        let p = procedure(&config, None);
        assert_eq!(p.period_start, udmelding::Procedure::default().period_start);
        config.samarbejde.period_start = Some(2031);
        assert_eq!(procedure(&config, None).period_start, 2031);
        assert_eq!(procedure(&config, Some(2027)).period_start, 2027);

        assert_eq!(
            weighting(&config).opening_days,
            Weighting::default().opening_days
        );
        config.takst.aabningsdage = Some(dec("230"));
        assert_eq!(weighting(&config).opening_days, dec("230"));
    }
}
