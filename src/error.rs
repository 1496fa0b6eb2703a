//! Errors: ramme itself unable to go on (bad flags, bad config, a schema
//! that does not load, an output it cannot write). Problems *in the inputs*
//! are findings, never errors. Every error exits with code 2.

use crate::lang::Lang;
use std::path::PathBuf;

/// The exit status of a run, as the CLI contract defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: the inputs are valid (warnings allowed) and the work is done.
    Success,
    /// 1: the inputs have errors; the report is still written.
    InputErrors,
    /// 2: usage or configuration error, or an output that could not be written.
    Error,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::InputErrors => 1,
            ExitStatus::Error => 2,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("usage: {0}")]
    Usage(String),
    #[error("config {path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("schema: {0}")]
    Schema(#[from] crate::schema::SchemaError),
    #[error("{0}")]
    Setup(#[from] crate::validate::SetupError),
    #[error("{0}")]
    Discover(#[from] crate::input::discover::DiscoverError),
    #[error("cannot write {path}: {source}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the output {0} is one of the inputs; ramme never overwrites an input")]
    OutputIsInput(PathBuf),
    #[error("cannot write {path}: {message}")]
    Workbook { path: PathBuf, message: String },
    /// The inputs hold no file at all (exit 2); the message is rendered.
    #[error("{0}")]
    NoFiles(String),
    /// The inputs cannot give a figure that is right (two years in one set,
    /// no file of the kind needed): exit 1; the message is rendered.
    #[error("{0}")]
    Inputs(String),
}

impl Error {
    pub fn status(&self) -> ExitStatus {
        match self {
            Error::Inputs(_) => ExitStatus::InputErrors,
            _ => ExitStatus::Error,
        }
    }

    /// The message for the user in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::Output { path, source }, Lang::En) => {
                format!(
                    "cannot write {}: {}",
                    path.display(),
                    crate::messages::io_text(source, lang)
                )
            }
            (_, Lang::En) => self.to_string(),
            (Error::Usage(m), Lang::Da) => format!("forkert brug: {m}"),
            (Error::Config { path, message }, Lang::Da) => {
                format!(
                    "konfigurationen {} kan ikke bruges: {message}",
                    path.display()
                )
            }
            (Error::Schema(e), Lang::Da) => format!("skemaerne kan ikke indlæses: {e}"),
            (Error::Setup(e), Lang::Da) => match e {
                crate::validate::SetupError::UnknownSchema { name, known } => {
                    format!("ukendt skema \"{name}\"; kendte skemaer: {known}")
                }
                other => format!("skemaerne kan ikke bruges: {other}"),
            },
            (Error::Discover(e), Lang::Da) => match e {
                crate::input::discover::DiscoverError::NotFound(path) => {
                    format!("{} findes ikke (hverken fil eller mappe)", path.display())
                }
                crate::input::discover::DiscoverError::ReadDir { path, source } => {
                    format!(
                        "mappen {} kan ikke læses: {}",
                        path.display(),
                        crate::messages::io_text(source, lang)
                    )
                }
            },
            (Error::Output { path, source }, Lang::Da)
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                format!("kan ikke skrive {}: mappen findes ikke", path.display())
            }
            (Error::Output { path, source }, Lang::Da) => {
                format!(
                    "kan ikke skrive {}: {}",
                    path.display(),
                    crate::messages::io_text(source, lang)
                )
            }
            (Error::OutputIsInput(path), Lang::Da) => format!(
                "uddata {} er også en inddatafil; ramme overskriver aldrig en inddatafil",
                path.display()
            ),
            (Error::Workbook { path, message }, Lang::Da) => {
                format!("kan ikke skrive {}: {message}", path.display())
            }
            (Error::NoFiles(m) | Error::Inputs(m), Lang::Da) => m.clone(),
        }
    }
}
