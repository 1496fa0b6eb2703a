//! Shared by the reader targets: the input as a file (the readers read
//! paths), and a sink that looks at every cell the way the validator does.

use ramme::input::{Cell, Row, RowSink, SheetInfo};
use std::path::PathBuf;

/// A file for this process's inputs, on tmpfs when there is one.
pub fn input_file(target: &str, data: &[u8]) -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let path = dir.join(format!("ramme-fuzz-{target}-{}", std::process::id()));
    std::fs::write(&path, data).expect("write fuzz input");
    path
}

/// Reads every sheet and runs the CPR guard on every cell.
#[derive(Default)]
pub struct Touch {
    pub cells: u64,
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
