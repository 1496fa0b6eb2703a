//! Rendering `ramme status`: the matrix of senders × submission types, the
//! files against the deadline and whom to chase, as text, Markdown and a
//! workbook (through the shared tables), and JSON with the documented keys.

use super::table::{self, Column, Kind, Table, TableCell};
use crate::analysis::status::{StatusReport, SubmissionStatus};
use crate::error::Error;
use crate::lang::Lang;
use crate::messages::status as messages;
use crate::output::Destination;
use crate::output::Format;
use rust_decimal::Decimal;
use serde_json::{json, Value as Json};

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

/// The contract's JSON document (with `files` and `to_fix` beside it).
pub fn to_json(report: &StatusReport) -> Json {
    let senders: Vec<Json> = report
        .senders
        .iter()
        .map(|s| {
            let mut subs = serde_json::Map::new();
            for sub in &s.submissions {
                subs.insert(
                    sub.schema.clone(),
                    json!({
                        "files": sub.files,
                        "rows": sub.rows,
                        "errors": sub.errors,
                        "warnings": sub.warnings,
                        "status": sub.status.as_str(),
                        "modified": sub.modified.map(|d| d.to_string()),
                        "late": sub.late,
                        "expected": sub.expected,
                    }),
                );
            }
            json!({
                "sender": s.sender,
                "contact": s.contact,
                "expected": s.expected,
                "submissions": subs,
            })
        })
        .collect();
    let entry = |(s, sub): (
        &crate::analysis::status::SenderStatus,
        &crate::analysis::status::Submission,
    )| {
        json!({"sender": s.sender, "schema": sub.schema, "contact": s.contact, "errors": sub.errors})
    };
    let missing: Vec<Json> = report
        .missing()
        .into_iter()
        .map(|(s, sub)| json!({"sender": s.sender, "schema": sub.schema, "contact": s.contact}))
        .collect();
    let files: Vec<Json> = report
        .files
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "schemas": f.schemas,
                "senders": f.senders,
                "errors": f.errors,
                "warnings": f.warnings,
                "modified": f.modified.map(|d| d.to_string()),
                "late": f.late,
            })
        })
        .collect();
    json!({
        "region": report.region,
        "deadline": report.deadline.map(|d| d.to_string()),
        "senders": senders,
        "missing": missing,
        "to_fix": report.faulty().into_iter().map(entry).collect::<Vec<_>>(),
        "files": files,
    })
}

