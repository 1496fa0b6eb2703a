//! Texts of the strengthened cooperation and objective financing
//! (`ramme kriterier`, `ramme udmelding`, `ramme finansiering`).

use crate::lang::Lang;

/// A dispensation on an offer that is not new, under the criteria table.
pub fn dispensation_not_new(tilbudsnavn: &str, tilbudsnr: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Advarsel: {tilbudsnavn} ({tilbudsnr}) har dispensation, men er ikke et nyt tilbud; \
             dispensation gives kun til nye tilbud."
        ),
        Lang::En => format!(
            "Warning: {tilbudsnavn} ({tilbudsnr}) has a dispensation but is not a new offer; \
             dispensations are for new offers only."
        ),
    }
}

/// A1 claimed with more cases than the indicator, under the criteria table;
/// the numbers are already formatted.
pub fn a1_above_indicator(
    tilbudsnavn: &str,
    tilbudsnr: &str,
    cases: &str,
    indicator: &str,
    per: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Da => format!(
            "Advarsel: {tilbudsnavn} ({tilbudsnr}) angiver A1 med {cases} tilfælde om året; \
             indikatoren er ca. {indicator} (1 pr. {per} indbyggere)."
        ),
        Lang::En => format!(
            "Warning: {tilbudsnavn} ({tilbudsnr}) claims A1 with {cases} cases a year; the \
             indicator is about {indicator} (1 per {per} inhabitants)."
        ),
    }
}

/// What A, B and C mean, under the criteria table.
pub fn criteria_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "A = A1 eller A2 eller A3; B = B1; C = C1 og C2. Omfattet, når A, B og C er \
                     opfyldt, eller som nyt tilbud med DAS' dispensation."
            .into(),
        Lang::En => "A = A1 or A2 or A3; B = B1; C = C1 and C2. Eligible when A, B and C hold, or \
                     as a new offer with DAS's dispensation."
            .into(),
    }
}

/// Under the criteria table when the region's population is not given.
pub fn indicator_not_checked(lang: Lang) -> String {
    match lang {
        Lang::Da => {
            "A1-indikatoren er ikke tjekket, fordi regionens befolkningstal ikke er oplyst.".into()
        }
        Lang::En => {
            "The A1 indicator was not checked because the region's population was not given.".into()
        }
    }
}

/// A withdrawal filed outside the window, in the withdrawals table; `next`
/// is the next window's date, already formatted.
pub fn outside_window(next: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let next = next
                .map(|d| format!(" Næste mulighed: {d}."))
                .unwrap_or_default();
            format!(
                "Indgivet uden for vinduet (januar–marts i lige år); anmodningen kan ikke \
                 behandles.{next}"
            )
        }
        Lang::En => {
            let next = next
                .map(|d| format!(" Next window: {d}."))
                .unwrap_or_default();
            format!(
                "Filed outside the window (January–March of even years); the request cannot be \
                 treated.{next}"
            )
        }
    }
}

/// A kommune's withdrawal without section 2's handling, in the withdrawals
/// table.
pub fn no_handling(lang: Lang) -> String {
    match lang {
        Lang::Da => "Kommunen skal beskrive, hvordan målgruppens behov dækkes (afsnit 2).".into(),
        Lang::En => {
            "The kommune must describe how the target group's needs will be met (section 2).".into()
        }
    }
}

/// A kommune's withdrawal without the competing-offer answer, in the
/// withdrawals table.
pub fn no_competing_answer(lang: Lang) -> String {
    match lang {
        Lang::Da => {
            "Kommunen skal svare på, om den vil etablere et konkurrerende tilbud (afsnit 2).".into()
        }
        Lang::En => {
            "The kommune must say whether it will open a competing offer (section 2).".into()
        }
    }
}

/// How long the protection binds a kommune that opens a competing offer, in
/// the withdrawals table; `until` is a date already formatted.
pub fn competing_bound_until(until: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Kommunen vil etablere et konkurrerende tilbud: beskyttelsen (intet konkurrerende \
             tilbud) binder kommunen til og med {until}."
        ),
        Lang::En => format!(
            "The kommune will open a competing offer: the protection (no competing offer) binds \
             it until {until} inclusive."
        ),
    }
}

/// As `competing_bound_until` when the withdrawal's date is unknown.
pub fn competing_bound_open(lang: Lang) -> String {
    match lang {
        Lang::Da => "Kommunen vil etablere et konkurrerende tilbud: beskyttelsen binder \
                     kommunen, til udmeldingen træder i kraft."
            .into(),
        Lang::En => "The kommune will open a competing offer: the protection binds it until the \
                     withdrawal takes effect."
            .into(),
    }
}

/// An operator's withdrawal that goes to the nødspor, in the withdrawals
/// table.
pub fn nodspor(lang: Lang) -> String {
    match lang {
        Lang::Da => "Driftsherren melder ud, fordi tilbuddet ikke længere er rentabelt, men \
                     kommunerne ønsker det bevaret: tilbuddet sættes i nødsporet, hvor kommunerne \
                     og driftsherren finder en fælles løsning."
            .into(),
        Lang::En => "The operator withdraws because the offer no longer pays while the kommuner \
                     want it kept: the offer goes to the nødspor, where the kommuner and the \
                     operator seek a joint solution."
            .into(),
    }
}

/// A withdrawal of an offer that is not covered, in the withdrawals table.
pub fn not_covered(lang: Lang) -> String {
    match lang {
        Lang::Da => "Tilbuddet er ikke omfattet af det forstærkede samarbejde (det findes ikke \
                     blandt de omfattede tilbud)."
            .into(),
        Lang::En => "The offer is not in the strengthened cooperation (it is not among the \
                     covered offers)."
            .into(),
    }
}

/// When a withdrawal takes effect, under the withdrawals table.
pub fn withdrawal_rule_note(lang: Lang) -> String {
    match lang {
        Lang::Da => "Et tilbud er omfattet for en toårig aftaleperiode og kan meldes ud med et \
                     års varsel; udmeldingen træder først i kraft, når aftaleperioden udløber (1. \
                     januar efter den første periode, der slutter mindst et år efter \
                     indmeldelsen)."
            .into(),
        Lang::En => "An offer is covered for a two-year agreement period and can be withdrawn \
                     with one year's notice; the withdrawal takes effect only when the period \
                     ends (1 January after the first period that ends at least one year after \
                     filing)."
            .into(),
    }
}

/// The financing table's caption; `total` is an amount already formatted.
pub fn financing_caption(total: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Objektiv finansiering: {total} fordelt efter befolkningstal"),
        Lang::En => format!("Objective financing: {total} split by population"),
    }
}

/// How the amount is made and split, under the financing table; the
/// amounts and the share are already formatted.
pub fn financing_note(amount: &str, share: &str, offset: &str, total: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Beløb {amount} × objektiv andel {share} − modregning {offset} = {total}, fordelt i \
             hele kroner efter største rest, så delene summer præcist."
        ),
        Lang::En => format!(
            "Amount {amount} × objective share {share} − offset {offset} = {total}, split in \
             whole kroner by largest remainder, so the parts add up exactly."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_window_in_both_languages() {
        assert_eq!(
            outside_window(Some("01-01-2028"), Lang::Da),
            "Indgivet uden for vinduet (januar–marts i lige år); anmodningen kan ikke \
             behandles. Næste mulighed: 01-01-2028."
        );
        assert_eq!(
            outside_window(None, Lang::En),
            "Filed outside the window (January–March of even years); the request cannot be \
             treated."
        );
    }
}
