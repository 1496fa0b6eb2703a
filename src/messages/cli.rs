//! Texts of the commands themselves (`src/cmd/`): usage errors, what a
//! command says on stderr, and the notes it adds to a report.

use crate::lang::Lang;

/// A percent setting of ramme.toml outside 0–100 (after the key's name).
pub fn percent_out_of_range(value: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("er {value} %; angiv en procent mellem 0 og 100, f.eks. 6"),
        Lang::En => format!("is {value} %; give a percent between 0 and 100, e.g. 6"),
    }
}

/// `-o` with an extension that names no format.
pub fn unknown_extension(path: &str, extensions: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{path} har ingen kendt endelse; brug en af {extensions} eller vælg formatet med \
             --format"
        ),
        Lang::En => format!(
            "{path} has no known extension; use one of {extensions} or choose the format with \
             --format"
        ),
    }
}

/// `--format` with a format the command does not write.
pub fn format_not_available(format: &str, available: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("formatet {format} kan ikke bruges her (mulige: {available})"),
        Lang::En => format!("the format {format} is not available here (available: {available})"),
    }
}

/// `--format xlsx` without `-o`.
pub fn xlsx_needs_file(lang: Lang) -> String {
    match lang {
        Lang::Da => "--format xlsx skal have en fil at skrive til: -o FIL.xlsx".into(),
        Lang::En => "--format xlsx needs a file to write to: -o FILE.xlsx".into(),
    }
}

/// What an exit status means, in the man pages' EXIT STATUS section.
pub fn exit_status_meaning(code: u8, lang: Lang) -> &'static str {
    match (code, lang) {
        (0, Lang::Da) => "inddata er gyldige (advarsler tilladt), og kommandoen gjorde sit arbejde",
        (0, Lang::En) => "the inputs are valid (warnings allowed) and the command did its work",
        (1, Lang::Da) => "inddata har fejl; rapporten er skrevet alligevel",
        (1, Lang::En) => "the inputs have errors; the report is still written",
        (_, Lang::Da) => "forkert brug, en konfigurationsfejl eller uddata, der ikke kunne skrives",
        (_, Lang::En) => "wrong use, a configuration error or an output that could not be written",
    }
}

/// `validate --annotate` given a file.
pub fn annotate_not_a_folder(dir: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("--annotate {dir} er en fil, ikke en mappe"),
        Lang::En => format!("--annotate {dir} is a file, not a folder"),
    }
}

/// `validate --annotate` given one of the input folders.
pub fn annotate_into_inputs(dir: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("--annotate {dir} er en af inddatamapperne; skriv rettelserne i en anden mappe")
        }
        Lang::En => format!(
            "--annotate {dir} is one of the input folders; write the corrections to another \
             folder"
        ),
    }
}

/// Two inputs whose correction files would have the same name.
pub fn annotate_same_name(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "to inddatafiler hedder {name}; deres rettelsesfiler ville overskrive hinanden (kør \
             dem hver for sig)"
        ),
        Lang::En => format!(
            "two inputs are named {name}; their correction files would overwrite each other (run \
             them separately)"
        ),
    }
}

/// A correction file that exists already, without `--force`.
pub fn annotate_exists(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{path} findes allerede; ramme overskriver ikke (brug --force for at overskrive)"
        ),
        Lang::En => {
            format!("{path} already exists; ramme does not overwrite it (use --force to overwrite)")
        }
    }
}

/// A file without findings gets no correction file, on stderr.
pub fn annotate_nothing(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Ingen fund i {path}: ingen rettelsesfil."),
        Lang::En => format!("No findings in {path}: no correction file."),
    }
}

/// The correction files written, on stderr.
pub fn annotate_written(xlsx: &str, txt: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Rettelser skrevet: {xlsx} og {txt}"),
        Lang::En => format!("Corrections written: {xlsx} and {txt}"),
    }
}

/// A new key written by `pseudonym --new-key`, on stderr.
pub fn pseudonym_key_written(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Ny nøgle skrevet til {path} (kun læsbar for ejeren). Gem den sikkert, og brug den \
             samme nøgle hvert år."
        ),
        Lang::En => format!(
            "New key written to {path} (readable by its owner only). Keep it safe and use the \
             same key every year."
        ),
    }
}

/// `pseudonym --new-key` with a key file that exists (the English text is
/// the library's `KeyError`).
pub fn key_exists(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("nøglefilen {path} findes allerede; ramme overskriver aldrig en nøgle"),
        Lang::En => format!("{path}: the key file already exists; ramme never overwrites a key"),
    }
}

/// `pseudonym --key` with a file that is not a key.
pub fn key_malformed(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{path} er ikke en ramme-nøgle (forventede 64 hexadecimale tegn)"),
        Lang::En => format!("{path}: not a ramme key (expected 64 hexadecimal characters)"),
    }
}

/// No random numbers for a new key.
pub fn no_random(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("ingen tilfældige tal fra styresystemet: {why}"),
        Lang::En => format!("no random numbers from the operating system: {why}"),
    }
}

