//! Reference data: the 98 kommuner and 5 regions, the legal bases
//! (paragraffer) and the target groups (målgrupper), loaded from the TOML
//! files in `data-schema/`, and the lookups that turn what people write
//! ("Aalborg Kommune", "851", "Vesthimmerland", "Servicelovens § 107",
//! "autisme") into one id.
//!
//! Lookups run for every row of large files: every name is folded once at
//! load time into a map, an exact match of a name as written in the data needs
//! no allocation, and everything else costs one fold of the input.
//!
//! Here: the reference types and the lookups; `load.rs` reads and checks
//! the TOML files; `written.rs` reads a written paragraph.

mod load;
#[cfg(test)]
mod tests;
mod written;

use super::ValueError;
use crate::text::{fold, fold_words};
use serde::Deserialize;
use std::collections::HashMap;
use written::{parse_paragraf_text, WrittenParagraf};

type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Who an offer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Children and young people.
    Boern,
    /// Adults.
    Voksne,
    /// Both.
    Begge,
}

/// The laws a paragraph may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum Law {
    /// Serviceloven (lov om social service).
    #[serde(rename = "SEL")]
    Sel,
    /// Barnets lov (from 1 January 2024).
    #[serde(rename = "BL")]
    Bl,
    /// Almenboligloven (lov om almene boliger).
    #[serde(rename = "ABL")]
    Abl,
    /// Sundhedsloven.
    #[serde(rename = "SUL")]
    Sul,
    /// Lov om specialundervisning for voksne.
    #[serde(rename = "LSV")]
    Lsv,
    /// Folkeskoleloven.
    #[serde(rename = "FSL")]
    Fsl,
    /// Lov om ungdomsuddannelse for unge med særlige behov (STU).
    #[serde(rename = "STU")]
    Stu,
    /// Lov om behandlings- og specialundervisningstilbud til børn og unge
    /// (lov nr. 1532 af 12. december 2023, from 1 January 2024).
    #[serde(rename = "LBS")]
    Lbs,
}

impl Law {
    /// The abbreviation used in labels ("SEL").
    pub fn abbreviation(self) -> &'static str {
        match self {
            Law::Sel => "SEL",
            Law::Bl => "BL",
            Law::Abl => "ABL",
            Law::Sul => "SUL",
            Law::Lsv => "LSV",
            Law::Fsl => "FSL",
            Law::Stu => "STU",
            Law::Lbs => "LBS",
        }
    }

    /// The law's Danish name.
    pub fn name_da(self) -> &'static str {
        match self {
            Law::Sel => "Serviceloven",
            Law::Bl => "Barnets lov",
            Law::Abl => "Almenboligloven",
            Law::Sul => "Sundhedsloven",
            Law::Lsv => "Lov om specialundervisning for voksne",
            Law::Fsl => "Folkeskoleloven",
            Law::Stu => "Lov om ungdomsuddannelse for unge med særlige behov",
            Law::Lbs => "Lov om behandlings- og specialundervisningstilbud til børn og unge",
        }
    }

    /// A law used as a whole, without paragraph numbers (LSV, STU, LBS).
    pub fn whole(self) -> bool {
        matches!(self, Law::Lsv | Law::Stu | Law::Lbs)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The official region code (1081–1085).
    pub code: u16,
    /// "Region Nordjylland".
    pub name: String,
    /// "Nordjylland".
    pub short: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kommune {
    /// The official 3-digit kommune code.
    pub code: u16,
    /// The official short name ("Aalborg", "Vesthimmerlands").
    pub name: String,
    /// The code of its region.
    pub region: u16,
    pub aliases: Vec<String>,
}

/// A driftsherre: a kommune or a region, by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    Kommune(u16),
    Region(u16),
}

/// A resolved party and the unit written after its name ("Aalborg ÆH" is
/// Aalborg with unit "ÆH"), kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyMatch {
    pub party: Party,
    pub unit: Option<String>,
}

/// A legal basis, as an index into the loaded table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParagrafId(u16);

