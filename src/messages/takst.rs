//! Texts of `ramme takst` and of `takst --years` and `takstanalyse --years`
//! (the change year by year) that are not short labels.

use crate::lang::Lang;

/// Title of the change by operator; `year` is " 2017" or empty, `allowed`
/// the allowed change formatted ("−0,99 %", or "–" when unknown).
pub fn by_operator_title(year: &str, allowed: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Takstudvikling pr. driftsherre{year} (tilladt ændring {allowed})"),
        Lang::En => format!("Tariff change by operator{year} (allowed change {allowed})"),
    }
}

/// Shown instead of the table by operator when no tariff can be compared.
pub fn nothing_to_compare(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen takster at sammenligne med sidste år.".into(),
        Lang::En => "No tariffs to compare with last year.".into(),
    }
}

/// Note on how the allowed and the real change are found; `pl` and
/// `required` are percentages formatted.
pub fn allowed_note(pl: &str, required: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Tilladt = (1 + P/L {pl}) × (1 − krævet reduktion {required}) − 1. Real ændring = (1 + ændring) / (1 + P/L) − 1."),
        Lang::En => format!("Allowed = (1 + P/L {pl}) × (1 − required reduction {required}) − 1. Real change = (1 + change) / (1 + P/L) − 1."),
    }
}

/// Note on which tariffs the table by operator counts.
pub fn only_continuing(lang: Lang) -> String {
    match lang {
        Lang::Da => "Kun takster, der fortsætter (ikke Ny, ikke Udgår); enheder som Aalborg ÆH tælles under deres kommune.".into(),
        Lang::En => "Only continuing tariffs (not Ny, not Udgår); units such as Aalborg ÆH count under their kommune.".into(),
    }
}

/// Title of the tariffs by offer; `year` is " 2017" or empty.
pub fn by_offer_title(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Takster pr. tilbud{year}"),
        Lang::En => format!("Tariffs by offer{year}"),
    }
}

/// Shown instead of the tariffs by offer when none continues with a tariff
/// from last year.
pub fn no_continuing(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen fortsættende takster med en takst fra sidste år.".into(),
        Lang::En => "No continuing tariffs with a tariff from last year.".into(),
    }
}

/// An offer whose "Takst forrige år" differs from last year's report;
/// `column` and `last_year` are amounts formatted.
pub fn disagreement(
    driftsherre: &str,
    tilbudsnavn: &str,
    tilbudsnr: &str,
    taksttype: &str,
    column: &str,
    last_year: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Da => format!(
            "Forskel: {driftsherre} {tilbudsnavn} ({tilbudsnr}, {taksttype}): \"Takst forrige år\" siger {column}, sidste års indberetning {last_year}; sidste års indberetning er brugt."
        ),
        Lang::En => format!(
            "Difference: {driftsherre} {tilbudsnavn} ({tilbudsnr}, {taksttype}): \"Takst forrige år\" says {column}, last year's report {last_year}; last year's report is used."
        ),
    }
}

/// How many new and leaving tariffs are left out.
pub fn not_included(new: usize, leaving: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Ikke med: {new} nye og {leaving} udgående takster."),
        Lang::En => format!("Not included: {new} new and {leaving} leaving tariffs."),
    }
}

/// An offer without last year's tariff, left out.
pub fn no_previous(
    driftsherre: &str,
    tilbudsnavn: &str,
    tilbudsnr: &str,
    taksttype: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Da => format!(
            "Uden sidste års takst (hverken kolonnen \"Takst forrige år\" eller sidste års indberetning): {driftsherre} {tilbudsnavn} ({tilbudsnr}, {taksttype})."
        ),
        Lang::En => format!(
            "Without last year's tariff (neither the column \"Takst forrige år\" nor last year's report): {driftsherre} {tilbudsnavn} ({tilbudsnr}, {taksttype})."
        ),
    }
}

/// The column of one year's change; `year` is "2017" or "År 2".
pub fn change_column(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Ændring {year}"),
        Lang::En => format!("Change {year}"),
    }
}

/// The column of the nominal change since the first year.
pub fn since_column(first: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Siden {first}"),
        Lang::En => format!("Since {first}"),
    }
}

/// The column of the change in the first year's prices.
pub fn in_prices_column(first: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("I {first}-priser"),
        Lang::En => format!("In {first} prices"),
    }
}

