//! The tariff reduction over several years (the Sjælland steering group's minutes of 2016: the strategy
//! 2017–2020): each pair of consecutive reports compared as `takst` does,
//! then each year's change chained into the change since the first year,
//! nominal and in fixed prices of the first year, for the region and per
//! driftsherre, against a target for the real change over the years.

use super::{analyse, GroupChange, TakstRule};
use crate::analysis::tariff::{self, Span, Weighting};
use crate::dataset::TariffRow;
use crate::values::reference::Reference;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One year's reports.
#[derive(Debug, Clone, Copy)]
pub struct YearSet<'a> {
    /// The year, when known (the column År, else the folder's name).
    pub year: Option<i32>,
    pub rows: &'a [TariffRow],
}

/// One year against the year before.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// The P/L from `from` to `to`, if known.
    pub pl_pct: Option<Decimal>,
    /// The allowed change of the year: (1 + P/L) × (1 − required) − 1.
    pub allowed_pct: Option<Decimal>,
    /// The region's change of the year (as `takst` has it).
    pub region: GroupChange,
}

/// A group's change over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSpan {
    /// The kommune (empty for the region).
    pub kommune: String,
    pub span: Span,
    /// Real change over the years ≤ target; None when not computable.
    pub pass: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TakstYearsResult {
    pub years: Vec<Option<i32>>,
    pub required_pct: Decimal,
    /// The target for the real change over all the years, in percent.
    pub target_real_pct: Option<Decimal>,
    /// Whether the target is the required reduction chained (no target
    /// given).
    pub target_from_required: bool,
    pub weighting: Weighting,
    pub steps: Vec<Step>,
    /// The P/L chained over the years.
    pub pl_since_first: Vec<Option<Decimal>>,
    pub region: GroupSpan,
    pub by_kommune: Vec<GroupSpan>,
}

