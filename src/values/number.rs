//! Numbers as Danish spreadsheets write them: "1.234.567,50", "1234567,5",
//! "1 234 567,50", "1234.56" and "12.500" (twelve thousand five hundred), kroner
//! ("1.234,50 kr.") and percent ("98,5 %"). All exact: [`Decimal`], never f64.
//!
//! The one real ambiguity is a dot or comma followed by three digits. A dot
//! followed by exactly three digits is a thousands dot (Danish), unless the
//! part before it cannot be a thousands group ("0.985", "1234.567"); a single
//! comma is always the decimal comma; several commas in three-digit groups
//! ("1,234,567") are refused as ambiguous. The English "1,234.56" is accepted
//! only in its strict form.

use super::ValueError;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The most digits a [`Decimal`] holds exactly.
const MAX_DIGITS: usize = 28;

/// A plain number in any of the accepted forms (see the module docs).
pub fn parse_number(s: &str) -> Result<Decimal, ValueError> {
    let t = crate::text::trim(s);
    let (negative, body) = split_sign(t);
    let value = parse_unsigned(body)?;
    Ok(if negative { -value } else { value })
}

/// A whole number: like [`parse_number`], and "12,0" is 12, but "12,5" is
/// [`ValueError::NotAnInteger`].
pub fn parse_integer(s: &str) -> Result<i64, ValueError> {
    use rust_decimal::prelude::ToPrimitive;
    let d = parse_number(s)?;
    if !d.fract().is_zero() {
        return Err(ValueError::NotAnInteger);
    }
    d.to_i64().ok_or(ValueError::NotANumber)
}

/// An amount of kroner: a number with an optional "kr", "kr.", "kroner" or
/// "DKK" before or after it (any case, space or not), and the Danish ",-" for
/// no øre ("1.234,-").
pub fn parse_money(s: &str) -> Result<Decimal, ValueError> {
    const UNITS: [&str; 4] = ["kroner", "kr.", "kr", "dkk"];
    let t = crate::text::trim(s);
    if plain_number_shape(t) {
        // Most cells: no unit to look for (this runs per cell).
        return parse_number(t);
    }
    let mut rest = t;
    if let Some(r) = UNITS.iter().find_map(|u| strip_prefix_ci(t, u)) {
        rest = r.trim_start();
    } else if let Some(r) = UNITS.iter().find_map(|u| strip_suffix_ci(t, u)) {
        rest = r.trim_end();
    }
    if let Some(whole) = rest.strip_suffix(",-") {
        return parse_number(whole);
    }
    parse_number(rest)
}

/// A percent: a number with an optional "%", "pct", "pct." or "procent"
/// after it. Returns the percent itself ("98,5 %" is 98.5), never a fraction.
pub fn parse_percent(s: &str) -> Result<Decimal, ValueError> {
    const UNITS: [&str; 4] = ["procent", "pct.", "pct", "%"];
    let t = crate::text::trim(s);
    if plain_number_shape(t) {
        return parse_number(t);
    }
    let rest = UNITS
        .iter()
        .find_map(|u| strip_suffix_ci(t, u))
        .map_or(t, str::trim_end);
    parse_number(rest)
}

/// Starts with a digit or sign and ends with a digit: no unit around it.
fn plain_number_shape(t: &str) -> bool {
    let b = t.as_bytes();
    matches!(b.first(), Some(b'0'..=b'9' | b'-' | b'+')) && matches!(b.last(), Some(b'0'..=b'9'))
}

/// The exact decimal an Excel number cell shows: the shortest decimal that
/// reads back as the same f64 (0.1 is 0.1, not 0.1000000000000000055…).
/// None for NaN, infinities and numbers beyond [`Decimal`]'s range.
pub fn f64_to_decimal(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    // Rust's Display for f64 is the shortest round-trip form and never uses
    // an exponent.
    Decimal::from_str(&f.to_string())
        .ok()
        .map(|d| d.normalize())
}

