//! Output of `resdiff parse`: the parsed document as text or JSON.

use std::io::{self, Write};

use crate::document::Document;

/// Output formats of `resdiff parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// One line per paragraph: `PP3  Reaffirming also | ...`.
    Text,
    /// The documented JSON of the parsed document.
    Json,
}

/// Writes a parsed document in `format`.
pub fn render_document(
    document: &Document,
    format: DocumentFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let _ = (document, format, out);
    unimplemented!("lands with issue 2")
}