/// The analysis over `sets` (oldest first, at least two). `pl[i]` is the
/// P/L from set i to set i + 1; `target_real_pct` the target, else the
/// required reduction chained over the years.
pub fn analyse_years(
    sets: &[YearSet<'_>],
    pl: &[Option<Decimal>],
    required_pct: Decimal,
    target_real_pct: Option<Decimal>,
    weighting: Weighting,
    reference: &Reference,
) -> TakstYearsResult {
    let mut steps = Vec::new();
    let mut kommune_changes: BTreeMap<String, Vec<Option<Decimal>>> = BTreeMap::new();
    let pairs: Vec<_> = sets.windows(2).collect();
    for (i, pair) in pairs.iter().enumerate() {
        let (Some(before), Some(now)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let pl_pct = pl.get(i).copied().flatten();
        let rule = TakstRule {
            pl_pct: pl_pct.unwrap_or_default(),
            required_pct,
        };
        let result = analyse(now.rows, Some(before.rows), rule, weighting, reference);
        for g in &result.by_kommune {
            kommune_changes
                .entry(g.kommune.clone())
                .or_insert_with(|| vec![None; pairs.len()]);
        }
        for g in &result.by_kommune {
            if let Some(slot) = kommune_changes
                .get_mut(&g.kommune)
                .and_then(|c| c.get_mut(i))
            {
                *slot = g.change_pct;
            }
        }
        let mut region = result.region.clone();
        if pl_pct.is_none() {
            region.real_change_pct = None;
        }
        steps.push(Step {
            from: before.year,
            to: now.year,
            pl_pct,
            allowed_pct: pl_pct.and_then(|p| tariff::allowed_change_pct(p, required_pct)),
            region,
        });
    }
    let pl: Vec<Option<Decimal>> = (0..steps.len())
        .map(|i| pl.get(i).copied().flatten())
        .collect();
    let target_from_required = target_real_pct.is_none();
    let target = target_real_pct
        .or_else(|| tariff::chain_pct(std::iter::repeat_n(-required_pct, steps.len())));
    let group = |kommune: String, changes: Vec<Option<Decimal>>| {
        let span = Span::of(changes, &pl);
        let pass = span
            .real_pct()
            .zip(target)
            .map(|(r, t)| tariff::within(r, t));
        GroupSpan {
            kommune,
            span,
            pass,
        }
    };
    let region = group(
        String::new(),
        steps.iter().map(|s| s.region.change_pct).collect(),
    );
    let zero: Vec<Option<Decimal>> = vec![Some(Decimal::ZERO); pl.len()];
    let pl_since_first = Span::of(pl.clone(), &zero).nominal_since_first;
    TakstYearsResult {
        years: sets.iter().map(|s| s.year).collect(),
        required_pct,
        target_real_pct: target,
        target_from_required,
        weighting,
        steps,
        pl_since_first,
        region,
        by_kommune: kommune_changes
            .into_iter()
            .map(|(k, c)| group(k, c))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tariff::testrow::row;
    use crate::values::reference::Party;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn year(aar: i32, aalborg: &str, hjoerring: &str) -> Vec<TariffRow> {
        let a = TariffRow {
            aar: Some(aar),
            ..row("Døgntakst", "10", "100", aalborg, None)
        };
        let h = TariffRow {
            aar: Some(aar),
            driftsherre: Party::Kommune(860),
            driftsherre_written: "Hjørring".into(),
            tilbudsnr: "2".into(),
            ..row("Døgntakst", "10", "100", hjoerring, None)
        };
        vec![a, h]
    }

    /// Aalborg 1.000 → 1.020 → 1.030,20 (+2 %, +1 %); Hjørring 1.000 →
    /// 1.000 → 990 (0 %, −1 %). Same weights (10 × 365, 2017 and 2018 not
    /// leap years), so the region: 2.020 / 2.000 − 1 = +1 %, then
    /// 2.020,20 / 2.020 − 1 = +0,0099 %. P/L 1,9 and 1,4.
    #[test]
    fn two_years_chained_nominal_and_real() {
        let r = crate::schema::Catalog::embedded().unwrap().reference;
        let (y16, y17, y18) = (
            year(2016, "1000", "1000"),
            year(2017, "1020", "1000"),
            year(2018, "1030.20", "990"),
        );
        let sets = [
            YearSet {
                year: Some(2016),
                rows: &y16,
            },
            YearSet {
                year: Some(2017),
                rows: &y17,
            },
            YearSet {
                year: Some(2018),
                rows: &y18,
            },
        ];
        let pl = [Some(d("1.9")), Some(d("1.4"))];
        let result = analyse_years(&sets, &pl, Decimal::ZERO, None, Weighting::default(), &r);
        assert_eq!(result.years, vec![Some(2016), Some(2017), Some(2018)]);
        assert_eq!(result.steps.len(), 2);
        assert_eq!(result.steps[0].region.change_pct, Some(d("1")));
        assert_eq!(result.steps[0].allowed_pct, Some(d("1.9")));
        assert_eq!(result.steps[1].from, Some(2017));
        let second = result.steps[1].region.change_pct.unwrap();
        assert_eq!(second.round_dp(4), d("0.0099"));
        // 1.01 × 1.000099 − 1 = 1,01 % since 2016, the sum over both
        // kommuner: 2.020,20 / 2.000 − 1.
        assert_eq!(
            result.region.span.nominal_pct().map(|n| n.round_dp(6)),
            Some(d("1.01"))
        );
        // Prices 1.019 × 1.014 = 1.033266: 1.0101 / 1.033266 − 1 = −2,2420 %.
        assert_eq!(
            result.pl_since_first,
            vec![Some(d("1.9")), Some(d("3.3266"))]
        );
        assert_eq!(
            result.region.span.real_pct().map(|r| r.round_dp(4)),
            Some(d("-2.242"))
        );
        // No target given, no reduction required: real change ≤ 0.
        assert!(result.target_from_required);
        assert_eq!(result.target_real_pct, Some(d("0")));
        assert_eq!(result.region.pass, Some(true));
        let aalborg = &result.by_kommune[0];
        assert_eq!(aalborg.kommune, "Aalborg");
        assert_eq!(aalborg.span.changes, vec![Some(d("2")), Some(d("1"))]);
        assert_eq!(aalborg.span.nominal_pct(), Some(d("3.02")));
        // 1.0302 / 1.033266 − 1 = −0,2967 %: within a target of −0,25 %, not
        // of −0,3 % (Hjørring's −4,19 % is within both).
        let strict = analyse_years(
            &sets,
            &pl,
            Decimal::ZERO,
            Some(d("-0.3")),
            Weighting::default(),
            &r,
        );
        assert_eq!(strict.by_kommune[0].pass, Some(false));
        let loose = analyse_years(
            &sets,
            &pl,
            Decimal::ZERO,
            Some(d("-0.25")),
            Weighting::default(),
            &r,
        );
        assert_eq!(loose.by_kommune[0].pass, Some(true));
        assert_eq!(strict.by_kommune[1].pass, Some(true));
        assert!(!strict.target_from_required);
    }

    #[test]
    fn a_required_reduction_chains_into_the_target_and_a_missing_pl_leaves_no_real_change() {
        let r = crate::schema::Catalog::embedded().unwrap().reference;
        let (y16, y17, y18) = (
            year(2016, "1000", "1000"),
            year(2017, "990", "990"),
            year(2018, "980.10", "980.10"),
        );
        let sets = [
            YearSet {
                year: Some(2016),
                rows: &y16,
            },
            YearSet {
                year: Some(2017),
                rows: &y17,
            },
            YearSet {
                year: Some(2018),
                rows: &y18,
            },
        ];
        // Required 1 % a year: 0.99 × 0.99 − 1 = −1,99 %.
        let result = analyse_years(
            &sets,
            &[Some(d("0")), None],
            d("1"),
            None,
            Weighting::default(),
            &r,
        );
        assert_eq!(result.target_real_pct, Some(d("-1.99")));
        assert_eq!(
            result.region.span.nominal_pct().map(|n| n.round_dp(6)),
            Some(d("-1.99"))
        );
        assert_eq!(result.steps[1].pl_pct, None);
        assert_eq!(result.steps[1].allowed_pct, None);
        assert_eq!(result.steps[1].region.real_change_pct, None);
        assert_eq!(result.region.span.real_pct(), None);
        assert_eq!(result.region.pass, None);
    }
}
