//! A result table, and its renderings for people and scripts: Markdown for
//! an agenda, CSV for scripts (the same in every language) and CSV for a
//! person's spreadsheet. Text for the terminal is `terminal`'s job, the
//! xlsx sheets `xlsx`'s. Analyses describe their tables once; the
//! writers here know nothing of tariffs.

use crate::lang::Lang;
use crate::numfmt;
use rust_decimal::Decimal;
use std::io::{self, Write};

pub use super::terminal::{wrap, write_text};
pub use super::xlsx::{add_sheet, sheet_name, Placed, SheetFormats};

/// How a column's values are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A count ("1.234").
    Integer,
    /// A number with this many decimals, or none when every value of the
    /// column is whole (places "12" or "12,50", never both in one column).
    Number(u32),
    /// Kroner with øre ("1.234,50 kr." in text, `#,##0.00 "kr."` in xlsx).
    Kr,
    /// Percent with two decimals, held in percent (−1.25 is −1,25 %).
    Pct,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    Empty,
    Text(String),
    Number(Decimal),
    /// A value with a stable code for scripts and a text for people
    /// ("true" / "ja", "total" / "Regionen i alt").
    Coded {
        code: String,
        text: String,
    },
}

impl TableCell {
    pub fn coded(code: &str, text: &str) -> TableCell {
        TableCell::Coded {
            code: code.to_string(),
            text: text.to_string(),
        }
    }

    /// "ja"/"nej" for people, `true`/`false` for scripts.
    pub fn yes_no(value: bool, lang: Lang) -> TableCell {
        if value {
            TableCell::coded("true", lang.pick("ja", "yes"))
        } else {
            TableCell::coded("false", lang.pick("nej", "no"))
        }
    }

    /// As [`TableCell::yes_no`], empty when not known.
    pub fn opt_yes_no(value: Option<bool>, lang: Lang) -> TableCell {
        value.map_or(TableCell::Empty, |v| TableCell::yes_no(v, lang))
    }

    /// The label of a total row (code `total`).
    pub fn total(text: &str) -> TableCell {
        TableCell::coded("total", text)
    }
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
    /// Stable machine name, the `table` column of CSV ("by_kommune").
    pub key: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<TableCell>>,
    pub total: Option<Vec<TableCell>>,
    pub notes: Vec<String>,
    /// Said instead of the table when it has no rows ("Ingen nye tilbud.").
    pub empty: String,
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

    /// Sets the machine name.
    pub fn keyed(mut self, key: &str) -> Table {
        self.key = key.to_string();
        self
    }

    /// Sets what is said when there are no rows.
    pub fn when_empty(mut self, text: &str) -> Table {
        self.empty = text.to_string();
        self
    }

    pub fn push(&mut self, row: Vec<TableCell>) {
        self.rows.push(row);
    }

    /// What is said for a table without rows.
    pub fn empty_text(&self, lang: Lang) -> String {
        if self.empty.is_empty() {
            lang.pick("Ingen rækker.", "No rows.").to_string()
        } else {
            self.empty.clone()
        }
    }

    /// The decimals a column is shown with: a Number column's decimals, or
    /// none when all its values are whole; two for kroner and percent.
    pub fn decimals(&self, c: usize) -> u32 {
        match self.columns.get(c).map(|col| col.kind) {
            Some(Kind::Number(d)) => {
                let whole = self
                    .rows
                    .iter()
                    .chain(self.total.iter())
                    .filter_map(|r| r.get(c))
                    .all(|cell| match cell {
                        TableCell::Number(n) => n.fract().is_zero(),
                        _ => true,
                    });
                if whole {
                    0
                } else {
                    d
                }
            }
            Some(Kind::Kr | Kind::Pct) => 2,
            _ => 0,
        }
    }

    /// Every cell of column `c` as people read it, body then total.
    pub(crate) fn shown_column(&self, c: usize, lang: Lang) -> impl Iterator<Item = String> + '_ {
        let kind = self.columns.get(c).map_or(Kind::Text, |col| col.kind);
        let decimals = self.decimals(c);
        self.rows.iter().chain(self.total.iter()).map(move |r| {
            r.get(c)
                .map_or_else(String::new, |cell| show(cell, kind, decimals, lang))
        })
    }
}

