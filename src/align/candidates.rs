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

/// Inverted index: for each key (term or word pair), the paragraphs of one version holding
/// it, stored compactly (all postings in one vector, `start[k]..start[k + 1]` for key k).
struct Index {
    start: Vec<u32>,
    postings: Vec<u32>,
}

impl Index {
    fn new(keys: &[Vec<u32>], size: usize) -> Index {
        let mut start = vec![0u32; size + 1];
        for ks in keys {
            for &k in ks {
                start[k as usize + 1] += 1;
            }
        }
        for k in 0..size {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut postings = vec![0u32; start[size] as usize];
        for (i, ks) in keys.iter().enumerate() {
            for &k in ks {
                postings[fill[k as usize] as usize] = i as u32;
                fill[k as usize] += 1;
            }
        }
        Index { start, postings }
    }

    fn postings(&self, key: u32) -> &[u32] {
        &self.postings[self.start[key as usize] as usize..self.start[key as usize + 1] as usize]
    }
}

/// What one side of the probing looks at: its keys per paragraph with their frequencies.
struct Keys<'a> {
    per_paragraph: Vec<Vec<u32>>,
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
    let terms = |bags: &[Bag], linked: &[Option<T>]| Keys {
        per_paragraph: bags
            .iter()
            .zip(linked)
            .map(|(b, l)| match l {
                Some(_) => Vec::new(),
                None => b.terms.iter().map(|&(t, _)| t).collect(),
            })
            .collect(),
        df: &vocabulary.df,
    };
    let pairs = |bags: &[Bag], linked: &[Option<T>]| Keys {
        per_paragraph: bags
            .iter()
            .zip(linked)
            .map(|(b, l)| match l {
                Some(_) => Vec::new(),
                None => b.pairs.clone(),
            })
            .collect(),
        df: &vocabulary.pair_df,
    };
    let mut found = Vec::new();
    for (old_keys, new_keys) in [
        (terms(old, old_linked), terms(new, new_linked)),
        (pairs(old, old_linked), pairs(new, new_linked)),
    ] {
        let weight = |k: u32| ((total as f64 + 1.0) / f64::from(old_keys.df[k as usize])).ln();
        let size = old_keys.df.len();
        // The two directions are independent: on two threads for a long text.
        let one_way = |from: &Keys, to: &Keys, to_len: usize, flip: bool| -> Vec<(u32, u32)> {
            let index = Index::new(&to.per_paragraph, size);
            let mut scratch = Scratch::new(to_len);
            let mut out = Vec::new();
            let from_len = from.per_paragraph.len().max(1) as u64;
            for (a, keys) in from.per_paragraph.iter().enumerate() {
                let position = (a as u64 * to_len as u64 / from_len) as u32;
                let hits = probe(
                    keys,
                    from.df,
                    &index,
                    &weight,
                    probe_words,
                    common_df,
                    keep,
                    position,
                    &mut scratch,
                );
                out.extend(
                    hits.into_iter()
                        .map(|b| if flip { (b, a as u32) } else { (a as u32, b) }),
                );
            }
            out
        };
        let (forward, backward) = super::both(
            total,
            || one_way(&old_keys, &new_keys, new.len(), false),
            || one_way(&new_keys, &old_keys, old.len(), true),
        );
        found.extend(forward);
        found.extend(backward);
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// A dense accumulator reused across probes, with the list of touched slots.
struct Scratch {
    score: Vec<f64>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            score: vec![0.0; n],
            touched: Vec::new(),
        }
    }
}

/// The `keep` paragraphs of `index` sharing the most weight of the rarest of `keys`, looked
/// up near `position`, where the probing paragraph would stand on the other side.
#[allow(clippy::too_many_arguments)] // one call site per direction; a struct would only rename them
fn probe(
    keys: &[u32],
    df: &[u32],
    index: &Index,
    weight: &dyn Fn(u32) -> f64,
    probe_words: usize,
    common_df: u32,
    keep: usize,
    position: u32,
    scratch: &mut Scratch,
) -> Vec<u32> {
    let mut keys: Vec<u32> = keys.to_vec();
    // Rarest first; ties by id for determinism.
    keys.sort_unstable_by_key(|&k| (df[k as usize], k));
    let chosen = keys
        .iter()
        .enumerate()
        .take_while(|&(n, &k)| n < probe_words && (n < MIN_PROBES || df[k as usize] <= common_df))
        .map(|(_, &k)| k);
    for k in chosen {
        let w = weight(k).max(1e-6);
        for &j in near(index.postings(k), position) {
            if scratch.score[j as usize] == 0.0 {
                scratch.touched.push(j);
            }
            scratch.score[j as usize] += w;
        }
    }
    let mut found: Vec<(f64, u32)> = scratch
        .touched
        .drain(..)
        .map(|j| (std::mem::take(&mut scratch.score[j as usize]), j))
        .collect();
    if found.len() > keep {
        found.select_nth_unstable_by(keep - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        found.truncate(keep);
    }
    found.into_iter().map(|(_, j)| j).collect()
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
