//! Property tests: invariants that must hold for any input.

use proptest::prelude::*;
use ramme::lang::Lang;
use ramme::{cpr, numfmt, values};
use rust_decimal::Decimal;

proptest! {
    /// Whatever ramme prints as a Danish number, it reads back exactly.
    #[test]
    fn danish_numbers_round_trip(units in -10_000_000_000_000i64..10_000_000_000_000, scale in 0u32..=2) {
        let value = Decimal::new(units, scale);
        let shown = numfmt::number(value, scale, Lang::Da);
        prop_assert_eq!(values::parse_number(&shown), Ok(value), "{}", shown);
        let money = numfmt::kr(value, Lang::Da);
        prop_assert_eq!(values::parse_money(&money), Ok(value.round_dp(2)), "{}", money);
    }

    /// Masking leaves nothing CPR-shaped behind, in any text.
    #[test]
    fn masked_text_holds_no_cpr(text in "\\PC{0,60}") {
        let masked = cpr::mask(&text);
        prop_assert!(!cpr::contains_cpr(&masked), "{:?} -> {:?}", text, masked);
    }

    /// A CPR-shaped number anywhere in a text is found, and masking removes
    /// its digits. (Synthetic values for the masking test.)
    #[test]
    fn embedded_cpr_is_found_and_masked(
        day in 1u32..=31,
        month in 1u32..=12,
        year in 0u32..=99,
        serial in 0u32..=9999,
        dash in any::<bool>(),
        before in "[a-zæøå ]{0,12}",
        after in "[a-zæøå ]{0,12}",
    ) {
        let cpr_value = format!("{day:02}{month:02}{year:02}{}{serial:04}", if dash { "-" } else { "" });
        let text = format!("{before}{cpr_value}{after}");
        prop_assert!(cpr::contains_cpr(&text), "{}", text);
        let masked = cpr::mask(&text);
        prop_assert!(!masked.contains(&cpr_value));
        prop_assert_eq!(masked.into_owned(), format!("{before}{}{after}", cpr::MASK));
    }

    /// Header matching ignores case, spacing and a trailing year or unit.
    #[test]
    fn header_keys_ignore_form(year in 1990u16..=2100, upper in any::<bool>(), unit in prop::sample::select(vec!["", " kr.", " (kr)", " DKK"])) {
        use ramme::schema::header::header_key;
        let written = format!("Takst forrige år {year}{unit}");
        let written = if upper { written.to_uppercase() } else { written };
        prop_assert_eq!(header_key(&written).key, "takstforrigeaar");
        prop_assert_eq!(header_key(&written).year, Some(year));
    }
}

/// An offer for the tariff analysis: weight, tariff now, tariff last year,
/// small enough that every product is exact.
fn tariff_entry() -> impl Strategy<Value = ramme::analysis::takstanalyse::Entry> {
    (
        prop_oneof![Just(0i64), 0i64..=50_000],
        1i64..=10_000_000,
        1i64..=10_000_000,
        0u32..=2,
    )
        .prop_map(
            |(weight, now, before, scale)| ramme::analysis::takstanalyse::Entry {
                weight: Decimal::new(weight, scale),
                takst: Decimal::new(now, 2),
                previous: Some(Decimal::new(before, 2)),
                comparable: true,
            },
        )
}

proptest! {
    /// Any weights, zero included, never panic or divide by zero, and a
    /// group's change lies between the smallest and the largest change of
    /// the offers that carry weight in it.
    #[test]
    fn group_change_lies_between_its_offers(entries in prop::collection::vec(tariff_entry(), 0..12)) {
        use ramme::analysis::{takstanalyse::Sums, tariff::real_change_pct};
        let sums = Sums::of(&entries);
        let _ = sums.avg_takst();
        let _ = sums.avg_takst_previous();
        let _ = sums.change_pct().map(|c| real_change_pct(c, Decimal::new(16, 1)));
        let changes: Vec<Decimal> = entries
            .iter()
            .filter(|e| e.weight > Decimal::ZERO)
            .filter_map(|e| Some((e.takst / e.previous? - Decimal::ONE) * Decimal::ONE_HUNDRED))
            .collect();
        match sums.change_pct() {
            None => prop_assert!(changes.is_empty(), "no change with weighted offers {:?}", changes),
            Some(change) => {
                let min = changes.iter().min().copied();
                let max = changes.iter().max().copied();
                prop_assert!(min.is_some(), "a change without weighted offers");
                // Decimal division rounds at 28 digits: allow that much.
                let slack = Decimal::new(1, 20);
                prop_assert!(min.is_some_and(|m| change >= m - slack), "{} < {:?}", change, min);
                prop_assert!(max.is_some_and(|m| change <= m + slack), "{} > {:?}", change, max);
            }
        }
    }
}

