//! The word diff of two texts and its cleanup into phrase-sized edits.
//!
//! The raw diff works on [`tokens`](crate::tokens::tokens) (words, punctuation, white-space
//! runs), so that every character of both texts lands in exactly one segment. Raw token diffs
//! of drafting changes read like confetti: "Requests the report" → "Also requests a full
//! report" alternates tiny equal runs and edits. The cleanup therefore absorbs short equal runs
//! that sit between two edits into the surrounding delete + insert, and then slides pure
//! insertions and deletions so that they start at a word rather than at a space.
//!
//! The diff compares tokens exactly, so that the anchors it finds do not depend on folding
//! (curly quotes, which tell an opening from a closing one, anchor better than straight
//! ones). Typographic variants ([`crate::fold`]) are folded afterwards: an edit whose two
//! sides are equivalent becomes an equal segment carrying the new text, and two equivalent
//! texts give one equal segment.

use std::ops::Range;
use std::sync::LazyLock;

use similar::DiffOp;
use unicode_segmentation::GraphemeCursor;

use super::{Segment, SegmentOp, bounded};
use crate::fold::{self, Mode};
use crate::hash::FastMap;
use crate::tokens;

/// An equal run between two edits holding at most this many words is folded into the edits:
/// a lone "the", "of" or "and" kept between two rewritten phrases only breaks up the phrase.
pub const SHORT_EQUAL_MAX_WORDS: usize = 1;

/// One piece of the diff while it is being cleaned up: an equal run, or an edit replacing
/// old text with new text, either of which may be empty. A piece holds byte ranges of the two
/// texts rather than strings: the pieces tile both texts in order, so every merge of
/// neighbours is a union of adjacent ranges, and no text is copied until the segments are
/// made.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    equal: bool,
    /// Deleted text (of an edit), or the run in the old text (of an equal piece).
    old: Range<usize>,
    /// Inserted text (of an edit), or the run in the new text (of an equal piece).
    new: Range<usize>,
}

impl Piece {
    /// `self` followed by `next`, which starts where `self` ends on both sides.
    fn extend(&mut self, next: &Piece) {
        debug_assert_eq!(
            (self.old.end, self.new.end),
            (next.old.start, next.new.start)
        );
        self.old.end = next.old.end;
        self.new.end = next.new.end;
    }
}

/// The two texts the pieces point into.
#[derive(Clone, Copy)]
struct Texts<'a> {
    old: &'a str,
    new: &'a str,
}

impl<'a> Texts<'a> {
    /// An equal piece's text (the same on both sides).
    fn equal(&self, piece: &Piece) -> &'a str {
        &self.old[piece.old.clone()]
    }

    /// The one non-empty side of a pure insertion or deletion: its range and text.
    fn one_sided(&self, piece: &Piece) -> Option<(bool, &'a str)> {
        match (piece.old.is_empty(), piece.new.is_empty()) {
            (true, false) => Some((false, &self.new[piece.new.clone()])),
            (false, true) => Some((true, &self.old[piece.old.clone()])),
            _ => None,
        }
    }
}

/// The cleaned-up word-level redline of `old` → `new`, typographic variants folded: see
/// [`word_diff_with`].
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    word_diff_with(old, new, Mode::Typographic)
}

/// The cleaned-up word-level redline of `old` → `new`, showing the differences `mode`
/// counts: [`word_redline_with`] without the note on coarseness.
pub fn word_diff_with(old: &str, new: &str, mode: Mode) -> Vec<Segment> {
    word_redline_with(old, new, mode).segments
}

/// A [`word_diff`] and whether any of it is coarser than word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordDiff {
    /// The segments, as [`word_diff`] gives them.
    pub segments: Vec<Segment>,
    /// Texts too long and too alike in their words to be diffed word by word within the
    /// work bound (see [`EXACT_MAX_TOKENS`](super::EXACT_MAX_TOKENS)) have stretches shown
    /// as replaced whole; the redline stays faithful.
    pub coarse: bool,
}

/// [`word_diff`], saying whether the work bound made any of it coarser than word by word.
pub fn word_redline(old: &str, new: &str) -> WordDiff {
    word_redline_with(old, new, Mode::Typographic)
}

