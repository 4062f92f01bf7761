//! Word output: the comparison as a `.docx` whose differences are real tracked changes.
//!
//! Opened in Word or LibreOffice, "accept all" leaves the new text and "reject all" the old
//! one. Every change of a comparison is written in new-text order: equal text as plain
//! runs, deleted text in `w:del`, inserted text in `w:ins` (author "resdiff", the date the
//! caller gives), and a paragraph break that only one side has (a split, a merge, an added
//! or removed paragraph) as a tracked paragraph mark, so that accepting or rejecting also
//! joins or splits the paragraphs as the text did. An added or removed paragraph's tracked
//! break is the one before it, as LibreOffice needs (see `Body::change`). A moved paragraph
//! is a tracked move: its old text at its old place in `w:moveFrom`, its new text at its new
//! place in `w:moveTo`, each place in a named move range, with the words edited on the way
//! deleted at the old place and inserted at the new one (see `Body::moved`). Each paragraph
//! opens with its ids and a tab: the same ids as plain text, different ones as a deleted
//! old and an inserted new id, so that either result names its paragraphs as its own text
//! does. Above them, untracked, the two files, the title and the summary of each
//! comparison. Footnotes are Word footnotes (`word/footnotes.xml`) where they can be (see
//! `place_notes` and `safe_notes`), with their changes tracked inside; the others stay
//! paragraphs after the body, as every text of a comparison was before.
//!
//! Equal segments carry the new text's typographic form of what both sides share; where the
//! old text prints it otherwise ([`Comparison::old_texts`]), the old form is deleted and the
//! new one inserted (see `exact`), so that rejecting all gives the old text exactly.
//!
//! The package is written here: five small XML parts in a ZIP archive, deflated with
//! `flate2` and checksummed with `crc32fast` (both already built for the PDF reader).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use crate::compare::Comparison;
use crate::document::{Kind, ParagraphId};
use crate::fold::{self, FoldedLength};
use crate::redline::{PARAGRAPH_SEPARATOR, RedlineChange, Segment, SegmentOp};
use crate::tokens;

use super::plan::{self, Entry};

/// The author of every tracked change.
pub const AUTHOR: &str = "resdiff";

/// The date of the tracked changes when the caller has none to give: the Unix epoch, so
/// that the same inputs always give the same bytes (`SOURCE_DATE_EPOCH` convention).
pub const DEFAULT_DATE: &str = "1970-01-01T00:00:00Z";

/// The `.docx` package of `comparisons`, its tracked changes dated `date` (ISO 8601,
/// `2025-12-01T00:00:00Z`).
pub fn render(comparisons: &[Comparison], date: &str) -> Vec<u8> {
    let mut body = Body::new(date);
    for comparison in comparisons {
        body.comparison(comparison);
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{WORDPROCESSINGML}\"><w:body>{}<w:sectPr/></w:body></w:document>",
        body.xml
    );
    // Word's two separator footnotes (ids -1 and 0) come first, as Word writes them.
    let footnotes = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:footnotes xmlns:w=\"{WORDPROCESSINGML}\">\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
         {}</w:footnotes>",
        body.footnotes
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS.as_bytes()),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELATIONSHIPS.as_bytes(),
        ),
        ("word/document.xml", document.as_bytes()),
        ("word/footnotes.xml", footnotes.as_bytes()),
    ])
}

/// The namespace of WordprocessingML.
const WORDPROCESSINGML: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/footnotes.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>\
</Types>";

const PACKAGE_RELATIONSHIPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"word/document.xml\"/></Relationships>";

const DOCUMENT_RELATIONSHIPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" \
Target=\"footnotes.xml\"/></Relationships>";

/// The body being written, with the running id of the tracked changes (unique in the
/// document, as Word requires) and the number of the next move's name.
struct Body<'d> {
    xml: String,
    /// The `w:footnote` elements written so far.
    footnotes: String,
    date: &'d str,
    next_id: usize,
    next_move: usize,
    next_footnote: usize,
}

/// A footnote of a comparison written as a Word footnote, where a paragraph references it.
struct Note<'c> {
    /// The footnote's change, and its index.
    change: &'c RedlineChange,
    at: usize,
    /// [`Track::Both`]: one footnote holding the redline, referenced on both sides; `Old`:
    /// the old text, its reference deleted; `New`: the new text, its reference inserted.
    track: Track,
}

/// The paragraphs to write, in order: each change's index, with the place and move name of
/// a moved paragraph.
type Items<'m> = [(usize, Option<(MoveEnd, &'m String)>)];

