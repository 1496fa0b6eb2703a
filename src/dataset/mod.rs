//! A year's submissions as typed records. Every file goes through validation;
//! valid rows of the wanted schema become records, rows with errors are left
//! out *and listed*, and files of another kind (a borgerliste among the
//! takstindberetninger of a folder) are set aside with a note. Nothing is
//! dropped silently. Analyses get records and never see files.

pub mod befolkning;
pub mod borger;
pub mod folk1a;
pub mod kriterier;
pub mod takst;
pub mod udmelding;

use crate::finding::Severity;
use crate::report::validation::ValidationReport;
use crate::schema::Schema;
use crate::validate::typed::TypedRow;
use crate::validate::{FileReport, RowConsumer, SheetContext, Validator};
use crate::values::reference::Reference;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub use befolkning::PopulationRow;
pub use borger::CitizenRow;
pub use folk1a::Folk1aRow;
pub use kriterier::Assessment;
pub use takst::{Status, TariffRow};
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
    fn build(
        plan: &Self::Plan,
        row: &TypedRow<'_, '_>,
        source: Source,
        reference: &Reference,
    ) -> Option<Self>;
}

/// A row left out of an analysis because it has errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcludedRow {
    pub source: Source,
    /// The A1 references of the cells with errors ("J14").
    pub cells: Vec<String>,
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
}

impl<T> Loaded<T> {
    /// Errors in the files this analysis used or could not read.
    pub fn errors(&self) -> u64 {
        self.validation.summary().errors
    }
}

/// Collects one file's records.
struct Collector<'p, T: Record> {
    plan: Option<T::Plan>,
    /// The address of the schema the plan was made for (only compared).
    planned_for: Option<usize>,
    reference: &'p Reference,
    path: Arc<PathBuf>,
    records: Vec<T>,
    excluded: Vec<Source>,
    /// The current sheet's name, shared by all its rows' sources.
    sheet: Option<Arc<str>>,
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
        if self.sheet.as_deref() != context.sheet {
            self.sheet = context.sheet.map(Arc::from);
        }
        let source = Source {
            path: self.path.clone(),
            sheet: self.sheet.clone(),
            row: row.number,
        };
        if row.has_errors || (row.procedure_error && !T::KEEPS_PROCEDURE_ERRORS) {
            self.excluded.push(source);
            return;
        }
        let Some(plan) = self.plan.as_ref() else {
            return;
        };
        match T::build(plan, row, source.clone(), self.reference) {
            Some(record) => self.records.push(record),
            None => self.excluded.push(source),
        }
    }
}

/// Validates `files` (in parallel, results in file order) and collects the
/// records of schema `T::SCHEMA`.
pub fn load<T: Record>(
    validator: &Validator<'_>,
    reference: &Reference,
    files: &[PathBuf],
) -> Loaded<T> {
    let results = validate_parallel(files, |path| {
        let mut collector = Collector::<T> {
            plan: None,
            planned_for: None,
            reference,
            path: Arc::new(path.to_path_buf()),
            records: Vec::new(),
            excluded: Vec::new(),
            sheet: None,
        };
        let report = validator.validate_file(path, &mut collector);
        (report, collector.records, collector.excluded)
    });
    let mut loaded = Loaded {
        records: Vec::new(),
        validation: ValidationReport::default(),
        excluded: Vec::new(),
        other_files: Vec::new(),
    };
    for (report, records, excluded) in results {
        let kinds: Vec<&str> = report
            .sheets
            .iter()
            .filter_map(|s| s.schema.as_deref())
            .collect();
        let ours = kinds.contains(&T::SCHEMA);
        if !ours && !kinds.is_empty() {
            // A recognised file of another kind: not ours, not an error here.
            loaded
                .other_files
                .push((report.path.to_path_buf(), kinds.join(", ")));
            continue;
        }
        for source in excluded {
            let cells = error_cells(&report, &source);
            loaded.excluded.push(ExcludedRow { source, cells });
        }
        loaded.records.extend(records);
        loaded.validation.files.push(report);
    }
    loaded
}

/// The cells of a row that have errors, from the file's findings.
fn error_cells(report: &FileReport, source: &Source) -> Vec<String> {
    let mut cells: Vec<String> = report
        .findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error
                && f.location.row == Some(source.row)
                && f.location.sheet == source.sheet
        })
        .filter_map(|f| f.location.cell_ref())
        .collect();
    cells.dedup();
    cells
}

/// Runs `work` for every file on up to as many threads as there are cores,
/// and returns the results in the order of `files`.
pub fn validate_parallel<R: Send>(files: &[PathBuf], work: impl Fn(&Path) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let result = work(path);
                if let Ok(mut guard) = results.lock() {
                    guard.push((i, result));
                }
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
