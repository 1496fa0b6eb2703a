//! The command line speaks Danish (English with --lang en), also clap's
//! help and errors; outputs behave one way.

use crate::harness::Test;

const CLAP_ENGLISH: [&str; 7] = [
    "error:",
    "Usage:",
    "Options:",
    "Print help",
    "[possible values",
    "tip: a similar",
    "For more information",
];

#[test]
fn help_is_danish_and_english_with_lang_en() {
    for args in [
        vec!["--help"],
        vec!["takst", "--help"],
        vec!["validate", "-h"],
    ] {
        let run = Test::new().args(&args).run();
        run.code(0);
        for word in CLAP_ENGLISH {
            assert!(
                !run.stdout.contains(word),
                "{args:?}: {word}\n{}",
                run.stdout
            );
        }
        assert!(run.stdout.contains("Brug: ramme"), "{}", run.stdout);
        assert!(run.stdout.contains("Tilvalg:"), "{}", run.stdout);
        assert!(run.stdout.contains("Vis hjælp"), "{}", run.stdout);
    }
    let run = Test::new().args(&["--lang", "en", "takst", "--help"]).run();
    run.code(0);
    assert!(
        run.stdout.contains("Usage: ramme takst [OPTIONS]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("This year's tariff reports"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Print help"), "{}", run.stdout);
    // The config's language counts too.
    let run = Test::new()
        .file("ramme.toml", "lang = \"en\"\n")
        .args(&["--help"])
        .run();
    assert!(run.stdout.contains("Commands:"), "{}", run.stdout);
}

#[test]
fn usage_errors_are_danish_with_exit_2() {
    let run = Test::new().args(&["takst", "--formt", "json", "x"]).run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "fejl: ukendt tilvalg '--formt'\n\n  tip: mente du '--format'?\n\n\
Brug: ramme takst [TILVALG] [INPUTS]...\n\nSe mere med 'ramme takst --help'.\n"
    );
    let run = Test::new().args(&["takst", "--pl", "x", "a.csv"]).run();
    run.code(2);
    assert!(
        run.stderr.starts_with(
            "fejl: ugyldig værdi 'x' til --pl <PCT>: forventede et tal i procent, f.eks. 1,6 eller -1\n"
        ),
        "{}",
        run.stderr
    );
    let run = Test::new()
        .args(&["takst", "--format", "pdf", "a.csv"])
        .run();
    run.code(2);
    assert!(
        run.stderr
            .contains("mulige værdier: text, json, csv, xlsx, md"),
        "{}",
        run.stderr
    );
    let run = Test::new().args(&["takst"]).run();
    run.code(2);
    assert!(
        run.stderr.starts_with("fejl: mangler <INPUTS>"),
        "{}",
        run.stderr
    );
    for word in CLAP_ENGLISH {
        assert!(!run.stderr.contains(word), "{word}");
    }
    let run = Test::new().args(&["--lang", "en", "takst"]).run();
    run.code(2);
    assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
}

#[test]
fn an_output_name_without_a_known_extension_is_refused() {
    let run = Test::new()
        .file("a.csv", "Kommune;Befolkning\nAalborg;100\n")
        .args(&["validate", "a.csv", "-o", "val.pdf"])
        .run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "ramme: forkert brug: val.pdf har ingen kendt endelse; brug en af .txt, .json, .csv, .md, .xlsx eller vælg formatet med --format\n"
    );
    assert!(!run.dir.join("val.pdf").exists());
    // Said with --format, any name is fine; the file is announced.
    let run = Test::new()
        .file("a.csv", "Kommune;Befolkning\nAalborg;100\n")
        .args(&["validate", "a.csv", "--format", "text", "-o", "val.log"])
        .run();
    run.code(0);
    assert_eq!(run.stderr, "Skrev val.log.\n");
    let quiet = Test::new()
        .file("a.csv", "Kommune;Befolkning\nAalborg;100\n")
        .args(&["--quiet", "validate", "a.csv", "-o", "val.json"])
        .run();
    quiet.code(0);
    assert_eq!(quiet.stderr, "");
}

#[test]
fn os_errors_are_said_in_danish() {
    let run = Test::new()
        .file("a.csv", "Kommune;Befolkning\nAalborg;100\n")
        .args(&["validate", "a.csv", "-o", "mangler/val.json"])
        .run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "ramme: kan ikke skrive mangler/val.json: mappen findes ikke\n"
    );
    // The same from the xlsx writer.
    let run = Test::new()
        .file("a.csv", "Kommune;Befolkning\nAalborg;100\n")
        .args(&[
            "finansiering",
            "a.csv",
            "--amount",
            "100",
            "-o",
            "mangler/f.xlsx",
        ])
        .run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "ramme: kan ikke skrive mangler/f.xlsx: mappen findes ikke\n"
    );
}

#[test]
fn color_always_and_never() {
    let dir = format!("{}/examples/2017", env!("CARGO_MANIFEST_DIR"));
    let always = Test::new()
        .args(&["--color", "always", "tilbud", &dir])
        .run();
    assert!(always.stdout.contains("\x1b[1m"), "{}", always.stdout);
    let never = Test::new()
        .args(&["--color", "never", "tilbud", &dir])
        .run();
    assert!(!never.stdout.contains('\x1b'));
}
