//! `ramme bilag`: every annex table of the configured year in one workbook
//! (or Markdown for the agenda text), from the inputs named in ramme.toml.
//!
//! Every input is read once: one validation of all files (grouped by year,
//! so a year's borgerlister are checked against its takstindberetninger),
//! whose reports and records serve every section. A section that cannot be
//! made is a visible line in the annex and on stderr, and exit 1; rows left
//! out of the figures are counted on the front sheet and listed on the
//! validation sheet.

mod inputs;
mod sources;

use inputs::{no_inputs, what_to_fill_in, Inputs};

use super::{Context, OutputPlan};
use crate::analysis::{finansiering, kriterier, takst, takstanalyse, tilbud, udgift, udmelding};
use crate::cli::{BilagArgs, Format};
use crate::dataset::multi::{self, AnyCollector};
use crate::dataset::{self, AnyLoaded, Loaded, Record};
use crate::error::{Error, ExitStatus};
use crate::input::discover::expand_patterns;
use crate::lang::Lang;
use crate::report::analysis::save_workbook;
use crate::report::bilag::{self, Annex, ChartKind, Section, Source};
use crate::report::table::Table;
use crate::validate::set::{self, Grouping, SetReport};
use crate::validate::{Options, Validator};
use rust_decimal::Decimal;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// A progress bar on standard error, only on a terminal.
struct Progress {
    total: usize,
    done: usize,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            shown: std::io::stderr().is_terminal(),
        }
    }

    fn step(&mut self, label: &str) {
        self.done += 1;
        if self.shown {
            let width = 24;
            let filled = width * self.done / self.total.max(1);
            let bar = format!("{}{}", "█".repeat(filled), "░".repeat(width - filled));
            eprint!("\r\x1b[2K{bar} {}/{} {label}", self.done, self.total);
            let _ = std::io::stderr().flush();
        }
    }

    fn finish(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

/// One section's inputs: its files and their records.
fn role<'p, T: Record + Clone>(
    set: &SetReport<AnyCollector<'p>>,
    files: &[PathBuf],
    pick: impl for<'a> Fn(&'a AnyCollector<'p>) -> &'a dataset::Collector<'p, T>,
) -> Loaded<T> {
    dataset::assemble(multi::parts(set, files, pick))
}

fn source<T>(kind: &str, loaded: &Loaded<T>) -> Source {
    let s = loaded.validation.summary();
    Source {
        kind: kind.to_string(),
        files: s.files,
        rows: s.rows,
        left_out: loaded.excluded.len(),
        errors: s.errors,
        warnings: s.warnings,
    }
}

/// Why a year's inputs cannot be used, or None.
fn unusable<T>(
    ctx: &Context,
    loaded: &Loaded<T>,
    patterns: &[String],
    schema: &str,
    flag: Option<&str>,
) -> Option<String> {
    let inputs: Vec<PathBuf> = patterns.iter().map(PathBuf::from).collect();
    super::check_loaded(ctx, loaded, &inputs, schema, flag)
        .err()
        .map(|e| e.message(ctx.lang))
}

/// Runs a section's computation; a panic becomes a failure line.
fn guarded(
    heading: &str,
    lang: Lang,
    failures: &mut Vec<String>,
    make: impl FnOnce() -> Result<Vec<Section>, String>,
) -> Vec<Section> {
    let outcome = crate::input::catch_panic(make).unwrap_or_else(|panic| {
        Err(lang.pick(
            format!("en intern fejl ({panic})"),
            format!("an internal error ({panic})"),
        ))
    });
    match outcome {
        Ok(sections) => sections,
        Err(why) => {
            failures.push(lang.pick(
                format!("Afsnittet \"{heading}\" kunne ikke laves: {why}"),
                format!("The section \"{heading}\" could not be made: {why}"),
            ));
            Vec::new()
        }
    }
}

