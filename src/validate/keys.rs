//! The key index: a sheet's unique fields and its key (the fields that
//! together may appear once). A repeated key is a `unique-error` naming the
//! first row; each key's first row is kept for the checks across files.

use super::facts;
use super::plan::ActiveSheet;
use super::sink::FileSink;
use super::typed::{Slot, Value};
use crate::finding::{Code, Severity};
use crate::messages::validate as msg;
use crate::schema::Schema;
use crate::values::reference::Reference;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

/// The value of an optional key part left blank.
static EMPTY_KEY_PART: Value<'static> = Value::Text(std::borrow::Cow::Borrowed(""));

fn is_required(schema: &Schema, field: usize) -> bool {
    schema.fields.get(field).is_some_and(|f| f.required)
}

/// Distinct values remembered per unique field.
const UNIQUE_LIMIT: usize = 1_000_000;

/// What a sheet's rows have shown of its keys so far.
pub(super) struct KeyIndex {
    /// Key hash → (a second, independent 32-bit hash, first row).
    keys: HashMap<u64, (u32, u32), KeyHashState>,
    /// Per field, the values of a unique field and their first rows.
    uniques: Vec<Option<HashMap<String, u32>>>,
    /// Whether any field is unique on its own (most schemas have none).
    any_unique: bool,
    /// This sheet's entry in the file's facts, once it has a key.
    fact_keys: Option<usize>,
}

impl KeyIndex {
    pub(super) fn new(schema: &Schema) -> Self {
        KeyIndex {
            keys: HashMap::with_hasher(KeyHashState),
            uniques: schema
                .fields
                .iter()
                .map(|f| f.unique.then(HashMap::new))
                .collect(),
            any_unique: schema.fields.iter().any(|f| f.unique),
            fact_keys: None,
        }
    }
}

impl<'v> FileSink<'v, '_> {
    /// Unique fields and the key; true when the row repeats an earlier one.
    pub(super) fn check_unique(
        &mut self,
        active: &mut ActiveSheet<'v>,
        slots: &[Slot<'_>],
        row: u32,
    ) -> bool {
        let lang = self.lang();
        let prepared = active.prepared;
        let reference = &self.validator.catalog.reference;
        let mut repeated = false;
        for field in 0..active.keys.uniques.len() * usize::from(active.keys.any_unique) {
            let Some(value) = slots.get(field).and_then(Slot::value) else {
                continue;
            };
            if !matches!(active.keys.uniques.get(field), Some(Some(_))) {
                continue;
            }
            let text = display_value(value, prepared.schema, field, reference);
            let first = active
                .keys
                .uniques
                .get(field)
                .and_then(Option::as_ref)
                .and_then(|seen| seen.get(&text).copied());
            if let Some(first) = first {
                repeated = true;
                let label = prepared.labels.get(field).copied().unwrap_or("?");
                let (col, column) = active.field_column(field);
                let message = msg::repeated_value(label, &super::guard::shown(&text), first, lang);
                self.cell_finding(
                    Code::UniqueError,
                    Severity::Error,
                    Some(row),
                    col,
                    column,
                    None,
                    message,
                );
            } else if let Some(Some(seen)) = active.keys.uniques.get_mut(field) {
                if seen.len() < UNIQUE_LIMIT {
                    seen.insert(text, row);
                }
            }
        }
        if prepared.key.is_empty() {
            return repeated;
        }
        let mut values = Vec::with_capacity(prepared.key.len());
        for &field in &prepared.key {
            match slots.get(field) {
                Some(Slot::Value(v)) => values.push(v),
                // An optional part of the key left blank (a Takstniveau an
                // offer with one tariff does not need) is an empty part.
                Some(Slot::Blank) | None if !is_required(prepared.schema, field) => {
                    values.push(&EMPTY_KEY_PART)
                }
                _ => return repeated,
            }
        }
        let (hash, second) = key_hash(&values);
        let check = (second >> 32) as u32;
        // One probe: with a million keys each probe is a cache miss.
        let first = match active.keys.keys.entry(hash) {
            std::collections::hash_map::Entry::Occupied(e) if e.get().0 == check => e.get().1,
            // The same 64-bit hash but another check: a different key.
            // Too rare to keep (about one in 10^17 per file); count it unique.
            std::collections::hash_map::Entry::Occupied(_) => {
                self.remember_key(active, [hash, second], row);
                return repeated;
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((check, row));
                self.remember_key(active, [hash, second], row);
                return repeated;
            }
        };
        // The parts the sheet has a column for ("Takstniveau" only where
        // the report has levels).
        let in_sheet = |f: &usize| active.field_col.get(*f).copied().flatten().is_some();
        let names: Vec<&str> = prepared
            .key
            .iter()
            .filter(|f| in_sheet(f))
            .map(|f| prepared.labels.get(*f).copied().unwrap_or("?"))
            .collect();
        let shown: Vec<String> = prepared
            .key
            .iter()
            .zip(&values)
            .filter(|(f, _)| in_sheet(f))
            .map(|(f, v)| super::guard::shown(&display_value(v, prepared.schema, *f, reference)))
            .collect();
        let (col, column) = match prepared.key.first() {
            Some(f) => active.field_column(*f),
            None => (None, None),
        };
        self.cell_finding(
            Code::UniqueError,
            Severity::Error,
            Some(row),
            col,
            column,
            None,
            msg::repeated_key(first, &names.join(", "), &shown.join(", "), lang),
        );
        true
    }

    /// Keeps a key's first row in the sheet for the checks across files.
    fn remember_key(&mut self, active: &mut ActiveSheet<'v>, fingerprint: [u64; 2], row: u32) {
        let index = match active.keys.fact_keys {
            Some(i) => i,
            None => {
                let prepared = active.prepared;
                let (col, column) = match prepared.key.first() {
                    Some(f) => active.field_column(*f),
                    None => (None, None),
                };
                let names: Vec<String> = prepared
                    .key
                    .iter()
                    .filter(|f| active.field_col.get(**f).copied().flatten().is_some())
                    .map(|f| prepared.labels.get(*f).copied().unwrap_or("?").to_string())
                    .collect();
                self.facts.keys.push(facts::SheetKeys {
                    sheet: self.current.as_ref().and_then(|c| c.name.clone()),
                    schema: prepared.schema.name.clone(),
                    col,
                    column,
                    names: msg::join_and(&names, self.lang()),
                    rows: Vec::new(),
                });
                let i = self.facts.keys.len() - 1;
                active.keys.fact_keys = Some(i);
                i
            }
        };
        if let Some(keys) = self.facts.keys.get_mut(index) {
            keys.rows.push((fingerprint, row));
        }
    }
}

