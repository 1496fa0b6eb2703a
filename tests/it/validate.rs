//! `ramme validate`: exact findings, cells, exit codes and JSON keys.

use crate::harness::{f, Test};

const TAKST_HEADER: &str = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takstgrundlag;Takst;Status;Erstattes af;Bemærkning";

/// A clean takstindberetning as Danish Excel saves it: Windows-1252, `;`,
/// decimal commas, a title line and an empty line above the header.
fn clean_takst_1252() -> Vec<u8> {
    let text = "Takstindberetning 2017 – Hjørring Kommune;;;;;;;;;;;;;\r\n\
;;;;;;;;;;;;;\r\n\
Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takstgrundlag;Takst;Takst forrige år;Status;Erstattes af;Bemærkning\r\n\
Hjørring;10234;Bostedet Åbakken;SEL §108;Udviklingshæmmede;Døgntakst;10;95;6.935.000,00;2.000,00;2.010,00;Fortsætter;;\r\n\
Hjørring Kommune;10235;Dagcenter Søndergade;§ 104;udviklingshæmmede;Dagtakst;20;98 %;;650,50;655,00;Fortsætter;;\r\n\
Hjørring;10236;Rusmiddelcenter Øst;SUL §141;Alkoholmisbrugere;Timetakst;5;98,5;;1.250;;Ny;;Nyt tilbud 2017\r\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    bytes.into_owned()
}

#[test]
fn clean_windows_1252_csv_validates_with_exit_0() {
    let run = Test::new()
        .file("hjoerring_2017.csv", clean_takst_1252())
        .args(&["validate", "--format", "json", "hjoerring_2017.csv"])
        .run();
    run.code(0);
    let json = run.json();
    assert_eq!(run.findings(), vec![]);
    let file = &json["files"][0];
    assert_eq!(file["path"], "hjoerring_2017.csv");
    assert_eq!(file["schema"], "takstindberetning");
    assert!(file["sheet"].is_null());
    assert_eq!(file["rows"], 3);
    assert_eq!(file["errors"], 0);
    assert_eq!(file["warnings"], 0);
    assert_eq!(file["encoding"], "windows-1252");
    assert_eq!(file["delimiter"], ";");
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["rows"], 3);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 0);
}

fn planted_errors() -> String {
    [
        TAKST_HEADER,
        "Aalborg;1001;Bo A;SEL §107;Sindslidende;Døgntakst;0;95;1000000;1.500,00;Fortsætter;;",
        "Aalborg;1002;Bo B;SEL §107;Sindslidende;Døgntakst;10;120;;1.500,00;Fortsætter;;",
        "Aalborg;1003;Bo C;SEL §107;Sindslidende;Døgntakst;10;95;;12,5,3;Fortsætter;;",
        "Aalborgg;1004;Bo D;SEL §107;Sindslidende;Døgntakst;10;95;;1.500,00;Fortsætter;;",
        "Aalborg;1005;Bo E;SEL §999;Sindslidende;Døgntakst;10;95;;1.500,00;Fortsætter;;",
        "Aalborg;1006;Bo F;SEL §107;Sindslidende;Døgntakst;10;95;;1.500,00;Lukket;;",
        "Aalborg;1001;Bo A igen;SEL §107;Sindslidende;Døgntakst;10;95;;1.500,00;Fortsætter;;",
        "Aalborg;1007;Bo G;SEL §107;Sindslidende;Døgntakst;10;95;;1.500,00;Udgår;;",
        "Aalborg ÆH;1008;Bo H;SEL §107;Sindslidende;Døgntakst;10;100;7.300.000;2.500,00;Fortsætter;;",
        "Aalborg;;Bo I;SEL §107;Sindslidende;Døgntakst;10;95;;1.500,00;Fortsætter;;",
    ]
    .join("\n")
}

