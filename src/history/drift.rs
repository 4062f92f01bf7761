//! Language drift over the versions: phrases that entered or left the text, and operative
//! openers that changed strength along a lineage.
//!
//! # Phrases
//!
//! Words are compared lower-cased ([`tokens::word_key`]). A word trigram *enters* at
//! version k when it occurs in version k and in no earlier version; it *leaves* at version k
//! when it occurs in version k-1 and in no later version. Rather than reporting every
//! overlapping n-gram, each paragraph's run of consecutive entering (or leaving) trigrams
//! is reported once as its **maximal span**: a phrase of three words or more, such as
//! "within existing resources" or "upon member states to" (an inserted word comes with the
//! words around it that made the trigrams new). The same phrase in several paragraphs is
//! one entry listing every place. A phrase is shown as written where it was first found
//! (punctuation kept: "resolutions 70/299 and 72/305", "Secretary-General"), so that it can
//! be quoted and found in the text.
//!
//! Paragraphs that were born (or removed) at that step are left out: all their text is new
//! (or gone) and the lineage table already says so. Phrases are ranked by informativeness:
//! the summed inverse document frequency (over all paragraphs of all versions) of the span's
//! 5 (`SCORED_WORDS`) rarest distinct words that are not numbers, times 1.5
//! (`PERSISTENCE_BONUS`) when the phrase stayed to the newest version (entered) or had been
//! there since the oldest (left). Citation lists, phrases of which at least a third
//! (`CITATION_NUMBER_SHARE`) of the words are numbers (updated resolution numbers and
//! dates), rank after all the language. The lists are cut at 40 (`MAX_PHRASES`), with the
//! totals kept.
//!
//! Counting is linear: each distinct paragraph text is read into words and trigrams once
//! (versions repeat most of their paragraphs), and each trigram keeps the set of versions
//! holding it.
//!
//! # Openers
//!
//! Along every lineage, each version where the lineage is a single operative paragraph
//! whose lead ([`Paragraph::lead`](crate::document::Paragraph::lead), as the parser found it)
//! opens with an opener of the opener lexicon (`history/lexicon.rs`) gives one
//! [`OpenerStep`]; consecutive
//! steps with the same printed opener are merged. A lineage is reported when two
//! consecutive steps have openers of the same scale and different ranks.

use std::ops::Range;

use serde::Serialize;

use super::lexicon;
pub use super::lexicon::Scale;
use super::{CellChange, Lineage, VersionInfo};
use crate::align::ChangeKind;
use crate::align::round_score;
use crate::document::{Kind, Paragraph, ParagraphId};
use crate::hash::{FastMap, short_key_at};
use crate::tokens;

/// The most phrases kept in each of the entered and left lists.
pub(crate) const MAX_PHRASES: usize = 40;

/// How many of a phrase's rarest distinct words make its score: enough to tell a phrase of
/// substance from connective tissue, few enough that a long span does not win by length.
pub(crate) const SCORED_WORDS: usize = 5;

/// Score factor for a phrase that stayed (entered before the newest version and still there
/// in it) or that had long been there (left after being in the oldest version and at least
/// one more).
pub(crate) const PERSISTENCE_BONUS: f64 = 1.5;

/// The share of number words (holding a digit) from which a phrase counts as a citation
/// list ("64/293, 68/187 and 68/188", "of 18 December 2014"): one word in three. Number
/// words never count towards a phrase's score either: the rarity of a resolution number
/// says nothing about the language.
pub(crate) const CITATION_NUMBER_SHARE: f64 = 1.0 / 3.0;

/// The n of the word n-grams; the shortest phrase reported.
pub(crate) const MIN_PHRASE_WORDS: usize = 3;

/// Language drift over the versions.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Drift {
    /// Phrases that entered the text, most informative first.
    pub phrases_entered: Vec<Phrase>,
    /// How many phrases entered in all (the list keeps the first 40, `MAX_PHRASES`).
    pub phrases_entered_total: usize,
    /// Phrases that left the text for good, most informative first.
    pub phrases_left: Vec<Phrase>,
    /// How many phrases left in all.
    pub phrases_left_total: usize,
    /// Lineages whose operative opener changed strength, in lineage-id order.
    pub openers: Vec<OpenerDrift>,
}

