//! Texts about tariffs and how they are weighted.

use crate::lang::Lang;
use crate::numfmt;
use rust_decimal::Decimal;

/// How a group's change is weighted, for the notes under the tables and the
/// annex. `doegn_days`: the days of the report's year (365, 366 in a leap
/// year), or None over several years.
pub fn weighting_note(opening_days: Decimal, doegn_days: Option<u32>, lang: Lang) -> String {
    let days = numfmt::plain(opening_days, 0, lang);
    let (doegn_da, doegn_en) = match doegn_days {
        Some(d) => (format!("{d} dage"), format!("{d} days")),
        None => (
            "årets dage (365, i et skudår 366)".to_string(),
            "the days of the year (365, 366 in a leap year)".to_string(),
        ),
    };
    match lang {
        Lang::Da => format!(
            "Ændringen er vægtet med det, hvert tilbud sælger på et år i sin egen enhed (q): \
             døgntakst pladser × belægning × {doegn_da}, dagtakst pladser × belægning × {days} \
             åbningsdage, månedstakst × 12, årstakst × 1; for timetakster og andre takster uden \
             faste enheder takstgrundlaget / taksten. Ændring = Σ q × takst i år / Σ q × takst \
             sidste år − 1, så en døgntakst og en årstakst vejer efter deres årlige salg i kroner."
        ),
        Lang::En => format!(
            "The change is weighted by what each offer sells in a year in its own unit (q): \
             day-and-night tariff places × occupancy × {doegn_en}, day tariff places × occupancy × \
             {days} opening days, monthly tariff × 12, yearly tariff × 1; for hourly tariffs and \
             other tariffs without fixed units the cost basis / the tariff. Change = Σ q × tariff \
             this year / Σ q × tariff last year − 1, so a day-and-night and a yearly tariff weigh \
             by their yearly sales in kroner."
        ),
    }
}

/// Offers whose yearly volume is unknown, listed under the table.
pub fn not_weighable(
    driftsherre: &str,
    tilbudsnavn: &str,
    tilbudsnr: &str,
    taksttype: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Da => format!(
            "Kan ikke vægtes og indgår ikke i ændringen: {driftsherre} {tilbudsnavn} ({tilbudsnr}, \
             {taksttype}): en {} har ingen faste enheder om året, og takstgrundlaget mangler.",
            taksttype.to_lowercase()
        ),
        Lang::En => format!(
            "Cannot be weighted and is left out of the change: {driftsherre} {tilbudsnavn} \
             ({tilbudsnr}, {taksttype}): this tariff type has no fixed units a year, and the cost \
             basis is missing."
        ),
    }
}

/// Why an offer leaves, as the table shows it, from its code (`lukker`,
/// `drives_videre`, `sammenlaegges`, `omlaegges`; anything else is no
/// reason).
pub fn leave_reason(code: &str, lang: Lang) -> String {
    let (da, en) = match code {
        "lukker" => ("Lukker", "Closes"),
        "drives_videre" => (
            "Udgår af rammeaftalen, men drives videre",
            "Leaves the rammeaftale but keeps running",
        ),
        "sammenlaegges" => ("Sammenlægges", "Merged"),
        "omlaegges" => ("Omlægges", "Restructured"),
        _ => ("Uden årsag", "No reason given"),
    };
    match lang {
        Lang::Da => da.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The title of the table of leaving offers by reason.
pub fn leaving_by_reason_title(year_text: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Udgående tilbud efter årsag{year_text}"),
        Lang::En => format!("Leaving offers by reason{year_text}"),
    }
}

/// The note under the table of leaving offers by reason.
pub fn leaving_by_reason_note(without: usize, lang: Lang) -> String {
    match (lang, without) {
        (Lang::Da, 0) => {
            "Årsag og ikrafttræden er indberetningens kolonner Årsag og Ikrafttræden.".to_string()
        }
        (Lang::Da, n) => format!(
            "Årsag og ikrafttræden er indberetningens kolonner Årsag og Ikrafttræden; \
             {n} udgående tilbud har ingen årsag."
        ),
        (Lang::En, 0) => {
            "Reason and date are the report's columns Årsag and Ikrafttræden.".to_string()
        }
        (Lang::En, n) => format!(
            "Reason and date are the report's columns Årsag and Ikrafttræden; \
             {n} leaving offers have no reason."
        ),
    }
}

/// `--years` with fewer than two years.
pub fn years_too_few(lang: Lang) -> String {
    match lang {
        Lang::Da => "--years skal have mindst to år: en mappe pr. år (f.eks. --years 2016 2017 2018) eller én mappe med en undermappe pr. år".to_string(),
        Lang::En => "--years needs at least two years: a folder per year (e.g. --years 2016 2017 2018) or one folder with a folder per year".to_string(),
    }
}

/// Two sets of `--years` of the same year.
pub fn years_twice(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("--years har {year} to gange; giv hvert år én gang"),
        Lang::En => format!("--years has {year} twice; give each year once"),
    }
}

/// The label of one year's inputs ("Takstindberetninger 2016").
pub fn year_inputs(year: Option<i32>, position: usize, lang: Lang) -> String {
    match (lang, year) {
        (Lang::Da, Some(y)) => format!("Takstindberetninger {y}"),
        (Lang::Da, None) => format!("Takstindberetninger, år {position}"),
        (Lang::En, Some(y)) => format!("Tariff reports {y}"),
        (Lang::En, None) => format!("Tariff reports, year {position}"),
    }
}
