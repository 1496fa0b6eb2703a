//! `ramme udgift`: figures checked against hand computation.

use crate::harness::Test;
use serde_json::json;

const BEFORE: &str = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift
PK-A;Aalborg;1001;SEL §108;60.000,00
PK-A;Aalborg;1002;SEL §104;10.000,00
PK-B;Aalborg;1001;SEL §108;62.000,00
PK-C;Hjørring;2001;SEL §107;45.000,00
";

const AFTER: &str = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift
PK-A;Aalborg;1001;SEL §108;59.400,00
PK-B;Hjørring;1001;SEL §108;62.000,00
PK-D;Hjørring;2001;SEL §107;46.500,00
";

#[test]
fn takst_and_visitation_effects_by_hand() {
    let run = Test::new()
        .file("2016/borgere.csv", BEFORE)
        .file("2017/borgere.csv", AFTER)
        .args(&[
            "udgift", "--before", "2016", "--after", "2017", "--format", "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(
        j["before"],
        json!({"rows": 4, "persons": 3, "total": 177000})
    );
    assert_eq!(
        j["after"],
        json!({"rows": 3, "persons": 3, "total": 167900})
    );
    assert_eq!(j["persons"], json!({"continuing": 2, "new": 1, "left": 1}));
    // −9.100 = −600 (A's tariff) + 46.500 (D) − 10.000 (A's day offer) − 45.000 (C)
    assert_eq!(j["change"], json!({"amount": -9100, "pct": -5.1412}));
    assert_eq!(j["takst_effect"], json!({"amount": -600, "pct": -0.339}));
    assert_eq!(
        j["visitation_effect"],
        json!({"amount": -8500, "pct": -4.8023})
    );
    assert_eq!(
        j["targets"],
        json!({"total": -2, "takst": -1, "visitation": -1})
    );
    assert_eq!(
        j["pass"],
        json!({"total": true, "takst": false, "visitation": true})
    );
    let kommuner = j["by_kommune"].as_array().unwrap();
    assert_eq!(kommuner.len(), 2);
    // Aalborg: B moved to Hjørring, so B is left here: −600 − 10.000 − 62.000.
    assert_eq!(kommuner[0]["kommune"], "Aalborg");
    assert_eq!(kommuner[0]["before"], json!(132000));
    assert_eq!(kommuner[0]["after"], json!(59400));
    assert_eq!(kommuner[0]["change_pct"], json!(-55));
    assert_eq!(kommuner[0]["takst_effect_pct"], json!(-0.4545));
    assert_eq!(kommuner[0]["visitation_effect_pct"], json!(-54.5455));
    assert_eq!(
        kommuner[0]["persons"],
        json!({"continuing": 1, "new": 0, "left": 1})
    );
    // Hjørring: B and D new, C left: 108.500 − 45.000.
    assert_eq!(kommuner[1]["kommune"], "Hjørring");
    assert_eq!(kommuner[1]["change"], json!(63500));
    assert_eq!(kommuner[1]["change_pct"], json!(141.1111));
    assert_eq!(kommuner[1]["takst_effect_pct"], json!(0));
    assert_eq!(
        kommuner[1]["persons"],
        json!({"continuing": 0, "new": 2, "left": 1})
    );
}

#[test]
fn detail_file_and_targets() {
    let run = Test::new()
        .file("2016/borgere.csv", BEFORE)
        .file("2017/borgere.csv", AFTER)
        .args(&[
            "udgift",
            "--before",
            "2016",
            "--after",
            "2017",
            "--target-takst",
            "-0,3",
            "--detail",
            "detaljer.csv",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    assert_eq!(run.json()["pass"]["takst"], json!(true));
    let detail = std::fs::read_to_string(run.dir.join("detaljer.csv")).unwrap();
    let mark = format!("# ramme-output: detaljer {}\n", env!("CARGO_PKG_VERSION"));
    let detail = detail
        .strip_prefix(&mark)
        .unwrap_or_else(|| panic!("{detail}"));
    assert_eq!(
        detail,
        // For a person's spreadsheet: BOM, `;`, labels, decimal comma.
        "\u{feff}Personkode;Tilbudsnr;Paragraf;Betalingskommune – Januar 2016;Betalingskommune – Januar 2017;Januar 2016;Januar 2017;Forskel;Status\n\
PK-A;1001;SEL §108;Aalborg;Aalborg;60000,00;59400,00;-600,00;fortsætter\n\
PK-A;1002;SEL §104;Aalborg;;10000,00;;-10000,00;ophørt\n\
PK-B;1001;SEL §108;Aalborg;Hjørring;62000,00;62000,00;0,00;fortsætter\n\
PK-C;2001;SEL §107;Hjørring;;45000,00;;-45000,00;ophørt\n\
PK-D;2001;SEL §107;;Hjørring;;46500,00;46500,00;ny\n"
    );
}

#[test]
fn text_table_in_danish() {
    let run = Test::new()
        .file("2016/borgere.csv", BEFORE)
        .file("2017/borgere.csv", AFTER)
        .args(&["udgift", "--before", "2016", "--after", "2017"])
        .run();
    run.code(0);
    assert!(
        run.stdout
            .contains("Udgiftsmonitorering for regionen: januar 2017 mod januar 2016"),
        "{}",
        run.stdout
    );
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Samlet ændring"))
        .unwrap();
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        vec![
            "Samlet",
            "ændring",
            "−9.100,00",
            "kr.",
            "−5,14",
            "%",
            "−2,00",
            "%",
            "ja"
        ]
    );
}

#[test]
fn a_row_with_an_error_is_left_out_and_listed() {
    let after = format!("{AFTER}PK-E;Hjørring;2001;SEL §107;-5\n");
    let run = Test::new()
        .file("2016/borgere.csv", BEFORE)
        .file("2017/borgere.csv", after)
        .args(&[
            "udgift", "--before", "2016", "--after", "2017", "--format", "json",
        ])
        .run();
    run.code(1);
    let j = run.json();
    assert_eq!(j["after"]["total"], json!(167900));
    assert_eq!(
        j["input_sections"][1]["excluded"],
        json!([{"path": "2017/borgere.csv", "sheet": null, "row": 5, "cells": ["E5"]}])
    );
}

#[test]
fn the_detail_file_is_never_an_input() {
    let run = Test::new()
        .file("2016/borgere.csv", BEFORE)
        .file("2017/borgere.csv", AFTER)
        .args(&[
            "udgift",
            "--before",
            "2016",
            "--after",
            "2017",
            "--detail",
            "2017/borgere.csv",
        ])
        .run();
    run.code(2);
    assert_eq!(
        std::fs::read_to_string(run.dir.join("2017/borgere.csv")).unwrap(),
        AFTER
    );
}

/// Amounts no kommune pays (28 digits: two rows of them would overflow
/// every sum) are errors of their cells: the rows are left out and
/// listed, the rest is computed, and nothing crashes. Just below the
/// limit, the amounts are used and summed exactly.
#[test]
fn an_amount_of_a_trillion_is_left_out_and_just_below_is_summed() {
    let huge = "9999999999999999999999999999";
    let most = "999.999.999.999,99";
    let year = |second: &str| {
        let mut rows = String::from("Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift\n");
        for i in 0..4 {
            rows.push_str(&format!("PK-H{i};Aalborg;1001;SEL §108;{huge}\n"));
            rows.push_str(&format!("PK-M{i}{second};Aalborg;1001;SEL §108;{most}\n"));
        }
        rows
    };
    let run = Test::new()
        .file("2016/borgere.csv", year(""))
        .file("2017/borgere.csv", year("x"))
        .args(&[
            "udgift", "--before", "2016", "--after", "2017", "--format", "json",
        ])
        .run();
    run.code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let j = run.json();
    // Four rows of 999.999.999.999,99 a year, all new or left.
    assert_eq!(j["before"]["total"], json!(3999999999999.96));
    assert_eq!(j["visitation_effect"]["amount"], json!(0));
    let excluded = j["input_sections"][0]["excluded"].as_array().unwrap();
    let cells: Vec<&str> = excluded
        .iter()
        .map(|e| e["cells"][0].as_str().unwrap())
        .collect();
    assert_eq!(cells, ["E2", "E4", "E6", "E8"]);
}