/// The cleaned-up word-level redline of `old` → `new`, showing the differences `mode`
/// counts, and whether the work bound made any of it coarser than word by word.
///
/// Faithful: the equal and insert segments concatenated give `new`; the equal and delete
/// segments give `old` up to the typographic variants `mode` folds (exactly in strict mode),
/// an equal segment carrying the new text's form. It shows an edit exactly when the texts
/// are not [equivalent](fold::equivalent). Within an edit the deletion comes before the
/// insertion. No segment is empty and no two neighbours share an op, so equivalent texts give
/// one equal segment (none when both are empty).
pub fn word_redline_with(old: &str, new: &str, mode: Mode) -> WordDiff {
    if equivalent(old, new, mode) {
        return WordDiff {
            segments: whole(SegmentOp::Equal, new),
            coarse: false,
        };
    }
    let diff = exact_diff(old, new);
    match mode {
        Mode::Strict => diff,
        Mode::Typographic => WordDiff {
            segments: fold_typographic_edits(diff.segments),
            ..diff
        },
    }
}

/// [`fold::equivalent`], told at once for two texts that are the same (an unchanged
/// paragraph, most of those redlined) or certainly their own folds.
///
/// Most paragraphs redlined that changed are ASCII, and folding them a character at a time
/// up to their first difference cost as much as a fifth of the redline.
fn equivalent(old: &str, new: &str, mode: Mode) -> bool {
    if old == new {
        true
    } else if folds_to_itself(old) && folds_to_itself(new) {
        false
    } else {
        fold::equivalent(old, new, mode)
    }
}

/// Whether `text` is certainly its own [`fold::fold`]: ASCII holding neither a tab nor two
/// spaces in a row, the only ASCII that folds (a run of white space within a line, of which
/// a tab and a space are the only ASCII characters).
fn folds_to_itself(text: &str) -> bool {
    // Built once: a search built for every text costs more than the search.
    static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("  "));
    let bytes = text.as_bytes();
    bytes.is_ascii() && memchr::memchr(b'\t', bytes).is_none() && DOUBLE_SPACE.find(bytes).is_none()
}

/// Every edit of `segments` whose deleted and inserted texts differ only by typographic
/// variants turned into an equal segment of the inserted text, joined with its neighbours.
fn fold_typographic_edits(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut segments = segments.into_iter().peekable();
    while let Some(segment) = segments.next() {
        let folded = segment.op == SegmentOp::Delete
            && segments.peek().is_some_and(|next| {
                next.op == SegmentOp::Insert
                    && equivalent(&segment.text, &next.text, Mode::Typographic)
            });
        let segment = if folded {
            let inserted = segments.next().expect("peeked above");
            Segment {
                op: SegmentOp::Equal,
                text: inserted.text,
            }
        } else {
            segment
        };
        match out.last_mut() {
            Some(last) if last.op == segment.op => last.text.push_str(&segment.text),
            _ => out.push(segment),
        }
    }
    out
}

