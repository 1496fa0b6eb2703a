//! Over-/underskud (`ramme regulering`): year N's accounts against year
//! N+2's takstindberetninger.
//!
//! Per offer the result is Indtægter − Faktiske omkostninger + Overført
//! (positive = overskud), in percent of the budgeted basis. Up to
//! ±`threshold_pct` (5 %) of the basis may be carried to the next year; the
//! part beyond must be regulated in the tariff basis of year
//! N+`years` (2): a Regulering of −(result − 5 % × basis) for an overskud,
//! +(|result| − 5 % × basis) for an underskud. The reports of year N+2 say
//! in their Regulering column what they did; each offer gets a status, and
//! the driftsherrer and the region get the sums and the count of each
//! status. Exact decimals throughout; nothing is rounded before it is shown.

use crate::dataset::{AccountRow, TariffRegulation};
use crate::text::fold_key;
use crate::values::reference::{ParagrafId, Reference};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// The parameters of the rule (`[regulering]` in ramme.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegulationRule {
    /// The share of the basis that may be carried, in percent (5).
    pub threshold_pct: Decimal,
    /// How many years later the rest is regulated (2).
    pub years: i32,
    /// How far a Regulering may be from the amount due, in percent of that
    /// amount (1).
    pub tolerance_pct: Decimal,
}

impl Default for RegulationRule {
    fn default() -> Self {
        RegulationRule {
            threshold_pct: Decimal::from(5),
            years: 2,
            tolerance_pct: Decimal::ONE,
        }
    }
}

/// What an offer's report of year N+2 says about the regulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The Regulering is there, within the tolerance.
    Ok,
    /// A regulation is due and the report has none (no column, empty or 0).
    Missing,
    /// The report regulates the other way (a rise for an overskud).
    WrongSign,
    /// The right way, but outside the tolerance.
    WrongSize,
    /// The result is within the threshold: nothing to regulate.
    NoneNeeded,
    /// A regulation is due and year N+2 has no report of the offer.
    NoReport,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Ok,
        Status::Missing,
        Status::WrongSign,
        Status::WrongSize,
        Status::NoneNeeded,
        Status::NoReport,
    ];

    /// The status as the JSON names it.
    pub fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Missing => "missing",
            Status::WrongSign => "wrong-sign",
            Status::WrongSize => "wrong-size",
            Status::NoneNeeded => "none-needed",
            Status::NoReport => "no-report",
        }
    }

    /// Whether the status asks the driftsherre to act.
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            Status::Missing | Status::WrongSign | Status::WrongSize | Status::NoReport
        )
    }
}

/// The figures of one offer's accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    pub basis: Decimal,
    /// Indtægter − omkostninger + overført; positive = overskud.
    pub result: Decimal,
    /// The result in percent of the basis (None for a basis of 0).
    pub result_pct: Option<Decimal>,
    /// The part of the result that may be carried to the next year.
    pub carry: Decimal,
    /// The Regulering due in year N+2: negative for an overskud.
    pub to_regulate: Decimal,
}

/// The figures of an offer's accounts under `rule`.
pub fn figures(
    basis: Decimal,
    costs: Decimal,
    revenue: Decimal,
    carried_in: Decimal,
    rule: &RegulationRule,
) -> Figures {
    let result = revenue - costs + carried_in;
    let limit = (basis * rule.threshold_pct / Decimal::ONE_HUNDRED).abs();
    let carry = result.clamp(-limit, limit);
    Figures {
        basis,
        result,
        result_pct: result.checked_div(basis).map(|r| r * Decimal::ONE_HUNDRED),
        carry,
        to_regulate: carry - result,
    }
}

/// What year N+2 reports for an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// No report of the offer.
    NoReport,
    /// A report, with its Regulering if it has one.
    Report(Option<Decimal>),
}

/// The status of an offer whose regulation due is `to_regulate`.
pub fn judge(to_regulate: Decimal, reported: Reported, rule: &RegulationRule) -> Status {
    if to_regulate.is_zero() {
        return Status::NoneNeeded;
    }
    let regulated = match reported {
        Reported::NoReport => return Status::NoReport,
        Reported::Report(None) => return Status::Missing,
        Reported::Report(Some(r)) if r.is_zero() => return Status::Missing,
        Reported::Report(Some(r)) => r,
    };
    if regulated.is_sign_negative() != to_regulate.is_sign_negative() {
        return Status::WrongSign;
    }
    let allowed = (to_regulate * rule.tolerance_pct / Decimal::ONE_HUNDRED).abs();
    if (regulated - to_regulate).abs() <= allowed {
        Status::Ok
    } else {
        Status::WrongSize
    }
}

/// One offer's accounts and what year N+2 did about them.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferRegulation {
    /// The driftsherre's kommune (a unit counts under its kommune).
    pub kommune: String,
    /// The driftsherre as written in the accounts ("Aalborg ÆH").
    pub driftsherre: String,
    pub tilbudsnr: String,
    /// From the report of year N+2, when there is one.
    pub tilbudsnavn: Option<String>,
    pub paragraf: String,
    pub taksttype: String,
    pub figures: Figures,
    /// The Regulering of year N+2's report (summed over its tariff rows of
    /// the offer); None when there is no report or no Regulering.
    pub regulated: Option<Decimal>,
    pub status: Status,
}

/// Sums of a group of offers: a driftsherre or the region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupRegulation {
    /// Empty for the region.
    pub kommune: String,
    pub offers: usize,
    pub basis: Decimal,
    pub result: Decimal,
    pub result_pct: Option<Decimal>,
    pub carry: Decimal,
    pub to_regulate: Decimal,
    pub regulated: Decimal,
    /// How many offers have each status.
    pub counts: BTreeMap<Status, usize>,
}

