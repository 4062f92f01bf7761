//! `resdiff trace`: the arguments and the glue to [`resdiff::trace`].

use clap::ValueEnum;

use resdiff::trace::{self, CorpusBuilder, TraceFormat, TraceOptions};
use resdiff::{Error, InputSpec};

use super::{Failure, InputArgs, Outcome, OutputArgs, emit, output_error};

/// Where each paragraph of a draft comes from: its closest earlier paragraphs in a corpus.
#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    /// The draft; `FILE#N` or `FILE#LABEL` picks one instrument of a report.
    draft: String,
    /// A folder of earlier texts (PDF, Word and text files, read recursively), or one file;
    /// repeat for several.
    #[arg(long, value_name = "DIR", required = true)]
    corpus: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Keep the documents dated after the draft (left out by default).
    #[arg(long)]
    any_date: bool,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

/// Runs `resdiff trace`: exit 0 whatever it finds (it compares nothing).
pub fn run(args: TraceArgs) -> Result<Outcome, Failure> {
    let spec = InputSpec::parse(&args.draft);
    let draft = resdiff::read_document(&spec.path, args.input.max_size)?;
    let instrument = match (&spec.pick, draft.instruments.as_slice()) {
        (Some(pick), _) => draft.select(pick)?,
        (None, [only]) => only,
        (None, several) => {
            return Err(Failure::Error(Error::Usage {
                path: spec.path.clone(),
                problem: format!(
                    "holds {} instruments; pick the one to trace with {}#N or {}#LABEL",
                    several.len(),
                    spec.path,
                    spec.path
                ),
            }));
        }
    };
    let mut builder = CorpusBuilder::new();
    for folder in &args.corpus {
        builder.add_files(&trace::corpus_files(folder)?, args.input.max_size);
    }
    let corpus = builder.finish();
    let options = TraceOptions {
        any_date: args.any_date,
        ..TraceOptions::default()
    };
    let traced = trace::trace(&draft, instrument, &corpus, &options);
    let format = match args.format {
        Format::Text => TraceFormat::Text,
        Format::Markdown => TraceFormat::Markdown,
        Format::Html => TraceFormat::Html,
        Format::Json => TraceFormat::Json,
    };
    let mut bytes = Vec::new();
    trace::render_trace(&traced, format, &mut bytes)
        .map_err(|source| output_error(&args.output, source))?;
    emit(&args.output, &bytes, &[&spec.path])?;
    Ok(Outcome::Same)
}
