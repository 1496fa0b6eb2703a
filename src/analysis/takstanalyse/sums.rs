//! The running sums of the takstanalyse's weighted formulas: averages of a
//! row (Σ q·takst / Σ q) and its like-for-like change, whose formula is
//! `tariff::change_pct` over the comparable entries' weighted sums.

use crate::analysis::tariff;
use rust_decimal::Decimal;

/// One offer's tariff as the weighted formulas see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// What the offer sells in a year in its own unit, of year N (below zero
    /// counts as zero).
    pub weight: Decimal,
    /// This year's tariff.
    pub takst: Decimal,
    /// Last year's tariff, if known (zero or below counts as unknown).
    pub previous: Option<Decimal>,
    /// Whether the offer belongs in the like-for-like change (status
    /// Fortsætter); Ny and Udgår are left out of it.
    pub comparable: bool,
}

/// Running sums of the weighted formulas. Sums of rows add up to the sums
/// of their group, so subtotals are `merge`s of rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sums {
    /// Σ w over all entries.
    weight: Decimal,
    /// Σ w·takst_N over all entries.
    weighted_takst: Decimal,
    /// Σ w over entries with last year's tariff.
    weight_previous: Decimal,
    /// Σ w·takst_N−1 over entries with last year's tariff.
    weighted_previous: Decimal,
    /// Σ w·takst_N over comparable entries with last year's tariff.
    index_now: Decimal,
    /// Σ w·takst_N−1 over the same entries.
    index_before: Decimal,
    /// Comparable entries with last year's tariff.
    compared: usize,
    /// Whether any entry had last year's tariff.
    any_previous: bool,
    /// A sum went beyond what a decimal holds: no figures.
    overflow: bool,
}

pub(super) fn add_to(sum: &mut Decimal, value: Option<Decimal>, overflow: &mut bool) {
    match value.and_then(|v| sum.checked_add(v)) {
        Some(total) => *sum = total,
        None => *overflow = true,
    }
}

/// numerator / denominator, or None when the denominator is not positive.
fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator <= Decimal::ZERO {
        return None;
    }
    numerator.checked_div(denominator)
}

impl Sums {
    pub fn add(&mut self, entry: &Entry) {
        let weight = entry.weight.max(Decimal::ZERO);
        let now = weight.checked_mul(entry.takst);
        add_to(&mut self.weight, Some(weight), &mut self.overflow);
        add_to(&mut self.weighted_takst, now, &mut self.overflow);
        let Some(previous) = entry.previous.filter(|p| *p > Decimal::ZERO) else {
            return;
        };
        self.any_previous = true;
        let before = weight.checked_mul(previous);
        add_to(&mut self.weight_previous, Some(weight), &mut self.overflow);
        add_to(&mut self.weighted_previous, before, &mut self.overflow);
        if entry.comparable {
            self.compared += 1;
            add_to(&mut self.index_now, now, &mut self.overflow);
            add_to(&mut self.index_before, before, &mut self.overflow);
        }
    }

    pub fn merge(&mut self, other: &Sums) {
        let overflow = &mut self.overflow;
        add_to(&mut self.weight, Some(other.weight), overflow);
        add_to(
            &mut self.weighted_takst,
            Some(other.weighted_takst),
            overflow,
        );
        add_to(
            &mut self.weight_previous,
            Some(other.weight_previous),
            overflow,
        );
        add_to(
            &mut self.weighted_previous,
            Some(other.weighted_previous),
            overflow,
        );
        add_to(&mut self.index_now, Some(other.index_now), overflow);
        add_to(&mut self.index_before, Some(other.index_before), overflow);
        self.compared += other.compared;
        self.any_previous |= other.any_previous;
        self.overflow |= other.overflow;
    }

    /// The sums of some entries.
    pub fn of(entries: &[Entry]) -> Sums {
        let mut sums = Sums::default();
        for e in entries {
            sums.add(e);
        }
        sums
    }

    /// Σ w·takst_N / Σ w; None when Σ w = 0.
    pub fn avg_takst(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        ratio(self.weighted_takst, self.weight)
    }

    /// Σ w·takst_N−1 / Σ w over the entries with last year's tariff.
    pub fn avg_takst_previous(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        ratio(self.weighted_previous, self.weight_previous)
    }

    /// The like-for-like change in percent: (Σ w·takst_N / Σ w·takst_N−1 − 1)
    /// × 100 over comparable entries; None when there are none with weight.
    pub fn change_pct(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        tariff::change_pct(self.index_now, self.index_before)
    }

    /// How many entries the change is computed over.
    pub fn compared(&self) -> usize {
        self.compared
    }

    pub fn any_previous(&self) -> bool {
        self.any_previous
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn entry(weight: &str, takst: &str, previous: Option<&str>) -> Entry {
        Entry {
            weight: d(weight),
            takst: d(takst),
            previous: previous.map(d),
            comparable: true,
        }
    }

    #[test]
    fn weighted_change_and_real_change_by_hand() {
        let sums = Sums::of(&[
            entry("10", "990", Some("1000")),
            entry("10", "2040", Some("2000")),
        ]);
        assert_eq!(sums.change_pct(), Some(d("1")));
        assert_eq!(sums.avg_takst(), Some(d("1515")));
        assert_eq!(sums.avg_takst_previous(), Some(d("1500")));
        assert_eq!(sums.compared(), 2);
        // The real change and the P/L test are `tariff`'s (tested there).
    }

    #[test]
    fn zero_weights_give_null_not_a_panic() {
        let sums = Sums::of(&[
            entry("0", "990", Some("1000")),
            entry("0", "2040", Some("2000")),
        ]);
        assert_eq!(sums.avg_takst(), None);
        assert_eq!(sums.avg_takst_previous(), None);
        assert_eq!(sums.change_pct(), None);
        assert_eq!(Sums::default().change_pct(), None);
        // A previous tariff of zero is no tariff to compare with.
        let zero_before = Sums::of(&[entry("5", "100", Some("0"))]);
        assert_eq!(zero_before.change_pct(), None);
        assert_eq!(zero_before.avg_takst(), Some(d("100")));
    }

    #[test]
    fn new_and_leaving_offers_do_not_move_the_change() {
        let base = [
            entry("10", "990", Some("1000")),
            entry("10", "2040", Some("2000")),
        ];
        let mut with_new = base.to_vec();
        // A new offer, expensive, without last year's tariff.
        with_new.push(entry("50", "9000", None));
        // A new offer that has a previous tariff filled in: still left out.
        with_new.push(Entry {
            comparable: false,
            ..entry("50", "9000", Some("100"))
        });
        let sums = Sums::of(&with_new);
        assert_eq!(sums.change_pct(), Some(d("1")));
        assert_eq!(sums.compared(), 2);
        // It does move the average of the year.
        assert_ne!(sums.avg_takst(), Sums::of(&base).avg_takst());
    }

    #[test]
    fn merged_sums_equal_sums_of_all_entries() {
        let a = [entry("10", "990", Some("1000"))];
        let b = [entry("10", "2040", Some("2000")), entry("3", "500", None)];
        let mut merged = Sums::of(&a);
        merged.merge(&Sums::of(&b));
        let all: Vec<Entry> = a.iter().chain(b.iter()).copied().collect();
        assert_eq!(merged, Sums::of(&all));
    }

    #[test]
    fn overflow_gives_null() {
        let sums = Sums::of(&[
            entry("79228162514264337593543950335", "2", Some("1")),
            entry("1", "1", Some("1")),
        ]);
        assert_eq!(sums.change_pct(), None);
        assert_eq!(sums.avg_takst(), None);
    }
}
