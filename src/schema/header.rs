//! Matching a header row to a schema: which column is which field, which
//! required columns are missing, which are doubled or unknown.
//!
//! Headers match after normalising case, white space, line breaks,
//! punctuation, æ/ø/å vs ae/oe/aa, a trailing unit ("kr.", "(kr)", "%",
//! "pct") and a trailing year ("Takst 2017").

use super::{Field, Schema};
use crate::text::fold;
use std::collections::HashMap;

/// Units that may trail a header and do not change its meaning.
const UNITS: [&str; 7] = ["kr", "kr.", "dkk", "%", "pct", "pct.", "procent"];

/// A header's matching key and the year it carried, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderKey {
    pub key: String,
    pub year: Option<u16>,
}

/// Normalises a header: "Takst 2017 (kr.)" → key "takst", year 2017.
pub fn header_key(header: &str) -> HeaderKey {
    let folded = fold(header);
    let spaced: String = folded
        .chars()
        .map(|c| match c {
            '(' | ')' | '[' | ']' | ',' | ':' | ';' | '/' | '*' => ' ',
            _ => c,
        })
        .collect();
    let mut tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut year = None;
    while let Some(&last) = tokens.last() {
        if tokens.len() < 2 {
            break;
        }
        let bare = last.trim_end_matches('.');
        if is_year(bare) {
            year = year.or_else(|| bare.parse().ok());
            tokens.pop();
        } else if UNITS.contains(&last) {
            tokens.pop();
            // "Belægning i %" and "Takst i kr." lose the "i" with the unit.
            if tokens.len() >= 2 && tokens.last() == Some(&"i") {
                tokens.pop();
            }
        } else if last == "nej" && tokens.len() >= 3 && tokens.get(tokens.len() - 2) == Some(&"ja")
        {
            // "Forstærket samarbejde (ja/nej)": the answer format, not the name.
            tokens.truncate(tokens.len() - 2);
        } else if last == "-" || last == "–" {
            tokens.pop();
        } else {
            break;
        }
    }
    let key = tokens
        .concat()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    HeaderKey { key, year }
}

fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && matches!(s.parse::<u16>(), Ok(1990..=2100))
}

/// The normalised keys of a field: its header and aliases, and its name.
pub fn field_keys(field: &Field) -> Vec<String> {
    let mut keys: Vec<String> = std::iter::once(&field.header)
        .chain(field.aliases.iter())
        .map(|h| header_key(h).key)
        .chain(std::iter::once(field.name.replace('_', "")))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A schema's lookup from normalised header to field index.
#[derive(Debug, Clone)]
pub struct HeaderIndex {
    by_key: HashMap<String, usize>,
}

impl HeaderIndex {
    pub fn new(schema: &Schema) -> Self {
        let mut by_key = HashMap::new();
        for (i, field) in schema.fields.iter().enumerate() {
            for key in field_keys(field) {
                // The first field to claim a key keeps it: canonical headers
                // come before aliases in schema order.
                by_key.entry(key).or_insert(i);
            }
        }
        HeaderIndex { by_key }
    }

    pub fn field_of(&self, header: &str) -> Option<usize> {
        self.by_key.get(&header_key(header).key).copied()
    }
}

/// One header cell as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCell {
    pub col: u32,
    pub text: String,
}

/// How a header row maps onto a schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderMap {
    /// Field index → the column that holds it.
    pub columns: Vec<Option<u32>>,
    /// Field index → the header as written.
    pub written: Vec<Option<String>>,
    /// Required fields with no column.
    pub missing: Vec<usize>,
    /// Columns whose header names a field that already has a column:
    /// (field, first column, this column).
    pub duplicates: Vec<(usize, u32, u32)>,
    /// Columns with a header that names no field.
    pub unknown: Vec<HeaderCell>,
    /// Columns of a series field (its `header_pattern`): (field, column).
    pub series: Vec<(usize, HeaderCell)>,
    /// How many fields were found (for schema detection).
    pub matched: usize,
    /// How many of them are required.
    pub matched_required: usize,
}

