//! `ramme status`: who has sent what, against the deadline, with missing,
//! faulty, unit and unexpected senders.

use crate::harness::Test;
use chrono::TimeZone;
use serde_json::{json, Value};
use std::path::Path;

const TAKST_HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takstgrundlag;Takst;Status\n";

fn takst(rows: &[(&str, &str, &str)]) -> String {
    let mut s = TAKST_HEADER.to_string();
    for (driftsherre, nr, places) in rows {
        s.push_str(&format!(
            "{driftsherre};{nr};Bostedet {nr};SEL §108;Udviklingshæmmede;Døgntakst;{places};95;;2.150,00;Fortsætter\n"
        ));
    }
    s
}

const BORGER: &str = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Takst;Dage;Udgift\n\
PK-AAAAAAAAAAAAAAAA;Hjørring;860011;SEL §108;2.150,00;31;66.650,00\n";

const CONFIG: &str = "[samarbejde]\nregion = \"Nordjylland\"\n\n\
[status]\ndeadline = \"01-03-2017\"\n\n\
[[status.sender]]\nname = \"Aalborg ÆH\"\ncontact = \"Karen Eksempel\"\nemail = \"ke@example.dk\"\n\n\
[[status.sender]]\nname = \"Hjørring Kommune\"\ncontact = \"Jens Eksempel\"\nemail = \"je@example.dk\"\n";

/// Sets a file's modification time to noon, local time, of a date.
fn touch(path: &Path, y: i32, m: u32, d: u32) {
    let when = chrono::Local
        .with_ymd_and_hms(y, m, d, 12, 0, 0)
        .single()
        .unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(std::time::SystemTime::from(when))
        .unwrap();
}

fn year() -> Test {
    Test::new()
        .file("ramme.toml", CONFIG)
        // Named after Hjørring, sent by Aalborg: the content decides.
        .file(
            "ind/takst_hjoerring.csv",
            // The error in Aalborg's row is Aalborg's, not the unit's.
            takst(&[("Aalborg ÆH", "851001", "10"), ("Aalborg", "851002", "0")]),
        )
        .file("ind/takst_2.csv", takst(&[("Hjørring", "860011", "0")]))
        .file("ind/borger_2.csv", BORGER)
        .file(
            "ind/takst_region.csv",
            takst(&[("Region Nordjylland", "108101", "8")]),
        )
        .file("ind/takst_vejle.csv", takst(&[("Vejle", "630001", "5")]))
}

fn touch_all(dir: &Path) {
    touch(&dir.join("ind/takst_hjoerring.csv"), 2017, 2, 20);
    // On the deadline is in time; the day after is late.
    touch(&dir.join("ind/takst_2.csv"), 2017, 3, 1);
    touch(&dir.join("ind/borger_2.csv"), 2017, 3, 2);
    touch(&dir.join("ind/takst_region.csv"), 2017, 1, 5);
    touch(&dir.join("ind/takst_vejle.csv"), 2017, 2, 1);
}

fn sender<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["senders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sender"] == name)
        .unwrap_or_else(|| panic!("no sender {name}: {json:#}"))
}

