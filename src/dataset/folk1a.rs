//! Population as Danmarks Statistik exports it from StatBank (FOLK1A, and
//! BY2-like tables by kommune): the columns OMRÅDE, ALDER, KØN, TID and the
//! figure, long (a TID and an INDHOLD column) or wide (a column per TID,
//! "2017K1"; the schema's `header_pattern` collects them). This module
//! knows the shapes: which rows are the country, a region or a landsdel
//! (left out, or a sum triples), which are ages, which sex is the total,
//! and turns the rows into a key by kommune for one age band and quarter.

use super::{Record, Source};
use crate::schema::Schema;
use crate::text::fold_key;
use crate::values::reference::{Party, Reference};
use crate::values::typed::{TypedRow, Value};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The oldest age an open band ("18+") reaches.
const OPEN_END: u8 = 125;

/// An age band chosen on the command line ("0-17", "18-64", "18+").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeBand {
    pub from: u8,
    /// Inclusive; [`OPEN_END`] for an open band.
    pub to: u8,
}

impl AgeBand {
    pub fn parse(s: &str) -> Option<AgeBand> {
        let t = s.trim().trim_end_matches("år").trim();
        if let Some(from) = t.strip_suffix('+') {
            return Some(AgeBand {
                from: from.trim().parse().ok()?,
                to: OPEN_END,
            });
        }
        let (a, b) = t.split_once(['-', '–'])?;
        let (from, to) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        (from <= to).then_some(AgeBand { from, to })
    }

    /// "0-17 år", "18+ år".
    pub fn label(&self) -> String {
        if self.to == OPEN_END {
            format!("{}+ år", self.from)
        } else {
            format!("{}-{} år", self.from, self.to)
        }
    }

    fn contains(&self, (lo, hi): (u8, u8)) -> bool {
        self.from <= lo && hi <= self.to
    }
}

/// The OMRÅDE of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Kommune(u16),
    /// "Hele landet", a region, a landsdel: sums of kommuner.
    Aggregate,
    /// Not recognised (reported).
    Unknown,
}

/// The ALDER of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Total,
    /// Inclusive years ("0 år" is (0, 0); "100 år og derover" (100, 125)).
    Years(u8, u8),
    Unknown,
}

/// The KØN of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Total,
    Men,
    Women,
    Unknown,
}

/// One row of a StatBank export: its figures by TID.
#[derive(Debug, Clone, PartialEq)]
pub struct Folk1aRow {
    pub row: u32,
    pub area: Area,
    /// OMRÅDE as written (for notes).
    pub written: String,
    pub age: Age,
    pub sex: Sex,
    /// (TID, figure): one in the long shape, one per column in the wide.
    pub figures: Vec<(String, Decimal)>,
}

pub fn area_of(text: &str, reference: &Reference) -> Area {
    let folded = fold_key(text);
    if folded == "helelandet"
        || folded == "ialt"
        || folded == "danmark"
        || folded.starts_with("landsdel")
        || folded.starts_with("region")
    {
        return Area::Aggregate;
    }
    let area = |s: &str| match reference.party(s) {
        Ok(m) => match m.party {
            Party::Kommune(code) => Some(Area::Kommune(code)),
            Party::Region(_) => Some(Area::Aggregate),
        },
        Err(_) => None,
    };
    // "851 Aalborg" (codes and texts) or "Aalborg" or "851".
    area(text)
        .or_else(|| {
            let (code, name) = text.trim().split_once(' ')?;
            area(name).or_else(|| area(code))
        })
        .unwrap_or(Area::Unknown)
}

pub fn age_of(text: &str) -> Age {
    let folded = fold_key(text);
    if matches!(folded.as_str(), "alderialt" | "ialt" | "total" | "tot") {
        return Age::Total;
    }
    let digits = |s: &str| -> Option<u8> {
        let d: String = s.trim().chars().take_while(char::is_ascii_digit).collect();
        d.parse().ok()
    };
    let t = text.trim();
    let open = folded.contains("derover") || t.ends_with('+');
    match t.split_once(['-', '–']) {
        Some((a, b)) => match (digits(a), digits(b)) {
            (Some(lo), Some(hi)) if lo <= hi => Age::Years(lo, hi),
            _ => Age::Unknown,
        },
        None => match digits(t) {
            Some(a) if open => Age::Years(a, OPEN_END),
            Some(a) => Age::Years(a, a),
            None => Age::Unknown,
        },
    }
}

