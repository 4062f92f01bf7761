//! Command-line interface: the clap definitions and the glue from arguments to library calls.

mod trace;

use std::io::{IsTerminal, Write};

use clap::{Parser, Subcommand, ValueEnum};

use resdiff::history::{self, LineageOrder};
use resdiff::output::{Destination, InputIdentity};
use resdiff::read::TrackedChanges;
use resdiff::render::{self, DocumentFormat, Format, RenderOptions};
use resdiff::source::DEFAULT_MAX_BYTES;
use resdiff::{AlignOptions, Document, Error, InputSpec, Kind, fold};

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

#[derive(Debug, Subcommand)]
enum Command {
    /// Finds the instruments of a text and lists their paragraphs.
    Parse {
        /// The text to read (`-` for standard input).
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ParseFormat::Text)]
        format: ParseFormat,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Compares two versions paragraph by paragraph and shows the redline.
    Diff {
        /// The older text; `FILE#N` or `FILE#LABEL` picks one instrument of a report.
        old: String,
        /// The newer text; `FILE#N` or `FILE#LABEL` picks one instrument of a report.
        new: String,
        /// The instrument of OLD to compare, by label ("Draft resolution IV") or position.
        #[arg(long, value_name = "LABEL|N")]
        old_instrument: Option<String>,
        /// The instrument of NEW to compare, by label or position.
        #[arg(long, value_name = "LABEL|N")]
        new_instrument: Option<String>,
        /// Output format [default: terminal on a terminal, text otherwise].
        #[arg(long, value_enum)]
        format: Option<DiffFormat>,
        #[command(flatten)]
        compare: CompareArgs,
        #[command(flatten)]
        view: ViewArgs,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Follows every paragraph through many versions: lineages and language drift.
    History {
        /// The versions, oldest first; `FILE#N` or `FILE#LABEL` picks one instrument of a
        /// report (without a pick, the instrument whose title matches the other versions).
        #[arg(required = true, num_args = 2..)]
        versions: Vec<String>,
        /// A label for each version, in order (default: the symbol or year in the document).
        #[arg(long, value_name = "LABEL", num_args = 1.., value_delimiter = ',')]
        label: Vec<String>,
        /// Order of the lineage rows.
        #[arg(long, value_enum, default_value_t = SortOrder::First)]
        sort: SortOrder,
        /// Only the lineages of preambular (pp) or of operative (op) paragraphs, and their
        /// drift; the exit status still counts every change.
        #[arg(long, value_enum)]
        only: Option<OnlyKind>,
        /// Output format [default: terminal on a terminal, text otherwise].
        #[arg(long, value_enum)]
        format: Option<DiffFormat>,
        /// When to colour the terminal format.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        compare: CompareArgs,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Traces each paragraph of a draft to its closest earlier paragraphs in a corpus.
    Trace(trace::TraceArgs),
    /// Saves the paragraphs and indexes of folders of texts for `trace --corpus FILE`.
    Index(trace::IndexArgs),
    #[command(flatten)]
    Describe(Describe),
}

/// The commands that describe the command line itself, from the clap definitions.
#[derive(Debug, Subcommand)]
enum Describe {
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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortOrder {
    /// By first appearance.
    First,
    /// By position in the newest version.
    Newest,
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// Count typographic variants as differences too: curly or straight quotes, no-break
    /// hyphens and spaces, soft hyphens, ligatures, spacing (folded by default).
    #[arg(long)]
    strict: bool,
}

impl CompareArgs {
    /// The aligner's options for these arguments.
    fn align_options(&self) -> AlignOptions {
        let mut options = AlignOptions::default();
        if self.strict {
            options.fold = fold::Mode::Strict;
        }
        options
    }
}

#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Largest input accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_size: u64,
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
    fn read(&self, paths: &[&str]) -> Result<Vec<Document>, Error> {
        let changes = match self.docx_changes {
            DocxChanges::Accept => TrackedChanges::Accept,
            DocxChanges::Reject => TrackedChanges::Reject,
        };
        resdiff::read_documents_with(paths, self.max_size, changes)
    }
}

#[derive(Debug, clap::Args)]
struct OutputArgs {
    /// Write to FILE (atomically) instead of standard output (`-`).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<String>,
}

impl OutputArgs {
    fn destination(&self) -> Destination {
        Destination::from_arg(self.output.as_deref())
    }

    /// Whether the output goes to a terminal.
    fn to_terminal(&self) -> bool {
        self.destination() == Destination::Stdout && std::io::stdout().is_terminal()
    }
}

#[derive(Debug, clap::Args)]
struct ViewArgs {
    /// When to colour the terminal format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Show unchanged paragraphs in full.
    #[arg(long)]
    show_unchanged: bool,
    /// Unchanged paragraphs to show around each change.
    #[arg(long, short = 'C', value_name = "N", default_value_t = 0)]
    context: usize,
    /// Only preambular (pp) or only operative (op) paragraphs: no title, sponsors, chapeau
    /// or footnotes either (the exit status still counts everything).
    #[arg(long, value_enum)]
    only: Option<OnlyKind>,
    /// Wrap width of the terminal format [default: $COLUMNS, else 100].
    #[arg(long, value_name = "COLUMNS")]
    width: Option<usize>,
    /// How the HTML format sets out each change: inline, or old | new in two columns.
    #[arg(long, value_enum, default_value_t = HtmlLayoutArg::Inline)]
    html_layout: HtmlLayoutArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum HtmlLayoutArg {
    Inline,
    SideBySide,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ParseFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiffFormat {
    Terminal,
    Text,
    Markdown,
    Html,
    Json,
    /// A Word document with tracked changes; needs `--output`.
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OnlyKind {
    Pp,
    Op,
}

impl OnlyKind {
    fn kind(self) -> Kind {
        match self {
            OnlyKind::Pp => Kind::Preambular,
            OnlyKind::Op => Kind::Operative,
        }
    }
}

/// What a successful run found.
pub enum Outcome {
    /// The texts are the same, or the command does not compare.
    Same,
    /// The texts differ.
    Different,
}

impl Outcome {
    /// The exit status of this outcome.
    pub fn exit_code(&self) -> std::process::ExitCode {
        std::process::ExitCode::from(match self {
            Outcome::Same => EXIT_SAME,
            Outcome::Different => EXIT_DIFFERENT,
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

/// What a `diff` whose instruments have no counterpart by title can do instead.
const DIFF_PICK_HINT: &str = "name the instruments to compare with --old-instrument and --new-instrument (or FILE#N, FILE#LABEL)";

/// What a `history` whose version has no counterpart by title can do instead.
const HISTORY_PICK_HINT: &str = "name the instrument of each version with FILE#N or FILE#LABEL";

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
        Command::Trace(args) => trace::run(args),
        Command::Index(args) => trace::run_index(args),
        Command::Describe(command) => describe(command),
        Command::Parse {
            file,
            format,
            input,
            output,
        } => {
            let spec = InputSpec::parse(&file);
            let [mut document]: [Document; 1] = input
                .read(&[&spec.path])?
                .try_into()
                .expect("one document per path");
            if let Some(pick) = &spec.pick {
                let picked = document.select(pick)?.clone();
                document.instruments = vec![picked];
            }
            let format = match format {
                ParseFormat::Text => DocumentFormat::Text,
                ParseFormat::Json => DocumentFormat::Json,
            };
            let mut bytes = Vec::new();
            render::render_document(&document, format, &mut bytes)
                .map_err(|source| output_error(&output, source))?;
            emit(&output, &bytes, &[&spec.path])?;
            Ok(Outcome::Same)
        }
        Command::Diff {
            old,
            new,
            old_instrument,
            new_instrument,
            format,
            compare,
            view,
            input,
            output,
        } => {
            let old_spec = InputSpec::parse(&old);
            let new_spec = InputSpec::parse(&new);
            if old_spec.path == "-" && new_spec.path == "-" {
                return Err(Failure::Usage {
                    path: "-".to_owned(),
                    problem: "only one of the two inputs can be standard input".to_owned(),
                });
            }
            let [old_doc, new_doc]: [Document; 2] = input
                .read(&[&old_spec.path, &new_spec.path])?
                .try_into()
                .expect("one document per path");
            let comparisons = resdiff::compare_documents(
                &old_doc,
                &new_doc,
                old_instrument.as_deref().or(old_spec.pick.as_deref()),
                new_instrument.as_deref().or(new_spec.pick.as_deref()),
                &compare.align_options(),
            )
            .map_err(|err| Failure::hinted(err, DIFF_PICK_HINT))?;
            let same = comparisons.iter().all(|c| c.is_identical());
            if matches!(format, Some(DiffFormat::Docx)) {
                write_docx(&output, &comparisons, &[&old_spec.path, &new_spec.path])?;
                return Ok(if same {
                    Outcome::Same
                } else {
                    Outcome::Different
                });
            }
            let to_terminal = output.to_terminal();
            let format = output_format(format, to_terminal);
            let options = RenderOptions::default()
                .with_color(format == Format::Terminal && use_color(view.color, to_terminal))
                .with_width(view.width.unwrap_or_else(terminal_width))
                .with_show_unchanged(view.show_unchanged)
                .with_context(view.context)
                .with_only(view.only.map(OnlyKind::kind))
                .with_html_layout(match view.html_layout {
                    HtmlLayoutArg::Inline => render::HtmlLayout::Inline,
                    HtmlLayoutArg::SideBySide => render::HtmlLayout::SideBySide,
                });
            let mut bytes = Vec::new();
            render::render(&comparisons, format, &options, &mut bytes)
                .map_err(|source| output_error(&output, source))?;
            emit(&output, &bytes, &[&old_spec.path, &new_spec.path])?;
            if same {
                Ok(Outcome::Same)
            } else {
                Ok(Outcome::Different)
            }
        }
        Command::History {
            versions,
            label,
            sort,
            only,
            format,
            color,
            compare,
            input,
            output,
        } => {
            if !label.is_empty() && label.len() != versions.len() {
                return Err(Failure::Usage {
                    path: "--label".to_owned(),
                    problem: format!(
                        "{} labels for {} versions; give one label per version",
                        label.len(),
                        versions.len()
                    ),
                });
            }
            if matches!(format, Some(DiffFormat::Docx)) {
                return Err(Failure::Usage {
                    path: "--format docx".to_owned(),
                    problem: "history has no Word format; diff two versions for a Word redline"
                        .to_owned(),
                });
            }
            let specs: Vec<InputSpec> = versions.iter().map(|v| InputSpec::parse(v)).collect();
            if specs.iter().filter(|spec| spec.path == "-").count() > 1 {
                return Err(Failure::Usage {
                    path: "-".to_owned(),
                    problem: "only one version can be standard input".to_owned(),
                });
            }
            let paths: Vec<&str> = specs.iter().map(|spec| spec.path.as_str()).collect();
            let documents: Vec<_> = input
                .read(&paths)?
                .into_iter()
                .zip(&specs)
                .map(|(document, spec)| (document, spec.pick.clone()))
                .collect();
            let instruments = resdiff::compare::pick_series(&documents)
                .map_err(|err| Failure::hinted(err, HISTORY_PICK_HINT))?;
            let series: Vec<history::Version> = instruments
                .iter()
                .zip(&documents)
                .enumerate()
                .map(|(i, (instrument, (document, _)))| history::Version {
                    instrument,
                    file: &document.file,
                    label: label.get(i).map(String::as_str),
                })
                .collect();
            let mut history = history::history(&series, &compare.align_options());
            history.sort(match sort {
                SortOrder::First => LineageOrder::FirstAppearance,
                SortOrder::Newest => LineageOrder::Newest,
            });
            let to_terminal = output.to_terminal();
            let format = output_format(format, to_terminal);
            let options = RenderOptions::default()
                .with_color(format == Format::Terminal && use_color(color, to_terminal))
                .with_only(only.map(OnlyKind::kind));
            let mut bytes = Vec::new();
            render::render_history(&history, format, &options, &mut bytes)
                .map_err(|source| output_error(&output, source))?;
            let paths: Vec<&str> = specs.iter().map(|spec| spec.path.as_str()).collect();
            emit(&output, &bytes, &paths)?;
            let unchanged = (0..series.len().saturating_sub(1)).all(|step| {
                history
                    .step_changes(step)
                    .iter()
                    .all(|change| change.is_identity())
            });
            Ok(if unchanged {
                Outcome::Same
            } else {
                Outcome::Different
            })
        }
    }
}

/// Writes the completion script or the manual page made from the clap definitions.
fn describe(command: Describe) -> Result<Outcome, Failure> {
    use clap::CommandFactory;
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

/// A command line that clap refused, on one line: clap's first paragraph without its
/// "error: ", then its tips, without the usage block, and where to read more.
pub fn usage_line(err: &clap::Error) -> String {
    use clap::error::ErrorKind;
    let problem = match err.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            "a command is needed: parse, diff, history, trace or index".to_owned()
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

/// The format asked for, else the terminal format on a terminal and text elsewhere.
fn output_format(asked: Option<DiffFormat>, to_terminal: bool) -> Format {
    match asked {
        Some(DiffFormat::Terminal) => Format::Terminal,
        Some(DiffFormat::Text) => Format::Text,
        Some(DiffFormat::Markdown) => Format::Markdown,
        Some(DiffFormat::Html) => Format::Html,
        Some(DiffFormat::Json) => Format::Json,
        Some(DiffFormat::Docx) => unreachable!("the docx format is written by write_docx"),
        None if to_terminal => Format::Terminal,
        None => Format::Text,
    }
}

/// Colour when asked for, or on a terminal unless `NO_COLOR` is set; `CLICOLOR_FORCE`
/// turns it on under `auto`. The flag wins over the environment.
fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
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
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&w: &usize| w >= 20)
        .unwrap_or(100)
}

fn output_error(output: &OutputArgs, source: std::io::Error) -> Error {
    Error::Output {
        path: output.destination().name().to_owned(),
        source,
    }
}

/// Writes the comparisons as a Word document to the file of `--output` (a package of
/// binary parts never goes to standard output). Its tracked changes are dated
/// `SOURCE_DATE_EPOCH` when set, else the fixed [`render::docx::DEFAULT_DATE`], so that
/// the same inputs give the same bytes.
fn write_docx(
    output: &OutputArgs,
    comparisons: &[resdiff::Comparison],
    inputs: &[&str],
) -> Result<(), Failure> {
    if !matches!(output.destination(), Destination::File(_)) {
        return Err(Failure::Usage {
            path: "--format docx".to_owned(),
            problem: "a Word document is written to a file: add --output FILE.docx".to_owned(),
        });
    }
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|seconds| seconds.trim().parse().ok())
        .map_or_else(
            || render::docx::DEFAULT_DATE.to_owned(),
            render::docx::iso_date,
        );
    let bytes = render::docx::render(comparisons, &date);
    emit(output, &bytes, inputs)
}

/// Writes the finished output: to the file of `--output` atomically, or to standard output.
fn emit(output: &OutputArgs, bytes: &[u8], inputs: &[&str]) -> Result<(), Failure> {
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_debug_assert() {
        super::Cli::command().debug_assert();
    }
}
