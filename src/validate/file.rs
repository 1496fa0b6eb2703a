//! Findings about a file as a whole: why it was not read (skipped, a read
//! error, a reading limit), a CPR number in its name, and — once it is read —
//! that no schema fits it, or which of its sheets were not validated.

use super::sink::FileSink;
use super::HEADER_SEARCH_ROWS;
use crate::finding::{Code, Finding, Location, Severity};
use crate::input::{self, limits::Limit, ReadError, ReadNotes};
use crate::lang::Lang;
use crate::messages::validate as msg;
use std::sync::Arc;

/// The file-error text for a file beyond its reading budget.
fn limit_message(limit: &Limit, lang: Lang) -> String {
    match limit {
        Limit::NotRegularFile => msg::not_regular_file(lang),
        Limit::FileSize { size_mb, limit_mb } => msg::file_too_large(*size_mb, *limit_mb, lang),
        Limit::CsvColumns { line, limit } => msg::too_many_columns(*line, *limit as u64, lang),
        Limit::CsvRecordBytes { line, limit_mb } => msg::record_too_long(*line, *limit_mb, lang),
        Limit::Memory { limit_mb } => msg::memory_limit(*limit_mb, lang),
        Limit::Time { seconds } => msg::time_limit(*seconds, lang),
    }
}

/// What a reader's error means for the user.
fn read_error_message(e: &ReadError, lang: Lang) -> String {
    match e {
        ReadError::Io(err) => msg::cannot_open(&crate::messages::io_text(err, lang), lang),
        ReadError::Empty => msg::empty_file(lang),
        ReadError::Encrypted => msg::encrypted(lang),
        ReadError::NotSpreadsheet => msg::not_spreadsheet(lang),
        ReadError::Corrupt { format, detail } => {
            msg::damaged(format, &crate::cpr::mask(detail), lang)
        }
        ReadError::NotUtf8 { .. } => msg::damaged("csv", &crate::cpr::mask(&e.to_string()), lang),
        ReadError::Unsupported(what) => msg::unsupported(what, lang),
        ReadError::NoSuchSheet(name, sheets) => {
            let there: Vec<String> = sheets
                .iter()
                .map(|s| format!("\"{}\"", crate::cpr::mask(s)))
                .collect();
            msg::no_such_sheet(&crate::cpr::mask(name), &there.join(", "), lang)
        }
        ReadError::Limit(limit) => limit_message(limit, lang),
    }
}

impl FileSink<'_, '_> {
    /// A file-level finding, on the first report (made if there is none).
    fn file_finding(&mut self, code: Code, severity: Severity, message: String) {
        let report = match self.sheets.is_empty() {
            true => self.new_report(None, None),
            false => 0,
        };
        let finding = Finding {
            code,
            severity,
            location: Location::file(self.path.clone()),
            column: None,
            rule: None,
            message,
        };
        self.push(report, finding);
    }

    /// A file passed by without reading: an info note says why.
    pub(super) fn skipped(&mut self, skip: input::discover::Skip) {
        self.read_failed = true;
        let lang = self.lang();
        let message = match skip {
            input::discover::Skip::LockFile => msg::lock_file(lang),
            input::discover::Skip::Document => msg::document_skipped(lang),
        };
        // Always a report of its own (as before: a skipped file has no other).
        let report = self.new_report(None, None);
        let finding = Finding {
            code: Code::FileError,
            severity: Severity::Info,
            location: Location::file(self.path.clone()),
            column: None,
            rule: None,
            message,
        };
        self.push(report, finding);
    }

    pub(super) fn read_error(&mut self, e: &ReadError) {
        self.read_failed = true;
        let message = read_error_message(e, self.lang());
        self.file_finding(Code::FileError, Severity::Error, message);
    }

    /// A CPR-shaped file or folder name (`sheet` None) or sheet name.
    pub(super) fn name_cpr_finding(&mut self, sheet: Option<Arc<str>>) {
        let lang = self.lang();
        let Some(sheet) = sheet else {
            self.file_finding(Code::CprDetected, Severity::Error, msg::path_has_cpr(lang));
            return;
        };
        let report = self.report_index();
        let finding = Finding {
            code: Code::CprDetected,
            severity: Severity::Error,
            location: self.location(&Some(sheet), None, None),
            column: None,
            rule: None,
            message: msg::sheet_name_has_cpr(lang),
        };
        self.push(report, finding);
    }

    /// Ends a sheet cut short by a read error.
    pub(super) fn abort_sheet(&mut self) {
        if self.current.is_some() {
            crate::input::RowSink::end_sheet(self);
        }
    }

    /// What the file as a whole shows once it is read: a CSV that was not
    /// quite UTF-8, no schema fitting it, sheets left unvalidated.
    pub(super) fn conclude(&mut self, notes: &ReadNotes) {
        let lang = self.lang();
        if notes.encoding == Some(input::csv::UTF8_BOM_LOSSY) {
            self.file_finding(
                Code::FileError,
                Severity::Warning,
                msg::utf8_bom_lossy(lang),
            );
        }
        let recognised = self.sheets.iter().any(|s| s.schema.is_some());
        if !recognised && !self.read_failed {
            self.not_recognised();
        } else if recognised {
            let names: Vec<Option<Arc<str>>> = self.unrecognised.clone();
            for name in names.into_iter().flatten() {
                let finding = Finding {
                    code: Code::SchemaUnknown,
                    severity: Severity::Info,
                    location: self.location(&Some(name.clone()), None, None),
                    column: None,
                    rule: None,
                    message: msg::sheet_not_validated(&name, lang),
                };
                self.push(0, finding);
            }
        }
    }

    /// No sheet of the file had a schema's header: say why, and what came
    /// closest.
    fn not_recognised(&mut self) {
        let lang = self.lang();
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
            (true, None) if prose => (Code::FileError, msg::plain_text_file(lang)),
            (false, _) => (Code::FileError, msg::no_data(lang)),
            (true, Some(name)) => (
                Code::SchemaUnknown,
                msg::no_header_of(&name, HEADER_SEARCH_ROWS, &near, lang),
            ),
            (true, None) => (
                Code::SchemaUnknown,
                msg::not_recognised(HEADER_SEARCH_ROWS, &near, lang),
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
    }
}
