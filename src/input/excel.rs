//! Excel reading (placeholder until the reader lands).
use super::{FileFormat, ReadError, ReadNotes, ReadOptions, RowSink};
use std::path::Path;

pub fn read(
    _path: &Path,
    _format: FileFormat,
    _options: &ReadOptions,
    _sink: &mut dyn RowSink,
) -> Result<ReadNotes, ReadError> {
    Err(ReadError::NotSpreadsheet)
}
