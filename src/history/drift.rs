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
//! Counting is linear: one hash map from trigram to the first and last version holding it.
//!
//! # Openers
//!
//! Along every lineage, each version where the lineage is a single operative paragraph
//! whose lead ([`Paragraph::lead`](crate::document::Paragraph::lead), as the parser found it)
//! opens with an opener of the opener lexicon (`history/lexicon.rs`) gives one
//! [`OpenerStep`]; consecutive
//! steps with the same printed opener are merged. A lineage is reported when two
//! consecutive steps have openers of the same scale and different ranks.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::lexicon;
pub use super::lexicon::Scale;
use super::{CellChange, Lineage, VersionInfo};
use crate::align::ChangeKind;
use crate::align::round_score;
use crate::document::{Kind, ParagraphId};
use crate::hash::{FastMap, FastSet};
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

type Trigram = [u32; 3];

/// The language drift of versions whose lineages are known.
pub(super) fn drift(versions: &[VersionInfo], lineages: &[Lineage]) -> Drift {
    let (phrases_entered, phrases_entered_total, phrases_left, phrases_left_total) =
        phrases(versions, lineages);
    Drift {
        phrases_entered,
        phrases_entered_total,
        phrases_left,
        phrases_left_total,
        openers: openers(versions, lineages),
    }
}

/// Where a paragraph sits: its lineage and whether it was born or removed at its step.
struct Where<'a> {
    lineage: &'a str,
    born: bool,
    removed_next: bool,
}

fn phrases(
    versions: &[VersionInfo],
    lineages: &[Lineage],
) -> (Vec<Phrase>, usize, Vec<Phrase>, usize) {
    let last_version = versions.len().saturating_sub(1);
    // Words of every paragraph: as written, and as ids of their keys.
    let mut keys = Keys::default();
    let words: Vec<Vec<(Vec<&str>, Vec<u32>)>> = versions
        .iter()
        .map(|v| {
            v.paragraphs
                .iter()
                .map(|p| {
                    let original = tokens::word_list(&p.text);
                    let ids = original.iter().map(|w| keys.id(w)).collect();
                    (original, ids)
                })
                .collect()
        })
        .collect();

    // First and last version of every trigram, the trigram set of every version, and the
    // document frequency of every word.
    let mut seen: FastMap<Trigram, (usize, usize)> = FastMap::default();
    let mut per_version: Vec<FastSet<Trigram>> = vec![FastSet::default(); versions.len()];
    let mut df = vec![0usize; keys.text.len()];
    let mut documents = 0usize;
    for (v, paragraphs) in words.iter().enumerate() {
        for (_, ids) in paragraphs {
            documents += 1;
            let mut distinct = ids.clone();
            distinct.sort_unstable();
            distinct.dedup();
            for w in distinct {
                df[w as usize] += 1;
            }
            for t in trigrams(ids) {
                seen.entry(t).and_modify(|e| e.1 = v).or_insert((v, v));
                per_version[v].insert(t);
            }
        }
    }
    let idf = |w: u32| ((documents as f64 + 1.0) / df[w as usize].max(1) as f64).ln();

    let places = place_index(lineages);
    let mut entered: BTreeMap<(usize, String), Phrase> = BTreeMap::new();
    let mut left: BTreeMap<(usize, String), Phrase> = BTreeMap::new();
    for (v, paragraphs) in words.iter().enumerate() {
        for (i, (original, ids)) in paragraphs.iter().enumerate() {
            let paragraph = &versions[v].paragraphs[i];
            let (id, text) = (paragraph.id, &paragraph.text);
            let Some(place) = places.get(&(v, id)) else {
                continue;
            };
            let trigrams: Vec<Trigram> = trigrams(ids).collect();
            if v > 0 && !place.born {
                let new: Vec<bool> = trigrams.iter().map(|t| seen[t].0 == v).collect();
                for (start, end) in runs(&new) {
                    let span = &trigrams[start..end];
                    let last = (v..=last_version)
                        .take_while(|&u| span.iter().all(|t| per_version[u].contains(t)))
                        .last()
                        .unwrap_or(v);
                    // Entering at the newest version proves no staying power.
                    let bonus = last == last_version && last > v;
                    add(
                        &mut entered,
                        (v, [v, last]),
                        as_written(text, &original[start..end + 2]),
                        (&ids[start..end + 2], &keys),
                        bonus,
                        &idf,
                        Place {
                            version: v,
                            paragraph: id,
                            lineage: place.lineage.to_owned(),
                        },
                    );
                }
            }
            if v < last_version && !place.removed_next {
                let gone: Vec<bool> = trigrams.iter().map(|t| seen[t].1 == v).collect();
                for (start, end) in runs(&gone) {
                    let span = &trigrams[start..end];
                    let first = (0..=v)
                        .rev()
                        .take_while(|&u| span.iter().all(|t| per_version[u].contains(t)))
                        .last()
                        .unwrap_or(v);
                    add(
                        &mut left,
                        (v + 1, [first, v]),
                        as_written(text, &original[start..end + 2]),
                        (&ids[start..end + 2], &keys),
                        first == 0 && v > 0,
                        &idf,
                        Place {
                            version: v,
                            paragraph: id,
                            lineage: place.lineage.to_owned(),
                        },
                    );
                }
            }
        }
    }
    let (entered, entered_total) = ranked(entered);
    let (left, left_total) = ranked(left);
    (entered, entered_total, left, left_total)
}

