//! `product`: a value is the product of two or three others (Udgift =
//! Takst × Dage) within `tolerance_pct` percent of the product; when the
//! product is 0, the value must be 0.

use super::{dec, CheckKind, Def, Param, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;
use rust_decimal::Decimal;

pub(super) const KIND: CheckKind = CheckKind {
    name: "product",
    params: &[Param {
        name: "tolerance_pct",
        default: dec(1, 0),
    }],
    code: Code::RuleError,
    compile,
};

#[derive(Debug)]
struct Product {
    result: usize,
    factors: Vec<usize>,
    tolerance_pct: Decimal,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    let mut factors = Vec::new();
    for role in ["factor1", "factor2", "factor3"] {
        if let Some(f) = def.optional_field(role)? {
            factors.push(f);
        }
    }
    if factors.is_empty() {
        return Err(def.err("needs fields.factor1 and fields.factor2".into()));
    }
    Ok(Box::new(Product {
        result: def.field("result")?,
        factors,
        tolerance_pct: def.param("tolerance_pct"),
    }))
}

impl Product {
    /// Whether `r` is off the product of `factors` by more than the
    /// tolerance, worked out in integers at the values' scales; None when
    /// a figure is too large for that (then [`Product::off_decimal`]).
    /// This runs on every row of a borgerliste.
    fn off_integer(&self, r: Decimal, factors: &[Decimal]) -> Option<bool> {
        let mut expected: i128 = 1;
        let mut scale: u32 = 0;
        for f in factors {
            expected = mul(expected, f.mantissa())?;
            scale += f.scale();
        }
        let (mut result, r_scale) = (r.mantissa(), r.scale());
        // Both at the larger scale.
        if r_scale < scale {
            result = mul(result, 10i128.checked_pow(scale - r_scale)?)?;
        } else {
            expected = mul(expected, 10i128.checked_pow(r_scale - scale)?)?;
        }
        if expected == 0 {
            return Some(result != 0);
        }
        // |r − e| × 100 × 10^t > tolerance × 10^t × |e|, with the
        // tolerance's mantissa at its scale t.
        let t = self.tolerance_pct;
        let diff = result.checked_sub(expected)?.checked_abs()?;
        let left = mul(mul(diff, 100)?, 10i128.checked_pow(t.scale())?)?;
        let right = mul(t.mantissa(), expected.checked_abs()?)?;
        Some(left > right)
    }

    /// The same in decimals (None when even they overflow).
    fn off_decimal(&self, r: Decimal, factors: &[Decimal]) -> Option<bool> {
        let mut expected = Decimal::ONE;
        for f in factors {
            expected = expected.checked_mul(*f)?;
        }
        Some(if expected.is_zero() {
            !r.is_zero()
        } else {
            (r - expected).abs().checked_mul(Decimal::ONE_HUNDRED)?
                > self.tolerance_pct.checked_mul(expected.abs())?
        })
    }

    /// The product of the factors, for a message.
    fn expected(&self, row: &Row<'_, '_>) -> Option<Decimal> {
        let mut expected = Decimal::ONE;
        for f in &self.factors {
            expected = expected.checked_mul(row.num(*f)?)?;
        }
        Some(expected)
    }
}

/// `a × b` when the product surely fits an i128 (their bit lengths add up
/// to less than 127), else None. Cheaper than `checked_mul`, which for
/// 128 bits is a library call, and exact: None only sends the figures to
/// the decimal path.
fn mul(a: i128, b: i128) -> Option<i128> {
    let bits = |x: i128| 128 - x.unsigned_abs().leading_zeros();
    (bits(a) + bits(b) < 127).then(|| a * b)
}

impl RowCheck for Product {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let r = row.num(self.result)?;
        let mut factors = [Decimal::ZERO; 3];
        let mut n = 0;
        for (slot, f) in factors.iter_mut().zip(&self.factors) {
            *slot = row.num(*f)?;
            n += 1;
        }
        let factors = factors.get(..n)?;
        // |r − e| × 100 > tolerance × |e|, without a division.
        let off = match self.off_integer(r, factors) {
            Some(off) => off,
            None => self.off_decimal(r, factors)?,
        };
        // The factors' names are gathered only for a message.
        off.then(|| {
            let names: Vec<&str> = self.factors.iter().map(|f| row.label(*f)).collect();
            Violation {
                field: self.result,
                message: msg::product(
                    row.label(self.result),
                    r,
                    &names,
                    self.expected(row).unwrap_or_default(),
                    self.tolerance_pct,
                    lang,
                ),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::rules::testing::{num, Case};

    const RULE: &str = r#"
name = "udgift-takst-dage"
check = "product"
fields = { result = "udgift", factor1 = "takst", factor2 = "dage" }
"#;
    const FIELDS: [(&str, &str); 3] =
        [("udgift", "money"), ("takst", "money"), ("dage", "integer")];

    #[test]
    fn the_fast_multiply_answers_exactly_or_not_at_all() {
        use super::mul;
        // Bit lengths 63 + 63: the product fits and is exact.
        assert_eq!(mul(1 << 62, -(1 << 62)), Some(-(1i128 << 124)));
        assert_eq!(mul((1 << 63) - 1, 3), Some(((1i128 << 63) - 1) * 3));
        // 63 + 64 bits could overflow: left to the decimals.
        assert_eq!(mul(1 << 62, 1 << 63), None);
        assert_eq!(mul(i128::MIN, 1), None);
        assert_eq!(mul(0, 1 << 100), Some(0));
        assert_eq!(mul(0, i128::MAX), None);
        assert_eq!(mul(-7, 6), Some(-42));
    }

    /// Takst 2.000 × 31 dage = 62.000 kr.
    #[test]
    fn the_tolerance_is_pinned_on_both_sides() {
        let case = Case::new(&FIELDS, RULE);
        for (udgift, takst, dage, warned) in [
            ("62000", "2000", "31", false),
            ("62620", "2000", "31", false),   // exactly 1 % over
            ("61380", "2000", "31", false),   // exactly 1 % under
            ("62620.01", "2000", "31", true), // just over
            ("61379.99", "2000", "31", true), // just under
            ("1", "2000", "31", true),
            // An expected 0: only 0 matches it.
            ("0", "0", "31", false),
            ("0.01", "0", "31", true),
            ("-0.01", "2000", "0", true),
        ] {
            let row = [num(udgift), num(takst), num(dage)];
            assert_eq!(
                case.check(&row).is_some(),
                warned,
                "{udgift} = {takst} × {dage}"
            );
        }
    }

    #[test]
    fn the_message_names_the_factors_and_the_tolerance() {
        let row = [num("1"), num("2000"), num("31")];
        let v = Case::new(&FIELDS, RULE).check(&row).unwrap();
        assert_eq!(v.field, 0);
        assert_eq!(
            v.message,
            "Udgift 1,00 kr. svarer ikke til Takst × Dage = 62.000,00 kr. (højst 1,00 % afvigelse tilladt)."
        );
        let case = Case::new(
            &FIELDS,
            &format!("{RULE}params = {{ tolerance_pct = 0.5 }}\n"),
        );
        assert!(case
            .check(&[num("62310"), num("2000"), num("31")])
            .is_none());
        let v = case.check_in(&[num("62310.01"), num("2000"), num("31")], Lang::En);
        assert_eq!(
            v.unwrap().message,
            "Udgift 62,310.01 kr. does not match Takst × Dage = 62,000.00 kr. (at most 0.50 % difference allowed)."
        );
    }

    #[test]
    fn a_blank_factor_is_not_judged_and_no_factor_is_an_error() {
        let case = Case::new(&FIELDS, RULE);
        assert!(case.check(&[num("1"), None, num("31")]).is_none());
        let rule = "name = \"p\"\ncheck = \"product\"\nfields = { result = \"udgift\" }\n";
        assert!(Case::error(&FIELDS, rule).contains("needs fields.factor1"));
    }
}

#[cfg(test)]
mod exact {
    use super::Product;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn product(tolerance: Decimal, factors: usize) -> Product {
        Product {
            result: 0,
            factors: (1..=factors).collect(),
            tolerance_pct: tolerance,
        }
    }

    proptest! {
        /// The integer check answers for every row-sized figure, and says
        /// what the decimal check says whenever that answers.
        #[test]
        fn integers_and_decimals_agree(
            r in (-10_i64.pow(14)..10_i64.pow(14), 0u32..5),
            f in proptest::collection::vec((-10_i64.pow(9)..10_i64.pow(9), 0u32..5), 1..4),
            t in (0i64..1000, 0u32..3),
            near in any::<bool>(),
        ) {
            let factors: Vec<Decimal> = f.iter().map(|&(m, s)| Decimal::new(m, s)).collect();
            let check = product(Decimal::new(t.0, t.1), factors.len());
            // Half the cases near the product, where the tolerance decides.
            let r = match near {
                true => factors.iter().product::<Decimal>() + Decimal::new(r.0 % 1000, r.1),
                false => Decimal::new(r.0, r.1),
            };
            let fast = check.off_integer(r, &factors);
            prop_assert!(fast.is_some());
            // Decimals may overflow where i128 does not (three factors near
            // 10^9 and a difference times 100): then only the integers answer.
            if let Some(slow) = check.off_decimal(r, &factors) {
                prop_assert_eq!(fast, Some(slow));
            }
        }
    }

    #[test]
    fn figures_beyond_integers_fall_back_to_decimals() {
        let big = Decimal::new(9_000_000_000_000_000_000, 0);
        let check = product(Decimal::ONE, 3);
        assert_eq!(check.off_integer(big, &[big, big, big]), None);
        assert_eq!(check.off_decimal(Decimal::ONE, &[big, big, big]), None);
        // A tolerance right at the edge, at several scales.
        let check = product(Decimal::new(1, 0), 2);
        let (takst, dage) = (Decimal::new(200_000, 2), Decimal::new(31, 0));
        for (r, off) in [
            (Decimal::new(6_262_000, 2), false),
            (Decimal::new(62_620_001, 3), true),
            (Decimal::new(6_137_999, 2), true),
            (Decimal::new(61_380, 0), false),
        ] {
            assert_eq!(check.off_integer(r, &[takst, dage]), Some(off), "{r}");
        }
    }
}
