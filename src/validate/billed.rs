//! A borgerliste's billed offers, gathered per row for the check against
//! the takstindberetninger: each (Tilbudsnr, Paragraf, Takst) with its row
//! count and its first rows. Kept compact because it is touched by every
//! row: a Tilbudsnr is a small number once seen, an offer is a few plain
//! words found by one hash, and the rows kept are one log in reading order
//! (8 bytes a row), grouped by offer only when the checks ask.

use super::facts::{Billed, BilledKey, ROWS_PER_OFFER};
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

type Hasher = foldhash::fast::RandomState;

/// An offer with its Tilbudsnr as its number in [`BilledOffers::names`].
type OfferKey = (u32, Option<ParagrafId>, Option<Decimal>);

/// Where the rows of one sheet start in the log, and where its offer cells
/// are (a workbook's sheets may put them in other columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub sheet: Option<Arc<str>>,
    pub tilbudsnr_col: Option<u32>,
    pub takst_col: Option<u32>,
    pub tilbudsnr_header: String,
    pub takst_header: String,
}

#[derive(Debug, Clone)]
struct Segment {
    start: usize,
    place: Place,
}

#[derive(Debug, Clone)]
struct Offer {
    key: OfferKey,
    /// All rows, also those not kept.
    count: u64,
    /// Rows in the log (at most [`ROWS_PER_OFFER`]).
    kept: u32,
}

/// The billed offers of one file, in the order first seen.
#[derive(Debug, Clone, Default)]
pub struct BilledOffers {
    names: HashMap<Box<str>, u32, Hasher>,
    name_list: Vec<Box<str>>,
    index: HashMap<OfferKey, u32, Hasher>,
    offers: Vec<Offer>,
    /// (offer, row) of the rows kept, in reading order.
    log: Vec<(u32, u32)>,
    segments: Vec<Segment>,
}

impl BilledOffers {
    /// One row billing an offer, read at `place` (asked for only when the
    /// row is not read where the one before it was: `same_place`).
    pub fn observe(
        &mut self,
        tilbudsnr: &str,
        paragraf: Option<ParagrafId>,
        takst: Option<Decimal>,
        row: u32,
        same_place: impl Fn(&Place) -> bool,
        place: impl FnOnce() -> Place,
    ) {
        let name = match self.names.get(tilbudsnr) {
            Some(&id) => id,
            None => self.add_name(tilbudsnr),
        };
        let offer = self.offer_of((name, paragraf, takst));
        if !self.segments.last().is_some_and(|s| same_place(&s.place)) {
            self.segments.push(Segment {
                start: self.log.len(),
                place: place(),
            });
        }
        self.tally(offer, row);
    }

    fn add_name(&mut self, tilbudsnr: &str) -> u32 {
        let id = u32::try_from(self.name_list.len()).unwrap_or(u32::MAX);
        self.name_list.push(Box::from(tilbudsnr));
        self.names.insert(Box::from(tilbudsnr), id);
        id
    }

    fn offer_of(&mut self, key: OfferKey) -> u32 {
        let next = u32::try_from(self.offers.len()).unwrap_or(u32::MAX);
        let offer = *self.index.entry(key).or_insert(next);
        if offer == next {
            self.offers.push(Offer {
                key,
                count: 0,
                kept: 0,
            });
        }
        offer
    }

    fn tally(&mut self, offer: u32, row: u32) {
        if let Some(o) = self.offers.get_mut(offer as usize) {
            o.count += 1;
            if (o.kept as usize) < ROWS_PER_OFFER {
                o.kept += 1;
                self.log.push((offer, row));
            }
        }
    }

    /// Adds the offers of a later part of the same sheet, as if its rows
    /// were read after these.
    pub fn absorb(&mut self, later: BilledOffers) {
        let names: Vec<u32> = later
            .name_list
            .iter()
            .map(|n| match self.names.get(n.as_ref()) {
                Some(&id) => id,
                None => self.add_name(n),
            })
            .collect();
        let offers: Vec<u32> = later
            .offers
            .iter()
            .map(|o| {
                let name = names.get(o.key.0 as usize).copied().unwrap_or(u32::MAX);
                let offer = self.offer_of((name, o.key.1, o.key.2));
                if let Some(mine) = self.offers.get_mut(offer as usize) {
                    // The rows not kept there are counted here; the kept
                    // ones are counted as the log is taken over below.
                    mine.count += o.count - u64::from(o.kept);
                }
                offer
            })
            .collect();
        let mut segments = later.segments.into_iter().peekable();
        for (i, (offer, row)) in later.log.into_iter().enumerate() {
            while let Some(segment) = segments.next_if(|s| s.start <= i) {
                if !self
                    .segments
                    .last()
                    .is_some_and(|s| s.place == segment.place)
                {
                    self.segments.push(Segment {
                        start: self.log.len(),
                        place: segment.place,
                    });
                }
            }
            if let Some(&mine) = offers.get(offer as usize) {
                self.tally(mine, row);
            }
        }
    }