impl ParagrafId {
    /// The position in the loaded table (stable for one run only).
    pub fn index(self) -> u16 {
        self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraf {
    pub id: ParagrafId,
    pub law: Law,
    /// "107", "101a"; empty for a law used as a whole (LSV).
    pub number: String,
    /// Only where the stykke matters (FSL § 20, stk. 3).
    pub stk: Option<u8>,
    /// "SEL §107".
    pub label: String,
    /// A short Danish description.
    pub description: String,
    pub group: Group,
    /// The paragraph this one replaced (BL §83 replaced SEL §32).
    pub erstatter: Option<ParagrafId>,
}

/// A target group, as an index into the loaded table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MaalgruppeId(u16);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Maalgruppe {
    pub id: MaalgruppeId,
    /// The name shown in reports.
    pub name: String,
    pub aliases: Vec<String>,
    pub group: Group,
}

/// Why the reference data could not be loaded. `part` names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("{part}: not valid TOML for reference data: {message}")]
    Toml { part: &'static str, message: String },
    #[error("{part}: {message}")]
    Invalid { part: &'static str, message: String },
    #[error("{part}: cannot read the file: {message}")]
    Read { part: &'static str, message: String },
}

/// The loaded reference data and its lookup maps.
#[derive(Debug, Clone)]
pub struct Reference {
    regions: Vec<Region>,
    kommuner: Vec<Kommune>,
    paragraffer: Vec<Paragraf>,
    maalgrupper: Vec<Maalgruppe>,
    /// Names and codes exactly as written in the data.
    party_exact: Map<String, Party>,
    /// Folded names (see `fold_words`) and codes.
    party_keys: Map<String, Party>,
    /// The most words in a party key, to bound the prefix search.
    party_max_words: usize,
    paragraf_exact: Map<String, ParagrafId>,
    paragraf_keys: Map<(Law, String, Option<u8>), ParagrafId>,
    maalgruppe_exact: Map<String, MaalgruppeId>,
    maalgruppe_keys: Map<String, MaalgruppeId>,
}

/// Words that may stand around a kommune's name without changing it.
fn is_kommune_word(folded: &str) -> bool {
    matches!(folded, "kommune" | "kommunes")
}

impl Reference {
    // ----- parties -----

    /// A kommune or region as people write it: name, code, alias, with or
    /// without "Kommune", and an optional unit after the name ("Aalborg ÆH").
    /// The longest known name wins.
    pub fn party(&self, s: &str) -> Result<PartyMatch, ValueError> {
        let t = s.trim();
        if let Some(party) = self.party_exact.get(t) {
            return Ok(PartyMatch {
                party: *party,
                unit: None,
            });
        }
        // Words of the original with their byte start, folded for matching;
        // "Kommune" words are dropped.
        let mut words: Vec<(usize, String)> = Vec::new();
        let mut start = None;
        for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    let word = t.get(st..i).unwrap_or_default();
                    let mut folded = fold(word);
                    if folded.bytes().all(|b| b.is_ascii_digit()) {
                        let trimmed = folded.trim_start_matches('0');
                        folded = if trimmed.is_empty() { "0" } else { trimmed }.to_string();
                    }
                    if !is_kommune_word(&folded) {
                        words.push((st, folded));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        let max = words.len().min(self.party_max_words);
        let mut key = String::new();
        for k in (1..=max).rev() {
            key.clear();
            for (n, (_, w)) in words.iter().take(k).enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(w);
            }
            if let Some(party) = self.party_keys.get(&key) {
                let unit = words.get(k).and_then(|(st, _)| {
                    let rest = t
                        .get(*st..)
                        .unwrap_or_default()
                        .trim_end_matches(|c: char| !c.is_alphanumeric());
                    (!rest.is_empty()).then(|| rest.to_string())
                });
                return Ok(PartyMatch {
                    party: *party,
                    unit,
                });
            }
        }
        Err(ValueError::UnknownParty)
    }

    /// Like [`Reference::party`], for a field where only a kommune may stand.
    pub fn kommune(&self, s: &str) -> Result<PartyMatch, ValueError> {
        match self.party(s) {
            Ok(PartyMatch {
                party: Party::Region(_),
                ..
            }) => Err(ValueError::RegionNotAllowed),
            Ok(m) => Ok(m),
            Err(_) => Err(ValueError::UnknownKommune),
        }
    }

    pub fn kommune_info(&self, code: u16) -> Option<&Kommune> {
        self.kommuner
            .binary_search_by_key(&code, |k| k.code)
            .ok()
            .and_then(|i| self.kommuner.get(i))
    }

    pub fn region_info(&self, code: u16) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// "Aalborg", "Region Nordjylland"; the code for an unknown one.
    pub fn display_name(&self, party: &Party) -> String {
        match *party {
            Party::Kommune(code) => self
                .kommune_info(code)
                .map_or_else(|| code.to_string(), |k| k.name.clone()),
            Party::Region(code) => self
                .region_info(code)
                .map_or_else(|| code.to_string(), |r| r.name.clone()),
        }
    }

    /// The kommuner of a region given as people write it ("Nordjylland",
    /// "Region Nordjylland", "1081"), by code; None when it is not a region.
    pub fn kommuner_in_region(&self, name: &str) -> Option<Vec<&Kommune>> {
        match self.party(name).ok()?.party {
            Party::Region(code) => {
                Some(self.kommuner.iter().filter(|k| k.region == code).collect())
            }
            Party::Kommune(_) => None,
        }
    }

    pub fn kommuner(&self) -> impl Iterator<Item = &Kommune> {
        self.kommuner.iter()
    }

    pub fn regions(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter()
    }

    // ----- paragraphs -----

    /// A legal basis as people write it: "§107", "107", "SEL § 107",
    /// "Servicelovens § 107", "§107 stk. 1", "ABL 105", "Barnets lov § 83",
    /// "LSV", "Folkeskolelovens § 20, stk. 3", "101a". A bare number is SEL.
    pub fn paragraf(&self, s: &str) -> Result<ParagrafId, ValueError> {
        let t = s.trim();
        if let Some(id) = self.paragraf_exact.get(t) {
            return Ok(*id);
        }
        let written = parse_paragraf_text(t).ok_or(ValueError::UnknownParagraf)?;
        self.resolve_paragraf(written)
            .ok_or(ValueError::UnknownParagraf)
    }

    fn resolve_paragraf(&self, w: WrittenParagraf) -> Option<ParagrafId> {
        let law = w.law.unwrap_or(Law::Sel);
        if law.whole() {
            return self
                .paragraf_keys
                .get(&(law, w.number.unwrap_or_default(), w.stk))
                .or_else(|| self.paragraf_keys.get(&(law, String::new(), None)))
                .copied();
        }
        let number = w.number?;
        if let Some(id) = self.paragraf_keys.get(&(law, number.clone(), w.stk)) {
            return Some(*id);
        }
        if w.stk.is_some() {
            // "§107 stk. 1": the stykke does not matter for SEL §107.
            return self.paragraf_keys.get(&(law, number, None)).copied();
        }
        // "FSL §20": the one stykke we know of.
        let mut with_stk = self
            .paragraffer
            .iter()
            .filter(|p| p.law == law && p.number == number && p.stk.is_some());
        match (with_stk.next(), with_stk.next()) {
            (Some(p), None) => Some(p.id),
            _ => None,
        }
    }

    pub fn paragraf_info(&self, id: ParagrafId) -> Option<&Paragraf> {
        self.paragraffer.get(usize::from(id.0))
    }

    pub fn paragraffer(&self) -> impl Iterator<Item = &Paragraf> {
        self.paragraffer.iter()
    }

    // ----- target groups -----

    /// A target group by name or alias, case, æøå and punctuation ignored.
    pub fn maalgruppe(&self, s: &str) -> Result<MaalgruppeId, ValueError> {
        if let Some(id) = self.maalgruppe_exact.get(s.trim()) {
            return Ok(*id);
        }
        self.maalgruppe_keys
            .get(&fold_words(s))
            .copied()
            .ok_or(ValueError::UnknownMaalgruppe)
    }

    pub fn maalgruppe_info(&self, id: MaalgruppeId) -> Option<&Maalgruppe> {
        self.maalgrupper.get(usize::from(id.0))
    }

    pub fn maalgrupper(&self) -> impl Iterator<Item = &Maalgruppe> {
        self.maalgrupper.iter()
    }
}
