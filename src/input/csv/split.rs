//! A big CSV read in parts at once: the rows after a record boundary near
//! the middle go to a fork of the sink on a second thread, while this thread
//! reads the rows before it. Whenever a core comes free later (a part
//! waits for the part after it, or is done), the last part, still reading
//! to the end of the text, hands the second half of what it has left to a
//! new fork in the same way, so that both cores stay busy to the end even
//! when one of them is slower.
//!
//! A boundary is found without knowing where quoted fields are: it is the
//! start of a line, and only a guess. The part before it decides: if one of
//! its records ends exactly there, the later part's rows are the file's rows
//! and the sink joins them; if a quoted field runs across it (a line break
//! in a cell), the later part is called off and its rows are read here.
//! Parts are joined in the order of the file, each by the part before it.
//! Only plain UTF-8 is split (byte offsets in the file are offsets in the
//! text); anything else, and files under [`SPLIT_MIN_BYTES`], are read as one.

use super::{parse, Opened, Parsed, Step, TextEncoding, SHEET};
use crate::input::{ForkSink, ReadError, ReadNotes, Utf8Check};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{Scope, ScopedJoinHandle};

/// Parts smaller than this are not split: a thread and a join cost more
/// than they save.
pub const SPLIT_MIN_BYTES: u64 = 1024 * 1024;
/// The sink is asked for a fork at the start of each of a part's first
/// records (the header is among the first 30 rows of the file) ...
const ASK_RECORDS: u32 = 200;
/// ... and after that at every this many records.
const ASK_EVERY: u32 = 256;
/// How far past the middle a line break is looked for.
const BOUNDARY_SEARCH_BYTES: usize = 1024 * 1024;

/// Forks called off because a record ran across the boundary (for tests).
#[cfg(test)]
pub(crate) static CALLED_OFF: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);
/// For tests: parts split down to this many bytes instead (0: as always).
#[cfg(test)]
pub(crate) static TEST_MIN_BYTES: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(0);
/// For tests: the later parts dawdle, so that the first is done first and
/// lends its core.
#[cfg(test)]
pub(crate) static TEST_SLOW_LATER: AtomicBool = AtomicBool::new(false);

fn min_bytes() -> u64 {
    #[cfg(test)]
    {
        let n = TEST_MIN_BYTES.load(Ordering::Relaxed);
        if n > 0 {
            return n;
        }
    }
    SPLIT_MIN_BYTES
}

/// Reads the CSV at `path` like [`super::read`], in parts when it is big,
/// plain UTF-8 and `sink` forks.
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
    std::thread::scope(|scope| {
        let mut split = Split::new(scope, text, 0, None);
        let parsed = parse(opened.text, text.delimiter, sink, 1, |sink, at| {
            split.at_record(sink, at)
        })?;
        split.finish(parsed, sink).map(|_| ())
    })
}

/// How a later part's reading ended, and the part itself (or that it
/// panicked).
type PartResult<S> = (S, Result<Result<Covered, ReadError>, String>);

/// How far a part's rows reach, once its reading ended.
enum Covered {
    /// To the end of the text (the rows of every part after it joined).
    ToEnd,
    /// It was called off (its start was inside a record).
    CalledOff,
}

/// A part being read on another thread, from `boundary` (the guessed start
/// of a record) on.
struct Later<'scope, S> {
    boundary: u64,
    cancel: Arc<AtomicBool>,
    handle: ScopedJoinHandle<'scope, PartResult<S>>,
}

impl<S> Later<'_, S> {
    /// Calls the part off and waits for its thread.
    fn call_off(self) {
        self.cancel.store(true, Ordering::Relaxed);
        let _ = self.handle.join();
    }
}

/// One part's view of the split: the part after it (whose start is where
/// this part's rows end), and where this part starts in the text.
struct Split<'scope, 'env, S> {
    scope: &'scope Scope<'scope, 'env>,
    text: Text<'env>,
    /// Where the part's text starts (the parser's offsets are from there).
    start: u64,
    later: Option<Later<'scope, S>>,
    /// The records seen, for when to ask for a fork.
    records: u32,
    /// How the later part ended, once the sink took it over.
    outcome: Option<Result<(), ReadError>>,
}

