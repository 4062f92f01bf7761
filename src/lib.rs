//! resdiff shows what changed between successive versions of a United Nations resolution.
//!
//! The data flows one way, one module per stage:
//!
//! 1. [`source`]: a file or standard input, checked (size, binary, UTF-8, empty);
//! 2. [`parse`](mod@parse): the text becomes a [`Document`] of [`Instrument`]s with preambular and
//!    operative [`Paragraph`]s, footnotes set aside;
//! 3. [`align`](mod@align): the paragraphs of two versions are matched in any order, with splits,
//!    merges, moves, additions and removals;
//! 4. [`redline`]: every change gets its word-level redline;
//! 5. [`render`]: terminal, text, Markdown, HTML or JSON.
//!
//! [`compare`] runs stages 3 and 4 for every pair of instruments of two documents.

pub mod align;
pub mod compare;
pub mod document;
pub mod error;
mod hash;
pub mod history;
pub mod output;
pub mod parse;
pub mod redline;
pub mod render;
pub mod source;
pub mod tokens;

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