/// A phrase that entered or left the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phrase {
    /// The phrase as written where it was first found, from its first word to its last,
    /// punctuation kept and runs of white space made one space, so that it can be quoted
    /// and searched for ("resolutions 70/299 and 72/305", "Secretary-General").
    pub text: String,
    /// Number of words.
    pub words: usize,
    /// Whether it is mostly numbers (at least a third of its words, `CITATION_NUMBER_SHARE`): a
    /// list of resolution numbers or dates rather than language. Such phrases rank after
    /// every other.
    pub citation: bool,
    /// Entered: the first version holding it. Left: the first version without it.
    pub version: usize,
    /// The contiguous run of versions that hold every trigram of the phrase around the
    /// event: `[version, last]` for an entered phrase, `[first, version - 1]` for a left one.
    pub present: [usize; 2],
    /// Informativeness, rounded to 3 decimals.
    pub score: f64,
    /// Where it happened: paragraphs of `version` (entered) or of `version - 1` (left).
    pub places: Vec<Place>,
}

/// A paragraph of a version, with its lineage.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// Index of the version.
    pub version: usize,
    /// The paragraph.
    pub paragraph: ParagraphId,
    /// Its lineage's id.
    pub lineage: String,
}

/// Whether a lineage's opener got stronger, weaker, or both over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Every strength change went up.
    Stronger,
    /// Every strength change went down.
    Weaker,
    /// Up and down.
    Mixed,
}

/// The openers of one lineage through the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenerDrift {
    /// The lineage's id.
    pub lineage: String,
    /// The overall direction of the strength changes.
    pub direction: Direction,
    /// The opener each time it changed (the first step is where it was first seen).
    pub steps: Vec<OpenerStep>,
}

/// An operative opener at one version of a lineage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenerStep {
    /// Index of the version.
    pub version: usize,
    /// The paragraph.
    pub paragraph: ParagraphId,
    /// The opener as printed: "Also strongly urges".
    pub opener: String,
    /// Its scale.
    pub scale: Scale,
    /// Its rank within the scale (1 is weakest).
    pub rank: u8,
}

type Trigram = [u32; MIN_PHRASE_WORDS];

/// The language drift of versions whose lineages are known.
pub(super) fn drift(versions: &[VersionInfo], lineages: &[Lineage]) -> Drift {
    let paragraphs: Vec<&[Paragraph]> = versions.iter().map(|v| v.paragraphs.as_slice()).collect();
    drift_with(&Tables::read(&paragraphs), versions, lineages)
}

/// [`drift`], the words of the versions already read into `tables` (which need no lineage,
/// so that they can be read while the versions are being aligned).
pub(super) fn drift_with(
    tables: &Tables<'_>,
    versions: &[VersionInfo],
    lineages: &[Lineage],
) -> Drift {
    let (phrases_entered, phrases_entered_total, phrases_left, phrases_left_total) =
        phrases(tables, versions, lineages);
    Drift {
        phrases_entered,
        phrases_entered_total,
        phrases_left,
        phrases_left_total,
        openers: openers(&tables.openers, lineages),
    }
}

/// Where a paragraph sits: its lineage and whether it was born or removed at its step.
struct Where<'a> {
    lineage: &'a str,
    born: bool,
    removed_next: bool,
}

