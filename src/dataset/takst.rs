//! Takstindberetning rows as records.

use super::{Record, Source};
use crate::schema::Schema;
use crate::text::fold_key;
use crate::values::reference::{MaalgruppeId, ParagrafId, Party, Reference};
use crate::values::typed::{TypedRow, Value};
use rust_decimal::Decimal;

/// Whether an offer continues, is new, or leaves the rammeaftale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Status {
    Fortsaetter,
    Ny,
    Udgaar,
}

/// Why an offer leaves the rammeaftale (the Nordjylland DAS minutes of 17 November 2016 point 7), in the order
/// the tables show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum LeaveReason {
    /// The offer closes.
    Lukker,
    /// It leaves the rammeaftale but keeps running ("salg til få
    /// kommuner", "lav kompleksitet").
    DrivesVidere,
    /// It is merged with another offer.
    Sammenlaegges,
    /// It is restructured into other offers.
    Omlaegges,
}

impl LeaveReason {
    /// The reason of a choice as the schema writes it; None for a choice
    /// a schema folder adds that is none of the four.
    fn of_choice(choice: &str) -> Option<LeaveReason> {
        let key = fold_key(choice);
        if key.contains("drives") {
            Some(LeaveReason::DrivesVidere)
        } else if key.starts_with("luk") {
            Some(LeaveReason::Lukker)
        } else if key.starts_with("sammenl") {
            Some(LeaveReason::Sammenlaegges)
        } else if key.starts_with("oml") {
            Some(LeaveReason::Omlaegges)
        } else {
            None
        }
    }
}

/// One row of a takstindberetning.
#[derive(Debug, Clone, PartialEq)]
pub struct TariffRow {
    pub source: Source,
    pub driftsherre: Party,
    /// As written, with its unit ("Aalborg ÆH").
    pub driftsherre_written: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub paragraf: ParagrafId,
    pub maalgruppe: MaalgruppeId,
    /// The tariff type as the schema names it ("Døgntakst").
    pub taksttype: String,
    /// The tariff's level or service when an offer has several ("Niveau 2").
    pub takstniveau: Option<String>,
    pub pladser: Decimal,
    /// In percent (95.5).
    pub belaegning: Decimal,
    pub takstgrundlag: Option<Decimal>,
    pub takst: Decimal,
    pub takst_forrige_aar: Option<Decimal>,
    pub status: Status,
    pub erstattes_af: Option<String>,
    pub bemaerkning: Option<String>,
    pub forstaerket: Option<bool>,
    pub aar: Option<i32>,
    /// Why a leaving offer leaves (column Årsag), if given.
    pub aarsag: Option<LeaveReason>,
    /// When it leaves (column Ikrafttræden), if given.
    pub ikrafttraeden: Option<chrono::NaiveDate>,
    /// The cost categories, as far as the report gives them.
    pub costs: Costs,
}

/// The optional cost categories of a takstindberetning row (blank or no
/// column: None).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Costs {
    pub loen: Option<Decimal>,
    pub oevrig_drift: Option<Decimal>,
    pub ejendom: Option<Decimal>,
    pub pension: Option<Decimal>,
    /// Indirekte omkostninger (overhead).
    pub indirekte: Option<Decimal>,
}

impl Costs {
    /// The direct costs (Løn, Øvrig drift, Ejendomsomkostninger,
    /// Tjenestemandspension, as far as given) and the indirect ones, when
    /// both are given and the direct ones are positive: what the overhead
    /// rule and the takstanalyse's overhead by driftsherre judge.
    pub fn overhead_basis(&self) -> Option<(Decimal, Decimal)> {
        let indirect = self.indirekte?;
        let direct = [self.loen, self.oevrig_drift, self.ejendom, self.pension]
            .into_iter()
            .flatten()
            .try_fold(Decimal::ZERO, |sum, d| sum.checked_add(d))?;
        (direct > Decimal::ZERO).then_some((direct, indirect))
    }
}

impl TariffRow {
    /// The places budgeted as used: Pladser × Belægningsprocent / 100 (what
    /// occupancy is measured against; not a weight for tariff changes,
    /// which mix units: see `analysis::tariff`).
    pub fn budgeted_places(&self) -> Decimal {
        self.pladser * self.belaegning / Decimal::ONE_HUNDRED
    }

