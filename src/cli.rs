//! The command line, as clap sees it. Raw values only: `cmd/` turns them
//! into checked options before any work starts.

use crate::lang::Lang;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ramme",
    version,
    about = "Tjekker og analyserer rammeaftalernes regneark: takstindberetninger, borgerlister og skemaer.",
    long_about = "ramme tjekker de regneark, kommunerne indsender til rammeaftalesekretariatet \
(takstindberetninger, borgerlister, kriterievurderinger, udmeldinger, befolkningstal), \
og laver tabellerne til styregruppen.\n\n\
Exit-koder: 0 = inddata er gyldige (advarsler tilladt), 1 = inddata har fejl (rapporten skrives alligevel), \
2 = forkert brug, konfigurationsfejl eller uddata kunne ikke skrives."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Konfigurationsfil (standard: ramme.toml i arbejdsmappen, hvis den findes)
    #[arg(long, global = true, value_name = "FIL")]
    pub config: Option<PathBuf>,
    /// Sprog for beskeder og etiketter
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Mappe med skemafiler, der erstatter de indbyggede
    #[arg(long, global = true, value_name = "MAPPE")]
    pub schema_dir: Option<PathBuf>,
    /// Sig intet på standard error om de filer, der skrives
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Farver i terminalen: auto (når det er en terminal), always eller never
    #[arg(long, global = true, value_enum, value_name = "NÅR")]
    pub color: Option<crate::report::style::ColorChoice>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tjek indsendte filer mod skemaerne og find fejl celle for celle
    Validate(ValidateArgs),
    /// Tilbud ind og ud af rammeaftalen (nye, udgående, forsvundne)
    Tilbud(TilbudArgs),
    /// Tjek af takstreduktionen: volumenvægtet takstudvikling mod det tilladte
    Takst(TakstArgs),
    /// Takstanalyse pr. målgruppe og paragraf: gennemsnitstakster, ændring og P/L
    Takstanalyse(TakstanalyseArgs),
    /// Udgiftsmonitorering mellem to januarer: taksteffekt og visitationseffekt
    Udgift(UdgiftArgs),
    /// Over-/underskud: år N's regnskaber mod reguleringen i takstindberetningerne år N+2
    Regulering(ReguleringArgs),
    /// Det forstærkede samarbejde: kriterierne A, B og C for hvert vurderet tilbud
    Kriterier(KriterierArgs),
    /// Udmeldinger fra det forstærkede samarbejde: vindue, ikrafttræden, nødspor og årshjul
    Udmelding(UdmeldingArgs),
    /// Objektiv finansiering: fordel et beløb efter befolkningstal i hele kroner
    Finansiering(FinansieringArgs),
    /// Brug af tilbud: betalende kommuner, egne borgeres andel, belægning mod budget og brugerrater
    Forbrug(ForbrugArgs),
    /// Erstat en CPR-kolonne med pseudonyme personkoder (HMAC med kommunens nøgle)
    Pseudonym(PseudonymArgs),
    /// Hele årets bilag til DAS i én projektmappe (eller Markdown til dagsordenen)
    Bilag(BilagArgs),
    /// En tom skabelon (xlsx) til kommunerne for en indberetningstype
    Skabelon(SkabelonArgs),
    /// Hvem har sendt hvad: afsendere × indberetninger mod fristen, og hvem der skal rykkes
    Status(StatusArgs),
    /// Skriv en kommenteret ramme.toml at starte fra
    Init(InitArgs),
    /// Skriv skal-fuldførelse (bash, zsh, fish, powershell, elvish)
    Completions(CompletionsArgs),
    /// Skriv en man-side (roff)
    Manpage(ManpageArgs),
}

