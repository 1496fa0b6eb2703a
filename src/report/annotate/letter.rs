//! The letter beside an annotated workbook (`…-rettelser.txt`): a short
//! text to the sender, ready to paste into an e-mail: the file, the counts,
//! the findings in plain words and what to send back.

use super::Annotation;
use crate::finding::Severity;
use crate::lang::Lang;
use std::fmt::Write as _;

/// Findings listed in the letter at most; the workbook lists them all.
pub const MAX_LISTED: usize = 30;

fn count(n: u64, one: &str, many: &str, lang: Lang) -> String {
    format!(
        "{} {}",
        crate::numfmt::number(n.into(), 0, lang),
        if n == 1 { one } else { many }
    )
}

/// "a, b og c".
fn join_and(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.pick("og", "and")),
    }
}

/// Who the file is from, as read from its content.
pub fn addressee(a: &Annotation<'_>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for s in a.senders {
        let name = s.addressee();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| join_and(&names, a.lang))
}

/// "Afsender: Thisted Kommune. Filen har 10 rækker, 9 fejl og 2 advarsler."
pub fn counts_sentence(a: &Annotation<'_>) -> String {
    let lang = a.lang;
    let (rows, errors, warnings) = (a.report.rows(), a.report.errors(), a.report.warnings());
    let counts = lang.pick(
        format!(
            "Filen har {}, {} og {}.",
            count(rows, "række", "rækker", lang),
            count(errors, "fejl", "fejl", lang),
            count(warnings, "advarsel", "advarsler", lang)
        ),
        format!(
            "The file has {}, {} and {}.",
            count(rows, "row", "rows", lang),
            count(errors, "error", "errors", lang),
            count(warnings, "warning", "warnings", lang)
        ),
    );
    match addressee(a) {
        Some(who) => format!("{}: {who}. {counts}", lang.pick("Afsender", "Sender")),
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
        lang.pick(
            format!("Rettelser til {file}"),
            format!("Corrections to {file}")
        )
    );
    let greeting = contact
        .map(str::to_string)
        .or_else(|| who.clone())
        .unwrap_or_else(|| lang.pick("modtager", "recipient").to_string());
    let _ = writeln!(out, "{} {greeting}\n", lang.pick("Kære", "Dear"));
    let (rows, errors, warnings) = (a.report.rows(), a.report.errors(), a.report.warnings());
    let from = who
        .map(|w| lang.pick(format!(" fra {w}"), format!(" from {w}")))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}\n",
        lang.pick(
            format!(
                "Tak for filen {file}{from}. Vi har tjekket den: den har {}, {} og {}.",
                count(rows, "række", "rækker", lang),
                count(errors, "fejl", "fejl", lang),
                count(warnings, "advarsel", "advarsler", lang)
            ),
            format!(
                "Thank you for the file {file}{from}. We have checked it: it has {}, {} and {}.",
                count(rows, "row", "rows", lang),
                count(errors, "error", "errors", lang),
                count(warnings, "warning", "warnings", lang)
            ),
        )
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
        (
            Severity::Error,
            lang.pick("Fejl, der skal rettes:", "Errors to correct:"),
        ),
        (
            Severity::Warning,
            lang.pick(
                "Advarsler (se venligst efter, og ret dem, der er forkerte):",
                "Warnings (please check them and correct those that are wrong):",
            ),
        ),
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
                    at = lang.pick(format!("ark {sheet}, {at}"), format!("sheet {sheet}, {at}"));
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
            lang.pick(
                format!(
                    "… og {} fund mere; de står alle i regnearket.",
                    total - listed as u64
                ),
                format!(
                    "… and {} more findings; the workbook lists them all.",
                    total - listed as u64
                ),
            )
        );
    }
    let _ = writeln!(
        out,
        "{}\n",
        lang.pick(
            format!(
                "Vedhæftet er {workbook_name}: arket \"Rettelser\" viser alle fund, og i kopien af jeres ark er cellerne markeret (fejl med rødt, advarsler med gult) med en note, der forklarer, hvad der er galt."
            ),
            format!(
                "Attached is {workbook_name}: the sheet \"Corrections\" lists every finding, and in the copy of your sheet the cells are marked (errors in red, warnings in yellow) with a note explaining what is wrong."
            ),
        )
    );
    let by = deadline
        .map(|d| {
            lang.pick(
                format!(" senest {}", d.format("%d-%m-%Y")),
                format!(" by {}", d.format("%d-%m-%Y")),
            )
        })
        .unwrap_or_default();
    let ask = if errors > 0 {
        lang.pick(
            format!("Ret venligst fejlene i jeres egen fil (ikke i kopien) og send hele filen igen{by}, i samme format som før."),
            format!("Please correct the errors in your own file (not in the copy) and send the whole file again{by}, in the same format as before."),
        )
    } else {
        lang.pick(
            format!("Filen kan bruges, som den er. Er en advarsel udtryk for en fejl, så send venligst den rettede fil igen{by}."),
            format!("The file can be used as it is. If a warning points to a mistake, please send the corrected file again{by}."),
        )
    };
    let _ = writeln!(out, "{ask}\n");
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "Med venlig hilsen\nRammeaftalesekretariatet",
            "Kind regards\nThe framework agreement secretariat"
        )
    );
    out
}
