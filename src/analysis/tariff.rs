//! The tariff math shared by `takst`, `takstanalyse` and the annex: how
//! much of an offer is sold in a year (its volume in its own unit), the
//! volume-weighted change of a group, and last year's tariffs by key.
//!
//! A group's change must compare like with like. Weighting by places ×
//! occupancy alone mixes units: an Årstakst of 700.000 kr. would outweigh a
//! Døgntakst of 2.000 kr. 350 times although both offers sell about 7 mio.
//! kr. a year. So each offer is weighted by what it sells in a year, in its
//! own unit (q), and the group's change is Σ q·takst_N / Σ q·takst_N−1 − 1:
//!
//! - Døgntakst: q = pladser × belægning/100 × 365,
//! - Dagtakst: the opening days (`[takst] aabningsdage`, default 250),
//! - Månedstakst: 12, Årstakst: 1,
//! - any type without a fixed number of units a year (Timetakst, packages):
//!   q = Takstgrundlag / takst_N, the units the cost basis pays for;
//!   without a Takstgrundlag the offer cannot be weighted and is listed,
//!   never silently dropped.

use crate::dataset::TariffRow;
use crate::text::fold_key;
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The opening days of a day offer in a year when `[takst] aabningsdage`
/// is not set.
pub const DEFAULT_OPENING_DAYS: i64 = 250;

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

impl Weighting {
    /// The units a year of a tariff type, when it has a fixed number.
    pub fn units_per_year(&self, taksttype: &str) -> Option<Decimal> {
        match fold_key(taksttype).as_str() {
            "doegntakst" => Some(Decimal::from(365)),
            "dagtakst" => Some(self.opening_days),
            "maanedstakst" => Some(Decimal::from(12)),
            "aarstakst" => Some(Decimal::ONE),
            _ => None,
        }
    }

    /// q: what the offer sells in a year, in units of its own tariff.
    pub fn annual_volume(&self, row: &TariffRow) -> Result<Decimal, NotWeighable> {
        match self.units_per_year(&row.taksttype) {
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
    if before <= Decimal::ZERO {
        return None;
    }
    let ratio = now.checked_div(before)?;
    (ratio - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED)
}

/// The key an offer's tariff is matched on across years.
pub type TariffKey = (String, ParagrafId, String, String);

/// Last year's tariffs by (Tilbudsnr, Paragraf, Taksttype, Takstniveau). A key is in a
/// year's data once (validation makes a repeated key an error and leaves
/// the row out); should one still repeat, the first row counts, in every
/// analysis alike.
pub fn last_year_tariffs(previous: &[TariffRow]) -> HashMap<TariffKey, Decimal> {
    let mut map = HashMap::with_capacity(previous.len());
    for row in previous {
        map.entry(row.key()).or_insert(row.takst);
    }
    map
}

#[cfg(test)]
mod tests;
