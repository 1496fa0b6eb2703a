//! The comparison of two Januaries in one pass over the rows. What can be
//! done for one year alone (its sorted persons, the first year's match
//! index) is a [`Prepared`] year, made on the core that read the year while
//! the other core still reads the other; the comparison then walks the
//! persons on one core while it matches the rows on the other.

use super::by_code::ByCode;
use super::sum::Sum;
use super::{persons, Comparison, DetailRow, Persons, PriceChanges, Side, UdgiftResult};
use crate::dataset::CitizenRow;
use crate::validate::keytable::{Fingerprint, KeyTable};
use rust_decimal::Decimal;

/// How many rows ahead the match index is asked for a slot.
const LOOK_AHEAD: usize = 16;

/// How many rows ahead a row's match is looked up (its slot asked for
/// already), so that the before row it finds is fetched from memory while
/// the rows between are matched.
const ROW_AHEAD: usize = 8;

/// A match key as the key table's four words.
fn words(key: u128) -> Fingerprint {
    [
        key as u32,
        (key >> 32) as u32,
        (key >> 64) as u32,
        (key >> 96) as u32,
    ]
}

/// What one year's rows give the comparison by themselves.
pub struct Prepared {
    /// How many rows it was made from (a year prepared from other rows is
    /// prepared again, never used).
    rows: usize,
    /// The (person, betalingskommune) pairs, packed, sorted, each once.
    persons: Vec<u128>,
    /// The rows by match key (the first January's only).
    index: Option<KeyTable>,
}

impl Prepared {
    /// The first January: persons and the match index.
    pub fn before(rows: &[CitizenRow]) -> Prepared {
        Prepared {
            index: Some(match_index(rows)),
            ..Prepared::after(rows)
        }
    }

    /// The second January: persons only.
    pub fn after(rows: &[CitizenRow]) -> Prepared {
        Prepared {
            rows: rows.len(),
            persons: persons::sorted(
                rows.iter()
                    .map(|r| persons::pack(r.person_key(), r.betalingskommune))
                    .collect(),
            ),
            index: None,
        }
    }
}

/// The before rows by their match key, in a flat table whose slots are
/// asked for from memory some rows ahead (a million keys do not fit in a
/// cache: each probe would wait for memory). Room for half again as many
/// keys: at most two thirds full, short probes.
fn match_index(before: &[CitizenRow]) -> KeyTable {
    let mut index = KeyTable::with_capacity(before.len() + before.len() / 2);
    for (i, row) in before.iter().enumerate() {
        if let Some(ahead) = before.get(i + LOOK_AHEAD) {
            index.prefetch(&words(ahead.match_key));
        }
        // A key twice in one year (two files) matches once; the other row
        // counts as left, so the effects still add up exactly.
        index.first_or_insert(words(row.match_key), u32::try_from(i).unwrap_or(u32::MAX));
    }
    index
}

fn detail_row(
    row: &CitizenRow,
    before: Option<&CitizenRow>,
    after: Option<&CitizenRow>,
) -> DetailRow {
    DetailRow {
        personkode: row.personkode.to_string(),
        tilbudsnr: row.tilbudsnr.to_string(),
        paragraf: row.paragraf,
        kommune_before: before.map(|b| b.betalingskommune),
        kommune_after: after.map(|a| a.betalingskommune),
        udgift_before: before.map(|b| b.udgift),
        udgift_after: after.map(|a| a.udgift),
    }
}

/// The comparison of two prepared Januaries (see [`super::analyse`]).
pub fn analyse_prepared(
    (before, b): (&[CitizenRow], Prepared),
    (after, a): (&[CitizenRow], Prepared),
    with_detail: bool,
    prices: Option<&PriceChanges>,
) -> UdgiftResult {
    let b = if b.rows == before.len() && b.index.is_some() {
        b
    } else {
        Prepared::before(before)
    };
    let a = if a.rows == after.len() {
        a
    } else {
        Prepared::after(after)
    };
    let index = b.index.unwrap_or_default();
    let (persons, matched) = std::thread::scope(|scope| {
        let persons = scope.spawn(|| persons::walk(&b.persons, &a.persons));
        let matched = match_rows(before, after, &index, with_detail, prices);
        // A walk does not panic; should it, the panic goes on here.
        let persons = persons
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (persons, matched)
    });
    let Matched {
        mut region,
        kommuner,
        mut detail,
        unpriced_rows,
    } = matched;
    let ((pb, pa, p), per_kommune) = persons;
    (region.before.persons, region.after.persons, region.persons) = (pb, pa, p);
    let mut by_kommune = kommuner;
    for (code, c) in &mut by_kommune {
        // Both are of the same rows: every kommune is in both.
        if let Ok(i) = per_kommune.binary_search_by_key(code, |(k, _)| *k) {
            if let Some((_, (pb, pa, p))) = per_kommune.get(i) {
                (c.before.persons, c.after.persons, c.persons) = (*pb, *pa, *p);
            }
        }
    }
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
        priced: prices.is_some(),
        unpriced_rows,
    }
}

