//! `ramme forbrug`: use of offers, occupancy against budget, the early
//! warning, user rates from a FOLK1A export, and `finansiering --alder`;
//! every figure computed by hand in the comments.

use crate::harness::Test;
use serde_json::{json, Value};

const TAKST_HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Forstærket samarbejde";

fn takster() -> String {
    [
        TAKST_HEADER,
        // budget 4 × 100 % = 4; only Aalborg's citizens (a unit of Aalborg)
        "Aalborg ÆH;1001;Bo Egne;SEL §108;Udviklingshæmmede;Døgntakst;4;100;1.000,00;Fortsætter;nej",
        // budget 10; 7 citizens = 70 %; strengthened cooperation
        "Hjørring;2001;Center Syv;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;Fortsætter;ja",
        // budget 5 × 80 % = 4; children
        "Hjørring;2002;Børnehuset;SEL §66;Børn og unge;Døgntakst;5;80;1.290,32;Fortsætter;nej",
        // budget 20; 17 citizens = exactly 85 %; in the cooperation by ramme.toml
        "Region Nordjylland;3001;Center Sytten;SEL §108;Døvblinde;Døgntakst;20;100;3.000,00;Fortsætter;",
    ]
    .join("\n")
}

fn borgere() -> String {
    let mut rows = vec!["Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift;Dage".to_string()];
    // 1001: 31 + 10 days = 41/31 places; 41.000 kr., all Aalborg's own.
    rows.push("PK-A1;Aalborg;1001;SEL §108;31.000,00;31".into());
    rows.push("PK-A2;Aalborg;1001;SEL §108;10.000,00;10".into());
    // 2001: 4 from Aalborg, 3 from Hjørring (own), 62.000 kr. each.
    for i in 1..=4 {
        rows.push(format!("PK-B{i};Aalborg;2001;SEL §107;62.000,00;31"));
    }
    for i in 5..=7 {
        rows.push(format!("PK-B{i};Hjørring;2001;SEL §107;62.000,00;31"));
    }
    // 2002: one child each from Aalborg and Frederikshavn.
    rows.push("PK-D1;Aalborg;2002;SEL §66;40.000,00;31".into());
    rows.push("PK-D2;Frederikshavn;2002;SEL §66;40.000,00;31".into());
    // 3001: 10 Aalborg, 5 Hjørring, 2 Frederikshavn at 93.000 kr.
    for i in 1..=17 {
        let k = match i {
            1..=10 => "Aalborg",
            11..=15 => "Hjørring",
            _ => "Frederikshavn",
        };
        rows.push(format!("PK-C{i};{k};3001;SEL §108;93.000,00;31"));
    }
    // An offer in no takstindberetning.
    rows.push("PK-X;Aalborg;9999;SEL §107;5.000,00;5".into());
    rows.join("\n")
}

/// A FOLK1A export, wide (a column per quarter), with the country, the
/// region and a landsdel that must be left out, and men and women beside
/// the sex total for Frederikshavn (the total wins).
fn folk1a_wide() -> String {
    let mut rows = vec![
        "Folketal den 1. i kvartalet efter område, alder, køn og tid".to_string(),
        "".into(),
        "OMRÅDE;ALDER;KØN;2016K4;2017K1".into(),
    ];
    let total = "Mænd og kvinder i alt";
    for (area, ages) in [
        ("Hele landet", [19_000, 600, 1_400, 3_000, 14_000]),
        ("Region Nordjylland", [19_000, 600, 1_400, 3_000, 14_000]),
        ("Landsdel Nordjylland", [19_000, 600, 1_400, 3_000, 14_000]),
        ("851 Aalborg", [10_000, 300, 700, 1_000, 8_000]),
        ("Hjørring", [5_000, 200, 300, 1_500, 3_000]),
        ("813", [4_000, 100, 400, 500, 3_000]),
    ] {
        for (alder, n) in ["Alder i alt", "0 år", "17 år", "18 år", "100 år og derover"]
            .iter()
            .zip(ages)
        {
            // Last quarter's figures are 10 lower: the latest quarter is used.
            rows.push(format!("{area};{alder};{total};{};{n}", n - 10));
        }
    }
    rows.push("Frederikshavn;17 år;Mænd;195;200".into());
    rows.push("Frederikshavn;17 år;Kvinder;195;200".into());
    rows.join("\n")
}

