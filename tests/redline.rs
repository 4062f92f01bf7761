//! The redline: every word of both versions accounted for, phrase-sized edits, stable output.

use crate::render_support;

use proptest::prelude::*;
use resdiff::fold::{self, Mode};
use resdiff::redline::{
    PARAGRAPH_SEPARATOR, RedlineChange, Segment, SegmentOp, redline, renumbering, word_diff,
    word_diff_with,
};
use resdiff::{ChangeKind, Instrument, ParagraphId};

/// The text the redline gives for one side: equal segments plus those of `edit`.
fn rebuild(segments: &[Segment], edit: SegmentOp) -> String {
    segments
        .iter()
        .filter(|s| s.op == SegmentOp::Equal || s.op == edit)
        .map(|s| s.text.as_str())
        .collect()
}

/// The side's text as the redline must rebuild it.
fn side_text(instrument: &Instrument, ids: &[ParagraphId]) -> String {
    ids.iter()
        .map(|id| instrument.paragraph(*id).unwrap().text.as_str())
        .collect::<Vec<_>>()
        .join(PARAGRAPH_SEPARATOR)
}

/// Checks the faithfulness and shape invariants of one redline: the new side rebuilt
/// exactly, the old side up to typographic variants, an edit shown exactly when the texts
/// differ by more than those.
fn assert_faithful(old: &str, new: &str, segments: &[Segment]) {
    let old_rebuilt = rebuild(segments, SegmentOp::Delete);
    assert!(
        fold::equivalent(&old_rebuilt, old, Mode::Typographic),
        "old side: {old_rebuilt:?} != {old:?}"
    );
    assert_eq!(rebuild(segments, SegmentOp::Insert), new, "new side");
    assert_eq!(
        segments.iter().any(|s| s.op != SegmentOp::Equal),
        !fold::equivalent(old, new, Mode::Typographic),
        "{old:?} -> {new:?}: {segments:?}"
    );
    assert!(segments.iter().all(|s| !s.text.is_empty()), "empty segment");
    assert!(
        segments.windows(2).all(|w| w[0].op != w[1].op),
        "neighbours with the same op"
    );
}

/// Every paragraph text of the fixture, old and new.
fn real_texts() -> Vec<String> {
    let (old, new, ..) = render_support::real_pair();
    old.paragraphs
        .iter()
        .chain(&new.paragraphs)
        .map(|p| p.text.clone())
        .collect()
}

#[test]
fn every_change_of_the_real_pair_is_faithful() {
    let (old, new, alignment, ..) = render_support::real_pair();
    let changes = redline(&old, &new, &alignment);
    assert_eq!(changes.len(), alignment.changes.len());
    for rc in &changes {
        let old_text = side_text(&old, &rc.change.old);
        let new_text = side_text(&new, &rc.change.new);
        assert_faithful(&old_text, &new_text, &rc.segments);
        match rc.change.kind {
            ChangeKind::Added => assert_eq!(rc.segments.len(), 1, "one insert"),
            ChangeKind::Removed => assert_eq!(rc.segments.len(), 1, "one delete"),
            ChangeKind::Unchanged => assert_eq!(rc.segments.len(), 1, "one equal"),
            ChangeKind::Reworded | ChangeKind::Rewritten => {}
        }
    }
}

#[test]
fn every_pair_of_real_paragraphs_is_faithful() {
    let texts = real_texts();
    for a in &texts {
        for b in texts.iter().step_by(3) {
            assert_faithful(a, b, &word_diff(a, b));
        }
    }
}

#[test]
fn scripts_other_than_latin_are_faithful() {
    let pairs = [
        (
            "Réaffirmant sa résolution 70/1 du 25 septembre 2015,",
            "Réaffirmant également sa résolution 70/1 du 25 septembre 2015 ;",
        ),
        (
            "重申其关于加强国际合作的决议，",
            "重申其关于加强区域合作的各项决议，",
        ),
        ("يعيد تأكيد قراره ٧٠/١،", "يعيد أيضا تأكيد قراره ٧٠/١،"),
        ("  leading and trailing  ", " leading, trailing "),
        ("a\nb", "a b\nc"),
    ];
    for (a, b) in pairs {
        assert_faithful(a, b, &word_diff(a, b));
    }
}

