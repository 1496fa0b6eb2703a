//! The fuzz targets' checks (fuzz/fuzz_targets) on their seeds and on every
//! input the fuzzer found a bug with (tests/fixtures/fuzz/<target>/), so a
//! fixed crash stays fixed in a plain `cargo test`.

use ramme::input::{excel, Cell, FileFormat, ReadOptions, Row, RowSink, SheetInfo};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The files of the seed and crash folders of `target`.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("fuzz/seeds").join(target),
        root.join("tests/fixtures/fuzz").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            files.extend(entries.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    files
}

#[derive(Default)]
struct Touch {
    cells: u64,
}

impl RowSink for Touch {
    fn begin_sheet(&mut self, _: &SheetInfo) -> bool {
        true
    }
    fn row(&mut self, row: Row<'_>) {
        assert!(row.number >= 1);
        for sc in row.cells {
            self.cells += 1;
            let _ = ramme::validate::cell_has_cpr(&sc.cell, true);
            if let Cell::Text(t) = sc.cell {
                let _ = ramme::cpr::mask(t);
            }
        }
    }
    fn end_sheet(&mut self) {}
}

#[test]
fn readers_on_seeds_and_found_inputs() {
    let mut cells = 0;
    for (target, format) in [
        ("csv", FileFormat::Csv),
        ("xlsx", FileFormat::Xlsx),
        ("xls", FileFormat::Xls),
        ("ods", FileFormat::Ods),
    ] {
        let files = inputs(target);
        assert!(!files.is_empty(), "{target}");
        for path in files {
            let mut sink = Touch::default();
            let _ = match format {
                FileFormat::Csv => ramme::input::csv::read(&path, &mut sink),
                _ => excel::read(&path, format, &ReadOptions::default(), &mut sink),
            };
            cells += sink.cells;
        }
    }
    assert!(cells > 100, "{cells}");
}

fn cpr_check(s: &str) {
    let masked = ramme::cpr::mask(s);
    assert!(!ramme::cpr::contains_cpr(&masked), "{s:?}");
    assert_eq!(
        ramme::cpr::contains_cpr(s),
        matches!(masked, Cow::Owned(_)),
        "{s:?}"
    );
}

#[test]
fn cpr_and_values_on_seeds_and_found_inputs() {
    let reference = ramme::values::reference::Reference::embedded().unwrap();
    for target in ["cpr", "values"] {
        let files = inputs(target);
        assert!(!files.is_empty(), "{target}");
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let s = String::from_utf8_lossy(&bytes);
            cpr_check(&s);
            let _ = ramme::values::parse_number(&s);
            let _ = ramme::values::parse_money(&s);
            let _ = ramme::values::parse_percent(&s);
            let _ = ramme::values::parse_date(&s);
            let _ = reference.party(&s);
            let _ = reference.paragraf(&s);
        }
    }
}