/// A cell as people read it, with the column's decimals.
pub fn show(cell: &TableCell, kind: Kind, decimals: u32, lang: Lang) -> String {
    match cell {
        TableCell::Empty => String::new(),
        TableCell::Text(t) => t.clone(),
        TableCell::Coded { text, .. } => text.clone(),
        TableCell::Number(n) => match kind {
            Kind::Text => numfmt::plain(*n, 2, lang),
            Kind::Integer => numfmt::number(*n, 0, lang),
            Kind::Number(_) => numfmt::number(*n, decimals, lang),
            Kind::Kr => numfmt::kr(*n, lang),
            Kind::Pct => numfmt::pct(*n, lang),
        },
    }
}

/// A cell as people read it (a Number column with its full decimals).
pub fn display(cell: &TableCell, kind: Kind, lang: Lang) -> String {
    let decimals = match kind {
        Kind::Number(d) => d,
        _ => 2,
    };
    show(cell, kind, decimals, lang)
}

pub(crate) fn right_aligned(kind: Kind) -> bool {
    kind != Kind::Text
}

/// Display columns of a text (every character we print is one column wide).
pub(crate) fn width(text: &str) -> usize {
    text.chars().count()
}

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// GitHub-flavoured Markdown tables; an empty table is a sentence instead.
pub fn write_md(tables: &[Table], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    write_md_within(tables, lang, None, out)
}

/// Markdown fitted to a width (a terminal's): a table whose rows would be
/// wider is written as a list, one item per row, its cells below it and
/// wrapped, since a Markdown table row cannot wrap.
pub fn write_md_within(
    tables: &[Table],
    lang: Lang,
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "### {}\n", md_escape(&table.title))?;
        if table.rows.is_empty() {
            writeln!(out, "{}", md_escape(&table.empty_text(lang)))?;
        } else if let Some(limit) = width.filter(|w| md_row_width(table, lang) > *w) {
            md_list(table, lang, limit, out)?;
        } else {
            let labels: Vec<String> = table.columns.iter().map(|c| md_escape(&c.label)).collect();
            writeln!(out, "| {} |", labels.join(" | "))?;
            let aligns: Vec<&str> = table
                .columns
                .iter()
                .map(|c| if right_aligned(c.kind) { "---:" } else { "---" })
                .collect();
            writeln!(out, "|{}|", aligns.join("|"))?;
            let columns: Vec<Vec<String>> = (0..table.columns.len())
                .map(|c| table.shown_column(c, lang).map(|s| md_escape(&s)).collect())
                .collect();
            let row_text = |r: usize, bold: bool| -> String {
                let cells: Vec<String> = columns
                    .iter()
                    .map(|col| {
                        let text = col.get(r).cloned().unwrap_or_default();
                        if bold && !text.is_empty() {
                            format!("**{text}**")
                        } else {
                            text
                        }
                    })
                    .collect();
                format!("| {} |", cells.join(" | "))
            };
            for r in 0..table.rows.len() {
                writeln!(out, "{}", row_text(r, false))?;
            }
            if table.total.is_some() {
                writeln!(out, "{}", row_text(table.rows.len(), true))?;
            }
        }
        if !table.notes.is_empty() {
            writeln!(out)?;
            for note in &table.notes {
                let note = md_escape(note);
                match width {
                    Some(w) => {
                        let lines = super::terminal::wrap(&note, w.saturating_sub(2).max(10));
                        for (n, line) in lines.iter().enumerate() {
                            writeln!(out, "{}{line}", if n == 0 { "- " } else { "  " })?;
                        }
                    }
                    None => writeln!(out, "- {note}")?,
                }
            }
        }
    }
    Ok(())
}

/// A cell for scripts: codes instead of labels, numbers with a decimal
/// point and no grouping, percent in percent.
fn machine_cell(cell: Option<&TableCell>, kind: Kind) -> String {
    match cell {
        // Text a spreadsheet would run (=, +, -, @) is quoted.
        Some(TableCell::Text(t)) => crate::output::csv_cell(t).into_owned(),
        Some(TableCell::Coded { code, .. }) => crate::output::csv_cell(code).into_owned(),
        Some(TableCell::Number(n)) => match kind {
            Kind::Kr => n.round_dp(2).normalize().to_string(),
            Kind::Pct => n.round_dp(4).normalize().to_string(),
            _ => n.normalize().to_string(),
        },
        _ => String::new(),
    }
}

