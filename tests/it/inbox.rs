//! A real inbox (issue "figures you can trust"): tariff types weighted in a
//! common unit, flags that mean what they say, and (below) copies,
//! corrected versions, two years in one set, ramme's own outputs and empty
//! folders.

use crate::harness::{f, Test};
use serde_json::json;

const TAKST_HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Takst forrige år;Status;Takstgrundlag";

/// One driftsherre with five tariff types: Døgntakst −2 %, Årstakst +2 %,
/// Månedstakst −1 %, Dagtakst −1 %, Timetakst +1 %, each selling 3–7 mio.
/// kr. a year.
fn mixed_types() -> String {
    [
        TAKST_HEADER,
        "Aalborg;5001;Døgn;SEL §108;Udviklingshæmmede;Døgntakst;10;96;1.960,00;2.000,00;Fortsætter;",
        "Aalborg;5002;År;SEL §108;Udviklingshæmmede;Årstakst;10;100;714.000,00;700.000,00;Fortsætter;",
        "Aalborg;5003;Måned;SEL §108;Udviklingshæmmede;Månedstakst;20;100;24.750,00;25.000,00;Fortsætter;",
        "Aalborg;5004;Dag;SEL §104;Udviklingshæmmede;Dagtakst;20;100;990,00;1.000,00;Fortsætter;",
        "Aalborg;5005;Time;SEL §85;Udviklingshæmmede;Timetakst;5;100;505,00;500,00;Fortsætter;3.030.000",
    ]
    .join("\n")
}

/// Σ q·takst_N / Σ q·takst_N−1 − 1 = 27.927.840 / 28.008.000 − 1 = −0,2862 %
/// (q: 3.504 days, 1 year × 10, 240 months, 5.000 opening days, 6.000
/// hours). Weighted by places × occupancy it would be +1,78 %: the Årstakst
/// alone would outweigh the rest.
#[test]
fn tariff_types_are_weighted_by_what_they_sell_in_a_year() {
    let run = Test::new()
        .file("takst.csv", mixed_types())
        .args(&["takst", "takst.csv", "--required", "0", "--format", "json"])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["region"]["change_pct"], json!(-0.2862));
    assert_eq!(j["region"]["offers"], json!(5));
    assert_eq!(j["region"]["pass"], json!(true));
    let weights: Vec<&serde_json::Value> = j["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["weight"])
        .collect();
    assert_eq!(
        weights,
        [
            &json!(3504),
            &json!(10),
            &json!(240),
            &json!(5000),
            &json!(6000)
        ]
    );
    // Fewer opening days make the day offer weigh less.
    let run = Test::new()
        .file("takst.csv", mixed_types())
        .file("ramme.toml", "[takst]\naabningsdage = 200\n")
        .args(&["takst", "takst.csv", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(run.json()["offers"][3]["weight"], json!(4000));
}

#[test]
fn an_hourly_tariff_without_a_cost_basis_is_listed_not_weighed() {
    let csv = mixed_types().replace(";3.030.000", ";");
    let run = Test::new()
        .file("takst.csv", &csv)
        .args(&["takst", "takst.csv", "--format", "json"])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(j["region"]["offers"], json!(4));
    let skipped = j["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0]["tilbudsnr"], "5005");
    assert_eq!(skipped[0]["reason"], "not_weighable");
    let text = Test::new()
        .file("takst.csv", &csv)
        .args(&["takst", "takst.csv"])
        .run();
    assert!(
        text.stdout
            .contains("Kan ikke vægtes og indgår ikke i ændringen: Aalborg Time (5005, Timetakst)"),
        "{}",
        text.stdout
    );
    // The same rule in the tariff analysis.
    let run = Test::new()
        .file("takst.csv", &csv)
        .args(&["takstanalyse", "takst.csv", "--format", "json"])
        .run();
    run.code(0);
    assert_eq!(
        run.json()["not_weighable"],
        json!([{"driftsherre": "Aalborg", "tilbudsnr": "5005", "tilbudsnavn": "Time", "taksttype": "Timetakst"}])
    );
}

fn befolkning() -> &'static str {
    "Kommune;Befolkning\nAalborg;200000\nHjørring;65000\n"
}

#[test]
fn flags_mean_what_they_say() {
    let refused = |args: &[&str], wanted: &str| {
        let mut all = vec!["finansiering", "key.csv"];
        all.extend_from_slice(args);
        let run = Test::new().file("key.csv", befolkning()).args(&all).run();
        run.code(2);
        assert!(run.stderr.contains(wanted), "{args:?}: {}", run.stderr);
    };
    refused(
        &["--amount", "3091200,50"],
        "angiv beløbet i hele kroner, f.eks. 3.091.200",
    );
    refused(
        &["--amount", "3.091.200", "--offset", "463.000,5"],
        "har øre",
    );
    refused(&["--amount", "1000", "--share", "0,8"], "tvetydigt");
    refused(&["--amount", "1000", "--share", "1"], "tvetydigt");
    refused(&["--amount", "1000", "--share", "100,5"], "højst 100");
    // In range: 1 < share ≤ 100.
    for share in ["1,01", "60", "100"] {
        Test::new()
            .file("key.csv", befolkning())
            .args(&[
                "finansiering",
                "key.csv",
                "--amount",
                "1000",
                "--share",
                share,
            ])
            .run()
            .code(0);
    }
    let takst = |args: &[&str]| {
        let mut all = vec!["takst", "takst.csv"];
        all.extend_from_slice(args);
        Test::new()
            .file("takst.csv", mixed_types())
            .args(&all)
            .run()
    };
    for (args, wanted) in [
        (
            vec!["--pl", "1.600"],
            "\"1.600\" er 1.600 %, uden for -20 til 20 %",
        ),
        (vec!["--pl", "20,01"], "uden for -20 til 20"),
        (vec!["--required", "-20,5"], "uden for -20 til 20"),
    ] {
        let run = takst(&args);
        run.code(2);
        assert!(run.stderr.contains(wanted), "{args:?}: {}", run.stderr);
    }
    for args in [["--pl", "20"], ["--pl", "-20"], ["--required", "1"]] {
        takst(&args).code(0);
    }
}

#[test]
fn paragraphs_with_filler_words_are_known() {
    let csv = format!(
        "{TAKST_HEADER}\n\
Aalborg;6001;A;§ 107 i serviceloven;Sindslidende;Døgntakst;10;96;1.960,00;;Fortsætter;\n\
Aalborg;6002;B;SEL § 108 m.v.;Udviklingshæmmede;Døgntakst;10;96;1.960,00;;Fortsætter;\n"
    );
    let run = Test::new()
        .file("takst.csv", csv)
        .args(&["validate", "takst.csv", "--format", "json"])
        .run();
    run.code(0);
    assert!(
        !run.findings()
            .contains(&f("foreign-key-error", "D2", "error")),
        "{}",
        run.stdout
    );
}
