//! A population key from the files a user gives: a befolkning file
//! (Kommune, Befolkning) or a StatBank export (FOLK1A) with an age band and
//! a quarter. Shared by `finansiering` and `forbrug`.

use super::Context;
use crate::dataset::folk1a::{population_key, AgeBand, PopulationKey};
use crate::dataset::{Folk1aRow, Loaded, PopulationRow};
use crate::error::Error;
use crate::report::analysis::InputSection;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The key and the files it came from.
pub struct Population {
    pub by_kommune: BTreeMap<u16, Decimal>,
    /// "0-17 år", or "Alder i alt".
    pub band: String,
    /// The StatBank key's details, when the files were FOLK1A exports.
    pub statbank: Option<PopulationKey>,
    pub plain: Loaded<PopulationRow>,
    pub folk1a: Loaded<Folk1aRow>,
    pub files: Vec<PathBuf>,
}

impl Population {
    /// The inputs account of whichever kind was used.
    pub fn section(&self, label: &str) -> InputSection<'_> {
        if self.statbank.is_some() {
            InputSection::of(label, &self.folk1a)
        } else {
            InputSection::of(label, &self.plain)
        }
    }

    /// Notes for a report: the rows left out of a StatBank export.
    pub fn notes(&self, lang: crate::lang::Lang) -> Vec<String> {
        let Some(k) = &self.statbank else {
            return Vec::new();
        };
        let mut notes = vec![crate::messages::cli::population_source(
            &k.quarter,
            &k.band,
            k.aggregate_rows,
            lang,
        )];
        if !k.unknown_areas.is_empty() {
            notes.push(crate::messages::cli::population_unknown_areas(
                &k.unknown_areas.join(", "),
                lang,
            ));
        }
        notes
    }
}

/// Loads a population key. `band` and `quarter` need a FOLK1A export.
pub fn load(
    ctx: &Context,
    inputs: &[PathBuf],
    band: Option<AgeBand>,
    quarter: Option<&str>,
) -> Result<Population, Error> {
    // Either kind may be given: a plain key or a StatBank export.
    let (plain, files) = super::load_any::<PopulationRow>(ctx, inputs)?;
    let (folk1a, _) = super::load_any::<Folk1aRow>(ctx, inputs)?;
    if !plain.has_kind() && !folk1a.has_kind() {
        return Err(Error::Inputs(crate::messages::inbox::no_files_of_kind(
            &crate::messages::inbox::kind_plural("befolkning", ctx.lang),
            &super::inputs_text(inputs),
            ctx.lang,
        )));
    }
    let mut by_kommune: BTreeMap<u16, Decimal> = BTreeMap::new();
    let statbank = if folk1a.records.is_empty() {
        if band.is_some() || quarter.is_some() {
            return Err(Error::Usage(
                "--alder og --kvartal kræver et udtræk fra Danmarks Statistik (FOLK1A: OMRÅDE, ALDER, KØN, TID) (--alder and --kvartal need a FOLK1A export)".into(),
            ));
        }
        None
    } else {
        let key = population_key(&folk1a.records, band, quarter)
            .map_err(|e| Error::Usage(e.to_string()))?;
        by_kommune.clone_from(&key.by_kommune);
        Some(key)
    };
    // A plain key adds the kommuner a StatBank export lacks (none usually).
    if band.is_none() {
        for r in &plain.records {
            by_kommune.entry(r.kommune).or_insert(r.befolkning);
        }
    }
    let band = band.map_or_else(|| "Alder i alt".to_string(), |b| b.label());
    Ok(Population {
        by_kommune,
        band,
        statbank,
        plain,
        folk1a,
        files,
    })
}
