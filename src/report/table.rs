//! A result table, and its four renderings: text for the terminal, Markdown
//! for an agenda, CSV for scripts and an xlsx sheet for the annex. Analyses
//! describe their tables once; the writers here know nothing of tariffs.

use super::style::Style;
use crate::lang::Lang;
use crate::numfmt;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::io::{self, Write};

/// How a column's values are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole number ("1.234").
    Integer,
    /// A number with this many decimals at most ("12,5").
    Number(u32),
    /// Kroner with øre ("1.234,50 kr." in text, `#,##0.00 "kr."` in xlsx).
    Kr,
    /// Percent, held in percent (−1.25 is −1,25 %).
    Pct,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    Empty,
    Text(String),
    Number(Decimal),
}

impl From<&str> for TableCell {
    fn from(s: &str) -> Self {
        TableCell::Text(s.to_string())
    }
}
impl From<String> for TableCell {
    fn from(s: String) -> Self {
        TableCell::Text(s)
    }
}
impl From<Decimal> for TableCell {
    fn from(d: Decimal) -> Self {
        TableCell::Number(d)
    }
}
impl From<Option<Decimal>> for TableCell {
    fn from(d: Option<Decimal>) -> Self {
        d.map_or(TableCell::Empty, TableCell::Number)
    }
}
impl From<usize> for TableCell {
    fn from(n: usize) -> Self {
        TableCell::Number(Decimal::from(n))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Stable machine name, the CSV header ("change_pct").
    pub key: String,
    /// The label people read ("Ændring").
    pub label: String,
    pub kind: Kind,
}

impl Column {
    pub fn new(key: &str, label: &str, kind: Kind) -> Column {
        Column {
            key: key.to_string(),
            label: label.to_string(),
            kind,
        }
    }
}

/// A table with a title, a total row and notes below it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Sheet name in a workbook (at most 31 characters).
    pub name: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<TableCell>>,
    pub total: Option<Vec<TableCell>>,
    pub notes: Vec<String>,
}

impl Table {
    pub fn new(name: &str, title: &str, columns: Vec<Column>) -> Table {
        Table {
            name: name.to_string(),
            title: title.to_string(),
            columns,
            ..Table::default()
        }
    }

    pub fn push(&mut self, row: Vec<TableCell>) {
        self.rows.push(row);
    }
}

/// A cell as people read it.
pub fn display(cell: &TableCell, kind: Kind, lang: Lang) -> String {
    match cell {
        TableCell::Empty => String::new(),
        TableCell::Text(t) => t.clone(),
        TableCell::Number(n) => match kind {
            Kind::Text | Kind::Number(_) => numfmt::plain(*n, decimals(kind), lang),
            Kind::Integer => numfmt::number(*n, 0, lang),
            Kind::Kr => numfmt::kr(*n, lang),
            Kind::Pct => numfmt::pct(*n, lang),
        },
    }
}

fn decimals(kind: Kind) -> u32 {
    match kind {
        Kind::Number(d) => d,
        _ => 2,
    }
}

fn right_aligned(kind: Kind) -> bool {
    kind != Kind::Text
}

/// Where text cells wrap in the terminal.
const TEXT_WIDTH: usize = 40;

