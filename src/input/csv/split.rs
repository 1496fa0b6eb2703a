//! A big CSV read in two parts at once: the rows after a record boundary
//! near the middle go to a fork of the sink on a second thread, while this
//! thread reads the rows before it.
//!
//! The boundary is found without knowing where quoted fields are: it is the
//! start of a line, and only a guess. This thread's own parse decides: if a
//! record of the first part ends exactly there, the fork's rows are the
//! file's rows and the sink joins them; if a quoted field runs across it (a
//! line break in a cell), the fork is called off and its rows are read here.
//! Only plain UTF-8 is split (byte offsets in the file are offsets in the
//! text); anything else, and files under [`SPLIT_MIN_BYTES`], are read as one.

use super::{parse, Opened, Parsed, Step, TextEncoding, SHEET};
use crate::input::{ForkSink, ReadError, ReadNotes, Utf8Check};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{Scope, ScopedJoinHandle};

/// Files smaller than this are read as one part: a thread and a join cost
/// more than they save.
pub const SPLIT_MIN_BYTES: u64 = 1024 * 1024;
/// The sink is asked for a fork at the starts of this many records at most
/// (the header is among the first 30 rows).
const ASK_RECORDS: u32 = 200;
/// How far past the middle a line break is looked for.
const BOUNDARY_SEARCH_BYTES: usize = 1024 * 1024;

/// Forks called off because a record ran across the boundary (for tests).
#[cfg(test)]
pub(crate) static CALLED_OFF: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// Reads the CSV at `path` like [`super::read`], in two parts when it is
/// big, plain UTF-8 and `sink` forks.
pub fn read_forking<S: ForkSink>(
    path: &Path,
    sink: &mut S,
    utf8: Utf8Check,
) -> Result<ReadNotes, ReadError> {
    let opened = super::open(path, utf8)?;
    let notes = opened.notes();
    if !sink.begin_sheet(&SHEET) {
        return Ok(notes);
    }
    let result = match bom_len(opened.encoding) {
        Some(bom) => {
            let text_len = std::fs::metadata(path)?.len().saturating_sub(bom);
            read_in_parts(path, opened, bom, text_len, sink)
        }
        None => parse(opened.text, opened.delimiter, sink, 1, |_, _| Step::Go).map(|_| ()),
    };
    sink.end_sheet();
    match utf8 {
        Utf8Check::Whole => result.map_err(super::changed_while_read),
        Utf8Check::Prefix => result,
    }
    .map(|()| notes)
}

/// The bytes before the text of a file whose text is its bytes.
fn bom_len(encoding: TextEncoding) -> Option<u64> {
    match encoding {
        TextEncoding::Utf8 => Some(0),
        TextEncoding::Utf8Bom => Some(3),
        _ => None,
    }
}

/// The file's text, at offsets into the text (after the BOM).
#[derive(Clone, Copy)]
struct Text<'p> {
    path: &'p Path,
    bom: u64,
    len: u64,
    delimiter: u8,
}

fn read_in_parts<S: ForkSink>(
    path: &Path,
    opened: Opened,
    bom: u64,
    len: u64,
    sink: &mut S,
) -> Result<(), ReadError> {
    let text = Text {
        path,
        bom,
        len,
        delimiter: opened.delimiter,
    };
    let cancel = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let mut split = Split {
            scope,
            text,
            cancel: &cancel,
            state: State::Asking { records: 0 },
            outcome: None,
        };
        let parsed = parse(opened.text, text.delimiter, sink, 1, |sink, at| {
            split.at_record(sink, at)
        })?;
        if let State::Running { handle, .. } = std::mem::replace(&mut split.state, State::Done) {
            // The text ended before the boundary (the file shrank).
            cancel.store(true, Ordering::Relaxed);
            let _ = handle.join();
        }
        match (parsed, split.outcome) {
            (Parsed::Stopped, Some(outcome)) => outcome,
            _ => Ok(()),
        }
    })
}

/// What the fork's thread gives back: the fork, and how its part ended (or
/// that it panicked).
type PartResult<S> = (S, Result<Result<Parsed, ReadError>, String>);

enum State<'scope, S> {
    /// No fork yet: records seen.
    Asking {
        records: u32,
    },
    /// The fork reads from `boundary` (an offset into the text) on.
    Running {
        boundary: u64,
        handle: ScopedJoinHandle<'scope, PartResult<S>>,
    },
    Done,
}

