//! Stage 1: from the text of a file to its instruments and their paragraphs.
//!
//! The text goes through four steps, each in its own module:
//! 1. `lines`: lines become blocks; page furniture is dropped and footnote blocks are set
//!    aside; lines of a paragraph are joined, hyphens across lines repaired.
//! 2. `clean`: each block loses its markup and footnote marks.
//! 3. `instruments`: labels, sections, titles and chapeaus cut the blocks into instruments.
//! 4. `paragraphs`: each body becomes PP/OP paragraphs, cut paragraphs joined again.
//!
//! The steps share two vocabularies and depend on no later step: `lexicon` (the opening
//! phrases of paragraphs) and `recognise` (symbols, months, superscripts, chapeaus, the
//! lines that close a resolution).
//!
//! Every step is one pass over its input, so parsing is linear in the size of the text.

mod clean;
mod instruments;
mod lexicon;
mod lines;
mod paragraphs;
mod recognise;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::document::{Document, Dropped, DroppedKind, Footnote, Instrument, LineSpan, Passage};
use crate::error::{Error, Result};
use crate::source::Source;

pub use lexicon::lexicon_lead;

pub(crate) use recognise::MONTHS;

use clean::PlainRefs;
use paragraphs::Piece;

/// Finds every instrument of a source text.
pub fn parse(source: &Source) -> Result<Document> {
    let text = lines::unify_line_endings(&source.text);
    let vocabulary = lines::Vocabulary::new(&text);
    let layout = lines::layout(&text, &vocabulary);
    let mut blocks: Vec<_> = layout
        .blocks
        .into_iter()
        .map(|block| {
            let cleaned = clean::clean(&block.text);
            (block, cleaned)
        })
        .collect();
    let found = instruments::find(&blocks);
    // `build` takes the texts of an instrument's body blocks rather than copying them: a
    // block in two bodies would come out empty the second time.
    debug_assert!(
        {
            let mut in_a_body = vec![false; blocks.len()];
            found
                .iter()
                .flat_map(|f| &f.body)
                .all(|&i| !std::mem::replace(&mut in_a_body[i], true))
        },
        "a block is in two instruments' bodies"
    );
    let mut used = vec![false; blocks.len()];
    for f in &found {
        for &i in f.head.iter().chain(&f.body).chain(&f.adoption) {
            used[i] = true;
        }
    }
    let starts: Vec<usize> = found
        .iter()
        .map(|f| blocks[f.first_block].0.lines.first)
        .collect();
    let mut outside: Vec<Passage> = Vec::new();
    let mut dropped = layout.dropped;
    let mut notes_used = vec![false; layout.notes.len()];
    let mut footnotes_used = vec![false; layout.footnotes.len()];
    let mut instruments = Vec::with_capacity(found.len());
    for (index, head) in found.into_iter().enumerate() {
        let from = starts[index];
        let until = starts.get(index + 1).copied().unwrap_or(usize::MAX);
        let footnotes: Vec<&lines::RawFootnote> = layout
            .footnotes
            .iter()
            .enumerate()
            .filter(|(_, f)| (from..until).contains(&f.line))
            .map(|(k, f)| {
                footnotes_used[k] = true;
                f
            })
            .collect();
        // "* On behalf of the States Members ...": whose behalf the draft is submitted on.
        let behalf: Vec<String> = layout
            .notes
            .iter()
            .enumerate()
            .filter(|(k, n)| {
                let take = !notes_used[*k]
                    && (from..until).contains(&n.lines.first)
                    && clean::collapsed(&n.text).starts_with("On behalf of");
                if take {
                    notes_used[*k] = true;
                }
                take
            })
            .map(|(_, n)| format!("* {}", clean::clean_text(&n.text)))
            .collect();
        let sponsors = head
            .sponsors
            .iter()
            .cloned()
            .chain(behalf)
            .collect::<Vec<_>>();
        let sponsors = (!sponsors.is_empty()).then(|| sponsors.join(" "));
        let adoption = head.adoption.map(|i| blocks[i].1.text.clone());
        let built = build(
            head,
            &mut blocks,
            &footnotes,
            &layout.page_breaks,
            &vocabulary,
            &mut outside,
            &mut dropped,
        );
        let count = built.len();
        for (k, mut instrument) in built.into_iter().enumerate() {
            if k == 0 {
                instrument.sponsors = sponsors.clone();
            }
            if k + 1 == count {
                instrument.adoption = adoption.clone();
            }
            instruments.push(instrument);
        }
    }
    for (i, (block, cleaned)) in blocks.into_iter().enumerate() {
        if !used[i] {
            outside.push(Passage {
                text: cleaned.text,
                lines: block.lines,
            });
        }
    }
    for (k, note) in layout.notes.iter().enumerate() {
        if !notes_used[k] {
            outside.push(Passage {
                text: format!("* {}", clean::clean_text(&note.text)),
                lines: note.lines,
            });
        }
    }
    for (k, f) in layout.footnotes.iter().enumerate() {
        if !footnotes_used[k] {
            outside.push(Passage {
                text: format!("{} {}", f.number, clean::clean_text(&f.text)),
                lines: LineSpan {
                    first: f.line,
                    last: f.line,
                },
            });
        }
    }
    // An instrument whose body gave no paragraph is no instrument; what its head printed is
    // kept all the same.
    for empty in instruments.iter().filter(|i| i.paragraphs.is_empty()) {
        let texts = [
            &empty.label,
            &empty.number,
            &empty.title,
            &empty.chapeau,
            &empty.sponsors,
            &empty.adoption,
        ];
        outside.extend(texts.into_iter().flatten().map(|text| Passage {
            text: text.clone(),
            lines: empty.lines,
        }));
    }
    instruments.retain(|i| !i.paragraphs.is_empty());
    outside.retain(|p| !p.text.is_empty());
    outside.sort_by_key(|p| p.lines.first);
    dropped.sort_by_key(|d| d.lines.first);
    if instruments.is_empty() {
        return Err(Error::NoInstrument {
            path: source.name.clone(),
        });
    }
    Ok(Document {
        file: source.name.clone(),
        instruments,
        outside,
        dropped,
    })
}

