//! Texts of the validation engine: what is wrong with a file, a header, a
//! cell or a row. Callers pass masked text (values, sheet and column names);
//! the engine's CPR guard masks every finding once more before it is kept.

use crate::lang::Lang;
use crate::numfmt;
use crate::schema::FieldType;
use rust_decimal::Decimal;

fn n(v: u64, lang: Lang) -> String {
    numfmt::number(Decimal::from(v), 0, lang)
}

/// "A, B og C".
pub fn join_and(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Da => "og",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

// ---- files that are not read -------------------------------------------

pub fn not_regular_file(lang: Lang) -> String {
    match lang {
        Lang::Da => "Det er ikke en almindelig fil (men fx en mappe, en navngiven pipe eller en enhed), så den læses ikke.".into(),
        Lang::En => "It is not a regular file (but a folder, a named pipe or a device, say), so it is not read.".into(),
    }
}

pub fn file_too_large(size_mb: u64, limit_mb: u64, lang: Lang) -> String {
    let (size, limit) = (n(size_mb, lang), n(limit_mb, lang));
    match lang {
        Lang::Da => format!("Filen fylder {size} MiB, mere end grænsen på {limit} MiB (max_file_mb i [validate]), og læses ikke."),
        Lang::En => format!("The file is {size} MiB, more than the limit of {limit} MiB (max_file_mb in [validate]), and is not read."),
    }
}

pub fn too_many_columns(line: u32, limit: u64, lang: Lang) -> String {
    let limit = n(limit, lang);
    match lang {
        Lang::Da => format!("Linje {line} har mere end {limit} kolonner (Excels grænse); filen læses ikke videre."),
        Lang::En => format!("Line {line} has more than {limit} columns (Excel's limit); the file is not read further."),
    }
}

pub fn record_too_long(line: u32, limit_mb: u64, lang: Lang) -> String {
    let limit = n(limit_mb, lang);
    match lang {
        Lang::Da => format!("Linje {line} er længere end {limit} MiB; filen læses ikke videre."),
        Lang::En => {
            format!("Line {line} is longer than {limit} MiB; the file is not read further.")
        }
    }
}

pub fn memory_limit(limit_mb: u64, lang: Lang) -> String {
    let limit = n(limit_mb, lang);
    match lang {
        Lang::Da => format!("Filen kræver mere end {limit} MiB hukommelse at læse (max_memory_mb i [validate]); den påstår sandsynligvis et enormt ark. Åbn den i Excel og gem den igen."),
        Lang::En => format!("Reading the file needs more than {limit} MiB of memory (max_memory_mb in [validate]); it probably claims a huge sheet. Open it in Excel and save it again."),
    }
}

pub fn time_limit(seconds: u64, lang: Lang) -> String {
    let seconds = n(seconds, lang);
    match lang {
        Lang::Da => format!("Filen kunne ikke læses på {seconds} sekunder (max_read_seconds i [validate]); den er for stor eller beskadiget."),
        Lang::En => format!("The file could not be read in {seconds} seconds (max_read_seconds in [validate]); it is too large or damaged."),
    }
}

pub fn lock_file(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen er en låsefil fra Excel: regnearket er åbent i Excel — luk det og send den gemte version. Låsefilen er sprunget over.".into(),
        Lang::En => "The file is an Excel lock file: the workbook is open in Excel — close it and send the saved version. The lock file is skipped.".into(),
    }
}

pub fn document_skipped(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen er et dokument, ikke et regneark; den er sprunget over.".into(),
        Lang::En => "The file is a document, not a spreadsheet; it is skipped.".into(),
    }
}

/// `reason` is `messages::io_text` in the same language.
pub fn cannot_open(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Filen kan ikke åbnes: {reason}."),
        Lang::En => format!("The file cannot be opened: {reason}."),
    }
}

pub fn empty_file(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen er tom.".into(),
        Lang::En => "The file is empty.".into(),
    }
}

pub fn encrypted(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen er beskyttet med adgangskode eller krypteret; gem den uden adgangskode og send den igen.".into(),
        Lang::En => "The file is password protected or encrypted; save it without a password and send it again.".into(),
    }
}

pub fn not_spreadsheet(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen er hverken et regneark eller en CSV-fil.".into(),
        Lang::En => "The file is neither a spreadsheet nor a CSV file.".into(),
    }
}

/// A file the reading library gave up on; `detail` is its (masked) words.
pub fn damaged(format: &str, detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Filen kan ikke læses: {}. Åbn den i Excel, gem den igen og send den igen.",
            damage_in_words(format, detail)
        ),
        Lang::En => format!("The file is damaged and cannot be read as {format} ({detail})."),
    }
}

