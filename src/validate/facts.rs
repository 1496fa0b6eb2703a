//! What the checks across files need to know about one file, gathered
//! while it is validated: the years it is from, its keys, and the offers
//! and tariffs a takstindberetning reports or a borgerliste bills. Kept
//! compact: a borgerliste of a million rows costs 24 bytes a key, and its
//! offers are grouped by (Tilbudsnr, Paragraf, Takst), not kept per row.

use super::billed::{BilledOffers, Place, Probe};
use crate::schema::{FieldType, Schema};
use crate::values::reference::ParagrafId;
use crate::values::typed::{Slot, Value};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Rows remembered per billed offer for findings; beyond this they are
/// only counted.
pub const ROWS_PER_OFFER: usize = 1000;

/// The keys of one recognised sheet.
#[derive(Debug, Clone)]
pub struct SheetKeys {
    pub sheet: Option<Arc<str>>,
    pub schema: String,
    /// The column of the key's first field, where a finding points.
    pub col: Option<u32>,
    /// The header of that column as written.
    pub column: Option<String>,
    /// The key's fields by their headers ("Tilbudsnr, Paragraf og Taksttype").
    pub names: String,
    /// (fingerprint, row) of each key's first row in the sheet.
    pub rows: super::keytable::KeyTable,
}

/// A billed offer of a borgerliste: its rows and where their cells are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Billed {
    /// (sheet, row) of the first rows.
    pub rows: Vec<(Option<Arc<str>>, u32)>,
    /// All rows, also those not remembered.
    pub count: u64,
    pub tilbudsnr_col: Option<u32>,
    pub takst_col: Option<u32>,
    pub tilbudsnr_header: String,
    pub takst_header: String,
}

/// Everything gathered about one file.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// Distinct values of the file's year fields (År), at most a few.
    pub row_years: BTreeSet<i32>,
    /// The first 4-digit year in the title rows above a header, or in a
    /// sheet's name ("Januar 2017").
    pub title_year: Option<i32>,
    pub keys: Vec<SheetKeys>,
    /// A takstindberetning's tariffs: (Tilbudsnr, Paragraf, Takst).
    pub tariffs: Vec<(String, ParagrafId, Decimal)>,
    /// A borgerliste's offers: (Tilbudsnr, Paragraf, Takst) → rows.
    billed: BilledOffers,
    /// Whether the offers are gathered: only when the run has another
    /// file, which may be a takstindberetning to hold them to.
    offers_wanted: bool,
}

/// A billed offer: (Tilbudsnr, Paragraf, Takst).
pub type BilledKey = (String, Option<ParagrafId>, Option<Decimal>);

/// Where a schema's fields that the facts read are: found once per sheet,
/// not by name per row.
#[derive(Debug, Clone, Default)]
pub struct FactFields {
    years: Vec<usize>,
    tilbudsnr: Option<usize>,
    paragraf: Option<usize>,
    takst: Option<usize>,
    /// Which facts the schema's rows give.
    kind: FactKind,
    tilbudsnr_col: Option<u32>,
    takst_col: Option<u32>,
    /// Shared with the places the billed offers keep, so that a row is
    /// told it is read where the one before was by pointers, not texts.
    tilbudsnr_header: Arc<str>,
    takst_header: Arc<str>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum FactKind {
    #[default]
    Other,
    Tariffs,
    Billed,
}

impl FactFields {
    /// The fields of `schema`, with the columns they are in (`field_col`).
    pub fn of(schema: &Schema, field_col: &[Option<u32>]) -> Self {
        let col = |i: Option<usize>| i.and_then(|i| field_col.get(i).copied().flatten());
        let header = |i: Option<usize>| {
            i.and_then(|i| schema.fields.get(i))
                .map_or_else(|| Arc::from(""), |f| Arc::from(f.header.as_str()))
        };
        let tilbudsnr = schema.field_index("tilbudsnr");
        let takst = schema.field_index("takst");
        FactFields {
            years: (0..schema.fields.len())
                .filter(|i| {
                    schema
                        .fields
                        .get(*i)
                        .is_some_and(|f| f.kind == FieldType::Year)
                })
                .collect(),
            tilbudsnr,
            paragraf: schema.field_index("paragraf"),
            takst,
            kind: if schema.name == TARIFF_SCHEMA {
                FactKind::Tariffs
            } else if schema.name == CITIZEN_SCHEMA {
                FactKind::Billed
            } else {
                FactKind::Other
            },
            tilbudsnr_col: col(tilbudsnr),
            takst_col: col(takst),
            tilbudsnr_header: header(tilbudsnr),
            takst_header: header(takst),
        }
    }
}

/// The schema names whose rows the cross-file checks read.
pub const TARIFF_SCHEMA: &str = "takstindberetning";
pub const CITIZEN_SCHEMA: &str = "borgerliste";

/// A plausible year (2000–2100) written in a text: the last one, as in
/// "Takstindberetning 2016/2017" the year reported is the later.
pub fn year_in_text(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| s.parse::<i32>().ok())
        .rfind(|y| (2000..=2100).contains(y))
}

