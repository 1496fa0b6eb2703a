//! Submission schemas as data. Each schema is a TOML file in `data-schema/`
//! (embedded in the binary; `--schema-dir` loads another folder instead):
//! its fields with canonical header, aliases, type and constraints, its key,
//! and its named row rules. The reference lists (kommuner, paragraffer,
//! målgrupper) live beside them and are loaded here too.

pub mod header;

use crate::values::reference::{Reference, ReferenceError};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The schemas ramme ships, in detection order.
pub const SCHEMA_NAMES: [&str; 7] = [
    "takstindberetning",
    "borgerliste",
    "kriterievurdering",
    "udmelding",
    "befolkning",
    "folk1a",
    "regnskab",
];

const EMBEDDED_SCHEMAS: [(&str, &str); 7] = [
    (
        "takstindberetning",
        include_str!("../../data-schema/takstindberetning.toml"),
    ),
    (
        "borgerliste",
        include_str!("../../data-schema/borgerliste.toml"),
    ),
    (
        "kriterievurdering",
        include_str!("../../data-schema/kriterievurdering.toml"),
    ),
    (
        "udmelding",
        include_str!("../../data-schema/udmelding.toml"),
    ),
    (
        "befolkning",
        include_str!("../../data-schema/befolkning.toml"),
    ),
    ("folk1a", include_str!("../../data-schema/folk1a.toml")),
    ("regnskab", include_str!("../../data-schema/regnskab.toml")),
];

const EMBEDDED_REFERENCE: [(&str, &str); 3] = [
    ("kommuner", include_str!("../../data-schema/kommuner.toml")),
    (
        "paragraffer",
        include_str!("../../data-schema/paragraffer.toml"),
    ),
    (
        "maalgrupper",
        include_str!("../../data-schema/maalgrupper.toml"),
    ),
];

/// A text in both languages.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Label {
    pub da: String,
    pub en: String,
}

impl Label {
    pub fn get(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.da, &self.en)
    }
}

/// The type of a field: how a cell's text becomes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    Integer,
    Number,
    Money,
    Percent,
    Date,
    Boolean,
    Year,
    /// A kommune (not a region).
    Kommune,
    /// A kommune, a unit of one ("Aalborg ÆH") or a region.
    Driftsherre,
    Paragraf,
    Maalgruppe,
    Tilbudsnr,
    Personkode,
    /// One of the field's `choices`.
    Choice,
}

impl FieldType {
    /// Numeric fields never hold a person code, so a 9-digit number in them
    /// is not taken for a CPR number that lost its leading zero.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            FieldType::Integer
                | FieldType::Number
                | FieldType::Money
                | FieldType::Percent
                | FieldType::Year
        )
    }
}

/// One column of a submission.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Identifier used by rules and analyses (`takst_forrige_aar`).
    pub name: String,
    /// The canonical header as the templates write it.
    pub header: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    /// What the field means, for templates and `--lang en` labels.
    #[serde(default)]
    pub description: Label,
    #[serde(default)]
    pub min: Option<Decimal>,
    #[serde(default)]
    pub max: Option<Decimal>,
    #[serde(default)]
    pub min_exclusive: Option<Decimal>,
    #[serde(default)]
    pub max_exclusive: Option<Decimal>,
    #[serde(default)]
    pub max_length: Option<usize>,
    /// The allowed values of a `choice` field (matched case- and æøå-insensitively).
    #[serde(default)]
    pub choices: Vec<String>,
    /// Aliases of choices: `{ "Fortsat" = "Fortsætter" }`.
    #[serde(default)]
    pub choice_aliases: HashMap<String, String>,
    /// Each value may occur once in a file.
    #[serde(default)]
    pub unique: bool,
    /// Names the field this one is last year's value of: a second column
    /// whose header differs only by an earlier year ("Takst 2016" beside
    /// "Takst 2017") is taken as this field.
    #[serde(default)]
    pub previous_of: Option<String>,
    /// A series field: every column whose normalised header matches this
    /// pattern (`#` a digit, other characters as such: "####k#" for
    /// StatBank's "2017K1") holds a value of this field, labelled by its
    /// header. For wide exports with a column per period.
    #[serde(default)]
    pub header_pattern: Option<String>,
}

/// A named row rule: a check implemented in `rules/`, with its parameters here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub name: String,
    /// Which check (`takst-calculation`, `product`, `required-if`,
    /// `change-limit`, `filing-window`, `implies`).
    pub check: String,
    #[serde(default = "default_rule_severity")]
    pub severity: crate::finding::Severity,
    #[serde(default)]
    pub description: Label,
    /// Field names the check reads, by role (`takst = "takst"`).
    #[serde(default)]
    pub fields: HashMap<String, String>,
    /// Numeric parameters (`tolerance_pct = 1`).
    #[serde(default)]
    pub params: HashMap<String, Decimal>,
    /// A condition: the rule applies only when this field …
    #[serde(default)]
    pub when_field: Option<String>,
    /// … has this value (a choice) or, for booleans, "ja".
    #[serde(default)]
    pub when_value: Option<String>,
    /// For `required-if`: at least one of these must be filled in.
    #[serde(default)]
    pub require_any: Vec<String>,
    /// For `filing-window`: the allowed months.
    #[serde(default)]
    pub months: Vec<u32>,
    /// For `filing-window`: only even years.
    #[serde(default)]
    pub even_years: bool,
}

