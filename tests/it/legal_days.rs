//! The legal bases added with the tariff economics (SEL §§ 99 and 112, STU,
//! Barnets lov §§ 82 and 84, the 2024 law on behandlings- og
//! specialundervisningstilbud) and the døgntakst check's days: 366 in a leap
//! year.

use crate::harness::{f, Test};

const HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takstgrundlag;Takst;Status;År";

/// Takstgrundlag 3.660.000 for 10 places at 100 %: 1.000,00 kr. a day over
/// 366 days, 1.002,74 kr. over 365. A tariff of 992 is 0,80 % off the first
/// (within the 1 % tolerance) and 1,07 % off the second (beyond it).
fn one_offer(year: &str) -> String {
    [
        HEADER,
        &format!("Aalborg;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;98;3.586.800;992,00;Fortsætter;{year}"),
    ]
    .join("\n")
}

fn findings_of(contents: String) -> Vec<(String, String, String)> {
    let run = Test::new()
        .file("takst.csv", contents)
        .args(&["validate", "--format", "json", "takst.csv"])
        .run();
    run.findings()
}

#[test]
fn a_doegntakst_spans_366_days_in_a_leap_year() {
    assert_eq!(findings_of(one_offer("2016")), vec![]);
    assert_eq!(findings_of(one_offer("2020")), vec![]);
    let warned = vec![f("rule-error", "J2", "warning")];
    assert_eq!(findings_of(one_offer("2017")), warned);
    assert_eq!(findings_of(one_offer("2015")), warned);
    // Without a year: 365 days.
    assert_eq!(findings_of(one_offer("")), warned);
}

#[test]
fn the_message_names_the_days_it_used() {
    let run = Test::new()
        .file("takst.csv", one_offer("2017"))
        .args(&["validate", "--format", "json", "takst.csv"])
        .run();
    run.code(0);
    let json = run.json();
    assert_eq!(json["findings"][0]["rule"], "doegntakst-beregning");
    assert_eq!(
        json["findings"][0]["message"],
        "Takst 992,00 kr. svarer ikke til takstgrundlaget: 3.586.800,00 kr. / (10 pladser × 365 dage × 98,00 %) = 1.002,74 kr. (afvigelse 1,07 %, højst 1,00 % tilladt)."
    );
}

#[test]
fn the_new_legal_bases_validate_with_their_group() {
    let rows = [
        ("SEL §99", "Sindslidende"),
        ("§ 112", "Fysisk handicappede"),
        ("STU", "Udviklingshæmmede"),
        (
            "Lov om ungdomsuddannelse for unge med særlige behov",
            "Autister",
        ),
        ("BL §82", "Børn og unge"),
        ("Barnets lov § 84", "Børn og unge"),
        ("LBS", "Børn og unge"),
        (
            "Lov om behandlings- og specialundervisningstilbud til børn og unge",
            "Børn og unge",
        ),
    ];
    let mut lines = vec![HEADER.to_string()];
    for (i, (paragraf, maalgruppe)) in rows.iter().enumerate() {
        lines.push(format!(
            "Aalborg;{};Tilbud {i};{paragraf};{maalgruppe};Årstakst;1;100;;100.000,00;Fortsætter;2017",
            2001 + i
        ));
    }
    let run = Test::new()
        .file("takst.csv", lines.join("\n"))
        .args(&["validate", "--format", "json", "takst.csv"])
        .run();
    run.code(0);
    assert_eq!(run.findings(), vec![]);
    // An unknown number of a known law is still refused.
    let run = Test::new()
        .file(
            "takst.csv",
            [
                HEADER,
                "Aalborg;3001;Bo;BL §999;Børn og unge;Årstakst;1;100;;100.000,00;Fortsætter;2017",
            ]
            .join("\n"),
        )
        .args(&["validate", "--format", "json", "takst.csv"])
        .run();
    assert_eq!(run.findings(), vec![f("foreign-key-error", "D2", "error")]);
}

/// The weighting of a leap year's report: 10 places × 100 % × 366 days,
/// and the note under the table says so; a year after, 365.
#[test]
fn a_leap_years_tariffs_weigh_366_days() {
    let report = |year: &str, takst: &str| {
        [
            HEADER.to_string(),
            format!("Aalborg;1001;Bo A;SEL §108;Udviklingshæmmede;Døgntakst;10;100;;{takst};Fortsætter;{year}"),
        ]
        .join("\n")
    };
    for (now, before, days, weight) in
        [("2016", "2015", "366", 3660), ("2017", "2016", "365", 3650)]
    {
        let run = Test::new()
            .file("now/takst.csv", report(now, "1.010,00"))
            .file("before/takst.csv", report(before, "1.000,00"))
            .args(&["takst", "now", "--previous", "before", "--format", "json"])
            .run();
        run.code(0);
        assert_eq!(
            run.json()["offers"][0]["weight"],
            serde_json::json!(weight),
            "{now}"
        );
        let text = Test::new()
            .file("now/takst.csv", report(now, "1.010,00"))
            .file("before/takst.csv", report(before, "1.000,00"))
            .args(&["takst", "now", "--previous", "before"])
            .run();
        let want = format!("døgntakst pladser × belægning × {days} dage");
        assert!(text.stdout.contains(&want), "{want} in\n{}", text.stdout);
    }
}
