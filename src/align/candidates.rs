//! Candidate pairs from an inverted index of informative words, so that only plausible
//! pairs are ever scored.
//!
//! Each paragraph looks up its rarest words (the ones that say what it is about) in an index
//! of the other version and keeps the paragraphs that share the most weight of them; it does
//! the same with its rarest word pairs (two consecutive words), which tell apart paragraphs
//! made of the same vocabulary (long documents repeating themselves). This runs both ways, old to new and new to old, so a short piece of a split finds the long
//! paragraph it came from even when the long one's rarest words are in the other piece.
//! Cost: paragraphs × probed words × postings scanned per word, at most
//! [`POSTINGS_WINDOW`], so linear in the paragraphs however alike they are.

use super::similarity::{Bag, Vocabulary};

/// A word held by more than this share of all paragraphs is never looked up (unless the
/// paragraph has nothing rarer): its postings are long and it tells paragraphs apart badly.
const COMMON_SHARE: f64 = 0.1;

/// In large documents a word is also too common to look up when more than this many times
/// the square root of the paragraph count hold it (but at least [`COMMON_FLOOR`]), which
/// keeps the work per paragraph growing slowly (10,000 paragraphs a side: words in more than
/// 141 paragraphs are skipped; a resolution of 100: words in more than 20).
const COMMON_SQRT_FACTOR: f64 = 1.0;

/// The least frequency cap of [`COMMON_SQRT_FACTOR`].
const COMMON_FLOOR: f64 = 32.0;

/// Words are looked up whatever their frequency when fewer than this many rarer ones exist.
const MIN_PROBES: usize = 3;

/// A word is looked up in at most this many of its postings, those of the paragraphs
/// nearest the probing paragraph's own relative position. Only words held by more
/// paragraphs are cut (the common words [`MIN_PROBES`] forces, or in very large documents
/// rare ones): without the cap, thousands of near-identical paragraphs ("notes item N of
/// the list") each scan the whole postings of their words, quadratic work that still
/// proposes arbitrary counterparts, as every posting scores the same. Over twice the
/// longest real instrument (420 paragraphs in `../shared/corpus/real/`), whose search is
/// therefore unchanged.
const POSTINGS_WINDOW: usize = 1024;

/// Keys per paragraph, stored compactly like an index's postings: all keys in one vector,
/// `start[i]..start[i + 1]` for paragraph i, so that a side costs two allocations, not one
/// per paragraph.
struct Lists {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    fn get(&self, i: usize) -> &[u32] {
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }
}

/// `(group, item)` pairs gathered by group (below `groups`), each group's items in the
/// order the pairs came: a counting sort, linear in the pairs.
fn grouped(groups: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Lists {
    // Group g is counted two slots on, at `g + 2`: summed up, `start[g + 1]` is where its
    // items begin, and filling it moves that to where they end, which is where group g + 1
    // begins. No copy of the starts is filled in, and the sum runs over the slots without an
    // index to check: the groups are a whole vocabulary, where the pairs may be a few hundred.
    let mut start = vec![0u32; groups + 2];
    for (g, _) in pairs.clone() {
        start[g as usize + 2] += 1;
    }
    let mut sum = 0;
    for slot in &mut start {
        sum += *slot;
        *slot = sum;
    }
    let mut items = vec![0u32; sum as usize];
    for (g, item) in pairs {
        let at = &mut start[g as usize + 1];
        items[*at as usize] = item;
        *at += 1;
    }
    start.pop();
    Lists { start, items }
}

/// Inverted index: for each key (term or word pair, below `size`), the paragraphs of one
/// version holding it, in order.
fn index(keys: &Lists, size: usize) -> Lists {
    let paragraphs = keys.start.windows(2).zip(0u32..);
    grouped(
        size,
        paragraphs.flat_map(|(span, i)| {
            let keys = &keys.items[span[0] as usize..span[1] as usize];
            keys.iter().map(move |&k| (k, i))
        }),
    )
}

/// What one side of the probing looks at: its keys per paragraph with their frequencies.
struct Keys<'a> {
    per_paragraph: Lists,
    df: &'a [u32],
}

