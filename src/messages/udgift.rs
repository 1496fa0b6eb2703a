//! Texts of the expenditure monitoring (`ramme udgift`).

use crate::lang::Lang;

/// The label of a January: "Januar 2016", or "Januar, før"/"Januar, efter"
/// when the year is unknown; in the tables' rows and headings.
pub fn january(year: Option<u16>, after: bool, lang: Lang) -> String {
    match (year, lang) {
        (Some(y), Lang::Da) => format!("Januar {y}"),
        (Some(y), Lang::En) => format!("January {y}"),
        (None, Lang::Da) => if after {
            "Januar, efter"
        } else {
            "Januar, før"
        }
        .into(),
        (None, Lang::En) => if after {
            "January, after"
        } else {
            "January, before"
        }
        .into(),
    }
}

/// "Januar 2016: borgere", a row of the citizens table.
pub fn citizens_in(january: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{january}: borgere"),
        Lang::En => format!("{january}: citizens"),
    }
}

/// "Januar 2016: rækker", a row of the citizens table.
pub fn rows_in(january: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{january}: rækker"),
        Lang::En => format!("{january}: rows"),
    }
}

/// The summary table's caption.
pub fn summary_caption(after: &str, before: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Udgiftsmonitorering for regionen: {} mod {}",
            after.to_lowercase(),
            before.to_lowercase()
        ),
        Lang::En => format!("Expenditure monitoring for the region: {after} against {before}"),
    }
}

/// How the tariff effect splits into price and level, under the summary.
pub fn price_level_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Taksteffekten deles i to: priseffekten er sidste års udgift × tilbuddets \
                     indberettede takstændring (takst i år / takst sidste år − 1) for borgere i \
                     samme tilbud begge år; niveaueffekten er resten (et andet takstniveau, flere \
                     eller færre dage). De to giver tilsammen taksteffekten."
            .into(),
        Lang::En => "The tariff effect splits in two: the price effect is last year's \
                     expenditure × the offer's reported tariff change (tariff this year / last \
                     year − 1) for citizens in the same offer in both years; the level effect is \
                     the rest (another tariff level, more or fewer days). The two add up to the \
                     tariff effect."
            .into(),
    }
}

/// Continuing rows without a reported tariff change, under the summary.
pub fn unpriced_rows(rows: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{rows} fortsættende rækker har ingen indberettet takstændring (tilbuddet mangler i \
             et af årenes takstindberetninger); hele deres ændring står i niveaueffekten."
        ),
        Lang::En => format!(
            "{rows} continuing rows have no reported tariff change (the offer is missing from \
             one year's tariff reports); all of their change is in the level effect."
        ),
    }
}

/// How rows are matched and the effects made, under the summary.
pub fn matching_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Rækker matches på personkode, tilbudsnr og paragraf. Taksteffekten er \
                     ændringen for borgere i samme tilbud begge år; visitationseffekten er \
                     udgiften til nye borgere/tilbud minus udgiften til dem, der er ophørt. De to \
                     effekter giver tilsammen den samlede ændring."
            .into(),
        Lang::En => "Rows are matched on person code, offer number and paragraph. The tariff \
                     effect is the change for citizens in the same offer in both years; the \
                     visitation effect is the expenditure on new citizens/offers minus that on \
                     those who left. The two effects add up to the total change."
            .into(),
    }
}

/// Why the kommuner's effects need not add up, under the table by kommune.
pub fn by_kommune_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Pr. kommune matches rækker inden for kommunen: en borger, der har skiftet \
                     betalingskommune, tæller som ophørt i den gamle og ny i den nye, så \
                     kommunernes effekter summer ikke nødvendigvis til regionens."
            .into(),
        Lang::En => "Per kommune, rows are matched within the kommune: a citizen who changed \
                     paying kommune counts as left in the old and new in the new one, so the \
                     kommuner's effects need not add up to the region's."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_caption_in_both_languages() {
        assert_eq!(
            summary_caption("Januar 2017", "Januar 2016", Lang::Da),
            "Udgiftsmonitorering for regionen: januar 2017 mod januar 2016"
        );
        assert_eq!(
            summary_caption("January 2017", "January 2016", Lang::En),
            "Expenditure monitoring for the region: January 2017 against January 2016"
        );
        assert_eq!(january(None, true, Lang::Da), "Januar, efter");
        assert_eq!(january(Some(2016), false, Lang::En), "January 2016");
    }
}
