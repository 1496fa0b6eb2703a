//! The finding sink: what the reader hands over (sheets and their rows),
//! sent to the header search, the row checks or the CPR guard alone, and the
//! findings kept in file order with exact counts per sheet.

use super::guard;
use super::plan::ActiveSheet;
use super::{facts, FileReport, RowConsumer, SheetReport, Validator};
use crate::finding::{Code, Finding, Location, Severity};
use crate::input::{self, ReadNotes, Row, RowSink, SheetInfo};
use crate::lang::Lang;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The findings of a file, with exact counts per sheet report.
pub(super) struct Store {
    pub(super) kept: Vec<(usize, Finding)>,
    pub(super) omitted: u64,
    pub(super) limit: usize,
}

/// What the sink is doing with the current sheet.
pub(super) enum Mode<'v> {
    /// Looking for the header row; title rows so far.
    Searching { rows_seen: u32 },
    /// Checking data rows.
    Active(Box<ActiveSheet<'v>>),
    /// Only the CPR guard (hidden sheets, sheets without a header).
    ScanOnly,
}

pub(super) struct CurrentSheet<'v> {
    pub(super) name: Option<Arc<str>>,
    pub(super) visible: bool,
    pub(super) mode: Mode<'v>,
    /// Index of this sheet's report once it has one.
    pub(super) report: Option<usize>,
    pub(super) had_rows: bool,
    /// The sheet's name was masked: reported when the sheet ends, so the
    /// finding counts toward the sheet's own report.
    pub(super) name_has_cpr: bool,
}
pub(super) struct FileSink<'v, 'c> {
    pub(super) validator: &'v Validator<'c>,
    pub(super) path: Arc<PathBuf>,
    pub(super) consumer: &'v mut (dyn RowConsumer + Send),
    pub(super) store: Store,
    pub(super) sheets: Vec<SheetReport>,
    pub(super) current: Option<CurrentSheet<'v>>,
    /// Visible sheets with rows but no header: (name, rows seen).
    pub(super) unrecognised: Vec<Option<Arc<str>>>,
    pub(super) any_rows: bool,
    /// The reader gave up; the file-error says why.
    pub(super) read_failed: bool,
    /// The best partial header seen in the file.
    pub(super) near_miss: Option<super::search::NearMiss>,
    /// What the checks across files need.
    pub(super) facts: facts::FileFacts,
    /// The most filled-in cells of a row, and whether a cell reads like a
    /// sentence: together they tell prose in a .txt file from a table.
    pub(super) widest: usize,
    pub(super) wordy: bool,
    /// The file's size, to size the key table.
    pub(super) file_bytes: u64,
    /// A fork holds the core it runs on.
    pub(super) core: Option<super::parallel::Core>,
}

impl<'v, 'c> FileSink<'v, 'c> {
    pub(super) fn new(
        validator: &'v Validator<'c>,
        path: Arc<PathBuf>,
        consumer: &'v mut (dyn RowConsumer + Send),
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
            file_bytes: 0,
            core: None,
        }
    }

    pub(super) fn lang(&self) -> Lang {
        self.validator.options.lang
    }

    pub(super) fn location(
        &self,
        sheet: &Option<Arc<str>>,
        row: Option<u32>,
        col: Option<u32>,
    ) -> Location {
        Location {
            path: self.path.clone(),
            sheet: sheet.clone(),
            row,
            col,
        }
    }

    /// The report a finding counts toward, created on demand for sheets
    /// that have none (a hidden sheet with a CPR number).
    pub(super) fn report_index(&mut self) -> usize {
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

    pub(super) fn new_report(&mut self, sheet: Option<Arc<str>>, schema: Option<String>) -> usize {
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

    /// Counts a finding toward its report and keeps it, within the limit,
    /// sealed by the CPR guard: every finding of the file passes here.
    pub(super) fn push(&mut self, report: usize, finding: Finding) {
        if let Some(r) = self.sheets.get_mut(report) {
            match finding.severity {
                Severity::Error => r.errors += 1,
                Severity::Warning => r.warnings += 1,
                Severity::Info => r.infos += 1,
            }
        }
        if self.store.kept.len() < self.store.limit {
            self.store.kept.push((report, guard::seal(finding)));
        } else {
            self.store.omitted += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn cell_finding(
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

    /// The file's report: what the file as a whole shows, then the kept
    /// findings in file order (file-level first, then by sheet, row, column).
    pub(super) fn finish(mut self, notes: ReadNotes) -> FileReport {
        self.conclude(&notes);
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
        let (name, masked) = guard::sheet_name(sheet.name.as_deref());
        self.current = Some(CurrentSheet {
            name,
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
        // Prose or a table? Asked only of a file no schema fits, and a sheet
        // being checked means one does: its rows need not be looked at.
        if !matches!(current.mode, Mode::Active(_)) {
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
