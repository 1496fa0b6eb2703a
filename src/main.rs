//! The `ramme` binary: parse the command line (in the user's language),
//! run, map the result to the contract's exit codes (0 valid, 1 input
//! errors, 2 usage/config/output).
//!
//! `ramme __read …` (hidden, before clap) is the spreadsheet reader child
//! that `ramme::input::isolate` starts with a memory and time limit.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args
        .get(1)
        .is_some_and(|a| a == ramme::input::isolate::CHILD_ARG)
    {
        return ExitCode::from(ramme::input::isolate::child_main(
            args.get(2..).unwrap_or_default(),
        ));
    }
    if let Ok(exe) = std::env::current_exe() {
        ramme::input::isolate::enable(exe);
    }
    let (cli, lang) = match ramme::help::parse(args) {
        Ok(parsed) => parsed,
        Err(code) => return ExitCode::from(u8::try_from(code).unwrap_or(2)),
    };
    match ramme::run(&cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(error) => {
            let lang = cli.global.lang.unwrap_or(lang);
            use std::io::Write;
            // Messages echo paths and arguments: never a CPR number.
            let _ = writeln!(
                std::io::stderr(),
                "ramme: {}",
                ramme::cpr::mask(&error.message(lang))
            );
            ExitCode::from(error.status().code())
        }
    }
}
