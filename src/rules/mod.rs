//! Named row rules: cross-field checks whose parameters live in the schema
//! files (`[[rule]]`) and whose logic lives here, one function per check.
//! A rule sees one row's parsed values and yields at most one finding.

use crate::finding::{Code, Severity};
use crate::lang::Lang;
use crate::numfmt;
use crate::schema::{FieldType, RuleDef, Schema};
use crate::text::fold_key;
use crate::validate::typed::{Slot, Value};
use chrono::Datelike;
use rust_decimal::Decimal;

/// The checks a schema's `[[rule]]` may name.
pub const KNOWN_CHECKS: [&str; 6] = [
    "takst-calculation",
    "product",
    "required-if",
    "change-limit",
    "filing-window",
    "implies",
];

/// A rule broken by a row: which field's cell to point at, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub field: usize,
    pub message: String,
}

/// A condition on a field's value: "Taksttype is Døgntakst".
#[derive(Debug, Clone)]
struct Condition {
    field: usize,
    value: Value<'static>,
    /// The value as the schema writes it ("Udgår"), for messages.
    text: String,
}

/// A rule with its field names resolved to indices.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub name: String,
    pub severity: Severity,
    pub code: Code,
    check: Check,
    when: Option<Condition>,
}

#[derive(Debug, Clone)]
enum Check {
    TakstCalculation {
        takst: usize,
        grundlag: usize,
        pladser: usize,
        belaegning: usize,
        /// The row's year (optional): a døgntakst spans its days.
        year: Option<usize>,
        /// Days a year given in the schema; else the days of the row's
        /// year (366 in a leap year), 365 without a year.
        days: Option<Decimal>,
        tolerance_pct: Decimal,
    },
    Product {
        result: usize,
        factors: Vec<usize>,
        tolerance_pct: Decimal,
    },
    RequiredIf {
        any_of: Vec<usize>,
    },
    ChangeLimit {
        value: usize,
        previous: usize,
        max_change_pct: Decimal,
    },
    FilingWindow {
        date: usize,
        months: Vec<u32>,
        even_years: bool,
    },
    Implies {
        premise: usize,
        conclusion: usize,
    },
}

/// Why a rule cannot be used: a schema error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule {rule:?}: {message}")]
pub struct RuleError {
    pub rule: String,
    pub message: String,
}

