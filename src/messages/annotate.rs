//! Texts of the annotated workbook's "Rettelser" sheet and of the letter
//! beside it (`ramme annotate`).

use super::validation::{errors_count, rows_count, warnings_count};
use crate::lang::Lang;

/// "a, b og c": the senders of a file, in the letter and the findings
/// sheet.
pub fn join_and(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Da => "og",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// The title of the findings sheet and the letter's subject.
pub fn corrections_to(file: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Rettelser til {file}"),
        Lang::En => format!("Corrections to {file}"),
    }
}

/// The counts under the findings sheet's title.
pub fn file_counts(rows: u64, errors: u64, warnings: u64, lang: Lang) -> String {
    let (rows, errors, warnings) = (
        rows_count(rows, lang),
        errors_count(errors, lang),
        warnings_count(warnings, lang),
    );
    match lang {
        Lang::Da => format!("Filen har {rows}, {errors} og {warnings}."),
        Lang::En => format!("The file has {rows}, {errors} and {warnings}."),
    }
}

/// The counts with who sent the file, under the findings sheet's title.
pub fn sender_and_counts(sender: &str, counts: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Afsender: {sender}. {counts}"),
        Lang::En => format!("Sender: {sender}. {counts}"),
    }
}

/// How to read the marks, under the findings sheet's title.
pub fn marks_explained(lang: Lang) -> String {
    match lang {
        Lang::Da => {
            "Cellerne er markeret i arkene efter dette: fejl med rødt, advarsler med gult. \
                     Hold musen over en markeret celle for at se forklaringen; klik på en celle i \
                     listen for at gå til den."
                .into()
        }
        Lang::En => "The cells are marked in the sheets after this one: errors in red, warnings \
                     in yellow. Hover over a marked cell to see the explanation; click a cell in \
                     the list to go to it."
            .into(),
    }
}

/// The copy stops after `max_rows` (formatted), on the findings sheet.
pub fn copy_truncated(max_rows: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Filen er stor: kopien viser kun de første {max_rows} rækker; fund længere nede står \
             kun i listen."
        ),
        Lang::En => format!(
            "The file is large: the copy shows only the first {max_rows} rows; findings further \
             down are only in the list."
        ),
    }
}

/// The list of findings was cut short, on the findings sheet.
pub fn list_truncated(shown: usize, omitted: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("Listen viser de første {shown} fund; {omitted} fund mere er ikke vist.")
        }
        Lang::En => {
            format!("The list shows the first {shown} findings; {omitted} more are not shown.")
        }
    }
}

/// A finding's place with its sheet, in the letter when the file has
/// several sheets.
pub fn on_sheet(sheet: &str, place: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("ark {sheet}, {place}"),
        Lang::En => format!("sheet {sheet}, {place}"),
    }
}

/// The letter's first paragraph; `sender` is who the file is from when known.
pub fn letter_thanks(
    file: &str,
    sender: Option<&str>,
    rows: u64,
    errors: u64,
    warnings: u64,
    lang: Lang,
) -> String {
    let (rows, errors, warnings) = (
        rows_count(rows, lang),
        errors_count(errors, lang),
        warnings_count(warnings, lang),
    );
    match lang {
        Lang::Da => {
            let from = sender.map(|w| format!(" fra {w}")).unwrap_or_default();
            format!(
                "Tak for filen {file}{from}. Vi har tjekket den: den har {rows}, {errors} og \
                 {warnings}."
            )
        }
        Lang::En => {
            let from = sender.map(|w| format!(" from {w}")).unwrap_or_default();
            format!(
                "Thank you for the file {file}{from}. We have checked it: it has {rows}, \
                 {errors} and {warnings}."
            )
        }
    }
}

/// The heading over the errors in the letter.
pub fn letter_errors_heading(lang: Lang) -> String {
    match lang {
        Lang::Da => "Fejl, der skal rettes:".into(),
        Lang::En => "Errors to correct:".into(),
    }
}

/// The heading over the warnings in the letter.
pub fn letter_warnings_heading(lang: Lang) -> String {
    match lang {
        Lang::Da => "Advarsler (se venligst efter, og ret dem, der er forkerte):".into(),
        Lang::En => "Warnings (please check them and correct those that are wrong):".into(),
    }
}

/// The letter lists at most so many findings; the rest are in the workbook.
pub fn letter_more_findings(more: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("… og {more} fund mere; de står alle i regnearket."),
        Lang::En => format!("… and {more} more findings; the workbook lists them all."),
    }
}

/// What is attached, in the letter.
pub fn letter_attached(workbook_name: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Vedhæftet er {workbook_name}: arket \"Rettelser\" viser alle fund, og i kopien af \
             jeres ark er cellerne markeret (fejl med rødt, advarsler med gult) med en note, der \
             forklarer, hvad der er galt."
        ),
        Lang::En => format!(
            "Attached is {workbook_name}: the sheet \"Corrections\" lists every finding, and in \
             the copy of your sheet the cells are marked (errors in red, warnings in yellow) with \
             a note explaining what is wrong."
        ),
    }
}

/// What to send back when the file has errors, in the letter; `deadline` is
/// a date already formatted.
pub fn letter_ask_correct(deadline: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let by = deadline.map(|d| format!(" senest {d}")).unwrap_or_default();
            format!(
                "Ret venligst fejlene i jeres egen fil (ikke i kopien) og send hele filen \
                 igen{by}, i samme format som før."
            )
        }
        Lang::En => {
            let by = deadline.map(|d| format!(" by {d}")).unwrap_or_default();
            format!(
                "Please correct the errors in your own file (not in the copy) and send the whole \
                 file again{by}, in the same format as before."
            )
        }
    }
}

/// What to send back when the file has only warnings, in the letter.
pub fn letter_usable(deadline: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let by = deadline.map(|d| format!(" senest {d}")).unwrap_or_default();
            format!(
                "Filen kan bruges, som den er. Er en advarsel udtryk for en fejl, så send venligst \
                 den rettede fil igen{by}."
            )
        }
        Lang::En => {
            let by = deadline.map(|d| format!(" by {d}")).unwrap_or_default();
            format!(
                "The file can be used as it is. If a warning points to a mistake, please send the \
                 corrected file again{by}."
            )
        }
    }
}

/// The letter's closing.
pub fn letter_regards(lang: Lang) -> String {
    match lang {
        Lang::Da => "Med venlig hilsen\nRammeaftalesekretariatet".into(),
        Lang::En => "Kind regards\nThe framework agreement secretariat".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_counts_in_both_languages() {
        assert_eq!(
            file_counts(1, 2, 1, Lang::Da),
            "Filen har 1 række, 2 fejl og 1 advarsel."
        );
        assert_eq!(
            file_counts(1, 2, 1, Lang::En),
            "The file has 1 row, 2 errors and 1 warning."
        );
    }

    #[test]
    fn the_deadline_in_both_languages() {
        assert_eq!(
            letter_usable(Some("01-02-2026"), Lang::Da),
            "Filen kan bruges, som den er. Er en advarsel udtryk for en fejl, så send venligst \
             den rettede fil igen senest 01-02-2026."
        );
        assert_eq!(
            letter_usable(None, Lang::En),
            "The file can be used as it is. If a warning points to a mistake, please send the \
             corrected file again."
        );
    }
}
