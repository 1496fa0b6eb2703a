//! `ramme pseudonym`: replace a CPR column by pseudonymous person codes,
//! `--new-key` to make a key. The CPR column is never written; CPR-shaped
//! values anywhere else are masked; invalid values are reported by cell.

use super::Context;
use crate::cli::{Format, PseudonymArgs};
use crate::error::{Error, ExitStatus};
use crate::finding::column_letters;
use crate::input::{self, Cell, ReadOptions, Row, RowSink, SheetInfo};
use crate::lang::Lang;
use crate::messages::cli as messages;
use crate::output::{check_not_input, AtomicFile};
use crate::pseudonym::{normalise_cpr, Key, KeyError};
use crate::text::fold_key;
use std::path::Path;

/// Where the pseudonymised rows go.
trait RowOut {
    fn row(&mut self, cells: &[String]) -> Result<(), String>;
}

struct CsvOut<'a> {
    writer: csv::Writer<&'a mut dyn std::io::Write>,
}

impl RowOut for CsvOut<'_> {
    fn row(&mut self, cells: &[String]) -> Result<(), String> {
        self.writer
            .write_record(
                cells
                    .iter()
                    .map(|c| crate::output::csv_cell(c).into_owned()),
            )
            .map_err(|e| e.to_string())
    }
}

struct XlsxOut {
    workbook: rust_xlsxwriter::Workbook,
    row: u32,
}

impl RowOut for XlsxOut {
    fn row(&mut self, cells: &[String]) -> Result<(), String> {
        let sheet = match self.workbook.worksheet_from_index(0) {
            Ok(s) => s,
            Err(e) => return Err(e.to_string()),
        };
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                let col = u16::try_from(c).map_err(|e| e.to_string())?;
                sheet
                    .write_string(self.row, col, text)
                    .map_err(|e| e.to_string())?;
            }
        }
        self.row += 1;
        Ok(())
    }
}

/// A problem found while pseudonymising.
struct Problem {
    cell: String,
    error: bool,
    kind: ProblemKind,
}

/// What is wrong with a cell, told in the chosen language when listed.
enum ProblemKind {
    /// A value in the CPR column that is not a CPR number.
    InvalidCpr,
    /// A CPR number outside the CPR column, masked.
    MaskedOutside,
}

impl ProblemKind {
    fn text(&self, lang: Lang) -> String {
        match self {
            ProblemKind::InvalidCpr => messages::pseudonym_invalid_cpr(lang),
            ProblemKind::MaskedOutside => messages::pseudonym_cpr_masked(crate::cpr::MASK, lang),
        }
    }
}

struct Pseudonymiser<'o> {
    key: Key,
    column_key: String,
    out: &'o mut dyn RowOut,
    sheet_taken: bool,
    cpr_col: Option<u32>,
    rows_seen: u32,
    coded: u64,
    problems: Vec<Problem>,
    write_error: Option<String>,
    header_width: usize,
}

impl Pseudonymiser<'_> {
    fn text(cell: &Cell<'_>, cpr_column: bool) -> String {
        match cell {
            Cell::Int(i) if cpr_column => i.to_string(),
            other => crate::validate::cell::plain_text(other),
        }
    }

    fn write(&mut self, mut cells: Vec<String>) {
        // Rows as wide as the header, so every line has the same fields.
        if self.header_width > cells.len() {
            cells.resize(self.header_width, String::new());
        }
        if self.write_error.is_none() {
            if let Err(e) = self.out.row(&cells) {
                self.write_error = Some(e);
            }
        }
    }
}