/// Note on chaining and fixed prices; `pl_by_year` is each year's P/L
/// formatted, joined by ", " ("?" where unknown).
pub fn chain_note(first: &str, pl_by_year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Hvert års ændring sammenligner årets indberetninger med året før (tilbud med begge år, hverken Ny eller Udgår). Siden {first} er den nominelle ændring siden {first}, Π (1 + årets ændring) − 1; I {first}-priser er den samme i faste {first}-priser, divideret med den kædede P/L (1 + P/L år for år: {pl_by_year})."
        ),
        Lang::En => format!(
            "Each year's change compares that year's reports with the year before (offers in both years, neither Ny nor Udgår). Since {first} is the nominal change since {first}, Π (1 + the year's change) − 1; In {first} prices is the same in fixed {first} prices, divided by the chained P/L (1 + P/L year by year: {pl_by_year})."
        ),
    }
}

/// Note when a year's P/L is missing.
pub fn pl_missing(lang: Lang) -> String {
    match lang {
        Lang::Da => "P/L mangler for et år ([takst] pl = {2017 = 1.9, …} i ramme.toml eller --pl), så der er ingen real ændring fra det år.".into(),
        Lang::En => "The P/L of a year is missing ([takst] pl = {2017 = 1.9, …} in ramme.toml or --pl), so there is no real change from that year.".into(),
    }
}

/// Title of `takst --years`; `target` is the target for the real change
/// formatted ("–" when unknown).
pub fn years_title(first: &str, target: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("Takstudvikling år for år siden {first} (mål for den reale ændring {target})")
        }
        Lang::En => format!(
            "Tariff change year by year since {first} (target for the real change {target})"
        ),
    }
}

/// Note when the target is the required reduction chained; `required` is
/// the yearly reduction formatted.
pub fn target_from_required(required: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Målet er den krævede reale reduktion {required} om året kædet over årene ([takst] target_real_pct eller --target giver et andet mål). Over årene: Overholdt betyder en real ændring på højst målet."),
        Lang::En => format!("The target is the required real reduction {required} a year chained over the years ([takst] target_real_pct or --target sets another). Over the years: Met means a real change of at most the target."),
    }
}

/// Note when the target is given; `target` is formatted.
pub fn target_given(target: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Målet for den reale ændring over årene er {target} ([takst] target_real_pct eller --target); Overholdt over årene betyder en real ændring på højst målet."),
        Lang::En => format!("The target for the real change over the years is {target} ([takst] target_real_pct or --target); Met over the years means a real change of at most the target."),
    }
}

/// Title of the change by operator over the years.
pub fn by_operator_since_title(first: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Takstudvikling pr. driftsherre siden {first}"),
        Lang::En => format!("Tariff change by operator since {first}"),
    }
}

/// Note under the change by operator over the years.
pub fn by_operator_since_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "En driftsherre uden takster at sammenligne et år har ingen ændring over årene. Enheder som Aalborg ÆH tælles under deres kommune.".into(),
        Lang::En => "An operator without tariffs to compare in a year has no change over the years. Units such as Aalborg ÆH count under their kommune.".into(),
    }
}

/// Title of `takstanalyse --years`; `target` is formatted.
pub fn analysis_years_title(first: &str, last: &str, target: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Takstanalyse {first}–{last} pr. målgruppe og paragraf (mål for den reale ændring {target})"),
        Lang::En => format!("Tariff analysis {first}–{last} by target group and section (target for the real change {target})"),
    }
}

/// Note on what "Inden for målet" means in `takstanalyse --years`.
pub fn within_target_note(first: &str, target: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Inden for målet: en real ændring siden {first} på højst {target} ([takst] target_real_pct eller --target; standard 0, dvs. højst P/L)."),
        Lang::En => format!("Within the target: a real change since {first} of at most {target} ([takst] target_real_pct or --target; default 0, i.e. at most the P/L)."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_in_both_languages() {
        assert_eq!(
            by_operator_title(" 2017", "−0,99 %", Lang::Da),
            "Takstudvikling pr. driftsherre 2017 (tilladt ændring −0,99 %)"
        );
        assert_eq!(
            by_operator_title("", "–", Lang::En),
            "Tariff change by operator (allowed change –)"
        );
    }
}
