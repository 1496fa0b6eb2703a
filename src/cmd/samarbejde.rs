//! `ramme kriterier`, `ramme udmelding` and `ramme finansiering`: the
//! strengthened cooperation's procedures and objective financing.

use super::{load_any, load_year, Context};
use crate::analysis::finansiering::{self, FinancingError, KeyEntry};
use crate::analysis::kriterier;
use crate::analysis::udmelding;
use crate::cli::{FinansieringArgs, KriterierArgs, UdmeldingArgs};
use crate::dataset::{Assessment, TariffRow, WithdrawalRequest};
use crate::error::{Error, ExitStatus};
use crate::report::analysis::InputSection;
use crate::report::samarbejde;
use rust_decimal::Decimal;
use std::collections::HashSet;

pub fn kriterier(ctx: &Context, args: &KriterierArgs) -> Result<ExitStatus, Error> {
    let config = &ctx.config.samarbejde;
    let (loaded, mut files) = load_year::<Assessment>(ctx, &args.inputs, None)?;
    let population_file = args
        .population
        .clone()
        .or_else(|| config.population_file.clone());
    // A befolkning file or a FOLK1A export (all ages).
    let population_loaded = match &population_file {
        Some(path) => {
            let p = super::befolkning::load(ctx, std::slice::from_ref(path), None, None)?;
            files.extend(p.files.iter().cloned());
            Some(p)
        }
        None => None,
    };
    let population = population_loaded
        .as_ref()
        .map(|p| p.by_kommune.values().copied().sum::<Decimal>())
        .or(config.population);
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let per = super::options::indicator_per(&ctx.config, args.indicator_per);
    let result = kriterier::analyse(&loaded.records, population, per);
    let lang = ctx.lang;
    let rendered = samarbejde::render_kriterier(&result, lang);
    let mut inputs = vec![InputSection::of(
        lang.pick("Kriterievurderinger", "Assessments"),
        &loaded,
    )];
    if let Some(p) = &population_loaded {
        inputs.push(p.section(lang.pick("Befolkning", "Population")));
    }
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

pub fn udmelding(ctx: &Context, args: &UdmeldingArgs) -> Result<ExitStatus, Error> {
    let procedure = super::options::procedure(&ctx.config, args.period_start);
    let (loaded, mut files) = load_year::<WithdrawalRequest>(ctx, &args.inputs, None)?;
    // The offers in the strengthened cooperation: takstindberetninger that
    // say so, and assessed offers that are eligible.
    let covered = match &args.covered {
        Some(inputs) => {
            let (tariffs, tf) = load_any::<TariffRow>(ctx, inputs)?;
            let (assessed, _) = load_any::<Assessment>(ctx, inputs)?;
            files.extend(tf);
            let mut set: HashSet<String> = HashSet::new();
            for t in tariffs
                .records
                .iter()
                .filter(|t| t.forstaerket == Some(true))
            {
                set.insert(t.tilbudsnr.clone());
                set.insert(crate::text::fold_key(&t.tilbudsnavn));
            }
            for a in assessed
                .records
                .iter()
                .map(|a| kriterier::assess(a, None))
                .filter(|e| e.eligible)
            {
                set.insert(a.assessment.tilbudsnr.clone());
                set.insert(crate::text::fold_key(&a.assessment.tilbudsnavn));
            }
            Some(set)
        }
        None => None,
    };
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let assessed: Vec<_> = loaded
        .records
        .iter()
        .map(|r| {
            let is_covered = covered.as_ref().map(|set| {
                r.tilbudsnr.as_ref().is_some_and(|nr| set.contains(nr))
                    || set.contains(&crate::text::fold_key(&r.tilbudsnavn))
            });
            udmelding::assess(&procedure, r, is_covered)
        })
        .collect();
    let lang = ctx.lang;
    let rendered = samarbejde::render_udmelding(&assessed, lang);
    let inputs = [InputSection::of(
        lang.pick("Udmeldinger", "Withdrawals"),
        &loaded,
    )];
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

pub fn finansiering(ctx: &Context, args: &FinansieringArgs) -> Result<ExitStatus, Error> {
    // A befolkning file, or a FOLK1A export with an age band and quarter.
    let population =
        super::befolkning::load(ctx, &args.inputs, args.alder, args.kvartal.as_deref())?;
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &population.files)?;
    let key: Vec<KeyEntry> = match &population.statbank {
        Some(_) => population
            .by_kommune
            .iter()
            .map(|(code, n)| KeyEntry {
                kommune: ctx
                    .catalog
                    .reference
                    .display_name(&crate::values::reference::Party::Kommune(*code)),
                key: *n,
            })
            .collect(),
        // A plain key in file order.
        None => population
            .plain
            .records
            .iter()
            .map(|r| KeyEntry {
                kommune: r.name.clone(),
                key: r.befolkning,
            })
            .collect(),
    };
    let key_errors = match &population.statbank {
        Some(_) => population.folk1a.errors(),
        None => population.plain.errors(),
    };
    let split = finansiering::split(
        args.amount,
        args.offset.unwrap_or(Decimal::ZERO),
        args.share.unwrap_or(Decimal::ONE_HUNDRED),
        &key,
    );
    let result = match split {
        Ok(f) => f,
        Err(FinancingError::EmptyKey) if key_errors > 0 => {
            // Nothing usable in the key: say what was wrong with it.
            let lang = ctx.lang;
            let empty = finansiering::Financing {
                amount: args.amount,
                offset: args.offset.unwrap_or_default(),
                share_pct: args.share.unwrap_or(Decimal::ONE_HUNDRED),
                total: Decimal::ZERO,
                parts: Vec::new(),
            };
            let rendered = samarbejde::render_finansiering(&empty, lang);
            let inputs = [population.section(lang.pick("Fordelingsnøgle", "Key"))];
            return super::write_analysis(&plan, &rendered, &inputs, lang);
        }
        Err(e) => {
            return Err(Error::Usage(match e {
                FinancingError::EmptyKey => {
                    "the key holds no kommune with a population (befolkning file needed)".into()
                }
                FinancingError::Negative => "the amount less the offset is negative".into(),
                FinancingError::Overflow => "the amounts are too large".into(),
            }))
        }
    };
    let lang = ctx.lang;
    let mut rendered = samarbejde::render_finansiering(&result, lang);
    if let Some(t) = rendered.tables.first_mut() {
        t.notes.extend(population.notes(lang));
    }
    let inputs = [population.section(lang.pick("Fordelingsnøgle", "Key"))];
    super::write_analysis(&plan, &rendered, &inputs, lang)
}
