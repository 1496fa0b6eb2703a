//! `ramme takstanalyse`: the yearly tariff analysis by målgruppe and paragraf.

use super::{load_year, year_of, Context};
use crate::analysis::takstanalyse;
use crate::cli::TakstanalyseArgs;
use crate::dataset::TariffRow;
use crate::error::{Error, ExitStatus};
use crate::report::analysis::InputSection;
use rust_decimal::Decimal;

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
    let (current, current_files) = load_year::<TariffRow>(ctx, &args.inputs, Some("--previous"))?;
    let previous = match &args.previous {
        Some(inputs) => Some(load_year::<TariffRow>(ctx, inputs, Some("--previous"))?),
        None => None,
    };
    let mut all_files = current_files;
    if let Some((_, files)) = &previous {
        all_files.extend(files.iter().cloned());
    }
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &all_files)?;
    let result = takstanalyse::analyse(
        &current.records,
        previous.as_ref().map(|(p, _)| p.records.as_slice()),
        super::options::takst_pl(&ctx.config, args.pl),
        super::options::weighting(&ctx.config),
        &ctx.catalog.reference,
    );
    let rendered = crate::report::takstanalyse::render(
        &result,
        year_of(&current.records),
        previous.as_ref().and_then(|(p, _)| year_of(&p.records)),
        lang,
    );
    let mut inputs = vec![InputSection::of(
        lang.pick("Takstindberetninger", "Tariff reports"),
        &current,
    )];
    if let Some((p, _)) = &previous {
        inputs.push(InputSection::of(lang.pick("Sidste år", "Last year"), p));
    }
    super::write_analysis(&plan, &rendered, &inputs, lang)
}
