//! `resdiff trace`: the arguments and the glue to [`resdiff::trace`].

use clap::ValueEnum;

use resdiff::trace::{self, Corpus, CorpusBuilder, TraceFormat, TraceOptions, store};
use resdiff::{Error, InputSpec};

use super::shared::{InputArgs, OutputArgs, emit, output_error};
use super::{Failure, Outcome};

/// Where each paragraph of a draft comes from: its closest earlier paragraphs in a corpus.
#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    /// The draft; `FILE#N` or `FILE#LABEL` picks one instrument of a report.
    draft: String,
    /// A folder of earlier texts (PDF, Word and text files, read recursively), one file, or
    /// an index written by `resdiff index` (then the only corpus); repeat for several.
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
    // `--docx-changes` reads a Word draft before or after its tracked changes.
    let [draft]: [resdiff::Document; 1] = args
        .input
        .read(&[&spec.path])?
        .try_into()
        .expect("one document per path");
    let instrument = match (&spec.pick, draft.instruments.as_slice()) {
        (Some(pick), _) => draft.select(pick)?,
        (None, [only]) => only,
        (None, several) => {
            return Err(Failure::Usage {
                path: spec.path.clone(),
                problem: format!(
                    "holds {} instruments; pick the one to trace with {}#N or {}#LABEL",
                    several.len(),
                    spec.path,
                    spec.path
                ),
            });
        }
    };
    let corpus = corpus(&args.corpus, args.input.max_size)?;
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

/// The corpus of `--corpus`: a saved index, or the files of folders read now.
fn corpus(arguments: &[String], max_size: u64) -> Result<Corpus, Failure> {
    let index = arguments.iter().find(|path| opens_as_index(path));
    match (index, arguments) {
        (Some(path), [_]) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Ok(store::load(path, &bytes)?)
        }
        (Some(path), _) => Err(Failure::Usage {
            path: path.clone(),
            problem: "an index is the only --corpus of a trace; index the folders together"
                .to_owned(),
        }),
        (None, folders) => {
            let mut builder = CorpusBuilder::new();
            for folder in folders {
                builder.add_files(&trace::corpus_files(folder)?, max_size);
            }
            Ok(builder.finish())
        }
    }
}

/// Whether `path` is a file that opens like an index.
fn opens_as_index(path: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut file| file.read(&mut head))
        .is_ok_and(|n| store::is_index(&head[..n]))
}