/// Candidate `(old index, new index)` pairs, sorted and distinct, among the paragraphs not
/// yet linked (`None` in `linked`).
pub(crate) fn candidates<T>(
    (old, new): (&[Bag], &[Bag]),
    vocabulary: &Vocabulary,
    probe_words: usize,
    keep: usize,
    (old_linked, new_linked): (&[Option<T>], &[Option<T>]),
) -> Vec<(u32, u32)> {
    let total = old.len() + new.len();
    let share_cap = total as f64 * COMMON_SHARE;
    let sqrt_cap = (total as f64).sqrt() * COMMON_SQRT_FACTOR;
    let common_df = (share_cap.min(sqrt_cap.max(COMMON_FLOOR)) as u32).max(8);
    // A paragraph already linked gets no keys: it neither probes nor is found.
    fn lists<'b, T, I: ExactSizeIterator<Item = u32>>(
        bags: &'b [Bag],
        linked: &[Option<T>],
        keys: impl Fn(&'b Bag) -> I,
    ) -> Lists {
        let unlinked = || bags.iter().zip(linked).filter(|(_, l)| l.is_none());
        let mut start = Vec::with_capacity(bags.len() + 1);
        // Sized first: at 10,000 paragraphs a side grown by doubling copied megabytes into
        // fresh pages, on one core.
        let mut items = Vec::with_capacity(unlinked().map(|(b, _)| keys(b).len()).sum());
        start.push(0);
        for (b, l) in bags.iter().zip(linked) {
            if l.is_none() {
                items.extend(keys(b));
            }
            start.push(items.len() as u32);
        }
        Lists { start, items }
    }
    let terms = |bags: &[Bag], linked: &[Option<T>]| Keys {
        per_paragraph: lists(bags, linked, |b| b.terms.iter().map(|&(t, _)| t)),
        df: &vocabulary.df,
    };
    let pairs = |bags: &[Bag], linked: &[Option<T>]| Keys {
        per_paragraph: lists(bags, linked, |b| b.pairs.iter().copied()),
        df: &vocabulary.pair_df,
    };
    let mut found = Vec::with_capacity(4);
    for (old_keys, new_keys) in [
        (terms(old, old_linked), terms(new, new_linked)),
        (pairs(old, old_linked), pairs(new, new_linked)),
    ] {
        let size = old_keys.df.len();
        // The two directions are independent: on two threads for a long text.
        let one_way = |from: &Keys, to: &Keys, to_len: usize, flip: bool| -> Vec<(u32, u32)> {
            let index = index(&to.per_paragraph, size);
            let mut scratch = Scratch::new(to_len, total);
            // At most `keep` a paragraph: room that is not filled costs no page.
            let mut out = Vec::with_capacity(from.per_paragraph.len() * keep);
            let from_len = from.per_paragraph.len().max(1) as u64;
            for a in 0..from.per_paragraph.len() {
                let keys = from.per_paragraph.get(a);
                // A paragraph without keys (linked already, as most are between a draft and
                // its resolution) finds nothing: not probed at all.
                if keys.is_empty() {
                    continue;
                }
                let position = (a as u64 * to_len as u64 / from_len) as u32;
                let hits = probe(
                    keys,
                    from.df,
                    &index,
                    (probe_words, common_df, keep),
                    position,
                    &mut scratch,
                );
                let a = a as u32;
                out.extend(hits.map(|b| if flip { (b, a) } else { (a, b) }));
            }
            out
        };
        let (forward, backward) = super::both(
            total,
            || one_way(&old_keys, &new_keys, new.len(), false),
            || one_way(&new_keys, &old_keys, old.len(), true),
        );
        found.push(forward);
        found.push(backward);
    }
    sorted_distinct(&found, old.len())
}

/// The pairs of all `parts` sorted and without repeats, by a counting sort on the old index
/// (below `old_len`) then a sort of each old paragraph's few counterparts: linear, where
/// sorting the whole list compared pairs a logarithmic number of times each. The parts are
/// read where they are, not gathered into one list first (megabytes at 10,000 paragraphs).
fn sorted_distinct(parts: &[Vec<(u32, u32)>], old_len: usize) -> Vec<(u32, u32)> {
    let mut news = grouped(old_len, parts.iter().flatten().copied());
    // At most every pair once: room that is not filled costs no page.
    let mut out = Vec::with_capacity(news.items.len());
    for i in 0..old_len {
        let bucket = &mut news.items[news.start[i] as usize..news.start[i + 1] as usize];
        bucket.sort_unstable();
        let mut last = None;
        for &j in bucket.iter() {
            if last != Some(j) {
                out.push((i as u32, j));
                last = Some(j);
            }
        }
    }
    out
}

/// Buffers reused across probes: a dense accumulator with the list of touched slots, the
/// probing paragraph's keys, and the weight of each paragraph frequency met so far.
struct Scratch {
    score: Vec<f64>,
    touched: Vec<u32>,
    /// Hits as `(score, id)`.
    found: Vec<(f64, u32)>,
    /// The probing paragraph's keys as `(df << 32) | key`, which orders them rarest first
    /// (ties by key).
    keys: Vec<u64>,
    weights: Weights,
}

impl Scratch {
    fn new(n: usize, total: usize) -> Scratch {
        Scratch {
            score: vec![0.0; n],
            touched: Vec::new(),
            found: Vec::new(),
            keys: Vec::new(),
            weights: Weights {
                table: vec![0.0; total + 1],
                total,
            },
        }
    }
}

/// The weight of a key by its paragraph frequency, computed once per frequency: the
/// logarithm costs more than the rest of a posting's work.
struct Weights {
    /// 0 until computed (a weight is at least 1e-6).
    table: Vec<f64>,
    /// Paragraphs of both versions: the numerator of every weight.
    total: usize,
}

