//! ramme: validation and analyses for Danish rammeaftale secretariats.
//!
//! The binary is thin: `main.rs` parses the command line and calls [`run`].
//! Modules by layer, highest first (ARCHITECTURE.md; imports only go down):
//! `cmd` one file per command and the options of every analysis; `help`
//! and `cli` the command line; `report` the writers; `analysis` the pure
//! computations; `config` ramme.toml; `pseudonym` keyed person codes;
//! `dataset` a year's files as typed records; `output` atomic outputs and
//! formats; `error` typed errors and exit codes; `validate` the streaming
//! engine; `rules` the row rules; `messages` the texts people read;
//! `schema` the registry of submission types; `values` Danish cell values,
//! typed rows and reference data; `input` bytes to cells; and the leaves
//! `notice`, `cpr`, `finding`, `numfmt`, `text`, `lang`.

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod cpr;
pub mod dataset;
pub mod error;
pub mod finding;
pub mod help;
pub mod input;
pub mod lang;
pub mod messages;
pub mod notice;
pub mod numfmt;
pub mod output;
pub mod prefetch;
pub mod pseudonym;
pub mod report;
pub mod rules;
pub mod schema;
pub mod text;
pub mod validate;
pub mod values;

use cli::{Cli, Command};
pub use error::{Error, ExitStatus};

/// Runs one command. Input problems are in the returned status (1); an
/// `Err` is ramme unable to go on (exit 2).
pub fn run(cli: &Cli) -> Result<ExitStatus, Error> {
    report::style::set_color_choice(cli.global.color.unwrap_or_default());
    notice::configure(cli.global.quiet, cli.global.lang.unwrap_or_default());
    // These need neither config nor schemas.
    match &cli.command {
        Command::Completions(args) => return cmd::init::completions(args),
        Command::Manpage(args) => return cmd::init::manpage(args),
        _ => {}
    }
    let ctx = cmd::Context::load(&cli.global)?;
    notice::configure(cli.global.quiet, ctx.lang);
    cmd::overflow::guard(ctx.lang, || match &cli.command {
        Command::Completions(_) | Command::Manpage(_) => Ok(ExitStatus::Success),
        Command::Skabelon(args) => cmd::skabelon::run(&ctx, args),
        Command::Bilag(args) => cmd::bilag::run(&ctx, args),
        Command::Init(args) => cmd::init::init(&ctx, args),
        Command::Validate(args) => cmd::validate::run(&ctx, args),
        Command::Status(args) => cmd::status::run(&ctx, args),
        Command::Tilbud(args) => cmd::tilbud::run(&ctx, args),
        Command::Takst(args) => cmd::takst::run(&ctx, args),
        Command::Takstanalyse(args) => cmd::takstanalyse::run(&ctx, args),
        Command::Udgift(args) => cmd::udgift::run(&ctx, args),
        Command::Regulering(args) => cmd::regulering::run(&ctx, args),
        Command::Kriterier(args) => cmd::samarbejde::kriterier(&ctx, args),
        Command::Udmelding(args) => cmd::samarbejde::udmelding(&ctx, args),
        Command::Finansiering(args) => cmd::samarbejde::finansiering(&ctx, args),
        Command::Forbrug(args) => cmd::forbrug::run(&ctx, args),
        Command::Pseudonym(args) => cmd::pseudonym::run(&ctx, args),
    })
}
