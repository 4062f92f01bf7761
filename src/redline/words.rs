//! The word diff of two texts and its cleanup into phrase-sized edits.
//!
//! The raw diff works on [`tokens`](crate::tokens::tokens) (words, punctuation, white-space
//! runs), so that every character of both texts lands in exactly one segment. Raw token diffs
//! of drafting changes read like confetti: "Requests the report" → "Also requests a full
//! report" alternates tiny equal runs and edits. The cleanup therefore absorbs short equal runs
//! that sit between two edits into the surrounding delete + insert, and then slides pure
//! insertions and deletions so that they start at a word rather than at a space.

use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::GraphemeCursor;

use super::{Segment, SegmentOp};
use crate::hash::FastMap;
use crate::tokens;

/// An equal run between two edits holding at most this many words is folded into the edits:
/// a lone "the", "of" or "and" kept between two rewritten phrases only breaks up the phrase.
pub const SHORT_EQUAL_MAX_WORDS: usize = 1;

/// The diff algorithm. Patience anchors on tokens that occur once on each side, which keeps
/// common words ("the", ",") from pairing up across unrelated phrases.
const ALGORITHM: Algorithm = Algorithm::Patience;

/// One piece of the diff while it is being cleaned up: an equal run, or an edit replacing
/// `deleted` (old text) with `inserted` (new text), either of which may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Equal(String),
    Edit { deleted: String, inserted: String },
}

/// The cleaned-up word-level redline of `old` → `new`.
///
/// Faithful: the equal and delete segments concatenated give `old`, the equal and insert
/// segments give `new`. Within an edit the deletion comes before the insertion. No segment is
/// empty and no two neighbours share an op, so identical texts give one equal segment (none
/// when both are empty).
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    if old == new {
        return whole(SegmentOp::Equal, old);
    }
    let old_tokens = tokens::tokens(old);
    let new_tokens = tokens::tokens(new);
    let (old_ids, new_ids) = intern(&old_tokens, &new_tokens);
    let ops = capture_diff_slices(ALGORITHM, &old_ids, &new_ids);
    let mut pieces = Vec::with_capacity(ops.len());
    for op in ops {
        let piece = match op {
            DiffOp::Equal { old_index, len, .. } => {
                Piece::Equal(old_tokens[old_index..old_index + len].concat())
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => Piece::Edit {
                deleted: old_tokens[old_index..old_index + old_len].concat(),
                inserted: String::new(),
            },
            DiffOp::Insert {
                new_index, new_len, ..
            } => Piece::Edit {
                deleted: String::new(),
                inserted: new_tokens[new_index..new_index + new_len].concat(),
            },
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => Piece::Edit {
                deleted: old_tokens[old_index..old_index + old_len].concat(),
                inserted: new_tokens[new_index..new_index + new_len].concat(),
            },
        };
        push_merging(&mut pieces, piece);
    }
    let pieces = absorb_short_equals(pieces);
    let pieces = slide_to_word_starts(pieces);
    to_segments(pieces)
}

/// The tokens of both sides as small integers, equal exactly when the tokens are: the diff
/// then compares and hashes integers instead of strings, several times faster.
fn intern<'t>(old: &[&'t str], new: &[&'t str]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: FastMap<&'t str, u32> = FastMap::default();
    let mut id_of = |token: &'t str| {
        let next = ids.len() as u32;
        *ids.entry(token).or_insert(next)
    };
    let old_ids = old.iter().map(|&t| id_of(t)).collect();
    let new_ids = new.iter().map(|&t| id_of(t)).collect();
    (old_ids, new_ids)
}

/// A whole text as one segment of `op`; nothing for an empty text.
pub(super) fn whole(op: SegmentOp, text: &str) -> Vec<Segment> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Segment {
            op,
            text: text.to_owned(),
        }]
    }
}

/// Appends `piece`, joining it with the last piece when both are equal runs or both edits.
fn push_merging(pieces: &mut Vec<Piece>, piece: Piece) {
    match (pieces.last_mut(), piece) {
        (Some(Piece::Equal(last)), Piece::Equal(text)) => last.push_str(&text),
        (
            Some(Piece::Edit {
                deleted: d0,
                inserted: i0,
            }),
            Piece::Edit { deleted, inserted },
        ) => {
            d0.push_str(&deleted);
            i0.push_str(&inserted);
        }
        (_, piece) => pieces.push(piece),
    }
}

/// Whether an equal run between two edits is too slight to show on its own: white space and
/// punctuation only, or at most [`SHORT_EQUAL_MAX_WORDS`] words.
fn is_short_equal(text: &str) -> bool {
    tokens::word_list(text).len() <= SHORT_EQUAL_MAX_WORDS
}

/// Folds every short equal run sandwiched between two edits into one edit spanning all three
/// (the run appears in both its deleted and its inserted text). A stack makes it one pass:
/// an edit merged backwards can expose an earlier short run, which is then folded too.
fn absorb_short_equals(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let Piece::Edit { deleted, inserted } = piece else {
            out.push(piece);
            continue;
        };
        let (mut deleted, mut inserted) = (deleted, inserted);
        // Fold while the stack ends with [edit, short equal].
        while let [.., Piece::Edit { .. }, Piece::Equal(text)] = out.as_slice() {
            if !is_short_equal(text) {
                break;
            }
            let Some(Piece::Equal(text)) = out.pop() else {
                unreachable!("matched above")
            };
            let Some(Piece::Edit {
                deleted: mut d0,
                inserted: mut i0,
            }) = out.pop()
            else {
                unreachable!("matched above")
            };
            d0.push_str(&text);
            d0.push_str(&deleted);
            i0.push_str(&text);
            i0.push_str(&inserted);
            deleted = d0;
            inserted = i0;
        }
        push_merging(&mut out, Piece::Edit { deleted, inserted });
    }
    out
}

