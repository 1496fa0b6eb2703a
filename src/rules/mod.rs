//! Named row rules: cross-field checks whose use and parameters live in the
//! schema files (`[[rule]]`) and whose logic lives here, one file per check
//! family. A rule sees one row's parsed values and yields at most one
//! finding.
//!
//! [`CHECKS`] is the one table of check families: `compile` looks a rule's
//! `check` up in it, and the error for an unknown name lists it. Each entry
//! ([`CheckKind`]) carries the family's name, its parameters with their
//! defaults, its finding code and its compile function; the family's file
//! holds the entry, the check and its tests, and its messages are in
//! `messages::rules`, built from the parameters. A new rule is one file
//! here and one line in the table.

mod belaegning_gennemsnit;
mod belaegning_norm;
mod change_limit;
mod filing_window;
mod implies;
mod omkostningskategorier;
mod overhead;
mod product;
mod required_if;
mod takst_calculation;
#[cfg(test)]
mod testing;

use crate::finding::{Code, Severity};
use crate::lang::Lang;
use crate::schema::{FieldType, RuleDef, Schema};
use crate::text::fold_key;
use crate::values::reference::Reference;
use crate::values::typed::{Slot, Value};
use rust_decimal::Decimal;

/// The check families a schema's `[[rule]]` may name: one line per family.
pub const CHECKS: &[CheckKind] = &[
    takst_calculation::KIND,
    product::KIND,
    required_if::KIND,
    change_limit::KIND,
    filing_window::KIND,
    implies::KIND,
    belaegning_norm::KIND,
    belaegning_gennemsnit::KIND,
    omkostningskategorier::KIND,
    overhead::KIND,
];

/// A check family: what `check = "…"` names.
#[derive(Debug)]
pub struct CheckKind {
    pub name: &'static str,
    /// The numeric parameters it reads (`params = { … }`), with their
    /// defaults; any other parameter is an error.
    pub params: &'static [Param],
    /// The code of its findings.
    pub code: Code,
    compile: fn(&Def<'_>) -> Result<Box<dyn RowCheck>, RuleError>,
}

/// The default of a check family's parameter (`overhead`, `overhead_pct`: 6).
pub fn default_param(check: &str, param: &str) -> Option<Decimal> {
    CHECKS
        .iter()
        .find(|k| k.name == check)?
        .params
        .iter()
        .find(|p| p.name == param)
        .map(|p| p.default)
}

/// A numeric parameter of a check family and its default.
#[derive(Debug)]
pub struct Param {
    pub name: &'static str,
    pub default: Decimal,
}

/// A decimal for a parameter's default: `dec(25, 0)` is 25, `dec(5, 1)` 0,5.
const fn dec(units: u32, scale: u32) -> Decimal {
    Decimal::from_parts(units, 0, 0, false, scale)
}

/// A rule broken by a row: which field's cell to point at, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub field: usize,
    pub message: String,
}

/// Why a rule cannot be used: a schema error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule {rule:?}: {message}")]
pub struct RuleError {
    pub rule: String,
    pub message: String,
}

/// A condition on a field's value: "Taksttype is Døgntakst (or Dagtakst)".
#[derive(Debug, Clone)]
struct Condition {
    field: usize,
    values: Vec<Value<'static>>,
    /// The values as the schema writes them ("Udgår"), for messages.
    texts: Vec<String>,
}

/// One family's check with its fields resolved and parameters read.
trait RowCheck: std::fmt::Debug + Send + Sync {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation>;
}

/// A rule with its field names resolved to indices.
#[derive(Debug)]
pub struct CompiledRule {
    pub name: String,
    pub severity: Severity,
    pub code: Code,
    check: Box<dyn RowCheck>,
    when: Option<Condition>,
}

/// What a family's compile function sees: the rule as the schema writes
/// it, the schema, and the family's parameter defaults.
struct Def<'a> {
    def: &'a RuleDef,
    schema: &'a Schema,
    /// The reference lists, for a check that reads a målgruppe's name.
    reference: &'a Reference,
    kind: &'a CheckKind,
    when: Option<&'a Condition>,
}

impl Def<'_> {
    fn err(&self, message: String) -> RuleError {
        RuleError {
            rule: self.def.name.clone(),
            message,
        }
    }

    /// The field a role names (`fields.takst`); required.
    fn field(&self, role: &str) -> Result<usize, RuleError> {
        self.optional_field(role)?
            .ok_or_else(|| self.err(format!("needs fields.{role}")))
    }

    /// The field a role names, if the rule names one.
    fn optional_field(&self, role: &str) -> Result<Option<usize>, RuleError> {
        self.def
            .fields
            .get(role)
            .map(|name| self.field_named(name))
            .transpose()
    }

    fn field_named(&self, name: &str) -> Result<usize, RuleError> {
        self.schema
            .field_index(name)
            .ok_or_else(|| self.err(format!("unknown field {name:?}")))
    }

    /// A parameter's value: the schema's, else the family's default.
    fn param(&self, name: &str) -> Decimal {
        self.def.params.get(name).copied().unwrap_or_else(|| {
            self.kind
                .params
                .iter()
                .find(|p| p.name == name)
                .map_or(Decimal::ZERO, |p| p.default)
        })
    }
}