/// Word keys ([`tokens::word_key`]) as small integers, so that trigrams hash and compare as
/// three integers rather than three strings.
#[derive(Default)]
struct Keys<'t> {
    /// The id of every word as written (saves lower-casing a word seen before).
    of_word: FastMap<&'t str, u32>,
    /// The id of every key.
    of_key: FastMap<String, u32>,
    /// The key of every id.
    text: Vec<String>,
}

impl<'t> Keys<'t> {
    fn id(&mut self, word: &'t str) -> u32 {
        if let Some(&id) = self.of_word.get(word) {
            return id;
        }
        let key = tokens::word_key(word);
        let next = self.text.len() as u32;
        let id = *self.of_key.entry(key.clone()).or_insert(next);
        if id == next {
            self.text.push(key);
        }
        self.of_word.insert(word, id);
        id
    }
}

/// The word trigrams of a paragraph's key ids, in order.
fn trigrams(ids: &[u32]) -> impl Iterator<Item = Trigram> + '_ {
    ids.windows(MIN_PHRASE_WORDS).map(|t| [t[0], t[1], t[2]])
}

/// The paragraphs of every version with their lineage and whether they were born at their
/// step or are removed at the next.
fn place_index(lineages: &[Lineage]) -> HashMap<(usize, ParagraphId), Where<'_>> {
    let mut index = HashMap::new();
    for lineage in lineages {
        for cell in &lineage.cells {
            let added: HashSet<ParagraphId> = cell
                .changes
                .iter()
                .map(|rc| &rc.change)
                .filter(|c| c.kind == ChangeKind::Added)
                .flat_map(|c| c.new.iter().copied())
                .collect();
            for &id in &cell.paragraphs {
                let born =
                    (cell.change == CellChange::Born && cell.version > 0) || added.contains(&id);
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

/// Maximal runs of `true`, as half-open ranges of trigram indexes.
fn runs(flags: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &f) in flags.iter().chain([&false]).enumerate() {
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

/// The text of `paragraph` from the first of `words` to the last, white space collapsed.
/// `words` are slices of `paragraph` (as [`tokens::word_list`] gives them), so their
/// addresses give their places in it.
fn as_written(paragraph: &str, words: &[&str]) -> String {
    let offset = |word: &str| word.as_ptr() as usize - paragraph.as_ptr() as usize;
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return String::new();
    };
    let span = &paragraph[offset(first)..offset(last) + last.len()];
    span.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a word is a number ("2014", "70", "1st"): it holds a digit.
fn is_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

fn add(
    phrases: &mut BTreeMap<(usize, String), Phrase>,
    (version, present): (usize, [usize; 2]),
    text: String,
    (ids, keys): (&[u32], &Keys<'_>),
    bonus: bool,
    idf: &impl Fn(u32) -> f64,
    place: Place,
) {
    let key = ids
        .iter()
        .map(|&w| keys.text[w as usize].as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let phrase = phrases.entry((version, key)).or_insert_with(|| {
        let numbers = ids
            .iter()
            .filter(|&&w| is_number(&keys.text[w as usize]))
            .count();
        let mut distinct: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&w| !is_number(&keys.text[w as usize]))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        let mut weights: Vec<f64> = distinct.into_iter().map(idf).collect();
        weights.sort_by(|a, b| b.total_cmp(a));
        let score: f64 = weights.iter().take(SCORED_WORDS).sum();
        Phrase {
            text,
            words: ids.len(),
            citation: numbers as f64 >= CITATION_NUMBER_SHARE * ids.len() as f64,
            version,
            present,
            score: round_score(if bonus {
                score * PERSISTENCE_BONUS
            } else {
                score
            }),
            places: Vec::new(),
        }
    });
    phrase.places.push(place);
}

fn ranked(phrases: BTreeMap<(usize, String), Phrase>) -> (Vec<Phrase>, usize) {
    let total = phrases.len();
    let mut list: Vec<Phrase> = phrases.into_values().collect();
    for p in &mut list {
        p.places.sort();
        p.places.dedup();
    }
    // Language first, citation lists after; the BTreeMap gave (version, key) order, and a
    // stable sort keeps it for ties.
    list.sort_by(|a, b| {
        a.citation
            .cmp(&b.citation)
            .then(b.score.total_cmp(&a.score))
    });
    list.truncate(MAX_PHRASES);
    (list, total)
}

fn openers(versions: &[VersionInfo], lineages: &[Lineage]) -> Vec<OpenerDrift> {
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
            let Some((opener, printed)) = versions[cell.version]
                .paragraph(id)
                .and_then(|p| lexicon::opener(&p.lead))
            else {
                continue;
            };
            if steps
                .last()
                .is_some_and(|s| s.opener.to_lowercase() == printed.to_lowercase())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_maximal() {
        assert_eq!(runs(&[true, true, false, true]), [(0, 2), (3, 4)]);
        assert_eq!(runs(&[]), []);
        assert_eq!(runs(&[false]), []);
    }
}
