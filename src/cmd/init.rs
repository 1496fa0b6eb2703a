//! `ramme init`, `ramme completions SHELL`, `ramme manpage`: setting up.

use super::Context;
use crate::cli::{CompletionsArgs, InitArgs, ManpageArgs};
use crate::error::{Error, ExitStatus};
use crate::output::AtomicFile;
use std::io::Write;

/// A commented starter configuration.
pub const STARTER: &str = r#"# ramme.toml – indstillinger, som sekretariatet genbruger år efter år.
# Ligger filen i arbejdsmappen, bruges den af sig selv (ellers: --config FIL).
# Flag på kommandolinjen går altid forud. Stier er relative til denne fil.
# Udfyld [bilag] nederst, så laver `ramme bilag -o bilag.xlsx` årets bilag.

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
# population_file = "befolkning.csv"   # befolkningstal til A1-indikatoren
# population = 590000                  # eller regionens befolkningstal direkte
# tilbud = ["430014"]          # tilbud i det forstærkede samarbejde ud over kolonnen i takstindberetningen

[forbrug]
faa_kommuner = 3               # færre betalende kommuner end dette: "få kommuner"
belaegning_advarsel = 85       # varsel under denne procent af budgetteret belægning
# alder = "18+"                # brugerraternes aldersinterval i bilaget (FOLK1A)

[regulering]                   # over-/underskud (ramme regulering)
overskud_graense = 5           # op til ±5 % af det budgetterede takstgrundlag kan overføres
regulering_aar = 2             # resten reguleres i takstgrundlaget 2 år senere
tolerance_pct = 1              # reguleringen må afvige højst 1 % af beløbet

[bilag]                        # hvad `ramme bilag` læser: filer, mapper eller mønstre
# year = 2017                  # året, bilaget gælder (ellers kolonnen År i takstindberetningerne)
# title = "Bilag til DAS – rammeaftalen 2017"
takst = []                     # årets takstindberetninger, fx ["indberetninger/2017"] eller ["2017/takst_*.csv"]
takst_previous = []            # sidste års takstindberetninger, fx ["indberetninger/2016"]
borgerliste_before = []        # borgerlister for januar året før, fx ["borgerlister/2016"]
borgerliste_after = []         # borgerlister for januar i år, fx ["borgerlister/2017"]
kriterier = []                 # ekspertpanelets kriterievurderinger, fx ["samarbejde/kriterier_2017.xlsx"]
udmelding = []                 # udmeldingsskemaer, fx ["samarbejde/udmeldinger"]
befolkning = []                # befolkningstal pr. kommune, fx ["befolkning_2017.csv"]
regnskab = []                  # regnskaber for år N, hvis over-/underskud reguleres i årets takster, fx ["regnskaber/2015"]
# finansiering_amount = 3091200  # objektiv finansiering: beløbet, der fordeles …
# finansiering_offset = 463000   # … minus en modregning
# finansiering_share = 60        # … den objektive andel i procent (standard 100)
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
    crate::notice::wrote(&path);
    Ok(ExitStatus::Success)
}

/// Writes bytes to standard output; a closed pipe (`… | head`) ends the
/// run quietly.
fn to_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output {
            path: "-".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitStatus, Error> {
    let mut command = crate::help::command(crate::lang::current());
    // Generated into memory: clap_complete panics on a closed pipe.
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "ramme", &mut bytes);
    to_stdout(&bytes)?;
    Ok(ExitStatus::Success)
}

pub fn manpage(args: &ManpageArgs) -> Result<ExitStatus, Error> {
    let lang = crate::lang::current();
    let pages =
        super::manpage::pages(lang, args.output.is_some()).map_err(|source| Error::Output {
            path: "-".into(),
            source,
        })?;
    match &args.output {
        // A folder: every page, named as man(1) looks them up.
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Output {
                path: dir.clone(),
                source,
            })?;
            for (name, bytes) in &pages {
                let path = dir.join(format!("{name}.1"));
                let mut file = AtomicFile::create(&path)?;
                file.writer()
                    .write_all(bytes)
                    .map_err(|source| Error::Output {
                        path: path.clone(),
                        source,
                    })?;
                file.commit()?;
                crate::notice::wrote(&path);
            }
        }
        None => {
            if let Some((_, main)) = pages.first() {
                to_stdout(main)?;
            }
        }
    }
    Ok(ExitStatus::Success)
}
