//! Loading the reference data: the rows of `kommuner.toml`,
//! `paragraffer.toml` and `maalgrupper.toml`, checked and folded once into
//! the lookup maps.

use super::{
    fold_words, Group, Kommune, Law, Maalgruppe, MaalgruppeId, Map, Paragraf, ParagrafId, Party,
    Reference, ReferenceError, Region,
};
use serde::Deserialize;

pub(super) const KOMMUNER: &str = "kommuner.toml";
pub(super) const PARAGRAFFER: &str = "paragraffer.toml";
pub(super) const MAALGRUPPER: &str = "maalgrupper.toml";

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
            include_str!("../../../data-schema/kommuner.toml"),
            include_str!("../../../data-schema/paragraffer.toml"),
            include_str!("../../../data-schema/maalgrupper.toml"),
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
}
