//! Tariff reduction: for offers present in both years (not Ny, not Udgår),
//! the change of each tariff and the volume-weighted change per driftsherre
//! and for the region (weighted by what each offer sells in a year, see
//! `tariff.rs`), against the allowed change (1 + P/L) × (1 − required
//! reduction) − 1.
//!
//! Both rule sets of the seeds fit: Nordjylland 2017 required a 1 %
//! reduction (required 1, P/L 0 → allowed −1 %); Sjælland 2016 let budget
//! tariffs rise with P/L 1,6 % (required 0, P/L 1,6 → allowed +1,6 %).

pub mod years;

pub use super::tariff::PreviousSource;
use super::tariff::{self, LastYear, NotWeighable, Weighting};
use crate::dataset::{Status, TariffRow};
use crate::values::reference::Reference;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The rule: P/L and the required real reduction, both in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TakstRule {
    pub pl_pct: Decimal,
    pub required_pct: Decimal,
}

impl TakstRule {
    /// (1 + P/L) × (1 − required) − 1, in percent (see `tariff.rs`).
    pub fn allowed_change_pct(&self) -> Option<Decimal> {
        tariff::allowed_change_pct(self.pl_pct, self.required_pct)
    }
}

/// One tariff compared with last year.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferChange {
    pub kommune: String,
    pub driftsherre: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub paragraf: String,
    pub taksttype: String,
    pub takst_previous: Decimal,
    pub takst: Decimal,
    /// None when last year's tariff is 0.
    pub change_pct: Option<Decimal>,
    /// What the offer sells in a year, in units of its tariff (q).
    pub weight: Decimal,
    pub source: PreviousSource,
}

/// A group's volume-weighted result.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupChange {
    pub kommune: String,
    pub offers: usize,
    /// None when the group's weighted previous tariffs sum to 0.
    pub change_pct: Option<Decimal>,
    pub real_change_pct: Option<Decimal>,
    pub pass: Option<bool>,
}

/// "Takst forrige år" and last year's file disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub driftsherre: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub taksttype: String,
    pub column: Decimal,
    pub last_year: Decimal,
}

/// An offer that could not be compared, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub driftsherre: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub taksttype: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    New,
    Leaving,
    NoPrevious,
    /// No fixed units a year and no Takstgrundlag: the offer's volume is
    /// unknown, so it cannot be weighted into a group's change.
    NotWeighable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TakstResult {
    pub rule: TakstRule,
    pub weighting: Weighting,
    /// None only when the rule's figures overflow.
    pub allowed_change_pct: Option<Decimal>,
    pub region: GroupChange,
    pub by_kommune: Vec<GroupChange>,
    pub offers: Vec<OfferChange>,
    pub disagreements: Vec<Disagreement>,
    pub skipped: Vec<Skipped>,
}

/// Σ q·t_N / Σ q·t_N−1 − 1 in percent, over the offers given.
pub fn weighted_change_pct<'a>(
    offers: impl IntoIterator<Item = &'a OfferChange>,
) -> Option<Decimal> {
    tariff::weighted_change_pct(
        offers
            .into_iter()
            .map(|o| (o.weight, o.takst, o.takst_previous)),
    )
}

fn group(
    kommune: String,
    offers: &[&OfferChange],
    rule: &TakstRule,
    allowed: Option<Decimal>,
) -> GroupChange {
    let change = weighted_change_pct(offers.iter().copied());
    GroupChange {
        kommune,
        offers: offers.len(),
        change_pct: change,
        real_change_pct: change.and_then(|c| tariff::real_change_pct(c, rule.pl_pct)),
        pass: change.zip(allowed).map(|(c, a)| tariff::within(c, a)),
    }
}

