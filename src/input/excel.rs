//! Excel and OpenDocument reading through calamine.
//!
//! xlsx and xlsb are streamed cell by cell (`worksheet_cells_reader`), never
//! loaded as a `Range`: a sheet's claimed dimensions cost nothing, a cell at
//! XFD costs one cell. xls and ods are loaded whole by calamine on open, so
//! they are read from the sheet's `Range`, with positions made absolute.
//!
//! Every call into calamine runs under [`catch_panic`]: calamine has panics on
//! malformed files, and a damaged file must give [`ReadError::Corrupt`].

use super::{
    catch_panic, Cell, FileFormat, ReadError, ReadNotes, ReadOptions, Row, RowSink, SheetInfo,
    SparseCell,
};
use calamine::{CellErrorType, Data, DataRef, Reader, SheetType, SheetVisible};
use chrono::{NaiveDate, NaiveDateTime};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

type Source = BufReader<File>;

/// Longest error detail kept from calamine's messages.
const DETAIL_MAX: usize = 200;

/// Reads every worksheet of the workbook at `path` (or only
/// `options.sheet`) and streams its non-blank rows to `sink`.
///
/// Sheets come in workbook order; chart, macro and dialog sheets are skipped.
/// `end_sheet` is called once for every sheet whose `begin_sheet` returned
/// true, also when reading it failed; rows delivered before an error stay
/// delivered and the error is returned after `end_sheet`.
pub fn read(
    path: &Path,
    format: FileFormat,
    options: &ReadOptions,
    sink: &mut dyn RowSink,
) -> Result<ReadNotes, ReadError> {
    match format {
        FileFormat::Csv => return super::csv::read(path, sink),
        FileFormat::Xlsx => read_streamed::<calamine::Xlsx<Source>>(path, options, sink)?,
        FileFormat::Xlsb => read_streamed::<calamine::Xlsb<Source>>(path, options, sink)?,
        FileFormat::Xls => {
            refuse_encrypted_package(path)?;
            read_loaded::<calamine::Xls<Source>>(path, format, options, sink)?
        }
        FileFormat::Ods => read_loaded::<calamine::Ods<Source>>(path, format, options, sink)?,
    }
    Ok(ReadNotes {
        format: Some(format),
        ..ReadNotes::default()
    })
}

/// An OLE container holding an `EncryptedPackage` stream is a
/// password-protected xlsx, not an xls. calamine's CFB parser is private;
/// opening the file as xlsx runs its check for the stream first and
/// otherwise fails on the zip. It can loop on a crafted FAT chain, which is
/// why this runs here, in the reader, and never in format detection.
fn refuse_encrypted_package(path: &Path) -> Result<(), ReadError> {
    let opened = super::catch_panic(|| {
        calamine::open_workbook::<calamine::Xlsx<std::io::BufReader<std::fs::File>>, _>(path)
            .map(|_| ())
    });
    match opened {
        Ok(Err(calamine::XlsxError::Password)) => Err(ReadError::Encrypted),
        Ok(Err(calamine::XlsxError::Io(e))) => Err(ReadError::Io(e)),
        _ => Ok(()),
    }
}

/// Turns a calamine error into a [`ReadError`].
trait IntoReadError {
    fn into_read_error(self, format: FileFormat) -> ReadError;
}

fn corrupt(format: FileFormat, detail: impl std::fmt::Display) -> ReadError {
    let mut detail = detail.to_string();
    if detail.len() > DETAIL_MAX {
        let mut cut = DETAIL_MAX;
        while !detail.is_char_boundary(cut) {
            cut -= 1;
        }
        detail.truncate(cut);
        detail.push('…');
    }
    ReadError::Corrupt {
        format: format.name(),
        detail,
    }
}

fn panicked(format: FileFormat, message: String) -> ReadError {
    corrupt(format, format_args!("the reader failed: {message}"))
}

impl IntoReadError for calamine::XlsxError {
    fn into_read_error(self, format: FileFormat) -> ReadError {
        match self {
            calamine::XlsxError::Password => ReadError::Encrypted,
            calamine::XlsxError::Io(e) => ReadError::Io(e),
            other => corrupt(format, other),
        }
    }
}

