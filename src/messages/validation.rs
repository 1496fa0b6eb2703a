//! Texts of the validation report's text and Markdown writers
//! (`ramme validate`), and the counts other reports share with it.

use crate::lang::Lang;
use crate::numfmt;

/// "1 fejl", "2 rækker": a count and its noun in the language chosen.
fn count(n: u64, da: (&str, &str), en: (&str, &str), lang: Lang) -> String {
    let (one, many) = match lang {
        Lang::Da => da,
        Lang::En => en,
    };
    let word = if n == 1 { one } else { many };
    format!("{} {word}", numfmt::number(n.into(), 0, lang))
}

/// "3 fejl", "1 error": in the reports' counts.
pub fn errors_count(n: u64, lang: Lang) -> String {
    count(n, ("fejl", "fejl"), ("error", "errors"), lang)
}

/// "2 advarsler", "1 warning": in the reports' counts.
pub fn warnings_count(n: u64, lang: Lang) -> String {
    count(n, ("advarsel", "advarsler"), ("warning", "warnings"), lang)
}

/// "10 rækker", "1 row": in the reports' counts.
pub fn rows_count(n: u64, lang: Lang) -> String {
    count(n, ("række", "rækker"), ("row", "rows"), lang)
}

/// "2 filer", "1 file": in the reports' counts.
pub fn files_count(n: u64, lang: Lang) -> String {
    count(n, ("fil", "filer"), ("file", "files"), lang)
}

/// A finding's place when it has a row but no cell, in the text and
/// Markdown reports and the annotated workbook.
pub fn row_place(row: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("række {row}"),
        Lang::En => format!("row {row}"),
    }
}

/// A sheet by name, in the line that describes a file.
pub fn sheet_named(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("ark \"{name}\""),
        Lang::En => format!("sheet \"{name}\""),
    }
}

/// A CSV file's delimiter by name, in the line that describes a file.
pub fn delimiter_name(delimiter: u8, lang: Lang) -> String {
    match (delimiter, lang) {
        (b';', Lang::Da) => "semikolon".into(),
        (b';', Lang::En) => "semicolon".into(),
        (b',', Lang::Da) => "komma".into(),
        (b',', Lang::En) => "comma".into(),
        (b'\t', Lang::Da) => "tabulator".into(),
        (b'\t', Lang::En) => "tab".into(),
        (other, _) => format!("'{}'", char::from(other)),
    }
}

/// Findings left out of a file's block, in the text report.
pub fn more_findings_hint(more: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("… og {more} fund mere (brug --max-findings 0 for at se alle)"),
        Lang::En => format!("… and {more} more findings (use --max-findings 0 to see all)"),
    }
}

/// Findings left out of a file's table, in the Markdown report.
pub fn more_findings(more: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("… og {more} fund mere."),
        Lang::En => format!("… and {more} more findings."),
    }
}

/// The last line of the text report.
pub fn total_line(files: u64, rows: u64, errors: u64, warnings: u64, lang: Lang) -> String {
    let counts = format!(
        "{}, {}, {}, {}",
        files_count(files, lang),
        rows_count(rows, lang),
        errors_count(errors, lang),
        warnings_count(warnings, lang)
    );
    match lang {
        Lang::Da => format!("I alt: {counts}."),
        Lang::En => format!("Total: {counts}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_line_in_both_languages() {
        assert_eq!(
            total_line(2, 1000, 1, 2, Lang::Da),
            "I alt: 2 filer, 1.000 rækker, 1 fejl, 2 advarsler."
        );
        assert_eq!(
            total_line(1, 1, 2, 1, Lang::En),
            "Total: 1 file, 1 row, 2 errors, 1 warning."
        );
        assert_eq!(delimiter_name(b';', Lang::Da), "semikolon");
        assert_eq!(delimiter_name(b'|', Lang::En), "'|'");
    }
}