/// The same figures for 2017K1, long: one TID and INDHOLD per row.
fn folk1a_long() -> String {
    let mut rows = vec![
        "Folketal efter område, alder, køn og tid".to_string(),
        "OMRÅDE;ALDER;KØN;TID;INDHOLD".into(),
    ];
    for (area, ages) in [
        ("Hele landet", [19_000, 600, 1_400, 3_000, 14_000]),
        ("Region Nordjylland", [19_000, 600, 1_400, 3_000, 14_000]),
        ("Aalborg", [10_000, 300, 700, 1_000, 8_000]),
        ("Hjørring", [5_000, 200, 300, 1_500, 3_000]),
        ("Frederikshavn", [4_000, 100, 400, 500, 3_000]),
    ] {
        for (alder, n) in ["Alder i alt", "0 år", "17 år", "18 år", "100 år og derover"]
            .iter()
            .zip(ages)
        {
            rows.push(format!("{area};{alder};I alt;2017K1;{n}"));
        }
    }
    rows.join("\n")
}

fn offer<'a>(j: &'a Value, nr: &str) -> &'a Value {
    j["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["tilbudsnr"] == nr)
        .unwrap_or_else(|| panic!("offer {nr} in {j}"))
}

fn base() -> Test {
    Test::new()
        .file("ramme.toml", "[samarbejde]\ntilbud = [\"3001\"]\n")
        .file("borgere.csv", borgere())
        .file("takst.csv", takster())
        .file("folk1a.csv", folk1a_wide())
}

