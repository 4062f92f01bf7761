//! What every format shows, decided once: which changes appear, which unchanged ones are
//! folded into a count, where moved paragraphs came from, and how ids and counts are worded.

use std::fmt::Write as _;

use crate::align::{Change, ChangeKind, Summary};
use crate::compare::Comparison;
use crate::document::{Kind, ParagraphId};
use crate::redline::{RedlineChange, renumbering};

use super::RenderOptions;

/// One item of the body of a comparison, in new-text order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Entry<'a> {
    /// A change shown with its redline.
    Change(&'a RedlineChange),
    /// Unchanged texts of one part of the instrument ([`Part`]), not shown: their (new) ids.
    Hidden(Vec<ParagraphId>),
    /// Where a moved paragraph stood: after the change holding its old predecessor.
    Origin {
        /// Its old id.
        old: ParagraphId,
        /// Where it went (its first new id).
        now: ParagraphId,
    },
}

/// The body of one comparison, with its renumbering map.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan<'a> {
    /// Changes, hidden counts and origins of moves, in new-text order.
    pub entries: Vec<Entry<'a>>,
    /// `(old, new)` ids of paragraphs that only changed number.
    pub renumbered: Vec<(ParagraphId, ParagraphId)>,
    /// The changes counted by kind: those shown under `--only`, else all.
    pub summary: Summary,
}

/// Whether a change has nothing to show beyond its id: same words, same place, one-to-one.
/// A renumbered unchanged paragraph is quiet too; the renumbering map accounts for it.
fn is_quiet(change: &Change) -> bool {
    change.kind == ChangeKind::Unchanged
        && !change.moved
        && change.old.len() == 1
        && change.new.len() == 1
}

/// The parts of an instrument that a run of hidden texts does not cross, so that a count of
/// "unchanged paragraphs" holds paragraphs only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// `TITLE`, `SPONSORS`, `CHAPEAU`.
    Front,
    /// The paragraphs (and headings).
    Body,
    /// The footnotes.
    Footnotes,
}

impl Part {
    fn of(id: ParagraphId) -> Part {
        match id.kind {
            Kind::Number | Kind::Title | Kind::Sponsors | Kind::Chapeau | Kind::Adoption => {
                Part::Front
            }
            Kind::Preambular | Kind::Operative | Kind::Heading | Kind::Outside => Part::Body,
            Kind::Footnote => Part::Footnotes,
        }
    }
}

/// A change's first new id, or its first old id when removed.
fn first_id(change: &Change) -> Option<ParagraphId> {
    change.new.first().or(change.old.first()).copied()
}

/// The kind a change is filed under for `--only`: its new id's, or its old id's when removed.
fn kind_of(change: &Change) -> Option<Kind> {
    first_id(change).map(|id| id.kind)
}

/// Whether `--only kind` shows `change`: it is filed under its new id's kind, or its old
/// id's when removed.
pub(super) fn shown_under(change: &Change, kind: Kind) -> bool {
    kind_of(change) == Some(kind)
}

/// Decides what to show of `comparison`.
pub(super) fn plan<'a>(comparison: &'a Comparison, options: &RenderOptions) -> Plan<'a> {
    let wanted = |kind: Option<Kind>| options.only.is_none() || kind == options.only;
    let items = with_origins(&comparison.changes);
    let items: Vec<Entry<'a>> = items
        .into_iter()
        .filter(|item| match item {
            Entry::Change(rc) => wanted(kind_of(&rc.change)),
            Entry::Origin { old, .. } => wanted(Some(old.kind)),
            Entry::Hidden(_) => true,
        })
        .collect();
    let quiet = |item: &Entry<'_>| matches!(item, Entry::Change(rc) if is_quiet(&rc.change));
    // A quiet change is shown when asked for, or when within `context` items of a change
    // worth showing.
    let mut visible: Vec<bool> = items
        .iter()
        .map(|item| options.show_unchanged || !quiet(item))
        .collect();
    if !options.show_unchanged && options.context > 0 {
        let anchors: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, item)| matches!(item, Entry::Change(_)) && !quiet(item))
            .map(|(i, _)| i)
            .collect();
        // Context stays within the anchor's part: the last paragraph is no context for a
        // footnote.
        let part = |item: &Entry<'_>| match item {
            Entry::Change(rc) => first_id(&rc.change).map(Part::of),
            Entry::Origin { old, .. } => Some(Part::of(*old)),
            Entry::Hidden(_) => None,
        };
        for i in anchors {
            let start = i.saturating_sub(options.context);
            let end = (i + options.context).min(items.len() - 1);
            for k in start..=end {
                if part(&items[k]) == part(&items[i]) {
                    visible[k] = true;
                }
            }
        }
    }
    let mut entries = Vec::with_capacity(items.len());
    let mut hidden: Vec<ParagraphId> = Vec::new();
    for (item, shown) in items.into_iter().zip(visible) {
        let hides = match (&item, shown) {
            (Entry::Change(rc), false) => rc.change.new.first().copied(),
            _ => None,
        };
        let new_part =
            |id: ParagraphId| hidden.first().is_some_and(|&f| Part::of(f) != Part::of(id));
        if !hidden.is_empty() && hides.is_none_or(new_part) {
            entries.push(Entry::Hidden(std::mem::take(&mut hidden)));
        }
        match hides {
            Some(id) => hidden.push(id),
            None if shown => entries.push(item),
            None => {}
        }
    }
    if !hidden.is_empty() {
        entries.push(Entry::Hidden(hidden));
    }
    let renumbered = renumbering(&comparison.changes)
        .into_iter()
        .filter(|(_, new)| wanted(Some(new.kind)))
        .collect();
    let summary = match options.only {
        None => comparison.summary,
        Some(kind) => Summary::of(
            comparison
                .changes
                .iter()
                .map(|rc| &rc.change)
                .filter(|c| shown_under(c, kind)),
        ),
    };
    Plan {
        entries,
        renumbered,
        summary,
    }
}

