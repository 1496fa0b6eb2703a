//! A borgerliste's billed offers, gathered per row for the check against
//! the takstindberetninger: each (Tilbudsnr, Paragraf, Takst) with its row
//! count and its first rows. Kept compact because it is touched by every
//! row: a Tilbudsnr is a small number once seen, an offer is a slot of a
//! flat table found by one hash and fetched from memory while the row's
//! other checks run ([`BilledOffers::probe`]), and the rows kept are one log
//! in reading order (8 bytes a row), grouped by offer only when the checks
//! ask.

use super::facts::{Billed, BilledKey, ROWS_PER_OFFER};
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher as _};
use std::sync::Arc;

/// An offer as plain words: its Tilbudsnr as its number in
/// [`BilledOffers::names`], its Paragraf, and its Takst normalized (1.500,00
/// and 1.500 are one tariff) as Decimal's 16 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    name: u32,
    paragraf: Option<ParagrafId>,
    takst: Option<[u8; 16]>,
}

impl Key {
    fn new(name: u32, paragraf: Option<ParagrafId>, takst: Option<Decimal>) -> Self {
        Key {
            name,
            paragraf,
            // A nonzero number at scale 0 is normalized already (most
            // tariffs); normalize() also makes -0 into 0.
            takst: takst.map(|t| {
                if t.scale() == 0 && !t.is_zero() {
                    t
                } else {
                    t.normalize()
                }
                .serialize()
            }),
        }
    }

    fn hash(&self) -> u64 {
        let mut h = foldhash::fast::FixedState::with_seed(0x000b_11ed).build_hasher();
        let paragraf = self
            .paragraf
            .map_or(u64::from(u32::MAX), |p| u64::from(p.index()));
        h.write_u64(u64::from(self.name) | paragraf << 32);
        match self.takst {
            Some(t) => h.write_u128(u128::from_le_bytes(t)),
            None => h.write_u8(0),
        }
        h.finish()
    }
}

/// A row's offer, looked up before the row's other checks so that its slot
/// is on its way from memory: give it to [`BilledOffers::observe`].
#[derive(Debug, Clone, Copy)]
pub struct Probe {
    key: Key,
    hash: u64,
}

/// One slot of the offers' table: `offer` is `EMPTY` in an empty one.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: Key,
    offer: u32,
    /// Rows in the log (at most [`ROWS_PER_OFFER`]).
    kept: u32,
    /// All rows, also those not kept.
    count: u64,
}

const EMPTY: u32 = u32::MAX;

const EMPTY_SLOT: Slot = Slot {
    key: Key {
        name: 0,
        paragraf: None,
        takst: None,
    },
    offer: EMPTY,
    kept: 0,
    count: 0,
};

/// The offers by their key: open addressing with linear probing in one flat
/// allocation, at most three quarters full.
#[derive(Debug, Clone, Default)]
struct Table {
    slots: Vec<Slot>,
    len: usize,
}

impl Table {
    fn home(&self, hash: u64) -> usize {
        // Multiply-shift onto any table size.
        ((u128::from(hash) * self.slots.len() as u128) >> 64) as usize
    }

    fn prefetch(&self, hash: u64) {
        if let Some(slot) = self.slots.get(self.home(hash)) {
            crate::prefetch::prefetch(slot);
        }
    }

    /// Where `key` is, or the empty slot where it goes; None only when the
    /// table has no slots at all.
    fn position(&self, key: &Key, hash: u64) -> Option<usize> {
        let n = self.slots.len();
        let mut i = self.home(hash);
        for _ in 0..n {
            let slot = self.slots.get(i)?;
            if slot.offer == EMPTY || slot.key == *key {
                return Some(i);
            }
            i = if i + 1 == n { 0 } else { i + 1 };
        }
        None
    }

    /// The offer `key`, if it is there.
    fn get(&self, key: &Key) -> Option<&Slot> {
        let i = self.position(key, key.hash())?;
        self.slots.get(i).filter(|s| s.offer != EMPTY)
    }

    /// Makes room for one more offer.
    fn reserve_one(&mut self) {
        if (self.len + 1) * 4 <= self.slots.len() * 3 {
            return;
        }
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_SLOT; size]);
        for slot in old.into_iter().filter(|s| s.offer != EMPTY) {
            let free = self.position(&slot.key, slot.key.hash());
            if let Some(free) = free.and_then(|i| self.slots.get_mut(i)) {
                *free = slot;
            }
        }
    }
}

/// Where the rows of one sheet start in the log, and where its offer cells
/// are (a workbook's sheets may put them in other columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub sheet: Option<Arc<str>>,
    pub tilbudsnr_col: Option<u32>,
    pub takst_col: Option<u32>,
    pub tilbudsnr_header: Arc<str>,
    pub takst_header: Arc<str>,
}

#[derive(Debug, Clone)]
struct Segment {
    start: usize,
    place: Place,
}

/// The billed offers of one file, in the order first seen.
#[derive(Debug, Clone, Default)]
pub struct BilledOffers {
    names: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    name_list: Vec<Box<str>>,
    table: Table,
    /// Each offer's key, in the order first seen.
    offers: Vec<Key>,
    /// (offer, row) of the rows kept, in reading order.
    log: Vec<(u32, u32)>,
    segments: Vec<Segment>,
    /// The row observed last, counted when the next is observed (or when
    /// the offers are asked for): its slot has a whole row's time to come
    /// from memory, where the row's own checks were too few to hide it.
    pending: Option<(Probe, u32)>,
}