#[test]
fn use_flags_and_occupancy_by_hand() {
    let run = base()
        .args(&[
            "forbrug",
            "--borgere",
            "borgere.csv",
            "--takster",
            "takst.csv",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["offers"].as_array().unwrap().len(), 4);
    let own = offer(&j, "1001");
    assert_eq!(own["driftsherre"], "Aalborg ÆH");
    assert_eq!(own["citizens"], 2);
    assert_eq!(own["paying_kommuner"], 1);
    assert_eq!(own["paying_kommuner_names"], json!(["Aalborg"]));
    assert_eq!(own["spending"], json!(41000));
    assert_eq!(own["own_share_pct"], json!(100));
    assert_eq!(own["flag"], "kun-egne");
    // 41/31 places of 4: 33,0645 %.
    assert_eq!(own["occupancy_pct"], json!(33.0645));
    assert_eq!(own["forstaerket"], false);
    let seventy = offer(&j, "2001");
    assert_eq!(seventy["citizens"], 7);
    assert_eq!(seventy["paying_kommuner"], 2);
    assert_eq!(seventy["flag"], "faa-kommuner");
    // Hjørring's own 3 × 62.000 of 434.000.
    assert_eq!(seventy["own_share_pct"], json!(42.8571));
    assert_eq!(seventy["occupancy_pct"], json!(70));
    assert_eq!(seventy["forstaerket"], true);
    let children = offer(&j, "2002");
    assert_eq!(children["own_share_pct"], json!(0));
    assert_eq!(children["occupancy_pct"], json!(50));
    let region = offer(&j, "3001");
    assert_eq!(region["citizens"], 17);
    assert_eq!(region["paying_kommuner"], 3);
    // 3 paying kommuner are not "few" (fewer than 3).
    assert_eq!(region["flag"], Value::Null);
    assert_eq!(region["own_share_pct"], json!(0));
    assert_eq!(region["occupancy_pct"], json!(85));
    assert_eq!(region["forstaerket"], true);
    // 70 % is warned, exactly 85 % is not.
    let warned: Vec<&Value> = j["early_warning"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["tilbudsnr"])
        .collect();
    assert_eq!(warned, vec!["2001"]);
    assert_eq!(j["early_warning"][0]["occupancy_pct"], json!(70));
    // Totals: Hjørring 2001 + 2002, the region everything matched.
    let by: Vec<&Value> = j["by_driftsherre"].as_array().unwrap().iter().collect();
    assert_eq!(by[1]["driftsherre"], "Hjørring");
    assert_eq!(by[1]["offers"], 2);
    assert_eq!(by[1]["citizens"], 9);
    assert_eq!(by[1]["spending"], json!(514000));
    assert_eq!(by[1]["own_share_pct"], json!(36.1868));
    assert_eq!(by[1]["occupancy_pct"], json!(64.2857));
    assert_eq!(by[1]["early_warnings"], 1);
    assert_eq!(
        j["region"],
        json!({"offers": 4, "citizens": 28, "spending": 2136000, "own_share_pct": 10.6273,
               "kun_egne": 1, "faa_kommuner": 2, "occupancy_pct": 71.9015, "early_warnings": 1})
    );
    assert_eq!(
        j["unmatched"],
        json!([{"tilbudsnr": "9999", "paragraf": "SEL §107", "rows": 1, "spending": 5000}])
    );
}

#[test]
fn thresholds_from_the_config() {
    // faa_kommuner 4: three kommuner are few now; 86 %: exactly 85 % is
    // warned; a warning level of 70: 70 % is not.
    for (config, flag, warned) in [
        (
            "[forbrug]\nfaa_kommuner = 4\nbelaegning_advarsel = 86\n",
            json!("faa-kommuner"),
            vec!["2001", "3001"],
        ),
        ("[forbrug]\nbelaegning_advarsel = 70\n", Value::Null, vec![]),
    ] {
        let run = base()
            .file(
                "ramme.toml",
                format!("{config}[samarbejde]\ntilbud = [\"3001\"]\n"),
            )
            .args(&[
                "forbrug",
                "--borgere",
                "borgere.csv",
                "--takster",
                "takst.csv",
                "--format",
                "json",
            ])
            .run();
        run.code(0);
        let j = run.json();
        assert_eq!(offer(&j, "3001")["flag"], flag, "{config}");
        let got: Vec<&str> = j["early_warning"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["tilbudsnr"].as_str().unwrap())
            .collect();
        assert_eq!(got, warned, "{config}");
    }
}

#[test]
fn user_rates_from_a_wide_folk1a_export() {
    let run = base()
        .args(&[
            "forbrug",
            "--borgere",
            "borgere.csv",
            "--takster",
            "takst.csv",
            "--befolkning",
            "folk1a.csv",
            "--alder",
            "18+",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let j = run.json();
    // 18+ in 2017K1: Aalborg 1.000 + 8.000, Hjørring 4.500, Frederikshavn
    // 3.500; the region 17.000 (not tripled by the country and region rows).
    assert_eq!(j["alder"], "18+ år");
    assert_eq!(j["region_population"], json!(17000));
    let rates: Vec<Value> = j["user_rates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            json!([
                r["kommune"],
                r["maalgruppe"],
                r["gruppe"],
                r["users"],
                r["per_1000"],
                r["spending_per_user"],
                r["region_per_1000"],
                r["region_spending_per_user"]
            ])
        })
        .collect();
    assert_eq!(
        rates,
        vec![
            json!([
                "Aalborg",
                "Udviklingshæmmede",
                "voksne",
                2,
                0.2222,
                20500,
                0.1176,
                20500
            ]),
            json!([
                "Aalborg",
                "Sindslidende",
                "voksne",
                4,
                0.4444,
                62000,
                0.4118,
                62000
            ]),
            json!([
                "Aalborg",
                "Døvblinde",
                "voksne",
                10,
                1.1111,
                93000,
                1,
                93000
            ]),
            json!([
                "Aalborg",
                "Børn og unge",
                "boern",
                1,
                0.1111,
                40000,
                0.1176,
                40000
            ]),
            json!([
                "Frederikshavn",
                "Døvblinde",
                "voksne",
                2,
                0.5714,
                93000,
                1,
                93000
            ]),
            json!([
                "Frederikshavn",
                "Børn og unge",
                "boern",
                1,
                0.2857,
                40000,
                0.1176,
                40000
            ]),
            json!([
                "Hjørring",
                "Sindslidende",
                "voksne",
                3,
                0.6667,
                62000,
                0.4118,
                62000
            ]),
            json!([
                "Hjørring",
                "Døvblinde",
                "voksne",
                5,
                1.1111,
                93000,
                1,
                93000
            ]),
        ]
    );
}

