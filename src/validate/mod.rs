//! The validation engine. It streams a file's rows from the reader, finds the
//! header row below any title rows, picks the schema that fits it, and checks
//! every cell (CPR guard, type, constraints), every row (required fields,
//! named rules) and the file (unique keys). Findings are collected as data;
//! valid typed rows are handed to a [`RowConsumer`] (the analyses).
//!
//! The rooms, in the order a file passes through them:
//!
//! - `mod.rs` (here): the validator, its options and reports;
//! - `sink.rs`: the finding sink — what the reader hands over, sheet by
//!   sheet, and the findings kept in file order with exact counts;
//! - `guard.rs`: the CPR guard — every cell scanned, and every string that
//!   leaves the engine (messages, columns, sheet names, paths) masked;
//! - `search.rs`: the header search below title rows, and near misses;
//! - `plan.rs`: the per-sheet check plan, made once when the header is found;
//! - `rows.rs`: the active sheet's row checks (types, required, rules);
//! - `keys.rs`: the key index (unique fields, repeated keys), its table in
//!   `keytable.rs`;
//! - `file.rs`: findings about the file as a whole (read errors, no schema);
//! - `fork.rs`: a big CSV's rows checked in two parts at once, and joined;
//! - `cell.rs`: one cell to a typed value; `values::typed`: typed rows;
//! - `set.rs`, `crossfile.rs`, `facts.rs`: a set of files checked together
//!   (`billed.rs`: a borgerliste's offers, gathered per row);
//!   `parallel.rs`: files on all cores; `summary.rs`: the totals.

mod billed;
pub mod cell;
pub mod crossfile;
pub mod facts;
mod file;
mod fork;
mod guard;
mod keys;
pub mod keytable;
pub mod parallel;
mod plan;
mod rows;
mod search;
pub mod set;
mod sink;
pub mod summary;

pub use guard::cell_has_cpr;
pub use keys::display_value;

use crate::finding::Finding;
use crate::input::{self, ReadError, ReadNotes, ReadOptions, Utf8Check};
use crate::lang::Lang;
use crate::rules::{CompiledRule, RuleError};
use crate::schema::header::HeaderIndex;
use crate::schema::{Catalog, Schema};
use crate::values::typed::TypedRow;
use sink::FileSink;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Files read again because a record past the first bytes was not UTF-8
/// (for tests).
#[cfg(test)]
pub(crate) static READ_AGAIN: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// Held by the tests that set the thread count or read the counters.
#[cfg(test)]
pub(crate) static TEST_SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// How many non-empty rows are searched for the header row.
pub const HEADER_SEARCH_ROWS: u32 = 30;

/// Settings of a validation run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Validate every file against this schema instead of detecting it.
    pub schema: Option<String>,
    /// Read only this sheet.
    pub sheet: Option<String>,
    /// Findings kept per file (0: all); counts stay exact beyond it.
    pub max_findings: usize,
    pub lang: Lang,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            schema: None,
            sheet: None,
            max_findings: 1000,
            lang: Lang::Da,
        }
    }
}

/// Why validation could not start (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("unknown schema {name:?}; known: {known}")]
    UnknownSchema { name: String, known: String },
    #[error("schema {schema}: {source}")]
    Rule { schema: String, source: RuleError },
}

/// Where a typed row comes from.
#[derive(Debug, Clone, Copy)]
pub struct SheetContext<'s> {
    pub path: &'s Path,
    pub sheet: Option<&'s str>,
    pub schema: &'s Schema,
}

/// Receives the parsed rows of recognised sheets.
pub trait RowConsumer {
    fn row(&mut self, context: &SheetContext<'_>, row: &TypedRow<'_, '_>);
    /// Rows handed on earlier turned out to have an error only the end of
    /// the sheet shows (a blank ja/nej answer in a form answered ja/nej).
    fn retract(&mut self, _sheet: Option<&str>, _rows: &[u32]) {}
    /// Whether the rows are wanted at all: a consumer that wants none lets
    /// a big CSV be checked in two parts at once.
    fn wants_rows(&self) -> bool {
        true
    }
    /// Whether [`restart`](RowConsumer::restart) can forget the rows handed
    /// on so far: then a CSV is read as UTF-8 from its first bytes, and
    /// read again from the start should a later record not be UTF-8
    /// (otherwise it is checked whole before any row is handed on).
    fn can_restart(&self) -> bool {
        !self.wants_rows()
    }
    /// Forgets every row handed on so far: the file is read again.
    fn restart(&mut self) {}
}

/// A consumer that wants no rows (plain `ramme validate`).
pub struct NoRows;

impl RowConsumer for NoRows {
    fn row(&mut self, _: &SheetContext<'_>, _: &TypedRow<'_, '_>) {}
    fn wants_rows(&self) -> bool {
        false
    }
}

/// One validated sheet (or a file that could not be validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetReport {
    pub sheet: Option<Arc<str>>,
    pub schema: Option<String>,
    pub rows: u64,
    pub errors: u64,
    pub warnings: u64,
    pub infos: u64,
}

/// Everything validation found in one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: Arc<PathBuf>,
    pub sheets: Vec<SheetReport>,
    /// Kept findings in file order (file-level first, then by sheet, row, column).
    pub findings: Vec<Finding>,
    /// Findings counted but not kept (beyond `max_findings`).
    pub omitted: u64,
    pub notes: ReadNotes,
}

