//! Outputs never replace what the run read: inputs, the config file,
//! schema files and key files are refused as `-o` (exit 2), and a key that
//! could not be written leaves no file behind.

use crate::harness::Test;

const BEFOLKNING: &str = "Kommune;Befolkning\nLæsø;1803\n";

#[test]
fn the_config_is_never_an_output() {
    let config = "[bilag]\nyear = 2017\nbefolkning = [\"b.csv\"]\n";
    let run = Test::new()
        .file("ramme.toml", config)
        .file("b.csv", BEFOLKNING)
        .args(&["bilag", "--format", "md", "-o", "ramme.toml"])
        .run();
    run.code(2);
    assert_eq!(
        run.stderr,
        "ramme: uddata ramme.toml er også en inddatafil; ramme overskriver aldrig en inddatafil\n"
    );
    assert_eq!(
        std::fs::read_to_string(run.dir.join("ramme.toml")).unwrap(),
        config
    );
    // Also for other commands and a config named with --config.
    let run = Test::new()
        .file("mit.toml", "lang = \"da\"\n")
        .file("b.csv", BEFOLKNING)
        .args(&[
            "--config",
            "mit.toml",
            "validate",
            "b.csv",
            "-o",
            "./mit.toml",
        ])
        .run();
    run.code(2);
    assert_eq!(
        std::fs::read_to_string(run.dir.join("mit.toml")).unwrap(),
        "lang = \"da\"\n"
    );
}

#[test]
fn schema_files_are_never_an_output() {
    let schema = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data-schema/befolkning.toml"),
    )
    .unwrap();
    let run = Test::new()
        .file("skemaer/befolkning.toml", &schema)
        .file("b.csv", BEFOLKNING)
        .args(&[
            "--schema-dir",
            "skemaer",
            "validate",
            "b.csv",
            "-o",
            "skemaer/befolkning.toml",
        ])
        .run();
    run.code(2);
    assert_eq!(
        std::fs::read_to_string(run.dir.join("skemaer/befolkning.toml")).unwrap(),
        schema
    );
    // Another name in the folder is fine.
    let run = Test::new()
        .file("skemaer/befolkning.toml", &schema)
        .file("b.csv", BEFOLKNING)
        .args(&[
            "--schema-dir",
            "skemaer",
            "validate",
            "b.csv",
            "-o",
            "ud.txt",
        ])
        .run();
    run.code(0);
}

#[test]
fn key_files_are_never_an_output() {
    let list = "CPR;Note\n150285-4321;x\n";
    let run = Test::new()
        .file("l.csv", list)
        .args(&["pseudonym", "--new-key", "k.key"])
        .run();
    run.code(0);
    let key = std::fs::read_to_string(run.dir.join("k.key")).unwrap();
    let run = Test::new()
        .file("l.csv", list)
        .file("k.key", &key)
        .args(&[
            "pseudonym",
            "--key",
            "k.key",
            "--column",
            "CPR",
            "l.csv",
            "-o",
            "./k.key",
        ])
        .run();
    run.code(2);
    assert_eq!(std::fs::read_to_string(run.dir.join("k.key")).unwrap(), key);
}

#[test]
fn a_key_that_cannot_be_written_leaves_nothing() {
    let run = Test::new()
        .args(&["pseudonym", "--new-key", "mangler/k.key"])
        .run();
    run.code(2);
    assert!(!run.dir.join("mangler").exists());
    // An existing key is never replaced, and nothing else is left behind.
    let run = Test::new()
        .file("k.key", "gammel")
        .args(&["pseudonym", "--new-key", "k.key"])
        .run();
    run.code(2);
    assert_eq!(
        std::fs::read_to_string(run.dir.join("k.key")).unwrap(),
        "gammel"
    );
    let names: Vec<_> = std::fs::read_dir(&run.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["k.key"]);
    // A key written: only the key, no temporary file.
    let run = Test::new()
        .args(&["pseudonym", "--new-key", "ny.key"])
        .run();
    run.code(0);
    let names: Vec<_> = std::fs::read_dir(&run.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ny.key"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(run.dir.join("ny.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
