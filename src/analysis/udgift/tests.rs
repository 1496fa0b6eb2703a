//! Hand-computed comparisons: every counter and effect of the region and of
//! each kommune, so that a `+=` turned into `*=` or `-=` fails a test.

use super::*;
use crate::values::reference::Reference;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Aalborg 851, Hjørring 860, Frederikshavn 813.
fn rows(list: &[(&str, &str, u16, &str)]) -> Vec<CitizenRow> {
    let reference = Reference::embedded().unwrap();
    let paragraf = reference.paragraf("SEL §108").unwrap();
    list.iter()
        .enumerate()
        .map(|(i, (person, offer, kommune, udgift))| {
            CitizenRow::new(person, offer, paragraf, *kommune, d(udgift), i as u32)
        })
        .collect()
}

fn kommune(r: &UdgiftResult, code: u16) -> &Comparison {
    &r.by_kommune.iter().find(|(c, _)| *c == code).unwrap().1
}

#[test]
fn region_and_kommune_counters_and_effects() {
    // A continues in offer 1 (100 → 130), B leaves, C is new, D moves
    // from Aalborg to Hjørring in the same offer (a match for the region,
    // visitation for both kommuner), E has two rows in Aalborg.
    let before = rows(&[
        ("A", "1", 851, "100"),
        ("B", "1", 851, "50"),
        ("D", "2", 851, "40"),
        ("E", "1", 851, "10"),
        ("E", "2", 851, "20"),
    ]);
    let after = rows(&[
        ("A", "1", 851, "130"),
        ("C", "1", 860, "70"),
        ("D", "2", 860, "45"),
        ("E", "1", 851, "10"),
        ("E", "2", 851, "25"),
    ]);
    let r = analyse(&before, &after, false);
    let g = &r.region;
    assert_eq!((g.before.rows, g.after.rows), (5, 5));
    assert_eq!((g.before.persons, g.after.persons), (4, 4));
    assert_eq!(
        g.persons,
        Persons {
            continuing: 3,
            new: 1,
            left: 1
        }
    );
    assert_eq!((g.before.total, g.after.total), (d("220"), d("280")));
    assert_eq!(g.change, d("60"));
    // Matched: A +30, D +5, E 0 and +5 → 40; only after C 70, only before B 50.
    assert_eq!(g.takst_effect, d("40"));
    assert_eq!(g.visitation_effect, d("20"));
    assert_eq!(g.takst_effect + g.visitation_effect, g.change);

    let aalborg = kommune(&r, 851);
    assert_eq!((aalborg.before.rows, aalborg.after.rows), (5, 3));
    assert_eq!((aalborg.before.persons, aalborg.after.persons), (4, 2));
    assert_eq!(
        aalborg.persons,
        Persons {
            continuing: 2,
            new: 0,
            left: 2
        }
    );
    assert_eq!(
        (aalborg.before.total, aalborg.after.total),
        (d("220"), d("165"))
    );
    assert_eq!(aalborg.change, d("-55"));
    // A +30, E +5; B −50 and D's 40 moved away.
    assert_eq!(aalborg.takst_effect, d("35"));
    assert_eq!(aalborg.visitation_effect, d("-90"));

    let hjoerring = kommune(&r, 860);
    assert_eq!((hjoerring.before.rows, hjoerring.after.rows), (0, 2));
    assert_eq!((hjoerring.before.persons, hjoerring.after.persons), (0, 2));
    assert_eq!(
        hjoerring.persons,
        Persons {
            continuing: 0,
            new: 2,
            left: 0
        }
    );
    assert_eq!(hjoerring.change, d("115"));
    assert_eq!(hjoerring.takst_effect, d("0"));
    assert_eq!(hjoerring.visitation_effect, d("115"));
    assert_eq!(r.by_kommune.len(), 2);
}

#[test]
fn a_key_twice_in_one_year_matches_once() {
    let before = rows(&[("A", "1", 851, "100"), ("A", "1", 851, "100")]);
    let after = rows(&[("A", "1", 851, "110")]);
    let r = analyse(&before, &after, true);
    assert_eq!(r.region.takst_effect, d("10"));
    assert_eq!(r.region.visitation_effect, d("-100"));
    assert_eq!(r.region.change, d("-90"));
    assert_eq!(r.region.before.rows, 2);
    assert_eq!(r.region.before.persons, 1);
    // One matched row and the unmatched copy.
    assert_eq!(r.detail.len(), 2);
}

