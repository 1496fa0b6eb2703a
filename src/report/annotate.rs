//! `ramme validate --annotate DIR`: each file with findings goes back to its
//! sender as a workbook: first a sheet "Rettelser" listing every finding
//! (the cell a link to the copied cell, what was expected), then the
//! submitted visible sheets as they were, each finding's cell filled (errors
//! red, warnings yellow) with a note holding the message. Beside it a short
//! letter to paste into an e-mail (`letter`).

pub mod grid;
pub mod letter;
mod list;

pub use list::{expected, place};

use crate::analysis::status::FoundSender;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::schema::{Catalog, FieldType, Schema};
use crate::validate::FileReport;
use grid::{Grid, GridValue};
use rust_xlsxwriter::{Color, Format, FormatBorder, Note, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::Path;

/// The name of the findings sheet.
pub fn sheet_title(lang: Lang) -> &'static str {
    lang.pick("Rettelser", "Corrections")
}

/// `<original name>-rettelser.xlsx` and `.txt` for an input (the same in
/// every language, for scripts).
pub fn target_names(input: &Path) -> (String, String) {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "fil".into());
    (
        format!("{name}-rettelser.xlsx"),
        format!("{name}-rettelser.txt"),
    )
}

/// Everything an annotated workbook and its letter are made of.
pub struct Annotation<'a> {
    pub report: &'a FileReport,
    pub grid: &'a Grid,
    pub senders: &'a [FoundSender],
    pub lang: Lang,
    /// The schemas, to show a copied percent cell as a percent.
    pub catalog: Option<&'a Catalog>,
}

impl Annotation<'_> {
    /// The file's name without its folder, as the sender knows it.
    pub fn file_name(&self) -> String {
        self.report
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The copy's sheet names, one per grid sheet: the original names
    /// (a CSV gets its file name), never the findings sheet's name.
    fn copy_names(&self) -> Vec<String> {
        let title = sheet_title(self.lang).to_lowercase();
        let mut used = vec![title];
        let mut names = Vec::new();
        for sheet in &self.grid.sheets {
            let base = sheet.name.clone().unwrap_or_else(|| {
                let stem = self
                    .report
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                stem.chars().take(31).collect()
            });
            let mut name = crate::report::table::sheet_name(&base);
            let mut n = 2;
            while used.contains(&name.to_lowercase()) {
                let tail = format!(" ({n})");
                let head: String = base.chars().take(31 - tail.chars().count()).collect();
                name = crate::report::table::sheet_name(&format!("{head}{tail}"));
                n += 1;
            }
            used.push(name.to_lowercase());
            names.push(name);
        }
        names
    }

    /// The grid sheet a finding is on.
    pub(crate) fn sheet_index(&self, finding: &Finding) -> Option<usize> {
        let want = finding.location.sheet.as_deref();
        self.grid
            .sheets
            .iter()
            .position(|s| s.name.as_deref() == want)
    }
}

/// The severity's word, capitalised for the notes.
pub(crate) fn severity_heading(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("Fejl", "Error"),
        Severity::Warning => lang.pick("Advarsel", "Warning"),
        Severity::Info => lang.pick("Info", "Info"),
    }
}

/// The formats of the copy by fill (none, red, yellow) and number format,
/// made as they are needed.
struct Fills {
    formats: HashMap<(u8, String), Format>,
}

impl Fills {
    fn new() -> Fills {
        Fills {
            formats: HashMap::new(),
        }
    }

    fn get(&mut self, severity: Option<Severity>, num_format: &str) -> &Format {
        let fill: u8 = match severity {
            Some(Severity::Error) => 1,
            Some(Severity::Warning) => 2,
            _ => 0,
        };
        self.formats
            .entry((fill, num_format.to_string()))
            .or_insert_with(|| {
                // Excel's own "Bad" and "Neutral" cell styles, with a border
                // so the mark shows in print too.
                let base = match fill {
                    1 => Some((0x00FF_C7CE, 0x009C_0006)),
                    2 => Some((0x00FF_EB9C, 0x009C_5700)),
                    _ => None,
                };
                let mut f = match base {
                    Some((bg, fg)) => Format::new()
                        .set_background_color(Color::RGB(bg))
                        .set_font_color(Color::RGB(fg))
                        .set_border(FormatBorder::Thin)
                        .set_border_color(Color::RGB(fg)),
                    None => Format::new(),
                };
                if !num_format.is_empty() {
                    f = f.set_num_format(num_format);
                }
                f
            })
    }
}

