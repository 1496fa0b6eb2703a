//! `ramme regulering` and the `regnskab` submission: over-/underskud of
//! year N's accounts against the Regulering of year N+2's reports; every
//! figure computed by hand in the comments.

use crate::harness::Test;
use serde_json::{json, Value};

const REGNSKAB_HEADER: &str = "Driftsherre;Tilbudsnr;Paragraf;Taksttype;År;Budgetteret takstgrundlag;Faktiske omkostninger;Indtægter;Overført fra tidligere år";
const TAKST_HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Regulering";

/// Accounts of 2015: one offer per case, basis 10.000.000 unless said.
fn regnskab() -> String {
    [
        REGNSKAB_HEADER,
        // 1: domain.md's example: 800.000 = 8 %; 500.000 carried, −300.000 due.
        "Aalborg;1001;SEL §107;Døgntakst;2015;10.000.000,00;10.000.000,00;10.800.000,00;",
        // 2: an underskud of 7 %: +200.000 due.
        "Aalborg ÆH;1002;SEL §108;Døgntakst;2015;10.000.000,00;10.000.000,00;9.300.000,00;",
        // 3: exactly 5 %: none needed.
        "Hjørring;2001;SEL §107;Døgntakst;2015;10.000.000,00;10.000.000,00;10.500.000,00;",
        // 4: 5,01 %: −1.000 due; the report regulates −1.010 (1 %): ok.
        "Hjørring;2002;SEL §107;Døgntakst;2015;10.000.000,00;10.000.000,00;10.501.000,00;",
        // 5: 8 % again; the report regulates −303.001: wrong size.
        "Hjørring;2003;SEL §107;Døgntakst;2015;10.000.000,00;10.000.000,00;10.800.000,00;",
        // 6: 8 %, regulated +300.000: wrong sign.
        "Rebild;3001;SEL §107;Døgntakst;2015;10.000.000,00;10.000.000,00;10.800.000,00;",
        // 7: 100.000 + 150.000 carried in = 250.000 = 6,25 % of 4.000.000:
        //    200.000 carried, −50.000 due; the report's cell is empty: missing.
        "Rebild;3002;SEL §107;Dagtakst;2015;4.000.000,00;4.000.000,00;4.100.000,00;150.000,00",
        // 8: 10 % of 1.000.000, −50.000 due; no report in 2017: no report.
        "Rebild;3003;SEL §107;Døgntakst;2015;1.000.000,00;1.000.000,00;1.100.000,00;",
    ]
    .join("\n")
}

fn takster() -> String {
    [
        TAKST_HEADER,
        "Aalborg;1001;Et;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;Fortsætter;-300.000,00",
        // 198.000 is exactly 1 % below +200.000: ok.
        "Aalborg ÆH;1002;To;SEL §108;Udviklingshæmmede;Døgntakst;10;100;2.000,00;Fortsætter;198.000,00",
        "Hjørring;2001;Tre;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;Fortsætter;",
        "Hjørring;2002;Fire;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;Fortsætter;-1.010,00",
        "Hjørring;2003;Fem;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;Fortsætter;-303.001,00",
        "Rebild;3001;Seks;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;Fortsætter;300.000",
        "Rebild;3002;Syv;SEL §107;Sindslidende;Dagtakst;10;100;500,00;Fortsætter;",
        // A regulation of an offer without accounts is listed.
        "Rebild;3004;Otte;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;Ny;-7.000",
    ]
    .join("\n")
}

fn fixture() -> Test {
    Test::new()
        .file("2015/regnskab_2015.csv", regnskab())
        .file("2017/takst_2017.csv", takster())
}

