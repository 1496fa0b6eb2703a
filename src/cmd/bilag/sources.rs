//! The annex's account of its inputs: the validation status of every file
//! and every row left out of the figures, with file, sheet, row, cell and
//! reason.

use crate::dataset::{AnyLoaded, ExcludedRow};
use crate::lang::Lang;
use crate::report::table::{Column, Kind, Table, TableCell};
use crate::validate::FileReport;
use rust_decimal::Decimal;

/// The validation status of every file read.
pub fn validation_table<'a>(reports: impl Iterator<Item = &'a FileReport>, lang: Lang) -> Table {
    let mut t = Table::new(
        lang.pick("Validering", "Validation"),
        lang.pick(
            "Validering af de indsendte filer",
            "Validation of the submitted files",
        ),
        vec![
            Column::new("path", lang.pick("Fil", "File"), Kind::Text),
            Column::new("sheet", lang.pick("Ark", "Sheet"), Kind::Text),
            Column::new(
                "schema",
                lang.pick("Indberetning", "Submission"),
                Kind::Text,
            ),
            Column::new("rows", lang.pick("Rækker", "Rows"), Kind::Integer),
            Column::new("errors", lang.pick("Fejl", "Errors"), Kind::Integer),
            Column::new(
                "warnings",
                lang.pick("Advarsler", "Warnings"),
                Kind::Integer,
            ),
            Column::new("status", lang.pick("Status", "Status"), Kind::Text),
        ],
    );
    for r in reports {
        let path = crate::cpr::mask(&r.path.display().to_string()).into_owned();
        let set_aside = r.findings.iter().find(|f| {
            matches!(
                f.code,
                crate::finding::Code::DuplicateFile | crate::finding::Code::RammeOutput
            )
        });
        for s in &r.sheets {
            let status = match set_aside {
                Some(f) if f.code == crate::finding::Code::DuplicateFile => {
                    lang.pick("kopi, ikke talt med", "copy, not counted")
                }
                Some(_) => lang.pick("lavet af ramme, ikke læst", "made by ramme, not read"),
                None if s.errors > 0 => lang.pick("fejl", "errors"),
                None if s.warnings > 0 => lang.pick("advarsler", "warnings"),
                None => lang.pick("i orden", "fine"),
            };
            t.push(vec![
                path.clone().into(),
                s.sheet
                    .as_deref()
                    .map(|n| crate::cpr::mask(n).into_owned())
                    .unwrap_or_default()
                    .into(),
                s.schema
                    .clone()
                    .unwrap_or_else(|| lang.pick("ukendt", "unknown").to_string())
                    .into(),
                Decimal::from(s.rows).into(),
                Decimal::from(s.errors).into(),
                Decimal::from(s.warnings).into(),
                status.into(),
            ]);
        }
    }
    t
}

/// Every row left out of the figures, and why.
pub fn left_out_table(rows: &[&ExcludedRow], lang: Lang) -> Table {
    let mut t = Table::new(
        lang.pick("Udeladte rækker", "Rows left out"),
        lang.pick(
            "Rækker, der er udeladt af tallene",
            "Rows left out of the figures",
        ),
        vec![
            Column::new("path", lang.pick("Fil", "File"), Kind::Text),
            Column::new("sheet", lang.pick("Ark", "Sheet"), Kind::Text),
            Column::new("row", lang.pick("Række", "Row"), Kind::Integer),
            Column::new("cells", lang.pick("Celle", "Cell"), Kind::Text),
            Column::new("reason", lang.pick("Årsag", "Reason"), Kind::Text),
        ],
    );
    for e in rows {
        t.push(vec![
            crate::cpr::mask(&e.source.path.display().to_string())
                .into_owned()
                .into(),
            e.source
                .sheet
                .as_deref()
                .map(|n| crate::cpr::mask(n).into_owned())
                .unwrap_or_default()
                .into(),
            TableCell::Number(Decimal::from(e.source.row)),
            e.cells.join(", ").into(),
            e.reasons.join(" ").into(),
        ]);
    }
    if rows.is_empty() {
        t.notes
            .push(crate::messages::bilag_front::none_left_out(lang));
    }
    t
}

/// The left-out rows of every source, each row once.
pub fn all_left_out<'a>(sources: &[&'a dyn AnyLoaded]) -> Vec<&'a ExcludedRow> {
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for s in sources {
        for e in s.excluded() {
            if seen.insert((e.source.path.clone(), e.source.sheet.clone(), e.source.row)) {
                rows.push(e);
            }
        }
    }
    rows
}
