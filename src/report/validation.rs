//! Rendering a validation run: text grouped per file for a person, JSON and
//! CSV with the contract's keys for scripts, Markdown for an agenda.

use super::style::Style;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::messages::validation as messages;
use crate::validate::FileReport;
use serde_json::{json, Value as Json};
use std::io::{self, Write};

pub use crate::validate::summary::{Summary, ValidationReport};

fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("fejl", "error"),
        Severity::Warning => lang.pick("advarsel", "warning"),
        Severity::Info => lang.pick("info", "info"),
    }
}

fn errors_phrase(n: u64, lang: Lang) -> String {
    messages::errors_count(n, lang)
}
fn warnings_phrase(n: u64, lang: Lang) -> String {
    messages::warnings_count(n, lang)
}
fn rows_phrase(n: u64, lang: Lang) -> String {
    messages::rows_count(n, lang)
}

/// Text for a person: one block per file, its findings with cell and
/// severity, a line of counts, and a summary line.
pub fn write_text(
    report: &ValidationReport,
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Blocks of findings stand apart from the one-line clean files.
    let mut after_block = false;
    for file in &report.files {
        let path = file.path.display().to_string();
        let description = describe_file(file, lang);
        let clean = file.findings.is_empty() && file.omitted == 0;
        if clean {
            // A file without findings is one line, so a folder of clean
            // files reads at a glance.
            writeln!(
                out,
                "{} {}  {}",
                style.green("✓"),
                style.bold(&path),
                style.dim(&description)
            )?;
            after_block = false;
            continue;
        }
        if !after_block {
            writeln!(out)?;
        }
        let (errors, warnings) = (file.errors(), file.warnings());
        let mark = if errors > 0 {
            style.red("✗")
        } else {
            style.yellow("!")
        };
        writeln!(
            out,
            "{mark} {}  {}",
            style.bold(&path),
            style.dim(&description)
        )?;
        for finding in &file.findings {
            write_finding_line(finding, lang, style, out)?;
        }
        if file.omitted > 0 {
            writeln!(
                out,
                "  {}",
                style.dim(&messages::more_findings_hint(file.omitted, lang))
            )?;
        }
        let text = format!(
            "  {}, {}",
            errors_phrase(errors, lang),
            warnings_phrase(warnings, lang)
        );
        let line = if errors > 0 {
            style.red(&text)
        } else {
            style.yellow(&text)
        };
        writeln!(out, "{line}")?;
        writeln!(out)?;
        after_block = true;
    }
    if !after_block {
        writeln!(out)?;
    }
    let s = report.summary();
    let summary = messages::total_line(s.files as u64, s.rows, s.errors, s.warnings, lang);
    writeln!(out, "{}", style.bold(&summary))
}

/// "ark \"Takster\" · takstindberetning · 13 rækker (windows-1252, semikolon)".
fn describe_file(file: &FileReport, lang: Lang) -> String {
    let mut sheets = Vec::new();
    for sheet in &file.sheets {
        let mut parts = Vec::new();
        if let Some(name) = &sheet.sheet {
            parts.push(messages::sheet_named(name, lang));
        }
        if let Some(schema) = &sheet.schema {
            parts.push(schema.clone());
            parts.push(rows_phrase(sheet.rows, lang));
        }
        if !parts.is_empty() {
            sheets.push(parts.join(" · "));
        }
    }
    let mut how = Vec::new();
    if let Some(enc) = file.notes.encoding {
        how.push(enc.to_string());
    }
    if let Some(d) = file.notes.delimiter {
        how.push(messages::delimiter_name(d, lang));
    }
    let mut text = sheets.join("; ");
    if !how.is_empty() {
        text.push_str(&format!(" ({})", how.join(", ")));
    }
    text.trim_start().to_string()
}

fn write_finding_line(
    finding: &Finding,
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let loc = &finding.location;
    let place = match (loc.cell_ref(), loc.row) {
        (Some(cell), _) => cell,
        (None, Some(row)) => messages::row_place(row, lang),
        (None, None) => match &loc.sheet {
            Some(_) => lang.pick("ark", "sheet").to_string(),
            None => lang.pick("fil", "file").to_string(),
        },
    };
    let place = match (&loc.sheet, loc.row) {
        (Some(sheet), Some(_)) if !sheet.is_empty() => format!("{sheet}!{place}"),
        _ => place,
    };
    let word = severity_word(finding.severity, lang);
    let padded = format!("{word:<8}");
    let sev = match finding.severity {
        Severity::Error => style.red(&padded),
        Severity::Warning => style.yellow(&padded),
        Severity::Info => style.blue(&padded),
    };
    let code = match &finding.rule {
        Some(rule) => format!("[{}: {rule}]", finding.code.as_str()),
        None => format!("[{}]", finding.code.as_str()),
    };
    writeln!(
        out,
        "  {sev} {place:<12} {} {}",
        finding.message,
        style.dim(&code)
    )
}