/// The changes with an [`Entry::Origin`] after the change holding each moved paragraph's
/// old predecessor (the unmoved text of its part with the greatest old id below it), or at
/// the start of its part (title, paragraphs, footnotes) when it had none.
fn with_origins(changes: &[RedlineChange]) -> Vec<Entry<'_>> {
    let mut after: Vec<Vec<Entry<'_>>> = vec![Vec::new(); changes.len() + 1];
    // Every old id of an unmoved change with its change's index, sorted: the predecessor of
    // an id is then the last entry below it (a search, not a scan per moved paragraph).
    let mut unmoved: Vec<(ParagraphId, usize)> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.change.moved)
        .flat_map(|(i, c)| c.change.old.iter().map(move |&id| (id, i)))
        .collect();
    unmoved.sort_unstable();
    // Where each part begins: an origin with no predecessor in its own part (a moved FN1
    // must not stand among the paragraphs) goes there.
    let start_of = |part: Part| {
        changes
            .iter()
            .position(|rc| first_id(&rc.change).is_some_and(|id| Part::of(id) >= part))
            .unwrap_or(changes.len())
    };
    let starts = [Part::Front, Part::Body, Part::Footnotes].map(start_of);
    let part_start = |part: Part| starts[part as usize];
    for rc in changes.iter().filter(|rc| rc.change.moved) {
        let (Some(&old), Some(&now)) = (rc.change.old.first(), rc.change.new.first()) else {
            continue;
        };
        let below = unmoved.partition_point(|&(id, _)| id < old);
        let slot = below
            .checked_sub(1)
            .map(|k| unmoved[k])
            .filter(|&(id, _)| Part::of(id) == Part::of(old))
            .map_or_else(|| part_start(Part::of(old)), |(_, k)| k + 1);
        after[slot].push(Entry::Origin { old, now });
    }
    let mut entries = Vec::with_capacity(changes.len() + after.iter().map(Vec::len).sum::<usize>());
    let mut slots = after.into_iter();
    entries.extend(slots.next().unwrap_or_default());
    for (rc, origins) in changes.iter().zip(slots) {
        entries.push(Entry::Change(rc));
        entries.extend(origins);
    }
    entries
}

/// How a change is named: "OP12", "OP12 (was OP11)", "OP12, was OP7 (moved)",
/// "OP7 → OP8 + OP9 (split)", "OP3 + OP4 → OP5 (merged)", "was OP6" for a removed one.
pub(super) fn heading(change: &Change) -> String {
    // Written piece by piece into one string: there is one heading per change, and
    // formatting them cost more than the rest of the plain-text rendering.
    let mut out = String::new();
    let join = |out: &mut String, ids: &[ParagraphId]| {
        for (i, &id) in ids.iter().enumerate() {
            if i > 0 {
                out.push_str(" + ");
            }
            push_id(out, id);
        }
    };
    let moved = if change.moved { " (moved)" } else { "" };
    match (change.old.as_slice(), change.new.as_slice()) {
        ([], new) => join(&mut out, new),
        (old, []) => {
            out.push_str("was ");
            join(&mut out, old);
        }
        (&[old], &[new]) if old == new => {
            push_id(&mut out, new);
            out.push_str(moved);
        }
        (&[old], &[new]) if change.moved => {
            push_id(&mut out, new);
            out.push_str(", was ");
            push_id(&mut out, old);
            out.push_str(moved);
        }
        (&[old], &[new]) => {
            push_id(&mut out, new);
            out.push_str(" (was ");
            push_id(&mut out, old);
            out.push(')');
        }
        (old, new) => {
            let what = if change.is_split() {
                "split"
            } else if change.is_merge() {
                "merged"
            } else {
                "regrouped"
            };
            join(&mut out, old);
            out.push_str(" → ");
            join(&mut out, new);
            out.push_str(" (");
            out.push_str(what);
            out.push_str(if change.moved { ", moved)" } else { ")" });
        }
    }
    out
}

