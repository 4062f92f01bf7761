//! `resdiff index`: a saved corpus for `resdiff trace --corpus FILE`.

use resdiff::output::Destination;
use resdiff::trace::{self, CorpusBuilder};

use resdiff::output::InputIdentity;

use super::shared::{InputArgs, OutputArgs};
use super::{Failure, Outcome};

// Builds a saved corpus of folders for `resdiff trace --corpus FILE`. (Not a doc comment: clap
// would show it as the command's about, in place of its `Command` variant's, as it builds the
// arguments late: see `cli::Command`.)
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// The folders (or files) to index, read recursively.
    #[arg(required = true)]
    folders: Vec<String>,
    #[command(flatten)]
    input: InputArgs,
    /// The index file to write (written atomically; an index never goes to standard
    /// output).
    #[arg(long, short = 'o', value_name = "FILE", required = true)]
    output: String,
}

/// Runs `resdiff index`.
pub fn run(args: IndexArgs) -> Result<Outcome, Failure> {
    let output = OutputArgs {
        output: Some(args.output.clone()),
    };
    if output.destination() == Destination::Stdout {
        return Err(Failure::Usage {
            path: "--output".to_owned(),
            problem: "an index is written to a file: give --output FILE".to_owned(),
        });
    }
    let files: Vec<Vec<String>> = args
        .folders
        .iter()
        .map(|folder| trace::corpus_files(folder))
        .collect::<resdiff::Result<_>>()?;
    // Built into a temporary file beside the output, then copied into place the way every
    // output is written (atomically, never over an input): the index is never held whole.
    let folder = match std::path::Path::new(&args.output).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let io_error = |source| resdiff::Error::Output {
        path: args.output.clone(),
        source,
    };
    let scratch = tempfile::tempfile_in(&folder).map_err(io_error)?;
    let mut builder = CorpusBuilder::new(scratch, &args.output, &folder)?;
    for files in &files {
        builder.add_files(files, args.input.max_size)?;
    }
    let mut built = builder.finish(&args.folders)?;
    let inputs: Vec<InputIdentity> = files
        .iter()
        .flatten()
        .filter_map(|file| InputIdentity::of(file))
        .collect();
    resdiff::output::copy_to_file(&args.output, &mut built, &inputs)?;
    Ok(Outcome::Same)
}
