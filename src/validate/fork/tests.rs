//! A big CSV read in two parts gives the report it gives read as one:
//! finding for finding, count for count, whether the join is taken, refused
//! or the fork called off.

use super::{JOINED, REFUSED};
use crate::finding::Code;
use crate::schema::Catalog;
use crate::validate::{parallel, FileReport, NoRows, Options, Validator};
use std::path::Path;
use std::sync::atomic::Ordering;

/// The tests here set the process's thread count and read its counters:
/// one at a time.
use crate::validate::TEST_SERIAL as SERIAL;

pub(super) const HEADER: &str =
    "Personkode;Betalingskommune;Tilbudsnr;Tilbudsnavn;Paragraf;Driftsherre;Udgift;Antal dage;Takst\n";
/// Rows enough for a text over `SPLIT_MIN_BYTES` (about 85 bytes a row).
pub(super) const ROWS: usize = 16_000;

/// Data row `i` (on line `i + 2`), sound.
pub(super) fn row(i: usize) -> String {
    format!(
        "PK-{i:08};Aalborg;{};Botilbud;SEL §108;Aalborg;31.000,00;31;1.000,00\n",
        400_000 + i % 50
    )
}

/// The CSV of `ROWS` rows, each as `edit` makes it.
pub(super) fn csv(edit: impl Fn(usize, String) -> String) -> String {
    let mut text = String::from(HEADER);
    for i in 0..ROWS {
        text.push_str(&edit(i, row(i)));
    }
    text
}

/// The report of `text` read with `threads` threads, and the joins taken,
/// refused and forks called off meanwhile.
pub(super) fn validate(
    path: &Path,
    threads: usize,
    max_findings: usize,
) -> (FileReport, [usize; 3]) {
    let catalog = Catalog::embedded().unwrap();
    let options = Options {
        max_findings,
        ..Options::default()
    };
    let validator = Validator::new(&catalog, options).unwrap();
    parallel::set_threads(threads);
    let counts = || {
        [
            JOINED.load(Ordering::Relaxed),
            REFUSED.load(Ordering::Relaxed),
            crate::input::csv::split::CALLED_OFF.load(Ordering::Relaxed),
        ]
    };
    let before = counts();
    let report = validator.validate_file(path, &mut NoRows);
    let after = counts();
    parallel::set_threads(0);
    let delta = [0, 1, 2].map(|i| after[i] - before[i]);
    (report, delta)
}

/// Everything a report says, for comparing.
pub(super) fn shown(report: &FileReport) -> String {
    format!(
        "{:?}\nomitted {}\n{:#?}",
        report.sheets, report.omitted, report.findings
    )
}

/// Reads `text` in one part and in two; the reports must agree, and the
/// two-part read must have gone as `want` ([joined, refused, called off]).
fn same_both_ways(text: &str, max_findings: usize, want: [usize; 3]) -> FileReport {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (_dir, path, one) = read_in_one_part(text, max_findings);
    let (two, how) = validate(&path, 2, max_findings);
    assert_eq!(how, want, "[joined, refused, called off]");
    assert_eq!(shown(&one), shown(&two));
    one
}

/// `text` written to a file (kept while the directory lives) and its
/// report read with one thread.
pub(super) fn read_in_one_part(
    text: &str,
    max_findings: usize,
) -> (tempfile::TempDir, std::path::PathBuf, FileReport) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borgerliste.csv");
    std::fs::write(&path, text).unwrap();
    let (one, none) = validate(&path, 1, max_findings);
    assert_eq!(none, [0, 0, 0], "one thread never forks");
    (dir, path, one)
}

/// The findings as (code, line).
pub(super) fn found(report: &FileReport) -> Vec<(Code, Option<u32>)> {
    report
        .findings
        .iter()
        .map(|f| (f.code, f.location.row))
        .collect()
}

/// A row's line in the file.
pub(super) fn line(i: usize) -> u32 {
    i as u32 + 2
}

#[test]
fn findings_in_both_parts_are_joined_in_file_order() {
    let late = ROWS - 1000;
    let text = csv(|i, r| match i {
        100 => r.replace("31.000,00", "abc"),
        // Masked wherever it is read.
        _ if i == late => r.replace(&format!("PK-{late:08}"), "010203-1234"),
        _ if i == late + 10 => r.replace('\n', ";ekstra\n"),
        // A key repeated within the second part.
        _ if i == late + 20 => row(late + 19),
        _ if i == late + 30 => r.replace(";31;", ";x;"),
        _ => r,
    });
    let report = same_both_ways(&text, 0, [1, 0, 0]);
    assert_eq!(
        found(&report),
        vec![
            (Code::TypeError, Some(line(100))),
            (Code::CprDetected, Some(line(late))),
            (Code::UnknownColumn, Some(line(late + 10))),
            (Code::UniqueError, Some(line(late + 20))),
            (Code::TypeError, Some(line(late + 30))),
        ]
    );
    let repeated = &report.findings[3].message;
    assert!(
        repeated.contains(&format!("række {}", line(late + 19))),
        "{repeated}"
    );
    assert!(!shown(&report).contains("010203-1234"));
    assert_eq!(report.rows(), ROWS as u64);
}