impl CompiledRule {
    pub fn compile(def: &RuleDef, schema: &Schema) -> Result<CompiledRule, RuleError> {
        let err = |message: String| RuleError {
            rule: def.name.clone(),
            message,
        };
        let field = |role: &str| -> Result<usize, RuleError> {
            let name = def
                .fields
                .get(role)
                .ok_or_else(|| err(format!("needs fields.{role}")))?;
            schema
                .field_index(name)
                .ok_or_else(|| err(format!("unknown field {name:?}")))
        };
        let param = |name: &str, default: Decimal| def.params.get(name).copied().unwrap_or(default);
        let check = match def.check.as_str() {
            "takst-calculation" => Check::TakstCalculation {
                takst: field("takst")?,
                grundlag: field("grundlag")?,
                pladser: field("pladser")?,
                belaegning: field("belaegning")?,
                year: match def.fields.contains_key("aar") {
                    true => Some(field("aar")?),
                    false => None,
                },
                days: def.params.get("days").copied(),
                tolerance_pct: param("tolerance_pct", Decimal::ONE),
            },
            "product" => {
                let mut factors = Vec::new();
                for role in ["factor1", "factor2", "factor3"] {
                    if def.fields.contains_key(role) {
                        factors.push(field(role)?);
                    }
                }
                if factors.is_empty() {
                    return Err(err("needs fields.factor1 and fields.factor2".into()));
                }
                Check::Product {
                    result: field("result")?,
                    factors,
                    tolerance_pct: param("tolerance_pct", Decimal::ONE),
                }
            }
            "required-if" => {
                let any_of = def
                    .require_any
                    .iter()
                    .map(|n| {
                        schema
                            .field_index(n)
                            .ok_or_else(|| err(format!("unknown field {n:?}")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if any_of.is_empty() || def.when_field.is_none() {
                    return Err(err("needs when_field and require_any".into()));
                }
                Check::RequiredIf { any_of }
            }
            "change-limit" => Check::ChangeLimit {
                value: field("value")?,
                previous: field("previous")?,
                max_change_pct: param("max_change_pct", Decimal::from(25)),
            },
            "filing-window" => Check::FilingWindow {
                date: field("date")?,
                months: if def.months.is_empty() {
                    vec![1, 2, 3]
                } else {
                    def.months.clone()
                },
                even_years: def.even_years,
            },
            "implies" => Check::Implies {
                premise: field("premise")?,
                conclusion: field("conclusion")?,
            },
            other => return Err(err(format!("unknown check {other:?}"))),
        };
        let when = match (&def.when_field, &def.when_value) {
            (Some(name), Some(value)) => {
                let index = schema
                    .field_index(name)
                    .ok_or_else(|| err(format!("unknown field {name:?}")))?;
                Some(Condition {
                    field: index,
                    value: condition_value(schema, index, value).ok_or_else(|| {
                        err(format!("{value:?} is not a value of field {name:?}"))
                    })?,
                    text: value.clone(),
                })
            }
            (Some(_), None) | (None, Some(_)) => {
                return Err(err("when_field and when_value go together".into()))
            }
            (None, None) => None,
        };
        let code = match check {
            Check::FilingWindow { .. } => Code::ProcedureError,
            _ => Code::RuleError,
        };
        Ok(CompiledRule {
            name: def.name.clone(),
            severity: def.severity,
            code,
            check,
            when,
        })
    }

    /// Checks one row; `labels` are the headers of the schema's fields.
    pub fn check(&self, slots: &[Slot<'_>], labels: &[&str], lang: Lang) -> Option<Violation> {
        if let Some(cond) = &self.when {
            if slots.get(cond.field).and_then(Slot::value) != Some(&cond.value) {
                return None;
            }
        }
        let num = |i: usize| {
            slots
                .get(i)
                .and_then(Slot::value)
                .and_then(Value::as_number)
        };
        let label = |i: usize| labels.get(i).copied().unwrap_or("?");
        match &self.check {
            Check::TakstCalculation {
                takst,
                grundlag,
                pladser,
                belaegning,
                year,
                days,
                tolerance_pct,
            } => {
                let days = &days.unwrap_or_else(|| {
                    let year = year
                        .and_then(num)
                        .and_then(|y| rust_decimal::prelude::ToPrimitive::to_i32(&y.trunc()));
                    Decimal::from(year.map_or(365, crate::values::date::days_in_year))
                });
                let (t, g, p, b) = (
                    num(*takst)?,
                    num(*grundlag)?,
                    num(*pladser)?,
                    num(*belaegning)?,
                );
                let divisor = p
                    .checked_mul(*days)?
                    .checked_mul(b)?
                    .checked_div(Decimal::ONE_HUNDRED)?;
                if divisor.is_zero() {
                    return None;
                }
                let expected = g.checked_div(divisor)?;
                let deviation = deviation_pct(t, expected)?;
                (deviation > *tolerance_pct).then(|| Violation {
                    field: *takst,
                    message: lang.pick(
                        format!(
                            "{} {} svarer ikke til takstgrundlaget: {} / ({} pladser × {} dage × {}) = {} (afvigelse {}, højst {} tilladt).",
                            label(*takst),
                            numfmt::kr(t, lang),
                            numfmt::kr(g, lang),
                            numfmt::plain(p, 2, lang),
                            numfmt::plain(*days, 0, lang),
                            numfmt::pct(b, lang),
                            numfmt::kr(expected, lang),
                            numfmt::pct(deviation, lang),
                            numfmt::pct(*tolerance_pct, lang),
                        ),
                        format!(
                            "{} {} does not match the cost basis: {} / ({} places × {} days × {}) = {} (off by {}, at most {} allowed).",
                            label(*takst),
                            numfmt::kr(t, lang),
                            numfmt::kr(g, lang),
                            numfmt::plain(p, 2, lang),
                            numfmt::plain(*days, 0, lang),
                            numfmt::pct(b, lang),
                            numfmt::kr(expected, lang),
                            numfmt::pct(deviation, lang),
                            numfmt::pct(*tolerance_pct, lang),
                        ),
                    ),
                })
            }
            Check::Product {
                result,
                factors,
                tolerance_pct,
            } => {
                let r = num(*result)?;
                let mut expected = Decimal::ONE;
                for f in factors {
                    expected = expected.checked_mul(num(*f)?)?;
                }
                // |r − e| × 100 > tolerance × |e|, without a division: this
                // runs on every row of a borgerliste.
                let off = if expected.is_zero() {
                    !r.is_zero()
                } else {
                    (r - expected).abs().checked_mul(Decimal::ONE_HUNDRED)?
                        > tolerance_pct.checked_mul(expected.abs())?
                };
                let names: Vec<&str> = factors.iter().map(|f| label(*f)).collect();
                off.then(|| Violation {
                    field: *result,
                    message: lang.pick(
                        format!(
                            "{} {} svarer ikke til {} = {} (højst {} afvigelse tilladt).",
                            label(*result),
                            numfmt::kr(r, lang),
                            names.join(" × "),
                            numfmt::kr(expected, lang),
                            numfmt::pct(*tolerance_pct, lang),
                        ),
                        format!(
                            "{} {} does not match {} = {} (at most {} difference allowed).",
                            label(*result),
                            numfmt::kr(r, lang),
                            names.join(" × "),
                            numfmt::kr(expected, lang),
                            numfmt::pct(*tolerance_pct, lang),
                        ),
                    ),
                })
            }
            Check::RequiredIf { any_of } => {
                let filled = any_of
                    .iter()
                    .any(|i| !matches!(slots.get(*i), Some(Slot::Blank) | None));
                let cond = self.when.as_ref()?;
                let names: Vec<&str> = any_of.iter().map(|i| label(*i)).collect();
                let alternatives = names.join(lang.pick(" eller ", " or "));
                (!filled).then(|| Violation {
                    field: cond.field,
                    message: lang.pick(
                        format!(
                            "Når {} er \"{}\", skal {} udfyldes.",
                            label(cond.field),
                            cond.text,
                            alternatives
                        ),
                        format!(
                            "When {} is \"{}\", {} must be filled in.",
                            label(cond.field),
                            cond.text,
                            alternatives
                        ),
                    ),
                })
            }
            Check::ChangeLimit {
                value,
                previous,
                max_change_pct,
            } => {
                let (v, p) = (num(*value)?, num(*previous)?);
                if p.is_zero() {
                    return None;
                }
                let change = (v.checked_div(p)? - Decimal::ONE) * Decimal::ONE_HUNDRED;
                (change.abs() > *max_change_pct).then(|| Violation {
                    field: *value,
                    message: lang.pick(
                        format!(
                            "{} er ændret {} fra {} til {}; en ændring på mere end {} er usædvanlig.",
                            label(*value),
                            numfmt::pct(change, lang),
                            numfmt::kr(p, lang),
                            numfmt::kr(v, lang),
                            numfmt::pct(*max_change_pct, lang),
                        ),
                        format!(
                            "{} changed by {} from {} to {}; a change of more than {} is unusual.",
                            label(*value),
                            numfmt::pct(change, lang),
                            numfmt::kr(p, lang),
                            numfmt::kr(v, lang),
                            numfmt::pct(*max_change_pct, lang),
                        ),
                    ),
                })
            }
            Check::FilingWindow {
                date,
                months,
                even_years,
            } => {
                let d = slots
                    .get(*date)
                    .and_then(Slot::value)
                    .and_then(Value::as_date)?;
                let month_ok = months.contains(&d.month());
                let year_ok = !*even_years || d.year() % 2 == 0;
                if month_ok && year_ok {
                    return None;
                }
                let months_text = month_span(months, lang);
                let years_text = if *even_years {
                    lang.pick(" i lige år", " of even years")
                } else {
                    ""
                };
                Some(Violation {
                    field: *date,
                    message: lang.pick(
                        format!(
                            "{} {} ligger uden for vinduet: udmeldinger kan kun indgives i {}{}.",
                            label(*date),
                            d.format("%d-%m-%Y"),
                            months_text,
                            years_text
                        ),
                        format!(
                            "{} {} is outside the window: withdrawals may only be filed in {}{}.",
                            label(*date),
                            d.format("%d-%m-%Y"),
                            months_text,
                            years_text
                        ),
                    ),
                })
            }
            Check::Implies {
                premise,
                conclusion,
            } => {
                let p = slots
                    .get(*premise)
                    .and_then(Slot::value)
                    .and_then(Value::as_bool);
                let c = slots
                    .get(*conclusion)
                    .and_then(Slot::value)
                    .and_then(Value::as_bool);
                (p == Some(true) && c != Some(true)).then(|| Violation {
                    field: *premise,
                    message: lang.pick(
                        format!(
                            "{} er angivet, men {} er ikke; det gælder kun for {}.",
                            label(*premise),
                            label(*conclusion),
                            label(*conclusion).to_lowercase()
                        ),
                        format!(
                            "{} is set but {} is not; it only applies to a {}.",
                            label(*premise),
                            label(*conclusion),
                            label(*conclusion).to_lowercase()
                        ),
                    ),
                })
            }
        }
    }
}

/// |actual / expected − 1| in percent.
fn deviation_pct(actual: Decimal, expected: Decimal) -> Option<Decimal> {
    if expected.is_zero() {
        return None;
    }
    Some(((actual.checked_div(expected)? - Decimal::ONE) * Decimal::ONE_HUNDRED).abs())
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

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "januar–marts" for a run of months, else a list.
fn month_span(months: &[u32], lang: Lang) -> String {
    let names = lang.pick(&MONTHS_DA, &MONTHS_EN);
    let name = |m: u32| {
        names
            .get((m as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("?")
    };
    let mut sorted = months.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let contiguous = sorted
        .windows(2)
        .all(|w| w.get(1) == w.first().map(|a| a + 1).as_ref());
    match (sorted.first(), sorted.last()) {
        (Some(first), Some(last)) if contiguous && first != last => {
            format!("{}–{}", name(*first), name(*last))
        }
        _ => sorted
            .iter()
            .map(|m| name(*m))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
