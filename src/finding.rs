//! Findings: what validation found in the inputs, kept as data until a report
//! writer renders it. A finding is never an `Err`: an `Err` means ramme itself
//! could not go on (see `error.rs`).

use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// How serious a finding is. Errors make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// The stable finding codes of the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    FileError,
    SchemaUnknown,
    MissingColumn,
    DuplicateColumn,
    UnknownColumn,
    MissingValue,
    TypeError,
    ConstraintError,
    UniqueError,
    CprDetected,
    RuleError,
    ForeignKeyError,
    ProcedureError,
    /// A file byte for byte the same as an earlier one of the set.
    DuplicateFile,
    /// A file ramme wrote itself, found among the inputs.
    RammeOutput,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FileError => "file-error",
            Code::SchemaUnknown => "schema-unknown",
            Code::MissingColumn => "missing-column",
            Code::DuplicateColumn => "duplicate-column",
            Code::UnknownColumn => "unknown-column",
            Code::MissingValue => "missing-value",
            Code::TypeError => "type-error",
            Code::ConstraintError => "constraint-error",
            Code::UniqueError => "unique-error",
            Code::CprDetected => "cpr-detected",
            Code::RuleError => "rule-error",
            Code::ForeignKeyError => "foreign-key-error",
            Code::ProcedureError => "procedure-error",
            Code::DuplicateFile => "duplicate-file",
            Code::RammeOutput => "ramme-output",
        }
    }
}

/// Where a finding is: file, sheet (None for CSV), and for cell findings the
/// row as the user sees it and the 0-based column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: Arc<PathBuf>,
    pub sheet: Option<Arc<str>>,
    pub row: Option<u32>,
    pub col: Option<u32>,
}

impl Location {
    pub fn file(path: Arc<PathBuf>) -> Self {
        Location {
            path,
            sheet: None,
            row: None,
            col: None,
        }
    }

    /// The A1 reference (`J14`) when both row and column are known.
    pub fn cell_ref(&self) -> Option<String> {
        match (self.row, self.col) {
            (Some(row), Some(col)) => Some(format!("{}{}", column_letters(col), row)),
            _ => None,
        }
    }
}

/// Excel column letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// One finding. `message` is already rendered in the run's language; it never
/// contains a CPR-shaped value (see `cpr::mask`).
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub location: Location,
    /// The column's header as the user wrote it (or the canonical name).
    pub column: Option<String>,
    /// The named row rule, for `rule-error` and `procedure-error`.
    pub rule: Option<String>,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_match_excel() {
        for (col, want) in [
            (0, "A"),
            (9, "J"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16383, "XFD"),
        ] {
            assert_eq!(column_letters(col), want, "column {col}");
        }
    }
}