/// One row as a check reads it.
struct Row<'r, 'a> {
    slots: &'r [Slot<'a>],
    labels: &'r [&'r str],
    when: Option<&'r Condition>,
}

impl<'a> Row<'_, 'a> {
    fn value(&self, field: usize) -> Option<&Value<'a>> {
        self.slots.get(field).and_then(Slot::value)
    }

    fn num(&self, field: usize) -> Option<Decimal> {
        self.value(field).and_then(Value::as_number)
    }

    /// A field that may be left out: its number, or None when the rule
    /// does not name it or the cell is blank.
    fn opt_num(&self, field: Option<usize>) -> Option<Decimal> {
        field.and_then(|f| self.num(f))
    }

    fn is_blank(&self, field: usize) -> bool {
        matches!(self.slots.get(field), Some(Slot::Blank) | None)
    }

    /// The header of a field, for messages.
    fn label(&self, field: usize) -> &str {
        self.labels.get(field).copied().unwrap_or("?")
    }
}

impl CompiledRule {
    pub fn compile(
        def: &RuleDef,
        schema: &Schema,
        reference: &Reference,
    ) -> Result<CompiledRule, RuleError> {
        let err = |message: String| RuleError {
            rule: def.name.clone(),
            message,
        };
        let kind = CHECKS.iter().find(|k| k.name == def.check).ok_or_else(|| {
            err(format!(
                "unknown check {:?} (known: {})",
                def.check,
                CHECKS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
            ))
        })?;
        let mut given: Vec<&String> = def.params.keys().collect();
        given.sort();
        for name in given {
            if !kind.params.iter().any(|p| p.name == name.as_str()) {
                let known: Vec<&str> = kind.params.iter().map(|p| p.name).collect();
                return Err(err(format!(
                    "check {:?} has no parameter {name:?} (its parameters: {})",
                    kind.name,
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
        let when = condition(def, schema).map_err(err)?;
        let check = (kind.compile)(&Def {
            def,
            schema,
            reference,
            kind,
            when: when.as_ref(),
        })?;
        Ok(CompiledRule {
            name: def.name.clone(),
            severity: def.severity,
            code: kind.code,
            check,
            when,
        })
    }

    /// Checks one row; `labels` are the headers of the schema's fields.
    pub fn check(&self, slots: &[Slot<'_>], labels: &[&str], lang: Lang) -> Option<Violation> {
        if let Some(cond) = &self.when {
            let value = slots.get(cond.field).and_then(Slot::value)?;
            if !cond.values.contains(value) {
                return None;
            }
        }
        let row = Row {
            slots,
            labels,
            when: self.when.as_ref(),
        };
        self.check.check(&row, lang)
    }
}

/// The rule's `when_field` with `when_value` (or `when_values`), resolved.
fn condition(def: &RuleDef, schema: &Schema) -> Result<Option<Condition>, String> {
    let texts: Vec<String> = def
        .when_value
        .iter()
        .chain(def.when_values.iter())
        .cloned()
        .collect();
    let name = match (
        &def.when_field,
        def.when_value.is_some(),
        def.when_values.is_empty(),
    ) {
        (None, false, true) => return Ok(None),
        (Some(name), true, true) | (Some(name), false, false) => name,
        (Some(_), true, false) => return Err("give when_value or when_values, not both".into()),
        _ => return Err("when_field and when_value go together".into()),
    };
    let field = schema
        .field_index(name)
        .ok_or_else(|| format!("unknown field {name:?}"))?;
    let values = texts
        .iter()
        .map(|text| {
            condition_value(schema, field, text)
                .ok_or_else(|| format!("{text:?} is not a value of field {name:?}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Condition {
        field,
        values,
        texts,
    }))
}

/// The value a condition compares with, in the field's own form.
fn condition_value(schema: &Schema, field: usize, text: &str) -> Option<Value<'static>> {
    let f = schema.fields.get(field)?;
    match f.kind {
        FieldType::Choice => f
            .choices
            .iter()
            .position(|c| fold_key(c) == fold_key(text))
            .and_then(|i| u16::try_from(i).ok())
            .map(Value::Choice),
        FieldType::Boolean => match fold_key(text).as_str() {
            "ja" | "true" => Some(Value::Bool(true)),
            "nej" | "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => Some(Value::Text(std::borrow::Cow::Owned(text.to_string()))),
    }
}

/// |actual / expected − 1| in percent.
fn deviation_pct(actual: Decimal, expected: Decimal) -> Option<Decimal> {
    if expected.is_zero() {
        return None;
    }
    Some(((actual.checked_div(expected)? - Decimal::ONE) * Decimal::ONE_HUNDRED).abs())
}

#[cfg(test)]
mod tests;
