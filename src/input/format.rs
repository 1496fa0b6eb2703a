//! Which kind of file this is, told from its first bytes, not its name.
//! (Placeholder until the reader lands.)
use super::ReadError;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

pub fn detect(_path: &Path) -> Result<FileFormat, ReadError> {
    Err(ReadError::NotSpreadsheet)
}