impl FileFacts {
    /// The facts of a file, with its billed offers gathered if
    /// `offers_wanted` (a file validated alone has nothing to hold them
    /// to: the check against the tariffs is across files).
    pub fn new(offers_wanted: bool) -> Self {
        FileFacts {
            offers_wanted,
            ..FileFacts::default()
        }
    }

    /// Whether a borgerliste's offers are gathered.
    pub fn offers_wanted(&self) -> bool {
        self.offers_wanted
    }

    /// A borgerliste row's offer, looked up while the row is checked; give
    /// it to [`FileFacts::observe_row`] if the row is valid.
    pub fn offer_probe(&mut self, fields: &FactFields, slots: &[Slot<'_>]) -> Option<Probe> {
        if fields.kind != FactKind::Billed || !self.offers_wanted {
            return None;
        }
        let (tilbudsnr, paragraf, takst) = offer_of(fields, slots)?;
        Some(self.billed.probe(tilbudsnr, paragraf, takst))
    }

    /// Remembers what a valid row says about the file (`offer`: its
    /// [`FileFacts::offer_probe`]).
    pub fn observe_row(
        &mut self,
        fields: &FactFields,
        slots: &[Slot<'_>],
        offer: Option<Probe>,
        sheet: Option<&Arc<str>>,
        row: u32,
    ) {
        for &field in &fields.years {
            if self.row_years.len() >= 8 {
                break;
            }
            if let Some(year) = slots
                .get(field)
                .and_then(Slot::value)
                .and_then(Value::as_number)
                .and_then(|d| rust_decimal::prelude::ToPrimitive::to_i32(&d.trunc()))
            {
                self.row_years.insert(year);
            }
        }
        if fields.kind == FactKind::Tariffs {
            if let Some((tilbudsnr, Some(p), Some(t))) = offer_of(fields, slots) {
                self.tariffs.push((tilbudsnr.to_string(), p, t));
            }
            return;
        }
        let Some(offer) = offer else { return };
        let same = |place: &Place| {
            place.tilbudsnr_col == fields.tilbudsnr_col
                && place.takst_col == fields.takst_col
                && place.sheet.as_ref() == sheet
                && place.tilbudsnr_header == fields.tilbudsnr_header
                && place.takst_header == fields.takst_header
        };
        self.billed.observe(offer, row, same, || Place {
            sheet: sheet.cloned(),
            tilbudsnr_col: fields.tilbudsnr_col,
            takst_col: fields.takst_col,
            tilbudsnr_header: fields.tilbudsnr_header.clone(),
            takst_header: fields.takst_header.clone(),
        });
    }

    /// A borgerliste's offers, (Tilbudsnr, Paragraf, Takst) with their rows,
    /// in the order first seen.
    pub fn billed(&self) -> Vec<(BilledKey, Billed)> {
        self.billed.offers()
    }
}

/// A row's (Tilbudsnr, Paragraf, Takst), when it has a Tilbudsnr.
fn offer_of<'s>(
    fields: &FactFields,
    slots: &'s [Slot<'_>],
) -> Option<(&'s str, Option<ParagrafId>, Option<Decimal>)> {
    let value = |i: Option<usize>| i.and_then(|i| slots.get(i)).and_then(Slot::value);
    let tilbudsnr = value(fields.tilbudsnr).and_then(Value::as_text)?;
    let paragraf = match value(fields.paragraf) {
        Some(Value::Paragraf(p)) => Some(*p),
        _ => None,
    };
    let takst = value(fields.takst).and_then(Value::as_number);
    Some((tilbudsnr, paragraf, takst))
}

impl FileFacts {
    /// Whether a later part of the same sheet adds up with this one as if
    /// read after it here: at most 8 years are kept (the first seen).
    pub fn can_absorb(&self, later: &FileFacts) -> bool {
        self.row_years.union(&later.row_years).count() <= 8
    }