/// What matching the rows gives (all but the persons).
struct Matched {
    region: Comparison,
    /// In code order.
    kommuner: Vec<(u16, Comparison)>,
    detail: Vec<DetailRow>,
    unpriced_rows: usize,
}

fn match_rows(
    before: &[CitizenRow],
    after: &[CitizenRow],
    index: &KeyTable,
    with_detail: bool,
    prices: Option<&PriceChanges>,
) -> Matched {
    let mut unpriced_rows = 0;
    let mut matched = vec![false; before.len()];
    let mut region = Running::default();
    let mut kommuner: ByCode<Running> = ByCode::new();
    let mut detail = Vec::new();
    // The row the match index gives for an after row, with that before
    // row asked for from memory.
    let look_up = |row: &CitizenRow| {
        let i = index.get(&words(row.match_key))?;
        if let Some(earlier) = before.get(i as usize) {
            crate::prefetch::prefetch(earlier);
        }
        Some(i)
    };
    // The lookups of the next ROW_AHEAD rows, by row number modulo ROW_AHEAD.
    let mut looked_up = [None; ROW_AHEAD];
    for (slot, row) in looked_up.iter_mut().zip(after) {
        *slot = look_up(row);
    }
    for (n, row) in after.iter().enumerate() {
        if let Some(ahead) = after.get(n + LOOK_AHEAD) {
            index.prefetch(&words(ahead.match_key));
        }
        let next = after.get(n + ROW_AHEAD).and_then(look_up);
        let this = looked_up
            .get_mut(n % ROW_AHEAD)
            .and_then(|slot| std::mem::replace(slot, next));
        region.after.add(row.udgift);
        region.after_rows += 1;
        let k = kommuner.at(row.betalingskommune);
        k.after.add(row.udgift);
        k.after_rows += 1;
        // Matched once: a key twice in the year matches its first row.
        let found = this
            .map(|i| i as usize)
            .filter(|i| matched.get(*i) == Some(&false));
        match found.and_then(|i| before.get(i).map(|b| (i, b))) {
            Some((i, earlier)) => {
                if let Some(m) = matched.get_mut(i) {
                    *m = true;
                }
                region.takst.add(row.udgift);
                region.takst.sub(earlier.udgift);
                let price = match prices.map(|p| p.change_of(row)) {
                    Some(Some(change)) => Some(earlier.udgift * change),
                    Some(None) => {
                        unpriced_rows += 1;
                        None
                    }
                    None => None,
                };
                if let Some(price) = price {
                    region.price += price;
                }
                if earlier.betalingskommune == row.betalingskommune {
                    let k = kommuner.at(row.betalingskommune);
                    k.takst.add(row.udgift);
                    k.takst.sub(earlier.udgift);
                    if let Some(price) = price {
                        k.price += price;
                    }
                } else {
                    kommuner.at(row.betalingskommune).visitation.add(row.udgift);
                    kommuner
                        .at(earlier.betalingskommune)
                        .visitation
                        .sub(earlier.udgift);
                }
                if with_detail {
                    detail.push(detail_row(row, Some(earlier), Some(row)));
                }
            }
            None => {
                region.visitation.add(row.udgift);
                kommuner.at(row.betalingskommune).visitation.add(row.udgift);
                if with_detail {
                    detail.push(detail_row(row, None, Some(row)));
                }
            }
        }
    }
    for (row, was_matched) in before.iter().zip(&matched) {
        region.before.add(row.udgift);
        region.before_rows += 1;
        let k = kommuner.at(row.betalingskommune);
        k.before.add(row.udgift);
        k.before_rows += 1;
        if !was_matched {
            region.visitation.sub(row.udgift);
            k.visitation.sub(row.udgift);
            if with_detail {
                detail.push(detail_row(row, Some(row), None));
            }
        }
    }
    Matched {
        region: region.finish(),
        kommuner: kommuner
            .into_sorted()
            .into_iter()
            .map(|(code, k)| (code, k.finish()))
            .collect(),
        detail,
        unpriced_rows,
    }
}

/// A comparison while the rows are matched: the amounts in exact integer
/// sums, made a [`Comparison`] once at the end.
#[derive(Default)]
struct Running {
    before: Sum,
    after: Sum,
    before_rows: usize,
    after_rows: usize,
    takst: Sum,
    visitation: Sum,
    /// Products of an amount and a tariff change: many decimals, so a
    /// Decimal sum.
    price: Decimal,
}

impl Running {
    /// The comparison (its persons are counted apart).
    fn finish(&self) -> Comparison {
        let (before, after) = (self.before.value(), self.after.value());
        Comparison {
            before: Side {
                rows: self.before_rows,
                persons: 0,
                total: before,
            },
            after: Side {
                rows: self.after_rows,
                persons: 0,
                total: after,
            },
            persons: Persons::default(),
            change: after - before,
            takst_effect: self.takst.value(),
            visitation_effect: self.visitation.value(),
            price_effect: ore(self.price),
        }
    }
}

/// Øre, so that the level effect (the rest) is in øre too.
fn ore(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}