fn phrases(
    tables: &Tables<'_>,
    versions: &[VersionInfo],
    lineages: &[Lineage],
) -> (Vec<Phrase>, usize, Vec<Phrase>, usize) {
    let places = place_index(lineages);
    let mut entered: Phrases<'_, '_> = FastMap::default();
    let mut left: Phrases<'_, '_> = FastMap::default();
    for (v, version) in versions.iter().enumerate() {
        for (i, paragraph) in version.paragraphs.iter().enumerate() {
            let id = paragraph.id;
            let Some(place) = places.get(&(v, id)) else {
                continue;
            };
            let spans = &tables.spans[v][i];
            let at_step = [
                (&spans.entered, place.born, &mut entered),
                (&spans.left, place.removed_next, &mut left),
            ];
            for (spans, left_out, phrases) in at_step {
                if left_out {
                    continue;
                }
                for span in spans {
                    phrases
                        .entry((span.version, tables.ids_of(span)))
                        .or_insert_with(|| (span, Vec::new()))
                        .1
                        .push((v, id, place.lineage));
                }
            }
        }
    }
    let (entered, entered_total) = ranked(entered, tables);
    let (left, left_total) = ranked(left, tables);
    (entered, entered_total, left, left_total)
}

/// One distinct paragraph text, read into words once however many versions repeat it.
struct ReadText<'t> {
    /// The text the words are slices of.
    text: &'t str,
    /// Its words as written, as byte ranges of `text` ([`tokens::for_each_word_at`]).
    words: Vec<Range<usize>>,
    /// Its words as key ids.
    ids: Vec<u32>,
    /// Its distinct key ids, for the document frequencies.
    distinct: Vec<u32>,
    /// Its word trigrams, as trigram numbers.
    trigrams: Vec<u32>,
}

/// What the drift reads of the words of every version without knowing the lineages: the
/// spans of each paragraph that enter or leave the text, and the openers.
pub(super) struct Tables<'t> {
    /// For each version, the spans of each paragraph that enter or leave the text there.
    spans: Vec<Vec<Spans<'t>>>,
    /// The words of every distinct paragraph text as key ids, what the spans' words are
    /// ranges of.
    ids: Vec<Vec<u32>>,
    /// The key of every id.
    keys: Vec<String>,
    /// The operative openers of each version.
    openers: Openers<'t>,
}

/// The words and trigrams of every version, and which versions hold each trigram: what the
/// spans are found in. Dropped once they are found (but for the key ids of the texts and
/// the keys, which the phrases kept are written from), by the thread that read them, so
/// that freeing them is not left to the history's serial end.
struct Words<'t> {
    keys: Keys<'t>,
    /// Every distinct paragraph text.
    texts: Vec<ReadText<'t>>,
    /// For each version, the index in `texts` of each paragraph's text.
    text_of: Vec<Vec<usize>>,
    /// Per trigram number, the versions holding it: `words_per_trigram` words of bits.
    held: Vec<u64>,
    words_per_trigram: usize,
    /// Per trigram number, the first and the last version holding it.
    first: Vec<usize>,
    last: Vec<usize>,
    /// Per key id, its inverse document frequency over the paragraphs of all versions, or
    /// none for a number (holding a digit), which never counts towards a score.
    idf: Vec<Option<f64>>,
}

/// The phrase of a maximal run of a paragraph's trigrams that enter (or leave) the text at
/// its version: what is reported, were the paragraph neither born nor removed at that step.
/// Only what ranks it is worked out here; its text is written out only if it is kept
/// ([`ranked`]), as most are not.
struct Span<'t> {
    /// Its words: a range of the key ids of distinct text `text` ([`Tables::ids`]). With its
    /// version, the ids make the same phrase of several paragraphs one.
    text: usize,
    words: Range<usize>,
    /// The paragraph's text from the phrase's first word to its last, as written.
    written: &'t str,
    /// As in [`Phrase`].
    citation: bool,
    version: usize,
    present: [usize; 2],
    score: f64,
}

/// The spans of one paragraph of one version.
#[derive(Default)]
struct Spans<'t> {
    /// Those entering at its version (none at the first).
    entered: Vec<Span<'t>>,
    /// Those leaving after it (none at the last version).
    left: Vec<Span<'t>>,
}

