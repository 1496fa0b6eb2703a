//! CSV reading: encoding and delimiter are detected, never asked for.
//!
//! Encoding: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); otherwise the file is
//! UTF-8 if the whole of it is valid UTF-8, else Windows-1252, which is what
//! Excel's "CSV" means on Danish Windows. The whole is checked in a first
//! streaming pass ([`Utf8Check::Whole`]), or only the first 64 KiB when the
//! caller can read the file again: every record's bytes are checked as
//! they are parsed, and a later one that is not UTF-8 ends the read with
//! [`ReadError::NotUtf8`] ([`Utf8Check::Prefix`]). UTF-8 is passed through
//! untouched; the others are decoded while streaming.
//!
//! Delimiter: `;`, `,` or tab, whichever splits the first lines most
//! consistently (see [`sniff_delimiter`]).

use super::limits::{Limit, MAX_CSV_COLUMNS, MAX_CSV_RECORD_BYTES};
use super::{Cell, ReadError, ReadNotes, Row, RowSink, SheetInfo, SparseCell, Utf8Check};
use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::Path;

/// How much decoded text the delimiter sniffer looks at, at most.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many non-empty lines the delimiter sniffer looks at, at most.
const SNIFF_LINES: usize = 50;
/// Read buffer of the UTF-8 check and of the CSV parser.
const CHUNK: usize = 64 * 1024;

/// The encoding name of a file with a UTF-8 BOM and bytes that are not
/// UTF-8 (the validator reports it).
pub const UTF8_BOM_LOSSY: &str = "UTF-8 (BOM, invalid bytes replaced)";

/// The text encodings a CSV can arrive in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    /// A UTF-8 BOM followed by bytes that are not UTF-8: decoded with the
    /// bad bytes replaced by U+FFFD.
    Utf8BomLossy,
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    /// The name shown in reports.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf8BomLossy => UTF8_BOM_LOSSY,
            TextEncoding::Windows1252 => "windows-1252",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Detects the encoding of the file at `path` (reads all of it when it looks
/// like UTF-8 so far, with or without a BOM).
pub fn detect_encoding(path: &Path) -> Result<TextEncoding, ReadError> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; CHUNK];
    let n = super::format::read_up_to(&mut file, &mut buf)?;
    let head = buf.get(..n).unwrap_or_default();
    if head.starts_with(b"\xFF\xFE") {
        return Ok(TextEncoding::Utf16Le);
    }
    if head.starts_with(b"\xFE\xFF") {
        return Ok(TextEncoding::Utf16Be);
    }
    // A UTF-8 BOM is a promise, not a proof: a file with text appended in
    // another encoding is read with the bad bytes replaced (and said so).
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let mut filled = n;
    if bom {
        buf.copy_within(3..n, 0);
        filled = n - 3;
    }
    let valid = rest_is_utf8(&mut file, &mut buf, filled)?;
    Ok(match (bom, valid) {
        (true, true) => TextEncoding::Utf8Bom,
        (true, false) => TextEncoding::Utf8BomLossy,
        (false, true) => TextEncoding::Utf8,
        (false, false) => TextEncoding::Windows1252,
    })
}

/// The encoding of the file at `path` from its first [`CHUNK`] bytes: what
/// [`detect_encoding`] says of a file that is all UTF-8 when those are.
fn detect_encoding_from_prefix(path: &Path) -> Result<TextEncoding, ReadError> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; CHUNK];
    let n = super::format::read_up_to(&mut file, &mut buf)?;
    let head = buf.get(..n).unwrap_or_default();
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let text = head.get(if bom { 3 } else { 0 }..).unwrap_or_default();
    let valid = match simdutf8::compat::from_utf8(text) {
        Ok(_) => true,
        // Cut in the middle of a character at the end of the prefix.
        Err(e) => e.error_len().is_none() && n == CHUNK,
    };
    if !valid || head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return detect_encoding(path);
    }
    Ok(if bom {
        TextEncoding::Utf8Bom
    } else {
        TextEncoding::Utf8
    })
}

/// Whether the first `filled` bytes of `buf` and the rest of `file` are
/// valid UTF-8, checked chunk by chunk.
fn rest_is_utf8(file: &mut File, buf: &mut [u8], mut filled: usize) -> std::io::Result<bool> {
    // `carry` bytes at the start of `buf` are an incomplete sequence left
    // over from the previous chunk (at most 3).
    loop {
        let (valid, carry) = match simdutf8::compat::from_utf8(&buf[..filled]) {
            Ok(_) => (true, 0),
            // Incomplete sequence at the very end: may continue in the next chunk.
            Err(e) if e.error_len().is_none() => (true, filled - e.valid_up_to()),
            Err(_) => (false, 0),
        };
        if !valid {
            return Ok(false);
        }
        buf.copy_within(filled - carry..filled, 0);
        let n = super::format::read_up_to(file, &mut buf[carry..])?;
        if n == 0 {
            return Ok(carry == 0);
        }
        filled = carry + n;
    }
}

