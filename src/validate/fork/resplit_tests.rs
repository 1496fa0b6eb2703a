//! A part that waits for the next one lends its core to the last part,
//! which hands on half of what it has left, again and again: the report is
//! the one of the file read as one, whatever the parts and their joins.

use super::tests::{csv, found, line, read_in_one_part, row, shown, validate, ROWS};
use crate::finding::Code;
use crate::input::csv::split::{TEST_MIN_BYTES, TEST_SLOW_LATER};
use crate::validate::FileReport;
use crate::validate::TEST_SERIAL as SERIAL;
use std::sync::atomic::Ordering;

/// Reads `text` in one part, and then in parts down to 32 KiB with the
/// later parts slowed (so that the first is done first, lends its core and
/// the last part splits what it has left). The reports must agree; gives
/// the report and the split read's [joined, refused, called off].
fn same_in_many_parts(text: &str, max_findings: usize) -> (FileReport, [usize; 3]) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (_dir, path, one) = read_in_one_part(text, max_findings);
    TEST_MIN_BYTES.store(32 * 1024, Ordering::Relaxed);
    TEST_SLOW_LATER.store(true, Ordering::Relaxed);
    let (many, how) = validate(&path, 2, max_findings);
    TEST_MIN_BYTES.store(0, Ordering::Relaxed);
    TEST_SLOW_LATER.store(false, Ordering::Relaxed);
    assert_eq!(shown(&one), shown(&many));
    (one, how)
}

#[test]
fn the_last_part_splits_again_when_the_first_is_done() {
    let text = csv(|i, r| match i {
        _ if i % 1500 == 3 => r.replace("31.000,00", "abc"),
        _ if i == ROWS - 40 => r.replace('\n', ";ekstra\n"),
        // A key repeated within the last rows.
        _ if i == ROWS - 20 => row(ROWS - 21),
        _ => r,
    });
    let (report, [joined, refused, called_off]) = same_in_many_parts(&text, 0);
    assert!(joined >= 3, "joined {joined}: the last part split again");
    assert_eq!((refused, called_off), (0, 0));
    let mut want: Vec<(Code, Option<u32>)> = (0..ROWS)
        .filter(|i| i % 1500 == 3)
        .map(|i| (Code::TypeError, Some(line(i))))
        .collect();
    want.push((Code::UnknownColumn, Some(line(ROWS - 40))));
    want.push((Code::UniqueError, Some(line(ROWS - 20))));
    assert_eq!(found(&report), want);
    assert_eq!(report.rows(), ROWS as u64);
}

#[test]
fn a_key_in_two_late_parts_is_found_whatever_the_split() {
    // Keys of early rows again all through the file: some joins are
    // refused, and each repeat still names its first row.
    let text = csv(|i, r| {
        if i > 100 && i % 2000 == 0 {
            row(i / 2000)
        } else {
            r
        }
    });
    let (report, [_, refused, _]) = same_in_many_parts(&text, 0);
    assert!(refused >= 1, "a key in two parts refuses the join");
    let repeats: Vec<Option<u32>> = report.findings.iter().map(|f| f.location.row).collect();
    let want: Vec<Option<u32>> = (101..ROWS)
        .filter(|i| i % 2000 == 0)
        .map(|i| Some(line(i)))
        .collect();
    assert_eq!(repeats, want);
}

#[test]
fn quoted_cells_of_many_lines_call_parts_off_and_lose_no_row() {
    // Every 100th Tilbudsnavn runs over many lines: about a third of the
    // text, so that boundaries of the finer split fall inside one (the
    // splits depend on timing: no count is asserted).
    let long: String = (0..400).map(|k| format!("linje {k}\n")).collect();
    let text = csv(|i, r| {
        if i % 100 == 5 {
            r.replace("Botilbud", &format!("\"{long}\""))
        } else {
            r
        }
    });
    let (report, _) = same_in_many_parts(&text, 0);
    assert_eq!(report.findings.len(), ROWS / 100);
    let want: Vec<(Code, Option<u32>)> = (0..ROWS)
        .filter(|i| i % 100 == 5)
        .map(|i| {
            // Each long name before row i adds 400 lines.
            let before = (0..i).filter(|k| k % 100 == 5).count() as u32;
            (Code::ConstraintError, Some(line(i) + 400 * before))
        })
        .collect();
    assert_eq!(found(&report), want);
    assert_eq!(report.rows(), ROWS as u64);
}
