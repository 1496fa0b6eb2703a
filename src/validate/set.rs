//! A set of files validated together, as an inbox really is: copies
//! ("… - kopi.xlsx"), corrected versions ("… (rettet).csv"), last year's
//! files in the wrong folder and ramme's own outputs must never change a
//! figure silently.
//!
//! - A file byte for byte the same as an earlier one is set aside
//!   (`duplicate-file`, naming the first) and not read.
//! - A file ramme wrote itself is skipped with a note.
//! - Files are grouped by year (the År column, a year in the title rows or
//!   sheet name, in the file name, else in the folder name); within a year
//!   a key may appear once, whichever file it is in: a key that already
//!   appeared in another file is a `unique-error` naming that file, sheet
//!   and row, and the row is left out like any row with errors.
//! - Within a year, a borgerliste's offers are checked against the
//!   takstindberetninger: an offer none of them has, and a tariff more than
//!   0,5 % from the reported one, are warnings.

use super::facts::{self, FileFacts};
use super::{FileReport, RowConsumer, SheetReport, Validator};
use crate::finding::{Code, Finding, Location, Severity};
use crate::lang::Lang;
use crate::numfmt;
use crate::values::reference::ParagrafId;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How far a borgerliste's tariff may be from the reported one, in percent.
pub const TARIFF_TOLERANCE_PCT: &str = "0.5";

/// How a set's files are grouped for the checks across files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Files of several years may be given (`validate`): group by year.
    ByYear,
    /// One year's inputs (an analysis): one group; mixed years are reported
    /// in [`SetReport::years`].
    OneYear,
}

/// What happened to a file of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Validated.
    Read,
    /// The same bytes as the file at this index; not read.
    Duplicate(usize),
    /// Written by ramme; not read.
    RammeOutput,
}

/// Where a file's year was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Column,
    Title,
    FileName,
    Folder,
}

/// One file of the set.
#[derive(Debug)]
pub struct SetFile<C> {
    pub path: PathBuf,
    pub entry: Entry,
    pub report: FileReport,
    /// The consumer that received the file's rows (None when not read).
    pub consumer: Option<C>,
    /// The years the file is from (several when its År column mixes them).
    pub years: Vec<i32>,
    pub year_source: Option<YearSource>,
    /// Rows the checks across files left out: (sheet, row).
    pub left_out: HashSet<(Option<Arc<str>>, u32)>,
}

/// The validated set.
#[derive(Debug)]
pub struct SetReport<C> {
    pub files: Vec<SetFile<C>>,
    /// The years found with the indices of their files, in year order.
    pub years: BTreeMap<i32, Vec<usize>>,
    /// Pairs of takstindberetninger (file indices) that report most of the
    /// offers they share at other tariffs: the same offers a year apart,
    /// more likely than a correction.
    pub other_year_pairs: Vec<(usize, usize)>,
}

impl<C> SetReport<C> {
    /// More than one year in a set meant as one year's inputs.
    pub fn mixed_years(&self) -> bool {
        self.years.len() > 1
    }

    /// The file reports in input order.
    pub fn reports(&self) -> impl Iterator<Item = &FileReport> {
        self.files.iter().map(|f| &f.report)
    }
}

/// Validates `files` as one set: `make` gives each file read its consumer.
pub fn validate_set<C: RowConsumer + Send>(
    validator: &Validator<'_>,
    files: &[PathBuf],
    grouping: Grouping,
    make: impl Fn(&Path) -> C + Sync,
) -> SetReport<C> {
    let lang = validator.lang();
    let entries = classify(files);
    let results = super::parallel::validate_parallel(files, |path| {
        let index = files.iter().position(|f| f == path);
        match index.and_then(|i| entries.get(i)) {
            Some(Entry::Read) | None => {
                let mut consumer = make(path);
                let (report, facts) = validator.validate_file_with_facts(path, &mut consumer);
                (report, facts, Some(consumer))
            }
            Some(_) => (empty_report(path), FileFacts::default(), None),
        }
    });
    let mut set_files = Vec::with_capacity(files.len());
    let mut all_facts = Vec::with_capacity(files.len());
    for ((path, entry), (mut report, facts, consumer)) in files.iter().zip(entries).zip(results) {
        match &entry {
            Entry::Duplicate(first) => {
                let first = files.get(*first).map(|p| shown(p)).unwrap_or_default();
                push_file_finding(
                    &mut report,
                    Code::DuplicateFile,
                    Severity::Warning,
                    crate::messages::inbox::duplicate_file(&first, lang),
                );
            }
            Entry::RammeOutput => push_file_finding(
                &mut report,
                Code::RammeOutput,
                Severity::Info,
                crate::messages::inbox::ramme_output(lang),
            ),
            Entry::Read => {}
        }
        let (years, year_source) = years_of(path, &facts, &entry);
        set_files.push(SetFile {
            path: path.clone(),
            entry,
            report,
            consumer,
            years,
            year_source,
            left_out: HashSet::new(),
        });
        all_facts.push(facts);
    }
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, f) in set_files.iter().enumerate() {
        for y in &f.years {
            years.entry(*y).or_default().push(i);
        }
    }
    let groups: Vec<Vec<usize>> = match grouping {
        Grouping::OneYear => vec![(0..set_files.len()).collect()],
        Grouping::ByYear => {
            let mut by: BTreeMap<Option<i32>, Vec<usize>> = BTreeMap::new();
            for (i, f) in set_files.iter().enumerate() {
                // A file of several years is checked with the first.
                by.entry(f.years.first().copied()).or_default().push(i);
            }
            by.into_values().collect()
        }
    };
    let limit = match validator.options().max_findings {
        0 => usize::MAX,
        n => n,
    };
    for group in &groups {
        repeated_keys(&mut set_files, &all_facts, group, limit, lang);
        billed_offers(&mut set_files, &all_facts, group, limit, lang);
    }
    for f in &mut set_files {
        sort_findings(&mut f.report);
    }
    let other_year_pairs = match grouping {
        Grouping::OneYear => other_year_pairs(&all_facts),
        Grouping::ByYear => Vec::new(),
    };
    SetReport {
        files: set_files,
        years,
        other_year_pairs,
    }
}

