//! `ramme tilbud`: offers in and out.

use super::{load_year, year_of, Context};
use crate::analysis::tilbud;
use crate::cli::TilbudArgs;
use crate::dataset::TariffRow;
use crate::error::{Error, ExitStatus};
use crate::report::analysis::InputSection;

pub fn run(ctx: &Context, args: &TilbudArgs) -> Result<ExitStatus, Error> {
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
    let result = tilbud::analyse(
        &current.records,
        previous.as_ref().map(|(p, _)| p.records.as_slice()),
        &ctx.catalog.reference,
    );
    let lang = ctx.lang;
    let rendered = crate::report::tilbud::render(&result, year_of(&current.records), lang);
    let mut inputs = vec![InputSection::of(
        lang.pick("Takstindberetninger", "Tariff reports"),
        &current,
    )];
    if let Some((p, _)) = &previous {
        inputs.push(InputSection::of(lang.pick("Sidste år", "Last year"), p));
    }
    super::write_analysis(&plan, &rendered, &inputs, lang)
}
