//! A submitted file read back as a sparse grid of its visible sheets, to
//! copy into the annotated workbook. Read through the ordinary readers (a
//! [`RowSink`]), capped so a huge file cannot blow memory, with every
//! CPR-shaped value replaced by the mask before it is stored.

use crate::input::{Cell, Row, RowSink, SheetInfo};
use chrono::NaiveDateTime;
use std::collections::HashSet;

/// Rows copied per file at most; findings further down are listed only.
pub const MAX_ROWS: u64 = 100_000;
/// Cells copied per file at most (a row may be 16.384 cells wide).
pub const MAX_CELLS: u64 = 2_000_000;
/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// One copied value.
#[derive(Debug, Clone, PartialEq)]
pub enum GridValue {
    Text(String),
    Number(f64),
    Bool(bool),
    DateTime(NaiveDateTime),
    /// A CPR-shaped value, never copied.
    Masked,
}

/// One visible sheet: rows by their number as the user sees it (1-based),
/// cells by 0-based column.
#[derive(Debug, Clone, Default)]
pub struct GridSheet {
    /// None for CSV.
    pub name: Option<String>,
    pub rows: Vec<(u32, Vec<(u32, GridValue)>)>,
}

/// The visible sheets of a file, and whether the cap cut the copy short.
#[derive(Debug, Default)]
pub struct Grid {
    pub sheets: Vec<GridSheet>,
    pub truncated: bool,
    rows: u64,
    cells: u64,
    /// Cells (sheet, row, col) the validation found a CPR number in.
    cpr_cells: HashSet<(Option<String>, u32, u32)>,
    /// Also mask 9-digit numbers that read as a CPR number without its
    /// leading zero (when not every finding was kept, the validation's own
    /// judgement of each column is not known for every cell).
    strict: bool,
    /// The caps: [`MAX_ROWS`] and [`MAX_CELLS`] (smaller in tests).
    max_rows: u64,
    max_cells: u64,
}

impl Grid {
    pub fn new(cpr_cells: HashSet<(Option<String>, u32, u32)>, strict: bool) -> Grid {
        Grid {
            cpr_cells,
            strict,
            max_rows: MAX_ROWS,
            max_cells: MAX_CELLS,
            ..Grid::default()
        }
    }

    fn value(&self, sheet: Option<&str>, row: u32, col: u32, cell: &Cell<'_>) -> Option<GridValue> {
        let flagged = self
            .cpr_cells
            .contains(&(sheet.map(str::to_string), row, col));
        if flagged || crate::validate::cell_has_cpr(cell, self.strict) {
            return Some(GridValue::Masked);
        }
        Some(match *cell {
            Cell::Empty => return None,
            Cell::Text(s) | Cell::Error(s) => {
                if s.is_empty() {
                    return None;
                }
                GridValue::Text(s.chars().take(MAX_CELL_CHARS).collect())
            }
            Cell::Int(i) => GridValue::Number(i as f64),
            Cell::Float(f) if f.is_finite() => GridValue::Number(f),
            Cell::Float(_) => return None,
            Cell::Bool(b) => GridValue::Bool(b),
            Cell::DateTime(d) => GridValue::DateTime(d),
        })
    }
}

impl RowSink for Grid {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        // Hidden sheets are helper lists, often with personal data: never copied.
        if !sheet.visible {
            return false;
        }
        self.sheets.push(GridSheet {
            name: sheet.name.clone(),
            rows: Vec::new(),
        });
        true
    }

    fn row(&mut self, row: Row<'_>) {
        if self.rows >= self.max_rows || self.cells >= self.max_cells {
            self.truncated = true;
            return;
        }
        let name = self.sheets.last().and_then(|s| s.name.clone());
        let mut cells = Vec::with_capacity(row.cells.len());
        for c in row.cells {
            if let Some(v) = self.value(name.as_deref(), row.number, c.col, &c.cell) {
                cells.push((c.col, v));
            }
        }
        if cells.is_empty() {
            return;
        }
        self.rows += 1;
        self.cells += cells.len() as u64;
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.rows.push((row.number, cells));
        }
    }

    fn end_sheet(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::SparseCell;

    fn feed(grid: &mut Grid, number: u32, cells: &[SparseCell<'_>]) {
        grid.row(Row { number, cells });
    }

    #[test]
    fn masks_cpr_values_and_skips_hidden_sheets() {
        let mut flagged = HashSet::new();
        flagged.insert((Some("Ark".to_string()), 3, 1));
        let mut grid = Grid::new(flagged, false);
        assert!(!grid.begin_sheet(&SheetInfo {
            name: Some("Skjult".into()),
            visible: false
        }));
        assert!(grid.begin_sheet(&SheetInfo {
            name: Some("Ark".into()),
            visible: true
        }));
        // A synthetic CPR-shaped value, for the masking.
        let cpr = "010203-1234";
        feed(
            &mut grid,
            2,
            &[
                SparseCell {
                    col: 0,
                    cell: Cell::Text(cpr),
                },
                SparseCell {
                    col: 1,
                    cell: Cell::Float(2.5),
                },
            ],
        );
        feed(
            &mut grid,
            3,
            &[SparseCell {
                col: 1,
                cell: Cell::Int(10_203_123),
            }],
        );
        assert_eq!(grid.sheets.len(), 1);
        let rows = &grid.sheets[0].rows;
        assert_eq!(
            rows[0].1,
            vec![(0, GridValue::Masked), (1, GridValue::Number(2.5))]
        );
        assert_eq!(rows[1].1, vec![(1, GridValue::Masked)]);
        assert!(!grid.truncated);
    }

    #[test]
    fn stops_at_the_cell_cap() {
        let mut grid = Grid::new(HashSet::new(), false);
        grid.max_cells = 6;
        grid.begin_sheet(&SheetInfo {
            name: None,
            visible: true,
        });
        let cells: Vec<SparseCell<'_>> = (0..3)
            .map(|col| SparseCell {
                col,
                cell: Cell::Bool(true),
            })
            .collect();
        feed(&mut grid, 1, &cells);
        feed(&mut grid, 2, &cells);
        assert!(!grid.truncated);
        feed(&mut grid, 3, &cells);
        assert!(grid.truncated);
        assert_eq!(grid.sheets[0].rows.len(), 2);
    }

    #[test]
    fn stops_at_the_row_cap() {
        let mut grid = Grid::new(HashSet::new(), false);
        grid.begin_sheet(&SheetInfo {
            name: None,
            visible: true,
        });
        let cell = [SparseCell {
            col: 0,
            cell: Cell::Text("x"),
        }];
        for n in 1..=MAX_ROWS as u32 {
            feed(&mut grid, n, &cell);
        }
        assert!(!grid.truncated);
        assert_eq!(grid.sheets[0].rows.len() as u64, MAX_ROWS);
        feed(&mut grid, MAX_ROWS as u32 + 1, &cell);
        assert!(grid.truncated);
        assert_eq!(grid.sheets[0].rows.len() as u64, MAX_ROWS);
    }
}
