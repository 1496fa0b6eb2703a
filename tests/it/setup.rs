//! Setting up: `ramme init` then `ramme bilag`, the man pages, and a closed
//! pipe ending a run quietly.

use crate::harness::Test;
use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn init_writes_a_bilag_section_and_bilag_says_what_to_fill_in() {
    let run = Test::new().args(&["init"]).run();
    run.code(0);
    assert_eq!(run.stderr, "Skrev ramme.toml.\n");
    let toml = std::fs::read_to_string(run.dir.join("ramme.toml")).unwrap();
    for key in [
        "[bilag]",
        "takst = []",
        "borgerliste_before = []",
        "udmelding = []",
    ] {
        assert!(toml.contains(key), "{key}\n{toml}");
    }
    assert!(!toml.contains("examples/"), "{toml}");
    let bilag = Test::new()
        .file("ramme.toml", &toml)
        .args(&["bilag", "-o", "bilag.xlsx"])
        .run();
    bilag.code(2);
    assert!(
        bilag.stderr.starts_with(
            "ramme: konfigurationen ramme.toml kan ikke bruges: bilaget har ingen inddata. Skriv i [bilag]"
        ),
        "{}",
        bilag.stderr
    );
    assert!(
        bilag.stderr.contains("takst = [\"2017\"]"),
        "{}",
        bilag.stderr
    );
    assert!(!bilag.stderr.contains("examples/"), "{}", bilag.stderr);
}

#[test]
fn a_man_page_for_every_command_with_exit_status_and_examples() {
    let run = Test::new().args(&["manpage", "-o", "man"]).run();
    run.code(0);
    let dir = run.dir.join("man");
    let commands = [
        "validate",
        "tilbud",
        "takst",
        "takstanalyse",
        "udgift",
        "kriterier",
        "udmelding",
        "finansiering",
        "pseudonym",
        "bilag",
        "skabelon",
        "init",
        "completions",
        "manpage",
    ];
    let main = std::fs::read_to_string(dir.join("ramme.1")).unwrap();
    for command in commands {
        let page = std::fs::read_to_string(dir.join(format!("ramme-{command}.1")))
            .unwrap_or_else(|_| panic!("no page for {command}"));
        assert!(page.contains(".SH \"EXIT STATUS\""), "{command}");
        assert!(page.contains(".SH EXAMPLES"), "{command}");
        assert!(
            main.contains(&format!("ramme\\-{command}\\fR(1)")),
            "{command}"
        );
    }
    // Every page the main page names exists.
    for name in main.split("\\fBramme\\-").skip(1) {
        let name = name.split('\\').next().unwrap();
        assert!(dir.join(format!("ramme-{name}.1")).exists(), "{name}");
    }
    // On standard output only the main page, which names no other page.
    let stdout = Test::new().args(&["manpage"]).run();
    stdout.code(0);
    assert!(stdout.stdout.contains(".SH \"EXIT STATUS\""));
    assert!(!stdout.stdout.contains("(1)") || !stdout.stdout.contains("ramme\\-validate"));
}

/// Runs ramme with its standard output closed before it writes (the
/// reading end is dropped at once; ramme takes milliseconds to start).
fn closed_pipe(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramme"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), stderr)
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    for args in [
        vec!["completions", "fish"],
        vec!["completions", "bash"],
        vec!["manpage"],
        vec!["--help"],
        vec!["tilbud", "examples/2017", "--previous", "examples/2016"],
        vec!["takst", "examples/2017", "--format", "csv"],
    ] {
        let (code, stderr) = closed_pipe(&args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
