//! The over-/underskud rule, case by case, with hand-computed figures.

use super::*;
use crate::dataset::Source;
use crate::values::reference::Party;
use std::path::PathBuf;
use std::sync::Arc;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn rule() -> RegulationRule {
    RegulationRule::default()
}

#[test]
fn defaults_are_five_percent_two_years_one_percent() {
    let r = rule();
    assert_eq!(
        (r.threshold_pct, r.years, r.tolerance_pct),
        (d("5"), 2, d("1"))
    );
}

#[test]
fn figures_of_the_accounts() {
    // (basis, revenue, costs, carried in) → (result, result %, carry, to regulate)
    let cases = [
        // the rules in the README's example: overskud 800.000 = 8 %; 500.000 carried,
        // −300.000 to regulate.
        (
            "10000000", "10800000", "10000000", "0", "800000", "8", "500000", "-300000",
        ),
        // An underskud of 7 %: −500.000 carried, +200.000 to regulate.
        (
            "10000000", "9300000", "10000000", "0", "-700000", "-7", "-500000", "200000",
        ),
        // Exactly 5 % either way: all carried, nothing to regulate.
        (
            "10000000", "10500000", "10000000", "0", "500000", "5", "500000", "0",
        ),
        (
            "10000000", "9500000", "10000000", "0", "-500000", "-5", "-500000", "0",
        ),
        // 5,01 %: 1.000 beyond the threshold.
        (
            "10000000", "10501000", "10000000", "0", "501000", "5.01", "500000", "-1000",
        ),
        // 4,99 %: within.
        (
            "10000000", "10499000", "10000000", "0", "499000", "4.99", "499000", "0",
        ),
        // What was carried in counts: 100.000 + 150.000 = 250.000 = 6,25 % of
        // 4.000.000; 200.000 carried, −50.000 to regulate.
        (
            "4000000", "4100000", "4000000", "150000", "250000", "6.25", "200000", "-50000",
        ),
        // A carried-in underskud turns a small overskud into an underskud:
        // 50.000 − 300.000 = −250.000 = −12,5 % of 2.000.000.
        (
            "2000000", "2050000", "2000000", "-300000", "-250000", "-12.5", "-100000", "150000",
        ),
        // Øre are kept: 5 % of 1.234.567,89 is 61.728,3945.
        (
            "1234567.89",
            "1334567.89",
            "1234567.89",
            "0",
            "100000",
            "8.1000000737", // 100.000 / 1.234.567,89 × 100, to 10 decimals
            "61728.3945",
            "-38271.6055",
        ),
    ];
    for (basis, revenue, costs, carried, result, pct, carry, to_regulate) in cases {
        let f = figures(d(basis), d(costs), d(revenue), d(carried), &rule());
        assert_eq!(f.result, d(result), "result of {revenue} − {costs}");
        assert_eq!(f.carry, d(carry), "carry of {result}");
        assert_eq!(f.to_regulate, d(to_regulate), "to regulate of {result}");
        if basis == "1234567.89" {
            let p = f.result_pct.unwrap().round_dp(10);
            assert_eq!(p, d(pct).round_dp(10));
        } else {
            assert_eq!(f.result_pct, Some(d(pct)), "pct of {result}");
        }
    }
}

#[test]
fn the_threshold_is_a_parameter() {
    let three = RegulationRule {
        threshold_pct: d("3"),
        ..rule()
    };
    let f = figures(d("10000000"), d("10000000"), d("10800000"), d("0"), &three);
    assert_eq!((f.carry, f.to_regulate), (d("300000"), d("-500000")));
}

