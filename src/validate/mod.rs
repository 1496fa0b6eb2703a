//! The validation engine. It streams a file's rows from the reader, finds the
//! header row below any title rows, picks the schema that fits it, and checks
//! every cell (CPR guard, type, constraints), every row (required fields,
//! named rules) and the file (unique keys). Findings are collected as data;
//! valid typed rows are handed to a [`RowConsumer`] (the analyses).

pub mod cell;
pub mod crossfile;
pub mod facts;
pub mod parallel;
pub mod set;
pub mod summary;
pub mod typed;

use crate::finding::{Code, Finding, Location, Severity};
use crate::input::{self, Cell, ReadError, ReadNotes, ReadOptions, Row, RowSink, SheetInfo};
use crate::lang::Lang;
use crate::rules::{CompiledRule, RuleError};
use crate::schema::header::{self, HeaderCell, HeaderIndex, HeaderMap};
use crate::schema::{Catalog, FieldType, Schema};
use crate::values::reference::Reference;
use cell::FieldParser;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use typed::{Slot, TypedRow, Value};

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
}

/// A consumer that wants no rows (plain `ramme validate`).
pub struct NoRows;

impl RowConsumer for NoRows {
    fn row(&mut self, _: &SheetContext<'_>, _: &TypedRow<'_, '_>) {}
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

/// The value of an optional key part left blank.
static EMPTY_KEY_PART: Value<'static> = Value::Text(std::borrow::Cow::Borrowed(""));

fn is_required(schema: &Schema, field: usize) -> bool {
    schema.fields.get(field).is_some_and(|f| f.required)
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
                .map(|def| CompiledRule::compile(def, schema))
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
    pub fn validate_file(&self, path: &Path, consumer: &mut dyn RowConsumer) -> FileReport {
        self.validate_file_with_facts(path, consumer).0
    }

    /// Validates one file and gathers what the checks across files need.
    pub fn validate_file_with_facts(
        &self,
        path: &Path,
        consumer: &mut dyn RowConsumer,
    ) -> (FileReport, facts::FileFacts) {
        // Reports, findings and row sources carry the path as it may be
        // shown (CPR-shaped parts of file and folder names masked): every
        // writer prints that one. Only the reader sees the real path.
        let shown = Arc::new(crate::cpr::mask_path(path));
        let mut sink = FileSink::new(self, shown.clone(), consumer);
        if *shown != path {
            sink.name_cpr_finding(None);
        }
        if let Some(skip) = input::discover::skip(path) {
            sink.skipped(skip);
            let facts = std::mem::take(&mut sink.facts);
            return (sink.finish(ReadNotes::default()), facts);
        }
        let read_options = ReadOptions {
            sheet: self.options.sheet.clone(),
        };
        let result = input::catch_panic(|| input::read_file(path, &read_options, &mut sink));
        let notes = match result {
            Ok(Ok(notes)) => notes,
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
        (sink.finish(notes), facts)
    }

    /// The options this validator runs with.
    pub fn options(&self) -> &Options {
        &self.options
    }
}

/// The file-error text for a file beyond its reading budget.
fn limit_message(limit: &crate::input::limits::Limit, lang: Lang) -> String {
    use crate::input::limits::Limit;
    let n = |v: u64| crate::numfmt::number(rust_decimal::Decimal::from(v), 0, lang);
    match limit {
        Limit::NotRegularFile => lang.pick(
            "Det er ikke en almindelig fil (men fx en mappe, en navngiven pipe eller en enhed), så den læses ikke.".into(),
            "It is not a regular file (but a folder, a named pipe or a device, say), so it is not read.".into(),
        ),
        Limit::FileSize { size_mb, limit_mb } => lang.pick(
            format!("Filen fylder {} MiB, mere end grænsen på {} MiB (max_file_mb i [validate]), og læses ikke.", n(*size_mb), n(*limit_mb)),
            format!("The file is {} MiB, more than the limit of {} MiB (max_file_mb in [validate]), and is not read.", n(*size_mb), n(*limit_mb)),
        ),
        Limit::CsvColumns { line, limit } => lang.pick(
            format!("Linje {line} har mere end {} kolonner (Excels grænse); filen læses ikke videre.", n(*limit as u64)),
            format!("Line {line} has more than {} columns (Excel's limit); the file is not read further.", n(*limit as u64)),
        ),
        Limit::CsvRecordBytes { line, limit_mb } => lang.pick(
            format!("Linje {line} er længere end {} MiB; filen læses ikke videre.", n(*limit_mb)),
            format!("Line {line} is longer than {} MiB; the file is not read further.", n(*limit_mb)),
        ),
        Limit::Memory { limit_mb } => lang.pick(
            format!("Filen kræver mere end {} MiB hukommelse at læse (max_memory_mb i [validate]); den påstår sandsynligvis et enormt ark. Åbn den i Excel og gem den igen.", n(*limit_mb)),
            format!("Reading the file needs more than {} MiB of memory (max_memory_mb in [validate]); it probably claims a huge sheet. Open it in Excel and save it again.", n(*limit_mb)),
        ),
        Limit::Time { seconds } => lang.pick(
            format!("Filen kunne ikke læses på {} sekunder (max_read_seconds i [validate]); den er for stor eller beskadiget.", n(*seconds)),
            format!("The file could not be read in {} seconds (max_read_seconds in [validate]); it is too large or damaged.", n(*seconds)),
        ),
    }
}

/// What a reading library's complaint means for the user, in Danish ("Could
/// not find EOCD" is a zip archive cut short).
fn damage_in_words(format: &str, detail: &str) -> String {
    let d = detail.to_lowercase();
    let excel = if format.contains("ods") && !format.contains("xlsx") {
        "OpenDocument-fil"
    } else {
        "Excel-fil"
    };
    if d.contains("eocd") || d.contains("zip") {
        format!("filen er ikke en gyldig {excel} (zip-arkivet er ufuldstændigt eller beskadiget, måske afkortet under overførslen)")
    } else if d.contains("xml") {
        format!("indholdet af {excel}en er beskadiget")
    } else if d.contains("cfb") || d.contains("ole") || d.contains("biff") || format.contains("xls")
    {
        "filen er en beskadiget Excel-fil".to_string()
    } else {
        format!("filen er beskadiget ({detail})")
    }
}

/// The findings of a file, with exact counts per sheet report.
struct Store {
    kept: Vec<(usize, Finding)>,
    omitted: u64,
    limit: usize,
}

/// What the sink is doing with the current sheet.
enum Mode<'v> {
    /// Looking for the header row; title rows so far.
    Searching { rows_seen: u32 },
    /// Checking data rows.
    Active(Box<ActiveSheet<'v>>),
    /// Only the CPR guard (hidden sheets, sheets without a header).
    ScanOnly,
}

struct CurrentSheet<'v> {
    name: Option<Arc<str>>,
    visible: bool,
    mode: Mode<'v>,
    /// Index of this sheet's report once it has one.
    report: Option<usize>,
    had_rows: bool,
    /// The sheet's name was masked: reported when the sheet ends, so the
    /// finding counts toward the sheet's own report.
    name_has_cpr: bool,
}

/// The header row that came closest to a schema without being enough, to
/// tell the user what was missing.
#[derive(Debug, Clone)]
struct NearMiss {
    schema: usize,
    row: u32,
    matched: usize,
    missing: Vec<usize>,
}

struct FileSink<'v, 'c> {
    validator: &'v Validator<'c>,
    path: Arc<PathBuf>,
    consumer: &'v mut dyn RowConsumer,
    store: Store,
    sheets: Vec<SheetReport>,
    current: Option<CurrentSheet<'v>>,
    /// Visible sheets with rows but no header: (name, rows seen).
    unrecognised: Vec<Option<Arc<str>>>,
    any_rows: bool,
    /// The reader gave up; the file-error says why.
    read_failed: bool,
    /// The best partial header seen in the file.
    near_miss: Option<NearMiss>,
    /// What the checks across files need.
    facts: facts::FileFacts,
    /// The most filled-in cells of a row, and whether a cell reads like a
    /// sentence: together they tell prose in a .txt file from a table.
    widest: usize,
    wordy: bool,
}

impl<'v, 'c> FileSink<'v, 'c> {
    fn new(
        validator: &'v Validator<'c>,
        path: Arc<PathBuf>,
        consumer: &'v mut dyn RowConsumer,
    ) -> Self {
        FileSink {
            validator,
            path,
            consumer,
            store: Store {
                kept: Vec::new(),
                omitted: 0,
                // "All" is still bounded: a file of a million bad cells
                // must not hold a million messages in memory.
                limit: match validator.options.max_findings {
                    0 => input::limits::HARD_MAX_FINDINGS,
                    n => n.min(input::limits::HARD_MAX_FINDINGS),
                },
            },
            sheets: Vec::new(),
            current: None,
            unrecognised: Vec::new(),
            any_rows: false,
            read_failed: false,
            near_miss: None,
            facts: facts::FileFacts::default(),
            widest: 0,
            wordy: false,
        }
    }

    fn lang(&self) -> Lang {
        self.validator.options.lang
    }

    fn location(&self, sheet: &Option<Arc<str>>, row: Option<u32>, col: Option<u32>) -> Location {
        Location {
            path: self.path.clone(),
            sheet: sheet.clone(),
            row,
            col,
        }
    }

    /// The report a finding counts toward, created on demand for sheets
    /// that have none (a hidden sheet with a CPR number).
    fn report_index(&mut self) -> usize {
        let sheet_name = self.current.as_ref().and_then(|c| c.name.clone());
        if let Some(i) = self.current.as_ref().and_then(|c| c.report) {
            return i;
        }
        let i = self.new_report(sheet_name, None);
        if let Some(c) = self.current.as_mut() {
            c.report = Some(i);
        }
        i
    }

    fn new_report(&mut self, sheet: Option<Arc<str>>, schema: Option<String>) -> usize {
        self.sheets.push(SheetReport {
            sheet,
            schema,
            rows: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
        });
        self.sheets.len() - 1
    }

    fn push(&mut self, report: usize, finding: Finding) {
        if let Some(r) = self.sheets.get_mut(report) {
            match finding.severity {
                Severity::Error => r.errors += 1,
                Severity::Warning => r.warnings += 1,
                Severity::Info => r.infos += 1,
            }
        }
        if self.store.kept.len() < self.store.limit {
            self.store.kept.push((report, finding));
        } else {
            self.store.omitted += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cell_finding(
        &mut self,
        code: Code,
        severity: Severity,
        row: Option<u32>,
        col: Option<u32>,
        column: Option<String>,
        rule: Option<String>,
        message: String,
    ) {
        let report = self.report_index();
        let sheet = self.current.as_ref().and_then(|c| c.name.clone());
        let finding = Finding {
            code,
            severity,
            location: self.location(&sheet, row, col),
            column,
            rule,
            message,
        };
        self.push(report, finding);
    }

    /// A file passed by without reading: an info note says why.
    fn skipped(&mut self, skip: input::discover::Skip) {
        self.read_failed = true;
        let lang = self.lang();
        let message = match skip {
            input::discover::Skip::LockFile => lang.pick(
                "Filen er en låsefil fra Excel: regnearket er åbent i Excel — luk det og send den gemte version. Låsefilen er sprunget over.",
                "The file is an Excel lock file: the workbook is open in Excel — close it and send the saved version. The lock file is skipped.",
            ),
            input::discover::Skip::Document => lang.pick(
                "Filen er et dokument, ikke et regneark; den er sprunget over.",
                "The file is a document, not a spreadsheet; it is skipped.",
            ),
        };
        let report = self.new_report(None, None);
        let finding = Finding {
            code: Code::FileError,
            severity: Severity::Info,
            location: Location::file(self.path.clone()),
            column: None,
            rule: None,
            message: message.to_string(),
        };
        self.push(report, finding);
    }

    fn read_error(&mut self, e: &ReadError) {
        self.read_failed = true;
        let lang = self.lang();
        let message = match e {
            ReadError::Io(err) => lang.pick(
                format!("Filen kan ikke åbnes: {}.", crate::error::io_text(err, lang)),
                format!("The file cannot be opened: {}.", crate::error::io_text(err, lang)),
            ),
            ReadError::Empty => lang.pick("Filen er tom.".into(), "The file is empty.".into()),
            ReadError::Encrypted => lang.pick(
                "Filen er beskyttet med adgangskode eller krypteret; gem den uden adgangskode og send den igen.".into(),
                "The file is password protected or encrypted; save it without a password and send it again.".into(),
            ),
            ReadError::NotSpreadsheet => lang.pick(
                "Filen er hverken et regneark eller en CSV-fil.".into(),
                "The file is neither a spreadsheet nor a CSV file.".into(),
            ),
            ReadError::Corrupt { format, detail } => {
                let detail = crate::cpr::mask(detail);
                lang.pick(
                    format!(
                        "Filen kan ikke læses: {}. Åbn den i Excel, gem den igen og send den igen.",
                        damage_in_words(format, &detail)
                    ),
                    format!("The file is damaged and cannot be read as {format} ({detail})."),
                )
            }
            ReadError::Unsupported(what) => {
                let kind = if what.contains("HTML") {
                    "en HTML-side (nogle systemer gemmer webtabeller med endelsen .xls)"
                } else if what.contains("2003") {
                    "et Excel 2003 XML-regneark"
                } else {
                    "en XML-fil"
                };
                lang.pick(
                    format!("Filen er {kind}, ikke et regneark, ramme kan læse; åbn den i Excel og gem den som .xlsx eller CSV."),
                    format!("The file is {what}."),
                )
            }
            ReadError::NoSuchSheet(name, sheets) => {
                let name = crate::cpr::mask(name);
                let there: Vec<String> = sheets
                    .iter()
                    .map(|s| format!("\"{}\"", crate::cpr::mask(s)))
                    .collect();
                let there = there.join(", ");
                lang.pick(
                    format!("Arket \"{name}\" findes ikke i filen; arkene er {there}."),
                    format!("The sheet \"{name}\" does not exist in the file; its sheets are {there}."),
                )
            }
            ReadError::Limit(limit) => limit_message(limit, lang),
        };
        let report = match self.sheets.is_empty() {
            true => self.new_report(None, None),
            false => 0,
        };
        let finding = Finding {
            code: Code::FileError,
            severity: Severity::Error,
            location: Location::file(self.path.clone()),
            column: None,
            rule: None,
            message,
        };
        self.push(report, finding);
    }

    /// A CPR-shaped file or folder name (`sheet` None) or sheet name.
    fn name_cpr_finding(&mut self, sheet: Option<Arc<str>>) {
        let lang = self.lang();
        let mask = crate::cpr::MASK;
        let message = match &sheet {
            None => lang.pick(
                format!("Filens eller mappens navn ser ud til at indeholde et CPR-nummer (vist som {mask}). Omdøb filen; CPR-numre må aldrig indsendes."),
                format!("The name of the file or its folder appears to hold a CPR number (shown as {mask}). Rename the file; CPR numbers must never be submitted."),
            ),
            Some(_) => lang.pick(
                format!("Arkets navn ser ud til at indeholde et CPR-nummer (vist som {mask}). Omdøb arket; CPR-numre må aldrig indsendes."),
                format!("The sheet's name appears to hold a CPR number (shown as {mask}). Rename the sheet; CPR numbers must never be submitted."),
            ),
        };
        let report = match (&sheet, self.sheets.is_empty()) {
            (Some(_), _) => self.report_index(),
            (None, true) => self.new_report(None, None),
            (None, false) => 0,
        };
        let location = match &sheet {
            Some(_) => self.location(&sheet, None, None),
            None => Location::file(self.path.clone()),
        };
        let finding = Finding {
            code: Code::CprDetected,
            severity: Severity::Error,
            location,
            column: None,
            rule: None,
            message,
        };
        self.push(report, finding);
    }

    /// Ends a sheet cut short by a read error.
    fn abort_sheet(&mut self) {
        if self.current.is_some() {
            self.end_sheet();
        }
    }

    /// Rows of any sheet, in any mode, pass the CPR guard.
    fn cpr_guard(&mut self, row: &Row<'_>, active: Option<&ActiveSheet<'_>>) -> Vec<u32> {
        let mut hits = Vec::new();
        for sc in row.cells {
            // A 9-digit value is a CPR number that lost its leading zero
            // everywhere except in amounts, percentages and years, where
            // 101.801.234 is a real figure.
            let amount_field = active
                .and_then(|a| a.field_at(sc.col))
                .and_then(|f| active.and_then(|a| a.prepared.schema.fields.get(f)))
                .is_some_and(|f| {
                    matches!(
                        f.kind,
                        FieldType::Money | FieldType::Percent | FieldType::Year
                    )
                });
            if cell_has_cpr(&sc.cell, !amount_field) {
                hits.push(sc.col);
            }
        }
        let lang = self.lang();
        for col in &hits {
            let column = active.and_then(|a| a.column_label(*col));
            let (prefix_da, prefix_en) = match column.as_deref() {
                Some(c) => (format!("{c}: cellen"), format!("{c}: the cell")),
                None => ("Cellen".to_string(), "The cell".to_string()),
            };
            self.cell_finding(
                Code::CprDetected,
                Severity::Error,
                Some(row.number),
                Some(*col),
                column,
                None,
                lang.pick(
                    format!("{prefix_da} ser ud til at indeholde et CPR-nummer ({}). CPR-numre må aldrig indsendes; brug pseudonyme personkoder (ramme pseudonym).", crate::cpr::MASK),
                    format!("{prefix_en} appears to hold a CPR number ({}). CPR numbers must never be submitted; use pseudonymous person codes (ramme pseudonym).", crate::cpr::MASK),
                ),
            );
        }
        hits
    }

    fn searching_row(&mut self, row: Row<'_>, rows_seen: u32) -> Mode<'v> {
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
    fn near_miss_text(&self) -> Option<(String, String)> {
        let near = self.near_miss.as_ref()?;
        let schema = self.validator.prepared.get(near.schema)?.schema;
        let missing: Vec<String> = near
            .missing
            .iter()
            .filter_map(|f| schema.fields.get(*f))
            .map(|f| format!("\"{}\"", f.header))
            .collect();
        let row = near.row;
        Some((
            format!(
                " Nærmest kommer række {row} som {}, men den mangler kolonnerne {}.",
                schema.title.da.to_lowercase(),
                join_and(&missing, "og")
            ),
            format!(
                " Closest is row {row} as a {}, but it lacks the columns {}.",
                schema.title.en.to_lowercase(),
                join_and(&missing, "and")
            ),
        ))
    }

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
            let aliases = if field.aliases.is_empty() {
                String::new()
            } else {
                lang.pick(
                    format!(" (eller {})", field.aliases.join(", ")),
                    format!(" (or {})", field.aliases.join(", ")),
                )
            };
            self.cell_finding(
                Code::MissingColumn,
                Severity::Error,
                Some(header_row),
                None,
                Some(field.header.clone()),
                None,
                lang.pick(
                    format!(
                        "Kolonnen \"{}\"{} mangler i overskriftsrækken (række {}).",
                        field.header, aliases, header_row
                    ),
                    format!(
                        "The column \"{}\"{} is missing from the header row (row {}).",
                        field.header, aliases, header_row
                    ),
                ),
            );
        }
        for (field_index, first, again) in &map.duplicates {
            let Some(field) = schema.fields.get(*field_index) else {
                continue;
            };
            let first_ref = crate::finding::column_letters(*first);
            self.cell_finding(
                Code::DuplicateColumn,
                Severity::Error,
                Some(header_row),
                Some(*again),
                Some(field.header.clone()),
                None,
                lang.pick(
                    format!("Kolonnen \"{}\" står to gange (også i {first_ref}{header_row}); kun den første læses.", field.header),
                    format!("The column \"{}\" appears twice (also in {first_ref}{header_row}); only the first is read.", field.header),
                ),
            );
        }
        for unknown in &map.unknown {
            let text = crate::cpr::mask(unknown.text.trim()).into_owned();
            self.cell_finding(
                Code::UnknownColumn,
                Severity::Warning,
                Some(header_row),
                Some(unknown.col),
                Some(text.clone()),
                None,
                lang.pick(
                    format!(
                        "Kolonnen \"{text}\" kendes ikke i en {} og bliver ikke læst.",
                        schema.title.da.to_lowercase()
                    ),
                    format!(
                        "The column \"{text}\" is not part of a {} and is not read.",
                        schema.title.en.to_lowercase()
                    ),
                ),
            );
        }
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
        let reference: &'c Reference = &self.validator.catalog.reference;
        let parsers = schema
            .fields
            .iter()
            .map(|f| FieldParser::new(f, reference, lang))
            .collect();
        let n = schema.fields.len();
        ActiveSheet {
            prepared,
            col_field,
            field_col: map.columns.clone(),
            written: map.written.clone(),
            header_cols,
            parsers,
            keys: HashMap::with_hasher(KeyHashState),
            uniques: schema
                .fields
                .iter()
                .map(|f| f.unique.then(HashMap::new))
                .collect(),
            bool_blanks: vec![Vec::new(); n],
            bool_blank_count: vec![0; n],
            x_style: false,
            unheaded_reported: HashSet::new(),
            rows: 0,
            any_unique: schema.fields.iter().any(|f| f.unique),
            slot_buffer: Vec::new(),
            fact_keys: None,
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

    fn active_row(&mut self, active: &mut ActiveSheet<'v>, row: Row<'_>) {
        let lang = self.lang();
        let prepared = active.prepared;
        let schema = prepared.schema;
        let cpr_cols = self.cpr_guard(&row, Some(active));
        let mut has_errors = !cpr_cols.is_empty();
        let mut procedure_error = false;
        let mut slots: Vec<Slot<'_>> = recycle(std::mem::take(&mut active.slot_buffer));
        slots.resize(schema.fields.len(), Slot::Blank);
        let mut series: Vec<(usize, Slot<'_>)> = Vec::new();
        for sc in row.cells {
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
                        lang.pick(
                            format!("Kolonne {letters} har værdier (første gang her) men ingen overskrift; de bliver ikke læst."),
                            format!("Column {letters} has values (first here) but no header; they are not read."),
                        ),
                    );
                }
                continue;
            };
            let Some(parser) = active.parsers.get_mut(field) else {
                continue;
            };
            match parser.parse(sc.cell) {
                Ok(value) => {
                    if parser.field.kind == FieldType::Boolean {
                        if let Cell::Text(t) = sc.cell {
                            if t.trim().eq_ignore_ascii_case("x") {
                                active.x_style = true;
                            }
                        }
                    }
                    if let Some(slot) = slots.get_mut(field) {
                        *slot = Slot::Value(value);
                    }
                }
                Err(problem) => {
                    has_errors = true;
                    if let Some(slot) = slots.get_mut(field) {
                        *slot = Slot::Invalid;
                    }
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
                    if list.len() < self.store.limit.min(100_000) {
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
                lang.pick(
                    format!("{} skal udfyldes.", def.header),
                    format!("{} must be filled in.", def.header),
                ),
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
        has_errors |= self.check_unique(active, &slots, row.number);
        if !has_errors {
            let sheet = self.current.as_ref().and_then(|c| c.name.clone());
            self.facts
                .observe_row(schema, &slots, &active.field_col, &sheet, row.number);
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
            },
        );
        active.slot_buffer = recycle(slots);
    }

    /// Unique fields and the key; true when the row repeats an earlier one.
    fn check_unique(&mut self, active: &mut ActiveSheet<'v>, slots: &[Slot<'_>], row: u32) -> bool {
        let lang = self.lang();
        let prepared = active.prepared;
        let reference = &self.validator.catalog.reference;
        let mut repeated = false;
        for field in 0..active.uniques.len() * usize::from(active.any_unique) {
            let Some(value) = slots.get(field).and_then(Slot::value) else {
                continue;
            };
            if !matches!(active.uniques.get(field), Some(Some(_))) {
                continue;
            }
            let text = display_value(value, prepared.schema, field, reference);
            let first = active
                .uniques
                .get(field)
                .and_then(Option::as_ref)
                .and_then(|seen| seen.get(&text).copied());
            if let Some(first) = first {
                repeated = true;
                let col = active.field_col.get(field).copied().flatten();
                let label = prepared.labels.get(field).copied().unwrap_or("?");
                let column = col.and_then(|c| active.column_label(c));
                let shown = crate::cpr::mask(&text).into_owned();
                self.cell_finding(
                    Code::UniqueError,
                    Severity::Error,
                    Some(row),
                    col,
                    column,
                    None,
                    lang.pick(
                        format!("{label} \"{shown}\" står også i række {first}; hver værdi må kun forekomme én gang."),
                        format!("{label} \"{shown}\" also appears in row {first}; each value may occur only once."),
                    ),
                );
            } else if let Some(Some(seen)) = active.uniques.get_mut(field) {
                if seen.len() < 1_000_000 {
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
        let first = match active.keys.entry(hash) {
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
            .map(|(f, v)| {
                crate::cpr::mask(&display_value(v, prepared.schema, *f, reference)).into_owned()
            })
            .collect();
        let col = prepared
            .key
            .first()
            .and_then(|f| active.field_col.get(*f).copied().flatten());
        let column = col.and_then(|c| active.column_label(c));
        self.cell_finding(
            Code::UniqueError,
            Severity::Error,
            Some(row),
            col,
            column,
            None,
            lang.pick(
                format!(
                    "Rækken gentager række {first}: samme {} ({}).",
                    names.join(", "),
                    shown.join(", ")
                ),
                format!(
                    "The row repeats row {first}: same {} ({}).",
                    names.join(", "),
                    shown.join(", ")
                ),
            ),
        );
        true
    }

    /// Keeps a key's first row in the sheet for the checks across files.
    fn remember_key(&mut self, active: &mut ActiveSheet<'v>, fingerprint: [u64; 2], row: u32) {
        let index = match active.fact_keys {
            Some(i) => i,
            None => {
                let prepared = active.prepared;
                let col = prepared
                    .key
                    .first()
                    .and_then(|f| active.field_col.get(*f).copied().flatten());
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
                    column: col.and_then(|c| active.column_label(c)),
                    names: join_and(&names, self.lang().pick("og", "and")),
                    rows: Vec::new(),
                });
                let i = self.facts.keys.len() - 1;
                active.fact_keys = Some(i);
                i
            }
        };
        if let Some(keys) = self.facts.keys.get_mut(index) {
            keys.rows.push((fingerprint, row));
        }
    }

    fn finish_active(&mut self, active: ActiveSheet<'v>) {
        let lang = self.lang();
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
            let col = active.field_col.get(field).copied().flatten();
            let column = col.and_then(|c| active.column_label(c));
            let total = active.bool_blank_count.get(field).copied().unwrap_or(0);
            for row in rows {
                self.cell_finding(
                    Code::MissingValue,
                    Severity::Error,
                    Some(*row),
                    col,
                    column.clone(),
                    None,
                    lang.pick(
                        format!("{} skal udfyldes med ja eller nej.", def.header),
                        format!("{} must be filled in with yes or no.", def.header),
                    ),
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
                match self.current.as_ref().and_then(|c| c.name.as_ref()) {
                    Some(_) => lang.pick(
                        "Arket har en overskriftsrække men ingen datarækker.".into(),
                        "The sheet has a header row but no data rows.".into(),
                    ),
                    None => lang.pick(
                        "Filen har en overskriftsrække men ingen datarækker.".into(),
                        "The file has a header row but no data rows.".into(),
                    ),
                },
            );
        }
    }

    fn finish(mut self, notes: ReadNotes) -> FileReport {
        let lang = self.lang();
        if notes.encoding == Some(input::csv::UTF8_BOM_LOSSY) {
            let report = match self.sheets.is_empty() {
                true => self.new_report(None, None),
                false => 0,
            };
            let finding = Finding {
                code: Code::FileError,
                severity: Severity::Warning,
                location: Location::file(self.path.clone()),
                column: None,
                rule: None,
                message: lang.pick(
                    "Filen begynder som UTF-8 (med BOM), men indeholder tegn, der ikke er UTF-8; de er læst som \u{FFFD}. Gem filen igen som \"CSV UTF-8\".".into(),
                    "The file starts as UTF-8 (with a BOM) but holds bytes that are not UTF-8; they were read as \u{FFFD}. Save the file again as \"CSV UTF-8\".".into(),
                ),
            };
            self.push(report, finding);
        }
        let recognised = self.sheets.iter().any(|s| s.schema.is_some());
        if !recognised && !self.read_failed {
            let forced = self
                .validator
                .forced
                .and_then(|i| self.validator.prepared.get(i))
                .map(|p| p.schema.name.clone());
            let near = self.near_miss_text().unwrap_or_default();
            let prose = (self.widest <= 1 || (self.widest <= 2 && self.wordy))
                && self.any_rows
                && forced.is_none()
                && self
                    .path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
            let (code, message) = match (self.any_rows, forced) {
                (true, None) if prose => (
                    Code::FileError,
                    lang.pick(
                        "Filen er almindelig tekst, ikke en tabel; den er sprunget over.".to_string(),
                        "The file is plain text, not a table; it is skipped.".to_string(),
                    ),
                ),
                (false, _) => (
                    Code::FileError,
                    lang.pick("Filen indeholder ingen data.".to_string(), "The file holds no data.".to_string()),
                ),
                (true, Some(name)) => (
                    Code::SchemaUnknown,
                    lang.pick(
                        format!("Fandt ingen overskriftsrække med kolonnerne i en {name} i de første {HEADER_SEARCH_ROWS} rækker.{}", near.0),
                        format!("Found no header row with the columns of a {name} in the first {HEADER_SEARCH_ROWS} rows.{}", near.1),
                    ),
                ),
                (true, None) => (
                    Code::SchemaUnknown,
                    lang.pick(
                        format!(
                            "Filtypen kan ikke genkendes: ingen af de første {HEADER_SEARCH_ROWS} rækker ligner overskrifterne i en takstindberetning, borgerliste, kriterievurdering, udmelding eller befolkningsfil.{} Vælg skemaet med --schema, hvis filen er en af dem.",
                            near.0
                        ),
                        format!(
                            "The kind of file is not recognised: none of the first {HEADER_SEARCH_ROWS} rows looks like the header of a takstindberetning, borgerliste, kriterievurdering, udmelding or befolkning file.{} Choose the schema with --schema if the file is one of them.",
                            near.1
                        ),
                    ),
                ),
            };
            let sheet = self.unrecognised.first().cloned().flatten();
            let report = match self.sheets.is_empty() {
                true => self.new_report(sheet.clone(), None),
                false => 0,
            };
            let finding = Finding {
                code,
                severity: if prose {
                    Severity::Info
                } else {
                    Severity::Error
                },
                location: self.location(&sheet, None, None),
                column: None,
                rule: None,
                message,
            };
            self.push(report, finding);
        } else if recognised {
            let names: Vec<Option<Arc<str>>> = self.unrecognised.clone();
            for name in names {
                let Some(name) = name else { continue };
                let report = 0;
                let finding = Finding {
                    code: Code::SchemaUnknown,
                    severity: Severity::Info,
                    location: self.location(&Some(name.clone()), None, None),
                    column: None,
                    rule: None,
                    message: lang.pick(
                        format!("Arket \"{name}\" ligner ikke en indberetning og er ikke valideret (kun tjekket for CPR-numre)."),
                        format!("The sheet \"{name}\" does not look like a submission and was not validated (only checked for CPR numbers)."),
                    ),
                };
                self.push(report, finding);
            }
        }
        let order: HashMap<Option<Arc<str>>, usize> = self
            .sheets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.sheet.clone(), i))
            .collect();
        let mut kept = std::mem::take(&mut self.store.kept);
        kept.sort_by_key(|(_, f)| {
            let file_level =
                f.location.row.is_none() && f.location.col.is_none() && f.location.sheet.is_none();
            (
                !file_level,
                order.get(&f.location.sheet).copied().unwrap_or(usize::MAX),
                f.location.row.unwrap_or(0),
                f.location.col.map_or(0, |c| u64::from(c) + 1),
            )
        });
        FileReport {
            path: self.path,
            sheets: self.sheets,
            findings: kept.into_iter().map(|(_, f)| f).collect(),
            omitted: self.store.omitted,
            notes,
        }
    }
}

impl RowSink for FileSink<'_, '_> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        if self.facts.title_year.is_none() && sheet.visible {
            self.facts.title_year = sheet.name.as_deref().and_then(facts::year_in_text);
        }
        // The name is kept only as it may be shown.
        let name = sheet.name.as_deref().map(crate::cpr::mask);
        let masked = matches!(name, Some(std::borrow::Cow::Owned(_)));
        self.current = Some(CurrentSheet {
            name: name.as_deref().map(Arc::from),
            visible: sheet.visible,
            mode: if sheet.visible {
                Mode::Searching { rows_seen: 0 }
            } else {
                Mode::ScanOnly
            },
            report: None,
            had_rows: false,
            name_has_cpr: false,
        });
        if let Some(c) = self.current.as_mut() {
            c.name_has_cpr = masked;
        }
        true
    }

    fn row(&mut self, row: Row<'_>) {
        let Some(current) = self.current.as_mut() else {
            return;
        };
        current.had_rows = true;
        let filled = row
            .cells
            .iter()
            .filter(|c| !matches!(c.cell, input::Cell::Empty))
            .count();
        self.widest = self.widest.max(filled);
        if !self.wordy {
            self.wordy = row.cells.iter().any(
                |c| matches!(c.cell, input::Cell::Text(t) if t.split_whitespace().count() >= 6),
            );
        }
        let visible = current.visible;
        let mode = std::mem::replace(&mut current.mode, Mode::ScanOnly);
        if visible {
            self.any_rows = true;
        }
        let next = match mode {
            Mode::Searching { rows_seen } => self.searching_row(row, rows_seen),
            Mode::Active(mut active) => {
                self.active_row(&mut active, row);
                Mode::Active(active)
            }
            Mode::ScanOnly => {
                self.cpr_guard(&row, None);
                Mode::ScanOnly
            }
        };
        if let Some(current) = self.current.as_mut() {
            current.mode = next;
        }
    }

    fn end_sheet(&mut self) {
        let Some(mut current) = self.current.take() else {
            return;
        };
        let mode = std::mem::replace(&mut current.mode, Mode::ScanOnly);
        let visible = current.visible;
        let had_rows = current.had_rows;
        let name = current.name.clone();
        let name_has_cpr = current.name_has_cpr;
        self.current = Some(current);
        match mode {
            Mode::Active(active) => self.finish_active(*active),
            Mode::Searching { .. } | Mode::ScanOnly => {
                if visible && had_rows {
                    self.unrecognised.push(name.clone());
                }
            }
        }
        if name_has_cpr {
            self.name_cpr_finding(name);
        }
        self.current = None;
    }
}

/// The state of a sheet whose header has been found.
struct ActiveSheet<'v> {
    prepared: &'v Prepared<'v>,
    col_field: Vec<Option<usize>>,
    field_col: Vec<Option<u32>>,
    written: Vec<Option<String>>,
    header_cols: HashSet<u32>,
    parsers: Vec<FieldParser<'v>>,
    /// Key hash → (a second, independent 32-bit hash, first row).
    keys: HashMap<u64, (u32, u32), KeyHashState>,
    uniques: Vec<Option<HashMap<String, u32>>>,
    bool_blanks: Vec<Vec<u32>>,
    bool_blank_count: Vec<u64>,
    /// Some boolean cell of the sheet holds "x": blanks mean no.
    x_style: bool,
    unheaded_reported: HashSet<u32>,
    rows: u64,
    /// Whether any field is unique on its own (most schemas have none).
    any_unique: bool,
    /// The row buffer, kept between rows for its allocation.
    slot_buffer: Vec<Slot<'static>>,
    /// This sheet's entry in the file's facts, once it has a key.
    fact_keys: Option<usize>,
    /// Series columns (a field's `header_pattern`): column → (field, label).
    series_col: HashMap<u32, (usize, usize)>,
    /// The series columns' headers as written.
    series_labels: Vec<String>,
}

impl ActiveSheet<'_> {
    fn field_at(&self, col: u32) -> Option<usize> {
        match self.col_field.get(col as usize) {
            Some(field) => *field,
            None => self.field_col.iter().position(|c| *c == Some(col)),
        }
    }

    /// The header of a column as the user wrote it.
    fn column_label(&self, col: u32) -> Option<String> {
        let field = self.field_at(col)?;
        self.written
            .get(field)
            .cloned()
            .flatten()
            .or_else(|| self.prepared.labels.get(field).map(|s| s.to_string()))
    }
}

/// "A, B og C".
fn join_and(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// Empties a row buffer and hands its allocation on to a buffer of another
/// lifetime (in-place collection reuses the memory; no value crosses over).
fn recycle<'b>(mut slots: Vec<Slot<'_>>) -> Vec<Slot<'b>> {
    slots.clear();
    slots.into_iter().map(|_| Slot::Blank).collect()
}

/// Whether a cell holds a CPR-shaped value. A 9-digit number counts too in a
/// non-numeric column: Excel drops the leading zero of a CPR number whose
/// day starts with 0.
pub fn cell_has_cpr(cell: &Cell<'_>, allow_lost_zero: bool) -> bool {
    match cell {
        Cell::Text(s) | Cell::Error(s) => {
            crate::cpr::contains_cpr(s) || (allow_lost_zero && crate::cpr::text_is_lost_zero_cpr(s))
        }
        Cell::Int(i) => crate::cpr::integer_is_cpr(*i, allow_lost_zero),
        Cell::Float(f) => {
            f.fract() == 0.0
                && f.abs() < 1e11
                && crate::cpr::integer_is_cpr(*f as i64, allow_lost_zero)
        }
        _ => false,
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