impl FileReport {
    pub fn errors(&self) -> u64 {
        self.sheets.iter().map(|s| s.errors).sum()
    }
    pub fn warnings(&self) -> u64 {
        self.sheets.iter().map(|s| s.warnings).sum()
    }
    pub fn rows(&self) -> u64 {
        self.sheets.iter().map(|s| s.rows).sum()
    }
}

/// A schema prepared for matching and checking.
struct Prepared<'c> {
    schema: &'c Schema,
    index: HeaderIndex,
    rules: Vec<CompiledRule>,
    labels: Vec<&'c str>,
    key: Vec<usize>,
    required: Vec<usize>,
}

/// Validates files against the catalog's schemas.
pub struct Validator<'c> {
    catalog: &'c Catalog,
    prepared: Vec<Prepared<'c>>,
    forced: Option<usize>,
    options: Options,
}

impl<'c> Validator<'c> {
    pub fn new(catalog: &'c Catalog, options: Options) -> Result<Self, SetupError> {
        let mut prepared = Vec::new();
        for schema in &catalog.schemas {
            let rules = schema
                .rules
                .iter()
                .map(|def| CompiledRule::compile(def, schema, &catalog.reference))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|source| SetupError::Rule {
                    schema: schema.name.clone(),
                    source,
                })?;
            prepared.push(Prepared {
                schema,
                index: HeaderIndex::new(schema),
                rules,
                labels: schema.fields.iter().map(|f| f.header.as_str()).collect(),
                key: schema
                    .key
                    .iter()
                    .filter_map(|k| schema.field_index(k))
                    .collect(),
                required: (0..schema.fields.len())
                    .filter(|i| schema.fields.get(*i).is_some_and(|f| f.required))
                    .collect(),
            });
        }
        let forced = match &options.schema {
            None => None,
            Some(name) => Some(
                catalog
                    .schemas
                    .iter()
                    .position(|s| s.name == *name)
                    .ok_or_else(|| SetupError::UnknownSchema {
                        name: name.clone(),
                        known: catalog.known_names(),
                    })?,
            ),
        };
        Ok(Validator {
            catalog,
            prepared,
            forced,
            options,
        })
    }

    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    /// Validates one file. Never fails: whatever goes wrong becomes a finding.
    pub fn validate_file(
        &self,
        path: &Path,
        consumer: &mut (dyn RowConsumer + Send),
    ) -> FileReport {
        self.validate_file_with_facts(path, consumer, false).0
    }

    /// Validates one file and gathers what the checks across files need
    /// (a borgerliste's billed offers only if `offers_wanted`: they are
    /// held to the takstindberetninger of the same run).
    pub fn validate_file_with_facts(
        &self,
        path: &Path,
        consumer: &mut (dyn RowConsumer + Send),
        offers_wanted: bool,
    ) -> (FileReport, facts::FileFacts) {
        // A consumer that keeps no rows, or can forget them, lets a CSV be
        // read as UTF-8 from its first bytes: should a later record say
        // otherwise, the file is read again, checked whole (and found to be
        // Windows-1252).
        let mut utf8 = if consumer.can_restart() {
            Utf8Check::Prefix
        } else {
            Utf8Check::Whole
        };
        loop {
            if let Some(done) = self.validate_once(path, consumer, utf8, offers_wanted) {
                return done;
            }
            #[cfg(test)]
            READ_AGAIN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            consumer.restart();
            utf8 = Utf8Check::Whole;
        }
    }

    /// One reading of a file; None when it must be read again with the
    /// whole of it checked to be UTF-8 (never with `Utf8Check::Whole`).
    fn validate_once(
        &self,
        path: &Path,
        consumer: &mut (dyn RowConsumer + Send),
        utf8: Utf8Check,
        offers_wanted: bool,
    ) -> Option<(FileReport, facts::FileFacts)> {
        // Reports, findings and row sources carry the path as it may be
        // shown (CPR-shaped parts of file and folder names masked): every
        // writer prints that one. Only the reader sees the real path.
        let shown = guard::shown_path(path);
        let mut sink = FileSink::new(self, shown.clone(), consumer);
        sink.facts = facts::FileFacts::new(offers_wanted);
        sink.file_bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if *shown != path {
            sink.name_cpr_finding(None);
        }
        if let Some(skip) = input::discover::skip(path) {
            sink.skipped(skip);
            let facts = std::mem::take(&mut sink.facts);
            return Some((sink.finish(ReadNotes::default()), facts));
        }
        let read_options = ReadOptions {
            sheet: self.options.sheet.clone(),
        };
        let result =
            input::catch_panic(|| input::read_file_forking(path, &read_options, &mut sink, utf8));
        let notes = match result {
            Ok(Ok(notes)) => notes,
            Ok(Err(ReadError::NotUtf8 { .. })) if utf8 == Utf8Check::Prefix => return None,
            Ok(Err(e)) => {
                sink.abort_sheet();
                sink.read_error(&e);
                ReadNotes::default()
            }
            Err(panic) => {
                sink.abort_sheet();
                sink.read_error(&ReadError::Corrupt {
                    format: "regneark",
                    detail: panic,
                });
                ReadNotes::default()
            }
        };
        let facts = std::mem::take(&mut sink.facts);
        Some((sink.finish(notes), facts))
    }

    /// The options this validator runs with.
    pub fn options(&self) -> &Options {
        &self.options
    }
}
