//! `ramme.toml`: settings a secretariat keeps from year to year. Flags
//! override it. The file is optional; without it built-in defaults apply.

use crate::error::Error;
use crate::lang::Lang;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The default config file, looked for in the working folder.
pub const DEFAULT_CONFIG: &str = "ramme.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Language of messages and labels: "da" or "en".
    pub lang: Option<Lang>,
    /// A folder of schema files overriding the built-in ones.
    pub schema_dir: Option<PathBuf>,
    #[serde(default)]
    pub validate: ValidateConfig,
    #[serde(default)]
    pub reference: ReferenceConfig,
    #[serde(default)]
    pub takst: TakstConfig,
    #[serde(default)]
    pub udgift: UdgiftConfig,
    #[serde(default)]
    pub samarbejde: SamarbejdeConfig,
    #[serde(default)]
    pub forbrug: ForbrugConfig,
    /// Over-/underskud and their regulation (`ramme regulering`).
    #[serde(default)]
    pub regulering: ReguleringConfig,
    /// The year's inputs for `ramme bilag`.
    pub bilag: Option<BilagConfig>,
    /// Who is expected to send what, and whom to write to (`ramme status`).
    #[serde(default)]
    pub status: StatusConfig,
    /// Where the config was read from (set after loading).
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateConfig {
    /// Findings kept per file (0: all, up to a hard cap).
    pub max_findings: Option<usize>,
    /// Largest input file read, in MiB.
    pub max_file_mb: Option<u64>,
    /// Memory of the spreadsheet reader process, in MiB.
    pub max_memory_mb: Option<u64>,
    /// Processor seconds of the spreadsheet reader process.
    pub max_read_seconds: Option<u64>,
    /// Threads a run uses (0 or none: one per core). Files are validated
    /// side by side, and a big CSV in two parts when a core is free.
    pub threads: Option<usize>,
}

impl ValidateConfig {
    /// The reading budget: these settings over the defaults.
    pub fn read_limits(&self) -> crate::input::limits::ReadLimits {
        let d = crate::input::limits::ReadLimits::default();
        crate::input::limits::ReadLimits {
            max_file_mb: self.max_file_mb.unwrap_or(d.max_file_mb),
            max_memory_mb: self.max_memory_mb.unwrap_or(d.max_memory_mb),
            max_read_seconds: self.max_read_seconds.unwrap_or(d.max_read_seconds),
        }
    }
}

/// The tariff-reduction rule of the year, and the P/L of several years.
#[derive(Debug, Clone, Default)]
pub struct TakstConfig {
    /// Pris- og lønudvikling in percent (1.6) when one value is given.
    pub pl: Option<rust_decimal::Decimal>,
    /// The P/L by year when a table is given (`pl = {2016 = 1.6, 2017 =
    /// 1.9}`): year N's entry is the change from N−1 to N.
    pub pl_by_year: std::collections::BTreeMap<i32, rust_decimal::Decimal>,
    /// Required real reduction in percent (1).
    pub required: Option<rust_decimal::Decimal>,
    /// Opening days a year of a Dagtakst offer, for weighting (250).
    pub aabningsdage: Option<rust_decimal::Decimal>,
    /// The target over several years: the real change (fixed prices of the
    /// first year) the region's tariffs may have at most over the years
    /// given (the Sjælland steering group's minutes of 2016: the strategy 2017–2020). Without it, the target is
    /// the required reduction chained over the years.
    pub target_real_pct: Option<rust_decimal::Decimal>,
    /// The overhead rule's limit in percent of the direct costs: over the
    /// `overhead_pct` of the takstindberetning schema (6) for every rule of
    /// the `overhead` check.
    pub overhead_pct: Option<rust_decimal::Decimal>,
}

impl TakstConfig {
    /// The P/L of year N (from N−1 to N): the single value, else the
    /// table's entry for the year.
    pub fn pl_for(&self, year: Option<i32>) -> Option<rust_decimal::Decimal> {
        self.pl
            .or_else(|| year.and_then(|y| self.pl_by_year.get(&y).copied()))
    }
}

/// `[takst]` as written: `pl` a number or a table of years.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TakstToml {
    pl: Option<PlToml>,
    required: Option<rust_decimal::Decimal>,
    aabningsdage: Option<rust_decimal::Decimal>,
    target_real_pct: Option<rust_decimal::Decimal>,
    overhead_pct: Option<rust_decimal::Decimal>,
}

