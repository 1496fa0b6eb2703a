//! Hostile files: each would abort, hang or swamp a run that reads it
//! without a budget. Every one is made here (small on disk, huge in what it
//! claims) and must end as a `file-error` naming the limit while the other
//! files of the run are still validated.

mod files;

use crate::harness::{f, Test};
use files::*;

/// A budget that makes the limits bite quickly in a debug build.
const BUDGET: &str = "[validate]\nmax_memory_mb = 512\nmax_read_seconds = 4\n";

const GOOD_CSV: &str = "Kommune;Befolkning\nLæsø;1803\nRebild;29495\n";

// ------------------------------------------------------------ the tests

/// (name, bytes, what the file-error message must contain)
fn hostile_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        (
            "h01_delte_strenge.xlsx",
            shared_strings_claim(),
            "MiB hukommelse",
        ),
        ("h02_dimensioner.xls", xls_dimensions(), "MiB hukommelse"),
        ("h03_fat_loekke.xls", xls_fat_loop(), "MiB hukommelse"),
        ("h04_bred_celle.ods", ods_wide_cell(), "MiB hukommelse"),
        ("h05_mange_raekker.ods", ods_many_rows(), "MiB hukommelse"),
        (
            "h06_afkortet.ods",
            ods_truncated(),
            "kunne ikke læses på 4 sekunder",
        ),
        ("h07_oppustet.xlsx", inflating_xlsx(), "i [validate]"),
        ("h08_fjern_celle.xls", xls_far_cell(), "MiB hukommelse"),
        (
            "h09_en_linje.csv",
            csv_one_line(),
            "Linje 2 har mere end 16.384 kolonner",
        ),
    ]
}

#[cfg(unix)]
fn peak_child_rss_mb() -> i64 {
    // SAFETY: getrusage fills the struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss / 1024
}

#[test]
fn every_hostile_file_is_a_file_error_and_the_good_ones_are_validated() {
    let mut test = Test::new()
        .file("ramme.toml", BUDGET)
        .file("mappe/a_god.csv", GOOD_CSV)
        .file("mappe/b_god.xlsx", good_xlsx())
        .file("mappe/c_god.ods", ods_good());
    let hostile = hostile_files();
    for (name, bytes, _) in &hostile {
        test = test.file(&format!("mappe/{name}"), bytes);
    }
    let run = test.args(&["validate", "--format", "json", "mappe"]).run();
    run.code(1);
    let json = run.json();
    let files = json["files"].as_array().unwrap();
    let good: Vec<(&str, &str, u64)> = files
        .iter()
        .filter(|f| f["errors"] == 0)
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["schema"].as_str().unwrap_or("-"),
                f["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        good,
        [
            ("mappe/a_god.csv", "befolkning", 2),
            ("mappe/b_god.xlsx", "befolkning", 1),
            ("mappe/c_god.ods", "befolkning", 1)
        ]
    );
    let findings = json["findings"].as_array().unwrap();
    for (name, _, wanted) in &hostile {
        let path = format!("mappe/{name}");
        let mine: Vec<_> = findings
            .iter()
            .filter(|f| f["path"] == path && f["severity"] == "error")
            .collect();
        assert_eq!(mine.len(), 1, "{name}: {mine:?}");
        assert_eq!(mine[0]["code"], "file-error", "{name}");
        let message = mine[0]["message"].as_str().unwrap();
        assert!(message.contains(wanted), "{name}: {message}");
    }
    #[cfg(unix)]
    {
        let peak = peak_child_rss_mb();
        assert!(peak < 1024, "peak {peak} MB");
    }
}

#[test]
fn english_limit_messages() {
    let run = Test::new()
        .file("ramme.toml", BUDGET)
        .file("a.ods", ods_truncated())
        .args(&["validate", "--lang", "en", "--format", "json", "a.ods"])
        .run();
    run.code(1);
    assert_eq!(
        run.json()["findings"][0]["message"],
        "The file could not be read in 4 seconds (max_read_seconds in [validate]); it is too large or damaged."
    );
}

#[test]
fn a_header_cell_far_beyond_xfd_costs_nothing() {
    let run = Test::new()
        .file("fjern.xlsx", far_header_xlsx())
        .args(&["validate", "--format", "json", "fjern.xlsx"])
        .run();
    run.code(0);
    assert_eq!(
        run.findings(),
        vec![f("unknown-column", "FXSHRXW1", "warning")]
    );
    assert_eq!(run.json()["files"][0]["rows"], 1);
}

