//! Tables as printable xlsx sheets: row heights that fit wrapped text
//! (rust_xlsxwriter does not autofit heights, so lines are counted from the
//! column widths), an "Ingen …" line instead of an empty table, small
//! related tables stacked on one page, one number format per kind of column,
//! A4 with a footer (title, date, "Side X af Y") on every sheet, and charts.

pub use super::chart::ChartKind;
use super::chart::{chart_columns, make_chart, CHART_ROWS};
use super::table::{self, right_aligned, width, wrap, Kind, Table, TableCell};
use crate::lang::Lang;
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::HashSet;

/// Points per line of 10 pt text, with LibreOffice's and Excel's leading.
const LINE_HEIGHT: f64 = 13.0;
/// A text column is at most this many characters wide; longer text wraps.
const TEXT_CAP: usize = 45;
/// Padding added to every column (indent and breathing room), in Excel's
/// width units (the width of a "0" in 11 pt Calibri).
const PADDING: usize = 3;

/// Width units that a text of `chars` characters of 10 pt text needs: a
/// letter of 10 pt text is about four fifths of the unit wide (digits are
/// nearly a whole unit, so numbers are counted one unit a character).
fn text_units(chars: usize) -> usize {
    (chars * 4).div_ceil(5)
}

/// Characters of 10 pt text that fit a column `w` units wide, erring on the
/// narrow side so that wrapped rows are never too low.
fn room(w: usize) -> usize {
    (w.saturating_sub(PADDING) * 5 / 4).max(1)
}
/// Lines that fit one landscape A4 page at 100 %: a sheet estimated at most
/// this tall is printed on one page.
const PAGE_LINES: usize = 40;

/// What every printed page says in its footer.
#[derive(Debug, Clone)]
pub struct Print {
    pub title: String,
    pub made: NaiveDate,
}

/// The date a workbook is dated: SOURCE_DATE_EPOCH when set (reproducible
/// builds), else today.
pub fn made_date() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|d| d.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A4, landscape, the footer and the page fit.
pub fn set_print(sheet: &mut Worksheet, print: &Print, one_page: bool, lang: Lang) {
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    if one_page {
        sheet.set_print_fit_to_pages(1, 1);
    } else {
        sheet.set_print_fit_to_pages(1, 0);
    }
    // `&` starts a code in a footer; a literal one is `&&`. Excel allows 255
    // characters in all.
    let title: String = print.title.replace('&', "&&").chars().take(150).collect();
    // The date sits with the page number: a long title in the left part
    // would run into a centred date.
    let footer = format!(
        "&L{title}&R{} · {} &P {} &N",
        print.made.format("%d-%m-%Y"),
        lang.pick("Side", "Page"),
        lang.pick("af", "of"),
    );
    sheet.set_footer(&footer);
}

/// The formats of an annex sheet.
pub struct SheetFormats {
    title: Format,
    header: Format,
    header_right: Format,
    note: Format,
    empty: Format,
}

impl SheetFormats {
    pub fn new() -> SheetFormats {
        let header_fill = Color::RGB(0x00DD_EBF7);
        let header = base()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(header_fill)
            .set_border_bottom(FormatBorder::Thin);
        SheetFormats {
            title: Format::new().set_bold().set_font_size(13),
            header: header.clone().set_align(FormatAlign::Left).set_indent(1),
            header_right: header.set_align(FormatAlign::Right),
            note: base()
                .set_italic()
                .set_font_color(Color::RGB(0x0059_5959))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            empty: base().set_italic(),
        }
    }

    /// The format of a cell: one number format per kind of column.
    fn cell(kind: Kind, decimals: u32, total: bool, wrapped: bool) -> Format {
        // Text is indented from the left; numbers end a space short of the
        // right edge (`_)`), so neighbouring columns never touch.
        let mut f = base().set_align(FormatAlign::Top);
        f = match kind {
            Kind::Text => f.set_align(FormatAlign::Left).set_indent(1),
            Kind::Integer => f.set_num_format("#,##0_)"),
            Kind::Number(_) if decimals == 0 => f.set_num_format("#,##0_)"),
            Kind::Number(_) => f.set_num_format("#,##0.00_)"),
            Kind::Kr => f.set_num_format("#,##0.00 \"kr.\"_)"),
            Kind::Pct => f.set_num_format("0.00 %_)"),
        };
        if right_aligned(kind) {
            f = f.set_align(FormatAlign::Right);
        }
        if total {
            f = f.set_bold().set_border_top(FormatBorder::Thin);
        }
        if wrapped {
            f = f.set_text_wrap();
        }
        f
    }
}

fn base() -> Format {
    Format::new().set_font_size(10)
}

