//! Table-driven tests of the number, money and percent parsers.
use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn the_fast_path_reads_what_the_general_path_reads() {
    for s in [
        "0",
        "7",
        "007",
        "1234",
        "1.234",
        "1.234.567",
        "12.345,67",
        "1.234,50",
        "1234,5",
        "0,50",
        "10,0",
        "1,000",
        "999.999.999,999",
        "123456789012345678",
        "1.000.000.000.000.000,00",
        "0,0",
        "100",
    ] {
        let fast = parse_plain(s.as_bytes()).unwrap_or_else(|| panic!("{s} takes the fast path"));
        let general = parse_general(s).unwrap();
        assert_eq!((fast, fast.scale()), (general, general.scale()), "{s}");
    }
    // Left to the general path: it decides (or refuses) these.
    for s in [
        "",
        ",5",
        "5,",
        "0.234",
        "1234.567",
        "12.5",
        "1.2345",
        "1.23",
        "1,234,567",
        "1 234",
        "1.234.56",
        "1.234,5,6",
        "1234567890123456789",
        "x",
        "1.",
        ".1",
    ] {
        assert_eq!(parse_plain(s.as_bytes()), None, "{s}");
    }
}

proptest::proptest! {
    #[test]
    fn the_fast_path_agrees_with_the_general_path(s in "[0-9.,]{1,14}") {
        if let Some(fast) = parse_plain(s.as_bytes()) {
            let general = parse_general(&s);
            proptest::prop_assert_eq!(Ok((fast, fast.scale())), general.map(|g| (g, g.scale())));
        }
    }
}

#[test]
fn numbers_accepted() {
    for (input, want) in [
        ("1.234.567,50", "1234567.5"),
        ("1234567,5", "1234567.5"),
        ("1 234 567,50", "1234567.5"),
        ("1\u{a0}234\u{a0}567,50", "1234567.5"),
        ("1\u{202f}234,5", "1234.5"),
        ("1234.56", "1234.56"),
        ("12.500", "12500"),
        ("1.234", "1234"),
        ("0.985", "0.985"),
        ("1234.567", "1234.567"),
        ("-1.234,50", "-1234.5"),
        ("\u{2212}1.234,50", "-1234.5"),
        ("+5", "5"),
        ("1,234.56", "1234.56"),
        ("1,234,567.5", "1234567.5"),
        ("12,5", "12.5"),
        ("1,234", "1.234"),
        ("0", "0"),
        ("007", "7"),
        ("  42 ", "42"),
        ("1.234.567", "1234567"),
        ("1 234.5", "1234.5"),
        ("0,1", "0.1"),
    ] {
        assert_eq!(parse_number(input), Ok(dec(want)), "{input:?}");
    }
}

#[test]
fn numbers_rejected() {
    for (input, want) in [
        ("1,234,567", ValueError::AmbiguousNumber),
        ("1.23.4", ValueError::NotANumber),
        ("12,5,3", ValueError::NotANumber),
        ("abc", ValueError::NotANumber),
        ("", ValueError::NotANumber),
        ("   ", ValueError::NotANumber),
        ("1 2", ValueError::NotANumber),
        ("--5", ValueError::NotANumber),
        ("-", ValueError::NotANumber),
        ("1.", ValueError::NotANumber),
        (",5", ValueError::NotANumber),
        ("1.234,5,6", ValueError::NotANumber),
        ("1,234.5.6", ValueError::NotANumber),
        ("1.234 567,5", ValueError::NotANumber),
        ("12a", ValueError::NotANumber),
        ("1e5", ValueError::NotANumber),
        ("12.50.000", ValueError::NotANumber),
        ("0.123.456", ValueError::NotANumber),
        ("1,2345.6", ValueError::NotANumber),
        ("12345678901234567890123456789", ValueError::NotANumber),
    ] {
        assert_eq!(parse_number(input), Err(want), "{input:?}");
    }
}