#[test]
fn price_effect_uses_the_offers_change_and_rounds_to_ore() {
    let reference = Reference::embedded().unwrap();
    let paragraf = reference.paragraf("SEL §108").unwrap();
    let mut prices = PriceChanges::default();
    prices.insert("1", paragraf, d("0.0333"));
    assert_eq!(prices.len(), 1);
    assert!(!prices.is_empty());
    let before = rows(&[("A", "1", 851, "100.01"), ("B", "2", 851, "50")]);
    let after = rows(&[("A", "1", 851, "110"), ("B", "2", 851, "60")]);
    let r = analyse_with_prices(&before, &after, false, Some(&prices));
    // 100,01 × 3,33 % = 3,330333 → 3,33; offer 2 has no change: unpriced.
    assert_eq!(r.region.price_effect, d("3.33"));
    assert_eq!(r.region.level_effect(), r.region.takst_effect - d("3.33"));
    assert_eq!(r.unpriced_rows, 1);
    assert!(r.priced);
    assert_eq!(kommune(&r, 851).price_effect, d("3.33"));
    let plain = analyse(&before, &after, false);
    assert!(!plain.priced);
    assert_eq!(
        (plain.region.price_effect, plain.unpriced_rows),
        (d("0"), 0)
    );
}

#[test]
fn percentages_and_targets_on_both_sides() {
    let before = rows(&[("A", "1", 851, "100")]);
    let after = rows(&[("A", "1", 851, "102"), ("B", "1", 851, "1")]);
    let r = analyse(&before, &after, false);
    let g = &r.region;
    assert_eq!(g.change_pct(), Some(d("3")));
    assert_eq!(g.takst_effect_pct(), Some(d("2")));
    assert_eq!(g.visitation_effect_pct(), Some(d("1")));
    let at = Targets {
        total: d("3"),
        takst: d("2"),
        visitation: d("1"),
    };
    assert_eq!(g.passes(&at), [Some(true), Some(true), Some(true)]);
    let below = Targets {
        total: d("2.99"),
        takst: d("1.99"),
        visitation: d("0.99"),
    };
    assert_eq!(g.passes(&below), [Some(false), Some(false), Some(false)]);
    // Nothing before: no percentages.
    let empty = analyse(&[], &after, false);
    assert_eq!(empty.region.change_pct(), None);
}

#[test]
fn price_changes_match_last_year_as_every_tariff_analysis_does() {
    use crate::analysis::tariff::testrow::row;
    let level = |niveau: &str, takst: &str, pladser: &str| TariffRow {
        takstniveau: Some(niveau.into()),
        ..row("Døgntakst", pladser, "100", takst, None)
    };
    let paragraf = Reference::embedded().unwrap().paragraf("SEL §108").unwrap();
    // Two levels of one offer: each is matched with its own level of last
    // year (not with the offer's first row), and the level with the larger
    // budget gives the change: B, 2000 → 2100, +5 %. Matched on the offer
    // alone, B would be 2100 / 1000 − 1 = +110 %.
    let previous = [level("A", "1000", "2"), level("B", "2000", "10")];
    let current = [level("A", "1010", "2"), level("B", "2100", "10")];
    let prices = PriceChanges::from_tariffs(&current, Some(&previous));
    assert_eq!(prices.len(), 1);
    let person = CitizenRow::new("P", "1", paragraf, 851, d("1"), 0);
    assert_eq!(prices.change_of(&person), Some(d("0.05")));
    // Last year's report wins over this year's "Takst forrige år"; without
    // last year, the column is used; without either, no change.
    let with_column = |column: &str| TariffRow {
        takst_forrige_aar: Some(d(column)),
        ..level("B", "2100", "10")
    };
    let prices = PriceChanges::from_tariffs(&[with_column("1400")], Some(&previous));
    assert_eq!(prices.change_of(&person), Some(d("0.05")));
    let prices = PriceChanges::from_tariffs(&[with_column("1400")], None);
    assert_eq!(prices.change_of(&person), Some(d("0.5")));
    let prices = PriceChanges::from_tariffs(&[level("B", "2100", "10")], None);
    assert!(prices.is_empty());
}

#[test]
fn a_year_prepared_from_other_rows_is_prepared_again() {
    let before = rows(&[("A", "1", 851, "100"), ("B", "1", 851, "50")]);
    let after = rows(&[("A", "1", 851, "130"), ("C", "1", 860, "70")]);
    let expected = analyse(&before, &after, true);
    // As udgift prepares them, each year on the core that read it.
    let prepared = analyse_prepared(
        (&before, Prepared::before(&before)),
        (&after, Prepared::after(&after)),
        true,
        None,
    );
    assert_eq!(prepared, expected);
    // Swapped, short of rows, or the first year without its index: the
    // comparison does not use them.
    let wrong = analyse_prepared(
        (&before, Prepared::after(&before)),
        (&after, Prepared::before(&after[..1])),
        true,
        None,
    );
    assert_eq!(wrong, expected);
    assert_eq!(expected.region.persons.continuing, 1);
}
