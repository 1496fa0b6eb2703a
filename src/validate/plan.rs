//! The per-sheet check plan: made once when a sheet's header row is found,
//! it says for each column which field it holds, how that field's cells are
//! parsed and checked, and keeps the state the sheet's rows build up (the
//! key index, blank yes/no answers).

use super::cell::FieldParser;
use super::facts::FactFields;
use super::keys::KeyIndex;
use super::Prepared;
use crate::input;
use crate::lang::Lang;
use crate::schema::header::{HeaderCell, HeaderMap};
use crate::values::reference::Reference;
use crate::values::typed::Slot;
use std::collections::{HashMap, HashSet};

/// The state of a sheet whose header has been found.
pub(super) struct ActiveSheet<'v> {
    pub(super) prepared: &'v Prepared<'v>,
    /// Column → field, for the columns up to the last field's.
    col_field: Vec<Option<usize>>,
    /// Column → whether it holds amounts, percentages or years (where a
    /// 9-digit number is a figure, not a CPR number that lost its zero).
    amount_col: Vec<bool>,
    /// Field → column.
    pub(super) field_col: Vec<Option<u32>>,
    /// Field → its header as the user wrote it.
    written: Vec<Option<String>>,
    /// Columns with a header (known or not).
    pub(super) header_cols: HashSet<u32>,
    /// Field → its parser.
    pub(super) parsers: Vec<FieldParser<'v>>,
    pub(super) keys: KeyIndex,
    /// Blank answers of yes/no fields, decided when the sheet ends: rows
    /// remembered and the count of all.
    pub(super) bool_blanks: Vec<Vec<u32>>,
    pub(super) bool_blank_count: Vec<u64>,
    /// Some boolean cell of the sheet holds "x": blanks mean no.
    pub(super) x_style: bool,
    /// Columns without a header already reported.
    pub(super) unheaded_reported: HashSet<u32>,
    /// In a fork: how many of those the sheet had reported before it.
    pub(super) inherited_unheaded: usize,
    /// Data rows seen.
    pub(super) rows: u64,
    /// The row buffer, kept between rows for its allocation.
    pub(super) slot_buffer: Vec<Slot<'static>>,
    /// Series columns (a field's `header_pattern`): column → (field, label).
    pub(super) series_col: HashMap<u32, (usize, usize)>,
    /// The series columns' headers as written.
    pub(super) series_labels: Vec<String>,
    /// Where the fields the file's facts read are.
    pub(super) fact_fields: FactFields,
    /// The last column of the key's fields, when each has one: once a row's
    /// cells are past it, its key is known and its slot can be fetched.
    pub(super) key_last_col: Option<u32>,
}

impl<'v> ActiveSheet<'v> {
    /// The plan for a sheet whose header row mapped as `map`.
    pub(super) fn plan<'c: 'v>(
        prepared: &'v Prepared<'c>,
        reference: &'v Reference,
        map: HeaderMap,
        cells: &[HeaderCell],
        lang: Lang,
        file_bytes: u64,
    ) -> Self {
        let schema = prepared.schema;
        let header_cols: HashSet<u32> = cells.iter().map(|c| c.col).collect();
        // Sized by the schema's columns, not by the furthest header cell (an
        // unknown header far out must not cost a slot per column), and at
        // most Excel's width; a field further out is found by `field_at`.
        let width = map
            .columns
            .iter()
            .flatten()
            .max()
            .map_or(0, |m| *m as usize + 1)
            .min(input::limits::MAX_CSV_COLUMNS);
        let mut col_field = vec![None; width];
        for (field, col) in map.columns.iter().enumerate() {
            if let Some(col) = col {
                if let Some(slot) = col_field.get_mut(*col as usize) {
                    *slot = Some(field);
                }
            }
        }
        let parsers = schema
            .fields
            .iter()
            .map(|f| FieldParser::new(f, reference, lang))
            .collect();
        let n = schema.fields.len();
        let amount_col = col_field
            .iter()
            .map(|f| f.is_some_and(|f| is_amount(schema, f)))
            .collect();
        let key_cols: Option<Vec<u32>> = prepared
            .key
            .iter()
            .map(|&f| map.columns.get(f).copied().flatten())
            .collect();
        ActiveSheet {
            key_last_col: key_cols.and_then(|cols| cols.into_iter().max()),
            amount_col,
            fact_fields: FactFields::of(schema, &map.columns),
            prepared,
            col_field,
            field_col: map.columns.clone(),
            written: map.written.clone(),
            header_cols,
            parsers,
            keys: KeyIndex::new(schema, file_bytes),
            bool_blanks: vec![Vec::new(); n],
            bool_blank_count: vec![0; n],
            x_style: false,
            unheaded_reported: HashSet::new(),
            inherited_unheaded: 0,
            rows: 0,
            slot_buffer: Vec::new(),
            series_col: map
                .series
                .iter()
                .enumerate()
                .map(|(label, (field, cell))| (cell.col, (*field, label)))
                .collect(),
            series_labels: map
                .series
                .iter()
                .map(|(_, cell)| cell.text.trim().to_string())
                .collect(),
        }
    }

