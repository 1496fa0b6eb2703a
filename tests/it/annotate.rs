//! Sending files back: the findings workbook (`validate -o rapport.xlsx`)
//! and the annotated copies (`validate --annotate DIR`), opened again with
//! calamine to check what the kommune will see.

use crate::harness::Test;
use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use std::path::Path;

/// A takstindberetning as a kommune fills it in: a merged title, the header
/// in row 3, a wrong number of places (G4), an unreadable tariff (J5), a
/// hidden sheet with a CPR-shaped value (synthetic) and a date cell.
pub fn takst_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Takster").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        4,
        "Takstindberetning 2017 – Hjørring Kommune",
        &Format::new().set_bold(),
    )
    .unwrap();
    let headers = [
        "Driftsherre",
        "Tilbudsnr",
        "Tilbudsnavn",
        "Paragraf",
        "Målgruppe",
        "Taksttype",
        "Pladser",
        "Belægningsprocent",
        "Takstgrundlag",
        "Takst",
        "Status",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [(f64, &str, f64, &str); 2] = [
        (860011.0, "Bostedet Nord", 0.0, "2.150,00"),
        (860012.0, "Dagcentret Syd", 12.0, "1.950,5,0"),
    ];
    for (i, (nr, name, places, takst)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, "Hjørring").unwrap();
        ws.write_number(r, 1, *nr).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, "SEL §108").unwrap();
        ws.write_string(r, 4, "Udviklingshæmmede").unwrap();
        ws.write_string(r, 5, "Døgntakst").unwrap();
        ws.write_number(r, 6, *places).unwrap();
        ws.write_number(r, 7, 95.0).unwrap();
        ws.write_string(r, 9, *takst).unwrap();
        ws.write_string(r, 10, "Fortsætter").unwrap();
    }
    let hidden = wb.add_worksheet().set_name("Lister").unwrap();
    hidden.write_string(0, 0, "020304-1234").unwrap();
    hidden.set_hidden(true);
    wb.save(path).unwrap();
}

/// A borgerliste CSV with a CPR-shaped value (synthetic) where the person
/// code belongs (A2) and a missing Betalingskommune (B3).
pub const BORGER_CSV: &str = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Takst;Dage;Udgift\n\
010203-1234;Frederikshavn;860011;SEL §108;2.150,00;31;66.650,00\n\
PK-BBBBBBBBBBBBBBBB;;860011;SEL §108;2.150,00;31;66.650,00\n";

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn json_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn the_findings_workbook_holds_the_json_findings() {
    let make = || {
        Test::new()
            .with("ind/takst_hjoerring.xlsx", takst_xlsx)
            .file("ind/borger_frederikshavn.csv", BORGER_CSV)
    };
    let json_run = make().args(&["validate", "--format", "json", "ind"]).run();
    json_run.code(1);
    let json = json_run.json();
    let run = make()
        .args(&["validate", "ind", "-o", "rapport.xlsx"])
        .run();
    run.code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let mut wb: Xlsx<_> = open_workbook(run.dir.join("rapport.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Filer", "Fund"]);

    let fund = wb.worksheet_range("Fund").unwrap();
    let rows: Vec<Vec<String>> = fund
        .rows()
        .map(|r| (0..9).map(|c| text(r.get(c))).collect())
        .collect();
    assert_eq!(
        rows[0],
        ["Fil", "Ark", "Celle", "Række", "Kolonne", "Kode", "Alvor", "Regel", "Besked"]
    );
    let findings = json["findings"].as_array().unwrap();
    assert!(findings.len() >= 5, "{findings:?}");
    assert_eq!(rows.len() - 1, findings.len());
    for (row, f) in rows.iter().skip(1).zip(findings) {
        let severity = match f["severity"].as_str().unwrap() {
            "error" => "fejl",
            "warning" => "advarsel",
            _ => "info",
        };
        let want = [
            json_text(&f["path"]),
            json_text(&f["sheet"]),
            json_text(&f["cell"]),
            json_text(&f["row"]),
            json_text(&f["column"]),
            json_text(&f["code"]),
            severity.to_string(),
            json_text(&f["rule"]),
            json_text(&f["message"]),
        ];
        assert_eq!(row.as_slice(), want.as_slice());
    }
    // The xlsx's cells link into the file; the CSV's cannot.
    let links = wb.hyperlinks_by_sheet_name("Fund").unwrap();
    let targets: Vec<String> = links
        .iter()
        .map(|l| {
            format!(
                "{}#{}",
                l.target.clone().unwrap_or_default(),
                l.location.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        targets,
        vec![
            "ind/takst_hjoerring.xlsx#'Takster'!G4",
            "ind/takst_hjoerring.xlsx#'Takster'!J5",
            "ind/takst_hjoerring.xlsx#'Lister'!A1",
        ]
    );

    let filer = wb.worksheet_range("Filer").unwrap();
    let files: Vec<Vec<String>> = filer
        .rows()
        .map(|r| (0..7).map(|c| text(r.get(c))).collect())
        .collect();
    assert_eq!(
        files,
        vec![
            vec![
                "Fil",
                "Ark",
                "Status",
                "Skema",
                "Rækker",
                "Fejl",
                "Advarsler"
            ],
            vec![
                "ind/borger_frederikshavn.csv",
                "",
                "fejl",
                "borgerliste",
                "2",
                "2",
                "0"
            ],
            vec![
                "ind/takst_hjoerring.xlsx",
                "Takster",
                "fejl",
                "takstindberetning",
                "2",
                "2",
                "0"
            ],
            // The hidden sheet is not validated but is checked for CPR numbers.
            vec![
                "ind/takst_hjoerring.xlsx",
                "Lister",
                "fejl",
                "",
                "0",
                "1",
                "0"
            ],
        ]
    );
}

#[test]
fn the_findings_workbook_in_english_and_by_format_flag() {
    let run = Test::new()
        .file("b.csv", BORGER_CSV)
        .args(&[
            "--lang", "en", "validate", "b.csv", "--format", "xlsx", "-o", "out.bin",
        ])
        .run();
    run.code(1);
    let mut wb: Xlsx<_> = open_workbook(run.dir.join("out.bin")).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Files", "Findings"]);
    let fund = wb.worksheet_range("Findings").unwrap();
    assert_eq!(text(fund.get((0, 6))), "Severity");
    assert_eq!(text(fund.get((1, 6))), "error");
    let no_output = Test::new()
        .file("b.csv", BORGER_CSV)
        .args(&["validate", "b.csv", "--format", "xlsx"])
        .run();
    no_output.code(2);
}
