//! `resdiff completions` and `resdiff man`: the command line described from its own clap
//! definitions, so that the scripts and pages cannot fall behind it.

use clap::CommandFactory;

use resdiff::Error;

use super::shared::{OutputArgs, emit, output_error};
use super::{Cli, Failure, Outcome};

/// The commands that describe the command line itself, from the clap definitions.
/// Their arguments are built only when one runs, as those of the other commands are.
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Describe {
    /// Prints the completion script of a shell (see the README for where to put it).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Prints the manual page in roff (`resdiff man | man -l -`), or writes it and one page
    /// per command into a folder.
    Man {
        /// Write resdiff.1 and a page per command (resdiff-diff.1, ...) into DIR.
        #[arg(long, value_name = "DIR", conflicts_with = "output")]
        dir: Option<std::path::PathBuf>,
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// Writes the completion script or the manual page made from the clap definitions.
pub fn run(command: Describe) -> Result<Outcome, Failure> {
    let mut bytes = Vec::new();
    let output = match command {
        Describe::Completions { shell, output } => {
            clap_complete::generate(shell, &mut Cli::command(), "resdiff", &mut bytes);
            output
        }
        Describe::Man {
            dir: Some(dir),
            output: _,
        } => {
            clap_mangen::generate_to(Cli::command(), &dir).map_err(|source| Error::Output {
                path: dir.display().to_string(),
                source,
            })?;
            return Ok(Outcome::Same);
        }
        Describe::Man { dir: None, output } => {
            clap_mangen::Man::new(Cli::command())
                .render(&mut bytes)
                .map_err(|source| output_error(&output, source))?;
            output
        }
    };
    emit(&output, &bytes, &[])?;
    Ok(Outcome::Same)
}
