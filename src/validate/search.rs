//! The header search: the rows above the table (titles, notes) are passed
//! over until a row matches a schema's headers; the closest miss is kept to
//! tell the user what was missing. The header row's own findings (missing,
//! repeated and unknown columns) are made here too.

use super::plan::ActiveSheet;
use super::sink::{FileSink, Mode};
use super::{facts, Prepared, HEADER_SEARCH_ROWS};
use crate::finding::Code;
use crate::finding::Severity;
use crate::input::{Cell, Row};
use crate::messages::validate as msg;
use crate::schema::header::{self, HeaderCell, HeaderMap};

/// The header row that came closest to a schema without being enough, to
/// tell the user what was missing.
#[derive(Debug, Clone)]
pub(super) struct NearMiss {
    schema: usize,
    row: u32,
    matched: usize,
    missing: Vec<usize>,
}

impl<'v, 'c> FileSink<'v, 'c> {
    /// A row of a sheet whose header is not found yet.
    pub(super) fn searching_row(&mut self, row: Row<'_>, rows_seen: u32) -> Mode<'v> {
        let cpr_cols = self.cpr_guard(&row, None);
        if self.facts.title_year.is_none() {
            self.facts.title_year = row.cells.iter().find_map(|sc| match sc.cell {
                Cell::Text(t) => facts::year_in_text(t),
                _ => None,
            });
        }
        let cells: Vec<HeaderCell> = row
            .cells
            .iter()
            .filter(|sc| !cpr_cols.contains(&sc.col))
            .filter_map(|sc| match sc.cell {
                Cell::Text(t) if !t.trim().is_empty() => Some(HeaderCell {
                    col: sc.col,
                    text: t.to_string(),
                }),
                Cell::Int(i) => Some(HeaderCell {
                    col: sc.col,
                    text: i.to_string(),
                }),
                _ => None,
            })
            .collect();
        let validator = self.validator;
        let candidates: Vec<usize> = match validator.forced {
            Some(i) => vec![i],
            None => (0..validator.prepared.len()).collect(),
        };
        let mut best: Option<(usize, HeaderMap, (u32, usize))> = None;
        for i in candidates {
            let Some(p) = validator.prepared.get(i) else {
                continue;
            };
            let map = header::map_header(p.schema, &p.index, &cells);
            if !header::is_header(p.schema, &map) {
                self.remember_near_miss(i, &map, row.number);
                continue;
            }
            let score = header::score(p.schema, &map);
            if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
                best = Some((i, map, score));
            }
        }
        match best {
            Some((i, map, _)) => match validator.prepared.get(i) {
                Some(prepared) => {
                    Mode::Active(Box::new(self.start_active(prepared, map, &row, &cells)))
                }
                None => Mode::ScanOnly,
            },
            None if rows_seen + 1 >= HEADER_SEARCH_ROWS => Mode::ScanOnly,
            None => Mode::Searching {
                rows_seen: rows_seen + 1,
            },
        }
    }

    fn remember_near_miss(&mut self, schema: usize, map: &HeaderMap, row: u32) {
        if map.matched < 2
            || self
                .near_miss
                .as_ref()
                .is_some_and(|n| n.matched >= map.matched)
        {
            return;
        }
        self.near_miss = Some(NearMiss {
            schema,
            row,
            matched: map.matched,
            missing: map.missing.clone(),
        });
    }

    /// "Nærmest kommer en borgerliste (række 3), men den mangler …".
    pub(super) fn near_miss_text(&self) -> Option<String> {
        let near = self.near_miss.as_ref()?;
        let schema = self.validator.prepared.get(near.schema)?.schema;
        let missing: Vec<String> = near
            .missing
            .iter()
            .filter_map(|f| schema.fields.get(*f))
            .map(|f| format!("\"{}\"", f.header))
            .collect();
        let lang = self.lang();
        Some(msg::near_miss(
            near.row,
            schema.title.get(lang),
            &missing,
            lang,
        ))
    }

    /// The header row is found: its findings, and the sheet's check plan.
    fn start_active(
        &mut self,
        prepared: &'v Prepared<'c>,
        map: HeaderMap,
        row: &Row<'_>,
        cells: &[HeaderCell],
    ) -> ActiveSheet<'v> {
        let lang = self.lang();
        let schema = prepared.schema;
        let sheet_name = self.current.as_ref().and_then(|c| c.name.clone());
        let report = self.new_report(sheet_name, Some(schema.name.clone()));
        if let Some(c) = self.current.as_mut() {
            c.report = Some(report);
        }
        let header_row = row.number;
        for field_index in &map.missing {
            let Some(field) = schema.fields.get(*field_index) else {
                continue;
            };
            self.cell_finding(
                Code::MissingColumn,
                Severity::Error,
                Some(header_row),
                None,
                Some(field.header.clone()),
                None,
                msg::missing_column(&field.header, &field.aliases, header_row, lang),
            );
        }
        for (field_index, first, again) in &map.duplicates {
            let Some(field) = schema.fields.get(*field_index) else {
                continue;
            };
            let first_ref = format!("{}{header_row}", crate::finding::column_letters(*first));
            self.cell_finding(
                Code::DuplicateColumn,
                Severity::Error,
                Some(header_row),
                Some(*again),
                Some(field.header.clone()),
                None,
                msg::duplicate_column(&field.header, &first_ref, lang),
            );
        }
        for unknown in &map.unknown {
            let text = super::guard::shown(unknown.text.trim());
            self.cell_finding(
                Code::UnknownColumn,
                Severity::Warning,
                Some(header_row),
                Some(unknown.col),
                Some(text.clone()),
                None,
                msg::unknown_column(&text, schema.title.get(lang), lang),
            );
        }
        ActiveSheet::plan(
            prepared,
            &self.validator.catalog.reference,
            map,
            cells,
            lang,
            self.file_bytes,
        )
    }
}