/// Appends `id` as its `Display` writes it ("OP12").
fn push_id(out: &mut String, id: ParagraphId) {
    let _ = write!(out, "{id}");
}

/// What every format says under a redline that the work bound made coarser than word by
/// word (`RedlineChange::coarse`), so that a passage shown deleted and inserted whole is
/// not read as rewritten.
pub(crate) const COARSE_NOTE: &str = "note: these texts are too long and too alike in their \
     words to compare word by word in bounded time; some passages are shown deleted and \
     inserted whole";

/// The summary's counts with their names, in the documented order.
pub(super) fn summary_counts(summary: &Summary) -> [(&'static str, usize); 8] {
    [
        ("unchanged", summary.unchanged),
        ("reworded", summary.reworded),
        ("rewritten", summary.rewritten),
        ("moved", summary.moved),
        ("split", summary.split),
        ("merged", summary.merged),
        ("added", summary.added),
        ("removed", summary.removed),
    ]
}

/// The line standing for hidden unchanged texts: "… 1 unchanged paragraph", "… 42 unchanged
/// paragraphs", "… 3 unchanged footnotes", "… unchanged TITLE, CHAPEAU" (those are few and
/// each is named).
pub(super) fn hidden_text(ids: &[ParagraphId]) -> String {
    let count = ids.len();
    let noun = match (ids.first().copied().map(Part::of), count) {
        (Some(Part::Front), _) => {
            let mut out = String::from("… unchanged ");
            for (i, &id) in ids.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_id(&mut out, id);
            }
            return out;
        }
        (Some(Part::Footnotes), 1) => "footnote",
        (Some(Part::Footnotes), _) => "footnotes",
        (_, 1) => "paragraph",
        (_, _) => "paragraphs",
    };
    format!("… {count} unchanged {noun}")
}