    /// The matching key across years: (Tilbudsnr, Paragraf, Taksttype,
    /// Takstniveau), the level "" when there is none.
    pub fn key(&self) -> (String, ParagrafId, String, String) {
        (
            self.tilbudsnr.clone(),
            self.paragraf,
            fold_key(&self.taksttype),
            self.takstniveau
                .as_deref()
                .map(fold_key)
                .unwrap_or_default(),
        )
    }
}

/// Field indices of a takstindberetning schema.
pub struct TariffPlan {
    driftsherre: usize,
    tilbudsnr: usize,
    tilbudsnavn: usize,
    paragraf: usize,
    maalgruppe: usize,
    taksttype: usize,
    takstniveau: Option<usize>,
    pladser: usize,
    belaegning: usize,
    takstgrundlag: Option<usize>,
    takst: usize,
    takst_forrige_aar: Option<usize>,
    status: usize,
    erstattes_af: Option<usize>,
    bemaerkning: Option<usize>,
    forstaerket: Option<usize>,
    aar: Option<usize>,
    aarsag: Option<usize>,
    ikrafttraeden: Option<usize>,
    /// Løn, Øvrig drift, Ejendomsomkostninger, Tjenestemandspension,
    /// Indirekte omkostninger.
    costs: [Option<usize>; 5],
    taksttype_labels: Vec<String>,
    status_of_choice: Vec<Status>,
    reason_of_choice: Vec<Option<LeaveReason>>,
}

impl Record for TariffRow {
    const SCHEMA: &'static str = "takstindberetning";
    type Plan = TariffPlan;

    fn plan(schema: &Schema) -> Option<TariffPlan> {
        let f = |name: &str| schema.field_index(name);
        let status = f("status")?;
        let status_of_choice = schema
            .fields
            .get(status)?
            .choices
            .iter()
            .map(|c| match fold_key(c).as_str() {
                "ny" => Status::Ny,
                "udgaar" => Status::Udgaar,
                _ => Status::Fortsaetter,
            })
            .collect();
        let taksttype = f("taksttype")?;
        let aarsag = f("aarsag");
        let reason_of_choice = aarsag
            .and_then(|i| schema.fields.get(i))
            .map(|field| {
                field
                    .choices
                    .iter()
                    .map(|c| LeaveReason::of_choice(c))
                    .collect()
            })
            .unwrap_or_default();
        Some(TariffPlan {
            driftsherre: f("driftsherre")?,
            tilbudsnr: f("tilbudsnr")?,
            tilbudsnavn: f("tilbudsnavn")?,
            paragraf: f("paragraf")?,
            maalgruppe: f("maalgruppe")?,
            taksttype,
            takstniveau: f("takstniveau"),
            pladser: f("pladser")?,
            belaegning: f("belaegningsprocent")?,
            takstgrundlag: f("takstgrundlag"),
            takst: f("takst")?,
            takst_forrige_aar: f("takst_forrige_aar"),
            status,
            erstattes_af: f("erstattes_af"),
            bemaerkning: f("bemaerkning"),
            forstaerket: f("forstaerket_samarbejde"),
            aar: f("aar"),
            aarsag,
            ikrafttraeden: f("ikrafttraeden"),
            costs: [
                f("loen"),
                f("oevrig_drift"),
                f("ejendomsomkostninger"),
                f("tjenestemandspension"),
                f("indirekte_omkostninger"),
            ],
            taksttype_labels: schema.fields.get(taksttype)?.choices.clone(),
            status_of_choice,
            reason_of_choice,
        })
    }

