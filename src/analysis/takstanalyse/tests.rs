//! The takstanalyse's rows, groups and region against hand-computed figures.

use super::*;
use crate::dataset::Source;
use crate::values::reference::Party;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn groups_follow_the_paragraph_then_the_maalgruppe() {
    assert_eq!(group_of(Group::Boern, Group::Voksne), Group::Boern);
    assert_eq!(group_of(Group::Voksne, Group::Begge), Group::Voksne);
    assert_eq!(group_of(Group::Begge, Group::Boern), Group::Boern);
    assert_eq!(group_of(Group::Begge, Group::Begge), Group::Begge);
}

fn reference() -> Reference {
    crate::schema::Catalog::embedded().unwrap().reference
}

#[allow(clippy::too_many_arguments)]
fn row(
    reference: &Reference,
    tilbudsnr: &str,
    paragraf: &str,
    maalgruppe: &str,
    taksttype: &str,
    pladser: &str,
    belaegning: &str,
    takst: &str,
    status: Status,
) -> TariffRow {
    TariffRow {
        source: Source {
            path: Arc::new(PathBuf::from("test.csv")),
            sheet: None,
            row: 2,
        },
        driftsherre: Party::Kommune(851),
        driftsherre_written: "Aalborg".into(),
        tilbudsnr: tilbudsnr.into(),
        tilbudsnavn: format!("Tilbud {tilbudsnr}"),
        paragraf: reference.paragraf(paragraf).unwrap(),
        maalgruppe: reference.maalgruppe(maalgruppe).unwrap(),
        taksttype: taksttype.into(),
        takstniveau: None,
        pladser: d(pladser),
        belaegning: d(belaegning),
        takstgrundlag: None,
        takst: d(takst),
        takst_forrige_aar: None,
        status,
        erstattes_af: None,
        bemaerkning: None,
        forstaerket: None,
        aar: Some(2017),
        aarsag: None,
        ikrafttraeden: None,
        costs: Default::default(),
    }
}