/// A CSV cell's text as the number it plainly is ("2.150,00", "95",
/// "-12,5") and the Danish-looking format that shows it the same way; None
/// for anything else, a leading zero ("0851") included, so nothing
/// submitted changes its look.
fn csv_number(text: &str) -> Option<(f64, String)> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, dec) = match digits.split_once(',') {
        Some((i, d)) => (i, Some(d)),
        None => (digits, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let first = groups.first()?;
    let grouped = groups.len() > 1;
    let ok_groups = !first.is_empty()
        && first.len() <= if grouped { 3 } else { 15 }
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let ok_dec =
        dec.is_none_or(|d| !d.is_empty() && d.len() <= 6 && d.bytes().all(|b| b.is_ascii_digit()));
    if !ok_groups || !ok_dec || (first.len() > 1 && first.starts_with('0')) {
        return None;
    }
    let plain = format!(
        "{}{}{}",
        if t.starts_with('-') { "-" } else { "" },
        groups.concat(),
        dec.map(|d| format!(".{d}")).unwrap_or_default()
    );
    let value: f64 = plain.parse().ok()?;
    let decimals = dec.map_or(0, str::len);
    let format = match (grouped, decimals) {
        (false, 0) => String::new(),
        (true, 0) => "#,##0".to_string(),
        (g, n) => format!("{}0.{}", if g { "#,##" } else { "" }, "0".repeat(n)),
    };
    Some((value, format))
}

/// A finding's mark on a copied cell: the worst severity, every message.
struct Mark {
    severity: Severity,
    notes: Vec<String>,
}

/// Builds the annotated workbook.
pub fn workbook(a: &Annotation<'_>) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let names = a.copy_names();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_title(a.lang))?;
    list::write_findings_sheet(sheet, a, &names)?;

    // Marks per copied cell; file- and row-level findings stay on the list.
    let mut marks: HashMap<(usize, u32, u32), Mark> = HashMap::new();
    for f in &a.report.findings {
        let (Some(row), Some(col)) = (f.location.row, f.location.col) else {
            continue;
        };
        let Some(s) = a.sheet_index(f) else { continue };
        let note = format!("{}: {}", severity_heading(f.severity, a.lang), f.message);
        let mark = marks.entry((s, row, col)).or_insert(Mark {
            severity: f.severity,
            notes: Vec::new(),
        });
        mark.severity = mark.severity.min(f.severity);
        mark.notes.push(note);
    }
    let mut fills = Fills::new();
    for (s, (grid_sheet, name)) in a.grid.sheets.iter().zip(&names).enumerate() {
        let ws = workbook.add_worksheet();
        ws.set_name(name)?;
        let schema = a
            .report
            .sheets
            .iter()
            .find(|r| r.sheet.as_deref() == grid_sheet.name.as_deref())
            .and_then(|r| r.schema.as_deref())
            .and_then(|name| a.catalog.and_then(|c| c.schema(name)));
        copy_sheet(ws, s, grid_sheet, &marks, &mut fills, schema)?;
    }
    Ok(workbook)
}

/// The columns of a header row whose field is a percentage.
fn percent_columns(schema: Option<&Schema>, cells: &[(u32, GridValue)]) -> Vec<u32> {
    let Some(schema) = schema else {
        return Vec::new();
    };
    let index = crate::schema::header::HeaderIndex::new(schema);
    cells
        .iter()
        .filter_map(|(col, v)| match v {
            GridValue::Text(t) => index
                .field_of(t)
                .and_then(|f| schema.fields.get(f))
                .filter(|f| f.kind == FieldType::Percent)
                .map(|_| *col),
            _ => None,
        })
        .collect()
}

fn col16(col: u32) -> Option<u16> {
    u16::try_from(col).ok().filter(|c| *c < 16_384)
}

/// Excel's serial day number of a date-time (days since 1899-12-30).
fn excel_serial(d: &chrono::NaiveDateTime) -> f64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap_or_default()
        .and_time(chrono::NaiveTime::MIN);
    let secs = (*d - epoch).num_seconds() as f64;
    secs / 86_400.0
}