    fn build(
        plan: &TariffPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        _: &Reference,
    ) -> Option<TariffRow> {
        let num = |i: usize| row.get(i).and_then(Value::as_number);
        let opt_num = |i: Option<usize>| i.and_then(num);
        let text = |i: Option<usize>| {
            i.and_then(|i| row.get(i))
                .and_then(Value::as_text)
                .map(str::to_string)
                .filter(|t| !t.is_empty())
        };
        let (driftsherre, written) = match row.get(plan.driftsherre)? {
            Value::Party { party, written } => (*party, written.to_string()),
            _ => return None,
        };
        let choice = |i: usize| match row.get(i) {
            Some(Value::Choice(c)) => Some(*c as usize),
            _ => None,
        };
        Some(TariffRow {
            source: source.clone(),
            driftsherre,
            driftsherre_written: written,
            tilbudsnr: text(Some(plan.tilbudsnr))?,
            tilbudsnavn: text(Some(plan.tilbudsnavn))?,
            paragraf: match row.get(plan.paragraf)? {
                Value::Paragraf(p) => *p,
                _ => return None,
            },
            maalgruppe: match row.get(plan.maalgruppe)? {
                Value::Maalgruppe(m) => *m,
                _ => return None,
            },
            taksttype: plan.taksttype_labels.get(choice(plan.taksttype)?)?.clone(),
            takstniveau: text(plan.takstniveau),
            pladser: num(plan.pladser)?,
            belaegning: num(plan.belaegning)?,
            takstgrundlag: opt_num(plan.takstgrundlag),
            takst: num(plan.takst)?,
            takst_forrige_aar: opt_num(plan.takst_forrige_aar),
            status: *plan.status_of_choice.get(choice(plan.status)?)?,
            erstattes_af: text(plan.erstattes_af),
            bemaerkning: text(plan.bemaerkning),
            forstaerket: plan
                .forstaerket
                .and_then(|i| row.get(i))
                .and_then(Value::as_bool),
            aar: opt_num(plan.aar)
                .and_then(|d| rust_decimal::prelude::ToPrimitive::to_i32(&d.trunc())),
            aarsag: plan
                .aarsag
                .and_then(choice)
                .and_then(|c| plan.reason_of_choice.get(c).copied().flatten()),
            ikrafttraeden: plan
                .ikrafttraeden
                .and_then(|i| row.get(i))
                .and_then(Value::as_date),
            costs: {
                let [loen, oevrig_drift, ejendom, pension, indirekte] = plan.costs.map(opt_num);
                Costs {
                    loen,
                    oevrig_drift,
                    ejendom,
                    pension,
                    indirekte,
                }
            },
        })
    }
}

/// The Regulering of one takstindberetning row: what a report says about
/// an earlier year's over-/underskud (`ramme regulering`). A record of its
/// own beside [`TariffRow`], so that the tariff analyses stay as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct TariffRegulation {
    pub source: Source,
    pub driftsherre: Party,
    pub driftsherre_written: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub paragraf: ParagrafId,
    pub taksttype: String,
    pub aar: Option<i32>,
    /// The Regulering column: − for an overskud, + for an underskud; None
    /// when the report has no such column or the cell is empty.
    pub regulering: Option<Decimal>,
}

impl TariffRegulation {
    /// The matching key across years: (Tilbudsnr, Paragraf, Taksttype).
    pub fn key(&self) -> (String, ParagrafId, String) {
        (
            self.tilbudsnr.clone(),
            self.paragraf,
            fold_key(&self.taksttype),
        )
    }
}

/// Field indices for [`TariffRegulation`].
pub struct RegulationPlan {
    tariff: TariffPlan,
    regulering: Option<usize>,
}

impl Record for TariffRegulation {
    const SCHEMA: &'static str = "takstindberetning";
    type Plan = RegulationPlan;

    fn plan(schema: &Schema) -> Option<RegulationPlan> {
        Some(RegulationPlan {
            tariff: TariffRow::plan(schema)?,
            regulering: schema.field_index("regulering"),
        })
    }

    fn build(
        plan: &RegulationPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        reference: &Reference,
    ) -> Option<TariffRegulation> {
        let tariff = TariffRow::build(&plan.tariff, row, source, reference)?;
        Some(TariffRegulation {
            source: tariff.source,
            driftsherre: tariff.driftsherre,
            driftsherre_written: tariff.driftsherre_written,
            tilbudsnr: tariff.tilbudsnr,
            tilbudsnavn: tariff.tilbudsnavn,
            paragraf: tariff.paragraf,
            taksttype: tariff.taksttype,
            aar: tariff.aar,
            regulering: plan
                .regulering
                .and_then(|i| row.get(i))
                .and_then(Value::as_number),
        })
    }
}
