//! `ramme validate -o rapport.xlsx`: the validation run as one workbook for
//! the secretariat, to sort and filter: sheet "Filer" (one row per file and
//! sheet, as in the JSON `files`) and sheet "Fund" (one row per finding, as
//! in the JSON `findings`, the cell a link into the file when it is an xlsx).

use super::validation::ValidationReport;
use crate::finding::{Finding, Severity};
use crate::input::FileFormat;
use crate::lang::Lang;
use crate::validate::{FileReport, SheetReport};
use rust_xlsxwriter::{Color, Format, FormatBorder, Url, Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// The word for a severity in the run's language.
pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("fejl", "error"),
        Severity::Warning => lang.pick("advarsel", "warning"),
        Severity::Info => lang.pick("info", "info"),
    }
}

/// A sheet's status word: errors first, then warnings, else clean.
fn status_label(sheet: &SheetReport, lang: Lang) -> &'static str {
    if sheet.errors > 0 {
        lang.pick("fejl", "errors")
    } else if sheet.warnings > 0 {
        lang.pick("advarsler", "warnings")
    } else {
        lang.pick("godkendt", "ok")
    }
}

/// The header format shared by the workbooks ramme sends back.
pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_size(10)
        .set_text_wrap()
        .set_background_color(Color::RGB(0x00DD_EBF7))
        .set_border_bottom(FormatBorder::Thin)
}

/// Widths in characters from the longest text in each column, bounded so
/// a long message wraps instead of pushing the sheet off the screen.
pub struct Widths(Vec<usize>);

impl Widths {
    pub fn new(headers: &[&str]) -> Widths {
        Widths(headers.iter().map(|h| h.chars().count()).collect())
    }
    pub fn see(&mut self, col: usize, text: &str) {
        let n = text.chars().count();
        if let Some(w) = self.0.get_mut(col) {
            *w = (*w).max(n);
        }
    }
    pub fn apply(&self, sheet: &mut Worksheet, max: usize) -> Result<(), XlsxError> {
        for (c, w) in self.0.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.set_column_width(col, ((*w).min(max) + 2) as f64)?;
        }
        Ok(())
    }
}

/// A link from a report in `report_dir` to a cell of an input file:
/// relative when the input lies below the report's folder (so the pair can
/// be moved together), else absolute.
pub fn file_link(input: &Path, report_dir: &Path, sheet: &str, cell: &str) -> String {
    let input_abs = input.canonicalize().unwrap_or_else(|_| input.to_path_buf());
    let dir_abs = report_dir
        .canonicalize()
        .unwrap_or_else(|_| report_dir.to_path_buf());
    let target: PathBuf = match input_abs.strip_prefix(&dir_abs) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => input_abs.clone(),
    };
    let text = target.to_string_lossy().trim_start_matches('/').to_string();
    format!("file:///{text}#{}!{cell}", quote_sheet(sheet))
}

/// A sheet name as a formula or link reference: quoted, inner quotes doubled.
pub fn quote_sheet(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

/// The message column's width in characters at most.
const MESSAGE_WIDTH: usize = 80;

/// Builds the findings workbook. `report_dir` is where it will be saved
/// (for the links into the inputs).
pub fn workbook(
    report: &ValidationReport,
    lang: Lang,
    report_dir: &Path,
) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    super::analysis::mark_workbook(&mut workbook, "validering");
    let header = header_format();
    // Top-aligned, so a row with a wrapped message reads across.
    let plain = Format::new()
        .set_font_size(10)
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let wrap = plain.clone().set_text_wrap();
    let link = plain
        .clone()
        .set_font_color(Color::RGB(0x0005_63C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);

    let files_sheet = workbook.add_worksheet();
    files_sheet.set_name(lang.pick("Filer", "Files"))?;
    write_files(files_sheet, report, lang, &header, &plain)?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("Fund", "Findings"))?;
    let headers = [
        lang.pick("Fil", "File"),
        lang.pick("Ark", "Sheet"),
        lang.pick("Celle", "Cell"),
        lang.pick("Række", "Row"),
        lang.pick("Kolonne", "Column"),
        lang.pick("Kode", "Code"),
        lang.pick("Alvor", "Severity"),
        lang.pick("Regel", "Rule"),
        lang.pick("Besked", "Message"),
    ];
    let mut widths = Widths::new(&headers);
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &header)?;
    }
    let mut r = 1u32;
    for file in &report.files {
        for finding in &file.findings {
            write_finding(
                sheet,
                r,
                file,
                finding,
                lang,
                report_dir,
                (&plain, &wrap, &link),
                &mut widths,
            )?;
            r += 1;
        }
    }
    finish(sheet, r, headers.len(), &widths, MESSAGE_WIDTH)?;
    Ok(workbook)
}

