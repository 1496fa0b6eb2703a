//! Tests of cell.rs.

use super::lookup::MEMO_BYTES;
use super::*;

/// Runs `test` with the borgerliste's first field that `pick` takes.
fn with_field(pick: impl Fn(&Field) -> bool, test: fn(&Field, &Reference)) {
    let catalog = crate::schema::Catalog::embedded().unwrap();
    let schema = catalog.schema("borgerliste").unwrap();
    let field = schema.fields.iter().find(|f| pick(f)).unwrap();
    test(field, &catalog.reference);
}

/// The last lookup remembered gives what a fresh lookup gives, for the
/// same text again, another text, an unknown one and a long one.
#[test]
fn a_remembered_lookup_is_the_lookup() {
    with_field(|f| f.kind == FieldType::Kommune, remembered_lookups);
}

fn remembered_lookups(field: &Field, reference: &Reference) {
    let long = "Aalborg Kommune, Sundheds- og Kulturforvaltningen";
    assert!(long.len() > MEMO_BYTES);
    let texts = [
        "Aalborg",
        "Aalborg",
        " Aalborg ",
        "Rebild",
        "Aalborg",
        "Ukendtby",
        "Ukendtby",
        "Aalborg",
        long,
        long,
        "Region Nordjylland",
        "Rebild",
        "Rebild",
    ];
    let mut remembering = FieldParser::new(field, reference, Lang::Da);
    for text in texts {
        let got = remembering
            .parse(Cell::Text(text))
            .map(|v| format!("{v:?}"));
        // A fresh parser has neither cache nor memo.
        let mut fresh = FieldParser::new(field, reference, Lang::Da);
        let want = fresh.parse(Cell::Text(text)).map(|v| format!("{v:?}"));
        assert_eq!(got, want, "{text:?}");
    }
}

/// The length limit counts characters: pinned on both sides with
/// one-byte and two-byte letters.
#[test]
fn a_text_is_too_long_only_beyond_its_characters() {
    with_field(
        |f| f.max_length.is_some() && f.kind == FieldType::Text,
        length_limit,
    );
}

fn length_limit(field: &Field, reference: &Reference) {
    let max = field.max_length.unwrap();
    let mut parser = FieldParser::new(field, reference, Lang::Da);
    for letter in ["a", "æ"] {
        let fits = letter.repeat(max);
        let over = letter.repeat(max + 1);
        assert!(parser.parse(Cell::Text(&fits)).is_ok(), "{letter} x {max}");
        let problem = parser.parse(Cell::Text(&over)).unwrap_err();
        assert_eq!(
            problem.code,
            Code::ConstraintError,
            "{letter} x {}",
            max + 1
        );
    }
}

/// No cell holds a number of a trillion or more, in text, as an integer
/// or as a float, negative or not: pinned on both sides (and the bound is
/// 10^12 exactly).
#[test]
fn a_number_of_a_trillion_or_more_is_a_constraint_error() {
    assert_eq!(values::MAX_MAGNITUDE, Decimal::from(1_000_000_000_000_i64));
    // The bound from integer and scale, against the Decimal comparison.
    for text in [
        "999999999999.9999999999999999",
        "1000000000000.0000000000000000",
        "0.0000000000000000000000000001",
        "-999999999999.99",
        "-1000000000000",
        "79228162514264337593543950335",
        "7922816251426.4337593543950335",
        "792281625142.64337593543950335",
    ] {
        let n: Decimal = text.parse().unwrap();
        assert_eq!(
            values::below_max_magnitude(n),
            n.abs() < values::MAX_MAGNITUDE,
            "{text}"
        );
    }
    with_field(|f| f.kind == FieldType::Money, magnitude_limit);
}

fn magnitude_limit(field: &Field, reference: &Reference) {
    let mut parser = FieldParser::new(field, reference, Lang::Da);
    let fits = [
        Cell::Text("999.999.999.999,99"),
        Cell::Int(999_999_999_999),
        Cell::Float(999_999_999_999.0),
    ];
    for cell in fits {
        assert!(parser.parse(cell).is_ok(), "{cell:?}");
    }
    let over = [
        Cell::Text("1.000.000.000.000"),
        Cell::Text("1000000000000,00"),
        Cell::Text("9999999999999999999999999999"),
        Cell::Int(1_000_000_000_000),
        Cell::Int(-1_000_000_000_000),
        Cell::Float(1e12),
    ];
    for cell in over {
        let problem = parser.parse(cell).unwrap_err();
        assert_eq!(problem.code, Code::ConstraintError, "{cell:?}");
        assert!(
            problem.message.contains("er for stort"),
            "{}",
            problem.message
        );
    }
}