    /// Each offer with its rows, in the order first seen.
    pub fn offers(&self) -> Vec<(BilledKey, Billed)> {
        let mut out: Vec<(BilledKey, Billed)> = self
            .offers
            .iter()
            .map(|o| {
                let name = self.name_list.get(o.key.0 as usize);
                let key = (
                    name.map(|n| n.to_string()).unwrap_or_default(),
                    o.key.1,
                    o.key.2,
                );
                let billed = Billed {
                    rows: Vec::with_capacity(o.kept as usize),
                    count: o.count,
                    ..Billed::default()
                };
                (key, billed)
            })
            .collect();
        let mut segments = self.segments.iter().peekable();
        let mut place: Option<&Place> = None;
        for (i, &(offer, row)) in self.log.iter().enumerate() {
            while let Some(segment) = segments.next_if(|s| s.start <= i) {
                place = Some(&segment.place);
            }
            let (Some((_, billed)), Some(place)) = (out.get_mut(offer as usize), place) else {
                continue;
            };
            if billed.rows.is_empty() {
                billed.tilbudsnr_col = place.tilbudsnr_col;
                billed.takst_col = place.takst_col;
                billed.tilbudsnr_header.clone_from(&place.tilbudsnr_header);
                billed.takst_header.clone_from(&place.takst_header);
            }
            billed.rows.push((place.sheet.clone(), row));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(sheet: &str, col: u32) -> Place {
        Place {
            sheet: Some(Arc::from(sheet)),
            tilbudsnr_col: Some(col),
            takst_col: Some(col + 6),
            tilbudsnr_header: "Tilbudsnr".to_string(),
            takst_header: "Takst".to_string(),
        }
    }

    /// (Tilbudsnr, takst in øre, place, row) read one after the other.
    type Read = (&'static str, i64, Place, u32);

    fn read(offers: &mut BilledOffers, rows: &[Read]) {
        for (nr, takst, at, row) in rows {
            let takst = Some(Decimal::new(*takst, 2));
            offers.observe(nr, None, takst, *row, |p| p == at, || at.clone());
        }
    }

    fn rows(a: &Place, b: &Place) -> Vec<Read> {
        let mut rows: Vec<Read> = vec![
            ("101", 150_000, a.clone(), 2),
            ("102", 150_000, a.clone(), 3),
            ("101", 150_000, a.clone(), 4),
            ("101", 160_000, b.clone(), 2),
            ("102", 150_000, b.clone(), 3),
        ];
        // One offer beyond the rows kept of it, even in a part of them.
        for row in 0..2 * ROWS_PER_OFFER as u32 + 3 {
            rows.push(("103", 100, b.clone(), row + 10));
        }
        rows.push(("101", 150_000, a.clone(), 9));
        rows
    }

    #[test]
    fn offers_keep_their_first_rows_and_where_they_were_first_read() {
        let (a, b) = (place("Januar", 0), place("Rettet", 2));
        let mut offers = BilledOffers::default();
        read(&mut offers, &rows(&a, &b));
        let got = offers.offers();
        let summary: Vec<(&str, u64, usize, Option<u32>)> = got
            .iter()
            .map(|((nr, _, _), b)| (nr.as_str(), b.count, b.rows.len(), b.tilbudsnr_col))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("101", 3, 3, Some(0)),
                ("102", 2, 2, Some(0)),
                ("101", 1, 1, Some(2)),
                (
                    "103",
                    2 * ROWS_PER_OFFER as u64 + 3,
                    ROWS_PER_OFFER,
                    Some(2)
                ),
            ]
        );
        let sheet = |s: &str| Some(Arc::<str>::from(s));
        assert_eq!(
            got.first().map(|(_, b)| b.rows.clone()),
            Some(vec![
                (sheet("Januar"), 2),
                (sheet("Januar"), 4),
                (sheet("Januar"), 9)
            ])
        );
        assert_eq!(
            got.get(1).map(|(_, b)| b.rows.clone()),
            Some(vec![(sheet("Januar"), 3), (sheet("Rettet"), 3)])
        );
        assert_eq!(got.get(1).map(|(_, b)| b.takst_col), Some(Some(6)));
    }

    #[test]
    fn two_parts_absorbed_are_the_rows_read_in_one() {
        let (a, b) = (place("Januar", 0), place("Rettet", 2));
        let all = rows(&a, &b);
        let mut whole = BilledOffers::default();
        read(&mut whole, &all);
        let want = whole.offers();
        // Every cut: within a place, at a change of place, within the
        // offer beyond its kept rows.
        for cut in [
            0,
            1,
            3,
            4,
            5,
            6,
            500,
            ROWS_PER_OFFER + 4,
            all.len() - 1,
            all.len(),
        ] {
            let (first, later) = all.split_at(cut);
            let mut joined = BilledOffers::default();
            read(&mut joined, first);
            let mut second = BilledOffers::default();
            read(&mut second, later);
            joined.absorb(second);
            assert_eq!(joined.offers(), want, "cut at {cut}");
        }
    }
}
