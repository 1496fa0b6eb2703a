//! Turning one cell into a typed value for its field, or saying in plain
//! language what is wrong with it.

use crate::finding::Code;
use crate::input::Cell;
use crate::lang::Lang;
use crate::messages::validate as msg;
use crate::numfmt;
use crate::schema::{Field, FieldType};
use crate::text::{fold_key, trim};
use crate::values::reference::Reference;
use crate::values::typed::{Slot, Value};
use crate::values::{self, ValueError};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;

/// Why a cell did not parse: a value error, or a cell of the wrong kind
/// (a boolean in a number field, a date in a code field).
#[derive(Debug, Clone)]
enum Fail {
    Value(ValueError),
    WrongCell,
}

impl From<ValueError> for Fail {
    fn from(e: ValueError) -> Self {
        Fail::Value(e)
    }
}

/// What is wrong with a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
}

/// Shows a cell's value in a message: CPR-shaped parts masked, long values
/// cut, in quotes.
pub fn show(cell: &Cell<'_>, lang: Lang) -> String {
    let raw: Cow<'_, str> = match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(s) | Cell::Error(s) => Cow::Borrowed(s),
        Cell::Int(i) => Cow::Owned(i.to_string()),
        Cell::Float(f) => Cow::Owned(f.to_string()),
        Cell::Bool(b) => Cow::Borrowed(msg::bool_cell(*b, lang)),
        Cell::DateTime(dt) => Cow::Owned(dt.format("%d-%m-%Y").to_string()),
    };
    let masked = crate::cpr::mask(raw.trim());
    let mut out: String = masked.chars().take(60).collect();
    if masked.chars().count() > 60 {
        out.push('…');
    }
    format!("\"{out}\"")
}

/// Parses the cells of one field; keeps a cache of reference lookups.
pub struct FieldParser<'c> {
    pub field: &'c Field,
    reference: &'c Reference,
    lang: Lang,
    choices: HashMap<String, u16>,
    /// Whether the field has range or length constraints to check.
    constrained: bool,
    cache: HashMap<Box<str>, Result<ReferenceLookup, ValueError>, foldhash::fast::RandomState>,
    memo: Option<Memo>,
}

impl<'c> FieldParser<'c> {
    pub fn new(field: &'c Field, reference: &'c Reference, lang: Lang) -> Self {
        let mut choices = HashMap::new();
        for (i, choice) in field.choices.iter().enumerate() {
            let index = u16::try_from(i).unwrap_or(u16::MAX);
            choices.insert(fold_key(choice), index);
        }
        for (alias, target) in &field.choice_aliases {
            if let Some(i) = field.choices.iter().position(|c| c == target) {
                choices.insert(fold_key(alias), u16::try_from(i).unwrap_or(u16::MAX));
            }
        }
        let constrained = field.min.is_some()
            || field.max.is_some()
            || field.min_exclusive.is_some()
            || field.max_exclusive.is_some()
            || field.max_length.is_some();
        FieldParser {
            field,
            reference,
            lang,
            choices,
            constrained,
            cache: HashMap::default(),
            memo: None,
        }
    }

