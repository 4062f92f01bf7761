//! Stage 3: the word-level redline of every change of an alignment.

use serde::Serialize;

use crate::align::{Alignment, Change};
use crate::document::Instrument;

/// What a piece of a redline does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentOp {
    /// In both versions.
    Equal,
    /// Only in the old version.
    Delete,
    /// Only in the new version.
    Insert,
}

/// A run of text with one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Equal, delete or insert.
    pub op: SegmentOp,
    /// The text, exactly as in the paragraph.
    pub text: String,
}

/// A change of the alignment with its word-level redline.
///
/// Faithful by construction: the equal and delete segments concatenated give the old side's
/// text, the equal and insert segments the new side's; a side of several paragraphs (split,
/// merge) is their texts joined by [`PARAGRAPH_SEPARATOR`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedlineChange {
    /// The change it renders.
    #[serde(flatten)]
    pub change: Change,
    /// The word-level redline.
    #[serde(rename = "redline")]
    pub segments: Vec<Segment>,
}

/// What separates the paragraphs of a split or merge side in the redline's text.
pub const PARAGRAPH_SEPARATOR: &str = "\n";

/// The redline of every change of `alignment`.
pub fn redline(old: &Instrument, new: &Instrument, alignment: &Alignment) -> Vec<RedlineChange> {
    let _ = (old, new, alignment);
    unimplemented!("the redline lands with issue 4")
}