/// [`place_notes`], but a paragraph followed by one whose paragraph break is tracked (an
/// added, removed or moved one: see [`Body::change`]) keeps its footnotes as paragraphs
/// after the body: LibreOffice 7.4 does not join a paragraph holding footnote references
/// to the next one when its deleted mark is accepted (an empty paragraph is left), and
/// tracking the next paragraph's own mark instead loses the paragraph after it on reject.
fn safe_notes<'c>(
    comparison: &'c Comparison,
    items: &Items<'_>,
) -> (BTreeMap<usize, Vec<Note<'c>>>, Vec<bool>) {
    let (mut notes, mut placed) = place_notes(comparison);
    let breaks_before = |(at, place): &(usize, Option<(MoveEnd, &String)>)| {
        let change = &comparison.changes[*at].change;
        place.is_some() || change.old.is_empty() || change.new.is_empty()
    };
    // A footnote taken back makes its change a paragraph again, which may follow another
    // holder of footnotes: again until nothing changes.
    loop {
        let written: Vec<_> = items.iter().filter(|(at, _)| !placed[*at]).collect();
        let taken_back: Vec<usize> = written
            .windows(2)
            .filter(|pair| notes.contains_key(&pair[0].0) && breaks_before(pair[1]))
            .flat_map(|pair| notes[&pair[0].0].iter().map(|note| note.at))
            .collect();
        if taken_back.is_empty() {
            return (notes, placed);
        }
        for at in taken_back {
            placed[at] = false;
        }
        for holder in notes.values_mut() {
            holder.retain(|note| placed[note.at]);
        }
        notes.retain(|_, holder| !holder.is_empty());
    }
}

/// The footnotes of `comparison` that become Word footnotes, by the index of the change
/// whose paragraph references them, and whether each change is such a footnote.
///
/// A footnote goes where the first paragraph that references it stands (the parser keeps
/// which paragraph references which footnote, not where in it, so the reference ends the
/// paragraph). Referenced from the same unmoved change on both sides, it is one footnote
/// with its redline inside; else an old footnote with its reference deleted where the old
/// paragraph stands and a new one with its reference inserted where the new one stands. A
/// footnote a side has but no paragraph of it references (a footnote of the title, one
/// whose mark the parser did not see), and a split or merged footnote, stay paragraphs
/// after the body, so that nothing is lost.
fn place_notes(comparison: &Comparison) -> (BTreeMap<usize, Vec<Note<'_>>>, Vec<bool>) {
    let changes = &comparison.changes;
    let change_of = |ids_of: fn(&RedlineChange) -> &[ParagraphId]| {
        let mut map = BTreeMap::new();
        for (i, change) in changes.iter().enumerate() {
            for &id in ids_of(change) {
                map.entry(id).or_insert(i);
            }
        }
        map
    };
    let (old_change, new_change) = (change_of(|c| &c.change.old), change_of(|c| &c.change.new));
    let first_reference = |side: &crate::compare::Side| {
        let mut map = BTreeMap::new();
        for (paragraph, numbers) in &side.footnote_references {
            for &number in numbers {
                map.entry(number).or_insert(*paragraph);
            }
        }
        map
    };
    let (old_reference, new_reference) = (
        first_reference(&comparison.old),
        first_reference(&comparison.new),
    );
    let mut notes: BTreeMap<usize, Vec<Note<'_>>> = BTreeMap::new();
    let mut placed = vec![false; changes.len()];
    for (at, change) in changes.iter().enumerate() {
        let one_footnote =
            |ids: &[ParagraphId]| ids.len() <= 1 && ids.iter().all(|id| id.kind == Kind::Footnote);
        if !one_footnote(&change.change.old) || !one_footnote(&change.change.new) {
            continue;
        }
        // None: the side has no footnote; Some(None): it has one, referenced nowhere.
        let place = |ids: &[ParagraphId],
                     references: &BTreeMap<u32, ParagraphId>,
                     of: &BTreeMap<ParagraphId, usize>| {
            ids.first()
                .map(|id| references.get(&id.number).and_then(|p| of.get(p)).copied())
        };
        let old_at = place(&change.change.old, &old_reference, &old_change);
        let new_at = place(&change.change.new, &new_reference, &new_change);
        let footnote = at;
        let mut note = |at: usize, track| {
            notes.entry(at).or_default().push(Note {
                change,
                at: footnote,
                track,
            });
        };
        match (old_at, new_at) {
            (Some(None), _) | (_, Some(None)) | (None, None) => continue,
            (Some(Some(old)), Some(Some(new))) if old == new && !changes[old].change.moved => {
                note(old, Track::Both);
            }
            (old, new) => {
                if let Some(Some(old)) = old {
                    note(old, Track::Old);
                }
                if let Some(Some(new)) = new {
                    note(new, Track::New);
                }
            }
        }
        placed[at] = true;
    }
    (notes, placed)
}

