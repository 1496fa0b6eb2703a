//! The key table: a sheet's keys as 128-bit fingerprints with the row each was
//! first seen in, 20 bytes a slot in one flat allocation sized from an
//! estimate of the sheet's rows (so about 22 bytes a key when the estimate
//! fits), for the key check in `keys.rs` and the checks across files.

/// A key's 128-bit fingerprint, as four words (20 bytes with its row, and
/// 4-byte aligned: no padding).
pub type Fingerprint = [u32; 4];

/// How many keys ahead [`KeyTable::absorb`] asks for a slot.
const LOOK_AHEAD: usize = 16;

/// The slots of a table for about `keys` keys.
fn slots_for(keys: usize) -> usize {
    keys + keys / 8 + 16
}

/// One slot of the key table: an all-zero fingerprint means empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Entry {
    fingerprint: Fingerprint,
    row: u32,
}

/// The sheet's keys: fingerprint → first row, open addressing with linear
/// probing in one flat allocation of 20-byte slots. Sized from an estimate
/// of the sheet's rows so that it never grows on a file the estimate fits;
/// beyond 90 % full it doubles.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    slots: Vec<Entry>,
    len: usize,
}

impl KeyTable {
    /// A table for about `keys` keys.
    pub fn with_capacity(keys: usize) -> Self {
        let n = slots_for(keys);
        let mut slots = Vec::with_capacity(n);
        // Asked before the slots are first written, which is when the
        // kernel backs them.
        advise_huge_pages(slots.spare_capacity_mut());
        slots.resize(n, Entry::default());
        KeyTable { slots, len: 0 }
    }

    /// Makes room for `keys` keys in all, so that the table does not grow
    /// before (a table already as large is left as it is).
    pub fn reserve_for(&mut self, keys: usize) {
        if slots_for(keys) <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(self, KeyTable::with_capacity(keys));
        for e in old.slots.into_iter().filter(|e| e.fingerprint != [0; 4]) {
            self.first_or_insert(e.fingerprint, e.row);
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held by the table.
    pub fn bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Entry>()
    }

    fn home(&self, fingerprint: &Fingerprint) -> usize {
        // Multiply-shift onto any table size (no power of two needed).
        let h = (u64::from(fingerprint[0]) << 32) | u64::from(fingerprint[1]);
        ((u128::from(h) * self.slots.len() as u128) >> 64) as usize
    }

    /// Asks for the slot where a probe for `fingerprint` starts to be
    /// fetched into the cache (only a hint: nothing else changes).
    pub fn prefetch(&self, fingerprint: &Fingerprint) {
        if let Some(slot) = self.slots.get(self.home(fingerprint)) {
            crate::prefetch::prefetch(slot);
        }
    }

    /// The first row of `fingerprint`, or None after recording `row` as its
    /// first.
    pub fn first_or_insert(&mut self, fingerprint: Fingerprint, row: u32) -> Option<u32> {
        self.insert_at(fingerprint, row).err()
    }

    /// The first row recorded for `fingerprint`.
    pub fn get(&self, fingerprint: &Fingerprint) -> Option<u32> {
        let fingerprint = stored(*fingerprint);
        let n = self.slots.len();
        let mut i = self.home(&fingerprint);
        for _ in 0..n {
            let slot = self.slots.get(i)?;
            if slot.fingerprint == fingerprint {
                return Some(slot.row);
            }
            if slot.fingerprint == [0; 4] {
                return None;
            }
            i = if i + 1 == n { 0 } else { i + 1 };
        }
        None
    }

    /// Records `row` as the first of `fingerprint` and says in which slot,
    /// or gives the first row recorded before.
    fn insert_at(&mut self, fingerprint: Fingerprint, row: u32) -> Result<usize, u32> {
        let fingerprint = stored(fingerprint);
        if (self.len + 1) * 10 > self.slots.len() * 9 {
            self.grow();
        }
        let n = self.slots.len();
        let mut i = self.home(&fingerprint);
        loop {
            let Some(slot) = self.slots.get_mut(i) else {
                i = 0;
                continue;
            };
            if slot.fingerprint == fingerprint {
                return Err(slot.row);
            }
            if slot.fingerprint == [0; 4] {
                *slot = Entry { fingerprint, row };
                self.len += 1;
                return Ok(i);
            }
            i = if i + 1 == n { 0 } else { i + 1 };
        }
    }

    /// Adds the keys of `later` (a later part of the same sheet), unless one
    /// of them is here already: then the table is left as it was and the
    /// key's (first row here, first row in `later`) is the answer.
    pub fn absorb(&mut self, later: &KeyTable) -> Result<(), (u32, u32)> {
        self.reserve_for(self.len + later.len);
        let mut added = Vec::with_capacity(later.len);
        // The slot of a key some keys ahead is fetched while this one is
        // put in (the keys come in about the order of their slots here).
        let mut ahead = later.entries().skip(LOOK_AHEAD);
        for (fingerprint, row) in later.entries() {
            if let Some((next, _)) = ahead.next() {
                self.prefetch(&next);
            }
            match self.insert_at(fingerprint, row) {
                Ok(slot) => added.push(slot),
                Err(first) => {
                    // Emptied in reverse: each key went to the first empty
                    // slot of its probe, so the table is as it was.
                    for slot in added.into_iter().rev() {
                        if let Some(e) = self.slots.get_mut(slot) {
                            *e = Entry::default();
                            self.len -= 1;
                        }
                    }
                    return Err((first, row));
                }
            }
        }
        Ok(())
    }

    fn grow(&mut self) {
        self.reserve_for(self.slots.len() * 2);
    }

    /// (fingerprint, first row) of every key, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (Fingerprint, u32)> + '_ {
        self.slots
            .iter()
            .filter(|e| e.fingerprint != [0; 4])
            .map(|e| (e.fingerprint, e.row))
    }
}

