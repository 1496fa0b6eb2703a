//! `ramme bilag`: every annex table of the configured year in one workbook
//! (or Markdown for the agenda text), from the inputs named in ramme.toml.

use super::{Context, OutputPlan};
use crate::analysis::{finansiering, kriterier, takst, takstanalyse, tilbud, udgift, udmelding};
use crate::cli::{BilagArgs, Format};
use crate::dataset::{
    self, Assessment, CitizenRow, PopulationRow, Record, TariffRow, WithdrawalRequest,
};
use crate::error::{Error, ExitStatus};
use crate::input::discover::expand_patterns;
use crate::lang::Lang;
use crate::report::analysis::save_workbook;
use crate::report::bilag::{self, Annex, ChartKind, Section, Source};
use crate::report::table::{Column, Kind, Table};
use crate::validate::{NoRows, Options, Validator};
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

fn load<T: Record>(
    validator: &Validator<'_>,
    ctx: &Context,
    files: &[PathBuf],
) -> dataset::Loaded<T> {
    dataset::load::<T>(validator, &ctx.catalog.reference, files)
}

fn source<T>(kind: &str, loaded: &dataset::Loaded<T>) -> Source {
    let s = loaded.validation.summary();
    Source {
        kind: kind.to_string(),
        files: s.files,
        rows: s.rows,
        errors: s.errors,
        warnings: s.warnings,
    }
}

/// The validation status of every file read.
fn validation_table(files: &[PathBuf], validator: &Validator<'_>, lang: Lang) -> (Table, u64) {
    let reports = dataset::validate_parallel(files, |f| validator.validate_file(f, &mut NoRows));
    let mut t = Table::new(
        lang.pick("Validering", "Validation"),
        lang.pick(
            "Validering af de indsendte filer",
            "Validation of the submitted files",
        ),
        vec![
            Column::new("path", lang.pick("Fil", "File"), Kind::Text),
            Column::new("sheet", lang.pick("Ark", "Sheet"), Kind::Text),
            Column::new(
                "schema",
                lang.pick("Indberetning", "Submission"),
                Kind::Text,
            ),
            Column::new("rows", lang.pick("Rækker", "Rows"), Kind::Integer),
            Column::new("errors", lang.pick("Fejl", "Errors"), Kind::Integer),
            Column::new(
                "warnings",
                lang.pick("Advarsler", "Warnings"),
                Kind::Integer,
            ),
            Column::new("status", lang.pick("Status", "Status"), Kind::Text),
        ],
    );
    let mut errors = 0;
    for r in &reports {
        for s in &r.sheets {
            errors += s.errors;
            let status = if s.errors > 0 {
                lang.pick("fejl", "errors")
            } else if s.warnings > 0 {
                lang.pick("advarsler", "warnings")
            } else {
                lang.pick("i orden", "fine")
            };
            t.push(vec![
                r.path.display().to_string().into(),
                s.sheet.as_deref().unwrap_or("").into(),
                s.schema
                    .clone()
                    .unwrap_or_else(|| lang.pick("ukendt", "unknown").to_string())
                    .into(),
                Decimal::from(s.rows).into(),
                Decimal::from(s.errors).into(),
                Decimal::from(s.warnings).into(),
                status.into(),
            ]);
        }
    }
    t.notes.push(lang.pick(
        "Sekretariatet sender hver kommune en rapport over dens fejl og advarsler celle for celle.".to_string(),
        "The secretariat sends each kommune a report of its errors and warnings cell by cell.".to_string(),
    ));
    (t, errors)
}

fn no_inputs(cfg: &crate::config::BilagConfig) -> bool {
    [
        &cfg.takst,
        &cfg.takst_previous,
        &cfg.borgerliste_before,
        &cfg.borgerliste_after,
        &cfg.kriterier,
        &cfg.udmelding,
        &cfg.befolkning,
    ]
    .iter()
    .all(|list| list.is_empty())
}

