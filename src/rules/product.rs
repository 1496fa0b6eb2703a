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

impl RowCheck for Product {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let r = row.num(self.result)?;
        let mut expected = Decimal::ONE;
        for f in &self.factors {
            expected = expected.checked_mul(row.num(*f)?)?;
        }
        // |r − e| × 100 > tolerance × |e|, without a division: this runs on
        // every row of a borgerliste.
        let off = if expected.is_zero() {
            !r.is_zero()
        } else {
            (r - expected).abs().checked_mul(Decimal::ONE_HUNDRED)?
                > self.tolerance_pct.checked_mul(expected.abs())?
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
                    expected,
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
