//! The schema registry: a TOML file dropped into a schema folder is a new
//! submission type that `validate`, `skabelon` and `status` know without a
//! code change; a file there that is not a valid schema is exit 2.

use crate::harness::{f, Test};

/// A submission type ramme does not ship: a waiting list.
const VENTELISTE: &str = r#"
name = "venteliste"
title = { da = "Venteliste", en = "Waiting list" }
key = ["tilbudsnr", "uge"]

[[field]]
name = "driftsherre"
header = "Driftsherre"
type = "driftsherre"
required = true

[[field]]
name = "tilbudsnr"
header = "Tilbudsnr"
type = "tilbudsnr"
required = true

[[field]]
name = "uge"
header = "Uge"
aliases = ["Ugenummer"]
type = "integer"
required = true
min = 1
max = 53

[[field]]
name = "ventende"
header = "Ventende"
aliases = ["Antal på venteliste"]
type = "integer"
required = true
min = 0

[[field]]
name = "pladser"
header = "Pladser"
type = "integer"
min = 0

[[field]]
name = "ventende_pr_plads"
header = "Ventende pr. plads"
type = "number"

[[rule]]
name = "ventende-pr-plads"
check = "product"
severity = "warning"
fields = { result = "ventende", factor1 = "ventende_pr_plads", factor2 = "pladser" }
params = { tolerance_pct = 1 }
"#;

const LISTE: &str = "Driftsherre;Tilbudsnr;Ugenummer;Antal på venteliste;Pladser;Ventende pr. plads
Aalborg;1001;1;4;8;0,5
Aalborg;1001;2;5;8;0,5
Aalborg;1002;54;0;;
Aalborg;1001;1;4;;
";

#[test]
fn a_schema_file_in_the_folder_is_a_new_type_for_validate() {
    let run = Test::new()
        .file("skemaer/venteliste.toml", VENTELISTE)
        .file("v.csv", LISTE)
        .args(&[
            "validate",
            "--schema-dir",
            "skemaer",
            "--format",
            "json",
            "v.csv",
        ])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(json["files"][0]["schema"], "venteliste");
    assert_eq!(json["files"][0]["rows"], 4);
    assert_eq!(
        run.findings(),
        vec![
            f("rule-error", "D3", "warning"),
            f("constraint-error", "C4", "error"),
            f("unique-error", "B5", "error"),
        ]
    );
    assert_eq!(json["findings"][0]["rule"], "ventende-pr-plads");
    // The built-in types are still there beside it.
    let run = Test::new()
        .file("skemaer/venteliste.toml", VENTELISTE)
        .file("b.csv", "Kommune;Befolkning\nLæsø;1803\n")
        .args(&[
            "validate",
            "--schema-dir",
            "skemaer",
            "--format",
            "json",
            "b.csv",
        ])
        .run();
    run.code(0);
    assert_eq!(run.json()["files"][0]["schema"], "befolkning");
}

