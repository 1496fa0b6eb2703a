//! CPR numbers: finding and masking them wherever they hide.
//!
//! A CPR number must never reach a report, a log or an output file. This
//! module finds CPR-shaped values in any text: `DDMMYY-SSSS` or ten digits in a
//! row (DD 01–31, or 61–91 for substitute numbers; MM 01–12; no modulus-11
//! test, which has not been used since 2007), and the health sector's
//! look-alike `DDMMYY-dLLd` (two letters in place of serial digits 2–3). The
//! separator may be `-`, one space or nothing. A match must not be part of a
//! longer digit run: an 11-digit number is not a CPR number.
//!
//! [`contains_cpr`] runs on every cell of every file, so it scans bytes once,
//! allocates nothing and gives up early on short text.

use chrono::NaiveDate;
use scan::{next_match, valid_day, valid_month};
use std::borrow::Cow;

mod scan;

/// What a CPR-shaped value is replaced with wherever it is shown.
pub const MASK: &str = "******-****";

/// True when `s` holds a CPR-shaped value anywhere.
pub fn contains_cpr(s: &str) -> bool {
    // The shortest match is ten characters ("DDMMYYSSSS", "DDMMYYdLLd").
    s.len() >= 10 && next_match(s.as_bytes(), 0).is_some()
}

