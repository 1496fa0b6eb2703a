//! The shared tariff math, against figures computed by hand.

use super::testrow::row;
use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
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
        assert_eq!(
            w.units_per_year(taksttype, Some(2017)),
            want.map(d),
            "{taksttype}"
        );
    }
    let short = Weighting {
        opening_days: d("220"),
    };
    assert_eq!(short.units_per_year("Dagtakst", None), Some(d("220")));
}

#[test]
fn a_doegntakst_spans_366_days_in_a_leap_year() {
    let w = Weighting::default();
    for (year, days) in [
        (Some(2015), "365"),
        (Some(2016), "366"),
        (Some(2017), "365"),
        (Some(2020), "366"),
        (None, "365"),
    ] {
        assert_eq!(
            w.units_per_year("Døgntakst", year),
            Some(d(days)),
            "{year:?}"
        );
        // Opening days, months and years do not move with the leap day.
        assert_eq!(w.units_per_year("Dagtakst", year), Some(d("250")));
        assert_eq!(w.units_per_year("Månedstakst", year), Some(d("12")));
    }
    // 10 places × 96 % × 366 days.
    let mut leap = row("Døgntakst", "10", "96", "1960", None);
    leap.aar = Some(2016);
    assert_eq!(w.annual_volume(&leap), Ok(d("3513.6")));
    leap.aar = None;
    assert_eq!(w.annual_volume(&leap), Ok(d("3504")));
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
    let last = LastYear::of(&[a.clone(), b.clone()]);
    assert_eq!(last.get(&a.key()), Some(d("1000")));
    // In the other order the other row is first, and counts.
    let last = LastYear::of(&[b, a.clone()]);
    assert_eq!(last.get(&a.key()), Some(d("1200")));
}

#[test]
fn previous_tariff_from_last_year_then_the_column() {
    let last_year_row = row("Døgntakst", "10", "96", "1000", None);
    let last = LastYear::of(std::slice::from_ref(&last_year_row));
    let mut now = row("Døgntakst", "10", "96", "1100", None);
    let from_file = Previous {
        takst: d("1000"),
        source: PreviousSource::LastYear,
        column_disagrees: None,
    };
    assert_eq!(last.previous(&now), Some(from_file));
    now.takst_forrige_aar = Some(d("1000"));
    assert_eq!(last.previous(&now), Some(from_file), "the same figure");
    now.takst_forrige_aar = Some(d("1050"));
    assert_eq!(
        last.previous(&now),
        Some(Previous {
            column_disagrees: Some(d("1050")),
            ..from_file
        })
    );
    let empty = LastYear::default();
    assert_eq!(
        empty.previous(&now),
        Some(Previous {
            takst: d("1050"),
            source: PreviousSource::Column,
            column_disagrees: None,
        })
    );
    now.takst_forrige_aar = None;
    assert_eq!(empty.previous(&now), None);
}

#[test]
fn change_of_one_tariff() {
    for (now, before, want) in [
        ("990", "1000", Some("-1")),
        ("1000", "1000", Some("0")),
        ("1250", "1000", Some("25")),
        ("5", "0", None),
        ("5", "-1", None),
    ] {
        assert_eq!(change_pct(d(now), d(before)), want.map(d), "{now}/{before}");
    }
}

#[test]
fn real_change_against_the_pl() {
    // (1 + change) / (1 + P/L) − 1.
    for (change, pl, want) in [
        ("1.6", "1.6", Some("0")),
        ("0", "0", Some("0")),
        ("2", "0", Some("2")),
        // 1.01 / 1.016 − 1 = −0,5906 %
        ("1", "1.6", Some("-0.5906")),
        // 1.034483 / 1.016 − 1 = +1,8192 %: above the P/L ...
        ("3.4483", "1.6", Some("1.8192")),
        // ... and below it: 0.99 / 1.016 − 1.
        ("-1", "1.6", Some("-2.5591")),
        ("1", "-100", None),
        ("1", "-150", None),
    ] {
        assert_eq!(
            real_change_pct(d(change), d(pl)).map(|r| r.round_dp(4)),
            want.map(d),
            "{change} against {pl}"
        );
    }
}

