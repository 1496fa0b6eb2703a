//! The result of validating a set of files, and its totals.

use super::FileReport;

/// The result of validating a set of files.
#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    pub files: Vec<FileReport>,
}

/// Totals over all files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub files: usize,
    pub rows: u64,
    pub errors: u64,
    pub warnings: u64,
    pub infos: u64,
}

impl ValidationReport {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for f in &self.files {
            for sheet in &f.sheets {
                s.rows += sheet.rows;
                s.errors += sheet.errors;
                s.warnings += sheet.warnings;
                s.infos += sheet.infos;
            }
        }
        s
    }
}
