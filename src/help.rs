//! The command line in the user's language: clap's help, usage and error
//! texts in Danish (headings, "[mulige værdier: …]", our own -h/-V with
//! Danish help), and in English with `--lang en`, which is read from the
//! arguments (or the config's `lang`) before clap builds the command.

use crate::cli::Cli;
use crate::lang::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// `--lang` from the arguments, else `lang` of the config file (`--config
/// FILE` or ramme.toml here), else Danish.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut config = None;
    let mut it = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        let value = |name: &str, it: &mut dyn Iterator<Item = String>| -> Option<String> {
            if arg == name {
                it.next()
            } else {
                arg.strip_prefix(&format!("{name}=")).map(str::to_string)
            }
        };
        if let Some(v) = value("--lang", &mut it) {
            return if v.eq_ignore_ascii_case("en") {
                Lang::En
            } else {
                Lang::Da
            };
        }
        if let Some(v) = value("--config", &mut it) {
            config = Some(std::path::PathBuf::from(v));
        }
    }
    crate::config::Config::load(config.as_deref())
        .ok()
        .and_then(|c| c.lang)
        .unwrap_or_default()
}

/// English help for an argument of a subcommand (`""` for the global
/// ones); the Danish is in the doc comments of `cli`.
fn english_arg(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        (_, "config") => "Config file (default: ramme.toml in the working folder, if there is one)",
        (_, "lang") => "Language of messages and labels",
        (_, "schema_dir") => "Folder of schema files that replace the built-in ones",
        (_, "quiet") => "Say nothing on standard error about the files written",
        (_, "color") => "Colour in the terminal: auto (when it is a terminal), always or never",
        (_, "help") => "Print help",
        (_, "version") => "Print the version",
        ("bilag", "format") => "Output format: xlsx (default) or md",
        ("bilag", "output") => "Where the annex is written (.xlsx, or .md)",
        (_, "format") => "Output format (default: text, or from the extension of --output)",
        ("init", "output") => "Where the configuration is written (default ramme.toml)",
        ("manpage", "output") => "Folder the man pages are written to, one file per command (default: the main page on standard output)",
        ("skabelon", "output") => "Where the template is written (.xlsx)",
        ("pseudonym", "output") => "Where the list with person codes is written (.csv or .xlsx)",
        (_, "output") => "Write to this file instead of standard output",
        ("validate", "inputs") => "Files or folders (a folder means every spreadsheet and CSV file directly in it)",
        ("validate", "schema") => "Use this schema instead of recognising it from the headers",
        ("validate", "sheet") => "Read only this sheet of Excel files",
        ("validate", "max_findings") => "At most this many findings per file in the report (0 = all); the counts are always complete",
        ("tilbud" | "takst" | "takstanalyse", "inputs") => "This year's tariff reports (files or folders)",
        ("tilbud", "previous") => "Last year's tariff reports, to find vanished and unannounced offers",
        (_, "previous") => "Last year's tariff reports (else the column \"Takst forrige år\" is used)",
        ("takst", "pl") => "The price and wage index change in percent, e.g. 1.6 (default 0)",
        (_, "pl") => "The price and wage index change in percent, e.g. 1.6 (gives the real change and Within P/L)",
        (_, "required") => "Required real tariff reduction in percent, e.g. 1 (default 0)",
        (_, "years") => "Several years of tariff reports, one folder (or file) per year, oldest first, e.g. --years 2016 2017 2018; or one folder with a folder per year",
        (_, "target") => "With --years: target for the real change over the years in percent (fixed prices of the first year)",
        (_, "before") => "Citizen lists for January of year 1 (files or folders)",
        (_, "after") => "Citizen lists for January of year 2 (files or folders)",
        (_, "target_total") => "Target for the total change in percent (default -2)",
        (_, "target_takst") => "Target for the tariff effect in percent (default -1)",
        (_, "target_visitation") => "Target for the visitation effect in percent (default -1)",
        (_, "detail") => "Write the comparison per citizen and offer to this file (.csv or .xlsx; person codes only)",
        ("regulering", "regnskab") => "Accounts of year N (files or folders)",
        ("regulering", "takster") => "Tariff reports of year N+2 with the column Regulering (files or folders)",
        ("regulering", "overskud_graense") => "The share of the cost basis in percent that may be carried (default 5)",
        ("regulering", "tolerance") => "Tolerance of the regulation in percent of the amount (default 1)",
        ("kriterier", "inputs") => "The expert panel's criteria assessments (files or folders)",
        (_, "population") => "Population figures (a befolkning file) for the A1 indicator",
        (_, "indicator_per") => "Inhabitants per case a year in the A1 indicator (default 40,000)",
        ("udmelding", "inputs") => "Withdrawal forms (files or folders)",
        (_, "covered") => "Offers in the strengthened cooperation: tariff reports and/or criteria assessments",
        (_, "period_start") => "First year of the first two-year agreement period (default 2018)",
        ("finansiering", "inputs") => "The key: a befolkning file (Kommune, Befolkning)",
        (_, "amount") => "The amount to split, in kroner",
        (_, "offset") => "An offset, e.g. a surplus that is used (subtracted first)",
        (_, "share") => "The objective share of the amount in percent (default 100), e.g. 60",
        (_, "key") => "The kommune's key file",
        (_, "new_key") => "Make a new key file (readable by its owner only; never overwrites)",
        (_, "column") => "The column with CPR numbers, e.g. CPR",
        (_, "input") => "The citizen list with CPR numbers (CSV or spreadsheet)",
        (_, "name") => "The submission type: takstindberetning, borgerliste, kriterievurdering, udmelding, befolkning or regnskab",
        (_, "shell") => "The shell",
        ("validate", "annotate") => "Write to this folder a marked copy of each file with findings (<name>-rettelser.xlsx) and a letter to its sender (.txt)",
        ("validate", "force") => "Overwrite correction files that already exist in the --annotate folder",
        ("udgift", "takster") => "This year's tariff reports: split the tariff effect into a price effect and a level effect",
        (_, "takster_previous") => "Last year's tariff reports (else the column Takst forrige år is used)",
        ("forbrug", "borgere") => "Citizen lists for January (files or folders)",
        ("forbrug", "takster") => "This year's tariff reports (files or folders)",
        ("forbrug", "befolkning") => "Population for the user rates: a befolkning file or a FOLK1A export from Statistics Denmark",
        ("finansiering", "alder") => "Age band when the key is a FOLK1A export: 0-17, 18-64 or 18+ (default: all ages)",
        (_, "alder") => "Age band in the FOLK1A file, e.g. 0-17, 18-64 or 18+ (default: all ages)",
        ("finansiering", "kvartal") => "Quarter of the FOLK1A export, e.g. 2017K1 (default: the latest)",
        (_, "kvartal") => "Quarter of the FOLK1A file, e.g. 2017K1 (default: the latest)",
        (_, "faa_kommuner") => "Fewer paying kommuner than this gives the mark \"few kommuner\" (default 3)",
        (_, "belaegning_advarsel") => "Occupancy in percent of the budget below which an offer in the strengthened cooperation is flagged (default 85)",
        ("status", "inputs") => "This year's submitted files (files or folders)",
        (_, "region") => "The region whose kommuner must submit (default: [samarbejde] region in ramme.toml)",
        (_, "deadline") => "The deadline; files modified later are marked late (default: [status] deadline)",
        _ => return None,
    })
}