#[test]
fn an_infinite_date_is_a_type_error_of_its_cell() {
    let run = Test::new()
        .file("udmelding.xlsx", infinite_date_xlsx())
        .args(&["validate", "--format", "json", "udmelding.xlsx"])
        .run();
    run.code(1);
    assert_eq!(run.findings(), vec![f("type-error", "E2", "error")]);
    assert_eq!(run.json()["files"][0]["rows"], 2);
}

#[test]
fn csv_columns_are_capped_at_excels_width() {
    let line = |n: usize| vec!["1"; n].join(";");
    for (n, ok) in [(16_384, true), (16_385, false)] {
        let body = format!("Kommune;Befolkning\nLæsø;1803\n{}\nRebild;29495\n", line(n));
        let run = Test::new()
            .file("a.csv", body)
            .args(&["validate", "--format", "json", "a.csv"])
            .run();
        let findings = run.json()["findings"].as_array().unwrap().clone();
        let limit: Vec<_> = findings
            .iter()
            .filter(|f| f["code"] == "file-error")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect();
        if ok {
            assert!(limit.is_empty(), "{n}: {limit:?}");
            assert_eq!(run.json()["files"][0]["rows"], 3);
        } else {
            assert_eq!(
                limit,
                ["Linje 3 har mere end 16.384 kolonner (Excels grænse); filen læses ikke videre."]
            );
            // The rows before the long line were read.
            assert_eq!(run.json()["files"][0]["rows"], 1);
        }
    }
}

#[test]
fn a_csv_record_is_capped_at_32_mib() {
    let field = |n: usize| "x".repeat(n);
    // 32 MiB of record (fields and their ends) fit; one more byte does not.
    for (n, ok) in [(32 * 1024 * 1024 - 7, true), (32 * 1024 * 1024 + 1, false)] {
        let body = format!("Kommune;Befolkning\n\"{}\";1\n", field(n));
        let run = Test::new()
            .file("a.csv", body)
            .args(&["validate", "--format", "json", "a.csv"])
            .run();
        let messages: Vec<String> = run.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "file-error")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect();
        if ok {
            assert!(messages.is_empty(), "{n}: {messages:?}");
        } else {
            // The header was read, then the reader stopped.
            assert_eq!(
                messages,
                [
                    "Filen har en overskriftsrække men ingen datarækker.",
                    "Linje 2 er længere end 32 MiB; filen læses ikke videre."
                ]
            );
        }
    }
}