#[test]
fn folk1a_long_and_wide_give_the_same_key() {
    // 0-17 of 2017K1: Aalborg 1.000, Frederikshavn 500 (the sex total, not
    // men + women on top), Hjørring 500; 100 kr. split 50/25/25.
    for file in ["wide.csv", "long.csv"] {
        let run = Test::new()
            .file("wide.csv", folk1a_wide())
            .file("long.csv", folk1a_long())
            .args(&[
                "finansiering",
                "--amount",
                "100",
                file,
                "--alder",
                "0-17",
                "--format",
                "json",
            ])
            .run();
        run.code(0);
        let j = run.json();
        let parts: Vec<Value> = j["by_kommune"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| json!([p["kommune"], p["key"], p["amount"]]))
            .collect();
        assert_eq!(
            parts,
            vec![
                json!(["Frederikshavn", 500, 25]),
                json!(["Aalborg", 1000, 50]),
                json!(["Hjørring", 500, 25]),
            ],
            "{file}"
        );
    }
}

#[test]
fn folk1a_quarter_and_total_age() {
    // Without a band: "Alder i alt"; 2016K4 is 10 lower per row.
    let run = Test::new()
        .file("folk1a.csv", folk1a_wide())
        .args(&[
            "finansiering",
            "--amount",
            "18970",
            "folk1a.csv",
            "--kvartal",
            "2016K4",
            "--format",
            "json",
        ])
        .run();
    run.code(0);
    let keys: Vec<Value> = run.json()["by_kommune"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!([p["kommune"], p["key"]]))
        .collect();
    assert_eq!(
        keys,
        vec![
            json!(["Frederikshavn", 3990]),
            json!(["Aalborg", 9990]),
            json!(["Hjørring", 4990]),
        ]
    );
    // A quarter the file does not have, and a band without a FOLK1A file.
    let run = Test::new()
        .file("folk1a.csv", folk1a_wide())
        .args(&[
            "finansiering",
            "--amount",
            "1",
            "folk1a.csv",
            "--kvartal",
            "2019K1",
        ])
        .run();
    run.code(2);
    assert!(run.stderr.contains("2016K4, 2017K1"), "{}", run.stderr);
    let run = Test::new()
        .file("b.csv", "Kommune;Befolkning\nAalborg;100\n")
        .args(&["finansiering", "--amount", "1", "b.csv", "--alder", "0-17"])
        .run();
    run.code(2);
}

#[test]
fn folk1a_is_detected_by_its_headers() {
    let run = Test::new()
        .file("folk1a.csv", folk1a_wide())
        .args(&["validate", "folk1a.csv", "--format", "json"])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["files"][0]["schema"], "folk1a");
    assert_eq!(j["files"][0]["rows"], 32);
    assert_eq!(j["summary"]["warnings"], 0);
}

#[test]
fn text_and_bilag_sheets() {
    let run = base()
        .args(&[
            "forbrug",
            "--borgere",
            "borgere.csv",
            "--takster",
            "takst.csv",
        ])
        .run();
    run.code(0);
    assert!(run.stdout.contains("kun egne borgere"), "{}", run.stdout);
    assert!(run.stdout.contains("Tidlig varsling"), "{}", run.stdout);
    let run = base()
        .file(
            "ramme.toml",
            "[samarbejde]\ntilbud = [\"3001\"]\n[forbrug]\nalder = \"18+\"\n[bilag]\nyear = 2017\ntakst = [\"takst.csv\"]\nborgerliste_after = [\"borgere.csv\"]\nbefolkning = [\"folk1a.csv\"]\n",
        )
        .args(&["bilag", "-o", "bilag.md"])
        .run();
    run.code(0);
    let md = std::fs::read_to_string(run.dir.join("bilag.md")).unwrap();
    assert!(md.contains("## Brug af tilbud"), "{md}");
    assert!(md.contains("Tidlig varsling"), "{md}");
    assert!(md.contains("Center Syv"), "{md}");
    assert!(md.contains("(18+ år)"), "{md}");
}