#[test]
fn a_key_in_both_parts_is_only_right_read_as_one() {
    // Row 10's key again near the end: the join is refused, and the finding
    // names row 10's line as the first.
    let text = csv(|i, r| if i == ROWS - 5 { row(10) } else { r });
    let report = same_both_ways(&text, 0, [0, 1, 0]);
    assert_eq!(
        found(&report),
        vec![(Code::UniqueError, Some(line(ROWS - 5)))]
    );
    let message = &report.findings[0].message;
    assert!(
        message.contains(&format!("række {}", line(10))),
        "{message}"
    );
}

#[test]
fn a_column_without_header_in_both_parts_is_reported_once() {
    let text = csv(|i, r| {
        if i == 200 || i == ROWS - 200 {
            r.replace('\n', ";ekstra\n")
        } else {
            r
        }
    });
    let report = same_both_ways(&text, 0, [0, 1, 0]);
    assert_eq!(found(&report), vec![(Code::UnknownColumn, Some(line(200)))]);
}

#[test]
fn a_quoted_cell_across_the_middle_calls_the_fork_off() {
    // A Tilbudsnavn of many lines, from a third of the rows to two thirds:
    // the middle of the file is inside it.
    let long: String = (0..(ROWS * 4)).map(|k| format!("linje {k}\n")).collect();
    let at = ROWS / 3;
    let text = csv(|i, r| {
        if i == at {
            r.replace("Botilbud", &format!("\"{long}\""))
        } else {
            r
        }
    });
    let start = text.find(&format!("PK-{at:08}")).unwrap_or(0);
    let middle = text.len() / 2;
    assert!(
        start < middle && start + long.len() > middle,
        "the fixture covers the middle"
    );
    let report = same_both_ways(&text, 0, [0, 0, 1]);
    // Too long a name; the rows after it are numbered by their lines, and
    // every row was read once.
    assert_eq!(
        found(&report),
        vec![(Code::ConstraintError, Some(line(at)))]
    );
    assert_eq!(report.rows(), ROWS as u64);
}

#[test]
fn the_findings_limit_counts_both_parts() {
    let text = csv(|i, r| {
        if i % 1000 == 7 {
            r.replace(";31;", ";x;")
        } else {
            r
        }
    });
    let report = same_both_ways(&text, 5, [1, 0, 0]);
    let lines: Vec<_> = (0..5)
        .map(|k| (Code::TypeError, Some(line(k * 1000 + 7))))
        .collect();
    assert_eq!(found(&report), lines);
    assert_eq!(report.omitted, 11);
    assert_eq!(report.errors(), 16);
}

#[test]
fn a_read_error_in_the_second_part_ends_the_file_where_it_would_read_as_one() {
    // A record of more columns than a CSV may have, near the end: the rows
    // before it count, and the file-error names its line.
    let wide = ";".repeat(crate::input::limits::MAX_CSV_COLUMNS + 1) + "\n";
    let text = csv(|i, r| if i == ROWS - 100 { wide.clone() } else { r });
    let report = same_both_ways(&text, 0, [1, 0, 0]);
    assert_eq!(found(&report), vec![(Code::FileError, None)]);
    assert!(
        report.findings[0]
            .message
            .contains(&line(ROWS - 100).to_string()),
        "{}",
        report.findings[0].message
    );
    assert_eq!(report.rows(), (ROWS - 100) as u64);
}

/// A consumer that wants the rows (and so has the file checked whole).
struct Rows;

impl crate::validate::RowConsumer for Rows {
    fn row(
        &mut self,
        _: &crate::validate::SheetContext<'_>,
        _: &crate::values::typed::TypedRow<'_, '_>,
    ) {
    }
}

/// `text` with `marker` replaced by `bytes`, validated with a consumer
/// that wants no rows (UTF-8 from the first bytes, read again when a
/// later record is not) and with one that wants them (checked whole).
fn with_bytes(text: &str, marker: &str, bytes: &[u8], bom: bool) -> (FileReport, FileReport) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut file: Vec<u8> = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    let at = text.find(marker).unwrap_or(0);
    file.extend_from_slice(&text.as_bytes()[..at]);
    file.extend_from_slice(bytes);
    file.extend_from_slice(&text.as_bytes()[at + marker.len()..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borgerliste.csv");
    std::fs::write(&path, file).unwrap();
    let catalog = Catalog::embedded().unwrap();
    let validator = Validator::new(&catalog, Options::default()).unwrap();
    let again = || crate::validate::READ_AGAIN.load(Ordering::Relaxed);
    let before = again();
    let prefix = validator.validate_file(&path, &mut NoRows);
    assert_eq!(again(), before + 1, "read again once");
    let whole = validator.validate_file(&path, &mut Rows);
    assert_eq!(again(), before + 1, "checked whole first");
    (prefix, whole)
}

#[test]
fn a_late_byte_that_is_not_utf8_reads_the_file_again_checked_whole() {
    // The first 64 KiB are UTF-8; row 5000 is not (a Windows-1252 ø).
    let text = csv(|i, r| {
        if i == 5000 {
            r.replacen("Aalborg", "MARKER", 1)
        } else {
            r
        }
    });
    assert!(text.find("MARKER").unwrap_or(0) > 64 * 1024);
    for (bom, encoding) in [
        (false, "windows-1252"),
        (true, crate::input::csv::UTF8_BOM_LOSSY),
    ] {
        let (prefix, whole) = with_bytes(&text, "MARKER", b"Br\xF8nderslev", bom);
        assert_eq!(prefix.notes.encoding, Some(encoding));
        assert_eq!(shown(&prefix), shown(&whole));
        assert_eq!(prefix.rows(), ROWS as u64);
    }
}
