//! A big CSV's rows checked in two parts at once (see
//! `input::csv::read_forking`): the fork is a sink with the sheet's plan and
//! none of its rows' state, and joining it adds up what it found as if its
//! rows had been read after this sink's. Whatever only the whole sheet can
//! tell — a key or unique value in both parts, a column without a header
//! reported in both, more years than are kept — makes the join refuse, and
//! the reader reads the fork's rows again here: the report is the same
//! either way.

use super::plan::ActiveSheet;
use super::sink::{CurrentSheet, FileSink, Mode};
use super::{NoRows, RowConsumer};
use crate::input::ForkSink;

/// Joins taken and refused (for tests).
#[cfg(test)]
pub(super) static JOINED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
#[cfg(test)]
pub(super) static REFUSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl<'v> ForkSink for FileSink<'v, '_> {
    fn fork(&mut self, part_bytes: u64) -> Option<Self> {
        if self.consumer.wants_rows() {
            return None;
        }
        let current = self.current.as_ref()?;
        let Mode::Active(active) = &current.mode else {
            return None;
        };
        let core = super::parallel::spare_core()?;
        let validator = self.validator;
        // A consumer of no rows takes no memory: leaking one costs nothing.
        let no_rows: &'v mut (dyn RowConsumer + Send) = Box::leak(Box::new(NoRows));
        let mut fork = FileSink::new(validator, self.path.clone(), no_rows);
        fork.facts = super::facts::FileFacts::new(self.facts.offers_wanted());
        // Room for a quarter more: a fork may split its own rest off and
        // take those keys back, and a table that must grow on the join
        // costs more than the split saves.
        let part_bytes = part_bytes + part_bytes / 4;
        fork.file_bytes = part_bytes;
        fork.any_rows = true;
        fork.core = Some(core);
        fork.current = Some(CurrentSheet {
            name: current.name.clone(),
            visible: current.visible,
            mode: Mode::Active(Box::new(active.fork(
                &validator.catalog.reference,
                validator.options.lang,
                part_bytes,
            ))),
            report: None,
            had_rows: true,
            name_has_cpr: false,
        });
        Some(fork)
    }

    fn wait<T>(&mut self, wait: impl FnOnce() -> T) -> T {
        super::parallel::lend_core(wait)
    }

    fn part_done(&mut self) {
        self.core = None;
    }

    fn join(&mut self, fork: Self) -> bool {
        let joined = self.join_fork(fork);
        #[cfg(test)]
        {
            let counter = if joined { &JOINED } else { &REFUSED };
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        joined
    }
}

impl FileSink<'_, '_> {
    fn join_fork(&mut self, mut fork: Self) -> bool {
        let Some(Mode::Active(part)) = fork.current.take().map(|c| c.mode) else {
            return false;
        };
        if self.current.is_none() {
            return false;
        }
        // A fork that found nothing yet has no report of its own.
        let report = self.report_index();
        let Some(Mode::Active(active)) = self.current.as_mut().map(|c| &mut c.mode) else {
            return false;
        };
        let both_reported = part
            .unheaded_reported
            .iter()
            .filter(|c| active.unheaded_reported.contains(c))
            .count();
        if both_reported > part.inherited_unheaded || !self.facts.can_absorb(&fork.facts) {
            return false;
        }
        let mut part = *part;
        let part_keys = part.fact_keys_taken(&mut fork.facts);
        if !active.keys.absorb(std::mem::take(&mut part.keys)) {
            return false;
        }
        if let (None, Some(keys)) = (active.keys.fact_keys(), part_keys) {
            self.facts.keys.push(keys);
            active.keys.set_fact_keys(self.facts.keys.len() - 1);
        }
        absorb_rows(active, part, self.store.limit);
        self.facts.absorb(std::mem::take(&mut fork.facts));
        // The fork's findings follow this part's, within the same limit.
        if let Some(r) = self.sheets.get_mut(report) {
            for s in &fork.sheets {
                r.errors += s.errors;
                r.warnings += s.warnings;
                r.infos += s.infos;
            }
        }
        self.store.omitted += fork.store.omitted;
        for (_, finding) in std::mem::take(&mut fork.store.kept) {
            if self.store.kept.len() < self.store.limit {
                self.store.kept.push((report, finding));
            } else {
                self.store.omitted += 1;
            }
        }
        true
    }
}

impl ActiveSheet<'_> {
    /// The sheet's entry in the file's keys, taken out of a fork's facts.
    fn fact_keys_taken(
        &mut self,
        facts: &mut super::facts::FileFacts,
    ) -> Option<super::facts::SheetKeys> {
        let i = self.keys.fact_keys()?;
        (i < facts.keys.len()).then(|| facts.keys.swap_remove(i))
    }
}

/// The rows' state of a later part, added to the sheet's.
fn absorb_rows(active: &mut ActiveSheet<'_>, part: ActiveSheet<'_>, limit: usize) {
    active.rows += part.rows;
    active.x_style |= part.x_style;
    active.unheaded_reported.extend(part.unheaded_reported);
    let keep = limit.min(super::rows::BOOL_BLANKS_KEPT);
    for (here, there) in active.bool_blanks.iter_mut().zip(part.bool_blanks) {
        let room = keep.saturating_sub(here.len());
        here.extend(there.into_iter().take(room));
    }
    for (here, there) in active
        .bool_blank_count
        .iter_mut()
        .zip(part.bool_blank_count)
    {
        *here += there;
    }
}

#[cfg(test)]
mod resplit_tests;
#[cfg(test)]
mod tests;