fn write_files(
    sheet: &mut Worksheet,
    report: &ValidationReport,
    lang: Lang,
    header: &Format,
    plain: &Format,
) -> Result<(), XlsxError> {
    let headers = [
        lang.pick("Fil", "File"),
        lang.pick("Ark", "Sheet"),
        lang.pick("Status", "Status"),
        lang.pick("Skema", "Schema"),
        lang.pick("Rækker", "Rows"),
        lang.pick("Fejl", "Errors"),
        lang.pick("Advarsler", "Warnings"),
        lang.pick("Info", "Infos"),
        lang.pick("Format", "Format"),
        lang.pick("Udeladte fund", "Omitted findings"),
    ];
    let mut widths = Widths::new(&headers);
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, header)?;
    }
    let mut r = 1u32;
    for file in &report.files {
        let path = file.path.display().to_string();
        for (i, s) in file.sheets.iter().enumerate() {
            let texts = [
                (0u16, path.as_str()),
                (1, s.sheet.as_deref().unwrap_or("")),
                (2, status_label(s, lang)),
                (3, s.schema.as_deref().unwrap_or("")),
                (8, file.notes.format.map_or("", FileFormat::name)),
            ];
            for (c, t) in texts {
                sheet.write_string_with_format(r, c, t, plain)?;
                widths.see(c.into(), t);
            }
            let omitted = if i == 0 { file.omitted } else { 0 };
            for (c, n) in [
                (4u16, s.rows),
                (5, s.errors),
                (6, s.warnings),
                (7, s.infos),
                (9, omitted),
            ] {
                sheet.write_number_with_format(r, c, n as f64, plain)?;
            }
            r += 1;
        }
    }
    finish(sheet, r, headers.len(), &widths, 60)
}

#[allow(clippy::too_many_arguments)]
fn write_finding(
    sheet: &mut Worksheet,
    r: u32,
    file: &FileReport,
    finding: &Finding,
    lang: Lang,
    report_dir: &Path,
    (plain, wrap, link): (&Format, &Format, &Format),
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let loc = &finding.location;
    let path = file.path.display().to_string();
    let sheet_name = loc.sheet.as_deref().unwrap_or("");
    let cell = loc.cell_ref().unwrap_or_default();
    let texts = [
        (0u16, path.as_str()),
        (1, sheet_name),
        (4, finding.column.as_deref().unwrap_or("")),
        (5, finding.code.as_str()),
        (6, severity_label(finding.severity, lang)),
        (7, finding.rule.as_deref().unwrap_or("")),
    ];
    for (c, t) in texts {
        sheet.write_string_with_format(r, c, t, plain)?;
        widths.see(c.into(), t);
    }
    let is_xlsx = file.notes.format == Some(FileFormat::Xlsx);
    if is_xlsx && !cell.is_empty() && !sheet_name.is_empty() {
        let url = Url::new(file_link(&file.path, report_dir, sheet_name, &cell))
            .set_text(&cell)
            .set_tip(lang.pick("Åbn cellen i filen", "Open the cell in the file"));
        sheet.write_url_with_format(r, 2, url, link)?;
    } else {
        sheet.write_string_with_format(r, 2, &cell, plain)?;
    }
    widths.see(2, &cell);
    if let Some(row) = loc.row {
        let centred = plain
            .clone()
            .set_align(rust_xlsxwriter::FormatAlign::Center);
        sheet.write_number_with_format(r, 3, f64::from(row), &centred)?;
    }
    sheet.write_string_with_format(r, 8, &finding.message, wrap)?;
    widths.see(8, &finding.message);
    // Rows are not fitted to wrapped text on opening: set the height.
    let lines = finding.message.chars().count().div_ceil(MESSAGE_WIDTH);
    if lines > 1 {
        sheet.set_row_height(r, 13.0 * lines as f64 + 2.0)?;
    }
    Ok(())
}

/// Frozen header, autofilter over the table, fitted widths, print setup.
fn finish(
    sheet: &mut Worksheet,
    rows: u32,
    cols: usize,
    widths: &Widths,
    max_width: usize,
) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(cols.saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, rows.saturating_sub(1).max(1), last_col)?;
    // Landscape A4, one page wide, the header on every page.
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    widths.apply(sheet, max_width)
}
