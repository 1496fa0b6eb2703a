//! `ramme takst`: figures checked against hand computation.

use crate::harness::Test;
use serde_json::json;

const HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Takst forrige år;Status";

fn current() -> String {
    [
        HEADER,
        // weight 10, 1.000 → 990 from the column
        "Aalborg ÆH;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;100;990,00;1.000,00;Fortsætter",
        // weight 20 × 50 % = 10, 2.000 (last year's file) → 2.040
        "Aalborg;1002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;20;50;2.040,00;;Fortsætter",
        // the column says 1.400, last year's file 1.450: the file is used
        "Hjørring;2001;Bo C;SEL §107;Sindslidende;Døgntakst;5;100;1.500,00;1.400,00;Fortsætter",
        "Hjørring;2002;Bo D;SEL §107;Sindslidende;Døgntakst;5;100;1.000,00;;Ny",
        // no previous tariff anywhere
        "Region Nordjylland;3001;Center E;SEL §108;Døvblinde;Døgntakst;4;100;5.000,00;;Fortsætter",
    ]
    .join("\n")
}

fn previous() -> String {
    [
        HEADER,
        "Aalborg;1002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;20;50;2.000,00;;Fortsætter",
        "Hjørring;2001;Bo C;SEL §107;Sindslidende;Døgntakst;5;100;1.450,00;;Fortsætter",
    ]
    .join("\n")
}