/// Opens `path` as a stream of UTF-8 text without BOM.
fn open_text(path: &Path, encoding: TextEncoding) -> Result<Box<dyn Read>, ReadError> {
    let mut file = File::open(path)?;
    let decode = |encoding: &'static encoding_rs::Encoding, file: File| -> Box<dyn Read> {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_sniffing(false)
                .build(file),
        )
    };
    Ok(match encoding {
        TextEncoding::Utf8 => Box::new(file),
        TextEncoding::Utf8Bom => {
            file.seek(SeekFrom::Start(3))?;
            Box::new(file)
        }
        TextEncoding::Utf8BomLossy => {
            file.seek(SeekFrom::Start(3))?;
            decode(encoding_rs::UTF_8, file)
        }
        TextEncoding::Windows1252 => decode(encoding_rs::WINDOWS_1252, file),
        TextEncoding::Utf16Le => {
            file.seek(SeekFrom::Start(2))?;
            decode(encoding_rs::UTF_16LE, file)
        }
        TextEncoding::Utf16Be => {
            file.seek(SeekFrom::Start(2))?;
            decode(encoding_rs::UTF_16BE, file)
        }
    })
}

/// Candidate delimiters in order of preference on near-ties.
const CANDIDATES: [u8; 3] = [b'\t', b';', b','];

/// Picks the delimiter for CSV text starting with `text`.
///
/// For each of the first [`SNIFF_LINES`] non-empty lines (quotes respected,
/// so quoted delimiters and line breaks do not count) the number of each
/// candidate is counted. A candidate's score is how many lines share its most
/// common non-zero count: a title row with no delimiter (or with trailing
/// ones, as Excel writes them) does not disturb it, and decimal commas in a
/// `;` file vary from line to line while the `;` count stays put. Candidates
/// within 10 % of the best score count as a tie, won by tab, then `;`, then
/// `,`. With no candidate at all (a one-column file) the answer is `;`.
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut lines: Vec<[u32; 3]> = Vec::new();
    let mut counts = [0u32; 3];
    let mut in_quotes = false;
    let mut has_content = false;
    for &b in text {
        match b {
            b'"' => {
                in_quotes = !in_quotes;
                has_content = true;
            }
            b'\n' if !in_quotes => {
                if has_content {
                    lines.push(counts);
                    if lines.len() >= SNIFF_LINES {
                        break;
                    }
                }
                counts = [0; 3];
                has_content = false;
            }
            _ if in_quotes => {}
            b'\t' => counts[0] += 1,
            b';' => counts[1] += 1,
            b',' => counts[2] += 1,
            b'\r' | b' ' => {}
            _ => has_content = true,
        }
    }
    if has_content && lines.len() < SNIFF_LINES {
        lines.push(counts);
    }
    let mut scores = [0usize; 3];
    for (k, score) in scores.iter_mut().enumerate() {
        let mut per_line: Vec<u32> = lines
            .iter()
            .filter_map(|c| c.get(k).copied())
            .filter(|&c| c > 0)
            .collect();
        per_line.sort_unstable();
        // Longest run of equal counts = frequency of the mode; plus the
        // lines it appears in at all, so that `;` rows of varying length
        // (trailing empty fields left out) still beat one decimal comma
        // per line.
        let mode = per_line
            .chunk_by(|a, b| a == b)
            .map(<[u32]>::len)
            .max()
            .unwrap_or(0);
        *score = mode + per_line.len();
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return b';';
    }
    CANDIDATES
        .iter()
        .zip(scores)
        .find(|&(_, score)| score * 10 >= best * 9)
        .map_or(b';', |(&d, _)| d)
}

/// Reuses a vector's allocation for cells of another lifetime. (In-place
/// collection of an empty iterator: no allocation, no unsafe.)
#[allow(clippy::unnecessary_filter_map)] // `filter` could not change the lifetime
fn recycle<'b>(mut cells: Vec<SparseCell<'_>>) -> Vec<SparseCell<'b>> {
    cells.clear();
    cells.into_iter().filter_map(|_| None).collect()
}

/// Reads the CSV at `path` and streams its non-blank rows to `sink` as one
/// sheet without a name.
pub fn read(path: &Path, sink: &mut dyn RowSink) -> Result<ReadNotes, ReadError> {
    let opened = open(path, Utf8Check::Whole)?;
    let notes = opened.notes();
    if !sink.begin_sheet(&SHEET) {
        return Ok(notes);
    }
    let result = parse(opened.text, opened.delimiter, sink, 1, |_, _| Step::Go);
    sink.end_sheet();
    result.map_err(changed_while_read).map(|_| notes)
}

