//! Where each collected record was read (sheet and row), kept in four
//! bytes a record: the rows in a flat list, the sheet once for each run of
//! records read from it (a year of a million records would otherwise hold
//! a million sheet handles).

use std::sync::Arc;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowPlaces {
    rows: Vec<u32>,
    /// (index of the first record read from the sheet, the sheet).
    sheets: Vec<(usize, Option<Arc<str>>)>,
}

impl RowPlaces {
    pub fn push(&mut self, sheet: &Option<Arc<str>>, row: u32) {
        if self.sheets.last().is_none_or(|(_, s)| s != sheet) {
            self.sheets.push((self.rows.len(), sheet.clone()));
        }
        self.rows.push(row);
    }

    pub fn clear(&mut self) {
        self.rows.clear();
        self.sheets.clear();
    }

    /// (sheet, row) of each record, in the order pushed.
    pub fn iter(&self) -> impl Iterator<Item = (&Option<Arc<str>>, u32)> + '_ {
        let mut sheets = self.sheets.iter().peekable();
        let mut current: &Option<Arc<str>> = &None;
        self.rows.iter().enumerate().map(move |(i, &row)| {
            while let Some((_, sheet)) = sheets.next_if(|(start, _)| *start <= i) {
                current = sheet;
            }
            (current, row)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_record_keeps_its_sheet_and_row() {
        let (a, b): (Option<Arc<str>>, Option<Arc<str>>) = (Some("A".into()), Some("B".into()));
        let mut places = RowPlaces::default();
        for (sheet, row) in [(&a, 2), (&a, 3), (&b, 2), (&None, 7), (&a, 9)] {
            places.push(sheet, row);
        }
        let got: Vec<(Option<&str>, u32)> = places.iter().map(|(s, r)| (s.as_deref(), r)).collect();
        assert_eq!(
            got,
            [
                (Some("A"), 2),
                (Some("A"), 3),
                (Some("B"), 2),
                (None, 7),
                (Some("A"), 9)
            ]
        );
        // One handle per run of a sheet, not per record.
        assert_eq!(places.sheets.len(), 4);
        places.clear();
        assert_eq!(places.iter().count(), 0);
    }
}
