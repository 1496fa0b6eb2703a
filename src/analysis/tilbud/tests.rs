//! Offers in and out against hand-made reports: which offers are new,
//! leaving, vanished and unannounced, their counts, and the leaving offers
//! by reason and date.

use super::*;
use crate::analysis::tariff::testrow;
use crate::values::reference::Party;
use std::str::FromStr;

fn reference() -> Reference {
    crate::schema::Catalog::embedded().unwrap().reference
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::from_str(s).unwrap()
}

/// A one-tariff offer of a driftsherre (kommune code, as written).
fn offer(kommune: u16, written: &str, nr: &str, name: &str, status: Status) -> TariffRow {
    TariffRow {
        driftsherre: Party::Kommune(kommune),
        driftsherre_written: written.into(),
        tilbudsnr: nr.into(),
        tilbudsnavn: name.into(),
        status,
        ..testrow::row("Døgntakst", "10", "100", "1000", None)
    }
}

fn leaving(nr: &str, name: &str, reason: Option<LeaveReason>, when: Option<&str>) -> TariffRow {
    TariffRow {
        aarsag: reason,
        ikrafttraeden: when.map(date),
        ..offer(851, "Aalborg ÆH", nr, name, Status::Udgaar)
    }
}

fn numbers(offers: &[Offer]) -> Vec<&str> {
    offers.iter().map(|o| o.tilbudsnr.as_str()).collect()
}

#[test]
fn several_tariffs_of_one_offer_make_one_offer() {
    let r = reference();
    let day = TariffRow {
        taksttype: "Dagtakst".into(),
        pladser: Decimal::from(12),
        erstattes_af: Some("Bo B".into()),
        aarsag: Some(LeaveReason::Sammenlaegges),
        ..offer(851, "Aalborg", "1", "Bo A", Status::Udgaar)
    };
    let night = offer(851, "Aalborg", "1", "Bo A", Status::Fortsaetter);
    for rows in [vec![night.clone(), day.clone()], vec![day, night]] {
        let merged = offers(&rows, &r);
        assert_eq!(merged.len(), 1);
        let o = &merged[0];
        // The most telling status, the larger places, the first texts given.
        assert_eq!(o.status, Status::Udgaar);
        assert_eq!(o.pladser, Decimal::from(12));
        assert_eq!(o.erstattes_af.as_deref(), Some("Bo B"));
        assert_eq!(o.aarsag, Some(LeaveReason::Sammenlaegges));
        assert_eq!(o.paragraf_label, "SEL §108");
    }
}

#[test]
fn new_and_leaving_offers_sorted_and_counted_under_their_kommune() {
    let r = reference();
    let now = [
        offer(860, "Hjørring", "20", "Bo Ny", Status::Ny),
        offer(851, "Aalborg ÆH", "12", "Valmuehaven", Status::Udgaar),
        offer(851, "Aalborg", "11", "Bo Fast", Status::Fortsaetter),
        offer(851, "Aalborg FB", "13", "Voksenbøgen", Status::Udgaar),
        offer(851, "Aalborg ÆH", "14", "AK-dagtilbud", Status::Udgaar),
        offer(851, "Aalborg", "15", "Bo Ny A", Status::Ny),
    ];
    let result = analyse(&now, None, &r);
    assert_eq!(numbers(&result.new), ["15", "20"]);
    // By kommune, then driftsherre as written, then name.
    assert_eq!(numbers(&result.leaving), ["13", "14", "12"]);
    let counts: Vec<(&str, usize, usize, usize)> = result
        .by_kommune
        .iter()
        .map(|c| (c.kommune.as_str(), c.offers, c.new, c.leaving))
        .collect();
    assert_eq!(counts, [("Aalborg", 5, 1, 3), ("Hjørring", 1, 1, 0)]);
    assert_eq!(result.by_kommune[0].places, Decimal::from(50));
    assert_eq!(result.vanished, None);
    assert_eq!(result.unannounced, None);
}

#[test]
fn with_last_year_vanished_and_unannounced_offers() {
    let r = reference();
    let before = [
        offer(851, "Aalborg", "1", "Bo Fast", Status::Fortsaetter),
        // Gone without a word: vanished.
        offer(851, "Aalborg", "2", "Bo Væk", Status::Fortsaetter),
        // Reported as leaving last year, gone now: as it should be.
        offer(851, "Aalborg", "3", "Bo Ud", Status::Udgaar),
        // Same number, another paragraph: another offer.
        TariffRow {
            paragraf: r.paragraf("SEL §107").unwrap(),
            ..offer(851, "Aalborg", "4", "Bo Skift", Status::Fortsaetter)
        },
    ];
    let now = [
        offer(851, "Aalborg", "1", "Bo Fast", Status::Fortsaetter),
        // Continuing but not there last year: unannounced.
        offer(851, "Aalborg", "5", "Bo Pludselig", Status::Fortsaetter),
        // New and not there: fine.
        offer(851, "Aalborg", "6", "Bo Ny", Status::Ny),
        // SEL §108 now, SEL §107 last year: both sides flagged.
        offer(851, "Aalborg", "4", "Bo Skift", Status::Fortsaetter),
    ];
    let result = analyse(&now, Some(&before), &r);
    assert_eq!(
        result.vanished.as_deref().map(numbers),
        Some(vec!["4", "2"])
    );
    assert_eq!(
        result.unannounced.as_deref().map(numbers),
        Some(vec!["5", "4"])
    );
    let none = analyse(&before[..1], Some(&before[..1]), &r);
    assert_eq!(none.vanished, Some(vec![]));
    assert_eq!(none.unannounced, Some(vec![]));
}

#[test]
fn leaving_offers_grouped_by_reason_then_date() {
    use LeaveReason::*;
    let r = reference();
    let now = [
        leaving("1", "Valmuehaven", Some(DrivesVidere), None),
        leaving(
            "2",
            "Violens aflastningstilbud",
            Some(DrivesVidere),
            Some("2017-01-01"),
        ),
        leaving("3", "Boform Støvring", Some(Sammenlaegges), None),
        leaving("4", "Minibo", Some(Omlaegges), Some("2016-08-01")),
        leaving("5", "Østermarken", Some(Lukker), Some("2017-03-01")),
        leaving("6", "Bo uden årsag", None, Some("2017-06-30")),
        leaving("7", "AK-dagtilbud", Some(DrivesVidere), Some("2016-12-31")),
        offer(851, "Aalborg", "8", "Bo Fast", Status::Fortsaetter),
    ];
    let result = analyse(&now, None, &r);
    let groups: Vec<(Option<LeaveReason>, Vec<&str>)> = result
        .leaving_by_reason
        .iter()
        .map(|g| (g.reason, numbers(&g.offers)))
        .collect();
    assert_eq!(
        groups,
        [
            (Some(Lukker), vec!["5"]),
            // Dated first, by date; the undated last.
            (Some(DrivesVidere), vec!["7", "2", "1"]),
            (Some(Sammenlaegges), vec!["3"]),
            (Some(Omlaegges), vec!["4"]),
            (None, vec!["6"]),
        ]
    );
    assert_eq!(
        result.leaving_by_reason[3].offers[0].ikrafttraeden,
        Some(date("2016-08-01"))
    );
    // Every leaving offer is in exactly one group.
    let grouped: usize = result
        .leaving_by_reason
        .iter()
        .map(|g| g.offers.len())
        .sum();
    assert_eq!(grouped, result.leaving.len());
    assert_eq!(analyse(&[], None, &r).leaving_by_reason, vec![]);
}
