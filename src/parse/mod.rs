//! Stage 1: from the text of a file to its instruments and their paragraphs.
//!
//! The text goes through four steps, each in its own module:
//! 1. `lines`: lines become blocks; page furniture is dropped and footnote blocks are set
//!    aside; lines of a paragraph are joined, hyphens across lines repaired.
//! 2. `clean`: each block loses its markup and footnote marks.
//! 3. `instruments`: labels, sections, titles and chapeaus cut the blocks into instruments.
//! 4. `paragraphs`: each body becomes PP/OP paragraphs, cut paragraphs joined again.
//!
//! Every step is one pass over its input, so parsing is linear in the size of the text.

mod clean;
mod instruments;
mod lexicon;
mod lines;
mod paragraphs;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::document::{Document, Footnote, Instrument, LineSpan};
use crate::error::{Error, Result};
use crate::source::Source;

pub use lexicon::lexicon_lead;

use clean::PlainRefs;
use paragraphs::Piece;

/// Finds every instrument of a source text.
pub fn parse(source: &Source) -> Result<Document> {
    let vocabulary = lines::Vocabulary::new(&source.text);
    let layout = lines::layout(&source.text, &vocabulary);
    let blocks: Vec<_> = layout
        .blocks
        .into_iter()
        .map(|block| {
            let cleaned = clean::clean(&block.text);
            (block, cleaned)
        })
        .collect();
    let found = instruments::find(&blocks);
    let starts: Vec<usize> = found
        .iter()
        .map(|f| blocks[f.first_block].0.lines.first)
        .collect();
    let mut instruments = Vec::with_capacity(found.len());
    for (index, head) in found.into_iter().enumerate() {
        let from = starts[index];
        let until = starts.get(index + 1).copied().unwrap_or(usize::MAX);
        let footnotes: Vec<&lines::RawFootnote> = layout
            .footnotes
            .iter()
            .filter(|f| (from..until).contains(&f.line))
            .collect();
        instruments.extend(build(
            head,
            &blocks,
            &footnotes,
            &layout.page_breaks,
            &vocabulary,
        ));
    }
    instruments.retain(|i| !i.paragraphs.is_empty());
    if instruments.is_empty() {
        return Err(Error::NoInstrument {
            path: source.name.clone(),
        });
    }
    Ok(Document {
        file: source.name.clone(),
        instruments,
    })
}

/// The instrument of a head, from its body blocks and the footnotes printed in its span; or
/// one instrument per section when its sections number their paragraphs anew (see
/// [`paragraphs::paragraphs`]), labelled "Section II" (or "Draft resolution IV, section II")
/// and holding the footnotes printed from its first line on.
fn build(
    head: instruments::Found,
    blocks: &[(lines::Block, clean::Cleaned)],
    footnotes: &[&lines::RawFootnote],
    page_breaks: &[usize],
    vocabulary: &lines::Vocabulary<'_>,
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
            let (block, cleaned) = &blocks[i];
            let mut piece = Piece::new(
                block,
                clean::Cleaned {
                    text: cleaned.text.clone(),
                    refs: cleaned.refs.clone(),
                    italic_lead: cleaned.italic_lead.clone(),
                },
            );
            let (text, found) = refs.strip(&piece.text, piece.lines.first);
            piece.text = text;
            piece.refs.extend(found);
            piece
        })
        .collect();
    let mut seen = HashSet::new();
    let mut footnotes: Vec<(usize, Footnote)> = footnotes
        .iter()
        .filter(|f| seen.insert(f.number))
        .map(|f| {
            let text = clean::clean(&f.text).text;
            (
                f.line,
                Footnote {
                    number: f.number,
                    text,
                },
            )
        })
        .collect();
    paragraphs::take_footnote_tails(&mut pieces, &mut footnotes, vocabulary);
    let parts = paragraphs::paragraphs(pieces, head.decision, vocabulary);
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
            Instrument {
                label,
                section: head.section.clone(),
                symbol: head.symbol.clone(),
                title: head.title.clone(),
                chapeau: head.chapeau.clone(),
                sponsors: None,
                paragraphs: part.paragraphs,
                footnotes,
                lines: LineSpan { first, last },
            }
        })
        .collect()
}
