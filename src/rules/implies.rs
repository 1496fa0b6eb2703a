//! `implies`: a yes in `premise` needs a yes in `conclusion` (a
//! dispensation only for a new offer).

use super::{CheckKind, Def, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;
use crate::values::typed::Value;

pub(super) const KIND: CheckKind = CheckKind {
    name: "implies",
    params: &[],
    code: Code::RuleError,
    compile,
};

#[derive(Debug)]
struct Implies {
    premise: usize,
    conclusion: usize,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    Ok(Box::new(Implies {
        premise: def.field("premise")?,
        conclusion: def.field("conclusion")?,
    }))
}

impl RowCheck for Implies {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let p = row.value(self.premise).and_then(Value::as_bool);
        let c = row.value(self.conclusion).and_then(Value::as_bool);
        (p == Some(true) && c != Some(true)).then(|| Violation {
            field: self.premise,
            message: msg::implies(row.label(self.premise), row.label(self.conclusion), lang),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{boolean, Case};

    #[test]
    fn a_yes_needs_a_yes() {
        let fields = [("dispensation", "boolean"), ("nyt tilbud", "boolean")];
        let rule = r#"
name = "dispensation-kun-nye"
check = "implies"
fields = { premise = "dispensation", conclusion = "nyt tilbud" }
"#;
        let case = Case::new(&fields, rule);
        for (p, c, found) in [
            (boolean(true), boolean(true), false),
            (boolean(true), boolean(false), true),
            (boolean(true), None, true),
            (boolean(false), boolean(false), false),
            (None, boolean(false), false),
        ] {
            assert_eq!(
                case.check(&[p.clone(), c.clone()]).is_some(),
                found,
                "{p:?} {c:?}"
            );
        }
        let v = case.check(&[boolean(true), None]).unwrap();
        assert_eq!(v.field, 0);
        assert_eq!(
            v.message,
            "Dispensation er angivet, men Nyt tilbud er ikke; det gælder kun for nyt tilbud."
        );
    }
}