/// Splits a text into lines of at most `width` characters at spaces (a
/// longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: String = word.to_string();
        while word.chars().count() > width {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Aligned columns for the terminal.
pub fn write_text(
    tables: &[Table],
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", style.bold(&table.title))?;
        let shown = |row: &[TableCell]| -> Vec<String> {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| {
                    row.get(c)
                        .map(|cell| display(cell, col.kind, lang))
                        .unwrap_or_default()
                })
                .collect()
        };
        let body: Vec<Vec<String>> = table.rows.iter().map(|r| shown(r)).collect();
        let total = table.total.as_deref().map(shown);
        // Text columns wrap at TEXT_WIDTH so a long remark does not stretch
        // the whole table; numbers never wrap.
        let wrapped = |row: &[String]| -> Vec<Vec<String>> {
            row.iter()
                .enumerate()
                .map(|(c, text)| match table.columns.get(c).map(|col| col.kind) {
                    Some(Kind::Text) => wrap(text, TEXT_WIDTH),
                    _ => vec![text.clone()],
                })
                .collect()
        };
        let body: Vec<Vec<Vec<String>>> = body.iter().map(|r| wrapped(r)).collect();
        let total = total.as_deref().map(wrapped);
        let mut widths: Vec<usize> = table
            .columns
            .iter()
            .map(|c| c.label.chars().count())
            .collect();
        for row in body.iter().chain(total.iter()) {
            for (c, cell_lines) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(c) {
                    for text in cell_lines {
                        *w = (*w).max(text.chars().count());
                    }
                }
            }
        }
        let line = |cells: &[String]| -> String {
            let mut parts = Vec::with_capacity(cells.len());
            for (c, text) in cells.iter().enumerate() {
                let width = widths.get(c).copied().unwrap_or(0);
                let pad = width.saturating_sub(text.chars().count());
                let right = table
                    .columns
                    .get(c)
                    .is_some_and(|col| right_aligned(col.kind));
                parts.push(if right {
                    format!("{}{text}", " ".repeat(pad))
                } else {
                    format!("{text}{}", " ".repeat(pad))
                });
            }
            parts.join("  ").trim_end().to_string()
        };
        // A row of wrapped cells as its physical lines.
        let physical = |row: &[Vec<String>]| -> Vec<String> {
            let height = row.iter().map(Vec::len).max().unwrap_or(1);
            (0..height)
                .map(|i| {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|l| l.get(i).cloned().unwrap_or_default())
                        .collect();
                    line(&cells)
                })
                .collect()
        };
        let header: Vec<String> = table.columns.iter().map(|c| c.label.clone()).collect();
        writeln!(out, "{}", style.bold(&line(&header)))?;
        let rule: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        writeln!(out, "{}", style.dim(&"─".repeat(rule)))?;
        for row in &body {
            for text in physical(row) {
                writeln!(out, "{text}")?;
            }
        }
        if let Some(total) = &total {
            writeln!(out, "{}", style.dim(&"─".repeat(rule)))?;
            for text in physical(total) {
                writeln!(out, "{}", style.bold(&text))?;
            }
        }
        if table.rows.is_empty() {
            writeln!(
                out,
                "{}",
                style.dim(lang.pick("(ingen rækker)", "(no rows)"))
            )?;
        }
        for note in &table.notes {
            writeln!(out, "{}", style.dim(note))?;
        }
    }
    Ok(())
}

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// GitHub-flavoured Markdown tables.
pub fn write_md(tables: &[Table], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "### {}\n", md_escape(&table.title))?;
        let labels: Vec<String> = table.columns.iter().map(|c| md_escape(&c.label)).collect();
        writeln!(out, "| {} |", labels.join(" | "))?;
        let aligns: Vec<&str> = table
            .columns
            .iter()
            .map(|c| if right_aligned(c.kind) { "---:" } else { "---" })
            .collect();
        writeln!(out, "|{}|", aligns.join("|"))?;
        let row_text = |row: &[TableCell], bold: bool| -> String {
            let cells: Vec<String> = table
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| {
                    let text = md_escape(
                        &row.get(c)
                            .map(|cell| display(cell, col.kind, lang))
                            .unwrap_or_default(),
                    );
                    if bold && !text.is_empty() {
                        format!("**{text}**")
                    } else {
                        text
                    }
                })
                .collect();
            format!("| {} |", cells.join(" | "))
        };
        for row in &table.rows {
            writeln!(out, "{}", row_text(row, false))?;
        }
        if let Some(total) = &table.total {
            writeln!(out, "{}", row_text(total, true))?;
        }
        if !table.notes.is_empty() {
            writeln!(out)?;
            for note in &table.notes {
                writeln!(out, "- {}", md_escape(note))?;
            }
        }
    }
    Ok(())
}

/// One table as CSV for scripts: stable keys as headers, numbers with a
/// decimal point and no grouping, percent in percent.
pub fn write_csv(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(table.columns.iter().map(|c| c.key.as_str()))?;
    let rows = table.rows.iter().chain(table.total.iter());
    for row in rows {
        let cells: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| match row.get(c) {
                Some(TableCell::Text(t)) => super::output::csv_cell(t).into_owned(),
                Some(TableCell::Number(n)) => match col.kind {
                    Kind::Kr => n.round_dp(2).normalize().to_string(),
                    Kind::Pct => n.round_dp(4).normalize().to_string(),
                    _ => n.normalize().to_string(),
                },
                _ => String::new(),
            })
            .collect();
        w.write_record(&cells)?;
    }
    w.flush()
}

/// The formats of an annex sheet.
pub struct SheetFormats {
    title: Format,
    header: Format,
    header_right: Format,
    text: Format,
    integer: Format,
    number: Format,
    kr: Format,
    pct: Format,
    total_text: Format,
    total_integer: Format,
    total_number: Format,
    total_kr: Format,
    total_pct: Format,
    note_wrap: Format,
}