#[test]
fn allowed_change_for_both_rule_sets() {
    for (pl, required, want) in [
        // Nordjylland 2017.
        ("0", "1", "-1"),
        // Sjælland 2016.
        ("1.6", "0", "1.6"),
        // Both: 1.016 × 0.99 − 1 = 0.00584.
        ("1.6", "1", "0.584"),
        ("0", "0", "0"),
        ("-20", "20", "-36"),
    ] {
        assert_eq!(
            allowed_change_pct(d(pl), d(required)),
            Some(d(want)),
            "P/L {pl}, required {required}"
        );
    }
}

#[test]
fn within_the_limit_on_both_sides() {
    for (change, limit, want) in [
        ("-1.0001", "-1", true),
        ("-1", "-1", true),
        ("-0.9999", "-1", false),
        ("1.6", "1.6", true),
        ("1.6001", "1.6", false),
    ] {
        assert_eq!(within(d(change), d(limit)), want, "{change} ≤ {limit}");
    }
}

#[test]
fn changes_chain_over_the_years() {
    for (changes, want) in [
        (vec![], "0"),
        (vec!["1.6"], "1.6"),
        // 1.016 × 1.019 − 1 = 3,5304 %
        (vec!["1.6", "1.9"], "3.5304"),
        // 1.02 × 0.98 − 1 = −0,04 %: up and down is not back.
        (vec!["2", "-2"], "-0.04"),
        (vec!["-100", "5"], "-100"),
    ] {
        let given: Vec<Decimal> = changes.iter().map(|c| d(c)).collect();
        assert_eq!(chain_pct(given), Some(d(want)), "{changes:?}");
    }
    assert_eq!(chain_pct([Decimal::MAX, Decimal::MAX]), None);
}

/// Three years of tariffs (2017, 2018, 2019 against the year before) with
/// P/L 1,9, 1,4 and 1,6: nominal +2 %, −1 %, +1,5 %.
#[test]
fn a_span_chains_nominal_and_fixed_prices_of_the_first_year() {
    let some = |s: &str| Some(d(s));
    let span = Span::of(
        vec![some("2"), some("-1"), some("1.5")],
        &[some("1.9"), some("1.4"), some("1.6")],
    );
    // 1.02 × 0.99 = 1.0098; × 1.015 = 1.024947.
    assert_eq!(
        span.nominal_since_first,
        vec![some("2"), some("0.98"), some("2.4947")]
    );
    // Prices: 1.019, 1.033266, 1.04979826.
    let real: Vec<Option<Decimal>> = span
        .real_since_first
        .iter()
        .map(|r| r.map(|r| r.round_dp(4)))
        .collect();
    // 1.02 / 1.019 − 1; 1.0098 / 1.033266 − 1; 1.024947 / 1.04979826 − 1.
    assert_eq!(real, vec![some("0.0981"), some("-2.2711"), some("-2.3672")]);
    assert_eq!(span.nominal_pct(), some("2.4947"));
    assert_eq!(span.real_pct().map(|r| r.round_dp(4)), some("-2.3672"));
}

#[test]
fn a_gap_in_a_span_stops_the_chain_from_there() {
    let some = |s: &str| Some(d(s));
    let span = Span::of(
        vec![some("2"), None, some("1")],
        &[some("0"), some("0"), some("0")],
    );
    assert_eq!(span.nominal_since_first, vec![some("2"), None, None]);
    assert_eq!(span.nominal_pct(), None);
    // No P/L for the second year: the nominal chain goes on, the real stops.
    let span = Span::of(vec![some("2"), some("1")], &[some("1"), None]);
    assert_eq!(span.nominal_since_first, vec![some("2"), some("3.02")]);
    assert_eq!(span.real_since_first[1], None);
    assert!(span.real_since_first[0].is_some());
    assert_eq!(Span::of(vec![], &[]).nominal_pct(), None);
}
