//! The tariff math shared by `takst`, `takstanalyse` and the annex, and
//! by every analysis that compares tariffs across years: how much of an
//! offer is sold in a year (its volume in its own unit), an offer's change,
//! the volume-weighted change of a group, the real change against the P/L,
//! the allowed change, changes chained over several years, and last year's
//! tariff of an offer. No other module computes any of these.
//!
//! A group's change must compare like with like. Weighting by places ×
//! occupancy alone mixes units: an Årstakst of 700.000 kr. would outweigh a
//! Døgntakst of 2.000 kr. 350 times although both offers sell about 7 mio.
//! kr. a year. So each offer is weighted by what it sells in a year, in its
//! own unit (q), and the group's change is Σ q·takst_N / Σ q·takst_N−1 − 1:
//!
//! - Døgntakst: q = pladser × belægning/100 × the days of the report's year
//!   (365, 366 in a leap year; 365 when the report has no År),
//! - Dagtakst: the opening days (`[takst] aabningsdage`, default 250),
//! - Månedstakst: 12, Årstakst: 1,
//! - any type without a fixed number of units a year (Timetakst, packages):
//!   q = Takstgrundlag / takst_N, the units the cost basis pays for;
//!   without a Takstgrundlag the offer cannot be weighted and is listed,
//!   never silently dropped.

use crate::dataset::TariffRow;
use crate::text::fold_key;
use crate::values::date::days_in_year;
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The opening days of a day offer in a year when `[takst] aabningsdage`
/// is not set.
pub const DEFAULT_OPENING_DAYS: i64 = 250;

/// The days of a døgntakst's year when the year is not known.
pub const DEFAULT_DAYS: u32 = 365;

/// How offers are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weighting {
    /// Opening days a year of a Dagtakst offer.
    pub opening_days: Decimal,
}

impl Default for Weighting {
    fn default() -> Self {
        Weighting {
            opening_days: Decimal::from(DEFAULT_OPENING_DAYS),
        }
    }
}

/// Why an offer has no annual volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWeighable {
    /// A tariff type without fixed units a year and no Takstgrundlag.
    NoCostBasis,
    /// The volume cannot be computed (a zero tariff, an overflow).
    NoVolume,
}

/// The days a døgntakst is paid for in `year`: 366 in a leap year, 365
/// otherwise and when the year is unknown.
pub fn days_of(year: Option<i32>) -> Decimal {
    Decimal::from(year.map_or(DEFAULT_DAYS, days_in_year))
}

impl Weighting {
    /// The units a year of a tariff type in `year`, when it has a fixed
    /// number.
    pub fn units_per_year(&self, taksttype: &str, year: Option<i32>) -> Option<Decimal> {
        match fold_key(taksttype).as_str() {
            "doegntakst" => Some(days_of(year)),
            "dagtakst" => Some(self.opening_days),
            "maanedstakst" => Some(Decimal::from(12)),
            "aarstakst" => Some(Decimal::ONE),
            _ => None,
        }
    }

    /// q: what the offer sells in a year (the report's År), in units of its
    /// own tariff.
    pub fn annual_volume(&self, row: &TariffRow) -> Result<Decimal, NotWeighable> {
        match self.units_per_year(&row.taksttype, row.aar) {
            Some(units) => row
                .pladser
                .checked_mul(row.belaegning)
                .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
                .and_then(|v| v.checked_mul(units))
                .map(|v| v.max(Decimal::ZERO))
                .ok_or(NotWeighable::NoVolume),
            None => {
                let basis = row.takstgrundlag.ok_or(NotWeighable::NoCostBasis)?;
                if row.takst <= Decimal::ZERO {
                    return Err(NotWeighable::NoVolume);
                }
                basis
                    .checked_div(row.takst)
                    .map(|v| v.max(Decimal::ZERO))
                    .ok_or(NotWeighable::NoVolume)
            }
        }
    }
}

/// now / before − 1 in percent: an offer's change, or a group's from its
/// weighted sums. None when `before` is not positive (no tariff to compare
/// with) or the division overflows.
pub fn change_pct(now: Decimal, before: Decimal) -> Option<Decimal> {
    if before <= Decimal::ZERO {
        return None;
    }
    let ratio = now.checked_div(before)?;
    (ratio - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED)
}

/// Σ q·t_N / Σ q·t_N−1 − 1 in percent over (q, t_N, t_N−1); None when the
/// weighted previous tariffs sum to zero or a sum overflows.
pub fn weighted_change_pct(
    items: impl IntoIterator<Item = (Decimal, Decimal, Decimal)>,
) -> Option<Decimal> {
    let (mut now, mut before) = (Decimal::ZERO, Decimal::ZERO);
    for (q, takst, previous) in items {
        now = now.checked_add(q.checked_mul(takst)?)?;
        before = before.checked_add(q.checked_mul(previous)?)?;
    }
    change_pct(now, before)
}

/// 1 + pct/100, the index of a change in percent.
fn index(pct: Decimal) -> Option<Decimal> {
    Decimal::ONE.checked_add(pct.checked_div(Decimal::ONE_HUNDRED)?)
}

/// (index − 1) × 100.
fn from_index(index: Decimal) -> Option<Decimal> {
    (index - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED)
}

