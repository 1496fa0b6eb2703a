//! The economic rules of a takstindberetning (issue 13): occupancy norms,
//! cost categories and overhead, and tariffs in levels and packages. Each
//! finding is a `rule-error` naming its rule, at the cell it judges.

use crate::harness::{f, Test};

const HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status";

fn report(header_extra: &str, rows: &[&str]) -> String {
    let mut text = format!("{HEADER}{header_extra}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

fn validate(csv: &str) -> crate::harness::Run {
    Test::new()
        .file("t.csv", csv)
        .args(&["validate", "--format", "json", "t.csv"])
        .run()
}

/// The rule names and messages of the findings, in order.
fn rules(run: &crate::harness::Run) -> Vec<(String, String)> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn occupancy_norms_of_doegn_and_dag_offers_are_pinned() {
    let csv = report(
        ";Tilbudstype",
        &[
            "Aalborg;2001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;80;2.000;Fortsætter;",
            "Aalborg;2002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;10;94,99;2.000;Fortsætter;",
            "Aalborg;2003;Bo C;SEL §108;Udviklingshæmmede;Døgntakst;10;95;2.000;Fortsætter;",
            "Aalborg;2004;Bo D;SEL §108;Udviklingshæmmede;Døgntakst;10;100;2.000;Fortsætter;",
            "Aalborg;2005;Bo E;SEL §108;Udviklingshæmmede;Døgntakst;10;100,01;2.000;Fortsætter;",
            "Aalborg;2006;Dag F;SEL §104;Udviklingshæmmede;Dagtakst;10;80;600;Fortsætter;",
            "Aalborg;2007;Støtte G;SEL §85;Udviklingshæmmede;Timetakst;10;80;500;Fortsætter;",
            "Aalborg;2008;Bo H;SEL §108;Udviklingshæmmede;Døgntakst;10;90;2.000;Fortsætter;Aflastning",
            "Aalborg;2009;Bo I;SEL §108;Udviklingshæmmede;Døgntakst;10;89,99;2.000;Fortsætter;Aflastning",
            "Aalborg;2010;Akutfunktionen Vest;SEL §107;Sindslidende;Døgntakst;10;90;2.000;Fortsætter;",
            "Aalborg;2011;Bo K;SEL §108;Udviklingshæmmede;Døgntakst;10;98;2.000;Fortsætter;",
        ],
    );
    let run = validate(&csv);
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("rule-error", "H2", "warning"),
            f("rule-error", "H3", "warning"),
            f("rule-error", "H5", "warning"),
            f("constraint-error", "H6", "error"),
            f("rule-error", "H7", "warning"),
            f("rule-error", "H10", "warning"),
        ]
    );
    let rules = rules(&run);
    for i in [0, 1, 2, 4, 5] {
        assert_eq!(rules[i].0, "belaegning-norm", "{i}");
    }
    assert_eq!(
        rules[0].1,
        "Belægningsprocent 80,00 % er under normen for døgn- og dagtilbud på 95,00–100,00 %; en \
         lavere budgetteret belægning skal godkendes."
    );
    assert_eq!(
        rules[1].1,
        "Belægningsprocent 94,99 % er under normen for døgn- og dagtilbud på 95,00–100,00 %; en \
         lavere budgetteret belægning skal godkendes."
    );
    assert_eq!(
        rules[2].1,
        "Belægningsprocent 100,00 % er over det anbefalede maksimum på 98,00 %."
    );
    assert_eq!(
        rules[5].1,
        "Belægningsprocent 89,99 % er under normen på mindst 90,00 % for aflastnings- og \
         akuttilbud (tilbuddet er markeret \"aflastning\")."
    );
}

#[test]
fn the_budget_is_the_average_of_the_two_years_before() {
    // 94 % and 96 % actual: an average of 95 %.
    let csv = report(
        ";Faktisk belægning forrige år;Faktisk belægning for to år siden",
        &[
            "Aalborg;2001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;95;2.000;Fortsætter;94;96",
            "Aalborg;2002;Bo B;SEL §108;Udviklingshæmmede;Døgntakst;10;96;2.000;Fortsætter;94;96",
            "Aalborg;2003;Bo C;SEL §108;Udviklingshæmmede;Døgntakst;10;96,01;2.000;Fortsætter;94;96",
            "Aalborg;2004;Bo D;SEL §108;Udviklingshæmmede;Døgntakst;10;97;2.000;Fortsætter;94;",
            "Aalborg;2005;Bo E;SEL §108;Udviklingshæmmede;Døgntakst;10;95;2.000;Fortsætter;85;87",
        ],
    );
    let run = validate(&csv);
    run.code(0);
    assert_eq!(
        run.findings(),
        vec![
            f("rule-error", "H4", "warning"),
            f("rule-error", "H6", "warning")
        ]
    );
    let rules = rules(&run);
    assert_eq!(rules[0].0, "belaegning-gennemsnit");
    assert_eq!(
        rules[0].1,
        "Belægningsprocent 96,01 % bør svare til gennemsnittet af de to foregående års faktiske \
         belægning (94,00 % og 96,00 %) = 95,00 %, højst 1 procentpoint fra."
    );
    assert_eq!(rules[1].0, "belaegning-gennemsnit");
}

