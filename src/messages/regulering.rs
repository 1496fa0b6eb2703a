//! Texts of the over-/underskud check (`ramme regulering` and its annex
//! section).

use crate::lang::Lang;

/// An offer's status as a person reads it.
pub fn status_label(key: &str, lang: Lang) -> &'static str {
    match (key, lang) {
        ("ok", Lang::Da) => "i orden",
        ("ok", Lang::En) => "fine",
        ("missing", Lang::Da) => "mangler",
        ("missing", Lang::En) => "missing",
        ("wrong-sign", Lang::Da) => "forkert fortegn",
        ("wrong-sign", Lang::En) => "wrong sign",
        ("wrong-size", Lang::Da) => "forkert størrelse",
        ("wrong-size", Lang::En) => "wrong size",
        ("none-needed", Lang::Da) => "skal ikke reguleres",
        ("none-needed", Lang::En) => "none needed",
        ("no-report", Lang::Da) => "ingen takstindberetning",
        ("no-report", Lang::En) => "no tariff report",
        (_, Lang::Da) => "ukendt",
        (_, Lang::En) => "unknown",
    }
}

/// " 2015 → 2017" for headings, or nothing when a year is unknown.
fn years_text(regnskab: Option<i32>, takst: Option<i32>) -> String {
    match (regnskab, takst) {
        (Some(n), Some(t)) => format!(" {n} → {t}"),
        (Some(n), None) => format!(" {n}"),
        _ => String::new(),
    }
}

pub fn by_kommune_title(regnskab: Option<i32>, takst: Option<i32>, lang: Lang) -> String {
    let years = years_text(regnskab, takst);
    match lang {
        Lang::Da => format!("Over-/underskud og regulering pr. driftsherre{years}"),
        Lang::En => format!("Surplus/deficit and regulation by operator{years}"),
    }
}

pub fn offers_title(regnskab: Option<i32>, takst: Option<i32>, lang: Lang) -> String {
    let years = years_text(regnskab, takst);
    match lang {
        Lang::Da => format!("Over-/underskud og regulering pr. tilbud{years}"),
        Lang::En => format!("Surplus/deficit and regulation by offer{years}"),
    }
}

/// The rule under the tables, with its parameters formatted.
pub fn rule_note(threshold: &str, years: i32, tolerance: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Resultat = indtægter − faktiske omkostninger + overført fra tidligere år (positivt = \
             overskud), i procent af det budgetterede takstgrundlag. Op til ±{threshold} af \
             takstgrundlaget kan overføres til næste år; resten skal reguleres i takstgrundlaget \
             {years} år senere: −(resultat − {threshold} × takstgrundlag) for et overskud, \
             +(|resultat| − {threshold} × takstgrundlag) for et underskud. Kolonnen Regulering i \
             takstindberetningen skal svare hertil inden for {tolerance} af beløbet."
        ),
        Lang::En => format!(
            "Result = revenue − actual costs + carried from earlier years (positive = surplus), \
             in percent of the budgeted cost basis. Up to ±{threshold} of the basis may be \
             carried to the next year; the rest must be regulated in the cost basis {years} \
             years later: −(result − {threshold} × basis) for a surplus, +(|result| − \
             {threshold} × basis) for a deficit. The Regulering column of the tariff report must \
             match it within {tolerance} of the amount."
        ),
    }
}

/// Offers are matched on Tilbudsnr, Paragraf and Taksttype.
pub fn matching_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Regnskab og takstindberetning parres på Tilbudsnr, Paragraf og Taksttype; \
                     har tilbuddet flere takstrækker, lægges deres reguleringer sammen. Enheder \
                     som Aalborg ÆH tælles under deres kommune."
            .to_string(),
        Lang::En => "Accounts and tariff reports are matched on Tilbudsnr, Paragraf and \
                     Taksttype; the regulations of several tariff rows of one offer are added \
                     up. Units such as Aalborg ÆH count under their kommune."
            .to_string(),
    }
}

/// A report that regulates an offer without accounts.
pub fn unaccounted(
    driftsherre: &str,
    tilbudsnavn: &str,
    tilbudsnr: &str,
    taksttype: &str,
    amount: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Da => format!(
            "Regulering uden regnskab: {driftsherre} {tilbudsnavn} ({tilbudsnr}, {taksttype}) \
             regulerer {amount}, men der er intet regnskab for tilbuddet."
        ),
        Lang::En => format!(
            "Regulation without accounts: {driftsherre} {tilbudsnavn} ({tilbudsnr}, \
             {taksttype}) regulates {amount}, but there are no accounts of the offer."
        ),
    }
}

pub fn no_accounts(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen regnskaber at tjekke.".to_string(),
        Lang::En => "No accounts to check.".to_string(),
    }
}

/// The accounts hold more than one year.
pub fn accounts_mix_years(years: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Regnskaberne er fra flere år ({years}); giv ét års regnskaber ad gangen med \
             --regnskab."
        ),
        Lang::En => format!(
            "The accounts are of several years ({years}); give one year's accounts at a time \
             with --regnskab."
        ),
    }
}

/// The tariff reports are not of the year the accounts are regulated in.
pub fn wrong_takst_year(regnskab: i32, expected: i32, found: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Regnskaberne for {regnskab} reguleres i takstindberetningerne for {expected}, men \
             --takster er fra {found}; giv takstindberetningerne for {expected}."
        ),
        Lang::En => format!(
            "The accounts of {regnskab} are regulated in the tariff reports of {expected}, but \
             --takster are of {found}; give the tariff reports of {expected}."
        ),
    }
}

/// A parameter of `[regulering]` or its flag outside its range.
pub fn bad_parameter(name: &str, value: &str, range: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{name} er {value}; den skal ligge i {range}"),
        Lang::En => format!("{name} is {value}; it must lie in {range}"),
    }
}

pub fn inputs_accounts(lang: Lang) -> &'static str {
    lang.pick("Regnskaber", "Accounts")
}

pub fn inputs_reports(lang: Lang) -> &'static str {
    lang.pick("Takstindberetninger", "Tariff reports")
}

pub fn section_heading(lang: Lang) -> &'static str {
    lang.pick("Over-/underskud", "Surplus/deficit")
}

/// The annex has accounts but no tariff reports to look for the regulation in.
pub fn bilag_no_reports(lang: Lang) -> String {
    match lang {
        Lang::Da => "[bilag] takst nævner ingen takstindberetninger at finde reguleringen i".into(),
        Lang::En => "[bilag] takst names no tariff reports to find the regulation in".into(),
    }
}