/// Files that share at least [`SHARED_OFFERS`] offers and report more than
/// half of them at other tariffs: last year's report among this year's. A
/// corrected version changes a few tariffs, not most.
fn other_year_pairs(facts: &[FileFacts]) -> Vec<(usize, usize)> {
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

/// Own outputs and byte-identical copies, decided before anything is read.
fn classify(files: &[PathBuf]) -> Vec<Entry> {
    let sizes: Vec<Option<u64>> = files
        .iter()
        .map(|p| {
            std::fs::metadata(p)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len())
        })
        .collect();
    let mut hashes: HashMap<usize, u128> = HashMap::new();
    let mut entries = Vec::with_capacity(files.len());
    for (i, path) in files.iter().enumerate() {
        // Only a regular file is opened here: a named pipe would block (the
        // reader says what is wrong with it).
        let regular = sizes.get(i).copied().flatten().is_some();
        if regular && crate::input::marks::is_ramme_output(path) {
            entries.push(Entry::RammeOutput);
            continue;
        }
        let size = sizes.get(i).copied().flatten();
        let mut duplicate = None;
        if size.is_some_and(|s| s > 0) {
            for (j, earlier) in files.iter().enumerate().take(i) {
                if sizes.get(j).copied().flatten() != size
                    || !matches!(entries.get(j), Some(Entry::Read))
                {
                    continue;
                }
                let (Some(a), Some(b)) = (
                    cached_hash(&mut hashes, j, earlier),
                    cached_hash(&mut hashes, i, path),
                ) else {
                    continue;
                };
                if a == b {
                    duplicate = Some(j);
                    break;
                }
            }
        }
        entries.push(duplicate.map_or(Entry::Read, Entry::Duplicate));
    }
    entries
}

fn cached_hash(cache: &mut HashMap<usize, u128>, i: usize, path: &Path) -> Option<u128> {
    if let Some(h) = cache.get(&i) {
        return Some(*h);
    }
    let h = content_hash(path).ok()?;
    cache.insert(i, h);
    Some(h)
}

/// Two independent 64-bit hashes of a file's bytes.
fn content_hash(path: &Path) -> std::io::Result<u128> {
    let mut file = std::fs::File::open(path)?;
    let mut a = foldhash::quality::FixedState::with_seed(0xf11e_0001).build_hasher();
    let mut b = foldhash::quality::FixedState::with_seed(0xf11e_0002).build_hasher();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = buf.get(..n).unwrap_or_default();
        a.write(chunk);
        b.write(chunk);
    }
    Ok((u128::from(a.finish()) << 64) | u128::from(b.finish()))
}

/// The report of a file that was not read.
fn empty_report(path: &Path) -> FileReport {
    FileReport {
        // As every report: the path as it may be shown.
        path: Arc::new(crate::cpr::mask_path(path)),
        sheets: Vec::new(),
        findings: Vec::new(),
        omitted: 0,
        notes: crate::input::ReadNotes::default(),
    }
}

/// A path as findings show it (CPR-shaped parts masked).
fn shown(path: &Path) -> String {
    crate::cpr::mask(&path.display().to_string()).into_owned()
}

