//! The table of check families and what every rule shares (its condition).

use super::testing::{choice, num, Case};
use super::CHECKS;
use crate::schema::Catalog;

#[test]
fn every_family_is_in_the_table_once() {
    let mut names: Vec<&str> = CHECKS.iter().map(|k| k.name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "a check name twice in CHECKS");
}

#[test]
fn an_unknown_check_names_the_known_ones() {
    let error = Case::error(&[("a", "number")], "name = \"r\"\ncheck = \"sum\"\n");
    let known: Vec<&str> = CHECKS.iter().map(|k| k.name).collect();
    assert_eq!(
        error,
        format!(
            "rule \"r\": unknown check \"sum\" (known: {})",
            known.join(", ")
        )
    );
    assert!(error.contains("takst-calculation, product, required-if"));
}

#[test]
fn the_condition_limits_a_rule_to_some_rows() {
    let fields = [
        ("type", "choice:Døgntakst,Dagtakst"),
        ("takst", "money"),
        ("forrige", "money"),
    ];
    let rule = r#"
name = "r"
check = "change-limit"
fields = { value = "takst", previous = "forrige" }
when_field = "type"
when_value = "doegntakst"
"#;
    let case = Case::new(&fields, rule);
    assert!(case.check(&[choice(0), num("2000"), num("1000")]).is_some());
    assert!(case.check(&[choice(1), num("2000"), num("1000")]).is_none());
    assert!(case.check(&[None, num("2000"), num("1000")]).is_none());
    let rule = rule.replace("\"doegntakst\"", "\"Timetakst\"");
    assert!(Case::error(&fields, &rule).contains("\"Timetakst\" is not a value of field \"type\""));
    // when_values is the list form; both at once, or either without
    // when_field, is an error.
    let both = rule.replace(
        "when_value = \"Timetakst\"",
        "when_value = \"Døgntakst\"\nwhen_values = [\"Dagtakst\"]",
    );
    assert!(Case::error(&fields, &both).contains("give when_value or when_values, not both"));
    let list = both.replace("when_value = \"Døgntakst\"\n", "");
    let case = Case::new(&fields, &list);
    assert!(case.check(&[choice(1), num("2000"), num("1000")]).is_some());
    assert!(case.check(&[choice(0), num("2000"), num("1000")]).is_none());
    let lone = list.replace("when_field = \"type\"\n", "");
    assert!(Case::error(&fields, &lone).contains("when_field and when_value go together"));
}

#[test]
fn a_check_family_names_its_parameters_defaults() {
    use super::default_param;
    use rust_decimal::Decimal;
    assert_eq!(
        default_param("overhead", "overhead_pct"),
        Some(Decimal::from(6))
    );
    assert_eq!(
        default_param("belaegning-norm", "short_stay_min_pct"),
        Some(Decimal::from(90))
    );
    assert_eq!(default_param("overhead", "min_pct"), None);
    assert_eq!(default_param("ingen", "overhead_pct"), None);
}

/// Every rule of the built-in schemas compiles, with parameters its family
/// knows, and none of their descriptions writes a threshold that is a
/// parameter (it would go stale when the parameter changes).
#[test]
fn the_built_in_rules_compile() {
    let catalog = Catalog::embedded().unwrap();
    for schema in &catalog.schemas {
        for def in &schema.rules {
            super::CompiledRule::compile(def, schema, &catalog.reference)
                .unwrap_or_else(|e| panic!("{}: {e}", schema.name));
            for value in def.params.values() {
                let written = format!("{} %", value.normalize());
                for text in [&def.description.da, &def.description.en] {
                    assert!(!text.contains(&written), "{}: {text}", def.name);
                }
            }
        }
    }
}
