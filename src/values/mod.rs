//! Single cell values in the forms Danish spreadsheets write them: numbers
//! with thousands dots and decimal commas, kroner and percent, Danish dates,
//! ja/nej, offer numbers and person codes, and the reference data (kommuner,
//! regions, legal bases, target groups) that names resolve against.
//!
//! Parsers never echo the value they reject: a [`ValueError`] says what was
//! expected, and the caller shows the value itself, masked (see `cpr`).

pub mod boolean;
pub mod codes;
pub mod date;
pub mod number;
pub mod reference;
pub mod typed;

/// The size no number in a cell reaches: 10^12 (a trillion kroner is more
/// than any account of these forms holds). Below it, a sum of every row a
/// sheet can have, and the product of two cells, stay exact in a
/// [`rust_decimal::Decimal`].
pub const MAX_MAGNITUDE: rust_decimal::Decimal =
    rust_decimal::Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// Whether `n` is below [`MAX_MAGNITUDE`] in size, from its integer and
/// scale (this runs for every number of every row; a Decimal comparison
/// rescales first).
pub fn below_max_magnitude(n: rust_decimal::Decimal) -> bool {
    // |n| < 10^12 exactly when |mantissa| < 10^(12 + scale); beyond 10^38
    // no 96-bit mantissa reaches the bound.
    let limit = 10_u128.checked_pow(12 + n.scale());
    limit.is_none_or(|limit| n.mantissa().unsigned_abs() < limit)
}

pub use boolean::parse_bool;
pub use codes::{check_max_len, check_personkode, parse_tilbudsnr, tilbudsnr_from_number};
pub use date::{excel_serial_to_date, parse_date};
pub use number::{
    excel_fraction_to_percent, f64_to_decimal, parse_integer, parse_money, parse_number,
    parse_percent,
};
pub use reference::{
    Group, Kommune, Law, Maalgruppe, MaalgruppeId, Paragraf, ParagrafId, Party, PartyMatch,
    Reference, ReferenceError, Region,
};

use crate::lang::Lang;

/// Why a cell value was not accepted. Each variant knows what was expected;
/// none carries the value (it may be a CPR number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueError {
    /// Not a number at all ("abc", "1.23.4", "--5").
    NotANumber,
    /// Readable as more than one number ("1,234,567": thousands commas or
    /// decimal commas?).
    AmbiguousNumber,
    /// A number with decimals where a whole number is needed.
    NotAnInteger,
    /// A number of [`MAX_MAGNITUDE`] or more (no cell of these forms holds
    /// one; sums and products of such numbers could not be computed exactly).
    TooLarge,
    /// Not in a date form we know (including two-digit years).
    NotADate,
    /// A date form, but no such day (31-02-2018).
    InvalidDate,
    NotABoolean,
    /// Neither a kommune nor a region.
    UnknownParty,
    UnknownKommune,
    /// A region where only a kommune may stand (e.g. a betalingskommune).
    RegionNotAllowed,
    UnknownParagraf,
    UnknownMaalgruppe,
    BadTilbudsnr,
    BadPersonkode,
    /// Longer than `max` characters.
    TooLong {
        max: usize,
    },
}