impl Default for SheetFormats {
    fn default() -> Self {
        Self::new()
    }
}

/// Where a table landed on a sheet, for charts that refer to it.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub title_row: u32,
    pub header_row: u32,
    pub first_row: u32,
    pub last_row: u32,
    /// The last row written (notes included).
    pub end_row: u32,
}

/// A valid sheet name: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    if cleaned.trim().is_empty() {
        "Ark".to_string()
    } else {
        cleaned
    }
}

/// A sheet name not used before in this workbook (compared as Excel does,
/// without case).
pub fn unique_name(used: &mut HashSet<String>, wanted: &str) -> String {
    // Cut to Excel's 31 characters, and when taken, cut further to make room
    // for " 2", " 3" …, so the suffix always shows and the search ends.
    let name = sheet_name(wanted);
    if used.insert(name.to_lowercase()) {
        return name;
    }
    for n in 2u32.. {
        let suffix = format!(" {n}");
        let room = 31usize.saturating_sub(suffix.chars().count());
        let stem: String = name.chars().take(room).collect();
        let candidate = format!("{stem}{suffix}");
        if used.insert(candidate.to_lowercase()) {
            return candidate;
        }
    }
    name
}

/// The width of a table's column in characters: its data (text capped at
/// TEXT_CAP, beyond which it wraps) and its header's longest word, so two
/// headers never touch.
fn column_width(t: &Table, c: usize, lang: Lang) -> usize {
    let Some(col) = t.columns.get(c) else {
        return 0;
    };
    let decimals = t.decimals(c);
    let data = t
        .rows
        .iter()
        .chain(t.total.iter())
        .filter_map(|r| r.get(c))
        .map(|cell| width(&table::show(cell, col.kind, decimals, lang)))
        .max()
        .unwrap_or(0);
    // Text wraps beyond TEXT_CAP, but a word that cannot wrap (a file
    // path) gets its room, up to half as much again.
    let word = t
        .rows
        .iter()
        .chain(t.total.iter())
        .filter_map(|r| r.get(c))
        .map(|cell| {
            table::show(cell, col.kind, decimals, lang)
                .split_whitespace()
                .map(width)
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    let data = if col.kind == Kind::Text {
        text_units(data.min(TEXT_CAP).max(word.min(TEXT_CAP * 3 / 2)))
    } else {
        data
    };
    let header_word = col.label.split_whitespace().map(width).max().unwrap_or(0);
    // A short header stays on one line; a long one wraps at spaces.
    let header = text_units(if width(&col.label) <= 14 {
        width(&col.label)
    } else {
        header_word
    }) + 1;
    data.max(header).max(4) + PADDING
}

/// Column widths shared by the tables stacked on one sheet.
fn sheet_widths(tables: &[Table], lang: Lang) -> Vec<usize> {
    let n = tables.iter().map(|t| t.columns.len()).max().unwrap_or(0);
    (0..n)
        .map(|c| {
            tables
                .iter()
                .filter(|t| !t.rows.is_empty())
                .map(|t| column_width(t, c, lang))
                .max()
                .unwrap_or(10)
        })
        .collect()
}

/// Lines a text takes in a column of `w` characters (a character of 10 pt
/// text is narrower than Excel's width unit, so this errs on the tall side).
fn lines_in(text: &str, w: usize) -> usize {
    let room = room(w);
    if width(text) <= room {
        1
    } else {
        wrap(text, room).len()
    }
}

fn height(lines: usize) -> f64 {
    LINE_HEIGHT * lines.max(1) as f64 + 2.0
}

/// Lines of a note merged across `across` characters.
fn note_lines(note: &str, across: usize) -> usize {
    lines_in(note, across.max(20))
}

/// The estimated height of a table on a sheet, in lines.
fn table_lines(t: &Table, widths: &[usize], lang: Lang) -> usize {
    let across: usize = widths.iter().sum();
    let notes: usize = t.notes.iter().map(|n| note_lines(n, across)).sum();
    if t.rows.is_empty() {
        return 3 + notes;
    }
    let header = t
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| lines_in(&col.label, widths.get(c).copied().unwrap_or(10)))
        .max()
        .unwrap_or(1);
    let body: usize = t
        .rows
        .iter()
        .chain(t.total.iter())
        .map(|r| row_lines(t, r, widths, lang))
        .sum();
    2 + header + body + 1 + notes
}

fn row_lines(t: &Table, row: &[TableCell], widths: &[usize], lang: Lang) -> usize {
    t.columns
        .iter()
        .enumerate()
        .map(|(c, col)| match row.get(c) {
            Some(cell @ (TableCell::Text(_) | TableCell::Coded { .. })) => lines_in(
                &table::show(cell, col.kind, 0, lang),
                widths.get(c).copied().unwrap_or(10),
            ),
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

/// The tables of one sheet, and the chart below them.
#[derive(Debug, Clone)]
pub struct SheetPlan {
    pub name: String,
    pub tables: Vec<Table>,
    pub chart: Option<ChartKind>,
}

/// Groups a section's tables into sheets: a table joins the sheet before it
/// when both still fit one page, so a seven-row table or an "Ingen …" line
/// does not get a page of its own. Sheet names are made unique in `used`.
pub fn plan_sheets(
    tables: Vec<Table>,
    chart: Option<ChartKind>,
    used: &mut HashSet<String>,
    lang: Lang,
) -> Vec<SheetPlan> {
    let mut plans: Vec<SheetPlan> = Vec::new();
    let mut lines = 0usize;
    for (i, t) in tables.into_iter().enumerate() {
        let own = table_lines(&t, &sheet_widths(std::slice::from_ref(&t), lang), lang);
        let chart_here = if i == 0 { chart } else { None };
        let extra = if chart_here.is_some() {
            CHART_ROWS + 2
        } else {
            0
        };
        match plans.last_mut() {
            Some(last) if i > 0 && lines + 2 + own <= PAGE_LINES => {
                last.tables.push(t);
                lines += 2 + own;
            }
            _ => {
                plans.push(SheetPlan {
                    name: String::new(),
                    tables: vec![t],
                    chart: chart_here,
                });
                lines = own + extra;
            }
        }
    }
    for plan in &mut plans {
        let wanted = plan
            .tables
            .first()
            .map_or("Ark", |t| t.name.as_str())
            .to_string();
        plan.name = unique_name(used, &wanted);
    }
    plans
}

/// Writes one planned sheet; returns where each table's title landed (for
/// the front sheet's contents).
pub fn write_plan(
    workbook: &mut Workbook,
    plan: &SheetPlan,
    formats: &SheetFormats,
    print: &Print,
    lang: Lang,
) -> Result<Vec<u32>, XlsxError> {
    let widths = sheet_widths(&plan.tables, lang);
    let sheet = workbook.add_worksheet();
    sheet.set_name(&plan.name)?;
    let mut r = 0u32;
    let mut placed = Vec::new();
    for t in &plan.tables {
        let p = write_table(sheet, r, t, &widths, formats, lang)?;
        placed.push(p);
        r = p.end_row + 3;
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(col_index(c), *w as f64)?;
    }
    let lines: usize = plan
        .tables
        .iter()
        .map(|t| table_lines(t, &widths, lang) + 2)
        .sum::<usize>()
        + if plan.chart.is_some() {
            CHART_ROWS + 2
        } else {
            0
        };
    if let [single] = placed.as_slice() {
        if !plan.tables.iter().all(|t| t.rows.is_empty()) {
            sheet.set_freeze_panes(single.header_row + 1, 0)?;
            sheet.set_repeat_rows(single.header_row, single.header_row)?;
        }
    }
    set_print(sheet, print, lines <= PAGE_LINES + 4, lang);
    if let (Some(kind), Some(first), Some(last)) = (plan.chart, placed.first(), placed.last()) {
        if plan.tables.first().is_some_and(|t| !t.rows.is_empty()) {
            let at = last.end_row + 2;
            let chart = make_chart(&plan.name, *first, kind, lang);
            sheet.insert_chart(at, 0, &chart)?;
            // The chart is inside the printed area.
            let cols = chart_columns(&widths).max(widths.len());
            sheet.set_print_area(
                0,
                0,
                at + CHART_ROWS as u32,
                col_index(cols.saturating_sub(1)),
            )?;
        }
    }
    Ok(placed.iter().map(|p| p.title_row).collect())
}

/// Writes a table from row `top`: a title, then either an "Ingen …" line or
/// a styled header row, values (never formulas, so the saved figures are
/// right when opened without recalculation), a bold total row, and notes
/// merged across the table. Rows with wrapped text get the height it needs.
fn write_table(
    sheet: &mut Worksheet,
    top: u32,
    table: &Table,
    widths: &[usize],
    f: &SheetFormats,
    lang: Lang,
) -> Result<Placed, XlsxError> {
    let header_row = top + 2;
    let last_col = col_index(table.columns.len().saturating_sub(1));
    let across: usize = widths.iter().take(table.columns.len()).sum();
    // A title wider than its table would run past the printed area: it is
    // merged across the table and wraps (13 pt is about 1,35 × the width of
    // the body's characters).
    let title_room = (across * 100 / 135).max(10);
    let title_lines = super::terminal::wrap(&table.title, title_room).len().max(1);
    if title_lines > 1 && last_col > 0 {
        let wrapped = f.title.clone().set_text_wrap().set_align(FormatAlign::Top);
        sheet.merge_range(top, 0, top, last_col, &table.title, &wrapped)?;
    } else {
        sheet.write_string_with_format(top, 0, &table.title, &f.title)?;
    }
    sheet.set_row_height(top, 18.0 * title_lines as f64)?;
    let mut r = header_row;
    let (first_row, last_row);
    if table.rows.is_empty() {
        sheet.write_string_with_format(r, 0, table.empty_text(lang), &f.empty)?;
        first_row = r;
        last_row = r;
        r += 1;
    } else {
        let mut header_lines = 1;
        for (c, col) in table.columns.iter().enumerate() {
            let format = if right_aligned(col.kind) {
                &f.header_right
            } else {
                &f.header
            };
            sheet.write_string_with_format(header_row, col_index(c), &col.label, format)?;
            header_lines =
                header_lines.max(lines_in(&col.label, widths.get(c).copied().unwrap_or(10)));
        }
        sheet.set_row_height(header_row, height(header_lines))?;
        r += 1;
        first_row = r;
        let decimals: Vec<u32> = (0..table.columns.len())
            .map(|c| table.decimals(c))
            .collect();
        for row in &table.rows {
            // A subtotal ("Børn i alt") is bold like the total.
            let subtotal = matches!(row.first(), Some(TableCell::Coded { code, .. }) if code.ends_with("_total"));
            write_row(sheet, r, row, table, widths, &decimals, subtotal, lang)?;
            r += 1;
        }
        last_row = r - 1;
        if let Some(total) = &table.total {
            write_row(sheet, r, total, table, widths, &decimals, true, lang)?;
            r += 1;
        }
    }
    r += 1;
    for note in &table.notes {
        if last_col > 0 {
            sheet.merge_range(r, 0, r, last_col, note, &f.note)?;
        } else {
            sheet.write_string_with_format(r, 0, note, &f.note)?;
        }
        sheet.set_row_height(r, height(note_lines(note, across)))?;
        r += 1;
    }
    Ok(Placed {
        title_row: top,
        header_row,
        first_row,
        last_row,
        end_row: r.saturating_sub(1),
    })
}

#[allow(clippy::too_many_arguments)]
fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &[TableCell],
    table: &Table,
    widths: &[usize],
    decimals: &[u32],
    total: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut lines = 1;
    for (c, col) in table.columns.iter().enumerate() {
        let d = decimals.get(c).copied().unwrap_or(0);
        let w = widths.get(c).copied().unwrap_or(10);
        match row.get(c) {
            Some(cell @ (TableCell::Text(_) | TableCell::Coded { .. })) => {
                let text = table::show(cell, col.kind, d, lang);
                let n = lines_in(&text, w);
                lines = lines.max(n);
                let format = SheetFormats::cell(col.kind, d, total, n > 1);
                sheet.write_string_with_format(r, col_index(c), &text, &format)?;
            }
            Some(TableCell::Number(n)) => {
                let value = match col.kind {
                    // Excel percent formats multiply by 100.
                    Kind::Pct => (*n / Decimal::ONE_HUNDRED).to_f64(),
                    _ => n.to_f64(),
                }
                .unwrap_or(0.0);
                let format = SheetFormats::cell(col.kind, d, total, false);
                sheet.write_number_with_format(r, col_index(c), value, &format)?;
            }
            _ => {
                let format = SheetFormats::cell(col.kind, d, total, false);
                sheet.write_blank(r, col_index(c), &format)?;
            }
        }
    }
    if lines > 1 {
        sheet.set_row_height(r, height(lines))?;
    }
    Ok(())
}

fn col_index(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Writes a table as a sheet of its own (used for a `--detail` workbook).
pub fn add_sheet(
    workbook: &mut Workbook,
    table: &Table,
    formats: &SheetFormats,
    print: &Print,
    lang: Lang,
) -> Result<(), XlsxError> {
    let plan = SheetPlan {
        name: sheet_name(&table.name),
        tables: vec![table.clone()],
        chart: None,
    };
    write_plan(workbook, &plan, formats, print, lang).map(|_| ())
}

/// A workbook of sheets: every sheet A4 with the footer.
pub fn workbook_of(plans: &[SheetPlan], print: &Print, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = SheetFormats::new();
    for plan in plans {
        write_plan(&mut workbook, plan, &formats, print, lang)?;
    }
    Ok(workbook)
}

#[cfg(test)]
mod tests;
