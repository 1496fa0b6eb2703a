//! One file per subcommand: each turns its arguments into options, calls the
//! library and picks the exit status. `ls src/cmd` is the table of contents.

pub mod befolkning;
pub mod bilag;
pub mod forbrug;
pub mod init;
pub mod manpage;
pub mod options;
pub mod overflow;
pub mod pseudonym;
pub mod regulering;
pub mod samarbejde;
pub mod skabelon;
pub mod status;
pub mod takst;
pub mod takstanalyse;
pub mod tilbud;
pub mod udgift;
pub mod validate;

use crate::cli::{Format, GlobalArgs, OutputArgs};
use crate::config::Config;
use crate::error::Error;
use crate::lang::Lang;
use crate::output::{check_not_input, Destination};
use crate::schema::Catalog;
use std::path::PathBuf;

/// What every command needs: the config, the language, the schemas.
pub struct Context {
    pub config: Config,
    pub lang: Lang,
    pub catalog: Catalog,
}

impl Context {
    pub fn load(global: &GlobalArgs) -> Result<Context, Error> {
        let config = Config::load(global.config.as_deref())?;
        check_config(&config)?;
        crate::input::limits::set(config.validate.read_limits());
        crate::validate::parallel::set_threads(config.validate.threads.unwrap_or(0));
        let lang = global.lang.or(config.lang).unwrap_or_default();
        let schema_dir = global
            .schema_dir
            .clone()
            .or_else(|| config.schema_dir.clone());
        let mut catalog = match &schema_dir {
            Some(dir) => Catalog::from_dir(dir)?,
            None => Catalog::embedded()?,
        };
        protect_read_files(&config, schema_dir.as_deref());
        if !config.reference.maalgrupper.is_empty() {
            catalog
                .reference
                .add_maalgrupper(&config.reference.maalgrupper);
        }
        if let Some(pct) = config.takst.overhead_pct {
            catalog.set_check_param("overhead", "overhead_pct", pct);
        }
        Ok(Context {
            config,
            lang,
            catalog,
        })
    }
}

/// The config's figures obey the same rules as the flags: P/L and the
/// required reduction within ±20 %, whole kroner, a share in (1, 100].
fn check_config(config: &Config) -> Result<(), Error> {
    let path = config
        .source
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::config::DEFAULT_CONFIG));
    let fail = |key: &str, message: String| Error::Config {
        path: path.clone(),
        message: format!("{key} {message}"),
    };
    for (key, value) in [
        ("[takst] pl".to_string(), config.takst.pl),
        ("[takst] required".to_string(), config.takst.required),
    ]
    .into_iter()
    .chain(
        config
            .takst
            .pl_by_year
            .iter()
            .map(|(year, v)| (format!("[takst] pl {year}"), Some(*v))),
    ) {
        if let Some(v) = value {
            crate::cli::check_rate(v).map_err(|m| fail(&key, m))?;
        }
    }
    if let Some(v) = config.takst.overhead_pct {
        if v < rust_decimal::Decimal::ZERO || v > rust_decimal::Decimal::ONE_HUNDRED {
            let shown = crate::numfmt::plain(v, 4, crate::lang::current());
            return Err(fail(
                "[takst] overhead_pct",
                crate::messages::cli::percent_out_of_range(&shown, crate::lang::current()),
            ));
        }
    }
    if let Some(bilag) = &config.bilag {
        for (key, value) in [
            ("[bilag] finansiering_amount", bilag.finansiering_amount),
            ("[bilag] finansiering_offset", bilag.finansiering_offset),
        ] {
            if let Some(v) = value {
                crate::cli::parse_kr_arg(&v.to_string()).map_err(|m| fail(key, m))?;
            }
        }
        if let Some(v) = bilag.finansiering_share {
            crate::cli::parse_share_arg(&v.to_string())
                .map_err(|m| fail("[bilag] finansiering_share", m))?;
        }
    }
    Ok(())
}

/// The config, the schema files and a population file are read by the run:
/// no `-o` may replace them.
fn protect_read_files(config: &Config, schema_dir: Option<&std::path::Path>) {
    let mut files: Vec<PathBuf> = config.source.iter().cloned().collect();
    files.extend(config.samarbejde.population_file.iter().cloned());
    if let Some(entries) = schema_dir.and_then(|d| std::fs::read_dir(d).ok()) {
        files.extend(entries.flatten().map(|e| e.path()));
    }
    crate::output::protect(files);
}