#[test]
fn planted_errors_are_found_in_their_cells() {
    let run = Test::new()
        .file("aalborg.csv", planted_errors())
        .args(&["validate", "--format", "json", "aalborg.csv"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("constraint-error", "G2", "error"),
            f("constraint-error", "H3", "error"),
            f("type-error", "J4", "error"),
            f("foreign-key-error", "A5", "error"),
            f("foreign-key-error", "D6", "error"),
            f("constraint-error", "K7", "error"),
            f("unique-error", "B8", "error"),
            f("rule-error", "K9", "warning"),
            // 100 % is within the occupancy norm, above the recommended 98 %.
            f("rule-error", "H10", "warning"),
            f("rule-error", "J10", "warning"),
            f("missing-value", "B11", "error"),
        ]
    );
    let json = run.json();
    let findings = json["findings"].as_array().unwrap();
    let first = &findings[0];
    for key in [
        "code", "severity", "path", "sheet", "row", "column", "cell", "message",
    ] {
        assert!(first.get(key).is_some(), "finding key {key}");
    }
    assert_eq!(first["row"], 2);
    assert_eq!(first["column"], "Pladser");
    assert!(first["sheet"].is_null());
    assert_eq!(first["message"], "Pladser: 0 skal være større end 0.");
    assert_eq!(
        findings[1]["message"],
        "Belægningsprocent: 120 må højst være 100."
    );
    assert_eq!(findings[7]["rule"], "udgaar-begrundelse");
    assert_eq!(findings[8]["rule"], "belaegning-norm");
    assert_eq!(findings[9]["rule"], "doegntakst-beregning");
    assert_eq!(
        findings[9]["message"],
        "Takst 2.500,00 kr. svarer ikke til takstgrundlaget: 7.300.000,00 kr. / (10 pladser × 365 dage × 100,00 %) = 2.000,00 kr. (afvigelse 25,00 %, højst 1,00 % tilladt)."
    );
    assert_eq!(
        findings[6]["message"],
        "Rækken gentager række 2: samme Tilbudsnr, Paragraf, Taksttype (1001, SEL §107, Døgntakst)."
    );
    assert_eq!(json["files"][0]["rows"], 10);
    assert_eq!(json["files"][0]["errors"], 8);
    assert_eq!(json["files"][0]["warnings"], 3);
    assert_eq!(json["summary"]["errors"], 8);
}

#[test]
fn text_report_points_to_cells_in_danish_without_colour_when_piped() {
    let run = Test::new()
        .file("aalborg.csv", planted_errors())
        .args(&["validate", "aalborg.csv"])
        .run();
    run.code(1);
    assert!(!run.stdout.contains('\x1b'), "no colour when piped");
    assert!(run.stdout.contains("aalborg.csv"));
    assert!(run.stdout.contains("takstindberetning · 10 rækker"));
    assert!(run
        .stdout
        .contains("fejl     G2           Pladser: 0 skal være større end 0. [constraint-error]"));
    assert!(run.stdout.contains("8 fejl, 3 advarsler"));
    assert!(run
        .stdout
        .contains("I alt: 1 fil, 10 rækker, 8 fejl, 3 advarsler."));
}

#[test]
fn english_messages_with_lang_en() {
    let run = Test::new()
        .file("aalborg.csv", planted_errors())
        .args(&[
            "validate",
            "--lang",
            "en",
            "--format",
            "json",
            "aalborg.csv",
        ])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(
        json["findings"][0]["message"],
        "Pladser: 0 must be greater than 0."
    );
}

#[test]
fn csv_and_md_formats() {
    let run = Test::new()
        .file("aalborg.csv", planted_errors())
        .args(&["validate", "--format", "csv", "aalborg.csv"])
        .run();
    run.code(1);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("code,severity,path,sheet,row,column,cell,rule,message")
    );
    assert_eq!(
        lines.next(),
        Some(
            "constraint-error,error,aalborg.csv,,2,Pladser,G2,,Pladser: 0 skal være større end 0."
        )
    );
    assert_eq!(run.stdout.lines().count(), 12);

    let run = Test::new()
        .file("aalborg.csv", planted_errors())
        .args(&["validate", "--format", "md", "aalborg.csv"])
        .run();
    run.code(1);
    assert!(run
        .stdout
        .contains("| G2 | fejl | constraint-error | Pladser: 0 skal være større end 0. |  |"));
}

