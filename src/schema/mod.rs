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

/// The registry of submission types ramme ships, in detection order: one
/// line per type. The name is the file's stem and the schema's `name`; a
/// `--schema-dir` folder may replace any of them and add more.
const EMBEDDED_SCHEMAS: &[(&str, &str)] = &[
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

/// The reference lists beside the schemas (not submission types).
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
    /// Which check family (a name in the rules' table, `rules::CHECKS`).
    pub check: String,
    #[serde(default = "default_rule_severity")]
    pub severity: crate::finding::Severity,
    #[serde(default)]
    pub description: Label,
    /// Field names the check reads, by role (`takst = "takst"`).
    #[serde(default)]
    pub fields: HashMap<String, String>,
    /// Numeric parameters (`tolerance_pct = 1`); the check family names
    /// the ones it reads and their defaults.
    #[serde(default)]
    pub params: HashMap<String, Decimal>,
    /// A condition: the rule applies only when this field …
    #[serde(default)]
    pub when_field: Option<String>,
    /// … has this value (a choice) or, for booleans, "ja".
    #[serde(default)]
    pub when_value: Option<String>,
    /// … or one of these values (instead of `when_value`).
    #[serde(default)]
    pub when_values: Vec<String>,
    /// Words that mark a row for the check when a text field holds one
    /// (`belaegning-norm`: "aflastning", "akut").
    #[serde(default)]
    pub markers: Vec<String>,
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
    /// The field that names who sent the file (`ramme status`, the letters
    /// of `validate --annotate`): the Driftsherre of a takstindberetning,
    /// the Betalingskommune of a borgerliste. None: the type has no sender.
    #[serde(default)]
    pub sender: Option<String>,
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
    /// The submission types in detection order: the built-in ones first,
    /// then those only a schema folder has, in file name order.
    pub schemas: Vec<Schema>,
    pub reference: Reference,
}

/// A schema's text and where it came from, before it is parsed.
struct Source {
    name: String,
    text: String,
}

impl Catalog {
    /// The schemas built into the binary.
    pub fn embedded() -> Result<Catalog, SchemaError> {
        let sources = EMBEDDED_SCHEMAS
            .iter()
            .map(|(name, text)| Source {
                name: name.to_string(),
                text: text.to_string(),
            })
            .collect();
        Self::build(sources, |name| Ok(embedded_text(name).map(str::to_string)))
    }

    /// The schemas of a folder (`--schema-dir`): every `.toml` file in it is
    /// a submission type (or one of the reference lists, by its name). A
    /// file named like a built-in schema replaces it, any other name is a
    /// new type, and a built-in schema or list missing there is kept, so a
    /// folder may override just one schema. A file that is not a valid
    /// schema is an error, never skipped.
    pub fn from_dir(dir: &Path) -> Result<Catalog, SchemaError> {
        let io = |path: &Path, source| SchemaError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut files: HashMap<String, PathBuf> = HashMap::new();
        let mut extra: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
            let path = entry.map_err(|e| io(dir, e))?.path();
            let Some(name) = schema_file_name(&path) else {
                continue;
            };
            let known = EMBEDDED_SCHEMAS.iter().any(|(n, _)| *n == name)
                || EMBEDDED_REFERENCE.iter().any(|(n, _)| *n == name);
            if !known {
                extra.push(name.clone());
            }
            files.insert(name, path);
        }
        extra.sort();
        let read = |name: &str| -> Result<Option<String>, SchemaError> {
            match files.get(name) {
                Some(path) => std::fs::read_to_string(path)
                    .map(Some)
                    .map_err(|e| io(path, e)),
                None => Ok(embedded_text(name).map(str::to_string)),
            }
        };
        let mut sources = Vec::new();
        for name in EMBEDDED_SCHEMAS
            .iter()
            .map(|(n, _)| n.to_string())
            .chain(extra)
        {
            let text = read(&name)?.unwrap_or_default();
            sources.push(Source { name, text });
        }
        Self::build(sources, read)
    }

    fn build(
        sources: Vec<Source>,
        reference_text: impl Fn(&str) -> Result<Option<String>, SchemaError>,
    ) -> Result<Catalog, SchemaError> {
        let mut schemas = Vec::new();
        for source in sources {
            let schema: Schema = toml::from_str(&source.text).map_err(|e| SchemaError::Parse {
                name: source.name.clone(),
                message: e.to_string(),
            })?;
            if schema.name != source.name {
                return Err(SchemaError::Invalid {
                    message: format!(
                        "the schema is named {:?}; its file must be named {:?}",
                        schema.name,
                        format!("{}.toml", schema.name)
                    ),
                    name: source.name,
                });
            }
            check_schema(&schema)?;
            schemas.push(schema);
        }
        let list = |name: &str| reference_text(name).map(Option::unwrap_or_default);
        let reference = Reference::from_toml(
            &list("kommuner")?,
            &list("paragraffer")?,
            &list("maalgrupper")?,
        )?;
        Ok(Catalog { schemas, reference })
    }

    /// Sets a parameter of every rule of a check family in every schema
    /// (a threshold that ramme.toml gives over the schemas' own).
    pub fn set_check_param(&mut self, check: &str, param: &str, value: Decimal) {
        for rule in self
            .schemas
            .iter_mut()
            .flat_map(|s| s.rules.iter_mut())
            .filter(|r| r.check == check)
        {
            rule.params.insert(param.to_string(), value);
        }
    }

    pub fn schema(&self, name: &str) -> Option<&Schema> {
        self.schemas.iter().find(|s| s.name == name)
    }

    /// The names of the known submission types, for a message: "a, b, c".
    pub fn known_names(&self) -> String {
        self.schemas
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The name a file of a schema folder gives its schema (`ny.toml` → "ny"),
/// or None for what is no schema file: another extension, a hidden file,
/// a folder.
fn schema_file_name(path: &Path) -> Option<String> {
    let is_toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    (is_toml && !stem.starts_with('.') && path.is_file()).then_some(stem)
}

fn embedded_text(name: &str) -> Option<&'static str> {
    EMBEDDED_SCHEMAS
        .iter()
        .chain(EMBEDDED_REFERENCE.iter())
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Checks what serde cannot: names that refer to fields exist, choice
/// fields have choices. Whether a rule names a known check, with the
/// parameters it takes, is checked where rules are compiled (`rules`).
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
    if let Some(name) = &schema.sender {
        if schema.field_index(name).is_none() {
            return Err(invalid(format!("sender names unknown field {name:?}")));
        }
    }
    for rule in &schema.rules {
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
