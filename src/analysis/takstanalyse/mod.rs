//! The yearly tariff analysis by målgruppe and paragraf (the Sjælland steering group's minutes of 2016, KKR
//! Sjælland): per målgruppe × paragraf × taksttype the offers, the places,
//! the volume-weighted average tariff of this year and of last year, and the
//! like-for-like change against last year, compared with the P/L; with
//! subtotals for børn and voksne and a total for the region.
//!
//! A døgntakst and an hourly tariff are never averaged together: taksttype is
//! part of every row. The change is an index over the offers present in both
//! years (not Ny, not Udgår), Σ q·takst_N / Σ q·takst_N−1 − 1 with q what the
//! offer sells in a year of year N (`analysis::tariff`), so new and leaving
//! offers do not move it. Every division checks for a zero denominator and
//! every sum for overflow; what cannot be computed is `None`.
//!
//! By job: `sums.rs` the running weighted sums, `order.rs` the table's
//! Danish and natural order, this file the rows, groups and region.

mod order;
pub mod overhead;
mod sums;
pub mod years;

use super::tariff::{self, LastYear, Weighting};
use crate::dataset::{Status, TariffRow};
use crate::values::reference::{Group, ParagrafId, Reference};
use order::{danish_key, natural_key, RowKey};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
pub use sums::{Entry, Sums};

/// Børn or voksne: the paragraph's group; for a paragraph for both, the
/// målgruppe's group; if that is both too, both.
pub fn group_of(paragraf: Group, maalgruppe: Group) -> Group {
    match paragraf {
        Group::Begge => maalgruppe,
        group => group,
    }
}

/// The order of groups in the table: børn, voksne, both.
fn group_rank(group: Group) -> u8 {
    match group {
        Group::Boern => 0,
        Group::Voksne => 1,
        Group::Begge => 2,
    }
}

/// The figures of a row, a group or the region.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Distinct offers (Tilbudsnr, Paragraf).
    pub offers: usize,
    /// Σ Pladser, each offer once.
    pub places: Decimal,
    /// Offers in the change.
    pub compared: usize,
    pub change_pct: Option<Decimal>,
    pub real_change_pct: Option<Decimal>,
    pub within_pl: Option<bool>,
}

/// One row of the table: målgruppe × paragraf × taksttype.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub group: Group,
    pub maalgruppe: String,
    /// "SEL §107".
    pub paragraf: String,
    /// "Døgntakst".
    pub taksttype: String,
    pub figures: Figures,
    pub avg_takst: Option<Decimal>,
    pub avg_takst_previous: Option<Decimal>,
}

/// A subtotal of one group (børn, voksne, or both).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotal {
    pub group: Group,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TakstanalyseResult {
    pub pl_pct: Option<Decimal>,
    pub weighting: Weighting,
    /// Whether any offer had last year's tariff.
    pub has_previous: bool,
    pub rows: Vec<Line>,
    /// Børn and voksne always, "both" when there are such rows.
    pub groups: Vec<GroupTotal>,
    pub region: Figures,
    /// Offers whose yearly volume is unknown (no units a year and no
    /// Takstgrundlag): counted as offers and places, left out of the sums.
    pub not_weighable: Vec<NotWeighed>,
    /// Overhead by driftsherre, when the reports give cost categories
    /// ([`TakstanalyseResult::with_overhead`]).
    pub overhead: Option<overhead::Overhead>,
}

impl TakstanalyseResult {
    /// Adds the overhead by driftsherre of this year's rows against the
    /// overhead rule's limit in percent.
    pub fn with_overhead(
        mut self,
        current: &[TariffRow],
        limit_pct: Decimal,
        reference: &Reference,
    ) -> Self {
        self.overhead = overhead::by_driftsherre(current, limit_pct, reference);
        self
    }
}

/// An offer left out of the weighted figures.
#[derive(Debug, Clone, PartialEq)]
pub struct NotWeighed {
    pub driftsherre: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub taksttype: String,
}

type OfferKey = (String, ParagrafId);

/// Offers with their places (the largest of their rows) and sums.
#[derive(Debug, Default)]
struct Bucket {
    offers: HashMap<OfferKey, Decimal>,
    sums: Sums,
}

impl Bucket {
    fn absorb(&mut self, other: &Bucket) {
        for (key, places) in &other.offers {
            let slot = self.offers.entry(key.clone()).or_insert(*places);
            *slot = (*slot).max(*places);
        }
        self.sums.merge(&other.sums);
    }