/// The split of one file: where the fork's thread runs, the text, and the
/// flag that calls the fork off.
struct Split<'scope, 'env, S> {
    scope: &'scope Scope<'scope, 'env>,
    text: Text<'env>,
    cancel: &'env AtomicBool,
    state: State<'scope, S>,
    /// How the fork's part ended, once the sink took it over.
    outcome: Option<Result<(), ReadError>>,
}

impl<'scope, S: ForkSink + 'scope> Split<'scope, '_, S> {
    /// At the start of a record: `at` is (where the last record ended,
    /// where this one starts).
    fn at_record(&mut self, sink: &mut S, (ended, starts): (u64, u64)) -> Step {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Asking { records } => {
                self.state = self.ask(sink, starts, records);
                Step::Go
            }
            State::Running { boundary, handle } => {
                if ended > boundary {
                    // A record ran across the boundary: the fork started in
                    // the middle of it.
                    #[cfg(test)]
                    CALLED_OFF.fetch_add(1, Ordering::Relaxed);
                    self.cancel.store(true, Ordering::Relaxed);
                    let _ = handle.join();
                    return Step::Go;
                }
                if starts < boundary {
                    self.state = State::Running { boundary, handle };
                    return Step::Go;
                }
                // A record starts where the fork started.
                let Ok((fork, Ok(result))) = handle.join() else {
                    // The fork panicked: its rows are read here, where a
                    // panic is caught as the file's error.
                    return Step::Go;
                };
                let outcome = match result {
                    Ok(Parsed::End) => Ok(()),
                    Ok(Parsed::Stopped) => return Step::Go,
                    Err(e) => Err(e),
                };
                if sink.join(fork) {
                    self.outcome = Some(outcome);
                    Step::Stop
                } else {
                    Step::Go
                }
            }
            State::Done => Step::Go,
        }
    }

    /// Asks the sink for a fork at a record starting at `starts`, and
    /// starts it at the boundary past the middle of the rest.
    fn ask(&self, sink: &mut S, starts: u64, records: u32) -> State<'scope, S> {
        let (text, cancel) = (self.text, self.cancel);
        let rest = text.len.saturating_sub(starts);
        if records >= ASK_RECORDS || rest < SPLIT_MIN_BYTES {
            return State::Done;
        }
        let asking = State::Asking {
            records: records + 1,
        };
        let Some(fork) = sink.fork() else {
            return asking;
        };
        let Some(boundary) = line_start_after(text, starts + rest / 2) else {
            return State::Done;
        };
        let handle = self.scope.spawn(move || {
            let mut fork = fork;
            let result = crate::input::catch_panic(|| read_part(text, boundary, cancel, &mut fork));
            (fork, result)
        });
        State::Running { boundary, handle }
    }
}

/// The start of the first line after `from` (an offset into the text), if
/// the text goes on after it.
fn line_start_after(text: Text<'_>, from: u64) -> Option<u64> {
    let mut file = File::open(text.path).ok()?;
    file.seek(SeekFrom::Start(text.bom + from)).ok()?;
    let mut window = vec![0u8; BOUNDARY_SEARCH_BYTES];
    let n = crate::input::format::read_up_to(&mut file, &mut window).ok()?;
    let at = memchr::memchr(b'\n', window.get(..n)?)?;
    let boundary = from + at as u64 + 1;
    (boundary < text.len).then_some(boundary)
}

/// The fork's part: the text from `boundary` on, its lines numbered on from
/// the line breaks before it.
fn read_part<S: ForkSink>(
    text: Text<'_>,
    boundary: u64,
    cancel: &AtomicBool,
    fork: &mut S,
) -> Result<Parsed, ReadError> {
    let mut file = File::open(text.path)?;
    file.seek(SeekFrom::Start(text.bom))?;
    let first_line = 1 + count_line_breaks((&mut file).take(boundary))?;
    file.seek(SeekFrom::Start(text.bom + boundary))?;
    parse(file, text.delimiter, fork, first_line, |_, _| {
        if cancel.load(Ordering::Relaxed) {
            Step::Stop
        } else {
            Step::Go
        }
    })
}

fn count_line_breaks(mut r: impl Read) -> std::io::Result<u64> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut count = 0u64;
    loop {
        let n = crate::input::format::read_up_to(&mut r, &mut buf)?;
        if n == 0 {
            return Ok(count);
        }
        count += memchr::memchr_iter(b'\n', buf.get(..n).unwrap_or_default()).count() as u64;
    }
}
