//! `ramme skabelon`, `init`, `completions`, `manpage`.

use crate::harness::Test;
use std::io::Read;

const SCHEMAS: [&str; 5] = [
    "takstindberetning",
    "borgerliste",
    "kriterievurdering",
    "udmelding",
    "befolkning",
];

#[test]
fn every_template_is_recognised_and_has_a_check_on_every_column() {
    for name in SCHEMAS {
        let run = Test::new().args(&["skabelon", name, "-o", "s.xlsx"]).run();
        run.code(0);
        let path = run.dir.join("s.xlsx");
        let check = std::process::Command::new(env!("CARGO_BIN_EXE_ramme"))
            .args(["validate", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(check.status.code(), Some(0), "{name}");
        let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        assert_eq!(json["files"][0]["schema"], name);
        assert_eq!(json["summary"]["errors"], 0, "{name}");
        // One data validation (dropdown, number check or input note) per column.
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let validations = xml.matches("<dataValidation ").count();
        let notes = {
            let mut comments = String::new();
            zip.by_name("xl/comments1.xml")
                .unwrap()
                .read_to_string(&mut comments)
                .unwrap();
            comments.matches("<comment ").count()
        };
        assert_eq!(
            validations, notes,
            "{name}: a note and a validation per column"
        );
        assert!(validations >= 2, "{name}");
    }
}

#[test]
fn a_filled_template_validates_clean() {
    let run = Test::new()
        .args(&["skabelon", "takstindberetning", "-o", "s.xlsx"])
        .run();
    run.code(0);
    use calamine::{open_workbook, Data, Reader, SheetVisible, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(run.dir.join("s.xlsx")).unwrap();
    let lists = wb
        .sheets_metadata()
        .iter()
        .find(|s| s.name == "Lister")
        .unwrap()
        .visible;
    assert_eq!(lists, SheetVisible::Hidden);
    let range = wb.worksheet_range("Takstindberetning").unwrap();
    let headers: Vec<String> = (0..16)
        .filter_map(|c| match range.get_value((3, c)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(headers.first().map(String::as_str), Some("Driftsherre"));
    // Fill in one row the way the dropdowns offer it.
    let value = |h: &str| match h {
        "Driftsherre" => "Aalborg",
        "Tilbudsnr" => "410031",
        "Tilbudsnavn" => "Autismecenter Vest",
        "Paragraf" => "SEL §108",
        "Målgruppe" => "Autister",
        "Taksttype" => "Døgntakst",
        "Pladser" => "18",
        "Belægningsprocent" => "97",
        "Takstgrundlag" => "21.723.960,00",
        "Takst" => "3.420,00",
        "Takst forrige år" => "3.400,00",
        "Status" => "Fortsætter",
        "Forstærket samarbejde" => "ja",
        "År" => "2017",
        _ => "",
    };
    let csv = format!(
        "{}\n{}\n",
        headers.join(";"),
        headers
            .iter()
            .map(|h| value(h))
            .collect::<Vec<_>>()
            .join(";")
    );
    let run = Test::new()
        .file("udfyldt.csv", csv)
        .args(&["validate", "--format", "json", "udfyldt.csv"])
        .run();
    run.code(0);
    assert_eq!(run.findings(), vec![]);
}

#[test]
fn init_completions_and_manpage() {
    let run = Test::new().args(&["init"]).run();
    run.code(0);
    let config = std::fs::read_to_string(run.dir.join("ramme.toml")).unwrap();
    assert!(config.contains("[samarbejde]"));
    // The starter config is valid: a run with it works.
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_ramme"))
        .args(["finansiering", "--amount", "100", "b.csv"])
        .current_dir(&run.dir)
        .output()
        .unwrap();
    // b.csv does not exist: a usage error, not a config error.
    assert_eq!(check.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&check.stderr).contains("ramme.toml"));
    // A second init never overwrites.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_ramme"))
        .arg("init")
        .current_dir(&run.dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));

    let run = Test::new().args(&["completions", "bash"]).run();
    run.code(0);
    assert!(run.stdout.contains("_ramme()"));
    assert!(run.stdout.contains("udgift"));
    let run = Test::new().args(&["manpage"]).run();
    run.code(0);
    assert!(
        run.stdout.starts_with(".ie"),
        "{}",
        &run.stdout[..40.min(run.stdout.len())]
    );
    assert!(run.stdout.contains("validate"));
}
