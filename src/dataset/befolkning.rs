//! Befolkning rows (a distribution key) as records.

use super::{Record, Source};
use crate::schema::Schema;
use crate::values::reference::{Party, Reference};
use crate::values::typed::{TypedRow, Value};
use rust_decimal::Decimal;

/// One kommune's population.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationRow {
    pub row: u32,
    pub kommune: u16,
    pub name: String,
    pub befolkning: Decimal,
}

pub struct PopulationPlan {
    kommune: usize,
    befolkning: usize,
}

impl Record for PopulationRow {
    const SCHEMA: &'static str = "befolkning";
    type Plan = PopulationPlan;

    fn plan(schema: &Schema) -> Option<PopulationPlan> {
        Some(PopulationPlan {
            kommune: schema.field_index("kommune")?,
            befolkning: schema.field_index("befolkning")?,
        })
    }

    fn build(
        plan: &PopulationPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        reference: &Reference,
    ) -> Option<PopulationRow> {
        let code = match row.get(plan.kommune)? {
            Value::Party {
                party: Party::Kommune(code),
                ..
            } => *code,
            _ => return None,
        };
        Some(PopulationRow {
            row: source.row,
            kommune: code,
            name: reference.display_name(&Party::Kommune(code)),
            befolkning: row.get(plan.befolkning)?.as_number()?,
        })
    }
}
