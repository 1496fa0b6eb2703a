//! Offers in and out (the Nordjylland DAS minutes of 17 November 2016, point 7): from the year's takstindberetninger,
//! the offers that are new and those leaving, the leaving ones grouped by
//! why they leave (Årsag: lukker, udgår af rammeaftalen men drives videre,
//! sammenlægges, omlægges) with the date they leave, counts per driftsherre,
//! and, with last year's files, offers that vanished without being reported
//! and offers reported as continuing that were not there.

use crate::dataset::takst::LeaveReason;
use crate::dataset::{Status, TariffRow};
use crate::values::reference::{ParagrafId, Party, Reference};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One offer (its tariff rows merged).
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The kommune or region the offer counts under.
    pub kommune: String,
    /// The driftsherre as written ("Aalborg ÆH").
    pub driftsherre: String,
    pub party: Party,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub paragraf: ParagrafId,
    /// "SEL §107".
    pub paragraf_label: String,
    pub pladser: Decimal,
    pub status: Status,
    pub erstattes_af: Option<String>,
    pub bemaerkning: Option<String>,
    /// Why it leaves (column Årsag), if given.
    pub aarsag: Option<LeaveReason>,
    /// When it leaves (column Ikrafttræden), if given.
    pub ikrafttraeden: Option<NaiveDate>,
}

/// The leaving offers of one reason; `reason` None for those without one.
#[derive(Debug, Clone, PartialEq)]
pub struct ReasonGroup {
    pub reason: Option<LeaveReason>,
    pub offers: Vec<Offer>,
}