#[test]
fn workbook_markdown_and_english() {
    let run = base()
        .args(&[
            "forbrug",
            "--borgere",
            "borgere.csv",
            "--takster",
            "takst.csv",
            "-o",
            "forbrug.xlsx",
        ])
        .run();
    run.code(0);
    use calamine::{open_workbook, Reader, Xlsx};
    let wb: Xlsx<_> = open_workbook(run.dir.join("forbrug.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        // Small related tables share a sheet (and a printed page).
        vec!["Brug af tilbud", "Brugerrater"]
    );
    let run = base()
        .args(&[
            "--lang",
            "en",
            "forbrug",
            "--borgere",
            "borgere.csv",
            "--takster",
            "takst.csv",
            "--format",
            "md",
        ])
        .run();
    run.code(0);
    assert!(
        run.stdout.contains("| own citizens only |"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Early warning"), "{}", run.stdout);
    // CSV: the offers with stable keys.
    let run = base()
        .args(&[
            "forbrug",
            "--borgere",
            "borgere.csv",
            "--takster",
            "takst.csv",
            "--format",
            "csv",
        ])
        .run();
    run.code(0);
    assert!(
        run.stdout.starts_with(
            "table,total,driftsherre,tilbudsnr,tilbudsnavn,paragraf,citizens,paying_kommuner"
        ),
        "{}",
        run.stdout
    );
    // Codes, not words: the same in every language.
    assert!(
        run.stdout.contains(
            "offers,false,Aalborg ÆH,1001,Bo Egne,SEL §108,2,1,Aalborg,41000,100,kun-egne,"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_key_by_year_columns_without_ages() {
    // A BY2-like table: OMRÅDE and a column per year, totals only.
    let run = Test::new()
        .file(
            "by2.csv",
            "Folketal 1. januar efter område og tid\nOMRÅDE;2016;2017\nHele landet;5.707.251;5.748.769\nAalborg;210.316;211.937\nHjørring;65.530;65.283\n",
        )
        .args(&["finansiering", "--amount", "1000", "by2.csv", "--format", "json"])
        .run();
    run.code(0);
    let keys: Vec<Value> = run.json()["by_kommune"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!([p["kommune"], p["key"]]))
        .collect();
    assert_eq!(
        keys,
        vec![json!(["Aalborg", 211937]), json!(["Hjørring", 65283])]
    );
    // An age band needs ages.
    let run = Test::new()
        .file("by2.csv", "OMRÅDE;2017\nAalborg;211.937\n")
        .args(&["finansiering", "--amount", "1", "by2.csv", "--alder", "18+"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("no ages"), "{}", run.stderr);
}

#[test]
fn kriterier_takes_a_folk1a_population() {
    // The shipped FOLK1A example holds the same 587.003 inhabitants as the
    // plain key; the country and region rows are not added.
    let examples = format!("{}/examples/2017", env!("CARGO_MANIFEST_DIR"));
    for key in ["folk1a_2017_eksempel.csv", "befolkning_2017_eksempel.csv"] {
        let run = Test::new()
            .args(&[
                "kriterier",
                &format!("{examples}/kriterievurdering_2017.xlsx"),
                "--population",
                &format!("{examples}/{key}"),
                "--format",
                "json",
            ])
            .run();
        run.code(0);
        assert_eq!(run.json()["population"], json!(587003), "{key}");
    }
}

#[test]
fn a_bad_figure_in_a_quarter_column_names_that_column() {
    let run = Test::new()
        .file(
            "f.csv",
            "OMRÅDE;ALDER;KØN;2017K1\nAalborg;0 år;I alt;..\nHjørring;0 år;I alt;200\n",
        )
        .args(&["validate", "f.csv", "--format", "json"])
        .run();
    run.code(1);
    let j = run.json();
    assert_eq!(j["findings"][0]["cell"], "D2");
    assert_eq!(j["findings"][0]["column"], "2017K1");
    let message = j["findings"][0]["message"].as_str().unwrap();
    assert!(message.starts_with("2017K1: \"..\""), "{message}");
}