/// `pl = 1.6` or `pl = {2016 = 1.6, 2017 = 1.9}`.
#[derive(Debug)]
enum PlToml {
    One(rust_decimal::Decimal),
    ByYear(std::collections::BTreeMap<i32, rust_decimal::Decimal>),
}

impl<'de> Deserialize<'de> for PlToml {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PlToml, D::Error> {
        d.deserialize_any(PlVisitor)
    }
}

struct PlVisitor;

impl<'de> serde::de::Visitor<'de> for PlVisitor {
    type Value = PlToml;

    // "Decimal" in the words makes the Danish message "… er ikke et tal".
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Decimal number (1.6) or a table of years ({2016 = 1.6, 2017 = 1.9})")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PlToml, E> {
        Ok(PlToml::One(rust_decimal::Decimal::from(v)))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PlToml, E> {
        Ok(PlToml::One(rust_decimal::Decimal::from(v)))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<PlToml, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PlToml, E> {
        use std::str::FromStr;
        rust_decimal::Decimal::from_str(v)
            .map(PlToml::One)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PlToml, A::Error> {
        let mut years = std::collections::BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, rust_decimal::Decimal>()? {
            let year = key
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or_else(|| {
                    serde::de::Error::invalid_value(
                        serde::de::Unexpected::Str(&key),
                        &"a year (2000–2100) as the key of a P/L",
                    )
                })?;
            years.insert(year, value);
        }
        Ok(PlToml::ByYear(years))
    }
}

impl<'de> Deserialize<'de> for TakstConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TakstConfig, D::Error> {
        let raw = TakstToml::deserialize(d)?;
        let (pl, pl_by_year) = match raw.pl {
            None => (None, Default::default()),
            Some(PlToml::One(v)) => (Some(v), Default::default()),
            Some(PlToml::ByYear(years)) => (None, years),
        };
        Ok(TakstConfig {
            pl,
            pl_by_year,
            required: raw.required,
            aabningsdage: raw.aabningsdage,
            target_real_pct: raw.target_real_pct,
            overhead_pct: raw.overhead_pct,
        })
    }
}

/// The rule for over-/underskud (`ramme regulering`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReguleringConfig {
    /// The share of the budgeted basis that may be carried, in percent (5).
    pub overskud_graense: Option<rust_decimal::Decimal>,
    /// The years after the accounts' year the rest is regulated in (2).
    pub regulering_aar: Option<i32>,
    /// How far a Regulering may be from the amount due, in percent of it (1).
    pub tolerance_pct: Option<rust_decimal::Decimal>,
}

/// The year's inputs for the annex workbook: files, folders or patterns
/// like "2017/takst_*.csv", relative to the config file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BilagConfig {
    /// The year the annex is for (takstindberetningernes år).
    pub year: Option<i32>,
    /// The workbook's title.
    pub title: Option<String>,
    #[serde(default)]
    pub takst: Vec<String>,
    #[serde(default)]
    pub takst_previous: Vec<String>,
    #[serde(default)]
    pub borgerliste_before: Vec<String>,
    #[serde(default)]
    pub borgerliste_after: Vec<String>,
    #[serde(default)]
    pub kriterier: Vec<String>,
    #[serde(default)]
    pub udmelding: Vec<String>,
    #[serde(default)]
    pub befolkning: Vec<String>,
    /// Accounts of the year `regulering_aar` before, for the over-/underskud
    /// section (checked against `takst`).
    #[serde(default)]
    pub regnskab: Vec<String>,
    /// Objective financing: the amount, an offset and the objective share.
    pub finansiering_amount: Option<rust_decimal::Decimal>,
    pub finansiering_offset: Option<rust_decimal::Decimal>,
    pub finansiering_share: Option<rust_decimal::Decimal>,
}

/// The strengthened cooperation (the Nordjylland note on the strengthened cooperation (KKR, 2013)) and the A1 indicator.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamarbejdeConfig {
    /// The region ("Nordjylland"), for headings.
    pub region: Option<String>,
    /// First year of the first two-year agreement period (2018).
    pub period_start: Option<i32>,
    /// Years per agreement period (2).
    pub period_length: Option<i32>,
    /// Months in which withdrawals may be filed ([1, 2, 3]).
    pub withdrawal_months: Option<Vec<u32>>,
    /// Withdrawals only in even years (true).
    pub withdrawal_even_years: Option<bool>,
    /// Inhabitants per case a year in the A1 indicator (40000).
    pub indicator_per: Option<rust_decimal::Decimal>,
    /// The region's population, if no population file is given.
    pub population: Option<rust_decimal::Decimal>,
    /// A befolkning file (relative to the config file).
    pub population_file: Option<PathBuf>,
    /// Tilbudsnumre of the offers in the strengthened cooperation, beside
    /// those a takstindberetning marks in its Forstærket samarbejde column.
    #[serde(default)]
    pub tilbud: Vec<String>,
}