/// What a reading library's complaint means for the user, in Danish ("Could
/// not find EOCD" is a zip archive cut short).
fn damage_in_words(format: &str, detail: &str) -> String {
    let d = detail.to_lowercase();
    let excel = if format.contains("ods") && !format.contains("xlsx") {
        "OpenDocument-fil"
    } else {
        "Excel-fil"
    };
    if d.contains("eocd") || d.contains("zip") {
        format!("filen er ikke en gyldig {excel} (zip-arkivet er ufuldstændigt eller beskadiget, måske afkortet under overførslen)")
    } else if d.contains("xml") {
        format!("indholdet af {excel}en er beskadiget")
    } else if d.contains("cfb") || d.contains("ole") || d.contains("biff") || format.contains("xls")
    {
        "filen er en beskadiget Excel-fil".to_string()
    } else {
        format!("filen er beskadiget ({detail})")
    }
}

/// A file of a kind ramme does not read; `what` is the reader's English name.
pub fn unsupported(what: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let kind = if what.contains("HTML") {
                "en HTML-side (nogle systemer gemmer webtabeller med endelsen .xls)"
            } else if what.contains("2003") {
                "et Excel 2003 XML-regneark"
            } else {
                "en XML-fil"
            };
            format!("Filen er {kind}, ikke et regneark, ramme kan læse; åbn den i Excel og gem den som .xlsx eller CSV.")
        }
        Lang::En => format!("The file is {what}."),
    }
}

/// `there` lists the file's sheets, quoted and joined.
pub fn no_such_sheet(name: &str, there: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Arket \"{name}\" findes ikke i filen; arkene er {there}."),
        Lang::En => {
            format!("The sheet \"{name}\" does not exist in the file; its sheets are {there}.")
        }
    }
}

pub fn utf8_bom_lossy(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen begynder som UTF-8 (med BOM), men indeholder tegn, der ikke er UTF-8; de er læst som \u{FFFD}. Gem filen igen som \"CSV UTF-8\".".into(),
        Lang::En => "The file starts as UTF-8 (with a BOM) but holds bytes that are not UTF-8; they were read as \u{FFFD}. Save the file again as \"CSV UTF-8\".".into(),
    }
}

// ---- CPR numbers ---------------------------------------------------------

pub fn path_has_cpr(lang: Lang) -> String {
    let mask = crate::cpr::MASK;
    match lang {
        Lang::Da => format!("Filens eller mappens navn ser ud til at indeholde et CPR-nummer (vist som {mask}). Omdøb filen; CPR-numre må aldrig indsendes."),
        Lang::En => format!("The name of the file or its folder appears to hold a CPR number (shown as {mask}). Rename the file; CPR numbers must never be submitted."),
    }
}

pub fn sheet_name_has_cpr(lang: Lang) -> String {
    let mask = crate::cpr::MASK;
    match lang {
        Lang::Da => format!("Arkets navn ser ud til at indeholde et CPR-nummer (vist som {mask}). Omdøb arket; CPR-numre må aldrig indsendes."),
        Lang::En => format!("The sheet's name appears to hold a CPR number (shown as {mask}). Rename the sheet; CPR numbers must never be submitted."),
    }
}

/// A cell with a CPR-shaped value; `column` its header as written.
pub fn cell_has_cpr(column: Option<&str>, lang: Lang) -> String {
    let mask = crate::cpr::MASK;
    match lang {
        Lang::Da => {
            let prefix = match column {
                Some(c) => format!("{c}: cellen"),
                None => "Cellen".to_string(),
            };
            format!("{prefix} ser ud til at indeholde et CPR-nummer ({mask}). CPR-numre må aldrig indsendes; brug pseudonyme personkoder (ramme pseudonym).")
        }
        Lang::En => {
            let prefix = match column {
                Some(c) => format!("{c}: the cell"),
                None => "The cell".to_string(),
            };
            format!("{prefix} appears to hold a CPR number ({mask}). CPR numbers must never be submitted; use pseudonymous person codes (ramme pseudonym).")
        }
    }
}

// ---- the header row --------------------------------------------------------

/// " Nærmest kommer række 3 som en borgerliste, men den mangler …" (with the
/// leading space: it follows another sentence). `title` is the schema's
/// title in `lang`; `missing` the quoted headers.
pub fn near_miss(row: u32, title: &str, missing: &[String], lang: Lang) -> String {
    let title = title.to_lowercase();
    let missing = join_and(missing, lang);
    match lang {
        Lang::Da => {
            format!(
                " Nærmest kommer række {row} som {title}, men den mangler kolonnerne {missing}."
            )
        }
        Lang::En => {
            format!(" Closest is row {row} as a {title}, but it lacks the columns {missing}.")
        }
    }
}

