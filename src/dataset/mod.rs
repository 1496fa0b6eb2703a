//! A year's submissions as typed records. Every file goes through validation;
//! valid rows of the wanted schema become records, rows with errors are left
//! out *and listed*, and files of another kind (a borgerliste among the
//! takstindberetninger of a folder) are set aside with a note. Nothing is
//! dropped silently. Analyses get records and never see files.

pub mod befolkning;
pub mod borger;
pub mod folk1a;
pub mod kriterier;
pub mod multi;
mod places;
pub mod regnskab;
pub mod short_text;
pub mod takst;
pub mod udmelding;

use crate::finding::Severity;
use crate::schema::Schema;
use crate::validate::set::{self, Entry, Grouping};
use crate::validate::summary::ValidationReport;
use crate::validate::{FileReport, RowConsumer, SheetContext, Validator};
use crate::values::reference::Reference;
use crate::values::typed::TypedRow;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use places::RowPlaces;

pub use befolkning::PopulationRow;
pub use borger::CitizenRow;
pub use folk1a::Folk1aRow;
pub use kriterier::Assessment;
pub use regnskab::AccountRow;
pub use takst::{Costs, Status, TariffRegulation, TariffRow};
pub use udmelding::{Section, WithdrawalRequest};

/// Where a record comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: Arc<PathBuf>,
    pub sheet: Option<Arc<str>>,
    pub row: u32,
}

/// A record type: which schema it is read from and how.
pub trait Record: Sized + Send {
    /// The schema's name (`takstindberetning`).
    const SCHEMA: &'static str;
    /// Field indices resolved once per schema.
    type Plan: Send;
    /// Whether rows whose only errors are procedure errors become records
    /// (the withdrawal analysis shows such requests as not allowed).
    const KEEPS_PROCEDURE_ERRORS: bool = false;
    fn plan(schema: &Schema) -> Option<Self::Plan>;
    /// A record from a row without errors; None if a needed field is empty.
    /// `source` is where the row was read (a record that keeps it clones
    /// it: most need only its row number, and a clone per row costs).
    fn build(
        plan: &Self::Plan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        reference: &Reference,
    ) -> Option<Self>;
}

/// A row left out of an analysis because it has errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcludedRow {
    pub source: Source,
    /// The A1 references of the cells with errors ("J14").
    pub cells: Vec<String>,
    /// Why: the messages of the row's errors (masked, in the run's language).
    pub reasons: Vec<String>,
}

/// The records of a set of files, and what was left out.
#[derive(Debug)]
pub struct Loaded<T> {
    pub records: Vec<T>,
    /// Validation of the files that hold this kind of submission, and of
    /// the files that could not be read or recognised at all.
    pub validation: ValidationReport,
    pub excluded: Vec<ExcludedRow>,
    /// Files of another kind, not used (path, schema).
    pub other_files: Vec<(PathBuf, String)>,
    /// Their validation (for an annex's list of every file).
    pub other_reports: Vec<FileReport>,
    /// Every file given, with what became of it.
    pub files: Vec<InputFile>,
    /// The years of the files, with the files of each.
    pub years: BTreeMap<i32, Vec<PathBuf>>,
    /// Files that report most of the same offers at other tariffs: likely
    /// two years (see `validate::set`).
    pub other_year_pairs: Vec<(PathBuf, PathBuf)>,
}

/// What every year's records can say about themselves, whatever their kind.
pub trait AnyLoaded {
    fn excluded(&self) -> &[ExcludedRow];
    fn summary(&self) -> crate::validate::summary::Summary;
}

impl<T> AnyLoaded for Loaded<T> {
    fn excluded(&self) -> &[ExcludedRow] {
        &self.excluded
    }
    fn summary(&self) -> crate::validate::summary::Summary {
        self.validation.summary()
    }
}

/// What became of one input file in an analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// The kinds of submission found in it ("takstindberetning").
    pub schema: Option<String>,
    pub rows: u64,
    pub rows_used: usize,
    pub status: InputStatus,
}

/// What an analysis did with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputStatus {
    /// Every row used.
    Used,
    /// Some rows left out (errors, or keys already in another file).
    Partly,
    /// A byte-identical copy of this earlier file; not counted.
    Duplicate(PathBuf),
    /// A submission of another kind; not used here.
    OtherSchema,
    /// Written by ramme itself; not read.
    RammeOutput,
    /// Unreadable or not recognised as any submission.
    Unreadable,
}

impl InputStatus {
    /// The status as the JSON names it.
    pub fn key(&self) -> &'static str {
        match self {
            InputStatus::Used => "used",
            InputStatus::Partly => "partly",
            InputStatus::Duplicate(_) => "duplicate",
            InputStatus::OtherSchema => "other-schema",
            InputStatus::RammeOutput => "ramme-output",
            InputStatus::Unreadable => "unreadable",
        }
    }
}

impl<T> Loaded<T> {
    /// Errors in the files this analysis used or could not read.
    pub fn errors(&self) -> u64 {
        self.validation.summary().errors
    }

