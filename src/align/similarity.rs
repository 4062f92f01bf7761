//! Weighted bags of words and the similarities the aligner computes from them.
//!
//! Every paragraph of both versions becomes a [`Bag`] of term ids with counts. A term weighs
//! `ln((N + 1) / df)`, N the number of paragraphs of both versions and df how many of them
//! hold the term: a word in every paragraph ("the") weighs almost nothing, the shared
//! boilerplate of a resolution little, a word of one paragraph (and its successor) a lot.

use crate::hash::FastMap;
use crate::tokens::{similarity_key, words};

/// The least weight a term gets, so that a paragraph made only of common words still has a
/// (small) size.
const MIN_WEIGHT: f64 = 0.01;

/// A paragraph as term ids (sorted, distinct) with their counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bag {
    /// `(term, count)`, sorted by term.
    pub terms: Vec<(u32, u32)>,
    /// Sum of weight × count: the paragraph's size in weighted words.
    pub mass: f64,
    /// Distinct word pairs (two consecutive terms), as ids: only for finding candidates.
    pub pairs: Vec<u32>,
    /// The first [`OPENING_WORDS`] terms in text order; empty for a shorter paragraph.
    pub opening: Vec<u32>,
}

/// How many words make a paragraph's opening, the part delegates know it by.
pub(crate) const OPENING_WORDS: usize = 12;

/// The terms of both versions with their weights.
#[derive(Debug)]
pub(crate) struct Vocabulary {
    /// Weight of each term id.
    pub weight: Vec<f64>,
    /// Number of paragraphs (of both versions) holding each term.
    pub df: Vec<u32>,
    /// Number of paragraphs (of both versions) holding each word pair.
    pub pair_df: Vec<u32>,
}

/// The words of one version's paragraphs as ids into that version's own distinct words.
///
/// Reading a version is the costly part of building bags (segmenting and hashing every
/// word), and it needs nothing from the other version, so both are read at once on a large
/// input. Local ids follow first appearance, so that mapping the distinct words of the old
/// version and then of the new one to terms numbers the terms in order of first appearance
/// across both, whatever thread read them.
struct SideWords<'a> {
    /// Distinct words as written, in order of first appearance.
    distinct: Vec<&'a str>,
    /// Every paragraph's words as local ids, paragraph after paragraph.
    ids: Vec<u32>,
    /// Where each paragraph's words end in `ids`.
    ends: Vec<usize>,
}

