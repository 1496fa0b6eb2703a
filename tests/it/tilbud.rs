//! `ramme tilbud` as a command: exactly which offers are new, leaving (by
//! reason, with their dates), vanished and unannounced, and the exit code.

use crate::harness::Test;
use serde_json::json;

const HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Erstattes af;Bemærkning;Årsag;Ikrafttræden";

fn year_2017() -> String {
    [
        HEADER,
        "Aalborg;1001;Bo Fast;SEL §108;Udviklingshæmmede;Døgntakst;10;100;2.000,00;Fortsætter;;;;",
        "Aalborg ÆH;1002;Valmuehaven;SEL §108;Udviklingshæmmede;Døgntakst;8;100;2.500,00;Udgår;;Salg til få kommuner;Udgår af rammeaftalen, men drives stadig;01-01-2017",
        "Aalborg ÆH;1003;AK-dagtilbud;SEL §104;Udviklingshæmmede;Dagtakst;20;100;700,00;Udgår;;Lav kompleksitet;drives videre;",
        "Rebild;4501;Boform Støvring;ABL §105;Udviklingshæmmede;Månedstakst;12;100;31.200,00;Udgår;Søparken (ABL §105);;Lægges sammen;2017-01-01",
        "Hjørring;2001;Minibo;SEL §107;Sindslidende;Døgntakst;6;100;2.200,00;Udgår;;Ændret målgruppe;Omlægges;1.8.2016",
        "Hjørring;2002;Revalideringscenter Hjørring;SEL §103;Udviklingshæmmede;Dagtakst;15;100;650,00;Udgår;Hjørringdistriktet (§103);;;",
        "Hjørring;2003;Bo Nyt;SEL §107;Sindslidende;Døgntakst;5;100;1.900,00;Ny;;;;",
        // Continuing but not in last year's reports.
        "Hjørring;2004;Bo Pludselig;SEL §107;Sindslidende;Døgntakst;5;100;1.800,00;Fortsætter;;;;",
    ]
    .join("\n")
}

fn year_2016() -> String {
    [
        HEADER,
        "Aalborg;1001;Bo Fast;SEL §108;Udviklingshæmmede;Døgntakst;10;100;1.980,00;Fortsætter;;;;",
        "Aalborg ÆH;1002;Valmuehaven;SEL §108;Udviklingshæmmede;Døgntakst;8;100;2.450,00;Fortsætter;;;;",
        "Aalborg ÆH;1003;AK-dagtilbud;SEL §104;Udviklingshæmmede;Dagtakst;20;100;690,00;Fortsætter;;;;",
        "Rebild;4501;Boform Støvring;ABL §105;Udviklingshæmmede;Månedstakst;12;100;31.000,00;Fortsætter;;;;",
        "Hjørring;2001;Minibo;SEL §107;Sindslidende;Døgntakst;6;100;2.150,00;Fortsætter;;;;",
        "Hjørring;2002;Revalideringscenter Hjørring;SEL §103;Udviklingshæmmede;Dagtakst;15;100;640,00;Fortsætter;;;;",
        // Gone in 2017 without being reported as leaving.
        "Mariagerfjord;4401;Aktivitetshuset Hobro;SEL §104;Udviklingshæmmede;Dagtakst;30;92;640,00;Fortsætter;;;;",
        // Reported as leaving in 2016: its absence in 2017 is right.
        "Mariagerfjord;4402;Bo Gammel;SEL §108;Udviklingshæmmede;Døgntakst;4;100;2.000,00;Udgår;;Lukker;Lukker;31-12-2016",
    ]
    .join("\n")
}

