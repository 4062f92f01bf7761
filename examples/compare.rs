//! The whole pipeline on a real pair embedded in the binary: the 2018 revised draft of
//! "Strengthening the United Nations crime prevention and criminal justice programme" against
//! the resolution adopted in 2023 (A/RES/78/229).
//!
//! ```sh
//! cargo run --release --example compare              # the redline, as text
//! cargo run --release --example compare -- markdown  # or terminal, html, json
//! ```

use std::io::Write;

use resdiff::render::{self, Format, RenderOptions};
use resdiff::{AlignOptions, Source};

const OLD: &str = include_str!("../tests/fixtures/corpus/2018-A-C3-73-revised-draft.txt");
const NEW: &str = include_str!("../tests/fixtures/corpus/2023-A-RES-78-229.txt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let format = match std::env::args().nth(1).as_deref() {
        None | Some("text") => Format::Text,
        Some("terminal") => Format::Terminal,
        Some("markdown") => Format::Markdown,
        Some("html") => Format::Html,
        Some("json") => Format::Json,
        Some(other) => return Err(format!("unknown format {other:?}").into()),
    };
    // Stage 1: text -> documents.
    let old = resdiff::parse(&Source::new("2018-A-C3-73-revised-draft.txt", OLD))?;
    let new = resdiff::parse(&Source::new("2023-A-RES-78-229.txt", NEW))?;
    // Stages 2 and 3: align the paragraphs and redline every change.
    let comparisons = resdiff::compare_documents(&old, &new, None, None, &AlignOptions::default())?;
    // Stage 4: render.
    let options = RenderOptions::default().with_color(format == Format::Terminal);
    let mut out = std::io::stdout().lock();
    let written =
        render::render(&comparisons, format, &options, &mut out).and_then(|()| out.flush());
    match written {
        // Piped into `head`: the reader has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
