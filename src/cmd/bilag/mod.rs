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
mod regulering;
mod sections;
mod sources;

use inputs::{no_inputs, what_to_fill_in, Inputs};
use sections::{Data, Env};

use super::Context;
use crate::cli::{BilagArgs, Format};
use crate::dataset::multi::{self, AnyCollector};
use crate::dataset::{self, AnyLoaded, Loaded, Record};
use crate::error::{Error, ExitStatus};
use crate::input::discover::expand_patterns;
use crate::lang::Lang;
use crate::messages::bilag as text;
use crate::report::analysis::save_workbook;
use crate::report::bilag::{self, Annex, Section, Source};
use crate::validate::set::{self, Grouping, SetReport};
use crate::validate::{Options, Validator};
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

/// Runs a section's computation; a panic becomes a failure line.
fn guarded(
    heading: &str,
    lang: Lang,
    failures: &mut Vec<String>,
    make: impl FnOnce() -> Result<Vec<Section>, String>,
) -> Vec<Section> {
    let outcome = crate::input::catch_panic(make)
        .unwrap_or_else(|panic| Err(text::internal_error(&panic.to_string(), lang)));
    match outcome {
        Ok(sections) => sections,
        Err(why) => {
            failures.push(text::section_failed(heading, &why, lang));
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
        regnskab: expand(&cfg.regnskab)?,
    };
    let all = inputs.all();
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Xlsx);
    let plan = super::output_plan(
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
    let data = Data {
        current: role(&set, &inputs.takst, |c| &c.tariffs),
        previous: role(&set, &inputs.previous, |c| &c.tariffs),
        before: role(&set, &inputs.before, |c| &c.citizens),
        after: role(&set, &inputs.after, |c| &c.citizens),
        assessed: role(&set, &inputs.kriterier, |c| &c.assessments),
        requests: role(&set, &inputs.udmelding, |c| &c.withdrawals),
        population: role(&set, &inputs.befolkning, |c| &c.population),
        accounts: role(&set, &inputs.regnskab, |c| &c.accounts),
        regulations: role(&set, &inputs.takst, |c| &c.regulations),
    };
    let year = cfg.year.or_else(|| super::year_of(&data.current.records));
    let env = Env {
        ctx,
        cfg: &cfg,
        inputs: &inputs,
        data: &data,
        year,
    };

    let mut failures = Vec::new();
    let mut sources = Vec::new();
    let mut sections = Vec::new();
    let mut run = |heading: &str, make: &dyn Fn(&str) -> Result<Vec<Section>, String>| {
        sections.extend(guarded(heading, lang, &mut failures, || make(heading)));
    };

    progress.step(lang.pick("tilbud og takster", "offers and tariffs"));
    if !inputs.takst.is_empty() {
        sources.push(source(
            lang.pick("Takstindberetninger", "Tariff reports"),
            &data.current,
        ));
        if !inputs.previous.is_empty() {
            sources.push(source(
                lang.pick(
                    "Takstindberetninger, sidste år",
                    "Tariff reports, last year",
                ),
                &data.previous,
            ));
        }
        run(lang.pick("Takster", "Tariffs"), &|_| {
            sections::tariffs(&env)
        });
    }

    if !inputs.regnskab.is_empty() {
        sources.push(source(
            crate::messages::regulering::inputs_accounts(lang),
            &data.accounts,
        ));
        run(crate::messages::regulering::section_heading(lang), &|h| {
            regulering::section(&env, h)
        });
    }

    progress.step(lang.pick("udgiftsmonitorering", "expenditure monitoring"));
    if !inputs.before.is_empty() && !inputs.after.is_empty() {
        sources.push(source(
            lang.pick("Borgerlister, januar før", "Citizen lists, January before"),
            &data.before,
        ));
        sources.push(source(
            lang.pick("Borgerlister, januar efter", "Citizen lists, January after"),
            &data.after,
        ));
        run(
            lang.pick("Udgiftsmonitorering", "Expenditure monitoring"),
            &|h| sections::udgift(&env, h),
        );
    }
    if !inputs.takst.is_empty() && !inputs.after.is_empty() {
        run(lang.pick("Brug af tilbud", "Use of offers"), &|h| {
            sections::forbrug(&env, h)
        });
    }

    progress.step(lang.pick("det forstærkede samarbejde", "strengthened cooperation"));
    if !inputs.befolkning.is_empty() {
        sources.push(source(
            lang.pick("Befolkningstal", "Population"),
            &data.population,
        ));
    }
    if !inputs.kriterier.is_empty() {
        sources.push(source(
            lang.pick("Kriterievurderinger", "Assessments"),
            &data.assessed,
        ));
        run(
            lang.pick(
                "Det forstærkede samarbejde: kriterier",
                "Strengthened cooperation: criteria",
            ),
            &|h| sections::kriterier(&env, h),
        );
    }
    if !inputs.udmelding.is_empty() {
        sources.push(source(
            lang.pick("Udmeldinger", "Withdrawals"),
            &data.requests,
        ));
        run(
            lang.pick(
                "Det forstærkede samarbejde: udmeldinger",
                "Strengthened cooperation: withdrawals",
            ),
            &|h| sections::udmelding(&env, h),
        );
    }

    progress.step(lang.pick("objektiv finansiering", "objective financing"));
    if let Some(amount) = cfg.finansiering_amount {
        run(
            lang.pick("Objektiv finansiering", "Objective financing"),
            &|h| sections::finansiering(&env, h, amount),
        );
    }

    // The account of the inputs, first after the front sheet.
    let loaded: [&dyn AnyLoaded; 8] = [
        &data.current,
        &data.previous,
        &data.before,
        &data.after,
        &data.assessed,
        &data.requests,
        &data.population,
        &data.accounts,
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
        title: cfg
            .title
            .clone()
            .unwrap_or_else(|| text::default_title(year, lang)),
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
        let rows = crate::numfmt::number(left_out.len().into(), 0, lang);
        eprintln!("ramme: {}", text::rows_left_out(&rows, lang));
    }
    Ok(
        if errors > 0 || !left_out.is_empty() || !failures.is_empty() {
            ExitStatus::InputErrors
        } else {
            ExitStatus::Success
        },
    )
}