impl IntoReadError for calamine::XlsbError {
    fn into_read_error(self, format: FileFormat) -> ReadError {
        match self {
            calamine::XlsbError::Password => ReadError::Encrypted,
            calamine::XlsbError::Io(e) => ReadError::Io(e),
            other => corrupt(format, other),
        }
    }
}

impl IntoReadError for calamine::XlsError {
    fn into_read_error(self, format: FileFormat) -> ReadError {
        match self {
            calamine::XlsError::Password => ReadError::Encrypted,
            calamine::XlsError::Io(e) => ReadError::Io(e),
            other => corrupt(format, other),
        }
    }
}

impl IntoReadError for calamine::OdsError {
    fn into_read_error(self, format: FileFormat) -> ReadError {
        match self {
            calamine::OdsError::Password => ReadError::Encrypted,
            calamine::OdsError::Io(e) => ReadError::Io(e),
            other => corrupt(format, other),
        }
    }
}

/// Opens a workbook of type `W`, catching panics and mapping errors.
fn open<W>(path: &Path, format: FileFormat) -> Result<W, ReadError>
where
    W: Reader<Source>,
    W::Error: IntoReadError,
{
    catch_panic(|| calamine::open_workbook::<W, _>(path))
        .map_err(|message| panicked(format, message))?
        .map_err(|e| e.into_read_error(format))
}

/// The worksheets to read, in workbook order: (name, visible).
fn plan(sheets: &[calamine::Sheet], options: &ReadOptions) -> Result<Vec<SheetInfo>, ReadError> {
    let worksheets = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| SheetInfo {
            name: Some(s.name.clone()),
            visible: s.visible == SheetVisible::Visible,
        });
    let Some(wanted) = &options.sheet else {
        return Ok(worksheets.collect());
    };
    let wanted_folded = wanted.trim().to_lowercase();
    let chosen: Vec<SheetInfo> = worksheets
        .filter(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.trim().to_lowercase() == wanted_folded)
        })
        .take(1)
        .collect();
    if chosen.is_empty() {
        let names = sheets
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        return Err(ReadError::NoSuchSheet(wanted.clone(), names));
    }
    Ok(chosen)
}

/// Calls `begin_sheet`, runs `body` if the sink wants the sheet, and calls
/// `end_sheet` whatever `body` returned.
fn with_sheet(
    sink: &mut dyn RowSink,
    info: &SheetInfo,
    body: impl FnOnce(&mut dyn RowSink) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    if !sink.begin_sheet(info) {
        return Ok(());
    }
    let result = body(sink);
    sink.end_sheet();
    result
}

/// A streamed sheet's next cell, panics and errors mapped.
type NextCell<'a> = Box<dyn FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, ReadError> + 'a>;

/// A workbook whose sheets stream cell by cell (xlsx, xlsb): calamine has a
/// cell reader for each, with the same methods but no common trait.
trait Streamed: Reader<Source>
where
    Self::Error: IntoReadError,
{
    const FORMAT: FileFormat;
    fn cells<'a>(&'a mut self, sheet: &str) -> Result<NextCell<'a>, ReadError>;
}

/// Runs a call into calamine, its panics and errors made [`ReadError`]s.
fn guarded<T, E: IntoReadError>(
    format: FileFormat,
    f: impl FnOnce() -> Result<T, E>,
) -> Result<T, ReadError> {
    catch_panic(f)
        .map_err(|m| panicked(format, m))?
        .map_err(|e| e.into_read_error(format))
}

impl Streamed for calamine::Xlsx<Source> {
    const FORMAT: FileFormat = FileFormat::Xlsx;
    fn cells<'a>(&'a mut self, sheet: &str) -> Result<NextCell<'a>, ReadError> {
        let mut cells = guarded(Self::FORMAT, || self.worksheet_cells_reader(sheet))?;
        Ok(Box::new(move || {
            guarded(Self::FORMAT, || cells.next_cell())
        }))
    }
}

impl Streamed for calamine::Xlsb<Source> {
    const FORMAT: FileFormat = FileFormat::Xlsb;
    fn cells<'a>(&'a mut self, sheet: &str) -> Result<NextCell<'a>, ReadError> {
        let mut cells = guarded(Self::FORMAT, || self.worksheet_cells_reader(sheet))?;
        Ok(Box::new(move || {
            guarded(Self::FORMAT, || cells.next_cell())
        }))
    }
}