#[test]
fn status_of_a_regulation() {
    use Reported::{NoReport, Report};
    use Status::*;
    let some = |s: &str| Report(Some(d(s)));
    // (to regulate, reported) → status
    let cases = [
        // An overskud: −300.000 due; 1 % = 3.000 either side.
        ("-300000", some("-300000"), Ok),
        ("-300000", some("-303000"), Ok),
        ("-300000", some("-303000.01"), WrongSize),
        ("-300000", some("-297000"), Ok),
        ("-300000", some("-296999.99"), WrongSize),
        ("-300000", some("-150000"), WrongSize),
        ("-300000", some("300000"), WrongSign),
        ("-300000", some("0"), Missing),
        ("-300000", Report(None), Missing),
        ("-300000", NoReport, Status::NoReport),
        // An underskud: +200.000 due; 1 % = 2.000.
        ("200000", some("200000"), Ok),
        ("200000", some("202000"), Ok),
        ("200000", some("202000.01"), WrongSize),
        ("200000", some("198000"), Ok),
        ("200000", some("197999.99"), WrongSize),
        ("200000", some("-200000"), WrongSign),
        ("200000", NoReport, Status::NoReport),
        // Nothing due: whatever the report says.
        ("0", some("-5000"), NoneNeeded),
        ("0", Report(None), NoneNeeded),
        ("0", NoReport, NoneNeeded),
    ];
    for (due, reported, want) in cases {
        assert_eq!(
            judge(d(due), reported, &rule()),
            want,
            "{due} against {reported:?}"
        );
    }
}

#[test]
fn the_tolerance_is_a_parameter() {
    let none = RegulationRule {
        tolerance_pct: d("0"),
        ..rule()
    };
    let r = Reported::Report(Some(d("-300000.01")));
    assert_eq!(judge(d("-300000"), r, &none), Status::WrongSize);
    let r = Reported::Report(Some(d("-300000")));
    assert_eq!(judge(d("-300000"), r, &none), Status::Ok);
}

#[test]
fn status_keys_are_the_contracts() {
    let keys: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
    assert_eq!(
        keys,
        [
            "ok",
            "missing",
            "wrong-sign",
            "wrong-size",
            "none-needed",
            "no-report"
        ]
    );
}

fn source() -> Source {
    Source {
        path: Arc::new(PathBuf::from("test.csv")),
        sheet: None,
        row: 2,
    }
}

fn account(
    reference: &Reference,
    party: Party,
    written: &str,
    tilbudsnr: &str,
    budget: &str,
    costs: &str,
    revenue: &str,
) -> AccountRow {
    AccountRow {
        source: source(),
        driftsherre: party,
        driftsherre_written: written.into(),
        tilbudsnr: tilbudsnr.into(),
        paragraf: reference.paragraf("SEL §107").unwrap(),
        taksttype: "Døgntakst".into(),
        aar: 2015,
        budget: d(budget),
        omkostninger: d(costs),
        indtaegter: d(revenue),
        overfoert: None,
    }
}

fn report(
    reference: &Reference,
    tilbudsnr: &str,
    taksttype: &str,
    regulering: Option<&str>,
) -> TariffRegulation {
    TariffRegulation {
        source: source(),
        driftsherre: Party::Kommune(851),
        driftsherre_written: "Aalborg".into(),
        tilbudsnr: tilbudsnr.into(),
        tilbudsnavn: format!("Tilbud {tilbudsnr}"),
        paragraf: reference.paragraf("SEL §107").unwrap(),
        taksttype: taksttype.into(),
        aar: Some(2017),
        regulering: regulering.map(d),
    }
}

