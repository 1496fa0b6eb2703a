//! The annex workbook for a DAS meeting: a front sheet, the validation
//! status of every file, and the year's analyses, one sheet per table,
//! with a chart where a chart says more than a table.

use super::table::{self, Placed, SheetFormats, Table, TableCell};
use crate::lang::Lang;
use chrono::NaiveDate;
use rust_xlsxwriter::{Chart, ChartType, DocProperties, Format, Workbook, XlsxError};
use std::collections::HashSet;

/// Which chart a section's first table gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Tariff change and the allowed change per driftsherre (the takst summary).
    TakstByKommune,
    /// Achieved effects against targets (the udgift summary).
    UdgiftEffects,
}

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

fn unique_name(used: &mut HashSet<String>, wanted: &str) -> String {
    let mut name = table::sheet_name(wanted);
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = table::sheet_name(&format!(
            "{} {n}",
            wanted.chars().take(27).collect::<String>()
        ));
        n += 1;
    }
    name
}

fn add_chart(
    workbook: &mut Workbook,
    sheet: &str,
    placed: Placed,
    kind: ChartKind,
    lang: Lang,
) -> Result<(), XlsxError> {
    let ws = workbook.worksheet_from_name(sheet)?;
    let (first, last) = (placed.first_row, placed.last_row);
    let mut chart = Chart::new(ChartType::Column);
    match kind {
        ChartKind::TakstByKommune => {
            chart
                .add_series()
                .set_name(lang.pick("Ændring", "Change"))
                .set_categories((sheet, first, 0, last, 0))
                .set_values((sheet, first, 2, last, 2));
            chart
                .add_series()
                .set_name(lang.pick("Tilladt", "Allowed"))
                .set_categories((sheet, first, 0, last, 0))
                .set_values((sheet, first, 4, last, 4));
            chart
                .title()
                .set_name(lang.pick("Takstændring pr. driftsherre", "Tariff change by operator"));
        }
        ChartKind::UdgiftEffects => {
            // The summary's rows 3–5: total change, takst effect, visitation effect.
            let (a, b) = (first + 2, first + 4);
            chart
                .add_series()
                .set_name(lang.pick("Opnået", "Achieved"))
                .set_categories((sheet, a, 0, b, 0))
                .set_values((sheet, a, 2, b, 2));
            chart
                .add_series()
                .set_name(lang.pick("Mål", "Target"))
                .set_categories((sheet, a, 0, b, 0))
                .set_values((sheet, a, 3, b, 3));
            chart.title().set_name(lang.pick(
                "Udgiftsudvikling mod målene",
                "Expenditure against the targets",
            ));
        }
    }
    chart.y_axis().set_num_format("0.0%");
    // Category names below the plot, not on the zero line over negative bars.
    chart
        .x_axis()
        .set_label_position(rust_xlsxwriter::ChartAxisLabelPosition::Low);
    chart.set_width(640).set_height(320);
    // Below the table and its notes, inside the printed area.
    let at = placed.end_row + 2;
    ws.insert_chart(at, 0, &chart)?;
    ws.set_print_area(0, 0, at + 18, 9)?;
    Ok(())
}