#[test]
fn output_file_by_extension_and_never_an_input() {
    let run = Test::new()
        .file("aalborg.csv", planted_errors())
        .args(&["validate", "-o", "rapport.json", "aalborg.csv"])
        .run();
    run.code(1);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(run.dir.join("rapport.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(json["summary"]["errors"], 8);

    let run = Test::new()
        .file("aalborg.csv", planted_errors())
        .args(&[
            "validate",
            "--format",
            "csv",
            "-o",
            "aalborg.csv",
            "aalborg.csv",
        ])
        .run();
    run.code(2);
    assert!(
        run.stderr
            .contains("ramme overskriver aldrig en inddatafil"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(run.dir.join("aalborg.csv")).unwrap(),
        planted_errors()
    );
}

#[test]
fn usage_errors_exit_2() {
    Test::new().args(&["validate"]).run().code(2);
    Test::new()
        .args(&["validate", "findes-ikke.csv"])
        .run()
        .code(2);
    Test::new()
        .file("a.csv", clean_takst_1252())
        .args(&["validate", "--schema", "nej", "a.csv"])
        .run()
        .code(2);
    Test::new().args(&["bogus"]).run().code(2);
    let run = Test::new()
        .file("ramme.toml", "ukendt = 1\n")
        .file("a.csv", clean_takst_1252())
        .args(&["validate", "a.csv"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("ramme.toml"), "{}", run.stderr);
}

/// Synthetic CPR-shaped values for the masking test only.
const CPR_DASH: &str = "010190-1234";
const CPR_PLAIN: &str = "3112859876";
const CPR_SUBSTITUTE: &str = "6101901234";

#[test]
fn cpr_numbers_are_flagged_and_never_printed() {
    let csv = format!(
        "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift;Dage;Takst;Bemærkning\n\
P-0001;Aalborg;1001;SEL §108;62.000,00;31;2.000,00;\n\
{CPR_DASH};Aalborg;1001;SEL §108;62.000,00;31;2.000,00;\n\
P-0003;Aalborg;1001;SEL §108;62.000,00;31;2.000,00;flyttet, se {CPR_PLAIN}\n\
{CPR_SUBSTITUTE};Aalborg;1002;SEL §108;62.000,00;31;2.000,00;\n"
    );
    for format in ["json", "text", "csv", "md"] {
        let run = Test::new()
            .file("borgere.csv", &csv)
            .args(&["validate", "--format", format, "borgere.csv"])
            .run();
        run.code(1);
        for cpr in [CPR_DASH, CPR_PLAIN, CPR_SUBSTITUTE, "010190", "1234"] {
            assert!(
                !run.stdout.contains(cpr),
                "{format} output leaks {cpr}:\n{}",
                run.stdout
            );
            assert!(!run.stderr.contains(cpr), "{format} stderr leaks {cpr}");
        }
        if format == "json" {
            assert_eq!(
                run.findings(),
                vec![
                    f("unknown-column", "H1", "warning"),
                    f("cpr-detected", "A3", "error"),
                    f("cpr-detected", "H4", "error"),
                    f("cpr-detected", "A5", "error"),
                ]
            );
            assert!(run.json()["findings"][1]["message"]
                .as_str()
                .unwrap()
                .contains("******-****"));
        }
    }
}

#[test]
fn borgerliste_rule_and_key() {
    let csv = "Personkode,Betalingskommune,Tilbudsnr,Tilbudsnavn,Paragraf,Udgift,Dage,Takst\n\
A1B2C3,851,1001,Bo,§108,\"62.000,00\",31,\"2.000,00\"\n\
A1B2C3,851,1002,Dag,§104,\"10.000,00\",20,\"500,00\"\n\
A1B2C3,851,1001,Bo,SEL 108,\"1,00\",31,\"2.000,00\"\n\
X9Y8Z7,Aalborg Kommune,1001,Bo,§108,\"-5\",31,\"2.000,00\"\n\
Q1W2E3,Region Nordjylland,1001,Bo,§108,\"62.000,00\",32,\"2.000,00\"\n";
    let run = Test::new()
        .file("b.csv", csv)
        .args(&["validate", "--format", "json", "b.csv"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("unique-error", "A4", "error"),
            f("rule-error", "F4", "warning"),
            f("constraint-error", "F5", "error"),
            f("constraint-error", "B6", "error"),
            f("constraint-error", "G6", "error"),
        ]
    );
    let json = run.json();
    assert_eq!(json["files"][0]["schema"], "borgerliste");
    assert_eq!(json["files"][0]["delimiter"], ",");
    assert_eq!(json["findings"][1]["rule"], "udgift-takst-dage");
}

#[test]
fn header_problems() {
    let csv = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægning i %;Takst 2017;Takst 2016;Status;Noter;Takst\n\
Aalborg;1001;Bo A;SEL §107;Sindslidende;Døgntakst;10;95;2.000,00;1.000,00;Fortsætter;x;3\n";
    let run = Test::new()
        .file("t.csv", csv)
        .args(&["validate", "--format", "json", "t.csv"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("unknown-column", "L1", "warning"),
            f("duplicate-column", "M1", "error"),
            f("rule-error", "I2", "warning"),
        ]
    );
    let json = run.json();
    assert_eq!(json["findings"][2]["rule"], "takstaendring");
    let csv = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Pladser;Takst\nAalborg;1;Bo;107;Hjemløse;3;100\n";
    let run = Test::new()
        .file("t.csv", csv)
        .args(&["validate", "--format", "json", "t.csv"])
        .run();
    run.code(1);
    let json = run.json();
    let missing: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "missing-column")
        .map(|f| f["column"].as_str().unwrap())
        .collect();
    assert_eq!(missing, vec!["Taksttype", "Belægningsprocent", "Status"]);
}

#[test]
fn unrecognised_and_broken_files_do_not_stop_the_run() {
    let run = Test::new()
        .file("a_tom.csv", "")
        .file("b_noget.csv", "Navn;Alder\nPeter;4\n")
        .file("c_binaer.xlsx", [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0])
        .file("d_ok.csv", clean_takst_1252())
        .args(&["validate", "--format", "json", "."])
        .run();
    run.code(1);
    let json = run.json();
    let files: Vec<(&str, Option<&str>)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["schema"].as_str()))
        .collect();
    assert_eq!(
        files,
        vec![
            ("./a_tom.csv", None),
            ("./b_noget.csv", None),
            ("./c_binaer.xlsx", None),
            ("./d_ok.csv", Some("takstindberetning")),
        ]
    );
    assert_eq!(
        run.findings(),
        vec![
            f("file-error", "-", "error"),
            f("schema-unknown", "-", "error"),
            f("file-error", "-", "error"),
        ]
    );
}

#[test]
fn folder_skips_lock_files_and_documents_with_a_note_and_hidden_files_quietly() {
    let run = Test::new()
        .file("ind/b.csv", clean_takst_1252())
        .file("ind/a.csv", clean_takst_1252())
        .file("ind/~$a.xlsx", "lock")
        .file("ind/.skjult.csv", "x")
        .file("ind/noter.pdf", "%PDF-1.4")
        .file(
            "ind/Læs mig.txt",
            "Læs mig\n\nHer er Hjørrings filer for 2017. Ring, hvis der er spørgsmål.\n",
        )
        .args(&["validate", "--format", "json", "ind"])
        .run();
    run.code(0);
    let json = run.json();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec![
            "ind/Læs mig.txt",
            "ind/a.csv",
            "ind/b.csv",
            "ind/noter.pdf",
            "ind/~$a.xlsx"
        ]
    );
    let notes: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        vec![
            ("info", "Filen er almindelig tekst, ikke en tabel; den er sprunget over."),
            // a.csv and b.csv hold the same bytes: the copy is set aside.
            ("warning", "Filen er en nøjagtig kopi af ind/a.csv og er lagt til side: den tælles ikke med."),
            ("info", "Filen er et dokument, ikke et regneark; den er sprunget over."),
            ("info", "Filen er en låsefil fra Excel: regnearket er åbent i Excel — luk det og send den gemte version. Låsefilen er sprunget over."),
        ]
    );
    // A .txt that is a table with unknown headers is still an error.
    let table = Test::new()
        .file("ind/tabel.txt", "Navn;Beløb\nA;1\n")
        .args(&["validate", "--format", "json", "ind"])
        .run();
    table.code(1);
    assert_eq!(table.findings(), vec![f("schema-unknown", "-", "error")]);
}