/// A value as readable text, for messages and uniqueness of single fields.
pub fn display_value(
    value: &Value<'_>,
    schema: &Schema,
    field: usize,
    reference: &Reference,
) -> String {
    match value {
        Value::Text(t) => t.to_string(),
        Value::Number(n) => n.normalize().to_string(),
        Value::Date(d) => d.format("%d-%m-%Y").to_string(),
        Value::Bool(b) => if *b { "ja" } else { "nej" }.to_string(),
        Value::Party { party, .. } => reference.display_name(party),
        Value::Paragraf(p) => reference
            .paragraf_info(*p)
            .map(|info| info.label.clone())
            .unwrap_or_default(),
        Value::Maalgruppe(m) => reference
            .maalgruppe_info(*m)
            .map(|info| info.name.clone())
            .unwrap_or_default(),
        Value::Choice(c) => schema
            .fields
            .get(field)
            .and_then(|f| f.choices.get(*c as usize))
            .cloned()
            .unwrap_or_default(),
    }
}
/// The key map's keys are already hashes: use their bits as they are.
#[derive(Debug, Clone, Copy, Default)]
struct KeyHashState;

struct KeyHasher(u64);

impl BuildHasher for KeyHashState {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here (write_u64); fold anything else.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

/// A key's hash for the map and a second, independent 64-bit hash: the
/// map checks 32 bits of it (96 bits in all, so a million keys collide
/// with a probability of about one in 10^17); across files all 128 bits
/// are compared.
fn key_hash(values: &[&Value<'_>]) -> (u64, u64) {
    let mut a = foldhash::quality::FixedState::with_seed(0x5eed_0001).build_hasher();
    let mut b = foldhash::quality::FixedState::with_seed(0x5eed_0002).build_hasher();
    for value in values {
        hash_value(value, &mut a);
        hash_value(value, &mut b);
    }
    (a.finish(), b.finish())
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
