//! Numbers as people read them: "1.234.567,50 kr." and "−1,25 %" in Danish,
//! "1,234,567.50 kr." and "-1.25 %" in English.

use crate::lang::Lang;
use rust_decimal::{Decimal, RoundingStrategy};

/// Formats with exactly `decimals` decimals (rounded half away from zero),
/// grouping thousands.
pub fn number(value: Decimal, decimals: u32, lang: Lang) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let abs = rounded.abs();
    let text = format!("{:.*}", decimals as usize, abs);
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let (group_sep, decimal_sep) = lang.pick(('.', ','), (',', '.'));
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
    if negative {
        out.push(lang.pick('−', '-'));
    }
    let digits = int_part.as_bytes();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(char::from(*d));
    }
    if let Some(frac) = frac_part {
        out.push(decimal_sep);
        out.push_str(frac);
    }
    out
}

/// A number with as many decimals as it has (at most `max_decimals`), e.g.
/// a count of places "12,5" or "20".
pub fn plain(value: Decimal, max_decimals: u32, lang: Lang) -> String {
    let rounded = value
        .round_dp_with_strategy(max_decimals, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    number(rounded, rounded.scale(), lang)
}

/// Kroner with two decimals: "1.234,50 kr.".
pub fn kr(value: Decimal, lang: Lang) -> String {
    format!("{} kr.", number(value, 2, lang))
}

/// Percent, always with two decimals: "98,50 %", "−1,00 %" (one format
/// for every percent people read, as in the annex's `0.00 %`).
pub fn pct(value: Decimal, lang: Lang) -> String {
    format!("{} %", number(value, 2, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn danish_and_english() {
        for (value, decimals, da, en) in [
            ("1234567.5", 2, "1.234.567,50", "1,234,567.50"),
            ("0", 2, "0,00", "0.00"),
            ("-1234.505", 2, "−1.234,51", "-1,234.51"),
            ("999", 0, "999", "999"),
            ("1000", 0, "1.000", "1,000"),
            ("-0.001", 2, "0,00", "0.00"),
            ("12.5", 1, "12,5", "12.5"),
        ] {
            assert_eq!(number(d(value), decimals, Lang::Da), da, "{value}");
            assert_eq!(number(d(value), decimals, Lang::En), en, "{value}");
        }
    }

    #[test]
    fn kroner_percent_plain() {
        assert_eq!(kr(d("3091200"), Lang::Da), "3.091.200,00 kr.");
        assert_eq!(pct(d("-1.25"), Lang::Da), "−1,25 %");
        assert_eq!(pct(d("98.5"), Lang::Da), "98,50 %");
        assert_eq!(pct(d("-1"), Lang::Da), "−1,00 %");
        assert_eq!(pct(d("36.1"), Lang::Da), "36,10 %");
        assert_eq!(pct(d("100.000"), Lang::En), "100.00 %");
        assert_eq!(plain(d("12.50"), 2, Lang::Da), "12,5");
        assert_eq!(plain(d("20"), 2, Lang::Da), "20");
    }
}
