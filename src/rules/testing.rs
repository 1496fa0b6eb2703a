//! Test helpers: a schema of a few fields with one rule, and rows of values.

use super::{CompiledRule, Violation};
use crate::lang::Lang;
use crate::schema::Schema;
use crate::values::typed::{Slot, Value};
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn num(s: &str) -> Option<Value<'static>> {
    Some(Value::Number(d(s)))
}

pub fn text(s: &str) -> Option<Value<'static>> {
    Some(Value::Text(s.to_string().into()))
}

/// A målgruppe of [`reference`] by name.
pub fn maalgruppe(name: &str) -> Option<Value<'static>> {
    Some(Value::Maalgruppe(reference().maalgruppe(name).unwrap()))
}

pub fn choice(index: u16) -> Option<Value<'static>> {
    Some(Value::Choice(index))
}

pub fn boolean(b: bool) -> Option<Value<'static>> {
    Some(Value::Bool(b))
}

pub fn date(y: i32, m: u32, day: u32) -> Option<Value<'static>> {
    Some(Value::Date(
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap(),
    ))
}

/// A schema whose fields are `(name, type)`, the header being the name
/// with a capital ("takst" → "Takst"); a type "choice:A,B" is a choice of
/// A and B. Its one rule is the TOML of a `[[rule]]` table.
pub fn schema(fields: &[(&str, &str)], rule: &str) -> Schema {
    let mut toml = String::from("name = \"t\"\ntitle = { da = \"T\", en = \"T\" }\n");
    for (name, kind) in fields {
        let mut header = name.to_string();
        if let Some(first) = header.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        let kind = match kind.strip_prefix("choice:") {
            Some(choices) => {
                let list: Vec<String> = choices.split(',').map(|c| format!("{c:?}")).collect();
                format!("\"choice\"\nchoices = [{}]", list.join(", "))
            }
            None => format!("{kind:?}"),
        };
        toml.push_str(&format!(
            "[[field]]\nname = {name:?}\nheader = {header:?}\ntype = {kind}\n"
        ));
    }
    toml.push_str("[[rule]]\n");
    toml.push_str(rule);
    toml::from_str(&toml).unwrap_or_else(|e| panic!("{e}\n{toml}"))
}

/// The built-in reference lists, with "Aflastning børn" as an extra
/// målgruppe (for the short-stay marker of `belaegning-norm`).
pub fn reference() -> crate::values::reference::Reference {
    let mut reference = crate::schema::Catalog::embedded().unwrap().reference;
    reference.add_maalgrupper(&["Aflastning børn".to_string()]);
    reference
}

/// A compiled rule and the headers of its schema.
pub struct Case {
    pub rule: CompiledRule,
    labels: Vec<String>,
}

impl Case {
    pub fn new(fields: &[(&str, &str)], rule: &str) -> Case {
        let schema = schema(fields, rule);
        let def = schema.rules.first().unwrap();
        Case {
            rule: CompiledRule::compile(def, &schema, &reference()).unwrap(),
            labels: schema.fields.iter().map(|f| f.header.clone()).collect(),
        }
    }

    /// Why the rule does not compile.
    pub fn error(fields: &[(&str, &str)], rule: &str) -> String {
        let schema = schema(fields, rule);
        let def = schema.rules.first().unwrap();
        CompiledRule::compile(def, &schema, &reference())
            .unwrap_err()
            .to_string()
    }

    pub fn check(&self, row: &[Option<Value<'static>>]) -> Option<Violation> {
        self.check_in(row, Lang::Da)
    }

    pub fn check_in(&self, row: &[Option<Value<'static>>], lang: Lang) -> Option<Violation> {
        let slots: Vec<Slot<'_>> = row
            .iter()
            .map(|v| v.clone().map_or(Slot::Blank, Slot::Value))
            .collect();
        let labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        self.rule.check(&slots, &labels, lang)
    }
}