    fn figures(&self, pl_pct: Option<Decimal>) -> Figures {
        let mut places = Decimal::ZERO;
        let mut overflow = false;
        for p in self.offers.values() {
            sums::add_to(&mut places, Some(*p), &mut overflow);
        }
        let change_pct = self.sums.change_pct();
        let against_pl = change_pct.zip(pl_pct);
        Figures {
            offers: self.offers.len(),
            places,
            compared: self.sums.compared(),
            change_pct,
            real_change_pct: against_pl.and_then(|(c, pl)| tariff::real_change_pct(c, pl)),
            within_pl: against_pl.map(|(c, pl)| tariff::within(c, pl)),
        }
    }
}

/// The analysis. `previous`: last year's rows, matched on
/// [`TariffRow::key`]; an offer without a match uses its own "Takst forrige
/// år" if filled in. `pl_pct`: the P/L in percent.
pub fn analyse(
    current: &[TariffRow],
    previous: Option<&[TariffRow]>,
    pl_pct: Option<Decimal>,
    weighting: Weighting,
    reference: &Reference,
) -> TakstanalyseResult {
    let last_year = LastYear::of(previous.unwrap_or(&[]));
    let mut not_weighable = Vec::new();

    let mut buckets: BTreeMap<RowKey, (Group, Bucket)> = BTreeMap::new();
    for row in current {
        let paragraf = reference.paragraf_info(row.paragraf);
        let maalgruppe = reference.maalgruppe_info(row.maalgruppe);
        let group = group_of(
            paragraf.map_or(Group::Begge, |p| p.group),
            maalgruppe.map_or(Group::Begge, |m| m.group),
        );
        let maalgruppe = maalgruppe.map(|m| m.name.clone()).unwrap_or_default();
        let paragraf = paragraf.map(|p| p.label.clone()).unwrap_or_default();
        let key = RowKey {
            rank: group_rank(group),
            maalgruppe_key: danish_key(&maalgruppe),
            paragraf_key: natural_key(&paragraf),
            taksttype_key: danish_key(&row.taksttype),
            maalgruppe,
            paragraf,
            taksttype: row.taksttype.clone(),
        };
        let (_, bucket) = buckets
            .entry(key)
            .or_insert_with(|| (group, Bucket::default()));
        let places = bucket
            .offers
            .entry((row.tilbudsnr.clone(), row.paragraf))
            .or_insert(row.pladser);
        *places = (*places).max(row.pladser);
        let before = last_year.previous(row).map(|p| p.takst);
        let Ok(weight) = weighting.annual_volume(row) else {
            not_weighable.push(NotWeighed {
                driftsherre: row.driftsherre_written.clone(),
                tilbudsnr: row.tilbudsnr.clone(),
                tilbudsnavn: row.tilbudsnavn.clone(),
                taksttype: row.taksttype.clone(),
            });
            continue;
        };
        bucket.sums.add(&Entry {
            weight,
            takst: row.takst,
            previous: before,
            comparable: row.status == Status::Fortsaetter,
        });
    }

    let mut by_group: BTreeMap<u8, (Group, Bucket)> = BTreeMap::new();
    for group in [Group::Boern, Group::Voksne] {
        by_group.insert(group_rank(group), (group, Bucket::default()));
    }
    let mut region = Bucket::default();
    let mut rows = Vec::with_capacity(buckets.len());
    for (key, (group, bucket)) in &buckets {
        by_group
            .entry(key.rank)
            .or_insert_with(|| (*group, Bucket::default()))
            .1
            .absorb(bucket);
        region.absorb(bucket);
        rows.push(Line {
            group: *group,
            maalgruppe: key.maalgruppe.clone(),
            paragraf: key.paragraf.clone(),
            taksttype: key.taksttype.clone(),
            figures: bucket.figures(pl_pct),
            avg_takst: bucket.sums.avg_takst(),
            avg_takst_previous: bucket.sums.avg_takst_previous(),
        });
    }
    TakstanalyseResult {
        pl_pct,
        weighting,
        has_previous: region.sums.any_previous(),
        rows,
        groups: by_group
            .into_values()
            .map(|(group, bucket)| GroupTotal {
                group,
                figures: bucket.figures(pl_pct),
            })
            .collect(),
        region: region.figures(pl_pct),
        not_weighable,
        overhead: None,
    }
}

#[cfg(test)]
mod tests;
