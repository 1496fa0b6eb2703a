//! Borgerliste rows as records.

use super::{Record, Source};
use crate::schema::Schema;
use crate::validate::typed::{TypedRow, Value};
use crate::values::reference::{ParagrafId, Party, Reference};
use rust_decimal::Decimal;

/// One row of a borgerliste: a citizen in an offer in January.
#[derive(Debug, Clone, PartialEq)]
pub struct CitizenRow {
    pub source: Source,
    pub personkode: String,
    /// The betalingskommune's code.
    pub betalingskommune: u16,
    pub tilbudsnr: String,
    pub tilbudsnavn: Option<String>,
    pub paragraf: ParagrafId,
    pub driftsherre: Option<Party>,
    pub udgift: Decimal,
    pub dage: Option<Decimal>,
    pub takst: Option<Decimal>,
}

/// Field indices of a borgerliste schema.
pub struct CitizenPlan {
    personkode: usize,
    betalingskommune: usize,
    tilbudsnr: usize,
    tilbudsnavn: Option<usize>,
    paragraf: usize,
    driftsherre: Option<usize>,
    udgift: usize,
    dage: Option<usize>,
    takst: Option<usize>,
}

impl Record for CitizenRow {
    const SCHEMA: &'static str = "borgerliste";
    type Plan = CitizenPlan;

    fn plan(schema: &Schema) -> Option<CitizenPlan> {
        let f = |name: &str| schema.field_index(name);
        Some(CitizenPlan {
            personkode: f("personkode")?,
            betalingskommune: f("betalingskommune")?,
            tilbudsnr: f("tilbudsnr")?,
            tilbudsnavn: f("tilbudsnavn"),
            paragraf: f("paragraf")?,
            driftsherre: f("driftsherre"),
            udgift: f("udgift")?,
            dage: f("dage"),
            takst: f("takst"),
        })
    }

    fn build(
        plan: &CitizenPlan,
        row: &TypedRow<'_, '_>,
        source: Source,
        _: &Reference,
    ) -> Option<CitizenRow> {
        let num = |i: Option<usize>| i.and_then(|i| row.get(i)).and_then(Value::as_number);
        let party = |i: Option<usize>| match i.and_then(|i| row.get(i)) {
            Some(Value::Party { party, .. }) => Some(*party),
            _ => None,
        };
        Some(CitizenRow {
            source,
            personkode: row.get(plan.personkode)?.as_text()?.to_string(),
            betalingskommune: match party(Some(plan.betalingskommune))? {
                Party::Kommune(code) => code,
                Party::Region(_) => return None,
            },
            tilbudsnr: row.get(plan.tilbudsnr)?.as_text()?.to_string(),
            tilbudsnavn: plan
                .tilbudsnavn
                .and_then(|i| row.get(i))
                .and_then(Value::as_text)
                .map(str::to_string),
            paragraf: match row.get(plan.paragraf)? {
                Value::Paragraf(p) => *p,
                _ => return None,
            },
            driftsherre: party(plan.driftsherre),
            udgift: num(Some(plan.udgift))?,
            dage: num(plan.dage),
            takst: num(plan.takst),
        })
    }
}