#[test]
fn rows_split_by_group_and_taksttype_with_subtotals() {
    let r = reference();
    use Status::*;
    let mut now = vec![
        row(
            &r,
            "1",
            "SEL §108",
            "Udviklingshæmmede",
            "Døgntakst",
            "10",
            "100",
            "990",
            Fortsaetter,
        ),
        row(
            &r,
            "2",
            "SEL §108",
            "Udviklingshæmmede",
            "Døgntakst",
            "20",
            "50",
            "2040",
            Fortsaetter,
        ),
        // Same offer, an hourly tariff: its own row, never averaged in.
        row(
            &r,
            "2",
            "SEL §108",
            "Udviklingshæmmede",
            "Timetakst",
            "20",
            "50",
            "400",
            Fortsaetter,
        ),
        // A new offer in the same row.
        row(
            &r,
            "3",
            "SEL §108",
            "Udviklingshæmmede",
            "Døgntakst",
            "5",
            "100",
            "5000",
            Ny,
        ),
        // Børn: SEL §66 with a målgruppe for both.
        row(
            &r,
            "4",
            "SEL §66",
            "Autister",
            "Døgntakst",
            "4",
            "100",
            "3090",
            Fortsaetter,
        ),
    ];
    // The hourly tariff's cost basis pays for 1.460.000 / 400 = 3.650 hours,
    // the same weight as 10 places of a døgntakst (10 × 365).
    now[2].takstgrundlag = Some(d("1460000"));
    let before = vec![
        row(
            &r,
            "1",
            "SEL §108",
            "Udviklingshæmmede",
            "Døgntakst",
            "10",
            "100",
            "1000",
            Fortsaetter,
        ),
        row(
            &r,
            "2",
            "SEL §108",
            "Udviklingshæmmede",
            "Døgntakst",
            "20",
            "50",
            "2000",
            Fortsaetter,
        ),
        row(
            &r,
            "2",
            "SEL §108",
            "Udviklingshæmmede",
            "Timetakst",
            "20",
            "50",
            "400",
            Fortsaetter,
        ),
        row(
            &r,
            "4",
            "SEL §66",
            "Autister",
            "Døgntakst",
            "4",
            "100",
            "3000",
            Fortsaetter,
        ),
    ];
    let result = analyse(
        &now,
        Some(&before),
        Some(d("1.6")),
        Weighting::default(),
        &r,
    );
    let shape: Vec<(Group, &str, &str, &str, usize)> = result
        .rows
        .iter()
        .map(|l| {
            (
                l.group,
                l.maalgruppe.as_str(),
                l.paragraf.as_str(),
                l.taksttype.as_str(),
                l.figures.offers,
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (Group::Boern, "Autister", "SEL §66", "Døgntakst", 1),
            (
                Group::Voksne,
                "Udviklingshæmmede",
                "SEL §108",
                "Døgntakst",
                3
            ),
            (
                Group::Voksne,
                "Udviklingshæmmede",
                "SEL §108",
                "Timetakst",
                1
            ),
        ]
    );
    let doegn = &result.rows[1];
    assert_eq!(doegn.figures.places, d("35"));
    assert_eq!(doegn.figures.change_pct, Some(d("1")));
    assert_eq!(doegn.figures.compared, 2);
    // (10·990 + 10·2040 + 5·5000) / 25 = 2.212.
    assert_eq!(doegn.avg_takst, Some(d("2212")));
    // The new offer has no previous tariff: (10.000 + 20.000) / 20.
    assert_eq!(doegn.avg_takst_previous, Some(d("1500")));
    assert_eq!(result.rows[2].figures.change_pct, Some(d("0")));
    assert_eq!(result.rows[0].figures.change_pct, Some(d("3")));
    assert_eq!(result.rows[0].figures.within_pl, Some(false));

    // Voksne: (9.900 + 20.400 + 4.000) / (10.000 + 20.000 + 4.000) − 1.
    let voksne = &result.groups[1];
    assert_eq!(voksne.group, Group::Voksne);
    assert_eq!(voksne.figures.offers, 3, "offer 2 counts once");
    assert_eq!(voksne.figures.places, d("35"));
    let expected = (d("34300") / d("34000") - Decimal::ONE) * Decimal::ONE_HUNDRED;
    assert_eq!(voksne.figures.change_pct, Some(expected));
    assert_eq!(result.groups[0].group, Group::Boern);
    assert_eq!(result.groups[0].figures.offers, 1);
    assert_eq!(result.groups.len(), 2);

    // Region: + 4·3.090 / 4·3.000.
    assert_eq!(result.region.offers, 4);
    assert_eq!(result.region.places, d("39"));
    let expected = (d("46660") / d("46000") - Decimal::ONE) * Decimal::ONE_HUNDRED;
    assert_eq!(result.region.change_pct, Some(expected));
    assert!(result.has_previous);
}

#[test]
fn own_previous_tariff_is_used_without_a_match() {
    let r = reference();
    let mut only = row(
        &r,
        "1",
        "SEL §107",
        "Sindslidende",
        "Døgntakst",
        "10",
        "100",
        "1020",
        Status::Fortsaetter,
    );
    only.takst_forrige_aar = Some(d("1000"));
    let result = analyse(
        std::slice::from_ref(&only),
        None,
        None,
        Weighting::default(),
        &r,
    );
    assert_eq!(result.rows[0].figures.change_pct, Some(d("2")));
    assert_eq!(result.rows[0].figures.real_change_pct, None);
    // A match in last year's files wins over the column.
    let mut last = only.clone();
    last.takst = d("1010");
    let result = analyse(&[only], Some(&[last]), None, Weighting::default(), &r);
    let change = result.rows[0].figures.change_pct.unwrap();
    assert_eq!(change.round_dp(4), d("0.9901"));
}

/// Last year's repeated key: the first row counts, as in `takst` (both
/// analyses read last year through `tariff::LastYear`).
#[test]
fn a_repeated_key_of_last_year_takes_the_first_row() {
    let r = reference();
    let now = row(
        &r,
        "1",
        "SEL §107",
        "Sindslidende",
        "Døgntakst",
        "10",
        "100",
        "1020",
        Status::Fortsaetter,
    );
    let mut first = now.clone();
    first.takst = d("1000");
    let mut second = now.clone();
    second.takst = d("1200");
    let result = analyse(
        std::slice::from_ref(&now),
        Some(&[first, second]),
        None,
        Weighting::default(),
        &r,
    );
    assert_eq!(result.rows[0].figures.change_pct, Some(d("2")));
    assert_eq!(result.rows[0].avg_takst_previous, Some(d("1000")));
}

#[test]
fn nothing_to_compare_gives_nulls() {
    let r = reference();
    let now = [row(
        &r,
        "1",
        "SEL §107",
        "Sindslidende",
        "Døgntakst",
        "10",
        "100",
        "1020",
        Status::Fortsaetter,
    )];
    let result = analyse(&now, None, Some(d("1.6")), Weighting::default(), &r);
    assert!(!result.has_previous);
    assert_eq!(result.rows[0].avg_takst, Some(d("1020")));
    assert_eq!(result.rows[0].avg_takst_previous, None);
    assert_eq!(result.region.change_pct, None);
    assert_eq!(result.region.within_pl, None);
    assert_eq!(
        analyse(&[], None, None, Weighting::default(), &r).rows,
        vec![]
    );
}
