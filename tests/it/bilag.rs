//! `ramme bilag` on the shipped example config.

use crate::harness::Test;
use calamine::{open_workbook, Data, Reader, Xlsx};

fn config() -> String {
    format!("{}/examples/ramme.toml", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_sheet_with_the_right_figures_and_charts() {
    let run = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&["--config", &config(), "bilag", "-o", "bilag.xlsx"])
        .run();
    run.code(0);
    let path = run.dir.join("bilag.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Forside",
            "Validering",
            "Nye tilbud",
            "Udgående tilbud",
            "Pr. driftsherre",
            "Forsvundne",
            "Ikke anmeldt",
            "Takstreduktion",
            "Takster pr. tilbud",
            "Takstanalyse",
            "Udgiftsmonitorering",
            "Pr. betalingskommune",
            "Borgere",
            "Brug af tilbud",
            "Belægning advarsel",
            "Brugerrater",
            "Kriterier",
            "Udmeldinger",
            "Årshjul",
            "Objektiv finansiering",
        ]
    );
    let front = wb.worksheet_range("Forside").unwrap();
    assert_eq!(
        front.get_value((0, 0)),
        Some(&Data::String(
            "Bilag til DAS – rammeaftalen 2017 (syntetiske eksempeldata)".into()
        ))
    );
    assert_eq!(
        front.get_value((3, 1)),
        Some(&Data::String("14-11-2023".into()))
    );
    // Objective financing: Børnehus Nord's 2.628.200 kr. in the total row.
    let fin = wb.worksheet_range("Objektiv finansiering").unwrap();
    let total_row = (0..30u32)
        .find(|r| fin.get_value((*r, 0)) == Some(&Data::String("I alt".into())))
        .unwrap();
    assert_eq!(
        fin.get_value((total_row, 3)),
        Some(&Data::Float(2_628_200.0))
    );
    // Tariff reduction: the region's change weighted by yearly sales (the
    // 31 % rise of Autismecenter Vestergaard, 6.372,9 days a year, shows),
    // saved as a value.
    let takst = wb.worksheet_range("Takstreduktion").unwrap();
    let region = (0..30u32)
        .find(|r| takst.get_value((*r, 0)) == Some(&Data::String("Regionen i alt".into())))
        .unwrap();
    match takst.get_value((region, 2)) {
        Some(Data::Float(f)) => assert!((f - 0.042_91).abs() < 0.000_01, "{f}"),
        other => panic!("{other:?}"),
    }
    // Two charts: tariff change per driftsherre, effects against targets.
    let zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let charts = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/charts/chart"))
        .count();
    assert_eq!(charts, 2);
}

#[test]
fn same_inputs_same_bytes_and_markdown_for_the_agenda() {
    let first = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&["--config", &config(), "bilag", "-o", "a.xlsx"])
        .run();
    first.code(0);
    let second = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&["--config", &config(), "bilag", "-o", "b.xlsx"])
        .run();
    second.code(0);
    let a = std::fs::read(first.dir.join("a.xlsx")).unwrap();
    let b = std::fs::read(second.dir.join("b.xlsx")).unwrap();
    assert_eq!(a, b, "same inputs, same bytes");

    let md = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&["--config", &config(), "bilag", "--format", "md"])
        .run();
    md.code(0);
    assert!(md.stdout.starts_with("# Bilag til DAS – rammeaftalen 2017"));
    assert!(md.stdout.contains("## Takstreduktion"));
    assert!(
        md.stdout
            .contains("| **Regionen i alt** | **9** | **4,29 %** |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("2.628.200,00 kr."));
}

#[test]
fn without_a_bilag_section_it_says_so() {
    let run = Test::new()
        .file("ramme.toml", "lang = \"da\"\n")
        .args(&["bilag", "-o", "x.xlsx"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("[bilag]"), "{}", run.stderr);
}
