//! Tables fit the terminal: at COLUMNS=80 no line of the text output is
//! wider than 80 display columns, and numbers are never cut.

use crate::harness::Test;

fn examples(dir: &str) -> String {
    format!("{}/examples/{dir}", env!("CARGO_MANIFEST_DIR"))
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn at(columns: &str, args: &[&str]) -> String {
    let run = Test::new().env("COLUMNS", columns).args(args).run();
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.stdout.clone()
}

#[test]
fn tilbud_takst_and_udmelding_fit_80_columns() {
    let (y2016, y2017, y2018) = (examples("2016"), examples("2017"), examples("2018"));
    let cases: [Vec<&str>; 3] = [
        vec!["tilbud", &y2017, "--previous", &y2016],
        vec!["takst", &y2017, "--previous", &y2016, "--required", "1"],
        vec!["udmelding", &y2018, "--covered", &y2017],
    ];
    for args in cases {
        let out = at("80", &args);
        assert!(widest(&out) <= 80, "{args:?}: {} wide\n{out}", widest(&out));
        // Unlimited without a terminal and without COLUMNS: wider.
        let run = Test::new().args(&args).run();
        assert!(widest(&run.stdout) > 80, "{args:?}");
    }
    // Numbers are whole: the kroner, the percent, the weight.
    let takst = at(
        "80",
        &["takst", &y2017, "--previous", &y2016, "--required", "1"],
    );
    for figure in ["2.286,90 kr.", "30.492,00 kr.", "12,48 %", "4.204,80"] {
        assert!(takst.contains(figure), "{figure}\n{takst}");
    }
    // At 120 columns the offers are still a table, wrapped in their columns.
    let wide = at("120", &["tilbud", &y2017, "--previous", &y2016]);
    assert!(widest(&wide) <= 120);
    assert!(wide.contains("Kommune "), "{wide}");
}

#[test]
fn markdown_fits_80_columns_as_lists_and_is_a_table_in_a_file() {
    let (y2016, y2017, y2018) = (examples("2016"), examples("2017"), examples("2018"));
    let cases: [Vec<&str>; 3] = [
        vec!["tilbud", &y2017, "--previous", &y2016, "--format", "md"],
        vec!["takst", &y2017, "--previous", &y2016, "--format", "md"],
        vec!["udmelding", &y2018, "--covered", &y2017, "--format", "md"],
    ];
    for args in cases {
        let out = at("80", &args);
        assert!(widest(&out) <= 80, "{args:?}: {} wide\n{out}", widest(&out));
        // A too-wide table becomes a list with its cells, figures whole.
        if args[0] == "takst" {
            assert!(
                out.contains("- Aalborg ÆH\n  - **Tilbudsnr**: 410011\n"),
                "{out}"
            );
            assert!(out.contains("  - **Takst**: 2.286,90 kr.\n"), "{out}");
        }
        // Without a width (piped, no COLUMNS) it stays a Markdown table.
        let run = Test::new().args(&args).run();
        assert!(run.stdout.contains("|---|"), "{args:?}");
        assert!(widest(&run.stdout) > 80, "{args:?}");
    }
}
