//! Weighted bags of words and the similarities the aligner computes from them.
//!
//! Every paragraph of both versions becomes a [`Bag`] of term ids with counts. A term weighs
//! `ln((N + 1) / df)`, N the number of paragraphs of both versions and df how many of them
//! hold the term: a word in every paragraph ("the") weighs almost nothing, the shared
//! boilerplate of a resolution little, a word of one paragraph (and its successor) a lot.

use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::hash::{FastMap, short_key, short_key_at};
use crate::tokens::{for_each_word_at, similarity_key_into};

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
    /// Distinct word pairs (two consecutive terms), as ids, in order of first appearance:
    /// only for finding candidates, which need no order.
    pub pairs: Vec<u32>,
    /// The first [`OPENING_WORDS`] terms in text order; empty for a shorter paragraph.
    pub opening: Vec<u32>,
}

/// How many words make a paragraph's opening, the part delegates know it by.
pub(crate) const OPENING_WORDS: usize = 12;

/// The terms of both versions with their weights.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// Weight of each term id.
    pub weight: Vec<f64>,
    /// Number of paragraphs (of both versions) holding each term.
    pub df: Vec<u32>,
    /// Number of paragraphs (of both versions) holding each word pair.
    pub pair_df: Vec<u32>,
}

/// One version's paragraphs read into words once: everything about its words that needs
/// nothing from the other version. [`pair`] numbers the terms of two such sides as one
/// vocabulary, so a version read once is aligned with several others (the steps of a
/// history) without being read again.
///
/// Ids here are *local*: similarity keys numbered in order of first appearance in this
/// version, and consecutive key pairs the same way. Numbering the old side's keys first and
/// then the new side's keys unseen there numbers the terms in order of first appearance
/// across both, so the old side's local ids are already the pair's term ids.
#[derive(Debug)]
pub(crate) struct SideWords {
    /// What tells this side from every other read in the process: [`pair`] trusts
    /// `earlier` only for the very side it was copied from.
    id: u64,
    /// The side this one copied paragraphs from, if any (see [`SideWords::read_beside`]).
    earlier: Option<Earlier>,
    /// Distinct similarity keys, by local id.
    keys: Keys,
    /// Every paragraph's words as local ids, paragraph after paragraph.
    terms: Vec<u32>,
    /// Where each paragraph's words end in `terms`.
    term_ends: Vec<u32>,
    /// Every paragraph's distinct keys with their counts, in order of first appearance.
    counts: Vec<(u32, u32)>,
    /// Where each paragraph's distinct keys end in `counts`.
    count_ends: Vec<u32>,
    /// Distinct key pairs (two consecutive words), `first << 32 | second` in local ids, by
    /// local pair id.
    pairs: Vec<u64>,
    /// Local id of each key pair.
    pair_ids: PairIds,
    /// Every paragraph's distinct key pairs as local pair ids, in order of first appearance.
    paragraph_pairs: Vec<u32>,
    /// Where each paragraph's pairs end in `paragraph_pairs`.
    pair_ends: Vec<u32>,
    /// Number of paragraphs holding each key.
    key_df: Vec<u32>,
    /// Number of paragraphs holding each key pair.
    pair_df: Vec<u32>,
}

impl SideWords {
    /// Reads the words of `texts`, one paragraph each.
    pub(crate) fn read(texts: &[&str]) -> SideWords {
        SideWords::read_beside(texts, None)
    }

    /// Reads the words of `texts`, one paragraph each, as [`SideWords::read`] does; a
    /// paragraph that has the text of a paragraph of `earlier` (another version read before,
    /// and for each of `texts` the paragraph of it with the same text, if any) has its words
    /// copied from there, not read again. Most paragraphs of a draft are unchanged in the
    /// adopted text, and reading words (a hash look-up for the word and another for the pair
    /// it ends) cost more than the rest of aligning them.
    pub(crate) fn read_beside(
        texts: &[&str],
        earlier: Option<(&SideWords, &[Option<usize>])>,
    ) -> SideWords {
        let expected: usize = texts.iter().map(|t| t.len() / 6).sum();
        let mut reader = Reader::with_capacity(expected, texts.len());
        let mut copier = earlier.map(|(side, _)| Copier::new(side));
        let same_text = |p: usize| earlier.and_then(|(_, same)| same[p]);
        for ((p, paragraph), text) in (0..).zip(1u32..).zip(texts) {
            match (&mut copier, same_text(p)) {
                (Some(copier), Some(q)) => reader.copy(copier, q),
                _ => reader.read(paragraph, text),
            }
            reader.end_paragraph();
        }
        // Kept only when some paragraph was copied: for none, it would only cost.
        let earlier = copier
            .zip(earlier)
            .filter(|(_, (_, same))| same.iter().any(Option::is_some))
            .map(|(copier, (_, same))| copier.into_earlier(same, &reader.side));
        SideWords {
            id: NEXT_SIDE_ID.fetch_add(1, Ordering::Relaxed),
            earlier,
            ..reader.finish()
        }
    }

    /// Number of paragraphs read.
    pub(crate) fn len(&self) -> usize {
        self.term_ends.len()
    }

    /// The words of paragraph `p`, as local ids in text order.
    pub(crate) fn terms(&self, p: usize) -> &[u32] {
        span(&self.terms, &self.term_ends, p)
    }

