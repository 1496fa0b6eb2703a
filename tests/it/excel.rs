//! `ramme validate` on workbooks as municipalities make them.

use crate::harness::{f, Test};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

const HEADERS: [&str; 11] = [
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

/// A template as a kommune fills it in: a merged title, a note, a blank
/// row, the header in row 4, occupancy as an Excel percent, a hidden
/// helper sheet and a visible notes sheet.
fn template(path: &Path) {
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0%");
    let ws = wb.add_worksheet().set_name("Takster").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        5,
        "Takstindberetning 2017 – Aalborg Kommune",
        &Format::new().set_bold(),
    )
    .unwrap();
    ws.write_string(1, 0, "Beløb i kr.").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    let rows: [(&str, f64, &str, f64, f64, f64); 2] = [
        (
            "Autismecenter Vest",
            410031.0,
            "SEL §108",
            18.0,
            0.97,
            3420.0,
        ),
        ("Bostedet Nord", 410032.0, "§ 107", 0.0, 0.95, 2100.0),
    ];
    for (i, (name, nr, par, places, occ, takst)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_string(r, 0, "Aalborg").unwrap();
        ws.write_number(r, 1, *nr).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, *par).unwrap();
        ws.write_string(r, 4, "Autister").unwrap();
        ws.write_string(r, 5, "Døgntakst").unwrap();
        ws.write_number(r, 6, *places).unwrap();
        ws.write_number_with_format(r, 7, *occ, &pct).unwrap();
        ws.write_number(r, 9, *takst).unwrap();
        ws.write_string(r, 10, "Fortsætter").unwrap();
    }
    // Trailing formatted but empty rows, as templates have.
    for r in 6..40 {
        ws.write_blank(r, 0, &Format::new().set_bold()).unwrap();
    }
    let lists = wb.add_worksheet().set_name("Lister").unwrap();
    lists.write_string(0, 0, "Fortsætter").unwrap();
    // A CPR-shaped value (synthetic, for the masking) left in a hidden sheet.
    lists.write_string(1, 1, "020304-1234").unwrap();
    lists.set_hidden(true);
    let notes = wb.add_worksheet().set_name("Noter").unwrap();
    notes
        .write_string(0, 0, "Husk at udfylde alle felter")
        .unwrap();
    wb.save(path).unwrap();
}

#[test]
fn template_with_title_block_hidden_sheet_and_percent_cells() {
    let run = Test::new()
        .with("takst.xlsx", template)
        .args(&["validate", "--format", "json", "takst.xlsx"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("constraint-error", "G6", "error"),
            f("cpr-detected", "B2", "error"),
            f("schema-unknown", "-", "info"),
        ]
    );
    assert!(!run.stdout.contains("020304"), "CPR leaked");
    let json = run.json();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings[0]["sheet"], "Takster");
    assert_eq!(findings[0]["row"], 6);
    assert_eq!(findings[1]["sheet"], "Lister");
    assert_eq!(findings[2]["sheet"], "Noter");
    let file = &json["files"][0];
    assert_eq!(file["sheet"], "Takster");
    assert_eq!(file["schema"], "takstindberetning");
    assert_eq!(file["rows"], 2);
    assert_eq!(file["format"], "xlsx");
}

