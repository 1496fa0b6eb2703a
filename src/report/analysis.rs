//! Writing an analysis: its tables in the chosen format, its JSON with the
//! contract's keys, and always an account of the inputs (what was read,
//! which rows were left out for errors, which files were of another kind).

use super::style::Style;
use super::table::{self, Column, Kind, Table, TableCell};
use super::xlsx::{self, ChartKind, Print};
use crate::dataset::{ExcludedRow, InputFile, InputStatus, Loaded};
use crate::error::Error;
use crate::lang::Lang;
use crate::messages::analysis as messages;
use crate::output::Destination;
use crate::output::Format;
use crate::report::validation::{self, ValidationReport};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value as Json};
use std::path::PathBuf;

/// Kroner as a JSON number with at most 2 decimals.
pub fn json_kr(value: Decimal) -> Json {
    json_number(value, 2)
}

/// Percent as a JSON number (−1.25 is −1,25 %) with at most 4 decimals.
pub fn json_pct(value: Decimal) -> Json {
    json_number(value, 4)
}

pub fn json_opt_pct(value: Option<Decimal>) -> Json {
    value.map_or(Json::Null, json_pct)
}

pub fn json_opt_kr(value: Option<Decimal>) -> Json {
    value.map_or(Json::Null, json_kr)
}

fn json_number(value: Decimal, decimals: u32) -> Json {
    let rounded = value
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if rounded.scale() == 0 {
        if let Some(i) = rounded.to_i64() {
            return Json::from(i);
        }
    }
    rounded.to_f64().map_or(Json::Null, Json::from)
}

/// One group of inputs of an analysis ("Takstindberetninger", "Forrige år").
pub struct InputSection<'a> {
    pub label: String,
    pub validation: &'a ValidationReport,
    pub excluded: &'a [ExcludedRow],
    pub other_files: &'a [(PathBuf, String)],
    pub files: &'a [InputFile],
    pub records: usize,
}

impl<'a> InputSection<'a> {
    pub fn of<T>(label: &str, loaded: &'a Loaded<T>) -> InputSection<'a> {
        InputSection {
            label: label.to_string(),
            validation: &loaded.validation,
            excluded: &loaded.excluded,
            other_files: &loaded.other_files,
            files: &loaded.files,
            records: loaded.records.len(),
        }
    }

    /// The errors found in the section's files.
    pub fn errors(&self) -> u64 {
        self.validation.summary().errors
    }

    /// Every file of the section with what became of it.
    fn files_json(&self) -> Vec<Json> {
        self.files
            .iter()
            .map(|f| {
                let shown = |p: &std::path::Path| {
                    crate::cpr::mask(&p.display().to_string()).into_owned()
                };
                let left_out: Vec<Json> = self
                    .excluded
                    .iter()
                    .filter(|e| *e.source.path == f.path)
                    .map(|e| {
                        json!({
                            "sheet": e.source.sheet.as_deref().map(|s| crate::cpr::mask(s).into_owned()),
                            "row": e.source.row,
                            "cells": e.cells,
                        })
                    })
                    .collect();
                let mut o = json!({
                    "path": shown(&f.path),
                    "role": self.label,
                    "schema": f.schema,
                    "rows": f.rows,
                    "rows_used": f.rows_used,
                    "status": f.status.key(),
                    "left_out": left_out,
                });
                if let (InputStatus::Duplicate(first), Some(map)) = (&f.status, o.as_object_mut()) {
                    map.insert("duplicate_of".into(), json!(shown(first)));
                }
                o
            })
            .collect()
    }

    fn json(&self) -> Json {
        let s = self.validation.summary();
        json!({
            "label": self.label,
            "files": s.files,
            "rows": s.rows,
            "records": self.records,
            "errors": s.errors,
            "warnings": s.warnings,
            "excluded": self.excluded.iter().map(|e| json!({
                "path": e.source.path.display().to_string(),
                "sheet": e.source.sheet.as_deref(),
                "row": e.source.row,
                "cells": e.cells,
            })).collect::<Vec<_>>(),
            "other_files": self.other_files.iter().map(|(p, kind)| json!({
                "path": p.display().to_string(),
                "schema": kind,
            })).collect::<Vec<_>>(),
            "validation": validation::to_json(self.validation),
        })
    }
}

/// An analysis ready to be written.
pub struct Rendered {
    pub tables: Vec<Table>,
    /// The contract's JSON object for this analysis.
    pub json: Json,
    /// The chart the first table gets in a workbook.
    pub chart: Option<ChartKind>,
}

impl Rendered {
    pub fn new(tables: Vec<Table>, json: Json) -> Rendered {
        Rendered {
            tables,
            json,
            chart: None,
        }
    }

