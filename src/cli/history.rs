//! `resdiff history`: every paragraph followed through many versions.

use clap::ValueEnum;

use resdiff::InputSpec;
use resdiff::history::{self, LineageOrder, Redlines};
use resdiff::render::{self, Format, RenderOptions};

use super::shared::{
    ColorChoice, CompareArgs, DiffFormat, InputArgs, OnlyKind, OutputArgs, emit, output_error,
    output_format, use_color,
};
use super::{Failure, Outcome};

/// What a `history` whose version has no counterpart by title can do instead.
const PICK_HINT: &str = "name the instrument of each version with FILE#N or FILE#LABEL";

// The arguments of `resdiff history`. (Not a doc comment: clap would show it as the command's
// about, in place of its `Command` variant's, as it builds the arguments late: see `cli::Command`.)
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
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
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortOrder {
    /// By first appearance.
    First,
    /// By position in the newest version.
    Newest,
}

/// Runs `resdiff history`: exit 0 when no version changes anything, 1 otherwise.
pub fn run(args: HistoryArgs) -> Result<Outcome, Failure> {
    let HistoryArgs {
        versions,
        label,
        sort,
        only,
        format,
        color,
        compare,
        input,
        output,
    } = args;
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
            problem: "history has no Word format; diff two versions for a Word redline".to_owned(),
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
    let instruments =
        resdiff::history::pick_series(&documents).map_err(|err| Failure::hinted(err, PICK_HINT))?;
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
    let to_terminal = output.to_terminal();
    let format = output_format(format, to_terminal);
    // Only the HTML page shows the word redlines; the other formats would discard them.
    let redlines = match format {
        Format::Html => Redlines::Made,
        _ => Redlines::Skipped,
    };
    let mut history = history::history_for(&series, &compare.align_options(), redlines);
    history.sort(match sort {
        SortOrder::First => LineageOrder::FirstAppearance,
        SortOrder::Newest => LineageOrder::Newest,
    });
    let options = RenderOptions::default()
        .with_color(format == Format::Terminal && use_color(color, to_terminal))
        .with_only(only.map(OnlyKind::kind));
    let mut bytes = Vec::new();
    render::render_history(&history, format, &options, &mut bytes)
        .map_err(|source| output_error(&output, source))?;
    emit(&output, &bytes, &paths)?;
    let unchanged = (0..series.len().saturating_sub(1)).all(|step| {
        history
            .step_changes(step)
            .iter()
            .all(|change| change.is_identity())
    });
    // The process ends with this command and gives its memory back to the system whole:
    // freeing the history, versions and page piece by piece first would be work for nothing
    // (some 0.6 % of the instructions of a history of four resolutions).
    std::mem::forget((history, series, bytes));
    std::mem::forget(instruments);
    std::mem::forget(documents);
    Ok(Outcome::compared(unchanged))
}