/// An Excel number cell in a percent field: Excel stores 98,5 % as 0.985, so
/// a value of at most 1.5 (in magnitude) is a fraction and is multiplied by
/// 100; anything larger is already the percent.
pub fn excel_fraction_to_percent(f: f64) -> Option<Decimal> {
    let d = f64_to_decimal(f)?;
    if d.abs() <= Decimal::new(15, 1) {
        Some((d * Decimal::ONE_HUNDRED).normalize())
    } else {
        Some(d)
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    if tail.eq_ignore_ascii_case(suffix) {
        s.get(..cut)
    } else {
        None
    }
}

/// Splits off one leading sign: '-', the Unicode minus '−', or '+'.
fn split_sign(t: &str) -> (bool, &str) {
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        (true, rest)
    } else if let Some(rest) = t.strip_prefix('+') {
        (false, rest)
    } else {
        (false, t)
    }
}

fn is_space_sep(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}'
}

/// The kind of a separator character: dot, comma or (any) space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Dot,
    Comma,
    Space,
}

fn sep_of(c: char) -> Option<Sep> {
    match c {
        '.' => Some(Sep::Dot),
        ',' => Some(Sep::Comma),
        c if is_space_sep(c) => Some(Sep::Space),
        _ => None,
    }
}

fn parse_unsigned(body: &str) -> Result<Decimal, ValueError> {
    // Most cells of a large file: one pass, no second look.
    if let Some(d) = parse_plain(body.as_bytes()) {
        return Ok(d);
    }
    parse_general(body)
}

/// The common shapes, read in one pass: digits ("1234"), a decimal comma
/// ("1234,5") and Danish thousands dots with or without one ("1.234.567",
/// "1.234,50"). None for anything else, and for what the general path
/// refuses or reads otherwise; the general path then decides. The result is
/// the one [`to_decimal`] gives (normalized).
fn parse_plain(body: &[u8]) -> Option<Decimal> {
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut i = 0usize;
    let mut first_group = 0usize;
    while let Some(&b) = body.get(i) {
        if !b.is_ascii_digit() {
            break;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        i += 1;
        first_group += 1;
    }
    if first_group == 0 {
        return None;
    }
    digits += first_group;
    if body.get(i) == Some(&b'.') {
        // Thousands dots: a first group of 1-3 digits not starting with 0,
        // then groups of exactly three.
        if first_group > 3 || body.first() == Some(&b'0') {
            return None;
        }
        while body.get(i) == Some(&b'.') {
            let group = body.get(i + 1..i + 4)?;
            for &b in group {
                if !b.is_ascii_digit() {
                    return None;
                }
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            }
            digits += 3;
            i += 4;
        }
    }
    let mut scale = 0u32;
    if body.get(i) == Some(&b',') {
        i += 1;
        let frac = body.get(i..)?;
        if frac.is_empty() {
            return None;
        }
        // Trailing zeros add nothing once normalized.
        let significant = frac.len() - frac.iter().rev().take_while(|&&b| b == b'0').count();
        for (k, &b) in frac.iter().enumerate() {
            if !b.is_ascii_digit() {
                return None;
            }
            if k < significant {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            }
        }
        digits += frac.len();
        scale = u32::try_from(significant).ok()?;
        i = body.len();
    }
    if i != body.len() || digits > 18 {
        return None;
    }
    if mantissa == 0 {
        return Some(Decimal::ZERO);
    }
    // At most 18 digits, so the scale is far below Decimal's 28 and the
    // mantissa fits its low 64 bits: the parts are the number, with no
    // 128-bit arithmetic.
    if scale > Decimal::MAX_SCALE {
        return None;
    }
    Some(Decimal::from_parts(
        mantissa as u32,
        (mantissa >> 32) as u32,
        0,
        false,
        scale,
    ))
}

/// Every accepted form (see the module docs).
fn parse_general(body: &str) -> Result<Decimal, ValueError> {
    let starts_with_digit = body.chars().next().is_some_and(|c| c.is_ascii_digit());
    let ends_with_digit = body.chars().next_back().is_some_and(|c| c.is_ascii_digit());
    if !starts_with_digit || !ends_with_digit {
        return Err(ValueError::NotANumber);
    }
    let (mut dots, mut commas, mut spaces) = (0usize, 0usize, 0usize);
    let (mut last_dot, mut last_comma) = (None, None);
    for (i, c) in body.char_indices() {
        match sep_of(c) {
            Some(Sep::Dot) => {
                dots += 1;
                last_dot = Some(i);
            }
            Some(Sep::Comma) => {
                commas += 1;
                last_comma = Some(i);
            }
            Some(Sep::Space) => spaces += 1,
            None if c.is_ascii_digit() => {}
            None => return Err(ValueError::NotANumber),
        }
    }

    // Decide which separator (if any) is the decimal one and which kind
    // groups thousands.
    let (decimal_at, thousands): (Option<usize>, Option<Sep>) = match (last_dot, last_comma) {
        (Some(d), Some(c)) => {
            if spaces > 0 {
                return Err(ValueError::NotANumber);
            }
            if c > d {
                // Danish "1.234,50": one comma, dots group thousands.
                if commas != 1 {
                    return Err(ValueError::NotANumber);
                }
                (Some(c), Some(Sep::Dot))
            } else {
                // English "1,234.56": one dot, commas group thousands.
                if dots != 1 {
                    return Err(ValueError::NotANumber);
                }
                (Some(d), Some(Sep::Comma))
            }
        }
        (None, Some(c)) => {
            if commas == 1 {
                (Some(c), (spaces > 0).then_some(Sep::Space))
            } else if spaces == 0 && groups_ok(body, Sep::Comma) {
                return Err(ValueError::AmbiguousNumber);
            } else {
                return Err(ValueError::NotANumber);
            }
        }
        (Some(d), None) => {
            if spaces > 0 {
                // "1 234.5": spaces group, so the dot is a decimal point.
                if dots != 1 {
                    return Err(ValueError::NotANumber);
                }
                (Some(d), Some(Sep::Space))
            } else if dots > 1 {
                (None, Some(Sep::Dot))
            } else {
                let after = body.get(d + 1..).unwrap_or_default();
                let before = body.get(..d).unwrap_or_default();
                if after.len() == 3 && leading_group_ok(before) {
                    (None, Some(Sep::Dot))
                } else {
                    (Some(d), None)
                }
            }
        }
        (None, None) => (None, (spaces > 0).then_some(Sep::Space)),
    };

    let (int_part, frac_part) = match decimal_at {
        // Separators are one byte except the no-break spaces, which are never
        // the decimal separator.
        Some(i) => (
            body.get(..i).unwrap_or_default(),
            body.get(i + 1..).unwrap_or_default(),
        ),
        None => (body, ""),
    };
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotANumber);
    }
    match thousands {
        Some(kind) => {
            if !groups_ok(int_part, kind) {
                return Err(ValueError::NotANumber);
            }
        }
        None => {
            if !int_part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValueError::NotANumber);
            }
        }
    }
    to_decimal(int_part, frac_part)
}

