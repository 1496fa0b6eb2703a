//! `change-limit`: a value changed by more than `max_change_pct` percent
//! against its previous value (this year's tariff against last year's).

use super::{dec, CheckKind, Def, Param, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;
use rust_decimal::Decimal;

pub(super) const KIND: CheckKind = CheckKind {
    name: "change-limit",
    params: &[Param {
        name: "max_change_pct",
        default: dec(25, 0),
    }],
    code: Code::RuleError,
    compile,
};

#[derive(Debug)]
struct ChangeLimit {
    value: usize,
    previous: usize,
    max_change_pct: Decimal,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    Ok(Box::new(ChangeLimit {
        value: def.field("value")?,
        previous: def.field("previous")?,
        max_change_pct: def.param("max_change_pct"),
    }))
}

impl RowCheck for ChangeLimit {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let (v, p) = (row.num(self.value)?, row.num(self.previous)?);
        if p.is_zero() {
            return None;
        }
        let change = (v.checked_div(p)? - Decimal::ONE) * Decimal::ONE_HUNDRED;
        (change.abs() > self.max_change_pct).then(|| Violation {
            field: self.value,
            message: msg::change_limit(
                row.label(self.value),
                change,
                p,
                v,
                self.max_change_pct,
                lang,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{num, Case};

    const FIELDS: [(&str, &str); 2] = [("takst", "money"), ("forrige", "money")];
    const RULE: &str = r#"
name = "takstaendring"
check = "change-limit"
fields = { value = "takst", previous = "forrige" }
"#;

    #[test]
    fn a_change_of_exactly_the_limit_is_not_unusual() {
        let case = Case::new(&FIELDS, RULE);
        for (takst, warned) in [
            ("1000", false),
            ("1250", false),   // exactly +25 %
            ("750", false),    // exactly −25 %
            ("1250.01", true), // just over
            ("749.99", true),  // just under
            ("2000", true),
        ] {
            let row = [num(takst), num("1000")];
            assert_eq!(case.check(&row).is_some(), warned, "takst {takst}");
        }
        assert!(case.check(&[num("2000"), num("0")]).is_none());
        assert!(case.check(&[num("2000"), None]).is_none());
    }

    #[test]
    fn the_message_follows_the_schemas_limit() {
        let case = Case::new(
            &FIELDS,
            &format!("{RULE}params = {{ max_change_pct = 10 }}\n"),
        );
        assert!(case.check(&[num("1100"), num("1000")]).is_none());
        let v = case.check(&[num("1100.01"), num("1000")]).unwrap();
        assert_eq!(v.field, 0);
        assert_eq!(
            v.message,
            "Takst er ændret 10,00 % fra 1.000,00 kr. til 1.100,01 kr.; en ændring på mere end \
             10,00 % er usædvanlig."
        );
    }

    #[test]
    fn an_unknown_parameter_is_an_error() {
        let rule = format!("{RULE}params = {{ max_change = 10 }}\n");
        assert_eq!(
            Case::error(&FIELDS, &rule),
            "rule \"takstaendring\": check \"change-limit\" has no parameter \"max_change\" \
             (its parameters: max_change_pct)"
        );
    }
}