#[test]
fn offers_by_driftsherre_and_for_the_region() {
    let r = crate::schema::Catalog::embedded().unwrap().reference;
    let aalborg = Party::Kommune(851);
    let hjoerring = Party::Kommune(860);
    let accounts = vec![
        // Aalborg ÆH counts under Aalborg. 8 % overskud, regulated in two
        // tariff rows of the offer (−200.000 and −100.000): ok.
        account(
            &r,
            aalborg,
            "Aalborg ÆH",
            "1",
            "10000000",
            "10000000",
            "10800000",
        ),
        // Aalborg: 7 % underskud, +200.000 due, none reported: missing.
        account(
            &r, aalborg, "Aalborg", "2", "10000000", "10000000", "9300000",
        ),
        // Hjørring: within, no report: none-needed.
        account(
            &r,
            hjoerring,
            "Hjørring",
            "3",
            "2000000",
            "2000000",
            "2040000",
        ),
        // Hjørring: 10 % overskud of 1.000.000, no report: no-report.
        account(
            &r,
            hjoerring,
            "Hjørring",
            "4",
            "1000000",
            "1000000",
            "1100000",
        ),
    ];
    let reports = vec![
        report(&r, "1", "Døgntakst", Some("-200000")),
        report(&r, "1", "Døgntakst", Some("-100000")),
        report(&r, "2", "Døgntakst", None),
        // Another tariff type of offer 2 is another key: no accounts.
        report(&r, "2", "Dagtakst", Some("-4000")),
    ];
    let result = analyse(&accounts, &reports, rule(), (Some(2015), Some(2017)), &r);
    let statuses: Vec<(&str, Status, Option<Decimal>)> = result
        .offers
        .iter()
        .map(|o| (o.tilbudsnr.as_str(), o.status, o.regulated))
        .collect();
    assert_eq!(
        statuses,
        [
            ("1", Status::Ok, Some(d("-300000"))),
            ("2", Status::Missing, None),
            ("3", Status::NoneNeeded, None),
            ("4", Status::NoReport, None),
        ]
    );
    assert_eq!(result.offers[0].kommune, "Aalborg");
    assert_eq!(result.offers[0].driftsherre, "Aalborg ÆH");
    assert_eq!(result.offers[0].tilbudsnavn.as_deref(), Some("Tilbud 1"));
    assert_eq!(result.offers[3].tilbudsnavn, None);

    let [a, h] = result.by_kommune.as_slice() else {
        panic!("two groups: {:?}", result.by_kommune);
    };
    assert_eq!((a.kommune.as_str(), a.offers), ("Aalborg", 2));
    // 800.000 − 700.000 = 100.000 of 20.000.000 = 0,5 %.
    assert_eq!(
        (a.basis, a.result, a.result_pct),
        (d("20000000"), d("100000"), Some(d("0.5")))
    );
    // Carry 500.000 − 500.000; due −300.000 + 200.000; regulated −300.000.
    assert_eq!(
        (a.carry, a.to_regulate, a.regulated),
        (d("0"), d("-100000"), d("-300000"))
    );
    assert_eq!((a.count(Status::Ok), a.count(Status::Missing)), (1, 1));
    assert!(!a.pass());
    assert_eq!((h.kommune.as_str(), h.offers), ("Hjørring", 2));
    // 40.000 + 100.000 of 3.000.000; carry 40.000 + 50.000; due −50.000.
    assert_eq!(
        (h.result, h.carry, h.to_regulate),
        (d("140000"), d("90000"), d("-50000"))
    );
    assert_eq!(
        (h.count(Status::NoneNeeded), h.count(Status::NoReport)),
        (1, 1)
    );
    assert!(!h.pass());

    let region = &result.region;
    assert_eq!(region.offers, 4);
    assert_eq!(region.result, d("240000"));
    // 240.000 / 23.000.000 = 1,0435 %.
    assert_eq!(region.result_pct.map(|p| p.round_dp(4)), Some(d("1.0435")));
    assert_eq!(region.to_regulate, d("-150000"));
    assert_eq!(Status::ALL.map(|s| region.count(s)), [1, 1, 0, 0, 1, 1]);

    assert_eq!(result.unaccounted.len(), 1);
    assert_eq!(result.unaccounted[0].tilbudsnr, "2");
    assert_eq!(result.unaccounted[0].regulated, d("-4000"));
}

#[test]
fn a_group_passes_when_nothing_is_to_be_done() {
    let r = crate::schema::Catalog::embedded().unwrap().reference;
    let accounts = vec![account(
        &r,
        Party::Kommune(851),
        "Aalborg",
        "1",
        "10000000",
        "10000000",
        "10800000",
    )];
    let reports = vec![report(&r, "1", "Døgntakst", Some("-301000"))];
    let result = analyse(&accounts, &reports, rule(), (Some(2015), Some(2017)), &r);
    assert_eq!(result.offers[0].status, Status::Ok);
    assert!(result.by_kommune[0].pass());
    assert!(result.region.pass());
}
