//! Reference lookups of one field (kommune, driftsherre, paragraph,
//! target group): the last one remembered, the others cached by text.

use super::{Fail, FieldParser};
use crate::input::Cell;
use crate::schema::FieldType;
use crate::text::trim;
use crate::values::reference::{MaalgruppeId, ParagrafId, Party};
use crate::values::typed::Value;
use crate::values::ValueError;
use std::borrow::Cow;

/// Distinct raw values remembered per field for reference lookups; beyond
/// this a file's values are looked up without the cache.
const CACHE_LIMIT: usize = 4096;

/// A cached reference lookup (only what the value keeps: a party's unit
/// is read again where it is needed).
#[derive(Debug, Clone, Copy)]
pub(super) enum ReferenceLookup {
    Party(Party),
    Paragraf(ParagrafId),
    Maalgruppe(MaalgruppeId),
}

/// The longest text the last lookup is remembered for.
pub(super) const MEMO_BYTES: usize = 24;

/// The last reference lookup of a field: a column often holds one value
/// row after row (the kommune's own name, one paragraph), and comparing a
/// few bytes is cheaper than hashing them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Memo {
    text: [u8; MEMO_BYTES],
    len: usize,
    found: Result<ReferenceLookup, ValueError>,
}

impl Memo {
    fn of(text: &str, found: Result<ReferenceLookup, ValueError>) -> Option<Memo> {
        let mut memo = Memo {
            text: [0; MEMO_BYTES],
            len: text.len(),
            found,
        };
        memo.text
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(memo)
    }

    fn is(&self, text: &str) -> bool {
        self.text.get(..self.len) == Some(text.as_bytes())
    }
}

impl FieldParser<'_> {
    pub(super) fn lookup<'a>(&mut self, cell: Cell<'a>) -> Result<Value<'a>, Fail> {
        let written: Cow<'a, str> = match cell {
            Cell::Text(s) => Cow::Borrowed(trim(s)),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Float(f) => Cow::Owned(f.to_string()),
            _ => return Err(Fail::WrongCell),
        };
        let found = match self.memo.filter(|m| m.is(&written)) {
            Some(memo) => memo.found,
            None => {
                let found = self.lookup_cached(&written);
                self.memo = Memo::of(&written, found);
                found
            }
        }?;
        Ok(match found {
            ReferenceLookup::Party(party) => Value::Party { party, written },
            ReferenceLookup::Paragraf(p) => Value::Paragraf(p),
            ReferenceLookup::Maalgruppe(m) => Value::Maalgruppe(m),
        })
    }

    fn lookup_cached(&mut self, written: &str) -> Result<ReferenceLookup, ValueError> {
        if let Some(hit) = self.cache.get(written) {
            return *hit;
        }
        let party = |m: crate::values::reference::PartyMatch| ReferenceLookup::Party(m.party);
        let fresh = match self.field.kind {
            FieldType::Kommune => self.reference.kommune(written).map(party),
            FieldType::Driftsherre => self.reference.party(written).map(party),
            FieldType::Paragraf => self
                .reference
                .paragraf(written)
                .map(ReferenceLookup::Paragraf),
            _ => self
                .reference
                .maalgruppe(written)
                .map(ReferenceLookup::Maalgruppe),
        };
        if self.cache.len() < CACHE_LIMIT {
            self.cache.insert(Box::from(written), fresh);
        }
        fresh
    }
}
