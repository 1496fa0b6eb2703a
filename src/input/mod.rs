//! Reading spreadsheets as they really arrive: CSV in any of the usual
//! encodings and delimiters, and every Excel/OpenDocument format calamine knows.
//!
//! Readers stream: they hand each non-empty row to a [`RowSink`] and keep no
//! table in memory, so a file of a million rows costs one row of memory.
//! Readers know nothing about tariffs or schemas; they only report cells and
//! where they are (`Row::number` is the row as Excel or a text editor shows it,
//! `SparseCell::col` the 0-based column).

pub mod csv;
pub mod discover;
pub mod excel;
pub mod format;
pub mod isolate;
pub mod limits;
pub mod marks;

use chrono::NaiveDateTime;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::Once;

pub use discover::{expand_inputs, DiscoverError};
pub use format::FileFormat;

/// One cell's raw content, borrowed from the reader's buffers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// An Excel cell with a date or date-time number format.
    DateTime(NaiveDateTime),
    /// An Excel error value such as `#DIV/0!`.
    Error(&'a str),
}

impl Cell<'_> {
    /// True for an empty cell or text that is only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            // Most cells start with a visible ASCII character: no trim.
            Cell::Text(s) => {
                !s.as_bytes().first().is_some_and(u8::is_ascii_graphic) && s.trim().is_empty()
            }
            _ => false,
        }
    }
}

/// A cell and its 0-based column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SparseCell<'a> {
    pub col: u32,
    pub cell: Cell<'a>,
}

/// One row: its number as the user sees it (1-based) and its non-empty cells
/// in column order. Readers may include empty cells; consumers must not rely
/// on cells being dense.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub number: u32,
    pub cells: &'a [SparseCell<'a>],
}

/// What the reader found out about a sheet before its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    /// None for CSV.
    pub name: Option<String>,
    /// False for hidden and very hidden sheets (and chart sheets etc.).
    pub visible: bool,
}

/// Receives the rows of a file. `begin_sheet` returns false to skip a sheet.
pub trait RowSink {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool;
    fn row(&mut self, row: Row<'_>);
    fn end_sheet(&mut self);
}

/// A sink whose rows of a big CSV can be taken in parts at once: while this
/// sink gets the rows up to a record boundary, a fork of it gets the rows
/// after, on another core (and a fork may fork again). A fork never sees
/// `begin_sheet` or `end_sheet`; when this sink's rows reach the boundary,
/// it is handed the fork to [`join`](ForkSink::join).
pub trait ForkSink: RowSink + Send + Sized {
    /// A sink for the current sheet's rows from a later record on (about
    /// `part_bytes` of them); None: the rest is read here alone.
    fn fork(&mut self, part_bytes: u64) -> Option<Self>;
    /// Runs `wait` (waiting for a later part): meanwhile this thread's core
    /// may go to another fork.
    fn wait<T>(&mut self, wait: impl FnOnce() -> T) -> T {
        wait()
    }
    /// A fork's rows are all read (it waits to be joined): its core is free.
    fn part_done(&mut self) {}
    /// The fork's rows follow this sink's last one: take over what the fork
    /// found (true), or refuse (false; then the reader reads the fork's
    /// rows again, here), when the two parts are only right read as one.
    fn join(&mut self, fork: Self) -> bool;
}

/// Facts about how a file was read, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadNotes {
    pub format: Option<FileFormat>,
    /// Detected text encoding of a CSV ("UTF-8", "windows-1252", "UTF-16LE" …).
    pub encoding: Option<&'static str>,
    /// Detected CSV delimiter.
    pub delimiter: Option<u8>,
}

/// Why a file could not be read (completely). Rows delivered before the error
/// were real and have been handed to the sink.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot open: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file is password protected or encrypted")]
    Encrypted,
    #[error("not a spreadsheet or text file")]
    NotSpreadsheet,
    #[error("damaged {format} file: {detail}")]
    Corrupt {
        format: &'static str,
        detail: String,
    },
    /// Bytes that are not UTF-8 in a CSV read as UTF-8 from its first
    /// bytes alone ([`Utf8Check::Prefix`]): read it again, checked whole.
    #[error("invalid UTF-8 in line {line}")]
    NotUtf8 { line: u32 },
    /// The `--sheet` asked for, and the worksheets there are.
    #[error("sheet {0:?} does not exist")]
    NoSuchSheet(String, Vec<String>),
    /// A recognisable file that is not a spreadsheet calamine can read, such
    /// as an HTML page or an Excel 2003 XML file saved with an `.xls` name.
    #[error("not a supported spreadsheet: {0}")]
    Unsupported(&'static str),
    /// The file goes beyond its budget (see [`limits`]).
    #[error("over a limit: {0}")]
    Limit(limits::Limit),
}

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Read only this sheet (the `--sheet` flag). Matched case-insensitively.
    pub sheet: Option<String>,
}

