//! The messages of the named row rules (`rules/`), one function per message.
//! Every threshold in a message is the rule's parameter as the schema sets
//! it, so a changed tolerance shows in the message.

use crate::lang::Lang;
use crate::numfmt::{kr, number, pct, plain};
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

/// What a budgeted occupancy is judged against.
pub enum OccupancyNorm {
    /// Below the norm of døgn and dag offers (`min`–`max`).
    BelowNorm { min: Decimal, max: Decimal },
    /// Above the norm's upper end.
    AboveNorm { min: Decimal, max: Decimal },
    /// Within the norm, above the recommended maximum.
    AboveRecommended { recommended: Decimal },
    /// Below the minimum of a short-stay (respite, acute) offer.
    BelowShortStay { min: Decimal, marker: String },
}

/// "95,00–100,00 %".
fn pct_range(min: Decimal, max: Decimal, lang: Lang) -> String {
    format!("{}–{} %", number(min, 2, lang), number(max, 2, lang))
}

/// A budgeted occupancy outside the norm.
pub fn occupancy_norm(label: &str, value: Decimal, norm: &OccupancyNorm, lang: Lang) -> String {
    let value = pct(value, lang);
    match (norm, lang) {
        (OccupancyNorm::BelowNorm { min, max }, Lang::Da) => format!(
            "{label} {value} er under normen for døgn- og dagtilbud på {}; en lavere \
             budgetteret belægning skal godkendes.",
            pct_range(*min, *max, lang)
        ),
        (OccupancyNorm::BelowNorm { min, max }, Lang::En) => format!(
            "{label} {value} is below the norm of {} for day-and-night and day offers; a lower \
             budgeted occupancy needs approval.",
            pct_range(*min, *max, lang)
        ),
        (OccupancyNorm::AboveNorm { min, max }, Lang::Da) => format!(
            "{label} {value} er over normen for døgn- og dagtilbud på {}.",
            pct_range(*min, *max, lang)
        ),
        (OccupancyNorm::AboveNorm { min, max }, Lang::En) => format!(
            "{label} {value} is above the norm of {} for day-and-night and day offers.",
            pct_range(*min, *max, lang)
        ),
        (OccupancyNorm::AboveRecommended { recommended }, Lang::Da) => format!(
            "{label} {value} er over det anbefalede maksimum på {}.",
            pct(*recommended, lang)
        ),
        (OccupancyNorm::AboveRecommended { recommended }, Lang::En) => format!(
            "{label} {value} is above the recommended maximum of {}.",
            pct(*recommended, lang)
        ),
        (OccupancyNorm::BelowShortStay { min, marker }, Lang::Da) => format!(
            "{label} {value} er under normen på mindst {} for aflastnings- og akuttilbud \
             (tilbuddet er markeret \"{marker}\").",
            pct(*min, lang)
        ),
        (OccupancyNorm::BelowShortStay { min, marker }, Lang::En) => format!(
            "{label} {value} is below the norm of at least {} for respite and acute offers (the \
             offer is marked \"{marker}\").",
            pct(*min, lang)
        ),
    }
}

/// A budgeted occupancy that is not the average of the two years before.
pub fn occupancy_average(
    label: &str,
    budget: Decimal,
    actual: [Decimal; 2],
    average: Decimal,
    tolerance_points: Decimal,
    lang: Lang,
) -> String {
    let (budget, average) = (pct(budget, lang), pct(average, lang));
    let [a1, a2] = actual.map(|a| pct(a, lang));
    let tolerance = plain(tolerance_points, 2, lang);
    match lang {
        Lang::Da => format!(
            "{label} {budget} bør svare til gennemsnittet af de to foregående års faktiske \
             belægning ({a1} og {a2}) = {average}, højst {tolerance} procentpoint fra."
        ),
        Lang::En => format!(
            "{label} {budget} should be the average of the actual occupancy of the two previous \
             years ({a1} and {a2}) = {average}, at most {tolerance} percentage points off."
        ),
    }
}

/// A cost basis that its cost categories do not add up to.
pub fn cost_categories(
    label: &str,
    basis: Decimal,
    parts: &[(&str, Decimal)],
    sum: Decimal,
    tolerance_kr: Decimal,
    lang: Lang,
) -> String {
    let mut terms = String::new();
    for (i, (name, amount)) in parts.iter().enumerate() {
        let sign = match (i, amount.is_sign_negative() && !amount.is_zero()) {
            (0, false) => "",
            (0, true) => "−",
            (_, false) => " + ",
            (_, true) => " − ",
        };
        terms.push_str(&format!("{sign}{name} {}", kr(amount.abs(), lang)));
    }
    let difference = kr((sum - basis).abs(), lang);
    let (basis, sum, tolerance) = (kr(basis, lang), kr(sum, lang), kr(tolerance_kr, lang));
    match lang {
        Lang::Da => format!(
            "{label} {basis} svarer ikke til summen af omkostningskategorierne: {terms} = {sum} \
             (forskel {difference}, højst {tolerance} tilladt)."
        ),
        Lang::En => format!(
            "{label} {basis} is not the sum of the cost categories: {terms} = {sum} (off by \
             {difference}, at most {tolerance} allowed)."
        ),
    }
}

/// Overhead above its target share of the direct costs.
pub fn overhead(
    label: &str,
    overhead: Decimal,
    direct: Decimal,
    share_pct: Decimal,
    max_pct: Decimal,
    lang: Lang,
) -> String {
    let (overhead, direct) = (kr(overhead, lang), kr(direct, lang));
    let (share, max) = (pct(share_pct, lang), pct(max_pct, lang));
    match lang {
        Lang::Da => format!(
            "{label} {overhead} er {share} af de direkte omkostninger ({direct}); målet er højst \
             {max}."
        ),
        Lang::En => format!(
            "{label} {overhead} is {share} of the direct costs ({direct}); the target is at most \
             {max}."
        ),
    }
}
