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
            "Takstreduktion",
            "Takster pr. tilbud",
            "Takstanalyse",
            "Over-underskud",
            "Udgiftsmonitorering",
            "Borgere",
            "Brug af tilbud",
            "Belægning advarsel",
            "Kriterier",
            "Udmeldinger",
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

/// The sheets' XML, by sheet name, read back from the saved workbook.
pub fn sheet_xml(path: &std::path::Path) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let workbook = read("xl/workbook.xml");
    let names: Vec<String> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|s| s.replace("&amp;", "&"))
        .collect();
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| (name, read(&format!("xl/worksheets/sheet{}.xml", i + 1))))
        .collect()
}

/// Every sheet: A4, a footer with the title, date and "Side X af Y".
pub fn assert_printable(sheets: &[(String, String)], title: &str, date: &str) {
    assert!(!sheets.is_empty());
    for (name, xml) in sheets {
        assert!(xml.contains("<pageSetup paperSize=\"9\""), "{name}: not A4");
        let footer = xml
            .split("<oddFooter>")
            .nth(1)
            .and_then(|f| f.split("</oddFooter>").next())
            .unwrap_or_else(|| panic!("{name}: no footer"));
        assert!(footer.contains(title), "{name}: {footer}");
        assert!(footer.contains(date), "{name}: {footer}");
        assert!(footer.contains("Side &amp;P af &amp;N"), "{name}: {footer}");
    }
}

#[test]
fn every_sheet_prints_on_a4_with_a_footer_and_wrapped_rows_fit() {
    let run = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&["--config", &config(), "bilag", "-o", "bilag.xlsx"])
        .run();
    run.code(0);
    let sheets = sheet_xml(&run.dir.join("bilag.xlsx"));
    assert_printable(
        &sheets,
        "Bilag til DAS – rammeaftalen 2017 (syntetiske eksempeldata)",
        "14-11-2023",
    );
    // "Udgående tilbud" has remarks that wrap: their rows are made taller
    // (three lines or more for the longest "Erstattes af"), the others not.
    let (_, leaving) = sheets.iter().find(|(n, _)| n == "Udgående tilbud").unwrap();
    let heights: Vec<f64> = leaving
        .split("<row ")
        .skip(1)
        .filter_map(|r| r.split(" ht=\"").nth(1))
        .filter_map(|h| h.split('"').next())
        .filter_map(|h| h.parse().ok())
        .collect();
    assert!(heights.iter().any(|h| *h >= 3.0 * 13.0), "{heights:?}");
}

#[test]
fn no_sheet_holds_an_empty_table_or_command_line_words() {
    let run = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&["--config", &config(), "bilag", "-o", "bilag.xlsx"])
        .run();
    run.code(0);
    let path = run.dir.join("bilag.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    // The two checks against last year found nothing: a sentence says so,
    // under a title without "Advarsel", on the page of the counts.
    let counts = wb.worksheet_range("Pr. driftsherre").unwrap();
    let texts: Vec<String> = counts
        .used_cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(texts
        .iter()
        .any(|t| t == "Tilbud fra sidste år, der mangler uden at være meldt ud"));
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Ingen: alle sidste års tilbud")));
    assert!(
        !texts.iter().any(|t| t.starts_with("Advarsel")),
        "{texts:?}"
    );
    // Every header row (a row whose first cell is a known header) is
    // followed by data, and nothing DAS reads names a command or a flag.
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for (_, _, d) in range.used_cells() {
            if let Data::String(s) = d {
                assert!(!s.contains("--"), "{name}: {s}");
                assert!(!s.contains("ramme validate"), "{name}: {s}");
                assert_ne!(s, "Række", "{name}");
            }
        }
    }
    let udmelding = wb.worksheet_range("Udmeldinger").unwrap();
    assert_eq!(
        udmelding.get_value((2, 0)),
        Some(&Data::String("Afsnit".into())),
        "no meaningless row column"
    );
}

#[test]
fn the_takst_workbook_has_the_annex_chart_and_prints_like_it() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let run = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(&[
            "takst",
            &format!("{dir}/examples/2017"),
            "--previous",
            &format!("{dir}/examples/2016"),
            "--required",
            "1",
            "-o",
            "takst.xlsx",
        ])
        .run();
    run.code(0);
    assert!(run.stderr.contains("Skrev takst.xlsx."), "{}", run.stderr);
    let path = run.dir.join("takst.xlsx");
    let zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let charts = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/charts/chart"))
        .count();
    assert_eq!(charts, 1);
    assert_printable(
        &sheet_xml(&path),
        "Takstudvikling pr. driftsherre",
        "14-11-2023",
    );
}
