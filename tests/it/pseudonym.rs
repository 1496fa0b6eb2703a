//! `ramme pseudonym`: stable codes, no CPR number ever written or printed.

use crate::harness::Test;

// Synthetic CPR-shaped values, for the masking tests only.
const CPR_A: &str = "010190-1234";
const CPR_A_PLAIN: &str = "0101901234";
const CPR_B: &str = "150285-4321";
const CPR_IN_NOTE: &str = "020304-1234";

fn list(cpr_first: &str, cpr_second: &str) -> String {
    format!(
        "CPR;Betalingskommune;Tilbudsnr;Paragraf;Udgift;Bemærkning\n\
{cpr_first};Aalborg;1001;SEL §108;62.000,00;\n\
{cpr_second};Aalborg;1002;SEL §104;10.000,00;se {CPR_IN_NOTE}\n"
    )
}

fn codes(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| {
            l.trim_start_matches('\u{feff}')
                .split(';')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[test]
fn same_key_same_codes_other_key_other_codes_and_no_cpr_anywhere() {
    let run = Test::new()
        .file("2016.csv", list(CPR_A, CPR_B))
        .file("2017.csv", list(CPR_B, CPR_A_PLAIN))
        .args(&[
            "pseudonym",
            "--new-key",
            "noegle.key",
            "--column",
            "cpr",
            "2016.csv",
            "-o",
            "ud2016.csv",
        ])
        .run();
    run.code(0);
    let dir = run.dir.clone();
    let ramme = env!("CARGO_BIN_EXE_ramme");
    let again = std::process::Command::new(ramme)
        .args([
            "pseudonym",
            "--key",
            "noegle.key",
            "--column",
            "CPR",
            "2017.csv",
            "-o",
            "ud2017.xlsx",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    let first = std::fs::read_to_string(dir.join("ud2016.csv")).unwrap();
    let a = codes(&first);
    assert_eq!(a.len(), 2);
    assert!(
        a.iter().all(|c| c.starts_with("PK-") && c.len() == 19),
        "{a:?}"
    );
    assert_ne!(a[0], a[1]);
    // The same persons in another file, order and form: the same codes.
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(dir.join("ud2017.xlsx")).unwrap();
    let range = wb.worksheet_range("Borgerliste").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("Personkode".into()))
    );
    assert_eq!(range.get_value((1, 0)), Some(&Data::String(a[1].clone())));
    assert_eq!(range.get_value((2, 0)), Some(&Data::String(a[0].clone())));
    // Nothing CPR-shaped in any output or message.
    let xlsx_text: String = range
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    for text in [
        &first,
        &xlsx_text,
        &run.stdout,
        &run.stderr,
        &String::from_utf8_lossy(&again.stdout).to_string(),
    ] {
        for cpr in [CPR_A, CPR_A_PLAIN, CPR_B, CPR_IN_NOTE, "010190", "150285"] {
            assert!(!text.contains(cpr), "{cpr} leaked into {text}");
        }
    }
    assert!(first.contains("se ******-****"));
    // The output is a borgerliste that validates clean.
    let check = std::process::Command::new(ramme)
        .args(["validate", "ud2016.csv"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // Another key: unrelated codes.
    let other = std::process::Command::new(ramme)
        .args([
            "pseudonym",
            "--new-key",
            "anden.key",
            "--column",
            "cpr",
            "2016.csv",
            "-o",
            "anden.csv",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(0));
    let b = codes(&std::fs::read_to_string(dir.join("anden.csv")).unwrap());
    assert!(a.iter().all(|c| !b.contains(c)));
}

#[test]
fn invalid_values_are_reported_by_cell_and_masked() {
    let run = Test::new()
        .file(
            "k.key",
            "# nøgle\n0707070707070707070707070707070707070707070707070707070707070707\n",
        )
        .file("liste.csv", list(CPR_A, "32019012345"))
        .args(&[
            "pseudonym",
            "--key",
            "k.key",
            "--column",
            "CPR",
            "liste.csv",
            "-o",
            "ud.csv",
        ])
        .run();
    run.code(1);
    assert!(
        run.stdout
            .contains("fejl     A3       værdien (******) er ikke et gyldigt CPR-nummer"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("advarsel F3"), "{}", run.stdout);
    assert!(!run.stdout.contains("32019012345"));
}

#[test]
fn keys_are_never_overwritten_and_outputs_never_inputs() {
    let run = Test::new()
        .file("k.key", "x")
        .args(&["pseudonym", "--new-key", "k.key"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("findes allerede"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(run.dir.join("k.key")).unwrap(), "x");
    let run = Test::new()
        .file("liste.csv", list(CPR_A, CPR_B))
        .args(&[
            "pseudonym",
            "--new-key",
            "n.key",
            "--column",
            "CPR",
            "liste.csv",
            "-o",
            "liste.csv",
        ])
        .run();
    run.code(2);
    assert_eq!(
        std::fs::read_to_string(run.dir.join("liste.csv")).unwrap(),
        list(CPR_A, CPR_B)
    );
    // No such column: nothing written.
    let run = Test::new()
        .file("liste.csv", list(CPR_A, CPR_B))
        .args(&[
            "pseudonym",
            "--new-key",
            "n.key",
            "--column",
            "Personnummer",
            "liste.csv",
            "-o",
            "ud.csv",
        ])
        .run();
    run.code(1);
    assert!(!run.dir.join("ud.csv").exists());
}