/// Every table of a result as one CSV for scripts, the same in every
/// language: a `table` column naming the table (its key), a `total` column
/// (`true` on a total row), then the union of the tables' column keys in the
/// order they first appear; a row fills its own table's columns.
pub fn write_csv(tables: &[Table], out: &mut dyn Write) -> io::Result<()> {
    let mut keys: Vec<&str> = Vec::new();
    for t in tables {
        for c in &t.columns {
            if !keys.contains(&c.key.as_str()) {
                keys.push(&c.key);
            }
        }
    }
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["table", "total"];
    header.extend(keys.iter().copied());
    w.write_record(&header)?;
    for (i, t) in tables.iter().enumerate() {
        let name = if t.key.is_empty() {
            format!("table{}", i + 1)
        } else {
            t.key.clone()
        };
        let rows = t
            .rows
            .iter()
            .map(|r| (r, false))
            .chain(t.total.iter().map(|r| (r, true)));
        for (row, total) in rows {
            let mut record = vec![name.clone(), total.to_string()];
            for key in &keys {
                let cell = t
                    .columns
                    .iter()
                    .position(|c| c.key == *key)
                    .map(|c| {
                        let kind = t.columns.get(c).map_or(Kind::Text, |col| col.kind);
                        machine_cell(row.get(c), kind)
                    })
                    .unwrap_or_default();
                record.push(cell);
            }
            w.write_record(&record)?;
        }
    }
    w.flush()
}

/// The widest line of a table written as a Markdown table.
fn md_row_width(table: &Table, lang: Lang) -> usize {
    let columns: Vec<Vec<String>> = (0..table.columns.len())
        .map(|c| table.shown_column(c, lang).map(|s| md_escape(&s)).collect())
        .collect();
    let rows = table.rows.len() + usize::from(table.total.is_some());
    (0..rows)
        .map(|r| {
            columns
                .iter()
                .map(|col| width(col.get(r).map_or("", String::as_str)) + 3)
                .sum::<usize>()
                + 1
        })
        .chain(std::iter::once(
            table
                .columns
                .iter()
                .map(|c| width(&c.label) + 3)
                .sum::<usize>()
                + 1,
        ))
        .max()
        .unwrap_or(0)
}

/// A table as a Markdown list: "- first cell", then "  - **Label**: …".
fn md_list(table: &Table, lang: Lang, limit: usize, out: &mut dyn Write) -> io::Result<()> {
    let columns: Vec<Vec<String>> = (0..table.columns.len())
        .map(|c| table.shown_column(c, lang).map(|s| md_escape(&s)).collect())
        .collect();
    let rows = table.rows.len() + usize::from(table.total.is_some());
    let put = |out: &mut dyn Write, first: &str, rest: &str, text: &str| -> io::Result<()> {
        let room = limit.saturating_sub(width(rest)).max(10);
        for (n, line) in super::terminal::wrap(text, room).iter().enumerate() {
            writeln!(out, "{}{line}", if n == 0 { first } else { rest })?;
        }
        Ok(())
    };
    for r in 0..rows {
        let cell = |c: usize| {
            columns
                .get(c)
                .and_then(|col| col.get(r))
                .cloned()
                .unwrap_or_default()
        };
        put(out, "- ", "  ", &cell(0))?;
        for (c, column) in table.columns.iter().enumerate().skip(1) {
            let text = cell(c);
            if text.is_empty() {
                continue;
            }
            put(
                out,
                "  - ",
                "    ",
                &format!("**{}**: {text}", md_escape(&column.label)),
            )?;
        }
    }
    Ok(())
}