impl RowSink for Pseudonymiser<'_> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        // The first visible sheet is the list.
        if self.sheet_taken || !sheet.visible {
            return false;
        }
        self.sheet_taken = true;
        true
    }

    fn row(&mut self, row: Row<'_>) {
        // At most Excel's width: a cell claimed far beyond XFD is not
        // written (and must not cost a slot per column).
        let width = row
            .cells
            .iter()
            .map(|c| c.col as usize + 1)
            .max()
            .unwrap_or(0)
            .min(crate::input::limits::MAX_CSV_COLUMNS);
        let mut cells = vec![String::new(); width];
        if self.cpr_col.is_none() && self.rows_seen < crate::validate::HEADER_SEARCH_ROWS {
            self.rows_seen += 1;
            let header = row
                .cells
                .iter()
                .find(|c| matches!(c.cell, Cell::Text(t) if fold_key(t) == self.column_key));
            if let Some(h) = header {
                self.cpr_col = Some(h.col);
                self.header_width = width;
            }
        }
        let is_header = self.cpr_col.is_some()
            && self.rows_seen > 0
            && row.cells.iter().any(|c| {
                Some(c.col) == self.cpr_col
                    && matches!(c.cell, Cell::Text(t) if fold_key(t) == self.column_key)
            });
        for sc in row.cells {
            let in_cpr_col = Some(sc.col) == self.cpr_col;
            let raw = Self::text(&sc.cell, in_cpr_col);
            let out = if in_cpr_col && is_header {
                "Personkode".to_string()
            } else if in_cpr_col && self.cpr_col.is_some() {
                let cell_ref = format!("{}{}", column_letters(sc.col), row.number);
                match normalise_cpr(&raw) {
                    Some(digits) => {
                        self.coded += 1;
                        self.key.code(&digits)
                    }
                    None if raw.trim().is_empty() => String::new(),
                    None => {
                        self.problems.push(Problem {
                            cell: cell_ref,
                            error: true,
                            kind: ProblemKind::InvalidCpr,
                        });
                        String::new()
                    }
                }
            } else if crate::cpr::contains_cpr(&raw) || crate::cpr::text_is_lost_zero_cpr(&raw) {
                self.problems.push(Problem {
                    cell: format!("{}{}", column_letters(sc.col), row.number),
                    error: false,
                    kind: ProblemKind::MaskedOutside,
                });
                match crate::cpr::mask(&raw) {
                    // Nine digits that lost their zero: the whole value.
                    std::borrow::Cow::Borrowed(_) => crate::cpr::MASK.to_string(),
                    masked => masked.into_owned(),
                }
            } else {
                raw
            };
            if let Some(slot) = cells.get_mut(sc.col as usize) {
                *slot = out;
            }
        }
        self.write(cells);
    }

    fn end_sheet(&mut self) {}
}

fn key_error(e: KeyError, lang: Lang) -> Error {
    Error::Usage(match e {
        KeyError::Exists { path } => messages::key_exists(&path, lang),
        KeyError::Malformed { path } => messages::key_malformed(&path, lang),
        KeyError::Io { path, source } => format!("{path}: {source}"),
        KeyError::Random(e) => messages::no_random(&e, lang),
    })
}

