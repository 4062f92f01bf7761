//! resdiff shows what changed between successive versions of a United Nations resolution.
//!
//! The data flows one way, one module per stage:
//!
//! 1. [`source`]: a file or standard input, checked (size, binary, UTF-8, empty); the text
//!    of a PDF or a Word document is read by [`read`];
//! 2. [`parse`](mod@parse): the text becomes a [`Document`] of [`Instrument`]s with preambular and
//!    operative [`Paragraph`]s, footnotes set aside;
//! 3. [`align`](mod@align): the paragraphs of two versions are matched in any order, with splits,
//!    merges, moves, additions and removals;
//! 4. [`redline`]: every change gets its word-level redline;
//! 5. [`render`]: terminal, text, Markdown, HTML or JSON.
//!
//! [`compare`] runs stages 3 and 4 for every pair of instruments of two documents, on every
//! text of them: the title, sponsors, chapeau and footnotes too
//! ([`align::align_all_texts`]).

pub mod align;
pub mod compare;
pub mod document;
pub mod error;
pub mod fold;
mod hash;
pub mod history;
pub mod output;
mod parallel;
pub mod parse;
pub mod read;
pub mod redline;
pub mod render;
pub mod source;
pub mod tokens;
pub mod trace;

pub use align::{AlignOptions, Alignment, Change, ChangeKind, align};
pub use compare::{Comparison, compare_documents};
pub use document::{Document, Footnote, Instrument, Item, Kind, LineSpan, Paragraph, ParagraphId};
pub use error::{Error, Result};
pub use parse::parse;
pub use source::{InputSpec, Source};

/// Reads and parses one input: a path, or `-` for standard input.
pub fn read_document(path: &str, max_bytes: u64) -> Result<Document> {
    parse(&Source::read(path, max_bytes)?)
}

/// From this many bytes of input in all, [`read_documents`] parses on several threads. A
/// resolution (some 100 KB) is parsed in well under a millisecond, before a new thread would
/// get a core (see `parallel`).
const PARALLEL_PARSE_MIN_BYTES: usize = 1 << 20;

/// Reads and parses several inputs, as [`read_document`] on each in turn would, down to
/// which error is reported when several inputs are bad (the first in order); large inputs
/// are parsed on several threads.
pub fn read_documents(paths: &[&str], max_bytes: u64) -> Result<Vec<Document>> {
    let mut sources = Vec::with_capacity(paths.len());
    let mut unreadable = None;
    for path in paths {
        match Source::read(path, max_bytes) {
            Ok(source) => sources.push(source),
            Err(err) => {
                unreadable = Some(err);
                break;
            }
        }
    }
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let documents = parallel::map(&sources, bytes >= PARALLEL_PARSE_MIN_BYTES, parse)
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    match unreadable {
        Some(err) => Err(err),
        None => Ok(documents),
    }
}
