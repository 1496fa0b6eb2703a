//! The `ramme` binary: parse the command line, run, map the result to the
//! contract's exit codes (0 valid, 1 input errors, 2 usage/config/output).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = ramme::cli::Cli::parse();
    match ramme::run(&cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(error) => {
            let lang = cli.global.lang.unwrap_or_default();
            eprintln!("ramme: {}", error.message(lang));
            ExitCode::from(error.status().code())
        }
    }
}