pub fn run(ctx: &Context, args: &PseudonymArgs) -> Result<ExitStatus, Error> {
    let lang = ctx.lang;
    let mut key = None;
    if let Some(path) = &args.new_key {
        key = Some(Key::create_file(path).map_err(|e| key_error(e, lang))?);
        eprintln!(
            "{}",
            messages::pseudonym_key_written(&path.display().to_string(), lang)
        );
        if args.input.is_none() {
            return Ok(ExitStatus::Success);
        }
    }
    let key = match (key, &args.key) {
        (Some(k), _) => k,
        (None, Some(path)) => Key::read_file(path).map_err(|e| key_error(e, lang))?,
        (None, None) => {
            return Err(Error::Usage(
                "--key FILE (or --new-key FILE) is needed".into(),
            ))
        }
    };
    let (Some(input), Some(column), Some(output)) = (&args.input, &args.column, &args.output)
    else {
        return Err(Error::Usage(
            "ramme pseudonym --key FILE --column NAME INPUT -o OUTPUT".into(),
        ));
    };
    // Neither the list nor a key file may be replaced by the output.
    let read: Vec<std::path::PathBuf> = std::iter::once(input.clone())
        .chain(args.key.iter().cloned())
        .chain(args.new_key.iter().cloned())
        .collect();
    check_not_input(output, &read)?;
    let xlsx = Format::from_path(output) == Some(Format::Xlsx);
    let column_key = fold_key(column);
    let result = if xlsx {
        let mut out = XlsxOut {
            workbook: rust_xlsxwriter::Workbook::new(),
            row: 0,
        };
        out.workbook
            .add_worksheet()
            .set_name("Borgerliste")
            .map_err(|e| Error::Workbook {
                path: output.clone(),
                message: e.to_string(),
            })?;
        let outcome = pseudonymise(input, key, column_key, &mut out);
        if outcome
            .as_ref()
            .is_ok_and(|(col, _, _, err)| col.is_some() && err.is_none())
        {
            crate::report::analysis::save_workbook(&mut out.workbook, output)?;
        }
        outcome
    } else {
        let mut file = AtomicFile::create(output)?;
        let writer = file.writer();
        // A BOM so Danish Excel opens the UTF-8 file with æ, ø and å right.
        writer
            .write_all("\u{feff}".as_bytes())
            .map_err(|source| Error::Output {
                path: output.clone(),
                source,
            })?;
        let mut out = CsvOut {
            writer: csv::WriterBuilder::new()
                .delimiter(b';')
                .flexible(true)
                .from_writer(writer),
        };
        let outcome = pseudonymise(input, key, column_key, &mut out);
        let flushed = out.writer.flush();
        drop(out);
        if outcome
            .as_ref()
            .is_ok_and(|(col, _, _, err)| col.is_some() && err.is_none())
        {
            flushed.map_err(|source| Error::Output {
                path: output.clone(),
                source,
            })?;
            file.commit()?;
            crate::notice::wrote(output);
        }
        outcome
    };
    let (cpr_col, coded, problems, write_error) = result.map_err(Error::Usage)?;
    if let Some(message) = write_error {
        return Err(Error::Workbook {
            path: output.clone(),
            message,
        });
    }
    // Lines on standard output that a closed pipe (`… | head`) must not
    // turn into a panic.
    let say = |line: String| {
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "{line}");
    };
    let Some(_) = cpr_col else {
        say(messages::pseudonym_no_column(
            &crate::cpr::mask_path(input).display().to_string(),
            column,
            crate::validate::HEADER_SEARCH_ROWS,
            lang,
        ));
        return Ok(ExitStatus::InputErrors);
    };
    for p in &problems {
        let word = messages::problem_word(p.error, lang);
        say(format!("  {word:<8} {:<8} {}", p.cell, p.kind.text(lang)));
    }
    let errors = problems.iter().filter(|p| p.error).count();
    say(messages::pseudonym_done(
        &crate::cpr::mask_path(input).display().to_string(),
        coded,
        &crate::cpr::mask_path(output).display().to_string(),
        errors,
        lang,
    ));
    Ok(if errors > 0 {
        ExitStatus::InputErrors
    } else {
        ExitStatus::Success
    })
}

type Outcome = (Option<u32>, u64, Vec<Problem>, Option<String>);

fn pseudonymise(
    input: &Path,
    key: Key,
    column_key: String,
    out: &mut dyn RowOut,
) -> Result<Outcome, String> {
    let mut sink = Pseudonymiser {
        key,
        column_key,
        out,
        sheet_taken: false,
        cpr_col: None,
        rows_seen: 0,
        coded: 0,
        problems: Vec::new(),
        write_error: None,
        header_width: 0,
    };
    match input::catch_panic(|| input::read_file(input, &ReadOptions::default(), &mut sink)) {
        Ok(Ok(_)) => Ok((sink.cpr_col, sink.coded, sink.problems, sink.write_error)),
        Ok(Err(e)) => Err(format!("{}: {e}", crate::cpr::mask_path(input).display())),
        Err(panic) => Err(format!(
            "{}: {panic}",
            crate::cpr::mask_path(input).display()
        )),
    }
}