impl<'t> Tables<'t> {
    /// Reads the paragraphs of every version (each version's, in text order).
    pub(super) fn read(versions: &[&'t [Paragraph]]) -> Tables<'t> {
        // The distinct texts first, so that the tables are given their room at once.
        let mut distinct_texts: Vec<&'t str> = Vec::new();
        let mut index_of_text: FastMap<&'t str, usize> = FastMap::default();
        let text_of: Vec<Vec<usize>> = versions
            .iter()
            .map(|paragraphs| {
                paragraphs
                    .iter()
                    .map(|p| {
                        *index_of_text.entry(p.text.as_str()).or_insert_with(|| {
                            distinct_texts.push(&p.text);
                            distinct_texts.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        // About one word in six bytes of English, nearly every trigram of a text new to it;
        // a vocabulary growing about as the square root of the text (see `align::similarity`).
        let words = distinct_texts.iter().map(|t| t.len() / 6).sum::<usize>();
        let mut keys = Keys::with_capacity((words / 4).min(16 * words.isqrt()));
        let mut number_of_trigram: FastMap<Trigram, u32> =
            FastMap::with_capacity_and_hasher(words, Default::default());
        let texts: Vec<ReadText<'t>> = distinct_texts
            .iter()
            .map(|text| keys.read(text, &mut number_of_trigram))
            .collect();

        // Where each text is: in how many paragraphs, in which versions, the first and the
        // last of them.
        let words_per_trigram = versions.len().div_ceil(64).max(1);
        let mut paragraphs_with = vec![0usize; texts.len()];
        let mut versions_with = vec![0u64; texts.len() * words_per_trigram];
        let mut text_versions = vec![(usize::MAX, 0); texts.len()];
        for (v, paragraphs) in text_of.iter().enumerate() {
            let (word, bit) = (v / 64, 1u64 << (v % 64));
            for &r in paragraphs {
                paragraphs_with[r] += 1;
                versions_with[r * words_per_trigram + word] |= bit;
                let (first, last) = &mut text_versions[r];
                *first = (*first).min(v);
                *last = v;
            }
        }
        let document_count: usize = paragraphs_with.iter().sum();
        // Each text's words and trigrams are counted once for all the paragraphs holding it
        // (versions repeat most of their paragraphs).
        let trigram_count = number_of_trigram.len();
        let mut held = vec![0u64; trigram_count * words_per_trigram];
        let mut first = vec![usize::MAX; trigram_count];
        let mut last = vec![0; trigram_count];
        let mut df = vec![0usize; keys.text.len()];
        for (r, read) in texts.iter().enumerate() {
            for &w in &read.distinct {
                df[w as usize] += paragraphs_with[r];
            }
            let (text_first, text_last) = text_versions[r];
            let text_held = &versions_with[r * words_per_trigram..][..words_per_trigram];
            for &t in &read.trigrams {
                let t = t as usize;
                let trigram_held = &mut held[t * words_per_trigram..][..words_per_trigram];
                for (held, &bits) in trigram_held.iter_mut().zip(text_held) {
                    *held |= bits;
                }
                first[t] = first[t].min(text_first);
                last[t] = last[t].max(text_last);
            }
        }
        // Each key's weight once, rather than once for every span holding it.
        let idf = keys
            .text
            .iter()
            .zip(&df)
            .map(|(key, &df)| {
                let idf = ((document_count as f64 + 1.0) / df.max(1) as f64).ln();
                (!is_number(key)).then_some(idf)
            })
            .collect();
        let words = Words {
            keys,
            texts,
            text_of,
            held,
            words_per_trigram,
            first,
            last,
            idf,
        };
        // The spans need no lineage either: found here, they are found beside the alignment
        // of the steps rather than after it, when the history waits for them.
        // A text's trigrams are all in the first version holding the text, so none enters
        // the text later; nor does any leave it before the last version holding the text.
        // Most paragraphs are kept from version to version: only where a text is first or
        // last seen are its trigrams looked at.
        let spans = words
            .text_of
            .iter()
            .enumerate()
            .map(|(v, paragraphs)| {
                paragraphs
                    .iter()
                    .map(|&r| {
                        let (first, last) = text_versions[r];
                        let (entering, leaving) = (v == first, v == last);
                        words.spans_of(r, v, versions.len(), entering, leaving)
                    })
                    .collect()
            })
            .collect();
        let Words { keys, texts, .. } = words;
        Tables {
            spans,
            ids: texts.into_iter().map(|read| read.ids).collect(),
            keys: keys.text,
            openers: Openers::read(versions),
        }
    }

    /// The key ids of the words of `span`.
    fn ids_of(&self, span: &Span<'_>) -> &[u32] {
        &self.ids[span.text][span.words.clone()]
    }

    /// The key words of `ids` joined by spaces, as the bytes of a string: compared as
    /// such, they order phrases as their keys written out would.
    fn key_bytes<'s>(&'s self, ids: &'s [u32]) -> impl Iterator<Item = u8> + 's {
        ids.iter().enumerate().flat_map(|(i, &id)| {
            let space = (i > 0).then_some(b' ');
            space.into_iter().chain(self.keys[id as usize].bytes())
        })
    }
}

impl<'t> Words<'t> {
    /// The spans of a paragraph of version `v` (of `version_count`) whose text is distinct
    /// text `r`: those entering the text, when the text may have trigrams new in `v`
    /// (`entering`), and those leaving, when it may have trigrams last seen in `v`
    /// (`leaving`).
    fn spans_of(
        &self,
        r: usize,
        v: usize,
        version_count: usize,
        entering: bool,
        leaving: bool,
    ) -> Spans<'t> {
        let trigrams = &self.texts[r].trigrams;
        let last_version = version_count.saturating_sub(1);
        // The versions holding every trigram of a span, as `held` words: one pass over the
        // span, rather than one per version tried.
        let held_by_all = |span: &[u32]| {
            let mut all = vec![u64::MAX; self.words_per_trigram];
            for &t in span {
                let held = &self.held[t as usize * self.words_per_trigram..];
                for (word, &bits) in all.iter_mut().zip(held) {
                    *word &= bits;
                }
            }
            all
        };
        let holds = |versions: &[u64], u: usize| versions[u / 64] & (1u64 << (u % 64)) != 0;
        let mut spans = Spans::default();
        let mut scratch = (Vec::new(), Vec::new());
        if v > 0 && entering {
            for (start, end) in runs(trigrams, |t| self.first[t as usize] == v) {
                let versions = held_by_all(&trigrams[start..end]);
                let last = (v..=last_version)
                    .take_while(|&u| holds(&versions, u))
                    .last()
                    .unwrap_or(v);
                // Entering at the newest version proves no staying power.
                let bonus = last == last_version && last > v;
                let span = self.span(&mut scratch, r, start..end + 2, (v, [v, last]), bonus);
                spans.entered.push(span);
            }
        }
        if v < last_version && leaving {
            for (start, end) in runs(trigrams, |t| self.last[t as usize] == v) {
                let versions = held_by_all(&trigrams[start..end]);
                let first = (0..=v)
                    .rev()
                    .take_while(|&u| holds(&versions, u))
                    .last()
                    .unwrap_or(v);
                let bonus = first == 0 && v > 0;
                let span = self.span(&mut scratch, r, start..end + 2, (v + 1, [first, v]), bonus);
                spans.left.push(span);
            }
        }
        spans
    }

    /// The span of words `words` of distinct text `r`, a phrase at `version` present over
    /// `present`, its score raised by `bonus`. `scratch` is room for its distinct ids and
    /// their weights, kept from span to span.
    fn span(
        &self,
        scratch: &mut (Vec<u32>, Vec<f64>),
        r: usize,
        words: Range<usize>,
        (version, present): (usize, [usize; 2]),
        bonus: bool,
    ) -> Span<'t> {
        let read = &self.texts[r];
        let ids = &read.ids[words.clone()];
        let numbers = ids
            .iter()
            .filter(|&&w| self.idf[w as usize].is_none())
            .count();
        let (distinct, weights) = scratch;
        distinct.clear();
        distinct.extend_from_slice(ids);
        distinct.sort_unstable();
        distinct.dedup();
        // Numbers have no weight: left out here.
        weights.clear();
        weights.extend(distinct.iter().filter_map(|&w| self.idf[w as usize]));
        weights.sort_by(|a, b| b.total_cmp(a));
        let score: f64 = weights.iter().take(SCORED_WORDS).sum();
        let (first, last) = (&read.words[words.start], &read.words[words.end - 1]);
        Span {
            text: r,
            written: &read.text[first.start..last.end],
            citation: numbers as f64 >= CITATION_NUMBER_SHARE * ids.len() as f64,
            words,
            version,
            present,
            score: round_score(if bonus {
                score * PERSISTENCE_BONUS
            } else {
                score
            }),
        }
    }
}

/// Word keys ([`tokens::word_key`]) as small integers, so that trigrams hash and compare as
/// three integers rather than three strings.
#[derive(Default)]
struct Keys<'t> {
    /// The id of every word as written of at most 15 bytes, by [`short_key_at`] (saves
    /// lower-casing a word seen before, and hashing its text).
    of_short_word: FastMap<u128, u32>,
    /// The id of every longer word as written.
    of_word: FastMap<&'t str, u32>,
    /// The id of every key.
    of_key: FastMap<String, u32>,
    /// The key of every id.
    text: Vec<String>,
    /// Per id, the number (from 1) of the last text read that holds it: a text's distinct
    /// ids are gathered as its words are read, without sorting them.
    last_text: Vec<u32>,
    /// How many texts were read.
    texts_read: u32,
}

impl<'t> Keys<'t> {
    /// No keys, with room for about `keys`.
    fn with_capacity(keys: usize) -> Keys<'t> {
        Keys {
            of_short_word: FastMap::with_capacity_and_hasher(keys, Default::default()),
            of_key: FastMap::with_capacity_and_hasher(keys, Default::default()),
            text: Vec::with_capacity(keys),
            last_text: Vec::with_capacity(keys),
            ..Keys::default()
        }
    }

    /// Reads `text` into words, key ids and trigrams (numbered in `number_of_trigram`), in
    /// one pass over its words.
    fn read(
        &mut self,
        text: &'t str,
        number_of_trigram: &mut FastMap<Trigram, u32>,
    ) -> ReadText<'t> {
        self.texts_read += 1;
        let this_text = self.texts_read;
        // About one word in six bytes of English: room enough that the lists rarely grow.
        let expected = text.len() / 6 + 1;
        let mut read = ReadText {
            text,
            words: Vec::with_capacity(expected),
            ids: Vec::with_capacity(expected),
            distinct: Vec::with_capacity(expected),
            trigrams: Vec::with_capacity(expected),
        };
        tokens::for_each_word_at(text, |word| {
            let id = self.id(text, word.clone());
            if self.last_text[id as usize] != this_text {
                self.last_text[id as usize] = this_text;
                read.distinct.push(id);
            }
            if let [.., a, b] = read.ids[..] {
                let next = number_of_trigram.len() as u32;
                read.trigrams
                    .push(*number_of_trigram.entry([a, b, id]).or_insert(next));
            }
            read.words.push(word);
            read.ids.push(id);
        });
        read
    }

    /// The id of the key of the word at byte range `word` of `text`.
    fn id(&mut self, text: &'t str, word: Range<usize>) -> u32 {
        let short = short_key_at(text.as_bytes(), word.clone());
        let word = &text[word];
        let known = match short {
            Some(short) => self.of_short_word.get(&short),
            None => self.of_word.get(word),
        };
        if let Some(&id) = known {
            return id;
        }
        let key = tokens::word_key(word);
        let next = self.text.len() as u32;
        let id = *self.of_key.entry(key.clone()).or_insert(next);
        if id == next {
            self.text.push(key);
            self.last_text.push(0);
        }
        match short {
            Some(short) => self.of_short_word.insert(short, id),
            None => self.of_word.insert(word, id),
        };
        id
    }
}

/// The paragraphs of every version with their lineage and whether they were born at their
/// step or are removed at the next.
fn place_index(lineages: &[Lineage]) -> FastMap<(usize, ParagraphId), Where<'_>> {
    let places = lineages
        .iter()
        .flat_map(|lineage| &lineage.cells)
        .map(|cell| cell.paragraphs.len())
        .sum();
    let mut index = FastMap::with_capacity_and_hasher(places, Default::default());
    for lineage in lineages {
        for cell in &lineage.cells {
            let added = |id: &ParagraphId| {
                cell.changes
                    .iter()
                    .map(|rc| &rc.change)
                    .any(|c| c.kind == ChangeKind::Added && c.new.contains(id))
            };
            for &id in &cell.paragraphs {
                let born = (cell.change == CellChange::Born && cell.version > 0) || added(&id);
                index.insert(
                    (cell.version, id),
                    Where {
                        lineage: &lineage.id,
                        born,
                        removed_next: false,
                    },
                );
            }
        }
        for cell in &lineage.cells {
            for change in cell
                .changes
                .iter()
                .map(|rc| &rc.change)
                .filter(|c| c.kind == ChangeKind::Removed)
            {
                for id in &change.old {
                    if let Some(w) = index.get_mut(&(cell.version - 1, *id)) {
                        w.removed_next = true;
                    }
                }
            }
        }
    }
    index
}

/// Maximal runs of trigrams for which `flag` holds, as half-open ranges of indexes.
fn runs(trigrams: &[u32], flag: impl Fn(u32) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, f) in trigrams.iter().map(|&t| flag(t)).chain([false]).enumerate() {
        match (f, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `span`, a paragraph's text from a phrase's first word to its last, with its runs of white
/// space made one space.
fn as_written(span: &str) -> String {
    let mut text = String::with_capacity(span.len());
    for (i, piece) in span.split_whitespace().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(piece);
    }
    text
}

/// Whether a word is a number ("2014", "70", "1st"): it holds a digit.
fn is_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

/// The phrases found so far, each under its version and key ids (as [`Tables::ids_of`]):
/// the span where it was first found, and its places as (version, paragraph, lineage). Only
/// the phrases kept after ranking are made whole ([`ranked`]): most are not.
type Phrases<'s, 't> =
    FastMap<(usize, &'s [u32]), (&'s Span<'t>, Vec<(usize, ParagraphId, &'s str)>)>;

fn ranked(phrases: Phrases<'_, '_>, tables: &Tables<'_>) -> (Vec<Phrase>, usize) {
    let total = phrases.len();
    let mut keyed: Vec<_> = phrases.into_iter().collect();
    // Language first, citation lists after, then by score; ties in the order of the version
    // and the key words joined by spaces, which is unique: a total order, so the first
    // `MAX_PHRASES` are picked from the hundreds found before only they are sorted.
    let order = |((a_version, a_ids), (a, _)): &((usize, &[u32]), (&Span<'_>, _)),
                 ((b_version, b_ids), (b, _)): &((usize, &[u32]), (&Span<'_>, _))| {
        a.citation
            .cmp(&b.citation)
            .then(b.score.total_cmp(&a.score))
            .then(a_version.cmp(b_version))
            .then_with(|| tables.key_bytes(a_ids).cmp(tables.key_bytes(b_ids)))
    };
    if keyed.len() > MAX_PHRASES {
        keyed.select_nth_unstable_by(MAX_PHRASES, order);
        keyed.truncate(MAX_PHRASES);
    }
    keyed.sort_unstable_by(order);
    let list = keyed
        .into_iter()
        .map(|(_, (span, places))| {
            let mut places: Vec<Place> = places
                .into_iter()
                .map(|(version, paragraph, lineage)| Place {
                    version,
                    paragraph,
                    lineage: lineage.to_owned(),
                })
                .collect();
            places.sort();
            places.dedup();
            Phrase {
                text: as_written(span.written),
                words: span.words.len(),
                citation: span.citation,
                version: span.version,
                present: span.present,
                score: span.score,
                places,
            }
        })
        .collect();
    (list, total)
}

/// The operative openers of every version, read with the words, before the lineages are
/// known.
#[derive(Default)]
struct Openers<'t> {
    /// For each version, the lead of each operative paragraph by id, the first of a
    /// repeated id winning as with `VersionInfo::paragraph`, which scans.
    lead_of: Vec<FastMap<ParagraphId, &'t str>>,
    /// The opener of each distinct lead: a paragraph kept from version to version keeps its
    /// lead, which is read once.
    opener_of: FastMap<&'t str, Option<(lexicon::Opener, String)>>,
}

impl<'t> Openers<'t> {
    fn read(versions: &[&'t [Paragraph]]) -> Openers<'t> {
        let mut openers = Openers::default();
        for paragraphs in versions {
            let mut lead_of = FastMap::default();
            for p in paragraphs.iter().filter(|p| p.id.kind == Kind::Operative) {
                let lead = p.lead.as_str();
                lead_of.entry(p.id).or_insert(lead);
                openers
                    .opener_of
                    .entry(lead)
                    .or_insert_with(|| lexicon::opener(lead));
            }
            openers.lead_of.push(lead_of);
        }
        openers
    }
}

fn openers(read: &Openers<'_>, lineages: &[Lineage]) -> Vec<OpenerDrift> {
    let mut out = Vec::new();
    for lineage in lineages {
        let mut steps: Vec<OpenerStep> = Vec::new();
        for cell in &lineage.cells {
            let [id] = cell.paragraphs[..] else {
                continue;
            };
            if id.kind != Kind::Operative {
                continue;
            }
            // The parser's lead ("Also strongly urges") bounds the opener: the history does
            // not read the paragraph's opening again.
            let Some(lead) = read.lead_of[cell.version].get(&id) else {
                continue;
            };
            let Some(Some((opener, printed))) = read.opener_of.get(lead).cloned() else {
                continue;
            };
            if steps
                .last()
                .is_some_and(|s| same_ignoring_case(&s.opener, &printed))
            {
                continue;
            }
            steps.push(OpenerStep {
                version: cell.version,
                paragraph: id,
                opener: printed,
                scale: opener.scale,
                rank: opener.rank,
            });
        }
        let (mut up, mut down) = (false, false);
        for pair in steps.windows(2) {
            if pair[0].scale == pair[1].scale {
                up |= pair[1].rank > pair[0].rank;
                down |= pair[1].rank < pair[0].rank;
            }
        }
        let direction = match (up, down) {
            (false, false) => continue,
            (true, false) => Direction::Stronger,
            (false, true) => Direction::Weaker,
            (true, true) => Direction::Mixed,
        };
        out.push(OpenerDrift {
            lineage: lineage.id.clone(),
            direction,
            steps,
        });
    }
    out
}

/// Whether two texts are the same once lower-cased, without writing the lower-cased
/// copies for ASCII texts (every opener of the lexicon).
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Phrases tied on their score are ordered by their key words joined by spaces, which
    /// [`Tables::key_bytes`] gives without writing them out: a word that is a prefix of
    /// another and a space against a letter order alike.
    #[test]
    fn key_bytes_order_as_the_joined_keys() {
        let keys: Vec<String> = ["a", "ab", "bc", "c", "éa", "b"].map(String::from).into();
        let tables = Tables {
            spans: Vec::new(),
            ids: Vec::new(),
            keys: keys.clone(),
            openers: Openers::default(),
        };
        let phrases: [&[u32]; 7] = [&[0, 2], &[1, 3], &[0], &[1], &[0, 5, 3], &[4, 0], &[5]];
        for a in phrases {
            for b in phrases {
                let joined = |ids: &[u32]| {
                    let words: Vec<&str> =
                        ids.iter().map(|&id| keys[id as usize].as_str()).collect();
                    words.join(" ")
                };
                assert_eq!(
                    tables.key_bytes(a).cmp(tables.key_bytes(b)),
                    joined(a).cmp(&joined(b)),
                    "{a:?} against {b:?}"
                );
            }
        }
    }

    #[test]
    fn runs_are_maximal() {
        let odd = |t: u32| t % 2 == 1;
        assert_eq!(runs(&[1, 3, 2, 5], odd), [(0, 2), (3, 4)]);
        assert_eq!(runs(&[], odd), []);
        assert_eq!(runs(&[2], odd), []);
    }
}