    /// Whether any file holds this kind of submission.
    pub fn has_kind(&self) -> bool {
        self.files
            .iter()
            .any(|f| matches!(f.status, InputStatus::Used | InputStatus::Partly))
    }

    /// Files of more than one year among inputs meant as one year's.
    pub fn mixed_years(&self) -> bool {
        self.years.len() > 1
    }
}

/// Collects one file's records.
pub struct Collector<'p, T: Record> {
    plan: Option<T::Plan>,
    /// The address of the schema the plan was made for (only compared).
    planned_for: Option<usize>,
    reference: &'p Reference,
    records: Vec<T>,
    /// (sheet, row) of each record, to take records back.
    rows: RowPlaces,
    excluded: Vec<Source>,
    /// Where the current row was read: the path, the current sheet's name
    /// (shared by all its rows) and the row, updated in place row by row.
    source: Source,
}

impl<'p, T: Record> Collector<'p, T> {
    pub fn new(reference: &'p Reference, path: &std::path::Path) -> Self {
        Collector {
            plan: None,
            planned_for: None,
            reference,
            records: Vec::new(),
            rows: RowPlaces::default(),
            excluded: Vec::new(),
            source: Source {
                // Sources are shown, never read: the path as it may be shown.
                path: Arc::new(crate::cpr::mask_path(path)),
                sheet: None,
                row: 0,
            },
        }
    }

    /// A copy of what was collected (for a file two sections read).
    pub fn duplicate(&self) -> Self
    where
        T: Clone,
    {
        Collector {
            plan: None,
            planned_for: None,
            reference: self.reference,
            records: self.records.clone(),
            rows: self.rows.clone(),
            excluded: self.excluded.clone(),
            source: Source {
                sheet: None,
                ..self.source.clone()
            },
        }
    }

    /// Moves the records of these rows to the excluded.
    fn take_back(&mut self, gone: &HashSet<(Option<Arc<str>>, u32)>) {
        if gone.is_empty() {
            return;
        }
        let mut kept_records = Vec::with_capacity(self.records.len());
        let mut kept_rows = RowPlaces::default();
        let rows = std::mem::take(&mut self.rows);
        for (record, (sheet, row)) in std::mem::take(&mut self.records)
            .into_iter()
            .zip(rows.iter())
        {
            let key = (sheet.clone(), row);
            if gone.contains(&key) {
                self.excluded.push(Source {
                    path: self.source.path.clone(),
                    sheet: key.0,
                    row,
                });
            } else {
                kept_records.push(record);
                kept_rows.push(sheet, row);
            }
        }
        self.records = kept_records;
        self.rows = kept_rows;
    }
}

impl<T: Record> RowConsumer for Collector<'_, T> {
    fn row(&mut self, context: &SheetContext<'_>, row: &TypedRow<'_, '_>) {
        if context.schema.name != T::SCHEMA {
            return;
        }
        let schema_id = std::ptr::from_ref(context.schema) as usize;
        if self.planned_for != Some(schema_id) {
            self.plan = T::plan(context.schema);
            self.planned_for = Some(schema_id);
        }
        // One Arc per sheet, not one allocation per row.
        if self.source.sheet.as_deref() != context.sheet {
            self.source.sheet = context.sheet.map(Arc::from);
        }
        self.source.row = row.number;
        if row.has_errors || (row.procedure_error && !T::KEEPS_PROCEDURE_ERRORS) {
            self.excluded.push(self.source.clone());
            return;
        }
        let Some(plan) = self.plan.as_ref() else {
            return;
        };
        match T::build(plan, row, &self.source, self.reference) {
            Some(record) => {
                self.records.push(record);
                self.rows.push(&self.source.sheet, row.number);
            }
            None => self.excluded.push(self.source.clone()),
        }
    }

    fn can_restart(&self) -> bool {
        true
    }

    fn restart(&mut self) {
        self.plan = None;
        self.planned_for = None;
        self.records.clear();
        self.rows.clear();
        self.excluded.clear();
        self.source.sheet = None;
    }

    fn retract(&mut self, sheet: Option<&str>, rows: &[u32]) {
        let sheet: Option<Arc<str>> = sheet.map(Arc::from);
        let gone: HashSet<(Option<Arc<str>>, u32)> =
            rows.iter().map(|r| (sheet.clone(), *r)).collect();
        self.take_back(&gone);
    }
}

