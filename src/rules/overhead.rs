//! `overhead`: the indirect costs (central management and administration)
//! as a percent of the direct cost categories (Løn, Øvrig drift,
//! Ejendomsomkostninger, Tjenestemandspension, as far as given) are at most
//! `overhead_pct` (6, Hovedstaden's target).

use super::{dec, CheckKind, Def, Param, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;
use rust_decimal::Decimal;

pub(super) const KIND: CheckKind = CheckKind {
    name: "overhead",
    params: &[Param {
        name: "overhead_pct",
        default: dec(6, 0),
    }],
    code: Code::RuleError,
    compile,
};

/// The direct categories by role.
const DIRECT: [&str; 4] = ["loen", "oevrig_drift", "ejendom", "pension"];

#[derive(Debug)]
struct Overhead {
    indirekte: usize,
    direct: Vec<usize>,
    overhead_pct: Decimal,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    let mut direct = Vec::new();
    for role in DIRECT {
        if let Some(f) = def.optional_field(role)? {
            direct.push(f);
        }
    }
    if direct.is_empty() {
        return Err(def.err("needs a direct category (fields.loen at least)".into()));
    }
    Ok(Box::new(Overhead {
        indirekte: def.field("indirekte")?,
        direct,
        overhead_pct: def.param("overhead_pct"),
    }))
}

impl RowCheck for Overhead {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let indirect = row.num(self.indirekte)?;
        let mut direct = Decimal::ZERO;
        for f in &self.direct {
            direct = direct.checked_add(row.num(*f).unwrap_or_default())?;
        }
        if direct <= Decimal::ZERO {
            return None;
        }
        // indirect / direct × 100 > pct, without rounding a division.
        let over =
            indirect.checked_mul(Decimal::ONE_HUNDRED)? > self.overhead_pct.checked_mul(direct)?;
        over.then(|| {
            let share = indirect
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(direct))
                .unwrap_or_default();
            Violation {
                field: self.indirekte,
                message: msg::overhead(
                    row.label(self.indirekte),
                    indirect,
                    direct,
                    share,
                    self.overhead_pct,
                    lang,
                ),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{num, Case};

    const FIELDS: [(&str, &str); 5] = [
        ("løn", "money"),
        ("drift", "money"),
        ("ejendom", "money"),
        ("pension", "money"),
        ("indirekte", "money"),
    ];
    const RULE: &str = r#"
name = "overhead"
check = "overhead"
fields = { indirekte = "indirekte", loen = "løn", oevrig_drift = "drift", ejendom = "ejendom", pension = "pension" }
"#;

    /// Direct costs of 1.000.000 (Løn 700.000, drift 250.000, ejendom 50.000).
    #[test]
    fn six_percent_is_the_limit() {
        let case = Case::new(&FIELDS, RULE);
        for (indirect, found) in [
            ("0", false),
            ("59999.99", false),
            ("60000", false),   // exactly 6 %
            ("60000.01", true), // just over
            ("60100", true),    // 6,01 %
        ] {
            let row = [
                num("700000"),
                num("250000"),
                num("50000"),
                None,
                num(indirect),
            ];
            assert_eq!(case.check(&row).is_some(), found, "{indirect}");
        }
        let row = [
            num("700000"),
            num("250000"),
            num("50000"),
            None,
            num("60100"),
        ];
        let v = case.check(&row).unwrap();
        assert_eq!(v.field, 4);
        assert_eq!(
            v.message,
            "Indirekte 60.100,00 kr. er 6,01 % af de direkte omkostninger (1.000.000,00 kr.); \
             målet er højst 6,00 %."
        );
        // No direct costs, or no indirect ones: nothing to judge.
        assert!(case
            .check(&[None, None, None, None, num("60100")])
            .is_none());
        assert!(case
            .check(&[num("700000"), None, None, None, None])
            .is_none());
        let case = Case::new(&FIELDS, &format!("{RULE}params = {{ overhead_pct = 8 }}\n"));
        assert!(case
            .check(&[num("1000000"), None, None, None, num("80000")])
            .is_none());
        assert!(case
            .check(&[num("1000000"), None, None, None, num("80000.01")])
            .is_some());
    }
}