pub fn run(ctx: &Context, args: &BilagArgs) -> Result<ExitStatus, Error> {
    let lang = ctx.lang;
    let config_path = ctx
        .config
        .source
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::config::DEFAULT_CONFIG));
    let cfg = match ctx.config.bilag.clone() {
        Some(cfg) if !no_inputs(&cfg) => cfg,
        _ => {
            return Err(Error::Config {
                path: config_path,
                message: what_to_fill_in(lang),
            })
        }
    };
    let base: PathBuf = ctx
        .config
        .source
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let expand = |patterns: &[String]| expand_patterns(&base, patterns);
    let inputs = Inputs {
        takst: expand(&cfg.takst)?,
        previous: expand(&cfg.takst_previous)?,
        before: expand(&cfg.borgerliste_before)?,
        after: expand(&cfg.borgerliste_after)?,
        kriterier: expand(&cfg.kriterier)?,
        udmelding: expand(&cfg.udmelding)?,
        befolkning: expand(&cfg.befolkning)?,
    };
    let all = inputs.all();
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Xlsx);
    let plan = OutputPlan::new(
        &crate::cli::OutputArgs {
            format: Some(format),
            output: args.output.clone(),
        },
        &[Format::Xlsx, Format::Md],
        &all,
    )?;
    let validator = Validator::new(
        &ctx.catalog,
        Options {
            lang,
            ..Options::default()
        },
    )?;
    let reference = &ctx.catalog.reference;
    let mut progress = Progress::new(8);

    progress.step(lang.pick("validering", "validation"));
    let set = set::validate_set(&validator, &all, Grouping::ByYear, |path| {
        AnyCollector::new(reference, path)
    });
    let current = role(&set, &inputs.takst, |c| &c.tariffs);
    let previous = role(&set, &inputs.previous, |c| &c.tariffs);
    let before = role(&set, &inputs.before, |c| &c.citizens);
    let after = role(&set, &inputs.after, |c| &c.citizens);
    let assessed = role(&set, &inputs.kriterier, |c| &c.assessments);
    let requests = role(&set, &inputs.udmelding, |c| &c.withdrawals);
    let population = role(&set, &inputs.befolkning, |c| &c.population);
    let year = cfg.year.or_else(|| super::year_of(&current.records));

    let mut failures = Vec::new();
    let mut sources = Vec::new();
    let mut sections = Vec::new();
    let strip_inputs = |mut tables: Vec<Table>| {
        tables.retain(|t| t.name != lang.pick("Inddata", "Inputs"));
        tables
    };

    if !inputs.takst.is_empty() {
        sources.push(source(
            lang.pick("Takstindberetninger", "Tariff reports"),
            &current,
        ));
        if !inputs.previous.is_empty() {
            sources.push(source(
                lang.pick(
                    "Takstindberetninger, sidste år",
                    "Tariff reports, last year",
                ),
                &previous,
            ));
        }
        let heading = lang.pick("Takster", "Tariffs");
        progress.step(lang.pick("tilbud og takster", "offers and tariffs"));
        let made = guarded(heading, lang, &mut failures, || {
            if let Some(why) = unusable(
                ctx,
                &current,
                &cfg.takst,
                "takstindberetning",
                Some("takst_previous"),
            ) {
                return Err(why);
            }
            if !inputs.previous.is_empty() {
                if let Some(why) = unusable(
                    ctx,
                    &previous,
                    &cfg.takst_previous,
                    "takstindberetning",
                    Some("takst_previous"),
                ) {
                    return Err(why);
                }
            }
            let prev = (!inputs.previous.is_empty()).then_some(previous.records.as_slice());
            let tilbud = tilbud::analyse(&current.records, prev, reference);
            let rule = takst::TakstRule {
                pl_pct: ctx.config.takst.pl_for(year).unwrap_or_default(),
                required_pct: ctx.config.takst.required.unwrap_or_default(),
            };
            let reduction = takst::analyse(
                &current.records,
                prev,
                rule,
                super::weighting(ctx),
                reference,
            );
            let analysis = takstanalyse::analyse(
                &current.records,
                prev,
                ctx.config.takst.pl_for(year),
                super::weighting(ctx),
                reference,
            );
            Ok(vec![
                Section {
                    heading: lang.pick("Tilbud ind og ud", "Offers in and out").into(),
                    tables: strip_inputs(crate::report::tilbud::render(&tilbud, year, lang).tables),
                    chart: None,
                },
                Section {
                    heading: lang.pick("Takstreduktion", "Tariff reduction").into(),
                    tables: strip_inputs(
                        crate::report::takst::render(&reduction, year, lang).tables,
                    ),
                    chart: Some(ChartKind::TakstByKommune),
                },
                Section {
                    heading: lang.pick("Takstanalyse", "Tariff analysis").into(),
                    tables: strip_inputs(
                        crate::report::takstanalyse::render(
                            &analysis,
                            year,
                            year.map(|y| y - 1),
                            lang,
                        )
                        .tables,
                    ),
                    chart: None,
                },
            ])
        });
        sections.extend(made);
    }

    progress.step(lang.pick("udgiftsmonitorering", "expenditure monitoring"));
    if !inputs.before.is_empty() && !inputs.after.is_empty() {
        sources.push(source(
            lang.pick("Borgerlister, januar før", "Citizen lists, January before"),
            &before,
        ));
        sources.push(source(
            lang.pick("Borgerlister, januar efter", "Citizen lists, January after"),
            &after,
        ));
        let heading = lang.pick("Udgiftsmonitorering", "Expenditure monitoring");
        let made = guarded(heading, lang, &mut failures, || {
            for (loaded, patterns) in [
                (&before, &cfg.borgerliste_before),
                (&after, &cfg.borgerliste_after),
            ] {
                if let Some(why) = unusable(
                    ctx,
                    loaded,
                    patterns,
                    "borgerliste",
                    Some("borgerliste_before"),
                ) {
                    return Err(why);
                }
            }
            let defaults = udgift::Targets::default();
            let targets = udgift::Targets {
                total: ctx.config.udgift.target_total.unwrap_or(defaults.total),
                takst: ctx.config.udgift.target_takst.unwrap_or(defaults.takst),
                visitation: ctx
                    .config
                    .udgift
                    .target_visitation
                    .unwrap_or(defaults.visitation),
            };
            // The takst effect's price/level split from the year's tariffs.
            let prices = (!inputs.takst.is_empty()).then(|| {
                udgift::PriceChanges::from_tariffs(
                    &current.records,
                    (!inputs.previous.is_empty()).then_some(previous.records.as_slice()),
                )
            });
            let result = udgift::analyse_with_prices(
                &before.records,
                &after.records,
                false,
                prices.as_ref(),
            );
            let labels = crate::report::udgift::Labels::new(
                year.and_then(|y| u16::try_from(y - 1).ok()),
                year.and_then(|y| u16::try_from(y).ok()),
                lang,
            );
            Ok(vec![Section {
                heading: heading.into(),
                tables: strip_inputs(
                    crate::report::udgift::render(&result, &targets, &labels, reference, lang)
                        .tables,
                ),
                chart: Some(ChartKind::UdgiftEffects),
            }])
        });
        sections.extend(made);
    }

    // The use of offers (ramme forbrug): this year's January against this
    // year's takstindberetninger.
    if !inputs.takst.is_empty() && !inputs.after.is_empty() {
        let heading = lang.pick("Brug af tilbud", "Use of offers");
        let made = guarded(heading, lang, &mut failures, || {
            let tables = super::forbrug::bilag_tables(
                ctx,
                &after.records,
                &current.records,
                &inputs.befolkning,
            )
            .map_err(|e| e.message(lang))?;
            Ok(vec![Section {
                heading: heading.into(),
                tables,
                chart: None,
            }])
        });
        sections.extend(made);
    }

    progress.step(lang.pick("det forstærkede samarbejde", "strengthened cooperation"));
    let population_total = (!population.records.is_empty())
        .then(|| {
            population
                .records
                .iter()
                .map(|r| r.befolkning)
                .sum::<Decimal>()
        })
        .or(ctx.config.samarbejde.population);
    if !inputs.befolkning.is_empty() {
        sources.push(source(
            lang.pick("Befolkningstal", "Population"),
            &population,
        ));
    }
    if !inputs.kriterier.is_empty() {
        sources.push(source(
            lang.pick("Kriterievurderinger", "Assessments"),
            &assessed,
        ));
        let heading = lang.pick(
            "Det forstærkede samarbejde: kriterier",
            "Strengthened cooperation: criteria",
        );
        let made = guarded(heading, lang, &mut failures, || {
            let per = ctx
                .config
                .samarbejde
                .indicator_per
                .unwrap_or(Decimal::from(kriterier::INDICATOR_PER));
            let result = kriterier::analyse(&assessed.records, population_total, per);
            Ok(vec![Section {
                heading: heading.into(),
                tables: crate::report::samarbejde::render_kriterier(&result, lang).tables,
                chart: None,
            }])
        });
        sections.extend(made);
    }
    if !inputs.udmelding.is_empty() {
        sources.push(source(lang.pick("Udmeldinger", "Withdrawals"), &requests));
        let heading = lang.pick(
            "Det forstærkede samarbejde: udmeldinger",
            "Strengthened cooperation: withdrawals",
        );
        let made = guarded(heading, lang, &mut failures, || {
            let defaults = udmelding::Procedure::default();
            let s = &ctx.config.samarbejde;
            let procedure = udmelding::Procedure {
                period_start: s.period_start.unwrap_or(defaults.period_start),
                period_length: s.period_length.unwrap_or(defaults.period_length),
                months: s.withdrawal_months.clone().unwrap_or(defaults.months),
                even_years: s.withdrawal_even_years.unwrap_or(defaults.even_years),
            };
            let assessed: Vec<_> = requests
                .records
                .iter()
                .map(|r| udmelding::assess(&procedure, r, None))
                .collect();
            Ok(vec![Section {
                heading: heading.into(),
                tables: crate::report::samarbejde::render_udmelding(&assessed, lang).tables,
                chart: None,
            }])
        });
        sections.extend(made);
    }

    progress.step(lang.pick("objektiv finansiering", "objective financing"));
    if let Some(amount) = cfg.finansiering_amount {
        let heading = lang.pick("Objektiv finansiering", "Objective financing");
        let made = guarded(heading, lang, &mut failures, || {
            if population.records.is_empty() {
                return Err(lang.pick(
                    "der er ingen befolkningstal at fordele efter ([bilag] befolkning)".to_string(),
                    "there are no population figures to split by ([bilag] befolkning)".to_string(),
                ));
            }
            let key: Vec<finansiering::KeyEntry> = population
                .records
                .iter()
                .map(|r| finansiering::KeyEntry {
                    kommune: r.name.clone(),
                    key: r.befolkning,
                })
                .collect();
            let f = finansiering::split(
                amount,
                cfg.finansiering_offset.unwrap_or_default(),
                cfg.finansiering_share.unwrap_or(Decimal::ONE_HUNDRED),
                &key,
            )
            .map_err(|e| match e {
                finansiering::FinancingError::EmptyKey => lang.pick(
                    "fordelingsnøglen har ingen kommune med befolkningstal".to_string(),
                    "the key holds no kommune with a population".to_string(),
                ),
                finansiering::FinancingError::Negative => lang.pick(
                    "beløbet minus modregningen er negativt".to_string(),
                    "the amount less the offset is negative".to_string(),
                ),
                finansiering::FinancingError::Overflow => lang.pick(
                    "beløbene er for store".to_string(),
                    "the amounts are too large".to_string(),
                ),
            })?;
            Ok(vec![Section {
                heading: heading.into(),
                tables: crate::report::samarbejde::render_finansiering(&f, lang).tables,
                chart: None,
            }])
        });
        sections.extend(made);
    }

    // The account of the inputs, first after the front sheet.
    let loaded: [&dyn AnyLoaded; 7] = [
        &current,
        &previous,
        &before,
        &after,
        &assessed,
        &requests,
        &population,
    ];
    let left_out = sources::all_left_out(&loaded);
    let errors: u64 = set.files.iter().map(|f| f.report.errors()).sum();
    sections.insert(
        0,
        Section {
            heading: lang.pick("Validering", "Validation").into(),
            // The left-out rows get their sheet when there are any; the
            // front sheet says so either way.
            tables: std::iter::once(sources::validation_table(set.reports(), lang))
                .chain((!left_out.is_empty()).then(|| sources::left_out_table(&left_out, lang)))
                .collect(),
            chart: None,
        },
    );

    progress.step(lang.pick("skriver", "writing"));
    let annex = Annex {
        left_out: left_out.len(),
        failures: failures.clone(),
        title: cfg.title.clone().unwrap_or_else(|| match year {
            Some(y) => lang.pick(
                format!("Bilag til DAS – rammeaftalen {y}"),
                format!("Annex for DAS – rammeaftale {y}"),
            ),
            None => lang.pick("Bilag til DAS".to_string(), "Annex for DAS".to_string()),
        }),
        year,
        made: crate::report::xlsx::made_date(),
        made_from: format!(
            "ramme {} · {}",
            env!("CARGO_PKG_VERSION"),
            crate::cpr::mask(&config_path.display().to_string())
        ),
        sources,
        sections,
    };
    match plan.format {
        Format::Md => plan.write(|out| bilag::markdown(&annex, lang, out))?,
        _ => {
            let Some(path) = &plan.path else {
                return Err(Error::Usage("ramme bilag -o FILE.xlsx".into()));
            };
            let mut workbook = bilag::workbook(&annex, lang).map_err(|e| Error::Workbook {
                path: path.clone(),
                message: e.to_string(),
            })?;
            save_workbook(&mut workbook, path)?;
        }
    }
    progress.finish();
    for failure in &failures {
        eprintln!("ramme: {failure}");
    }
    if !left_out.is_empty() {
        eprintln!(
            "ramme: {}",
            lang.pick(
                format!(
                    "{} rækker er udeladt af bilagets tal på grund af fejl (se arket Validering).",
                    crate::numfmt::number(left_out.len().into(), 0, lang)
                ),
                format!(
                    "{} rows are left out of the annex's figures because of errors (see the sheet Validering).",
                    crate::numfmt::number(left_out.len().into(), 0, lang)
                ),
            )
        );
    }
    Ok(
        if errors > 0 || !left_out.is_empty() || !failures.is_empty() {
            ExitStatus::InputErrors
        } else {
            ExitStatus::Success
        },
    )
}