#[test]
fn the_matrix_shows_missing_faulty_unit_and_late_senders() {
    let test = year();
    let dir = test.path("");
    touch_all(&dir);
    let run = test.args(&["status", "ind", "--format", "json"]).run();
    run.code(1);
    let json = run.json();
    assert_eq!(json["region"], "Region Nordjylland");
    assert_eq!(json["deadline"], "2017-03-01");
    // 11 kommuner, the region, the unit and the sender nobody expected.
    assert_eq!(json["senders"].as_array().unwrap().len(), 14);

    let unit = sender(&json, "Aalborg ÆH");
    assert_eq!(unit["contact"], "Karen Eksempel <ke@example.dk>");
    let t = &unit["submissions"]["takstindberetning"];
    assert_eq!(
        (
            t["files"].clone(),
            t["rows"].clone(),
            t["errors"].clone(),
            t["status"].clone()
        ),
        (json!(1), json!(1), json!(0), json!("ok"))
    );
    assert_eq!(t["late"], false);
    assert!(unit["submissions"].get("borgerliste").is_none());

    let aalborg = sender(&json, "Aalborg");
    assert_eq!(aalborg["contact"], Value::Null);
    assert_eq!(aalborg["submissions"]["takstindberetning"]["rows"], 1);
    assert_eq!(
        aalborg["submissions"]["takstindberetning"]["status"],
        "errors"
    );
    assert_eq!(aalborg["submissions"]["takstindberetning"]["errors"], 1);
    assert_eq!(aalborg["submissions"]["borgerliste"]["status"], "missing");
    assert_eq!(aalborg["submissions"]["borgerliste"]["files"], 0);

    let hjoerring = sender(&json, "Hjørring");
    assert_eq!(hjoerring["contact"], "Jens Eksempel <je@example.dk>");
    let t = &hjoerring["submissions"]["takstindberetning"];
    assert_eq!(t["status"], "errors");
    assert_eq!(t["errors"], 1);
    assert_eq!(t["late"], false);
    let b = &hjoerring["submissions"]["borgerliste"];
    assert_eq!(b["status"], "ok");
    assert_eq!(b["late"], true);
    assert_eq!(b["modified"], "2017-03-02");

    let region = sender(&json, "Region Nordjylland");
    assert_eq!(region["submissions"]["takstindberetning"]["status"], "ok");
    assert!(region["submissions"].get("borgerliste").is_none());

    let vejle = sender(&json, "Vejle");
    assert_eq!(vejle["expected"], false);
    assert_eq!(vejle["submissions"]["takstindberetning"]["status"], "ok");

    let missing = json["missing"].as_array().unwrap();
    assert!(missing.contains(
        &json!({"sender": "Brønderslev", "schema": "takstindberetning", "contact": null})
    ));
    assert!(
        missing.contains(&json!({"sender": "Aalborg", "schema": "borgerliste", "contact": null}))
    );
    // 9 kommuner without anything (2 each) and Aalborg's borgerliste.
    assert_eq!(missing.len(), 19, "{missing:#?}");
    assert!(!missing
        .iter()
        .any(|m| m["sender"] == "Hjørring" || m["sender"] == "Aalborg ÆH"));
    assert_eq!(
        json["to_fix"],
        json!([
            {"sender": "Aalborg", "schema": "takstindberetning", "contact": null, "errors": 1},
            {"sender": "Hjørring", "schema": "takstindberetning", "contact": "Jens Eksempel <je@example.dk>", "errors": 1},
        ])
    );
    let files = json["files"].as_array().unwrap();
    let file = |name: &str| {
        files
            .iter()
            .find(|f| f["path"] == format!("ind/{name}"))
            .unwrap()
            .clone()
    };
    assert_eq!(
        file("takst_hjoerring.csv")["senders"],
        json!(["Aalborg", "Aalborg ÆH"])
    );
    assert_eq!(file("takst_2.csv")["late"], false);
    assert_eq!(file("borger_2.csv")["late"], true);
}

#[test]
fn the_text_lists_whom_to_chase_with_contact() {
    let test = year();
    touch_all(&test.path(""));
    let run = test.args(&["status", "ind"]).run();
    run.code(1);
    let out = &run.stdout;
    assert!(
        out.contains("Indberetninger Region Nordjylland · frist 01-03-2017"),
        "{out}"
    );
    let line = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}:\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("Hjørring "),
        "Hjørring 1 fejl modtaget · for sent Jens Eksempel <je@example.dk>"
    );
    assert_eq!(line("Brønderslev "), "Brønderslev MANGLER MANGLER");
    assert_eq!(
        line("Vejle (ikke forventet)"),
        "Vejle (ikke forventet) modtaget –"
    );
    assert!(out.contains("Skal rykkes"), "{out}");
    assert!(
        out.lines().any(|l| {
            l.split_whitespace().collect::<Vec<_>>().join(" ")
            == "Hjørring takstindberetning 1 fejl: ret og send igen Jens Eksempel <je@example.dk>"
        }),
        "{out}"
    );
}