/// Reads a file of any supported format, detected from its content (not its
/// name), and streams its rows to `sink`, within the [`limits`] in force.
/// Spreadsheets are parsed in a child process when [`isolate::enable`] was
/// called; CSV is always read here (its reader allocates only what it has
/// read, within the record limits).
pub fn read_file(
    path: &Path,
    options: &ReadOptions,
    sink: &mut dyn RowSink,
) -> Result<ReadNotes, ReadError> {
    let (format, limits) = checked_format(path)?;
    let mut notes = match format {
        FileFormat::Csv => csv::read(path, sink)?,
        _ => read_spreadsheet(path, format, options, &limits, sink)?,
    };
    notes.format = Some(format);
    Ok(notes)
}

/// How much of a CSV is checked to be UTF-8 before it is read as UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf8Check {
    /// All of it (a first pass over the file).
    Whole,
    /// Its first 64 KiB; a record further on that is not UTF-8 ends the
    /// read with [`ReadError::NotUtf8`], and the caller reads it again with
    /// `Whole`. For a sink whose rows can be thrown away.
    Prefix,
}

/// Like [`read_file`], and a big UTF-8 CSV is read in two parts at once
/// when `sink` forks (see [`ForkSink`]).
pub fn read_file_forking<S: ForkSink>(
    path: &Path,
    options: &ReadOptions,
    sink: &mut S,
    utf8: Utf8Check,
) -> Result<ReadNotes, ReadError> {
    let (format, limits) = checked_format(path)?;
    let mut notes = match format {
        FileFormat::Csv => csv::read_forking(path, sink, utf8)?,
        _ => read_spreadsheet(path, format, options, &limits, sink)?,
    };
    notes.format = Some(format);
    Ok(notes)
}

/// The file's format, once its size is within the limits in force.
fn checked_format(path: &Path) -> Result<(FileFormat, limits::ReadLimits), ReadError> {
    let limits = limits::current();
    limits::check_file(path, &limits)?;
    Ok((format::detect(path)?, limits))
}

/// A spreadsheet, in the reader child when there is one.
fn read_spreadsheet(
    path: &Path,
    format: FileFormat,
    options: &ReadOptions,
    limits: &limits::ReadLimits,
    sink: &mut dyn RowSink,
) -> Result<ReadNotes, ReadError> {
    #[cfg(unix)]
    if let Some(exe) = isolate::executable() {
        return isolate::read(exe, path, format, options, limits, sink);
    }
    let _ = limits;
    excel::read(path, format, options, sink)
}

thread_local! {
    /// How deeply the current thread is inside [`catch_panic`].
    static SILENCED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `f`, turning a panic into `Err(message)` without the panic hook
/// printing a message or backtrace to stderr. Used around every call into
/// calamine, which has panics on malformed files.
///
/// **Process-global side effect:** the first call installs, once, a panic hook
/// that wraps the hook installed at that moment. The wrapper is silent only on
/// threads that are currently inside `catch_panic` and otherwise calls the
/// previous hook, so panics elsewhere (other threads, code outside) are
/// reported as before. (Swapping the hook per call and restoring it would race
/// when several threads read files at once.) A hook installed later by someone
/// else replaces the wrapper; then caught panics are printed but still caught.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if SILENCED.with(|depth| depth.get()) == 0 {
                previous(info);
            }
        }));
    });
    SILENCED.with(|depth| depth.set(depth.get().saturating_add(1)));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    SILENCED.with(|depth| depth.set(depth.get().saturating_sub(1)));
    result.map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "panic".to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catch_panic_turns_a_panic_into_err() {
        assert_eq!(catch_panic(|| 7), Ok(7));
        let caught = catch_panic(|| -> u8 { panic!("boom {}", 1) });
        assert_eq!(caught, Err("boom 1".to_string()));
        let caught = catch_panic(|| -> u8 { panic!("static") });
        assert_eq!(caught, Err("static".to_string()));
        // Nested use keeps the outer one silent too.
        let nested = catch_panic(|| catch_panic(|| -> u8 { panic!("inner") }).is_err());
        assert_eq!(nested, Ok(true));
    }
}
