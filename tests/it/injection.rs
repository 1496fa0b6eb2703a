//! CSV injection: text that Excel would run as a formula is written to
//! every CSV output with a leading `'`; numbers stay numbers; xlsx outputs
//! keep such text as strings.

use crate::harness::Test;
use std::io::Read;

const TAKST_HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status";

/// Text Excel would run as a formula, in a Tilbudsnavn and a header.
fn formula_takst() -> String {
    [
        format!("{TAKST_HEADER};+1+1"),
        "Aalborg;1001;=HYPERLINK(\"http://x\",\"klik\");SEL §108;Udviklingshæmmede;Døgntakst;10;100;990,00;Ny;x".into(),
        "Aalborg;1002;@SUM(A1);SEL §108;Udviklingshæmmede;Døgntakst;10;100;990,00;Ny;x".into(),
    ]
    .join("\n")
}

/// The fields of a CSV (`,` or `;`) output, unquoted.
fn csv_fields(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_outputs_never_start_a_formula() {
    let run = Test::new()
        .file("takst.csv", formula_takst())
        .args(&["tilbud", "-o", "t.csv", "takst.csv"])
        .run();
    run.code(0);
    let text = std::fs::read_to_string(run.dir.join("t.csv")).unwrap();
    let fields = csv_fields(&text, b',');
    let all: Vec<&str> = fields.iter().flatten().map(String::as_str).collect();
    assert!(
        all.contains(&"'=HYPERLINK(\"http://x\",\"klik\") (SEL §108)"),
        "{text}"
    );
    assert!(all.contains(&"'@SUM(A1) (SEL §108)"), "{text}");
    assert!(
        !all.iter()
            .any(|f| f.starts_with(['=', '+', '@', '\t', '\r'])),
        "{text}"
    );
    // validate --format csv: the unknown header "+1+1" is a column.
    let run = Test::new()
        .file("takst.csv", formula_takst())
        .args(&["validate", "--format", "csv", "takst.csv"])
        .run();
    let fields = csv_fields(&run.stdout, b',');
    let unknown: Vec<_> = fields.iter().filter(|r| r[0] == "unknown-column").collect();
    assert_eq!(unknown.len(), 1, "{}", run.stdout);
    assert_eq!(unknown[0][5], "'+1+1");
}

#[test]
fn pseudonym_csv_is_safe_and_xlsx_keeps_strings() {
    let list = "CPR;Note;Tal\n150285-4321;=cmd|' /C calc'!A0;-5\n";
    let run = Test::new()
        .file("liste.csv", list)
        .args(&[
            "pseudonym",
            "--new-key",
            "k.key",
            "--column",
            "CPR",
            "liste.csv",
            "-o",
            "p.csv",
        ])
        .run();
    run.code(0);
    let text = std::fs::read_to_string(run.dir.join("p.csv")).unwrap();
    let fields = csv_fields(&text, b';');
    assert_eq!(fields[1][1], "'=cmd|' /C calc'!A0");
    assert_eq!(fields[1][2], "-5");
    let run = Test::new()
        .file("liste.csv", list)
        .args(&[
            "pseudonym",
            "--new-key",
            "k.key",
            "--column",
            "CPR",
            "liste.csv",
            "-o",
            "p.xlsx",
        ])
        .run();
    run.code(0);
    let bytes = std::fs::read(run.dir.join("p.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(!sheet.contains("<f>"), "{sheet}");
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(run.dir.join("p.xlsx")).unwrap();
    let range = wb.worksheet_range("Borgerliste").unwrap();
    assert_eq!(
        range.get_value((1, 1)),
        Some(&Data::String("=cmd|' /C calc'!A0".into()))
    );
}