/// The real change in percent, in fixed prices: (1 + change) / (1 + P/L)
/// − 1. None when P/L is −100 % or below (no price level to divide by).
pub fn real_change_pct(change_pct: Decimal, pl_pct: Decimal) -> Option<Decimal> {
    let pl = index(pl_pct)?;
    if pl <= Decimal::ZERO {
        return None;
    }
    from_index(index(change_pct)?.checked_div(pl)?)
}

/// The allowed change in percent: (1 + P/L) × (1 − required reduction) − 1.
/// Nordjylland 2017 (required 1, P/L 0) allows −1 %; Sjælland 2016
/// (required 0, P/L 1,6) allows +1,6 %. None only on overflow (the flags
/// and the config keep both within ±20 %).
pub fn allowed_change_pct(pl_pct: Decimal, required_pct: Decimal) -> Option<Decimal> {
    let kept = Decimal::ONE.checked_sub(required_pct.checked_div(Decimal::ONE_HUNDRED)?)?;
    from_index(index(pl_pct)?.checked_mul(kept)?)
}

/// Whether a change keeps to a limit: change ≤ limit (equal is kept).
pub fn within(change_pct: Decimal, limit_pct: Decimal) -> bool {
    change_pct <= limit_pct
}

/// Changes in percent chained over consecutive years: Π (1 + c) − 1. An
/// empty chain is no change (0); None on overflow.
pub fn chain_pct(changes: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    let mut total = Decimal::ONE;
    for c in changes {
        total = total.checked_mul(index(c)?)?;
    }
    from_index(total)
}

/// A change over several consecutive years: each year's change, chained
/// into the change since the first year, nominal and in fixed prices of
/// the first year (deflated by the chained P/L).
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Each year's nominal change in percent (None: not computable).
    pub changes: Vec<Option<Decimal>>,
    /// Π (1 + change) − 1 up to each year: None from the first year that
    /// has no change.
    pub nominal_since_first: Vec<Option<Decimal>>,
    /// The same in fixed prices of the first year: None also from the
    /// first year without a P/L.
    pub real_since_first: Vec<Option<Decimal>>,
}

impl Span {
    /// The span of `changes`, with each year's P/L (same length; a missing
    /// P/L leaves the nominal figures standing).
    pub fn of(changes: Vec<Option<Decimal>>, pl: &[Option<Decimal>]) -> Span {
        let mut nominal_since_first = Vec::with_capacity(changes.len());
        let mut real_since_first = Vec::with_capacity(changes.len());
        let (mut nominal, mut prices) = (Some(Decimal::ZERO), Some(Decimal::ZERO));
        for (i, change) in changes.iter().enumerate() {
            nominal = nominal.zip(*change).and_then(|(n, c)| chain_pct([n, c]));
            prices = prices
                .zip(pl.get(i).copied().flatten())
                .and_then(|(p, y)| chain_pct([p, y]));
            nominal_since_first.push(nominal);
            real_since_first.push(nominal.zip(prices).and_then(|(n, p)| real_change_pct(n, p)));
        }
        Span {
            changes,
            nominal_since_first,
            real_since_first,
        }
    }

    /// The nominal change over all the years.
    pub fn nominal_pct(&self) -> Option<Decimal> {
        self.nominal_since_first.last().copied().flatten()
    }

    /// The real change over all the years, in fixed prices of the first.
    pub fn real_pct(&self) -> Option<Decimal> {
        self.real_since_first.last().copied().flatten()
    }
}

/// The key an offer's tariff is matched on across years.
pub type TariffKey = (String, ParagrafId, String, String);

/// Where an offer's previous tariff came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviousSource {
    /// The "Takst forrige år" column of this year's report.
    Column,
    /// Last year's report, matched on (Tilbudsnr, Paragraf, Taksttype).
    LastYear,
}

/// An offer's tariff of last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Previous {
    pub takst: Decimal,
    pub source: PreviousSource,
    /// This year's "Takst forrige år" when it says otherwise than last
    /// year's report (which is used: it is what DAS saw and approved).
    pub column_disagrees: Option<Decimal>,
}

/// Last year's tariffs by (Tilbudsnr, Paragraf, Taksttype).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LastYear {
    by_key: HashMap<TariffKey, Decimal>,
}

impl LastYear {
    /// Last year's rows by key. A key is in a year's data once (validation
    /// makes a repeated key an error and leaves the row out, and the data
    /// set keeps a key once across files); should one still repeat, the
    /// first row counts, in every analysis alike: the first is the row the
    /// finding of the repeat points back to, so the figure used is the one
    /// the sender is asked to keep.
    pub fn of(previous: &[TariffRow]) -> LastYear {
        let mut by_key = HashMap::with_capacity(previous.len());
        for row in previous {
            by_key.entry(row.key()).or_insert(row.takst);
        }
        LastYear { by_key }
    }

    /// The tariff of last year's report for this key.
    pub fn get(&self, key: &TariffKey) -> Option<Decimal> {
        self.by_key.get(key).copied()
    }

    /// An offer's previous tariff: last year's report when it has the
    /// offer, else this year's "Takst forrige år"; None when neither has it.
    pub fn previous(&self, row: &TariffRow) -> Option<Previous> {
        match (row.takst_forrige_aar, self.get(&row.key())) {
            (column, Some(file)) => Some(Previous {
                takst: file,
                source: PreviousSource::LastYear,
                column_disagrees: column.filter(|c| *c != file),
            }),
            (Some(column), None) => Some(Previous {
                takst: column,
                source: PreviousSource::Column,
                column_disagrees: None,
            }),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod testrow;
#[cfg(test)]
mod tests;
