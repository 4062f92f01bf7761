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
            eprintln!("resdiff: {}", one_line(&err.to_string()));
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}

/// The message with its control characters escaped (`\n`, `\u{1b}`), so that a file name
/// holding a line break or an escape sequence keeps the error on one line and cannot drive
/// the terminal.
fn one_line(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for c in message.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
