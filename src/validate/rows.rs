//! The active sheet's row checks: each cell typed and checked by its
//! field's parser, required fields, the schema's row rules and the key; the
//! typed row handed to the consumer. Blank yes/no answers wait for the end
//! of the sheet (a form answered with crosses means no by a blank).

use super::plan::ActiveSheet;
use super::sink::FileSink;
use super::SheetContext;
use crate::finding::{Code, Severity};
use crate::input::{Cell, Row};
use crate::messages::validate as msg;
use crate::schema::FieldType;
use crate::values::typed::{Slot, TypedRow};

/// Rows remembered per yes/no field whose blank answers wait for the end of
/// the sheet; beyond this they are only counted.
pub(super) const BOOL_BLANKS_KEPT: usize = 100_000;

impl<'v> FileSink<'v, '_> {
    /// One data row of a sheet whose header is found.
    pub(super) fn active_row(&mut self, active: &mut ActiveSheet<'v>, row: Row<'_>) {
        let lang = self.lang();
        let prepared = active.prepared;
        let schema = prepared.schema;
        let cpr_cols = self.cpr_guard(&row, Some(active));
        let mut has_errors = !cpr_cols.is_empty();
        let mut procedure_error = false;
        // The buffer comes back all blank and as long as the schema's
        // fields (see `recycle`): made so only for the sheet's first row.
        let mut slots: Vec<Slot<'_>> = std::mem::take(&mut active.slot_buffer);
        if slots.len() != schema.fields.len() {
            slots.clear();
            slots.resize(schema.fields.len(), Slot::Blank);
        }
        let mut series: Vec<(usize, Slot<'_>)> = Vec::new();
        // The key is fingerprinted as soon as its cells are read, so that its
        // slot in the key table comes from memory while the rest is checked.
        let mut fingerprint = None;
        let mut key_pending = active.key_last_col;
        for sc in row.cells {
            if key_pending.is_some_and(|last| sc.col > last) {
                key_pending = None;
                fingerprint = super::keys::key_fingerprint(
                    schema,
                    &prepared.key,
                    &slots,
                    active.keys.table(),
                );
            }
            if sc.cell.is_blank() {
                continue;
            }
            let field = active.field_at(sc.col);
            if cpr_cols.contains(&sc.col) {
                if let Some(slot) = field.and_then(|f| slots.get_mut(f)) {
                    *slot = Slot::Invalid;
                }
                continue;
            }
            if let (None, Some(&(field, label))) = (field, active.series_col.get(&sc.col)) {
                let Some(parser) = active.parsers.get_mut(field) else {
                    continue;
                };
                match parser.parse(sc.cell) {
                    Ok(value) => series.push((label, Slot::Value(value))),
                    Err(problem) => {
                        has_errors = true;
                        series.push((label, Slot::Invalid));
                        let column = active.series_labels.get(label).cloned();
                        // The message names the field; the user wrote "2017K1".
                        let header = &parser.field.header;
                        let message = match &column {
                            Some(written) => problem.message.replacen(header.as_str(), written, 1),
                            None => problem.message,
                        };
                        self.cell_finding(
                            problem.code,
                            Severity::Error,
                            Some(row.number),
                            Some(sc.col),
                            column,
                            None,
                            message,
                        );
                    }
                }
                continue;
            }
            let Some(field) = field else {
                if !active.header_cols.contains(&sc.col) && active.unheaded_reported.insert(sc.col)
                {
                    let letters = crate::finding::column_letters(sc.col);
                    self.cell_finding(
                        Code::UnknownColumn,
                        Severity::Warning,
                        Some(row.number),
                        Some(sc.col),
                        None,
                        None,
                        msg::unheaded_column(&letters, lang),
                    );
                }
                continue;
            };
            let Some(parser) = active.parsers.get_mut(field) else {
                continue;
            };
            let mut scratch = Slot::Blank;
            let slot = match slots.get_mut(field) {
                Some(slot) => slot,
                None => &mut scratch,
            };
            match parser.parse_into(sc.cell, slot) {
                Ok(()) => {
                    if parser.field.kind == FieldType::Boolean {
                        if let Cell::Text(t) = sc.cell {
                            if t.trim().eq_ignore_ascii_case("x") {
                                active.x_style = true;
                            }
                        }
                    }
                }
                Err(problem) => {
                    has_errors = true;
                    *slot = Slot::Invalid;
                    let column = active.column_label(sc.col);
                    self.cell_finding(
                        problem.code,
                        Severity::Error,
                        Some(row.number),
                        Some(sc.col),
                        column,
                        None,
                        problem.message,
                    );
                }
            }
        }
        if series.is_empty() && slots.iter().all(|s| matches!(s, Slot::Blank)) {
            // Only stray cells outside the table's columns (reported above):
            // not a data row, so no missing values either.
            active.slot_buffer = recycle(slots);
            return;
        }
        active.rows += 1;
        if key_pending.is_some() || active.key_last_col.is_none() {
            // The row ended at its key (or a key field has no column).
            fingerprint =
                super::keys::key_fingerprint(schema, &prepared.key, &slots, active.keys.table());
        }
        // And the row's offer, for the check against the tariffs.
        let offer = self.facts.offer_probe(&active.fact_fields, &slots);
        for &field in &prepared.required {
            if !matches!(slots.get(field), Some(Slot::Blank)) {
                continue;
            }
            let Some(def) = schema.fields.get(field) else {
                continue;
            };
            let col = active.field_col.get(field).copied().flatten();
            let Some(col) = col else { continue }; // reported as a missing column
            if def.kind == FieldType::Boolean {
                // A blank in an "x" column means no; decided when the sheet ends.
                if let (Some(list), Some(count)) = (
                    active.bool_blanks.get_mut(field),
                    active.bool_blank_count.get_mut(field),
                ) {
                    *count += 1;
                    if list.len() < self.store.limit.min(BOOL_BLANKS_KEPT) {
                        list.push(row.number);
                    }
                }
                continue;
            }
            has_errors = true;
            let column = active.column_label(col);
            self.cell_finding(
                Code::MissingValue,
                Severity::Error,
                Some(row.number),
                Some(col),
                column,
                None,
                msg::must_be_filled(&def.header, lang),
            );
        }
        for rule in &prepared.rules {
            if let Some(v) = rule.check(&slots, &prepared.labels, lang) {
                if rule.severity == Severity::Error {
                    // A procedure error (a withdrawal filed out of its
                    // window) leaves the row's data sound: kept apart so
                    // the procedure analysis can still show the request.
                    if rule.code == Code::ProcedureError {
                        procedure_error = true;
                    } else {
                        has_errors = true;
                    }
                }
                let col = active.field_col.get(v.field).copied().flatten();
                let column = col.and_then(|c| active.column_label(c));
                self.cell_finding(
                    rule.code,
                    rule.severity,
                    Some(row.number),
                    col,
                    column,
                    Some(rule.name.clone()),
                    v.message,
                );
            }
        }
        if !prepared.key.is_empty() && active.keys.sampling() {
            // About the bytes the row takes in the file (a CSV's exactly).
            let bytes: usize = row.cells.iter().map(|c| cell_bytes(&c.cell) + 1).sum();
            active.keys.sample(bytes as u64);
        }
        has_errors |= self.check_unique(active, &slots, row.number, fingerprint);
        if !has_errors {
            let sheet = self.current.as_ref().and_then(|c| c.name.as_ref());
            self.facts
                .observe_row(&active.fact_fields, &slots, offer, sheet, row.number);
        }
        let context = SheetContext {
            path: &self.path,
            sheet: self.current.as_ref().and_then(|c| c.name.as_deref()),
            schema,
        };
        self.consumer.row(
            &context,
            &TypedRow {
                number: row.number,
                slots: &slots,
                has_errors,
                procedure_error,
                series: &series,
                series_labels: &active.series_labels,
                key: fingerprint,
            },
        );
        active.slot_buffer = recycle(slots);
    }

    /// The sheet ends: its row count, and the blank yes/no answers decided.
    pub(super) fn finish_active(&mut self, mut active: ActiveSheet<'v>) {
        let lang = self.lang();
        if let Some(keys) = active
            .keys
            .fact_keys()
            .and_then(|i| self.facts.keys.get_mut(i))
        {
            keys.rows = active.keys.take_table();
        }
        let schema = active.prepared.schema;
        if let Some(report) = self.current.as_ref().and_then(|c| c.report) {
            if let Some(r) = self.sheets.get_mut(report) {
                r.rows = active.rows;
            }
        }
        if !active.x_style {
            // The rows were handed on before the sheet showed it is answered
            // ja/nej: their blank answers are errors, so take them back.
            let mut rows: Vec<u32> = active.bool_blanks.iter().flatten().copied().collect();
            rows.sort_unstable();
            rows.dedup();
            if !rows.is_empty() {
                let sheet = self.current.as_ref().and_then(|c| c.name.clone());
                self.consumer.retract(sheet.as_deref(), &rows);
            }
        }
        for (field, rows) in active.bool_blanks.iter().enumerate() {
            if active.x_style {
                // A form filled in with crosses: a blank means no.
                break;
            }
            let Some(def) = schema.fields.get(field) else {
                continue;
            };
            let (col, column) = active.field_column(field);
            let total = active.bool_blank_count.get(field).copied().unwrap_or(0);
            for row in rows {
                self.cell_finding(
                    Code::MissingValue,
                    Severity::Error,
                    Some(*row),
                    col,
                    column.clone(),
                    None,
                    msg::must_be_yes_no(&def.header, lang),
                );
            }
            // Counted beyond what was remembered, so the totals stay exact.
            for _ in rows.len() as u64..total {
                let report = self.report_index();
                if let Some(r) = self.sheets.get_mut(report) {
                    r.errors += 1;
                }
                self.store.omitted += 1;
            }
        }
        if active.rows == 0 {
            self.cell_finding(
                Code::FileError,
                Severity::Warning,
                None,
                None,
                None,
                None,
                msg::header_without_rows(
                    self.current.as_ref().is_some_and(|c| c.name.is_some()),
                    lang,
                ),
            );
        }
    }
}

/// Blanks a row buffer and hands it on, as long as it was, to a buffer of
/// another lifetime: in-place collection reuses the memory and no value
/// crosses over, in one pass that leaves the next row nothing to blank.
fn recycle<'b>(slots: Vec<Slot<'_>>) -> Vec<Slot<'b>> {
    slots.into_iter().map(|_| Slot::Blank).collect()
}

/// The bytes a cell takes in a CSV, or about that in a workbook.
fn cell_bytes(cell: &Cell<'_>) -> usize {
    match cell {
        Cell::Text(t) | Cell::Error(t) => t.len(),
        Cell::Empty => 0,
        _ => 8,
    }
}
