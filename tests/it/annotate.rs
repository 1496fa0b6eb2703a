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
        // The second row's occupancy as an Excel percent cell (0,95 shown as 95 %).
        if i == 0 {
            ws.write_number(r, 7, 95.0).unwrap();
        } else {
            let pct = Format::new().set_num_format("0%");
            ws.write_number_with_format(r, 7, 0.95, &pct).unwrap();
        }
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
PK-BBBBBBBBBBBBBBBB;;860011;SEL §108;2.150,00;31;66.650,00\n\
PK-CCCCCCCCCCCCCCCC;Frederikshavn;860011;SEL §108;2.150,00;31;70.000,00\n";

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
                "3",
                "2",
                "1"
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

/// Every text in every cell of every sheet, and every note, of a workbook.
fn all_text(path: &Path) -> String {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for (_, _, cell) in range.used_cells() {
            out.push_str(&text(Some(cell)));
            out.push('\n');
        }
    }
    out.push_str(&notes(path));
    out
}

/// The notes' XML of a workbook (calamine does not read notes).
fn notes(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if entry.name().is_ok_and(|n| n.starts_with("xl/comments")) {
            std::io::Read::read_to_string(&mut entry, &mut out).unwrap();
        }
    }
    out
}

/// The fill colour of a cell (0-based row and column) as "RRGGBB".
fn fill(
    wb: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    row: u32,
    col: u32,
) -> String {
    let styles = wb.worksheet_style(sheet).unwrap();
    styles
        .get((row, col))
        .and_then(|s| s.fill.as_ref())
        .and_then(|f| f.foreground_color.or(f.background_color))
        .map(|c| format!("{:02X}{:02X}{:02X}", c.red, c.green, c.blue))
        .unwrap_or_default()
}

/// The number format of a cell (0-based row and column).
fn number_format(
    wb: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    row: u32,
    col: u32,
) -> String {
    let styles = wb.worksheet_style(sheet).unwrap();
    styles
        .get((row, col))
        .and_then(|s| s.number_format.as_ref())
        .map_or_else(|| "General".to_string(), |f| f.format_code.clone())
}

