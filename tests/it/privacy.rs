//! No output in any format holds a CPR number in any form: in file, folder
//! and sheet names, in cells with any separator, as a 9-digit number that
//! lost its leading zero, or echoed from the command line or the config.
//! (All CPR-shaped values here are synthetic test values of the masking.)

use crate::harness::{f, Test};
use rust_xlsxwriter::Workbook;
use std::io::Read;
use std::path::Path;

const HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status";
const ROW: &str = "Aalborg;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;100;990,00;Fortsætter";

/// Every form the synthetic CPR number 010180-1234 could leak in.
const FORMS: [&str; 4] = ["010180", "101801234", "101.801.234", "0101801234"];

fn assert_no_cpr(what: &str, text: &str) {
    for form in FORMS {
        assert!(!text.contains(form), "{what} holds {form}:\n{text}");
    }
}

/// A file's text; for a zip (xlsx) the text of every entry.
fn file_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if !bytes.starts_with(b"PK") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        all.push_str(&String::from_utf8_lossy(&data));
    }
    all
}

/// A takst workbook with a visible sheet and a hidden one, both named with
/// a CPR number (with a no-break space and with an en dash).
fn named_sheets(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Ark 010180\u{a0}1234").unwrap();
    for (r, line) in [HEADER, ROW].iter().enumerate() {
        for (c, v) in line.split(';').enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let hidden = wb.add_worksheet().set_name("010180\u{2013}1234").unwrap();
    hidden.write_string(0, 0, "noter").unwrap();
    hidden.set_hidden(true);
    wb.save(path).unwrap();
}

fn names_test() -> Test {
    Test::new()
        .file(
            "ind_010180\u{2013}1234/takst_010180-1234.csv",
            format!("{HEADER}\n{ROW}\n"),
        )
        .with("ind_010180\u{2013}1234/ark.xlsx", named_sheets)
}

#[test]
fn names_of_files_folders_and_sheets_are_masked_and_reported() {
    let run = names_test()
        .args(&["validate", "--format", "json", "ind_010180\u{2013}1234"])
        .run();
    run.code(1);
    assert_no_cpr("json", &run.stdout);
    let json = run.json();
    let mut paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    assert_eq!(
        paths,
        [
            "ind_******-****/ark.xlsx",
            "ind_******-****/takst_******-****.csv"
        ]
    );
    let found: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["code"].as_str().unwrap().to_string(),
                x["sheet"].as_str().unwrap_or("-").to_string(),
                x["path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let cpr = |sheet: &str, path: &str| {
        (
            "cpr-detected".to_string(),
            sheet.to_string(),
            path.to_string(),
        )
    };
    assert!(
        found.contains(&cpr("-", "ind_******-****/ark.xlsx")),
        "{found:?}"
    );
    assert!(
        found.contains(&cpr("Ark ******-****", "ind_******-****/ark.xlsx")),
        "{found:?}"
    );
    assert!(
        found.contains(&cpr("******-****", "ind_******-****/ark.xlsx")),
        "{found:?}"
    );
    assert!(
        found.contains(&cpr("-", "ind_******-****/takst_******-****.csv")),
        "{found:?}"
    );
    for format in ["text", "csv", "md"] {
        let run = names_test()
            .args(&["validate", "--format", format, "ind_010180\u{2013}1234"])
            .run();
        run.code(1);
        assert_no_cpr(format, &run.stdout);
        assert_no_cpr(format, &run.stderr);
    }
}

#[test]
fn analyses_never_show_a_cpr_shaped_name() {
    for (format, out) in [
        ("text", ""),
        ("json", ""),
        ("csv", ""),
        ("md", ""),
        ("xlsx", "ud.xlsx"),
    ] {
        let mut args = vec!["tilbud", "--format", format, "ind_010180\u{2013}1234"];
        if !out.is_empty() {
            args.extend(["-o", out]);
        }
        let run = names_test().args(&args).run();
        assert_no_cpr(format, &run.stdout);
        assert_no_cpr(format, &run.stderr);
        if !out.is_empty() {
            assert_no_cpr(format, &file_text(&run.dir.join(out)));
        }
    }
}

/// A takst CSV whose Pladser holds what Excel leaves of 0101801234, whose
/// name holds one with an en dash, and whose Takstgrundlag is a real
/// amount of the same digits.
#[test]
fn nine_digits_are_a_cpr_except_in_amounts() {
    let header = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takstgrundlag;Takst;Status";
    let body = [
        header,
        "Aalborg;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;101801234;100;;990,00;Fortsætter",
        "Aalborg;1002;Bo 010180\u{2013}1234;SEL §108;Udviklingshæmmede;Døgntakst;10;100;;990,00;Fortsætter",
        "Aalborg;1003;Bo C;SEL §108;Udviklingshæmmede;Døgntakst;10;100;101.801.234;27.890,75;Fortsætter",
    ]
    .join("\n");
    let run = Test::new()
        .file("takst.csv", &body)
        .args(&["validate", "--format", "json", "takst.csv"])
        .run();
    run.code(1);
    assert_no_cpr("json", &run.stdout.replace("101.801.234 kr", ""));
    let cprs: Vec<_> = run
        .findings()
        .into_iter()
        .filter(|x| x.0 == "cpr-detected")
        .collect();
    assert_eq!(
        cprs,
        vec![
            f("cpr-detected", "G2", "error"),
            f("cpr-detected", "C3", "error")
        ]
    );
    for format in ["json", "csv", "md", "text"] {
        let run = Test::new()
            .file("takst.csv", &body)
            .args(&["tilbud", "--format", format, "takst.csv"])
            .run();
        assert_no_cpr(format, &run.stdout);
    }
}

#[test]
fn pseudonym_masks_a_lost_zero_number_in_another_column() {
    let make = |path: &Path| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "CPR").unwrap();
        ws.write_string(0, 1, "Note").unwrap();
        ws.write_string(0, 2, "Tal").unwrap();
        ws.write_string(1, 0, "150285-4321").unwrap();
        ws.write_number(1, 1, 101_801_234.0).unwrap();
        ws.write_string(1, 2, "101801234").unwrap();
        wb.save(path).unwrap();
    };
    for out in ["ud.csv", "ud.xlsx"] {
        let run = Test::new()
            .with("liste.xlsx", make)
            .args(&[
                "pseudonym",
                "--new-key",
                "k.key",
                "--column",
                "CPR",
                "liste.xlsx",
                "-o",
                out,
            ])
            .run();
        run.code(0);
        assert_no_cpr(out, &run.stdout);
        let text = file_text(&run.dir.join(out));
        assert_no_cpr(out, &text);
        assert!(!text.contains("4321"), "{text}");
        assert!(text.contains("******-****"), "{text}");
    }
}

