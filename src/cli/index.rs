//! `resdiff index`: a saved corpus for `resdiff trace --corpus FILE`.

use resdiff::output::Destination;
use resdiff::trace::{self, CorpusBuilder, store};

use super::shared::{InputArgs, OutputArgs, emit};
use super::{Failure, Outcome};

/// Builds a saved corpus of folders for `resdiff trace --corpus FILE`.
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
    let mut builder = CorpusBuilder::new();
    for folder in &args.folders {
        builder.add_files(&trace::corpus_files(folder)?, args.input.max_size);
    }
    let bytes = store::save(&args.folders, &builder.finish())?;
    emit(&output, &bytes, &[])?;
    Ok(Outcome::Same)
}
