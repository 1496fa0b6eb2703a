//! `ramme kriterier`, `ramme udmelding`, `ramme finansiering`: the seed's
//! procedures on files, checked against hand-worked cases.

use crate::harness::Test;
use serde_json::json;

const KRITERIER: &str =
    "Tilbudsnr;Tilbudsnavn;Driftsherre;A1;A2;A3;B1;C1;C2;Nyt tilbud;Dispensation;Tilfælde pr. år
3001;Center A;Region Nordjylland;x;;;x;x;x;;;3
3002;Center B;Aalborg;;x;;x;x;;;;
3003;Center C;Region Nordjylland;;;;;;;x;x;
3004;Center D;Hjørring;x;;;x;x;x;;x;16
";

const BEFOLKNING: &str = "Kommune;Befolkning\nAalborg;400.000\nHjørring;200.000\n";

#[test]
fn kriterier_by_category_with_dispensation_and_the_a1_indicator() {
    let run = Test::new()
        .file("k.csv", KRITERIER)
        .file("bef.csv", BEFOLKNING)
        .args(&[
            "kriterier",
            "k.csv",
            "--population",
            "bef.csv",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(
        j["offers"],
        json!([
            {"tilbudsnr": "3001", "tilbudsnavn": "Center A", "driftsherre": "Region Nordjylland", "a": true, "b": true, "c": true, "eligible": true, "basis": "kriterier", "missing": []},
            {"tilbudsnr": "3002", "tilbudsnavn": "Center B", "driftsherre": "Aalborg", "a": true, "b": true, "c": false, "eligible": false, "basis": null, "missing": ["C"]},
            {"tilbudsnr": "3003", "tilbudsnavn": "Center C", "driftsherre": "Region Nordjylland", "a": false, "b": false, "c": false, "eligible": true, "basis": "dispensation", "missing": ["A", "B", "C"]},
            {"tilbudsnr": "3004", "tilbudsnavn": "Center D", "driftsherre": "Hjørring", "a": true, "b": true, "c": true, "eligible": true, "basis": "kriterier", "missing": []},
        ])
    );
    // 600.000 inhabitants / 40.000 = 15 cases a year.
    assert_eq!(j["population"], json!(600000));
    assert_eq!(j["indicator_cases"], json!(15));
    assert_eq!(
        j["warnings"],
        json!([
            {"tilbudsnr": "3004", "kind": "dispensation-not-new"},
            {"tilbudsnr": "3004", "kind": "a1-above-indicator", "cases": 16, "indicator": 15},
        ])
    );
}

const UDMELDING: &str = "Afsnit;Navn;Kontaktperson;Tilbudsnr;Tilbudsnavn;Indmeldt dato;Begrundelse;Håndtering af målgruppens behov;Konkurrerende tilbud;Ikke rentabelt;Kommunerne ønsker tilbuddet bevaret
Driftsherre;Region Nordjylland;Kirsten;3001;Center A;15-02-2018;Lav belægning;;;ja;ja
Kommune;Thisted;Jens;3002;Center B;10-01-2020;Eget tilbud;Egen løsning;ja;;
Driftsherre;Aalborg;Mette;3003;Center C;31-03-2020;Omlægning;;;nej;ja
Driftsherre;Aalborg;Mette;3004;Center D;15-02-2019;Omlægning;;;;
Driftsherre;Aalborg;Mette;3005;Center E;02-05-2018;Omlægning;;;;
";

#[test]
fn udmelding_windows_effective_dates_routes_and_duties() {
    let run = Test::new()
        .file("u.csv", UDMELDING)
        .args(&["udmelding", "u.csv", "--format", "json"])
        .run();
    // The two requests out of their window are procedure errors.
    run.code(1);
    let j = run.json();
    let requests = j["requests"].as_array().unwrap();
    let summary: Vec<(u64, bool, serde_json::Value, serde_json::Value)> = requests
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["allowed"].as_bool().unwrap(),
                r["effective"].clone(),
                r["route"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (2, true, json!("2020-01-01"), json!("nødspor")),
            (3, true, json!("2022-01-01"), json!(null)),
            (4, true, json!("2022-01-01"), json!(null)),
            (5, false, json!(null), json!(null)),
            (6, false, json!(null), json!(null)),
        ]
    );
    assert_eq!(requests[0]["afsnit"], "driftsherre");
    assert_eq!(requests[0]["filed"], "2018-02-15");
    assert_eq!(requests[1]["afsnit"], "kommune");
    assert_eq!(
        requests[1]["findings"],
        json!(["Kommunen vil etablere et konkurrerende tilbud: beskyttelsen (intet konkurrerende tilbud) binder kommunen til og med 31-12-2021."])
    );
    assert!(requests[3]["findings"][0]
        .as_str()
        .unwrap()
        .starts_with("Indgivet uden for vinduet"));
    let steps: Vec<(&str, &str, &str)> = requests[0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap(),
                s["from"].as_str().unwrap(),
                s["to"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            ("filed", "2018-02-15", "2018-02-15"),
            ("expert_panel", "2018-03-01", "2018-03-31"),
            ("das", "2018-05-01", "2018-05-31"),
            ("political", "2018-08-01", "2018-10-31"),
            ("effect", "2020-01-01", "2020-01-01"),
        ]
    );
}

#[test]
fn udmelding_period_start_from_config_and_covered_offers() {
    let takst = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Forstærket samarbejde
Region Nordjylland;3001;Center A;SEL §108;Døvblinde;Døgntakst;10;95;5.000,00;Fortsætter;ja
Aalborg;3002;Center B;SEL §108;Autister;Døgntakst;10;95;4.000,00;Fortsætter;nej
";
    let run = Test::new()
        .file("ramme.toml", "[samarbejde]\nperiod_start = 2019\n")
        .file(
            "u.csv",
            UDMELDING.lines().take(3).collect::<Vec<_>>().join("\n"),
        )
        .file("takst.csv", takst)
        .args(&[
            "udmelding",
            "u.csv",
            "--covered",
            "takst.csv",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    // Periods 2019–20, 2021–22: filed 10-01-2020, notice to 10-01-2021 → 2023.
    assert_eq!(j["requests"][1]["effective"], "2023-01-01");
    // Filed 15-02-2018, notice to 15-02-2019, within 2019–20 → 2021.
    assert_eq!(j["requests"][0]["effective"], "2021-01-01");
    let findings = j["requests"][1]["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f
        .as_str()
        .unwrap()
        .contains("ikke omfattet af det forstærkede samarbejde")));
    assert!(!j["requests"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f.as_str().unwrap().contains("ikke omfattet")));
}

const NORDJYLLAND: &[u8] = include_bytes!("../../examples/2017/befolkning_2017_eksempel.csv");

#[test]
fn finansiering_boernehus_nord() {
    let run = Test::new()
        .file("bef.csv", NORDJYLLAND)
        .args(&[
            "finansiering",
            "bef.csv",
            "--amount",
            "3.091.200",
            "--offset",
            "463.000",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["amount"], json!(3091200));
    assert_eq!(j["offset"], json!(463000));
    assert_eq!(j["total"], json!(2628200));
    let parts = j["by_kommune"].as_array().unwrap();
    assert_eq!(parts.len(), 11);
    let sum: i64 = parts.iter().map(|p| p["amount"].as_i64().unwrap()).sum();
    assert_eq!(sum, 2_628_200);
    // 2.628.200 × 211.937 / 587.003 = 948.909,5… → 948.910 after the remainders.
    assert_eq!(
        parts[0],
        json!({"kommune": "Aalborg", "key": 211937, "share_pct": 36.1049, "amount": 948910})
    );
    assert_eq!(parts[5]["kommune"], "Læsø");
    assert_eq!(parts[5]["amount"], json!(8073));
}

#[test]
fn finansiering_objective_share_and_bad_amounts() {
    let run = Test::new()
        .file("bef.csv", BEFOLKNING)
        .args(&[
            "finansiering",
            "bef.csv",
            "--amount",
            "1.000.001",
            "--share",
            "60",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    // 60 % of 1.000.001 = 600.000,6 → 600.001 kr.; split 2:1 → 400.000,67 and 200.000,33.
    assert_eq!(j["total"], json!(600001));
    assert_eq!(j["by_kommune"][0]["amount"], json!(400001));
    assert_eq!(j["by_kommune"][1]["amount"], json!(200000));
    Test::new()
        .file("bef.csv", BEFOLKNING)
        .args(&[
            "finansiering",
            "bef.csv",
            "--amount",
            "10",
            "--offset",
            "11",
        ])
        .run()
        .code(2);
    Test::new()
        .file("bef.csv", BEFOLKNING)
        .args(&["finansiering", "bef.csv", "--amount", "mange"])
        .run()
        .code(2);
}

#[test]
fn the_example_config_loads_and_is_used() {
    let root = env!("CARGO_MANIFEST_DIR");
    let config = format!("{root}/examples/ramme.toml");
    let kriterier = format!("{root}/examples/2017/kriterievurdering_2017.xlsx");
    let run = Test::new()
        .args(&[
            "kriterier",
            "--config",
            &config,
            &kriterier,
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    // The population file named in the config: 587.003 inhabitants of the
    // 11 kommuner (example figures) → 14,68 cases a year.
    assert_eq!(j["population"], json!(587003));
    assert_eq!(j["indicator_cases"], json!(14.68));
    assert_eq!(
        j["warnings"],
        json!([{"tilbudsnr": "430014", "kind": "a1-above-indicator", "cases": 22, "indicator": 14.68}])
    );
}
