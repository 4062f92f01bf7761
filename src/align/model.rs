//! What the aligner says: one [`Change`] for every paragraph of both instruments.

use serde::Serialize;

use crate::document::ParagraphId;

/// Tuning knobs of the aligner; the defaults are what the measurements in the README use.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct AlignOptions {}

/// How a paragraph fared between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Same words once footnotes and formatting are set aside.
    Unchanged,
    /// Edited, most of the wording kept.
    Reworded,
    /// Clearly the successor, but most of the wording changed.
    Rewritten,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

/// One entry of an alignment: old paragraphs and the new paragraphs they became.
///
/// A split has one old id and several new ids, a merge the reverse; an added paragraph has
/// no old id, a removed one no new id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Unchanged, reworded, rewritten, added or removed.
    pub kind: ChangeKind,
    /// Ids in the old instrument, in text order.
    pub old: Vec<ParagraphId>,
    /// Ids in the new instrument, in text order.
    pub new: Vec<ParagraphId>,
    /// Similarity of the two sides, 0.0 to 1.0 (0.0 for added and removed).
    #[serde(serialize_with = "crate::render::json::serialize_similarity")]
    pub similarity: f64,
    /// Whether the paragraph changed place relative to its neighbours (not merely its number).
    pub moved: bool,
}

impl Change {
    /// One old paragraph became several new ones.
    pub fn is_split(&self) -> bool {
        self.old.len() == 1 && self.new.len() > 1
    }

    /// Several old paragraphs became one new one.
    pub fn is_merge(&self) -> bool {
        self.old.len() > 1 && self.new.len() == 1
    }
}

/// The alignment of two instruments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// Every paragraph of both instruments appears in exactly one change. Ordered by the new
    /// text, with removed paragraphs placed after the change of their old predecessor.
    pub changes: Vec<Change>,
}

/// Counts of changes by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// Changes whose words did not change.
    pub unchanged: usize,
    /// Edited paragraphs.
    pub reworded: usize,
    /// Paragraphs whose wording mostly changed.
    pub rewritten: usize,
    /// Changes that moved relative to their neighbours.
    pub moved: usize,
    /// One old paragraph into several.
    pub split: usize,
    /// Several old paragraphs into one.
    pub merged: usize,
    /// New paragraphs.
    pub added: usize,
    /// Dropped paragraphs.
    pub removed: usize,
}

impl Alignment {
    /// Counts the changes by kind.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for change in &self.changes {
            match change.kind {
                ChangeKind::Unchanged => summary.unchanged += 1,
                ChangeKind::Reworded => summary.reworded += 1,
                ChangeKind::Rewritten => summary.rewritten += 1,
                ChangeKind::Added => summary.added += 1,
                ChangeKind::Removed => summary.removed += 1,
            }
            summary.moved += usize::from(change.moved);
            summary.split += usize::from(change.is_split());
            summary.merged += usize::from(change.is_merge());
        }
        summary
    }

    /// True when nothing changed: every change is unchanged, unmoved and one-to-one with
    /// the same id on both sides.
    pub fn is_identical(&self) -> bool {
        self.changes
            .iter()
            .all(|c| c.kind == ChangeKind::Unchanged && !c.moved && c.old == c.new)
    }
}