fn default_rule_severity() -> crate::finding::Severity {
    crate::finding::Severity::Error
}

impl<'de> Deserialize<'de> for crate::finding::Severity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "error" => Ok(crate::finding::Severity::Error),
            "warning" => Ok(crate::finding::Severity::Warning),
            "info" => Ok(crate::finding::Severity::Info),
            other => Err(serde::de::Error::custom(format!(
                "severity must be error, warning or info, not {other:?}"
            ))),
        }
    }
}

/// A submission type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    pub name: String,
    pub title: Label,
    #[serde(default)]
    pub description: Label,
    /// Field names forming the key; each key may occur once in a file.
    #[serde(default)]
    pub key: Vec<String>,
    #[serde(rename = "field")]
    pub fields: Vec<Field>,
    #[serde(rename = "rule", default)]
    pub rules: Vec<RuleDef>,
}

impl Schema {
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    pub fn required_count(&self) -> usize {
        self.fields.iter().filter(|f| f.required).count()
    }
}

/// Why the schemas could not be loaded: a configuration error (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{name}.toml: {message}")]
    Parse { name: String, message: String },
    #[error("{name}.toml: {message}")]
    Invalid { name: String, message: String },
    #[error(transparent)]
    Reference(#[from] ReferenceError),
}

/// Every schema and the reference lists.
#[derive(Debug)]
pub struct Catalog {
    pub schemas: Vec<Schema>,
    pub reference: Reference,
}

impl Catalog {
    /// The schemas built into the binary.
    pub fn embedded() -> Result<Catalog, SchemaError> {
        Self::load(|name| Ok(embedded_text(name).unwrap_or_default().to_string()))
    }

    /// The schemas of a folder (`--schema-dir`); a file missing there is
    /// taken from the built-in set, so a folder may override just one schema.
    pub fn from_dir(dir: &Path) -> Result<Catalog, SchemaError> {
        Self::load(|name| {
            let path = dir.join(format!("{name}.toml"));
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Ok(embedded_text(name).unwrap_or_default().to_string())
                }
                Err(source) => Err(SchemaError::Io { path, source }),
            }
        })
    }

    fn load(
        mut text_of: impl FnMut(&str) -> Result<String, SchemaError>,
    ) -> Result<Catalog, SchemaError> {
        let mut schemas = Vec::new();
        for name in SCHEMA_NAMES {
            let text = text_of(name)?;
            let schema: Schema = toml::from_str(&text).map_err(|e| SchemaError::Parse {
                name: name.to_string(),
                message: e.to_string(),
            })?;
            check_schema(&schema)?;
            schemas.push(schema);
        }
        let kommuner = text_of("kommuner")?;
        let paragraffer = text_of("paragraffer")?;
        let maalgrupper = text_of("maalgrupper")?;
        let reference = Reference::from_toml(&kommuner, &paragraffer, &maalgrupper)?;
        Ok(Catalog { schemas, reference })
    }

    pub fn schema(&self, name: &str) -> Option<&Schema> {
        self.schemas.iter().find(|s| s.name == name)
    }
}

fn embedded_text(name: &str) -> Option<&'static str> {
    EMBEDDED_SCHEMAS
        .iter()
        .chain(EMBEDDED_REFERENCE.iter())
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Checks what serde cannot: names that refer to fields exist, choice
/// fields have choices, rules name known checks.
fn check_schema(schema: &Schema) -> Result<(), SchemaError> {
    let invalid = |message: String| SchemaError::Invalid {
        name: schema.name.clone(),
        message,
    };
    let mut seen = std::collections::HashSet::new();
    for field in &schema.fields {
        if !seen.insert(field.name.as_str()) {
            return Err(invalid(format!("field {:?} is defined twice", field.name)));
        }
        if field.kind == FieldType::Choice && field.choices.is_empty() {
            return Err(invalid(format!(
                "field {:?} is a choice without choices",
                field.name
            )));
        }
        if let Some(of) = &field.previous_of {
            if schema.field_index(of).is_none() {
                return Err(invalid(format!(
                    "field {:?}: previous_of names unknown field {of:?}",
                    field.name
                )));
            }
        }
    }
    for name in &schema.key {
        if schema.field_index(name).is_none() {
            return Err(invalid(format!("key names unknown field {name:?}")));
        }
    }
    for rule in &schema.rules {
        if !crate::rules::KNOWN_CHECKS.contains(&rule.check.as_str()) {
            return Err(invalid(format!(
                "rule {:?}: unknown check {:?} (known: {})",
                rule.name,
                rule.check,
                crate::rules::KNOWN_CHECKS.join(", ")
            )));
        }
        let names = rule
            .fields
            .values()
            .chain(rule.require_any.iter())
            .chain(rule.when_field.iter());
        for name in names {
            if schema.field_index(name).is_none() {
                return Err(invalid(format!(
                    "rule {:?} names unknown field {name:?}",
                    rule.name
                )));
            }
        }
    }
    Ok(())
}