impl GroupRegulation {
    fn of(kommune: String, offers: &[&OfferRegulation]) -> GroupRegulation {
        let mut g = GroupRegulation {
            kommune,
            offers: offers.len(),
            counts: Status::ALL.iter().map(|s| (*s, 0)).collect(),
            ..GroupRegulation::default()
        };
        for o in offers {
            g.basis += o.figures.basis;
            g.result += o.figures.result;
            g.carry += o.figures.carry;
            g.to_regulate += o.figures.to_regulate;
            g.regulated += o.regulated.unwrap_or_default();
            *g.counts.entry(o.status).or_default() += 1;
        }
        g.result_pct = g
            .result
            .checked_div(g.basis)
            .map(|r| r * Decimal::ONE_HUNDRED);
        g
    }

    pub fn count(&self, status: Status) -> usize {
        self.counts.get(&status).copied().unwrap_or(0)
    }

    /// No offer of the group needs the driftsherre to act.
    pub fn pass(&self) -> bool {
        self.counts
            .iter()
            .all(|(status, n)| !status.is_problem() || *n == 0)
    }
}

/// A report of year N+2 that regulates an offer without accounts of year N.
#[derive(Debug, Clone, PartialEq)]
pub struct Unaccounted {
    pub driftsherre: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub taksttype: String,
    pub regulated: Decimal,
}

/// The whole check.
#[derive(Debug, Clone, PartialEq)]
pub struct RegulationResult {
    pub rule: RegulationRule,
    /// The year of the accounts (N).
    pub regnskab_year: Option<i32>,
    /// The year of the takstindberetninger (N + years).
    pub takst_year: Option<i32>,
    pub offers: Vec<OfferRegulation>,
    pub by_kommune: Vec<GroupRegulation>,
    pub region: GroupRegulation,
    pub unaccounted: Vec<Unaccounted>,
}

type Key = (String, ParagrafId, String);

/// Year N's accounts against year N+2's reports.
pub fn analyse(
    accounts: &[AccountRow],
    reports: &[TariffRegulation],
    rule: RegulationRule,
    years: (Option<i32>, Option<i32>),
    reference: &Reference,
) -> RegulationResult {
    // Several tariff rows of one offer (levels) regulate together.
    let mut by_key: HashMap<Key, (String, Option<Decimal>)> = HashMap::new();
    for r in reports {
        let entry = by_key
            .entry(r.key())
            .or_insert_with(|| (r.tilbudsnavn.clone(), None));
        if let Some(v) = r.regulering {
            entry.1 = Some(entry.1.unwrap_or_default() + v);
        }
    }
    let paragraf = |p: ParagrafId| {
        reference
            .paragraf_info(p)
            .map(|p| p.label.clone())
            .unwrap_or_default()
    };
    let mut offers: Vec<OfferRegulation> = accounts
        .iter()
        .map(|a| {
            let f = figures(
                a.budget,
                a.omkostninger,
                a.indtaegter,
                a.overfoert.unwrap_or_default(),
                &rule,
            );
            let report = by_key.get(&a.key());
            let reported = match report {
                None => Reported::NoReport,
                Some((_, regulering)) => Reported::Report(*regulering),
            };
            OfferRegulation {
                kommune: reference.display_name(&a.driftsherre),
                driftsherre: a.driftsherre_written.clone(),
                tilbudsnr: a.tilbudsnr.clone(),
                tilbudsnavn: report.map(|(name, _)| name.clone()),
                paragraf: paragraf(a.paragraf),
                taksttype: a.taksttype.clone(),
                figures: f,
                regulated: report.and_then(|(_, r)| *r),
                status: judge(f.to_regulate, reported, &rule),
            }
        })
        .collect();
    offers.sort_by(|a, b| {
        (
            fold_key(&a.kommune),
            &a.tilbudsnr,
            &a.paragraf,
            &a.taksttype,
        )
            .cmp(&(
                fold_key(&b.kommune),
                &b.tilbudsnr,
                &b.paragraf,
                &b.taksttype,
            ))
    });
    let mut groups: BTreeMap<String, (String, Vec<&OfferRegulation>)> = BTreeMap::new();
    for o in &offers {
        groups
            .entry(fold_key(&o.kommune))
            .or_insert_with(|| (o.kommune.clone(), Vec::new()))
            .1
            .push(o);
    }
    let by_kommune = groups
        .into_values()
        .map(|(kommune, list)| GroupRegulation::of(kommune, &list))
        .collect();
    let all: Vec<&OfferRegulation> = offers.iter().collect();
    let region = GroupRegulation::of(String::new(), &all);
    let accounted: std::collections::HashSet<Key> = accounts.iter().map(AccountRow::key).collect();
    let unaccounted = reports
        .iter()
        .filter(|r| r.regulering.is_some_and(|v| !v.is_zero()) && !accounted.contains(&r.key()))
        .map(|r| Unaccounted {
            driftsherre: r.driftsherre_written.clone(),
            tilbudsnr: r.tilbudsnr.clone(),
            tilbudsnavn: r.tilbudsnavn.clone(),
            taksttype: r.taksttype.clone(),
            regulated: r.regulering.unwrap_or_default(),
        })
        .collect();
    RegulationResult {
        rule,
        regnskab_year: years.0,
        takst_year: years.1,
        offers,
        by_kommune,
        region,
        unaccounted,
    }
}

#[cfg(test)]
#[path = "regulering_tests.rs"]
mod tests;
