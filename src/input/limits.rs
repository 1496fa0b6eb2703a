//! The budget every file is read within: its size, the memory and processor
//! time its reader may use, and what a CSV record may hold. A file beyond a
//! limit is refused with [`ReadError::Limit`] naming it, and the run goes on.
//!
//! The limits are one setting per process (from `[validate]` in ramme.toml,
//! set once by the command before any file is read) rather than an option
//! threaded through every caller: every reader call of every command must
//! obey them, including those that build their `ReadOptions` by default.

use super::ReadError;
use std::path::Path;
use std::sync::RwLock;

/// The most columns a CSV record may have: Excel's own limit (XFD).
pub const MAX_CSV_COLUMNS: usize = 16_384;
/// The most bytes a CSV record may have (after decoding to UTF-8).
pub const MAX_CSV_RECORD_BYTES: usize = 32 * 1024 * 1024;
/// The most findings kept per file even when `max_findings` is 0 ("all"):
/// counts stay exact, the findings beyond are counted as omitted.
pub const HARD_MAX_FINDINGS: usize = 100_000;

const MIB: u64 = 1024 * 1024;

/// What one file may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest file read, in MiB.
    pub max_file_mb: u64,
    /// Address space of the spreadsheet reader process, in MiB.
    pub max_memory_mb: u64,
    /// Processor seconds of the spreadsheet reader process.
    pub max_read_seconds: u64,
}

impl Default for ReadLimits {
    /// Room for the largest real submissions (a million-row CSV is ~100 MB,
    /// a 65.536-row dense xls needs ~600 MB loaded) while two files read at
    /// once still leave most of a 24 GB machine to the rest of the run; a
    /// reader child stays under 1 GB, and a file that never ends reading is
    /// given up after 10 s of processor time.
    fn default() -> Self {
        ReadLimits {
            max_file_mb: 1024,
            max_memory_mb: 900,
            max_read_seconds: 10,
        }
    }
}

static LIMITS: RwLock<Option<ReadLimits>> = RwLock::new(None);

/// Sets the limits for every file read from now on.
pub fn set(limits: ReadLimits) {
    if let Ok(mut guard) = LIMITS.write() {
        *guard = Some(limits);
    }
}

/// The limits in force.
pub fn current() -> ReadLimits {
    LIMITS
        .read()
        .ok()
        .and_then(|guard| *guard)
        .unwrap_or_default()
}

/// Which limit a file went beyond.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// A folder, FIFO, device or socket: never opened (a FIFO would block).
    NotRegularFile,
    FileSize {
        size_mb: u64,
        limit_mb: u64,
    },
    CsvColumns {
        line: u32,
        limit: usize,
    },
    CsvRecordBytes {
        line: u32,
        limit_mb: u64,
    },
    /// The reader needed more memory than allowed (it claimed a huge sheet).
    Memory {
        limit_mb: u64,
    },
    /// The reader used more processor time than allowed (or never ended).
    Time {
        seconds: u64,
    },
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::NotRegularFile => f.write_str("not a regular file"),
            Limit::FileSize { size_mb, limit_mb } => {
                write!(f, "{size_mb} MiB is over the limit of {limit_mb} MiB")
            }
            Limit::CsvColumns { line, limit } => {
                write!(f, "line {line} has more than {limit} columns")
            }
            Limit::CsvRecordBytes { line, limit_mb } => {
                write!(f, "line {line} is longer than {limit_mb} MiB")
            }
            Limit::Memory { limit_mb } => write!(f, "needs more than {limit_mb} MiB of memory"),
            Limit::Time { seconds } => write!(f, "took more than {seconds} s to read"),
        }
    }
}

/// Checks what can be known before opening: a regular file, not too large.
/// Follows symlinks (a link to a regular file is fine).
pub fn check_file(path: &Path, limits: &ReadLimits) -> Result<(), ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::Limit(Limit::NotRegularFile));
    }
    let limit = limits.max_file_mb.saturating_mul(MIB);
    if meta.len() > limit {
        return Err(ReadError::Limit(Limit::FileSize {
            size_mb: meta.len().div_ceil(MIB),
            limit_mb: limits.max_file_mb,
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limit_is_inclusive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        let limits = ReadLimits {
            max_file_mb: 1,
            ..ReadLimits::default()
        };
        std::fs::write(&path, vec![b'a'; MIB as usize]).unwrap();
        check_file(&path, &limits).unwrap();
        std::fs::write(&path, vec![b'a'; MIB as usize + 1]).unwrap();
        assert!(matches!(
            check_file(&path, &limits),
            Err(ReadError::Limit(Limit::FileSize {
                size_mb: 2,
                limit_mb: 1
            }))
        ));
        assert!(matches!(
            check_file(dir.path(), &limits),
            Err(ReadError::Limit(Limit::NotRegularFile))
        ));
    }
}