/// Counts for one driftsherre (units counted under their kommune).
#[derive(Debug, Clone, PartialEq)]
pub struct Counts {
    pub kommune: String,
    pub offers: usize,
    pub places: Decimal,
    pub new: usize,
    pub leaving: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TilbudResult {
    pub new: Vec<Offer>,
    pub leaving: Vec<Offer>,
    /// The leaving offers by reason: lukker, drives videre, sammenlægges,
    /// omlægges, then those without a reason; reasons without offers are
    /// left out. Within a reason, by date (undated last), then as `leaving`.
    pub leaving_by_reason: Vec<ReasonGroup>,
    pub by_kommune: Vec<Counts>,
    /// With last year's files: offers that were there, were not reported as
    /// leaving, and are gone now.
    pub vanished: Option<Vec<Offer>>,
    /// With last year's files: offers reported as continuing that were not
    /// there last year.
    pub unannounced: Option<Vec<Offer>>,
}

/// An offer's identity across tariff rows and years.
type OfferKey = (String, ParagrafId);

/// Merges tariff rows into offers, in the order first seen.
pub fn offers(rows: &[TariffRow], reference: &Reference) -> Vec<Offer> {
    let mut index: HashMap<OfferKey, usize> = HashMap::new();
    let mut out: Vec<Offer> = Vec::new();
    for row in rows {
        let key = (row.tilbudsnr.clone(), row.paragraf);
        match index.get(&key).and_then(|i| out.get_mut(*i)) {
            Some(offer) => {
                // Several tariffs of one offer: its places once, the most
                // telling status (leaving or new over continuing).
                offer.pladser = offer.pladser.max(row.pladser);
                if offer.status == Status::Fortsaetter {
                    offer.status = row.status;
                }
                if offer.erstattes_af.is_none() {
                    offer.erstattes_af = row.erstattes_af.clone();
                }
                if offer.bemaerkning.is_none() {
                    offer.bemaerkning = row.bemaerkning.clone();
                }
                if offer.aarsag.is_none() {
                    offer.aarsag = row.aarsag;
                }
                if offer.ikrafttraeden.is_none() {
                    offer.ikrafttraeden = row.ikrafttraeden;
                }
            }
            None => {
                index.insert(key, out.len());
                out.push(Offer {
                    kommune: reference.display_name(&row.driftsherre),
                    driftsherre: row.driftsherre_written.clone(),
                    party: row.driftsherre,
                    tilbudsnr: row.tilbudsnr.clone(),
                    tilbudsnavn: row.tilbudsnavn.clone(),
                    paragraf: row.paragraf,
                    paragraf_label: reference
                        .paragraf_info(row.paragraf)
                        .map(|p| p.label.clone())
                        .unwrap_or_default(),
                    pladser: row.pladser,
                    status: row.status,
                    erstattes_af: row.erstattes_af.clone(),
                    bemaerkning: row.bemaerkning.clone(),
                    aarsag: row.aarsag,
                    ikrafttraeden: row.ikrafttraeden,
                });
            }
        }
    }
    out
}

/// Sorts offers as the seed's table does: by kommune, then driftsherre, then name.
fn sorted(mut offers: Vec<Offer>) -> Vec<Offer> {
    offers.sort_by(|a, b| {
        (
            a.kommune.as_str(),
            a.driftsherre.as_str(),
            a.tilbudsnavn.as_str(),
            a.tilbudsnr.as_str(),
        )
            .cmp(&(
                b.kommune.as_str(),
                b.driftsherre.as_str(),
                b.tilbudsnavn.as_str(),
                b.tilbudsnr.as_str(),
            ))
    });
    offers
}

/// The leaving offers (sorted) grouped by reason.
fn by_reason(leaving: &[Offer]) -> Vec<ReasonGroup> {
    let mut groups: BTreeMap<(bool, Option<LeaveReason>), Vec<Offer>> = BTreeMap::new();
    for o in leaving {
        // Offers without a reason after those with one.
        groups
            .entry((o.aarsag.is_none(), o.aarsag))
            .or_default()
            .push(o.clone());
    }
    groups
        .into_iter()
        .map(|((_, reason), mut offers)| {
            // Stable: offers of one date keep the order of `leaving`.
            offers.sort_by_key(|o| (o.ikrafttraeden.is_none(), o.ikrafttraeden));
            ReasonGroup { reason, offers }
        })
        .collect()
}

/// The analysis.
pub fn analyse(
    current: &[TariffRow],
    previous: Option<&[TariffRow]>,
    reference: &Reference,
) -> TilbudResult {
    let now = offers(current, reference);
    let new = sorted(
        now.iter()
            .filter(|o| o.status == Status::Ny)
            .cloned()
            .collect(),
    );
    let leaving = sorted(
        now.iter()
            .filter(|o| o.status == Status::Udgaar)
            .cloned()
            .collect(),
    );

    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for o in &now {
        let c = counts.entry(o.kommune.clone()).or_insert_with(|| Counts {
            kommune: o.kommune.clone(),
            offers: 0,
            places: Decimal::ZERO,
            new: 0,
            leaving: 0,
        });
        c.offers += 1;
        c.places += o.pladser;
        match o.status {
            Status::Ny => c.new += 1,
            Status::Udgaar => c.leaving += 1,
            Status::Fortsaetter => {}
        }
    }

    let (vanished, unannounced) = match previous {
        None => (None, None),
        Some(previous) => {
            let before = offers(previous, reference);
            let now_keys: HashSet<OfferKey> = now
                .iter()
                .map(|o| (o.tilbudsnr.clone(), o.paragraf))
                .collect();
            let before_keys: HashSet<OfferKey> = before
                .iter()
                .map(|o| (o.tilbudsnr.clone(), o.paragraf))
                .collect();
            let vanished = before
                .into_iter()
                .filter(|o| {
                    o.status != Status::Udgaar
                        && !now_keys.contains(&(o.tilbudsnr.clone(), o.paragraf))
                })
                .collect();
            let unannounced = now
                .iter()
                .filter(|o| {
                    o.status == Status::Fortsaetter
                        && !before_keys.contains(&(o.tilbudsnr.clone(), o.paragraf))
                })
                .cloned()
                .collect();
            (Some(sorted(vanished)), Some(sorted(unannounced)))
        }
    };
    TilbudResult {
        new,
        leaving_by_reason: by_reason(&leaving),
        leaving,
        by_kommune: counts.into_values().collect(),
        vanished,
        unannounced,
    }
}

#[cfg(test)]
mod tests;
