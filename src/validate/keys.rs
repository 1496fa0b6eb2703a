//! The key index: a sheet's unique fields and its key (the fields that
//! together may appear once). A repeated key is a `unique-error` naming the
//! first row; each key's first row is kept for the checks across files.

use super::facts;
use super::keytable::{Fingerprint, KeyTable};
use super::plan::ActiveSheet;
use super::sink::FileSink;
use crate::finding::{Code, Severity};
use crate::messages::validate as msg;
use crate::schema::Schema;
use crate::values::reference::Reference;
use crate::values::typed::{Slot, Value};
use std::collections::HashMap;

/// The value of an optional key part left blank.
static EMPTY_KEY_PART: Value<'static> = Value::Text(std::borrow::Cow::Borrowed(""));

fn is_required(schema: &Schema, field: usize) -> bool {
    schema.fields.get(field).is_some_and(|f| f.required)
}

/// Distinct values remembered per unique field.
const UNIQUE_LIMIT: usize = 1_000_000;

/// Rows sampled before the key table is sized from the file's size.
const SAMPLE_ROWS: u64 = 64;

/// What a sheet's rows have shown of its keys so far.
#[derive(Default)]
pub(super) struct KeyIndex {
    /// Fingerprint → first row.
    table: KeyTable,
    /// Per field, the values of a unique field and their first rows.
    uniques: Vec<Option<HashMap<String, u32>>>,
    /// Whether any field is unique on its own (most schemas have none).
    any_unique: bool,
    /// This sheet's entry in the file's facts, once it has a key.
    fact_keys: Option<usize>,
    /// The file's size, and the bytes and rows seen so far, to size the
    /// table once a few rows show how long a row is.
    file_bytes: u64,
    sampled_bytes: u64,
    sampled_rows: u64,
}

impl KeyIndex {
    pub(super) fn new(schema: &Schema, file_bytes: u64) -> Self {
        KeyIndex {
            table: KeyTable::with_capacity(SAMPLE_ROWS as usize),
            uniques: schema
                .fields
                .iter()
                .map(|f| f.unique.then(HashMap::new))
                .collect(),
            any_unique: schema.fields.iter().any(|f| f.unique),
            fact_keys: None,
            file_bytes,
            sampled_bytes: 0,
            sampled_rows: 0,
        }
    }

    /// Counts a data row's length (`bytes`, about as the file holds it)
    /// toward the estimate of the sheet's rows; after [`SAMPLE_ROWS`] the
    /// table is sized for the whole file.
    /// Whether the first rows' lengths are still being counted.
    pub(super) fn sampling(&self) -> bool {
        self.sampled_rows < SAMPLE_ROWS
    }

    pub(super) fn sample(&mut self, bytes: u64) {
        if self.sampled_rows >= SAMPLE_ROWS {
            return;
        }
        self.sampled_rows += 1;
        self.sampled_bytes += bytes.max(1);
        if self.sampled_rows == SAMPLE_ROWS {
            let rows = self.file_bytes.saturating_mul(SAMPLE_ROWS) / self.sampled_bytes;
            // At most what the file could hold at one byte a row.
            let rows = usize::try_from(rows.min(self.file_bytes)).unwrap_or(usize::MAX);
            self.table.reserve_for(rows);
        }
    }

    /// The table, handed to the file's facts when the sheet ends.
    pub(super) fn take_table(&mut self) -> KeyTable {
        std::mem::take(&mut self.table)
    }

    pub(super) fn table(&self) -> &KeyTable {
        &self.table
    }

    pub(super) fn fact_keys(&self) -> Option<usize> {
        self.fact_keys
    }

    pub(super) fn set_fact_keys(&mut self, i: usize) {
        self.fact_keys = Some(i);
    }

    /// Adds the keys and unique values of a later part of the same sheet,
    /// unless one of them is here already (or a unique field would remember
    /// more values than one part alone): then nothing is added, and the
    /// sheet is only right read as one.
    pub(super) fn absorb(&mut self, later: KeyIndex) -> bool {
        for (here, there) in self.uniques.iter().zip(&later.uniques) {
            if let (Some(here), Some(there)) = (here, there) {
                if here.len() + there.len() > UNIQUE_LIMIT
                    || there.keys().any(|v| here.contains_key(v))
                {
                    return false;
                }
            }
        }
        if self.table.absorb(&later.table).is_err() {
            return false;
        }
        for (here, there) in self.uniques.iter_mut().zip(later.uniques) {
            if let (Some(here), Some(there)) = (here.as_mut(), there) {
                here.extend(there);
            }
        }
        true
    }
}

impl<'v> FileSink<'v, '_> {
    /// Unique fields and the key (its `fingerprint`, from
    /// [`key_fingerprint`]); true when the row repeats an earlier one.
    pub(super) fn check_unique(
        &mut self,
        active: &mut ActiveSheet<'v>,
        slots: &[Slot<'_>],
        row: u32,
        fingerprint: Option<Fingerprint>,
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
        let Some(fingerprint) = fingerprint else {
            return repeated;
        };
        // One probe: with a million keys each is a cache miss, unless the
        // slot was fetched while the row's other checks ran.
        let Some(first) = active.keys.table.first_or_insert(fingerprint, row) else {
            self.remember_key(active);
            return repeated;
        };
        let values: Vec<&Value<'_>> = prepared
            .key
            .iter()
            .filter_map(|&field| key_part(prepared.schema, slots, field))
            .collect();
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

    /// Makes the sheet's entry in the file's facts at its first key (the
    /// keys themselves follow when the sheet ends).
    fn remember_key(&mut self, active: &mut ActiveSheet<'v>) {
        if active.keys.fact_keys.is_some() {
            return;
        }
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
            rows: KeyTable::default(),
        });
        active.keys.fact_keys = Some(self.facts.keys.len() - 1);
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

mod fingerprint;
pub(super) use fingerprint::key_fingerprint;
use fingerprint::key_part;