#[test]
fn a_file_over_max_file_mb_is_not_read() {
    let mut body = GOOD_CSV.as_bytes().to_vec();
    body.resize(1024 * 1024 + 1, b'\n');
    let run = Test::new()
        .file("ramme.toml", "[validate]\nmax_file_mb = 1\n")
        .file("a.csv", &body)
        .file("b.csv", GOOD_CSV)
        .args(&["validate", "--format", "json", "a.csv", "b.csv"])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(
        json["findings"][0]["message"],
        "Filen fylder 2 MiB, mere end grænsen på 1 MiB (max_file_mb i [validate]), og læses ikke."
    );
    assert_eq!(json["findings"].as_array().unwrap().len(), 1);
    assert_eq!(json["files"][1]["rows"], 2);
    // At the limit it is read.
    body.truncate(1024 * 1024);
    let run = Test::new()
        .file("ramme.toml", "[validate]\nmax_file_mb = 1\n")
        .file("a.csv", &body)
        .args(&["validate", "--format", "json", "a.csv"])
        .run();
    run.code(0);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_opening_it() {
    let test = Test::new().file("b.csv", GOOD_CSV);
    let fifo = test.path("a.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string for the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let run = test
        .args(&["validate", "--format", "json", "a.csv", "b.csv"])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(run.findings(), vec![f("file-error", "-", "error")]);
    assert!(json["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Det er ikke en almindelig fil"));
    assert_eq!(json["files"][1]["rows"], 2);
}

#[test]
fn invalid_utf8_after_a_bom_is_read_with_a_warning() {
    let mut body = b"\xEF\xBB\xBFKommune;Befolkning\nL\xE6s\xF8;1803\nRebild;29495\n".to_vec();
    body.extend_from_slice("Ærø;6000\n".as_bytes());
    let run = Test::new()
        .file("a.csv", &body)
        .args(&["validate", "--format", "json", "a.csv"])
        .run();
    let json = run.json();
    assert_eq!(json["files"][0]["rows"], 3, "{json}");
    assert_eq!(
        json["files"][0]["encoding"],
        "UTF-8 (BOM, invalid bytes replaced)"
    );
    let codes: Vec<_> = run.findings();
    assert_eq!(codes[0], f("file-error", "-", "warning"));
    assert!(json["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Filen begynder som UTF-8 (med BOM)"));
}

#[test]
fn findings_are_capped_in_memory_even_when_all_are_asked_for() {
    let mut body = String::from("Kommune;Befolkning\n");
    for _ in 0..100_010 {
        body.push_str("Aalborg;mange\n");
    }
    let run = Test::new()
        .file("a.csv", &body)
        .args(&[
            "validate",
            "--max-findings",
            "0",
            "--format",
            "json",
            "a.csv",
        ])
        .run();
    run.code(1);
    let json = run.json();
    // One type-error per row, and the key repeats from the second row on.
    assert_eq!(json["files"][0]["errors"], 100_010 * 2 - 1);
    assert_eq!(json["findings"].as_array().unwrap().len(), 100_000);
    assert_eq!(
        json["summary"]["omitted_findings"],
        100_010 * 2 - 1 - 100_000
    );
}

#[cfg(unix)]
#[test]
fn stale_temporary_files_of_dead_runs_are_swept() {
    let dead = {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    };
    let test = Test::new()
        .file("a.csv", GOOD_CSV)
        .file(&format!(".ud.json.ramme-tmp-{dead}"), "halvt skrevet")
        .file(
            &format!(".ud.json.ramme-tmp-{}", std::process::id()),
            "levende",
        );
    let run = test
        .args(&["validate", "--format", "json", "-o", "ud.json", "a.csv"])
        .run();
    run.code(0);
    let mut names: Vec<String> = std::fs::read_dir(&run.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let live = format!(".ud.json.ramme-tmp-{}", std::process::id());
    assert_eq!(names, [live.as_str(), "a.csv", "ud.json"]);
}

/// Writes the hostile folder of the first test (with its good files) to
/// `$RAMME_HOSTILE_DIR`, to measure a run by hand:
/// `RAMME_HOSTILE_DIR=/tmp/h cargo test --test it write_hostile_folder -- --ignored`,
/// then `/usr/bin/time -v ramme validate /tmp/h`.
#[test]
#[ignore]
fn write_hostile_folder() {
    let dir = std::path::PathBuf::from(std::env::var("RAMME_HOSTILE_DIR").unwrap());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a_god.csv"), GOOD_CSV).unwrap();
    std::fs::write(dir.join("b_god.xlsx"), good_xlsx()).unwrap();
    std::fs::write(dir.join("c_god.ods"), ods_good()).unwrap();
    for (name, bytes, _) in hostile_files() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Inputs the fuzzer found that abort calamine in-process (allocations of
/// what the file claims): through the binary each is a file-error of its
/// own, and the good file beside it is still read.
#[test]
fn fuzzer_finds_that_abort_calamine_are_file_errors() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-isolated/xls");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        let message = xls_beside_a_good_csv(&path);
        assert!(message.contains("MiB hukommelse"), "{path:?}: {message}");
    }
}

/// Validates the xls at `path` beside a good CSV: exit code 1, the xls's
/// first finding a file-error (its message is the answer), and the CSV's
/// two rows read.
fn xls_beside_a_good_csv(path: &std::path::Path) -> String {
    let run = Test::new()
        .file("ramme.toml", BUDGET)
        .file("a.xls", std::fs::read(path).unwrap())
        .file("b.csv", GOOD_CSV)
        .args(&["validate", "--format", "json", "a.xls", "b.csv"])
        .run();
    run.code(1);
    let json = run.json();
    let finding = &json["findings"][0];
    assert_eq!(finding["code"], "file-error", "{path:?}");
    assert_eq!(json["files"].as_array().unwrap().last().unwrap()["rows"], 2);
    finding["message"].as_str().unwrap().to_string()
}

/// A damaged xls whose sizes, read without overflow checks, ask for
/// petabytes (in-process that aborts; see excel/tests.rs). Through the
/// binary it is a file-error in any build: the reader child's memory cap
/// in a release build, where calamine's arithmetic wraps; calamine's
/// overflow panic, caught, in a debug build. The good file is still read.
#[test]
fn a_damaged_xls_that_claims_petabytes_is_a_file_error_in_any_build() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/damaged/offset-petabytes.xls");
    let message = xls_beside_a_good_csv(&path);
    let expected = if cfg!(debug_assertions) {
        "beskadiget Excel-fil"
    } else {
        "MiB hukommelse"
    };
    assert!(message.contains(expected), "{message}");
}