#[test]
fn cleanup_gives_phrases_not_confetti() {
    let segments = word_diff(
        "Requests the Secretary-General to report",
        "Also requests the Secretary-General to submit a report",
    );
    let edits = segments.iter().filter(|s| s.op != SegmentOp::Equal).count();
    assert!(edits <= 3, "{segments:?}");
    // The real OP12 → OP17: each changed phrase stays one delete and/or insert.
    let (old, new, ..) = render_support::real_pair();
    let a = &old.paragraph(render_support::id("OP12")).unwrap().text;
    let b = &new.paragraph(render_support::id("OP17")).unwrap().text;
    let segments = word_diff(a, b);
    for segment in &segments {
        if segment.op == SegmentOp::Equal {
            let inner = &segments[1..segments.len() - 1];
            if inner.iter().any(|s| std::ptr::eq(s, segment)) {
                assert!(
                    resdiff::tokens::words(&segment.text).count() > 1,
                    "lone equal word between edits: {:?}",
                    segment.text
                );
            }
        }
    }
}

#[test]
fn redline_is_deterministic() {
    let (old, new, alignment, ..) = render_support::real_pair();
    let first: Vec<RedlineChange> = redline(&old, &new, &alignment);
    for _ in 0..3 {
        assert_eq!(redline(&old, &new, &alignment), first);
    }
}

#[test]
fn split_side_is_joined_by_the_separator() {
    let (old, new, alignment, ..) = render_support::real_pair();
    let changes = redline(&old, &new, &alignment);
    let split = changes.iter().find(|c| c.change.is_split()).unwrap();
    let inserted: String = split
        .segments
        .iter()
        .filter(|s| s.op == SegmentOp::Insert)
        .map(|s| s.text.as_str())
        .collect();
    assert!(inserted.contains(PARAGRAPH_SEPARATOR));
}

#[test]
fn renumbering_lists_unmoved_one_to_one_changes() {
    let (old, new, alignment, ..) = render_support::real_pair();
    let map = renumbering(&redline(&old, &new, &alignment));
    let shown: Vec<String> = map.iter().map(|(a, b)| format!("{a}→{b}")).collect();
    assert_eq!(
        shown,
        [
            "PP6→PP7",
            "PP7→PP8",
            "PP8→PP9",
            "PP12→PP13",
            "OP12→OP17",
            "OP31→OP41",
            "OP32→OP42",
            "OP38→OP52",
            "OP50→OP70",
            "OP63→OP92"
        ]
    );
}

/// One random edit of a token list: where (as a share of the length), what, which word.
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: f64, len: usize },
    Insert { at: f64, word: usize },
    Replace { at: f64, len: usize, word: usize },
}

/// Words to insert, including white space and punctuation oddities.
const VOCABULARY: [&str; 10] = [
    "also ",
    "Member States",
    ", ",
    "the",
    "  ",
    "non-governmental",
    "78/229",
    "établir",
    "决议",
    "\n",
];

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 1usize..6).prop_map(|(at, len)| Edit::Delete { at, len }),
        (0.0..1.0f64, 0..VOCABULARY.len()).prop_map(|(at, word)| Edit::Insert { at, word }),
        (0.0..1.0f64, 1usize..6, 0..VOCABULARY.len()).prop_map(|(at, len, word)| Edit::Replace {
            at,
            len,
            word
        }),
    ]
}

/// `text` with `edits` applied to its tokens.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut tokens: Vec<String> = resdiff::tokens::tokens(text)
        .into_iter()
        .map(str::to_owned)
        .collect();
    for edit in edits {
        let position = |at: f64| ((tokens.len() as f64) * at) as usize;
        match *edit {
            Edit::Delete { at, len } => {
                let start = position(at).min(tokens.len());
                let end = (start + len).min(tokens.len());
                tokens.drain(start..end);
            }
            Edit::Insert { at, word } => {
                let start = position(at).min(tokens.len());
                tokens.insert(start, VOCABULARY[word].to_owned());
            }
            Edit::Replace { at, len, word } => {
                let start = position(at).min(tokens.len());
                let end = (start + len).min(tokens.len());
                tokens.splice(start..end, [VOCABULARY[word].to_owned()]);
            }
        }
    }
    tokens.concat()
}

proptest! {
    #[test]
    fn random_edits_of_real_paragraphs_are_faithful(
        pick in 0usize..1000,
        edits in proptest::collection::vec(edit_strategy(), 0..12),
    ) {
        let texts = real_texts();
        let old = &texts[pick % texts.len()];
        let new = apply(old, &edits);
        let segments = word_diff_with(old, &new, Mode::Strict);
        prop_assert_eq!(rebuild(&segments, SegmentOp::Delete), old.clone());
        prop_assert_eq!(rebuild(&segments, SegmentOp::Insert), new.clone());
        prop_assert!(segments.iter().all(|s| !s.text.is_empty()));
        prop_assert!(segments.windows(2).all(|w| w[0].op != w[1].op));
        prop_assert_eq!(word_diff_with(old, &new, Mode::Strict), segments);
        assert_faithful(old, &new, &word_diff(old, &new));
    }
}
