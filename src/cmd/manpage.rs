//! The man pages: `ramme(1)` and one `ramme-<command>(1)` per command, each
//! with EXIT STATUS and EXAMPLES (clap_mangen writes the rest).

use crate::lang::Lang;
use std::io::{self, Write};

/// Example lines for each command, as in the README.
fn examples(command: &str) -> &'static [&'static str] {
    match command {
        "ramme" => &[
            "ramme --config examples/ramme.toml bilag -o bilag.xlsx",
            "ramme validate examples/2017",
        ],
        "validate" => &[
            "ramme validate examples/2016 examples/2017 examples/2018",
            "ramme validate indberetninger/ --format json > fund.json",
        ],
        "tilbud" => &["ramme tilbud examples/2017 --previous examples/2016"],
        "takst" => &[
            "ramme takst examples/2017 --previous examples/2016 --required 1",
            "ramme takst examples/2017 --previous examples/2016 -o takst.xlsx",
        ],
        "takstanalyse" => &["ramme takstanalyse examples/2017 --previous examples/2016 --pl 1,6"],
        "udgift" => &[
            "ramme udgift --before examples/2016 --after examples/2017 --detail detaljer.csv",
        ],
        "regulering" => &[
            "ramme regulering --regnskab examples/2015 --takster examples/2017",
            "ramme regulering --regnskab examples/2015 --takster examples/2017 -o regulering.xlsx",
        ],
        "kriterier" => &["ramme kriterier examples/2017 --config examples/ramme.toml"],
        "udmelding" => &["ramme udmelding examples/2018 --covered examples/2017"],
        "finansiering" => &[
            "ramme finansiering examples/2017/befolkning_2017_eksempel.csv --amount 3.091.200 --offset 463.000",
        ],
        "pseudonym" => &[
            "ramme pseudonym --new-key aalborg.key",
            "ramme pseudonym --key aalborg.key --column CPR borgere.xlsx -o borgerliste.csv",
        ],
        "bilag" => &[
            "ramme --config examples/ramme.toml bilag -o bilag.xlsx",
            "ramme bilag --format md -o bilag.md",
        ],
        "skabelon" => &["ramme skabelon takstindberetning -o takstindberetning.xlsx"],
        "init" => &["ramme init"],
        "completions" => &["ramme completions bash > ~/.local/share/bash-completion/completions/ramme"],
        "manpage" => &["ramme manpage -o ~/.local/share/man/man1"],
        _ => &[],
    }
}

fn exit_status(out: &mut dyn Write, lang: Lang) -> io::Result<()> {
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for code in 0..=2u8 {
        let text = crate::messages::cli::exit_status_meaning(code, lang);
        writeln!(out, ".TP\n\\fB{code}\\fR\n{text}")?;
    }
    Ok(())
}

fn examples_section(out: &mut dyn Write, command: &str) -> io::Result<()> {
    let lines = examples(command);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, ".SH EXAMPLES")?;
    for line in lines {
        // A leading dot or quote would be a roff request.
        writeln!(
            out,
            ".PP\n.nf\n{}\n.fi",
            line.replace('\\', "\\\\").replace('-', "\\-")
        )?;
    }
    Ok(())
}

/// Every page, the main page first, as (name, roff). The main page lists
/// the commands itself and names the other pages under SEE ALSO only when
/// they are written too (`with_pages`).
pub fn pages(lang: Lang, with_pages: bool) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = crate::help::command(lang);
    cmd.build();
    let mut pages = Vec::new();
    let mut main = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut main)?;
    man.render_name_section(&mut main)?;
    man.render_synopsis_section(&mut main)?;
    man.render_description_section(&mut main)?;
    man.render_options_section(&mut main)?;
    writeln!(main, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(
            main,
            ".TP\n\\fB{}\\fR\n{}",
            sub.get_name(),
            about.replace('-', "\\-")
        )?;
    }
    exit_status(&mut main, lang)?;
    examples_section(&mut main, "ramme")?;
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect();
    if with_pages {
        writeln!(main, ".SH \"SEE ALSO\"")?;
        let refs: Vec<String> = names
            .iter()
            .map(|n| format!("\\fBramme\\-{n}\\fR(1)"))
            .collect();
        writeln!(main, "{}", refs.join(", "))?;
    }
    man.render_version_section(&mut main)?;
    pages.push(("ramme".to_string(), main));
    if !with_pages {
        return Ok(pages);
    }
    for name in names {
        let Some(sub) = cmd.find_subcommand(&name) else {
            continue;
        };
        let page = format!("ramme-{name}");
        let sub = sub
            .clone()
            .display_name(page.clone())
            .bin_name(format!("ramme {name}"));
        let man = clap_mangen::Man::new(sub).title(page.clone());
        let mut bytes = Vec::new();
        man.render_title(&mut bytes)?;
        man.render_name_section(&mut bytes)?;
        man.render_synopsis_section(&mut bytes)?;
        man.render_description_section(&mut bytes)?;
        man.render_options_section(&mut bytes)?;
        exit_status(&mut bytes, lang)?;
        examples_section(&mut bytes, &name)?;
        writeln!(bytes, ".SH \"SEE ALSO\"\n\\fBramme\\fR(1)")?;
        pages.push((page, bytes));
    }
    Ok(pages)
}