pub fn sex_of(text: &str) -> Sex {
    match fold_key(text).as_str() {
        "maendogkvinderialt" | "ialt" | "total" | "tot" | "koenialt" | "begge" => Sex::Total,
        "maend" | "m" | "1" => Sex::Men,
        "kvinder" | "k" | "2" => Sex::Women,
        _ => Sex::Unknown,
    }
}

/// Field indices of the folk1a schema.
pub struct Folk1aPlan {
    omraade: usize,
    alder: Option<usize>,
    koen: Option<usize>,
    tid: Option<usize>,
    indhold: Option<usize>,
}

impl Record for Folk1aRow {
    const SCHEMA: &'static str = "folk1a";
    type Plan = Folk1aPlan;

    fn plan(schema: &Schema) -> Option<Folk1aPlan> {
        let f = |name: &str| schema.field_index(name);
        Some(Folk1aPlan {
            omraade: f("omraade")?,
            alder: f("alder"),
            koen: f("koen"),
            tid: f("tid"),
            indhold: f("indhold"),
        })
    }

    fn build(
        plan: &Folk1aPlan,
        row: &TypedRow<'_, '_>,
        source: &Source,
        reference: &Reference,
    ) -> Option<Folk1aRow> {
        let text = |i: Option<usize>| i.and_then(|i| row.get(i)).and_then(Value::as_text);
        let written = text(Some(plan.omraade))?.to_string();
        let mut figures = Vec::new();
        if let (Some(tid), Some(n)) = (
            text(plan.tid),
            plan.indhold
                .and_then(|i| row.get(i))
                .and_then(Value::as_number),
        ) {
            figures.push((tid.trim().to_string(), n));
        }
        for (label, value) in row.series_values() {
            if let Some(n) = value.as_number() {
                figures.push((label.trim().to_string(), n));
            }
        }
        Some(Folk1aRow {
            row: source.row,
            area: area_of(&written, reference),
            written,
            // A table without ALDER or KØN holds totals.
            age: text(plan.alder).map_or(Age::Total, age_of),
            sex: text(plan.koen).map_or(Sex::Total, sex_of),
            figures,
        })
    }
}

/// A population key by kommune for one age band and quarter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PopulationKey {
    /// The TID used ("2017K1").
    pub quarter: String,
    /// "0-17 år" or "Alder i alt".
    pub band: String,
    pub by_kommune: BTreeMap<u16, Decimal>,
    /// Rows of the country, regions and landsdele, left out.
    pub aggregate_rows: usize,
    /// OMRÅDE values not recognised as a kommune (left out).
    pub unknown_areas: Vec<String>,
}

/// Why no key could be made: a usage error (the flags ask for what the
/// file does not have).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("befolkningsfilen har ikke kvartalet {wanted:?}, kun {available} (the population file has no quarter {wanted:?})")]
    NoQuarter { wanted: String, available: String },
    #[error("befolkningsfilen har ingen aldre (kun Alder i alt), så --alder kan ikke bruges (the population file has no ages)")]
    NoAges,
    #[error("befolkningsfilen har ingen tal (the population file has no figures)")]
    Empty,
}

/// Orders "2017K1", "2017K4", "2018K1", "2017" by year, then quarter.
fn quarter_order(tid: &str) -> (u32, u32, String) {
    let folded = tid.trim().to_lowercase();
    let (year, rest) = folded.split_at(
        folded
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(folded.len()),
    );
    let q: String = rest.chars().filter(char::is_ascii_digit).collect();
    (
        year.parse().unwrap_or(0),
        q.parse().unwrap_or(0),
        folded.clone(),
    )
}