/// The checked output choice of a command: the format from `--format`, else
/// from the output's extension, else text; `allowed` lists what the command
/// can write.
pub fn output_plan(
    args: &OutputArgs,
    allowed: &[Format],
    inputs: &[PathBuf],
) -> Result<Destination, Error> {
    let lang = crate::lang::current();
    let names = || {
        allowed
            .iter()
            .map(|f| format_name(*f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let extensions = || {
        allowed
            .iter()
            .map(|f| match f {
                Format::Text => ".txt",
                Format::Json => ".json",
                Format::Csv => ".csv",
                Format::Xlsx => ".xlsx",
                Format::Md => ".md",
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    // An output name whose extension says no format is refused rather
    // than written as text under a misleading name ("val.pdf").
    if let (None, Some(path)) = (args.format, &args.output) {
        if Format::from_path(path).is_none() {
            return Err(Error::Usage(crate::messages::cli::unknown_extension(
                &path.display().to_string(),
                &extensions(),
                lang,
            )));
        }
    }
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Text);
    if !allowed.contains(&format) {
        return Err(Error::Usage(crate::messages::cli::format_not_available(
            format_name(format),
            &names(),
            lang,
        )));
    }
    if format == Format::Xlsx && args.output.is_none() {
        return Err(Error::Usage(crate::messages::cli::xlsx_needs_file(lang)));
    }
    if let Some(path) = &args.output {
        check_not_input(path, inputs)?;
    }
    Ok(Destination {
        format,
        path: args.output.clone(),
    })
}

/// Writes an analysis and returns its exit status: 1 when any input had
/// errors (the analysis still ran on the rows without).
pub fn write_analysis(
    plan: &Destination,
    rendered: &crate::report::analysis::Rendered,
    inputs: &[crate::report::analysis::InputSection<'_>],
    lang: crate::lang::Lang,
) -> Result<crate::ExitStatus, Error> {
    crate::report::analysis::write(plan, rendered, inputs, lang)?;
    Ok(if inputs.iter().any(|i| i.errors() > 0) {
        crate::ExitStatus::InputErrors
    } else {
        crate::ExitStatus::Success
    })
}

pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
        Format::Md => "md",
    }
}

/// The formats every analysis writes.
pub const ANALYSIS_FORMATS: [Format; 5] = [
    Format::Text,
    Format::Json,
    Format::Csv,
    Format::Md,
    Format::Xlsx,
];

/// The inputs as a sentence names them ("examples/2017, a.csv").
pub fn inputs_text(inputs: &[PathBuf]) -> String {
    let list: Vec<String> = inputs
        .iter()
        .map(|p| crate::cpr::mask(&p.display().to_string()).into_owned())
        .collect();
    list.join(", ")
}

/// Expands INPUTS; none at all is a usage error (exit 2).
pub fn expand(ctx: &Context, inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let files = crate::input::expand_inputs(inputs)?;
    if files.is_empty() {
        return Err(Error::NoFiles(crate::messages::inbox::no_files(
            &inputs_text(inputs),
            ctx.lang,
        )));
    }
    Ok(files)
}

/// The validator of the analyses: the config's findings limit, the run's
/// language.
pub fn analysis_validator(ctx: &Context) -> Result<crate::validate::Validator<'_>, Error> {
    let options = crate::validate::Options {
        max_findings: ctx
            .config
            .validate
            .max_findings
            .unwrap_or(crate::validate::Options::default().max_findings),
        lang: ctx.lang,
        ..crate::validate::Options::default()
    };
    Ok(crate::validate::Validator::new(&ctx.catalog, options)?)
}

/// Validates one year's inputs and loads the records of one kind; also
/// returns the files read (to refuse them as outputs). `other_year_flag`
/// names the flag that takes the other year's files ("--previous"), for an
/// analysis that compares years: there inputs that mix years are refused.
/// Exit 1 (an [`Error::Inputs`]) when the inputs hold no file of the kind,
/// or files of two years.
pub fn load_year<T: crate::dataset::Record>(
    ctx: &Context,
    inputs: &[PathBuf],
    other_year_flag: Option<&str>,
) -> Result<(crate::dataset::Loaded<T>, Vec<PathBuf>), Error> {
    let files = expand(ctx, inputs)?;
    let validator = analysis_validator(ctx)?;
    let loaded = crate::dataset::load::<T>(&validator, &ctx.catalog.reference, &files);
    check_loaded(ctx, &loaded, inputs, T::SCHEMA, other_year_flag)?;
    Ok((loaded, files))
}

/// Loads what there is of a kind, without requiring any (inputs that may
/// hold one kind or another, such as `udmelding --covered`).
pub fn load_any<T: crate::dataset::Record>(
    ctx: &Context,
    inputs: &[PathBuf],
) -> Result<(crate::dataset::Loaded<T>, Vec<PathBuf>), Error> {
    let files = expand(ctx, inputs)?;
    let validator = analysis_validator(ctx)?;
    let loaded = crate::dataset::load::<T>(&validator, &ctx.catalog.reference, &files);
    Ok((loaded, files))
}

/// A loaded year that cannot give a right figure is an [`Error::Inputs`].
pub fn check_loaded<T>(
    ctx: &Context,
    loaded: &crate::dataset::Loaded<T>,
    inputs: &[PathBuf],
    schema: &str,
    other_year_flag: Option<&str>,
) -> Result<(), Error> {
    use crate::messages::inbox;
    let lang = ctx.lang;
    if !loaded.has_kind() {
        return Err(Error::Inputs(inbox::no_files_of_kind(
            &inbox::kind_plural(schema, lang),
            &inputs_text(inputs),
            lang,
        )));
    }
    let Some(flag) = other_year_flag else {
        return Ok(());
    };
    if loaded.mixed_years() {
        let years: Vec<(i32, Vec<String>)> = loaded
            .years
            .iter()
            .map(|(y, files)| {
                let names = files
                    .iter()
                    .map(|p| crate::cpr::mask(&p.display().to_string()).into_owned())
                    .collect();
                (*y, names)
            })
            .collect();
        return Err(Error::Inputs(inbox::two_years(&years, flag, lang)));
    }
    if let Some((a, b)) = loaded.other_year_pairs.first() {
        return Err(Error::Inputs(inbox::two_years_by_tariffs(
            &a.display().to_string(),
            &b.display().to_string(),
            flag,
            lang,
        )));
    }
    Ok(())
}

/// The year of a set of tariff rows: their "År" column if filled in.
pub fn year_of(rows: &[crate::dataset::TariffRow]) -> Option<i32> {
    rows.iter().find_map(|r| r.aar)
}