/// The use of offers (`ramme forbrug`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbrugConfig {
    /// An offer with fewer paying kommuner than this is flagged (3).
    pub faa_kommuner: Option<usize>,
    /// Occupancy in percent of the budget below which an offer of the
    /// strengthened cooperation is an early warning (85).
    pub belaegning_advarsel: Option<rust_decimal::Decimal>,
    /// The age band of the user rates in `bilag` ("18+"), from a FOLK1A key.
    pub alder: Option<String>,
    /// The quarter of a FOLK1A key in `bilag` ("2017K1"; default the latest).
    pub kvartal: Option<String>,
}

/// The expenditure targets in percent (Nordjylland 2017: −2, −1, −1).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UdgiftConfig {
    pub target_total: Option<rust_decimal::Decimal>,
    pub target_takst: Option<rust_decimal::Decimal>,
    pub target_visitation: Option<rust_decimal::Decimal>,
}

/// Expected senders beyond the region's kommuner, and each sender's
/// contact, for `ramme status` and the letters of `validate --annotate`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusConfig {
    /// The date the submissions are due ("01-03-2017" or "2017-03-01").
    pub deadline: Option<String>,
    /// What every kommune sends (default: takstindberetning, borgerliste).
    pub schemas: Option<Vec<String>>,
    /// Senders by name: a unit ("Aalborg ÆH") or kommune outside the region
    /// becomes an expected sender; a kommune of the region gets its contact.
    #[serde(default, rename = "sender")]
    pub senders: Vec<SenderConfig>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SenderConfig {
    pub name: String,
    /// The contact person's name.
    pub contact: Option<String>,
    pub email: Option<String>,
    /// What this sender sends (default: takstindberetning for a unit or a
    /// region, `[status] schemas` for a kommune).
    pub schemas: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceConfig {
    /// Target groups beyond the built-in list.
    #[serde(default)]
    pub maalgrupper: Vec<String>,
}

impl Config {
    /// Loads `path`, or `ramme.toml` in the working folder if present, or
    /// the defaults. A named file that is missing is an error.
    pub fn load(path: Option<&Path>) -> Result<Config, Error> {
        let (path, named) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from(DEFAULT_CONFIG), false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if !named && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default())
            }
            Err(e) => {
                return Err(Error::Config {
                    path,
                    message: crate::messages::io_text(&e, crate::lang::current()),
                })
            }
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| Error::Config {
            path: path.clone(),
            message: toml_message(&e, &text, crate::lang::current()),
        })?;
        // Paths in the config are relative to the config file.
        if let Some(parent) = path.parent() {
            for p in [
                config.schema_dir.as_mut(),
                config.samarbejde.population_file.as_mut(),
            ]
            .into_iter()
            .flatten()
            {
                if p.is_relative() {
                    *p = parent.join(&*p);
                }
            }
        }
        // Values that are echoed in reports and workbooks pass the CPR
        // guard like cells (paths are masked where they are shown).
        let masked = |s: &mut String| {
            if let std::borrow::Cow::Owned(m) = crate::cpr::mask(s) {
                *s = m;
            }
        };
        if let Some(bilag) = config.bilag.as_mut() {
            bilag.title.as_mut().map(masked);
        }
        config.samarbejde.region.as_mut().map(masked);
        config.reference.maalgrupper.iter_mut().for_each(masked);
        config.source = Some(path);
        Ok(config)
    }
}