/// The renumbering map, compact: runs that shift together become ranges,
/// "PP5→PP4, OP3–9→OP4–10".
pub(super) fn renumbering_text(map: &[(ParagraphId, ParagraphId)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < map.len() {
        let (first_old, first_new) = map[i];
        let mut j = i;
        while j + 1 < map.len()
            && follows(map[j].0, map[j + 1].0)
            && follows(map[j].1, map[j + 1].1)
        {
            j += 1;
        }
        let (last_old, last_new) = map[j];
        if i > 0 {
            out.push_str(", ");
        }
        let _ = if i == j {
            write!(out, "{first_old}→{first_new}")
        } else {
            write!(
                out,
                "{first_old}–{}→{first_new}–{}",
                last_old.number, last_new.number
            )
        };
        i = j + 1;
    }
    out
}

/// Whether `b` is the id right after `a`.
fn follows(a: ParagraphId, b: ParagraphId) -> bool {
    a.kind == b.kind && a.number + 1 == b.number
}

/// A one-line name of a side: "73-draft.txt, Draft resolution IV"; "73-draft.txt (none)"
/// for a file that holds no counterpart of the other side's instrument.
pub(super) fn side_name(side: &crate::compare::Side) -> String {
    match &side.label {
        _ if side.absent => format!("{} (none)", side.file),
        Some(label) => format!("{}, {label}", side.file),
        None => side.file.clone(),
    }
}

/// What a comparison of an instrument that only one file holds says of it, on a line of
/// its own under its heading; none for a pair.
pub(super) fn unpaired_note(comparison: &Comparison) -> Option<String> {
    match (comparison.old.absent, comparison.new.absent) {
        (true, false) => Some(format!(
            "instrument added: {} holds no counterpart of it",
            comparison.old.file
        )),
        (false, true) => Some(format!(
            "instrument removed: {} holds no counterpart of it",
            comparison.new.file
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(old: &[ParagraphId], new: &[ParagraphId], moved: bool) -> Change {
        Change {
            kind: ChangeKind::Reworded,
            old: old.to_vec(),
            new: new.to_vec(),
            similarity: 0.5,
            moved,
            why: None,
        }
    }

    #[test]
    fn headings() {
        let (op, pp) = (ParagraphId::op, ParagraphId::pp);
        assert_eq!(heading(&change(&[op(3)], &[op(3)], false)), "OP3");
        assert_eq!(
            heading(&change(&[op(11)], &[op(12)], false)),
            "OP12 (was OP11)"
        );
        assert_eq!(
            heading(&change(&[op(7)], &[op(12)], true)),
            "OP12, was OP7 (moved)"
        );
        assert_eq!(heading(&change(&[pp(9)], &[op(1)], false)), "OP1 (was PP9)");
        assert_eq!(
            heading(&change(&[op(7)], &[op(8), op(9)], false)),
            "OP7 → OP8 + OP9 (split)"
        );
        assert_eq!(
            heading(&change(&[op(3), op(4)], &[op(5)], true)),
            "OP3 + OP4 → OP5 (merged, moved)"
        );
        assert_eq!(heading(&change(&[op(6)], &[], false)), "was OP6");
    }

    #[test]
    fn a_moved_footnote_leaves_its_marker_among_the_footnotes() {
        let footnote = |n| ParagraphId::new(Kind::Footnote, n);
        let op = ParagraphId::op;
        let redline = |old: &[ParagraphId], new: &[ParagraphId], moved: bool| RedlineChange {
            change: change(old, new, moved),
            segments: Vec::new(),
            coarse: false,
        };
        let changes = [
            redline(&[op(1)], &[op(1)], false),
            redline(&[], &[op(2)], false),
            redline(&[footnote(2)], &[footnote(1)], false),
            redline(&[footnote(1)], &[footnote(2)], true),
        ];
        let entries = with_origins(&changes);
        let origin = entries
            .iter()
            .position(|e| matches!(e, Entry::Origin { .. }))
            .unwrap();
        // Before the first footnote, not after OP1, the last unmoved text with a lower id.
        assert_eq!(entries[origin + 1], Entry::Change(&changes[2]));
    }

    #[test]
    fn context_stays_within_its_part() {
        let footnote = |n| ParagraphId::new(Kind::Footnote, n);
        let quiet = |id: ParagraphId| RedlineChange {
            change: Change {
                kind: ChangeKind::Unchanged,
                ..change(&[id], &[id], false)
            },
            segments: Vec::new(),
            coarse: false,
        };
        let edited = RedlineChange {
            change: change(&[footnote(1)], &[footnote(1)], false),
            segments: Vec::new(),
            coarse: false,
        };
        let side = crate::compare::Side {
            file: "a.txt".to_owned(),
            label: None,
            title: None,
            absent: false,
        };
        let comparison = Comparison {
            old: side.clone(),
            new: side,
            summary: Summary::default(),
            changes: vec![
                quiet(ParagraphId::op(1)),
                edited.clone(),
                quiet(footnote(2)),
            ],
        };
        let options = RenderOptions {
            context: 1,
            ..RenderOptions::default()
        };
        assert_eq!(
            plan(&comparison, &options).entries,
            [
                Entry::Hidden(vec![ParagraphId::op(1)]),
                Entry::Change(&comparison.changes[1]),
                Entry::Change(&comparison.changes[2]),
            ]
        );
    }

    #[test]
    fn hidden_texts_are_named_by_their_part() {
        let footnote = |n| ParagraphId::new(Kind::Footnote, n);
        let front = [
            ParagraphId::new(Kind::Title, 0),
            ParagraphId::new(Kind::Chapeau, 0),
        ];
        assert_eq!(hidden_text(&front), "… unchanged TITLE, CHAPEAU");
        assert_eq!(
            hidden_text(&[ParagraphId::pp(2)]),
            "… 1 unchanged paragraph"
        );
        assert_eq!(
            hidden_text(&[ParagraphId::pp(2), ParagraphId::op(1)]),
            "… 2 unchanged paragraphs"
        );
        assert_eq!(hidden_text(&[footnote(3)]), "… 1 unchanged footnote");
        assert_eq!(
            hidden_text(&[footnote(3), footnote(4)]),
            "… 2 unchanged footnotes"
        );
    }

    #[test]
    fn renumbering_ranges() {
        let (op, pp) = (ParagraphId::op, ParagraphId::pp);
        let map = [
            (pp(5), pp(4)),
            (op(3), op(4)),
            (op(4), op(5)),
            (op(5), op(6)),
            (op(8), op(8 + 2)),
        ];
        assert_eq!(renumbering_text(&map), "PP5→PP4, OP3–5→OP4–6, OP8→OP10");
    }
}