/// Which side a piece of text (or a paragraph mark) belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Track {
    /// Both sides: untracked.
    Both,
    /// The old side only: deleted.
    Old,
    /// The new side only: inserted.
    New,
    /// A moved paragraph's text at its old place: gone when accepted, like a deletion, but
    /// paired with its [`Track::MovedTo`] by the move's name.
    MovedFrom,
    /// A moved paragraph's text at its new place.
    MovedTo,
}

impl Track {
    /// The element wrapping runs of this track, and marking a paragraph mark as of it.
    fn element(self) -> Option<&'static str> {
        match self {
            Track::Both => None,
            Track::Old => Some("w:del"),
            Track::New => Some("w:ins"),
            Track::MovedFrom => Some("w:moveFrom"),
            Track::MovedTo => Some("w:moveTo"),
        }
    }
}

/// The place of a moved paragraph being written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MoveEnd {
    /// Where it stood in the old text.
    From,
    /// Where it stands in the new text.
    To,
}

impl<'d> Body<'d> {
    fn new(date: &'d str) -> Body<'d> {
        Body {
            xml: String::new(),
            footnotes: String::new(),
            date,
            next_id: 1,
            next_move: 1,
            next_footnote: 1,
        }
    }

    fn comparison(&mut self, comparison: &Comparison) {
        let comparison = &exact(comparison);
        let title = comparison
            .new
            .title
            .as_deref()
            .or(comparison.old.title.as_deref());
        self.plain_paragraph(&{
            let (old, new) = plan::side_names(comparison);
            format!("{old} → {new}")
        });
        if let Some(note) = plan::unpaired_note(comparison) {
            self.plain_paragraph(&note);
        }
        if let Some(title) = title {
            self.plain_paragraph(&format!("title: {title}"));
        }
        let counts = plan::summary_counts(&comparison.summary)
            .iter()
            .map(|(name, count)| format!("{count} {name}"))
            .collect::<Vec<_>>()
            .join(", ");
        // Word gives a footnote one reference, at the first paragraph citing it: a
        // reference added to or dropped from a paragraph citing a footnote cited elsewhere
        // cannot be a tracked footnote reference, and a mark written into the text would
        // change what accepting or rejecting gives (a Word comment would say it at its
        // place, but LibreOffice 7.4 does not load such a document through its API). So
        // the header names every paragraph whose references changed, above the summary.
        for change in &comparison.changes {
            if let Some(references) = &change.change.references {
                let (label, text) = plan::references_text(references);
                let label = label.trim_end_matches(": ");
                let ids = join_ids(&change.change.new);
                self.plain_paragraph(&format!("{label} of {ids}: {text}"));
            }
        }
        self.plain_paragraph(&format!("summary: {counts}"));
        // Each moved paragraph by its first old and new ids (as its origin names it), with
        // its index and the name that pairs its two places.
        let mut moves = BTreeMap::new();
        for (at, change) in comparison.changes.iter().enumerate() {
            if !change.change.moved {
                continue;
            }
            if let (Some(&old), Some(&new)) = (change.change.old.first(), change.change.new.first())
            {
                moves.insert((old, new), (at, format!("move{}", self.next_move)));
                self.next_move += 1;
            }
        }
        // The entries hold every change once, in order: counting them gives each its index.
        let mut items = Vec::with_capacity(comparison.changes.len());
        let mut at = 0;
        for entry in plan::with_origins(&comparison.changes) {
            match entry {
                Entry::Origin { old, now, .. } => {
                    if let Some(&(moved, ref name)) = moves.get(&(old, now)) {
                        items.push((moved, Some((MoveEnd::From, name))));
                    }
                }
                Entry::Change(change) => {
                    let key = change.change.old.first().zip(change.change.new.first());
                    let name = key
                        .and_then(|(&old, &new)| moves.get(&(old, new)))
                        .map(|(_, name)| (MoveEnd::To, name));
                    items.push((at, name));
                    at += 1;
                }
                // The plan's origins come with every change, none hidden.
                Entry::Hidden(_) => {}
            }
        }
        let (notes, placed) = safe_notes(comparison, &items);
        for (at, place) in items {
            if placed[at] {
                continue;
            }
            let change = &comparison.changes[at];
            let notes = notes.get(&at).map_or(&[][..], Vec::as_slice);
            match place {
                Some((end, name)) => self.moved(change, end, name, notes),
                None => self.change(change, notes),
            }
        }
    }

    /// A change that stays in place (or has no place on one side: added, removed).
    fn change(&mut self, change: &RedlineChange, notes: &[Note<'_>]) {
        // A paragraph only one side has: its text is tracked, and so is the paragraph break
        // before it, the one that ends the paragraph above. Word gets the same text from
        // tracking its own mark instead, but LibreOffice, joining adjacent changes, then
        // runs the paragraph above into the one below on reject.
        match (change.change.old.is_empty(), change.change.new.is_empty()) {
            (true, false) => self.track_last_mark(Track::New),
            (false, true) => self.track_last_mark(Track::Old),
            _ => {}
        }
        self.xml.push_str("<w:p>");
        self.ids(&change.change.old, &change.change.new);
        for segment in &change.segments {
            let track = match segment.op {
                SegmentOp::Equal => Track::Both,
                SegmentOp::Delete => Track::Old,
                SegmentOp::Insert => Track::New,
            };
            self.segment(track, track, &segment.text);
        }
        self.note_references(notes, None);
        self.end_paragraph(Track::Both);
    }

    /// One place of a moved paragraph, as a tracked move: at its old place its old text,
    /// the words both sides share moved from there (`w:moveFrom`) and the words the new
    /// side dropped deleted; at its new place its new text, the shared words moved there
    /// (`w:moveTo`) and the new words inserted. So accepting leaves the new text at the new
    /// place and rejecting the old text at the old place, word for word, as for a
    /// paragraph that stays. The paragraphs stand in a move range (`w:moveFromRangeStart`
    /// ... `w:moveFromRangeEnd`) whose `w:name` pairs the two places.
    ///
    /// The paragraph break that comes and goes with the paragraph is, as for an added or
    /// removed one (see [`Body::change`]), the one before it, and it is tracked as deleted
    /// (old place) or inserted (new place), not as moved: LibreOffice 7.4 accepts or
    /// rejects a moved paragraph mark wrongly (an empty paragraph is left, or the next
    /// paragraph is lost) wherever deleted or inserted text is next to it, and with a
    /// deleted or inserted mark it still reads the text as a move.
    fn moved(&mut self, change: &RedlineChange, end: MoveEnd, name: &str, notes: &[Note<'_>]) {
        let (moved, edit, range) = match end {
            MoveEnd::From => (Track::MovedFrom, Track::Old, "w:moveFromRange"),
            MoveEnd::To => (Track::MovedTo, Track::New, "w:moveToRange"),
        };
        self.track_last_mark(edit);
        let range_id = self.fresh_id();
        self.xml.push_str(&format!(
            "<{range}Start w:id=\"{range_id}\" w:name=\"{name}\" w:author=\"{AUTHOR}\" w:date=\"{}\"/>",
            self.date
        ));
        self.xml.push_str("<w:p>");
        let (old_ids, new_ids) = (join_ids(&change.change.old), join_ids(&change.change.new));
        if old_ids == new_ids {
            self.run(moved, &format!("{old_ids}\t"));
        } else {
            let ids = if end == MoveEnd::From {
                old_ids
            } else {
                new_ids
            };
            self.run(edit, &format!("{ids}\t"));
        }
        for segment in &change.segments {
            let track = match (segment.op, end) {
                (SegmentOp::Equal, _) => moved,
                (SegmentOp::Delete, MoveEnd::From) | (SegmentOp::Insert, MoveEnd::To) => edit,
                // The other side's words are written at the other place.
                (SegmentOp::Delete, MoveEnd::To) | (SegmentOp::Insert, MoveEnd::From) => continue,
            };
            self.segment(track, edit, &segment.text);
        }
        self.note_references(notes, Some(edit));
        self.end_paragraph(Track::Both);
        self.xml
            .push_str(&format!("<{range}End w:id=\"{range_id}\"/>"));
    }

    /// The references to `notes` ending the open paragraph, each footnote written; only
    /// the notes tracked as `only` when given (a moved paragraph's old place takes the old
    /// footnotes, its new place the new ones).
    fn note_references(&mut self, notes: &[Note<'_>], only: Option<Track>) {
        for note in notes
            .iter()
            .filter(|note| only.is_none_or(|t| t == note.track))
        {
            let id = self.next_footnote;
            self.next_footnote += 1;
            self.footnote(id, note);
            let wrapper = note.track.element();
            if let Some(wrapper) = wrapper {
                let attributes = self.attributes();
                self.xml.push_str(&format!("<{wrapper}{attributes}>"));
            }
            // No direct superscript on the reference: LibreOffice 7.4 failed to open the
            // 2018 -> 2023 redline with it (and opened it without), and formats footnote
            // anchors itself.
            self.xml
                .push_str(&format!("<w:r><w:footnoteReference w:id=\"{id}\"/></w:r>"));
            if let Some(wrapper) = wrapper {
                self.xml.push_str(&format!("</{wrapper}>"));
            }
        }
    }

    /// Footnote `id` of `note`: its number (`w:footnoteRef`), a space, and its text: the
    /// redline for a footnote of both sides, else the one side's text, untracked, since
    /// it comes and goes with its tracked reference.
    fn footnote(&mut self, id: usize, note: &Note<'_>) {
        let body = std::mem::take(&mut self.xml);
        self.xml.push_str(&format!(
            "<w:footnote w:id=\"{id}\"><w:p>\
             <w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r>"
        ));
        self.run(Track::Both, " ");
        for segment in &note.change.segments {
            let track = match (segment.op, note.track) {
                (SegmentOp::Equal, _)
                | (SegmentOp::Delete, Track::Old)
                | (SegmentOp::Insert, Track::New) => Track::Both,
                (SegmentOp::Delete, Track::Both) => Track::Old,
                (SegmentOp::Insert, Track::Both) => Track::New,
                // The other side's words are in the other side's footnote.
                _ => continue,
            };
            self.segment(track, track, &segment.text);
        }
        self.xml.push_str("</w:p></w:footnote>");
        let footnote = std::mem::replace(&mut self.xml, body);
        self.footnotes.push_str(&footnote);
    }

    /// The text of a segment in the open paragraph, tracked as `track`; a paragraph break
    /// inside it closes the paragraph with its mark tracked as `mark`.
    fn segment(&mut self, track: Track, mark: Track, text: &str) {
        let mut pieces = text.split(PARAGRAPH_SEPARATOR);
        if let Some(first) = pieces.next() {
            self.run(track, first);
        }
        for piece in pieces {
            self.end_paragraph(mark);
            self.xml.push_str("<w:p>");
            self.run(track, piece);
        }
    }

    /// Tracks the mark of the last paragraph written, untracked until then: every change
    /// ends with an untracked mark. The end of a move range after it stays after it.
    fn track_last_mark(&mut self, track: Track) {
        let close = self
            .xml
            .rfind("</w:p>")
            .expect("the header paragraphs come first");
        let after = self.xml.split_off(close + "</w:p>".len());
        self.xml.truncate(close);
        self.end_paragraph(track);
        self.xml.push_str(&after);
    }

    /// "PP3" and a tab when both sides have the same ids, else the old ids deleted and
    /// the new ones inserted.
    fn ids(&mut self, old: &[ParagraphId], new: &[ParagraphId]) {
        let (old, new) = (join_ids(old), join_ids(new));
        if old == new {
            self.run(Track::Both, &format!("{old}\t"));
            return;
        }
        let one_side = old.is_empty() || new.is_empty();
        if !old.is_empty() {
            self.run(Track::Old, &if one_side { format!("{old}\t") } else { old });
        }
        if !new.is_empty() {
            self.run(Track::New, &if one_side { format!("{new}\t") } else { new });
        }
        if !one_side {
            self.run(Track::Both, "\t");
        }
    }

    fn plain_paragraph(&mut self, text: &str) {
        self.xml.push_str("<w:p>");
        self.run(Track::Both, text);
        self.end_paragraph(Track::Both);
    }

    /// Closes the open paragraph, its mark tracked as `track` says.
    fn end_paragraph(&mut self, track: Track) {
        if let Some(element) = track.element() {
            self.xml.push_str("<w:pPr><w:rPr>");
            let attributes = self.attributes();
            self.xml.push_str(&format!("<{element}{attributes}/>"));
            self.xml.push_str("</w:rPr></w:pPr>");
            // Word wants the paragraph properties first: move them before the runs.
            let open = self.xml.rfind("<w:p>").expect("an open paragraph") + "<w:p>".len();
            let properties_at = self.xml.rfind("<w:pPr>").expect("just written");
            let properties = self.xml.split_off(properties_at);
            self.xml.insert_str(open, &properties);
        }
        self.xml.push_str("</w:p>");
    }

    /// ` w:id="7" w:author="resdiff" w:date="..."`, with a fresh id.
    fn attributes(&mut self) -> String {
        let id = self.fresh_id();
        format!(
            " w:id=\"{id}\" w:author=\"{AUTHOR}\" w:date=\"{}\"",
            self.date
        )
    }

    /// A tracked change id not used yet.
    fn fresh_id(&mut self) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// One run of `text`, tracked as `track` says; tabs become Word tabs.
    fn run(&mut self, track: Track, text: &str) {
        if text.is_empty() {
            return;
        }
        let text_element = if track == Track::Old {
            "w:delText"
        } else {
            "w:t"
        };
        let wrapper = track.element();
        if let Some(wrapper) = wrapper {
            let attributes = self.attributes();
            self.xml.push_str(&format!("<{wrapper}{attributes}>"));
        }
        self.xml.push_str("<w:r>");
        for (i, piece) in text.split('\t').enumerate() {
            if i > 0 {
                self.xml.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                self.xml
                    .push_str(&format!("<{text_element} xml:space=\"preserve\">"));
                escape_xml(&mut self.xml, piece);
                self.xml.push_str(&format!("</{text_element}>"));
            }
        }
        self.xml.push_str("</w:r>");
        if let Some(wrapper) = wrapper {
            self.xml.push_str(&format!("</{wrapper}>"));
        }
    }
}

/// `comparison` with every equal segment that prints a stretch of the old text in another
/// typographic form ([`Comparison::old_texts`]) cut into what both forms share, left as
/// equal, and the rest of each form, deleted and inserted: see [`both_forms`]. So that
/// rejecting all changes gives the old text exactly, and accepting them the new one.
fn exact(comparison: &Comparison) -> Cow<'_, Comparison> {
    if comparison.old_texts.is_empty() {
        return Cow::Borrowed(comparison);
    }
    let mut exact = comparison.clone();
    for change in &mut exact.changes {
        let ids = &change.change.old;
        if ids.is_empty() || !ids.iter().all(|id| comparison.old_texts.contains_key(id)) {
            continue;
        }
        let old: Vec<&str> = ids
            .iter()
            .map(|id| comparison.old_texts[id].as_str())
            .collect();
        change.segments = exact_segments(&change.segments, &old.join(PARAGRAPH_SEPARATOR));
    }
    Cow::Owned(exact)
}

/// The stretch of `old` that each equal and delete segment of `segments` stands for, in
/// order: a delete segment's own text, and for an equal one the stretch of `old` that folds
/// as it does ([`fold::prefix_ends`]); none when the segments do not rebuild `old` up to
/// typographic variants. Where a stretch may end at several places (white space or a soft
/// hyphen that may go with the stretch or with the next), the places each next segment can
/// follow from are kept, and the first way to the end of `old` taken.
fn old_forms<'o>(segments: &[Segment], old: &'o str) -> Option<Vec<&'o str>> {
    // For each old-side segment, where it can end in `old`, each with where it then began.
    let mut ends: Vec<BTreeMap<usize, usize>> = Vec::new();
    let mut starts = BTreeMap::from([(0, 0)]);
    for segment in segments.iter().filter(|s| s.op != SegmentOp::Insert) {
        let mut reached = BTreeMap::new();
        for &start in starts.keys() {
            let rest = &old[start..];
            if segment.op == SegmentOp::Delete {
                if rest.starts_with(&segment.text) {
                    reached.insert(start + segment.text.len(), start);
                }
            } else {
                for end in fold::prefix_ends(rest, &segment.text) {
                    reached.entry(start + end).or_insert(start);
                }
            }
        }
        if reached.is_empty() {
            return None;
        }
        starts = reached.clone();
        ends.push(reached);
    }
    let mut end = old.len();
    if !starts.contains_key(&end) {
        return None;
    }
    let mut forms = Vec::with_capacity(ends.len());
    for reached in ends.iter().rev() {
        let start = reached[&end];
        forms.push(&old[start..end]);
        end = start;
    }
    forms.reverse();
    Some(forms)
}

/// `segments` (of a change whose old side's text is `old`) with each equal segment whose
/// stretch of `old` ([`old_forms`]) is printed otherwise cut by [`both_forms`]; neighbours
/// of the same op joined.
fn exact_segments(segments: &[Segment], old: &str) -> Vec<Segment> {
    let Some(forms) = old_forms(segments, old) else {
        // Never with the redline's faithful segments; if it were, the old text deleted
        // whole and the new one inserted whole still give each side exactly.
        let new: String = segments
            .iter()
            .filter(|segment| segment.op != SegmentOp::Delete)
            .map(|segment| segment.text.as_str())
            .collect();
        return [
            (SegmentOp::Delete, old.to_owned()),
            (SegmentOp::Insert, new),
        ]
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(op, text)| Segment { op, text })
        .collect();
    };
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut forms = forms.into_iter();
    for segment in segments {
        let pieces = match segment.op {
            SegmentOp::Insert => vec![segment.clone()],
            SegmentOp::Delete => {
                forms.next();
                vec![segment.clone()]
            }
            SegmentOp::Equal => {
                let old = forms.next().expect("a stretch for every old-side segment");
                both_forms(old, &segment.text)
            }
        };
        for piece in pieces {
            match out.last_mut() {
                Some(last) if last.op == piece.op => last.text.push_str(&piece.text),
                _ => out.push(piece),
            }
        }
    }
    out
}