#[test]
fn command_line_and_config_values_are_masked() {
    let run = Test::new()
        .file("takst.csv", format!("{HEADER}\n{ROW}\n"))
        .args(&["validate", "--schema", "010180-1234", "takst.csv"])
        .run();
    run.code(2);
    assert_no_cpr("--schema", &run.stderr);
    assert!(run.stderr.contains("******-****"), "{}", run.stderr);
    let run = Test::new()
        .with("ark.xlsx", named_sheets)
        .args(&[
            "validate",
            "--format",
            "json",
            "--sheet",
            "010180-1234",
            "ark.xlsx",
        ])
        .run();
    run.code(1);
    assert_no_cpr("--sheet", &run.stdout);
    let run = Test::new()
        .file("mangler_010180-1234.csv", "x")
        .args(&["validate", "findes_ikke_010180-1234.csv"])
        .run();
    run.code(2);
    assert_no_cpr("a missing input", &run.stderr);
    let run = Test::new()
        .file("takst.csv", format!("{HEADER}\n{ROW}\n"))
        .file(
            "ramme.toml",
            "[bilag]\nyear = 2017\ntitle = \"Bilag 010180-1234\"\ntakst = [\"takst.csv\"]\n",
        )
        .args(&["bilag", "--format", "md"])
        .run();
    assert_no_cpr("bilag md", &run.stdout);
    assert_no_cpr("bilag md", &run.stderr);
    assert!(run.stdout.contains("Bilag ******-****"), "{}", run.stdout);
}