#[test]
fn everyone_in_and_clean_exits_0_and_the_deadline_flag_wins() {
    let config = "[[status.sender]]\nname = \"Aalborg ÆH\"\n\n[[status.sender]]\nname = \"Rebild\"\nschemas = [\"takstindberetning\"]\n";
    let test = Test::new().file("ramme.toml", config).file(
        "a.csv",
        takst(&[("Aalborg ÆH", "851001", "10"), ("Rebild", "840001", "4")]),
    );
    touch(&test.path("a.csv"), 2017, 3, 10);
    let run = test
        .args(&[
            "status",
            "a.csv",
            "--format",
            "json",
            "--deadline",
            "10-03-2017",
        ])
        .run();
    run.code(0);
    let json = run.json();
    assert_eq!(json["region"], Value::Null);
    assert_eq!(json["deadline"], "2017-03-10");
    assert_eq!(json["missing"], json!([]));
    assert_eq!(json["senders"].as_array().unwrap().len(), 2);
    assert_eq!(
        sender(&json, "Rebild")["submissions"]["takstindberetning"]["late"],
        false
    );

    // One day earlier, the same file is late (and still exit 0: late is a mark).
    let test = Test::new().file("ramme.toml", config).file(
        "a.csv",
        takst(&[("Aalborg ÆH", "851001", "10"), ("Rebild", "840001", "4")]),
    );
    touch(&test.path("a.csv"), 2017, 3, 10);
    let run = test
        .args(&[
            "status",
            "a.csv",
            "--format",
            "json",
            "--deadline",
            "09-03-2017",
        ])
        .run();
    run.code(0);
    assert_eq!(
        sender(&run.json(), "Rebild")["submissions"]["takstindberetning"]["late"],
        true
    );
}

#[test]
fn bad_region_deadline_or_no_senders_is_a_usage_error() {
    let run = Test::new()
        .file("a.csv", takst(&[("Aalborg", "851001", "10")]))
        .args(&["status", "a.csv", "--region", "Aalborg"])
        .run();
    run.code(2);
    assert!(
        run.stderr.contains("\"Aalborg\" er ikke en region"),
        "{}",
        run.stderr
    );
    let run = Test::new()
        .file("a.csv", takst(&[("Aalborg", "851001", "10")]))
        .args(&["status", "a.csv"])
        .run();
    run.code(2);
    assert!(
        run.stderr
            .contains("status skal vide, hvem der skal indsende"),
        "{}",
        run.stderr
    );
    let run = Test::new()
        .file("a.csv", takst(&[("Aalborg", "851001", "10")]))
        .args(&[
            "status",
            "a.csv",
            "--region",
            "Nordjylland",
            "--deadline",
            "31-02-2017",
        ])
        .run();
    run.code(2);
}

#[test]
fn the_status_workbook_and_markdown() {
    let test = year();
    touch_all(&test.path(""));
    let run = test.args(&["status", "ind", "-o", "status.xlsx"]).run();
    run.code(1);
    use calamine::{open_workbook, Reader, Xlsx};
    let wb: Xlsx<_> = open_workbook(run.dir.join("status.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Status", "Filer", "Rykkes"]);
    let md = year().args(&["status", "ind", "--format", "md"]).run();
    md.code(1);
    assert!(
        md.stdout.contains("| Brønderslev | MANGLER | MANGLER |"),
        "{}",
        md.stdout
    );
}

#[test]
fn accounts_are_read_for_their_driftsherre() {
    // The regnskab schema names its sender (`sender = "driftsherre"`), so
    // the accounts count for the kommuner that sent them, not as files
    // without a sender.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/2015");
    let run = Test::new()
        .file("ramme.toml", "[status]\nschemas = [\"regnskab\"]\n")
        .file(
            "ind/regnskab_2015.csv",
            std::fs::read(root.join("regnskab_2015.csv")).unwrap(),
        )
        .args(&[
            "status",
            "ind",
            "--region",
            "Nordjylland",
            "--format",
            "json",
        ])
        .run();
    let json = run.json();
    let file = &json["files"][0];
    assert_eq!(file["schemas"], json!(["regnskab"]), "{json:#}");
    assert_eq!(
        file["senders"],
        json!([
            "Hjørring",
            "Rebild",
            "Region Nordjylland",
            "Vesthimmerlands"
        ])
    );
    assert_eq!(
        sender(&json, "Rebild")["submissions"]["regnskab"]["status"],
        "ok"
    );
    assert_eq!(
        sender(&json, "Thisted")["submissions"]["regnskab"]["status"],
        "missing"
    );
}
