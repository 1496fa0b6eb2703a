//! Expenditure monitoring (the Nordjylland DAS minutes of 17 November 2016 point 10): two January
//! borgerlister compared row by row on (Personkode, Tilbudsnr, Paragraf).
//! The total change splits exactly into a takst effect (rows in both years)
//! and a visitation effect (rows only in one year). Per betalingskommune,
//! rows are matched within the kommune, so a citizen who changed kommune is
//! left in the old and new in the new one.
//!
//! Given the takstindberetninger of both years, the takst effect splits
//! further: the price effect is last year's Udgift × the offer's reported
//! tariff change for matched rows; the level effect is the rest (another
//! tariff level, more or fewer days), so the two add up exactly.

use crate::analysis::tariff::LastYear;
use crate::dataset::{CitizenRow, TariffRow};
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::HashMap;

pub use compare::{analyse_prepared, Prepared};

/// The agreed targets in percent of January year 1 (Nordjylland 2017:
/// −2 in total, −1 via tariffs, −1 via visitation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    pub total: Decimal,
    pub takst: Decimal,
    pub visitation: Decimal,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            total: Decimal::from(-2),
            takst: Decimal::from(-1),
            visitation: Decimal::from(-1),
        }
    }
}

/// One side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Side {
    pub rows: usize,
    pub persons: usize,
    pub total: Decimal,
}

/// Persons by Personkode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Persons {
    pub continuing: usize,
    pub new: usize,
    pub left: usize,
}

/// The comparison for the region or one kommune.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    pub before: Side,
    pub after: Side,
    pub persons: Persons,
    /// Σ after − Σ before.
    pub change: Decimal,
    /// Σ over matched rows of (after − before).
    pub takst_effect: Decimal,
    /// Σ rows only after − Σ rows only before.
    pub visitation_effect: Decimal,
    /// Σ over matched rows of Udgift before × the offer's reported tariff
    /// change, rounded to øre (0 without tariffs).
    pub price_effect: Decimal,
}

impl Comparison {
    /// An amount in percent of January year 1; None when that is 0.
    pub fn pct(&self, amount: Decimal) -> Option<Decimal> {
        amount
            .checked_div(self.before.total)
            .map(|r| r * Decimal::ONE_HUNDRED)
    }

    pub fn change_pct(&self) -> Option<Decimal> {
        self.pct(self.change)
    }
    pub fn takst_effect_pct(&self) -> Option<Decimal> {
        self.pct(self.takst_effect)
    }
    pub fn visitation_effect_pct(&self) -> Option<Decimal> {
        self.pct(self.visitation_effect)
    }

    /// The takst effect less the price effect: other levels, other days.
    pub fn level_effect(&self) -> Decimal {
        self.takst_effect - self.price_effect
    }

    /// Whether each target is met (None when there is no percent).
    pub fn passes(&self, targets: &Targets) -> [Option<bool>; 3] {
        [
            self.change_pct().map(|p| p <= targets.total),
            self.takst_effect_pct().map(|p| p <= targets.takst),
            self.visitation_effect_pct()
                .map(|p| p <= targets.visitation),
        ]
    }
}

/// A row of the per-person comparison (`--detail`).
#[derive(Debug, Clone, PartialEq)]
pub struct DetailRow {
    pub personkode: String,
    pub tilbudsnr: String,
    pub paragraf: ParagrafId,
    pub kommune_before: Option<u16>,
    pub kommune_after: Option<u16>,
    pub udgift_before: Option<Decimal>,
    pub udgift_after: Option<Decimal>,
}

impl DetailRow {
    pub fn difference(&self) -> Decimal {
        self.udgift_after.unwrap_or_default() - self.udgift_before.unwrap_or_default()
    }
}

/// The reported tariff change of each offer (Tilbudsnr, Paragraf):
/// takst_N / takst_N−1 − 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PriceChanges {
    /// By the fingerprint of (Tilbudsnr, Paragraf): a lookup per matched
    /// row hashes, it does not allocate.
    by_offer: HashMap<u128, Decimal>,
}

