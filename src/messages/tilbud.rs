//! Texts of `ramme tilbud` (offers in and out) that are not labels.

use crate::lang::Lang;

/// Title of the new offers table; `year` is " 2017" or empty.
pub fn new_offers_title(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Nye tilbud i rammeaftalen{year}"),
        Lang::En => format!("New offers in the rammeaftale{year}"),
    }
}

/// Title of the leaving offers table.
pub fn leaving_offers_title(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Tilbud, der udgår af rammeaftalen{year}"),
        Lang::En => format!("Offers leaving the rammeaftale{year}"),
    }
}

/// Title of the offers and places by operator.
pub fn by_operator_title(year: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Tilbud og pladser pr. driftsherre{year}"),
        Lang::En => format!("Offers and places by operator{year}"),
    }
}

/// Note under the table by operator.
pub fn units_count_under_kommune(lang: Lang) -> String {
    match lang {
        Lang::Da => "Enheder som Aalborg ÆH og Aalborg FB tælles under deres kommune; et tilbud med flere takster tæller én gang.".into(),
        Lang::En => "Units such as Aalborg ÆH and Aalborg FB count under their kommune; an offer with several tariffs counts once.".into(),
    }
}

/// Note under the offers that are missing without being reported leaving.
pub fn leaving_must_be_reported(lang: Lang) -> String {
    match lang {
        Lang::Da => "Tilbud, der udgår, skal indberettes med status Udgår og \"Erstattes af\" eller en bemærkning.".into(),
        Lang::En => "Leaving offers must be reported with status Udgår and \"Erstattes af\" or a remark.".into(),
    }
}

/// Note under the continuing offers that were not there last year.
pub fn new_must_be_reported(lang: Lang) -> String {
    match lang {
        Lang::Da => "Et nyt tilbud skal indberettes med status Ny.".into(),
        Lang::En => "A new offer must be reported with status Ny.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_in_both_languages() {
        assert_eq!(
            new_offers_title(" 2017", Lang::Da),
            "Nye tilbud i rammeaftalen 2017"
        );
        assert_eq!(
            new_offers_title("", Lang::En),
            "New offers in the rammeaftale"
        );
    }
}