/// Maps header cells onto a schema's fields.
pub fn map_header(schema: &Schema, index: &HeaderIndex, cells: &[HeaderCell]) -> HeaderMap {
    let n = schema.fields.len();
    let mut map = HeaderMap {
        columns: vec![None; n],
        written: vec![None; n],
        ..HeaderMap::default()
    };
    // Years seen per field, to move "Takst 2016" beside "Takst 2017" to the
    // field that is last year's value.
    let mut year_of: Vec<Option<u16>> = vec![None; n];
    for cell in cells {
        let key = header_key(&cell.text);
        if key.key.is_empty() {
            continue;
        }
        let Some(mut field) = index.by_key.get(&key.key).copied() else {
            let series = schema.fields.iter().position(|f| {
                f.header_pattern
                    .as_deref()
                    .is_some_and(|p| pattern_matches(p, &key.key))
            });
            match series {
                Some(field) => map.series.push((field, cell.clone())),
                None => map.unknown.push(cell.clone()),
            }
            continue;
        };
        if let Some(first_col) = map.columns.get(field).copied().flatten() {
            let previous_field = schema.fields.iter().position(|f| {
                f.previous_of.as_deref() == schema.fields.get(field).map(|f| f.name.as_str())
            });
            let first_year = year_of.get(field).copied().flatten();
            match (previous_field, first_year, key.year) {
                (Some(prev), Some(y1), Some(y2))
                    if y1 != y2 && map.columns.get(prev).copied().flatten().is_none() =>
                {
                    if y2 < y1 {
                        field = prev;
                    } else {
                        // The earlier column was last year's: move it.
                        set(&mut map.columns, prev, Some(first_col));
                        let first_written = map.written.get(field).cloned().flatten();
                        set(&mut map.written, prev, first_written);
                        set(&mut map.columns, field, None);
                    }
                }
                _ => {
                    map.duplicates.push((field, first_col, cell.col));
                    continue;
                }
            }
        }
        set(&mut map.columns, field, Some(cell.col));
        set(&mut map.written, field, Some(cell.text.trim().to_string()));
        set(&mut year_of, field, key.year);
    }
    for (i, field) in schema.fields.iter().enumerate() {
        let present = map.columns.get(i).copied().flatten().is_some()
            || map.series.iter().any(|(f, _)| *f == i);
        if present {
            map.matched += 1;
            if field.required {
                map.matched_required += 1;
            }
        } else if field.required {
            map.missing.push(i);
        }
    }
    map
}

/// Whether a normalised header matches a series pattern: `#` is a digit,
/// every other character stands for itself ("####k#" matches "2017k1").
pub fn pattern_matches(pattern: &str, key: &str) -> bool {
    pattern.chars().count() == key.chars().count()
        && pattern.chars().zip(key.chars()).all(|(p, k)| match p {
            '#' => k.is_ascii_digit(),
            p => p == k,
        })
}

fn set<T>(v: &mut [T], i: usize, value: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = value;
    }
}

/// Whether a mapped header row is good enough to call it the header of this
/// schema: at least two required fields, and at least half of them.
pub fn is_header(schema: &Schema, map: &HeaderMap) -> bool {
    let required = schema.required_count();
    map.matched_required >= 2.min(required)
        && map.matched_required * 2 >= required
        && map.matched >= 2
}

/// How well a header row fits a schema, for choosing between schemas:
/// the share of required fields found, then the number of fields found.
pub fn score(schema: &Schema, map: &HeaderMap) -> (u32, usize) {
    let required = schema.required_count().max(1);
    let share = (map.matched_required * 1000 / required) as u32;
    (share, map.matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_patterns() {
        assert!(pattern_matches("####k#", &header_key("2017K1").key));
        assert!(!pattern_matches("####k#", &header_key("2017").key));
        assert!(!pattern_matches("####k#", &header_key("2017K12").key));
        assert!(pattern_matches("####", "2017"));
    }

    #[test]
    fn header_keys() {
        for (header, key, year) in [
            ("Takst", "takst", None),
            ("TAKST 2017", "takst", Some(2017)),
            ("Takst 2017 (kr.)", "takst", Some(2017)),
            ("Takst (kr)", "takst", None),
            ("Takst i kr.", "takst", None),
            ("Takst forrige år", "takstforrigeaar", None),
            ("Takst\nforrige  aar", "takstforrigeaar", None),
            ("Belægningsprocent %", "belaegningsprocent", None),
            ("Belægning i %", "belaegning", None),
            ("Belaegningsprocent (pct.)", "belaegningsprocent", None),
            ("Tilbuds-ID", "tilbudsid", None),
            ("Tilbudsnr.", "tilbudsnr", None),
            ("Målgruppe", "maalgruppe", None),
            ("Udgift januar 2017, kr.", "udgiftjanuar", Some(2017)),
            (
                "Forstærket samarbejde (ja/nej)",
                "forstaerketsamarbejde",
                None,
            ),
            ("Antal dage", "antaldage", None),
            ("År", "aar", None),
            ("2017", "2017", None),
            ("Takst 1850", "takst1850", None),
        ] {
            let got = header_key(header);
            assert_eq!(got.key, key, "{header:?}");
            assert_eq!(got.year, year, "{header:?}");
        }
    }
}