    /// The similarity key of local id `key`.
    pub(crate) fn key(&self, key: u32) -> &str {
        self.keys.get(key)
    }
}

/// The side a side copied paragraphs from: its id, the paragraph there each paragraph here
/// was copied from, and the ids there of the keys and pairs met in the paragraphs copied (by
/// local id here, [`UNNUMBERED`] for the others). [`pair`] takes the ids as they are rather
/// than look each key and pair up in the earlier side again, and [`bags_of`] gives a copied
/// paragraph the bag of its original: most of a new version's paragraphs are copied.
#[derive(Debug)]
struct Earlier {
    id: u64,
    paragraphs: Vec<Option<usize>>,
    key_ids: Vec<u32>,
    pair_ids: Vec<u32>,
}

impl SideWords {
    /// The paragraphs of this side copied from `earlier` (read beside it), each with the
    /// paragraph of `earlier` it was copied from: none when this side was not read beside
    /// that very side.
    fn copied_from(&self, earlier: &SideWords) -> Option<&Earlier> {
        self.earlier.as_ref().filter(|e| e.id == earlier.id)
    }
}

/// The next [`SideWords::id`] to give.
static NEXT_SIDE_ID: AtomicU64 = AtomicU64::new(0);

/// Item `k` of lists stored one after another in `items`, each ending at its entry of `ends`.
fn span<'i, T>(items: &'i [T], ends: &[u32], k: usize) -> &'i [T] {
    let start = if k == 0 { 0 } else { ends[k - 1] as usize };
    &items[start..ends[k] as usize]
}

/// The state of [`SideWords::read_beside`] between paragraphs.
struct Reader<'t> {
    side: SideWords,
    // The key id of each word as written longer than 15 bytes (rare): the shorter ones are in
    // the side's table of keys (see `Keys::id_of_word`). Each word as written is keyed
    // once, its similarity key looked up only the first time it is met.
    long: FastMap<&'t str, u32>,
    // For each key and pair, the last paragraph (from 1) that held it, and (together, one
    // look-up for both) where the key's count stands in `counts`: a paragraph's distinct
    // keys and pairs are gathered in one pass, without sorting or a set per paragraph.
    //
    // Kept beside the number of paragraphs holding each (one bounds check and one base for
    // the three), split out into `key_df` and `pair_df` at the end.
    keys_met: Vec<KeyMet>,
    pairs_met: Vec<PairMet>,
    key_text: String,
}