const CATEGORIES: &str = ";Takstgrundlag;Løn;Øvrig drift;Ejendomsomkostninger;Indirekte omkostninger;Tjenestemandspension;Regulering;Beboerbetaling";

#[test]
fn cost_categories_add_up_to_the_basis_within_one_krone() {
    // Timetakster: no occupancy norm and no døgntakst calculation.
    let row = |nr: &str, cells: &str| {
        format!("Aalborg;{nr};Støtte {nr};SEL §85;Udviklingshæmmede;Timetakst;10;95;500;Fortsætter;{cells}")
    };
    let rows = [
        // 700.000 + 200.000 + 80.000 + 50.000 − 30.000 = 1.000.000.
        row("3001", "1.000.000;700.000;200.000;80.000;50.000;;;30.000"),
        row("3002", "1.000.002;700.000;200.000;80.000;50.000;;;30.000"),
        row("3003", "1.000.001;700.000;200.000;80.000;50.000;;;30.000"),
        row("3004", "999.998;700.000;200.000;80.000;50.000;;;-30.000"),
        // A Regulering alone is no breakdown.
        row("3005", "950.000;;;;;;-50.000;"),
        // With a Regulering and a pension: 1.000.000 + 10.000 − 50.000.
        row(
            "3006",
            "960.000;700.000;200.000;80.000;50.000;10.000;-50.000;30.000",
        ),
        // Overhead exactly 6 % of the direct costs, then 6,01 %.
        row("3007", "1.060.000;1.000.000;;;60.000;;;"),
        row("3008", "1.060.100;1.000.000;;;60.100;;;"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let csv = report(CATEGORIES, &rows);
    let run = validate(&csv);
    run.code(1);
    // Columns: K Takstgrundlag … O Indirekte omkostninger.
    assert_eq!(
        run.findings(),
        vec![
            f("rule-error", "K3", "error"),
            f("rule-error", "K5", "error"),
            f("rule-error", "O9", "warning"),
        ]
    );
    let rules = rules(&run);
    assert_eq!(rules[0].0, "omkostningskategorier");
    assert_eq!(
        rules[0].1,
        "Takstgrundlag 1.000.002,00 kr. svarer ikke til summen af omkostningskategorierne: Løn \
         700.000,00 kr. + Øvrig drift 200.000,00 kr. + Ejendomsomkostninger 80.000,00 kr. + \
         Indirekte omkostninger 50.000,00 kr. − Beboerbetaling/Indtægter 30.000,00 kr. = \
         1.000.000,00 kr. (forskel 2,00 kr., højst 1,00 kr. tilladt)."
    );
    assert_eq!(rules[1].0, "omkostningskategorier");
    assert_eq!(rules[2].0, "overhead");
    assert_eq!(
        rules[2].1,
        "Indirekte omkostninger 60.100,00 kr. er 6,01 % af de direkte omkostninger \
         (1.000.000,00 kr.); målet er højst 6,00 %."
    );
    assert_eq!(run.json()["files"][0]["errors"], 2);
}

#[test]
fn a_respite_maalgruppe_of_ramme_toml_needs_only_the_short_stay_minimum() {
    let csv = report(
        "",
        &[
            "Aalborg;5001;Bo A;SEL §107;Aflastning børn;Døgntakst;10;92;2.000;Fortsætter",
            "Aalborg;5002;Bo B;SEL §107;Udviklingshæmmede;Døgntakst;10;92;2.000;Fortsætter",
            "Aalborg;5003;Bo C;SEL §107;Aflastning børn;Døgntakst;10;89;2.000;Fortsætter",
        ],
    );
    let run = Test::new()
        .file(
            "ramme.toml",
            "[reference]\nmaalgrupper = [\"Aflastning børn\"]\n",
        )
        .file("t.csv", &csv)
        .args(&["validate", "--format", "json", "t.csv"])
        .run();
    run.code(0);
    // Column H Belægningsprocent: the ordinary offer at 92 % is under the
    // norm, the respite one under the short-stay minimum only at 89 %.
    assert_eq!(
        run.findings(),
        vec![
            f("rule-error", "H3", "warning"),
            f("rule-error", "H4", "warning")
        ]
    );
    let rules = rules(&run);
    assert!(
        rules[0].1.contains("under normen for døgn- og dagtilbud"),
        "{rules:?}"
    );
    assert!(rules[1].1.contains("markeret \"aflastning\""), "{rules:?}");
}

#[test]
fn the_overhead_limit_of_ramme_toml_goes_over_the_schema() {
    let row = |nr: &str, cells: &str| {
        format!("Aalborg;{nr};Støtte {nr};SEL §85;Udviklingshæmmede;Timetakst;10;95;500;Fortsætter;{cells}")
    };
    // Overhead 7 % and 7,01 % of the direct costs.
    let rows = [
        row("3001", "1.070.000;1.000.000;;;70.000;;;"),
        row("3002", "1.070.100;1.000.000;;;70.100;;;"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let csv = report(CATEGORIES, &rows);
    let with = |config: &str| {
        Test::new()
            .file("ramme.toml", config)
            .file("t.csv", &csv)
            .args(&["validate", "--format", "json", "t.csv"])
            .run()
    };
    // The schema's 6 %: both warn.
    let run = with("");
    assert_eq!(
        run.findings(),
        vec![
            f("rule-error", "O2", "warning"),
            f("rule-error", "O3", "warning")
        ]
    );
    // [takst] overhead_pct = 7: exactly 7 % is within, 7,01 % is not, and
    // the message names the limit of ramme.toml.
    let run = with("[takst]\noverhead_pct = 7\n");
    assert_eq!(run.findings(), vec![f("rule-error", "O3", "warning")]);
    assert!(
        rules(&run)[0].1.ends_with("målet er højst 7,00 %."),
        "{:?}",
        rules(&run)
    );
    // A limit that is no percent is a config error.
    let run = with("[takst]\noverhead_pct = 120\n");
    run.code(2);
    assert!(
        run.stderr
            .contains("[takst] overhead_pct er 120 %; angiv en procent mellem 0 og 100"),
        "{}",
        run.stderr
    );
}

const LEVELS: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Ydelse;Pladser;Belægningsprocent;Takstgrundlag;Takst;Status";

#[test]
fn several_tariffs_of_one_offer_are_valid_by_their_level() {
    let csv = format!(
        "{LEVELS}
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;Niveau 1;10;95;;2.000;Fortsætter
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;Niveau 2;5;95;;3.000;Fortsætter
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;;2;95;;1.500;Fortsætter
Aalborg;4002;Forløb B;SEL §107;Sindslidende;Pakke;Udslusning;1;95;600.000;60.000;Fortsætter
Aalborg;4002;Forløb B;SEL §107;Sindslidende;Forløb;;1;95;300.000;30.000;Fortsætter
Aalborg;4003;Rådgivning C;SEL §85;Sindslidende;Abonnement;;1;95;120.000;10.000;Ny
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;Niveau 2;5;95;;3.100;Fortsætter
"
    );
    let run = validate(&csv);
    run.code(1);
    assert_eq!(run.findings(), vec![f("unique-error", "B8", "error")]);
    assert_eq!(
        run.json()["findings"][0]["message"],
        "Rækken gentager række 3: samme Tilbudsnr, Paragraf, Taksttype, Takstniveau (4001, SEL \
         §108, Døgntakst, Niveau 2)."
    );
}

#[test]
fn the_takst_analysis_matches_tariffs_by_level() {
    let now = format!(
        "{LEVELS}
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;Niveau 1;10;95;;2.020;Fortsætter
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;Niveau 2;10;95;;3.000;Fortsætter
"
    );
    let before = format!(
        "{LEVELS}
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;Niveau 2;10;95;;3.000;Fortsætter
Aalborg;4001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;Niveau 1;10;95;;2.000;Fortsætter
"
    );
    let run = Test::new()
        .file("2018/t.csv", now)
        .file("2017/t.csv", before)
        .args(&["takst", "2018", "--previous", "2017", "--format", "json"])
        .run();
    run.code(0);
    let j = run.json();
    let offers = j["offers"].as_array().unwrap();
    let pairs: Vec<(f64, f64)> = offers
        .iter()
        .map(|o| {
            (
                o["takst_previous"].as_f64().unwrap(),
                o["takst"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(pairs, vec![(2000.0, 2020.0), (3000.0, 3000.0)]);
    // (10 × 95 % × 365) × (2.020 + 3.000) / (… × (2.000 + 3.000)) − 1 = 0,4 %.
    assert_eq!(j["region"]["change_pct"], serde_json::json!(0.4));
}