pub use crate::output::Format;

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Uddataformat (standard: text, eller efter filendelsen i --output)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Skriv til denne fil i stedet for standard output
    #[arg(short, long, value_name = "FIL")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Filer eller mapper (en mappe betyder alle regneark og CSV-filer direkte i den)
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Brug dette skema i stedet for at genkende det fra overskrifterne
    #[arg(long, value_name = "NAVN")]
    pub schema: Option<String>,
    /// Læs kun dette ark i Excel-filer
    #[arg(long, value_name = "ARK")]
    pub sheet: Option<String>,
    /// Højst så mange fund pr. fil i rapporten (0 = alle); optællingen er altid komplet
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,
    /// Skriv til denne mappe en markeret kopi af hver fil med fund (<navn>-rettelser.xlsx) og et brev til afsenderen (.txt)
    #[arg(long, value_name = "MAPPE")]
    pub annotate: Option<PathBuf>,
    /// Overskriv rettelsesfiler, der allerede findes i --annotate-mappen
    #[arg(long, requires = "annotate")]
    pub force: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A date on the command line: "01-03-2017", "1.3.2017" or "2017-03-01".
pub fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::values::parse_date(s)
        .map_err(|_| "forventede en dato, f.eks. 01-03-2017 (expected a date)".to_string())
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Årets indsendte filer (filer eller mapper)
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Regionen, hvis kommuner skal indsende (standard: [samarbejde] region i ramme.toml)
    #[arg(long, value_name = "NAVN")]
    pub region: Option<String>,
    /// Fristen; filer ændret senere markeres som for sent (standard: [status] deadline)
    #[arg(long, value_name = "DATO", value_parser = parse_date_arg)]
    pub deadline: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct TilbudArgs {
    /// Årets takstindberetninger (filer eller mapper)
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Sidste års takstindberetninger, for at finde forsvundne og uanmeldte tilbud
    #[arg(long, num_args = 1.., value_name = "INPUTS")]
    pub previous: Option<Vec<PathBuf>>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A percent given on the command line: "1,6", "1.6", "-1" or "1,6 %".
pub fn parse_pct_arg(s: &str) -> Result<rust_decimal::Decimal, String> {
    crate::values::parse_percent(s).map_err(|_| {
        crate::lang::current()
            .pick(
                "forventede et tal i procent, f.eks. 1,6 eller -1",
                "expected a percent, e.g. 1.6 or -1",
            )
            .to_string()
    })
}

#[derive(Debug, Args)]
pub struct TakstArgs {
    /// Årets takstindberetninger (filer eller mapper)
    #[arg(required_unless_present = "years", value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Sidste års takstindberetninger (ellers bruges kolonnen "Takst forrige år")
    #[arg(long, num_args = 1.., value_name = "INPUTS")]
    pub previous: Option<Vec<PathBuf>>,
    /// Flere års takstindberetninger, én mappe (eller fil) pr. år, ældste først, f.eks. --years 2016 2017 2018; eller én mappe med en undermappe pr. år
    #[arg(long, num_args = 1.., value_name = "DIR", conflicts_with_all = ["inputs", "previous"])]
    pub years: Option<Vec<PathBuf>>,
    /// Med --years: mål for den reale ændring over årene i procent (faste priser i det første år)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg, allow_hyphen_values = true, requires = "years")]
    pub target: Option<rust_decimal::Decimal>,
    /// Pris- og lønudviklingen i procent, f.eks. 1,6 (standard 0)
    #[arg(long, value_name = "PCT", value_parser = parse_rate_arg, allow_hyphen_values = true)]
    pub pl: Option<rust_decimal::Decimal>,
    /// Krævet real takstreduktion i procent, f.eks. 1 (standard 0)
    #[arg(long, value_name = "PCT", value_parser = parse_rate_arg, allow_hyphen_values = true)]
    pub required: Option<rust_decimal::Decimal>,
    #[command(flatten)]
    pub output: OutputArgs,
}
#[derive(Debug, Args)]
pub struct TakstanalyseArgs {
    /// Årets takstindberetninger (filer eller mapper)
    #[arg(required_unless_present = "years", value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Sidste års takstindberetninger (ellers bruges kolonnen Takst forrige år)
    #[arg(long, num_args = 1.., value_name = "INPUTS")]
    pub previous: Option<Vec<PathBuf>>,
    /// Flere års takstindberetninger, én mappe (eller fil) pr. år, ældste først, f.eks. --years 2016 2017 2018; eller én mappe med en undermappe pr. år
    #[arg(long, num_args = 1.., value_name = "DIR", conflicts_with_all = ["inputs", "previous"])]
    pub years: Option<Vec<PathBuf>>,
    /// Med --years: mål for den reale ændring over årene i procent (faste priser i det første år)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg, allow_hyphen_values = true, requires = "years")]
    pub target: Option<rust_decimal::Decimal>,
    /// Pris- og lønudviklingen i procent, fx 1,6 (giver real ændring og Inden for P/L)
    #[arg(long, value_name = "PCT", value_parser = parse_rate_arg, allow_hyphen_values = true)]
    pub pl: Option<rust_decimal::Decimal>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct UdgiftArgs {
    /// Borgerlister for januar år 1 (filer eller mapper)
    #[arg(long, required = true, num_args = 1.., value_name = "INPUTS")]
    pub before: Vec<PathBuf>,
    /// Borgerlister for januar år 2 (filer eller mapper)
    #[arg(long, required = true, num_args = 1.., value_name = "INPUTS")]
    pub after: Vec<PathBuf>,
    /// Mål for den samlede ændring i procent (standard -2)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg, allow_hyphen_values = true)]
    pub target_total: Option<rust_decimal::Decimal>,
    /// Mål for taksteffekten i procent (standard -1)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg, allow_hyphen_values = true)]
    pub target_takst: Option<rust_decimal::Decimal>,
    /// Mål for visitationseffekten i procent (standard -1)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg, allow_hyphen_values = true)]
    pub target_visitation: Option<rust_decimal::Decimal>,
    /// Skriv sammenligningen pr. borger og tilbud til denne fil (.csv eller .xlsx; kun personkoder)
    #[arg(long, value_name = "FIL")]
    pub detail: Option<PathBuf>,
    /// Årets takstindberetninger: deler taksteffekten i priseffekt og niveaueffekt
    #[arg(long, num_args = 1.., value_name = "INPUTS")]
    pub takster: Option<Vec<PathBuf>>,
    /// Sidste års takstindberetninger (ellers bruges kolonnen Takst forrige år)
    #[arg(long, num_args = 1.., value_name = "INPUTS", requires = "takster")]
    pub takster_previous: Option<Vec<PathBuf>>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// An amount of kroner on the command line: "3.091.200", "3091200" or
/// "463.000 kr.". Whole kroner only: "3091200,50" is refused rather than
/// rounded, so the figure that goes to DAS is the one that was meant.
pub fn parse_kr_arg(s: &str) -> Result<rust_decimal::Decimal, String> {
    let amount = crate::values::parse_money(s).map_err(|_| {
        format!("\"{s}\" er ikke et beløb; angiv beløbet i hele kroner, f.eks. 3.091.200")
    })?;
    if !amount.fract().is_zero() {
        return Err(format!(
            "\"{s}\" har øre; angiv beløbet i hele kroner, f.eks. {}",
            crate::numfmt::number(amount.trunc(), 0, crate::lang::Lang::Da)
        ));
    }
    Ok(amount)
}

/// A whole number on the command line ("40.000").
pub fn parse_count_arg(s: &str) -> Result<rust_decimal::Decimal, String> {
    let n = crate::values::parse_number(s)
        .map_err(|_| format!("\"{s}\" er ikke et tal; angiv et helt tal, f.eks. 40.000"))?;
    if !n.fract().is_zero() || n <= rust_decimal::Decimal::ZERO {
        return Err(format!(
            "\"{s}\" er ikke et helt tal over 0; angiv et helt tal, f.eks. 40.000"
        ));
    }
    Ok(n)
}

/// The objective share in percent, in (1, 100]: "60" or "60 %". A value
/// of 1 or less ("0,8") is refused: it could mean 0,8 % or 80 %.
pub fn parse_share_arg(s: &str) -> Result<rust_decimal::Decimal, String> {
    let share = crate::values::parse_percent(s).map_err(|_| {
        format!("\"{s}\" er ikke en procentsats; angiv andelen i procent, f.eks. 60")
    })?;
    if share <= rust_decimal::Decimal::ONE {
        return Err(format!(
            "\"{s}\" er tvetydigt: betyder det {s} % eller {} %? Angiv andelen i procent over 1, f.eks. 60",
            crate::numfmt::plain(share * rust_decimal::Decimal::ONE_HUNDRED, 2, crate::lang::Lang::Da)
        ));
    }
    if share > rust_decimal::Decimal::ONE_HUNDRED {
        return Err(format!(
            "\"{s}\" er mere end 100 %; angiv andelen i procent, højst 100"
        ));
    }
    Ok(share)
}

/// The widest P/L or required reduction a year can plausibly have, in
/// percent: "1.600" (read as 1.600 %) or "16" for "1,6" is caught.
pub const RATE_LIMIT_PCT: i64 = 20;

/// A P/L or a required reduction in percent, within ±20: "1,6", "-1".
pub fn parse_rate_arg(s: &str) -> Result<rust_decimal::Decimal, String> {
    let rate = parse_pct_arg(s)?;
    check_rate(rate).map_err(|e| format!("\"{s}\" {e}"))
}

/// Whether a rate in percent lies within ±[`RATE_LIMIT_PCT`].
pub fn check_rate(rate: rust_decimal::Decimal) -> Result<rust_decimal::Decimal, String> {
    let limit = rust_decimal::Decimal::from(RATE_LIMIT_PCT);
    if rate < -limit || rate > limit {
        return Err(format!(
            "er {} %, uden for -20 til 20 %; angiv satsen i procent, f.eks. 1,6 eller -1",
            crate::numfmt::plain(rate, 4, crate::lang::Lang::Da)
        ));
    }
    Ok(rate)
}

#[derive(Debug, Args)]
pub struct ReguleringArgs {
    /// Regnskaber for år N (filer eller mapper)
    #[arg(long, required = true, num_args = 1.., value_name = "INPUTS")]
    pub regnskab: Vec<PathBuf>,
    /// Takstindberetninger for år N+2 med kolonnen Regulering (filer eller mapper)
    #[arg(long, required = true, num_args = 1.., value_name = "INPUTS")]
    pub takster: Vec<PathBuf>,
    /// Den andel af takstgrundlaget i procent, der må overføres (standard 5)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg)]
    pub overskud_graense: Option<rust_decimal::Decimal>,
    /// Tolerance for reguleringen i procent af beløbet (standard 1)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg)]
    pub tolerance: Option<rust_decimal::Decimal>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct KriterierArgs {
    /// Ekspertpanelets kriterievurderinger (filer eller mapper)
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Befolkningstal (en befolkningsfil) til A1-indikatoren
    #[arg(long, value_name = "FIL")]
    pub population: Option<PathBuf>,
    /// Indbyggere pr. tilfælde om året i A1-indikatoren (standard 40.000)
    #[arg(long, value_name = "N", value_parser = parse_count_arg)]
    pub indicator_per: Option<rust_decimal::Decimal>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct UdmeldingArgs {
    /// Udmeldingsskemaer (filer eller mapper)
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Tilbud i det forstærkede samarbejde: takstindberetninger og/eller kriterievurderinger
    #[arg(long, num_args = 1.., value_name = "INPUTS")]
    pub covered: Option<Vec<PathBuf>>,
    /// Første år i den første toårige aftaleperiode (standard 2018)
    #[arg(long, value_name = "ÅR")]
    pub period_start: Option<i32>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FinansieringArgs {
    /// Fordelingsnøglen: en befolkningsfil (Kommune, Befolkning)
    #[arg(required = true, value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    /// Beløbet, der skal fordeles, i kroner
    #[arg(long, value_name = "KR", value_parser = parse_kr_arg)]
    pub amount: rust_decimal::Decimal,
    /// Modregning, f.eks. et overskud, der anvendes (trækkes fra først)
    #[arg(long, value_name = "KR", value_parser = parse_kr_arg)]
    pub offset: Option<rust_decimal::Decimal>,
    /// Den objektive andel af beløbet i procent (standard 100), f.eks. 60
    #[arg(long, value_name = "PCT", value_parser = parse_share_arg)]
    pub share: Option<rust_decimal::Decimal>,
    /// Aldersinterval, når nøglen er en FOLK1A-udtræk: 0-17, 18-64 eller 18+ (standard: Alder i alt)
    #[arg(long, value_name = "A-B", value_parser = parse_alder_arg)]
    pub alder: Option<crate::dataset::folk1a::AgeBand>,
    /// Kvartal i FOLK1A-udtrækket, f.eks. 2017K1 (standard: det seneste)
    #[arg(long, value_name = "ÅRKn")]
    pub kvartal: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// An age band: "0-17", "18-64" or "18+".
pub fn parse_alder_arg(s: &str) -> Result<crate::dataset::folk1a::AgeBand, String> {
    crate::dataset::folk1a::AgeBand::parse(s).ok_or_else(|| {
        "forventede et aldersinterval, f.eks. 0-17, 18-64 eller 18+ (expected an age band)"
            .to_string()
    })
}

#[derive(Debug, Args)]
pub struct ForbrugArgs {
    /// Borgerlister for januar (filer eller mapper)
    #[arg(long, required = true, num_args = 1.., value_name = "INPUTS")]
    pub borgere: Vec<PathBuf>,
    /// Årets takstindberetninger (filer eller mapper)
    #[arg(long, required = true, num_args = 1.., value_name = "INPUTS")]
    pub takster: Vec<PathBuf>,
    /// Befolkningstal til brugerraterne: en befolkningsfil eller en FOLK1A-udtræk fra Danmarks Statistik
    #[arg(long, num_args = 1.., value_name = "FIL")]
    pub befolkning: Option<Vec<PathBuf>>,
    /// Aldersinterval i FOLK1A-filen, f.eks. 0-17, 18-64 eller 18+ (standard: Alder i alt)
    #[arg(long, value_name = "A-B", value_parser = parse_alder_arg)]
    pub alder: Option<crate::dataset::folk1a::AgeBand>,
    /// Kvartal i FOLK1A-filen, f.eks. 2017K1 (standard: det seneste)
    #[arg(long, value_name = "ÅRKn")]
    pub kvartal: Option<String>,
    /// Færre betalende kommuner end dette giver markeringen "få kommuner" (standard 3)
    #[arg(long, value_name = "N")]
    pub faa_kommuner: Option<usize>,
    /// Belægning i procent af budgettet, under hvilken et tilbud i det forstærkede samarbejde varsles (standard 85)
    #[arg(long, value_name = "PCT", value_parser = parse_pct_arg)]
    pub belaegning_advarsel: Option<rust_decimal::Decimal>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PseudonymArgs {
    /// Kommunens nøglefil
    #[arg(long, value_name = "FIL")]
    pub key: Option<PathBuf>,
    /// Lav en ny nøglefil (kun læsbar for ejeren; overskriver aldrig)
    #[arg(long, value_name = "FIL")]
    pub new_key: Option<PathBuf>,
    /// Kolonnen med CPR-numre, f.eks. CPR
    #[arg(long, value_name = "KOLONNE")]
    pub column: Option<String>,
    /// Borgerlisten med CPR-numre (CSV eller regneark)
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Hvor listen med personkoder skrives (.csv eller .xlsx)
    #[arg(short, long, value_name = "FIL")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SkabelonArgs {
    /// Indberetningstypen: takstindberetning, borgerliste, kriterievurdering, udmelding, befolkning eller regnskab
    #[arg(value_name = "NAVN")]
    pub name: String,
    /// Hvor skabelonen skrives (.xlsx)
    #[arg(short, long, value_name = "FIL")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Hvor konfigurationen skrives (standard ramme.toml)
    #[arg(short, long, value_name = "FIL")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Skallen
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManpageArgs {
    /// Mappe, man-siderne skrives i, én fil pr. kommando (standard: hovedsiden på standard output)
    #[arg(short, long, value_name = "MAPPE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BilagArgs {
    /// Uddataformat: xlsx (standard) eller md
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Hvor bilaget skrives (.xlsx, eller .md)
    #[arg(short, long, value_name = "FIL")]
    pub output: Option<PathBuf>,
}