/// The fingerprint as a slot holds it: all zeros marks an empty slot, so
/// that one fingerprint is kept as another (a 2^-128 chance to meet).
fn stored(fingerprint: Fingerprint) -> Fingerprint {
    if fingerprint == [0; 4] {
        [1, 0, 0, 0]
    } else {
        fingerprint
    }
}

/// Asks the kernel to back a large table with huge pages: its slots are
/// read at random, and with 4 KiB pages nearly every probe of a big table
/// also walks the page tables.
fn advise_huge_pages(slots: &[std::mem::MaybeUninit<Entry>]) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let bytes = std::mem::size_of_val(slots);
        if bytes < 2 * HUGE {
            return;
        }
        let start = slots.as_ptr() as usize;
        let aligned = start.div_ceil(HUGE) * HUGE;
        let end = (start + bytes) / HUGE * HUGE;
        if end > aligned {
            // SAFETY: the range lies within this allocation; MADV_HUGEPAGE
            // changes only how the kernel backs it, not its contents.
            unsafe {
                libc::madvise(
                    aligned as *mut libc::c_void,
                    end - aligned,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = slots;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_finds_the_first_row_of_a_key_and_nothing_else() {
        let mut table = KeyTable::with_capacity(4);
        let keys: Vec<Fingerprint> = (1..200u32).map(|k| [k, k * 7, 3, k ^ 5]).collect();
        for (row, key) in keys.iter().enumerate() {
            assert_eq!(table.first_or_insert(*key, row as u32), None);
        }
        // The all-zero fingerprint is kept too (as [1, 0, 0, 0]).
        assert_eq!(table.first_or_insert([0; 4], 500), None);
        assert_eq!(table.first_or_insert(keys[3], 900), Some(3));
        for (row, key) in keys.iter().enumerate() {
            assert_eq!(table.get(key), Some(row as u32));
        }
        assert_eq!(table.get(&[0; 4]), Some(500));
        assert_eq!(table.get(&[9, 9, 9, 9]), None);
        assert_eq!(KeyTable::default().get(&[9, 9, 9, 9]), None);
    }

    #[test]
    fn keys_are_found_again_and_survive_growth() {
        let mut table = KeyTable::with_capacity(4);
        let fp = |i: u32| [i.wrapping_mul(0x9E37_79B9), i, !i, 7];
        for i in 0..10_000u32 {
            assert_eq!(table.first_or_insert(fp(i), i + 2), None, "{i}");
        }
        for i in 0..10_000u32 {
            assert_eq!(table.first_or_insert(fp(i), 99_999), Some(i + 2), "{i}");
        }
        assert_eq!(table.len(), 10_000);
        let mut rows: Vec<u32> = table.entries().map(|(_, r)| r).collect();
        rows.sort_unstable();
        assert_eq!(rows, (2..10_002).collect::<Vec<_>>());
        // The all-zero fingerprint is a key like any other.
        assert_eq!(table.first_or_insert([0; 4], 5), None);
        assert_eq!(table.first_or_insert([0; 4], 6), Some(5));
    }

    #[test]
    fn a_later_part_is_absorbed_whole_or_not_at_all() {
        let fp = |i: u32| [i.wrapping_mul(0x9E37_79B9), i, !i, 7];
        // Room for all: absorbing does not grow it.
        let mut first = KeyTable::with_capacity(4000);
        for i in 0..1000u32 {
            first.first_or_insert(fp(i), i + 2);
        }
        let before: Vec<_> = first.slots.clone();
        // A later part that shares one key with the first: nothing added.
        let mut clash = KeyTable::with_capacity(8);
        for i in 1000..3000u32 {
            clash.first_or_insert(fp(i), i + 2);
        }
        clash.first_or_insert(fp(500), 9_999);
        assert_eq!(first.absorb(&clash), Err((502, 9_999)));
        assert_eq!(first.len(), 1000);
        let mut entries: Vec<_> = first.entries().collect();
        entries.sort_unstable_by_key(|e| e.1);
        assert_eq!(entries.len(), 1000);
        assert!(entries.iter().all(|(f, r)| *f == fp(*r - 2)));
        // As it was, slot for slot.
        assert_eq!(first.slots, before);
        // A later part without shared keys: all of them added.
        let mut later = KeyTable::with_capacity(8);
        for i in 1000..3000u32 {
            later.first_or_insert(fp(i), i + 2);
        }
        assert_eq!(first.absorb(&later), Ok(()));
        assert_eq!(first.len(), 3000);
        for i in 0..3000u32 {
            assert_eq!(first.first_or_insert(fp(i), 0), Some(i + 2));
        }
    }

    #[test]
    fn a_table_sized_for_its_keys_holds_them_in_under_24_bytes_each() {
        assert_eq!(std::mem::size_of::<Entry>(), 20);
        let n = 1_000_000usize;
        let mut table = KeyTable::with_capacity(n);
        for i in 0..n as u32 {
            table.first_or_insert([i.wrapping_mul(0x9E37_79B9), i, 1, 2], i);
        }
        assert_eq!(table.len(), n);
        assert!(table.bytes() <= 24 * n, "{} bytes", table.bytes());
    }
}
