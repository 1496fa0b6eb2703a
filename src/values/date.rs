//! Dates as Danish spreadsheets write them: "15-02-2018", "15.02.2018",
//! "15/02/2018", "5-2-2018" and ISO "2018-02-15", with an ignored time part
//! ("2018-02-15 00:00:00"), and Excel's date serial numbers.

use super::ValueError;
use chrono::{Days, NaiveDate};

/// A date in text. Day-month-year needs a four-digit year (a two-digit year
/// is refused rather than guessed); a trailing time of day is ignored.
pub fn parse_date(s: &str) -> Result<NaiveDate, ValueError> {
    let t = s.trim();
    let (date, time) = match t.find([' ', 'T']) {
        Some(i) => (
            t.get(..i).unwrap_or_default(),
            t.get(i + 1..).unwrap_or_default(),
        ),
        None => (t, ""),
    };
    if !time.is_empty() && !looks_like_time(time.trim()) {
        return Err(ValueError::NotADate);
    }
    let sep = date
        .chars()
        .find(|c| !c.is_ascii_digit())
        .filter(|c| matches!(c, '-' | '.' | '/'))
        .ok_or(ValueError::NotADate)?;
    let mut parts = date.split(sep);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ValueError::NotADate);
    };
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let digits = |p: &str, lens: std::ops::RangeInclusive<usize>| -> Result<u32, ValueError> {
        if lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().map_err(|_| ValueError::NotADate)
        } else {
            Err(ValueError::NotADate)
        }
    };
    let year = digits(year, 4..=4)?;
    let month = digits(month, 1..=2)?;
    let day = digits(day, 1..=2)?;
    let year = i32::try_from(year).map_err(|_| ValueError::NotADate)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::InvalidDate)
}

/// The days of a year: 366 in a leap year (every fourth year, except
/// centuries not divisible by 400), else 365. A døgntakst spans every day
/// of its year, so the takst check and the weighting of tariffs use this.
pub fn days_in_year(year: i32) -> u32 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// "10:30", "00:00:00", "10.30", "00:00:00.000".
fn looks_like_time(t: &str) -> bool {
    !t.is_empty()
        && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        && t.bytes().any(|b| b == b':' || b == b'.')
}

/// The date of an Excel serial number in the 1900 date system (serial 1 is
/// 1 January 1900). Excel counts a 29 February 1900 that never was (serial
/// 60): that serial gives None, as do serials outside 1..=2958465
/// (31 December 9999). The time of day (the fraction) is ignored.
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as u64;
    let base = match days {
        60 => return None,
        // Before the fake leap day, serial 1 is 1900-01-01.
        0..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    base.checked_add_days(Days::new(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leap_years_have_366_days() {
        for (year, days) in [
            (2015, 365),
            (2016, 366),
            (2017, 365),
            (2020, 366),
            (2024, 366),
            (1900, 365),
            (2000, 366),
            (2100, 365),
        ] {
            assert_eq!(days_in_year(year), days, "{year}");
        }
    }

    #[test]
    fn dates_accepted() {
        for (input, want) in [
            ("15-02-2018", d(2018, 2, 15)),
            ("15.02.2018", d(2018, 2, 15)),
            ("15/02/2018", d(2018, 2, 15)),
            ("2018-02-15", d(2018, 2, 15)),
            ("2018/02/15", d(2018, 2, 15)),
            ("5-2-2018", d(2018, 2, 5)),
            ("05.2.2018", d(2018, 2, 5)),
            (" 15-02-2018 ", d(2018, 2, 15)),
            ("2018-02-15 00:00:00", d(2018, 2, 15)),
            ("2018-02-15T00:00:00", d(2018, 2, 15)),
            ("15-02-2018 10:30", d(2018, 2, 15)),
            ("29-02-2020", d(2020, 2, 29)),
        ] {
            assert_eq!(parse_date(input), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn dates_rejected() {
        for (input, want) in [
            ("31-02-2018", ValueError::InvalidDate),
            ("29-02-2019", ValueError::InvalidDate),
            ("15-13-2018", ValueError::InvalidDate),
            ("00-01-2018", ValueError::InvalidDate),
            ("15-02-18", ValueError::NotADate),
            ("15.02.18", ValueError::NotADate),
            ("", ValueError::NotADate),
            ("i går", ValueError::NotADate),
            ("15022018", ValueError::NotADate),
            ("15-02/2018", ValueError::NotADate),
            ("15-02-2018-01", ValueError::NotADate),
            ("15-02-2018 kl", ValueError::NotADate),
            ("115-02-2018", ValueError::NotADate),
            ("2018-02-15 x", ValueError::NotADate),
            ("februar 2018", ValueError::NotADate),
        ] {
            assert_eq!(parse_date(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn excel_serials() {
        for (serial, want) in [
            (1.0, Some(d(1900, 1, 1))),
            (59.0, Some(d(1900, 2, 28))),
            (60.0, None),
            (61.0, Some(d(1900, 3, 1))),
            (43146.0, Some(d(2018, 2, 15))),
            (43146.75, Some(d(2018, 2, 15))),
            (2_958_465.0, Some(d(9999, 12, 31))),
            (2_958_466.0, None),
            (0.5, None),
            (-1.0, None),
            (f64::NAN, None),
        ] {
            assert_eq!(excel_serial_to_date(serial), want, "{serial}");
        }
    }
}