/// The key: kommune rows only; the wanted quarter (default the latest); the
/// sex total where given, else men + women; the band's ages summed, or
/// "Alder i alt" without a band (else all ages). A combination met twice
/// (two files) counts once.
pub fn population_key(
    rows: &[Folk1aRow],
    band: Option<AgeBand>,
    quarter: Option<&str>,
) -> Result<PopulationKey, KeyError> {
    let mut quarters: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.figures.iter().map(|(t, _)| t.as_str()))
        .collect();
    quarters.sort_by_key(|q| quarter_order(q));
    quarters.dedup();
    let chosen = match quarter {
        Some(wanted) => *quarters
            .iter()
            .find(|q| q.trim().eq_ignore_ascii_case(wanted.trim()))
            .ok_or_else(|| KeyError::NoQuarter {
                wanted: wanted.to_string(),
                available: quarters.join(", "),
            })?,
        None => *quarters.last().ok_or(KeyError::Empty)?,
    };
    let mut key = PopulationKey {
        quarter: chosen.to_string(),
        band: band.map_or_else(|| "Alder i alt".to_string(), |b| b.label()),
        ..PopulationKey::default()
    };
    if band.is_some() && !rows.iter().any(|r| matches!(r.age, Age::Years(..))) {
        return Err(KeyError::NoAges);
    }
    let has_total_age = rows.iter().any(|r| r.age == Age::Total);
    // (kommune, age, sex) → figure, each combination once.
    let mut cells: BTreeMap<(u16, (u8, u8), u8), Decimal> = BTreeMap::new();
    let mut total_sex: std::collections::BTreeSet<u16> = std::collections::BTreeSet::new();
    for r in rows {
        let code = match r.area {
            Area::Kommune(code) => code,
            Area::Aggregate => {
                key.aggregate_rows += 1;
                continue;
            }
            Area::Unknown => {
                if !key.unknown_areas.contains(&r.written) {
                    key.unknown_areas.push(r.written.clone());
                }
                continue;
            }
        };
        let ages = match (r.age, band) {
            (Age::Years(lo, hi), Some(b)) if b.contains((lo, hi)) => (lo, hi),
            (Age::Total, None) => (0, OPEN_END),
            (Age::Years(lo, hi), None) if !has_total_age => (lo, hi),
            _ => continue,
        };
        let sex = match r.sex {
            Sex::Total => {
                total_sex.insert(code);
                0
            }
            Sex::Men => 1,
            Sex::Women => 2,
            Sex::Unknown => continue,
        };
        let Some(n) = r.figures.iter().find(|(t, _)| t == chosen).map(|(_, n)| *n) else {
            continue;
        };
        cells.entry((code, ages, sex)).or_insert(n);
    }
    for ((code, _, sex), n) in cells {
        // Men and women only where the kommune has no total by sex.
        if (sex == 0) == total_sex.contains(&code) {
            *key.by_kommune.entry(code).or_default() += n;
        }
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_ages() {
        assert_eq!(AgeBand::parse("0-17"), Some(AgeBand { from: 0, to: 17 }));
        assert_eq!(AgeBand::parse("18+"), Some(AgeBand { from: 18, to: 125 }));
        assert_eq!(
            AgeBand::parse("18–64 år"),
            Some(AgeBand { from: 18, to: 64 })
        );
        assert_eq!(AgeBand::parse("17-0"), None);
        assert_eq!(AgeBand::parse("voksne"), None);
        assert_eq!(age_of("0 år"), Age::Years(0, 0));
        assert_eq!(age_of("17 år"), Age::Years(17, 17));
        assert_eq!(age_of("100 år og derover"), Age::Years(100, 125));
        assert_eq!(age_of("Alder i alt"), Age::Total);
        assert_eq!(age_of("IALT"), Age::Total);
        assert_eq!(age_of("0-4 år"), Age::Years(0, 4));
        assert_eq!(sex_of("Mænd og kvinder i alt"), Sex::Total);
        assert_eq!(sex_of("Kvinder"), Sex::Women);
        let b = AgeBand::parse("0-17").unwrap();
        assert!(b.contains((17, 17)));
        assert!(!b.contains((18, 18)));
        assert!(!b.contains((15, 19)));
    }

    #[test]
    fn quarters_in_order() {
        let mut q = vec!["2018K1", "2017K4", "2017K1"];
        q.sort_by_key(|q| quarter_order(q));
        assert_eq!(q, vec!["2017K1", "2017K4", "2018K1"]);
    }
}