    /// Adds what a later part of the same sheet showed (its keys and title
    /// year are the sheet's, taken over by the validator): its years, and
    /// its tariffs and billed rows after this part's.
    pub fn absorb(&mut self, later: FileFacts) {
        self.row_years.extend(later.row_years);
        self.tariffs.extend(later.tariffs);
        self.billed.absorb(later.billed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_titles_and_names() {
        for (text, want) in [
            ("Takstindberetning 2017", Some(2017)),
            ("Januar 2016/2017", Some(2017)),
            ("takst_aalborg_2016.xlsx", Some(2016)),
            ("Tilbud 12345", None),
            ("1999 og 2101", None),
            ("20170", None),
            ("", None),
        ] {
            assert_eq!(year_in_text(text), want, "{text:?}");
        }
    }
}

#[cfg(test)]
mod billed_tests {
    use super::*;
    use crate::values::typed::Value;
    use std::borrow::Cow;

    /// A borgerliste row's slots with only Tilbudsnr, Paragraf and Takst.
    fn slots<'a>(
        schema: &Schema,
        nr: &'a str,
        paragraf: ParagrafId,
        takst: Decimal,
    ) -> Vec<Slot<'a>> {
        let mut slots = vec![Slot::Blank; schema.fields.len()];
        let mut set = |name: &str, value: Value<'a>| {
            if let Some(slot) = schema.field_index(name).and_then(|i| slots.get_mut(i)) {
                *slot = Slot::Value(value);
            }
        };
        set("tilbudsnr", Value::Text(Cow::Borrowed(nr)));
        set("paragraf", Value::Paragraf(paragraf));
        set("takst", Value::Number(takst));
        slots
    }

    #[test]
    fn offers_are_gathered_only_when_wanted() {
        let catalog = crate::schema::Catalog::embedded().unwrap();
        let schema = catalog.schema(CITIZEN_SCHEMA).unwrap();
        let p108 = catalog.reference.paragraf("SEL §108").unwrap();
        let cols: Vec<Option<u32>> = (0..schema.fields.len() as u32).map(Some).collect();
        let fields = FactFields::of(schema, &cols);
        for wanted in [false, true] {
            let mut facts = FileFacts::new(wanted);
            for (i, nr) in ["101", "102", "101"].into_iter().enumerate() {
                let slots = slots(schema, nr, p108, Decimal::new(150_000, 2));
                let offer = facts.offer_probe(&fields, &slots);
                assert_eq!(offer.is_some(), wanted);
                facts.observe_row(&fields, &slots, offer, None, i as u32 + 2);
            }
            assert_eq!(facts.billed().len(), if wanted { 2 } else { 0 });
        }
    }

    #[test]
    fn rows_are_grouped_by_tilbudsnr_paragraf_and_takst() {
        let catalog = crate::schema::Catalog::embedded().unwrap();
        let schema = catalog.schema(CITIZEN_SCHEMA).unwrap();
        let p108 = catalog.reference.paragraf("SEL §108").unwrap();
        let p107 = catalog.reference.paragraf("SEL §107").unwrap();
        let cols: Vec<Option<u32>> = (0..schema.fields.len() as u32).map(Some).collect();
        let fields = FactFields::of(schema, &cols);
        let mut facts = FileFacts::new(true);
        let rows = [
            ("101", p108, Decimal::new(150_000, 2)),
            // 1.500 and 1.500,00 are one tariff.
            ("101", p108, Decimal::new(1_500, 0)),
            ("101", p108, Decimal::new(150_001, 2)),
            ("101", p107, Decimal::new(150_000, 2)),
            ("102", p108, Decimal::new(150_000, 2)),
            ("101", p108, Decimal::new(150_000, 2)),
        ];
        for (i, (nr, p, t)) in rows.iter().enumerate() {
            let slots = slots(schema, nr, *p, *t);
            let offer = facts.offer_probe(&fields, &slots);
            facts.observe_row(&fields, &slots, offer, None, i as u32 + 2);
        }
        let billed = facts.billed();
        let got: Vec<(&str, u64, Vec<u32>)> = billed
            .iter()
            .map(|((nr, _, _), b)| (nr.as_str(), b.count, b.rows.iter().map(|r| r.1).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("101", 3, vec![2, 3, 7]),
                ("101", 1, vec![4]),
                ("101", 1, vec![5]),
                ("102", 1, vec![6]),
            ]
        );
    }
}

#[cfg(test)]
mod absorb_tests {
    use super::*;

    #[test]
    fn parts_absorb_while_their_years_are_at_most_eight() {
        let with = |years: std::ops::Range<i32>| FileFacts {
            row_years: years.collect(),
            ..FileFacts::default()
        };
        let first = with(2010..2015);
        assert!(first.can_absorb(&with(2013..2018)), "8 years in all");
        assert!(!first.can_absorb(&with(2013..2019)), "9 years");
        let mut joined = with(2010..2015);
        joined.absorb(with(2013..2018));
        assert_eq!(joined.row_years, (2010..2018).collect());
    }
}
