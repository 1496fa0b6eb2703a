//! Identifiers: Tilbudsportalen's offer numbers and the pseudonymous person
//! codes of a borgerliste (which must never be, or look like, CPR numbers).

use super::ValueError;

/// The longest offer number Tilbudsportalen could give.
const TILBUDSNR_MAX_DIGITS: usize = 10;

/// An offer number: 1–10 ASCII digits after trimming. Returns the trimmed
/// text, so "00123" keeps its zeros as written.
pub fn parse_tilbudsnr(s: &str) -> Result<&str, ValueError> {
    let t = crate::text::trim(s);
    if (1..=TILBUDSNR_MAX_DIGITS).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
        Ok(t)
    } else {
        Err(ValueError::BadTilbudsnr)
    }
}

/// An offer number from an Excel number cell: a positive whole number of at
/// most ten digits.
pub fn tilbudsnr_from_number(f: f64) -> Option<String> {
    if (1.0..1e10).contains(&f) && f.fract() == 0.0 {
        Some(format!("{}", f as u64))
    } else {
        None
    }
}

/// A person code: 4–64 characters of ASCII letters, digits, `-`, `_` and
/// `.` after trimming, and not ten digits (a pseudonym must not look like a
/// CPR number; the CPR guard reports real CPR numbers separately).
pub fn check_personkode(s: &str) -> Result<(), ValueError> {
    /// The bytes a person code may hold (one lookup a byte: this runs for
    /// every row of a borgerliste).
    const ALLOWED: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.');
            b += 1;
        }
        table
    };
    let t = crate::text::trim(s);
    let cpr_like = t.len() == 10 && t.bytes().all(|b| b.is_ascii_digit());
    if (4..=64).contains(&t.len()) && t.bytes().all(|b| ALLOWED[usize::from(b)]) && !cpr_like {
        Ok(())
    } else {
        Err(ValueError::BadPersonkode)
    }
}

/// Free text of at most `max` characters (counted as characters, not bytes).
pub fn check_max_len(s: &str, max: usize) -> Result<(), ValueError> {
    if s.chars().count() <= max {
        Ok(())
    } else {
        Err(ValueError::TooLong { max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilbudsnr() {
        for (input, want) in [
            ("12345", "12345"),
            (" 12345 ", "12345"),
            ("1", "1"),
            ("0012", "0012"),
            ("1234567890", "1234567890"),
        ] {
            assert_eq!(parse_tilbudsnr(input), Ok(want), "{input:?}");
        }
        for input in [
            "",
            " ",
            "12345678901",
            "12 345",
            "12.345",
            "A123",
            "-5",
            "１２",
        ] {
            assert_eq!(
                parse_tilbudsnr(input),
                Err(ValueError::BadTilbudsnr),
                "{input:?}"
            );
        }
    }

    #[test]
    fn tilbudsnr_numbers() {
        assert_eq!(tilbudsnr_from_number(12345.0), Some("12345".to_string()));
        assert_eq!(
            tilbudsnr_from_number(9_999_999_999.0),
            Some("9999999999".to_string())
        );
        for f in [0.0, -5.0, 12.5, 1e10, f64::NAN, f64::INFINITY] {
            assert_eq!(tilbudsnr_from_number(f), None, "{f}");
        }
    }

    #[test]
    fn every_byte_of_a_personkode_is_told_allowed_or_not() {
        for b in 0..=127u8 {
            let code = format!("ab{}c", b as char);
            let allowed = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
            // A space or tab at the end is trimmed; inside it is not allowed.
            assert_eq!(check_personkode(&code).is_ok(), allowed, "{b:#x}");
        }
    }

    #[test]
    fn personkode() {
        for input in [
            "P0001",
            "abcd",
            " ab-1_2.x ",
            "123456789",
            "12345678901",
            "A234567890",
        ] {
            assert_eq!(check_personkode(input), Ok(()), "{input:?}");
        }
        let long = "a".repeat(65);
        for input in [
            "",
            "abc",
            "ab cd",
            "Søren1",
            "ab/cd",
            long.as_str(),
            "0101901234", // ten digits: shaped like a CPR number (test value)
            "9999999999", // ten digits, even if not CPR-valid (test value)
        ] {
            assert_eq!(
                check_personkode(input),
                Err(ValueError::BadPersonkode),
                "{input:?}"
            );
        }
    }

    #[test]
    fn max_len() {
        assert_eq!(check_max_len("æøå", 3), Ok(()));
        assert_eq!(
            check_max_len("æøåa", 3),
            Err(ValueError::TooLong { max: 3 })
        );
    }
}