    /// The same plan for a later part of the sheet (of about `part_bytes`),
    /// with none of the rows' state: a fork's.
    pub(super) fn fork(&self, reference: &'v Reference, lang: Lang, part_bytes: u64) -> Self {
        let schema = self.prepared.schema;
        let n = schema.fields.len();
        ActiveSheet {
            prepared: self.prepared,
            col_field: self.col_field.clone(),
            amount_col: self.amount_col.clone(),
            field_col: self.field_col.clone(),
            written: self.written.clone(),
            header_cols: self.header_cols.clone(),
            parsers: schema
                .fields
                .iter()
                .map(|f| FieldParser::new(f, reference, lang))
                .collect(),
            keys: KeyIndex::new(schema, part_bytes),
            bool_blanks: vec![Vec::new(); n],
            bool_blank_count: vec![0; n],
            x_style: self.x_style,
            unheaded_reported: self.unheaded_reported.clone(),
            inherited_unheaded: self.unheaded_reported.len(),
            rows: 0,
            slot_buffer: Vec::new(),
            series_col: self.series_col.clone(),
            series_labels: self.series_labels.clone(),
            fact_fields: self.fact_fields.clone(),
            key_last_col: self.key_last_col,
        }
    }

    /// The field a column holds.
    pub(super) fn field_at(&self, col: u32) -> Option<usize> {
        match self.col_field.get(col as usize) {
            Some(field) => *field,
            None => self.field_col.iter().position(|c| *c == Some(col)),
        }
    }

    /// Whether a column holds amounts, percentages or years.
    pub(super) fn amount_column(&self, col: u32) -> bool {
        match self.amount_col.get(col as usize) {
            Some(amount) => *amount,
            None => self
                .field_at(col)
                .is_some_and(|f| is_amount(self.prepared.schema, f)),
        }
    }

    /// The header of a column as the user wrote it.
    pub(super) fn column_label(&self, col: u32) -> Option<String> {
        let field = self.field_at(col)?;
        self.written
            .get(field)
            .cloned()
            .flatten()
            .or_else(|| self.prepared.labels.get(field).map(|s| s.to_string()))
    }

    /// The column of a field and its header as written.
    pub(super) fn field_column(&self, field: usize) -> (Option<u32>, Option<String>) {
        let col = self.field_col.get(field).copied().flatten();
        (col, col.and_then(|c| self.column_label(c)))
    }
}

/// Whether a field holds amounts, percentages or years.
fn is_amount(schema: &crate::schema::Schema, field: usize) -> bool {
    use crate::schema::FieldType;
    schema.fields.get(field).is_some_and(|f| {
        matches!(
            f.kind,
            FieldType::Money | FieldType::Percent | FieldType::Year
        )
    })
}