impl<'scope, 'env, S: ForkSink + 'scope> Split<'scope, 'env, S> {
    fn new(
        scope: &'scope Scope<'scope, 'env>,
        text: Text<'env>,
        start: u64,
        later: Option<Later<'scope, S>>,
    ) -> Self {
        Split {
            scope,
            text,
            start,
            later,
            records: 0,
            outcome: None,
        }
    }

    /// At the start of a record: `at` is (where the last record ended,
    /// where this one starts, its line), offsets from the part's start.
    fn at_record(&mut self, sink: &mut S, (ended, starts, line): (u64, u64, u64)) -> Step {
        let (ended, starts) = (self.start + ended, self.start + starts);
        if self
            .later
            .as_ref()
            .is_some_and(|l| ended <= l.boundary && starts < l.boundary)
        {
            // Still before the later part (the common case: every record).
            return Step::Go;
        }
        let Some(later) = self.later.take() else {
            self.ask(sink, starts, line);
            return Step::Go;
        };
        if ended > later.boundary {
            // A record ran across the boundary: the later part started in
            // the middle of it.
            #[cfg(test)]
            CALLED_OFF.fetch_add(1, Ordering::Relaxed);
            sink.wait(|| later.call_off());
            return Step::Go;
        }
        // A record starts where the later part started.
        let Ok((fork, Ok(result))) = sink.wait(|| later.handle.join()) else {
            // It panicked: its rows are read here, where a panic is caught
            // as the file's error.
            return Step::Go;
        };
        let outcome = match result {
            Ok(Covered::ToEnd) => Ok(()),
            Ok(Covered::CalledOff) => return Step::Go,
            Err(e) => Err(e),
        };
        if sink.join(fork) {
            self.outcome = Some(outcome);
            Step::Stop
        } else {
            Step::Go
        }
    }

    /// Asks the sink for a fork at a record starting at `starts` (on line
    /// `line`), now and then, and starts it at the boundary past the middle
    /// of what this part has left to read.
    fn ask(&mut self, sink: &mut S, starts: u64, line: u64) {
        if self.later.is_some() {
            // Only the last part splits: a part's later one would have to be
            // joined by the new one, its keys taken over twice.
            return;
        }
        self.records = self.records.saturating_add(1);
        if self.records > ASK_RECORDS && !self.records.is_multiple_of(ASK_EVERY) {
            return;
        }
        let end = self.text.len;
        let rest = end.saturating_sub(starts);
        if rest < min_bytes() {
            return;
        }
        let Some(fork) = sink.fork(rest / 2) else {
            return;
        };
        let Some(boundary) = line_start_after(self.text, starts + rest / 2).filter(|b| *b < end)
        else {
            return;
        };
        let cancel = Arc::new(AtomicBool::new(false));
        let (scope, text, later) = (self.scope, self.text, self.later.take());
        let part = Part {
            text,
            from: (starts, line),
            boundary,
            cancel: cancel.clone(),
        };
        let handle = self.scope.spawn(move || {
            let mut fork = fork;
            let result = crate::input::catch_panic(|| part.read(scope, later, &mut fork));
            fork.part_done();
            (fork, result)
        });
        self.later = Some(Later {
            boundary,
            cancel,
            handle,
        });
    }

    /// The part's parse ended (`parsed`): whether its rows reach to the end
    /// of the text (false: it was called off), or the later part's read
    /// error. A later part still going is called off.
    fn finish(&mut self, parsed: Parsed, sink: &mut S) -> Result<bool, ReadError> {
        if let Some(later) = self.later.take() {
            // The text ended before the boundary (the file shrank), or this
            // part was called off.
            sink.wait(|| later.call_off());
        }
        match (parsed, self.outcome.take()) {
            (Parsed::Stopped, Some(outcome)) => outcome.map(|()| true),
            (Parsed::Stopped, None) => Ok(false),
            (Parsed::End, _) => Ok(true),
        }
    }
}

impl<S> Drop for Split<'_, '_, S> {
    fn drop(&mut self) {
        // A read error ended this part: the later one is of no use.
        if let Some(later) = &self.later {
            later.cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// A later part: from `boundary` on, its lines numbered on from `from` (a
/// record's start in the part before, and its line).
struct Part<'p> {
    text: Text<'p>,
    from: (u64, u64),
    boundary: u64,
    cancel: Arc<AtomicBool>,
}

impl<'env> Part<'env> {
    fn read<'scope, S: ForkSink + 'scope>(
        self,
        scope: &'scope Scope<'scope, 'env>,
        later: Option<Later<'scope, S>>,
        fork: &mut S,
    ) -> Result<Covered, ReadError> {
        let text = self.text;
        let (from, from_line) = self.from;
        let mut file = File::open(text.path)?;
        file.seek(SeekFrom::Start(text.bom + from))?;
        let first_line =
            from_line + count_line_breaks((&mut file).take(self.boundary.saturating_sub(from)))?;
        file.seek(SeekFrom::Start(text.bom + self.boundary))?;
        let mut split = Split::new(scope, text, self.boundary, later);
        let cancel = &self.cancel;
        let parsed = parse(file, text.delimiter, fork, first_line, |sink, at| {
            #[cfg(test)]
            if TEST_SLOW_LATER.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            if cancel.load(Ordering::Relaxed) {
                Step::Stop
            } else {
                split.at_record(sink, at)
            }
        })?;
        Ok(match split.finish(parsed, fork)? {
            true => Covered::ToEnd,
            false => Covered::CalledOff,
        })
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