#[test]
fn the_new_type_is_known_by_name_to_validate_skabelon_and_status() {
    // Without the folder, the name is unknown and the message lists the
    // built-in types.
    let run = Test::new()
        .file("v.csv", LISTE)
        .args(&["validate", "--schema", "venteliste", "v.csv"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("venteliste"), "{}", run.stderr);
    assert!(run.stderr.contains("takstindberetning, borgerliste"));
    // With it, --schema takes it and an unknown name lists it.
    let run = Test::new()
        .file("skemaer/venteliste.toml", VENTELISTE)
        .file("v.csv", LISTE)
        .args(&[
            "validate",
            "--schema-dir",
            "skemaer",
            "--schema",
            "venteliste",
            "--format",
            "json",
            "v.csv",
        ])
        .run();
    run.code(1);
    assert_eq!(run.json()["files"][0]["schema"], "venteliste");
    let run = Test::new()
        .file("skemaer/venteliste.toml", VENTELISTE)
        .args(&["--schema-dir", "skemaer", "skabelon", "nej", "-o", "n.xlsx"])
        .run();
    run.code(2);
    assert!(
        run.stderr.contains("regnskab, venteliste"),
        "{}",
        run.stderr
    );
    // skabelon writes its template, which validates as the new type.
    let run = Test::new()
        .file("skemaer/venteliste.toml", VENTELISTE)
        .args(&[
            "--schema-dir",
            "skemaer",
            "skabelon",
            "venteliste",
            "-o",
            "v.xlsx",
        ])
        .run();
    run.code(0);
    let template = std::fs::read(run.dir.join("v.xlsx")).unwrap();
    let run = Test::new()
        .file("skemaer/venteliste.toml", VENTELISTE)
        .file("v.xlsx", template)
        .args(&[
            "--schema-dir",
            "skemaer",
            "validate",
            "--format",
            "json",
            "v.xlsx",
        ])
        .run();
    run.code(0);
    assert_eq!(run.json()["files"][0]["schema"], "venteliste");
    // status accepts it as a type to expect.
    let config = "[status]\nschemas = [\"venteliste\"]\n";
    let run = Test::new()
        .file("ramme.toml", config)
        .file("ind/v.csv", LISTE)
        .args(&["status", "ind", "--region", "Nordjylland"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("venteliste"), "{}", run.stderr);
    let run = Test::new()
        .file("ramme.toml", config)
        .file("skemaer/venteliste.toml", VENTELISTE)
        .file("ind/v.csv", LISTE)
        .args(&[
            "--schema-dir",
            "skemaer",
            "status",
            "ind",
            "--region",
            "Nordjylland",
            "--format",
            "json",
        ])
        .run();
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.contains("venteliste"), "{}", run.stdout);
}

#[test]
fn a_file_in_the_folder_that_is_no_valid_schema_is_exit_2() {
    let cases: [(&str, String); 5] = [
        // Not TOML at all.
        ("noter.toml", "Husk at ringe til Aalborg\n".into()),
        // TOML, but no schema.
        ("ramme.toml", "lang = \"da\"\n".into()),
        // A schema whose name is not its file's.
        (
            "liste.toml",
            VENTELISTE.replace("name = \"venteliste\"", "name = \"liste2\""),
        ),
        // A field that refers to one that is not there.
        (
            "venteliste.toml",
            VENTELISTE.replace("key = [\"tilbudsnr\", \"uge\"]", "key = [\"tilbud\"]"),
        ),
        // A sender that is not one of its fields.
        (
            "venteliste.toml",
            VENTELISTE.replace("key = [", "sender = \"afsender\"\nkey = ["),
        ),
    ];
    for (name, text) in cases {
        let run = Test::new()
            .file(&format!("skemaer/{name}"), text)
            .file("b.csv", "Kommune;Befolkning\nLæsø;1803\n")
            .args(&["validate", "--schema-dir", "skemaer", "b.csv"])
            .run();
        run.code(2);
        assert!(run.stderr.contains(name), "{name}: {}", run.stderr);
    }
    // Other files in the folder are no schemas and are left alone.
    let run = Test::new()
        .file("skemaer/LÆS MIG.txt", "Skemaer for 2018\n")
        .file("skemaer/.venteliste.toml", "skjult kladde")
        .file("b.csv", "Kommune;Befolkning\nLæsø;1803\n")
        .args(&["validate", "--schema-dir", "skemaer", "b.csv"])
        .run();
    run.code(0);
    // A folder that does not exist is an error, not the built-in set.
    let run = Test::new()
        .file("b.csv", "Kommune;Befolkning\nLæsø;1803\n")
        .args(&["validate", "--schema-dir", "findes-ikke", "b.csv"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("findes-ikke"), "{}", run.stderr);
}

#[test]
fn a_rule_follows_its_parameter_and_an_unknown_check_is_exit_2() {
    // Tolerance 2 % instead of 1 %: 2.040 against 2.000 is within it,
    // 2.050 is not, and the message says 2 %.
    let schema = include_str!("../../data-schema/takstindberetning.toml").replace(
        "params = { tolerance_pct = 1 }\nwhen_field = \"taksttype\"\nwhen_value = \"Døgntakst\"",
        "params = { tolerance_pct = 2 }\nwhen_field = \"taksttype\"\nwhen_value = \"Døgntakst\"",
    );
    let csv = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takstgrundlag;Takst;Status
Aalborg;1001;Bo A;SEL §107;Sindslidende;Døgntakst;10;98;7.154.000;2.040,00;Fortsætter
Aalborg;1002;Bo B;SEL §107;Sindslidende;Døgntakst;10;98;7.154.000;2.050,00;Fortsætter
";
    let run = Test::new()
        .file("skemaer/takstindberetning.toml", &schema)
        .file("t.csv", csv)
        .args(&[
            "validate",
            "--schema-dir",
            "skemaer",
            "--format",
            "json",
            "t.csv",
        ])
        .run();
    run.code(0);
    assert_eq!(run.findings(), vec![f("rule-error", "J3", "warning")]);
    assert_eq!(
        run.json()["findings"][0]["message"],
        "Takst 2.050,00 kr. svarer ikke til takstgrundlaget: 7.154.000,00 kr. / (10 pladser × 365 dage × 98,00 %) = 2.000,00 kr. (afvigelse 2,50 %, højst 2,00 % tilladt)."
    );
    // A check no rule family has.
    let schema = VENTELISTE.replace("check = \"product\"", "check = \"produkt\"");
    let run = Test::new()
        .file("skemaer/venteliste.toml", &schema)
        .file("v.csv", LISTE)
        .args(&["validate", "--schema-dir", "skemaer", "v.csv"])
        .run();
    run.code(2);
    assert!(
        run.stderr
            .contains("unknown check \"produkt\" (known: takst-calculation, product,"),
        "{}",
        run.stderr
    );
    // A parameter the family does not read.
    let schema = VENTELISTE.replace("tolerance_pct = 1", "tolerance = 1");
    let run = Test::new()
        .file("skemaer/venteliste.toml", &schema)
        .file("v.csv", LISTE)
        .args(&["validate", "--schema-dir", "skemaer", "v.csv"])
        .run();
    run.code(2);
    assert!(
        run.stderr.contains("has no parameter \"tolerance\""),
        "{}",
        run.stderr
    );
}