/// `s` with every CPR-shaped substring replaced by [`MASK`]; borrowed when
/// there is nothing to mask.
pub fn mask(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    if s.len() < 10 {
        return Cow::Borrowed(s);
    }
    let Some(first) = next_match(bytes, 0) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 2);
    let mut copied = 0;
    let mut found = Some(first);
    while let Some((start, end)) = found {
        // Matches start and end at ASCII bytes, so these are char boundaries.
        out.push_str(s.get(copied..start).unwrap_or_default());
        out.push_str(MASK);
        copied = end;
        found = next_match(bytes, end);
    }
    out.push_str(s.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// True for an Excel number cell holding a CPR number: ten digits that are
/// CPR-shaped. With `allow_lost_leading_zero` also nine digits, which is what
/// Excel keeps of a CPR number whose day starts with 0.
pub fn integer_is_cpr(n: i64, allow_lost_leading_zero: bool) -> bool {
    let ten = (1_000_000_000..=9_999_999_999).contains(&n);
    let nine = allow_lost_leading_zero && (100_000_000..=999_999_999).contains(&n);
    if !ten && !nine {
        return false;
    }
    let day = (n / 100_000_000) as u8;
    let month = ((n / 1_000_000) % 100) as u8;
    valid_day(day) && valid_month(month)
}

/// The birth date a CPR-shaped value (`DDMMYY-SSSS`, `DDMMYYSSSS` or the
/// look-alike `DDMMYY-dLLd`) stands for, or None when it is not CPR-shaped or
/// the date does not exist. The century comes from digit 7 and the year.
pub fn birth_date(cpr: &str) -> Option<NaiveDate> {
    let s = cpr.trim();
    let b = s.as_bytes();
    if next_match(b, 0) != Some((0, b.len())) {
        return None;
    }
    let two = |i: usize| -> Option<u32> {
        let hi = b.get(i)?.checked_sub(b'0')?;
        let lo = b.get(i + 1)?.checked_sub(b'0')?;
        Some(u32::from(hi) * 10 + u32::from(lo))
    };
    let day = two(0)?;
    let month = two(2)?;
    let yy = two(4)?;
    let serial_at = if b.get(6).is_some_and(u8::is_ascii_digit) {
        6
    } else {
        7
    };
    let digit7 = b.get(serial_at)?.checked_sub(b'0')?;
    let century = match digit7 {
        0..=3 => 1900,
        4 | 9 if yy <= 36 => 2000,
        4 | 9 => 1900,
        5..=8 if yy <= 57 => 2000,
        5..=8 => 1800,
        _ => return None,
    };
    // Days 1–31, or a substitute day 61–91 (day + 60).
    let day = if day > 31 { day - 60 } else { day };
    NaiveDate::from_ymd_opt(century + yy as i32, month, day)
}

/// True for a text cell that is a CPR number after Excel (or a CSV export)
/// dropped its leading zero: nine digits, optionally grouped by `.` or a
/// space as a number would be ("101.801.234"), that are CPR-shaped with a
/// `0` in front. Only for columns where a CPR number cannot belong but a
/// count could (see the validator); never for money, percent or years.
pub fn text_is_lost_zero_cpr(s: &str) -> bool {
    let t = crate::text::trim(s);
    if t.len() < 9 || t.len() > 13 || !t.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut n: i64 = 0;
    let mut digits = 0;
    for b in t.bytes() {
        match b {
            b'0'..=b'9' => {
                n = n * 10 + i64::from(b - b'0');
                digits += 1;
            }
            b'.' | b' ' => {}
            _ => return false,
        }
    }
    digits == 9 && integer_is_cpr(n, true)
}

/// The form of a path that may be shown: every CPR-shaped part of it
/// masked. The path itself when there is nothing to mask.
pub fn mask_path(path: &std::path::Path) -> std::path::PathBuf {
    let text = path.to_string_lossy();
    match mask(&text) {
        Cow::Borrowed(_) => path.to_path_buf(),
        Cow::Owned(masked) => std::path::PathBuf::from(masked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // All numbers here are synthetic CPR-shaped test values.
    #[test]
    fn cpr_detected() {
        for s in [
            "010190-1234",
            "0101901234",
            "010190 1234",
            "Borger 010190-1234 flyttet",
            "cpr:3112991234.",
            "(311299-1234)",
            "610190-1234", // substitute number, day 61
            "910190-1234", // substitute number, day 91
            "010190-1AB2", // health-sector look-alike
            "0101901AB2",  // look-alike without separator
            "x 150218-4321 og 010190-1234",
            "ab0101901234cd",
            "010190\u{2013}1234", // en dash
            "010190\u{2014}1234", // em dash
            "010190\u{00A0}1234", // no-break space
            "010190\u{2009}1234", // thin space
            "010190\u{202F}1234",
            "010190\u{2011}1234",
            "010190\u{2212}1234",
            "takst_010190\u{2013}1AB2.csv",
        ] {
            assert!(contains_cpr(s), "{s:?} should be a CPR");
        }
    }

    #[test]
    fn cpr_not_detected() {
        for s in [
            "",
            "000190-1234",  // DD 00
            "320190-1234",  // DD 32
            "600190-1234",  // DD 60
            "920190-1234",  // DD 92
            "010090-1234",  // MM 00
            "011390-1234",  // MM 13
            "01019012345",  // 11 digits
            "101019012345", // 12 digits
            "010190123",    // 9 digits
            "1010190-1234", // a digit before
            "010190-12345", // a digit after
            "010190--1234",
            "010190-1A2B",
            "010190-ABCD",
            "+45 12345678",
            "1.012.345.678",
            "15-02-2018",
            "2018-02-15",
            "12.500",
            "Tilbud 12345 Aalborg",
        ] {
            assert!(!contains_cpr(s), "{s:?} should not be a CPR");
        }
    }

    #[test]
    fn mask_cases() {
        for (input, want) in [
            ("010190-1234", MASK),
            ("Borger 010190-1234 flyttet", "Borger ******-**** flyttet"),
            ("0101901234;610190-1AB2", "******-****;******-****"),
            ("æøå 010190 1234 å", "æøå ******-**** å"),
            ("a 010190\u{2013}1234 b", "a ******-**** b"),
            ("010190\u{00A0}1234\u{00A0}x", "******-****\u{00A0}x"),
        ] {
            assert_eq!(mask(input), want, "{input:?}");
        }
        for clean in ["", "Aalborg", "1.012.345.678", "01019012345"] {
            assert!(matches!(mask(clean), Cow::Borrowed(_)), "{clean:?}");
        }
    }

    #[test]
    fn lost_zero_text_cases() {
        for (s, want) in [
            ("101901234", true),
            (" 101901234 ", true),
            ("101.901.234", true),
            ("101 901 234", true),
            ("1019012345", false), // ten digits: contains_cpr's job
            ("10190123", false),
            ("321901234", false), // 0321901234: month 21
            ("113901234", false), // month 13
            ("101901234 kr.", false),
            ("-101901234", false),
            ("1.019.012", false),
            // At most 13 characters (nine digits and four separators) and a
            // digit first: on both sides of each limit.
            ("1.0.1.901234", true),
            ("1.0.1.9.01234", true),
            ("1.0.1.9.0.1234", false),
            ("1 0 1 9 0 1 2 3 4", false),
            (".101901234", false),
            (" .101901234", false),
        ] {
            assert_eq!(text_is_lost_zero_cpr(s), want, "{s:?}");
        }
    }

    #[test]
    fn paths_are_masked() {
        use std::path::Path;
        assert_eq!(
            mask_path(Path::new("ind/takst_010190-1234.csv")),
            Path::new("ind/takst_******-****.csv")
        );
        assert_eq!(
            mask_path(Path::new("010190\u{2013}1234/a.csv")),
            Path::new("******-****/a.csv")
        );
        assert_eq!(mask_path(Path::new("ind/a.csv")), Path::new("ind/a.csv"));
    }

    #[test]
    fn integer_cpr_cases() {
        for (n, lost_zero, want) in [
            (1_501_901_234_i64, false, true),
            (6_101_901_234, false, true),  // substitute day 61
            (3_201_901_234, false, false), // day 32
            (1_513_901_234, false, false), // month 13
            (101_901_234, false, false),   // nine digits without the flag
            (101_901_234, true, true),     // 0101901234 lost its zero
            (13_901_234, true, false),     // eight digits
            (12_345_678_901, true, false), // eleven digits
            (-1_501_901_234, true, false),
        ] {
            assert_eq!(integer_is_cpr(n, lost_zero), want, "{n} {lost_zero}");
        }
    }

    #[test]
    fn birth_date_cases() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (cpr, want) in [
            ("010190-1234", d(1990, 1, 1)),
            ("0101901234", d(1990, 1, 1)),
            ("010136-4234", d(2036, 1, 1)),
            ("010137-4234", d(1937, 1, 1)),
            ("010136-9234", d(2036, 1, 1)),
            ("010137-9234", d(1937, 1, 1)),
            ("010157-5234", d(2057, 1, 1)),
            ("010158-5234", d(1858, 1, 1)),
            ("010158-8234", d(1858, 1, 1)),
            ("610190-1234", d(1990, 1, 1)),
            ("010190-1AB2", d(1990, 1, 1)),
            ("300290-1234", None), // 30 February
            ("Borger 010190-1234", None),
            ("hello", None),
        ] {
            assert_eq!(birth_date(cpr), want, "{cpr:?}");
        }
    }

    /// Pins found by mutation testing: each assertion fails when a
    /// comparison or an arithmetic operator in this module is changed.
    // All numbers here are synthetic CPR-shaped test values.
    #[test]
    fn mask_edges_that_mutants_miss() {
        // Exactly ten characters is long enough to hold one (`<`, not `<=`).
        assert_eq!(mask("0101901234"), MASK);
        assert!(contains_cpr("0101901234"));
        // Nine characters cannot.
        assert!(matches!(mask("010190123"), Cow::Borrowed(_)));
        // A look-alike without separator, followed by text: the match ends
        // after its ten characters.
        assert_eq!(mask("0101901AB2 x"), "******-**** x");
        assert_eq!(mask("x 010190-1AB2"), "x ******-****");
        // Near misses of both forms are not CPR numbers.
        for s in [
            "010190-123x",
            "010190-1A34",
            "0101901A23",
            "0101901AB23",
            "010190-12A4",
            "0101901ABx",
            "0101901AB-2",
        ] {
            assert!(!contains_cpr(s), "{s:?}");
            assert!(matches!(mask(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn substitute_days_and_their_birth_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        // Day 61–91 is day 1–31 + 60: 75 is the 15th (not 75 / 60 = 1).
        assert_eq!(birth_date("750190-1234"), d(1990, 1, 15));
        assert_eq!(birth_date("910190-1234"), d(1990, 1, 31));
        assert_eq!(birth_date("310190-1234"), d(1990, 1, 31));
        assert_eq!(birth_date("610190-1234"), d(1990, 1, 1));
        for (s, cpr) in [
            ("600190-1234", false),
            ("610190-1234", true),
            ("910190-1234", true),
            ("920190-1234", false),
            ("310190-1234", true),
            ("320190-1234", false),
            ("011290-1234", true),
            ("011390-1234", false),
        ] {
            assert_eq!(contains_cpr(s), cpr, "{s:?}");
        }
    }
}
