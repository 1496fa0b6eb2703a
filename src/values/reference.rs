//! Reference data: the 98 kommuner and 5 regions, the legal bases
//! (paragraffer) and the target groups (målgrupper), loaded from the TOML
//! files in `data-schema/`, and the lookups that turn what people write
//! ("Aalborg Kommune", "851", "Vesthimmerland", "Servicelovens § 107",
//! "autisme") into one id.
//!
//! Lookups run for every row of large files: every name is folded once at
//! load time into a map, an exact match of a name as written in the data needs
//! no allocation, and everything else costs one fold of the input.

use super::ValueError;
use crate::text::{fold, fold_words};
use serde::Deserialize;
use std::collections::HashMap;

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

const KOMMUNER: &str = "kommuner.toml";
const PARAGRAFFER: &str = "paragraffer.toml";
const MAALGRUPPER: &str = "maalgrupper.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KommunerFile {
    region: Vec<RegionRow>,
    kommune: Vec<KommuneRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionRow {
    code: u16,
    name: String,
    short: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KommuneRow {
    code: u16,
    name: String,
    region: u16,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParagrafferFile {
    paragraf: Vec<ParagrafRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParagrafRow {
    law: Law,
    number: String,
    #[serde(default)]
    stk: Option<u8>,
    label: String,
    description: String,
    group: Group,
    #[serde(default)]
    erstatter: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MaalgrupperFile {
    maalgruppe: Vec<MaalgruppeRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MaalgruppeRow {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    group: Group,
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

fn invalid(part: &'static str, message: String) -> ReferenceError {
    ReferenceError::Invalid { part, message }
}

/// Inserts a key, refusing one that already means something else.
fn insert_key<K, V>(
    map: &mut Map<K, V>,
    key: K,
    value: V,
    part: &'static str,
    written: &str,
) -> Result<(), ReferenceError>
where
    K: std::hash::Hash + Eq,
    V: PartialEq + Copy + std::fmt::Debug,
{
    match map.get(&key) {
        Some(old) if *old != value => Err(invalid(
            part,
            format!("the name {written:?} is given to both {old:?} and {value:?}"),
        )),
        Some(_) => Ok(()),
        None => {
            map.insert(key, value);
            Ok(())
        }
    }
}

impl Reference {
    /// The reference data shipped with ramme.
    pub fn embedded() -> Result<Reference, ReferenceError> {
        Reference::from_toml(
            include_str!("../../data-schema/kommuner.toml"),
            include_str!("../../data-schema/paragraffer.toml"),
            include_str!("../../data-schema/maalgrupper.toml"),
        )
    }

    /// Loads `kommuner.toml`, `paragraffer.toml` and `maalgrupper.toml` from
    /// a folder (a user's own copy of `data-schema/`).
    pub fn from_dir(dir: &std::path::Path) -> Result<Reference, ReferenceError> {
        let read = |part: &'static str| {
            std::fs::read_to_string(dir.join(part)).map_err(|e| ReferenceError::Read {
                part,
                message: e.to_string(),
            })
        };
        Reference::from_toml(&read(KOMMUNER)?, &read(PARAGRAFFER)?, &read(MAALGRUPPER)?)
    }

    /// Loads and checks the three files' text (unique codes and names, known
    /// regions, `erstatter` naming a known paragraph).
    pub fn from_toml(
        kommuner: &str,
        paragraffer: &str,
        maalgrupper: &str,
    ) -> Result<Reference, ReferenceError> {
        let toml_err = |part: &'static str| {
            move |e: toml::de::Error| ReferenceError::Toml {
                part,
                message: e.message().to_string(),
            }
        };
        let k: KommunerFile = toml::from_str(kommuner).map_err(toml_err(KOMMUNER))?;
        let p: ParagrafferFile = toml::from_str(paragraffer).map_err(toml_err(PARAGRAFFER))?;
        let m: MaalgrupperFile = toml::from_str(maalgrupper).map_err(toml_err(MAALGRUPPER))?;

        let mut reference = Reference {
            regions: Vec::new(),
            kommuner: Vec::new(),
            paragraffer: Vec::new(),
            maalgrupper: Vec::new(),
            party_exact: Map::default(),
            party_keys: Map::default(),
            party_max_words: 1,
            paragraf_exact: Map::default(),
            paragraf_keys: Map::default(),
            maalgruppe_exact: Map::default(),
            maalgruppe_keys: Map::default(),
        };
        reference.load_parties(k)?;
        reference.load_paragraffer(p)?;
        for row in m.maalgruppe {
            reference.push_maalgruppe(row.name, row.aliases, row.group)?;
        }
        Ok(reference)
    }

    fn add_party_name(&mut self, written: &str, party: Party) -> Result<(), ReferenceError> {
        let key = fold_words(written);
        if key.is_empty() {
            return Err(invalid(KOMMUNER, format!("empty name for {party:?}")));
        }
        self.party_max_words = self.party_max_words.max(key.split(' ').count());
        insert_key(&mut self.party_keys, key, party, KOMMUNER, written)?;
        insert_key(
            &mut self.party_exact,
            written.trim().to_string(),
            party,
            KOMMUNER,
            written,
        )
    }

    fn load_parties(&mut self, file: KommunerFile) -> Result<(), ReferenceError> {
        for row in file.region {
            if self.regions.iter().any(|r| r.code == row.code) {
                return Err(invalid(KOMMUNER, format!("region code {} twice", row.code)));
            }
            let party = Party::Region(row.code);
            self.add_party_name(&row.code.to_string(), party)?;
            self.add_party_name(&row.name, party)?;
            self.add_party_name(&row.short, party)?;
            self.add_party_name(&format!("{} region", row.short), party)?;
            for alias in &row.aliases {
                self.add_party_name(alias, party)?;
            }
            self.regions.push(Region {
                code: row.code,
                name: row.name,
                short: row.short,
                aliases: row.aliases,
            });
        }
        for row in file.kommune {
            if !(100..=999).contains(&row.code) {
                return Err(invalid(
                    KOMMUNER,
                    format!("kommune code {} is not 3 digits", row.code),
                ));
            }
            if self.kommuner.iter().any(|k| k.code == row.code) {
                return Err(invalid(
                    KOMMUNER,
                    format!("kommune code {} twice", row.code),
                ));
            }
            if !self.regions.iter().any(|r| r.code == row.region) {
                return Err(invalid(
                    KOMMUNER,
                    format!("kommune {} names unknown region {}", row.code, row.region),
                ));
            }
            let party = Party::Kommune(row.code);
            self.add_party_name(&row.code.to_string(), party)?;
            self.add_party_name(&row.name, party)?;
            for alias in &row.aliases {
                self.add_party_name(alias, party)?;
            }
            self.kommuner.push(Kommune {
                code: row.code,
                name: row.name,
                region: row.region,
                aliases: row.aliases,
            });
        }
        self.kommuner.sort_by_key(|k| k.code);
        Ok(())
    }

    fn load_paragraffer(&mut self, file: ParagrafferFile) -> Result<(), ReferenceError> {
        let mut pending_erstatter = Vec::new();
        for row in file.paragraf {
            let index = u16::try_from(self.paragraffer.len())
                .map_err(|_| invalid(PARAGRAFFER, "too many paragraphs".to_string()))?;
            let id = ParagrafId(index);
            let number = row.number.trim().to_lowercase();
            let key = (row.law, number.clone(), row.stk);
            if self.paragraf_keys.contains_key(&key) {
                return Err(invalid(PARAGRAFFER, format!("{} twice", row.label)));
            }
            self.paragraf_keys.insert(key, id);
            insert_key(
                &mut self.paragraf_exact,
                row.label.trim().to_string(),
                id,
                PARAGRAFFER,
                &row.label,
            )?;
            if row.law == Law::Sel && row.stk.is_none() {
                for written in [
                    format!("§{number}"),
                    format!("§ {number}"),
                    number.clone(),
                    format!("SEL {number}"),
                    format!("SEL § {number}"),
                ] {
                    insert_key(
                        &mut self.paragraf_exact,
                        written,
                        id,
                        PARAGRAFFER,
                        &row.label,
                    )?;
                }
            }
            if let Some(e) = row.erstatter {
                pending_erstatter.push((id, e));
            }
            self.paragraffer.push(Paragraf {
                id,
                law: row.law,
                number,
                stk: row.stk,
                label: row.label,
                description: row.description,
                group: row.group,
                erstatter: None,
            });
        }
        for (id, label) in pending_erstatter {
            let replaced = self
                .paragraffer
                .iter()
                .find(|p| p.label == label)
                .map(|p| p.id)
                .ok_or_else(|| {
                    invalid(
                        PARAGRAFFER,
                        format!("erstatter names {label:?}, which is not in the table"),
                    )
                })?;
            if let Some(p) = self.paragraffer.get_mut(usize::from(id.0)) {
                p.erstatter = Some(replaced);
            }
        }
        Ok(())
    }

    fn push_maalgruppe(
        &mut self,
        name: String,
        aliases: Vec<String>,
        group: Group,
    ) -> Result<(), ReferenceError> {
        let index = u16::try_from(self.maalgrupper.len())
            .map_err(|_| invalid(MAALGRUPPER, "too many target groups".to_string()))?;
        let id = MaalgruppeId(index);
        for written in std::iter::once(&name).chain(&aliases) {
            let key = fold_words(written);
            if key.is_empty() {
                return Err(invalid(MAALGRUPPER, "an empty name".to_string()));
            }
            insert_key(&mut self.maalgruppe_keys, key, id, MAALGRUPPER, written)?;
            insert_key(
                &mut self.maalgruppe_exact,
                written.trim().to_string(),
                id,
                MAALGRUPPER,
                written,
            )?;
        }
        self.maalgrupper.push(Maalgruppe {
            id,
            name,
            aliases,
            group,
        });
        Ok(())
    }

    /// Adds target groups from the configuration; names already known (after
    /// folding) and blank names are skipped. New groups count as `begge`.
    pub fn add_maalgrupper(&mut self, names: &[String]) {
        for name in names {
            let key = fold_words(name);
            if key.is_empty() || self.maalgruppe_keys.contains_key(&key) {
                continue;
            }
            // Cannot conflict: the key was checked just above.
            let _ = self.push_maalgruppe(name.trim().to_string(), Vec::new(), Group::Begge);
        }
    }

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

/// What a paragraph text says, before it is looked up.
#[derive(Debug, Default, PartialEq)]
struct WrittenParagraf {
    law: Option<Law>,
    number: Option<String>,
    stk: Option<u8>,
}

fn law_word(w: &str) -> Option<Law> {
    Some(match w {
        "sel" | "sl" | "serviceloven" | "servicelovens" | "servicelov" | "service" => Law::Sel,
        "bl" | "barnets" | "barnetslov" | "barnetslovs" => Law::Bl,
        "abl" | "almenboligloven" | "almenboliglovens" | "almenboliglov" | "almene" => Law::Abl,
        "sul" | "sundhedsloven" | "sundhedslovens" | "sundhedslov" => Law::Sul,
        "lsv" | "specialundervisningsloven" | "specialundervisningslovens" => Law::Lsv,
        "fsl" | "folkeskoleloven" | "folkeskolelovens" | "folkeskolelov" => Law::Fsl,
        "stu" => Law::Stu,
        "lbs" => Law::Lbs,
        _ => return None,
    })
}

/// Words that carry no meaning in a paragraph text.
fn filler_word(w: &str) -> bool {
    matches!(
        w,
        "lov"
            | "loven"
            | "lovens"
            | "om"
            | "for"
            | "af"
            | "efter"
            | "jf"
            | "i"
            | "udvidet"
            | "paragraf"
            | "paragraffen"
            | "social"
            | "boliger"
            | "m"
            | "v"
    )
}

/// Reads law, number and stykke from a paragraph text; None when the text
/// is not a paragraph (unknown words before the number, two numbers, two
/// laws).
fn parse_paragraf_text(t: &str) -> Option<WrittenParagraf> {
    #[derive(PartialEq)]
    enum Next {
        Number,
        Stk,
        Ignored,
    }
    let folded = fold(t);
    // The laws used as a whole, by their titles: "Lov om ungdomsuddannelse
    // for unge med særlige behov", "Særligt tilrettelagt ungdomsuddannelse",
    // "Lov om behandlings- og specialundervisningstilbud til børn og unge".
    if folded.contains("ungdomsuddannelse") {
        return Some(WrittenParagraf {
            law: Some(Law::Stu),
            ..WrittenParagraf::default()
        });
    }
    if folded.contains("behandlings") && folded.contains("specialundervisningstilbud") {
        return Some(WrittenParagraf {
            law: Some(Law::Lbs),
            ..WrittenParagraf::default()
        });
    }
    let mut out = WrittenParagraf::default();
    let mut next = Next::Number;
    let (mut special_education, mut adults) = (false, false);
    let mut just_numbered = false;
    // Whether a space or punctuation stood between the number and this token.
    let mut gap = false;
    let mut rest = folded.as_str();
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() {
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len())
        } else if c.is_alphabetic() {
            rest.find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len())
        } else {
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
            gap = true;
            continue;
        };
        let token = rest.get(..len).unwrap_or_default();
        rest = rest.get(len..).unwrap_or_default();
        let was_numbered = std::mem::take(&mut just_numbered);
        let separated = std::mem::take(&mut gap);
        if c.is_ascii_digit() {
            match std::mem::replace(&mut next, Next::Number) {
                Next::Stk => out.stk = token.parse().ok(),
                Next::Ignored => {}
                Next::Number if out.number.is_none() => {
                    out.number = Some(token.to_string());
                    just_numbered = true;
                }
                Next::Number => return None,
            }
            continue;
        }
        // A letter suffix right after the number: "101a", "101 a"; but a
        // separated filler word stays a word ("§ 107 i serviceloven",
        // "§ 108 m.v.").
        if was_numbered && token.chars().count() == 1 && !(separated && filler_word(token)) {
            if let Some(n) = out.number.as_mut() {
                n.push_str(token);
                continue;
            }
        }
        if let Some(law) = law_word(token) {
            if out.law.is_some_and(|l| l != law) {
                return None;
            }
            out.law = Some(law);
            continue;
        }
        match token {
            "stk" => next = Next::Stk,
            "nr" | "pkt" => next = Next::Ignored,
            "specialundervisning" => special_education = true,
            "voksne" => adults = true,
            w if filler_word(w) => {}
            // Unknown words before the number mean this is not a paragraph;
            // after it they are a description ("§107 midlertidigt ophold").
            _ if out.number.is_none() => return None,
            _ => {}
        }
    }
    if out.law.is_none() && special_education && adults {
        out.law = Some(Law::Lsv);
    }
    if out.law.is_none() && out.number.is_none() {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference::embedded().unwrap()
    }

    #[test]
    fn kommuner_complete() {
        let r = reference();
        assert_eq!(r.kommuner().count(), 98);
        assert_eq!(r.regions().count(), 5);
        for (region, want) in [(1081, 11), (1082, 19), (1083, 22), (1084, 29), (1085, 17)] {
            let n = r.kommuner().filter(|k| k.region == region).count();
            assert_eq!(n, want, "region {region}");
        }
        let mut codes: Vec<u16> = r.kommuner().map(|k| k.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), 98);
        let mut names: Vec<String> = r.kommuner().map(|k| fold_words(&k.name)).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 98);
        let nord: Vec<(u16, &str)> = r
            .kommuner_in_region("Region Nordjylland")
            .unwrap()
            .into_iter()
            .map(|k| (k.code, k.name.as_str()))
            .collect();
        assert_eq!(
            nord,
            [
                (773, "Morsø"),
                (787, "Thisted"),
                (810, "Brønderslev"),
                (813, "Frederikshavn"),
                (820, "Vesthimmerlands"),
                (825, "Læsø"),
                (840, "Rebild"),
                (846, "Mariagerfjord"),
                (849, "Jammerbugt"),
                (851, "Aalborg"),
                (860, "Hjørring"),
            ]
        );
    }

    #[test]
    fn spot_check_codes() {
        let r = reference();
        for (code, name, region) in [
            (101, "København", 1084),
            (147, "Frederiksberg", 1084),
            (173, "Lyngby-Taarbæk", 1084),
            (169, "Høje-Taastrup", 1084),
            (250, "Frederikssund", 1084),
            (400, "Bornholm", 1084),
            (253, "Greve", 1085),
            (390, "Vordingborg", 1085),
            (430, "Faaborg-Midtfyn", 1083),
            (461, "Odense", 1083),
            (480, "Nordfyns", 1083),
            (492, "Ærø", 1083),
            (630, "Vejle", 1083),
            (615, "Horsens", 1082),
            (751, "Aarhus", 1082),
            (756, "Ikast-Brande", 1082),
            (760, "Ringkøbing-Skjern", 1082),
            (791, "Viborg", 1082),
        ] {
            let k = r.kommune_info(code).unwrap();
            assert_eq!((k.name.as_str(), k.region), (name, region), "{code}");
        }
        assert_eq!(r.kommune_info(999), None);
    }

    #[test]
    fn every_name_and_alias_resolves_to_itself() {
        let r = reference();
        for k in r.kommuner() {
            let want = Party::Kommune(k.code);
            let mut written: Vec<String> = vec![k.code.to_string()];
            for n in std::iter::once(&k.name).chain(&k.aliases) {
                written.push(n.clone());
                written.push(format!("{n} Kommune"));
                written.push(n.to_uppercase());
                written.push(format!("  {}  ", n.to_lowercase()));
            }
            for w in written {
                let m = r.kommune(&w).unwrap_or_else(|e| panic!("{w:?}: {e:?}"));
                assert_eq!(
                    m,
                    PartyMatch {
                        party: want,
                        unit: None
                    },
                    "{w:?}"
                );
            }
        }
        for reg in r.regions() {
            let want = Party::Region(reg.code);
            for n in [&reg.name, &reg.short]
                .into_iter()
                .chain(&reg.aliases)
                .cloned()
                .chain([reg.code.to_string(), format!("{} Region", reg.short)])
            {
                assert_eq!(r.party(&n).map(|m| m.party), Ok(want), "{n:?}");
                assert_eq!(r.kommune(&n), Err(ValueError::RegionNotAllowed), "{n:?}");
            }
        }
    }

    #[test]
    fn party_cases() {
        let r = reference();
        let k = |code, unit: Option<&str>| {
            Ok(PartyMatch {
                party: Party::Kommune(code),
                unit: unit.map(str::to_string),
            })
        };
        for (input, want) in [
            ("Aalborg Kommune", k(851, None)),
            ("aalborg", k(851, None)),
            ("851", k(851, None)),
            ("0851", k(851, None)),
            ("Kommune 851", k(851, None)),
            ("Vesthimmerland", k(820, None)),
            ("Vesthimmerlands Kommune", k(820, None)),
            ("Aalborg ÆH", k(851, Some("ÆH"))),
            ("Aalborg FB", k(851, Some("FB"))),
            ("Aalborg Kommune, ÆH", k(851, Some("ÆH"))),
            (
                "Aalborg - Ældre og Handicap",
                k(851, Some("Ældre og Handicap")),
            ),
            ("Aalborg (FB)", k(851, Some("FB"))),
            ("Frederiksberg", k(147, None)),
            ("Frederikssund", k(250, None)),
            ("Lyngby-Taarbæk", k(173, None)),
            ("Lyngby Taarbaek Kommune", k(173, None)),
            ("Lyngby", k(173, None)),
            ("Høje Tåstrup", k(169, None)),
            ("HOEJE-TAASTRUP", k(169, None)),
            ("Århus", k(751, None)),
            ("Aarhus Kommune", k(751, None)),
            ("Københavns Kommune", k(101, None)),
            ("Bornholms Regionskommune", k(400, None)),
            ("Brønderslev-Dronninglund", k(810, None)),
            ("Brønderslev", k(810, None)),
            ("Ringkøbing-Skjern", k(760, None)),
            ("Nordfyn", k(480, None)),
            ("Faaborg-Midtfyn Kommune", k(430, None)),
            ("Tårnby", k(185, None)),
            ("Taarnby", k(185, None)),
        ] {
            assert_eq!(r.party(input), want, "{input:?}");
        }
        let reg = |code| {
            Ok(PartyMatch {
                party: Party::Region(code),
                unit: None,
            })
        };
        assert_eq!(r.party("Region Nordjylland"), reg(1081));
        assert_eq!(r.party("region nordjylland"), reg(1081));
        assert_eq!(r.party("Nordjylland Region"), reg(1081));
        assert_eq!(r.party("Region Sjaelland"), reg(1085));
        assert_eq!(r.party("1084"), reg(1084));
        assert_eq!(
            r.party("Region Nordjylland Specialsektoren"),
            Ok(PartyMatch {
                party: Party::Region(1081),
                unit: Some("Specialsektoren".to_string())
            })
        );
        for input in ["", "Atlantis", "Kommune", "999", "ÆH Aalborg", "12345"] {
            assert_eq!(r.party(input), Err(ValueError::UnknownParty), "{input:?}");
            assert_eq!(
                r.kommune(input),
                Err(ValueError::UnknownKommune),
                "{input:?}"
            );
        }
        assert_eq!(
            r.kommune("Region Nordjylland"),
            Err(ValueError::RegionNotAllowed)
        );
    }

    #[test]
    fn display_names() {
        let r = reference();
        assert_eq!(r.display_name(&Party::Kommune(851)), "Aalborg");
        assert_eq!(r.display_name(&Party::Region(1081)), "Region Nordjylland");
        assert_eq!(r.display_name(&Party::Kommune(999)), "999");
        assert_eq!(r.region_info(1085).unwrap().short, "Sjælland");
        assert!(r.kommuner_in_region("Aalborg").is_none());
        assert_eq!(r.kommuner_in_region("Sjælland").unwrap().len(), 17);
    }

    #[test]
    fn paragraf_cases() {
        let r = reference();
        let label = |s: &str| -> Result<String, ValueError> {
            r.paragraf(s)
                .map(|id| r.paragraf_info(id).unwrap().label.clone())
        };
        for (input, want) in [
            ("§107", "SEL §107"),
            ("§ 107", "SEL §107"),
            ("107", "SEL §107"),
            ("SEL 107", "SEL §107"),
            ("SEL §107", "SEL §107"),
            ("SEL § 107", "SEL §107"),
            ("sel §107", "SEL §107"),
            ("Servicelovens § 107", "SEL §107"),
            ("serviceloven §107", "SEL §107"),
            ("SL §107", "SEL §107"),
            ("§107 stk. 1", "SEL §107"),
            ("§ 107, stk. 1, nr. 2", "SEL §107"),
            ("§ 107 midlertidigt botilbud", "SEL §107"),
            ("Lov om social service § 108", "SEL §108"),
            ("udvidet § 85", "SEL §85"),
            ("§85", "SEL §85"),
            ("ABL §105", "ABL §105"),
            ("ABL 105", "ABL §105"),
            ("Almenboligloven § 105", "ABL §105"),
            ("Lov om almene boliger § 105", "ABL §105"),
            ("SUL §141", "SUL §141"),
            ("Sundhedsloven § 141", "SUL §141"),
            ("BL §83", "BL §83"),
            ("Barnets lov § 83", "BL §83"),
            ("barnets lov §32", "BL §32"),
            ("BL § 43", "BL §43"),
            ("BL 46", "BL §46"),
            ("LSV", "LSV"),
            ("Lov om specialundervisning for voksne", "LSV"),
            ("Specialundervisning for voksne", "LSV"),
            ("FSL §20 stk. 3", "FSL §20 stk. 3"),
            ("Folkeskolelovens § 20, stk. 3", "FSL §20 stk. 3"),
            ("FSL § 20", "FSL §20 stk. 3"),
            ("101a", "SEL §101a"),
            ("§ 101 a", "SEL §101a"),
            ("SEL §101A", "SEL §101a"),
            ("§101", "SEL §101"),
            ("SEL §32", "SEL §32"),
            ("§ 66", "SEL §66"),
            ("67", "SEL §67"),
            ("§ 36", "SEL §36"),
            ("§ 107 i serviceloven", "SEL §107"),
            ("SEL § 108 m.v.", "SEL §108"),
            ("§108 m.v.", "SEL §108"),
            ("§ 85 i SEL", "SEL §85"),
            ("SEL §99", "SEL §99"),
            ("§ 99", "SEL §99"),
            ("Servicelovens § 112", "SEL §112"),
            ("BL §82", "BL §82"),
            ("Barnets lov § 84", "BL §84"),
            ("STU", "STU"),
            ("stu", "STU"),
            ("Lov om ungdomsuddannelse for unge med særlige behov", "STU"),
            ("Særligt tilrettelagt ungdomsuddannelse", "STU"),
            ("LBS", "LBS"),
            (
                "Lov om behandlings- og specialundervisningstilbud til børn og unge",
                "LBS",
            ),
            ("Behandlings- og specialundervisningstilbud", "LBS"),
        ] {
            assert_eq!(label(input), Ok(want.to_string()), "{input:?}");
        }
        for input in [
            "",
            "§",
            "§ 999",
            "SEL §999",
            "BL §107",
            "ABL §107",
            "FSL §20 stk. 2",
            "§§ 107-108",
            "107 og 108",
            "SEL BL 107",
            "hjemmehjælp",
            "foo 107",
            "BL",
            "Specialundervisning",
            "§ 107 b",
        ] {
            assert_eq!(
                r.paragraf(input),
                Err(ValueError::UnknownParagraf),
                "{input:?}"
            );
        }
    }

    #[test]
    fn paragraf_info_and_erstatter() {
        let r = reference();
        let id = r.paragraf("BL §83").unwrap();
        let p = r.paragraf_info(id).unwrap();
        assert_eq!(p.law, Law::Bl);
        assert_eq!(p.number, "83");
        assert_eq!(p.group, Group::Boern);
        let old = r.paragraf_info(p.erstatter.unwrap()).unwrap();
        assert_eq!(old.label, "SEL §32");
        let sel107 = r.paragraf_info(r.paragraf("107").unwrap()).unwrap();
        assert_eq!(sel107.description, "Midlertidigt botilbud");
        assert_eq!(sel107.group, Group::Voksne);
        assert_eq!(sel107.erstatter, None);
        for required in [
            "SEL §32",
            "SEL §36",
            "SEL §52",
            "SEL §66",
            "SEL §67",
            "SEL §83",
            "SEL §84",
            "SEL §85",
            "SEL §101",
            "SEL §102",
            "SEL §103",
            "SEL §104",
            "SEL §107",
            "SEL §108",
            "SEL §109",
            "SEL §110",
            "ABL §105",
            "SUL §141",
            "LSV",
            "FSL §20 stk. 3",
        ] {
            assert!(r.paragraffer().any(|p| p.label == required), "{required}");
        }
        for (new, old) in [
            ("BL §83", "SEL §32"),
            ("BL §32", "SEL §52"),
            ("BL §43", "SEL §66"),
            ("BL §46", "SEL §52"),
        ] {
            let p = r.paragraf_info(r.paragraf(new).unwrap()).unwrap();
            let e = r.paragraf_info(p.erstatter.unwrap()).unwrap();
            assert_eq!(e.label, old, "{new}");
        }
    }

    #[test]
    fn maalgruppe_cases() {
        let r = reference();
        let name = |s: &str| {
            r.maalgruppe(s)
                .map(|id| r.maalgruppe_info(id).unwrap().name.clone())
        };
        for (input, want) in [
            ("Autister", "Autister"),
            ("autisme", "Autister"),
            ("ASF", "Autister"),
            ("Udviklingshæmning", "Udviklingshæmmede"),
            ("psykisk udviklingshaemmede", "Udviklingshæmmede"),
            ("Psykisk syge", "Sindslidende"),
            ("Psykiatri", "Sindslidende"),
            ("Erhvervet hjerneskade", "Senhjerneskadede"),
            ("ABI", "Senhjerneskadede"),
            ("Fysisk funktionsnedsættelse", "Fysisk handicappede"),
            ("Hjemløse", "Hjemløse"),
            ("Kvindekrisecenter", "Voldsramte kvinder"),
            ("alkoholmisbrugere", "Alkoholmisbrugere"),
            ("STOFMISBRUGERE", "Stofmisbrugere"),
            ("Børn og unge", "Børn og unge"),
            ("boern og unge", "Børn og unge"),
            ("Døve", "Døve og hørehæmmede"),
            ("Døvblinde", "Døvblinde"),
            ("ADHD", "ADHD"),
        ] {
            assert_eq!(name(input), Ok(want.to_string()), "{input:?}");
        }
        for input in ["", "Katte", "autist-x"] {
            assert_eq!(
                r.maalgruppe(input),
                Err(ValueError::UnknownMaalgruppe),
                "{input:?}"
            );
        }
        let all: Vec<&Maalgruppe> = r.maalgrupper().collect();
        for m in &all {
            for a in std::iter::once(&m.name).chain(&m.aliases) {
                assert_eq!(r.maalgruppe(a), Ok(m.id), "{a:?}");
            }
        }
    }

    #[test]
    fn config_adds_maalgrupper() {
        let mut r = reference();
        let before = r.maalgrupper().count();
        r.add_maalgrupper(&[
            "Ludomaner".to_string(),
            "autisme".to_string(), // known: skipped
            "  ".to_string(),
            "LUDOMANER".to_string(), // same after folding: skipped
        ]);
        assert_eq!(r.maalgrupper().count(), before + 1);
        let id = r.maalgruppe("ludomaner").unwrap();
        let m = r.maalgruppe_info(id).unwrap();
        assert_eq!((m.name.as_str(), m.group), ("Ludomaner", Group::Begge));
    }

    #[test]
    fn loads_from_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data-schema");
        for part in [KOMMUNER, PARAGRAFFER, MAALGRUPPER] {
            std::fs::copy(data.join(part), dir.path().join(part)).unwrap();
        }
        let r = Reference::from_dir(dir.path()).unwrap();
        assert_eq!(r.kommuner().count(), 98);
        std::fs::remove_file(dir.path().join(MAALGRUPPER)).unwrap();
        let err = Reference::from_dir(dir.path()).unwrap_err();
        assert!(
            matches!(
                err,
                ReferenceError::Read {
                    part: MAALGRUPPER,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn load_errors_name_the_file() {
        let k = include_str!("../../data-schema/kommuner.toml");
        let p = include_str!("../../data-schema/paragraffer.toml");
        let m = include_str!("../../data-schema/maalgrupper.toml");
        let err = Reference::from_toml("[[kommune]\n", p, m).unwrap_err();
        assert!(
            matches!(err, ReferenceError::Toml { part: KOMMUNER, .. }),
            "{err}"
        );
        let err = Reference::from_toml(k, "x = 1", m).unwrap_err();
        assert!(
            matches!(
                err,
                ReferenceError::Toml {
                    part: PARAGRAFFER,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().starts_with("paragraffer.toml: "), "{err}");

        let twice = format!("{k}\n[[kommune]]\ncode = 851\nname = \"Aalborg2\"\nregion = 1081\n");
        let err = Reference::from_toml(&twice, p, m).unwrap_err();
        assert_eq!(err.to_string(), "kommuner.toml: kommune code 851 twice");

        let clash = format!("{k}\n[[kommune]]\ncode = 999\nname = \"Aalborg\"\nregion = 1081\n");
        let err = Reference::from_toml(&clash, p, m).unwrap_err();
        assert!(
            matches!(err, ReferenceError::Invalid { part: KOMMUNER, .. }),
            "{err}"
        );

        let bad_region = format!("{k}\n[[kommune]]\ncode = 999\nname = \"X\"\nregion = 9\n");
        assert!(Reference::from_toml(&bad_region, p, m).is_err());

        let bad_erstatter = format!(
            "{p}\n[[paragraf]]\nlaw = \"BL\"\nnumber = \"199\"\nlabel = \"BL §199\"\n\
             description = \"x\"\ngroup = \"boern\"\nerstatter = \"SEL §999\"\n"
        );
        let err = Reference::from_toml(k, &bad_erstatter, m).unwrap_err();
        assert!(
            matches!(
                err,
                ReferenceError::Invalid {
                    part: PARAGRAFFER,
                    ..
                }
            ),
            "{err}"
        );

        let clash = format!("{m}\n[[maalgruppe]]\nname = \"Autisme\"\ngroup = \"begge\"\n");
        let err = Reference::from_toml(k, p, &clash).unwrap_err();
        assert!(
            matches!(
                err,
                ReferenceError::Invalid {
                    part: MAALGRUPPER,
                    ..
                }
            ),
            "{err}"
        );
    }
}