/// xlsx and xlsb: each sheet streamed cell by cell.
fn read_streamed<W>(
    path: &Path,
    options: &ReadOptions,
    sink: &mut dyn RowSink,
) -> Result<(), ReadError>
where
    W: Streamed,
    W::Error: IntoReadError,
{
    let mut workbook: W = open(path, W::FORMAT)?;
    for info in plan(workbook.sheets_metadata(), options)? {
        let name = info.name.clone().unwrap_or_default();
        with_sheet(sink, &info, |sink| {
            stream_rows(workbook.cells(&name)?, sink)
        })?;
    }
    Ok(())
}

/// Groups streamed cells into rows. Cells arrive row by row; when the row
/// changes, the previous one is handed to `sink`. Memory: one row of
/// non-empty cells, whatever the sheet claims its dimensions are.
fn stream_rows<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, ReadError>,
    sink: &mut dyn RowSink,
) -> Result<(), ReadError> {
    let mut current: Option<u32> = None;
    let mut row = PendingRow::default();
    let mut spare: Vec<SparseCell<'static>> = Vec::new();
    // On an error the row being collected may be incomplete: it is dropped.
    while let Some(cell) = next()? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let (number, col) = cell.get_position();
        if current != Some(number) {
            if let Some(done) = current {
                spare = row.flush(done, spare, sink);
            }
            current = Some(number);
        }
        row.push(col, value);
    }
    if let Some(done) = current {
        row.flush(done, spare, sink);
    }
    Ok(())
}

/// A cell of the row being collected: a value that borrows nothing from
/// the reader's cell, or a text copied into the row's text buffer.
enum Pending<'a> {
    Value(DataRef<'a>),
    /// A text (an inline string), at this range of the buffer.
    Text(std::ops::Range<usize>),
    /// An ISO date-time text.
    DateTimeIso(std::ops::Range<usize>),
}

/// The cells of one row, collected until the next row starts. The texts
/// an xlsx writes inline (every text of a file written in constant-memory
/// mode) are copied into one buffer kept from row to row, not each into an
/// allocation of its own.
#[derive(Default)]
struct PendingRow<'a> {
    cells: Vec<(u32, Pending<'a>)>,
    texts: String,
}

impl<'a> PendingRow<'a> {
    fn push(&mut self, col: u32, value: &DataRef<'a>) {
        let mut text = |s: &str| {
            let start = self.texts.len();
            self.texts.push_str(s);
            start..self.texts.len()
        };
        let pending = match value {
            DataRef::String(s) | DataRef::DurationIso(s) => Pending::Text(text(s)),
            DataRef::DateTimeIso(s) => Pending::DateTimeIso(text(s)),
            // The rest holds no allocation: copied as it is.
            other => Pending::Value(other.clone()),
        };
        self.cells.push((col, pending));
    }

    fn flush(
        &mut self,
        row: u32,
        spare: Vec<SparseCell<'static>>,
        sink: &mut dyn RowSink,
    ) -> Vec<SparseCell<'static>> {
        if !self.cells.is_sorted_by_key(|(col, _)| *col) {
            self.cells.sort_by_key(|(col, _)| *col);
        }
        let mut cells = recycle(spare);
        let texts = self.texts.as_str();
        let text = |range: &std::ops::Range<usize>| texts.get(range.clone()).unwrap_or_default();
        cells.extend(self.cells.iter().filter_map(|(col, pending)| {
            let cell = match pending {
                Pending::Value(value) => dataref_cell(value)?,
                Pending::Text(range) => Cell::Text(text(range)),
                Pending::DateTimeIso(range) => {
                    let s = text(range);
                    iso_datetime(s).map_or(Cell::Text(s), Cell::DateTime)
                }
            };
            Some(SparseCell { col: *col, cell })
        }));
        deliver(row, &cells, sink);
        let spare = recycle(cells);
        self.cells.clear();
        self.texts.clear();
        spare
    }
}

