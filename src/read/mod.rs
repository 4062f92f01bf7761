//! Documents as they come: the text of a PDF or of a Word document, handed to the parser
//! like any other text.
//!
//! [`crate::source`] calls [`document_text`] on every input before its text checks; an input
//! that is not a document format this module reads comes back untouched, so that the
//! binary-file check still names what it is.

use crate::error::{Error, Result};

mod docx;
mod pdf;

pub use docx::TrackedChanges;

/// The signature every PDF file opens with.
const PDF_MAGIC: &[u8] = b"%PDF-";
/// The signature of a ZIP archive, which a `.docx` is.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Whether `bytes` open like a document format read here (PDF, or a ZIP package that may be
/// a Word document), so that the byte checks of plain text leave them to this module.
pub fn is_document(bytes: &[u8]) -> bool {
    bytes.starts_with(PDF_MAGIC) || bytes.starts_with(ZIP_MAGIC)
}

/// The text of `bytes` when they are a document format read here (PDF, Word), else `None`;
/// tracked changes of a Word document accepted.
///
/// `name` is the input's name for the errors: an encrypted PDF, one without a text layer
/// (a scan) and a corrupt one are each refused with one line naming the file.
pub fn document_text(name: &str, bytes: &[u8]) -> Result<Option<String>> {
    document_text_with(name, bytes, TrackedChanges::Accept)
}

/// [`document_text`], with the tracked changes of a Word document accepted or rejected.
pub fn document_text_with(
    name: &str,
    bytes: &[u8],
    changes: TrackedChanges,
) -> Result<Option<String>> {
    if bytes.starts_with(ZIP_MAGIC) {
        return docx::text(bytes, changes)
            .transpose()
            .map_err(|problem| Error::Unreadable {
                path: name.to_owned(),
                problem,
            });
    }
    if bytes.starts_with(PDF_MAGIC) {
        return pdf::text(bytes)
            .map(Some)
            .map_err(|problem| Error::Unreadable {
                path: name.to_owned(),
                problem,
            });
    }
    Ok(None)
}
