//! Every kind of record from one read of a file: the annex reads each input
//! once, whichever of its sections use it, and hands each section the
//! records of its kind and the validation of its files.

use super::{
    AccountRow, Assessment, CitizenRow, Collector, Part, PopulationRow, Record, TariffRegulation,
    TariffRow, WithdrawalRequest,
};
use crate::validate::set::{Entry, SetReport};
use crate::validate::{RowConsumer, SheetContext};
use crate::values::reference::Reference;
use crate::values::typed::TypedRow;
use std::path::{Path, PathBuf};

/// Collectors of every record type for one file.
pub struct AnyCollector<'p> {
    pub tariffs: Collector<'p, TariffRow>,
    pub citizens: Collector<'p, CitizenRow>,
    pub assessments: Collector<'p, Assessment>,
    pub withdrawals: Collector<'p, WithdrawalRequest>,
    pub population: Collector<'p, PopulationRow>,
    pub accounts: Collector<'p, AccountRow>,
    pub regulations: Collector<'p, TariffRegulation>,
}

impl<'p> AnyCollector<'p> {
    pub fn new(reference: &'p Reference, path: &Path) -> Self {
        AnyCollector {
            tariffs: Collector::new(reference, path),
            citizens: Collector::new(reference, path),
            assessments: Collector::new(reference, path),
            withdrawals: Collector::new(reference, path),
            population: Collector::new(reference, path),
            accounts: Collector::new(reference, path),
            regulations: Collector::new(reference, path),
        }
    }
}

impl RowConsumer for AnyCollector<'_> {
    fn row(&mut self, context: &SheetContext<'_>, row: &TypedRow<'_, '_>) {
        // Each collector takes only the rows of its own schema.
        self.tariffs.row(context, row);
        self.citizens.row(context, row);
        self.assessments.row(context, row);
        self.withdrawals.row(context, row);
        self.population.row(context, row);
        self.accounts.row(context, row);
        self.regulations.row(context, row);
    }

    fn can_restart(&self) -> bool {
        true
    }

    fn restart(&mut self) {
        self.tariffs.restart();
        self.citizens.restart();
        self.assessments.restart();
        self.withdrawals.restart();
        self.population.restart();
        self.accounts.restart();
        self.regulations.restart();
    }

    fn retract(&mut self, sheet: Option<&str>, rows: &[u32]) {
        self.tariffs.retract(sheet, rows);
        self.citizens.retract(sheet, rows);
        self.assessments.retract(sheet, rows);
        self.withdrawals.retract(sheet, rows);
        self.population.retract(sheet, rows);
        self.accounts.retract(sheet, rows);
        self.regulations.retract(sheet, rows);
    }
}

/// The parts of kind `T` of the set's files that are among `wanted`, in the
/// order of `wanted`. Records are copied, so a file may serve two sections.
pub fn parts<'p, T: Record + Clone>(
    set: &SetReport<AnyCollector<'p>>,
    wanted: &[PathBuf],
    pick: impl for<'a> Fn(&'a AnyCollector<'p>) -> &'a Collector<'p, T>,
) -> Vec<Part<'p, T>> {
    wanted
        .iter()
        .filter_map(|path| {
            let index = set.files.iter().position(|f| &f.path == path)?;
            let file = set.files.get(index)?;
            Some(Part {
                path: file.path.clone(),
                entry: file.entry.clone(),
                duplicate_of: match &file.entry {
                    Entry::Duplicate(first) => set.files.get(*first).map(|f| f.path.clone()),
                    _ => None,
                },
                report: file.report.clone(),
                years: file.years.clone(),
                left_out: file.left_out.clone(),
                collector: file.consumer.as_ref().map(|c| pick(c).duplicate()),
            })
        })
        .collect()
}
