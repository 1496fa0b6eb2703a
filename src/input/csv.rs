//! CSV reading (placeholder until the reader lands).
use super::{ReadError, ReadNotes, RowSink};
use std::path::Path;

pub fn read(_path: &Path, _sink: &mut dyn RowSink) -> Result<ReadNotes, ReadError> {
    Err(ReadError::NotSpreadsheet)
}