fn finding_json(f: &Finding) -> Json {
    json!({
        "code": f.code.as_str(),
        "severity": f.severity,
        "path": f.location.path.display().to_string(),
        "sheet": f.location.sheet.as_deref(),
        "row": f.location.row,
        "column": f.column,
        "cell": f.location.cell_ref(),
        "rule": f.rule,
        "message": f.message,
    })
}

/// The contract's JSON document.
pub fn to_json(report: &ValidationReport) -> Json {
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for file in &report.files {
        let path = file.path.display().to_string();
        for sheet in &file.sheets {
            files.push(json!({
                "path": path,
                "schema": sheet.schema,
                "sheet": sheet.sheet.as_deref(),
                "rows": sheet.rows,
                "errors": sheet.errors,
                "warnings": sheet.warnings,
                "infos": sheet.infos,
                "format": file.notes.format.map(|f| f.to_string()),
                "encoding": file.notes.encoding,
                "delimiter": file.notes.delimiter.map(|d| char::from(d).to_string()),
            }));
        }
        findings.extend(file.findings.iter().map(finding_json));
    }
    let s = report.summary();
    let omitted: u64 = report.files.iter().map(|f| f.omitted).sum();
    json!({
        "files": files,
        "findings": findings,
        "summary": {
            "files": s.files,
            "rows": s.rows,
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
            "omitted_findings": omitted,
        }
    })
}

pub fn write_json(report: &ValidationReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(report))?;
    writeln!(out)
}

/// One line per finding with the JSON keys as columns.
pub fn write_csv(report: &ValidationReport, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "code", "severity", "path", "sheet", "row", "column", "cell", "rule", "message",
    ])?;
    for file in &report.files {
        let path = file.path.display().to_string();
        for f in &file.findings {
            let severity = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            let text = |t: &str| crate::output::csv_cell(t).into_owned();
            w.write_record([
                f.code.as_str(),
                severity,
                &text(&path),
                &text(f.location.sheet.as_deref().unwrap_or("")),
                &f.location.row.map(|r| r.to_string()).unwrap_or_default(),
                &text(f.column.as_deref().unwrap_or("")),
                &f.location.cell_ref().unwrap_or_default(),
                &text(f.rule.as_deref().unwrap_or("")),
                &text(&f.message),
            ])?;
        }
    }
    w.flush()
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown table per file, for an agenda or an e-mail to a kommune.
pub fn write_md(report: &ValidationReport, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", lang.pick("Validering", "Validation"))?;
    for file in &report.files {
        writeln!(out, "## {}\n", md_cell(&file.path.display().to_string()))?;
        for sheet in &file.sheets {
            if let Some(schema) = &sheet.schema {
                let sheet_name = sheet
                    .sheet
                    .as_deref()
                    .map(|s| format!(" · {s}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "- {schema}{}: {}",
                    md_cell(&sheet_name),
                    rows_phrase(sheet.rows, lang)
                )?;
            }
        }
        writeln!(
            out,
            "- {}, {}\n",
            errors_phrase(file.errors(), lang),
            warnings_phrase(file.warnings(), lang)
        )?;
        if file.findings.is_empty() {
            continue;
        }
        writeln!(
            out,
            "| {} |\n|---|---|---|---|---|",
            lang.pick(
                "Celle | Alvor | Kode | Besked | Ark",
                "Cell | Severity | Code | Message | Sheet"
            )
        )?;
        for f in &file.findings {
            let place = f
                .location
                .cell_ref()
                .or_else(|| f.location.row.map(|r| messages::row_place(r, lang)))
                .unwrap_or_else(|| lang.pick("fil", "file").to_string());
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                place,
                severity_word(f.severity, lang),
                f.code.as_str(),
                md_cell(&f.message),
                md_cell(f.location.sheet.as_deref().unwrap_or("")),
            )?;
        }
        if file.omitted > 0 {
            writeln!(out, "\n{}", messages::more_findings(file.omitted, lang))?;
        }
        writeln!(out)?;
    }
    let s = report.summary();
    writeln!(
        out,
        "**{}** {}, {}, {}, {}.",
        lang.pick("I alt:", "Total:"),
        messages::files_count(s.files as u64, lang),
        rows_phrase(s.rows, lang),
        errors_phrase(s.errors, lang),
        warnings_phrase(s.warnings, lang)
    )
}
