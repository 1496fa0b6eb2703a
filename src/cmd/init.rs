//! `ramme init`, `ramme completions SHELL`, `ramme manpage`: setting up.

use super::Context;
use crate::cli::{Cli, CompletionsArgs, InitArgs, ManpageArgs};
use crate::error::{Error, ExitStatus};
use crate::report::output::AtomicFile;
use clap::CommandFactory;
use std::io::Write;

/// A commented starter configuration.
pub const STARTER: &str = r#"# ramme.toml – indstillinger, som sekretariatet genbruger år efter år.
# Ligger filen i arbejdsmappen, bruges den af sig selv (ellers: --config FIL).
# Flag på kommandolinjen går altid forud. Stier er relative til denne fil.
# Se examples/ramme.toml for et udfyldt eksempel.

lang = "da"                    # sprog for beskeder og tabeller: "da" eller "en"
# schema_dir = "skemaer"       # egne skemafiler i stedet for de indbyggede

[validate]
max_findings = 1000            # fund pr. fil i rapporten (0 = alle)

[reference]
maalgrupper = []               # målgrupper ud over de indbyggede

[takst]
pl = 0                         # pris- og lønudvikling i procent
required = 0                   # krævet real takstreduktion i procent
aabningsdage = 250             # åbningsdage om året for et dagtilbud (vægter dagtakster)

[udgift]
target_total = -2              # mål for den samlede udgiftsændring i procent
target_takst = -1              # heraf via takster
target_visitation = -1         # heraf via visitation

[samarbejde]
# region = "Nordjylland"
period_start = 2018            # første år i den første toårige aftaleperiode
period_length = 2
withdrawal_months = [1, 2, 3]  # udmeldinger i januar–marts …
withdrawal_even_years = true   # … i lige år
indicator_per = 40000          # A1: 1 tilfælde om året pr. 40.000 indbyggere
# population_file = "befolkning.csv"
# population = 590000
# tilbud = ["430014"]          # tilbud i det forstærkede samarbejde ud over kolonnen i takstindberetningen

[forbrug]
faa_kommuner = 3               # færre betalende kommuner end dette: "få kommuner"
belaegning_advarsel = 85       # varsel under denne procent af budgetteret belægning
# alder = "18+"                # brugerraternes aldersinterval i bilaget (FOLK1A)
"#;

pub fn init(_ctx: &Context, args: &InitArgs) -> Result<ExitStatus, Error> {
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| crate::config::DEFAULT_CONFIG.into());
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} findes allerede; ramme overskriver den ikke ({} already exists)",
            path.display(),
            path.display()
        )));
    }
    let mut file = AtomicFile::create(&path)?;
    file.writer()
        .write_all(STARTER.as_bytes())
        .map_err(|source| Error::Output {
            path: path.clone(),
            source,
        })?;
    file.commit()?;
    eprintln!("Skrev {}.", path.display());
    Ok(ExitStatus::Success)
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitStatus, Error> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "ramme", &mut std::io::stdout());
    Ok(ExitStatus::Success)
}

pub fn manpage(args: &ManpageArgs) -> Result<ExitStatus, Error> {
    let man = clap_mangen::Man::new(Cli::command());
    let mut bytes = Vec::new();
    man.render(&mut bytes).map_err(|source| Error::Output {
        path: "-".into(),
        source,
    })?;
    match &args.output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            file.writer()
                .write_all(&bytes)
                .map_err(|source| Error::Output {
                    path: path.clone(),
                    source,
                })?;
            file.commit()?;
        }
        None => {
            std::io::stdout()
                .write_all(&bytes)
                .map_err(|source| Error::Output {
                    path: "-".into(),
                    source,
                })?;
        }
    }
    Ok(ExitStatus::Success)
}
