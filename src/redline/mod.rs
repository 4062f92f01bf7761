//! Stage 3: the word-level redline of every change of an alignment.

use std::borrow::Cow;

use serde::Serialize;

use crate::align::{Alignment, Change, ChangeKind};
use crate::document::{Instrument, ParagraphId};
use crate::fold::Mode;
use crate::hash::FastMap;
use crate::parallel;

mod bounded;
mod histogram;
mod words;

pub use bounded::{EXACT_MAX_TOKENS, EXACT_WORK_PER_TOKEN};
pub use words::{
    SHORT_EQUAL_MAX_WORDS, WordDiff, word_diff, word_diff_with, word_redline, word_redline_with,
};

/// A deterministic pseudo-random sequence over `vocabulary` tokens, for the diff tests of
/// [`bounded`] and [`histogram`].
#[cfg(test)]
fn test_tokens(seed: u64, len: usize, vocabulary: u32) -> Vec<u32> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as u32) % vocabulary
        })
        .collect()
}

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
    /// The text, exactly as in the paragraph; an equal segment as in the new paragraph (the
    /// old one may print it with other typographic variants, see [`crate::fold`]).
    pub text: String,
}

/// A change of the alignment with its word-level redline.
///
/// Faithful by construction: the equal and insert segments concatenated give the new side's
/// text, the equal and delete segments the old side's up to the typographic variants folded
/// (exactly when compared strictly); a side of several paragraphs (split,
/// merge) is their texts joined by [`PARAGRAPH_SEPARATOR`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedlineChange {
    /// The change it renders.
    #[serde(flatten)]
    pub change: Change,
    /// The word-level redline.
    #[serde(rename = "redline")]
    pub segments: Vec<Segment>,
    /// The texts were too long and too alike in their words to be diffed word by word
    /// within the work bound: some stretches show as deleted and inserted whole (see
    /// [`word_redline`]). Written in JSON only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub coarse: bool,
}

/// What separates the paragraphs of a split or merge side in the redline's text.
pub const PARAGRAPH_SEPARATOR: &str = "\n";

/// The redline of every change of `alignment`, in the alignment's order, typographic
/// variants folded: [`redline_with`] the default [`Mode`]. The changes may name any text of
/// the instruments ([`Instrument::texts`]): paragraphs, the title, sponsors, chapeau and
/// footnotes.
pub fn redline(old: &Instrument, new: &Instrument, alignment: &Alignment) -> Vec<RedlineChange> {
    redline_with(old, new, alignment, Mode::Typographic)
}

/// The redline of every change of `alignment`, in the alignment's order, showing the
/// differences `mode` counts: give the mode the alignment was classified with
/// ([`AlignOptions::fold`](crate::AlignOptions::fold)), so that an unchanged paragraph gets
/// one equal segment and any other linked one shows its edits.
///
/// Added paragraphs become one insert segment, removed ones one delete segment; the rest get
/// the cleaned-up [`word_diff_with`]. An id missing from its instrument counts as an empty
/// text.
pub fn redline_with(
    old: &Instrument,
    new: &Instrument,
    alignment: &Alignment,
    mode: Mode,
) -> Vec<RedlineChange> {
    let parallel = old.paragraphs.len() + new.paragraphs.len() >= parallel::MIN_PARAGRAPHS;
    // Looked up by id once: `Instrument::paragraph` scans, which is quadratic over the
    // changes of an instrument of many thousands of paragraphs.
    let (old, new) = (ById::new(old), ById::new(new));
    parallel::map(&alignment.changes, parallel, |change| {
        let old_text = side_text(&old, &change.old);
        let new_text = side_text(&new, &change.new);
        let WordDiff { segments, coarse } = match change.kind {
            ChangeKind::Added => WordDiff {
                segments: words::whole(SegmentOp::Insert, &new_text),
                coarse: false,
            },
            ChangeKind::Removed => WordDiff {
                segments: words::whole(SegmentOp::Delete, &old_text),
                coarse: false,
            },
            ChangeKind::Unchanged | ChangeKind::Reworded | ChangeKind::Rewritten => {
                word_redline_with(&old_text, &new_text, mode)
            }
        };
        RedlineChange {
            change: change.clone(),
            segments,
            coarse,
        }
    })
}

/// The texts of an instrument ([`Instrument::texts`]) by id; the first of a repeated id
/// wins, as with [`Instrument::paragraph`].
struct ById<'a>(FastMap<ParagraphId, &'a str>);

impl<'a> ById<'a> {
    fn new(instrument: &'a Instrument) -> ById<'a> {
        // Sized once for every text; hashed rather than ordered (only looked up), which
        // costs a third as much to fill.
        let texts = instrument.texts();
        let mut map = FastMap::with_capacity_and_hasher(texts.size_hint().0, Default::default());
        for (id, text) in texts {
            map.entry(id).or_insert(text);
        }
        ById(map)
    }
}

/// The text of one side of a change: its texts joined by [`PARAGRAPH_SEPARATOR`]. Borrowed
/// for a side of one paragraph, as most are: the word diff only reads it.
fn side_text<'a>(texts: &ById<'a>, ids: &[ParagraphId]) -> Cow<'a, str> {
    if let [id] = ids {
        return Cow::Borrowed(texts.0.get(id).copied().unwrap_or_default());
    }
    let mut text = String::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            text.push_str(PARAGRAPH_SEPARATOR);
        }
        if let Some(own) = texts.0.get(id) {
            text.push_str(own);
        }
    }
    Cow::Owned(text)
}

/// Paragraphs that kept their place in the argument but changed number: `(old id, new id)`
/// for every one-to-one change that is neither moved, added nor removed and whose id differs,
/// in the order of `changes`. Moves, splits and merges are reported with their change instead.
pub fn renumbering(changes: &[RedlineChange]) -> Vec<(ParagraphId, ParagraphId)> {
    changes
        .iter()
        .filter_map(
            |c| match (c.change.old.as_slice(), c.change.new.as_slice()) {
                ([old], [new]) if !c.change.moved && old != new => Some((*old, *new)),
                _ => None,
            },
        )
        .collect()
}