impl ValueError {
    /// What was expected, as a plain sentence fragment in the user's
    /// language. Never contains the rejected value.
    pub fn message(&self, lang: Lang) -> String {
        let (da, en): (&str, &str) = match self {
            ValueError::NotANumber => (
                "et tal som 1.234,50 eller 1234,5",
                "a number like 1.234,50 or 1234,5",
            ),
            ValueError::AmbiguousNumber => (
                "et entydigt tal: skriv 1.234.567 eller 1234567 (kommaet kan både være tusindtals- og decimaltegn)",
                "an unambiguous number: write 1.234.567 or 1234567 (the comma could be a thousands or a decimal separator)",
            ),
            ValueError::NotAnInteger => ("et helt tal som 12", "a whole number like 12"),
            ValueError::TooLarge => (
                "et tal under 1.000.000.000.000 (en billion)",
                "a number below 1,000,000,000,000 (a trillion)",
            ),
            ValueError::NotADate => (
                "en dato som 15-02-2018 (dag-måned-år med fire cifre i året)",
                "a date like 15-02-2018 (day-month-year with a four-digit year)",
            ),
            ValueError::InvalidDate => (
                "en dato der findes i kalenderen, f.eks. 15-02-2018",
                "a date that exists in the calendar, e.g. 15-02-2018",
            ),
            ValueError::NotABoolean => ("ja eller nej (eller x)", "yes or no (ja/nej, or x)"),
            ValueError::UnknownParty => (
                "en kendt kommune eller region (f.eks. Aalborg, 851 eller Region Nordjylland)",
                "a known municipality or region (e.g. Aalborg, 851 or Region Nordjylland)",
            ),
            ValueError::UnknownKommune => (
                "en kendt kommune (navn eller kode, f.eks. Aalborg eller 851)",
                "a known municipality (name or code, e.g. Aalborg or 851)",
            ),
            ValueError::RegionNotAllowed => (
                "en kommune, ikke en region",
                "a municipality, not a region",
            ),
            ValueError::UnknownParagraf => (
                "en kendt paragraf, f.eks. SEL §107, ABL §105 eller BL §83",
                "a known legal basis, e.g. SEL §107, ABL §105 or BL §83",
            ),
            ValueError::UnknownMaalgruppe => (
                "en kendt målgruppe, f.eks. autister eller udviklingshæmmede",
                "a known target group, e.g. autister or udviklingshæmmede",
            ),
            ValueError::BadTilbudsnr => (
                "et tilbudsnummer fra Tilbudsportalen: 1 til 10 cifre",
                "an offer number from Tilbudsportalen: 1 to 10 digits",
            ),
            ValueError::BadPersonkode => (
                "en personkode på 4 til 64 tegn (bogstaver a-z, cifre, - _ .), som ikke ligner et CPR-nummer",
                "a person code of 4 to 64 characters (letters a-z, digits, - _ .) that does not look like a CPR number",
            ),
            ValueError::TooLong { max } => {
                return match lang {
                    Lang::Da => format!("en tekst på højst {max} tegn"),
                    Lang::En => format!("a text of at most {max} characters"),
                }
            }
        };
        lang.pick(da, en).to_string()
    }

    /// True for names that did not resolve against the reference data; the
    /// caller reports those as foreign-key errors, not type errors.
    pub fn is_reference(&self) -> bool {
        matches!(
            self,
            ValueError::UnknownParty
                | ValueError::UnknownKommune
                | ValueError::UnknownParagraf
                | ValueError::UnknownMaalgruppe
        )
    }
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ValueError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_exist_in_both_languages() {
        let all = [
            ValueError::NotANumber,
            ValueError::AmbiguousNumber,
            ValueError::NotAnInteger,
            ValueError::TooLarge,
            ValueError::NotADate,
            ValueError::InvalidDate,
            ValueError::NotABoolean,
            ValueError::UnknownParty,
            ValueError::UnknownKommune,
            ValueError::RegionNotAllowed,
            ValueError::UnknownParagraf,
            ValueError::UnknownMaalgruppe,
            ValueError::BadTilbudsnr,
            ValueError::BadPersonkode,
            ValueError::TooLong { max: 200 },
        ];
        for e in &all {
            let da = e.message(Lang::Da);
            let en = e.message(Lang::En);
            assert!(!da.is_empty() && !en.is_empty(), "{e:?}");
            assert_ne!(da, en, "{e:?}");
        }
        assert_eq!(
            ValueError::NotANumber.message(Lang::Da),
            "et tal som 1.234,50 eller 1234,5"
        );
        assert_eq!(
            ValueError::TooLong { max: 200 }.message(Lang::En),
            "a text of at most 200 characters"
        );
    }

    #[test]
    fn reference_errors() {
        assert!(ValueError::UnknownKommune.is_reference());
        assert!(ValueError::UnknownParagraf.is_reference());
        assert!(ValueError::UnknownMaalgruppe.is_reference());
        assert!(ValueError::UnknownParty.is_reference());
        assert!(!ValueError::RegionNotAllowed.is_reference());
        assert!(!ValueError::NotANumber.is_reference());
    }
}