/// Two forms of a text that fold alike, as equal segments where their tokens are the same
/// and, between them, the old form's tokens deleted and the new form's inserted: the
/// smallest stretches of tokens whose folds line up (a quote, a space, a word with a
/// ligature), neighbouring ones joined into one edit.
fn both_forms(old: &str, new: &str) -> Vec<Segment> {
    if old == new {
        return vec![Segment {
            op: SegmentOp::Equal,
            text: new.to_owned(),
        }];
    }
    let (old_tokens, new_tokens) = (tokens::tokens(old), tokens::tokens(new));
    let (mut old_fold, mut new_fold) = (FoldedLength::default(), FoldedLength::default());
    let (mut i, mut j) = (0, 0);
    // Each stretch: its old tokens, its new tokens.
    let mut stretches: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let adds_nothing = |reader: &FoldedLength, token: &str| {
        let mut probe = *reader;
        probe.add(token) == 0
    };
    while i < old_tokens.len() || j < new_tokens.len() {
        let (from_i, from_j) = (i, j);
        // Tokens that add nothing to the fold (a soft hyphen, white space after white
        // space) are a stretch of their own.
        while i < old_tokens.len() && adds_nothing(&old_fold, old_tokens[i]) {
            old_fold.add(old_tokens[i]);
            i += 1;
        }
        while j < new_tokens.len() && adds_nothing(&new_fold, new_tokens[j]) {
            new_fold.add(new_tokens[j]);
            j += 1;
        }
        if (i, j) == (from_i, from_j) {
            // One token of each, then tokens of the side behind until the folds line up.
            let (mut old_length, mut new_length) = (0, 0);
            loop {
                let old_behind = old_length <= new_length && i < old_tokens.len();
                let new_behind = new_length <= old_length && j < new_tokens.len();
                if old_behind {
                    old_length += old_fold.add(old_tokens[i]);
                    i += 1;
                }
                if new_behind {
                    new_length += new_fold.add(new_tokens[j]);
                    j += 1;
                }
                if old_length == new_length || !(old_behind || new_behind) {
                    break;
                }
            }
        }
        stretches.push((from_i..i, from_j..j));
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |op, text: String| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => out.push(Segment { op, text }),
        }
    };
    let mut edit: Option<(String, String)> = None;
    for (old_range, new_range) in stretches {
        let (old_text, new_text) = (
            old_tokens[old_range].concat(),
            new_tokens[new_range].concat(),
        );
        if old_text == new_text {
            if let Some((deleted, inserted)) = edit.take() {
                push(SegmentOp::Delete, deleted);
                push(SegmentOp::Insert, inserted);
            }
            push(SegmentOp::Equal, new_text);
        } else {
            let (deleted, inserted) = edit.get_or_insert_default();
            deleted.push_str(&old_text);
            inserted.push_str(&new_text);
        }
    }
    if let Some((deleted, inserted)) = edit {
        push(SegmentOp::Delete, deleted);
        push(SegmentOp::Insert, inserted);
    }
    out
}

