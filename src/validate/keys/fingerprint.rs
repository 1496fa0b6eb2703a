//! A row's key as one 128-bit fingerprint: its parts written out once,
//! tagged, and hashed twice; the key table's slot for it asked for from
//! memory while the rest of the row is checked.

use super::{is_required, EMPTY_KEY_PART};
use crate::schema::Schema;
use crate::validate::keytable::{Fingerprint, KeyTable};
use crate::values::typed::{Slot, Value};
use std::hash::{BuildHasher, Hasher};

/// A part of a row's key: its value, an empty part for an optional part
/// left blank (a Takstniveau an offer with one tariff does not need), or
/// None when a required part is blank or had a finding.
pub(super) fn key_part<'s, 'a>(
    schema: &Schema,
    slots: &'s [Slot<'a>],
    field: usize,
) -> Option<&'s Value<'a>> {
    match slots.get(field) {
        Some(Slot::Value(v)) => Some(v),
        Some(Slot::Blank) | None if !is_required(schema, field) => Some(&EMPTY_KEY_PART),
        _ => None,
    }
}

/// The 128-bit fingerprint of a row's key: two independent 64-bit hashes
/// of its parts, compared in the sheet and across files (a million keys
/// collide with a probability of about one in 10^26). None when the row has
/// no key (the schema has none, or a required part is missing), and the
/// table's slot for it is asked for from memory, so that the probe in
/// `FileSink::check_unique` after the row's other checks need not wait.
pub(in crate::validate) fn key_fingerprint(
    schema: &Schema,
    key: &[usize],
    slots: &[Slot<'_>],
    table: &KeyTable,
) -> Option<Fingerprint> {
    if key.is_empty() {
        return None;
    }
    // The parts are written out once (tagged, as `hash_value` feeds them)
    // and the bytes hashed twice: cheaper than feeding two hashers part
    // by part.
    let mut bytes = KeyBytes::default();
    for &field in key {
        hash_value(key_part(schema, slots, field)?, &mut bytes);
    }
    let bytes = bytes.as_slice();
    let hash = foldhash::quality::FixedState::with_seed(0x5eed_0001).hash_one(bytes);
    let second = foldhash::quality::FixedState::with_seed(0x5eed_0002).hash_one(bytes);
    let fingerprint = [
        hash as u32,
        (hash >> 32) as u32,
        second as u32,
        (second >> 32) as u32,
    ];
    table.prefetch(&fingerprint);
    Some(fingerprint)
}

/// A key's bytes: on the stack, unless the key is long.
struct KeyBytes {
    stack: [u8; 128],
    len: usize,
    heap: Vec<u8>,
}

impl Default for KeyBytes {
    fn default() -> Self {
        KeyBytes {
            stack: [0; 128],
            len: 0,
            heap: Vec::new(),
        }
    }
}

impl KeyBytes {
    fn as_slice(&self) -> &[u8] {
        if self.heap.is_empty() {
            self.stack.get(..self.len).unwrap_or_default()
        } else {
            &self.heap
        }
    }
}

/// Written to as a hasher: it keeps the bytes (`finish` is not used).
impl Hasher for KeyBytes {
    fn write(&mut self, bytes: &[u8]) {
        if self.heap.is_empty() {
            let end = self.len + bytes.len();
            if let Some(free) = self.stack.get_mut(self.len..end) {
                free.copy_from_slice(bytes);
                self.len = end;
                return;
            }
            self.heap
                .extend_from_slice(self.stack.get(..self.len).unwrap_or_default());
        }
        self.heap.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        0
    }
}

/// Feeds one value to a hasher, tagged by kind so that different kinds of
/// equal bytes never collide.
fn hash_value(value: &Value<'_>, h: &mut impl Hasher) {
    use std::hash::Hash;
    match value {
        Value::Text(t) => {
            h.write_u8(1);
            t.as_ref().hash(h);
        }
        Value::Number(n) => {
            h.write_u8(2);
            // Decimal's Hash agrees with its Eq: 1.50 and 1.5 hash alike.
            n.hash(h);
        }
        Value::Date(d) => {
            h.write_u8(3);
            d.hash(h);
        }
        Value::Bool(v) => h.write_u8(if *v { 4 } else { 5 }),
        Value::Party { party, .. } => {
            h.write_u8(6);
            party.hash(h);
        }
        Value::Paragraf(p) => {
            h.write_u8(7);
            p.hash(h);
        }
        Value::Maalgruppe(m) => {
            h.write_u8(8);
            m.hash(h);
        }
        Value::Choice(c) => {
            h.write_u8(9);
            h.write_u16(*c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_bytes_are_the_parts_in_order_on_the_stack_and_beyond_it() {
        for sizes in [
            vec![3, 5],
            vec![128],
            vec![100, 28],
            vec![100, 29, 7],
            vec![200, 1],
            vec![0, 129],
        ] {
            let mut bytes = KeyBytes::default();
            let mut want = Vec::new();
            for (i, n) in sizes.iter().enumerate() {
                let part: Vec<u8> = (0..*n).map(|k| (i * 31 + k) as u8).collect();
                bytes.write(&part);
                want.extend_from_slice(&part);
            }
            assert_eq!(bytes.as_slice(), want.as_slice(), "{sizes:?}");
        }
    }
}
