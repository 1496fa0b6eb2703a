//! `ramme forbrug`: the use of offers in January (paying kommuner, own
//! citizens' share, occupancy against budget, the early warning of the
//! strengthened cooperation) and the user rates.

use super::{load_year, Context};
use crate::analysis::{brugerrater, forbrug};
use crate::cli::ForbrugArgs;
use crate::dataset::{CitizenRow, TariffRow};
use crate::error::{Error, ExitStatus};
use crate::report::analysis::InputSection;

pub fn run(ctx: &Context, args: &ForbrugArgs) -> Result<ExitStatus, Error> {
    let params =
        super::options::forbrug_params(&ctx.config, args.faa_kommuner, args.belaegning_advarsel);
    let (citizens, mut files) = load_year::<CitizenRow>(ctx, &args.borgere, None)?;
    let (tariffs, tariff_files) = load_year::<TariffRow>(ctx, &args.takster, None)?;
    files.extend(tariff_files);
    let population = match &args.befolkning {
        Some(inputs) => {
            let p = super::befolkning::load(ctx, inputs, args.alder, args.kvartal.as_deref())?;
            files.extend(p.files.iter().cloned());
            Some(p)
        }
        None if args.alder.is_some() || args.kvartal.is_some() => {
            return Err(Error::Usage(
                "--alder og --kvartal kræver --befolkning FIL, et FOLK1A-udtræk (--alder and --kvartal need --befolkning FILE)".into(),
            ))
        }
        None => None,
    };
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let reference = &ctx.catalog.reference;
    let result = forbrug::analyse(&citizens.records, &tariffs.records, &params);
    let rates = brugerrater::analyse(
        &citizens.records,
        &tariffs.records,
        population.as_ref().map(|p| &p.by_kommune),
        reference,
    );
    let lang = ctx.lang;
    let band = band_label(population.as_ref(), lang);
    let mut rendered =
        crate::report::forbrug::render(&result, &rates, &params, &band, reference, lang);
    if let (Some(p), Some(t)) = (&population, rendered.tables.get_mut(3)) {
        t.notes.extend(p.notes(lang));
    }
    let mut inputs = vec![
        InputSection::of(lang.pick("Borgerlister", "Citizen lists"), &citizens),
        InputSection::of(lang.pick("Takstindberetninger", "Tariff reports"), &tariffs),
    ];
    if let Some(p) = &population {
        inputs.push(p.section(lang.pick("Befolkning", "Population")));
    }
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

fn band_label(
    population: Option<&super::befolkning::Population>,
    lang: crate::lang::Lang,
) -> String {
    population.map_or_else(
        || lang.pick("ingen befolkning", "no population").to_string(),
        |p| p.band.clone(),
    )
}

/// The annex's tables on the use of offers: the use per offer, the early
/// warning and the user rates (`[forbrug]`, `[samarbejde] tilbud`; the
/// age band and quarter from `[forbrug] alder` and `kvartal`).
pub fn bilag_tables(
    ctx: &Context,
    citizens: &[CitizenRow],
    tariffs: &[TariffRow],
    befolkning: &[std::path::PathBuf],
) -> Result<Vec<crate::report::table::Table>, Error> {
    let config = &ctx.config.forbrug;
    let band = match config.alder.as_deref() {
        Some(a) => Some(
            crate::cli::parse_alder_arg(a).map_err(|message| Error::Config {
                path: ctx.config.source.clone().unwrap_or_default(),
                message: format!("[forbrug] alder: {message}"),
            })?,
        ),
        None => None,
    };
    let population = if befolkning.is_empty() {
        None
    } else {
        Some(super::befolkning::load(
            ctx,
            befolkning,
            band,
            config.kvartal.as_deref(),
        )?)
    };
    let params = super::options::forbrug_params(&ctx.config, None, None);
    let reference = &ctx.catalog.reference;
    let result = forbrug::analyse(citizens, tariffs, &params);
    let rates = brugerrater::analyse(
        citizens,
        tariffs,
        population.as_ref().map(|p| &p.by_kommune),
        reference,
    );
    let lang = ctx.lang;
    let band = band_label(population.as_ref(), lang);
    let mut rendered =
        crate::report::forbrug::render(&result, &rates, &params, &band, reference, lang);
    if let (Some(p), Some(t)) = (&population, rendered.tables.get_mut(3)) {
        t.notes.extend(p.notes(lang));
    }
    // The use per offer, the early warning, the user rates.
    let mut tables = rendered.tables;
    tables.remove(1);
    Ok(tables)
}
