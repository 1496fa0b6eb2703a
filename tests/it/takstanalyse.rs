//! `ramme takstanalyse`: exact figures, the børn/voksne split, P/L, JSON
//! keys, rows with errors and the shipped examples.

use crate::harness::Test;
use serde_json::{json, Value};

const HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Takst forrige år;Status;Erstattes af;Bemærkning;År;Takstgrundlag";

/// Yearly volumes q (Pladser × Belægning/100 × 365 for a døgntakst; the
/// hours the cost basis pays for, 2.920.000 / 800 = 3.650, for the hourly
/// tariff): 1001 3.650, 1002 3.650, 1003 1.825, 2001 1.460, 2002 3.650,
/// 1005 3.650, i.e. 365 × the weights 10, 10, 5, 4, 10, 10 in the comments
/// below, so every change and average is as computed there.
fn year_2017() -> String {
    [
        HEADER,
        "Aalborg;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;100;990,00;;Fortsætter;;;2017",
        "Aalborg;1002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;20;50;2.040,00;;Fortsætter;;;2017",
        "Aalborg;1003;Bo C;SEL §108;Udviklingshæmmede;Døgntakst;5;100;5.000,00;4.000,00;Ny;;Nyt tilbud;2017",
        "Hjørring;2001;Børnehuset;SEL §66;Autister;Døgntakst;4;100;3.090,00;;Fortsætter;;;2017",
        "Hjørring;2002;Rusmiddelcenter;SUL §141;Alkoholmisbrugere;Timetakst;10;100;800,00;780,00;Fortsætter;;;2017;2.920.000",
        // Leaving: in both years, tripled, but out of the change.
        "Aalborg;1005;Bo E;SEL §108;Udviklingshæmmede;Døgntakst;10;100;3.000,00;;Udgår;Bo A;Lukker;2017",
    ]
    .join("\n")
}

fn year_2016() -> String {
    [
        HEADER,
        "Aalborg;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;100;1.000,00;;Fortsætter;;;2016",
        "Aalborg;1002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;20;50;2.000,00;;Fortsætter;;;2016",
        "Hjørring;2001;Børnehuset;SEL §66;Autister;Døgntakst;4;100;3.000,00;;Fortsætter;;;2016",
        "Aalborg;1005;Bo E;SEL §108;Udviklingshæmmede;Døgntakst;10;100;1.000,00;;Fortsætter;;;2016",
        // Gone in 2017: does not count anywhere.
        "Hjørring;2003;Lukket tilbud;SEL §107;Sindslidende;Døgntakst;8;100;1.500,00;;Fortsætter;;;2016",
    ]
    .join("\n")
}

