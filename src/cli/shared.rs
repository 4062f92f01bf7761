//! What the commands share: reading the inputs, writing the output, and the choices of
//! format, colour and width that depend on where the output goes.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;

use resdiff::output::{Destination, InputIdentity};
use resdiff::read::TrackedChanges;
use resdiff::render::Format;
use resdiff::source::DEFAULT_MAX_BYTES;
use resdiff::{AlignOptions, Document, Error, Kind, fold};

use super::Failure;

#[derive(Debug, clap::Args)]
pub(super) struct CompareArgs {
    /// Count typographic variants as differences too: curly or straight quotes, no-break
    /// hyphens and spaces, soft hyphens, ligatures, spacing (folded by default).
    #[arg(long)]
    strict: bool,
}

impl CompareArgs {
    /// The aligner's options for these arguments.
    pub(super) fn align_options(&self) -> AlignOptions {
        let mut options = AlignOptions::default();
        if self.strict {
            options.fold = fold::Mode::Strict;
        }
        options
    }
}

#[derive(Debug, clap::Args)]
pub(super) struct InputArgs {
    /// Largest input accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    pub(super) max_size: u64,
    /// Read the changes tracked in a Word (.docx) input as accepted (the text as it now
    /// stands) or as rejected (the text before them).
    #[arg(long, value_enum, default_value_t = DocxChanges::Accept)]
    docx_changes: DocxChanges,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DocxChanges {
    Accept,
    Reject,
}

impl InputArgs {
    /// Reads the documents at `paths`, as these arguments say.
    pub(super) fn read(&self, paths: &[&str]) -> Result<Vec<Document>, Error> {
        resdiff::read_documents_with(paths, self.max_size, self.tracked_changes())
    }

    /// What to do with the changes tracked in Word inputs.
    pub(super) fn tracked_changes(&self) -> TrackedChanges {
        match self.docx_changes {
            DocxChanges::Accept => TrackedChanges::Accept,
            DocxChanges::Reject => TrackedChanges::Reject,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(super) struct OutputArgs {
    /// Write to FILE (atomically) instead of standard output (`-`).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(super) output: Option<String>,
}

impl OutputArgs {
    pub(super) fn destination(&self) -> Destination {
        Destination::from_arg(self.output.as_deref())
    }

    /// Whether the output goes to a terminal.
    pub(super) fn to_terminal(&self) -> bool {
        self.destination() == Destination::Stdout && std::io::stdout().is_terminal()
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum DiffFormat {
    Terminal,
    Text,
    Markdown,
    Html,
    Json,
    /// A Word document with tracked changes; needs `--output`.
    Docx,
    /// Comma-separated values, one row per pair (two folders only).
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum OnlyKind {
    Pp,
    Op,
}

impl OnlyKind {
    pub(super) fn kind(self) -> Kind {
        match self {
            OnlyKind::Pp => Kind::Preambular,
            OnlyKind::Op => Kind::Operative,
        }
    }
}

/// The format asked for, else the terminal format on a terminal and text elsewhere.
pub(super) fn output_format(asked: Option<DiffFormat>, to_terminal: bool) -> Format {
    match asked {
        Some(DiffFormat::Terminal) => Format::Terminal,
        Some(DiffFormat::Text) => Format::Text,
        Some(DiffFormat::Markdown) => Format::Markdown,
        Some(DiffFormat::Html) => Format::Html,
        Some(DiffFormat::Json) => Format::Json,
        Some(DiffFormat::Docx) => unreachable!("the docx format is written by write_docx"),
        Some(DiffFormat::Csv) => unreachable!("the csv format is refused for two files"),
        None if to_terminal => Format::Terminal,
        None => Format::Text,
    }
}

/// Colour when asked for, or on a terminal unless `NO_COLOR` is set; `CLICOLOR_FORCE`
/// turns it on under `auto`. The flag wins over the environment.
pub(super) fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env_set("NO_COLOR") => false,
        ColorChoice::Auto if env_set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => to_terminal,
    }
}

/// `$COLUMNS` when the shell exports it, else 100.
pub(super) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&w: &usize| w >= 20)
        .unwrap_or(100)
}

/// A failure to write the output, named by where it was going.
pub(super) fn output_error(output: &OutputArgs, source: std::io::Error) -> Error {
    Error::Output {
        path: output.destination().name().to_owned(),
        source,
    }
}

/// Writes the finished output: to the file of `--output` atomically, or to standard output.
pub(super) fn emit(output: &OutputArgs, bytes: &[u8], inputs: &[&str]) -> Result<(), Failure> {
    match output.destination() {
        Destination::File(path) => {
            let inputs: Vec<InputIdentity> = inputs
                .iter()
                .filter_map(|input| InputIdentity::of(input))
                .collect();
            Ok(resdiff::output::write_file(&path, bytes, &inputs)?)
        }
        Destination::Stdout => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|source| output_error(output, source))?;
            Ok(())
        }
    }
}
