//! The `resdiff` command: parses arguments, calls the library, maps the outcome to an exit
//! status. Nothing else happens here.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system's malloc: allocation is a tenth of the work of a
/// comparison, and mimalloc does it in fewer instructions (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        // `--help` and `--version`, printed whole.
        Err(err) if !err.use_stderr() => {
            let _ = err.print();
            return ExitCode::from(cli::EXIT_SAME);
        }
        Err(err) => return trouble(&cli::usage_line(&err)),
    };
    match cli::run(args) {
        Ok(outcome) => outcome.exit_code(),
        Err(cli::Failure::BrokenPipe) => ExitCode::from(cli::EXIT_TROUBLE),
        Err(failure) => trouble(&failure.message()),
    }
}

/// Reports trouble on one line of standard error and gives its status. An unwritable
/// standard error (`2>/dev/full`) loses the line but not the status.
fn trouble(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "resdiff: {}", one_line(message));
    ExitCode::from(cli::EXIT_TROUBLE)
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
