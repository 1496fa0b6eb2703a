//! `ramme takstanalyse`: the yearly tariff analysis by målgruppe and
//! paragraf, for one year against the year before or (`--years`) over
//! several years.

use super::takst::{
    load_tariff_years, two_year_inputs, year_pl, LoadedYear, TariffYears, TwoYears,
};
use super::{year_of, Context};
use crate::analysis::takst::years::YearSet;
use crate::analysis::takstanalyse;
use crate::cli::TakstanalyseArgs;
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
    match load_tariff_years(
        ctx,
        &args.inputs,
        args.previous.as_deref(),
        args.years.as_deref(),
    )? {
        TariffYears::Two(two) => two_years(ctx, args, *two),
        TariffYears::Several(sets) => several_years(ctx, args, &sets),
    }
}

fn two_years(
    ctx: &Context,
    args: &TakstanalyseArgs,
    TwoYears {
        current,
        previous,
        files,
    }: TwoYears,
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
    )
    .with_overhead(
        &current.records,
        super::options::overhead_limit(&ctx.catalog),
        &ctx.catalog.reference,
    );
    let rendered = crate::report::takstanalyse::render(
        &result,
        year,
        previous.as_ref().and_then(|p| year_of(&p.records)),
        lang,
    );
    let inputs = two_year_inputs(&current, previous.as_ref(), lang);
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
