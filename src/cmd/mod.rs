//! One file per subcommand: each turns its arguments into options, calls the
//! library and picks the exit status. `ls src/cmd` is the table of contents.

pub mod bilag;
pub mod init;
pub mod manpage;
pub mod pseudonym;
pub mod samarbejde;
pub mod skabelon;
pub mod takst;
pub mod takstanalyse;
pub mod tilbud;
pub mod udgift;
pub mod validate;

use crate::cli::{Format, GlobalArgs, OutputArgs};
use crate::config::Config;
use crate::error::Error;
use crate::lang::Lang;
use crate::report::output::{check_not_input, AtomicFile};
use crate::schema::Catalog;
use std::io::Write;
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
        let lang = global.lang.or(config.lang).unwrap_or_default();
        let schema_dir = global
            .schema_dir
            .clone()
            .or_else(|| config.schema_dir.clone());
        let mut catalog = match &schema_dir {
            Some(dir) => Catalog::from_dir(dir)?,
            None => Catalog::embedded()?,
        };
        if !config.reference.maalgrupper.is_empty() {
            catalog
                .reference
                .add_maalgrupper(&config.reference.maalgrupper);
        }
        Ok(Context {
            config,
            lang,
            catalog,
        })
    }
}

/// The checked output choice of a command.
#[derive(Debug, Clone)]
pub struct OutputPlan {
    pub format: Format,
    pub path: Option<PathBuf>,
}

impl OutputPlan {
    /// The format from `--format`, else from the output's extension, else
    /// text; `allowed` lists what the command can write.
    pub fn new(
        args: &OutputArgs,
        allowed: &[Format],
        inputs: &[PathBuf],
    ) -> Result<OutputPlan, Error> {
        let lang = crate::help::lang();
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
                return Err(Error::Usage(lang.pick(
                    format!(
                        "{} har ingen kendt endelse; brug en af {} eller vælg formatet med --format",
                        path.display(),
                        extensions()
                    ),
                    format!(
                        "{} has no known extension; use one of {} or choose the format with --format",
                        path.display(),
                        extensions()
                    ),
                )));
            }
        }
        let format = args
            .format
            .or_else(|| args.output.as_deref().and_then(Format::from_path))
            .unwrap_or(Format::Text);
        if !allowed.contains(&format) {
            return Err(Error::Usage(lang.pick(
                format!(
                    "formatet {} kan ikke bruges her (mulige: {})",
                    format_name(format),
                    names()
                ),
                format!(
                    "the format {} is not available here (available: {})",
                    format_name(format),
                    names()
                ),
            )));
        }
        if format == Format::Xlsx && args.output.is_none() {
            return Err(Error::Usage(
                lang.pick(
                    "--format xlsx skal have en fil at skrive til: -o FIL.xlsx",
                    "--format xlsx needs a file to write to: -o FILE.xlsx",
                )
                .into(),
            ));
        }
        if let Some(path) = &args.output {
            check_not_input(path, inputs)?;
        }
        Ok(OutputPlan {
            format,
            path: args.output.clone(),
        })
    }

    /// Runs `write` against standard output or an atomic file.
    pub fn write(
        &self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        match &self.path {
            None => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                match write(&mut lock).and_then(|()| lock.flush()) {
                    Ok(()) => Ok(()),
                    // A closed pipe (`ramme … | head`) is not an error of ours.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(source) => Err(Error::Output {
                        path: PathBuf::from("-"),
                        source,
                    }),
                }
            }
            Some(path) => {
                let mut file = AtomicFile::create(path)?;
                write(file.writer()).map_err(|source| Error::Output {
                    path: path.clone(),
                    source,
                })?;
                file.commit()?;
                crate::report::notice::wrote(path);
                Ok(())
            }
        }
    }
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

/// Validates a year's inputs and loads the records of one kind; also
/// returns the files read (to refuse them as outputs).
pub fn load_year<T: crate::dataset::Record>(
    ctx: &Context,
    inputs: &[PathBuf],
) -> Result<(crate::dataset::Loaded<T>, Vec<PathBuf>), Error> {
    let files = crate::input::expand_inputs(inputs)?;
    let options = crate::validate::Options {
        max_findings: ctx
            .config
            .validate
            .max_findings
            .unwrap_or(crate::validate::Options::default().max_findings),
        lang: ctx.lang,
        ..crate::validate::Options::default()
    };
    let validator = crate::validate::Validator::new(&ctx.catalog, options)?;
    let loaded = crate::dataset::load::<T>(&validator, &ctx.catalog.reference, &files);
    Ok((loaded, files))
}

/// The year of a set of tariff rows: their "År" column if filled in.
pub fn year_of(rows: &[crate::dataset::TariffRow]) -> Option<i32> {
    rows.iter().find_map(|r| r.aar)
}
