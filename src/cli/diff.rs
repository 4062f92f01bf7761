//! `resdiff diff`: the redline between two versions.

use clap::ValueEnum;

use resdiff::output::Destination;
use resdiff::render::{self, Format, RenderOptions};
use resdiff::{Document, InputSpec};

use super::shared::{
    ColorChoice, CompareArgs, DiffFormat, InputArgs, OnlyKind, OutputArgs, emit, output_error,
    output_format, terminal_width, use_color,
};
use super::{Failure, Outcome};

/// What a `diff` whose instruments have no counterpart by title can do instead.
const PICK_HINT: &str = "name the instruments to compare with --old-instrument and --new-instrument (or FILE#N, FILE#LABEL)";

/// The arguments of `resdiff diff`.
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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum HtmlLayoutArg {
    Inline,
    SideBySide,
}

/// Runs `resdiff diff`: exit 0 when the two texts are the same, 1 when they differ.
pub fn run(args: DiffArgs) -> Result<Outcome, Failure> {
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
    emit(&output, &bytes, &inputs)?;
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
