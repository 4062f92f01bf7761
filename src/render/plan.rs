//! What every format shows, decided once: which changes appear, which unchanged ones are
//! folded into a count, where moved paragraphs came from, and how ids and counts are worded.

use std::fmt::Write as _;

use crate::align::{Change, ChangeKind, Summary};
use crate::compare::Comparison;
use crate::document::{Kind, ParagraphId};
use crate::redline::{RedlineChange, renumbering};

use super::RenderOptions;

/// One item of the body of a comparison, in new-text order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Entry<'a> {
    /// A change shown with its redline.
    Change(&'a RedlineChange),
    /// This many unchanged paragraphs, not shown.
    Hidden(usize),
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

/// The kind a change is filed under for `--only`: its new id's, or its old id's when removed.
fn kind_of(change: &Change) -> Option<Kind> {
    change.new.first().or(change.old.first()).map(|id| id.kind)
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
        for i in anchors {
            let start = i.saturating_sub(options.context);
            let end = (i + options.context).min(items.len() - 1);
            visible[start..=end].iter_mut().for_each(|v| *v = true);
        }
    }
    let mut entries = Vec::with_capacity(items.len());
    let mut hidden = 0;
    for (item, shown) in items.into_iter().zip(visible) {
        if shown {
            if hidden > 0 {
                entries.push(Entry::Hidden(hidden));
                hidden = 0;
            }
            entries.push(item);
        } else {
            hidden += 1;
        }
    }
    if hidden > 0 {
        entries.push(Entry::Hidden(hidden));
    }
    let renumbered = renumbering(&comparison.changes)
        .into_iter()
        .filter(|(_, new)| wanted(Some(new.kind)))
        .collect();
    let summary = match options.only {
        None => comparison.summary,
        Some(_) => Summary::of(
            comparison
                .changes
                .iter()
                .map(|rc| &rc.change)
                .filter(|c| wanted(kind_of(c))),
        ),
    };
    Plan {
        entries,
        renumbered,
        summary,
    }
}

/// The changes with an [`Entry::Origin`] after the change holding each moved paragraph's
/// old predecessor (the unmoved paragraph with the greatest old id below it), or first when
/// it had none.
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
    for rc in changes.iter().filter(|rc| rc.change.moved) {
        let (Some(&old), Some(&now)) = (rc.change.old.first(), rc.change.new.first()) else {
            continue;
        };
        let below = unmoved.partition_point(|&(id, _)| id < old);
        let predecessor = below.checked_sub(1).map_or(0, |k| unmoved[k].1 + 1);
        after[predecessor].push(Entry::Origin { old, now });
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

/// The kind of a change as a word.
pub(super) fn kind_word(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Unchanged => "unchanged",
        ChangeKind::Reworded => "reworded",
        ChangeKind::Rewritten => "rewritten",
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
    }
}

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

/// "1 unchanged paragraph", "42 unchanged paragraphs".
pub(super) fn hidden_text(count: usize) -> String {
    let noun = if count == 1 {
        "paragraph"
    } else {
        "paragraphs"
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

/// A one-line name of a side: "73-draft.txt, Draft resolution IV".
pub(super) fn side_name(side: &crate::compare::Side) -> String {
    match &side.label {
        Some(label) => format!("{}, {label}", side.file),
        None => side.file.clone(),
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