fn run_json(extra: &[&str]) -> crate::harness::Run {
    let mut args = vec![
        "takstanalyse",
        "--format",
        "json",
        "2017/takst.csv",
        "--previous",
        "2016/takst.csv",
    ];
    args.extend_from_slice(extra);
    Test::new()
        .file("2017/takst.csv", year_2017())
        .file("2016/takst.csv", year_2016())
        .args(&args)
        .run()
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[test]
fn exact_figures_by_group_with_pl() {
    let run = run_json(&["--pl", "1.6"]);
    run.code(0);
    let json = run.json();
    assert_eq!(json["pl_pct"], json!(1.6));
    assert_eq!(json["year"], 2017);
    assert_eq!(json["previous_year"], 2016);
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);

    // Børn first: SEL §66 is a children's paragraph, Autister is for both.
    assert_eq!(
        rows[0],
        json!({
            "group": "boern", "maalgruppe": "Autister", "paragraf": "SEL §66",
            "taksttype": "Døgntakst", "offers": 1, "offers_compared": 1, "places": 4,
            "avg_takst": 3090, "avg_takst_previous": 3000, "change_pct": 3,
            "real_change_pct": 1.378, "within_pl": false,
        })
    );
    // Voksne by målgruppe name; the previous tariff from the row's own column.
    assert_eq!(
        rows[1],
        json!({
            "group": "voksne", "maalgruppe": "Alkoholmisbrugere", "paragraf": "SUL §141",
            "taksttype": "Timetakst", "offers": 1, "offers_compared": 1, "places": 10,
            "avg_takst": 800, "avg_takst_previous": 780, "change_pct": 2.5641,
            "real_change_pct": 0.9489, "within_pl": false,
        })
    );
    // (10·990 + 10·2.040) / (10·1.000 + 10·2.000) − 1 = 1 %; the new offer
    // 1003 and the leaving 1005 are in the averages and the places, not in
    // the change: (9.900 + 20.400 + 25.000 + 30.000) / 35 and
    // (10.000 + 20.000 + 20.000 + 10.000) / 35.
    assert_eq!(
        rows[2],
        json!({
            "group": "voksne", "maalgruppe": "Udviklingshæmmede", "paragraf": "SEL §108",
            "taksttype": "Døgntakst", "offers": 4, "offers_compared": 2, "places": 45,
            "avg_takst": 2437.14, "avg_takst_previous": 1714.29, "change_pct": 1,
            "real_change_pct": -0.5906, "within_pl": true,
        })
    );

    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        groups[0],
        json!({"group": "boern", "offers": 1, "offers_compared": 1, "places": 4,
               "change_pct": 3, "real_change_pct": 1.378, "within_pl": false})
    );
    // (9.900 + 20.400 + 8.000) / (10.000 + 20.000 + 7.800) − 1.
    assert_eq!(
        groups[1],
        json!({"group": "voksne", "offers": 5, "offers_compared": 3, "places": 55,
               "change_pct": 1.3228, "real_change_pct": -0.2729, "within_pl": true})
    );
    // + 4·3.090 / 4·3.000: 50.660 / 49.800 − 1.
    assert_eq!(
        json["region"],
        json!({"offers": 6, "offers_compared": 4, "places": 59,
               "change_pct": 1.7269, "real_change_pct": 0.1249, "within_pl": false})
    );
}

#[test]
fn json_has_the_contract_keys() {
    let run = run_json(&["--pl", "1,6"]);
    run.code(0);
    let json = run.json();
    for key in ["pl_pct", "year", "rows", "groups", "region", "inputs"] {
        assert!(json.get(key).is_some(), "top-level key {key}");
    }
    assert_eq!(json["pl_pct"], json!(1.6), "a Danish decimal comma works");
    let figures = [
        "offers",
        "places",
        "change_pct",
        "real_change_pct",
        "within_pl",
    ];
    for row in json["rows"].as_array().unwrap() {
        let k = keys(row);
        for key in [
            "group",
            "maalgruppe",
            "paragraf",
            "taksttype",
            "avg_takst",
            "avg_takst_previous",
        ]
        .iter()
        .chain(figures.iter())
        {
            assert!(k.contains(&key.to_string()), "row key {key}");
        }
    }
    for group in json["groups"].as_array().unwrap() {
        assert!(keys(group).contains(&"group".to_string()));
        for key in figures {
            assert!(group.get(key).is_some(), "group key {key}");
        }
    }
    for key in figures {
        assert!(json["region"].get(key).is_some(), "region key {key}");
    }
}