/// The English form of a Danish value name (`<FIL>` → `<FILE>`).
fn english_value_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "FIL" => "FILE",
        "MAPPE" => "DIR",
        "NAVN" => "NAME",
        "ARK" => "SHEET",
        "NÅR" => "WHEN",
        "DATO" => "DATE",
        "KOLONNE" => "COLUMN",
        "ÅR" => "YEAR",
        "ÅRKn" => "YEARQn",
        _ => return None,
    })
}

fn english_about(command: &str) -> Option<&'static str> {
    Some(match command {
        "ramme" => "Checks and analyses the spreadsheets of the rammeaftaler: tariff reports, citizen lists and forms.",
        "validate" => "Check submitted files against the schemas and find errors cell by cell",
        "tilbud" => "Offers in and out of the rammeaftale (new, leaving, vanished)",
        "takst" => "The tariff-reduction check: volume-weighted tariff change against the allowed change",
        "takstanalyse" => "Tariff analysis by target group and paragraph: average tariffs, change and P/L",
        "udgift" => "Expenditure monitoring between two Januaries: tariff effect and visitation effect",
        "regulering" => "Surplus/deficit: year N's accounts against the regulation in year N+2's tariff reports",
        "kriterier" => "The strengthened cooperation: criteria A, B and C for each assessed offer",
        "udmelding" => "Withdrawals from the strengthened cooperation: window, effective date, nødspor and annual cycle",
        "finansiering" => "Objective financing: split an amount by population in whole kroner",
        "pseudonym" => "Replace a CPR column by pseudonymous person codes (HMAC with the kommune's key)",
        "bilag" => "The year's whole annex for DAS in one workbook (or Markdown for the agenda)",
        "skabelon" => "A blank template (xlsx) for the kommuner for a submission type",
        "init" => "Write a commented ramme.toml to start from",
        "completions" => "Write shell completion (bash, zsh, fish, powershell, elvish)",
        "manpage" => "Write the man pages (roff)",
        "status" => "Who has sent what: submissions by sender and type against the deadline, and whom to chase",
        "forbrug" => "Use of offers: paying kommuner, own citizens' share, occupancy against the budget and user rates",
        _ => return None,
    })
}

