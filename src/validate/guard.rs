//! The CPR guard: every cell of every sheet is scanned for CPR-shaped values,
//! and every string that leaves the engine — messages, column and sheet
//! names, values quoted in messages, paths — is masked here, so no writer
//! downstream has to remember to.

use super::plan::ActiveSheet;
use super::sink::FileSink;
use crate::finding::{Code, Finding, Severity};
use crate::input::{Cell, Row};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A path as reports show it (CPR-shaped parts of file and folder names
/// masked). Only the reader sees the real path.
pub(super) fn shown_path(path: &Path) -> Arc<PathBuf> {
    Arc::new(crate::cpr::mask_path(path))
}

/// A sheet's name as it may be shown, and whether masking changed it.
pub(super) fn sheet_name(name: Option<&str>) -> (Option<Arc<str>>, bool) {
    match name.map(crate::cpr::mask) {
        None => (None, false),
        Some(Cow::Borrowed(n)) => (Some(Arc::from(n)), false),
        Some(Cow::Owned(n)) => (Some(Arc::from(n)), true),
    }
}

/// Text (a value, a header as written) as it may be quoted in a message.
pub(super) fn shown(text: &str) -> String {
    crate::cpr::mask(text).into_owned()
}

/// A finding as it may leave the engine: message, column, rule and sheet
/// masked (the path is masked when the file's report is made). Every
/// finding the sink keeps passes here; masking masked text changes nothing.
pub(super) fn seal(mut finding: Finding) -> Finding {
    if let Cow::Owned(m) = crate::cpr::mask(&finding.message) {
        finding.message = m;
    }
    if let Some(column) = finding.column.as_mut() {
        if let Cow::Owned(m) = crate::cpr::mask(column) {
            *column = m;
        }
    }
    if let Some(rule) = finding.rule.as_mut() {
        if let Cow::Owned(m) = crate::cpr::mask(rule) {
            *rule = m;
        }
    }
    if let Some(sheet) = finding.location.sheet.as_ref() {
        if let Cow::Owned(m) = crate::cpr::mask(sheet) {
            finding.location.sheet = Some(Arc::from(m));
        }
    }
    finding
}

impl FileSink<'_, '_> {
    /// Rows of any sheet, in any mode, pass the CPR guard: a finding per
    /// CPR-shaped cell, and the columns of those cells.
    pub(super) fn cpr_guard(
        &mut self,
        row: &Row<'_>,
        active: Option<&ActiveSheet<'_>>,
    ) -> Vec<u32> {
        let mut hits = Vec::new();
        for sc in row.cells {
            // A 9-digit value is a CPR number that lost its leading zero
            // everywhere except in amounts, percentages and years, where
            // 101.801.234 is a real figure.
            let amount_field = active.is_some_and(|a| a.amount_column(sc.col));
            if cell_has_cpr(&sc.cell, !amount_field) {
                hits.push(sc.col);
            }
        }
        let lang = self.lang();
        for col in &hits {
            let column = active.and_then(|a| a.column_label(*col));
            let message = crate::messages::validate::cell_has_cpr(column.as_deref(), lang);
            self.cell_finding(
                Code::CprDetected,
                Severity::Error,
                Some(row.number),
                Some(*col),
                column,
                None,
                message,
            );
        }
        hits
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;

    #[test]
    fn a_sealed_finding_holds_no_cpr_number_anywhere() {
        let cpr = "010203-1234";
        let finding = Finding {
            code: Code::RuleError,
            severity: Severity::Error,
            location: Location {
                path: shown_path(Path::new("a.csv")),
                sheet: Some(Arc::from(format!("Ark {cpr}"))),
                row: Some(2),
                col: Some(0),
            },
            column: Some(format!("Kolonne {cpr}")),
            rule: Some(format!("regel {cpr}")),
            message: format!("Værdien {cpr} er forkert."),
        };
        let sealed = seal(finding);
        for text in [
            sealed.message.as_str(),
            sealed.column.as_deref().unwrap_or_default(),
            sealed.rule.as_deref().unwrap_or_default(),
            sealed.location.sheet.as_deref().unwrap_or_default(),
        ] {
            assert!(!crate::cpr::contains_cpr(text), "{text}");
            assert!(text.contains(crate::cpr::MASK), "{text}");
        }
        // Masking is idempotent: a sealed finding seals to itself.
        let again = seal(sealed.clone());
        assert_eq!(again.message, sealed.message);
    }

    #[test]
    fn a_sheet_name_says_whether_it_was_masked() {
        assert_eq!(sheet_name(None), (None, false));
        assert_eq!(sheet_name(Some("Data")), (Some(Arc::from("Data")), false));
        let (name, masked) = sheet_name(Some("010203-1234"));
        assert!(masked);
        assert_eq!(name.as_deref(), Some(crate::cpr::MASK));
    }
}