#[test]
fn without_pl_there_is_no_real_change() {
    let run = run_json(&[]);
    run.code(0);
    let json = run.json();
    assert!(json["pl_pct"].is_null());
    assert_eq!(json["region"]["change_pct"], json!(1.7269));
    assert!(json["region"]["real_change_pct"].is_null());
    assert!(json["region"]["within_pl"].is_null());
    assert!(json["rows"][0]["real_change_pct"].is_null());

    let text = Test::new()
        .file("2017/takst.csv", year_2017())
        .args(&["takstanalyse", "2017/takst.csv"])
        .run();
    text.code(0);
    assert!(!text.stdout.contains("Real ændring"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains("Pris- og lønudviklingen (P/L) er ikke oplyst"),
        "{}",
        text.stdout
    );
}

#[test]
fn text_table_is_danish_with_subtotals_and_a_region_total() {
    let run = Test::new()
        .file("2017/takst.csv", year_2017())
        .file("2016/takst.csv", year_2016())
        .args(&[
            "takstanalyse",
            "2017/takst.csv",
            "--previous",
            "2016/takst.csv",
            "--pl",
            "1.6",
        ])
        .run();
    run.code(0);
    let out = &run.stdout;
    assert!(out.starts_with("Takstanalyse 2017 pr. målgruppe og paragraf\n"));
    for label in [
        "Målgruppe",
        "Paragraf",
        "Taksttype",
        "Tilbud",
        "Pladser",
        "Gns. takst 2017",
        "Gns. takst 2016",
        "Ændring",
        "Real ændring",
        "Inden for P/L",
    ] {
        assert!(out.contains(label), "label {label}:\n{out}");
    }
    let lines: Vec<&str> = out.lines().collect();
    let position = |start: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?}:\n{out}"))
    };
    // Børn, their subtotal, voksne, theirs, then the region.
    let order = [
        position("Børn            Autister"),
        position("Børn i alt"),
        position("Voksne          Alkoholmisbrugere"),
        position("Voksne i alt"),
        position("Regionen i alt"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{out}");
    let region = lines[order[4]];
    assert!(region.contains("1,73 %"), "{region}");
    assert!(region.trim_end().ends_with("nej"), "{region}");
    assert!(
        lines[order[0]].contains("3.090,00 kr."),
        "{}",
        lines[order[0]]
    );

    let en = Test::new()
        .file("2017/takst.csv", year_2017())
        .args(&["takstanalyse", "--lang", "en", "2017/takst.csv"])
        .run();
    en.code(0);
    assert!(en.stdout.contains("Avg. tariff 2017"), "{}", en.stdout);
    assert!(en.stdout.contains("Children, total"), "{}", en.stdout);
}

#[test]
fn csv_writes_the_main_table() {
    let run = Test::new()
        .file("2017/takst.csv", year_2017())
        .file("2016/takst.csv", year_2016())
        .args(&[
            "takstanalyse",
            "--format",
            "csv",
            "2017/takst.csv",
            "--previous",
            "2016/takst.csv",
            "--pl",
            "1.6",
        ])
        .run();
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "table,total,group,maalgruppe,paragraf,taksttype,offers,places,avg_takst,avg_takst_previous,change_pct,real_change_pct,within_pl,inputs,files,rows,used,excluded,errors,warnings"
    );
    assert_eq!(
        lines[1],
        "rows,false,boern,Autister,SEL §66,Døgntakst,1,4,3090,3000,3,1.378,false,,,,,,,"
    );
    // 3 rows, 2 subtotals, the region, then the two inputs.
    assert_eq!(lines.len(), 9, "{}", run.stdout);
    assert_eq!(
        lines[6],
        "rows,true,total,,,,6,59,,,1.7269,0.1249,false,,,,,,,"
    );
}

#[test]
fn a_row_with_errors_is_left_out_listed_and_exits_1() {
    let with_error = format!(
        "{}\nAalborg;1004;Bo D;SEL §108;Udviklingshæmmede;Døgntakst;0;100;9.999,00;;Fortsætter;;;2017",
        year_2017()
    );
    let run = Test::new()
        .file("2017/takst.csv", with_error)
        .file("2016/takst.csv", year_2016())
        .args(&[
            "takstanalyse",
            "--format",
            "json",
            "2017/takst.csv",
            "--previous",
            "2016/takst.csv",
        ])
        .run();
    run.code(1);
    let json = run.json();
    // The figures are those without the bad row.
    assert_eq!(json["rows"][2]["offers"], 4);
    assert_eq!(json["rows"][2]["avg_takst"], json!(2437.14));
    assert_eq!(json["region"]["offers"], 6);
    let input = &json["input_sections"][0];
    assert_eq!(input["errors"], 1);
    assert_eq!(input["records"], 6);
    assert_eq!(
        input["excluded"],
        json!([{"path": "2017/takst.csv", "sheet": null, "row": 8, "cells": ["G8"]}])
    );
    assert_eq!(json["input_sections"][1]["errors"], 0);

    let text = Test::new()
        .file(
            "takst.csv",
            format!(
                "{}\nAalborg;1004;Bo D;SEL §108;Udviklingshæmmede;Døgntakst;0;100;9.999,00;;Fortsætter;;;2017",
                year_2017()
            ),
        )
        .args(&["takstanalyse", "takst.csv"])
        .run();
    text.code(1);
    assert!(
        text.stdout
            .contains("Udeladt: takst.csv, række 8: fejl i G8."),
        "{}",
        text.stdout
    );
}