fn numbers(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .expect("a list of offers")
        .iter()
        .map(|o| o["tilbudsnr"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn offers_in_and_out_with_reasons_and_dates() {
    let run = Test::new()
        .file("2017/takst.csv", year_2017())
        .file("2016/takst.csv", year_2016())
        .args(&["tilbud", "2017", "--previous", "2016", "--format", "json"])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(numbers(&j["new"]), ["2003"]);
    // By kommune, driftsherre as written, name.
    assert_eq!(
        numbers(&j["leaving"]),
        ["1003", "1002", "2001", "2002", "4501"]
    );
    assert_eq!(numbers(&j["vanished"]), ["4401"]);
    assert_eq!(numbers(&j["unannounced"]), ["2004"]);
    let by_reason: Vec<(String, Vec<String>)> = j["leaving_by_reason"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["reason"].as_str().unwrap().to_string(),
                numbers(&g["offers"]),
            )
        })
        .collect();
    let owned = |r: &str, n: &[&str]| (r.to_string(), n.iter().map(|s| s.to_string()).collect());
    assert_eq!(
        by_reason,
        vec![
            // Dated before undated.
            owned("drives_videre", &["1002", "1003"]),
            owned("sammenlaegges", &["4501"]),
            owned("omlaegges", &["2001"]),
            owned("none", &["2002"]),
        ]
    );
    let minibo = &j["leaving_by_reason"][2]["offers"][0];
    assert_eq!(minibo["aarsag"], "omlaegges");
    assert_eq!(minibo["ikrafttraeden"], "2016-08-01");
    assert_eq!(minibo["bemaerkning"], "Ændret målgruppe");
    let revalidering = &j["leaving_by_reason"][3]["offers"][0];
    assert_eq!(revalidering["aarsag"], json!(null));
    assert_eq!(revalidering["ikrafttraeden"], json!(null));
    assert_eq!(
        j["by_kommune"],
        json!([
            {"kommune": "Aalborg", "offers": 3, "places": 38, "new": 0, "leaving": 2},
            {"kommune": "Hjørring", "offers": 4, "places": 31, "new": 1, "leaving": 2},
            {"kommune": "Rebild", "offers": 1, "places": 12, "new": 0, "leaving": 1},
        ])
    );
}

#[test]
fn the_text_table_groups_the_leaving_offers_by_reason() {
    let run = Test::new()
        .file("2017/takst.csv", year_2017())
        .args(&["tilbud", "2017"])
        .run();
    run.code(0);
    let out = &run.stdout;
    assert!(out.contains("Udgående tilbud efter årsag"), "{out}");
    let order: Vec<usize> = [
        "Udgår af rammeaftalen, men drives videre",
        "Sammenlægges",
        "Omlægges",
        "Uden årsag",
    ]
    .iter()
    .map(|r| out.find(r).unwrap_or_else(|| panic!("{r} in\n{out}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{out}");
    assert!(out.contains("01-08-2016"), "{out}");
    assert!(out.contains("1 udgående tilbud har ingen årsag"), "{out}");
    // Without last year's files there are no vanished offers to show.
    assert!(!out.contains("Forsvundne"), "{out}");
}

#[test]
fn reports_without_reasons_keep_their_tables() {
    let plain = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Status;Erstattes af;Bemærkning\n\
                 Aalborg;1001;Bo Fast;SEL §108;Udviklingshæmmede;Døgntakst;10;100;2.000,00;Udgår;Bo Ny;\n";
    let run = Test::new()
        .file("takst.csv", plain)
        .args(&["tilbud", "takst.csv", "--format", "json"])
        .run();
    run.code(0);
    let j = run.json();
    assert_eq!(numbers(&j["leaving"]), ["1001"]);
    assert_eq!(j["leaving_by_reason"][0]["reason"], "none");
    let text = Test::new()
        .file("takst.csv", plain)
        .args(&["tilbud", "takst.csv"])
        .run();
    assert!(!text.stdout.contains("efter årsag"), "{}", text.stdout);
}

#[test]
fn an_unknown_reason_is_an_error_and_exits_1() {
    let bad = format!(
        "{}\nAalborg;1009;Bo X;SEL §108;Udviklingshæmmede;Døgntakst;4;100;2.000,00;Udgår;;;Fordi;",
        year_2017()
    );
    let run = Test::new()
        .file("takst.csv", bad)
        .args(&["tilbud", "takst.csv", "--format", "json"])
        .run();
    run.code(1);
    let j = run.json();
    // The row with the error is left out; the rest is as before.
    assert_eq!(
        numbers(&j["leaving"]),
        ["1003", "1002", "2001", "2002", "4501"]
    );
    assert_eq!(j["input_sections"][0]["errors"], 1);
    // No takstindberetning among the inputs: no figures at all, exit 1 with
    // the reason on standard error.
    let none = Test::new()
        .file("tom.csv", "a;b\n1;2\n")
        .args(&["tilbud", "tom.csv"])
        .run();
    none.code(1);
    assert!(none.stdout.is_empty(), "{}", none.stdout);
    assert!(none.stderr.contains("takstindberetning"), "{}", none.stderr);
}
