//! The checks across the files of one year (see `set.rs`): a key already
//! seen in another file, a borgerliste's offers against the year's
//! takstindberetninger, and two takstindberetninger that look like two
//! years.

use super::facts::{self, FileFacts};
use super::keytable::Fingerprint;
use super::set::{count, push_cell_finding, shown, SetFile};
use crate::finding::{Code, Finding, Location, Severity};
use crate::lang::Lang;
use crate::numfmt;
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

/// How far a borgerliste's tariff may be from the reported one, in percent.
pub const TARIFF_TOLERANCE_PCT: &str = "0.5";

/// Files that share at least [`SHARED_OFFERS`] offers and report more than
/// half of them at other tariffs: last year's report among this year's. A
/// corrected version changes a few tariffs, not most.
pub fn other_year_pairs(facts: &[FileFacts]) -> Vec<(usize, usize)> {
    let maps: Vec<HashMap<(&str, ParagrafId), Decimal>> = facts
        .iter()
        .map(|f| {
            f.tariffs
                .iter()
                .map(|(nr, p, t)| ((nr.as_str(), *p), *t))
                .collect()
        })
        .collect();
    let mut pairs = Vec::new();
    for (i, a) in maps.iter().enumerate() {
        for (j, b) in maps.iter().enumerate().skip(i + 1) {
            let shared: Vec<(&Decimal, &Decimal)> = a
                .iter()
                .filter_map(|(k, t)| b.get(k).map(|u| (t, u)))
                .collect();
            let differ = shared.iter().filter(|(t, u)| t != u).count();
            if shared.len() >= SHARED_OFFERS && differ * 2 > shared.len() {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// How many offers two files must share before their tariffs tell years.
pub const SHARED_OFFERS: usize = 3;

/// Where a key was first seen: (file, its sheet keys index, row).
type FirstSeen = (usize, usize, u32);

/// A key already seen in another file of the group: a unique-error there.
pub fn repeated_keys<C>(
    files: &mut [SetFile<C>],
    facts: &[FileFacts],
    group: &[usize],
    limit: usize,
    lang: Lang,
) {
    // Per schema: fingerprint → where it was first.
    if group.len() < 2 {
        // No other file to repeat a key of (and no table of a million keys
        // built for nothing).
        return;
    }
    let mut seen: HashMap<&str, HashMap<Fingerprint, FirstSeen>> = HashMap::new();
    for &i in group {
        let Some(file_facts) = facts.get(i) else {
            continue;
        };
        let mut repeats: Vec<(usize, u32, (usize, usize, u32))> = Vec::new();
        for (k, keys) in file_facts.keys.iter().enumerate() {
            let first = seen.entry(keys.schema.as_str()).or_default();
            for (fp, row) in keys.rows.entries() {
                match first.get(&fp) {
                    Some(earlier) if earlier.0 != i => repeats.push((k, row, *earlier)),
                    Some(_) => {}
                    None => {
                        first.insert(fp, (i, k, row));
                    }
                }
            }
        }
        // The table holds a sheet's keys in no particular order: in row
        // order, the findings kept within the limit are the first ones.
        repeats.sort_unstable_by_key(|(k, row, _)| (*k, *row));
        for (k, row, (file, sheet_keys, first_row)) in repeats {
            let Some(keys) = file_facts.keys.get(k) else {
                continue;
            };
            let other = files.get(file).map(|f| shown(&f.path)).unwrap_or_default();
            let other_sheet = facts
                .get(file)
                .and_then(|ff| ff.keys.get(sheet_keys))
                .and_then(|sk| sk.sheet.clone());
            let message = crate::messages::inbox::key_in_other_file(
                &keys.names,
                &other,
                other_sheet
                    .as_deref()
                    .map(|s| crate::cpr::mask(s).into_owned())
                    .as_deref(),
                first_row,
                lang,
            );
            let Some(target) = files.get_mut(i) else {
                continue;
            };
            let finding = Finding {
                code: Code::UniqueError,
                severity: Severity::Error,
                location: Location {
                    path: target.report.path.clone(),
                    sheet: keys.sheet.clone(),
                    row: Some(row),
                    col: keys.col,
                },
                column: keys.column.clone(),
                rule: None,
                message,
            };
            push_cell_finding(&mut target.report, finding, limit);
            target.left_out.insert((keys.sheet.clone(), row));
        }
    }
}

/// A borgerliste's offers against the year's takstindberetninger.
pub fn billed_offers<C>(
    files: &mut [SetFile<C>],
    facts: &[FileFacts],
    group: &[usize],
    limit: usize,
    lang: Lang,
) {
    let mut reported: HashMap<&str, Vec<(ParagrafId, Decimal)>> = HashMap::new();
    for &i in group {
        for (nr, p, t) in facts
            .get(i)
            .map(|f| f.tariffs.as_slice())
            .unwrap_or_default()
        {
            reported.entry(nr.as_str()).or_default().push((*p, *t));
        }
    }
    if reported.is_empty() {
        return;
    }
    let tolerance: Decimal = TARIFF_TOLERANCE_PCT.parse().unwrap_or(Decimal::ONE);
    for &i in group {
        let Some(file_facts) = facts.get(i) else {
            continue;
        };
        let billed = file_facts.billed();
        let mut offers: Vec<_> = billed.iter().map(|(k, b)| (k, b)).collect();
        offers.sort_by(|a, b| {
            a.1.rows
                .first()
                .map(|r| r.1)
                .cmp(&b.1.rows.first().map(|r| r.1))
        });
        for ((nr, paragraf, takst), billed) in offers {
            let Some(tariffs) = reported.get(nr.as_str()) else {
                for (sheet, row) in &billed.rows {
                    let finding = cell_finding(
                        files,
                        i,
                        Code::ForeignKeyError,
                        (sheet.clone(), *row, billed.tilbudsnr_col),
                        Some(billed.tilbudsnr_header.clone()),
                        None,
                        crate::messages::inbox::offer_not_reported(&crate::cpr::mask(nr), lang),
                    );
                    if let (Some(f), Some(target)) = (finding, files.get_mut(i)) {
                        push_cell_finding(&mut target.report, f, limit);
                    }
                }
                add_uncounted(files, i, billed, Severity::Warning);
                continue;
            };
            let Some(listed) = takst else { continue };
            let same_paragraf: Vec<Decimal> = tariffs
                .iter()
                .filter(|(p, _)| Some(*p) == *paragraf)
                .map(|(_, t)| *t)
                .collect();
            let candidates: Vec<Decimal> = if same_paragraf.is_empty() {
                tariffs.iter().map(|(_, t)| *t).collect()
            } else {
                same_paragraf
            };
            let nearest = candidates
                .iter()
                .copied()
                .min_by_key(|t| (*listed - *t).abs());
            let Some(nearest) = nearest else { continue };
            if nearest <= Decimal::ZERO {
                continue;
            }
            // |listed − reported| × 100 > tolerance × reported.
            let off = (*listed - nearest).abs() * Decimal::ONE_HUNDRED > tolerance * nearest;
            if !off {
                continue;
            }
            let message = crate::messages::inbox::tariff_differs(
                &billed.takst_header,
                &numfmt::kr(*listed, lang),
                &numfmt::kr(nearest, lang),
                &numfmt::pct(tolerance, lang),
                lang,
            );
            for (sheet, row) in &billed.rows {
                let finding = cell_finding(
                    files,
                    i,
                    Code::RuleError,
                    (sheet.clone(), *row, billed.takst_col),
                    Some(billed.takst_header.clone()),
                    Some("takst-afviger".to_string()),
                    message.clone(),
                );
                if let (Some(f), Some(target)) = (finding, files.get_mut(i)) {
                    push_cell_finding(&mut target.report, f, limit);
                }
            }
            add_uncounted(files, i, billed, Severity::Warning);
        }
    }
}

/// Rows of a billed offer beyond those remembered: counted, not kept.
fn add_uncounted<C>(
    files: &mut [SetFile<C>],
    i: usize,
    billed: &facts::Billed,
    severity: Severity,
) {
    let extra = billed.count.saturating_sub(billed.rows.len() as u64);
    if extra == 0 {
        return;
    }
    if let Some(target) = files.get_mut(i) {
        if let Some(s) = target.report.sheets.iter_mut().find(|s| s.schema.is_some()) {
            for _ in 0..extra {
                count(s, severity);
            }
        }
        target.report.omitted += extra;
    }
}

fn cell_finding<C>(
    files: &[SetFile<C>],
    i: usize,
    code: Code,
    (sheet, row, col): (Option<Arc<str>>, u32, Option<u32>),
    column: Option<String>,
    rule: Option<String>,
    message: String,
) -> Option<Finding> {
    let target = files.get(i)?;
    Some(Finding {
        code,
        severity: Severity::Warning,
        location: Location {
            path: target.report.path.clone(),
            sheet,
            row: Some(row),
            col,
        },
        column,
        rule,
        message,
    })
}
