//! Texts about a set of inputs as a whole: copies, keys repeated across
//! files, two years in one set, ramme's own outputs, nothing to read.

use crate::lang::Lang;

/// A file byte for byte the same as an earlier one.
pub fn duplicate_file(first: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Filen er en nøjagtig kopi af {first} og er lagt til side: den tælles ikke med."
        ),
        Lang::En => {
            format!("The file is an exact copy of {first} and is set aside: it is not counted.")
        }
    }
}

/// A key that already appeared in another file of the same year.
pub fn key_in_other_file(
    names: &str,
    file: &str,
    sheet: Option<&str>,
    row: u32,
    lang: Lang,
) -> String {
    match (lang, sheet) {
        (Lang::Da, Some(sheet)) => format!(
            "Rækken gentager {names} fra {file}, ark \"{sheet}\", række {row}; samme nøgle må kun \
             indberettes én gang om året, så rækken er udeladt. Er det en rettet udgave, så fjern \
             den gamle fil."
        ),
        (Lang::Da, None) => format!(
            "Rækken gentager {names} fra {file}, række {row}; samme nøgle må kun indberettes én \
             gang om året, så rækken er udeladt. Er det en rettet udgave, så fjern den gamle fil."
        ),
        (Lang::En, Some(sheet)) => format!(
            "The row repeats {names} from {file}, sheet \"{sheet}\", row {row}; a key may be \
             reported once a year, so the row is left out. If this is a corrected version, remove \
             the old file."
        ),
        (Lang::En, None) => format!(
            "The row repeats {names} from {file}, row {row}; a key may be reported once a year, \
             so the row is left out. If this is a corrected version, remove the old file."
        ),
    }
}

/// A file written by ramme itself, found among the inputs.
pub fn ramme_output(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen er lavet af ramme (en rapport eller et bilag) og læses ikke som en \
                     indberetning."
            .to_string(),
        Lang::En => "The file was made by ramme (a report or an annex) and is not read as a \
                     submission."
            .to_string(),
    }
}

/// The inputs hold no file to read.
pub fn no_files(inputs: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("fandt ingen filer i {inputs} (regneark eller CSV-filer)"),
        Lang::En => format!("found no files in {inputs} (spreadsheets or CSV files)"),
    }
}

/// A kind of submission in the plural, as a sentence says it.
pub fn kind_plural(schema: &str, lang: Lang) -> String {
    let (da, en) = match schema {
        "takstindberetning" => ("takstindberetninger", "tariff reports"),
        "borgerliste" => ("borgerlister", "citizen lists"),
        "kriterievurdering" => ("kriterievurderinger", "criteria assessments"),
        "udmelding" => ("udmeldinger", "withdrawal forms"),
        "befolkning" => ("befolkningstal", "population figures"),
        "regnskab" => ("regnskaber", "accounts"),
        other => (other, other),
    };
    match lang {
        Lang::Da => da.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The inputs hold no file of the kind an analysis needs.
pub fn no_files_of_kind(kind: &str, inputs: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Fandt ingen {kind} i {inputs}; analysen har intet at regne på."),
        Lang::En => format!("Found no {kind} in {inputs}; the analysis has nothing to work on."),
    }
}

/// One set of inputs holds files of two or more years.
pub fn two_years(years: &[(i32, Vec<String>)], flag: &str, lang: Lang) -> String {
    let list: Vec<String> = years
        .iter()
        .map(|(year, files)| format!("{year}: {}", files.join(", ")))
        .collect();
    match lang {
        Lang::Da => format!(
            "Inddata blander flere år ({}). Ét års tal må ikke blandes med et andet års: giv \
             sidste års filer med {flag}.",
            list.join("; ")
        ),
        Lang::En => format!(
            "The inputs mix several years ({}). One year's figures must not be mixed with \
             another's: give last year's files with {flag}.",
            list.join("; ")
        ),
    }
}

/// Two files report most of the same offers at other tariffs.
pub fn two_years_by_tariffs(a: &str, b: &str, flag: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{a} og {b} indberetter de fleste af de samme tilbud med forskellige takster: det ligner to års indberetninger. Ét års tal må ikke blandes med et andet års: giv sidste års filer med {flag}; er den ene en rettet udgave, så fjern den gamle fil."
        ),
        Lang::En => format!(
            "{a} and {b} report most of the same offers at different tariffs: they look like two years' reports. One year's figures must not be mixed with another's: give last year's files with {flag}; if one is a corrected version, remove the old file."
        ),
    }
}

/// A borgerliste's offer that no takstindberetning of the year has.
pub fn offer_not_reported(tilbudsnr: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Tilbudsnr \"{tilbudsnr}\" findes ikke i årets takstindberetninger; tjek nummeret, \
             eller om driftsherren mangler at indberette tilbuddet."
        ),
        Lang::En => format!(
            "Offer number \"{tilbudsnr}\" is not in the year's tariff reports; check the number, \
             or whether the operator has not reported the offer."
        ),
    }
}

/// A borgerliste's tariff that differs from the reported one.
pub fn tariff_differs(
    header: &str,
    listed: &str,
    reported: &str,
    tolerance: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Da => format!(
            "{header} {listed} afviger fra tilbuddets indberettede takst {reported} med mere end \
             {tolerance}; et spørgsmål om afregning."
        ),
        Lang::En => format!(
            "{header} {listed} differs from the offer's reported tariff {reported} by more than \
             {tolerance}; a billing question."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_years_text_has_single_spaces() {
        for lang in [Lang::Da, Lang::En] {
            let text = two_years_by_tariffs("a.csv", "b.csv", "--previous", lang);
            assert!(!text.contains("  "), "{text}");
            assert!(text.starts_with("a.csv"), "{text}");
        }
    }
}
