//! Udmelding rows (withdrawal requests) as records.

use super::{Record, Source};
use crate::schema::Schema;
use crate::text::fold_key;
use crate::values::reference::Reference;
use crate::values::typed::{TypedRow, Value};
use chrono::NaiveDate;

/// Who files the request: section 1 of the form or section 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Section 1: the operator withdraws its offer.
    Driftsherre,
    /// Section 2: a kommune no longer wants the offer covered.
    Kommune,
}

/// One withdrawal request.
#[derive(Debug, Clone, PartialEq)]
pub struct WithdrawalRequest {
    pub row: u32,
    pub afsnit: Section,
    pub navn: String,
    pub kontaktperson: String,
    pub tilbudsnr: Option<String>,
    pub tilbudsnavn: String,
    pub indmeldt: NaiveDate,
    pub begrundelse: String,
    pub haandtering: Option<String>,
    pub konkurrerende_tilbud: Option<bool>,
    pub ikke_rentabelt: Option<bool>,
    pub kommuner_oensker_bevaret: Option<bool>,
}

pub struct RequestPlan {
    afsnit: usize,
    afsnit_is_kommune: Vec<bool>,
    navn: usize,
    kontaktperson: usize,
    tilbudsnr: Option<usize>,
    tilbudsnavn: usize,
    indmeldt: usize,
    begrundelse: usize,
    haandtering: Option<usize>,
    konkurrerende: Option<usize>,
    ikke_rentabelt: Option<usize>,
    bevaret: Option<usize>,
}

impl Record for WithdrawalRequest {
    const SCHEMA: &'static str = "udmelding";
    type Plan = RequestPlan;
    /// A request filed out of its window is still shown, as not allowed.
    const KEEPS_PROCEDURE_ERRORS: bool = true;

    fn plan(schema: &Schema) -> Option<RequestPlan> {
        let f = |name: &str| schema.field_index(name);
        let afsnit = f("afsnit")?;
        Some(RequestPlan {
            afsnit,
            afsnit_is_kommune: schema
                .fields
                .get(afsnit)?
                .choices
                .iter()
                .map(|c| fold_key(c) == "kommune")
                .collect(),
            navn: f("navn")?,
            kontaktperson: f("kontaktperson")?,
            tilbudsnr: f("tilbudsnr"),
            tilbudsnavn: f("tilbudsnavn")?,
            indmeldt: f("indmeldt_dato")?,
            begrundelse: f("begrundelse")?,
            haandtering: f("haandtering"),
            konkurrerende: f("konkurrerende_tilbud"),
            ikke_rentabelt: f("ikke_rentabelt"),
            bevaret: f("kommuner_oensker_bevaret"),
        })
    }

    fn build(
        plan: &RequestPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        _: &Reference,
    ) -> Option<WithdrawalRequest> {
        let text = |i: usize| row.get(i).and_then(Value::as_text).map(str::to_string);
        let opt_text = |i: Option<usize>| i.and_then(text).filter(|t| !t.is_empty());
        let flag = |i: Option<usize>| i.and_then(|i| row.get(i)).and_then(Value::as_bool);
        let afsnit = match row.get(plan.afsnit)? {
            Value::Choice(c) => {
                if *plan.afsnit_is_kommune.get(*c as usize)? {
                    Section::Kommune
                } else {
                    Section::Driftsherre
                }
            }
            _ => return None,
        };
        Some(WithdrawalRequest {
            row: source.row,
            afsnit,
            navn: text(plan.navn)?,
            kontaktperson: text(plan.kontaktperson)?,
            tilbudsnr: opt_text(plan.tilbudsnr),
            tilbudsnavn: text(plan.tilbudsnavn)?,
            indmeldt: row.get(plan.indmeldt)?.as_date()?,
            begrundelse: text(plan.begrundelse)?,
            haandtering: opt_text(plan.haandtering),
            konkurrerende_tilbud: flag(plan.konkurrerende),
            ikke_rentabelt: flag(plan.ikke_rentabelt),
            kommuner_oensker_bevaret: flag(plan.bevaret),
        })
    }
}