    /// Parses a non-blank cell and checks the field's constraints.
    pub fn parse<'a>(&mut self, cell: Cell<'a>) -> Result<Value<'a>, Problem> {
        let mut slot = Slot::Blank;
        self.parse_into(cell, &mut slot)?;
        match slot {
            Slot::Value(value) => Ok(value),
            Slot::Blank | Slot::Invalid => Err(self.failure(Fail::WrongCell, &cell)),
        }
    }

    /// Parses a non-blank cell into `slot` and checks the field's
    /// constraints; on a problem the slot may hold the value that broke a
    /// constraint (the caller marks it invalid). The value is made where
    /// it stays: a row's cells are many, and a value handed back through
    /// results was copied (and waited for) once per function.
    pub fn parse_into<'a>(&mut self, cell: Cell<'a>, slot: &mut Slot<'a>) -> Result<(), Problem> {
        let lang = self.lang;
        if let Cell::Error(e) = cell {
            return Err(self.problem(Code::TypeError, msg::excel_error(e, lang)));
        }
        let kind = self.field.kind;
        let result: Result<Value<'a>, Fail> = match (kind, cell) {
            (FieldType::Text, Cell::Text(s)) => Ok(Value::Text(Cow::Borrowed(trim(s)))),
            (FieldType::Text, other) => Ok(Value::Text(Cow::Owned(plain_text(&other)))),
            (FieldType::Tilbudsnr, Cell::Text(s)) => values::parse_tilbudsnr(s)
                .map(|t| Value::Text(Cow::Borrowed(t)))
                .map_err(Fail::from),
            (FieldType::Tilbudsnr, Cell::Int(i)) => {
                number_code(i as f64).map(|t| Value::Text(Cow::Owned(t)))
            }
            (FieldType::Tilbudsnr, Cell::Float(f)) => {
                number_code(f).map(|t| Value::Text(Cow::Owned(t)))
            }
            (FieldType::Personkode, Cell::Text(s)) => {
                let t = trim(s);
                values::check_personkode(t)
                    .map(|()| Value::Text(Cow::Borrowed(t)))
                    .map_err(Fail::from)
            }
            (FieldType::Personkode, Cell::Int(i)) => {
                let t = i.to_string();
                values::check_personkode(&t)
                    .map(|()| Value::Text(Cow::Owned(t)))
                    .map_err(Fail::from)
            }
            (
                FieldType::Integer
                | FieldType::Number
                | FieldType::Money
                | FieldType::Percent
                | FieldType::Year,
                cell,
            ) => self.parse_numeric(cell).map(Value::Number),
            (FieldType::Date, Cell::DateTime(dt)) => Ok(Value::Date(dt.date())),
            (FieldType::Date, Cell::Text(s)) => {
                values::parse_date(s).map(Value::Date).map_err(Fail::from)
            }
            (FieldType::Date, Cell::Int(i)) => values::excel_serial_to_date(i as f64)
                .map(Value::Date)
                .ok_or(Fail::WrongCell),
            (FieldType::Date, Cell::Float(f)) => values::excel_serial_to_date(f)
                .map(Value::Date)
                .ok_or(Fail::WrongCell),
            (FieldType::Boolean, Cell::Bool(b)) => Ok(Value::Bool(b)),
            (FieldType::Boolean, Cell::Text(s)) => {
                values::parse_bool(s).map(Value::Bool).map_err(Fail::from)
            }
            (FieldType::Boolean, Cell::Int(0)) => Ok(Value::Bool(false)),
            (FieldType::Boolean, Cell::Int(1)) => Ok(Value::Bool(true)),
            (
                FieldType::Kommune
                | FieldType::Driftsherre
                | FieldType::Paragraf
                | FieldType::Maalgruppe,
                cell,
            ) => self.lookup(cell),
            (FieldType::Choice, cell) => {
                let text = plain_text(&cell);
                match self.choices.get(&fold_key(&text)) {
                    Some(i) => Ok(Value::Choice(*i)),
                    None => {
                        return Err(self.problem(
                            Code::ConstraintError,
                            msg::not_a_choice(&show(&cell, lang), &self.field.choices, lang),
                        ));
                    }
                }
            }
            (_, _) => Err(Fail::WrongCell),
        };
        match result {
            Ok(value) => *slot = Slot::Value(value),
            Err(fail) => return Err(self.failure(fail, &cell)),
        }
        if self.constrained {
            if let Slot::Value(value) = slot {
                self.check_constraints(value, &cell)?;
            }
        }
        Ok(())
    }

    /// What is wrong with a cell that did not parse.
    #[cold]
    fn failure(&self, fail: Fail, cell: &Cell<'_>) -> Problem {
        let lang = self.lang;
        let kind = self.field.kind;
        let e = match fail {
            Fail::Value(e) => e,
            Fail::WrongCell => {
                return self.problem(
                    Code::TypeError,
                    msg::wrong_kind(&show(cell, lang), kind, lang),
                )
            }
        };
        if e == ValueError::TooLarge {
            return self.problem(
                Code::ConstraintError,
                msg::too_large(&show(cell, lang), lang),
            );
        }
        if e == ValueError::RegionNotAllowed {
            return self.problem(
                Code::ConstraintError,
                msg::region_not_kommune(&show(cell, lang), lang),
            );
        }
        let code = if e.is_reference() {
            Code::ForeignKeyError
        } else {
            Code::TypeError
        };
        let message = if e.is_reference() {
            msg::unknown_reference(&show(cell, lang), &e.message(lang), lang)
        } else {
            msg::unreadable(&show(cell, lang), &e.message(lang), lang)
        };
        self.problem(code, message)
    }

    fn parse_numeric(&self, cell: Cell<'_>) -> Result<Decimal, Fail> {
        let kind = self.field.kind;
        let number = match cell {
            Cell::Text(s) => match kind {
                FieldType::Money => values::parse_money(s)?,
                FieldType::Percent => values::parse_percent(s)?,
                _ => values::parse_number(s)?,
            },
            Cell::Int(i) if kind == FieldType::Percent => {
                values::excel_fraction_to_percent(i as f64).ok_or(Fail::WrongCell)?
            }
            Cell::Float(f) if kind == FieldType::Percent => {
                values::excel_fraction_to_percent(f).ok_or(Fail::WrongCell)?
            }
            Cell::Int(i) => Decimal::from(i),
            Cell::Float(f) => values::f64_to_decimal(f).ok_or(Fail::WrongCell)?,
            _ => return Err(Fail::WrongCell),
        };
        // A number at scale 0 is whole (fract() costs a subtraction).
        if matches!(kind, FieldType::Integer | FieldType::Year)
            && number.scale() != 0
            && !number.fract().is_zero()
        {
            return Err(Fail::Value(ValueError::NotAnInteger));
        }
        if !values::below_max_magnitude(number) {
            return Err(Fail::Value(ValueError::TooLarge));
        }
        Ok(number)
    }

    fn check_constraints(&self, value: &Value<'_>, cell: &Cell<'_>) -> Result<(), Problem> {
        let lang = self.lang;
        let field = self.field;
        if let Value::Number(n) = value {
            let n = *n;
            // Formatted only when a constraint fails: this runs per cell.
            let fail = |message: fn(&str, &str, Lang) -> String, bound: Decimal| {
                let shown = numfmt::plain(n, 4, lang);
                let bound = numfmt::plain(bound, 4, lang);
                Err(self.problem(Code::ConstraintError, message(&shown, &bound, lang)))
            };
            if let Some(min) = field.min_exclusive {
                if n <= min {
                    return fail(msg::not_greater_than, min);
                }
            }
            if let Some(min) = field.min {
                if n < min {
                    return fail(msg::less_than_min, min);
                }
            }
            if let Some(max) = field.max_exclusive {
                if n >= max {
                    return fail(msg::not_less_than, max);
                }
            }
            if let Some(max) = field.max {
                if n > max {
                    return fail(msg::more_than_max, max);
                }
            }
        }
        if let (Some(max), Value::Text(t)) = (field.max_length, value) {
            // No more characters than bytes: most texts need no count.
            let len = if t.len() <= max { 0 } else { t.chars().count() };
            if len > max {
                return Err(self.problem(
                    Code::ConstraintError,
                    msg::too_long(&show(cell, lang), len, max, lang),
                ));
            }
        }
        Ok(())
    }

    fn problem(&self, code: Code, detail: String) -> Problem {
        Problem {
            code,
            message: format!("{}: {detail}.", self.field_label()),
        }
    }

    fn field_label(&self) -> &str {
        &self.field.header
    }
}

/// A cell as plain text (numbers without exponent, dates as DD-MM-YYYY).
pub fn plain_text(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Error(s) => s.trim().to_string(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => values::f64_to_decimal(*f)
            .map(|d| d.normalize().to_string())
            .unwrap_or_else(|| f.to_string()),
        Cell::Bool(b) => if *b { "ja" } else { "nej" }.to_string(),
        Cell::DateTime(dt) => dt.format("%d-%m-%Y").to_string(),
    }
}

/// A code written as an Excel number (a tilbudsnr typed as 12345).
fn number_code(f: f64) -> Result<String, Fail> {
    values::tilbudsnr_from_number(f).ok_or(Fail::WrongCell)
}

mod lookup;
use lookup::{Memo, ReferenceLookup};
#[cfg(test)]
mod tests;
