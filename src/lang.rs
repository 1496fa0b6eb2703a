//! The language of what users read. Danish is the default; `--lang en` gives
//! English. Code and identifiers stay English either way.

use serde::Deserialize;

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