#[test]
fn a_bad_pl_is_a_usage_error() {
    for pl in ["abc", "-100"] {
        let run = Test::new()
            .file("takst.csv", year_2017())
            .args(&["takstanalyse", "takst.csv", "--pl", pl])
            .run();
        run.code(2);
    }
}

#[test]
fn shipped_examples_run_clean() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let run = Test::new()
        .args(&[
            "takstanalyse",
            "--format",
            "json",
            &format!("{examples}/2017"),
            "--previous",
            &format!("{examples}/2016"),
            "--pl",
            "1.6",
        ])
        .run();
    run.code(0);
    let json = run.json();
    assert_eq!(json["rows"].as_array().unwrap().len(), 14);
    assert_eq!(json["region"]["offers"], 31);
    assert_eq!(json["region"]["places"], 503);
    assert_eq!(json["groups"][0]["group"], "boern");
    assert_eq!(json["groups"][1]["group"], "voksne");
    assert_eq!(json["pl_pct"], json!(1.6));
    assert!(json["region"]["change_pct"].is_number());
}

const COSTS: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Takstgrundlag;Løn;Øvrig drift;Indirekte omkostninger
Aalborg ÆH;3001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;96;3.000;Fortsætter;1.050.000;800.000;200.000;50.000
Hjørring;3002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;10;96;3.000;Fortsætter;1.064.000;800.000;200.000;64.000
Rebild;3003;Bo C;SEL §108;Udviklingshæmmede;Døgntakst;10;96;3.000;Fortsætter;;;;
";

#[test]
fn overhead_by_driftsherre_against_the_limit() {
    let run = |config: &str| {
        Test::new()
            .file("ramme.toml", config)
            .file("t.csv", COSTS)
            .args(&["takstanalyse", "--format", "json", "t.csv"])
            .run()
    };
    // The schema's 6 %: Hjørring's 64.000 / 1.000.000 = 6,4 % is above;
    // Aalborg ÆH counts under Aalborg; Rebild gives no categories.
    let r = run("");
    r.code(0);
    let json = r.json();
    assert_eq!(
        json["overhead"],
        json!({
            "limit_pct": 6,
            "by_driftsherre": [
                {"driftsherre": "Aalborg", "tariffs": 1, "direct": 1000000, "indirect": 50000, "pct": 5, "above": false},
                {"driftsherre": "Hjørring", "tariffs": 1, "direct": 1000000, "indirect": 64000, "pct": 6.4, "above": true},
            ],
            "region": {"tariffs": 2, "direct": 2000000, "indirect": 114000, "pct": 5.7, "above": false},
        })
    );
    // [takst] overhead_pct = 6,4: exactly at the limit is within it.
    let json = run("[takst]\noverhead_pct = 6.4\n").json();
    assert_eq!(json["overhead"]["limit_pct"], 6.4);
    assert_eq!(json["overhead"]["by_driftsherre"][1]["above"], false);
    // The text shows the table and the limit.
    let text = Test::new()
        .file("t.csv", COSTS)
        .args(&["takstanalyse", "t.csv"])
        .run();
    assert!(
        text.stdout.contains("Overhead pr. driftsherre"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains(
            "Hjørring              1      1.000.000,00 kr.           64.000,00 kr.    6,40 %  ja"
        ),
        "{}",
        text.stdout
    );
    assert!(text
        .stdout
        .contains("målet er højst 6,00 % ([takst] overhead_pct)"));
    // Without cost categories there is no overhead table and no key.
    let plain = Test::new()
        .file("t.csv", COSTS.lines().take(1).chain(["Rebild;3003;Bo C;SEL §108;Udviklingshæmmede;Døgntakst;10;96;3.000;Fortsætter;;;;"]).collect::<Vec<_>>().join("\n"))
        .args(&["takstanalyse", "--format", "json", "t.csv"])
        .run();
    assert!(plain.json().get("overhead").is_none(), "{}", plain.stdout);
}