/// What `[bilag]` must name, for a user who has only run `ramme init`.
fn what_to_fill_in(lang: Lang) -> String {
    let example = "\n\n[bilag]\n\
year = 2017\n\
takst = [\"2017\"]                 # {takst}\n\
takst_previous = [\"2016\"]        # {previous}\n\
borgerliste_before = [\"2016\"]    # {before}\n\
borgerliste_after = [\"2017\"]     # {after}\n\
kriterier = [\"2017\"]             # {kriterier}\n\
udmelding = [\"2018\"]             # {udmelding}\n\
befolkning = [\"2017/befolkning.csv\"]  # {befolkning}\n";
    let fill = |words: [&str; 7]| {
        let [takst, previous, before, after, kriterier, udmelding, befolkning] = words;
        example
            .replace("{takst}", takst)
            .replace("{previous}", previous)
            .replace("{before}", before)
            .replace("{after}", after)
            .replace("{kriterier}", kriterier)
            .replace("{udmelding}", udmelding)
            .replace("{befolkning}", befolkning)
    };
    lang.pick(
        format!(
            "bilaget har ingen inddata. Skriv i [bilag], hvilke filer, mapper eller mønstre (relativt til konfigurationsfilen) bilaget skal læse, fx:{}",
            fill([
                "årets takstindberetninger",
                "sidste års takstindberetninger",
                "borgerlister, januar året før",
                "borgerlister, januar i år",
                "kriterievurderinger",
                "udmeldinger",
                "befolkningstal",
            ])
        ),
        format!(
            "the annex has no inputs. Name in [bilag] the files, folders or patterns (relative to the config file) the annex reads, e.g.:{}",
            fill([
                "this year's tariff reports",
                "last year's tariff reports",
                "citizen lists, January last year",
                "citizen lists, January this year",
                "criteria assessments",
                "withdrawals",
                "population figures",
            ])
        ),
    )
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
    let takst_files = expand(&cfg.takst)?;
    let previous_files = expand(&cfg.takst_previous)?;
    let before_files = expand(&cfg.borgerliste_before)?;
    let after_files = expand(&cfg.borgerliste_after)?;
    let kriterier_files = expand(&cfg.kriterier)?;
    let udmelding_files = expand(&cfg.udmelding)?;
    let befolkning_files = expand(&cfg.befolkning)?;
    let mut all: Vec<PathBuf> = Vec::new();
    for f in [
        &takst_files,
        &previous_files,
        &before_files,
        &after_files,
        &kriterier_files,
        &udmelding_files,
        &befolkning_files,
    ]
    .into_iter()
    .flatten()
    {
        if !all.contains(f) {
            all.push(f.clone());
        }
    }
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
    let mut progress = Progress::new(9);
    let mut sections = Vec::new();
    let mut sources = Vec::new();
    let reference = &ctx.catalog.reference;
    let strip_inputs = |mut tables: Vec<Table>| {
        tables.retain(|t| t.name != lang.pick("Inddata", "Inputs"));
        tables
    };

    progress.step(lang.pick("validering", "validation"));
    let (validation, validation_errors) = validation_table(&all, &validator, lang);
    sections.push(Section {
        heading: lang.pick("Validering", "Validation").into(),
        tables: vec![validation],
        chart: None,
    });

    progress.step(lang.pick("takstindberetninger", "tariff reports"));
    let current = load::<TariffRow>(&validator, ctx, &takst_files);
    let previous = load::<TariffRow>(&validator, ctx, &previous_files);
    let year = cfg.year.or_else(|| super::year_of(&current.records));
    if !takst_files.is_empty() {
        sources.push(source(
            lang.pick("Takstindberetninger", "Tariff reports"),
            &current,
        ));
        if !previous_files.is_empty() {
            sources.push(source(
                lang.pick(
                    "Takstindberetninger, sidste år",
                    "Tariff reports, last year",
                ),
                &previous,
            ));
        }
        let prev = (!previous_files.is_empty()).then_some(previous.records.as_slice());
        progress.step(lang.pick("tilbud ind og ud", "offers in and out"));
        let result = tilbud::analyse(&current.records, prev, reference);
        sections.push(Section {
            heading: lang.pick("Tilbud ind og ud", "Offers in and out").into(),
            tables: strip_inputs(crate::report::tilbud::render(&result, year, lang).tables),
            chart: None,
        });
        progress.step(lang.pick("takstreduktion", "tariff reduction"));
        let rule = takst::TakstRule {
            pl_pct: ctx.config.takst.pl.unwrap_or_default(),
            required_pct: ctx.config.takst.required.unwrap_or_default(),
        };
        let result = takst::analyse(&current.records, prev, rule, reference);
        sections.push(Section {
            heading: lang.pick("Takstreduktion", "Tariff reduction").into(),
            tables: strip_inputs(crate::report::takst::render(&result, year, lang).tables),
            chart: Some(ChartKind::TakstByKommune),
        });
        progress.step(lang.pick("takstanalyse", "tariff analysis"));
        let rendered =
            takstanalyse::analyse(&current.records, prev, ctx.config.takst.pl, reference);
        sections.push(Section {
            heading: lang.pick("Takstanalyse", "Tariff analysis").into(),
            tables: strip_inputs(
                crate::report::takstanalyse::render(&rendered, year, year.map(|y| y - 1), lang)
                    .tables,
            ),
            chart: None,
        });
    }

    progress.step(lang.pick("udgiftsmonitorering", "expenditure monitoring"));
    if !before_files.is_empty() && !after_files.is_empty() {
        let (before, after) = std::thread::scope(|scope| {
            let b = scope.spawn(|| load::<CitizenRow>(&validator, ctx, &before_files));
            let a = load::<CitizenRow>(&validator, ctx, &after_files);
            (b.join().ok(), a)
        });
        if let Some(before) = before {
            sources.push(source(
                lang.pick("Borgerlister, januar før", "Citizen lists, January before"),
                &before,
            ));
            sources.push(source(
                lang.pick("Borgerlister, januar efter", "Citizen lists, January after"),
                &after,
            ));
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
            let result = udgift::analyse(&before.records, &after.records, false);
            let labels = crate::report::udgift::Labels::new(
                year.and_then(|y| u16::try_from(y - 1).ok()),
                year.and_then(|y| u16::try_from(y).ok()),
                lang,
            );
            sections.push(Section {
                heading: lang
                    .pick("Udgiftsmonitorering", "Expenditure monitoring")
                    .into(),
                tables: strip_inputs(
                    crate::report::udgift::render(&result, &targets, &labels, reference, lang)
                        .tables,
                ),
                chart: Some(ChartKind::UdgiftEffects),
            });
        }
    }

    progress.step(lang.pick("det forstærkede samarbejde", "strengthened cooperation"));
    let population = load::<PopulationRow>(&validator, ctx, &befolkning_files);
    let population_total = (!population.records.is_empty())
        .then(|| {
            population
                .records
                .iter()
                .map(|r| r.befolkning)
                .sum::<Decimal>()
        })
        .or(ctx.config.samarbejde.population);
    if !befolkning_files.is_empty() {
        sources.push(source(
            lang.pick("Befolkningstal", "Population"),
            &population,
        ));
    }
    if !kriterier_files.is_empty() {
        let assessed = load::<Assessment>(&validator, ctx, &kriterier_files);
        sources.push(source(
            lang.pick("Kriterievurderinger", "Assessments"),
            &assessed,
        ));
        let per = ctx
            .config
            .samarbejde
            .indicator_per
            .unwrap_or(Decimal::from(kriterier::INDICATOR_PER));
        let result = kriterier::analyse(&assessed.records, population_total, per);
        sections.push(Section {
            heading: lang
                .pick(
                    "Det forstærkede samarbejde: kriterier",
                    "Strengthened cooperation: criteria",
                )
                .into(),
            tables: crate::report::samarbejde::render_kriterier(&result, lang).tables,
            chart: None,
        });
    }
    if !udmelding_files.is_empty() {
        let requests = load::<WithdrawalRequest>(&validator, ctx, &udmelding_files);
        sources.push(source(lang.pick("Udmeldinger", "Withdrawals"), &requests));
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
        sections.push(Section {
            heading: lang
                .pick(
                    "Det forstærkede samarbejde: udmeldinger",
                    "Strengthened cooperation: withdrawals",
                )
                .into(),
            tables: crate::report::samarbejde::render_udmelding(&assessed, lang).tables,
            chart: None,
        });
    }

    progress.step(lang.pick("objektiv finansiering", "objective financing"));
    if let (Some(amount), false) = (cfg.finansiering_amount, population.records.is_empty()) {
        let key: Vec<finansiering::KeyEntry> = population
            .records
            .iter()
            .map(|r| finansiering::KeyEntry {
                kommune: r.name.clone(),
                key: r.befolkning,
            })
            .collect();
        if let Ok(f) = finansiering::split(
            amount,
            cfg.finansiering_offset.unwrap_or_default(),
            cfg.finansiering_share.unwrap_or(Decimal::ONE_HUNDRED),
            &key,
        ) {
            sections.push(Section {
                heading: lang
                    .pick("Objektiv finansiering", "Objective financing")
                    .into(),
                tables: crate::report::samarbejde::render_finansiering(&f, lang).tables,
                chart: None,
            });
        }
    }

    progress.step(lang.pick("skriver", "writing"));
    let annex = Annex {
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
            config_path.display()
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
    Ok(if validation_errors > 0 {
        ExitStatus::InputErrors
    } else {
        ExitStatus::Success
    })
}