/// The three tables: the matrix, the files, whom to chase.
pub fn tables(report: &StatusReport, lang: Lang) -> Vec<Table> {
    let region = report.region.clone().unwrap_or_default();
    let deadline = report.deadline.map(|d| date(Some(d)));
    let mut columns = vec![Column::new(
        "sender",
        lang.pick("Afsender", "Sender"),
        Kind::Text,
    )];
    for schema in &report.schemas {
        columns.push(Column::new(schema, schema, Kind::Text));
    }
    columns.push(Column::new(
        "contact",
        lang.pick("Kontakt", "Contact"),
        Kind::Text,
    ));
    let mut matrix = Table::new(
        lang.pick("Status", "Status"),
        &messages::matrix_caption(&region, deadline.as_deref(), lang),
        columns,
    );
    for s in &report.senders {
        let mut row: Vec<TableCell> = Vec::new();
        let name = if s.expected {
            s.sender.clone()
        } else {
            messages::not_expected(&s.sender, lang)
        };
        row.push(name.into());
        for schema in &report.schemas {
            let text = match s.submissions.iter().find(|sub| &sub.schema == schema) {
                None => "–".to_string(),
                Some(sub) => {
                    let mut t = match sub.status {
                        SubmissionStatus::Ok => lang.pick("modtaget", "received").to_string(),
                        SubmissionStatus::Errors => messages::errors_count(sub.errors, lang),
                        SubmissionStatus::Missing => lang.pick("MANGLER", "MISSING").to_string(),
                    };
                    if sub.late {
                        t.push_str(lang.pick(" · for sent", " · late"));
                    }
                    t
                }
            };
            row.push(text.into());
        }
        row.push(s.contact.clone().unwrap_or_default().into());
        matrix.push(row);
    }
    let delivered = report
        .senders
        .iter()
        .filter(|s| s.submissions.iter().any(|sub| sub.files > 0))
        .count();
    matrix.notes.push(messages::delivered_note(
        delivered,
        report.senders.len(),
        lang,
    ));

    let mut files = Table::new(
        lang.pick("Filer", "Files"),
        lang.pick("Modtagne filer", "Files received"),
        vec![
            Column::new("path", lang.pick("Fil", "File"), Kind::Text),
            Column::new(
                "schema",
                lang.pick("Indberetning", "Submission"),
                Kind::Text,
            ),
            Column::new("senders", lang.pick("Afsender", "Sender"), Kind::Text),
            Column::new("errors", lang.pick("Fejl", "Errors"), Kind::Integer),
            Column::new(
                "warnings",
                lang.pick("Advarsler", "Warnings"),
                Kind::Integer,
            ),
            Column::new("modified", lang.pick("Ændret", "Modified"), Kind::Text),
            Column::new("late", lang.pick("For sent", "Late"), Kind::Text),
        ],
    );
    for f in &report.files {
        let senders = if !f.senders.is_empty() {
            f.senders.join(", ")
        } else if f.has_sender_field || f.schemas.is_empty() {
            lang.pick("(ingen afsender fundet)", "(no sender found)")
                .to_string()
        } else {
            "–".to_string()
        };
        // The file's name: the full path is in the JSON.
        let name = std::path::Path::new(&f.path)
            .file_name()
            .map_or_else(|| f.path.clone(), |n| n.to_string_lossy().into_owned());
        files.push(vec![
            name.into(),
            f.schemas.join(", ").into(),
            senders.into(),
            TableCell::Number(Decimal::from(f.errors)),
            TableCell::Number(Decimal::from(f.warnings)),
            date(f.modified).into(),
            if f.late { lang.pick("ja", "yes") } else { "" }.into(),
        ]);
    }

    let mut chase = Table::new(
        lang.pick("Rykkes", "Chase"),
        lang.pick("Skal rykkes", "To chase"),
        vec![
            Column::new("sender", lang.pick("Afsender", "Sender"), Kind::Text),
            Column::new(
                "schema",
                lang.pick("Indberetning", "Submission"),
                Kind::Text,
            ),
            Column::new("why", lang.pick("Hvorfor", "Why"), Kind::Text),
            Column::new("contact", lang.pick("Kontakt", "Contact"), Kind::Text),
        ],
    );
    for (s, sub) in report.missing().into_iter().chain(report.faulty()) {
        let why = match sub.status {
            SubmissionStatus::Missing => lang.pick("ikke modtaget", "not received").to_string(),
            _ => messages::correct_and_send(sub.errors, lang),
        };
        chase.push(vec![
            s.sender.clone().into(),
            sub.schema.clone().into(),
            why.into(),
            s.contact
                .clone()
                .unwrap_or_else(|| messages::contact_unknown(lang))
                .into(),
        ]);
    }
    let unattributed = report.faulty_unattributed();
    if unattributed > 0 {
        chase
            .notes
            .push(messages::unattributed_note(unattributed, lang));
    }
    if chase.rows.is_empty() && unattributed == 0 {
        chase.notes.push(messages::nobody_to_chase(lang));
    }
    vec![matrix, files, chase]
}

/// Writes the report in the plan's format.
pub fn write(report: &StatusReport, plan: &Destination, lang: Lang) -> Result<(), Error> {
    match plan.format {
        Format::Json => plan.write(|out| {
            serde_json::to_writer_pretty(&mut *out, &to_json(report))?;
            writeln!(out)
        }),
        Format::Md => plan.write(|out| table::write_md(&tables(report, lang), lang, out)),
        Format::Xlsx => {
            let Some(path) = &plan.path else {
                return Err(Error::Usage(
                    "--format xlsx needs --output FILE.xlsx".into(),
                ));
            };
            let mut workbook = rust_xlsxwriter::Workbook::new();
            let formats = table::SheetFormats::new();
            let print = super::xlsx::Print {
                title: lang.pick("Status", "Status").to_string(),
                made: super::xlsx::made_date(),
            };
            for t in tables(report, lang) {
                super::xlsx::add_sheet(&mut workbook, &t, &formats, &print, lang).map_err(|e| {
                    Error::Workbook {
                        path: path.clone(),
                        message: e.to_string(),
                    }
                })?;
            }
            super::analysis::mark_workbook(&mut workbook, "status");
            super::analysis::save_workbook(&mut workbook, path)
        }
        _ => {
            let style = if plan.path.is_none() {
                super::style::Style::for_stdout()
            } else {
                super::style::Style::plain()
            };
            plan.write(|out| table::write_text(&tables(report, lang), lang, style, out))
        }
    }
}
