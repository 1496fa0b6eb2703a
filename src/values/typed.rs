//! Typed rows: what a valid row of a submission holds once its cells are
//! parsed. Analyses read these; they never see cells or files.

use crate::values::reference::{MaalgruppeId, ParagrafId, Party};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One parsed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    /// Integers, numbers, kroner, percent (in percent: 98.5) and years.
    Number(Decimal),
    Date(NaiveDate),
    Bool(bool),
    /// A kommune or region, with the text as written ("Aalborg ÆH").
    Party {
        party: Party,
        written: Cow<'a, str>,
    },
    Paragraf(ParagrafId),
    Maalgruppe(MaalgruppeId),
    /// The index of a choice in the field's `choices`.
    Choice(u16),
}

impl Value<'_> {
    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            Value::Party { written, .. } => Some(written),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Text(t) => Value::Text(Cow::Owned(t.into_owned())),
            Value::Party { party, written } => Value::Party {
                party,
                written: Cow::Owned(written.into_owned()),
            },
            Value::Number(n) => Value::Number(n),
            Value::Date(d) => Value::Date(d),
            Value::Bool(b) => Value::Bool(b),
            Value::Paragraf(p) => Value::Paragraf(p),
            Value::Maalgruppe(m) => Value::Maalgruppe(m),
            Value::Choice(c) => Value::Choice(c),
        }
    }
}

/// The state of one field in the row being validated.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Slot<'a> {
    /// No cell, or a blank one.
    #[default]
    Blank,
    /// The cell had a finding (wrong type, CPR …); no value.
    Invalid,
    Value(Value<'a>),
}

impl<'a> Slot<'a> {
    pub fn value(&self) -> Option<&Value<'a>> {
        match self {
            Slot::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// A row handed to consumers of the validation (analyses): its number, its
/// parsed fields in schema order, and whether it had errors.
#[derive(Debug)]
pub struct TypedRow<'r, 'a> {
    pub number: u32,
    pub slots: &'r [Slot<'a>],
    /// Errors in the row's cells or rules (a procedure error excepted).
    pub has_errors: bool,
    /// A procedure rule failed (e.g. a withdrawal filed out of its window).
    pub procedure_error: bool,
    /// The values of a series field's columns: (index into
    /// `series_labels`, value); empty for schemas without one.
    pub series: &'r [(usize, Slot<'a>)],
    /// The headers of the series columns as written ("2017K1").
    pub series_labels: &'r [String],
    /// The 128-bit fingerprint of the row's key (the schema's key fields,
    /// as the key check computed it), when the schema has a key and the
    /// row all of its parts.
    pub key: Option<[u32; 4]>,
}

impl<'a> TypedRow<'_, 'a> {
    pub fn get(&self, field: usize) -> Option<&Value<'a>> {
        self.slots.get(field).and_then(Slot::value)
    }

    /// The series columns' values with their headers.
    pub fn series_values(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.series.iter().filter_map(|(label, slot)| {
            Some((self.series_labels.get(*label)?.as_str(), slot.value()?))
        })
    }
}