/// Bytes that are not UTF-8 in a file checked whole: it changed.
fn changed_while_read(e: ReadError) -> ReadError {
    match e {
        ReadError::NotUtf8 { line } => ReadError::Corrupt {
            format: "csv",
            detail: format!(
                "invalid UTF-8 in line {line} (was the file changed while being read?)"
            ),
        },
        other => other,
    }
}

/// The one sheet of a CSV.
const SHEET: SheetInfo = SheetInfo {
    name: None,
    visible: true,
};

/// A CSV opened for parsing: its text as UTF-8 from the start (the BOM
/// left out), and what was detected.
pub(crate) struct Opened {
    text: Box<dyn Read>,
    encoding: TextEncoding,
    delimiter: u8,
}

impl Opened {
    fn notes(&self) -> ReadNotes {
        ReadNotes {
            format: Some(super::FileFormat::Csv),
            encoding: Some(self.encoding.name()),
            delimiter: Some(self.delimiter),
        }
    }
}

/// Opens the CSV at `path`: its encoding detected, and its delimiter from
/// the first [`SNIFF_BYTES`] of its text.
fn open(path: &Path, utf8: Utf8Check) -> Result<Opened, ReadError> {
    let encoding = match utf8 {
        Utf8Check::Whole => detect_encoding(path)?,
        Utf8Check::Prefix => detect_encoding_from_prefix(path)?,
    };
    let mut text = open_text(path, encoding)?;
    let mut head = vec![0u8; SNIFF_BYTES];
    let n = super::format::read_up_to(&mut text, &mut head)?;
    head.truncate(n);
    let delimiter = sniff_delimiter(&head);
    Ok(Opened {
        text: Box::new(Cursor::new(head).chain(text)),
        encoding,
        delimiter,
    })
}

/// What [`parse`] does at the start of a record.
pub(crate) enum Step {
    Go,
    /// Stop before this record.
    Stop,
}

/// How parsing ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parsed {
    End,
    Stopped,
}