#[test]
fn sheet_option_picks_one_sheet() {
    let make = |path: &Path| {
        let mut wb = Workbook::new();
        for (name, people) in [("Januar 2016", 1.0), ("Januar 2017", 40.0)] {
            let ws = wb.add_worksheet().set_name(name).unwrap();
            for (c, h) in ["Kommune", "Befolkning"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            ws.write_string(1, 0, "Læsø").unwrap();
            ws.write_number(1, 1, people - 41.0).unwrap();
        }
        wb.save(path).unwrap();
    };
    let run = Test::new()
        .with("bef.xlsx", make)
        .args(&[
            "validate",
            "--format",
            "json",
            "--sheet",
            "januar 2017",
            "bef.xlsx",
        ])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert_eq!(json["files"][0]["sheet"], "Januar 2017");
    assert_eq!(run.findings(), vec![f("constraint-error", "B2", "error")]);

    let run = Test::new()
        .with("bef.xlsx", make)
        .args(&[
            "validate", "--format", "json", "--sheet", "Marts", "bef.xlsx",
        ])
        .run();
    run.code(1);
    assert_eq!(run.findings(), vec![f("file-error", "-", "error")]);
    assert!(run.json()["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("\"Marts\" findes ikke"));
}

#[test]
fn excel_date_cells_in_the_withdrawal_window() {
    let make = |path: &Path| {
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("dd-mm-yyyy");
        let ws = wb.add_worksheet();
        let headers = [
            "Afsnit",
            "Navn",
            "Kontaktperson",
            "Tilbudsnavn",
            "Indmeldt dato",
            "Begrundelse",
        ];
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (i, (y, m, d)) in [(2020u16, 3u8, 31u8), (2020, 4, 1), (2021, 1, 15)]
            .iter()
            .enumerate()
        {
            let r = 1 + i as u32;
            ws.write_string(r, 0, "Driftsherre").unwrap();
            ws.write_string(r, 1, "Region Nordjylland").unwrap();
            ws.write_string(r, 2, "Kirsten Eksempel").unwrap();
            ws.write_string(r, 3, "Center A").unwrap();
            let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
            ws.write_datetime_with_format(r, 4, &dt, &date).unwrap();
            ws.write_string(r, 5, "Lav belægning").unwrap();
        }
        wb.save(path).unwrap();
    };
    let run = Test::new()
        .with("udmelding.xlsx", make)
        .args(&["validate", "--format", "json", "udmelding.xlsx"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("procedure-error", "E3", "error"),
            f("procedure-error", "E4", "error")
        ]
    );
    assert_eq!(
        run.json()["findings"][0]["message"],
        "Indmeldt dato 01-04-2020 ligger uden for vinduet: udmeldinger kan kun indgives i januar–marts i lige år."
    );
}

#[test]
fn a_tiny_workbook_claiming_the_whole_grid_is_read_in_bounded_memory() {
    let make = |path: &Path| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["Kommune", "Befolkning"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "Rebild").unwrap();
        ws.write_number(1, 1, 29_495).unwrap();
        ws.write_string(1_048_575, 16_383, "sidste celle").unwrap();
        wb.save(path).unwrap();
    };
    let run = Test::new()
        .with("stor.xlsx", make)
        .args(&["validate", "--format", "json", "stor.xlsx"])
        .run();
    run.code(0);
    assert_eq!(
        run.findings(),
        vec![f("unknown-column", "XFD1048576", "warning")]
    );
    // The far cell is outside the table: reported, but not a data row.
    assert_eq!(run.json()["files"][0]["rows"], 1);
}

#[test]
fn a_damaged_workbook_is_a_finding_and_the_run_goes_on() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..200u32 {
        ws.write_string(
            r,
            0,
            format!("række {r} med noget tekst, så filen bliver større"),
        )
        .unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let half = bytes[..bytes.len() / 2].to_vec();
    let run = Test::new()
        .file("a_halv.xlsx", half)
        .file("b_ok.csv", "Kommune;Befolkning\nLæsø;1803\n")
        .args(&["validate", "--format", "json", "a_halv.xlsx", "b_ok.csv"])
        .run();
    run.code(1);
    assert_eq!(run.findings(), vec![f("file-error", "-", "error")]);
    let json = run.json();
    assert!(json["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with(
            "Filen kan ikke læses: filen er ikke en gyldig Excel-fil (zip-arkivet er ufuldstændigt"
        ));
    assert_eq!(json["files"][1]["schema"], "befolkning");
    assert_eq!(json["files"][1]["rows"], 1);
}

#[test]
fn no_colour_with_no_color_even_for_text() {
    let run = Test::new()
        .file("b.csv", "Kommune;Befolkning\nLæsø;-1\n")
        .env("NO_COLOR", "1")
        .args(&["validate", "b.csv"])
        .run();
    run.code(1);
    assert!(!run.stdout.contains('\x1b'));
    assert!(run
        .stdout
        .contains("✗ b.csv  befolkning · 1 række (UTF-8, semikolon)"));
}

/// Colour only on a terminal: run under `script`, which gives a pty.
#[test]
fn colour_on_a_terminal_unless_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.csv");
    std::fs::write(&file, "Kommune;Befolkning\nLæsø;-1\n").unwrap();
    let command = format!(
        "{} validate {}",
        env!("CARGO_BIN_EXE_ramme"),
        file.display()
    );
    let run = |no_color: bool| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec", &command, "/dev/null"]);
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd
            .output()
            .expect("script (util-linux) runs the binary on a pty");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let coloured = run(false);
    assert!(coloured.contains("\x1b[31mfejl"), "{coloured:?}");
    let plain = run(true);
    assert!(plain.contains("fejl     B2"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}
