//! The takstanalyse over several years (the Sjælland steering group's minutes of 2016: the strategy 2017–2020):
//! each pair of consecutive reports analysed as for two years, then per
//! målgruppe × paragraf × taksttype, per group and for the region, each
//! year's like-for-like change chained into the change since the first
//! year, nominal and in fixed prices of the first year, against a target
//! for the real change (by default 0: tariffs rise at most with the P/L).

use super::order::{danish_key, natural_key, RowKey};
use super::{analyse, group_rank, NotWeighed};
use crate::analysis::takst::years::YearSet;
use crate::analysis::tariff::{self, Span, Weighting};
use crate::values::reference::{Group, Reference};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One row over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct YearLine {
    pub group: Group,
    pub maalgruppe: String,
    pub paragraf: String,
    pub taksttype: String,
    pub span: Span,
    /// Real change over the years ≤ target.
    pub within_target: Option<bool>,
}

/// A group (børn, voksne, both) or the region over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct YearTotal {
    pub group: Option<Group>,
    pub span: Span,
    pub within_target: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TakstanalyseYearsResult {
    pub years: Vec<Option<i32>>,
    /// Each year's P/L (from the year before), if known.
    pub pl: Vec<Option<Decimal>>,
    pub pl_since_first: Vec<Option<Decimal>>,
    pub target_real_pct: Decimal,
    pub weighting: Weighting,
    pub rows: Vec<YearLine>,
    pub groups: Vec<YearTotal>,
    pub region: YearTotal,
    /// Offers left out of a year's figures, each once.
    pub not_weighable: Vec<NotWeighed>,
}

