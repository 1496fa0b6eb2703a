//! Texts of `ramme takstanalyse` (the yearly tariff analysis) that are not
//! short labels.

use crate::lang::Lang;

/// The column of the average tariff of a year; `year` is "2017", "N" or
/// "N−1".
pub fn avg_tariff_column(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Gns. takst {year}"),
        Lang::En => format!("Avg. tariff {year}"),
    }
}

/// Title of the analysis; `year` is " 2017" or empty.
pub fn title(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Takstanalyse{year} pr. målgruppe og paragraf"),
        Lang::En => format!("Tariff analysis{year} by target group and section"),
    }
}

/// Title of the overhead by driftsherre; `year` is " 2017" or empty.
pub fn overhead_title(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Overhead pr. driftsherre{year}"),
        Lang::En => format!("Overhead by operator{year}"),
    }
}

/// Note under the overhead table; `limit` is the percentage formatted.
pub fn overhead_note(limit: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Overhead = indirekte omkostninger / direkte omkostninger (løn, øvrig drift, ejendomsomkostninger, tjenestemandspension), summeret i kroner over de takster, der oplyser begge; målet er højst {limit} ([takst] overhead_pct). Enheder som Aalborg ÆH tælles under deres kommune."),
        Lang::En => format!("Overhead = indirect costs / direct costs (salaries, other operating costs, property, civil-servant pensions), summed in kroner over the tariffs that give both; the target is at most {limit} ([takst] overhead_pct). Units such as Aalborg ÆH count under their kommune."),
    }
}

/// Note on how a row is put under children or adults.
pub fn group_follows_section(lang: Lang) -> String {
    match lang {
        Lang::Da => "Børn eller voksne følger paragraffen; for en paragraf for begge afgør målgruppen.".into(),
        Lang::En => "Children or adults follows the section; for a section for both, the target group decides.".into(),
    }
}

/// Note on how offers and places are counted.
pub fn counted_once(lang: Lang) -> String {
    match lang {
        Lang::Da => "Tilbud tæller hvert tilbud (Tilbudsnr og paragraf) én gang, også i subtotaler og total, og Pladser tæller hvert tilbuds pladser én gang.".into(),
        Lang::En => "Offers counts each offer (offer number and section) once, also in subtotals and the total, and Places counts each offer's places once.".into(),
    }
}

/// Note on the average tariff of the year; `year` as in the column.
pub fn avg_tariff_note(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Gns. takst {year} er vægtet med den årlige mængde q (se nedenfor): Σ (q × takst) / Σ q, og forskellige taksttyper gennemsnittes aldrig sammen."),
        Lang::En => format!("Avg. tariff {year} is weighted by the yearly volume q (see below): Σ (q × tariff) / Σ q, and different tariff types are never averaged together."),
    }
}

/// Note on the average tariff of last year; `year` as in the column.
pub fn avg_tariff_previous_note(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Gns. takst {year} er de samme tilbuds takst sidste år (fra sidste års indberetning, ellers årets kolonne Takst forrige år) vægtet med årets volumen; tilbud uden sidste års takst indgår ikke."),
        Lang::En => format!("Avg. tariff {year} is the same offers' tariff last year (from last year's report, else this year's column Takst forrige år) weighted by this year's volume; offers without last year's tariff are left out."),
    }
}

/// Note on which offers the change compares.
pub fn change_like_for_like(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ændring sammenligner tilbud, der er med begge år og hverken er nye eller udgår, så nye og udgående tilbud ikke flytter den.".into(),
        Lang::En => "Change compares offers present in both years that are neither new nor leaving, so new and leaving offers do not move it.".into(),
    }
}

/// Note on the real change with a P/L; `pl` is the percentage formatted.
pub fn real_change_note(pl: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Real ændring er (1 + ændring) / (1 + P/L) − 1 med P/L {pl}, og Inden for P/L betyder en ændring på højst {pl}."),
        Lang::En => format!("Real change is (1 + change) / (1 + P/L) − 1 with P/L {pl}, and Within P/L means a change of at most {pl}."),
    }
}

/// Note when no P/L is given.
pub fn no_pl(lang: Lang) -> String {
    match lang {
        Lang::Da => "Pris- og lønudviklingen (P/L) er ikke oplyst, så real ændring og Inden for P/L vises ikke.".into(),
        Lang::En => "The price and wage index (P/L) was not given, so the real change and Within P/L are not shown.".into(),
    }
}

/// Note when there are no tariffs from last year.
pub fn no_previous(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen takster fra sidste år (hverken sidste års indberetninger eller kolonnen Takst forrige år), så der er ingen ændring at vise.".into(),
        Lang::En => "No tariffs from last year (neither last year's reports nor the column Takst forrige år), so there is no change to show.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_in_both_languages() {
        assert_eq!(
            title(" 2017", Lang::Da),
            "Takstanalyse 2017 pr. målgruppe og paragraf"
        );
        assert_eq!(
            title("", Lang::En),
            "Tariff analysis by target group and section"
        );
    }
}
