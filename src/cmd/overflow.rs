//! The last guard of "no input ends the run": `rust_decimal` panics when a
//! sum or product outgrows it. Cells are kept below
//! `values::MAX_MAGNITUDE`, so this takes very many rows of numbers near
//! the limit; should it happen, the command ends with an input error
//! (exit 1) and a message, not a crash. Any other panic is a bug and goes
//! on as one.

use crate::error::Error;
use crate::lang::Lang;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

/// Whether a panic's payload is `rust_decimal`'s overflow ("Addition
/// overflowed", "Multiplication overflowed", …).
fn is_decimal_overflow(payload: &(dyn std::any::Any + Send)) -> bool {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
    text.is_some_and(|t| {
        matches!(
            t,
            "Addition overflowed"
                | "Subtraction overflowed"
                | "Multiplication overflowed"
                | "Division overflowed"
        )
    })
}

/// Keeps the default panic message for every panic but a decimal overflow
/// (which [`guard`] turns into a message of its own).
fn quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !is_decimal_overflow(info.payload()) {
                default(info);
            }
        }));
    });
}

/// Runs `command`; a decimal overflow in it is [`Error::Inputs`].
pub fn guard<T>(lang: Lang, command: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    quiet_hook();
    match catch_unwind(AssertUnwindSafe(command)) {
        Ok(result) => result,
        Err(payload) if is_decimal_overflow(payload.as_ref()) => Err(Error::Inputs(
            crate::messages::analysis::arithmetic_overflow(lang),
        )),
        Err(payload) => resume_unwind(payload),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn an_overflow_is_an_input_error_and_other_panics_go_on() {
        let sum = || -> Result<Decimal, Error> {
            let rows = [Decimal::MAX, Decimal::ONE];
            Ok(rows.iter().fold(Decimal::ZERO, |a, b| a + b))
        };
        let got = guard(Lang::Da, sum);
        assert!(
            matches!(&got, Err(Error::Inputs(m)) if m.contains("så store")),
            "{got:?}"
        );
        assert_eq!(got.map_err(|e| e.status()).unwrap_err().code(), 1);
        assert_eq!(guard(Lang::Da, || Ok(2)).unwrap(), 2);
        let other = catch_unwind(|| guard(Lang::Da, || -> Result<(), Error> { panic!("a bug") }));
        assert!(other.is_err());
    }
}
