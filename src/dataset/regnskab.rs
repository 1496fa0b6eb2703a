//! Regnskab rows as records: the accounts of an offer for a year.

use super::{Record, Source};
use crate::schema::Schema;
use crate::text::fold_key;
use crate::values::reference::{ParagrafId, Party, Reference};
use crate::values::typed::{TypedRow, Value};
use rust_decimal::Decimal;

/// One row of a regnskab: an offer's budget, costs and revenue in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub source: Source,
    pub driftsherre: Party,
    /// As written, with its unit ("Aalborg ÆH").
    pub driftsherre_written: String,
    pub tilbudsnr: String,
    pub paragraf: ParagrafId,
    /// The tariff type as the schema names it ("Døgntakst").
    pub taksttype: String,
    pub aar: i32,
    /// Budgetteret takstgrundlag (greater than 0).
    pub budget: Decimal,
    /// Faktiske omkostninger.
    pub omkostninger: Decimal,
    /// Indtægter (belagte dage × takst).
    pub indtaegter: Decimal,
    /// Overført fra tidligere år (+ overskud, − underskud).
    pub overfoert: Option<Decimal>,
}

impl AccountRow {
    /// The key an offer is matched on across years: (Tilbudsnr, Paragraf,
    /// Taksttype), as [`super::TariffRow::key`].
    pub fn key(&self) -> (String, ParagrafId, String) {
        (
            self.tilbudsnr.clone(),
            self.paragraf,
            fold_key(&self.taksttype),
        )
    }
}

/// Field indices of a regnskab schema.
pub struct AccountPlan {
    driftsherre: usize,
    tilbudsnr: usize,
    paragraf: usize,
    taksttype: usize,
    aar: usize,
    budget: usize,
    omkostninger: usize,
    indtaegter: usize,
    overfoert: Option<usize>,
    taksttype_labels: Vec<String>,
}

impl Record for AccountRow {
    const SCHEMA: &'static str = "regnskab";
    type Plan = AccountPlan;

    fn plan(schema: &Schema) -> Option<AccountPlan> {
        let f = |name: &str| schema.field_index(name);
        let taksttype = f("taksttype")?;
        Some(AccountPlan {
            driftsherre: f("driftsherre")?,
            tilbudsnr: f("tilbudsnr")?,
            paragraf: f("paragraf")?,
            taksttype,
            aar: f("aar")?,
            budget: f("budget")?,
            omkostninger: f("omkostninger")?,
            indtaegter: f("indtaegter")?,
            overfoert: f("overfoert"),
            taksttype_labels: schema.fields.get(taksttype)?.choices.clone(),
        })
    }

    fn build(
        plan: &AccountPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        _: &Reference,
    ) -> Option<AccountRow> {
        let num = |i: usize| row.get(i).and_then(Value::as_number);
        let (driftsherre, written) = match row.get(plan.driftsherre)? {
            Value::Party { party, written } => (*party, written.to_string()),
            _ => return None,
        };
        let taksttype = match row.get(plan.taksttype)? {
            Value::Choice(c) => plan.taksttype_labels.get(*c as usize)?.clone(),
            _ => return None,
        };
        Some(AccountRow {
            source: source.clone(),
            driftsherre,
            driftsherre_written: written,
            tilbudsnr: row
                .get(plan.tilbudsnr)?
                .as_text()
                .filter(|t| !t.is_empty())?
                .to_string(),
            paragraf: match row.get(plan.paragraf)? {
                Value::Paragraf(p) => *p,
                _ => return None,
            },
            taksttype,
            aar: rust_decimal::prelude::ToPrimitive::to_i32(&num(plan.aar)?.trunc())?,
            budget: num(plan.budget)?,
            omkostninger: num(plan.omkostninger)?,
            indtaegter: num(plan.indtaegter)?,
            overfoert: plan.overfoert.and_then(num),
        })
    }
}
