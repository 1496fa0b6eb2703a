//! Texts of the status report (`ramme status`).

use crate::lang::Lang;

pub use super::validation::errors_count;

/// The matrix's caption; `deadline` is a date already formatted.
pub fn matrix_caption(region: &str, deadline: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let deadline = deadline
                .map(|d| format!(" · frist {d}"))
                .unwrap_or_default();
            format!("Indberetninger {region}{deadline}")
        }
        Lang::En => {
            let deadline = deadline
                .map(|d| format!(" · deadline {d}"))
                .unwrap_or_default();
            format!("Submissions {region}{deadline}")
        }
    }
}

/// A sender that sent without being expected, in the matrix.
pub fn not_expected(sender: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{sender} (ikke forventet)"),
        Lang::En => format!("{sender} (not expected)"),
    }
}

/// The note under the matrix: how many have sent, and what the marks mean.
pub fn delivered_note(delivered: usize, senders: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{delivered} af {senders} afsendere har sendt noget. \"MANGLER\": intet modtaget; \
             \"fejl\": modtaget, men skal rettes og sendes igen; \"–\": ikke forventet."
        ),
        Lang::En => format!(
            "{delivered} of {senders} senders have sent something. \"MISSING\": nothing \
             received; \"errors\": received but to be corrected and sent again; \"–\": not \
             expected."
        ),
    }
}

/// Why a sender is chased for a submission with errors, in the chase list.
pub fn correct_and_send(errors: u64, lang: Lang) -> String {
    let errors = errors_count(errors, lang);
    match lang {
        Lang::Da => format!("{errors}: ret og send igen"),
        Lang::En => format!("{errors}: correct and send again"),
    }
}

/// A sender without a contact, in the chase list.
pub fn contact_unknown(lang: Lang) -> String {
    match lang {
        Lang::Da => "(ukendt; se [status] i ramme.toml)".into(),
        Lang::En => "(unknown; see [status] in ramme.toml)".into(),
    }
}

/// Files with errors that name no sender, under the chase list.
pub fn unattributed_note(files: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("{files} fil(er) med fejl nævner ingen afsender; se tabellen over filer.")
        }
        Lang::En => format!("{files} file(s) with errors name no sender; see the table of files."),
    }
}

/// Under the chase list when nobody is to be chased.
pub fn nobody_to_chase(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen: alle har sendt, og intet har fejl.".into(),
        Lang::En => "Nobody: everyone has sent, and nothing has errors.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correct_and_send_in_both_languages() {
        assert_eq!(correct_and_send(2, Lang::Da), "2 fejl: ret og send igen");
        assert_eq!(
            correct_and_send(1, Lang::En),
            "1 error: correct and send again"
        );
        assert_eq!(
            matrix_caption("Nord", Some("01-03-2026"), Lang::Da),
            "Indberetninger Nord · frist 01-03-2026"
        );
        assert_eq!(matrix_caption("North", None, Lang::En), "Submissions North");
    }
}
