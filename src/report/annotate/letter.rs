//! The letter beside an annotated workbook (`…-rettelser.txt`): a short
//! text to the sender, ready to paste into an e-mail: the file, the counts,
//! the findings in plain words and what to send back.

use super::Annotation;
use crate::finding::Severity;
use crate::messages::annotate as messages;
use std::fmt::Write as _;

/// Findings listed in the letter at most; the workbook lists them all.
pub const MAX_LISTED: usize = 30;

/// Who the file is from, as read from its content.
pub fn addressee(a: &Annotation<'_>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for s in a.senders {
        let name = s.addressee();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| messages::join_and(&names, a.lang))
}

/// "Afsender: Thisted Kommune. Filen har 10 rækker, 9 fejl og 2 advarsler."
pub fn counts_sentence(a: &Annotation<'_>) -> String {
    let lang = a.lang;
    let (rows, errors, warnings) = (a.report.rows(), a.report.errors(), a.report.warnings());
    let counts = messages::file_counts(rows, errors, warnings, lang);
    match addressee(a) {
        Some(who) => messages::sender_and_counts(&who, &counts, lang),
        None => counts,
    }
}

/// The letter. `contact` is the sender's contact person when known,
/// `deadline` a date to send the corrected file back by.
pub fn letter(
    a: &Annotation<'_>,
    workbook_name: &str,
    contact: Option<&str>,
    deadline: Option<chrono::NaiveDate>,
) -> String {
    let lang = a.lang;
    let file = a.file_name();
    let mut out = String::new();
    let who = addressee(a);
    let _ = writeln!(
        out,
        "{}: {}\n",
        lang.pick("Emne", "Subject"),
        messages::corrections_to(&file, lang)
    );
    let greeting = contact
        .map(str::to_string)
        .or_else(|| who.clone())
        .unwrap_or_else(|| lang.pick("modtager", "recipient").to_string());
    let _ = writeln!(out, "{} {greeting}\n", lang.pick("Kære", "Dear"));
    let (rows, errors, warnings) = (a.report.rows(), a.report.errors(), a.report.warnings());
    let _ = writeln!(
        out,
        "{}\n",
        messages::letter_thanks(&file, who.as_deref(), rows, errors, warnings, lang)
    );
    let multi_sheet = a
        .report
        .findings
        .iter()
        .filter_map(|f| f.location.sheet.as_deref())
        .collect::<std::collections::HashSet<_>>()
        .len()
        > 1;
    let sections = [
        (Severity::Error, messages::letter_errors_heading(lang)),
        (Severity::Warning, messages::letter_warnings_heading(lang)),
    ];
    let mut listed = 0usize;
    for (severity, heading) in sections {
        let items: Vec<_> = a
            .report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading}");
        for f in &items {
            if listed >= MAX_LISTED {
                break;
            }
            let mut at = super::place(f, lang);
            if multi_sheet {
                if let Some(sheet) = f.location.sheet.as_deref() {
                    at = messages::on_sheet(sheet, &at, lang);
                }
            }
            let _ = writeln!(out, "- {at}: {}", f.message);
            listed += 1;
        }
        let _ = writeln!(out);
    }
    // Infos are not for the sender; the counts are exact beyond the kept findings.
    let total = errors + warnings;
    if total as usize > listed {
        let _ = writeln!(
            out,
            "{}\n",
            messages::letter_more_findings(total - listed as u64, lang)
        );
    }
    let _ = writeln!(out, "{}\n", messages::letter_attached(workbook_name, lang));
    let by = deadline.map(|d| d.format("%d-%m-%Y").to_string());
    let ask = if errors > 0 {
        messages::letter_ask_correct(by.as_deref(), lang)
    } else {
        messages::letter_usable(by.as_deref(), lang)
    };
    let _ = writeln!(out, "{ask}\n");
    let _ = writeln!(out, "{}", messages::letter_regards(lang));
    out
}
