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