#[test]
fn a_missing_sheet_lists_the_sheets_there_are() {
    let path = format!(
        "{}/examples/2017/takst_aalborg_2017.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = Test::new()
        .args(&["validate", "--format", "json", "--sheet", "Foo", &path])
        .run();
    run.code(1);
    assert_eq!(
        run.json()["findings"][0]["message"],
        "Arket \"Foo\" findes ikke i filen; arkene er \"Takster\", \"Lister\"."
    );
}

#[test]
fn other_encodings_give_the_same_result() {
    let text = "\u{feff}Driftsherre\tTilbudsnr\tTilbudsnavn\tParagraf\tMålgruppe\tTaksttype\tPladser\tBelægningsprocent\tTakst\tStatus\n\
Læsø\t2001\tØhjemmet\t§ 108\tSenhjerneskadede\tDøgntakst\t4\t100\t3.100,00\tFortsætter\n";
    let mut utf16 = Vec::new();
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    for (name, bytes, encoding) in [
        ("utf16.txt", utf16, "UTF-16LE"),
        ("bom.csv", text.as_bytes().to_vec(), "UTF-8 (BOM)"),
    ] {
        let run = Test::new()
            .file(name, bytes)
            .args(&["validate", "--format", "json", name])
            .run();
        run.code(0);
        let json = run.json();
        assert_eq!(json["files"][0]["encoding"], encoding, "{name}");
        assert_eq!(json["files"][0]["delimiter"], "\t", "{name}");
        assert_eq!(json["files"][0]["rows"], 1, "{name}");
    }
}

#[test]
fn multiline_cells_keep_row_numbers() {
    let csv = format!(
        "{TAKST_HEADER}\n\
Aalborg;1001;\"Bo A\nmed to linjer\";SEL §107;Sindslidende;Døgntakst;10;95;;1.500,00;Fortsætter;;\n\
\n\
Aalborg;1002;Bo B;SEL §107;Sindslidende;Døgntakst;-1;95;;1.500,00;Fortsætter;;\n"
    );
    let run = Test::new()
        .file("t.csv", csv)
        .args(&["validate", "--format", "json", "t.csv"])
        .run();
    run.code(1);
    assert_eq!(run.findings(), vec![f("constraint-error", "G5", "error")]);
}

#[test]
fn udmelding_window_and_section_two() {
    let csv = "Afsnit;Navn;Kontaktperson;Tilbudsnavn;Indmeldt dato;Begrundelse;Håndtering af målgruppens behov;Konkurrerende tilbud\n\
Driftsherre;Aalborg;Anna Andersen;Bo A;15-02-2018;Faldende efterspørgsel;;\n\
Driftsherre;Aalborg;Anna Andersen;Bo B;15-02-2019;Faldende efterspørgsel;;\n\
Driftsherre;Aalborg;Anna Andersen;Bo C;2018-05-02;Faldende efterspørgsel;;\n\
Kommune;Hjørring;Bo Hansen;Bo D;10-01-2020;Egen løsning;;nej\n\
Kommune;Hjørring;Bo Hansen;Bo E;10-01-2020;Egen løsning;Eget tilbud;ja\n";
    let run = Test::new()
        .file("u.csv", csv)
        .args(&["validate", "--format", "json", "u.csv"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("procedure-error", "E3", "error"),
            f("procedure-error", "E4", "error"),
            f("rule-error", "A5", "error"),
        ]
    );
    let json = run.json();
    assert_eq!(json["findings"][0]["rule"], "udmeldingsvindue");
    assert_eq!(
        json["findings"][0]["message"],
        "Indmeldt dato 15-02-2019 ligger uden for vinduet: udmeldinger kan kun indgives i januar–marts i lige år."
    );
    assert_eq!(json["findings"][2]["rule"], "afsnit2-haandtering");
}

#[test]
fn kriterier_crosses_mean_no_and_blank_yes_no_is_missing() {
    let crosses = "Tilbudsnr;Tilbudsnavn;Driftsherre;A1;A2;A3;B1;C1;C2;Nyt tilbud;Dispensation\n\
3001;Center A;Region Nordjylland;x;;;x;x;x;;\n\
3002;Center B;Aalborg;;x;;x;x;;;x\n";
    let run = Test::new()
        .file("k.csv", crosses)
        .args(&["validate", "--format", "json", "k.csv"])
        .run();
    run.code(0);
    assert_eq!(run.findings(), vec![f("rule-error", "K3", "warning")]);

    let yes_no = "Tilbudsnr;Tilbudsnavn;Driftsherre;A1;A2;A3;B1;C1;C2\n\
3001;Center A;Region Nordjylland;ja;nej;nej;ja;ja;\n";
    let run = Test::new()
        .file("k.csv", yes_no)
        .args(&["validate", "--format", "json", "k.csv"])
        .run();
    run.code(1);
    assert_eq!(run.findings(), vec![f("missing-value", "I2", "error")]);
}

#[test]
fn befolkning_kommune_is_unique() {
    let csv = "Kommune;Indbyggere\nAalborg;217.000\nHjørring;64.000\n851;1\n";
    let run = Test::new()
        .file("bef.csv", csv)
        .args(&["validate", "--format", "json", "bef.csv"])
        .run();
    run.code(1);
    assert_eq!(run.findings(), vec![f("unique-error", "A4", "error")]);
}

#[test]
fn max_findings_keeps_counts_exact() {
    let mut csv = String::from("Kommune;Befolkning\n");
    for _ in 0..50 {
        csv.push_str("Aalborg;-1\n");
    }
    let run = Test::new()
        .file("bef.csv", csv)
        .args(&[
            "validate",
            "--format",
            "json",
            "--max-findings",
            "10",
            "bef.csv",
        ])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(json["findings"].as_array().unwrap().len(), 10);
    // 50 negative values and 49 repeats of Aalborg.
    assert_eq!(json["summary"]["errors"], 99);
    assert_eq!(json["summary"]["omitted_findings"], 89);
}

#[test]
fn forced_schema() {
    let run = Test::new()
        .file("b.csv", "Navn;Alder\nPeter;4\n")
        .args(&[
            "validate",
            "--schema",
            "borgerliste",
            "--format",
            "json",
            "b.csv",
        ])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(json["findings"][0]["code"], "schema-unknown");
    assert!(json["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("borgerliste"));
}

#[test]
fn schema_dir_overrides_one_schema_and_a_broken_one_is_exit_2() {
    let befolkning = include_str!("../../data-schema/befolkning.toml").replace(
        "aliases = [\"Indbyggere\"",
        "aliases = [\"Antal borgere\", \"Indbyggere\"",
    );
    let csv = "Kommune;Antal borgere\nLæsø;1803\n";
    let run = Test::new()
        .file("skemaer/befolkning.toml", &befolkning)
        .file("b.csv", csv)
        .args(&[
            "validate",
            "--format",
            "json",
            "--schema-dir",
            "skemaer",
            "b.csv",
        ])
        .run();
    run.code(0);
    assert_eq!(run.json()["files"][0]["schema"], "befolkning");
    // Without the override the header is not known.
    let run = Test::new()
        .file("b.csv", csv)
        .args(&["validate", "--format", "json", "b.csv"])
        .run();
    run.code(1);
    assert_eq!(run.json()["findings"][0]["code"], "schema-unknown");
    // A schema folder named in the config, with a broken file: exit 2.
    let run = Test::new()
        .file(
            "skemaer/borgerliste.toml",
            "name = \"borgerliste\"\n[[field]]\nname = 1\n",
        )
        .file("ramme.toml", "schema_dir = \"skemaer\"\n")
        .file("b.csv", csv)
        .args(&["validate", "b.csv"])
        .run();
    run.code(2);
    assert!(run.stderr.contains("borgerliste.toml"), "{}", run.stderr);
}

#[test]
fn config_sets_language_and_findings_kept() {
    let mut csv = String::from("Kommune;Befolkning\n");
    for _ in 0..5 {
        csv.push_str("Læsø;-1\n");
    }
    let run = Test::new()
        .file(
            "ramme.toml",
            "lang = \"en\"\n[validate]\nmax_findings = 2\n",
        )
        .file("b.csv", csv)
        .args(&["validate", "--format", "json", "b.csv"])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(json["findings"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["findings"][0]["message"],
        "Befolkning: -1 must not be less than 0."
    );
    // A flag overrides the config.
    let run = Test::new()
        .file("ramme.toml", "lang = \"en\"\n")
        .file("b.csv", "Kommune;Befolkning\nLæsø;-1\n")
        .args(&["validate", "--lang", "da", "--format", "json", "b.csv"])
        .run();
    assert_eq!(
        run.json()["findings"][0]["message"],
        "Befolkning: −1 må ikke være mindre end 0."
    );
}

#[test]
fn a_cell_of_megabytes_and_ragged_rows() {
    let huge = "Å".repeat(1_500_000);
    let csv = format!(
        "Tilbudsnr;Tilbudsnavn;Driftsherre;A1;A2;A3;B1;C1;C2\n\
3001;{huge};Aalborg;ja;nej;nej;ja;ja;ja\n\
3002;Center B;Aalborg;ja;nej;nej;ja;ja;ja;ekstra;mere\n\
3003;Center C;Aalborg;ja;nej;nej;ja;ja;ja;ekstra\n"
    );
    let run = Test::new()
        .file("k.csv", csv)
        .args(&["validate", "--format", "json", "k.csv"])
        .run();
    run.code(1);
    assert_eq!(
        run.findings(),
        vec![
            f("constraint-error", "B2", "error"),
            f("unknown-column", "J3", "warning"),
            f("unknown-column", "K3", "warning"),
        ]
    );
    let message = run.json()["findings"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.len() < 400, "the value is cut in the message");
    assert!(
        message.contains("er 1.500.000 tegn lang; højst 200 tegn er tilladt"),
        "{message}"
    );
}

#[test]
fn health_sector_look_alike_is_flagged_too() {
    // A synthetic look-alike CPR (letters in place of digits 8–9), for the masking.
    let cpr_look_alike = "230478-1AB2";
    let csv = format!("Kommune;Befolkning\nLæsø;1803\n{cpr_look_alike};4\n");
    let run = Test::new()
        .file("b.csv", csv)
        .args(&["validate", "--format", "json", "b.csv"])
        .run();
    run.code(1);
    assert_eq!(run.findings(), vec![f("cpr-detected", "A3", "error")]);
    assert!(!run.stdout.contains("230478"));
}

#[test]
fn an_unrecognised_file_is_told_what_came_closest() {
    let run = Test::new()
        .file("n.csv", "Personkode;Beløb;Paragraf\nPK-1;5;108\n")
        .args(&["validate", "--format", "json", "n.csv"])
        .run();
    run.code(1);
    let json = run.json();
    assert_eq!(json["findings"][0]["code"], "schema-unknown");
    assert!(json["findings"][0]["message"].as_str().unwrap().contains(
        "Nærmest kommer række 1 som borgerliste, men den mangler kolonnerne \"Betalingskommune\", \"Tilbudsnr\" og \"Udgift\"."
    ));
}
