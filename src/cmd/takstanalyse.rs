//! `ramme takstanalyse`: the yearly tariff analysis by målgruppe and
//! paragraf, for one year against the year before or (`--years`) over
//! several years.

use super::takst::{load_years, year_pl, LoadedYear};
use super::{load_year, year_of, Context};
use crate::analysis::takst::years::YearSet;
use crate::analysis::takstanalyse;
use crate::cli::TakstanalyseArgs;
use crate::dataset::{Loaded, TariffRow};
use crate::error::{Error, ExitStatus};
use crate::report::analysis::InputSection;
use rust_decimal::Decimal;
use std::path::PathBuf;

pub fn run(ctx: &Context, args: &TakstanalyseArgs) -> Result<ExitStatus, Error> {
    let lang = ctx.lang;
    if let Some(pl) = args.pl {
        if pl <= -Decimal::ONE_HUNDRED {
            return Err(Error::Usage(lang.pick(
                "--pl skal være større end -100 (procent)".to_string(),
                "--pl must be greater than -100 (percent)".to_string(),
            )));
        }
    }
    if let Some(dirs) = &args.years {
        let mut sets = load_years(ctx, dirs)?;
        if sets.len() == 2 {
            // One pair of years: exactly the two-year report.
            let (Some(now), Some(before)) = (sets.pop(), sets.pop()) else {
                return Err(Error::Usage(crate::messages::tariff::years_too_few(lang)));
            };
            let mut files = now.files;
            files.extend(before.files);
            return two_years(ctx, args, now.loaded, Some(before.loaded), files);
        }
        return several_years(ctx, args, &sets);
    }
    let (current, mut files) = load_year::<TariffRow>(ctx, &args.inputs, Some("--previous"))?;
    let previous = match &args.previous {
        Some(inputs) => {
            let (loaded, previous_files) = load_year::<TariffRow>(ctx, inputs, Some("--previous"))?;
            files.extend(previous_files);
            Some(loaded)
        }
        None => None,
    };
    two_years(ctx, args, current, previous, files)
}

fn two_years(
    ctx: &Context,
    args: &TakstanalyseArgs,
    current: Loaded<TariffRow>,
    previous: Option<Loaded<TariffRow>>,
    files: Vec<PathBuf>,
) -> Result<ExitStatus, Error> {
    let lang = ctx.lang;
    let year = year_of(&current.records);
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let result = takstanalyse::analyse(
        &current.records,
        previous.as_ref().map(|p| p.records.as_slice()),
        super::options::takst_pl(&ctx.config, year, args.pl),
        super::options::weighting(&ctx.config),
        &ctx.catalog.reference,
    );
    let rendered = crate::report::takstanalyse::render(
        &result,
        year,
        previous.as_ref().and_then(|p| year_of(&p.records)),
        lang,
    );
    let mut inputs = vec![InputSection::of(
        lang.pick("Takstindberetninger", "Tariff reports"),
        &current,
    )];
    if let Some(p) = &previous {
        inputs.push(InputSection::of(lang.pick("Sidste år", "Last year"), p));
    }
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

fn several_years(
    ctx: &Context,
    args: &TakstanalyseArgs,
    sets: &[LoadedYear],
) -> Result<ExitStatus, Error> {
    let files: Vec<PathBuf> = sets.iter().flat_map(|s| s.files.iter().cloned()).collect();
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let years: Vec<Option<i32>> = sets.iter().map(|s| s.year).collect();
    let year_sets: Vec<YearSet<'_>> = sets.iter().map(LoadedYear::as_set).collect();
    let result = takstanalyse::years::analyse_years(
        &year_sets,
        &year_pl(ctx, args.pl, &years),
        args.target.or(ctx.config.takst.target_real_pct),
        super::options::weighting(&ctx.config),
        &ctx.catalog.reference,
    );
    let lang = ctx.lang;
    let rendered = crate::report::takst::years::render_takstanalyse(&result, lang);
    let inputs: Vec<InputSection<'_>> = sets
        .iter()
        .map(|s| InputSection::of(&s.label, &s.loaded))
        .collect();
    super::write_analysis(&plan, &rendered, &inputs, lang)
}