/// "OP3" for one id, "OP3+OP4" for the sides of a split or merge.
fn join_ids(ids: &[ParagraphId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("+")
}

/// Appends `text` escaped for XML character data. Characters XML 1.0 cannot hold at all
/// (control characters other than tab, line feed and carriage return) become U+FFFD, so
/// that the file still opens and the loss shows where it happened.
fn escape_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A ZIP archive of `entries`, each deflated, with fixed timestamps (1980-01-01, the
/// format's first date) so that the bytes depend on the contents alone.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    const DOS_DATE_1980_01_01: u16 = (1 << 5) | 1;
    const VERSION: u16 = 20;
    const DEFLATE: u16 = 8;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data).expect("writing to memory");
        let compressed = encoder.finish().expect("writing to memory");
        let crc = crc32fast::hash(data);
        let offset = u32::try_from(out.len()).expect("a docx under 4 GiB");
        let sizes = [
            u32::try_from(compressed.len()).expect("a part under 4 GiB"),
            u32::try_from(data.len()).expect("a part under 4 GiB"),
        ];
        let name_len = u16::try_from(name.len()).expect("a short part name");
        let common = |buf: &mut Vec<u8>| {
            for value in [VERSION, 0, DEFLATE, 0, DOS_DATE_1980_01_01] {
                buf.extend_from_slice(&value.to_le_bytes());
            }
            buf.extend_from_slice(&crc.to_le_bytes());
            for size in sizes {
                buf.extend_from_slice(&size.to_le_bytes());
            }
            buf.extend_from_slice(&name_len.to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&compressed);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&VERSION.to_le_bytes());
        common(&mut central);
        // Comment length, disk number, internal and external attributes, then the offset.
        central.extend_from_slice(&[0; 2 + 2 + 2 + 4]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = u32::try_from(out.len()).expect("a docx under 4 GiB");
    let central_size = u32::try_from(central.len()).expect("a docx under 4 GiB");
    let count = u16::try_from(entries.len()).expect("a few parts");
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The ISO 8601 date of `seconds` since the Unix epoch (UTC), as `w:date` wants it: for
/// dating the changes from `SOURCE_DATE_EPOCH`.
pub fn iso_date(seconds: u64) -> String {
    let days = seconds / 86_400;
    let in_day = seconds % 86_400;
    // Howard Hinnant's days-to-civil algorithm, for days counted from 1970-01-01.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3_600,
        in_day % 3_600 / 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date(0), DEFAULT_DATE);
        assert_eq!(iso_date(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_date(1_764_547_199), "2025-11-30T23:59:59Z");
    }

    fn segments(ops: &[(SegmentOp, &str)]) -> Vec<Segment> {
        ops.iter()
            .map(|&(op, text)| Segment {
                op,
                text: text.to_owned(),
            })
            .collect()
    }

    use SegmentOp::{Delete, Equal, Insert};

    #[test]
    fn both_forms_keep_what_they_share_and_track_the_rest() {
        assert_eq!(
            both_forms("the “Agenda”, a\u{a0}b", "the \"Agenda\", a b"),
            segments(&[
                (Equal, "the "),
                (Delete, "“"),
                (Insert, "\""),
                (Equal, "Agenda"),
                (Delete, "”"),
                (Insert, "\""),
                (Equal, ", a"),
                (Delete, "\u{a0}"),
                (Insert, " "),
                (Equal, "b"),
            ])
        );
        // White space after white space, and a soft hyphen, add nothing to the fold: they
        // are deleted alone. A word with a ligature is replaced whole, neighbouring
        // variants in one edit.
        assert_eq!(
            both_forms("a \tb \u{ad}c the ﬁnal\u{a0}act", "a b c the final act"),
            segments(&[
                (Equal, "a "),
                (Delete, "\t"),
                (Equal, "b "),
                (Delete, "\u{ad}"),
                (Equal, "c the "),
                (Delete, "ﬁnal\u{a0}"),
                (Insert, "final "),
                (Equal, "act"),
            ])
        );
    }

    #[test]
    fn old_forms_find_each_segments_stretch_of_the_old_text() {
        let redline = segments(&[(Equal, "a b"), (Delete, "c"), (Insert, "d"), (Equal, " e")]);
        assert_eq!(
            old_forms(&redline, "a\u{a0}bc \te"),
            Some(vec!["a\u{a0}b", "c", " \te"])
        );
        // "a " may take the tab or leave it; only leaving it lets "\tb" follow.
        let redline = segments(&[(Equal, "a "), (Insert, "X"), (Equal, "\tb")]);
        assert_eq!(old_forms(&redline, "a \tb"), Some(vec!["a ", "\tb"]));
        assert_eq!(old_forms(&redline, "a \tc"), None);
    }

    #[test]
    fn exact_segments_rebuild_both_texts_exactly() {
        let redline = segments(&[
            (Equal, "the \"Agenda\" "),
            (Delete, "of"),
            (Insert, "for"),
            (Equal, " all"),
        ]);
        let side = |segments: &[Segment], dropped| {
            segments
                .iter()
                .filter(|s| s.op != dropped)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        let exact = exact_segments(&redline, "the “Agenda” of\u{a0}all");
        assert_eq!(side(&exact, Insert), "the “Agenda” of\u{a0}all");
        assert_eq!(side(&exact, Delete), "the \"Agenda\" for all");
        // Segments that do not rebuild the old text (which the redline never gives): the
        // old text deleted whole and the new one inserted whole.
        assert_eq!(
            exact_segments(&redline, "another text"),
            segments(&[(Delete, "another text"), (Insert, "the \"Agenda\" for all")])
        );
    }

    /// Each unit of text with the forms it may be printed in, all folding alike.
    const VARIANTS: [&[&str]; 8] = [
        &["'", "’"],
        &["\"", "“", "”"],
        &[" ", "\u{a0}", " \t", "  "],
        &["fi", "ﬁ"],
        &["-", "\u{2011}"],
        &["", "\u{ad}"],
        &["a"],
        &["b\nc"],
    ];

    proptest::proptest! {
        /// Two forms of a text that fold alike: what they share, with the old form's rest
        /// deleted and the new form's inserted, gives each form exactly.
        #[test]
        fn both_forms_rebuild_each_form(
            units in proptest::collection::vec((0..VARIANTS.len(), 0..4usize, 0..4usize), 0..16),
        ) {
            let form = |pick: fn(&(usize, usize, usize)) -> usize| -> String {
                units
                    .iter()
                    .map(|unit| VARIANTS[unit.0][pick(unit) % VARIANTS[unit.0].len()])
                    .collect()
            };
            let (old, new) = (form(|u| u.1), form(|u| u.2));
            let forms = both_forms(&old, &new);
            let side = |dropped| {
                forms
                    .iter()
                    .filter(|s| s.op != dropped)
                    .map(|s| s.text.as_str())
                    .collect::<String>()
            };
            proptest::prop_assert_eq!(side(Insert), old.clone());
            proptest::prop_assert_eq!(side(Delete), new.clone());
            if !new.is_empty() {
                let redline = segments(&[(Equal, &new)]);
                proptest::prop_assert_eq!(exact_segments(&redline, &old), forms);
            }
        }
    }

    #[test]
    fn xml_escapes_markup_and_replaces_what_xml_cannot_hold() {
        let mut out = String::new();
        escape_xml(&mut out, "a<b>&\"c\"\u{1}\td");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot;\u{FFFD}\td");
    }
}
