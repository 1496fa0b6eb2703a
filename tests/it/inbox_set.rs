//! A real inbox as one set: copies, corrected versions, two years in one
//! set, ramme's own outputs, empty folders, borgerlister against the
//! takstindberetninger, and the annex's account of left-out rows.

use crate::harness::{f, Test};
use serde_json::json;

const TAKST: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Takst forrige år;Status;År
Aalborg;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;98;990,00;1.000,00;Fortsætter;2017
Aalborg;1002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;10;98;2.040,00;2.000,00;Fortsætter;2017
";

/// The same file corrected: Bo B's tariff changed (other bytes, same keys).
fn corrected() -> String {
    TAKST.replace("2.040,00", "2.020,00")
}

const BORGERE_2016: &str = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift
PK-A;Aalborg;1001;SEL §108;60.000,00
PK-B;Aalborg;1002;SEL §108;62.000,00
";

const BORGERE_2017: &str = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift
PK-A;Aalborg;1001;SEL §108;61.000,00
PK-B;Aalborg;1002;SEL §108;62.000,00
";

#[test]
fn a_copy_is_set_aside_and_changes_no_figure() {
    let udgift = |with_copy: bool| {
        let mut t = Test::new()
            .file("2016/borgere.csv", BORGERE_2016)
            .file("2017/borgere.csv", BORGERE_2017);
        if with_copy {
            t = t.file("2017/borgere - kopi.csv", BORGERE_2017);
        }
        t.args(&[
            "udgift", "--before", "2016", "--after", "2017", "--format", "json",
        ])
        .run()
    };
    let plain = udgift(false);
    plain.code(0);
    let copied = udgift(true);
    copied.code(0);
    let (a, b) = (plain.json(), copied.json());
    assert_eq!(b["change"], a["change"]);
    assert_eq!(b["change"], json!({"amount": 1000, "pct": 0.8197}));
    assert_eq!(b["after"]["rows"], json!(2));
    let inputs = b["inputs"].as_array().unwrap();
    let statuses: Vec<(&str, &str)> = inputs
        .iter()
        .map(|i| (i["path"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    // Name order puts the copy first: the copy is the one read, the
    // original is set aside, and the figures are the same either way.
    assert_eq!(
        statuses,
        [
            ("2016/borgere.csv", "used"),
            ("2017/borgere - kopi.csv", "used"),
            ("2017/borgere.csv", "duplicate"),
        ]
    );
    assert_eq!(inputs[2]["duplicate_of"], json!("2017/borgere - kopi.csv"));
    assert_eq!(inputs[2]["rows_used"], json!(0));
    assert_eq!(inputs[1]["rows_used"], json!(2));
}

#[test]
fn a_duplicate_file_is_a_warning_naming_the_first() {
    let run = Test::new()
        .file("ind/a.csv", TAKST)
        .file("ind/b.csv", TAKST)
        .args(&["validate", "ind", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(run.findings(), [f("duplicate-file", "-", "warning")]);
    let j = run.json();
    assert_eq!(j["findings"][0]["path"], "ind/b.csv");
    assert!(
        j["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nøjagtig kopi af ind/a.csv"),
        "{}",
        j["findings"][0]["message"]
    );
}

#[test]
fn a_corrected_version_repeats_keys_and_counts_each_once() {
    let run = Test::new()
        .file("ind/takst.csv", TAKST)
        .file("ind/takst (rettet).csv", corrected())
        .args(&["validate", "ind", "--format", "json"])
        .run();
    run.code(1);
    // Name order: "takst (rettet).csv" comes first, so the old file's rows
    // repeat it.
    let j = run.json();
    let found: Vec<(String, String, String, String)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["path"].as_str().unwrap().to_string(),
                x["code"].as_str().unwrap().to_string(),
                x["cell"].as_str().unwrap_or("-").to_string(),
                x["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        found,
        [
            s("ind/takst.csv", "unique-error", "B2", "error"),
            s("ind/takst.csv", "unique-error", "B3", "error"),
        ]
    );
    let message = j["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("Tilbudsnr, Paragraf og Taksttype fra ind/takst (rettet).csv, række 2"),
        "{message}"
    );
    // The analysis counts each offer once.
    let run = Test::new()
        .file("ind/takst.csv", TAKST)
        .file("ind/takst (rettet).csv", corrected())
        .args(&["takst", "ind", "--format", "json"])
        .run();
    run.code(1);
    let j = run.json();
    assert_eq!(j["region"]["offers"], json!(2));
    // (10 × 990 + 10 × 2.020) / (10 × 1.000 + 10 × 2.000) − 1 = 0,3333 %
    assert_eq!(j["region"]["change_pct"], json!(0.3333));
    let statuses: Vec<&str> = j["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["used", "partly"]);
    assert_eq!(j["inputs"][1]["rows_used"], json!(0));
    assert_eq!(
        j["inputs"][1]["left_out"],
        json!([{"sheet": null, "row": 2, "cells": ["B2"]}, {"sheet": null, "row": 3, "cells": ["B3"]}])
    );
}

#[test]
fn two_years_in_one_set_are_refused() {
    let last_year = TAKST.replace(";2017", ";2016");
    let run = Test::new()
        .file("2017/takst.csv", TAKST)
        .file("2016/takst.csv", &last_year)
        .args(&["takst", "2017", "2016"])
        .run();
    run.code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("Inddata blander flere år (2016: 2016/takst.csv; 2017: 2017/takst.csv)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("giv sidste års filer med --previous"),
        "{}",
        run.stderr
    );
    // Without an År column the file names tell.
    let plain = |s: &str| s.replace(";År", "").replace(";2017", "");
    let run = Test::new()
        .file("a/takst_2017.csv", plain(TAKST))
        .file(
            "a/takst_2016.csv",
            plain(&last_year).replace("990,00", "980,00"),
        )
        .args(&["tilbud", "a"])
        .run();
    run.code(1);
    assert!(
        run.stderr
            .contains("2016: a/takst_2016.csv; 2017: a/takst_2017.csv"),
        "{}",
        run.stderr
    );
    // Given as last year's, all is well.
    Test::new()
        .file("2017/takst.csv", TAKST)
        .file("2016/takst.csv", &last_year)
        .args(&["takst", "2017", "--previous", "2016"])
        .run()
        .code(0);
    // validate may be given several years: it groups them.
    Test::new()
        .file("2017/takst.csv", TAKST)
        .file("2016/takst.csv", &last_year)
        .args(&["validate", "2016", "2017"])
        .run()
        .code(0);
}

#[test]
fn ramme_outputs_are_never_read_back() {
    for output in [
        "ind/takst-rapport.csv",
        "ind/takst-rapport.xlsx",
        "ind/takst.md",
        "ind/takst.txt",
    ] {
        let run = Test::new()
            .file("ind/takst.csv", TAKST)
            .args(&["takst", "ind", "-o", output])
            .run();
        run.code(0);
        let copy = std::fs::read(run.dir.join(output)).unwrap();
        // Named explicitly, so that also the .md (not picked from a folder)
        // is looked at.
        let check = Test::new()
            .file("ind/takst.csv", TAKST)
            .file(output, &copy)
            .args(&["validate", "ind/takst.csv", output, "--format", "json"])
            .run();
        check.code(0);
        assert_eq!(
            check.findings(),
            [f("ramme-output", "-", "info")],
            "{output}"
        );
        let analysis = Test::new()
            .file("ind/takst.csv", TAKST)
            .file(output, &copy)
            .args(&["takst", "ind/takst.csv", output, "--format", "json"])
            .run();
        analysis.code(0);
        let j = analysis.json();
        assert_eq!(j["region"]["offers"], json!(2), "{output}");
        assert!(
            j["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["status"] == "ramme-output"),
            "{output}"
        );
    }
}

#[test]
fn nothing_to_read_is_not_success() {
    let run = Test::new()
        .file("tom/.gitkeep", "")
        .args(&["validate", "tom"])
        .run();
    run.code(2);
    assert!(
        run.stderr.contains("fandt ingen filer i tom"),
        "{}",
        run.stderr
    );
    let run = Test::new()
        .file("2018/borgere.csv", BORGERE_2017)
        .args(&["takst", "2018"])
        .run();
    run.code(1);
    assert!(
        run.stderr
            .contains("Fandt ingen takstindberetninger i 2018"),
        "{}",
        run.stderr
    );
    let run = Test::new()
        .file("2018/takst.csv", TAKST)
        .args(&["udgift", "--before", "2018", "--after", "2018"])
        .run();
    run.code(1);
    assert!(
        run.stderr.contains("Fandt ingen borgerlister i 2018"),
        "{}",
        run.stderr
    );
}

#[test]
fn borgerlister_are_checked_against_the_takstindberetninger() {
    // Bo A's tariff is 990: 995 is 0,505 % off (warned), 994,95 exactly
    // 0,5 % (not warned); 9999 is no reported offer.
    let borgere = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift;Dage;Takst
PK-A;Aalborg;1001;SEL §108;30.850,00;31;995,00
PK-B;Aalborg;1001;SEL §108;30.843,45;31;994,95
PK-C;Aalborg;9999;SEL §108;30.690,00;31;990,00
PK-D;Aalborg;1002;SEL §108;63.240,00;31;2.040,00
";
    let run = Test::new()
        .file("2017/takst.csv", TAKST)
        .file("2017/borgere.csv", borgere)
        .args(&["validate", "2017", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(
        run.findings(),
        [
            f("rule-error", "G2", "warning"),
            f("foreign-key-error", "C4", "warning"),
        ]
    );
    let j = run.json();
    let rule = &j["findings"][0];
    assert_eq!(rule["rule"], "takst-afviger");
    assert_eq!(
        rule["message"],
        "Takst 995,00 kr. afviger fra tilbuddets indberettede takst 990,00 kr. med mere end 0,50 %; et spørgsmål om afregning."
    );
    assert!(j["findings"][1]["message"]
        .as_str()
        .unwrap()
        .contains("\"9999\" findes ikke i årets takstindberetninger"));
    // Another year's takstindberetninger are not this year's.
    let run = Test::new()
        .file("2016/takst.csv", TAKST.replace(";2017", ";2016"))
        .file("2017/borgere.csv", borgere)
        .args(&["validate", "2016", "2017", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(run.findings(), []);
}

#[test]
fn a_key_in_two_files_of_one_january_is_counted_once() {
    let second = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift
PK-A;Aalborg;1001;SEL §108;61.500,00
";
    let run = Test::new()
        .file("2016/borgere.csv", BORGERE_2016)
        .file("2017/borgere.csv", BORGERE_2017)
        .file("2017/borgere_ekstra.csv", second)
        .args(&[
            "udgift", "--before", "2016", "--after", "2017", "--format", "json",
        ])
        .run();
    run.code(1);
    let j = run.json();
    assert_eq!(
        j["after"],
        json!({"rows": 2, "persons": 2, "total": 123000})
    );
    assert_eq!(j["inputs"][2]["status"], "partly");
    assert_eq!(j["inputs"][2]["left_out"][0]["cells"], json!(["A2"]));
}

#[test]
fn a_blank_ja_nej_answer_leaves_the_row_out() {
    // Answered ja/nej (no crosses): a blank required answer is an error,
    // found only at the sheet's end.
    let k = "Tilbudsnr;Tilbudsnavn;Driftsherre;A1;A2;A3;B1;C1;C2
3001;Center A;Aalborg;ja;nej;nej;ja;ja;ja
3002;Center B;Aalborg;ja;nej;nej;;ja;ja
";
    let run = Test::new()
        .file("k.csv", k)
        .args(&["kriterier", "k.csv", "--format", "json"])
        .run();
    run.code(1);
    let j = run.json();
    assert_eq!(j["offers"].as_array().unwrap().len(), 1);
    assert_eq!(j["offers"][0]["tilbudsnr"], "3001");
    assert_eq!(j["input_sections"][0]["records"], json!(1));
    assert_eq!(
        j["input_sections"][0]["excluded"],
        json!([{"path": "k.csv", "sheet": null, "row": 3, "cells": ["G3"]}])
    );
}

#[test]
fn the_annex_counts_and_lists_rows_left_out_and_failed_sections() {
    let faulty = format!("{TAKST}Aalborg;1003;Bo C;SEL §108;Udviklingshæmmede;Døgntakst;0;98;990,00;;Fortsætter;2017\n");
    let config = "[bilag]\nyear = 2017\ntakst = [\"2017\"]\nfinansiering_amount = 1000\n";
    let run = Test::new()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .file("2017/takst.csv", &faulty)
        .file("ramme.toml", config)
        .args(&["bilag", "-o", "b.xlsx"])
        .run();
    run.code(1);
    assert!(
        run.stderr.contains("1 rækker er udeladt af bilagets tal"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Afsnittet \"Objektiv finansiering\" kunne ikke laves"),
        "{}",
        run.stderr
    );
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(run.dir.join("b.xlsx")).unwrap();
    let front = wb.worksheet_range("Forside").unwrap();
    let cells: Vec<String> = front.cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(
        cells
            .iter()
            .any(|c| c.contains("1 rækker er udeladt af tallene")),
        "{cells:?}"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.contains("Afsnittet \"Objektiv finansiering\" kunne ikke laves")),
        "{cells:?}"
    );
    // The left-out rows' table shares the validation sheet (small tables
    // share a page).
    let left = wb.worksheet_range("Validering").unwrap();
    let at = (0..60u32)
        .find(|r| left.get_value((*r, 3)) == Some(&Data::String("G4".into())))
        .expect("the left-out row is listed");
    let row: Vec<Data> = (0..5u32)
        .map(|c| left.get_value((at, c)).cloned().unwrap_or(Data::Empty))
        .collect();
    assert_eq!(row[0], Data::String("2017/takst.csv".into()));
    assert_eq!(row[2], Data::Float(4.0));
    assert_eq!(row[3], Data::String("G4".into()));
    assert!(
        row[4]
            .to_string()
            .contains("Pladser: 0 skal være større end 0"),
        "{row:?}"
    );
}

/// Three offers without a year anywhere; `changed` of them at other tariffs
/// in the second file.
fn three_offers(changed: usize) -> (String, String) {
    let header = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status";
    let row = |nr: u32, takst: &str| {
        format!(
            "Aalborg;{nr};Bo {nr};SEL §108;Udviklingshæmmede;Døgntakst;10;98;{takst};Fortsætter"
        )
    };
    let first: Vec<String> = (1..=3).map(|i| row(1000 + i, "1.000,00")).collect();
    let second: Vec<String> = (1..=3)
        .map(|i| {
            row(
                1000 + i,
                if (i as usize) <= changed {
                    "1.020,00"
                } else {
                    "1.000,00"
                },
            )
        })
        .collect();
    (
        format!("{header}\n{}\n", first.join("\n")),
        format!("{header}\n{}\n", second.join("\n")),
    )
}

#[test]
fn the_same_offers_at_other_tariffs_look_like_two_years() {
    // 2 of 3 shared offers at other tariffs: more than half, two years.
    let (a, b) = three_offers(2);
    let run = Test::new()
        .file("ind/a.csv", &a)
        .file("ind/b.csv", &b)
        .args(&["takst", "ind"])
        .run();
    run.code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("ind/a.csv og ind/b.csv indberetter de fleste af de samme tilbud med forskellige takster"),
        "{}",
        run.stderr
    );
    // 1 of 3: a correction, reported as repeated keys (exit 1) but computed.
    let (a, b) = three_offers(1);
    let run = Test::new()
        .file("ind/a.csv", &a)
        .file("ind/b.csv", &b)
        .args(&["takst", "ind", "--format", "json"])
        .run();
    run.code(1);
    let statuses: Vec<String> = run.json()["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(statuses, ["used", "partly"]);
}