/// The analysis.
pub fn analyse(
    current: &[TariffRow],
    previous: Option<&[TariffRow]>,
    rule: TakstRule,
    weighting: Weighting,
    reference: &Reference,
) -> TakstResult {
    let last_year = LastYear::of(previous.unwrap_or_default());
    let mut offers = Vec::new();
    let mut disagreements = Vec::new();
    let mut skipped = Vec::new();
    for row in current {
        let skip = |reason| Skipped {
            driftsherre: row.driftsherre_written.clone(),
            tilbudsnr: row.tilbudsnr.clone(),
            tilbudsnavn: row.tilbudsnavn.clone(),
            taksttype: row.taksttype.clone(),
            reason,
        };
        match row.status {
            Status::Ny => {
                skipped.push(skip(SkipReason::New));
                continue;
            }
            Status::Udgaar => {
                skipped.push(skip(SkipReason::Leaving));
                continue;
            }
            Status::Fortsaetter => {}
        }
        let Some(previous) = last_year.previous(row) else {
            skipped.push(skip(SkipReason::NoPrevious));
            continue;
        };
        if let Some(column) = previous.column_disagrees {
            // Last year's report is what DAS saw and approved; the restated
            // figure of this year's form is shown beside it.
            disagreements.push(Disagreement {
                driftsherre: row.driftsherre_written.clone(),
                tilbudsnr: row.tilbudsnr.clone(),
                tilbudsnavn: row.tilbudsnavn.clone(),
                taksttype: row.taksttype.clone(),
                column,
                last_year: previous.takst,
            });
        }
        let (takst_previous, source) = (previous.takst, previous.source);
        let weight = match weighting.annual_volume(row) {
            Ok(q) => q,
            Err(NotWeighable::NoCostBasis | NotWeighable::NoVolume) => {
                skipped.push(skip(SkipReason::NotWeighable));
                continue;
            }
        };
        let change_pct = tariff::change_pct(row.takst, takst_previous);
        offers.push(OfferChange {
            kommune: reference.display_name(&row.driftsherre),
            driftsherre: row.driftsherre_written.clone(),
            tilbudsnr: row.tilbudsnr.clone(),
            tilbudsnavn: row.tilbudsnavn.clone(),
            paragraf: reference
                .paragraf_info(row.paragraf)
                .map(|p| p.label.clone())
                .unwrap_or_default(),
            taksttype: row.taksttype.clone(),
            takst_previous,
            takst: row.takst,
            change_pct,
            weight,
            source,
        });
    }
    let allowed = rule.allowed_change_pct();
    let mut by: BTreeMap<String, Vec<&OfferChange>> = BTreeMap::new();
    for o in &offers {
        by.entry(o.kommune.clone()).or_default().push(o);
    }
    let by_kommune = by
        .into_iter()
        .map(|(kommune, list)| group(kommune, &list, &rule, allowed))
        .collect();
    let all: Vec<&OfferChange> = offers.iter().collect();
    let region = group(String::new(), &all, &rule, allowed);
    TakstResult {
        rule,
        weighting,
        allowed_change_pct: allowed,
        region,
        by_kommune,
        offers,
        disagreements,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn offer(weight: &str, before: &str, now: &str) -> OfferChange {
        OfferChange {
            kommune: "Aalborg".into(),
            driftsherre: "Aalborg".into(),
            tilbudsnr: "1".into(),
            tilbudsnavn: "A".into(),
            paragraf: "SEL §108".into(),
            taksttype: "Døgntakst".into(),
            takst_previous: d(before),
            takst: d(now),
            change_pct: None,
            weight: d(weight),
            source: PreviousSource::Column,
        }
    }

    #[test]
    fn the_rule_gives_the_shared_allowed_change() {
        let sjaelland = TakstRule {
            pl_pct: d("1.6"),
            required_pct: d("0"),
        };
        assert_eq!(sjaelland.allowed_change_pct(), Some(d("1.6")));
    }

    #[test]
    fn weighted_change_by_hand() {
        // Weights 9.5 and 20 × 0.5 = 10: (9.5 × 990 + 10 × 2040) / (9.5 × 1000 + 10 × 2000) − 1
        // = (9405 + 20400) / (9500 + 20000) − 1 = 29805 / 29500 − 1 = 1.0338983… %
        let offers = [offer("9.5", "1000", "990"), offer("10", "2000", "2040")];
        let change = weighted_change_pct(offers.iter()).unwrap();
        assert_eq!(change.round_dp(6), d("1.033898"));
        // 1.010338983 / 1.016 − 1 = −0.5572 %
        assert_eq!(
            tariff::real_change_pct(change, d("1.6"))
                .unwrap()
                .round_dp(4),
            d("-0.5572")
        );
    }

    /// Last year's repeated key: the first row counts, as in
    /// `takstanalyse` (both read last year through `tariff::LastYear`).
    #[test]
    fn a_repeated_key_of_last_year_takes_the_first_row() {
        use crate::analysis::tariff::testrow::row;
        let reference = crate::schema::Catalog::embedded().unwrap().reference;
        let now = row("Døgntakst", "10", "100", "1020", None);
        let first = TariffRow {
            takst: d("1000"),
            ..now.clone()
        };
        let second = TariffRow {
            takst: d("1200"),
            ..now.clone()
        };
        let result = analyse(
            std::slice::from_ref(&now),
            Some(&[first, second]),
            TakstRule::default(),
            Weighting::default(),
            &reference,
        );
        assert_eq!(result.offers.len(), 1);
        assert_eq!(result.offers[0].takst_previous, d("1000"));
        assert_eq!(result.region.change_pct, Some(d("2")));
    }

    #[test]
    fn zero_weights_give_no_change_not_a_panic() {
        let offers = [offer("0", "1000", "990")];
        assert_eq!(weighted_change_pct(offers.iter()), None);
        assert_eq!(weighted_change_pct([].iter()), None);
    }
}