const LONG_ABOUT_EN: &str = "ramme checks the spreadsheets the kommuner send to the rammeaftale \
secretariat (tariff reports, citizen lists, criteria assessments, withdrawals, population \
figures) and makes the tables for the steering group.\n\n\
Exit codes: 0 = the inputs are valid (warnings allowed), 1 = the inputs have errors (the report \
is still written), 2 = wrong use, a configuration error or an output that could not be written.";

/// The headings and the help template of one command in `lang`.
fn localize(cmd: Command, lang: Lang, root: bool) -> Command {
    let name = if root {
        "ramme".to_string()
    } else {
        cmd.get_name().to_string()
    };
    let options = lang.pick("Tilvalg", "Options");
    let arguments = lang.pick("Argumenter", "Arguments");
    let common = lang.pick("Fælles tilvalg", "Common options");
    let ids: Vec<(String, bool, bool, Vec<String>)> = cmd
        .get_arguments()
        .map(|a| {
            (
                a.get_id().to_string(),
                a.is_positional(),
                a.is_global_set(),
                if a.get_action().takes_values() {
                    a.get_possible_values()
                        .iter()
                        .filter(|v| !v.is_hide_set())
                        .map(|v| v.get_name().to_string())
                        .collect()
                } else {
                    Vec::new()
                },
            )
        })
        .collect();
    let mut cmd = cmd
        .disable_help_flag(true)
        .help_template(lang.pick(
            "{about-with-newline}\nBrug: {usage}\n\n{all-args}{after-help}",
            "{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}",
        ))
        .subcommand_help_heading(lang.pick("Kommandoer", "Commands"))
        .subcommand_value_name(lang.pick("KOMMANDO", "COMMAND"));
    for (id, positional, global, values) in ids {
        let english = english_arg(&name, &id);
        // The options every command takes come last, under their own heading.
        let heading = match (positional, global) {
            (true, _) => arguments,
            (false, true) => common,
            (false, false) => options,
        };
        cmd = cmd.mut_arg(&id, |a| {
            let mut a = a.help_heading(heading);
            if lang == Lang::En {
                if let Some(text) = english {
                    a = a.help(text);
                }
                let names: Vec<&'static str> = a
                    .get_value_names()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|n| english_value_name(n.as_str()))
                    .collect();
                if !names.is_empty() {
                    a = a.value_names(names);
                }
            }
            if !values.is_empty() {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                a = a.hide_possible_values(true).help(format!(
                    "{help} [{}: {}]",
                    lang.pick("mulige værdier", "possible values"),
                    values.join(", ")
                ));
            }
            a
        });
    }
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(lang.pick("Vis hjælp", "Print help"))
            .help_heading(options),
    );
    if lang == Lang::En {
        if let Some(about) = english_about(&name) {
            cmd = cmd.about(about);
        }
        if root {
            cmd = cmd.long_about(LONG_ABOUT_EN);
        }
    }
    if root {
        cmd = cmd
            .disable_version_flag(true)
            .disable_help_subcommand(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(lang.pick("Vis versionen", "Print the version"))
                    .help_heading(options),
            );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in names {
        cmd = cmd.mut_subcommand(&sub, |s| localize(s, lang, false));
    }
    cmd
}

/// The whole command line in `lang`.
pub fn command(lang: Lang) -> Command {
    localize(Cli::command(), lang, true)
}

/// Words clap writes itself, inside usage lines.
fn danish_words(text: &str) -> String {
    text.replace("[OPTIONS]", "[TILVALG]")
        .replace("<COMMAND>", "<KOMMANDO>")
        .replace("Usage:", "Brug:")
}

/// Parses the arguments; on help or version prints them and exits 0, on a
/// usage error prints it in the user's language and exits 2.
pub fn parse(args: Vec<OsString>) -> Result<(Cli, Lang), i32> {
    let lang = lang_of(&args);
    crate::lang::set_current(lang);
    let mut cmd = command(lang);
    let result = cmd
        .try_get_matches_from_mut(args.clone())
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => Ok((cli, lang)),
        Err(e) => Err(report(&mut cmd, &e, &args, lang)),
    }
}

fn write_out(text: &str) {
    use std::io::Write;
    // A closed pipe (`ramme --help | head`) is not an error.
    let _ = std::io::stdout().write_all(text.as_bytes());
}

