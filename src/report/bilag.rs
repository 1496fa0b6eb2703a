//! The annex workbook for a DAS meeting: a front sheet with the sources and
//! the contents, the validation status of every file, and the year's
//! analyses, small related tables sharing a page, with a chart where a chart
//! says more than a table. Every sheet prints on A4 with the annex's title,
//! date and page numbers in the footer.

use super::table::{self, Table, TableCell};
use super::xlsx::{self, Print, SheetFormats};
use crate::lang::Lang;
use crate::messages::bilag_front as messages;
use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::collections::HashSet;

pub use super::xlsx::ChartKind;

/// One section of the annex: a heading and its tables.
pub struct Section {
    pub heading: String,
    pub tables: Vec<Table>,
    pub chart: Option<ChartKind>,
}

/// A row of the front sheet's list of sources.
pub struct Source {
    pub kind: String,
    pub files: usize,
    pub rows: u64,
    /// Rows left out of the figures (errors, keys already in another file).
    pub left_out: usize,
    pub errors: u64,
    pub warnings: u64,
}

pub struct Annex {
    /// Rows left out of the figures, all sources together.
    pub left_out: usize,
    /// Sections that could not be made, each a line DAS reads.
    pub failures: Vec<String>,
    pub title: String,
    pub year: Option<i32>,
    pub made: NaiveDate,
    pub made_from: String,
    pub sources: Vec<Source>,
    pub sections: Vec<Section>,
}

/// A line of the contents: a table's title and where it is.
struct Entry {
    title: String,
    sheet: String,
    row: u32,
}

fn front_sheet(
    ws: &mut Worksheet,
    annex: &Annex,
    contents: &[Entry],
    lang: Lang,
) -> Result<(), XlsxError> {
    let base = Format::new().set_font_size(10).set_align(FormatAlign::Top);
    let title = Format::new().set_bold().set_font_size(16);
    let bold = base.clone().set_bold();
    let header = bold
        .clone()
        .set_background_color(rust_xlsxwriter::Color::RGB(0x00DD_EBF7))
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let header_right = header.clone().set_align(FormatAlign::Right);
    let int = base
        .clone()
        .set_num_format("#,##0_)")
        .set_align(FormatAlign::Right);
    let wrap = base.clone().set_text_wrap();
    let dark_red = rust_xlsxwriter::Color::RGB(0x00C0_0000);
    let red = bold.clone().set_font_color(dark_red).set_text_wrap();
    let red_int = int.clone().set_bold().set_font_color(dark_red);
    let link = Format::new()
        .set_font_size(10)
        .set_font_color(rust_xlsxwriter::Color::RGB(0x0005_63C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single)
        .set_align(FormatAlign::Top);
    ws.write_string_with_format(0, 0, &annex.title, &title)?;
    ws.set_row_height(0, 22.0)?;
    let mut r = 2;
    if let Some(year) = annex.year {
        ws.write_string_with_format(r, 0, lang.pick("År", "Year"), &bold)?;
        ws.write_string_with_format(r, 1, year.to_string(), &base)?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, lang.pick("Udarbejdet", "Made"), &bold)?;
    ws.write_string_with_format(r, 1, annex.made.format("%d-%m-%Y").to_string(), &base)?;
    r += 1;
    ws.write_string_with_format(r, 0, lang.pick("Lavet med", "Made with"), &bold)?;
    ws.write_string_with_format(r, 1, &annex.made_from, &base)?;
    r += 2;
    ws.write_string_with_format(r, 0, lang.pick("Kilder", "Sources"), &bold)?;
    r += 1;
    let labels = [
        lang.pick("Indberetninger", "Submissions"),
        lang.pick("Filer", "Files"),
        lang.pick("Rækker", "Rows"),
        lang.pick("Fejl", "Errors"),
        lang.pick("Advarsler", "Warnings"),
        lang.pick("Udeladt", "Left out"),
    ];
    for (c, label) in labels.iter().enumerate() {
        let f = if c == 0 { &header } else { &header_right };
        ws.write_string_with_format(r, c as u16, *label, f)?;
    }
    r += 1;
    if annex.sources.is_empty() {
        ws.write_string_with_format(
            r,
            0,
            lang.pick("Ingen indberetninger læst.", "No submissions read."),
            &base.clone().set_italic(),
        )?;
        r += 1;
    }
    for s in &annex.sources {
        ws.write_string_with_format(r, 0, &s.kind, &base)?;
        ws.write_number_with_format(r, 1, s.files as f64, &int)?;
        ws.write_number_with_format(r, 2, s.rows as f64, &int)?;
        ws.write_number_with_format(r, 3, s.errors as f64, &int)?;
        ws.write_number_with_format(r, 4, s.warnings as f64, &int)?;
        let fmt = if s.left_out > 0 { &red_int } else { &int };
        ws.write_number_with_format(r, 5, s.left_out as f64, fmt)?;
        r += 1;
    }
    r += 1;
    // What is not in the figures, where DAS sees it first.
    let (left_text, fmt) = if annex.left_out > 0 {
        (messages::rows_left_out(annex.left_out, lang), &red)
    } else {
        (messages::no_rows_left_out(lang), &bold)
    };
    ws.write_string_with_format(r, 0, lang.pick("Udeladte rækker", "Rows left out"), &bold)?;
    ws.write_number_with_format(
        r,
        1,
        annex.left_out as f64,
        if annex.left_out > 0 { &red_int } else { &int },
    )?;
    r += 1;
    // The sentences span the table's width and wrap.
    ws.merge_range(r, 0, r, 5, &left_text, fmt)?;
    ws.set_row_height(r, 13.0 * table::wrap(&left_text, 120).len() as f64 + 2.0)?;
    r += 1;
    for failure in &annex.failures {
        ws.merge_range(r, 0, r, 5, failure, &red)?;
        ws.set_row_height(r, 13.0 * table::wrap(failure, 120).len() as f64 + 2.0)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, lang.pick("Indhold", "Contents"), &bold)?;
    r += 1;
    ws.write_string_with_format(r, 0, lang.pick("Tabel", "Table"), &header)?;
    ws.merge_range(r, 1, r, 4, lang.pick("Ark", "Sheet"), &header)?;
    r += 1;
    // The title in A (wrapped), a link to the table's sheet and row in B–E.
    for e in contents {
        ws.write_string_with_format(r, 0, &e.title, &wrap)?;
        let target = format!("internal:'{}'!A{}", e.sheet.replace('\'', "''"), e.row + 1);
        let url = rust_xlsxwriter::Url::new(target).set_text(&e.sheet);
        ws.merge_range(r, 1, r, 4, "", &link)?;
        ws.write_url_with_format(r, 1, url, &link)?;
        let lines = table::wrap(&e.title, 85).len();
        if lines > 1 {
            ws.set_row_height(r, 13.0 * lines as f64 + 2.0)?;
        }
        r += 1;
    }
    ws.set_column_width(0, 58)?;
    for c in 1..6 {
        ws.set_column_width(c, 13)?;
    }
    Ok(())
}

/// The workbook. Reproducible: the same inputs and date give the same bytes.
pub fn workbook(annex: &Annex, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    use chrono::Datelike;
    let made = rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(annex.made.year()).unwrap_or(2000),
        u8::try_from(annex.made.month()).unwrap_or(1),
        u8::try_from(annex.made.day()).unwrap_or(1),
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&annex.title)
            .set_author("ramme")
            .set_creation_datetime(&made)
            .set_custom_property(
                crate::input::marks::MARK,
                crate::input::marks::property_value("bilag").as_str(),
            ),
    );
    let front = lang.pick("Forside", "Front");
    let mut used: HashSet<String> = HashSet::new();
    used.insert(front.to_lowercase());
    let print = Print {
        title: annex.title.clone(),
        made: annex.made,
    };
    // The front sheet comes first but is filled in last, when every
    // table's sheet and row are known.
    workbook.add_worksheet().set_name(front)?;
    let formats = SheetFormats::new();
    let mut contents = Vec::new();
    for section in &annex.sections {
        let plans = xlsx::plan_sheets(section.tables.clone(), section.chart, &mut used, lang);
        for plan in &plans {
            let rows = xlsx::write_plan(&mut workbook, plan, &formats, &print, lang)?;
            for (t, row) in plan.tables.iter().zip(rows) {
                contents.push(Entry {
                    title: t.title.clone(),
                    sheet: plan.name.clone(),
                    row,
                });
            }
        }
    }
    let ws = workbook.worksheet_from_index(0)?;
    front_sheet(ws, annex, &contents, lang)?;
    xlsx::set_print(ws, &print, contents.len() < 30, lang);
    Ok(workbook)
}