#[test]
fn an_annotated_workbook_marks_the_cells_and_lists_the_findings() {
    let run = Test::new()
        .with("takst_hjoerring.xlsx", takst_xlsx)
        .args(&["validate", "takst_hjoerring.xlsx", "--annotate", "ret"])
        .run();
    run.code(1);
    assert!(run.stderr.contains("Rettelser skrevet"), "{}", run.stderr);
    let path = run.dir.join("ret/takst_hjoerring.xlsx-rettelser.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    // The hidden sheet is not copied.
    assert_eq!(wb.sheet_names(), vec!["Rettelser", "Takster"]);

    let copy = wb.worksheet_range("Takster").unwrap();
    assert_eq!(
        copy.get_value((0, 0)),
        Some(&Data::String(
            "Takstindberetning 2017 – Hjørring Kommune".into()
        ))
    );
    assert_eq!(copy.get_value((3, 1)), Some(&Data::Float(860011.0)));
    assert_eq!(copy.get_value((3, 6)), Some(&Data::Float(0.0)));
    assert_eq!(
        copy.get_value((4, 9)),
        Some(&Data::String("1.950,5,0".into()))
    );
    // Errors red, the rest as it was.
    assert_eq!(fill(&mut wb, "Takster", 3, 6), "FFC7CE");
    assert_eq!(fill(&mut wb, "Takster", 4, 9), "FFC7CE");
    assert_eq!(fill(&mut wb, "Takster", 3, 9), "");
    // A percent cell is shown as a percent again; a plain number is not.
    assert_eq!(number_format(&mut wb, "Takster", 4, 7), "0%");
    assert_eq!(number_format(&mut wb, "Takster", 3, 7), "General");

    let list = wb.worksheet_range("Rettelser").unwrap();
    let rows: Vec<Vec<String>> = list
        .rows()
        .map(|r| (0..8).map(|c| text(r.get(c))).collect())
        .collect();
    assert!(rows[0][0].starts_with("Rettelser til takst_hjoerring.xlsx"));
    assert!(
        rows[1][0].starts_with("Afsender: Hjørring Kommune. Filen har 2 rækker, 3 fejl"),
        "{:?}",
        rows[1]
    );
    let header = rows
        .iter()
        .position(|r| r[0] == "Celle")
        .expect("header row");
    assert_eq!(
        rows[header],
        [
            "Celle",
            "Ark",
            "Række",
            "Kolonne",
            "Alvor",
            "Kode",
            "Besked",
            "Forventet"
        ]
    );
    let findings: Vec<Vec<&str>> = rows[header + 1..]
        .iter()
        .map(|r| {
            vec![
                r[0].as_str(),
                r[1].as_str(),
                r[4].as_str(),
                r[5].as_str(),
                r[7].as_str(),
            ]
        })
        .collect();
    assert_eq!(
        findings,
        vec![
            vec!["G4", "Takster", "fejl", "constraint-error", ""],
            vec![
                "J5",
                "Takster",
                "fejl",
                "type-error",
                "et tal som 1.234,50 eller 1234,5"
            ],
            vec![
                "A1",
                "Lister",
                "fejl",
                "cpr-detected",
                "en pseudonym personkode (ramme pseudonym), aldrig et CPR-nummer"
            ],
        ]
    );
    // The cells link to the copy; the hidden sheet's finding has no link.
    let links: Vec<String> = wb
        .hyperlinks_by_sheet_name("Rettelser")
        .unwrap()
        .iter()
        .map(|l| l.location.clone().unwrap_or_default())
        .collect();
    assert_eq!(links, vec!["'Takster'!G4", "'Takster'!J5"]);
    let notes = notes(&path);
    assert!(
        notes.contains("Fejl: Pladser: 0 skal være større end 0."),
        "{notes}"
    );
    assert!(
        notes.contains("Fejl: Takst: \"1.950,5,0\" kan ikke læses"),
        "{notes}"
    );
    assert_eq!(notes.matches("<comment ").count(), 2, "{notes}");
    assert!(!all_text(&path).contains("020304"), "CPR leaked");

    let letter =
        std::fs::read_to_string(run.dir.join("ret/takst_hjoerring.xlsx-rettelser.txt")).unwrap();
    assert!(
        letter.starts_with("Emne: Rettelser til takst_hjoerring.xlsx\n"),
        "{letter}"
    );
    assert!(letter.contains("Kære Hjørring Kommune"), "{letter}");
    assert!(
        letter.contains("den har 2 rækker, 3 fejl og 0 advarsler"),
        "{letter}"
    );
    assert!(
        letter.contains("- ark Takster, G4: Pladser: 0 skal være større end 0."),
        "{letter}"
    );
    assert!(letter.contains("send hele filen igen"), "{letter}");
    assert!(!letter.contains("020304"), "CPR leaked");
}

#[test]
fn a_csv_becomes_a_workbook_with_the_cpr_cell_masked() {
    let run = Test::new()
        .file("ind/borger_frederikshavn.csv", BORGER_CSV)
        .file(
            "ramme.toml",
            "[status]\ndeadline = \"15-02-2017\"\n\n[[status.sender]]\nname = \"Frederikshavn Kommune\"\ncontact = \"Jens Eksempel\"\nemail = \"je@example.dk\"\n",
        )
        .args(&["validate", "ind", "--annotate", "ret"])
        .run();
    run.code(1);
    let path = run.dir.join("ret/borger_frederikshavn.csv-rettelser.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Rettelser", "borger_frederikshavn"]);
    let copy = wb.worksheet_range("borger_frederikshavn").unwrap();
    assert_eq!(
        copy.get_value((0, 0)),
        Some(&Data::String("Personkode".into()))
    );
    assert_eq!(
        copy.get_value((1, 0)),
        Some(&Data::String("******-****".into()))
    );
    // Plain numbers of a CSV are numbers again.
    assert_eq!(copy.get_value((1, 4)), Some(&Data::Float(2150.0)));
    assert_eq!(
        copy.get_value((1, 3)),
        Some(&Data::String("SEL §108".into()))
    );
    // The blank required cell is marked too.
    assert_eq!(fill(&mut wb, "borger_frederikshavn", 2, 1), "FFC7CE");
    assert_eq!(fill(&mut wb, "borger_frederikshavn", 1, 0), "FFC7CE");
    // A warning is yellow.
    assert_eq!(fill(&mut wb, "borger_frederikshavn", 3, 6), "FFEB9C");
    assert_eq!(fill(&mut wb, "borger_frederikshavn", 3, 5), "");
    let text = all_text(&path);
    assert!(!text.contains("010203"), "CPR leaked");
    assert!(text.contains("Betalingskommune skal udfyldes."), "{text}");

    let letter =
        std::fs::read_to_string(run.dir.join("ret/borger_frederikshavn.csv-rettelser.txt"))
            .unwrap();
    assert!(letter.contains("Kære Jens Eksempel"), "{letter}");
    assert!(letter.contains("fra Frederikshavn Kommune"), "{letter}");
    assert!(letter.contains("senest 15-02-2017"), "{letter}");
    assert!(letter.contains("- A2: "), "{letter}");
    assert!(
        letter.contains("Advarsler (se venligst efter, og ret dem, der er forkerte):\n- G4: Udgift 70.000,00 kr."),
        "{letter}"
    );
    assert!(!letter.contains("010203"), "CPR leaked");
}

