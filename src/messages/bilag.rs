//! Texts of the annex (`ramme bilag`) that are not table labels.

use crate::lang::Lang;

/// A section that could not be made, on the front sheet and on stderr.
pub fn section_failed(heading: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Afsnittet \"{heading}\" kunne ikke laves: {why}"),
        Lang::En => format!("The section \"{heading}\" could not be made: {why}"),
    }
}

/// Why a section failed when its computation panicked.
pub fn internal_error(panic: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("en intern fejl ({panic})"),
        Lang::En => format!("an internal error ({panic})"),
    }
}

/// Objective financing without population figures.
pub fn no_population(lang: Lang) -> String {
    match lang {
        Lang::Da => "der er ingen befolkningstal at fordele efter ([bilag] befolkning)".into(),
        Lang::En => "there are no population figures to split by ([bilag] befolkning)".into(),
    }
}

/// The financing key holds nobody.
pub fn financing_empty_key(lang: Lang) -> String {
    match lang {
        Lang::Da => "fordelingsnøglen har ingen kommune med befolkningstal".into(),
        Lang::En => "the key holds no kommune with a population".into(),
    }
}

/// The amount to finance is negative after the offset.
pub fn financing_negative(lang: Lang) -> String {
    match lang {
        Lang::Da => "beløbet minus modregningen er negativt".into(),
        Lang::En => "the amount less the offset is negative".into(),
    }
}

/// The amounts overflow exact arithmetic.
pub fn financing_overflow(lang: Lang) -> String {
    match lang {
        Lang::Da => "beløbene er for store".into(),
        Lang::En => "the amounts are too large".into(),
    }
}

/// The workbook's title when `[bilag] title` is not set.
pub fn default_title(year: Option<i32>, lang: Lang) -> String {
    match (year, lang) {
        (Some(y), Lang::Da) => format!("Bilag til DAS – rammeaftalen {y}"),
        (Some(y), Lang::En) => format!("Annex for DAS – rammeaftale {y}"),
        (None, Lang::Da) => "Bilag til DAS".into(),
        (None, Lang::En) => "Annex for DAS".into(),
    }
}

/// Rows left out of the annex's figures, on stderr (`rows` formatted).
pub fn rows_left_out(rows: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{rows} rækker er udeladt af bilagets tal på grund af fejl (se arket Validering)."
        ),
        Lang::En => format!(
            "{rows} rows are left out of the annex's figures because of errors (see the sheet Validering)."
        ),
    }
}