/// Validates `files` as one year's set (in parallel, results in file
/// order; copies, own outputs and keys repeated across files handled, see
/// `validate::set`) and collects the records of schema `T::SCHEMA`.
pub fn load<T: Record>(
    validator: &Validator<'_>,
    reference: &Reference,
    files: &[PathBuf],
) -> Loaded<T> {
    let validated = set::validate_set(validator, files, Grouping::OneYear, |path| {
        Collector::<T>::new(reference, path)
    });
    let all_paths: Vec<PathBuf> = validated.files.iter().map(|f| f.path.clone()).collect();
    let pairs: Vec<(PathBuf, PathBuf)> = validated
        .other_year_pairs
        .iter()
        .filter_map(|(a, b)| {
            Some((
                crate::cpr::mask_path(all_paths.get(*a)?),
                crate::cpr::mask_path(all_paths.get(*b)?),
            ))
        })
        .collect();
    let parts = validated
        .files
        .into_iter()
        .map(|f| Part {
            duplicate_of: match &f.entry {
                Entry::Duplicate(first) => all_paths.get(*first).cloned(),
                _ => None,
            },
            path: f.path,
            entry: f.entry,
            report: f.report,
            years: f.years,
            left_out: f.left_out,
            collector: f.consumer,
        })
        .collect();
    let mut loaded = assemble(parts);
    loaded.other_year_pairs = pairs;
    loaded
}

/// One file's part in a year's records: its validation and its collector.
pub struct Part<'p, T: Record> {
    pub path: PathBuf,
    pub entry: Entry,
    pub duplicate_of: Option<PathBuf>,
    pub report: FileReport,
    pub years: Vec<i32>,
    /// Rows the checks across files left out.
    pub left_out: HashSet<(Option<Arc<str>>, u32)>,
    pub collector: Option<Collector<'p, T>>,
}

/// The records and the account of a year from its files' parts.
pub fn assemble<T: Record>(parts: Vec<Part<'_, T>>) -> Loaded<T> {
    let mut loaded = Loaded {
        records: Vec::new(),
        validation: ValidationReport::default(),
        excluded: Vec::new(),
        other_files: Vec::new(),
        other_reports: Vec::new(),
        files: Vec::new(),
        years: BTreeMap::new(),
        other_year_pairs: Vec::new(),
    };
    for mut part in parts {
        // The account shows paths, never reads them: masked as every report.
        part.path = crate::cpr::mask_path(&part.path);
        part.duplicate_of = part.duplicate_of.map(|p| crate::cpr::mask_path(&p));
        let report = part.report;
        let kinds: Vec<&str> = report
            .sheets
            .iter()
            .filter_map(|s| s.schema.as_deref())
            .collect();
        let schema = (!kinds.is_empty()).then(|| kinds.join(", "));
        let ours = kinds.contains(&T::SCHEMA);
        if ours {
            // The years of the files of this kind (a befolkning file of
            // another year among the takstindberetninger mixes nothing).
            for y in &part.years {
                loaded.years.entry(*y).or_default().push(part.path.clone());
            }
        }
        let status = match (&part.entry, part.duplicate_of) {
            (Entry::Duplicate(_), Some(first)) => InputStatus::Duplicate(first),
            (Entry::Duplicate(_), None) => InputStatus::Duplicate(PathBuf::new()),
            (Entry::RammeOutput, _) => InputStatus::RammeOutput,
            (Entry::Read, _) if ours => InputStatus::Used,
            (Entry::Read, _) if !kinds.is_empty() => InputStatus::OtherSchema,
            (Entry::Read, _) => InputStatus::Unreadable,
        };
        let rows = report.rows();
        if status == InputStatus::OtherSchema {
            // A recognised file of another kind: not ours, not an error here.
            loaded
                .other_files
                .push((report.path.to_path_buf(), kinds.join(", ")));
            loaded.files.push(InputFile {
                path: part.path,
                schema,
                rows,
                rows_used: 0,
                status,
            });
            loaded.other_reports.push(report);
            continue;
        }
        let mut rows_used = 0;
        let mut excluded_here = 0;
        if let Some(mut collector) = part.collector {
            collector.take_back(&part.left_out);
            rows_used = collector.records.len();
            for source in collector.excluded {
                let (cells, reasons) = error_cells(&report, &source);
                loaded.excluded.push(ExcludedRow {
                    source,
                    cells,
                    reasons,
                });
                excluded_here += 1;
            }
            if loaded.records.is_empty() {
                // The first file's records become the year's, not copied.
                loaded.records = collector.records;
            } else {
                loaded.records.append(&mut collector.records);
            }
        }
        let status = match status {
            InputStatus::Used if excluded_here > 0 || report.errors() > 0 => InputStatus::Partly,
            other => other,
        };
        loaded.files.push(InputFile {
            path: part.path,
            schema,
            rows,
            rows_used,
            status,
        });
        loaded.validation.files.push(report);
    }
    loaded
}

/// The cells of a row that have errors and why, from the file's findings.
fn error_cells(report: &FileReport, source: &Source) -> (Vec<String>, Vec<String>) {
    let mut cells: Vec<String> = Vec::new();
    let mut reasons: Vec<String> = Vec::new();
    for f in report.findings.iter().filter(|f| {
        f.severity == Severity::Error
            && f.location.row == Some(source.row)
            && f.location.sheet == source.sheet
    }) {
        if let Some(cell) = f.location.cell_ref() {
            if !cells.contains(&cell) {
                cells.push(cell);
            }
        }
        reasons.push(f.message.clone());
    }
    (cells, reasons)
}

pub use crate::validate::parallel::validate_parallel;

#[cfg(test)]
mod tests;