/// A first thousands group: 1–3 digits, not starting with 0.
fn leading_group_ok(g: &str) -> bool {
    (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()) && !g.starts_with('0')
}

/// `s` is digit groups separated by separators of `kind` only: the first
/// group 1–3 digits not starting with 0, every other group exactly 3 digits.
fn groups_ok(s: &str, kind: Sep) -> bool {
    let mut groups = s.split(|c: char| sep_of(c) == Some(kind));
    let Some(first) = groups.next() else {
        return false;
    };
    leading_group_ok(first) && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Builds the decimal from the digits of the integer part (separators
/// skipped) and the fraction, without allocating.
fn to_decimal(int_part: &str, frac_part: &str) -> Result<Decimal, ValueError> {
    let mut mantissa: i128 = 0;
    let mut digits = 0usize;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        if !b.is_ascii_digit() {
            continue;
        }
        if digits > 0 || b != b'0' {
            digits += 1;
        }
        if digits > MAX_DIGITS {
            return Err(ValueError::NotANumber);
        }
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    let scale = u32::try_from(frac_part.len()).map_err(|_| ValueError::NotANumber)?;
    Decimal::try_from_i128_with_scale(mantissa, scale)
        .map(|d| d.normalize())
        .map_err(|_| ValueError::NotANumber)
}

#[cfg(test)]
mod tests;
