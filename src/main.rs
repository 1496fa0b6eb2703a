//! The `ramme` binary: parse the command line (in the user's language),
//! run, map the result to the contract's exit codes (0 valid, 1 input
//! errors, 2 usage/config/output).

use std::process::ExitCode;

fn main() -> ExitCode {
    let (cli, lang) = match ramme::help::parse(std::env::args_os().collect()) {
        Ok(parsed) => parsed,
        Err(code) => return ExitCode::from(u8::try_from(code).unwrap_or(2)),
    };
    match ramme::run(&cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(error) => {
            let lang = cli.global.lang.unwrap_or(lang);
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "ramme: {}", error.message(lang));
            ExitCode::from(error.status().code())
        }
    }
}
