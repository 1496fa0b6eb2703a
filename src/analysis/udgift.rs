//! Expenditure monitoring (seed 001 point 10; domain.md): two January
//! borgerlister compared row by row on (Personkode, Tilbudsnr, Paragraf).
//! The total change splits exactly into a takst effect (rows in both years)
//! and a visitation effect (rows only in one year). Per betalingskommune,
//! rows are matched within the kommune, so a citizen who changed kommune is
//! left in the old and new in the new one.

use crate::dataset::CitizenRow;
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

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

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UdgiftResult {
    pub region: Comparison,
    /// By betalingskommune code, in code order (reports sort by name).
    pub by_kommune: Vec<(u16, Comparison)>,
    pub detail: Vec<DetailRow>,
}

type Key<'a> = (&'a str, &'a str, ParagrafId);

/// Compares a set of rows of year 1 with a set of year 2.
fn compare(
    before: &[&CitizenRow],
    after: &[&CitizenRow],
    mut detail: Option<&mut Vec<DetailRow>>,
) -> Comparison {
    let mut index: HashMap<Key<'_>, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(before.len(), foldhash::fast::RandomState::default());
    for (i, row) in before.iter().enumerate() {
        index.insert(
            (
                row.personkode.as_str(),
                row.tilbudsnr.as_str(),
                row.paragraf,
            ),
            i,
        );
    }
    let mut matched = vec![false; before.len()];
    let mut c = Comparison::default();
    for row in after {
        c.after.total += row.udgift;
        let key = (
            row.personkode.as_str(),
            row.tilbudsnr.as_str(),
            row.paragraf,
        );
        match index.get(&key).copied() {
            Some(i) => {
                let earlier = before.get(i).map_or(Decimal::ZERO, |b| b.udgift);
                c.takst_effect += row.udgift - earlier;
                if let Some(m) = matched.get_mut(i) {
                    *m = true;
                }
                if let Some(d) = detail.as_deref_mut() {
                    d.push(DetailRow {
                        personkode: row.personkode.clone(),
                        tilbudsnr: row.tilbudsnr.clone(),
                        paragraf: row.paragraf,
                        kommune_before: before.get(i).map(|b| b.betalingskommune),
                        kommune_after: Some(row.betalingskommune),
                        udgift_before: Some(earlier),
                        udgift_after: Some(row.udgift),
                    });
                }
            }
            None => {
                c.visitation_effect += row.udgift;
                if let Some(d) = detail.as_deref_mut() {
                    d.push(DetailRow {
                        personkode: row.personkode.clone(),
                        tilbudsnr: row.tilbudsnr.clone(),
                        paragraf: row.paragraf,
                        kommune_before: None,
                        kommune_after: Some(row.betalingskommune),
                        udgift_before: None,
                        udgift_after: Some(row.udgift),
                    });
                }
            }
        }
    }
    for (row, was_matched) in before.iter().zip(&matched) {
        c.before.total += row.udgift;
        if !was_matched {
            c.visitation_effect -= row.udgift;
            if let Some(d) = detail.as_deref_mut() {
                d.push(DetailRow {
                    personkode: row.personkode.clone(),
                    tilbudsnr: row.tilbudsnr.clone(),
                    paragraf: row.paragraf,
                    kommune_before: Some(row.betalingskommune),
                    kommune_after: None,
                    udgift_before: Some(row.udgift),
                    udgift_after: None,
                });
            }
        }
    }
    c.change = c.after.total - c.before.total;
    let persons_before: HashSet<&str> = before.iter().map(|r| r.personkode.as_str()).collect();
    let persons_after: HashSet<&str> = after.iter().map(|r| r.personkode.as_str()).collect();
    c.before.rows = before.len();
    c.after.rows = after.len();
    c.before.persons = persons_before.len();
    c.after.persons = persons_after.len();
    c.persons.continuing = persons_before.intersection(&persons_after).count();
    c.persons.new = persons_after.len() - c.persons.continuing;
    c.persons.left = persons_before.len() - c.persons.continuing;
    c
}

/// The analysis. `with_detail` collects the per-row comparison.
pub fn analyse(before: &[CitizenRow], after: &[CitizenRow], with_detail: bool) -> UdgiftResult {
    let all_before: Vec<&CitizenRow> = before.iter().collect();
    let all_after: Vec<&CitizenRow> = after.iter().collect();
    let mut detail = Vec::new();
    let region = compare(&all_before, &all_after, with_detail.then_some(&mut detail));
    let mut groups: BTreeMap<u16, (Vec<&CitizenRow>, Vec<&CitizenRow>)> = BTreeMap::new();
    for row in before {
        groups.entry(row.betalingskommune).or_default().0.push(row);
    }
    for row in after {
        groups.entry(row.betalingskommune).or_default().1.push(row);
    }
    let by_kommune = groups
        .into_iter()
        .map(|(code, (b, a))| (code, compare(&b, &a, None)))
        .collect();
    detail.sort_by(|x, y| {
        (x.personkode.as_str(), x.tilbudsnr.as_str(), x.paragraf).cmp(&(
            y.personkode.as_str(),
            y.tilbudsnr.as_str(),
            y.paragraf,
        ))
    });
    UdgiftResult {
        region,
        by_kommune,
        detail,
    }
}
