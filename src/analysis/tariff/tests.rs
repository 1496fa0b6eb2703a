//! The shared tariff math, against figures computed by hand.

use super::*;
use crate::dataset::{Source, Status};
use crate::values::reference::{Party, Reference};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn reference() -> Reference {
    crate::schema::Catalog::embedded().unwrap().reference
}

fn row(
    taksttype: &str,
    pladser: &str,
    belaegning: &str,
    takst: &str,
    grundlag: Option<&str>,
) -> TariffRow {
    let r = reference();
    TariffRow {
        source: Source {
            path: Arc::new(PathBuf::from("t.csv")),
            sheet: None,
            row: 2,
        },
        driftsherre: Party::Kommune(851),
        driftsherre_written: "Aalborg".into(),
        tilbudsnr: "1".into(),
        tilbudsnavn: "A".into(),
        paragraf: r.paragraf("SEL §108").unwrap(),
        maalgruppe: r.maalgruppe("Udviklingshæmmede").unwrap(),
        taksttype: taksttype.into(),
        takstniveau: None,
        pladser: d(pladser),
        belaegning: d(belaegning),
        takstgrundlag: grundlag.map(d),
        takst: d(takst),
        takst_forrige_aar: None,
        status: Status::Fortsaetter,
        erstattes_af: None,
        bemaerkning: None,
        forstaerket: None,
        aar: Some(2017),
    }
}

#[test]
fn units_a_year_by_tariff_type() {
    let w = Weighting::default();
    for (taksttype, want) in [
        ("Døgntakst", Some("365")),
        ("Dagtakst", Some("250")),
        ("Månedstakst", Some("12")),
        ("Årstakst", Some("1")),
        ("Timetakst", None),
        ("Pakke", None),
    ] {
        assert_eq!(w.units_per_year(taksttype), want.map(d), "{taksttype}");
    }
    let short = Weighting {
        opening_days: d("220"),
    };
    assert_eq!(short.units_per_year("Dagtakst"), Some(d("220")));
}

#[test]
fn annual_volume_in_the_offers_own_unit() {
    let w = Weighting::default();
    // 10 places × 96 % × 365 days.
    assert_eq!(
        w.annual_volume(&row("Døgntakst", "10", "96", "1960", None)),
        Ok(d("3504"))
    );
    // 20 × 100 % × 250 opening days.
    assert_eq!(
        w.annual_volume(&row("Dagtakst", "20", "100", "990", None)),
        Ok(d("5000"))
    );
    assert_eq!(
        w.annual_volume(&row("Månedstakst", "20", "100", "24750", None)),
        Ok(d("240"))
    );
    assert_eq!(
        w.annual_volume(&row("Årstakst", "10", "100", "714000", None)),
        Ok(d("10"))
    );
    // An hourly tariff: the hours the cost basis pays for, 3.030.000 / 505.
    assert_eq!(
        w.annual_volume(&row("Timetakst", "5", "100", "505", Some("3030000"))),
        Ok(d("6000"))
    );
    assert_eq!(
        w.annual_volume(&row("Timetakst", "5", "100", "505", None)),
        Err(NotWeighable::NoCostBasis)
    );
    assert_eq!(
        w.annual_volume(&row("Timetakst", "5", "100", "0", Some("1000"))),
        Err(NotWeighable::NoVolume)
    );
}

/// One driftsherre: a Døgntakst −2 %, an Årstakst +2 %, a Månedstakst
/// −1 %, a Dagtakst −1 % and a Timetakst +1 %. Weighted by what each sells
/// in a year: (6.867.840 + 7.140.000 + 5.940.000 + 4.950.000 + 3.030.000) /
/// (7.008.000 + 7.000.000 + 6.000.000 + 5.000.000 + 3.000.000) − 1
/// = 27.927.840 / 28.008.000 − 1 = −0,2862 %. Weighted by places ×
/// occupancy it would have been +1,78 % (the Årstakst outweighing the rest).
#[test]
fn mixed_tariff_types_weighted_by_annual_sales() {
    let w = Weighting::default();
    let offers = [
        (row("Døgntakst", "10", "96", "1960", None), "2000"),
        (row("Årstakst", "10", "100", "714000", None), "700000"),
        (row("Månedstakst", "20", "100", "24750", None), "25000"),
        (row("Dagtakst", "20", "100", "990", None), "1000"),
        (row("Timetakst", "5", "100", "505", Some("3030000")), "500"),
    ];
    let items: Vec<_> = offers
        .iter()
        .map(|(r, before)| (w.annual_volume(r).unwrap(), r.takst, d(before)))
        .collect();
    let change = weighted_change_pct(items.iter().copied()).unwrap();
    let want = (d("27927840") / d("28008000") - Decimal::ONE) * Decimal::ONE_HUNDRED;
    assert_eq!(change, want);
    assert_eq!(change.round_dp(4), d("-0.2862"));
    // The old weight, places × occupancy, for comparison.
    let old: Vec<_> = offers
        .iter()
        .map(|(r, before)| {
            (
                r.pladser * r.belaegning / Decimal::ONE_HUNDRED,
                r.takst,
                d(before),
            )
        })
        .collect();
    assert_eq!(weighted_change_pct(old).unwrap().round_dp(4), d("1.7826"));
}

#[test]
fn nothing_to_weigh_gives_none() {
    assert_eq!(weighted_change_pct([]), None);
    assert_eq!(weighted_change_pct([(d("0"), d("5"), d("4"))]), None);
    assert_eq!(weighted_change_pct([(d("1"), d("5"), d("0"))]), None);
    let max = Decimal::MAX;
    assert_eq!(weighted_change_pct([(max, max, d("1"))]), None);
}

#[test]
fn a_repeated_last_year_key_keeps_the_first_row() {
    let mut a = row("Døgntakst", "10", "96", "1000", None);
    let mut b = a.clone();
    a.takst = d("1000");
    b.takst = d("1200");
    let map = last_year_tariffs(&[a.clone(), b]);
    assert_eq!(map.get(&a.key()), Some(&d("1000")));
}