/// A TOML error in words a user knows: where (line and column) and what,
/// in their language.
fn toml_message(e: &toml::de::Error, text: &str, lang: Lang) -> String {
    let (line, col) = match e.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, col)
        }
        None => (0, 0),
    };
    let raw = e.message().trim().to_string();
    let what = match lang {
        Lang::En => raw,
        Lang::Da => {
            if let Some(rest) = raw.strip_prefix("unknown field ") {
                let (name, known) = rest.split_once(", expected").unwrap_or((rest, ""));
                let known = known.trim_start_matches(" one of").trim();
                if known.is_empty() {
                    format!("ukendt nøgle {name}")
                } else {
                    format!("ukendt nøgle {name}; kendte nøgler: {known}")
                }
            } else if let Some(rest) = raw.strip_prefix("missing field ") {
                format!("nøglen {rest} mangler")
            } else if let Some(rest) = raw.strip_prefix("invalid value: ") {
                let (value, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
                let value = value
                    .trim_start_matches("string ")
                    .trim_start_matches("integer ");
                if expected.contains("Decimal") || expected.contains("number") {
                    format!("{value} er ikke et tal; skriv et tal, f.eks. 1.6")
                } else {
                    format!("ugyldig værdi {value}")
                }
            } else if let Some(rest) = raw.strip_prefix("invalid type: ") {
                let (got, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
                format!("forkert slags værdi ({got}); forventede{expected}")
            } else {
                format!("filen er ikke gyldig TOML ({raw})")
            }
        }
    };
    match (line, lang) {
        (0, _) => what,
        (line, Lang::Da) => format!("linje {line}, kolonne {col}: {what}"),
        (line, Lang::En) => format!("line {line}, column {col}: {what}"),
    }
}

#[cfg(test)]
mod takst_tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn takst(text: &str) -> TakstConfig {
        toml::from_str::<Config>(text).unwrap().takst
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn pl_is_one_value_or_a_table_of_years() {
        for (text, year, want) in [
            ("[takst]\npl = 1.6\n", Some(2016), Some("1.6")),
            ("[takst]\npl = 1.6\n", None, Some("1.6")),
            ("[takst]\npl = 2\n", Some(2030), Some("2")),
            ("[takst]\npl = \"1.6\"\n", Some(2016), Some("1.6")),
            (
                "[takst]\npl = {2016 = 1.6, 2017 = 1.9}\n",
                Some(2016),
                Some("1.6"),
            ),
            (
                "[takst]\npl = {2016 = 1.6, 2017 = 1.9}\n",
                Some(2017),
                Some("1.9"),
            ),
            ("[takst]\npl = {2016 = 1.6, 2017 = 1.9}\n", Some(2018), None),
            ("[takst]\npl = {2016 = 1.6, 2017 = 1.9}\n", None, None),
            ("[takst.pl]\n2018 = 1.4\n", Some(2018), Some("1.4")),
            ("", Some(2016), None),
        ] {
            assert_eq!(takst(text).pl_for(year), want.map(d), "{text} {year:?}");
        }
        let table = takst("[takst]\npl = {2016 = 1.6, 2017 = 1.9}\ntarget_real_pct = -2\n");
        assert_eq!(table.pl, None, "a table is no single value");
        assert_eq!(table.pl_by_year.len(), 2);
        assert_eq!(table.target_real_pct, Some(d("-2")));
    }

    #[test]
    fn a_key_that_is_no_year_is_refused() {
        for text in [
            "[takst]\npl = {abc = 1.6}\n",
            "[takst]\npl = {1999 = 1.6}\n",
        ] {
            let e = toml::from_str::<Config>(text).unwrap_err();
            assert!(e.message().contains("a year"), "{text}: {e}");
        }
        let e = toml::from_str::<Config>("[takst]\nukendt = 1\n").unwrap_err();
        assert!(e.message().contains("unknown field"), "{e}");
    }
}

#[cfg(test)]
mod toml_tests {
    use super::*;

    fn message(text: &str, lang: Lang) -> String {
        let e = toml::from_str::<Config>(text).unwrap_err();
        toml_message(&e, text, lang)
    }

    #[test]
    fn toml_errors_in_danish_with_line_and_column() {
        assert_eq!(
            message("[takst]\npl = \"x\"\n", Lang::Da),
            "linje 2, kolonne 6: \"x\" er ikke et tal; skriv et tal, f.eks. 1.6"
        );
        let unknown = message("ukendt = 1\n", Lang::Da);
        assert!(
            unknown.starts_with("linje 1, kolonne 1: ukendt nøgle `ukendt`; kendte nøgler:"),
            "{unknown}"
        );
        assert!(message("[takst\n", Lang::Da).contains("ikke gyldig TOML"));
        assert_eq!(
            message("[takst]\npl = { 2016 = \"x\" }\n", Lang::Da),
            "linje 2, kolonne 15: \"x\" er ikke et tal; skriv et tal, f.eks. 1.6"
        );
        assert!(message("[takst]\npl = \"x\"\n", Lang::En).starts_with("line 2, column 6: "));
    }
}
