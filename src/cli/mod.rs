//! Command-line interface: the clap definitions and the glue from arguments to library calls.
//!
//! One module per command holds its arguments and the function that runs it; what several
//! commands share (reading inputs, writing the output, format, colour and width) is in
//! `shared`. Here: the command list, the outcome and failure of a run, and usage errors.

mod describe;
mod diff;
mod history;
mod index;
mod parse;
mod session;
mod shared;
mod trace;

use clap::{Parser, Subcommand};

use resdiff::Error;
use resdiff::render;

/// Exit status when the texts are the same (and for `parse`, on success).
pub const EXIT_SAME: u8 = 0;
/// Exit status when the texts differ.
pub const EXIT_DIFFERENT: u8 = 1;
/// Exit status on trouble: bad input, unreadable file, unwritable output.
pub const EXIT_TROUBLE: u8 = 2;

/// What `--version` prints after the name (`-V` prints the first line): the crate's version and the `schema_version` of
/// each JSON layout, which a tool reading the output can check before it runs.
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{}\ndiff JSON schema_version {}\nhistory JSON schema_version {}",
        env!("CARGO_PKG_VERSION"),
        render::SCHEMA_VERSION,
        render::HISTORY_SCHEMA_VERSION
    )
});

/// Shows what changed between successive versions of a United Nations resolution.
#[derive(Debug, Parser)]
#[command(name = "resdiff", version, long_version = VERSION.as_str(), about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Each command's arguments are built only when it runs (`defer`): building those of every
/// command cost more than parsing the command line of one.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
enum Command {
    /// Finds the instruments of a text and lists their paragraphs.
    Parse(parse::ParseArgs),
    /// Compares two versions paragraph by paragraph and shows the redline.
    Diff(diff::DiffArgs),
    /// Follows every paragraph through many versions: lineages and language drift.
    History(history::HistoryArgs),
    /// Traces each paragraph of a draft to its closest earlier paragraphs in a corpus.
    Trace(trace::TraceArgs),
    /// Saves the paragraphs and indexes of folders of texts for `trace --corpus FILE`.
    Index(index::IndexArgs),
    #[command(flatten)]
    Describe(describe::Describe),
}

/// What a successful run found.
pub enum Outcome {
    /// The texts are the same, or the command does not compare.
    Same,
    /// The texts differ.
    Different,
    /// The output was written but is incomplete (files of a folder could not be read): the
    /// status of trouble.
    Incomplete,
}

impl Outcome {
    /// The outcome of a comparison that found the texts the same or not.
    fn compared(same: bool) -> Outcome {
        if same {
            Outcome::Same
        } else {
            Outcome::Different
        }
    }

    /// The exit status of this outcome.
    pub fn exit_code(&self) -> std::process::ExitCode {
        std::process::ExitCode::from(match self {
            Outcome::Same => EXIT_SAME,
            Outcome::Different => EXIT_DIFFERENT,
            Outcome::Incomplete => EXIT_TROUBLE,
        })
    }
}

/// Why a run ended early.
pub enum Failure {
    /// The reader of standard output went away (`resdiff diff a b | head`): end quietly,
    /// as a command killed by SIGPIPE would, but with the status of trouble, never "same"
    /// or "different", since the output was not all delivered.
    BrokenPipe,
    /// The command line asks for something impossible (both inputs on standard input, a
    /// label per version missing): reported on one line, exit 2.
    Usage {
        /// The argument concerned.
        path: String,
        /// What is wrong.
        problem: String,
    },
    /// The library failed: reported on one line, exit 2, in the command's words
    /// ([`Failure::message`]).
    Error(Error),
    /// The library failed in a way this command line can get round: reported with how.
    Hinted {
        /// What failed.
        error: Error,
        /// What to give on the command line instead.
        hint: &'static str,
    },
}

impl Failure {
    /// The one line that reports the failure: the library's message, with what the user
    /// can do about it on this command line.
    pub fn message(&self) -> String {
        match self {
            Failure::BrokenPipe => "the reader of standard output went away".to_owned(),
            Failure::Usage { path, problem } => format!("{path}: {problem}"),
            Failure::Error(Error::TooLarge { path, bytes, limit }) => format!(
                "{path}: too large ({bytes} bytes; the limit is {limit} bytes, raise it with --max-size)"
            ),
            Failure::Error(err) => err.to_string(),
            Failure::Hinted { error, hint } => format!("{error}; {hint}"),
        }
    }

    /// `err`, with `hint` when no instrument matched by title.
    fn hinted(err: Error, hint: &'static str) -> Failure {
        match err {
            Error::NoTitleMatch { .. } => Failure::Hinted { error: err, hint },
            other => Failure::from(other),
        }
    }
}

impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        match &err {
            Error::Output { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe => {
                Failure::BrokenPipe
            }
            _ => Failure::Error(err),
        }
    }
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Diff(args) => diff::run(args),
        Command::History(args) => history::run(args),
        Command::Trace(args) => trace::run(args),
        Command::Index(args) => index::run(args),
        Command::Describe(command) => describe::run(command),
    }
}

/// A command line that clap refused, on one line: clap's first paragraph without its
/// "error: ", then its tips, without the usage block, and where to read more.
pub fn usage_line(err: &clap::Error) -> String {
    use clap::error::ErrorKind;
    let problem = match err.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            format!("a command is needed: {}", command_names())
        }
        _ => {
            // The first paragraph: "the following required arguments were not provided:"
            // has them on the lines after it.
            let rendered = err.render().to_string();
            let paragraph: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .skip_while(|line| line.is_empty())
                .take_while(|line| !line.is_empty())
                .collect();
            let mut problem = paragraph.join(" ");
            // clap's tips ("a similar argument exists: '--color'") are worth their words.
            for tip in rendered
                .lines()
                .filter_map(|l| l.trim().strip_prefix("tip: "))
            {
                problem.push_str("; ");
                problem.push_str(tip);
            }
            match problem.strip_prefix("error: ") {
                Some(rest) => rest.to_owned(),
                None if problem.is_empty() => "invalid command line".to_owned(),
                None => problem,
            }
        }
    };
    format!("{problem} (see resdiff --help)")
}

/// The names of the commands, as a list in words: "parse, diff, ... or man". Taken from the
/// clap definitions, so that a new command is named without anyone remembering to.
fn command_names() -> String {
    use clap::CommandFactory;
    let cli = Cli::command();
    let names: Vec<&str> = cli
        .get_subcommands()
        .filter(|command| !command.is_hide_set())
        .map(clap::Command::get_name)
        .collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    #[test]
    fn cli_debug_assert() {
        super::Cli::command().debug_assert();
    }
}