impl<'t> Reader<'t> {
    /// A reader of about `words` words in `paragraphs` paragraphs.
    fn with_capacity(words: usize, paragraphs: usize) -> Reader<'t> {
        // A text's vocabulary grows far slower than the text (about as its square root:
        // 1,700 distinct words in a resolution of 16,000, 6,000 in 630,000 words of
        // resolutions): tables sized by the words alone were mostly empty at 10,000
        // paragraphs, 8 MB each, every look-up a cache miss and every insertion a fresh
        // page. Word pairs grow about as the text does: two in five of a resolution's words
        // end a pair new to it (a table sized for a quarter grew twice), a quarter or fewer
        // of a large text's.
        let distinct = (words / 4).min(16 * words.isqrt()).max(16);
        let pairs = words / 4 + (words / 4).min(1 << 14);
        Reader {
            side: SideWords {
                id: 0,
                earlier: None,
                keys: Keys::with_capacity(distinct),
                terms: Vec::with_capacity(words),
                term_ends: Vec::with_capacity(paragraphs),
                counts: Vec::with_capacity(words),
                count_ends: Vec::with_capacity(paragraphs),
                pairs: Vec::with_capacity(pairs),
                // Grown as they fill, the maps were rehashed over and over at 1,000 paragraphs.
                pair_ids: PairIds::with_capacity(pairs),
                paragraph_pairs: Vec::with_capacity(words),
                pair_ends: Vec::with_capacity(paragraphs),
                key_df: Vec::new(),
                pair_df: Vec::new(),
            },
            long: FastMap::default(),
            keys_met: Vec::with_capacity(distinct),
            pairs_met: Vec::with_capacity(pairs),
            key_text: String::new(),
        }
    }

    /// The local id of similarity key `key`, numbered now if it is new.
    fn key_id(side: &mut SideWords, keys_met: &mut Vec<KeyMet>, key: &str) -> u32 {
        let (id, new) = side.keys.id_or_insert(short_key(key), key);
        if new {
            keys_met.push(KeyMet::default());
        }
        id
    }

    /// The local id of key pair `pair`, numbered now if it is new.
    fn pair_id(side: &mut SideWords, pairs_met: &mut Vec<PairMet>, pair: u64) -> u32 {
        let (id, new) = side.pair_ids.id_or_insert(pair, &mut side.pairs);
        if new {
            pairs_met.push(PairMet::default());
        }
        id
    }

    /// Reads the words of `text`, paragraph number `paragraph` (from 1).
    fn read(&mut self, paragraph: u32, text: &'t str) {
        let Reader {
            side,
            long,
            keys_met,
            pairs_met,
            key_text,
        } = self;
        let mut previous: Option<u32> = None;
        for_each_word_at(text, |at| {
            let key = match short_key_at(text.as_bytes(), at.clone()) {
                Some(short_word) => {
                    let (key, new) = side.keys.id_of_word(short_word, text, at, key_text);
                    if new {
                        keys_met.push(KeyMet::default());
                    }
                    key
                }
                None => {
                    let word = &text[at];
                    *long.entry(word).or_insert_with(|| {
                        similarity_key_into(word, key_text);
                        Reader::key_id(side, keys_met, key_text)
                    })
                }
            };
            side.terms.push(key);
            let met = &mut keys_met[key as usize];
            if met.paragraph == paragraph {
                side.counts[met.slot as usize].1 += 1;
            } else {
                met.paragraph = paragraph;
                met.slot = side.counts.len() as u32;
                met.paragraphs += 1;
                side.counts.push((key, 1));
            }
            if let Some(first) = previous {
                let id = Reader::pair_id(side, pairs_met, u64::from(first) << 32 | u64::from(key));
                let met = &mut pairs_met[id as usize];
                if met.paragraph != paragraph {
                    met.paragraph = paragraph;
                    met.paragraphs += 1;
                    side.paragraph_pairs.push(id);
                }
            }
            previous = Some(key);
        });
    }

    /// Copies paragraph `q` of the copier's side as the next paragraph: what [`Reader::read`]
    /// makes of the same text. Its distinct keys and pairs come in order of
    /// first appearance, so those new here are numbered in the order reading would number
    /// them.
    fn copy(&mut self, copier: &mut Copier<'_>, q: usize) {
        let side = &mut self.side;
        let from = copier.side;
        for &(old_key, count) in span(&from.counts, &from.count_ends, q) {
            let key = match copier.key_ids[old_key as usize] {
                UNNUMBERED => {
                    let key = Reader::key_id(side, &mut self.keys_met, from.key(old_key));
                    copier.key_ids[old_key as usize] = key;
                    key
                }
                key => key,
            };
            side.counts.push((key, count));
            self.keys_met[key as usize].paragraphs += 1;
        }
        side.terms.extend(
            from.terms(q)
                .iter()
                .map(|&old_key| copier.key_ids[old_key as usize]),
        );
        for &old_pair in span(&from.paragraph_pairs, &from.pair_ends, q) {
            let id = match copier.pair_ids[old_pair as usize] {
                UNNUMBERED => {
                    let pair = from.pairs[old_pair as usize];
                    let (first, second) = (
                        copier.key_ids[(pair >> 32) as usize],
                        copier.key_ids[pair as u32 as usize],
                    );
                    let id = Reader::pair_id(
                        side,
                        &mut self.pairs_met,
                        u64::from(first) << 32 | u64::from(second),
                    );
                    copier.pair_ids[old_pair as usize] = id;
                    id
                }
                id => id,
            };
            self.pairs_met[id as usize].paragraphs += 1;
            side.paragraph_pairs.push(id);
        }
    }

    /// The side read.
    fn finish(self) -> SideWords {
        SideWords {
            key_df: self.keys_met.iter().map(|met| met.paragraphs).collect(),
            pair_df: self.pairs_met.iter().map(|met| met.paragraphs).collect(),
            ..self.side
        }
    }

    /// Closes the paragraph just read or copied.
    fn end_paragraph(&mut self) {
        let side = &mut self.side;
        side.term_ends.push(side.terms.len() as u32);
        side.count_ends.push(side.counts.len() as u32);
        side.pair_ends.push(side.paragraph_pairs.len() as u32);
    }
}

/// What [`Reader`] keeps of a key met.
#[derive(Default)]
struct KeyMet {
    /// The last paragraph (from 1) that held it.
    paragraph: u32,
    /// Where its count in that paragraph stands in `counts`.
    slot: u32,
    /// How many paragraphs held it.
    paragraphs: u32,
}

/// What [`Reader`] keeps of a key pair met.
#[derive(Default)]
struct PairMet {
    /// The last paragraph (from 1) that held it.
    paragraph: u32,
    /// How many paragraphs held it.
    paragraphs: u32,
}

/// An id of the copier's side not yet given one on the side being read.
const UNNUMBERED: u32 = u32::MAX;

/// What [`SideWords::read_beside`] copies from: a side already read, and the ids its keys
/// and pairs have taken so far on the side being read.
struct Copier<'e> {
    side: &'e SideWords,
    key_ids: Vec<u32>,
    pair_ids: Vec<u32>,
}