#[test]
fn clean_files_get_no_file_and_targets_are_never_overwritten() {
    let clean = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Takst;Dage;Udgift\n\
PK-AAAAAAAAAAAAAAAA;Hjørring;860011;SEL §108;2.150,00;31;66.650,00\n";
    let make = || {
        Test::new()
            .file("ind/a_ren.csv", clean)
            .file("ind/b_fejl.csv", BORGER_CSV)
            .file("ret/b_fejl.csv-rettelser.txt", "gammel")
    };
    let refused = make().args(&["validate", "ind", "--annotate", "ret"]).run();
    refused.code(2);
    assert!(
        refused.stderr.contains(
            "b_fejl.csv-rettelser.txt findes allerede; ramme overskriver ikke (brug --force"
        ),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(refused.dir.join("ret/b_fejl.csv-rettelser.txt")).unwrap(),
        "gammel"
    );
    assert!(!refused.dir.join("ret/b_fejl.csv-rettelser.xlsx").exists());

    let forced = make()
        .args(&["validate", "ind", "--annotate", "ret", "--force"])
        .run();
    forced.code(1);
    assert!(
        forced
            .stderr
            .contains("Ingen fund i ind/a_ren.csv: ingen rettelsesfil."),
        "{}",
        forced.stderr
    );
    let mut made: Vec<String> = std::fs::read_dir(forced.dir.join("ret"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    assert_eq!(
        made,
        vec!["b_fejl.csv-rettelser.txt", "b_fejl.csv-rettelser.xlsx"]
    );
    assert_ne!(
        std::fs::read_to_string(forced.dir.join("ret/b_fejl.csv-rettelser.txt")).unwrap(),
        "gammel"
    );
    // Only clean files: nothing is written, not even the folder.
    let none = Test::new()
        .file("a.csv", clean)
        .args(&["validate", "a.csv", "--annotate", "ret"])
        .run();
    none.code(0);
    assert!(!none.dir.join("ret").exists());
}

#[test]
fn annotations_in_english() {
    let run = Test::new()
        .with("t.xlsx", takst_xlsx)
        .args(&["--lang", "en", "validate", "t.xlsx", "--annotate", "."])
        .run();
    run.code(1);
    let path = run.dir.join("t.xlsx-rettelser.xlsx");
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Corrections", "Takster"]);
    let notes = notes(&path);
    assert!(
        notes.contains("Error: Pladser: 0 must be greater than 0."),
        "{notes}"
    );
    let letter = std::fs::read_to_string(run.dir.join("t.xlsx-rettelser.txt")).unwrap();
    assert!(
        letter.starts_with("Subject: Corrections to t.xlsx"),
        "{letter}"
    );
}

#[test]
fn the_letter_lists_30_findings_and_counts_the_rest() {
    let letter_for = |n: usize| {
        let mut csv =
            String::from("Personkode;Betalingskommune;Tilbudsnr;Paragraf;Takst;Dage;Udgift\n");
        for i in 0..n {
            csv.push_str(&format!(
                "PK-AAAAAAAAAAAA{i:04};;860011;SEL §108;2.150,00;31;66.650,00\n"
            ));
        }
        let run = Test::new()
            .file("b.csv", csv)
            .args(&["validate", "b.csv", "--annotate", "ret"])
            .run();
        run.code(1);
        std::fs::read_to_string(run.dir.join("ret/b.csv-rettelser.txt")).unwrap()
    };
    let thirty = letter_for(30);
    assert_eq!(thirty.matches("skal udfyldes.").count(), 30, "{thirty}");
    assert!(!thirty.contains("fund mere"), "{thirty}");
    let more = letter_for(31);
    assert_eq!(more.matches("skal udfyldes.").count(), 30, "{more}");
    assert!(
        more.contains("… og 1 fund mere; de står alle i regnearket."),
        "{more}"
    );
}

#[test]
fn ramme_never_reads_its_own_workbooks_back() {
    let run = Test::new()
        .with("ind/takst_hjoerring.xlsx", takst_xlsx)
        .args(&["validate", "ind", "--annotate", "ind"])
        .run();
    run.code(2);
    assert!(
        run.stderr.contains("er en af inddatamapperne"),
        "{}",
        run.stderr
    );
    // The marked copy and the report put into an inbox are set aside.
    let test = Test::new().with("ind/takst_hjoerring.xlsx", takst_xlsx);
    let first = test
        .args(&["validate", "ind", "--annotate", "ret", "-o", "rapport.xlsx"])
        .run();
    first.code(1);
    let again = Test::new()
        .with("ind/takst_hjoerring.xlsx", takst_xlsx)
        .with("ind/takst_hjoerring.xlsx-rettelser.xlsx", |p| {
            std::fs::copy(first.dir.join("ret/takst_hjoerring.xlsx-rettelser.xlsx"), p).unwrap();
        })
        .with("ind/rapport.xlsx", |p| {
            std::fs::copy(first.dir.join("rapport.xlsx"), p).unwrap();
        })
        .args(&["validate", "ind", "--format", "json"])
        .run();
    again.code(1);
    let json = again.json();
    let codes: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        codes.contains(&("ind/rapport.xlsx".into(), "ramme-output".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(
            "ind/takst_hjoerring.xlsx-rettelser.xlsx".into(),
            "ramme-output".into()
        )),
        "{codes:?}"
    );
    // The kommune's rows are counted once: no key repeated across files.
    assert!(!codes.iter().any(|(_, c)| c == "unique-error"), "{codes:?}");
}