pub fn missing_column(header: &str, aliases: &[String], row: u32, lang: Lang) -> String {
    let aliases = aliases.join(", ");
    match lang {
        Lang::Da => {
            let aliases = match aliases.is_empty() {
                true => String::new(),
                false => format!(" (eller {aliases})"),
            };
            format!("Kolonnen \"{header}\"{aliases} mangler i overskriftsrækken (række {row}).")
        }
        Lang::En => {
            let aliases = match aliases.is_empty() {
                true => String::new(),
                false => format!(" (or {aliases})"),
            };
            format!("The column \"{header}\"{aliases} is missing from the header row (row {row}).")
        }
    }
}

/// `first` is the A1 reference of the first such header.
pub fn duplicate_column(header: &str, first: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("Kolonnen \"{header}\" står to gange (også i {first}); kun den første læses.")
        }
        Lang::En => format!(
            "The column \"{header}\" appears twice (also in {first}); only the first is read."
        ),
    }
}

/// `title` is the schema's title in `lang`.
pub fn unknown_column(text: &str, title: &str, lang: Lang) -> String {
    let title = title.to_lowercase();
    match lang {
        Lang::Da => format!("Kolonnen \"{text}\" kendes ikke i en {title} og bliver ikke læst."),
        Lang::En => format!("The column \"{text}\" is not part of a {title} and is not read."),
    }
}

pub fn unheaded_column(letters: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Kolonne {letters} har værdier (første gang her) men ingen overskrift; de bliver ikke læst."
        ),
        Lang::En => {
            format!("Column {letters} has values (first here) but no header; they are not read.")
        }
    }
}

// ---- rows ------------------------------------------------------------------

pub fn must_be_filled(header: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{header} skal udfyldes."),
        Lang::En => format!("{header} must be filled in."),
    }
}

pub fn must_be_yes_no(header: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{header} skal udfyldes med ja eller nej."),
        Lang::En => format!("{header} must be filled in with yes or no."),
    }
}

/// A unique field's value seen before; `shown` is masked.
pub fn repeated_value(label: &str, shown: &str, first: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{label} \"{shown}\" står også i række {first}; hver værdi må kun forekomme én gang."
        ),
        Lang::En => format!(
            "{label} \"{shown}\" also appears in row {first}; each value may occur only once."
        ),
    }
}

/// A row whose key was seen before; `names` and `shown` joined, masked.
pub fn repeated_key(first: u32, names: &str, shown: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Rækken gentager række {first}: samme {names} ({shown})."),
        Lang::En => format!("The row repeats row {first}: same {names} ({shown})."),
    }
}

pub fn header_without_rows(is_sheet: bool, lang: Lang) -> String {
    match (lang, is_sheet) {
        (Lang::Da, true) => "Arket har en overskriftsrække men ingen datarækker.".into(),
        (Lang::Da, false) => "Filen har en overskriftsrække men ingen datarækker.".into(),
        (Lang::En, true) => "The sheet has a header row but no data rows.".into(),
        (Lang::En, false) => "The file has a header row but no data rows.".into(),
    }
}

// ---- files no schema fits ------------------------------------------------

pub fn plain_text_file(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen er almindelig tekst, ikke en tabel; den er sprunget over.".into(),
        Lang::En => "The file is plain text, not a table; it is skipped.".into(),
    }
}

pub fn no_data(lang: Lang) -> String {
    match lang {
        Lang::Da => "Filen indeholder ingen data.".into(),
        Lang::En => "The file holds no data.".into(),
    }
}

/// `--schema` named a schema whose header was not found; `near` from
/// [`near_miss`] or empty.
pub fn no_header_of(schema: &str, rows: u32, near: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Fandt ingen overskriftsrække med kolonnerne i en {schema} i de første {rows} rækker.{near}"),
        Lang::En => format!("Found no header row with the columns of a {schema} in the first {rows} rows.{near}"),
    }
}

/// No schema's header found; `near` from [`near_miss`] or empty.
pub fn not_recognised(rows: u32, near: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Filtypen kan ikke genkendes: ingen af de første {rows} rækker ligner overskrifterne i en takstindberetning, borgerliste, kriterievurdering, udmelding eller befolkningsfil.{near} Vælg skemaet med --schema, hvis filen er en af dem."
        ),
        Lang::En => format!(
            "The kind of file is not recognised: none of the first {rows} rows looks like the header of a takstindberetning, borgerliste, kriterievurdering, udmelding or befolkning file.{near} Choose the schema with --schema if the file is one of them."
        ),
    }
}

pub fn sheet_not_validated(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Arket \"{name}\" ligner ikke en indberetning og er ikke valideret (kun tjekket for CPR-numre)."),
        Lang::En => format!("The sheet \"{name}\" does not look like a submission and was not validated (only checked for CPR numbers)."),
    }
}

