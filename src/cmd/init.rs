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
# max_file_mb = 1024           # største fil, der læses (MiB); større filer bliver en file-error
# max_memory_mb = 900          # hukommelse til regnearkslæseren (MiB)
# max_read_seconds = 10        # processortid til at læse ét regneark (sekunder)
# threads = 0                  # tråde, kørslen bruger (0 = én pr. kerne); 1 = én ad gangen

[reference]
maalgrupper = []               # målgrupper ud over de indbyggede

[takst]
pl = 0                         # pris- og lønudvikling i procent
# pl = { 2016 = 1.6, 2017 = 1.9 }  # eller pr. år (år N: fra N−1 til N), til takst --years
required = 0                   # krævet real takstreduktion i procent
aabningsdage = 250             # åbningsdage om året for et dagtilbud (vægter dagtakster)
# target_real_pct = -4         # takst --years: mål for den reale ændring over årene i procent
# overhead_pct = 6             # højst så mange procent indirekte omkostninger af de direkte (overhead)

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
# kvartal = "2017K1"           # FOLK1A-kvartalet i bilaget (ellers det seneste)

[regulering]                   # over-/underskud (ramme regulering)
overskud_graense = 5           # op til ±5 % af det budgetterede takstgrundlag kan overføres
regulering_aar = 2             # resten reguleres i takstgrundlaget 2 år senere
tolerance_pct = 1              # reguleringen må afvige højst 1 % af beløbet

[status]                       # hvem har sendt hvad (ramme status, validate --annotate)
# deadline = "01-03-2017"      # fristen for indberetningerne
# schemas = ["takstindberetning", "borgerliste"]   # hvad hver kommune sender
# [[status.sender]]            # en afsender ud over regionens kommuner, eller en kontaktperson
# name = "Aalborg ÆH"
# contact = "Navn Efternavn"
# email = "takster@example.dk"

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

#[cfg(test)]
mod tests {
    use super::STARTER;
    use crate::config::Config;

    /// The starter with every commented setting switched on (the single P/L
    /// replaced by the table of years).
    fn everything_on() -> String {
        STARTER
            .lines()
            .filter(|l| !l.starts_with("pl = 0"))
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with("[[")
                        || rest.split_once(" = ").is_some_and(|(k, _)| {
                            k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                        }) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_starter_is_a_valid_config_as_written() {
        let config: Config = toml::from_str(STARTER).unwrap();
        assert_eq!(config.takst.pl, Some(0.into()));
        assert!(config.bilag.is_some());
    }

    #[test]
    fn every_commented_setting_is_a_real_key_with_the_code_default() {
        let text = everything_on();
        let config: Config = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let limits = crate::input::limits::ReadLimits::default();
        assert_eq!(config.validate.read_limits(), limits);
        assert_eq!(config.validate.max_file_mb, Some(limits.max_file_mb));
        assert_eq!(config.validate.threads, Some(0));
        assert_eq!(config.takst.pl, None);
        assert_eq!(
            config.takst.pl_for(Some(2017)),
            Some("1.9".parse().unwrap())
        );
        assert_eq!(config.takst.target_real_pct, Some((-4).into()));
        assert_eq!(config.takst.overhead_pct, Some(6.into()));
        assert_eq!(config.forbrug.kvartal.as_deref(), Some("2017K1"));
        assert_eq!(config.status.deadline.as_deref(), Some("01-03-2017"));
        assert_eq!(config.status.senders.len(), 1);
        assert_eq!(config.regulering.regulering_aar, Some(2));
        let bilag = config.bilag.unwrap();
        assert_eq!(bilag.year, Some(2017));
        assert!(bilag.finansiering_share.is_some());
    }
}
