//! The one error type of the library.
//!
//! Every variant names the input it is about, so that `Display` gives the single line a user
//! reads: `resdiff: old.txt: not UTF-8 (invalid byte at offset 812)`. The variants carry
//! data, not advice: what a user can do about an error depends on how the library was
//! called, so the `resdiff` command adds its own words (which option raises a limit, which
//! picks an instrument) where it reports them.

use std::io;

/// Everything that can go wrong between reading a file and rendering its redline.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {}", describe_io(source))]
    Io {
        /// The path as the user gave it.
        path: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The bytes are not valid UTF-8.
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The path as the user gave it.
        path: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The bytes announce another encoding (a UTF-16 byte-order mark) but are not valid
    /// text in it.
    #[error("{path}: not {encoding} text (invalid character at byte offset {offset})")]
    NotText {
        /// The path as the user gave it.
        path: String,
        /// The encoding announced ("UTF-16").
        encoding: &'static str,
        /// Byte offset of the first invalid character.
        offset: usize,
    },
    /// The file holds NUL bytes or other signs of a binary format (PDF, Word, image).
    #[error("{path}: binary file ({what}); give the text of the document instead")]
    Binary {
        /// The path as the user gave it.
        path: String,
        /// What gave it away ("NUL byte at offset 12", "PDF file").
        what: String,
    },
    /// A document format that resdiff reads (PDF, Word) but whose text cannot be had:
    /// encrypted, a scan without a text layer, a corrupt file.
    #[error("{path}: {problem}")]
    Unreadable {
        /// The path as the user gave it.
        path: String,
        /// Why, and what to do instead.
        problem: String,
    },
    /// The file is empty or holds only white space.
    #[error("{path}: empty input")]
    Empty {
        /// The path as the user gave it.
        path: String,
    },
    /// The file is larger than the configured limit.
    #[error("{path}: too large ({bytes} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// The path as the user gave it.
        path: String,
        /// Size of the input (or of what was read before giving up).
        bytes: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The text holds no resolution, draft or decision that the parser recognises.
    #[error("{path}: no resolution or decision found in the text")]
    NoInstrument {
        /// The path as the user gave it.
        path: String,
    },
    /// A selection ([`Document::select`](crate::Document::select)) matched no instrument.
    #[error(
        "{path}: no instrument {pick:?} (the file holds: {})",
        numbered(available)
    )]
    NoSuchInstrument {
        /// The path as the user gave it.
        path: String,
        /// The selection as given.
        pick: String,
        /// The name of every instrument of the file, in order (the first is picked by
        /// position 1): its `SECTION/LABEL` address, else its label, else its title.
        available: Vec<String>,
    },
    /// A selection matched several instruments.
    #[error(
        "{path}: {pick:?} names several instruments ({}); pick one by position or SECTION/LABEL",
        candidates.join(", ")
    )]
    AmbiguousInstrument {
        /// The path as the user gave it.
        path: String,
        /// The selection as given.
        pick: String,
        /// The addresses of the matching instruments (`SECTION/LABEL`, else the name).
        candidates: Vec<String>,
    },
    /// No instrument of the file has a title like the titles sought (those of the other
    /// file, of a picked instrument, or of the other versions of a series), so there is no
    /// counterpart to compare.
    #[error(
        "{path}: no instrument has a title like {} (its titles: {})",
        quoted(sought, " or "),
        quoted(titles, ", ")
    )]
    NoTitleMatch {
        /// The path as the user gave it.
        path: String,
        /// The titles looked for, in order.
        sought: Vec<String>,
        /// The titles of the file's instruments compared with them, in order (an
        /// instrument without a title by its label).
        titles: Vec<String>,
    },
    /// Writing the output failed.
    #[error("{path}: cannot write output: {}", describe_io(source))]
    Output {
        /// Where the output was going (`<stdout>` for standard output).
        path: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The output would replace one of the inputs.
    #[error("{path}: refusing to write the output over an input file")]
    OutputIsInput {
        /// The output path, as the user gave it.
        path: String,
    },
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// "1: Draft resolution I, 2: Draft resolution II": names numbered by position, as
/// [`Document::select`](crate::Document::select) takes them.
fn numbered(names: &[String]) -> String {
    let numbered: Vec<String> = (1..)
        .zip(names)
        .map(|(n, name)| format!("{n}: {name}"))
        .collect();
    numbered.join(", ")
}

/// `"A", "B"`: each text in quotes (escaped as `Debug` escapes a string), joined by
/// `separator`.
fn quoted(texts: &[String], separator: &str) -> String {
    let quoted: Vec<String> = texts.iter().map(|t| format!("{t:?}")).collect();
    quoted.join(separator)
}

/// A short, lower-case description of an I/O error without the "(os error 2)" noise.
fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}
