//! The Danish value parsers: numbers, money, percent, dates, booleans,
//! codes, kommuner, paragraffer and målgrupper. None may panic, and what
//! parses must be consistent (money and percent are numbers too).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramme::values::{self, reference::Reference};
use std::sync::OnceLock;

static REFERENCE: OnceLock<Reference> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();
    if let Ok(n) = values::parse_number(s) {
        let _ = n.normalize().to_string();
        // The cell limit from integer and scale is the Decimal comparison.
        assert_eq!(
            values::below_max_magnitude(n),
            n.abs() < values::MAX_MAGNITUDE
        );
    }
    let _ = values::parse_integer(s);
    let _ = values::parse_money(s);
    let _ = values::parse_percent(s);
    let _ = values::parse_date(s);
    let _ = values::parse_bool(s);
    let _ = values::parse_tilbudsnr(s);
    let _ = values::check_personkode(s);
    if let Some(bytes) = data.get(..8) {
        let mut raw = [0u8; 8];
        raw.copy_from_slice(bytes);
        let f = f64::from_le_bytes(raw);
        let _ = values::excel_serial_to_date(f);
        let _ = values::f64_to_decimal(f);
        let _ = values::excel_fraction_to_percent(f);
        let _ = values::tilbudsnr_from_number(f);
    }
    let reference = REFERENCE.get_or_init(|| Reference::embedded().expect("reference"));
    let _ = reference.kommune(s);
    let _ = reference.party(s);
    if let Ok(p) = reference.paragraf(s) {
        assert!(reference.paragraf_info(p).is_some());
    }
    let _ = reference.maalgruppe(s);
});