/// The analysis over `sets` (oldest first). `pl[i]`: the P/L from set i to
/// set i + 1; `target_real_pct`: the target, default 0.
pub fn analyse_years(
    sets: &[YearSet<'_>],
    pl: &[Option<Decimal>],
    target_real_pct: Option<Decimal>,
    weighting: Weighting,
    reference: &Reference,
) -> TakstanalyseYearsResult {
    let pairs: Vec<_> = sets.windows(2).collect();
    let steps = pairs.len();
    let pl: Vec<Option<Decimal>> = (0..steps).map(|i| pl.get(i).copied().flatten()).collect();
    let mut rows: BTreeMap<RowKey, (Group, Vec<Option<Decimal>>)> = BTreeMap::new();
    let mut groups: BTreeMap<u8, (Group, Vec<Option<Decimal>>)> = BTreeMap::new();
    let mut region = vec![None; steps];
    let mut not_weighable: Vec<NotWeighed> = Vec::new();
    for (i, pair) in pairs.iter().enumerate() {
        let (Some(before), Some(now)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let result = analyse(
            now.rows,
            Some(before.rows),
            pl.get(i).copied().flatten(),
            weighting,
            reference,
        );
        for line in &result.rows {
            let key = RowKey {
                rank: group_rank(line.group),
                maalgruppe_key: danish_key(&line.maalgruppe),
                paragraf_key: natural_key(&line.paragraf),
                taksttype_key: danish_key(&line.taksttype),
                maalgruppe: line.maalgruppe.clone(),
                paragraf: line.paragraf.clone(),
                taksttype: line.taksttype.clone(),
            };
            let (_, changes) = rows
                .entry(key)
                .or_insert_with(|| (line.group, vec![None; steps]));
            if let Some(slot) = changes.get_mut(i) {
                *slot = line.figures.change_pct;
            }
        }
        for g in &result.groups {
            let (_, changes) = groups
                .entry(group_rank(g.group))
                .or_insert_with(|| (g.group, vec![None; steps]));
            if let Some(slot) = changes.get_mut(i) {
                *slot = g.figures.change_pct;
            }
        }
        if let Some(slot) = region.get_mut(i) {
            *slot = result.region.change_pct;
        }
        for o in result.not_weighable {
            if !not_weighable.contains(&o) {
                not_weighable.push(o);
            }
        }
    }
    let target = target_real_pct.unwrap_or(Decimal::ZERO);
    let judged = |changes: Vec<Option<Decimal>>| {
        let span = Span::of(changes, &pl);
        let within = span.real_pct().map(|r| tariff::within(r, target));
        (span, within)
    };
    let zero: Vec<Option<Decimal>> = vec![Some(Decimal::ZERO); steps];
    let (region_span, region_within) = judged(region);
    let pl_since_first = Span::of(pl.clone(), &zero).nominal_since_first;
    TakstanalyseYearsResult {
        years: sets.iter().map(|s| s.year).collect(),
        pl_since_first,
        pl: pl.clone(),
        target_real_pct: target,
        weighting,
        rows: rows
            .into_iter()
            .map(|(key, (group, changes))| {
                let (span, within_target) = judged(changes);
                YearLine {
                    group,
                    maalgruppe: key.maalgruppe,
                    paragraf: key.paragraf,
                    taksttype: key.taksttype,
                    span,
                    within_target,
                }
            })
            .collect(),
        groups: groups
            .into_values()
            .map(|(group, changes)| {
                let (span, within_target) = judged(changes);
                YearTotal {
                    group: Some(group),
                    span,
                    within_target,
                }
            })
            .collect(),
        region: YearTotal {
            group: None,
            span: region_span,
            within_target: region_within,
        },
        not_weighable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tariff::testrow::row;
    use crate::dataset::TariffRow;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A voksne offer (SEL §108) and a børn offer (SEL §66).
    fn year(aar: i32, voksne: &str, boern: &str) -> Vec<TariffRow> {
        let r = crate::schema::Catalog::embedded().unwrap().reference;
        vec![
            TariffRow {
                aar: Some(aar),
                ..row("Døgntakst", "10", "100", voksne, None)
            },
            TariffRow {
                aar: Some(aar),
                tilbudsnr: "2".into(),
                paragraf: r.paragraf("SEL §66").unwrap(),
                maalgruppe: r.maalgruppe("Autister").unwrap(),
                ..row("Døgntakst", "10", "100", boern, None)
            },
        ]
    }

    #[test]
    fn rows_groups_and_region_chained_over_three_years() {
        let r = crate::schema::Catalog::embedded().unwrap().reference;
        let (a, b, c) = (
            year(2016, "1000", "2000"),
            year(2017, "1020", "2000"),
            year(2018, "1020", "2040"),
        );
        let sets = [
            YearSet {
                year: Some(2016),
                rows: &a,
            },
            YearSet {
                year: Some(2017),
                rows: &b,
            },
            YearSet {
                year: Some(2018),
                rows: &c,
            },
        ];
        let pl = [Some(d("1.9")), Some(d("1.4"))];
        let result = analyse_years(&sets, &pl, None, Weighting::default(), &r);
        let shape: Vec<(&str, Vec<Option<Decimal>>)> = result
            .rows
            .iter()
            .map(|l| (l.paragraf.as_str(), l.span.changes.clone()))
            .collect();
        // Børn first.
        assert_eq!(
            shape,
            vec![
                ("SEL §66", vec![Some(d("0")), Some(d("2"))]),
                ("SEL §108", vec![Some(d("2")), Some(d("0"))]),
            ]
        );
        // Both +2 % over the years; P/L 3,3266 %: real 1.02 / 1.033266 − 1.
        for line in &result.rows {
            assert_eq!(line.span.nominal_pct(), Some(d("2")));
            assert_eq!(
                line.span.real_pct().map(|r| r.round_dp(4)),
                Some(d("-1.2839"))
            );
            assert_eq!(line.within_target, Some(true));
        }
        assert_eq!(result.groups.len(), 2);
        // Region: 3.020 / 3.000 − 1, then 3.060 / 3.020 − 1: +2 % in all.
        assert_eq!(
            result.region.span.nominal_pct().map(|n| n.round_dp(10)),
            Some(d("2"))
        );
        assert_eq!(result.target_real_pct, d("0"));
        // A target of −1,5 % real is missed.
        let strict = analyse_years(&sets, &pl, Some(d("-1.5")), Weighting::default(), &r);
        assert_eq!(strict.region.within_target, Some(false));
        let loose = analyse_years(&sets, &pl, Some(d("-1.25")), Weighting::default(), &r);
        assert_eq!(loose.region.within_target, Some(true));
    }

    #[test]
    fn a_row_missing_in_one_year_has_no_change_over_the_years() {
        let r = crate::schema::Catalog::embedded().unwrap().reference;
        let a = year(2016, "1000", "2000");
        let mut b = year(2017, "1010", "2000");
        b.truncate(1);
        let c = year(2018, "1020", "2040");
        let sets = [
            YearSet {
                year: Some(2016),
                rows: &a,
            },
            YearSet {
                year: Some(2017),
                rows: &b,
            },
            YearSet {
                year: Some(2018),
                rows: &c,
            },
        ];
        let result = analyse_years(&sets, &[None, None], None, Weighting::default(), &r);
        let boern = &result.rows[0];
        assert_eq!(boern.paragraf, "SEL §66");
        // 2017 has no børn offer; in 2018 the offer has no previous tariff.
        assert_eq!(boern.span.changes, vec![None, None]);
        assert_eq!(boern.span.nominal_pct(), None);
        // Without P/L no real change and no verdict.
        assert_eq!(result.rows[1].span.real_pct(), None);
        assert_eq!(result.rows[1].within_target, None);
    }
}