/// Parses CSV text with `csv_core` and hands each non-blank record to `sink`.
///
/// `csv_core` directly rather than `csv::Reader`: the latter's record position
/// is where the previous record ended, so blank lines and the LF of a CRLF
/// would shift row numbers. Here line breaks between records are skipped by
/// hand, so the line where a record's first byte is is known exactly.
/// Memory: one input chunk plus the longest record, which is at most
/// [`MAX_CSV_COLUMNS`] fields and [`MAX_CSV_RECORD_BYTES`] bytes.
///
/// `first_line` is the line `text` starts on. At the start of each record
/// `at_record` is told where in `text` the previous record ended, where
/// this one starts (line breaks between them skipped) and on which line,
/// and may stop there.
pub(crate) fn parse<S: RowSink + ?Sized>(
    mut text: impl Read,
    delimiter: u8,
    sink: &mut S,
    first_line: u64,
    mut at_record: impl FnMut(&mut S, (u64, u64, u64)) -> Step,
) -> Result<Parsed, ReadError> {
    let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = vec![0u8; CHUNK];
    let (mut pos, mut len) = (0usize, 0usize);
    let mut eof = false;
    let mut out = vec![0u8; 4096];
    let mut ends = vec![0usize; 64];
    let (mut out_len, mut ends_len) = (0usize, 0usize);
    let mut line: u64 = first_line;
    let mut record_line: u64 = first_line;
    let mut at_record_start = true;
    let mut spare: Vec<SparseCell<'static>> = Vec::new();
    // A record not yet begun in csv_core, and the delimiters of one read
    // on the fast path (plain.rs).
    let mut fresh = false;
    let mut delimiters: Vec<usize> = Vec::new();
    // csv_core strips a BOM from the first bytes it is given, so the first
    // record is always its: a later one starting with U+FEFF keeps it.
    let mut core_has_read = false;
    // Bytes of `text` before `input`, and where the last record ended.
    let mut base: u64 = 0;
    let mut record_end: u64 = 0;
    loop {
        if pos >= len && !eof {
            base += len as u64;
            len = super::format::read_up_to(&mut text, &mut input)?;
            pos = 0;
            eof = len == 0;
        }
        let chunk = input.get(pos..len).unwrap_or_default();
        if at_record_start {
            let skip = chunk
                .iter()
                .position(|&b| b != b'\n' && b != b'\r')
                .unwrap_or(chunk.len());
            line += memchr::memchr_iter(b'\n', &chunk[..skip]).count() as u64;
            pos += skip;
            if pos >= len && !eof {
                continue;
            }
            record_line = line;
            at_record_start = false;
            if let Step::Stop = at_record(sink, (record_end, base + pos as u64, record_line)) {
                return Ok(Parsed::Stopped);
            }
            fresh = true;
        }
        if std::mem::take(&mut fresh) && core_has_read {
            let chunk = input.get(pos..len).unwrap_or_default();
            if let Some(end) = plain::plain_record(chunk, delimiter, &mut delimiters) {
                let record = chunk.get(..end).unwrap_or_default();
                let number = u32::try_from(record_line).unwrap_or(u32::MAX);
                let field = |k| plain::field_range(&delimiters, end, k);
                spare = emit(number, record, delimiters.len() + 1, field, spare, sink)?;
                // The terminator is read as csv_core reads it: one byte (the
                // LF of a CRLF is skipped as a blank line).
                line += u64::from(chunk.get(end) == Some(&b'\n'));
                pos += end + 1;
                at_record_start = true;
                record_end = base + pos as u64;
                continue;
            }
        }
        let chunk = input.get(pos..len).unwrap_or_default();
        let out_free = out.get_mut(out_len..).unwrap_or_default();
        let ends_free = ends.get_mut(ends_len..).unwrap_or_default();
        // csv_core counts the line breaks it reads (in quoted fields too:
        // a line break is never among the bytes it copies in bulk).
        let lines_before = core.line();
        let (result, nin, nout, nend) = core.read_record(chunk, out_free, ends_free);
        core_has_read = true;
        line += core.line() - lines_before;
        pos += nin;
        out_len += nout;
        ends_len += nend;
        match result {
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::OutputFull => {
                if out.len() >= MAX_CSV_RECORD_BYTES {
                    return Err(ReadError::Limit(Limit::CsvRecordBytes {
                        line: u32::try_from(record_line).unwrap_or(u32::MAX),
                        limit_mb: (MAX_CSV_RECORD_BYTES / (1024 * 1024)) as u64,
                    }));
                }
                let grown = out
                    .len()
                    .saturating_mul(2)
                    .clamp(4096, MAX_CSV_RECORD_BYTES);
                out.resize(grown, 0);
            }
            csv_core::ReadRecordResult::OutputEndsFull => {
                if ends.len() >= MAX_CSV_COLUMNS {
                    return Err(ReadError::Limit(Limit::CsvColumns {
                        line: u32::try_from(record_line).unwrap_or(u32::MAX),
                        limit: MAX_CSV_COLUMNS,
                    }));
                }
                let grown = ends.len().saturating_mul(2).clamp(64, MAX_CSV_COLUMNS);
                ends.resize(grown, 0);
            }
            csv_core::ReadRecordResult::Record => {
                let number = u32::try_from(record_line).unwrap_or(u32::MAX);
                let fields = out.get(..out_len).unwrap_or_default();
                let field_ends = ends.get(..ends_len).unwrap_or_default();
                let field = |k: usize| {
                    let start = k.checked_sub(1).and_then(|b| field_ends.get(b)).copied();
                    (start.unwrap_or(0), field_ends.get(k).copied().unwrap_or(0))
                };
                spare = emit(number, fields, field_ends.len(), field, spare, sink)?;
                out_len = 0;
                ends_len = 0;
                at_record_start = true;
                record_end = base + pos as u64;
            }
            csv_core::ReadRecordResult::End => return Ok(Parsed::End),
        }
    }
}

/// Hands one record to `sink` unless all its fields are blank: `count`
/// fields of `text`, field k at the byte range `field(k)`. `spare` is a
/// recycled cell vector, returned for the next record.
fn emit<S: RowSink + ?Sized>(
    number: u32,
    text: &[u8],
    count: usize,
    field: impl Fn(usize) -> (usize, usize),
    spare: Vec<SparseCell<'static>>,
    sink: &mut S,
) -> Result<Vec<SparseCell<'static>>, ReadError> {
    // The whole file was checked or decoded to UTF-8, and delimiters are
    // ASCII, so this only fails if the file changed while being read.
    let Ok(all) = simdutf8::basic::from_utf8(text) else {
        return Err(ReadError::NotUtf8 { line: number });
    };
    let mut cells = recycle(spare);
    let mut blank = true;
    for col in 0..count {
        let (start, end) = field(col);
        let value = all.get(start..end).unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        if blank && !crate::text::trim(value).is_empty() {
            blank = false;
        }
        cells.push(SparseCell {
            col: u32::try_from(col).unwrap_or(u32::MAX),
            cell: Cell::Text(value),
        });
    }
    if !blank {
        sink.row(Row {
            number,
            cells: &cells,
        });
    }
    Ok(recycle(cells))
}

mod plain;
pub(crate) mod split;
pub use split::read_forking;

#[cfg(test)]
pub(crate) mod tests;
