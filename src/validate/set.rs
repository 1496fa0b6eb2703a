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
//!
//! The checks across files themselves are in `crossfile.rs`.

use super::facts::{self, FileFacts};
use super::{FileReport, RowConsumer, SheetReport, Validator};
use crate::finding::{Code, Finding, Location, Severity};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    // A borgerliste's offers are held to the takstindberetninger of the
    // run: gathered only when another file is read.
    let offers_wanted = entries.iter().filter(|e| matches!(e, Entry::Read)).count() > 1;
    let results = super::parallel::validate_parallel(files, |path| {
        let index = files.iter().position(|f| f == path);
        match index.and_then(|i| entries.get(i)) {
            Some(Entry::Read) | None => {
                let mut consumer = make(path);
                let (report, facts) =
                    validator.validate_file_with_facts(path, &mut consumer, offers_wanted);
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
        super::crossfile::repeated_keys(&mut set_files, &all_facts, group, limit, lang);
        super::crossfile::billed_offers(&mut set_files, &all_facts, group, limit, lang);
    }
    for f in &mut set_files {
        sort_findings(&mut f.report);
    }
    let other_year_pairs = match grouping {
        Grouping::OneYear => super::crossfile::other_year_pairs(&all_facts),
        Grouping::ByYear => Vec::new(),
    };
    SetReport {
        files: set_files,
        years,
        other_year_pairs,
    }
}

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
        path: super::guard::shown_path(path),
        sheets: Vec::new(),
        findings: Vec::new(),
        omitted: 0,
        notes: crate::input::ReadNotes::default(),
    }
}

/// A path as findings show it (CPR-shaped parts masked).
pub(super) fn shown(path: &Path) -> String {
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
        super::guard::seal(Finding {
            code,
            severity,
            location: Location::file(report.path.clone()),
            column: None,
            rule: None,
            message,
        }),
    );
}

pub(super) fn count(sheet: &mut SheetReport, severity: Severity) {
    match severity {
        Severity::Error => sheet.errors += 1,
        Severity::Warning => sheet.warnings += 1,
        Severity::Info => sheet.infos += 1,
    }
}

/// Adds a cell finding to a file's report, counted on its sheet and kept
/// within the report's limit.
pub(super) fn push_cell_finding(report: &mut FileReport, finding: Finding, limit: usize) {
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
        report.findings.push(super::guard::seal(finding));
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
