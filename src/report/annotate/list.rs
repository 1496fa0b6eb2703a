//! The first sheet of an annotated workbook, "Rettelser": who sent the
//! file, the counts, how to read the marks, and one row per finding with
//! its cell as a link into the copy and what was expected.

use super::{grid, letter, print_setup, Annotation};
use crate::finding::{Code, Finding, Severity};
use crate::lang::Lang;
use crate::messages::annotate as messages;
use rust_xlsxwriter::{Color, Format, FormatAlign, Url, Worksheet, XlsxError};

/// What the cell should have held, in words: the message's own "forventede
/// …" when it has one, else what the finding's kind asks for.
pub fn expected(finding: &Finding, lang: Lang) -> String {
    for marker in ["; forventede ", "; expected "] {
        if let Some((_, tail)) = finding.message.split_once(marker) {
            return tail.trim_end_matches('.').to_string();
        }
    }
    let text = match finding.code {
        Code::MissingValue => lang.pick("en udfyldt celle", "a filled-in cell"),
        Code::MissingColumn => lang.pick(
            "kolonnen i overskriftsrækken",
            "the column in the header row",
        ),
        Code::DuplicateColumn => lang.pick("kolonnen kun én gang", "the column only once"),
        Code::UnknownColumn => lang.pick(
            "kun skemaets kolonner (eller fjern kolonnen)",
            "only the schema's columns (or remove the column)",
        ),
        Code::UniqueError => lang.pick(
            "en række, der ikke gentager en tidligere",
            "a row that does not repeat an earlier one",
        ),
        Code::CprDetected => lang.pick(
            "en pseudonym personkode (ramme pseudonym), aldrig et CPR-nummer",
            "a pseudonymous person code (ramme pseudonym), never a CPR number",
        ),
        Code::SchemaUnknown => lang.pick(
            "en overskriftsrække som i skabelonen (ramme skabelon)",
            "a header row as in the template (ramme skabelon)",
        ),
        Code::FileError => lang.pick(
            "en fil, der kan åbnes (xlsx eller CSV)",
            "a file that opens (xlsx or CSV)",
        ),
        _ => "",
    };
    text.to_string()
}

/// Where a finding is, in words: "G4", "række 14", "ark", "fil".
pub fn place(finding: &Finding, lang: Lang) -> String {
    let loc = &finding.location;
    match (loc.cell_ref(), loc.row) {
        (Some(cell), _) => cell,
        (None, Some(row)) => crate::messages::validation::row_place(row, lang),
        (None, None) if loc.sheet.is_some() => lang.pick("ark", "sheet").to_string(),
        (None, None) => lang.pick("fil", "file").to_string(),
    }
}

/// Widths in characters of the message and expected columns.
const MESSAGE_WIDTH: usize = 70;
const EXPECTED_WIDTH: usize = 40;

pub(super) fn write_findings_sheet(
    ws: &mut Worksheet,
    a: &Annotation<'_>,
    names: &[String],
) -> Result<(), XlsxError> {
    let lang = a.lang;
    let title = Format::new().set_bold().set_font_size(13);
    let intro = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let header = crate::report::findings_xlsx::header_format();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let plain = Format::new().set_align(FormatAlign::Top);
    let centred = plain.clone().set_align(FormatAlign::Center);
    let link = plain
        .clone()
        .set_font_color(Color::RGB(0x0005_63C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
    let red = plain
        .clone()
        .set_font_color(Color::RGB(0x009C_0006))
        .set_bold();
    let yellow = plain
        .clone()
        .set_font_color(Color::RGB(0x009C_5700))
        .set_bold();

    let file = a.file_name();
    ws.write_string_with_format(0, 0, messages::corrections_to(&file, lang), &title)?;
    let mut lines = vec![letter::counts_sentence(a), messages::marks_explained(lang)];
    if a.grid.truncated {
        lines.push(messages::copy_truncated(
            &crate::numfmt::number(grid::MAX_ROWS.into(), 0, lang),
            lang,
        ));
    }
    if a.report.omitted > 0 {
        lines.push(messages::list_truncated(
            a.report.findings.len(),
            a.report.omitted,
            lang,
        ));
    }
    let mut r = 1u32;
    for line in &lines {
        ws.merge_range(r, 0, r, 7, line, &intro)?;
        let rows = line.chars().count().div_ceil(150).max(1);
        ws.set_row_height(r, 15.0 * rows as f64)?;
        r += 1;
    }
    r += 1;
    let headers = [
        lang.pick("Celle", "Cell"),
        lang.pick("Ark", "Sheet"),
        lang.pick("Række", "Row"),
        lang.pick("Kolonne", "Column"),
        lang.pick("Alvor", "Severity"),
        lang.pick("Kode", "Code"),
        lang.pick("Besked", "Message"),
        lang.pick("Forventet", "Expected"),
    ];
    let header_row = r;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &header)?;
    }
    r += 1;
    for f in &a.report.findings {
        let cell = place(f, lang);
        let copied = a.sheet_index(f).and_then(|s| names.get(s));
        let target = match (copied, f.location.row, f.location.col) {
            (Some(name), Some(row), Some(col)) => {
                Some(format!("{}{row}", crate::finding::column_letters(col))).map(|c| (name, c))
            }
            (Some(name), Some(row), None) => Some((name, format!("A{row}"))),
            _ => None,
        };
        match target {
            Some((name, at)) => {
                let url = Url::new(format!(
                    "internal:{}!{at}",
                    crate::report::findings_xlsx::quote_sheet(name)
                ))
                .set_text(&cell);
                ws.write_url_with_format(r, 0, url, &link)?;
            }
            None => {
                ws.write_string_with_format(r, 0, &cell, &plain)?;
            }
        }
        let shown_sheet = copied
            .cloned()
            .or_else(|| f.location.sheet.as_deref().map(str::to_string))
            .unwrap_or_default();
        ws.write_string_with_format(r, 1, &shown_sheet, &plain)?;
        if let Some(row) = f.location.row {
            ws.write_number_with_format(r, 2, f64::from(row), &centred)?;
        }
        ws.write_string_with_format(r, 3, f.column.as_deref().unwrap_or(""), &plain)?;
        let severity = crate::report::findings_xlsx::severity_label(f.severity, lang);
        let sev_format = match f.severity {
            Severity::Error => &red,
            Severity::Warning => &yellow,
            Severity::Info => &plain,
        };
        ws.write_string_with_format(r, 4, severity, sev_format)?;
        ws.write_string_with_format(r, 5, f.code.as_str(), &plain)?;
        let expected = expected(f, lang);
        ws.write_string_with_format(r, 6, &f.message, &wrap)?;
        ws.write_string_with_format(r, 7, &expected, &wrap)?;
        // Row heights are not fitted on opening: set them from the wrapped
        // lines of the two long columns.
        let lines = (f.message.chars().count().div_ceil(MESSAGE_WIDTH))
            .max(expected.chars().count().div_ceil(EXPECTED_WIDTH))
            .max(1);
        if lines > 1 {
            ws.set_row_height(r, 13.0 * lines as f64 + 2.0)?;
        }
        r += 1;
    }
    let sheet_width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 2;
    for (c, w) in [
        10,
        sheet_width.clamp(8, 33),
        8,
        18,
        10,
        17,
        MESSAGE_WIDTH,
        EXPECTED_WIDTH,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(c as u16, *w as f64)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.autofilter(header_row, 0, r.saturating_sub(1).max(header_row + 1), 7)?;
    print_setup(ws);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}