/// No CPR column found by `pseudonym`, on stdout.
pub fn pseudonym_no_column(input: &str, column: &str, rows: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{input}: fandt ingen kolonne \"{column}\" i de første {rows} rækker; intet er \
             skrevet."
        ),
        Lang::En => format!(
            "{input}: found no column \"{column}\" in the first {rows} rows; nothing was \
             written."
        ),
    }
}

/// A value in the CPR column that is not a CPR number, in `pseudonym`'s
/// list of problems.
pub fn pseudonym_invalid_cpr(lang: Lang) -> String {
    match lang {
        Lang::Da => "værdien (******) er ikke et gyldigt CPR-nummer; personkoden er tom".into(),
        Lang::En => "the value (******) is not a valid CPR number; the person code is empty".into(),
    }
}

/// A CPR number outside the CPR column, masked as `mask`, in `pseudonym`'s
/// list of problems.
pub fn pseudonym_cpr_masked(mask: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("et CPR-nummer uden for kolonnen er maskeret ({mask})"),
        Lang::En => format!("a CPR number outside the column is masked ({mask})"),
    }
}

/// "fejl" or "advarsel", before each of `pseudonym`'s problems.
pub fn problem_word(error: bool, lang: Lang) -> &'static str {
    match (error, lang) {
        (true, Lang::Da) => "fejl",
        (true, Lang::En) => "error",
        (false, Lang::Da) => "advarsel",
        (false, Lang::En) => "warning",
    }
}

/// What `pseudonym` did, on stdout.
pub fn pseudonym_done(input: &str, coded: u64, output: &str, errors: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{input}: {coded} personkoder skrevet til {output}; {errors} ugyldige værdier. \
             CPR-kolonnen er ikke skrevet."
        ),
        Lang::En => format!(
            "{input}: {coded} person codes written to {output}; {errors} invalid values. The CPR \
             column was not written."
        ),
    }
}

/// `status --region` with a name that is not a region.
pub fn not_a_region(region: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("\"{region}\" er ikke en region (f.eks. Nordjylland, Region Sjælland)"),
        Lang::En => format!("\"{region}\" is not a region (e.g. Nordjylland, Region Sjælland)"),
    }
}

/// `status` without anyone expected to send.
pub fn status_no_senders(lang: Lang) -> String {
    match lang {
        Lang::Da => "status skal vide, hvem der skal indsende: --region NAVN, [samarbejde] region \
                     eller [[status.sender]] i ramme.toml"
            .into(),
        Lang::En => "status needs to know who should send: --region NAME, [samarbejde] region or \
                     [[status.sender]] in ramme.toml"
            .into(),
    }
}

/// `[status] deadline` that is not a date.
pub fn deadline_not_a_date(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("[status] deadline = \"{text}\" er ikke en dato (f.eks. 01-03-2017)"),
        Lang::En => format!("[status] deadline = \"{text}\" is not a date (e.g. 01-03-2017)"),
    }
}

/// Where the population figures come from, under a report that used a
/// StatBank export.
pub fn population_source(quarter: &str, band: &str, aggregate_rows: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Befolkning: Danmarks Statistik (FOLK1A), {quarter}, {band}; {aggregate_rows} rækker \
             for hele landet, regioner og landsdele er udeladt."
        ),
        Lang::En => format!(
            "Population: Statistics Denmark (FOLK1A), {quarter}, {band}; {aggregate_rows} rows \
             for the country, regions and provinces are left out."
        ),
    }
}

/// Areas of a StatBank export that are not kommuner, under a report.
pub fn population_unknown_areas(areas: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Befolkning: ukendte områder udeladt: {areas}."),
        Lang::En => format!("Population: unknown areas left out: {areas}."),
    }
}

/// `bilag` without any inputs: what to write in `[bilag]`, with an
/// example whose comments are filled in by the caller.
pub fn bilag_no_inputs(example: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "bilaget har ingen inddata. Skriv i [bilag], hvilke filer, mapper eller mønstre \
             (relativt til konfigurationsfilen) bilaget skal læse, fx:{example}"
        ),
        Lang::En => format!(
            "the annex has no inputs. Name in [bilag] the files, folders or patterns (relative to \
             the config file) the annex reads, e.g.:{example}"
        ),
    }
}

/// The comments of the example in `bilag_no_inputs`, one per input.
pub fn bilag_input_names(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Da => [
            "årets takstindberetninger",
            "sidste års takstindberetninger",
            "borgerlister, januar året før",
            "borgerlister, januar i år",
            "kriterievurderinger",
            "udmeldinger",
            "befolkningstal",
        ],
        Lang::En => [
            "this year's tariff reports",
            "last year's tariff reports",
            "citizen lists, January last year",
            "citizen lists, January this year",
            "criteria assessments",
            "withdrawals",
            "population figures",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotate_exists_in_both_languages() {
        assert_eq!(
            annotate_exists("ud/a-rettelser.txt", Lang::Da),
            "ud/a-rettelser.txt findes allerede; ramme overskriver ikke (brug --force for at \
             overskrive)"
        );
        assert_eq!(
            annotate_exists("out/a-rettelser.txt", Lang::En),
            "out/a-rettelser.txt already exists; ramme does not overwrite it (use --force to \
             overwrite)"
        );
    }
}
