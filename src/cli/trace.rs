//! `resdiff trace`: the arguments and the glue to [`resdiff::trace`].

use clap::ValueEnum;

use resdiff::trace::{self, Corpus, TraceFormat, TraceOptions, cache, store};
use resdiff::{Error, InputSpec};

use super::shared::{InputArgs, OutputArgs, emit, output_error};
use super::{Failure, Outcome};

// Where each paragraph of a draft comes from: its closest earlier paragraphs in a corpus. (Not a
// doc comment: clap would show it as the command's about, in place of its `Command` variant's, as
// it builds the arguments late: see `cli::Command`.)
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
    /// Index the folders of `--corpus` for this trace only, without reading or writing the
    /// cache ($RESDIFF_CACHE_DIR, else $XDG_CACHE_HOME/resdiff, else ~/.cache/resdiff).
    #[arg(long)]
    no_cache: bool,
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
    let options = TraceOptions {
        any_date: args.any_date,
        ..TraceOptions::default()
    };
    let work = |corpus: &Corpus| trace::trace(&draft, instrument, corpus, &options);
    let traced = with_corpus(&args, work)?;
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

/// Runs `work` on the corpus of `--corpus`: a saved index, or the folders' index from the
/// cache (built now when missing or stale), or built for this run only (`--no-cache`).
fn with_corpus<T>(
    args: &TraceArgs,
    work: impl Fn(&Corpus) -> resdiff::Result<T>,
) -> Result<T, Failure> {
    let max_size = args.input.max_size;
    let index = args.corpus.iter().find(|path| opens_as_index(path));
    match (index, args.corpus.as_slice()) {
        (Some(path), [_]) => {
            let file = std::fs::File::open(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Ok(work(&Corpus::open(path, file)?)?)
        }
        (Some(path), _) => Err(Failure::Usage {
            path: path.clone(),
            problem: "an index is the only --corpus of a trace; index the folders together"
                .to_owned(),
        }),
        (None, folders) if args.no_cache => Ok(work(&cache::build_temporary(folders, max_size)?)?),
        (None, folders) => {
            let mut note = |line: String| eprintln!("resdiff: {line}");
            let dir = cache::cache_dir();
            Ok(cache::with_corpus(
                folders,
                max_size,
                dir.as_deref(),
                &mut note,
                work,
            )?)
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