#[test]
fn volume_weighted_change_per_kommune_and_region() {
    let run = Test::new()
        .file("2017/takst.csv", current())
        .file("2016/takst.csv", previous())
        .args(&[
            "takst",
            "2017",
            "--previous",
            "2016",
            "--pl",
            "1,6",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["pl_pct"], json!(1.6));
    assert_eq!(j["required_pct"], json!(0));
    assert_eq!(j["allowed_change_pct"], json!(1.6));
    // (10 × 990 + 10 × 2.040 + 5 × 1.500) / (10 × 1.000 + 10 × 2.000 + 5 × 1.450) − 1
    assert_eq!(
        j["region"],
        json!({"change_pct": 1.4765, "real_change_pct": -0.1215, "offers": 3, "pass": true})
    );
    assert_eq!(
        j["by_kommune"],
        json!([
            {"kommune": "Aalborg", "offers": 2, "change_pct": 1, "real_change_pct": -0.5906, "pass": true},
            {"kommune": "Hjørring", "offers": 1, "change_pct": 3.4483, "real_change_pct": 1.8192, "pass": false},
        ])
    );
    let offers = j["offers"].as_array().unwrap();
    assert_eq!(offers.len(), 3);
    assert_eq!(offers[0]["driftsherre"], "Aalborg ÆH");
    assert_eq!(offers[0]["kommune"], "Aalborg");
    assert_eq!(offers[0]["paragraf"], "SEL §108");
    assert_eq!(offers[0]["taksttype"], "Døgntakst");
    assert_eq!(offers[0]["takst_previous"], json!(1000));
    assert_eq!(offers[0]["takst"], json!(990));
    assert_eq!(offers[0]["change_pct"], json!(-1));
    assert_eq!(
        offers[0]["weight"],
        json!(3650),
        "10 places × 100 % × 365 days"
    );
    assert_eq!(offers[0]["previous_from"], "column");
    assert_eq!(offers[1]["previous_from"], "last_year");
    assert_eq!(offers[2]["takst_previous"], json!(1450));
    assert_eq!(
        j["disagreements"],
        json!([{"driftsherre": "Hjørring", "tilbudsnr": "2001", "taksttype": "Døgntakst", "column": 1400, "last_year": 1450}])
    );
    let reasons: Vec<&str> = j["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, vec!["new", "no_previous"]);
}

#[test]
fn nordjylland_rule_one_percent_required() {
    let run = Test::new()
        .file("2017/takst.csv", current())
        .file("2016/takst.csv", previous())
        .args(&[
            "takst",
            "2017",
            "--previous",
            "2016",
            "--required",
            "1",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["allowed_change_pct"], json!(-1));
    assert_eq!(j["region"]["pass"], json!(false));
    // Without P/L the real change equals the nominal one.
    assert_eq!(j["region"]["real_change_pct"], json!(1.4765));
}

#[test]
fn the_column_alone_is_enough_and_text_is_danish() {
    let run = Test::new()
        .file("takst.csv", current())
        .args(&["takst", "takst.csv", "--pl", "1.6"])
        .run();
    run.code(0);
    assert!(
        run.stdout
            .contains("Takstudvikling pr. driftsherre (tilladt ændring 1,60 %)"),
        "{}",
        run.stdout
    );
    // Aalborg ÆH's column gives 1.000 → 990; Hjørring's column 1.400 → 1.500.
    let aalborg: Vec<&str> = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Aalborg "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        aalborg,
        vec!["Aalborg", "1", "−1,00", "%", "−2,56", "%", "1,60", "%", "ja"]
    );
    assert!(
        run.stdout.contains("Uden sidste års takst"),
        "{}",
        run.stdout
    );
}

#[test]
fn csv_xlsx_and_md_outputs() {
    let run = Test::new()
        .file("2017/takst.csv", current())
        .file("2016/takst.csv", previous())
        .args(&["takst", "2017", "--previous", "2016", "--format", "csv"])
        .run();
    run.code(0);
    // Every table in one CSV: a `table` column, then the union of the keys.
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("table,total,kommune,offers,change_pct,real_change_pct,allowed_change_pct,pass,driftsherre,tilbudsnr,tilbudsnavn,paragraf,taksttype,takst_previous,takst,weight,source,inputs,files,rows,used,excluded,errors,warnings")
    );
    let offer = run
        .stdout
        .lines()
        .find(|l| l.starts_with("offers,false,"))
        .unwrap();
    assert_eq!(
        offer,
        "offers,false,,,-1,,,,Aalborg ÆH,1001,Bo A,SEL §108,Døgntakst,1000,990,3650,column,,,,,,,"
    );
    let region = run
        .stdout
        .lines()
        .find(|l| l.starts_with("by_kommune,true,"))
        .unwrap();
    assert!(region.starts_with("by_kommune,true,total,"), "{region}");
    // The same bytes in English: codes and keys, not labels.
    let en = Test::new()
        .file("2017/takst.csv", current())
        .file("2016/takst.csv", previous())
        .args(&[
            "--lang",
            "en",
            "takst",
            "2017",
            "--previous",
            "2016",
            "--format",
            "csv",
        ])
        .run();
    let strip_inputs = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.starts_with("inputs,"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip_inputs(&en.stdout), strip_inputs(&run.stdout));

    let run = Test::new()
        .file("2017/takst.csv", current())
        .file("2016/takst.csv", previous())
        .args(&["takst", "2017", "--previous", "2016", "-o", "takst.xlsx"])
        .run();
    run.code(0);
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(run.dir.join("takst.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        // The short account of the inputs shares the offers' page.
        vec!["Takstreduktion", "Takster pr. tilbud"]
    );
    let range = wb.worksheet_range("Takstreduktion").unwrap();
    assert_eq!(
        range.get_value((2, 0)),
        Some(&Data::String("Driftsherre".into()))
    );
    assert_eq!(
        range.get_value((3, 0)),
        Some(&Data::String("Aalborg".into()))
    );
    // Percent cells hold fractions: 1 % is 0.01.
    assert_eq!(range.get_value((3, 2)), Some(&Data::Float(0.01)));
    let total = range.get_value((5, 2)).unwrap();
    assert!(
        matches!(total, Data::Float(f) if (f - 0.014765).abs() < 1e-6),
        "{total:?}"
    );

    let run = Test::new()
        .file("takst.csv", current())
        .args(&["takst", "takst.csv", "--format", "md"])
        .run();
    run.code(0);
    assert!(run
        .stdout
        .contains("| Driftsherre | Takster | Ændring | Real ændring | Tilladt | Overholdt |"));
}

#[test]
fn rows_with_errors_are_left_out_and_listed() {
    let input = format!("{}\nAalborg;1003;Bo F;SEL §108;Udviklingshæmmede;Døgntakst;0;100;1.000,00;1.000,00;Fortsætter", current());
    let run = Test::new()
        .file("takst.csv", input)
        .args(&["takst", "takst.csv", "--format", "json"])
        .run();
    run.code(1);
    let j = run.json();
    assert_eq!(
        j["input_sections"][0]["excluded"],
        json!([{"path": "takst.csv", "sheet": null, "row": 7, "cells": ["G7"]}])
    );
    assert_eq!(j["input_sections"][0]["records"], json!(5));
    assert_eq!(j["input_sections"][0]["errors"], json!(1));
    // The bad row is not in the figures.
    assert_eq!(j["offers"].as_array().unwrap().len(), 2);
}
