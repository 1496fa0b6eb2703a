//! Expanding INPUTS (placeholder until the reader lands).
use std::path::PathBuf;

pub fn expand_inputs(inputs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    Ok(inputs.to_vec())
}