fn write_err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Prints a clap error (or help) and returns the exit code.
fn report(cmd: &mut Command, e: &clap::Error, args: &[OsString], lang: Lang) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut text = e.render().to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            write_out(&lang.pick(danish_words(&text), text.clone()));
            return 0;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = e.render().to_string();
            write_err(&lang.pick(danish_words(&text), text.clone()));
            return 2;
        }
        _ => {}
    }
    if lang == Lang::En {
        write_err(&e.render().to_string());
        return 2;
    }
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let mut message = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            if value.is_empty() {
                format!("{arg} skal have en værdi")
            } else if valid.is_empty() {
                format!("ugyldig værdi '{value}' til {arg}")
            } else {
                format!("ugyldig værdi '{value}' til {arg}; mulige værdier: {valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("ugyldig værdi '{value}' til {arg}: {why}")
        }
        ErrorKind::UnknownArgument => format!("ukendt tilvalg '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "ukendt kommando '{}'",
                context(e, ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("mangler {arg}"),
        ErrorKind::MissingSubcommand => "mangler en kommando".to_string(),
        ErrorKind::ArgumentConflict => format!(
            "{arg} kan ikke bruges sammen med {}",
            context(e, ContextKind::PriorArg)
        ),
        ErrorKind::NoEquals => format!("{arg} skal skrives med '=' og en værdi"),
        ErrorKind::TooManyValues => format!("for mange værdier til {arg}: '{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("forkert antal værdier til {arg}")
        }
        ErrorKind::InvalidUtf8 => "et argument er ikke gyldig UTF-8".to_string(),
        _ => "kommandolinjen kan ikke læses".to_string(),
    };
    let suggestions = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.join("' eller '"),
        _ => context(e, kind),
    };
    let suggested = suggestions(ContextKind::SuggestedArg);
    let suggested_sub = suggestions(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        message.push_str(&format!("\n\n  tip: mente du '{suggested}'?"));
    } else if !suggested_sub.is_empty() {
        message.push_str(&format!("\n\n  tip: mente du '{suggested_sub}'?"));
    } else if e.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') {
        message.push_str(&format!(
            "\n\n  tip: skriv '-- {arg}' for at bruge '{arg}' som en værdi"
        ));
    }
    // The usage of the subcommand named in the arguments, if any.
    cmd.build();
    let sub = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .find(|a| cmd.find_subcommand(a).is_some());
    let usage = match sub.as_deref().and_then(|s| cmd.find_subcommand_mut(s)) {
        Some(s) => s.render_usage().to_string(),
        None => cmd.render_usage().to_string(),
    };
    let help = match &sub {
        Some(s) => format!("ramme {s} --help"),
        None => "ramme --help".to_string(),
    };
    write_err(&format!(
        "fejl: {message}\n\n{}\n\nSe mere med '{help}'.\n",
        danish_words(&usage)
    ));
    2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_is_read_before_clap() {
        assert_eq!(
            lang_of(&args(&["ramme", "--lang", "en", "takst"])),
            Lang::En
        );
        assert_eq!(lang_of(&args(&["ramme", "takst", "--lang=en"])), Lang::En);
        assert_eq!(lang_of(&args(&["ramme", "--lang", "da"])), Lang::Da);
        assert_eq!(lang_of(&args(&["ramme", "--", "--lang", "en"])), Lang::Da);
    }

    /// Every argument and every command has its English help: none falls
    /// back to the Danish doc comment under `--lang en`.
    #[test]
    fn every_argument_and_command_has_english_help() {
        let root = crate::cli::Cli::command();
        let mut missing = Vec::new();
        let mut commands: Vec<&clap::Command> = vec![&root];
        commands.extend(root.get_subcommands());
        for cmd in commands {
            let name = if std::ptr::eq(cmd, &root) {
                "ramme"
            } else {
                cmd.get_name()
            };
            if english_about(name).is_none() {
                missing.push(format!("{name}: about"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.get_help().is_some() && english_arg(name, id).is_none() {
                    missing.push(format!(
                        "{name} {id}: {}",
                        arg.get_help().map(|h| h.to_string()).unwrap_or_default()
                    ));
                }
                for value in arg.get_value_names().unwrap_or_default() {
                    let v = value.as_str();
                    let danish = !v.is_ascii()
                        || ["FIL", "MAPPE", "NAVN", "ARK", "DATO", "KOLONNE"].contains(&v);
                    if danish && english_value_name(v).is_none() {
                        missing.push(format!("{name} {id}: value name {v}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn help_is_danish_and_english() {
        let da = command(Lang::Da).render_help().to_string();
        for word in [
            "Brug:",
            "Kommandoer:",
            "Tilvalg:",
            "Vis hjælp",
            "mulige værdier",
        ] {
            assert!(da.contains(word), "{word}\n{da}");
        }
        for word in [
            "Usage:",
            "Options:",
            "Print help",
            "possible values",
            "Commands:",
        ] {
            assert!(!da.contains(word), "{word}\n{da}");
        }
        let en = command(Lang::En).render_help().to_string();
        assert!(en.contains("Usage:") && en.contains("Print help"), "{en}");
        assert!(en.contains("Checks and analyses"), "{en}");
    }
}
