//! The `resdiff` command: parses arguments, calls the library, maps the outcome to an exit
//! status. Nothing else happens here.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(outcome) => outcome.exit_code(),
        Err(cli::Failure::BrokenPipe) => ExitCode::from(cli::EXIT_SAME),
        Err(cli::Failure::Error(err)) => {
            eprintln!("resdiff: {err}");
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}