// ---- cells -----------------------------------------------------------------

/// How a boolean cell is shown in a message ("SAND").
pub fn bool_cell(b: bool, lang: Lang) -> &'static str {
    match (lang, b) {
        (Lang::Da, true) => "SAND",
        (Lang::Da, false) => "FALSK",
        (Lang::En, true) => "TRUE",
        (Lang::En, false) => "FALSE",
    }
}

/// The detail after "Header: " (the caller adds the field and the stop).
pub fn excel_error(error: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("cellen indeholder Excel-fejlen {error}"),
        Lang::En => format!("the cell holds the Excel error {error}"),
    }
}

/// `shown` is the cell as [`crate::validate::cell::show`] gives it.
pub fn not_a_choice(shown: &str, choices: &[String], lang: Lang) -> String {
    let choices = choices.join(", ");
    match lang {
        Lang::Da => format!("{shown} er ikke en af de tilladte værdier: {choices}"),
        Lang::En => format!("{shown} is not one of the allowed values: {choices}"),
    }
}

pub fn wrong_kind(shown: &str, kind: FieldType, lang: Lang) -> String {
    let kind = kind_name(kind, lang);
    match lang {
        Lang::Da => format!("{shown} er ikke {kind}"),
        Lang::En => format!("{shown} is not {kind}"),
    }
}

pub fn region_not_kommune(shown: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{shown} er en region; her skal stå en kommune"),
        Lang::En => format!("{shown} is a region; a kommune is required here"),
    }
}

/// `expected` is the value error's words.
pub fn unknown_reference(shown: &str, expected: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{shown} findes ikke; forventede {expected}"),
        Lang::En => format!("{shown} is not known; expected {expected}"),
    }
}

/// `expected` is the value error's words.
pub fn unreadable(shown: &str, expected: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{shown} kan ikke læses; forventede {expected}"),
        Lang::En => format!("{shown} cannot be read; expected {expected}"),
    }
}

/// A number at or beyond `values::MAX_MAGNITUDE`.
pub fn too_large(shown: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{shown} er for stort: et tal i en indberetning er under 1.000.000.000.000 (en billion)"
        ),
        Lang::En => format!(
            "{shown} is too large: a number in a submission is below 1,000,000,000,000 (a trillion)"
        ),
    }
}

/// `value` and `bound` formatted alike.
pub fn not_greater_than(value: &str, bound: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{value} skal være større end {bound}"),
        Lang::En => format!("{value} must be greater than {bound}"),
    }
}

pub fn less_than_min(value: &str, bound: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{value} må ikke være mindre end {bound}"),
        Lang::En => format!("{value} must not be less than {bound}"),
    }
}

pub fn not_less_than(value: &str, bound: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{value} skal være mindre end {bound}"),
        Lang::En => format!("{value} must be less than {bound}"),
    }
}

pub fn more_than_max(value: &str, bound: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{value} må højst være {bound}"),
        Lang::En => format!("{value} must be at most {bound}"),
    }
}

pub fn too_long(shown: &str, len: usize, max: usize, lang: Lang) -> String {
    let len = n(len as u64, lang);
    let max = n(max as u64, lang);
    match lang {
        Lang::Da => format!("{shown} er {len} tegn lang; højst {max} tegn er tilladt"),
        Lang::En => format!("{shown} is {len} characters long; at most {max} are allowed"),
    }
}

/// What a field of this type holds, for "… is not a date".
pub fn kind_name(kind: FieldType, lang: Lang) -> &'static str {
    let (da, en) = match kind {
        FieldType::Text => ("en tekst", "a text"),
        FieldType::Integer | FieldType::Year => ("et helt tal", "a whole number"),
        FieldType::Number => ("et tal", "a number"),
        FieldType::Money => ("et beløb i kroner", "an amount in kroner"),
        FieldType::Percent => ("en procentsats", "a percentage"),
        FieldType::Date => ("en dato", "a date"),
        FieldType::Boolean => ("ja eller nej", "yes or no"),
        FieldType::Kommune => ("en kommune", "a kommune"),
        FieldType::Driftsherre => ("en kommune eller region", "a kommune or region"),
        FieldType::Paragraf => ("en paragraf", "a paragraph"),
        FieldType::Maalgruppe => ("en målgruppe", "a target group"),
        FieldType::Tilbudsnr => (
            "et tilbudsnummer (kun cifre)",
            "an offer number (digits only)",
        ),
        FieldType::Personkode => ("en personkode", "a person code"),
        FieldType::Choice => ("en af de tilladte værdier", "one of the allowed values"),
    };
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}