fn front_sheet(
    workbook: &mut Workbook,
    annex: &Annex,
    contents: &[(String, String)],
    lang: Lang,
) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(16);
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0x00DD_EBF7));
    let int = Format::new().set_num_format("#,##0");
    let dark_red = rust_xlsxwriter::Color::RGB(0x00C0_0000);
    let red = Format::new().set_bold().set_font_color(dark_red);
    let red_int = Format::new()
        .set_num_format("#,##0")
        .set_bold()
        .set_font_color(dark_red);
    let ws = workbook.add_worksheet();
    ws.set_name(lang.pick("Forside", "Front"))?;
    ws.write_string_with_format(0, 0, &annex.title, &title)?;
    let mut r = 2;
    if let Some(year) = annex.year {
        ws.write_string_with_format(r, 0, lang.pick("År", "Year"), &bold)?;
        ws.write_string(r, 1, year.to_string())?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, lang.pick("Udarbejdet", "Made"), &bold)?;
    ws.write_string(r, 1, annex.made.format("%d-%m-%Y").to_string())?;
    r += 1;
    ws.write_string_with_format(r, 0, lang.pick("Udarbejdet af", "Made by"), &bold)?;
    ws.write_string(r, 1, &annex.made_from)?;
    r += 2;
    ws.write_string_with_format(r, 0, lang.pick("Kilder", "Sources"), &bold)?;
    r += 1;
    for (c, label) in [
        lang.pick("Indberetninger", "Submissions"),
        lang.pick("Filer", "Files"),
        lang.pick("Rækker", "Rows"),
        lang.pick("Fejl", "Errors"),
        lang.pick("Advarsler", "Warnings"),
        lang.pick("Udeladte rækker", "Rows left out"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *label, &header)?;
    }
    r += 1;
    for s in &annex.sources {
        ws.write_string(r, 0, &s.kind)?;
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
        (
            lang.pick(
                format!(
                    "{} rækker er udeladt af tallene på grund af fejl; arket Validering viser hver række og hvorfor.",
                    crate::numfmt::number(annex.left_out.into(), 0, lang)
                ),
                format!(
                    "{} rows are left out of the figures because of errors; the sheet Validering lists each row and why.",
                    crate::numfmt::number(annex.left_out.into(), 0, Lang::En)
                ),
            ),
            &red,
        )
    } else {
        (
            lang.pick(
                "Ingen rækker er udeladt af tallene.".to_string(),
                "No rows are left out of the figures.".to_string(),
            ),
            &bold,
        )
    };
    ws.write_string_with_format(r, 0, lang.pick("Udeladte rækker", "Rows left out"), &bold)?;
    ws.write_number_with_format(
        r,
        1,
        annex.left_out as f64,
        if annex.left_out > 0 { &red_int } else { &int },
    )?;
    r += 1;
    ws.write_string_with_format(r, 0, &left_text, fmt)?;
    r += 1;
    for failure in &annex.failures {
        ws.write_string_with_format(r, 0, failure, &red)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, lang.pick("Indhold", "Contents"), &bold)?;
    r += 1;
    for (sheet, title) in contents {
        let link = rust_xlsxwriter::Url::new(format!("internal:'{sheet}'!A1")).set_text(sheet);
        ws.write_url(r, 0, link)?;
        ws.write_string(r, 1, title)?;
        r += 1;
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 60)?;
    for c in 2..6 {
        ws.set_column_width(c, 12)?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
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
    let mut used: HashSet<String> = HashSet::new();
    used.insert(lang.pick("Forside", "Front").to_lowercase());
    // Sheet names first, so the front sheet can list them.
    let mut planned: Vec<(String, &Table, Option<ChartKind>)> = Vec::new();
    for section in &annex.sections {
        for (i, t) in section.tables.iter().enumerate() {
            let name = unique_name(&mut used, &t.name);
            planned.push((name, t, if i == 0 { section.chart } else { None }));
        }
    }
    let contents: Vec<(String, String)> = planned
        .iter()
        .map(|(n, t, _)| (n.clone(), t.title.clone()))
        .collect();
    front_sheet(&mut workbook, annex, &contents, lang)?;
    let formats = SheetFormats::new();
    for (name, t, chart) in planned {
        let mut t = t.clone();
        t.name = name.clone();
        let placed = table::add_sheet(&mut workbook, &t, &formats)?;
        if let Some(kind) = chart {
            if !t.rows.is_empty() {
                add_chart(&mut workbook, &name, placed, kind, lang)?;
            }
        }
    }
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
    );
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
    sources.notes.push(lang.pick(
        format!(
            "Udeladte rækker i alt: {}.",
            crate::numfmt::number(annex.left_out.into(), 0, lang)
        ),
        format!(
            "Rows left out in all: {}.",
            crate::numfmt::number(annex.left_out.into(), 0, lang)
        ),
    ));
    sources.notes.extend(annex.failures.iter().cloned());
    table::write_md(&[sources], lang, out)?;
    for section in &annex.sections {
        writeln!(out, "\n## {}\n", section.heading)?;
        table::write_md(&section.tables, lang, out)?;
    }
    Ok(())
}