    pub fn with_chart(mut self, chart: ChartKind) -> Rendered {
        self.chart = Some(chart);
        self
    }
}

/// The account of the inputs as a table (for text, Markdown and xlsx).
pub fn inputs_table(inputs: &[InputSection<'_>], lang: Lang) -> Table {
    let mut t = Table::new(
        lang.pick("Inddata", "Inputs"),
        lang.pick("Inddata", "Inputs"),
        vec![
            Column::new("inputs", lang.pick("Inddata", "Inputs"), Kind::Text),
            Column::new("files", lang.pick("Filer", "Files"), Kind::Integer),
            Column::new("rows", lang.pick("Rækker", "Rows"), Kind::Integer),
            Column::new("used", lang.pick("Brugt", "Used"), Kind::Integer),
            Column::new(
                "excluded",
                lang.pick("Udeladt (fejl)", "Left out (errors)"),
                Kind::Integer,
            ),
            Column::new("errors", lang.pick("Fejl", "Errors"), Kind::Integer),
            Column::new(
                "warnings",
                lang.pick("Advarsler", "Warnings"),
                Kind::Integer,
            ),
        ],
    );
    for section in inputs {
        let s = section.validation.summary();
        t.push(vec![
            section.label.clone().into(),
            s.files.into(),
            Decimal::from(s.rows).into(),
            section.records.into(),
            section.excluded.len().into(),
            Decimal::from(s.errors).into(),
            Decimal::from(s.warnings).into(),
        ]);
    }
    const SHOWN: usize = 25;
    for section in inputs {
        for e in section.excluded.iter().take(SHOWN) {
            let place = match &e.source.sheet {
                Some(sheet) => format!("{} ({sheet})", e.source.path.display()),
                None => e.source.path.display().to_string(),
            };
            let cells = (!e.cells.is_empty()).then(|| e.cells.join(", "));
            t.notes.push(messages::left_out(
                &place,
                e.source.row,
                cells.as_deref(),
                lang,
            ));
        }
        if section.excluded.len() > SHOWN {
            t.notes.push(messages::more_left_out(
                section.excluded.len() - SHOWN,
                lang,
            ));
        }
        if !section.other_files.is_empty() {
            let mut kinds: std::collections::BTreeMap<&str, usize> =
                std::collections::BTreeMap::new();
            for (_, kind) in section.other_files {
                *kinds.entry(kind.as_str()).or_default() += 1;
            }
            let list: Vec<String> = kinds
                .iter()
                .map(|(kind, n)| format!("{n} {kind}"))
                .collect();
            t.notes.push(messages::other_files(
                &section.label,
                &list.join(", "),
                lang,
            ));
        }
        for file in section.files {
            let shown =
                |p: &std::path::Path| crate::cpr::mask(&p.display().to_string()).into_owned();
            match &file.status {
                InputStatus::Duplicate(first) => t.notes.push(messages::duplicate_file(
                    &shown(&file.path),
                    &shown(first),
                    lang,
                )),
                InputStatus::RammeOutput => t
                    .notes
                    .push(messages::ramme_output(&shown(&file.path), lang)),
                _ => {}
            }
        }
        for file in &section.validation.files {
            for f in file.findings.iter().filter(|f| {
                f.location.row.is_none() && f.severity == crate::finding::Severity::Error
            }) {
                t.notes
                    .push(format!("{}: {}", file.path.display(), f.message));
            }
        }
    }
    if inputs.iter().any(|i| i.errors() > 0) {
        t.notes.push(messages::see_validation(lang));
    }
    t.keyed("inputs")
}

/// Writes an analysis in the planned format.
pub fn write(
    plan: &Destination,
    rendered: &Rendered,
    inputs: &[InputSection<'_>],
    lang: Lang,
) -> Result<(), Error> {
    let mut tables = rendered.tables.clone();
    tables.push(inputs_table(inputs, lang));
    match plan.format {
        Format::Json => {
            let mut json = rendered.json.clone();
            if let Some(object) = json.as_object_mut() {
                object.insert(
                    "inputs".into(),
                    Json::Array(inputs.iter().flat_map(InputSection::files_json).collect()),
                );
                object.insert(
                    "input_sections".into(),
                    Json::Array(inputs.iter().map(InputSection::json).collect()),
                );
            }
            plan.write(|out| {
                serde_json::to_writer_pretty(&mut *out, &json)?;
                writeln!(out)
            })?;
        }
        Format::Csv => plan.write(|out| table::write_csv(&tables, out))?,
        Format::Md => {
            // On a terminal Markdown fits it too; in a file it is unlimited.
            let width = match plan.path {
                None => Style::for_stdout().width,
                Some(_) => None,
            };
            plan.write(|out| table::write_md_within(&tables, lang, width, out))?
        }
        Format::Xlsx => write_xlsx(plan, tables, rendered.chart, lang)?,
        Format::Text => {
            let style = if plan.path.is_none() {
                Style::for_stdout()
            } else {
                Style::plain()
            };
            plan.write(|out| table::write_text(&tables, lang, style, out))?;
        }
    }
    Ok(())
}

/// All tables as sheets of one workbook (small ones sharing a page, the
/// chart the annex has for this analysis), written atomically.
fn write_xlsx(
    plan: &Destination,
    tables: Vec<Table>,
    chart: Option<ChartKind>,
    lang: Lang,
) -> Result<(), Error> {
    let Some(path) = &plan.path else {
        return Err(Error::Usage(crate::messages::cli::xlsx_needs_file(lang)));
    };
    let print = Print {
        title: tables.first().map(|t| t.title.clone()).unwrap_or_default(),
        made: xlsx::made_date(),
    };
    let mut used = std::collections::HashSet::new();
    let plans = xlsx::plan_sheets(tables, chart, &mut used, lang);
    let mut workbook = xlsx::workbook_of(&plans, &print, lang).map_err(|e| Error::Workbook {
        path: path.clone(),
        message: e.to_string(),
    })?;
    mark_workbook(&mut workbook, "rapport");
    save_workbook(&mut workbook, path)
}

/// Marks a workbook as ramme's own (a custom document property), so that it
/// is never read back as a submission.
pub fn mark_workbook(workbook: &mut rust_xlsxwriter::Workbook, what: &str) {
    let props = rust_xlsxwriter::DocProperties::new().set_custom_property(
        crate::input::marks::MARK,
        crate::input::marks::property_value(what).as_str(),
    );
    workbook.set_properties(&props);
}

/// Saves a workbook through a temporary file and a rename.
pub fn save_workbook(
    workbook: &mut rust_xlsxwriter::Workbook,
    path: &std::path::Path,
) -> Result<(), Error> {
    let temp = crate::output::temp_path(path);
    workbook.save(&temp).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        match e {
            // Said in words by the error's message, like every output.
            rust_xlsxwriter::XlsxError::IoError(source) => Error::Output {
                path: path.to_path_buf(),
                source,
            },
            e => Error::Workbook {
                path: path.to_path_buf(),
                message: e.to_string(),
            },
        }
    })?;
    crate::output::rename_into_place(&temp, path)?;
    crate::notice::wrote(path);
    Ok(())
}

/// A cell for an optional text.
pub fn opt_text(text: &Option<String>) -> TableCell {
    text.as_deref()
        .map_or(TableCell::Empty, |t| TableCell::Text(t.to_string()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn sheet_names_sharing_thirty_characters_get_suffixes() {
        let mut used = std::collections::HashSet::new();
        let long = "Takstændringer pr. driftsherre og tilbud";
        let names: Vec<String> = (0..12)
            .map(|_| super::xlsx::unique_name(&mut used, long))
            .collect();
        assert_eq!(names[0], "Takstændringer pr. driftsherre ");
        assert_eq!(names[1], "Takstændringer pr. driftsherr 2");
        assert_eq!(names[11], "Takstændringer pr. driftsher 12");
        assert!(names.iter().all(|n| n.chars().count() <= 31));
        assert_eq!(used.len(), 12);
        // Case-insensitive, as Excel compares them.
        assert_eq!(
            super::xlsx::unique_name(&mut used, &long.to_uppercase()),
            "TAKSTÆNDRINGER PR. DRIFTSHER 13"
        );
    }
}