impl Weights {
    fn get(&mut self, df: u32) -> f64 {
        let weight = |df: u32| ((self.total as f64 + 1.0) / f64::from(df)).ln().max(1e-6);
        match self.table.get(df as usize) {
            Some(&w) if w != 0.0 => w,
            Some(_) => {
                let w = weight(df);
                self.table[df as usize] = w;
                w
            }
            // A frequency above the paragraph count cannot come from the vocabulary of
            // these paragraphs, but costs only the table's shortcut.
            None => weight(df),
        }
    }
}

/// The `keep` paragraphs of `index` sharing the most weight of the rarest of `keys`, looked
/// up near `position`, where the probing paragraph would stand on the other side.
fn probe<'s>(
    keys: &[u32],
    df: &[u32],
    index: &Lists,
    (probe_words, common_df, keep): (usize, u32, usize),
    position: u32,
    scratch: &'s mut Scratch,
) -> impl Iterator<Item = u32> + 's {
    let Scratch {
        score,
        touched,
        found,
        keys: buffer,
        weights,
    } = scratch;
    for &v in looked_up(keys, df, probe_words, common_df, buffer) {
        let w = weights.get((v >> 32) as u32);
        for &j in near(index.get(v as u32 as usize), position) {
            if score[j as usize] == 0.0 {
                touched.push(j);
            }
            score[j as usize] += w;
        }
    }
    // The `keep` best scores, ties by id.
    found.clear();
    found.extend(
        touched
            .drain(..)
            .map(|j| (std::mem::take(&mut score[j as usize]), j)),
    );
    if found.len() > keep {
        if let Some(last) = keep.checked_sub(1) {
            found.select_nth_unstable_by(last, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        found.truncate(keep);
    }
    found.iter().map(|&(_, j)| j)
}

/// The keys of a paragraph to look up, as `(df << 32) | key` in `buffer`: the rarest (ties
/// by id, for determinism), at most `probe_words` of them, and only those held by at most
/// `common_df` paragraphs after the first [`MIN_PROBES`].
fn looked_up<'b>(
    keys: &[u32],
    df: &[u32],
    probe_words: usize,
    common_df: u32,
    buffer: &'b mut Vec<u64>,
) -> &'b [u64] {
    // As the rare keys come first in that order, they are the rarest `probe_words` of the
    // rare ones when there are `MIN_PROBES` of those, else the rarest `MIN_PROBES` of all:
    // a selection, then a sort of the few selected, where sorting all the keys cost most of
    // the probing. Rare keys are gathered at the front of the buffer, the others at the back.
    buffer.clear();
    buffer.resize(keys.len(), 0);
    let (mut rare, mut back) = (0, keys.len());
    for &k in keys {
        let v = (u64::from(df[k as usize]) << 32) | u64::from(k);
        if df[k as usize] <= common_df {
            buffer[rare] = v;
            rare += 1;
        } else {
            back -= 1;
            buffer[back] = v;
        }
    }
    let (pool, wanted) = if rare >= MIN_PROBES {
        (&mut buffer[..rare], probe_words)
    } else {
        (&mut buffer[..], probe_words.min(MIN_PROBES))
    };
    let chosen = wanted.min(pool.len());
    if pool.len() > wanted && wanted > 0 {
        pool.select_nth_unstable(wanted - 1);
    }
    let chosen = &mut pool[..chosen];
    chosen.sort_unstable();
    chosen
}

/// At most [`POSTINGS_WINDOW`] of `postings` (sorted paragraph indices), centred on
/// `position`.
fn near(postings: &[u32], position: u32) -> &[u32] {
    if postings.len() <= POSTINGS_WINDOW {
        return postings;
    }
    let at = postings.partition_point(|&j| j < position);
    let start = at
        .saturating_sub(POSTINGS_WINDOW / 2)
        .min(postings.len() - POSTINGS_WINDOW);
    &postings[start..start + POSTINGS_WINDOW]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorted_distinct_sorts_and_dedups(pairs in prop::collection::vec((0u32..20, 0u32..20), 0..200)) {
            let mut expected = pairs.clone();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(sorted_distinct(&[pairs], 20), expected);
        }

        #[test]
        fn looked_up_keys_are_the_rarest_of_a_full_sort(
            df in prop::collection::vec(1u32..40, 60),
            keys in prop::collection::btree_set(0u32..60, 0..40),
            probe_words in 0usize..16,
            common_df in 1u32..40,
        ) {
            let keys: Vec<u32> = keys.into_iter().collect();
            let mut sorted = keys.clone();
            sorted.sort_unstable_by_key(|&k| (df[k as usize], k));
            let expected: Vec<u64> = sorted
                .iter()
                .enumerate()
                .take_while(|&(n, &k)| {
                    n < probe_words && (n < MIN_PROBES || df[k as usize] <= common_df)
                })
                .map(|(_, &k)| (u64::from(df[k as usize]) << 32) | u64::from(k))
                .collect();
            let mut buffer = Vec::new();
            let got = looked_up(&keys, &df, probe_words, common_df, &mut buffer);
            prop_assert_eq!(got, &expected[..]);
        }
    }
}