impl<'e> Copier<'e> {
    fn new(side: &'e SideWords) -> Copier<'e> {
        Copier {
            side,
            key_ids: vec![UNNUMBERED; side.keys.len()],
            pair_ids: vec![UNNUMBERED; side.pairs.len()],
        }
    }

    /// What `read`, the side read with this copier, keeps of it: the copier's ids turned
    /// round, from the ids of `read` to those of the side copied from.
    #[inline(never)]
    fn into_earlier(self, same_text: &[Option<usize>], read: &SideWords) -> Earlier {
        let turned = |ids: &[u32], len: usize| {
            let mut earlier = vec![UNNUMBERED; len];
            for (id, &here) in (0u32..).zip(ids) {
                if here != UNNUMBERED {
                    earlier[here as usize] = id;
                }
            }
            earlier
        };
        Earlier {
            id: self.side.id,
            paragraphs: same_text.to_vec(),
            key_ids: turned(&self.key_ids, read.keys.len()),
            pair_ids: turned(&self.pair_ids, read.pairs.len()),
        }
    }
}

/// Each paragraph's distinct terms with their counts, sorted by term (`term` of each local
/// id, below `terms`), one list a paragraph. A counting sort of all paragraphs at once: the
/// counts are bucketed by term, then dealt back to their paragraphs in term order, where
/// sorting each paragraph's terms cost most of building the bags. They are dealt straight
/// into the lists the bags keep: laying them out in one buffer first, to be copied out, cost
/// a fresh buffer the size of all the counts (at 10,000 paragraphs, megabytes of new pages).
///
/// The paragraphs `skipped` (when given, by paragraph) are left out, their lists empty.
fn sorted_counts(
    side: &SideWords,
    term: impl Fn(u32) -> u32,
    terms: usize,
    skipped: Option<&[bool]>,
) -> Vec<Vec<(u32, u32)>> {
    let read = |p: usize| skipped.is_none_or(|skipped| !skipped[p]);
    let mut start = vec![0u32; terms + 1];
    match skipped {
        // A paragraph holds a key at most once: each key has as many counts as paragraphs.
        None => {
            for (key, &df) in (0u32..).zip(&side.key_df) {
                start[term(key) as usize + 1] += df;
            }
        }
        Some(_) => {
            for p in (0..side.len()).filter(|&p| read(p)) {
                for &(key, _) in span(&side.counts, &side.count_ends, p) {
                    start[term(key) as usize + 1] += 1;
                }
            }
        }
    }
    for t in 0..terms {
        start[t + 1] += start[t];
    }
    let mut fill = start.clone();
    let mut by_term = vec![(0u32, 0u32); start[terms] as usize];
    for p in (0..side.len()).filter(|&p| read(p)) {
        for &(key, count) in span(&side.counts, &side.count_ends, p) {
            let t = term(key) as usize;
            by_term[fill[t] as usize] = (p as u32, count);
            fill[t] += 1;
        }
    }
    let mut sorted: Vec<Vec<(u32, u32)>> = (0..side.len())
        .map(|p| {
            if read(p) {
                Vec::with_capacity(span(&side.counts, &side.count_ends, p).len())
            } else {
                Vec::new()
            }
        })
        .collect();
    for (t, bucket) in start.windows(2).enumerate() {
        for &(p, count) in &by_term[bucket[0] as usize..bucket[1] as usize] {
            sorted[p as usize].push((t as u32, count));
        }
    }
    sorted
}

/// Distinct similarity keys numbered in order, in one buffer: a version's few thousand keys
/// cost two allocations, not two each.
#[derive(Debug, Default)]
struct Keys {
    /// The keys one after another.
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<u32>,
    /// The id of each key of at most 15 bytes, by [`short_key`]; and, in the same table, the
    /// id of the key of each word of at most 15 bytes read as written (see
    /// [`Keys::id_of_word`]).
    short: FastMap<u128, u32>,
    /// The id of each longer key.
    long: FastMap<String, u32>,
}

impl Keys {
    /// No keys, with room for `short` keys of at most 15 bytes before the table grows.
    fn with_capacity(short: usize) -> Keys {
        Keys {
            // Most keys are short words: about eight bytes each.
            text: String::with_capacity(short * 8),
            ends: Vec::with_capacity(short),
            // Besides the keys, the words as written that are not their own keys ("States").
            short: FastMap::with_capacity_and_hasher(short + short / 2, Default::default()),
            long: FastMap::default(),
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The key numbered `id`.
    #[inline]
    fn get(&self, id: u32) -> &str {
        let start = match id {
            0 => 0,
            _ => self.ends[id as usize - 1] as usize,
        };
        &self.text[start..self.ends[id as usize] as usize]
    }

    /// The id of `key`, if it has one.
    #[inline]
    fn id(&self, key: &str) -> Option<u32> {
        match short_key(key) {
            Some(short) => self.short.get(&short).copied(),
            None => self.long.get(key).copied(),
        }
    }

    /// The id of the similarity key of the word at `at` in `text`, of at most 15 bytes, whose
    /// [`short_key`] is `short_word`; the key numbered now if it has none (then also `true`).
    ///
    /// A word as written is held in the table of keys under its key's id, where a table of
    /// its own took a look-up in each table for every new word: a key is its own key
    /// (lower-casing a lower-cased word, or a stem already trimmed of its digits, changes
    /// nothing), so a word and a key with the same text have the same id.
    fn id_of_word(
        &mut self,
        short_word: u128,
        text: &str,
        at: Range<usize>,
        key_text: &mut String,
    ) -> (u32, bool) {
        let next = self.ends.len() as u32;
        match self.short.entry(short_word) {
            Entry::Occupied(known) => return (*known.get(), false),
            Entry::Vacant(new) => {
                let word = &text[at.clone()];
                // A word of lower-case ASCII letters (most words met for the first time) is
                // its own key, and a new one, not being in the table.
                if word.bytes().all(|b| b.is_ascii_lowercase()) {
                    new.insert(next);
                    self.text.push_str(word);
                    self.ends.push(self.text.len() as u32);
                    return (next, true);
                }
            }
        }
        similarity_key_into(&text[at], key_text);
        let (id, new) = self.id_or_insert(short_key(key_text), key_text);
        self.short.insert(short_word, id);
        (id, new)
    }

    /// The id of `key`, whose [`short_key`] is `short`, numbered now if it has none (then
    /// also `true`): one look-up, where asking [`Keys::id`] first and numbering after took
    /// two for every new key.
    fn id_or_insert(&mut self, short: Option<u128>, key: &str) -> (u32, bool) {
        let next = self.ends.len() as u32;
        let id = match short {
            Some(short) => *self.short.entry(short).or_insert(next),
            None => match self.long.get(key) {
                Some(&id) => id,
                None => {
                    self.long.insert(key.to_owned(), next);
                    next
                }
            },
        };
        if id == next {
            self.text.push_str(key);
            self.ends.push(self.text.len() as u32);
        }
        (id, id == next)
    }
}

/// The local ids of key pairs, `first << 32 | second`: a table of their own, probed
/// linearly from the pair's Fibonacci hash, where the general hash map's look-up and
/// insertion cost more than the rest of reading a word pair (two in five of a text's word
/// pairs are new to it, so most look-ups end in an insertion). A slot holds only an id, the
/// pair compared in the side's pairs by id: a quarter of the memory to clear and to cache
/// of slots holding the pair too.
#[derive(Debug)]
struct PairIds {
    /// `id + 1` of a pair, 0 for an empty slot (so that a table starts as zeroed memory);
    /// a power of two long, at most half full.
    slots: Vec<u32>,
    /// 64 less the base-2 logarithm of the number of slots: a hash shifted right by it is a
    /// slot.
    shift: u32,
}

impl PairIds {
    /// No pairs, with room for `pairs` before the table grows.
    fn with_capacity(pairs: usize) -> PairIds {
        let slots = (2 * pairs).max(16).next_power_of_two();
        PairIds {
            slots: vec![0; slots],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The slot holding `pair`, or the empty slot where it would go; `pairs` the pairs by id.
    #[inline]
    fn find(&self, pair: u64, pairs: &[u64]) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = (pair.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        loop {
            match self.slots[at] {
                0 => return at,
                id if pairs[id as usize - 1] == pair => return at,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The id of `pair`, if it has one; `pairs` the pairs by id.
    fn get(&self, pair: u64, pairs: &[u64]) -> Option<u32> {
        self.slots[self.find(pair, pairs)].checked_sub(1)
    }

    /// The id of `pair`, and whether it is new: then numbered next and pushed on `pairs`,
    /// the pairs by id.
    #[inline]
    fn id_or_insert(&mut self, pair: u64, pairs: &mut Vec<u64>) -> (u32, bool) {
        let at = self.find(pair, pairs);
        match self.slots[at] {
            0 => {
                pairs.push(pair);
                let id = pairs.len() as u32;
                self.slots[at] = id;
                if 2 * pairs.len() > self.slots.len() {
                    self.grow(pairs);
                }
                (id - 1, true)
            }
            id => (id - 1, false),
        }
    }

    /// Doubles the slots, placing every pair of `pairs` (by id) again.
    #[cold]
    fn grow(&mut self, pairs: &[u64]) {
        let mut grown = PairIds::with_capacity(self.slots.len());
        for (id, &pair) in (1u32..).zip(pairs) {
            let at = grown.find(pair, &pairs[..id as usize - 1]);
            grown.slots[at] = id;
        }
        *self = grown;
    }
}

/// The term ids of two sides' local ids: the old side's are its own, the new side's keys
/// met in the old side take the old ids and the others follow in their order.
#[derive(Debug)]
pub(crate) struct Pairing {
    /// Term id of each local id of the new side.
    pub new_terms: Vec<u32>,
    /// Word-pair id of each local pair id of the new side.
    new_pairs: Vec<u32>,
    /// Number of terms of both sides.
    terms: usize,
    /// Number of word pairs of both sides.
    pairs: usize,
}

/// Numbers the terms and word pairs of `old` and `new` as one vocabulary.
pub(crate) fn pair(old: &SideWords, new: &SideWords) -> Pairing {
    // The ids in `old` of what `new` copied from it, when it was read beside this very side.
    // Empty when there are none.
    let (key_ids, pair_ids) = new
        .copied_from(old)
        .map_or((&[][..], &[][..]), |e| (&e.key_ids[..], &e.pair_ids[..]));
    let known = |ids: &[u32], local: u32| {
        ids.get(local as usize)
            .copied()
            .filter(|&id| id != UNNUMBERED)
    };
    let mut terms = old.keys.len() as u32;
    let new_terms: Vec<u32> = (0..new.keys.len() as u32)
        .map(|key| {
            known(key_ids, key)
                .or_else(|| old.keys.id(new.keys.get(key)))
                .unwrap_or_else(|| {
                    terms += 1;
                    terms - 1
                })
        })
        .collect();
    let mut pairs = old.pairs.len() as u32;
    let new_pairs: Vec<u32> = (0u32..)
        .zip(&new.pairs)
        .map(|(local, &pair)| {
            known(pair_ids, local)
                .or_else(|| {
                    let (first, second) = (
                        new_terms[(pair >> 32) as usize],
                        new_terms[pair as u32 as usize],
                    );
                    let global = u64::from(first) << 32 | u64::from(second);
                    old.pair_ids.get(global, &old.pairs)
                })
                .unwrap_or_else(|| {
                    pairs += 1;
                    pairs - 1
                })
        })
        .collect();
    Pairing {
        new_terms,
        new_pairs,
        terms: terms as usize,
        pairs: pairs as usize,
    }
}

/// Builds the bags of both versions and the vocabulary weighting their terms.
pub(crate) fn bags(old: &[&str], new: &[&str]) -> (Vec<Bag>, Vec<Bag>, Vocabulary) {
    let (old, new) = super::both(
        old.len() + new.len(),
        || SideWords::read(old),
        || SideWords::read(new),
    );
    let pairing = pair(&old, &new);
    bags_of(&old, &new, &pairing)
}

/// The bags of two sides read into words, and the vocabulary weighting their terms.
pub(crate) fn bags_of(
    old: &SideWords,
    new: &SideWords,
    pairing: &Pairing,
) -> (Vec<Bag>, Vec<Bag>, Vocabulary) {
    let mut df = old.key_df.clone();
    df.resize(pairing.terms, 0);
    for (&term, &d) in pairing.new_terms.iter().zip(&new.key_df) {
        df[term as usize] += d;
    }
    let mut pair_df = old.pair_df.clone();
    pair_df.resize(pairing.pairs, 0);
    for (&pair, &d) in pairing.new_pairs.iter().zip(&new.pair_df) {
        pair_df[pair as usize] += d;
    }
    let paragraphs = old.len() + new.len();
    let n = paragraphs as f64;
    // A term's weight depends on its df alone, and most terms share a few small ones: each
    // weight is computed once per df met (NaN until then), where a logarithm for every term
    // cost a tenth of building the bags.
    let mut weight_of_df = vec![f64::NAN; paragraphs + 1];
    let weight: Vec<f64> = df
        .iter()
        .map(|&d| {
            let weight = &mut weight_of_df[d as usize];
            if weight.is_nan() {
                *weight = ((n + 1.0) / f64::from(d)).ln().max(MIN_WEIGHT);
            }
            *weight
        })
        .collect();
    // A paragraph of the new side copied from one of the old has its words, so its bag.
    let copied = new.copied_from(old);
    let side_bags = |side: &SideWords,
                     term_of: Option<&[u32]>,
                     pair_of: Option<&[u32]>,
                     copied: Option<(&[Option<usize>], &[Bag])>| {
        let term = |k: u32| term_of.map_or(k, |of| of[k as usize]);
        let skipped: Option<Vec<bool>> =
            copied.map(|(from, _)| from.iter().map(Option::is_some).collect());
        let sorted = sorted_counts(side, term, pairing.terms, skipped.as_deref());
        (0..side.len())
            .zip(sorted)
            .map(|(p, terms)| {
                if let Some((from, bags)) = copied {
                    if let Some(q) = from[p] {
                        return bags[q].clone();
                    }
                }
                let pairs = span(&side.paragraph_pairs, &side.pair_ends, p);
                let pairs = match pair_of {
                    None => pairs.to_vec(),
                    Some(of) => pairs.iter().map(|&q| of[q as usize]).collect(),
                };
                let words = side.terms(p);
                let opening = if words.len() >= OPENING_WORDS {
                    words[..OPENING_WORDS].iter().map(|&k| term(k)).collect()
                } else {
                    Vec::new()
                };
                Bag {
                    mass: weighted_mass(&weight, &terms),
                    terms,
                    pairs,
                    opening,
                }
            })
            .collect::<Vec<Bag>>()
    };
    let old_bags = side_bags(old, None, None, None);
    let new_bags = side_bags(
        new,
        Some(&pairing.new_terms),
        Some(&pairing.new_pairs),
        copied.map(|earlier| (earlier.paragraphs.as_slice(), old_bags.as_slice())),
    );
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
        self.overlap(a, b).similarity()
    }

    /// Weighted share of `part`'s words found in `whole`, 0.0 to 1.0.
    pub fn containment(&self, part: &Bag, whole: &Bag) -> f64 {
        self.overlap(part, whole).first_in_second()
    }

    /// What bags `first` and `second` have in common, weighed once.
    pub(crate) fn overlap(&self, first: &Bag, second: &Bag) -> Overlap {
        Overlap {
            common: self.common(first, second),
            masses: (first.mass, second.mass),
        }
    }

    /// [`Vocabulary::overlap`] of the old and the new bag of each of `pairs`, `(old, new)`
    /// positions in `old` and `new`. Pairs come grouped by old paragraph (the candidates
    /// are sorted), so each old bag's counts are laid out by term once and each new bag's
    /// terms looked up there, where merging the two bags' terms for every pair read the old
    /// bag's once per counterpart. The same sum as [`Vocabulary::common`], in the same order
    /// (the new bag's terms, ascending). An iterator, so that the caller keeps the overlaps
    /// where it wants them without a list of them in between (megabytes at 10,000
    /// paragraphs).
    pub(crate) fn overlaps<'s>(
        &'s self,
        pairs: &'s [(u32, u32)],
        (old, new): (&'s [Bag], &'s [Bag]),
    ) -> impl Iterator<Item = Overlap> + 's {
        // The count of each term in the old bag laid out, 0 for the others.
        let mut counts = vec![0u32; self.weight.len()];
        let mut laid_out: Option<u32> = None;
        pairs.iter().map(move |&(i, j)| {
            let (a, b) = (&old[i as usize], &new[j as usize]);
            if laid_out != Some(i) {
                if let Some(before) = laid_out {
                    for &(t, _) in &old[before as usize].terms {
                        counts[t as usize] = 0;
                    }
                }
                for &(t, c) in &a.terms {
                    counts[t as usize] = c;
                }
                laid_out = Some(i);
            }
            let mut common = 0.0;
            for &(t, cb) in &b.terms {
                let ca = counts[t as usize];
                if ca != 0 {
                    common += self.weight[t as usize] * f64::from(ca.min(cb));
                }
            }
            Overlap {
                common,
                masses: (a.mass, b.mass),
            }
        })
    }
}

/// The words two bags have in common, weighed ([`Vocabulary::common`], the same either way
/// round), with the bags' sizes: their similarity and each one's containment in the other
/// all follow from it, where computing each measured the common words again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Overlap {
    /// Weighted size of the words in common.
    pub common: f64,
    /// The sizes of the first and the second bag.
    pub masses: (f64, f64),
}

impl Overlap {
    /// [`Vocabulary::similarity`] of the two bags.
    pub fn similarity(&self) -> f64 {
        let total = self.masses.0 + self.masses.1;
        if total <= 0.0 {
            return 0.0;
        }
        (2.0 * self.common / total).min(1.0)
    }

    /// [`Vocabulary::containment`] of the first bag in the second.
    pub fn first_in_second(&self) -> f64 {
        contained_share(self.common, self.masses.0)
    }

    /// [`Vocabulary::containment`] of the second bag in the first.
    pub fn second_in_first(&self) -> f64 {
        contained_share(self.common, self.masses.1)
    }
}

/// The share `common` is of a bag of size `mass`, 0.0 to 1.0.
fn contained_share(common: f64, mass: f64) -> f64 {
    if mass <= 0.0 {
        return 0.0;
    }
    (common / mass).min(1.0)
}

/// The sum of several bags (the pieces of a split or merge taken together).
pub(crate) fn union<'a>(bags: impl IntoIterator<Item = &'a Bag>, vocabulary: &Vocabulary) -> Bag {
    let mut terms: Vec<(u32, u32)> = Vec::new();
    for bag in bags {
        terms = merged(&terms, &bag.terms);
    }
    Bag::from_terms(terms, vocabulary)
}

/// [`union`] of the bags whose union is `bags` and of `more`: the same bag, the pieces
/// already merged not merged again.
pub(crate) fn union_with(bags: &Bag, more: &Bag, vocabulary: &Vocabulary) -> Bag {
    Bag::from_terms(merged(&bags.terms, &more.terms), vocabulary)
}

/// The terms of two bags (sorted, distinct, with counts) together, counts added.
fn merged(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let ((ta, ca), (tb, cb)) = (a[i], b[j]);
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => {
                out.push((ta, ca));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push((tb, cb));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((ta, ca + cb));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
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
    fn two_sides_are_numbered_as_one_reading_old_then_new() {
        // Old keys: urges 0, member 1, states 2, act 3; pairs: urges-member 0,
        // member-states 1, states-act 2.
        let old = SideWords::read(&["Urges Member States", "Member States act"]);
        // New keys in their order: calls, upon, member, states, urges, all.
        let new = SideWords::read(&["Calls upon Member States", "URGES all"]);
        let pairing = pair(&old, &new);
        // Keys met in the old side take their ids there; the others follow in order.
        assert_eq!(pairing.new_terms, [4, 5, 1, 2, 0, 6]);
        // So do the word pairs: calls-upon, upon-member, member-states, urges-all.
        assert_eq!(pairing.new_pairs, [3, 4, 1, 5]);
        assert_eq!((pairing.terms, pairing.pairs), (7, 6));
    }

    /// Everything a side holds, its pair ids checked against its pairs.
    fn contents(side: &SideWords) -> impl PartialEq + std::fmt::Debug {
        for (id, pair) in (0u32..).zip(&side.pairs) {
            assert_eq!(side.pair_ids.get(*pair, &side.pairs), Some(id));
        }
        (
            (0..side.keys.len() as u32)
                .map(|k| side.key(k).to_owned())
                .collect::<Vec<String>>(),
            (side.terms.clone(), side.term_ends.clone()),
            (side.counts.clone(), side.count_ends.clone()),
            (side.pairs.clone(), side.paragraph_pairs.clone()),
            (
                side.pair_ends.clone(),
                side.key_df.clone(),
                side.pair_df.clone(),
            ),
        )
    }

    #[test]
    fn words_copied_from_an_earlier_version_are_the_words_read() {
        let old_texts = [
            "Urges Member States to act, and urges them again",
            "Recalling its resolution 69/197 of 18 December 2014",
            "Décide de rester saisi de la question",
        ];
        // Paragraphs read before, between and after the copied ones, sharing words with
        // them, in another order than the old version's.
        let new_texts = [
            "Calls upon Member States to act",
            "Décide de rester saisi de la question",
            "Urges all States to report",
            "Urges Member States to act, and urges them again",
            "Recalling its resolution 69/197 of 18 December 2014",
            "Recalling also its resolution",
        ];
        let old = SideWords::read(&old_texts);
        let same_text: Vec<Option<usize>> = new_texts
            .iter()
            .map(|text| old_texts.iter().position(|old| old == text))
            .collect();
        let copied = SideWords::read_beside(&new_texts, Some((&old, &same_text)));
        let read = SideWords::read(&new_texts);
        assert_eq!(contents(&copied), contents(&read));
    }

    /// The term and pair ids, and the bags, of two sides.
    fn paired(old: &SideWords, new: &SideWords) -> impl PartialEq + std::fmt::Debug {
        let pairing = pair(old, new);
        let (old_bags, new_bags, vocabulary) = bags_of(old, new, &pairing);
        let bags = |bags: Vec<Bag>| {
            bags.into_iter()
                .map(|b| (b.terms, b.mass.to_bits(), b.pairs, b.opening))
                .collect::<Vec<_>>()
        };
        (
            (pairing.new_terms, pairing.new_pairs),
            (pairing.terms, pairing.pairs),
            (bags(old_bags), bags(new_bags)),
            (vocabulary.df, vocabulary.pair_df),
        )
    }

    /// A side read beside another is paired with it as a side read alone is, the ids and
    /// bags of its copied paragraphs taken from there; paired with any other side, what it
    /// copied is not trusted.
    #[test]
    fn a_side_read_beside_an_earlier_one_pairs_as_one_read_alone() {
        let old_texts = [
            "Urges Member States to act, and urges them again",
            "Recalling its resolution 69/197 of 18 December 2014",
            "Takes note of the report",
        ];
        let new_texts = [
            "Recalling also its resolution",
            "Takes note of the report",
            "Urges Member States to act, and urges them again",
            "Urges States to act",
        ];
        let same_text: Vec<Option<usize>> = new_texts
            .iter()
            .map(|text| old_texts.iter().position(|old| old == text))
            .collect();
        let old = SideWords::read(&old_texts);
        let copied = SideWords::read_beside(&new_texts, Some((&old, &same_text)));
        let read = SideWords::read(&new_texts);
        assert_eq!(paired(&old, &copied), paired(&old, &read));
        // Another version with the same number of paragraphs and keys, in another order:
        // the ids and bags copied from `old` would be wrong for it.
        let other_texts = [
            "Takes note of the report",
            "Urges Member States to act, and urges them again",
            "Recalling its resolution 69/197 of 18 December 2014",
        ];
        let other = SideWords::read(&other_texts);
        assert_eq!(paired(&other, &copied), paired(&other, &read));
    }

    #[test]
    fn pair_ids_keep_their_ids_as_the_table_grows() {
        let (mut ids, mut pairs) = (PairIds::with_capacity(1), Vec::new());
        // Pair 0 (the first key twice) among them, held like any other.
        let all: Vec<u64> = (0..1000u64).map(|k| ((k % 37) << 32) | (k / 37)).collect();
        for (id, &pair) in (0u32..).zip(&all) {
            assert_eq!(ids.id_or_insert(pair, &mut pairs), (id, true));
        }
        for (id, &pair) in (0u32..).zip(&all) {
            assert_eq!(ids.id_or_insert(pair, &mut pairs), (id, false));
            assert_eq!(ids.get(pair, &pairs), Some(id));
        }
        assert_eq!(ids.get(37 << 32, &pairs), None);
        assert_eq!(pairs, all);
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

    #[test]
    fn overlaps_laid_out_by_old_bag_are_the_overlaps_merged() {
        let (o, n, v) = bags(
            &[
                "Urges States to protect the rights of migrants and of victims of trafficking",
                "Piracy at sea and the safety of navigation",
                "",
            ],
            &[
                "Urges all States to protect the rights of migrants",
                "Piracy and armed robbery at sea",
                "the rights of victims of trafficking at sea",
            ],
        );
        let pairs = [(0, 0), (0, 2), (1, 1), (1, 2), (2, 0), (0, 1)];
        let laid_out: Vec<Overlap> = v.overlaps(&pairs, (&o, &n)).collect();
        for (&(i, j), overlap) in pairs.iter().zip(&laid_out) {
            let merged = v.overlap(&o[i as usize], &n[j as usize]);
            assert_eq!(overlap.common.to_bits(), merged.common.to_bits(), "{i} {j}");
            assert_eq!(overlap.masses, merged.masses);
        }
    }

    #[test]
    fn a_union_extended_is_the_union_of_all() {
        let (o, _, v) = bags(
            &[
                "Urges States to protect the rights of migrants",
                "the rights of victims of trafficking at sea",
                "Piracy and armed robbery at sea",
            ],
            &[""],
        );
        let all = union(&o, &v);
        let extended = union_with(&union(&o[..2], &v), &o[2], &v);
        assert_eq!(extended.terms, all.terms);
        assert_eq!(extended.mass.to_bits(), all.mass.to_bits());
        assert_eq!(union_with(&o[0], &o[1], &v).terms, union(&o[..2], &v).terms);
    }

    #[test]
    fn one_overlap_gives_the_similarity_and_both_containments() {
        let (o, n, v) = bags(
            &["Urges States to protect the rights of migrants and of victims of trafficking"],
            &[
                "Urges all States to protect the rights of migrants",
                "Piracy at sea",
            ],
        );
        for new in &n {
            let overlap = v.overlap(&o[0], new);
            assert_eq!(overlap.similarity(), v.similarity(new, &o[0]));
            assert_eq!(overlap.first_in_second(), v.containment(&o[0], new));
            assert_eq!(overlap.second_in_first(), v.containment(new, &o[0]));
        }
    }
}