/// The same tables as Markdown for the agenda text.
pub fn markdown(annex: &Annex, lang: Lang, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(out, "# {}\n", annex.title)?;
    if let Some(year) = annex.year {
        writeln!(out, "{}: {year}  ", lang.pick("År", "Year"))?;
    }
    writeln!(
        out,
        "{}: {}\n",
        lang.pick("Udarbejdet", "Made"),
        annex.made.format("%d-%m-%Y")
    )?;
    let mut sources = Table::new(
        lang.pick("Kilder", "Sources"),
        lang.pick("Kilder", "Sources"),
        vec![
            table::Column::new(
                "kind",
                lang.pick("Indberetninger", "Submissions"),
                table::Kind::Text,
            ),
            table::Column::new("files", lang.pick("Filer", "Files"), table::Kind::Integer),
            table::Column::new("rows", lang.pick("Rækker", "Rows"), table::Kind::Integer),
            table::Column::new("errors", lang.pick("Fejl", "Errors"), table::Kind::Integer),
            table::Column::new(
                "warnings",
                lang.pick("Advarsler", "Warnings"),
                table::Kind::Integer,
            ),
            table::Column::new(
                "left_out",
                lang.pick("Udeladte rækker", "Rows left out"),
                table::Kind::Integer,
            ),
        ],
    )
    .when_empty(lang.pick("Ingen indberetninger læst.", "No submissions read."));
    for s in &annex.sources {
        sources.push(vec![
            s.kind.clone().into(),
            s.files.into(),
            TableCell::Number(s.rows.into()),
            TableCell::Number(s.errors.into()),
            TableCell::Number(s.warnings.into()),
            s.left_out.into(),
        ]);
    }
    sources
        .notes
        .push(messages::rows_left_out_total(annex.left_out, lang));
    sources.notes.extend(annex.failures.iter().cloned());
    table::write_md(&[sources], lang, out)?;
    for section in &annex.sections {
        writeln!(out, "\n## {}\n", section.heading)?;
        table::write_md(&section.tables, lang, out)?;
    }
    Ok(())
}
