//! Texts of the annex's front sheet, its Markdown sources table and its
//! table of rows left out (`ramme bilag`).

use crate::lang::Lang;
use crate::numfmt;

/// Rows left out for errors, on the front sheet.
pub fn rows_left_out(rows: usize, lang: Lang) -> String {
    let n = numfmt::number(rows.into(), 0, lang);
    match lang {
        Lang::Da => format!(
            "{n} rækker er udeladt af tallene på grund af fejl; arket Validering viser hver række \
             og hvorfor."
        ),
        Lang::En => format!(
            "{n} rows are left out of the figures because of errors; the sheet Validering lists \
             each row and why."
        ),
    }
}

/// No rows left out, on the front sheet.
pub fn no_rows_left_out(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen rækker er udeladt af tallene.".into(),
        Lang::En => "No rows are left out of the figures.".into(),
    }
}

/// The rows left out in all, under the Markdown sources table.
pub fn rows_left_out_total(rows: usize, lang: Lang) -> String {
    let n = numfmt::number(rows.into(), 0, lang);
    match lang {
        Lang::Da => format!("Udeladte rækker i alt: {n}."),
        Lang::En => format!("Rows left out in all: {n}."),
    }
}

/// No rows left out, under the annex's table of rows left out.
pub fn none_left_out(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen rækker er udeladt.".into(),
        Lang::En => "No rows are left out.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_left_out_in_both_languages() {
        assert_eq!(
            rows_left_out(1200, Lang::Da),
            "1.200 rækker er udeladt af tallene på grund af fejl; arket Validering viser hver \
             række og hvorfor."
        );
        assert_eq!(
            rows_left_out(1200, Lang::En),
            "1,200 rows are left out of the figures because of errors; the sheet Validering \
             lists each row and why."
        );
        assert_eq!(rows_left_out_total(3, Lang::En), "Rows left out in all: 3.");
    }
}
