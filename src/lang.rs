//! The language of what users read. Danish is the default; `--lang en` gives
//! English. Code and identifiers stay English either way.

use serde::Deserialize;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    /// Picks the Danish or the English text.
    pub fn pick<T>(self, da: T, en: T) -> T {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

static ENGLISH: AtomicBool = AtomicBool::new(false);

/// The language of this run, set once from the command line (or the
/// config) before anything is read; for texts made where no `Lang` is at
/// hand, such as clap's value parsers and config errors.
pub fn current() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Da
    }
}

/// Sets the language of this run.
pub fn set_current(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}
