//! Texts of the use of offers and the user rates (`ramme forbrug`).

use crate::lang::Lang;

/// Which offers the early warning lists, under its table; `level` is a
/// percentage already formatted.
pub fn early_warning_note(level: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Tilbud i det forstærkede samarbejde, hvis belagte pladser i januar er under {level} \
             af pladser × budgetteret belægningsprocent ([forbrug] belaegning_advarsel). En \
             borger tæller dage/31, når borgerlisten har Dage, ellers 1."
        ),
        Lang::En => format!(
            "Offers of the strengthened cooperation whose places used in January are below \
             {level} of places × budgeted occupancy ([forbrug] belaegning_advarsel). A citizen \
             counts days/31 when the list has Dage, else 1."
        ),
    }
}

/// Under the early warning's table when it is empty.
pub fn no_early_warning(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen tilbud under advarselsgrænsen.".into(),
        Lang::En => "No offers below the warning level.".into(),
    }
}

/// The user-rates table's caption; `band` names the age band.
pub fn user_rates_caption(band: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Brugere og udgift pr. bruger efter betalingskommune, målgruppe og børn/voksne \
             ({band})"
        ),
        Lang::En => format!(
            "Users and spending per user by paying kommune, target group and children/adults \
             ({band})"
        ),
    }
}

/// How users, groups and the region's figure are counted, under the
/// user-rates table.
pub fn user_rates_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Brugere er forskellige personkoder i januar. Målgruppen er tilbuddets i \
                     takstindberetningen; børn/voksne er paragraffens gruppe, ellers målgruppens \
                     (et tilbud for begge tæller som voksne). Regionens tal er alle \
                     betalingskommuners brugere mod befolkningen i deres region(er)."
            .into(),
        Lang::En => "Users are distinct person codes in January. The target group is the \
                     offer's in its tariff report; children/adults is the paragraph's group, else \
                     the target group's (an offer for both counts as adults). The region's figure \
                     is all paying kommuner's users against the population of their region(s)."
            .into(),
    }
}

/// Under the user-rates table without population figures.
pub fn user_rates_no_population(lang: Lang) -> String {
    match lang {
        Lang::Da => {
            "Uden befolkningstal (--befolkning) vises ingen brugere pr. 1.000 indbyggere.".into()
        }
        Lang::En => {
            "Without population figures (--befolkning) no users per 1,000 inhabitants are shown."
                .into()
        }
    }
}

/// What the flags and budgeted places mean, under the offers table.
pub fn offers_note(faa_kommuner: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Markering: \"kun egne borgere\", når kun driftsherrens egne borgere bruger tilbuddet \
             (enheder som \"Aalborg ÆH\" tæller som kommunen); \"få kommuner\" ved færre end \
             {faa_kommuner} betalende kommuner ([forbrug] faa_kommuner). Budgetterede pladser \
             er pladser × belægningsprocent / 100."
        ),
        Lang::En => format!(
            "Flag: \"own citizens only\" when only the operator's own citizens use the offer \
             (units like \"Aalborg ÆH\" count as the kommune); \"few kommuner\" with fewer than \
             {faa_kommuner} paying kommuner ([forbrug] faa_kommuner). Budgeted places are \
             places × occupancy percent / 100."
        ),
    }
}

/// An offer in the citizen lists but in no tariff report, under the offers
/// table; `spending` is an amount already formatted.
pub fn unmatched_offer(
    tilbudsnr: &str,
    paragraf: &str,
    rows: usize,
    spending: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Da => format!(
            "Tilbud {tilbudsnr} ({paragraf}) står i borgerlisterne ({rows} rækker, {spending}) \
             men i ingen takstindberetning; ikke medregnet."
        ),
        Lang::En => format!(
            "Offer {tilbudsnr} ({paragraf}) is in the citizen lists ({rows} rows, {spending}) but \
             in no tariff report; not counted."
        ),
    }
}

/// How citizens are summed, under the table by operator.
pub fn totals_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Borgere summeres over tilbud: en borger i to tilbud tæller to gange.".into(),
        Lang::En => "Citizens are summed over offers: a citizen in two offers counts twice.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmatched_offer_in_both_languages() {
        assert_eq!(
            unmatched_offer("T1", "§ 107", 3, "1.000 kr.", Lang::Da),
            "Tilbud T1 (§ 107) står i borgerlisterne (3 rækker, 1.000 kr.) men i ingen \
             takstindberetning; ikke medregnet."
        );
        assert_eq!(
            unmatched_offer("T1", "§ 107", 3, "DKK 1,000", Lang::En),
            "Offer T1 (§ 107) is in the citizen lists (3 rows, DKK 1,000) but in no tariff \
             report; not counted."
        );
    }
}
