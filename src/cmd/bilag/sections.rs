//! One function per annex section: each takes the year's records (read
//! once, in `mod.rs`) and the options every command uses
//! (`cmd::options`), and returns its sections or why it could not be made.

use super::inputs::Inputs;
use crate::analysis::{finansiering, kriterier, takst, takstanalyse, tilbud, udgift, udmelding};
use crate::cmd::{options, Context};
use crate::config::BilagConfig;
use crate::dataset::{
    AccountRow, Assessment, CitizenRow, Loaded, PopulationRow, TariffRegulation, TariffRow,
    WithdrawalRequest,
};
use crate::lang::Lang;
use crate::messages::bilag as text;
use crate::report::bilag::{ChartKind, Section};
use crate::report::table::Table;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// What every section may read: the year's records by role.
pub struct Data {
    pub current: Loaded<TariffRow>,
    pub previous: Loaded<TariffRow>,
    pub before: Loaded<CitizenRow>,
    pub after: Loaded<CitizenRow>,
    pub assessed: Loaded<Assessment>,
    pub requests: Loaded<WithdrawalRequest>,
    pub population: Loaded<PopulationRow>,
    pub accounts: Loaded<AccountRow>,
    /// The year's takstindberetninger read for their Regulering column.
    pub regulations: Loaded<TariffRegulation>,
}

/// A section's surroundings: the run, the `[bilag]` config, the inputs by
/// role and their records.
pub struct Env<'a> {
    pub ctx: &'a Context,
    pub cfg: &'a BilagConfig,
    pub inputs: &'a Inputs,
    pub data: &'a Data,
    pub year: Option<i32>,
}

impl Env<'_> {
    pub fn lang(&self) -> Lang {
        self.ctx.lang
    }

    /// Why a role's inputs cannot be used, or None.
    pub fn unusable<T>(
        &self,
        loaded: &Loaded<T>,
        patterns: &[String],
        schema: &str,
        flag: Option<&str>,
    ) -> Option<String> {
        let inputs: Vec<PathBuf> = patterns.iter().map(PathBuf::from).collect();
        crate::cmd::check_loaded(self.ctx, loaded, &inputs, schema, flag)
            .err()
            .map(|e| e.message(self.lang()))
    }

    /// Last year's tariffs, when the annex names any.
    fn previous(&self) -> Option<&[TariffRow]> {
        (!self.inputs.previous.is_empty()).then_some(self.data.previous.records.as_slice())
    }

    /// The tables of an analysis without its account of the inputs (the
    /// annex has one validation sheet for all).
    fn strip_inputs(&self, mut tables: Vec<Table>) -> Vec<Table> {
        let inputs = self.lang().pick("Inddata", "Inputs");
        tables.retain(|t| t.name != inputs);
        tables
    }
}

/// Offers in and out, the tariff reduction and the tariff analysis.
pub fn tariffs(env: &Env) -> Result<Vec<Section>, String> {
    let (lang, d, reference) = (env.lang(), env.data, &env.ctx.catalog.reference);
    if let Some(why) = env.unusable(
        &d.current,
        &env.cfg.takst,
        "takstindberetning",
        Some("takst_previous"),
    ) {
        return Err(why);
    }
    if !env.inputs.previous.is_empty() {
        if let Some(why) = env.unusable(
            &d.previous,
            &env.cfg.takst_previous,
            "takstindberetning",
            Some("takst_previous"),
        ) {
            return Err(why);
        }
    }
    let config = &env.ctx.config;
    let prev = env.previous();
    let offers = tilbud::analyse(&d.current.records, prev, reference);
    let rule = options::takst_rule(config, env.year, None, None);
    let reduction = takst::analyse(
        &d.current.records,
        prev,
        rule,
        options::weighting(config),
        reference,
    );
    let analysis = takstanalyse::analyse(
        &d.current.records,
        prev,
        options::takst_pl(config, env.year, None),
        options::weighting(config),
        reference,
    );
    let year = env.year;
    Ok(vec![
        Section {
            heading: lang.pick("Tilbud ind og ud", "Offers in and out").into(),
            tables: env.strip_inputs(crate::report::tilbud::render(&offers, year, lang).tables),
            chart: None,
        },
        Section {
            heading: lang.pick("Takstreduktion", "Tariff reduction").into(),
            tables: env.strip_inputs(crate::report::takst::render(&reduction, year, lang).tables),
            chart: Some(ChartKind::TakstByKommune),
        },
        Section {
            heading: lang.pick("Takstanalyse", "Tariff analysis").into(),
            tables: env.strip_inputs(
                crate::report::takstanalyse::render(&analysis, year, year.map(|y| y - 1), lang)
                    .tables,
            ),
            chart: None,
        },
    ])
}