proptest! {
    /// The tariff-reduction check: any weights (zero included) never divide
    /// by zero, and a group's weighted change lies between its offers' own.
    #[test]
    fn takst_group_change_is_bounded_by_its_offers(
        offers in prop::collection::vec((0u32..50, 1i64..1_000_000, 1i64..1_000_000), 0..12)
    ) {
        use ramme::analysis::takst::{weighted_change_pct, OfferChange, PreviousSource};
        let list: Vec<OfferChange> = offers
            .iter()
            .map(|(w, before, now)| OfferChange {
                kommune: "Aalborg".into(),
                driftsherre: "Aalborg".into(),
                tilbudsnr: "1".into(),
                tilbudsnavn: "A".into(),
                paragraf: "SEL §108".into(),
                taksttype: "Døgntakst".into(),
                takst_previous: Decimal::new(*before, 2),
                takst: Decimal::new(*now, 2),
                change_pct: None,
                weight: Decimal::from(*w),
                source: PreviousSource::Column,
            })
            .collect();
        let change = weighted_change_pct(list.iter());
        let weighted: Vec<&OfferChange> = list.iter().filter(|o| !o.weight.is_zero()).collect();
        if weighted.is_empty() {
            prop_assert_eq!(change, None);
        } else {
            let change = change.unwrap();
            let own = |o: &OfferChange| (o.takst / o.takst_previous - Decimal::ONE) * Decimal::ONE_HUNDRED;
            let min = weighted.iter().map(|o| own(o)).min().unwrap();
            let max = weighted.iter().map(|o| own(o)).max().unwrap();
            let slack = Decimal::new(1, 20);
            prop_assert!(change >= min - slack && change <= max + slack, "{} not in [{}, {}]", change, min, max);
        }
    }
}

proptest! {
    /// Expenditure monitoring: the takst effect and the visitation effect add
    /// up to the change exactly (to the øre), for the region and for every
    /// betalingskommune, whatever the lists; a zero total never divides.
    #[test]
    fn udgift_effects_add_up_exactly(
        before in prop::collection::vec((0u8..12, 0u8..4, 0u16..3, 0i64..10_000_000), 0..40),
        after in prop::collection::vec((0u8..12, 0u8..4, 0u16..3, 0i64..10_000_000), 0..40),
    ) {
        use ramme::analysis::udgift::analyse;
        use ramme::dataset::CitizenRow;
        use ramme::values::reference::Reference;
        use std::collections::HashSet;
        let reference = Reference::embedded().unwrap();
        let paragraffer = [
            reference.paragraf("SEL §107").unwrap(),
            reference.paragraf("SEL §108").unwrap(),
            reference.paragraf("SEL §104").unwrap(),
        ];
        let kommuner = [851u16, 860, 813];
        let rows = |list: &[(u8, u8, u16, i64)]| -> Vec<CitizenRow> {
            // One row per key, as validation guarantees.
            let mut seen = HashSet::new();
            list.iter()
                .filter(|(p, t, _, _)| seen.insert((*p, *t)))
                .map(|(p, t, k, ore)| {
                    CitizenRow::new(
                        &format!("PK-{p}"),
                        &format!("{}", 1000 + u32::from(*t)),
                        paragraffer[usize::from(*t) % 3],
                        kommuner[usize::from(*k)],
                        Decimal::new(*ore, 2),
                        2,
                    )
                })
                .collect()
        };
        let (b, a) = (rows(&before), rows(&after));
        let result = analyse(&b, &a, true);
        let r = &result.region;
        prop_assert_eq!(r.takst_effect + r.visitation_effect, r.change);
        prop_assert_eq!(r.change, a.iter().map(|x| x.udgift).sum::<Decimal>() - b.iter().map(|x| x.udgift).sum::<Decimal>());
        for (_, c) in &result.by_kommune {
            prop_assert_eq!(c.takst_effect + c.visitation_effect, c.change);
            if c.before.total.is_zero() {
                prop_assert_eq!(c.change_pct(), None);
            }
        }
        // The detail holds every row once: its differences add up too.
        prop_assert_eq!(result.detail.iter().map(|d| d.difference()).sum::<Decimal>(), r.change);
    }
}

proptest! {
    /// Objective financing: whole kroner that add up to the total exactly,
    /// none negative, each within one krone of its exact share.
    #[test]
    fn financing_parts_add_up_exactly(
        amount in 0i64..100_000_000_000,
        offset_per_mille in 0i64..1000,
        share in 1u32..=100,
        key in prop::collection::vec(0u32..1_000_000, 1..15),
    ) {
        use ramme::analysis::finansiering::{split, KeyEntry};
        prop_assume!(key.iter().any(|k| *k > 0));
        let amount = Decimal::new(amount, 2);
        let gross = amount * Decimal::from(share) / Decimal::ONE_HUNDRED;
        let offset = (gross * Decimal::new(offset_per_mille, 3)).floor();
        let entries: Vec<KeyEntry> = key
            .iter()
            .enumerate()
            .map(|(i, k)| KeyEntry { kommune: format!("K{i}"), key: Decimal::from(*k) })
            .collect();
        let f = split(amount, offset, Decimal::from(share), &entries).unwrap();
        prop_assert_eq!(f.parts.iter().map(|p| p.amount).sum::<Decimal>(), f.total);
        let sum: Decimal = entries.iter().map(|e| e.key).sum();
        for (p, e) in f.parts.iter().zip(&entries) {
            prop_assert!(p.amount >= Decimal::ZERO);
            prop_assert_eq!(p.amount.fract(), Decimal::ZERO);
            let exact = f.total * e.key / sum;
            prop_assert!((p.amount - exact).abs() < Decimal::ONE, "{} vs {}", p.amount, exact);
        }
    }
}
