//! `ramme takst`: the tariff-reduction check.

use super::{load_year, year_of, Context};
use crate::analysis::takst;
use crate::cli::TakstArgs;
use crate::dataset::TariffRow;
use crate::error::{Error, ExitStatus};
use crate::report::analysis::InputSection;

pub fn run(ctx: &Context, args: &TakstArgs) -> Result<ExitStatus, Error> {
    let rule = super::options::takst_rule(&ctx.config, args.pl, args.required);
    let (current, mut files) = load_year::<TariffRow>(ctx, &args.inputs, Some("--previous"))?;
    let previous = match &args.previous {
        Some(inputs) => {
            let (loaded, previous_files) = load_year::<TariffRow>(ctx, inputs, Some("--previous"))?;
            files.extend(previous_files);
            Some(loaded)
        }
        None => None,
    };
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let result = takst::analyse(
        &current.records,
        previous.as_ref().map(|p| p.records.as_slice()),
        rule,
        super::options::weighting(&ctx.config),
        &ctx.catalog.reference,
    );
    let lang = ctx.lang;
    let rendered = crate::report::takst::render(&result, year_of(&current.records), lang);
    let mut inputs = vec![InputSection::of(
        lang.pick("Takstindberetninger", "Tariff reports"),
        &current,
    )];
    if let Some(p) = &previous {
        inputs.push(InputSection::of(lang.pick("Sidste år", "Last year"), p));
    }
    super::write_analysis(&plan, &rendered, &inputs, lang)
}