fn offer_key(tilbudsnr: &str, paragraf: ParagrafId) -> u128 {
    crate::dataset::borger::fingerprint(&[tilbudsnr.as_bytes(), &paragraf.index().to_le_bytes()])
}

impl PriceChanges {
    /// From this year's takstindberetninger and last year's (matched as in
    /// every tariff analysis, by `tariff::LastYear`: Tilbudsnr, Paragraf,
    /// Taksttype and Takstniveau), else their Takst forrige år column. Of an offer's several tariffs (types, levels) the one with
    /// the largest budget (Pladser × Belægning) gives its change.
    pub fn from_tariffs(current: &[TariffRow], previous: Option<&[TariffRow]>) -> PriceChanges {
        let last = LastYear::of(previous.unwrap_or_default());
        let mut best: HashMap<u128, (Decimal, Decimal)> = HashMap::new();
        for t in current {
            let before = last.previous(t).map(|p| p.takst);
            let Some(change) = before
                .and_then(|b| t.takst.checked_div(b))
                .map(|r| r - Decimal::ONE)
            else {
                continue;
            };
            let entry = best
                .entry(offer_key(&t.tilbudsnr, t.paragraf))
                .or_insert((t.budgeted_places(), change));
            if t.budgeted_places() > entry.0 {
                *entry = (t.budgeted_places(), change);
            }
        }
        PriceChanges {
            by_offer: best.into_iter().map(|(k, (_, c))| (k, c)).collect(),
        }
    }

    /// Sets an offer's change (a fraction: 0.01 is +1 %).
    pub fn insert(&mut self, tilbudsnr: &str, paragraf: ParagrafId, change: Decimal) {
        self.by_offer.insert(offer_key(tilbudsnr, paragraf), change);
    }

    /// How many offers have a change.
    pub fn len(&self) -> usize {
        self.by_offer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_offer.is_empty()
    }

    fn change_of(&self, row: &CitizenRow) -> Option<Decimal> {
        if self.by_offer.is_empty() {
            return None;
        }
        self.by_offer
            .get(&offer_key(&row.tilbudsnr, row.paragraf))
            .copied()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UdgiftResult {
    pub region: Comparison,
    /// By betalingskommune code, in code order (reports sort by name).
    pub by_kommune: Vec<(u16, Comparison)>,
    pub detail: Vec<DetailRow>,
    /// Whether tariffs were given (the price and level effects mean something).
    pub priced: bool,
    /// Matched rows whose offer has no reported tariff change: all of their
    /// change is in the level effect.
    pub unpriced_rows: usize,
}

/// The analysis in one pass over the rows: rows are matched on their key
/// fingerprint for the region; a match within the same betalingskommune is
/// a match for that kommune too, a match across kommuner counts as left in
/// the old and new in the new one. `with_detail` collects the per-row
/// comparison.
pub fn analyse(before: &[CitizenRow], after: &[CitizenRow], with_detail: bool) -> UdgiftResult {
    analyse_with_prices(before, after, with_detail, None)
}

/// [`analyse`], splitting the takst effect by the offers' reported tariff
/// changes when `prices` are given. The two years are prepared at the same
/// time, one per core.
pub fn analyse_with_prices(
    before: &[CitizenRow],
    after: &[CitizenRow],
    with_detail: bool,
    prices: Option<&PriceChanges>,
) -> UdgiftResult {
    let (b, a) = std::thread::scope(|scope| {
        let b = scope.spawn(|| Prepared::before(before));
        let a = Prepared::after(after);
        // Preparing does not panic; should it, the panic goes on here.
        let b = b
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (b, a)
    });
    analyse_prepared((before, b), (after, a), with_detail, prices)
}

mod by_code;
mod compare;
mod persons;
mod sum;
#[cfg(test)]
mod tests;