/// Hands a row to the sink unless all its cells are blank.
fn deliver(row: u32, cells: &[SparseCell<'_>], sink: &mut dyn RowSink) {
    if cells.iter().all(|c| c.cell.is_blank()) {
        return;
    }
    sink.row(Row {
        number: row.saturating_add(1),
        cells,
    });
}

/// Reuses a vector's allocation for cells of another lifetime (see csv.rs).
#[allow(clippy::unnecessary_filter_map)] // `filter` could not change the lifetime
fn recycle<'b>(mut cells: Vec<SparseCell<'_>>) -> Vec<SparseCell<'b>> {
    cells.clear();
    cells.into_iter().filter_map(|_| None).collect()
}

/// xls and ods: calamine has loaded the sheets on open; read each `Range`.
fn read_loaded<W>(
    path: &Path,
    format: FileFormat,
    options: &ReadOptions,
    sink: &mut dyn RowSink,
) -> Result<(), ReadError>
where
    W: Reader<Source>,
    W::Error: IntoReadError,
{
    let mut workbook: W = open(path, format)?;
    for info in plan(workbook.sheets_metadata(), options)? {
        let name = info.name.clone().unwrap_or_default();
        with_sheet(sink, &info, |sink| {
            let range = catch_panic(|| workbook.worksheet_range(&name))
                .map_err(|m| panicked(format, m))?
                .map_err(|e| e.into_read_error(format))?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            let mut cells: Vec<SparseCell<'_>> = Vec::new();
            let mut current: Option<u32> = None;
            for (r, c, value) in range.used_cells() {
                let Some(cell) = data_cell(value) else {
                    continue;
                };
                let row = row0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
                let col = col0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                if current != Some(row) {
                    if let Some(done) = current {
                        deliver(done, &cells, sink);
                    }
                    cells.clear();
                    current = Some(row);
                }
                cells.push(SparseCell { col, cell });
            }
            if let Some(done) = current {
                deliver(done, &cells, sink);
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Excel's text for an error value.
fn error_text(e: &CellErrorType) -> &'static str {
    match e {
        CellErrorType::Div0 => "#DIV/0!",
        CellErrorType::NA => "#N/A",
        CellErrorType::Name => "#NAME?",
        CellErrorType::Null => "#NULL!",
        CellErrorType::Num => "#NUM!",
        CellErrorType::Ref => "#REF!",
        CellErrorType::Value => "#VALUE!",
        CellErrorType::GettingData => "#DATA!",
    }
}

fn excel_datetime(d: &calamine::ExcelDateTime) -> Cell<'static> {
    // chrono panics on serials far outside its range (-1e309 is -inf), and
    // this runs outside `catch_panic`: only Excel's own date range (year
    // 1900 to 9999) becomes a date; anything else stays a number, which a
    // date field reports as a type-error for that cell.
    if d.is_duration() || !(0.0..2_958_466.0).contains(&d.as_f64()) {
        return Cell::Float(d.as_f64());
    }
    match d.as_datetime() {
        Some(dt) => Cell::DateTime(dt),
        None => Cell::Float(d.as_f64()),
    }
}

/// An ISO 8601 date or date-time as ODS stores them ("2018-02-15",
/// "2018-02-15T10:30:00", with fractions). None for anything else.
fn iso_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(chrono::NaiveTime::MIN))
}

fn dataref_cell<'a>(value: &'a DataRef<'_>) -> Option<Cell<'a>> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s),
        DataRef::DateTime(d) => excel_datetime(d),
        DataRef::DateTimeIso(s) => iso_datetime(s).map_or(Cell::Text(s), Cell::DateTime),
        DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(e) => Cell::Error(error_text(e)),
    })
}

fn data_cell(value: &Data) -> Option<Cell<'_>> {
    Some(match value {
        Data::Empty => return None,
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::String(s) => Cell::Text(s),
        Data::DateTime(d) => excel_datetime(d),
        Data::DateTimeIso(s) => iso_datetime(s).map_or(Cell::Text(s), Cell::DateTime),
        Data::DurationIso(s) => Cell::Text(s),
        Data::Error(e) => Cell::Error(error_text(e)),
    })
}

#[cfg(test)]
mod tests;
