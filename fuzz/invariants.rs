//! The invariants every comparison must keep, whatever the input. Shared by the fuzz targets
//! (`#[path]` include) and by `tests/properties.rs` and `tests/robustness.rs`, so that the
//! fuzzers and the always-run property tests check exactly the same things.

use std::collections::BTreeMap;

use resdiff::compare::Comparison;
use resdiff::fold::{self, Mode};
use resdiff::redline::{PARAGRAPH_SEPARATOR, SegmentOp};
use resdiff::{ChangeKind, Instrument, Kind, ParagraphId};

/// The text of one side of a change as the redline must rebuild it: its texts (paragraphs,
/// title, sponsors, chapeau, footnotes) joined by [`PARAGRAPH_SEPARATOR`].
pub fn side_text(instrument: &Instrument, ids: &[ParagraphId]) -> String {
    ids.iter()
        .map(|id| {
            instrument
                .text(*id)
                .unwrap_or_else(|| panic!("{id} is not a text of its instrument"))
        })
        .collect::<Vec<_>>()
        .join(PARAGRAPH_SEPARATOR)
}

/// Checks a comparison of `old` with `new` made with the differences of `mode`:
///
/// - every text of each instrument ([`Instrument::texts`]: title, sponsors, chapeau,
///   paragraphs, footnotes) appears in exactly one change, and no change names an id its
///   instrument does not hold;
/// - the changes come in the documented order: `TITLE`, `SPONSORS`, `CHAPEAU`, then the
///   paragraphs, then the footnotes;
/// - for each change, equal + insert segments rebuild the new side's text exactly, and
///   equal + delete segments the old side's up to the typographic variants `mode` folds
///   (exactly in strict mode);
/// - a change with texts on both sides is unchanged exactly when its redline shows no
///   deletion or insertion;
/// - no segment is empty.
///
/// Panics with a message naming the change on the first violation.
pub fn check_comparison(old: &Instrument, new: &Instrument, comparison: &Comparison, mode: Mode) {
    let parts: Vec<Part> = comparison
        .changes
        .iter()
        .map(|rc| {
            let id = rc.change.new.first().or(rc.change.old.first());
            id.map_or(Part::Body, |id| Part::of(id.kind))
        })
        .collect();
    assert!(
        parts.is_sorted(),
        "changes not in the order NUMBER, TITLE, SPONSORS, CHAPEAU, ADOPTION, paragraphs, footnotes: {parts:?}"
    );
    let mut old_seen: BTreeMap<ParagraphId, usize> = BTreeMap::new();
    let mut new_seen: BTreeMap<ParagraphId, usize> = BTreeMap::new();
    for (n, rc) in comparison.changes.iter().enumerate() {
        let change = &rc.change;
        assert!(
            !(change.old.is_empty() && change.new.is_empty()),
            "change {n} has no paragraph on either side"
        );
        for id in &change.old {
            *old_seen.entry(*id).or_default() += 1;
        }
        for id in &change.new {
            *new_seen.entry(*id).or_default() += 1;
        }
        let mut old_rebuilt = String::new();
        let mut new_rebuilt = String::new();
        for segment in &rc.segments {
            assert!(!segment.text.is_empty(), "change {n}: empty segment");
            match segment.op {
                SegmentOp::Equal => {
                    old_rebuilt.push_str(&segment.text);
                    new_rebuilt.push_str(&segment.text);
                }
                SegmentOp::Delete => old_rebuilt.push_str(&segment.text),
                SegmentOp::Insert => new_rebuilt.push_str(&segment.text),
            }
        }
        let old_text = side_text(old, &change.old);
        assert!(
            fold::equivalent(&old_rebuilt, &old_text, mode),
            "change {n} ({:?} -> {:?}): equal + delete do not rebuild the old text: {old_rebuilt:?} != {old_text:?}",
            change.old,
            change.new
        );
        if !change.old.is_empty() && !change.new.is_empty() {
            // An edit shows in the words, or in the footnote references where no word
            // changed.
            let shows_edit =
                rc.segments.iter().any(|s| s.op != SegmentOp::Equal) || change.references.is_some();
            assert_eq!(
                change.kind == ChangeKind::Unchanged,
                !shows_edit,
                "change {n} ({:?} -> {:?}) is {:?} but its redline {} an edit",
                change.old,
                change.new,
                change.kind,
                if shows_edit { "shows" } else { "shows no" }
            );
        }
        assert_eq!(
            new_rebuilt,
            side_text(new, &change.new),
            "change {n} ({:?} -> {:?}): equal + insert do not rebuild the new text",
            change.old,
            change.new
        );
    }
    let all = |inst: &Instrument| -> BTreeMap<ParagraphId, usize> {
        let mut ids = BTreeMap::new();
        for (id, _) in inst.texts() {
            *ids.entry(id).or_default() += 1;
        }
        ids
    };
    let old_ids = all(old);
    let new_ids = all(new);
    // Ids an instrument holds twice are the parser's problem, not the aligner's: compare sets.
    let keys = |m: &BTreeMap<ParagraphId, usize>| m.keys().copied().collect::<Vec<_>>();
    assert_eq!(
        keys(&old_seen),
        keys(&old_ids),
        "old ids in changes != old texts"
    );
    assert_eq!(
        keys(&new_seen),
        keys(&new_ids),
        "new ids in changes != new texts"
    );
    for (id, count) in &old_seen {
        assert!(*count == old_ids[id], "old {id} appears in {count} changes");
    }
    for (id, count) in &new_seen {
        assert!(*count == new_ids[id], "new {id} appears in {count} changes");
    }
}

/// Where a change stands in a comparison: the texts before the paragraphs, each in its
/// place, then the paragraphs, then the footnotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Number,
    Title,
    Sponsors,
    Chapeau,
    Adoption,
    Body,
    Footnotes,
}

impl Part {
    fn of(kind: Kind) -> Part {
        match kind {
            Kind::Number => Part::Number,
            Kind::Title => Part::Title,
            Kind::Sponsors => Part::Sponsors,
            Kind::Chapeau => Part::Chapeau,
            Kind::Adoption => Part::Adoption,
            Kind::Preambular | Kind::Operative | Kind::Heading | Kind::Outside => Part::Body,
            Kind::Footnote => Part::Footnotes,
        }
    }
}
