//! What every format shows, decided once: which changes appear, which unchanged ones are
//! folded into a count, where moved paragraphs came from, and how ids and counts are worded.

use std::fmt::Write as _;

use crate::align::{Change, ChangeKind, References, Summary};
use crate::compare::Comparison;
use crate::document::{Kind, ParagraphId};
use crate::redline::{RedlineChange, renumbering};

use super::RenderOptions;

/// One item of the body of a comparison, in new-text order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Entry<'a> {
    /// A change shown with its redline.
    Change(&'a RedlineChange),
    /// Unchanged texts of one part of the instrument ([`Part`]), folded: the text formats
    /// count them, the HTML page folds them where they can be opened.
    Hidden(Vec<&'a RedlineChange>),
    /// Where a moved paragraph stood: after the change holding its old predecessor of the
    /// same kind, or before the one holding its old successor when it had none.
    Origin {
        /// Its old id.
        old: ParagraphId,
        /// Where it went (its first new id).
        now: ParagraphId,
        /// Whether the paragraph is shown further down than this marker.
        down: bool,
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
    let mut hidden: Vec<&RedlineChange> = Vec::new();
    for (item, shown) in items.into_iter().zip(visible) {
        let hides = match (&item, shown) {
            (Entry::Change(rc), false) => rc.change.new.first().map(|&id| (id, *rc)),
            _ => None,
        };
        let new_part = |&(id, _): &(ParagraphId, &RedlineChange)| {
            hidden
                .first()
                .and_then(|f| first_id(&f.change))
                .is_some_and(|f| Part::of(f) != Part::of(id))
        };
        if !hidden.is_empty() && hides.as_ref().is_none_or(new_part) {
            entries.push(Entry::Hidden(std::mem::take(&mut hidden)));
        }
        match hides {
            Some((_, rc)) => hidden.push(rc),
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

/// The changes with an [`Entry::Origin`] where each moved paragraph stood: after the change
/// holding its old predecessor of the same kind (the unmoved text with the greatest old id
/// below it: OP1's predecessor is no preambular paragraph), else before the change holding
/// its old successor of that kind, else at the start of its part (title, paragraphs,
/// footnotes). Markers sharing a place follow the old order.
pub(super) fn with_origins(changes: &[RedlineChange]) -> Vec<Entry<'_>> {
    let mut after: Vec<Vec<Entry<'_>>> = vec![Vec::new(); changes.len() + 1];
    // Every old id of an unmoved change with its change's index, sorted: the neighbours of
    // an id are then found by a search, not a scan per moved paragraph.
    let mut unmoved: Vec<(ParagraphId, usize)> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.change.moved)
        .flat_map(|(i, c)| c.change.old.iter().map(move |&id| (id, i)))
        .collect();
    unmoved.sort_unstable();
    // Where each part begins: an origin with no neighbour of its kind (a moved FN1 must not
    // stand among the paragraphs) goes there.
    let start_of = |part: Part| {
        changes
            .iter()
            .position(|rc| first_id(&rc.change).is_some_and(|id| Part::of(id) >= part))
            .unwrap_or(changes.len())
    };
    let starts = [Part::Front, Part::Body, Part::Footnotes].map(start_of);
    let part_start = |part: Part| starts[part as usize];
    for (i, rc) in changes.iter().enumerate().filter(|(_, rc)| rc.change.moved) {
        let (Some(&old), Some(&now)) = (rc.change.old.first(), rc.change.new.first()) else {
            continue;
        };
        let below = unmoved.partition_point(|&(id, _)| id < old);
        let predecessor = below
            .checked_sub(1)
            .map(|k| unmoved[k])
            .filter(|&(id, _)| id.kind == old.kind)
            .map(|(_, k)| k + 1);
        let successor = unmoved
            .get(below)
            .filter(|&&(id, _)| id.kind == old.kind)
            .map(|&(_, k)| k);
        let slot = predecessor
            .or(successor)
            .unwrap_or_else(|| part_start(Part::of(old)));
        after[slot].push(Entry::Origin {
            old,
            now,
            down: slot <= i,
        });
    }
    let old_id = |entry: &Entry<'_>| match entry {
        Entry::Origin { old, .. } => Some(*old),
        _ => None,
    };
    for origins in &mut after {
        origins.sort_by_key(old_id);
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

/// What the marker of a moved paragraph's old place says, in two halves: where it stood
/// ("old OP11 stood here") and where it went ("moved down to OP27"), which the HTML page
/// links. A paragraph that kept its number is not said to have moved "to" itself: "moved
/// down, number unchanged".
pub(super) fn origin_text(old: ParagraphId, now: ParagraphId, down: bool) -> (String, String) {
    let way = if down { "down" } else { "up" };
    let went = if old == now {
        format!("moved {way}, number unchanged")
    } else {
        format!("moved {way} to {now}")
    };
    (format!("old {old} stood here"), went)
}

/// The whole marker of a moved paragraph's old place, in the text formats:
/// "(old OP11 stood here; moved down to OP27)".
pub(super) fn origin_line(old: ParagraphId, now: ParagraphId, down: bool) -> String {
    let (stood, went) = origin_text(old, now, down);
    format!("({stood}; {went})")
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

/// What every format says under a change whose sides cite different footnotes
/// ([`Change::references`]): the label, then the footnotes each side cites, by the numbers
/// each side prints ("none → FN5", "FN3 → FN3, FN4"), so that a reference added, dropped or
/// reordered shows even where no word changed.
pub(super) fn references_text(references: &References) -> (&'static str, String) {
    let side = |numbers: &[u32]| {
        if numbers.is_empty() {
            return "none".to_owned();
        }
        let mut text = String::new();
        for (i, number) in numbers.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            push_id(&mut text, ParagraphId::new(Kind::Footnote, *number));
        }
        text
    };
    (
        "footnote references: ",
        format!("{} → {}", side(&references.old), side(&references.new)),
    )
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

/// The line standing for folded unchanged texts ([`Entry::Hidden`]), as
/// [`hidden_ids_text`] words it.
pub(super) fn hidden_text(hidden: &[&RedlineChange]) -> String {
    let ids: Vec<ParagraphId> = hidden
        .iter()
        .filter_map(|rc| first_id(&rc.change))
        .collect();
    hidden_ids_text(&ids)
}

/// The line standing for hidden unchanged texts: "… 1 unchanged paragraph", "… 42 unchanged
/// paragraphs", "… 3 unchanged footnotes", "… unchanged TITLE, CHAPEAU" (those are few and
/// each is named).
fn hidden_ids_text(ids: &[ParagraphId]) -> String {
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

/// A one-line name of a side: its document symbol when the text gives one, else its file,
/// then its label and its date of adoption: "A/RES/69/197 (adopted 18 December 2014)",
/// "73-draft.txt, Draft resolution IV"; "73-draft.txt (none)" for a file that holds no
/// counterpart of the other side's instrument.
pub(super) fn side_name(side: &crate::compare::Side) -> String {
    if side.absent {
        return format!("{} (none)", side.file);
    }
    let mut name = side.symbol.clone().unwrap_or_else(|| side.file.clone());
    if let Some(label) = &side.label {
        name.push_str(", ");
        name.push_str(label);
    }
    if let Some(date) = &side.adopted {
        name.push_str(" (adopted ");
        name.push_str(date);
        name.push(')');
    }
    name
}

/// The names of both sides of a comparison, as [`side_name`] gives them, each with its file
/// when that alone would name both sides alike ("A/RES/78/229, draft.docx"): two versions
/// of one symbol must still be told apart.
pub(super) fn side_names(comparison: &Comparison) -> (String, String) {
    let (old, new) = (&comparison.old, &comparison.new);
    let (old_name, new_name) = (side_name(old), side_name(new));
    if old_name != new_name || old.file == new.file || old.symbol.is_none() {
        return (old_name, new_name);
    }
    let with_file = |name: String, side: &crate::compare::Side| format!("{name}, {}", side.file);
    (with_file(old_name, old), with_file(new_name, new))
}

/// The rows of the table naming both sides in the HTML and Markdown formats: what each side
/// is (`None` where the text does not say).
pub(super) fn side_rows<'a>(
    old: &'a crate::compare::Side,
    new: &'a crate::compare::Side,
) -> [(&'static str, Option<&'a str>, Option<&'a str>); 5] {
    [
        ("Symbol", old.symbol.as_deref(), new.symbol.as_deref()),
        ("Adopted", old.adopted.as_deref(), new.adopted.as_deref()),
        ("File", Some(&old.file), Some(&new.file)),
        ("Label", old.label.as_deref(), new.label.as_deref()),
        ("Title", old.title.as_deref(), new.title.as_deref()),
    ]
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
            references: None,
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

    fn redline(old: &[ParagraphId], new: &[ParagraphId], moved: bool) -> RedlineChange {
        RedlineChange {
            change: change(old, new, moved),
            segments: Vec::new(),
            coarse: false,
        }
    }

    /// The origins of `entries` as `(old id, index of the change just after it)`.
    fn origins_before(entries: &[Entry<'_>], changes: &[RedlineChange]) -> Vec<(String, usize)> {
        entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| match entry {
                Entry::Origin { old, .. } => {
                    let next = entries[i..].iter().find_map(|e| match e {
                        Entry::Change(rc) => changes.iter().position(|c| std::ptr::eq(c, *rc)),
                        _ => None,
                    });
                    Some((old.to_string(), next.unwrap_or(changes.len())))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_moved_first_operative_paragraph_stands_before_its_old_successor() {
        let (op, pp) = (ParagraphId::op, ParagraphId::pp);
        // Old: PP1 PP2 OP1 OP2. New: PP1, PP2 removed, PP3 added, OP1 (was OP2), OP2 (was
        // OP1, moved).
        let changes = [
            redline(&[pp(1)], &[pp(1)], false),
            redline(&[pp(2)], &[], false),
            redline(&[], &[pp(3)], false),
            redline(&[op(2)], &[op(1)], false),
            redline(&[op(1)], &[op(2)], true),
        ];
        // Not after PP2, the unmoved text with the greatest lower id, among the preambular
        // paragraphs.
        assert_eq!(
            origins_before(&with_origins(&changes), &changes),
            [("OP1".to_owned(), 3)]
        );
    }

    #[test]
    fn markers_in_one_place_follow_the_old_order() {
        let pp = ParagraphId::pp;
        // Old PP1..PP4; PP2, PP3 and PP4 all moved after PP5, in reverse order.
        let changes = [
            redline(&[pp(1)], &[pp(1)], false),
            redline(&[pp(5)], &[pp(2)], false),
            redline(&[pp(4)], &[pp(3)], true),
            redline(&[pp(3)], &[pp(4)], true),
            redline(&[pp(2)], &[pp(5)], true),
        ];
        let entries = with_origins(&changes);
        assert_eq!(
            origins_before(&entries, &changes),
            [
                ("PP2".to_owned(), 1),
                ("PP3".to_owned(), 1),
                ("PP4".to_owned(), 1)
            ]
        );
        assert!(
            entries
                .iter()
                .all(|e| !matches!(e, Entry::Origin { down: false, .. }))
        );
    }

    #[test]
    fn markers_say_which_way_and_whether_the_number_changed() {
        let (op, pp) = (ParagraphId::op, ParagraphId::pp);
        assert_eq!(
            origin_line(op(11), op(27), true),
            "(old OP11 stood here; moved down to OP27)"
        );
        assert_eq!(
            origin_line(pp(6), pp(6), true),
            "(old PP6 stood here; moved down, number unchanged)"
        );
        let changes = [
            redline(&[pp(2)], &[pp(1)], true),
            redline(&[pp(1)], &[pp(2)], false),
        ];
        assert!(matches!(
            with_origins(&changes)[2],
            Entry::Origin { down: false, .. }
        ));
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
            symbol: None,
            adopted: None,
            footnote_references: Vec::new(),
            absent: false,
        };
        let comparison = Comparison {
            old: side.clone(),
            new: side,
            summary: Summary::default(),
            old_texts: Default::default(),
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
                Entry::Hidden(vec![&comparison.changes[0]]),
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
        assert_eq!(hidden_ids_text(&front), "… unchanged TITLE, CHAPEAU");
        assert_eq!(
            hidden_ids_text(&[ParagraphId::pp(2)]),
            "… 1 unchanged paragraph"
        );
        assert_eq!(
            hidden_ids_text(&[ParagraphId::pp(2), ParagraphId::op(1)]),
            "… 2 unchanged paragraphs"
        );
        assert_eq!(hidden_ids_text(&[footnote(3)]), "… 1 unchanged footnote");
        assert_eq!(
            hidden_ids_text(&[footnote(3), footnote(4)]),
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

    /// Two versions of one symbol (a draft and its copy with tracked changes) are named
    /// apart by their files; sides named apart already keep their plain names.
    #[test]
    fn sides_of_one_symbol_are_told_apart_by_file() {
        let side = |file: &str, symbol: Option<&str>| crate::compare::Side {
            file: file.to_owned(),
            label: None,
            title: None,
            symbol: symbol.map(str::to_owned),
            adopted: None,
            footnote_references: Vec::new(),
            absent: false,
        };
        let comparison = |old, new| Comparison {
            old,
            new,
            summary: Summary::default(),
            old_texts: Default::default(),
            changes: Vec::new(),
        };
        let same = comparison(
            side("draft.docx", Some("A/RES/78/229")),
            side("tracked.docx", Some("A/RES/78/229")),
        );
        assert_eq!(
            side_names(&same),
            (
                "A/RES/78/229, draft.docx".to_owned(),
                "A/RES/78/229, tracked.docx".to_owned()
            )
        );
        let apart = comparison(
            side("2018.txt", None),
            side("2023.txt", Some("A/RES/78/229")),
        );
        assert_eq!(
            side_names(&apart),
            ("2018.txt".to_owned(), "A/RES/78/229".to_owned())
        );
    }
}
