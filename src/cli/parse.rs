//! `resdiff parse`: the instruments of one text and their paragraphs.

use clap::ValueEnum;

use resdiff::render::{self, DocumentFormat};
use resdiff::{Document, InputSpec};

use super::shared::{InputArgs, OutputArgs, emit, output_error};
use super::{Failure, Outcome};

// The arguments of `resdiff parse`. (Not a doc comment: clap would show it as the command's about,
// in place of its `Command` variant's, as it builds the arguments late: see `cli::Command`.)
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The text to read (`-` for standard input).
    file: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Text)]
    format: ParseFormat,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ParseFormat {
    Text,
    Json,
}

/// Runs `resdiff parse`: exit 0 whatever it finds (it compares nothing).
pub fn run(args: ParseArgs) -> Result<Outcome, Failure> {
    let spec = InputSpec::parse(&args.file);
    let [mut document]: [Document; 1] = args
        .input
        .read(&[&spec.path])?
        .try_into()
        .expect("one document per path");
    if let Some(pick) = &spec.pick {
        let picked = document.select(pick)?.clone();
        document.instruments = vec![picked];
    }
    let format = match args.format {
        ParseFormat::Text => DocumentFormat::Text,
        ParseFormat::Json => DocumentFormat::Json,
    };
    let mut bytes = Vec::new();
    render::render_document(&document, format, &mut bytes)
        .map_err(|source| output_error(&args.output, source))?;
    emit(&args.output, &bytes, &[&spec.path])?;
    Ok(Outcome::Same)
}