/// Moves the white space that opens a pure insertion or deletion to its end when the equal
/// run after it starts with the same white space: "to{+ submit a+} report" becomes
/// "to {+submit a +}report", which reads as a phrase inserted before a word.
fn slide_to_word_starts(mut pieces: Vec<Piece>) -> Vec<Piece> {
    for i in 1..pieces.len().saturating_sub(1) {
        let lead = match &pieces[i] {
            Piece::Edit { deleted, inserted } if deleted.is_empty() != inserted.is_empty() => {
                let edit = if deleted.is_empty() {
                    inserted
                } else {
                    deleted
                };
                leading_space(edit).to_owned()
            }
            _ => continue,
        };
        let next_starts_with_lead = matches!(&pieces[i + 1], Piece::Equal(next) if !lead.is_empty() && next.starts_with(&lead) && on_cluster_boundary(next, lead.len()));
        let (edit_is_all_space, edit_cut_whole) = match &pieces[i] {
            Piece::Edit { deleted, inserted } => {
                let edit = if deleted.is_empty() {
                    inserted
                } else {
                    deleted
                };
                (
                    edit.len() == lead.len(),
                    on_cluster_boundary(edit, lead.len()),
                )
            }
            Piece::Equal(_) => (true, false),
        };
        // A space carrying a combining mark ("a \u{301}x") stays with its mark.
        if !next_starts_with_lead || edit_is_all_space || !edit_cut_whole {
            continue;
        }
        if let Piece::Equal(previous) = &mut pieces[i - 1] {
            previous.push_str(&lead);
        }
        if let Piece::Edit { deleted, inserted } = &mut pieces[i] {
            let edit = if deleted.is_empty() {
                inserted
            } else {
                deleted
            };
            edit.drain(..lead.len());
            edit.push_str(&lead);
        }
        if let Piece::Equal(next) = &mut pieces[i + 1] {
            next.drain(..lead.len());
        }
    }
    pieces
}

/// Whether `at` (a character boundary of `text`) is also a boundary between the clusters
/// a reader sees as characters.
fn on_cluster_boundary(text: &str, at: usize) -> bool {
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// The white space at the start of `text`.
fn leading_space(text: &str) -> &str {
    let end = text
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(text.len());
    &text[..end]
}

/// The pieces as segments, skipping empty texts and joining neighbours with the same op.
fn to_segments(pieces: Vec<Piece>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::with_capacity(pieces.len() * 2);
    let mut push = |op: SegmentOp, text: String| {
        if text.is_empty() {
            return;
        }
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => segments.push(Segment { op, text }),
        }
    };
    for piece in pieces {
        match piece {
            Piece::Equal(text) => push(SegmentOp::Equal, text),
            Piece::Edit { deleted, inserted } => {
                push(SegmentOp::Delete, deleted);
                push(SegmentOp::Insert, inserted);
            }
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The redline in git's word-diff notation, for compact expectations.
    fn marked(segments: &[Segment]) -> String {
        let mut out = String::new();
        for segment in segments {
            match segment.op {
                SegmentOp::Equal => out.push_str(&segment.text),
                SegmentOp::Delete => out.push_str(&format!("[-{}-]", segment.text)),
                SegmentOp::Insert => out.push_str(&format!("{{+{}+}}", segment.text)),
            }
        }
        out
    }

    #[test]
    fn phrases_not_confetti() {
        let got = word_diff(
            "Requests the Secretary-General to report",
            "Also requests the Secretary-General to submit a report",
        );
        assert_eq!(
            marked(&got),
            "[-Requests-]{+Also requests+} the Secretary-General to {+submit a +}report"
        );
    }

    #[test]
    fn lone_common_word_between_edits_is_folded() {
        let got = word_diff(
            "at its seventy-fourth session on the implementation",
            "at its seventy-ninth and eightieth sessions on the implementation",
        );
        assert_eq!(
            marked(&got),
            "at its seventy-[-fourth session-]{+ninth and eightieth sessions+} on the implementation"
        );
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(marked(&word_diff("Same text;", "Same text;")), "Same text;");
        assert!(word_diff("", "").is_empty());
        assert_eq!(marked(&word_diff("", "New")), "{+New+}");
        assert_eq!(marked(&word_diff("Old", "")), "[-Old-]");
    }

    #[test]
    fn a_space_keeps_its_combining_mark() {
        let got = word_diff("Notes a y;", "Notes a \u{301}x y;");
        let mut at = 0;
        let new: String = got
            .iter()
            .filter(|s| s.op != SegmentOp::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(new, "Notes a \u{301}x y;");
        for segment in got.iter().filter(|s| s.op != SegmentOp::Delete) {
            at += segment.text.len();
            assert!(on_cluster_boundary(&new, at), "{got:?}");
        }
    }

    #[test]
    fn no_empty_or_repeated_segments() {
        let got = word_diff("a b c d e f", "a x c y e z");
        assert!(got.iter().all(|s| !s.text.is_empty()));
        assert!(got.windows(2).all(|w| w[0].op != w[1].op));
    }
}