/// One table as CSV for a person's spreadsheet (Danish Excel opens it in
/// columns): UTF-8 with a BOM, `;` between fields, the labels people read
/// as headers, decimal comma without grouping, no units.
pub fn write_csv_for_person(table: &Table, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    w.write_record(table.columns.iter().map(|c| c.label.as_str()))?;
    for row in table.rows.iter().chain(table.total.iter()) {
        let cells: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| match row.get(c) {
                Some(TableCell::Number(n)) => {
                    let decimals = match col.kind {
                        Kind::Integer => 0,
                        _ => table
                            .decimals(c)
                            .max(if col.kind == Kind::Pct { 2 } else { 0 }),
                    };
                    let text = format!("{:.*}", decimals as usize, n.round_dp(decimals));
                    match lang {
                        Lang::Da => text.replace('.', ","),
                        Lang::En => text,
                    }
                }
                // Text a spreadsheet would run (=, +, -, @) is quoted.
                Some(cell) => crate::output::csv_cell(&show(cell, col.kind, 0, lang)).into_owned(),
                None => String::new(),
            })
            .collect();
        w.write_record(&cells)?;
    }
    w.flush()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::style::Style;
    use std::str::FromStr;

    /// A small table of every kind of column, shared by the writers' tests.
    pub(crate) fn sample() -> Table {
        let mut t = Table::new(
            "Takst",
            "Takstændringer",
            vec![
                Column::new("kommune", "Kommune", Kind::Text),
                Column::new("offers", "Tilbud", Kind::Integer),
                Column::new("takst", "Takst", Kind::Kr),
                Column::new("change_pct", "Ændring", Kind::Pct),
            ],
        )
        .keyed("takst");
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
            TableCell::total("I alt"),
            13usize.into(),
            TableCell::Empty,
            Decimal::from_str("-1.1").unwrap().into(),
        ]);
        t.notes.push("Note.".into());
        t
    }

    #[test]
    fn an_empty_table_is_a_sentence() {
        let t = Table::new("T", "Forsvundne", vec![Column::new("a", "A", Kind::Text)])
            .when_empty("Ingen forsvundne tilbud.");
        let mut out = Vec::new();
        write_text(std::slice::from_ref(&t), Lang::Da, Style::plain(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Forsvundne\nIngen forsvundne tilbud.\n"
        );
        let mut md = Vec::new();
        write_md(&[t], Lang::Da, &mut md).unwrap();
        assert_eq!(
            String::from_utf8(md).unwrap(),
            "### Forsvundne\n\nIngen forsvundne tilbud.\n"
        );
    }

    #[test]
    fn number_columns_show_decimals_only_when_a_value_has_them() {
        let mut t = Table::new("T", "T", vec![Column::new("p", "Pladser", Kind::Number(2))]);
        t.push(vec![Decimal::from(24).into()]);
        t.push(vec![Decimal::from(12).into()]);
        assert_eq!(t.decimals(0), 0);
        t.push(vec![Decimal::from_str("36.8").unwrap().into()]);
        assert_eq!(t.decimals(0), 2);
        let shown: Vec<String> = t.shown_column(0, Lang::Da).collect();
        assert_eq!(shown, vec!["24,00", "12,00", "36,80"]);
    }

    #[test]
    fn csv_carries_every_table_with_codes_and_plain_numbers() {
        let mut other = Table::new(
            "B",
            "B",
            vec![
                Column::new("kommune", "Kommune", Kind::Text),
                Column::new("pass", "Overholdt", Kind::Text),
            ],
        )
        .keyed("checks");
        other.push(vec!["Aalborg".into(), TableCell::yes_no(true, Lang::Da)]);
        let mut out = Vec::new();
        write_csv(&[sample(), other], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "table,total,kommune,offers,takst,change_pct,pass\n\
takst,false,Aalborg,12,2310.5,-1.25,\n\
takst,false,Læsø,1,,,\n\
takst,true,total,13,,-1.1,\n\
checks,false,Aalborg,,,,true\n"
        );
    }

    #[test]
    fn csv_for_a_person_opens_in_danish_excel() {
        let mut out = Vec::new();
        write_csv_for_person(&sample(), Lang::Da, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}Kommune;Tilbud;Takst;Ændring\nAalborg;12;2310,50;-1,25\nLæsø;1;;\nI alt;13;;-1,10\n"
        );
    }

    #[test]
    fn markdown_right_aligns_and_bolds_totals() {
        let mut out = Vec::new();
        write_md(&[sample()], Lang::Da, &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(md.contains("| Kommune | Tilbud | Takst | Ændring |\n|---|---:|---:|---:|\n"));
        assert!(md.contains("| Aalborg | 12 | 2.310,50 kr. | −1,25 % |"));
        assert!(md.contains("| **I alt** | **13** |  | **−1,10 %** |"));
    }
}