fn push_file_finding(report: &mut FileReport, code: Code, severity: Severity, message: String) {
    if report.sheets.is_empty() {
        report.sheets.push(SheetReport {
            sheet: None,
            schema: None,
            rows: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
        });
    }
    if let Some(s) = report.sheets.first_mut() {
        count(s, severity);
    }
    report.findings.insert(
        0,
        Finding {
            code,
            severity,
            location: Location::file(report.path.clone()),
            column: None,
            rule: None,
            message,
        },
    );
}

fn count(sheet: &mut SheetReport, severity: Severity) {
    match severity {
        Severity::Error => sheet.errors += 1,
        Severity::Warning => sheet.warnings += 1,
        Severity::Info => sheet.infos += 1,
    }
}

/// Adds a cell finding to a file's report, counted on its sheet and kept
/// within the report's limit.
fn push_cell_finding(report: &mut FileReport, finding: Finding, limit: usize) {
    let sheet = finding.location.sheet.clone();
    if let Some(s) = report
        .sheets
        .iter_mut()
        .find(|s| s.sheet == sheet && s.schema.is_some())
    {
        count(s, finding.severity);
    } else if let Some(s) = report.sheets.first_mut() {
        count(s, finding.severity);
    }
    if report.findings.len() < limit {
        report.findings.push(finding);
    } else {
        report.omitted += 1;
    }
}

/// File-level findings first, then by sheet (in the file's order), row, column.
fn sort_findings(report: &mut FileReport) {
    let order: HashMap<Option<Arc<str>>, usize> = report
        .sheets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.sheet.clone(), i))
        .collect();
    report.findings.sort_by_key(|f| {
        let file_level =
            f.location.row.is_none() && f.location.col.is_none() && f.location.sheet.is_none();
        (
            !file_level,
            order.get(&f.location.sheet).copied().unwrap_or(usize::MAX),
            f.location.row.unwrap_or(0),
            f.location.col.map_or(0, |c| u64::from(c) + 1),
        )
    });
}

/// The years of a file and where they were read.
fn years_of(path: &Path, facts: &FileFacts, entry: &Entry) -> (Vec<i32>, Option<YearSource>) {
    if *entry != Entry::Read {
        return (Vec::new(), None);
    }
    if !facts.row_years.is_empty() {
        return (
            facts.row_years.iter().copied().collect(),
            Some(YearSource::Column),
        );
    }
    if let Some(y) = facts.title_year {
        return (vec![y], Some(YearSource::Title));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    if let Some(y) = name.as_deref().and_then(facts::year_in_text) {
        return (vec![y], Some(YearSource::FileName));
    }
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    match folder.as_deref().and_then(facts::year_in_text) {
        Some(y) => (vec![y], Some(YearSource::Folder)),
        None => (Vec::new(), None),
    }
}

/// Where a key was first seen: (file, its sheet keys index, row).
type FirstSeen = (usize, usize, u32);

/// A key already seen in another file of the group: a unique-error there.
fn repeated_keys<C>(
    files: &mut [SetFile<C>],
    facts: &[FileFacts],
    group: &[usize],
    limit: usize,
    lang: Lang,
) {
    // Per schema: fingerprint → where it was first.
    let mut seen: HashMap<&str, HashMap<[u64; 2], FirstSeen>> = HashMap::new();
    for &i in group {
        let Some(file_facts) = facts.get(i) else {
            continue;
        };
        let mut repeats: Vec<(usize, u32, (usize, usize, u32))> = Vec::new();
        for (k, keys) in file_facts.keys.iter().enumerate() {
            let first = seen.entry(keys.schema.as_str()).or_default();
            for (fp, row) in &keys.rows {
                match first.get(fp) {
                    Some(earlier) if earlier.0 != i => repeats.push((k, *row, *earlier)),
                    Some(_) => {}
                    None => {
                        first.insert(*fp, (i, k, *row));
                    }
                }
            }
        }
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
fn billed_offers<C>(
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
        let mut offers: Vec<_> = file_facts.billed.iter().collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_files_are_found_by_content_not_name() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("a - kopi.csv");
        let c = dir.path().join("c.csv");
        let d = dir.path().join("d.csv");
        std::fs::write(&a, b"x;y\n1;2\n").unwrap();
        std::fs::write(&b, b"x;y\n1;2\n").unwrap();
        std::fs::write(&c, b"x;y\n1;3\n").unwrap();
        std::fs::write(&d, b"").unwrap();
        let e = dir.path().join("e.csv");
        std::fs::write(&e, b"").unwrap();
        assert_eq!(
            classify(&[a, b, c, d, e]),
            [
                Entry::Read,
                Entry::Duplicate(0),
                Entry::Read,
                Entry::Read,
                Entry::Read
            ]
        );
    }
}
