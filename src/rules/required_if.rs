//! `required-if`: when the rule's condition holds (`when_field` has
//! `when_value`), at least one of `require_any` is filled in.

use super::{CheckKind, Def, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;

pub(super) const KIND: CheckKind = CheckKind {
    name: "required-if",
    params: &[],
    code: Code::RuleError,
    compile,
};

#[derive(Debug)]
struct RequiredIf {
    any_of: Vec<usize>,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    let any_of = def
        .def
        .require_any
        .iter()
        .map(|n| def.field_named(n))
        .collect::<Result<Vec<_>, _>>()?;
    if any_of.is_empty() || def.when.is_none() {
        return Err(def.err("needs when_field and require_any".into()));
    }
    Ok(Box::new(RequiredIf { any_of }))
}

impl RowCheck for RequiredIf {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let cond = row.when?;
        if self.any_of.iter().any(|i| !row.is_blank(*i)) {
            return None;
        }
        let names: Vec<&str> = self.any_of.iter().map(|i| row.label(*i)).collect();
        let value = cond.texts.first().map_or("", String::as_str);
        Some(Violation {
            field: cond.field,
            message: msg::required_if(row.label(cond.field), value, &names, lang),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::rules::testing::{boolean, choice, text, Case};

    const FIELDS: [(&str, &str); 4] = [
        ("status", "choice:Fortsætter,Ny,Udgår"),
        ("erstattes", "text"),
        ("bemaerkning", "text"),
        ("lukket", "boolean"),
    ];
    const RULE: &str = r#"
name = "udgaar-begrundelse"
check = "required-if"
when_field = "status"
when_value = "udgår"
require_any = ["erstattes", "bemaerkning"]
"#;

    #[test]
    fn only_when_the_condition_holds_and_nothing_is_filled_in() {
        let case = Case::new(&FIELDS, RULE);
        for (status, erstattes, bemaerkning, found) in [
            (2, None, None, true),
            (2, text("Bo B"), None, false),
            (2, None, text("Lukker 1.8."), false),
            (0, None, None, false),
            (1, None, None, false),
        ] {
            let row = [choice(status), erstattes, bemaerkning, None];
            assert_eq!(case.check(&row).is_some(), found, "status {status}");
        }
        let v = case.check(&[choice(2), None, None, None]).unwrap();
        assert_eq!(v.field, 0);
        assert_eq!(
            v.message,
            "Når Status er \"udgår\", skal Erstattes eller Bemaerkning udfyldes."
        );
        let v = case
            .check_in(&[choice(2), None, None, None], Lang::En)
            .unwrap();
        assert_eq!(
            v.message,
            "When Status is \"udgår\", Erstattes or Bemaerkning must be filled in."
        );
    }

    #[test]
    fn a_condition_on_a_boolean_field() {
        let rule = r#"
name = "lukket-begrundelse"
check = "required-if"
when_field = "lukket"
when_value = "Ja"
require_any = ["bemaerkning"]
"#;
        let case = Case::new(&FIELDS, rule);
        for (lukket, bemaerkning, found) in [
            (boolean(true), None, true),
            (boolean(true), text("Lukker"), false),
            (boolean(false), None, false),
            (None, None, false),
        ] {
            let row = [choice(0), None, bemaerkning, lukket.clone()];
            assert_eq!(case.check(&row).is_some(), found, "{lukket:?}");
        }
        let rule = rule.replace("\"Ja\"", "\"nej\"");
        let case = Case::new(&FIELDS, &rule);
        assert!(case
            .check(&[choice(0), None, None, boolean(false)])
            .is_some());
        assert!(case
            .check(&[choice(0), None, None, boolean(true)])
            .is_none());
        let rule = rule.replace("\"nej\"", "\"måske\"");
        assert!(
            Case::error(&FIELDS, &rule).contains("\"måske\" is not a value of field \"lukket\"")
        );
    }

    #[test]
    fn a_rule_without_condition_or_fields_is_an_error() {
        let rule = "name = \"r\"\ncheck = \"required-if\"\nrequire_any = [\"erstattes\"]\n";
        assert!(Case::error(&FIELDS, rule).contains("needs when_field and require_any"));
        let rule = "name = \"r\"\ncheck = \"required-if\"\nwhen_field = \"status\"\n";
        assert!(Case::error(&FIELDS, rule).contains("when_field and when_value go together"));
    }
}