/// The instrument of a head, from its body blocks and the footnotes printed in its span; or
/// one instrument per section when its sections number their paragraphs anew (see
/// [`paragraphs::paragraphs`]), labelled "Section II" (or "Draft resolution IV, section II")
/// and holding the footnotes printed from its first line on. The clean forms of its body
/// blocks are taken, not copied: no other instrument has them, and nothing reads them after.
fn build(
    head: instruments::Found,
    blocks: &mut [(lines::Block, clean::Cleaned)],
    footnotes: &[&lines::RawFootnote],
    page_breaks: &[usize],
    vocabulary: &lines::Vocabulary<'_>,
    outside: &mut Vec<Passage>,
    dropped: &mut Vec<Dropped>,
) -> Vec<Instrument> {
    // Plain-digit marks are looked for among the footnotes printed with plain numbers, and
    // among the marked ones that no superscript in the body points to: A/RES/69/197 marks
    // its footnotes with superscripts, except "reviews, 8" and "girls, 9 and".
    let marked: BTreeSet<u32> = head
        .body
        .iter()
        .flat_map(|&i| blocks[i].1.refs.iter().copied())
        .collect();
    let mut plain = BTreeMap::new();
    for f in footnotes {
        if f.plain || !marked.contains(&f.number) {
            plain.entry(f.number).or_insert(f.line);
        }
    }
    let mut refs = PlainRefs::new(plain).with_page_breaks(page_breaks.to_vec());
    let mut pieces: Vec<Piece> = head
        .body
        .iter()
        .map(|&i| {
            let (block, cleaned) = &mut blocks[i];
            let (text, found) = refs.strip(&cleaned.text, block.lines);
            // Most blocks lose no mark: their text, moved rather than copied, and what is
            // known of its spacing, stay.
            let whole = matches!(text, Cow::Borrowed(kept) if kept.len() == cleaned.text.len());
            let (text, single_spaced) = if whole {
                (std::mem::take(&mut cleaned.text), cleaned.single_spaced)
            } else {
                let text = text.into_owned();
                let single_spaced = clean::is_collapsed(&text);
                (text, single_spaced)
            };
            let mut piece = Piece::new(
                block,
                clean::Cleaned {
                    text,
                    refs: std::mem::take(&mut cleaned.refs),
                    italic_lead: cleaned.italic_lead.take(),
                    single_spaced,
                },
            );
            piece.refs.extend(found);
            // Every mark taken out, explicit or plain, is accounted for.
            dropped.extend(piece.refs.iter().map(|number| Dropped {
                kind: DroppedKind::FootnoteMark,
                lines: piece.lines,
                text: number.to_string(),
            }));
            piece
        })
        .collect();
    // A number printed twice (a footnote repeated on a later page) is kept under its
    // first definition; the second is text all the same, kept outside the instrument.
    let mut seen = HashSet::new();
    let (first, repeated): (Vec<&&lines::RawFootnote>, Vec<_>) =
        footnotes.iter().partition(|f| seen.insert(f.number));
    outside.extend(repeated.into_iter().map(|f| Passage {
        text: format!("{} {}", f.number, clean::clean_text(&f.text)),
        lines: LineSpan {
            first: f.line,
            last: f.line,
        },
    }));
    let mut footnotes: Vec<(usize, Footnote)> = first
        .into_iter()
        .map(|f| {
            let text = clean::clean_text(&f.text);
            (
                f.line,
                Footnote {
                    number: f.number,
                    text,
                },
            )
        })
        .collect();
    paragraphs::take_footnote_tails(&mut pieces, &mut footnotes, vocabulary, dropped);
    let body = if head.decision {
        paragraphs::Body::Decision
    } else if head.annex {
        paragraphs::Body::Annex
    } else {
        paragraphs::Body::Resolution
    };
    let (parts, leftover) = paragraphs::paragraphs(pieces, body, vocabulary, dropped);
    outside.extend(leftover);
    let first = blocks[head.first_block].0.lines.first;
    let starts: Vec<usize> = parts
        .iter()
        .enumerate()
        .map(|(i, part)| match part.paragraphs.first() {
            Some(p) if i > 0 => p.lines.first,
            _ => first,
        })
        .collect();
    let count = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let span = starts[i]..starts.get(i + 1).copied().unwrap_or(usize::MAX);
            let footnotes = footnotes
                .iter()
                .filter(|(line, _)| count == 1 || span.contains(line))
                .map(|(_, f)| f.clone())
                .collect();
            let label = match (&head.label, part.section) {
                (label, None) => label.clone(),
                (Some(label), Some(section)) => Some(format!("{label}, section {section}")),
                (None, Some(section)) => Some(format!("Section {section}")),
            };
            let first = starts[i];
            let last = part.paragraphs.last().map_or(first, |p| p.lines.last);
            let (number, title) = match head.title.as_deref().map(instruments::split_title) {
                Some((number, title)) => (number.map(str::to_owned), Some(title.to_owned())),
                None => (None, None),
            };
            Instrument {
                label,
                section: head.section.clone(),
                symbol: head.symbol.clone(),
                title,
                chapeau: head.chapeau.clone(),
                sponsors: None,
                number,
                paragraphs: part.paragraphs,
                adoption: None,
                footnotes,
                lines: LineSpan { first, last },
            }
        })
        .collect()
}
