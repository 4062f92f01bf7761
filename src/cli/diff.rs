//! `resdiff diff`: the redline between two versions.

use clap::ValueEnum;

use resdiff::output::Destination;
use resdiff::render::{self, Format, RenderOptions, SessionFormat};
use resdiff::{Document, InputSpec};

use super::shared::{
    ColorChoice, CompareArgs, DiffFormat, InputArgs, OnlyKind, OutputArgs, emit, output_format,
    terminal_width, use_color,
};
use super::{Failure, Outcome};

/// What a `diff` whose instruments have no counterpart by title can do instead.
const PICK_HINT: &str = "name the instruments to compare with --old-instrument and --new-instrument (or FILE#N, FILE#LABEL)";

// The arguments of `resdiff diff`. (Not a doc comment: clap would show it as the command's about,
// in place of its `Command` variant's, as it builds the arguments late: see `cli::Command`.)
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
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

impl ViewArgs {
    /// The renderer's options for these arguments: colour only for the terminal format.
    fn render_options(&self, terminal_format: bool, to_terminal: bool) -> RenderOptions {
        RenderOptions::default()
            .with_color(terminal_format && use_color(self.color, to_terminal))
            .with_width(self.width.unwrap_or_else(terminal_width))
            .with_show_unchanged(self.show_unchanged)
            .with_context(self.context)
            .with_only(self.only.map(OnlyKind::kind))
            .with_html_layout(match self.html_layout {
                HtmlLayoutArg::Inline => render::HtmlLayout::Inline,
                HtmlLayoutArg::SideBySide => render::HtmlLayout::SideBySide,
            })
    }
}

/// Whether both arguments are folders (not when both are files or standard input); a usage
/// error for a folder and a file.
fn are_folders(old: &str, new: &str) -> Result<bool, Failure> {
    let is_dir = |path: &str| std::fs::metadata(path).is_ok_and(|m| m.is_dir());
    match (is_dir(old), is_dir(new)) {
        (true, true) => Ok(true),
        (false, false) => Ok(false),
        (true, false) => Err(Failure::Usage {
            path: old.to_owned(),
            problem: format!("is a folder and {new} is not: give two files or two folders"),
        }),
        (false, true) => Err(Failure::Usage {
            path: new.to_owned(),
            problem: format!("is a folder and {old} is not: give two files or two folders"),
        }),
    }
}

/// Runs `resdiff diff OLD_DIR NEW_DIR` (the session view): the flags that pick instruments
/// or write Word make no sense for folders and are refused.
fn run_session(args: &DiffArgs) -> Result<Outcome, Failure> {
    let (old, new) = (args.old.as_str(), args.new.as_str());
    let refused = if args.old_instrument.is_some() || args.new_instrument.is_some() {
        Some(
            "--old-instrument and --new-instrument pick instruments of two files; a session pairs every instrument of two folders",
        )
    } else if matches!(args.format, Some(DiffFormat::Docx)) {
        Some(
            "--format docx writes one redline; a session is a table (use --format html for its redlines)",
        )
    } else {
        None
    };
    if let Some(problem) = refused {
        return Err(Failure::Usage {
            path: format!("{old}, {new}"),
            problem: problem.to_owned(),
        });
    }
    let to_terminal = args.output.to_terminal();
    let format = match args.format {
        Some(DiffFormat::Csv) => SessionFormat::Csv,
        asked => match output_format(asked, to_terminal) {
            Format::Terminal => SessionFormat::Terminal,
            Format::Text => SessionFormat::Text,
            Format::Markdown => SessionFormat::Markdown,
            Format::Html => SessionFormat::Html,
            Format::Json => SessionFormat::Json,
        },
    };
    let options = args
        .view
        .render_options(format == SessionFormat::Terminal, to_terminal);
    super::session::run(
        [old, new],
        format,
        &options,
        &args.compare.align_options(),
        &args.input,
        &args.output,
    )
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum HtmlLayoutArg {
    Inline,
    SideBySide,
}

/// Runs `resdiff diff`: exit 0 when the two texts are the same, 1 when they differ. Two
/// folders are compared as a session ([`super::session`]).
pub fn run(args: DiffArgs) -> Result<Outcome, Failure> {
    if are_folders(&args.old, &args.new)? {
        return run_session(&args);
    }
    let DiffArgs {
        old,
        new,
        old_instrument,
        new_instrument,
        format,
        compare,
        view,
        input,
        output,
    } = args;
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
    .map_err(|err| Failure::hinted(err, PICK_HINT))?;
    let outcome = Outcome::compared(comparisons.iter().all(|c| c.is_identical()));
    let inputs = [old_spec.path.as_str(), new_spec.path.as_str()];
    if matches!(format, Some(DiffFormat::Docx)) {
        write_docx(&output, &comparisons, &inputs)?;
        return Ok(outcome);
    }
    if matches!(format, Some(DiffFormat::Csv)) {
        return Err(Failure::Usage {
            path: "--format csv".to_owned(),
            problem: "the csv format lists the pairs of two folders; give two folders".to_owned(),
        });
    }
    let to_terminal = output.to_terminal();
    let format = output_format(format, to_terminal);
    let options = view.render_options(format == Format::Terminal, to_terminal);
    // Rendered to a string and written from it, not copied into a buffer first.
    let page = render::to_string(&comparisons, format, &options);
    emit(&output, page.as_bytes(), &inputs)?;
    // The process ends with this command and gives its memory back to the system whole:
    // freeing the documents, comparisons and page piece by piece first would be work for
    // nothing (some 0.3 % of the instructions of comparing two resolutions).
    std::mem::forget((old_doc, new_doc, comparisons, page));
    Ok(outcome)
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
