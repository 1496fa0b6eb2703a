//! The messages of the named row rules (`rules/`), one function per message.
//! Every threshold in a message is the rule's parameter as the schema sets
//! it, so a changed tolerance shows in the message.

use crate::lang::Lang;
use crate::numfmt::{kr, pct, plain};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The figures of a tariff checked against its cost basis.
pub struct TakstCalculation<'a> {
    pub label: &'a str,
    pub takst: Decimal,
    pub grundlag: Decimal,
    pub pladser: Decimal,
    pub days: Decimal,
    pub belaegning: Decimal,
    pub expected: Decimal,
    pub deviation: Decimal,
    pub tolerance_pct: Decimal,
}

/// A tariff that does not follow from its cost basis.
pub fn takst_calculation(m: &TakstCalculation<'_>, lang: Lang) -> String {
    let (label, takst, grundlag) = (m.label, kr(m.takst, lang), kr(m.grundlag, lang));
    let (pladser, days) = (plain(m.pladser, 2, lang), plain(m.days, 0, lang));
    let (belaegning, expected) = (pct(m.belaegning, lang), kr(m.expected, lang));
    let (deviation, tolerance) = (pct(m.deviation, lang), pct(m.tolerance_pct, lang));
    match lang {
        Lang::Da => format!(
            "{label} {takst} svarer ikke til takstgrundlaget: {grundlag} / ({pladser} pladser × \
             {days} dage × {belaegning}) = {expected} (afvigelse {deviation}, højst {tolerance} \
             tilladt)."
        ),
        Lang::En => format!(
            "{label} {takst} does not match the cost basis: {grundlag} / ({pladser} places × \
             {days} days × {belaegning}) = {expected} (off by {deviation}, at most {tolerance} \
             allowed)."
        ),
    }
}

/// A value that is not the product of others ("Udgift ≠ Takst × Dage").
pub fn product(
    label: &str,
    value: Decimal,
    factors: &[&str],
    expected: Decimal,
    tolerance_pct: Decimal,
    lang: Lang,
) -> String {
    let (value, expected) = (kr(value, lang), kr(expected, lang));
    let (factors, tolerance) = (factors.join(" × "), pct(tolerance_pct, lang));
    match lang {
        Lang::Da => format!(
            "{label} {value} svarer ikke til {factors} = {expected} (højst {tolerance} afvigelse \
             tilladt)."
        ),
        Lang::En => format!(
            "{label} {value} does not match {factors} = {expected} (at most {tolerance} \
             difference allowed)."
        ),
    }
}

/// A field whose value asks for one of others, none of them filled in.
pub fn required_if(label: &str, value: &str, any_of: &[&str], lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Når {label} er \"{value}\", skal {} udfyldes.",
            any_of.join(" eller ")
        ),
        Lang::En => format!(
            "When {label} is \"{value}\", {} must be filled in.",
            any_of.join(" or ")
        ),
    }
}

/// A change against last year beyond the usual.
pub fn change_limit(
    label: &str,
    change_pct: Decimal,
    previous: Decimal,
    value: Decimal,
    max_change_pct: Decimal,
    lang: Lang,
) -> String {
    let (change, max) = (pct(change_pct, lang), pct(max_change_pct, lang));
    let (previous, value) = (kr(previous, lang), kr(value, lang));
    match lang {
        Lang::Da => format!(
            "{label} er ændret {change} fra {previous} til {value}; en ændring på mere end {max} \
             er usædvanlig."
        ),
        Lang::En => format!(
            "{label} changed by {change} from {previous} to {value}; a change of more than {max} \
             is unusual."
        ),
    }
}

/// A withdrawal filed outside the months (and years) it may be filed in.
pub fn filing_window(
    label: &str,
    date: NaiveDate,
    months: &[u32],
    even_years: bool,
    lang: Lang,
) -> String {
    let date = date.format("%d-%m-%Y");
    let months = month_span(months, lang);
    let years = match (even_years, lang) {
        (false, _) => "",
        (true, Lang::Da) => " i lige år",
        (true, Lang::En) => " of even years",
    };
    match lang {
        Lang::Da => format!(
            "{label} {date} ligger uden for vinduet: udmeldinger kan kun indgives i \
             {months}{years}."
        ),
        Lang::En => format!(
            "{label} {date} is outside the window: withdrawals may only be filed in \
             {months}{years}."
        ),
    }
}

/// A yes that only holds together with another yes.
pub fn implies(premise: &str, conclusion: &str, lang: Lang) -> String {
    let lower = conclusion.to_lowercase();
    match lang {
        Lang::Da => {
            format!("{premise} er angivet, men {conclusion} er ikke; det gælder kun for {lower}.")
        }
        Lang::En => {
            format!("{premise} is set but {conclusion} is not; it only applies to a {lower}.")
        }
    }
}

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "januar–marts" for a run of months, else a list ("marts, september").
pub fn month_span(months: &[u32], lang: Lang) -> String {
    let names = match lang {
        Lang::Da => &MONTHS_DA,
        Lang::En => &MONTHS_EN,
    };
    let name = |m: u32| {
        names
            .get((m as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("?")
    };
    let mut sorted = months.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let contiguous = sorted
        .windows(2)
        .all(|w| w.get(1) == w.first().map(|a| a + 1).as_ref());
    match (sorted.first(), sorted.last()) {
        (Some(first), Some(last)) if contiguous && first != last => {
            format!("{}–{}", name(*first), name(*last))
        }
        _ => sorted
            .iter()
            .map(|m| name(*m))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
