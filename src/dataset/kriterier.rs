//! Kriterievurdering rows as records.

use super::{Record, Source};
use crate::schema::Schema;
use crate::values::reference::{Party, Reference};
use crate::values::typed::{TypedRow, Value};
use rust_decimal::Decimal;

/// The expert panel's assessment of one offer. In a form filled in with
/// crosses a blank is "no", so every criterion is a plain bool here.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub row: u32,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub driftsherre: String,
    pub party: Party,
    pub a1: bool,
    pub a2: bool,
    pub a3: bool,
    pub b1: bool,
    pub c1: bool,
    pub c2: bool,
    pub nyt_tilbud: bool,
    pub dispensation: bool,
    pub tilfaelde_pr_aar: Option<Decimal>,
}

pub struct AssessmentPlan {
    fields: [usize; 3],
    criteria: [usize; 6],
    nyt: Option<usize>,
    dispensation: Option<usize>,
    tilfaelde: Option<usize>,
}

impl Record for Assessment {
    const SCHEMA: &'static str = "kriterievurdering";
    type Plan = AssessmentPlan;

    fn plan(schema: &Schema) -> Option<AssessmentPlan> {
        let f = |name: &str| schema.field_index(name);
        Some(AssessmentPlan {
            fields: [f("tilbudsnr")?, f("tilbudsnavn")?, f("driftsherre")?],
            criteria: [f("a1")?, f("a2")?, f("a3")?, f("b1")?, f("c1")?, f("c2")?],
            nyt: f("nyt_tilbud"),
            dispensation: f("dispensation"),
            tilfaelde: f("tilfaelde_pr_aar"),
        })
    }

    fn build(
        plan: &AssessmentPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        _: &Reference,
    ) -> Option<Assessment> {
        let flag = |i: Option<usize>| {
            i.and_then(|i| row.get(i))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let [tilbudsnr, tilbudsnavn, driftsherre] = plan.fields;
        let [a1, a2, a3, b1, c1, c2] = plan.criteria.map(|i| flag(Some(i)));
        let (party, written) = match row.get(driftsherre)? {
            Value::Party { party, written } => (*party, written.to_string()),
            _ => return None,
        };
        Some(Assessment {
            row: source.row,
            tilbudsnr: row.get(tilbudsnr)?.as_text()?.to_string(),
            tilbudsnavn: row.get(tilbudsnavn)?.as_text()?.to_string(),
            driftsherre: written,
            party,
            a1,
            a2,
            a3,
            b1,
            c1,
            c2,
            nyt_tilbud: flag(plan.nyt),
            dispensation: flag(plan.dispensation),
            tilfaelde_pr_aar: plan
                .tilfaelde
                .and_then(|i| row.get(i))
                .and_then(Value::as_number),
        })
    }
}