#[test]
fn integers() {
    assert_eq!(parse_integer("12"), Ok(12));
    assert_eq!(parse_integer("1.234"), Ok(1234));
    assert_eq!(parse_integer("12,0"), Ok(12));
    assert_eq!(parse_integer("-3"), Ok(-3));
    assert_eq!(parse_integer("12,5"), Err(ValueError::NotAnInteger));
    assert_eq!(parse_integer("x"), Err(ValueError::NotANumber));
}

#[test]
fn money() {
    for (input, want) in [
        ("1.234,50 kr.", "1234.5"),
        ("1.234,50 kr", "1234.5"),
        ("1.234,50kr.", "1234.5"),
        ("1.234,50 KR", "1234.5"),
        ("DKK 1.234,50", "1234.5"),
        ("dkk1.234,50", "1234.5"),
        ("1.234,50 DKK", "1234.5"),
        ("kr. 1.234", "1234"),
        ("Kr 1.234", "1234"),
        ("1.234,-", "1234"),
        ("kr. 1.234,-", "1234"),
        ("2.500 kroner", "2500"),
        ("-1.234,50 kr.", "-1234.5"),
        ("kr. -1.234,50", "-1234.5"),
        ("1234567,5", "1234567.5"),
    ] {
        assert_eq!(parse_money(input), Ok(dec(want)), "{input:?}");
    }
    for input in ["kr.", "kr 1.2.3", "1.234 euro", "DKK DKK 5", "1.234 kr kr"] {
        assert_eq!(parse_money(input), Err(ValueError::NotANumber), "{input:?}");
    }
}

#[test]
fn percent() {
    for (input, want) in [
        ("98,5", "98.5"),
        ("98,5 %", "98.5"),
        ("98,5%", "98.5"),
        ("98,5 pct", "98.5"),
        ("98,5 pct.", "98.5"),
        ("98,5 PCT.", "98.5"),
        ("98,5 procent", "98.5"),
        ("100", "100"),
        ("0,985", "0.985"),
        ("-1,6 %", "-1.6"),
    ] {
        assert_eq!(parse_percent(input), Ok(dec(want)), "{input:?}");
    }
    for input in ["%", "98,5 %%", "abc %", ""] {
        assert_eq!(
            parse_percent(input),
            Err(ValueError::NotANumber),
            "{input:?}"
        );
    }
}

#[test]
fn f64_conversion() {
    for (f, want) in [
        (0.1, "0.1"),
        (1234.5, "1234.5"),
        (0.985, "0.985"),
        (1234567.89, "1234567.89"),
        (-2.5, "-2.5"),
        (100.0, "100"),
        (0.0, "0"),
        (1e20, "100000000000000000000"),
    ] {
        assert_eq!(f64_to_decimal(f), Some(dec(want)), "{f}");
    }
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e40] {
        assert_eq!(f64_to_decimal(f), None, "{f}");
    }
}

#[test]
fn excel_percent() {
    for (f, want) in [
        (0.985, "98.5"),
        (1.0, "100"),
        (1.5, "150"),
        (-0.01, "-1"),
        (98.5, "98.5"),
        (1.6, "1.6"),
        (0.0, "0"),
    ] {
        assert_eq!(excel_fraction_to_percent(f), Some(dec(want)), "{f}");
    }
    assert_eq!(excel_fraction_to_percent(f64::NAN), None);
}

/// Pins found by mutation testing.
#[test]
fn grouping_with_spaces_and_the_digit_limit() {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    // Spaces (also no-break) group thousands without decimals too.
    assert_eq!(parse_number("1 234 567"), Ok(d("1234567")));
    assert_eq!(parse_number("1\u{a0}234\u{a0}567"), Ok(d("1234567")));
    // 28 significant digits are exact; leading zeros do not count.
    let max = "1234567890123456789012345678";
    assert_eq!(parse_number(max), Ok(d(max)));
    assert_eq!(parse_number(&format!("000000000{max}")), Ok(d(max)));
    assert_eq!(parse_number("00012"), Ok(d("12")));
    assert_eq!(
        parse_number(&format!("{max}9")),
        Err(ValueError::NotANumber)
    );
}
