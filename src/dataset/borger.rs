//! Borgerliste rows as records: what comparing two Januaries needs, kept
//! small because a year can hold a million rows (the row's other fields
//! have been checked by validation already).

use super::short_text::ShortText;
use super::{Record, Source};
use crate::schema::Schema;
use crate::values::reference::{ParagrafId, Party, Reference};
use crate::values::typed::{TypedRow, Value};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// One row of a borgerliste: a citizen in an offer in January.
#[derive(Debug, Clone, PartialEq)]
pub struct CitizenRow {
    /// Kept in the row (see `ShortText`).
    pub personkode: ShortText,
    /// Shared by the rows of the offer (a year has a million rows and a
    /// few hundred offers).
    pub tilbudsnr: Arc<str>,
    pub udgift: Decimal,
    /// A 128-bit fingerprint of the matching key (Personkode, Tilbudsnr,
    /// Paragraf), computed while loading so that comparing two Januaries
    /// of a million rows hashes integers, not strings.
    pub match_key: u128,
    /// The row in its file.
    pub row: u32,
    /// The betalingskommune's code.
    pub betalingskommune: u16,
    pub paragraf: ParagrafId,
    /// Days in the offer in January (the Dage column), when given; it
    /// fits in the row's padding, so the row does not grow.
    pub dage: Option<u8>,
}

impl CitizenRow {
    /// A row from its parts (the fingerprints are computed here).
    pub fn new(
        personkode: &str,
        tilbudsnr: &str,
        paragraf: ParagrafId,
        betalingskommune: u16,
        udgift: Decimal,
        row: u32,
    ) -> CitizenRow {
        CitizenRow::of_offer(
            personkode,
            Arc::from(tilbudsnr),
            paragraf,
            betalingskommune,
            udgift,
            row,
            None,
        )
    }

    /// A row whose match key may be known already (see
    /// [`CitizenPlan::key_is_match`]).
    fn of_offer(
        personkode: &str,
        tilbudsnr: Arc<str>,
        paragraf: ParagrafId,
        betalingskommune: u16,
        udgift: Decimal,
        row: u32,
        match_key: Option<u128>,
    ) -> CitizenRow {
        CitizenRow {
            personkode: ShortText::new(personkode),
            match_key: match_key.unwrap_or_else(|| {
                fingerprint(&[
                    personkode.as_bytes(),
                    tilbudsnr.as_bytes(),
                    &paragraf.index().to_le_bytes(),
                ])
            }),
            tilbudsnr,
            udgift,
            row,
            betalingskommune,
            paragraf,
            dage: None,
        }
    }

    /// A 128-bit fingerprint of the Personkode (computed when asked: the
    /// row stays at 96 bytes).
    pub fn person_key(&self) -> u128 {
        fingerprint(&[self.personkode.as_bytes()])
    }

    /// The row with its Dage.
    pub fn with_dage(mut self, dage: Option<u8>) -> CitizenRow {
        self.dage = dage;
        self
    }
}

/// Two independent 64-bit hashes of some bytes: a fingerprint whose chance
/// of a collision among a million values is about one in 10^26.
pub fn fingerprint(parts: &[&[u8]]) -> u128 {
    use std::hash::{BuildHasher, Hasher};
    let mut a = foldhash::quality::FixedState::with_seed(0x0bed_0001).build_hasher();
    let mut b = foldhash::quality::FixedState::with_seed(0x0bed_0002).build_hasher();
    for part in parts {
        for h in [&mut a, &mut b] {
            h.write(part);
            h.write_u8(0xff);
        }
    }
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// Field indices of a borgerliste schema.
pub struct CitizenPlan {
    personkode: usize,
    betalingskommune: usize,
    tilbudsnr: usize,
    paragraf: usize,
    udgift: usize,
    dage: Option<usize>,
    /// The offer numbers seen, each once.
    offers: RefCell<HashSet<Arc<str>, foldhash::fast::FixedState>>,
    /// Whether the schema's key is the match key (Personkode, Tilbudsnr,
    /// Paragraf): then the key check's fingerprint of a row is its match
    /// key, and the row is not hashed again. Both Januaries are read with
    /// the same schema, so their keys are fingerprinted alike.
    key_is_match: bool,
}

impl CitizenPlan {
    /// The offer number shared by every row of the offer.
    fn offer(&self, tilbudsnr: &str) -> Arc<str> {
        let mut offers = self.offers.borrow_mut();
        if let Some(known) = offers.get(tilbudsnr) {
            return known.clone();
        }
        let new: Arc<str> = Arc::from(tilbudsnr);
        offers.insert(new.clone());
        new
    }
}

impl Record for CitizenRow {
    const SCHEMA: &'static str = "borgerliste";
    type Plan = CitizenPlan;

    fn plan(schema: &Schema) -> Option<CitizenPlan> {
        let f = |name: &str| schema.field_index(name);
        Some(CitizenPlan {
            personkode: f("personkode")?,
            betalingskommune: f("betalingskommune")?,
            tilbudsnr: f("tilbudsnr")?,
            paragraf: f("paragraf")?,
            udgift: f("udgift")?,
            dage: f("dage"),
            offers: RefCell::default(),
            key_is_match: schema.key.iter().map(String::as_str).eq([
                "personkode",
                "tilbudsnr",
                "paragraf",
            ]),
        })
    }

    fn build(
        plan: &CitizenPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        _: &Reference,
    ) -> Option<CitizenRow> {
        let kommune = match row.get(plan.betalingskommune)? {
            Value::Party {
                party: Party::Kommune(code),
                ..
            } => *code,
            _ => return None,
        };
        let paragraf = match row.get(plan.paragraf)? {
            Value::Paragraf(p) => *p,
            _ => return None,
        };
        // Validation keeps Dage within 0–31.
        let dage = plan
            .dage
            .and_then(|i| row.get(i))
            .and_then(Value::as_number)
            .and_then(|d| rust_decimal::prelude::ToPrimitive::to_u8(&d));
        Some(
            CitizenRow::of_offer(
                row.get(plan.personkode)?.as_text()?,
                plan.offer(row.get(plan.tilbudsnr)?.as_text()?),
                paragraf,
                kommune,
                row.get(plan.udgift)?.as_number()?,
                source.row,
                match (plan.key_is_match, row.key) {
                    (true, Some(w)) => Some(
                        w.iter()
                            .rev()
                            .fold(0u128, |key, &word| (key << 32) | u128::from(word)),
                    ),
                    // Never for a row without errors (its key parts are
                    // required); were it to happen, the row is left out and
                    // listed rather than keyed another way than the rest.
                    (true, None) => return None,
                    (false, _) => None,
                },
            )
            .with_dage(dage),
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dage_does_not_grow_the_row() {
        // A million rows a year: the row stays at 96 bytes.
        assert!(std::mem::size_of::<super::CitizenRow>() <= 96);
    }
}