fn offer(j: &Value, tilbudsnr: &str) -> Value {
    j["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["tilbudsnr"] == tilbudsnr)
        .cloned()
        .unwrap_or_else(|| panic!("no offer {tilbudsnr}"))
}

#[test]
fn every_status_with_exact_figures() {
    let run = fixture()
        .args(&[
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["threshold_pct"], 5);
    assert_eq!(j["tolerance_pct"], 1);
    assert_eq!(j["years"], json!({"regnskab": 2015, "takst": 2017}));
    assert_eq!(
        offer(&j, "1001"),
        json!({
            "driftsherre": "Aalborg", "kommune": "Aalborg", "tilbudsnr": "1001",
            "tilbudsnavn": "Et", "paragraf": "SEL §107", "taksttype": "Døgntakst",
            "basis": 10_000_000, "result": 800_000, "result_pct": 8,
            "carry": 500_000, "to_regulate": -300_000, "regulated": -300_000,
            "status": "ok",
        })
    );
    let figures = |nr: &str| {
        let o = offer(&j, nr);
        (
            o["result"].clone(),
            o["result_pct"].clone(),
            o["carry"].clone(),
            o["to_regulate"].clone(),
            o["regulated"].clone(),
            o["status"].as_str().unwrap().to_string(),
        )
    };
    let st = |s: &str| s.to_string();
    assert_eq!(
        figures("1002"),
        (
            json!(-700_000),
            json!(-7),
            json!(-500_000),
            json!(200_000),
            json!(198_000),
            st("ok")
        )
    );
    assert_eq!(
        figures("2001"),
        (
            json!(500_000),
            json!(5),
            json!(500_000),
            json!(0),
            Value::Null,
            st("none-needed")
        )
    );
    assert_eq!(
        figures("2002"),
        (
            json!(501_000),
            json!(5.01),
            json!(500_000),
            json!(-1_000),
            json!(-1_010),
            st("ok")
        )
    );
    assert_eq!(figures("2003").5, "wrong-size");
    assert_eq!(figures("3001").5, "wrong-sign");
    assert_eq!(
        figures("3002"),
        (
            json!(250_000),
            json!(6.25),
            json!(200_000),
            json!(-50_000),
            Value::Null,
            st("missing")
        )
    );
    let none = offer(&j, "3003");
    assert_eq!(
        (&none["to_regulate"], &none["status"], &none["tilbudsnavn"]),
        (&json!(-50_000), &json!("no-report"), &Value::Null)
    );

    // The unit Aalborg ÆH counts under Aalborg: 800.000 − 700.000 of 20 mio.
    let aalborg = &j["by_kommune"][0];
    assert_eq!(aalborg["kommune"], "Aalborg");
    assert_eq!(
        (
            &aalborg["offers"],
            &aalborg["result"],
            &aalborg["result_pct"],
            &aalborg["to_regulate"],
            &aalborg["regulated"],
            &aalborg["pass"],
        ),
        (
            &json!(2),
            &json!(100_000),
            &json!(0.5),
            &json!(-100_000),
            &json!(-102_000),
            &json!(true)
        )
    );
    assert_eq!(aalborg["counts"]["ok"], 2);
    let kommuner: Vec<&str> = j["by_kommune"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["kommune"].as_str().unwrap())
        .collect();
    assert_eq!(kommuner, ["Aalborg", "Hjørring", "Rebild"]);
    assert_eq!(j["by_kommune"][2]["pass"], false);

    // Region: 8 offers; due −300.000 + 200.000 − 1.000 − 300.000 − 300.000
    // − 50.000 − 50.000 = −801.000.
    let region = &j["region"];
    assert_eq!(region["offers"], 8);
    assert_eq!(region["to_regulate"], -801_000);
    assert_eq!(
        region["counts"],
        json!({"ok": 3, "missing": 1, "wrong-sign": 1, "wrong-size": 1, "none-needed": 1, "no-report": 1})
    );
    assert_eq!(region["pass"], false);
    assert_eq!(
        j["unaccounted"],
        json!([{"driftsherre": "Rebild", "tilbudsnr": "3004", "tilbudsnavn": "Otte", "taksttype": "Døgntakst", "regulated": -7_000}])
    );
}

#[test]
fn the_parameters_come_from_the_config_and_the_flags() {
    // 3 %: 1001's 8 % leaves −500.000 due, so −300.000 is the wrong size.
    let run = fixture()
        .file(
            "ramme.toml",
            "[regulering]\noverskud_graense = 3\ntolerance_pct = 0\n",
        )
        .args(&[
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["threshold_pct"], 3);
    let o = offer(&j, "1001");
    assert_eq!(
        (&o["carry"], &o["to_regulate"], &o["status"]),
        (&json!(300_000), &json!(-500_000), &json!("wrong-size"))
    );
    // Tolerance 0: 1002's 198.000 against 200.000 is off.
    assert_eq!(offer(&j, "1002")["status"], "wrong-size");

    // The flags win over the config.
    let run = fixture()
        .file("ramme.toml", "[regulering]\noverskud_graense = 3\n")
        .args(&[
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "--overskud-graense",
            "5",
            "--tolerance",
            "1",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    assert_eq!(offer(&run.json(), "1001")["status"], "ok");
}

#[test]
fn regulering_aar_sets_the_year_of_the_reports() {
    let run = fixture()
        .file("ramme.toml", "[regulering]\nregulering_aar = 1\n")
        .args(&["regulering", "--regnskab", "2015", "--takster", "2017"])
        .run();
    run.code(1);
    assert!(
        run.stderr
            .contains("Regnskaberne for 2015 reguleres i takstindberetningerne for 2016, men --takster er fra 2017"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_parameters_are_refused() {
    let run = fixture()
        .args(&[
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "--overskud-graense",
            "150",
        ])
        .run();
    run.code(2);
    assert!(run.stderr.contains("--overskud-graense"), "{}", run.stderr);
    let run = fixture()
        .file("ramme.toml", "[regulering]\nregulering_aar = 20\n")
        .args(&["regulering", "--regnskab", "2015", "--takster", "2017"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("regulering_aar"), "{}", run.stderr);
    let run = fixture()
        .file("ramme.toml", "[regulering]\nukendt = 1\n")
        .args(&["regulering", "--regnskab", "2015", "--takster", "2017"])
        .run();
    run.code(2);
    // Both flags are required.
    let run = fixture().args(&["regulering", "--regnskab", "2015"]).run();
    run.code(2);
}

#[test]
fn rows_with_errors_are_left_out_and_exit_1() {
    let mut accounts = regnskab();
    // A basis of 0 (must be greater than 0) and costs that are no number.
    accounts.push_str("\nRebild;3005;SEL §107;Døgntakst;2015;0;1.000,00;1.000,00;");
    accounts.push_str("\nRebild;3006;SEL §107;Døgntakst;2015;1.000,00;mange;1.000,00;");
    let run = Test::new()
        .file("2015/regnskab_2015.csv", accounts)
        .file("2017/takst_2017.csv", takster())
        .args(&[
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "--format",
            "json",
        ])
        .run();
    run.code(1);
    let j = run.json();
    assert_eq!(j["region"]["offers"], 8);
    let excluded = &j["input_sections"][0]["excluded"];
    assert_eq!(excluded.as_array().unwrap().len(), 2);
    assert_eq!(excluded[0]["cells"], json!(["F10"]));
    assert_eq!(excluded[1]["cells"], json!(["G11"]));
}

#[test]
fn accounts_of_two_years_or_none_at_all_are_refused() {
    let mut accounts = regnskab();
    accounts.push_str("\nRebild;3005;SEL §107;Døgntakst;2016;1.000,00;1.000,00;1.000,00;");
    let run = Test::new()
        .file("2015/regnskab_2015.csv", accounts)
        .file("2017/takst_2017.csv", takster())
        .args(&["regulering", "--regnskab", "2015", "--takster", "2017"])
        .run();
    run.code(1);
    assert!(
        run.stderr
            .contains("Regnskaberne er fra flere år (2015, 2016)"),
        "{}",
        run.stderr
    );
    // Takstindberetninger given as accounts.
    let run = fixture()
        .args(&["regulering", "--regnskab", "2017", "--takster", "2017"])
        .run();
    run.code(1);
    assert!(
        run.stderr.contains("Fandt ingen regnskaber"),
        "{}",
        run.stderr
    );
}

#[test]
fn text_md_and_xlsx_in_danish_and_english() {
    let run = fixture()
        .args(&["regulering", "--regnskab", "2015", "--takster", "2017"])
        .run();
    run.code(0);
    assert!(run
        .stdout
        .contains("Over-/underskud og regulering pr. driftsherre 2015 → 2017"));
    assert!(run.stdout.contains("forkert fortegn"), "{}", run.stdout);
    assert!(run.stdout.contains("−300.000,00 kr."), "{}", run.stdout);
    let en = fixture()
        .args(&[
            "--lang",
            "en",
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "--format",
            "md",
        ])
        .run();
    en.code(0);
    assert!(en
        .stdout
        .contains("### Surplus/deficit and regulation by offer 2015 → 2017"));
    assert!(en.stdout.contains("| wrong sign |"), "{}", en.stdout);
    let xlsx = fixture()
        .args(&[
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "-o",
            "regulering.xlsx",
        ])
        .run();
    xlsx.code(0);
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(xlsx.dir.join("regulering.xlsx")).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    assert_eq!(sheet, "Over-underskud");
    let found = wb.sheet_names().iter().any(|name| {
        let range = wb.worksheet_range(name).unwrap();
        range
            .rows()
            .any(|r| r.iter().any(|c| c == &Data::Float(-300_000.0)))
    });
    assert!(found, "the −300.000 due of 1001 as a number");
    // xlsx needs a file.
    let run = fixture()
        .args(&[
            "regulering",
            "--regnskab",
            "2015",
            "--takster",
            "2017",
            "--format",
            "xlsx",
        ])
        .run();
    run.code(2);
}

#[test]
fn regnskab_is_detected_by_its_headers_and_aliases() {
    let run = Test::new()
        .file(
            "r.csv",
            "Kommune;Tilbudsnummer;Lovgrundlag;Takstform;Regnskabsår;Budget;Regnskab;Takstindtægter;Overført over-/underskud\n\
Aalborg;1001;SEL §107;Døgn;2015;10.000.000;9.000.000;9.500.000;-1.000\n",
        )
        .args(&["validate", "--format", "json", "r.csv"])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["files"][0]["schema"], "regnskab");
    assert_eq!(j["summary"]["warnings"], 0);
    // The key holds the year: the same offer twice in one year is an error.
    let run = Test::new()
        .file(
            "r.csv",
            format!(
                "{REGNSKAB_HEADER}\n\
Aalborg;1001;SEL §107;Døgntakst;2015;1.000,00;1.000,00;1.000,00;\n\
Aalborg;1001;SEL §107;Døgntakst;2015;2.000,00;1.000,00;1.000,00;\n"
            ),
        )
        .args(&["validate", "--format", "json", "r.csv"])
        .run();
    run.code(1);
    assert_eq!(run.findings()[0].0, "unique-error");
}

#[test]
fn a_takstindberetning_with_a_regulering_column_validates_clean() {
    // The alias "Over-/underskud", a negative amount in kroner.
    let run = Test::new()
        .file(
            "t.csv",
            "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Over-/underskud\n\
Aalborg;1001;Et;SEL §107;Sindslidende;Døgntakst;10;98;2.000,00;Fortsætter;-300.000,00 kr.\n",
        )
        .args(&["validate", "--format", "json", "t.csv"])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["files"][0]["schema"], "takstindberetning");
    assert_eq!(j["summary"]["warnings"], 0);
    let run = Test::new()
        .file(
            "t.csv",
            "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Regulering\n\
Aalborg;1001;Et;SEL §107;Sindslidende;Døgntakst;10;98;2.000,00;Fortsætter;tre\n",
        )
        .args(&["validate", "--format", "json", "t.csv"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![crate::harness::f("type-error", "K2", "error")]
    );
}

#[test]
fn a_template_for_the_accounts() {
    let run = Test::new()
        .args(&["skabelon", "regnskab", "-o", "regnskab.xlsx"])
        .run();
    run.code(0);
    let check = Test::new()
        .args(&[
            "validate",
            "--format",
            "json",
            run.dir.join("regnskab.xlsx").to_str().unwrap(),
        ])
        .run();
    check.code(0);
    assert_eq!(check.json()["files"][0]["schema"], "regnskab");
}

#[test]
fn the_shipped_examples_show_every_status() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let run = Test::new()
        .args(&[
            "regulering",
            "--regnskab",
            &format!("{dir}/examples/2015"),
            "--takster",
            &format!("{dir}/examples/2017"),
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    let statuses: Vec<(String, String, Value)> = j["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["tilbudsnr"].as_str().unwrap().to_string(),
                o["status"].as_str().unwrap().to_string(),
                o["to_regulate"].clone(),
            )
        })
        .collect();
    let want = [
        ("410011", "ok", json!(-292_000)),
        ("410031", "none-needed", json!(0)),
        ("410032", "wrong-sign", json!(380_000)),
        ("420012", "none-needed", json!(0)),
        ("420013", "wrong-size", json!(-395_000)),
        ("420014", "ok", json!(90_000)),
        ("450012", "none-needed", json!(0)),
        ("430014", "missing", json!(-525_000)),
        ("460012", "missing", json!(-325_000)),
        ("460013", "no-report", json!(-240_000)),
    ];
    let want: Vec<(String, String, Value)> = want
        .into_iter()
        .map(|(n, s, v)| (n.to_string(), s.to_string(), v))
        .collect();
    assert_eq!(statuses, want);
    assert_eq!(
        j["region"]["counts"],
        json!({"ok": 2, "missing": 2, "wrong-sign": 1, "wrong-size": 1, "none-needed": 3, "no-report": 1})
    );
    // −292.000 + 380.000 − 395.000 + 90.000 − 525.000 − 325.000 − 240.000.
    assert_eq!(j["region"]["to_regulate"], -1_307_000);
}

#[test]
fn the_annex_has_the_section_when_bilag_names_accounts() {
    let config = format!("{}/examples/ramme.toml", env!("CARGO_MANIFEST_DIR"));
    let run = Test::new()
        .args(&["--config", &config, "bilag", "--format", "md"])
        .run();
    run.code(0);
    assert!(
        run.stdout.contains("## Over-/underskud\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "| **Regionen i alt** | **10** | **115.100.000,00 kr.** | **1.892.000,00 kr.** | **1,64 %** | **585.000,00 kr.** | **−1.307.000,00 kr.** | **−931.500,00 kr.** | **2** | **5** | **nej** |"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("| Regnskaber | 2 | 10 | 0 | 0 | 0 |"));

    // Accounts of a year the year's reports do not regulate: the section
    // says why it is missing, and the run exits 1.
    let run = Test::new()
        .file(
            "2014/regnskab_2014.csv",
            regnskab().replace(";2015;", ";2014;"),
        )
        .file("2017/takst_2017.csv", takster())
        .file(
            "ramme.toml",
            "[bilag]\nyear = 2017\ntakst = [\"2017\"]\nregnskab = [\"2014\"]\n",
        )
        .args(&["bilag", "--format", "md"])
        .run();
    run.code(1);
    assert!(
        run.stderr.contains(
            "Afsnittet \"Over-/underskud\" kunne ikke laves: Regnskaberne for 2014 reguleres i takstindberetningerne for 2016"
        ),
        "{}",
        run.stderr
    );
}