/// The cleaned-up word diff of two different texts, every character compared.
fn exact_diff(old: &str, new: &str) -> WordDiff {
    // What the texts share at their start and end is left out of the token work: only the
    // rest is tokenised, interned and diffed. First the bytes they share, cut where tokens
    // can be cut, so that the shared ends need not be tokenised at all ...
    let (head, tail) = shared_ends(old, new);
    let old_tokens = tokens::tokens(&old[head..old.len() - tail]);
    let new_tokens = tokens::tokens(&new[head..new.len() - tail]);
    let (old_at, new_at) = (starts(&old_tokens, head), starts(&new_tokens, head));
    // ... then the tokens they share beyond those cuts, which are equal runs whatever the
    // diff finds between them (the diff strips them first itself). They are the tokens the
    // whole texts share: the shared start could run on into the shared end only where one
    // side's rest is all shared start; that rest then ends at a cut at or after the first
    // byte that differs, and no cut falls between `head` and that byte, so it ends there,
    // where the two sides' next tokens start with different bytes.
    let prefix = bounded::common_prefix(old_tokens.iter(), new_tokens.iter());
    let suffix = bounded::common_prefix(
        old_tokens[prefix..].iter().rev(),
        new_tokens[prefix..].iter().rev(),
    );
    let old_middle = &old_tokens[prefix..old_tokens.len() - suffix];
    let new_middle = &new_tokens[prefix..new_tokens.len() - suffix];
    let (old_ids, new_ids) = intern(old_middle, new_middle);
    let mut total = old_tokens.len() + new_tokens.len();
    // The bounded diff reckons its work on the whole texts, which matters only above its
    // exact bound: only then are the shared ends' tokens counted.
    if total > bounded::EXACT_MAX_TOKENS {
        let ends = [
            &old[..head],
            &new[..head],
            &old[old.len() - tail..],
            &new[new.len() - tail..],
        ];
        total += ends
            .iter()
            .map(|end| tokens::tokens(end).len())
            .sum::<usize>();
    }
    let diff = bounded::diff(&old_ids, &new_ids, total);
    let mut pieces = Vec::with_capacity(diff.ops.len() + 2);
    let shared_start = Piece {
        equal: true,
        old: 0..old_at[prefix],
        new: 0..new_at[prefix],
    };
    if !shared_start.old.is_empty() {
        pieces.push(shared_start);
    }
    let mut push = |equal: bool, old_range: Range<usize>, new_range: Range<usize>| {
        let piece = Piece {
            equal,
            old: old_at[old_range.start]..old_at[old_range.end],
            new: new_at[new_range.start]..new_at[new_range.end],
        };
        push_merging(&mut pieces, piece);
    };
    for op in diff.ops {
        let (equal, old_range, new_range) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (true, old_index..old_index + len, new_index..new_index + len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (false, old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (false, old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                false,
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let shifted = |range: Range<usize>| range.start + prefix..range.end + prefix;
        push(equal, shifted(old_range), shifted(new_range));
    }
    let shared_end = Piece {
        equal: true,
        old: old_at[old_tokens.len() - suffix]..old.len(),
        new: new_at[new_tokens.len() - suffix]..new.len(),
    };
    if !shared_end.old.is_empty() {
        push_merging(&mut pieces, shared_end);
    }
    let texts = Texts { old, new };
    let pieces = absorb_short_equals(pieces, texts);
    let pieces = slide_to_word_starts(pieces, texts);
    WordDiff {
        segments: to_segments(&pieces, texts),
        coarse: diff.coarse,
    }
}

/// Byte lengths of the start and of the end that two different texts share, each cut where
/// a text can be cut and tokenised in pieces ([`tokens::is_safe_cut`]: the same bytes on
/// both sides, so the same place in both): the tokens of what lies between the cuts are
/// those of the whole texts there. The two never overlap.
fn shared_ends(old: &str, new: &str) -> (usize, usize) {
    let (old, new) = (old.as_bytes(), new.as_bytes());
    let same_start = bounded::common_prefix(old.iter(), new.iter());
    // A cut at `at` reads the bytes before and at it: both inside the shared start.
    let head = (1..same_start)
        .rev()
        .find(|&at| tokens::is_safe_cut(old, at))
        .unwrap_or(0);
    let same_end = bounded::common_prefix(old[head..].iter().rev(), new[head..].iter().rev());
    let tail = (1..same_end)
        .rev()
        .find(|&len| tokens::is_safe_cut(old, old.len() - len))
        .unwrap_or(0);
    (head, tail)
}

/// Byte offsets of the tokens of a text, the first at `offset`, and the text's end last:
/// token `i` spans `at[i]..at[i + 1]`.
fn starts(tokens: &[&str], mut offset: usize) -> Vec<usize> {
    let mut at = Vec::with_capacity(tokens.len() + 1);
    at.push(offset);
    for token in tokens {
        offset += token.len();
        at.push(offset);
    }
    at
}

/// The tokens of both sides as small integers, equal exactly when the tokens are: the diff
/// then compares and hashes integers instead of strings, several times faster.
///
/// Ids are given in order of first appearance, whichever table holds them.
fn intern<'t>(old: &[&'t str], new: &[&'t str]) -> (Vec<u32>, Vec<u32>) {
    // Sized for every token distinct, so that the table is never rebuilt as it fills.
    let mut ids: FastMap<&'t str, Option<u32>> =
        FastMap::with_capacity_and_hasher(old.len() + new.len(), Default::default());
    // About half the tokens of a paragraph are one byte (a space, a comma): looked up by that
    // byte, they skip hashing and comparing a string, most of the cost of interning.
    let mut byte_ids = [None; 128];
    let mut next = 0;
    let mut id_of = |token: &'t str| {
        let slot = match token.as_bytes() {
            &[byte] if byte.is_ascii() => &mut byte_ids[usize::from(byte)],
            _ => ids.entry(token).or_insert(None),
        };
        *slot.get_or_insert_with(|| {
            next += 1;
            next - 1
        })
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
    match pieces.last_mut() {
        Some(last) if last.equal == piece.equal => last.extend(&piece),
        _ => pieces.push(piece),
    }
}

/// Whether an equal run between two edits is too slight to show on its own: white space and
/// punctuation only, or at most [`SHORT_EQUAL_MAX_WORDS`] words.
fn is_short_equal(text: &str) -> bool {
    tokens::words(text).nth(SHORT_EQUAL_MAX_WORDS).is_none()
}

/// Folds every short equal run sandwiched between two edits into one edit spanning all three
/// (the run appears in both its deleted and its inserted text). A stack makes it one pass:
/// an edit merged backwards can expose an earlier short run, which is then folded too.
fn absorb_short_equals(pieces: Vec<Piece>, texts: Texts<'_>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for mut piece in pieces {
        if piece.equal {
            out.push(piece);
            continue;
        }
        // Fold while the stack ends with [edit, short equal].
        while let [.., before, run] = out.as_slice() {
            if before.equal || !run.equal || !is_short_equal(texts.equal(run)) {
                break;
            }
            let run = out.pop().expect("matched above");
            let mut merged = out.pop().expect("matched above");
            merged.extend(&run);
            merged.extend(&piece);
            piece = merged;
        }
        push_merging(&mut out, piece);
    }
    out
}

/// Moves the white space that opens a pure insertion or deletion to its end when the equal
/// run after it starts with the same white space: "to{+ submit a+} report" becomes
/// "to {+submit a +}report", which reads as a phrase inserted before a word.
fn slide_to_word_starts(mut pieces: Vec<Piece>, texts: Texts<'_>) -> Vec<Piece> {
    for i in 1..pieces.len().saturating_sub(1) {
        if pieces[i].equal || !pieces[i - 1].equal || !pieces[i + 1].equal {
            continue;
        }
        let Some((_, edit)) = texts.one_sided(&pieces[i]) else {
            continue;
        };
        let lead = leading_space(edit);
        let next = texts.equal(&pieces[i + 1]);
        let next_starts_with_lead =
            !lead.is_empty() && next.starts_with(lead) && on_cluster_boundary(next, lead.len());
        // A space carrying a combining mark ("a \u{301}x") stays with its mark.
        if !next_starts_with_lead
            || edit.len() == lead.len()
            || !on_cluster_boundary(edit, lead.len())
        {
            continue;
        }
        // The equal run before takes the lead, the edit shifts past it (its empty side moves
        // with it, to stay between its neighbours), and the run after gives it up.
        let shift = lead.len();
        let [previous, edit, next] = &mut pieces[i - 1..=i + 1] else {
            unreachable!("three pieces")
        };
        for range in [
            &mut previous.old.end,
            &mut previous.new.end,
            &mut edit.old.start,
            &mut edit.old.end,
            &mut edit.new.start,
            &mut edit.new.end,
            &mut next.old.start,
            &mut next.new.start,
        ] {
            *range += shift;
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
fn to_segments(pieces: &[Piece], texts: Texts<'_>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::with_capacity(pieces.len() * 2);
    let mut push = |op: SegmentOp, text: &str| {
        if text.is_empty() {
            return;
        }
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => segments.push(Segment {
                op,
                text: text.to_owned(),
            }),
        }
    };
    for piece in pieces {
        if piece.equal {
            push(SegmentOp::Equal, texts.equal(piece));
        } else {
            push(SegmentOp::Delete, &texts.old[piece.old.clone()]);
            push(SegmentOp::Insert, &texts.new[piece.new.clone()]);
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
    fn material_edits_show_and_typographic_variants_do_not() {
        let old = "Calls upon Member States, in the G20, to give $100 to the “Agenda”;";
        for (new, expected) in [
            (
                "Calls upon member States, in the G20, to give $100 to the “Agenda”;",
                "Calls upon [-Member-]{+member+} States, in the G20, to give $100 to the “Agenda”;",
            ),
            (
                "Calls upon Member States in the G20, to give $100 to the “Agenda”;",
                "Calls upon Member States[-,-] in the G20, to give $100 to the “Agenda”;",
            ),
            (
                "Calls upon Member States, in the G7, to give $100 to the “Agenda”;",
                "Calls upon Member States, in the [-G20-]{+G7+}, to give $100 to the “Agenda”;",
            ),
            (
                "Calls upon Member States, in the G20, to give €100 to the “Agenda2”.",
                "Calls upon Member States, in the G20, to give [-$-]{+€+}100 to the “[-Agenda”;-]{+Agenda2”.+}",
            ),
        ] {
            assert_eq!(marked(&word_diff(old, new)), expected);
        }
        // Straight quotes and a no-break space: one equal segment, in the new text's form.
        let new = "Calls upon Member\u{a0}States, in the G20, to give $100 to the \"Agenda\";";
        assert_eq!(marked(&word_diff(old, new)), new);
        assert_eq!(
            marked(&word_diff_with(old, new, Mode::Strict)),
            "Calls upon Member[- -]{+\u{a0}+}States, in the G20, to give $100 to the [-“Agenda”-]{+\"Agenda\"+};"
        );
    }

    #[test]
    fn texts_cut_where_tokens_can_be_cut_give_the_tokens_of_the_whole() {
        for text in [
            "Decides to remain seized of the matter;",
            "Recalls  its resolution 78/229 of 19\u{a0}December 2023, “the Agenda”, and l’État;",
            "Notes a \u{301}x y, the G20 and Resolution\u{202f}70 (A/RES/70/1)\r\n 2. Urges",
        ] {
            let whole = tokens::tokens(text);
            for at in (1..text.len()).filter(|&at| tokens::is_safe_cut(text.as_bytes(), at)) {
                let mut pieces = tokens::tokens(&text[..at]);
                pieces.extend(tokens::tokens(&text[at..]));
                assert_eq!(pieces, whole, "cut at {at} of {text:?}");
            }
        }
    }

    #[test]
    fn a_repeated_word_is_inserted_after_the_shared_words() {
        // The old text's rest between its shared ends ("x ") is all shared start.
        assert_eq!(
            marked(&word_diff("Decides a x y;", "Decides a x x y;")),
            "Decides a x {+x +}y;"
        );
    }

    #[test]
    fn no_empty_or_repeated_segments() {
        let got = word_diff("a b c d e f", "a x c y e z");
        assert!(got.iter().all(|s| !s.text.is_empty()));
        assert!(got.windows(2).all(|w| w[0].op != w[1].op));
    }

    proptest::proptest! {
        /// The shortcut never answers for a text that folds: what it calls its own fold is,
        /// and its answer is the fold's, white space of every kind and the folded
        /// characters mixed in densely.
        #[test]
        fn the_shortcut_answers_as_folding_does(
            old in "[ab \t\u{a0}\u{ad}\u{2019}'\n]{0,12}",
            new in "[ab \t\u{a0}\u{ad}\u{2019}'\n]{0,12}",
        ) {
            if folds_to_itself(&old) {
                proptest::prop_assert_eq!(fold::fold(&old), old.as_str());
            }
            for mode in [Mode::Typographic, Mode::Strict] {
                proptest::prop_assert_eq!(
                    equivalent(&old, &new, mode),
                    fold::equivalent(&old, &new, mode)
                );
            }
        }
    }
}