fn copy_sheet(
    ws: &mut Worksheet,
    s: usize,
    sheet: &grid::GridSheet,
    marks: &HashMap<(usize, u32, u32), Mark>,
    fills: &mut Fills,
    schema: Option<&Schema>,
) -> Result<(), XlsxError> {
    let mut percent_cols: Vec<u32> = Vec::new();
    // A CSV's cells are all text; plain numbers become numbers again.
    let is_csv = sheet.name.is_none();
    let mut widths: HashMap<u16, usize> = HashMap::new();
    let mut header: Option<u32> = None;
    let mut written = std::collections::HashSet::new();
    for (number, cells) in &sheet.rows {
        let r = number.saturating_sub(1);
        // The header row: the first of three or more text cells.
        if header.is_none()
            && cells.len() >= 3
            && cells.iter().all(|(_, v)| matches!(v, GridValue::Text(_)))
        {
            header = Some(r);
            percent_cols = percent_columns(schema, cells);
        }
        for (col, value) in cells {
            let Some(c) = col16(*col) else { continue };
            let severity = marks.get(&(s, *number, *col)).map(|m| m.severity);
            let shown = match value {
                GridValue::Text(t) => match csv_number(t).filter(|_| is_csv) {
                    Some((n, num_format)) => {
                        ws.write_number_with_format(r, c, n, fills.get(severity, &num_format))?;
                        t.chars().count()
                    }
                    None => {
                        ws.write_string_with_format(r, c, t, fills.get(severity, ""))?;
                        t.chars().count()
                    }
                },
                GridValue::Number(n) => {
                    // An Excel percent cell holds 0,96 for 96 %: show it so
                    // again (the reader does not give number formats).
                    let num_format = if percent_cols.contains(col) && n.abs() <= 1.5 {
                        if ((n * 100.0).fract()).abs() < 1e-9 {
                            "0%"
                        } else {
                            "0.0%"
                        }
                    } else {
                        ""
                    };
                    ws.write_number_with_format(r, c, *n, fills.get(severity, num_format))?;
                    n.to_string().len()
                }
                GridValue::Bool(b) => {
                    ws.write_boolean_with_format(r, c, *b, fills.get(severity, ""))?;
                    5
                }
                GridValue::DateTime(d) => {
                    let (num_format, len) = if d.time() == chrono::NaiveTime::MIN {
                        ("dd-mm-yyyy", 10)
                    } else {
                        ("dd-mm-yyyy hh:mm", 16)
                    };
                    ws.write_number_with_format(
                        r,
                        c,
                        excel_serial(d),
                        fills.get(severity, num_format),
                    )?;
                    len
                }
                GridValue::Masked => {
                    ws.write_string_with_format(r, c, crate::cpr::MASK, fills.get(severity, ""))?;
                    crate::cpr::MASK.len()
                }
            };
            // Title rows (one cell running across) do not set the widths.
            if cells.len() >= 2 {
                let w = widths.entry(c).or_insert(0);
                *w = (*w).max(shown);
            }
            written.insert((*number, *col));
        }
    }
    let mut marked: Vec<_> = marks.iter().filter(|((ms, _, _), _)| *ms == s).collect();
    marked.sort_by_key(|((_, r, c), _)| (*r, *c));
    for ((_, number, col), mark) in marked {
        let Some(c) = col16(*col) else { continue };
        let r = number.saturating_sub(1);
        if !written.contains(&(*number, *col)) {
            ws.write_blank(r, c, fills.get(Some(mark.severity), ""))?;
        }
        let text = mark.notes.join("\n\n");
        let lines = text.chars().count().div_ceil(45) + mark.notes.len();
        let note = Note::new(text)
            .set_author("ramme")
            .add_author_prefix(false)
            .set_width(320)
            .set_height((lines.min(30) as u32) * 15 + 10);
        ws.insert_note(r, c, &note)?;
    }
    for (c, w) in widths {
        ws.set_column_width(c, (w + 2).clamp(8, 50) as f64)?;
    }
    if let Some(h) = header {
        ws.set_freeze_panes(h + 1, 0)?;
        ws.set_repeat_rows(h, h)?;
    }
    print_setup(ws);
    Ok(())
}

/// Landscape A4, one page wide: how a kommune prints the sheet.
pub(crate) fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_numbers_keep_their_look() {
        assert_eq!(csv_number("2.150,00"), Some((2150.0, "#,##0.00".into())));
        assert_eq!(csv_number("95"), Some((95.0, String::new())));
        assert_eq!(csv_number("-12,5"), Some((-12.5, "0.0".into())));
        assert_eq!(csv_number("6.570.000"), Some((6_570_000.0, "#,##0".into())));
        assert_eq!(csv_number("0"), Some((0.0, String::new())));
        for text in ["1.950,5,0", "0851", "12.34", "", "-", "1,", "abc", "1 234"] {
            assert_eq!(csv_number(text), None, "{text}");
        }
    }
}
