//! What the aligner says: one [`Change`] for every paragraph of both instruments (every text
//! of them, with [`align_all_texts`](super::align_all_texts)).

use serde::{Serialize, Serializer};

use crate::document::ParagraphId;
use crate::fold::Mode;

/// Tuning knobs of the aligner; the defaults are what the measurements in the README use.
///
/// Every similarity here is the *weighted* one of the aligner: words count by how rare they
/// are among the paragraphs of both versions (inverse document frequency), so boilerplate
/// ("the United Nations Office on Drugs and Crime", "within its existing mandate") weighs
/// little and a term peculiar to one paragraph weighs a lot. Numbers are one word class.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AlignOptions {
    /// Minimum weighted similarity (Dice) for two paragraphs to be linked one to one
    /// wherever they stand. Default 0.4: a paragraph edited in several places keeps 0.6 or
    /// more, while two different paragraphs of the same resolution that share only its
    /// boilerplate stay below 0.25 on the real series.
    pub link_min: f64,
    /// Minimum weighted similarity for a *rewritten* paragraph: a pair of leftovers below
    /// [`link_min`](Self::link_min) is still linked when its similarity plus what the clues
    /// it shares add reaches `link_min`: the same stretch between two paragraphs that kept
    /// their order (the successor stands where its predecessor stood), one contained in the
    /// other ([`contain_min`](Self::contain_min)) or the same first twelve words held by no
    /// other, the same opener ("Urges Member States"), rare document symbols or years both
    /// cite, the same kind (the clues and what each adds: `align::evidence`). The similarity
    /// must reach this when the pair shares some content (a reference, containment, an
    /// opening of its own), 0.05 more when it rests on its place and opener alone, 0.1 more
    /// on its place alone (the rule before these clues). Default 0.2: on the synthetic
    /// rewrites of `scripts/rewrite_chain.py` it finds 1,316 of 1,349 rewritten successors
    /// (1,282 with the place rule alone) with no more wrong links on any synthetic chain; two
    /// paragraphs sharing only boilerplate and their opening verb in the same place score
    /// 0.2 to 0.25 and stay apart.
    pub rewrite_min: f64,
    /// Minimum weighted share of a paragraph's words found in a counterpart for it to be
    /// attached there as a piece of a split or merge. Default 0.7.
    pub contain_min: f64,
    /// Novelty a piece must bring: of the big paragraph's words the candidate piece holds,
    /// the share that the pieces already linked lack. Default 0.5: the pieces of a split
    /// or merge hold different parts of the whole, while a clause repeated from a paragraph
    /// that is already linked brings nothing new.
    pub piece_gain_min: f64,
    /// Unweighted share of words kept above which a link is reworded rather than rewritten.
    /// Default 0.5 ("most wording kept").
    pub reworded_min: f64,
    /// How many of a paragraph's rarest words are looked up in the inverted index of the
    /// other version. Default 12.
    pub probe_words: usize,
    /// How many candidate counterparts each paragraph keeps for exact scoring, per probe
    /// (rare words, rare word pairs; both directions). Default 8: a paragraph's successor and
    /// the pieces of its split rank in the first three on every measured pair, and the
    /// scoring of these pairs is a third of the time at 10,000 paragraphs.
    pub candidates: usize,
    /// Which differences make a linked paragraph changed rather than unchanged: all but
    /// typographic variants (the default), or every character ([`Mode::Strict`]).
    /// [`Comparison::new`](crate::Comparison::new) redlines with the same mode; a caller of
    /// [`crate::redline`] gives it to [`redline_with`](crate::redline::redline_with).
    pub fold: Mode,
}

impl Default for AlignOptions {
    fn default() -> AlignOptions {
        AlignOptions {
            link_min: 0.4,
            rewrite_min: 0.2,
            contain_min: 0.7,
            piece_gain_min: 0.5,
            reworded_min: 0.5,
            probe_words: 12,
            candidates: 8,
            fold: Mode::Typographic,
        }
    }
}

/// How a paragraph fared between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The same text, up to typographic variants unless compared strictly (see
    /// [`crate::fold`]).
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

impl ChangeKind {
    /// The kind as a word, as every format writes it ("reworded"); the same as its JSON.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Reworded => "reworded",
            ChangeKind::Rewritten => "rewritten",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
        }
    }
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
    #[serde(serialize_with = "serialize_score")]
    pub similarity: f64,
    /// Whether the paragraph changed place relative to its neighbours (not merely its number).
    pub moved: bool,
    /// Why a link rests on more than word similarity: the clues a rewritten successor was
    /// linked on ("slot between PP21 and PP23; same opener \"Urges Member States\"; cites
    /// 72/196"). `None` for every other change; absent from the JSON then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The footnotes each side cites, when they differ in more than their numbering: a
    /// footnote reference added, dropped or reordered. A paragraph whose words did not change
    /// but whose references did is [`ChangeKind::Reworded`]. `None` (absent from the JSON)
    /// when the new side cites what the old side cited, renumbered as the footnotes were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub references: Option<References>,
}

/// The footnote references of the two sides of a change, each as printed on its side
/// ([`Paragraph::footnotes`](crate::document::Paragraph::footnotes) of its paragraphs, in
/// text order, each number once): old numbers on the old side, new numbers on the new side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct References {
    /// The footnotes the old side cites, by their old numbers.
    pub old: Vec<u32>,
    /// The footnotes the new side cites, by their new numbers.
    pub new: Vec<u32>,
    /// The footnotes of [`new`](Self::new) that the old side did not cite under another
    /// number: references added.
    pub added: Vec<u32>,
    /// The footnotes of [`old`](Self::old) that the new side cites under no number:
    /// references dropped. Both lists are empty when the same footnotes are cited in
    /// another order.
    pub dropped: Vec<u32>,
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

    /// Nothing happened to this paragraph: same words, same place, same id.
    pub fn is_identity(&self) -> bool {
        self.kind == ChangeKind::Unchanged && !self.moved && self.old == self.new
    }
}

/// Decimal places kept of a similarity or score in every output, so that the output does
/// not depend on the last bits of a float computation.
const SCORE_DECIMALS: i32 = 3;

/// `x` rounded to [`SCORE_DECIMALS`] places: how every output states a similarity or a
/// score.
pub(crate) fn round_score(x: f64) -> f64 {
    let scale = 10f64.powi(SCORE_DECIMALS);
    (x * scale).round() / scale
}

/// Serializes a similarity as [`round_score`] rounds it.
fn serialize_score<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round_score(*value))
}

/// The alignment of two instruments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// Every paragraph of both instruments (every text, from
    /// [`align_all_texts`](super::align_all_texts)) appears in exactly one change. Ordered by
    /// the new text, with removed paragraphs placed after the change of their old
    /// predecessor.
    pub changes: Vec<Change>,
}

/// Counts of changes by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// Changes whose text did not change (up to typographic variants unless strict).
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

impl Summary {
    /// Counts `changes` by kind.
    pub fn of<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Summary {
        let mut summary = Summary::default();
        for change in changes {
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
}

impl Alignment {
    /// Counts the changes by kind.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.changes)
    }

    /// True when nothing changed: every change is unchanged, unmoved and one-to-one with
    /// the same id on both sides.
    pub fn is_identical(&self) -> bool {
        self.changes.iter().all(Change::is_identity)
    }
}
