//! resdiff shows what changed between successive versions of a United Nations resolution.
//!
//! # Quick start: a redline in a snapshot test
//!
//! [`diff_texts`] does the whole `resdiff diff` on two texts, and [`Diff::to_text`] gives
//! its plain-text redline, the same bytes on every machine: what a snapshot test of another
//! crate keeps (`insta::assert_snapshot!(resdiff::diff_texts(&old, &new)?.to_text())`;
//! `examples/snapshot.rs` is such a test).
//!
//! ```
//! let old = "Strengthening the programme\n\nThe General Assembly,\n\n\
//!            Recalling its resolution 77/237,\n\n\
//!            1. Requests the Secretary-General to report;\n";
//! let new = "Strengthening the programme\n\nThe General Assembly,\n\n\
//!            Recalling its resolution 78/229,\n\n\
//!            1. Urges the Secretary-General to report;\n";
//! let diff = resdiff::diff_texts(old, new)?;
//! assert_eq!(
//!     diff.to_text(),
//!     "old → new\n\
//!      title: Strengthening the programme\n\
//!      summary: 2 unchanged, 2 reworded, 0 rewritten, 0 moved, 0 split, 0 merged, 0 added, 0 removed\n\
//!      \n\
//!      … unchanged TITLE, CHAPEAU\n\
//!      \n\
//!      PP1 · reworded\n  Recalling its resolution [-77/237-]{+78/229+},\n\
//!      \n\
//!      OP1 · reworded\n  [-Requests-]{+Urges+} the Secretary-General to report;\n"
//! );
//! # Ok::<(), resdiff::Error>(())
//! ```
//!
//! [`Diff::render`] gives the other formats (terminal, Markdown, HTML, JSON) with
//! [`RenderOptions`](render::RenderOptions).
//!
//! # The stages
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
//! ([`align::align_all_texts`]). [`history`] follows the paragraphs through many versions.
//!
//! Each stage can be called alone:
//!
//! ```
//! use resdiff::render::{self, Format, RenderOptions};
//! use resdiff::{AlignOptions, ChangeKind, Source};
//!
//! let text = |verb: &str| {
//!     format!("Title\n\nThe General Assembly,\n\n1. {verb} States to act;\n\n2. Decides to remain seized.\n")
//! };
//! // Stage 1: a text becomes a document of instruments and paragraphs.
//! let old = resdiff::parse(&Source::new("2022.txt", text("Invites")))?;
//! let new = resdiff::parse(&Source::new("2023.txt", text("Urges")))?;
//! let (old, new) = (&old.instruments[0], &new.instruments[0]);
//! assert_eq!(old.paragraphs[0].lead, "Invites");
//!
//! // Stage 2: which paragraph became which.
//! let alignment = resdiff::align(old, new, &AlignOptions::default());
//! assert_eq!(alignment.changes[0].kind, ChangeKind::Reworded);
//!
//! // Stage 3: the word redline of every change.
//! let redlines = resdiff::redline::redline(old, new, &alignment);
//! let words: Vec<&str> = redlines[0].segments.iter().map(|s| s.text.as_str()).collect();
//! assert_eq!(words, ["Invites", "Urges", " States to act;"]);
//!
//! // Stage 4: what a reader sees, for every text of the instruments.
//! let comparison = resdiff::Comparison::new(
//!     &resdiff::Document::new("2022.txt", vec![old.clone()]),
//!     old,
//!     &resdiff::Document::new("2023.txt", vec![new.clone()]),
//!     new,
//!     &AlignOptions::default(),
//! );
//! let page = render::to_string(&[comparison], Format::Text, &RenderOptions::default());
//! assert!(page.contains("[-Invites-]{+Urges+} States to act;"));
//! # Ok::<(), resdiff::Error>(())
//! ```

pub mod align;
pub mod compare;
mod diff;
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
pub mod session;
pub mod source;
#[doc(hidden)]
pub mod tokens;
pub mod trace;

pub use align::{AlignOptions, Alignment, Change, ChangeKind, align};
pub use compare::{Comparison, compare_documents};
pub use diff::{Diff, diff_sources, diff_texts};
pub use document::{Document, Footnote, Instrument, Item, Kind, LineSpan, Paragraph, ParagraphId};
pub use error::{Error, Result};
pub use parse::parse;
pub use source::{InputSpec, Source};

/// Reads and parses one input: a path, or `-` for standard input.
///
/// # Errors
///
/// The input cannot be read or is refused ([`Source::read`]: missing, binary, not text,
/// empty, above `max_bytes`), or holds no instrument ([`parse()`]).
pub fn read_document(path: &str, max_bytes: u64) -> Result<Document> {
    parse(&Source::read(path, max_bytes)?)
}

/// From this many bytes of input in all, [`read_documents`] reads and parses its inputs on
/// several threads. A resolution (some 100 KB of text) is parsed in about a millisecond, so a
/// pair of them is done before a new thread would get a core (see `parallel`).
const PARALLEL_PARSE_MIN_BYTES: usize = 1 << 20;

/// Above this many inputs (the versions of a history), [`read_documents`] parses them on
/// several threads whatever their size: ten resolutions take several milliseconds to parse.
const PARALLEL_PARSE_MIN_INPUTS: usize = 2;

/// Reads and parses several inputs, as [`read_document`] on each in turn would, down to
/// which error is reported when several inputs are bad (the first in order); large inputs
/// are parsed on several threads.
///
/// # Errors
///
/// As [`read_document`], for the first bad input in order.
pub fn read_documents(paths: &[&str], max_bytes: u64) -> Result<Vec<Document>> {
    read_documents_with(paths, max_bytes, read::TrackedChanges::Accept)
}

/// [`read_documents`], the changes tracked in Word documents accepted or rejected.
pub fn read_documents_with(
    paths: &[&str],
    max_bytes: u64,
    changes: read::TrackedChanges,
) -> Result<Vec<Document>> {
    // The bytes are read in order, up to the first input that cannot be read (standard
    // input among them, once); decoding and parsing each one needs nothing from the others.
    let mut inputs = Vec::with_capacity(paths.len());
    let mut unreadable = None;
    for path in paths {
        match Source::read_bytes(path, max_bytes) {
            Ok(input) => inputs.push(input),
            Err(err) => {
                unreadable = Some(err);
                break;
            }
        }
    }
    // A PDF or Word document takes tens of milliseconds to read (a PDF's pages are
    // interpreted), far longer than a thread takes to start: such inputs are read at once
    // whatever their size. So are the many versions of a history: the caller parses too,
    // claiming one input after another, so a thread slow to start costs nothing but its
    // spawning.
    let bytes: usize = inputs.iter().map(|(_, bytes)| bytes.len()).sum();
    let documents_to_read = inputs.iter().any(|(_, bytes)| read::is_document(bytes));
    let parallel = documents_to_read
        || inputs.len() > PARALLEL_PARSE_MIN_INPUTS
        || bytes >= PARALLEL_PARSE_MIN_BYTES;
    let documents = parallel::map_into(inputs, parallel, move |(name, bytes)| {
        parse(&Source::from_bytes_with(name, bytes, changes)?)
    })
    .into_iter()
    .collect::<Result<Vec<_>>>()?;
    match unreadable {
        Some(err) => Err(err),
        None => Ok(documents),
    }
}