/// Expenditure monitoring between the two Januaries.
pub fn udgift(env: &Env, heading: &str) -> Result<Vec<Section>, String> {
    let (lang, d) = (env.lang(), env.data);
    for (loaded, patterns) in [
        (&d.before, &env.cfg.borgerliste_before),
        (&d.after, &env.cfg.borgerliste_after),
    ] {
        if let Some(why) = env.unusable(loaded, patterns, "borgerliste", Some("borgerliste_before"))
        {
            return Err(why);
        }
    }
    let targets = options::udgift_targets(&env.ctx.config, None, None, None);
    // The takst effect's price/level split from the year's tariffs.
    let prices = (!env.inputs.takst.is_empty())
        .then(|| udgift::PriceChanges::from_tariffs(&d.current.records, env.previous()));
    let result =
        udgift::analyse_with_prices(&d.before.records, &d.after.records, false, prices.as_ref());
    let labels = crate::report::udgift::Labels::new(
        env.year.and_then(|y| u16::try_from(y - 1).ok()),
        env.year.and_then(|y| u16::try_from(y).ok()),
        lang,
    );
    let reference = &env.ctx.catalog.reference;
    Ok(vec![Section {
        heading: heading.into(),
        tables: env.strip_inputs(
            crate::report::udgift::render(&result, &targets, &labels, reference, lang).tables,
        ),
        chart: Some(ChartKind::UdgiftEffects),
    }])
}

/// The use of offers: this year's January against this year's tariffs.
pub fn forbrug(env: &Env, heading: &str) -> Result<Vec<Section>, String> {
    let d = env.data;
    let tables = crate::cmd::forbrug::bilag_tables(
        env.ctx,
        &d.after.records,
        &d.current.records,
        &env.inputs.befolkning,
    )
    .map_err(|e| e.message(env.lang()))?;
    Ok(vec![Section {
        heading: heading.into(),
        tables,
        chart: None,
    }])
}

/// The population the criteria count per: the befolkning files, else
/// `[samarbejde] population`.
pub fn population_total(env: &Env) -> Option<Decimal> {
    let population = &env.data.population.records;
    (!population.is_empty())
        .then(|| population.iter().map(|r| r.befolkning).sum::<Decimal>())
        .or(env.ctx.config.samarbejde.population)
}

/// The strengthened cooperation's criteria.
pub fn kriterier(env: &Env, heading: &str) -> Result<Vec<Section>, String> {
    let per = options::indicator_per(&env.ctx.config, None);
    let result = kriterier::analyse(&env.data.assessed.records, population_total(env), per);
    Ok(vec![Section {
        heading: heading.into(),
        tables: crate::report::samarbejde::render_kriterier(&result, env.lang()).tables,
        chart: None,
    }])
}

/// The strengthened cooperation's withdrawals.
pub fn udmelding(env: &Env, heading: &str) -> Result<Vec<Section>, String> {
    let procedure = options::procedure(&env.ctx.config, None);
    let assessed: Vec<_> = env
        .data
        .requests
        .records
        .iter()
        .map(|r| udmelding::assess(&procedure, r, None))
        .collect();
    Ok(vec![Section {
        heading: heading.into(),
        tables: crate::report::samarbejde::render_udmelding(&assessed, env.lang()).tables,
        chart: None,
    }])
}

/// Objective financing of `amount` by the population key.
pub fn finansiering(env: &Env, heading: &str, amount: Decimal) -> Result<Vec<Section>, String> {
    let lang = env.lang();
    let population = &env.data.population.records;
    if population.is_empty() {
        return Err(text::no_population(lang));
    }
    let key: Vec<finansiering::KeyEntry> = population
        .iter()
        .map(|r| finansiering::KeyEntry {
            kommune: r.name.clone(),
            key: r.befolkning,
        })
        .collect();
    let f = finansiering::split(
        amount,
        env.cfg.finansiering_offset.unwrap_or_default(),
        env.cfg.finansiering_share.unwrap_or(Decimal::ONE_HUNDRED),
        &key,
    )
    .map_err(|e| match e {
        finansiering::FinancingError::EmptyKey => text::financing_empty_key(lang),
        finansiering::FinancingError::Negative => text::financing_negative(lang),
        finansiering::FinancingError::Overflow => text::financing_overflow(lang),
    })?;
    Ok(vec![Section {
        heading: heading.into(),
        tables: crate::report::samarbejde::render_finansiering(&f, lang).tables,
        chart: None,
    }])
}