impl SheetFormats {
    pub fn new() -> SheetFormats {
        let header_fill = Color::RGB(0x00DD_EBF7);
        let base = Format::new().set_font_size(10);
        let total = |f: Format| f.set_bold().set_border_top(FormatBorder::Thin);
        let kr = "#,##0.00 \"kr.\"";
        let pct = "0.00 %";
        SheetFormats {
            title: Format::new().set_bold().set_font_size(13),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_indent(1)
                .set_background_color(header_fill)
                .set_border_bottom(FormatBorder::Thin),
            header_right: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Right)
                .set_background_color(header_fill)
                .set_border_bottom(FormatBorder::Thin),
            text: base.clone().set_indent(1),
            integer: base.clone().set_num_format("#,##0"),
            number: base.clone().set_num_format("#,##0.##"),
            kr: base.clone().set_num_format(kr),
            pct: base.clone().set_num_format(pct),
            total_text: total(base.clone().set_indent(1)),
            total_integer: total(base.clone().set_num_format("#,##0")),
            total_number: total(base.clone().set_num_format("#,##0.##")),
            total_kr: total(base.clone().set_num_format(kr)),
            total_pct: total(base.clone().set_num_format(pct)),
            note_wrap: base
                .set_italic()
                .set_font_color(Color::RGB(0x0059_5959))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }

    fn for_kind(&self, kind: Kind, total: bool) -> &Format {
        match (kind, total) {
            (Kind::Text, false) => &self.text,
            (Kind::Integer, false) => &self.integer,
            (Kind::Number(_), false) => &self.number,
            (Kind::Kr, false) => &self.kr,
            (Kind::Pct, false) => &self.pct,
            (Kind::Text, true) => &self.total_text,
            (Kind::Integer, true) => &self.total_integer,
            (Kind::Number(_), true) => &self.total_number,
            (Kind::Kr, true) => &self.total_kr,
            (Kind::Pct, true) => &self.total_pct,
        }
    }
}

impl Default for SheetFormats {
    fn default() -> Self {
        Self::new()
    }
}

/// Where a table landed on a sheet, for charts that refer to it.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub header_row: u32,
    pub first_row: u32,
    pub last_row: u32,
    /// The last row written (notes included).
    pub end_row: u32,
}

/// Writes a table as a sheet of an annex workbook: a title, a styled and
/// frozen header row, values (never formulas, so the saved figures are
/// right when opened without recalculation), a bold total row, notes, fitted
/// columns and a landscape, fit-to-width print setup.
pub fn add_sheet(
    workbook: &mut Workbook,
    table: &Table,
    formats: &SheetFormats,
) -> Result<Placed, XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(&table.name))?;
    write_sheet(sheet, table, formats)
}

fn write_sheet(
    sheet: &mut Worksheet,
    table: &Table,
    f: &SheetFormats,
) -> Result<Placed, XlsxError> {
    sheet.write_string_with_format(0, 0, &table.title, &f.title)?;
    let header_row = 2u32;
    for (c, col) in table.columns.iter().enumerate() {
        let format = if right_aligned(col.kind) {
            &f.header_right
        } else {
            &f.header
        };
        sheet.write_string_with_format(header_row, col_index(c), &col.label, format)?;
    }
    let mut r = header_row + 1;
    let first_row = r;
    for row in &table.rows {
        write_row(sheet, r, row, &table.columns, f, false)?;
        r += 1;
    }
    let last_row = r.saturating_sub(1).max(first_row);
    if let Some(total) = &table.total {
        write_row(sheet, r, total, &table.columns, f, true)?;
        r += 1;
    }
    r += 1;
    // Notes wrap across the table's width, so a printed page shows them whole.
    let widths: Vec<usize> = column_widths(table);
    let across: usize = widths.iter().sum::<usize>().max(20);
    let last_col = col_index(table.columns.len().saturating_sub(1));
    for note in &table.notes {
        let lines = note.chars().count().div_ceil(across).max(1);
        if last_col > 0 {
            sheet.merge_range(r, 0, r, last_col, note, &f.note_wrap)?;
        } else {
            sheet.write_string_with_format(r, 0, note, &f.note_wrap)?;
        }
        sheet.set_row_height(r, 13.5 * lines as f64)?;
        r += 1;
    }
    let end_row = r.saturating_sub(1);
    sheet.set_freeze_panes(header_row + 1, 0)?;
    // Widths from the table's own cells as Danish Excel shows them (not the
    // title or notes, which may run across), with room to spare: autofit
    // sizes formatted kroner and percent too tightly.
    for (c, width) in column_widths(table).into_iter().enumerate() {
        sheet.set_column_width(col_index(c), width as f64)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    Ok(Placed {
        header_row,
        first_row,
        last_row,
        end_row,
    })
}

/// Column widths in characters from the table's own cells as Danish Excel
/// shows them (not the title or notes), with room to spare.
fn column_widths(table: &Table) -> Vec<usize> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let data = table
                .rows
                .iter()
                .chain(table.total.iter())
                .filter_map(|row| row.get(c))
                .map(|cell| display(cell, col.kind, Lang::Da).chars().count())
                .max()
                .unwrap_or(0);
            let label = col.label.chars().count().min(18);
            (data.max(label) + 3).clamp(6, 52)
        })
        .collect()
}

fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &[TableCell],
    columns: &[Column],
    f: &SheetFormats,
    total: bool,
) -> Result<(), XlsxError> {
    for (c, col) in columns.iter().enumerate() {
        let format = f.for_kind(col.kind, total);
        let wrap_text = format.clone().set_text_wrap();
        match row.get(c) {
            Some(TableCell::Text(t)) if t.chars().count() > 50 => {
                sheet.write_string_with_format(r, col_index(c), t, &wrap_text)?;
            }
            Some(TableCell::Text(t)) => {
                sheet.write_string_with_format(r, col_index(c), t, format)?;
            }
            Some(TableCell::Number(n)) => {
                let value = match col.kind {
                    // Excel percent formats multiply by 100.
                    Kind::Pct => (*n / Decimal::ONE_HUNDRED).to_f64(),
                    _ => n.to_f64(),
                }
                .unwrap_or(0.0);
                sheet.write_number_with_format(r, col_index(c), value, format)?;
            }
            _ => {
                sheet.write_blank(r, col_index(c), format)?;
            }
        }
    }
    Ok(())
}

fn col_index(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn sample() -> Table {
        let mut t = Table::new(
            "Takst",
            "Takstændringer",
            vec![
                Column::new("kommune", "Kommune", Kind::Text),
                Column::new("offers", "Tilbud", Kind::Integer),
                Column::new("takst", "Takst", Kind::Kr),
                Column::new("change_pct", "Ændring", Kind::Pct),
            ],
        );
        t.push(vec![
            "Aalborg".into(),
            12usize.into(),
            Decimal::from_str("2310.5").unwrap().into(),
            Decimal::from_str("-1.25").unwrap().into(),
        ]);
        t.push(vec![
            "Læsø".into(),
            1usize.into(),
            TableCell::Empty,
            TableCell::Empty,
        ]);
        t.total = Some(vec![
            "I alt".into(),
            13usize.into(),
            TableCell::Empty,
            Decimal::from_str("-1.1").unwrap().into(),
        ]);
        t.notes.push("Note.".into());
        t
    }

    #[test]
    fn text_aligns_numbers_right() {
        let mut out = Vec::new();
        write_text(&[sample()], Lang::Da, Style::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Takstændringer\n\
Kommune  Tilbud         Takst  Ændring\n\
──────────────────────────────────────\n\
Aalborg      12  2.310,50 kr.  −1,25 %\n\
Læsø          1\n\
──────────────────────────────────────\n\
I alt        13                 −1,1 %\n\
Note.\n"
        );
    }

    #[test]
    fn csv_uses_keys_and_plain_numbers() {
        let mut out = Vec::new();
        write_csv(&sample(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "kommune,offers,takst,change_pct\nAalborg,12,2310.5,-1.25\nLæsø,1,,\nI alt,13,,-1.1\n"
        );
    }

    #[test]
    fn markdown_right_aligns_and_bolds_totals() {
        let mut out = Vec::new();
        write_md(&[sample()], Lang::Da, &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(md.contains("| Kommune | Tilbud | Takst | Ændring |\n|---|---:|---:|---:|\n"));
        assert!(md.contains("| Aalborg | 12 | 2.310,50 kr. | −1,25 % |"));
        assert!(md.contains("| **I alt** | **13** |  | **−1,1 %** |"));
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("kort", 10), vec!["kort"]);
        assert_eq!(
            wrap("Salg til få kommuner i regionen", 12),
            vec!["Salg til få", "kommuner i", "regionen"]
        );
        assert_eq!(
            wrap("Sødisbakke–Fælledvejstuen", 10),
            vec!["Sødisbakke", "–Fælledvej", "stuen"]
        );
    }

    #[test]
    fn sheet_names_are_valid() {
        assert_eq!(sheet_name("Takst/udgift: 2017?"), "Takst-udgift- 2017-");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(sheet_name(" "), "Ark");
    }
}