impl BilledOffers {
    /// A row's offer, to be observed once the row's other checks are done
    /// (its slot is asked for from memory meanwhile).
    pub fn probe(
        &mut self,
        tilbudsnr: &str,
        paragraf: Option<ParagrafId>,
        takst: Option<Decimal>,
    ) -> Probe {
        let name = match self.names.get(tilbudsnr) {
            Some(&id) => id,
            None => self.add_name(tilbudsnr),
        };
        let key = Key::new(name, paragraf, takst);
        let hash = key.hash();
        self.table.prefetch(hash);
        Probe { key, hash }
    }

    /// One row billing the offer of `probe`, read at `place` (asked for
    /// only when the row is not read where the one before it was:
    /// `same_place`).
    pub fn observe(
        &mut self,
        probe: Probe,
        row: u32,
        same_place: impl Fn(&Place) -> bool,
        place: impl FnOnce() -> Place,
    ) {
        // The row before is counted first, so the log is in reading order
        // and this row's place starts after it.
        self.settle();
        if !self.segments.last().is_some_and(|s| same_place(&s.place)) {
            self.segments.push(Segment {
                start: self.log.len(),
                place: place(),
            });
        }
        self.pending = Some((probe, row));
    }

    /// Counts the row observed last, if it is not yet.
    fn settle(&mut self) {
        if let Some((probe, row)) = self.pending.take() {
            self.tally(&probe, row);
        }
    }

    fn add_name(&mut self, tilbudsnr: &str) -> u32 {
        let id = u32::try_from(self.name_list.len()).unwrap_or(u32::MAX);
        self.name_list.push(Box::from(tilbudsnr));
        self.names.insert(Box::from(tilbudsnr), id);
        id
    }

    /// Where the slot of an offer is, made if the offer is new.
    fn slot(&mut self, probe: &Probe) -> Option<usize> {
        self.table.reserve_one();
        let i = self.table.position(&probe.key, probe.hash)?;
        let slot = self.table.slots.get_mut(i)?;
        if slot.offer == EMPTY {
            *slot = Slot {
                key: probe.key,
                offer: u32::try_from(self.offers.len()).unwrap_or(EMPTY),
                ..EMPTY_SLOT
            };
            self.table.len += 1;
            self.offers.push(probe.key);
        }
        Some(i)
    }

    /// Counts one row of an offer, kept if the offer has room.
    fn tally(&mut self, probe: &Probe, row: u32) {
        if let Some(at) = self.slot(probe) {
            self.tally_at(at, row);
        }
    }

    /// Counts one row of the offer in slot `at`.
    fn tally_at(&mut self, at: usize, row: u32) {
        let Some(slot) = self.table.slots.get_mut(at) else {
            return;
        };
        slot.count += 1;
        if (slot.kept as usize) < ROWS_PER_OFFER {
            slot.kept += 1;
            self.log.push((slot.offer, row));
        }
    }

    /// Adds the offers of a later part of the same sheet, as if its rows
    /// were read after these.
    pub fn absorb(&mut self, mut later: BilledOffers) {
        self.settle();
        later.settle();
        let names: Vec<u32> = later
            .name_list
            .iter()
            .map(|n| match self.names.get(n.as_ref()) {
                Some(&id) => id,
                None => self.add_name(n),
            })
            .collect();
        // Its offers in the order first seen there, with the rows not kept
        // there counted here; the kept ones are counted as its log is taken
        // over below.
        let mut probes = Vec::with_capacity(later.offers.len());
        for key in &later.offers {
            let (count, kept) = later
                .table
                .get(key)
                .map_or((0, 0), |s| (s.count, u64::from(s.kept)));
            let key = Key {
                name: names.get(key.name as usize).copied().unwrap_or(EMPTY),
                ..*key
            };
            let probe = Probe {
                key,
                hash: key.hash(),
            };
            if let Some(slot) = self.slot(&probe).and_then(|i| self.table.slots.get_mut(i)) {
                slot.count += count - kept;
            }
            probes.push(probe);
        }
        // Every offer is here now, so the table no longer moves: each of the
        // later offers' slots is looked up once, not once a row.
        let places: Vec<Option<usize>> = probes
            .iter()
            .map(|p| self.table.position(&p.key, p.hash))
            .collect();
        self.log.reserve(later.log.len());
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
            if let Some(&Some(at)) = places.get(offer as usize) {
                self.tally_at(at, row);
            }
        }
    }

    /// Each offer with its rows, in the order first seen.
    pub fn offers(&self) -> Vec<(BilledKey, Billed)> {
        if self.pending.is_some() {
            // Asked once a file is read: a copy with its last row counted.
            let mut settled = self.clone();
            settled.settle();
            return settled.offers();
        }
        let mut out: Vec<(BilledKey, Billed)> = self
            .offers
            .iter()
            .map(|key| {
                let name = self.name_list.get(key.name as usize);
                let slot = self.table.get(key);
                let offer = (
                    name.map(|n| n.to_string()).unwrap_or_default(),
                    key.paragraf,
                    key.takst.map(Decimal::deserialize),
                );
                let billed = Billed {
                    rows: Vec::with_capacity(slot.map_or(0, |s| s.kept as usize)),
                    count: slot.map_or(0, |s| s.count),
                    ..Billed::default()
                };
                (offer, billed)
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
                billed.tilbudsnr_header = place.tilbudsnr_header.to_string();
                billed.takst_header = place.takst_header.to_string();
            }
            billed.rows.push((place.sheet.clone(), row));
        }
        out
    }
}

#[cfg(test)]
mod tests;
