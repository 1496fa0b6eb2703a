//! The CPR guard: masking never leaves a CPR-shaped value, and
//! `contains_cpr` agrees with `mask` (it masks exactly when it finds one).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramme::cpr;
use std::borrow::Cow;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let masked = cpr::mask(&s);
    assert!(!cpr::contains_cpr(&masked), "{s:?} → {masked:?}");
    assert_eq!(
        cpr::contains_cpr(&s),
        matches!(masked, Cow::Owned(_)),
        "{s:?}"
    );
    let _ = cpr::text_is_lost_zero_cpr(&s);
    let _ = cpr::birth_date(&s);
    let _ = cpr::mask_path(std::path::Path::new(s.as_ref()));
    if let Some(bytes) = data.get(..8) {
        let mut raw = [0u8; 8];
        raw.copy_from_slice(bytes);
        let n = i64::from_le_bytes(raw);
        let _ = cpr::integer_is_cpr(n, true);
        // A 10-digit number that is CPR-shaped is caught as text too.
        if cpr::integer_is_cpr(n, false) {
            assert!(cpr::contains_cpr(&n.to_string()));
        }
    }
});