impl<'a> SideWords<'a> {
    fn read(texts: &[&'a str]) -> SideWords<'a> {
        // Nearly every word fits in an integer key, which hashes and compares in a few
        // instructions; the rare longer ones go by their text.
        let mut short: FastMap<u128, u32> = FastMap::default();
        let mut long: FastMap<&'a str, u32> = FastMap::default();
        let mut side = SideWords {
            distinct: Vec::new(),
            ids: Vec::with_capacity(texts.iter().map(|t| t.len() / 6).sum()),
            ends: Vec::with_capacity(texts.len()),
        };
        for text in texts {
            for word in words(text) {
                let first_seen = || {
                    side.distinct.push(word);
                    side.distinct.len() as u32 - 1
                };
                let id = match short_key(word) {
                    Some(key) => *short.entry(key).or_insert_with(first_seen),
                    None => *long.entry(word).or_insert_with(first_seen),
                };
                side.ids.push(id);
            }
            side.ends.push(side.ids.len());
        }
        side
    }

    /// Each paragraph's words, as term ids through `term_of` (local id → term id).
    fn paragraphs<'s>(&'s self, term_of: &'s [u32]) -> impl Iterator<Item = Vec<u32>> + 's {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(move |(start, &end)| {
            self.ids[start..end]
                .iter()
                .map(|&id| term_of[id as usize])
                .collect()
        })
    }
}

/// A word of at most 15 bytes as an integer: its bytes, zero-padded, and its length in the
/// last byte, so that two words have the same key exactly when they are the same.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

/// Builds the bags of both versions and the vocabulary weighting their terms.
pub(crate) fn bags(old: &[&str], new: &[&str]) -> (Vec<Bag>, Vec<Bag>, Vocabulary) {
    let (old_words, new_words) = super::both(
        old.len() + new.len(),
        || SideWords::read(old),
        || SideWords::read(new),
    );
    let mut ids: FastMap<String, u32> = FastMap::default();
    let mut term_of = |side: &SideWords<'_>| -> Vec<u32> {
        side.distinct
            .iter()
            .map(|&w| {
                let next = ids.len() as u32;
                *ids.entry(similarity_key(w)).or_insert(next)
            })
            .collect()
    };
    let (old_terms, new_terms) = (term_of(&old_words), term_of(&new_words));
    let mut df: Vec<u32> = vec![0; ids.len()];
    let mut pair_ids: FastMap<u64, u32> = FastMap::default();
    let mut pair_df: Vec<u32> = Vec::new();
    let mut make = |mut terms: Vec<u32>| -> Bag {
        let mut pairs: Vec<u32> = terms
            .windows(2)
            .map(|w| {
                let next = pair_ids.len() as u32;
                *pair_ids
                    .entry(u64::from(w[0]) << 32 | u64::from(w[1]))
                    .or_insert(next)
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let opening = if terms.len() >= OPENING_WORDS {
            terms[..OPENING_WORDS].to_vec()
        } else {
            Vec::new()
        };
        for &p in &pairs {
            if p as usize >= pair_df.len() {
                pair_df.resize(p as usize + 1, 0);
            }
            pair_df[p as usize] += 1;
        }
        terms.sort_unstable();
        let mut bag = Vec::<(u32, u32)>::new();
        for t in terms {
            match bag.last_mut() {
                Some((last, count)) if *last == t => *count += 1,
                _ => bag.push((t, 1)),
            }
        }
        for &(t, _) in &bag {
            df[t as usize] += 1;
        }
        Bag {
            terms: bag,
            mass: 0.0,
            pairs,
            opening,
        }
    };
    let mut old_bags: Vec<Bag> = old_words.paragraphs(&old_terms).map(&mut make).collect();
    let mut new_bags: Vec<Bag> = new_words.paragraphs(&new_terms).map(&mut make).collect();
    let n = (old.len() + new.len()) as f64;
    let weight: Vec<f64> = df
        .iter()
        .map(|&d| ((n + 1.0) / f64::from(d)).ln().max(MIN_WEIGHT))
        .collect();
    for bag in old_bags.iter_mut().chain(new_bags.iter_mut()) {
        bag.mass = weighted_mass(&weight, &bag.terms);
    }
    (
        old_bags,
        new_bags,
        Vocabulary {
            weight,
            df,
            pair_df,
        },
    )
}

impl Vocabulary {
    /// Weighted size of the words two bags have in common (counts matched as a multiset).
    pub fn common(&self, a: &Bag, b: &Bag) -> f64 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.terms.len() && j < b.terms.len() {
            let (ta, ca) = a.terms[i];
            let (tb, cb) = b.terms[j];
            match ta.cmp(&tb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += self.weight[ta as usize] * f64::from(ca.min(cb));
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// Weighted Dice similarity: twice the common weight over the two sizes, 0.0 to 1.0.
    pub fn similarity(&self, a: &Bag, b: &Bag) -> f64 {
        let total = a.mass + b.mass;
        if total <= 0.0 {
            return 0.0;
        }
        (2.0 * self.common(a, b) / total).min(1.0)
    }

    /// Weighted share of `part`'s words found in `whole`, 0.0 to 1.0.
    pub fn containment(&self, part: &Bag, whole: &Bag) -> f64 {
        if part.mass <= 0.0 {
            return 0.0;
        }
        (self.common(part, whole) / part.mass).min(1.0)
    }
}

/// The sum of several bags (the pieces of a split or merge taken together).
pub(crate) fn union<'a>(bags: impl IntoIterator<Item = &'a Bag>, vocabulary: &Vocabulary) -> Bag {
    let mut all: Vec<(u32, u32)> = bags
        .into_iter()
        .flat_map(|b| b.terms.iter().copied())
        .collect();
    all.sort_unstable();
    let mut terms = Vec::<(u32, u32)>::with_capacity(all.len());
    for (t, c) in all {
        match terms.last_mut() {
            Some((last, count)) if *last == t => *count += c,
            _ => terms.push((t, c)),
        }
    }
    Bag::from_terms(terms, vocabulary)
}

/// Sum of weight × count over `terms`: a bag's size in weighted words.
fn weighted_mass(weight: &[f64], terms: &[(u32, u32)]) -> f64 {
    terms
        .iter()
        .map(|&(t, c)| weight[t as usize] * f64::from(c))
        .sum()
}

impl Bag {
    /// A bag of `terms` (sorted, distinct, with counts) weighed by `vocabulary`, without the
    /// word pairs and opening that only candidate search reads.
    pub(crate) fn from_terms(terms: Vec<(u32, u32)>, vocabulary: &Vocabulary) -> Bag {
        Bag {
            mass: weighted_mass(&vocabulary.weight, &terms),
            terms,
            pairs: Vec::new(),
            opening: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_weighs_little_and_rare_words_a_lot() {
        let old = [
            "Requests the United Nations Office on Drugs and Crime to assist Member States upon request",
            "Invites the United Nations Office on Drugs and Crime to support Member States upon request",
            "Welcomes the work of the United Nations Office on Drugs and Crime on piracy",
        ];
        let new = [
            "Also requests the United Nations Office on Drugs and Crime to assist Member States upon request",
            "Urges the United Nations Office on Drugs and Crime to report on cybercrime and trafficking in wildlife",
        ];
        let (o, n, v) = bags(&old, &new);
        // A changed opening phrase barely moves the similarity.
        assert!(
            v.similarity(&o[0], &n[0]) > 0.85,
            "{}",
            v.similarity(&o[0], &n[0])
        );
        // Two paragraphs sharing only boilerplate stay far apart.
        assert!(
            v.similarity(&o[2], &n[1]) < 0.3,
            "{}",
            v.similarity(&o[2], &n[1])
        );
    }

    #[test]
    fn numbers_are_one_word_class() {
        let (o, n, v) = bags(
            &["Recalling its resolution 69/197 of 18 December 2014 on piracy"],
            &["Recalling its resolution 71/209 of 19 December 2016 on piracy"],
        );
        assert!((v.similarity(&o[0], &n[0]) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn containment_sees_a_piece_in_the_whole() {
        let (o, n, v) = bags(
            &[
                "Urges States to criminalize smuggling of migrants, and to protect the rights of victims of trafficking",
            ],
            &[
                "Urges States to criminalize smuggling of migrants",
                "Piracy at sea",
            ],
        );
        assert!(v.containment(&n[0], &o[0]) > 0.95);
        assert!(v.containment(&n[1], &o[0]) < 0.1);
    }
}
