//! Candidate pairs from an inverted index of informative words, so that only plausible
//! pairs are ever scored.
//!
//! Each paragraph looks up its rarest words (the ones that say what it is about) in an index
//! of the other version and keeps the paragraphs that share the most weight of them. This
//! runs both ways, old to new and new to old, so a short piece of a split finds the long
//! paragraph it came from even when the long one's rarest words are in the other piece.
//! Cost: paragraphs × probed words × postings length, near-linear for real texts.

use super::similarity::{Bag, Vocabulary};

/// A word held by more than this share of all paragraphs is never looked up (unless the
/// paragraph has nothing rarer): its postings are long and it tells paragraphs apart badly.
const COMMON_SHARE: f64 = 0.1;

/// Words are looked up whatever their frequency when fewer than this many rarer ones exist.
const MIN_PROBES: usize = 3;

/// Inverted index: for each term, the paragraphs of one version holding it.
struct Index {
    postings: Vec<Vec<u32>>,
}

impl Index {
    /// The index of the paragraphs not yet linked (`linked[i]` is `None`).
    fn new<T>(bags: &[Bag], terms: usize, linked: &[Option<T>]) -> Index {
        let mut postings = vec![Vec::new(); terms];
        for (i, bag) in bags.iter().enumerate() {
            if linked[i].is_some() {
                continue;
            }
            for &(t, _) in &bag.terms {
                postings[t as usize].push(i as u32);
            }
        }
        Index { postings }
    }
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
    let terms = vocabulary.weight.len();
    let total = old.len() + new.len();
    let common_df = ((total as f64 * COMMON_SHARE) as u32).max(8);
    let mut pairs = Vec::new();
    let new_index = Index::new(new, terms, new_linked);
    let mut scratch = Scratch::new(new.len());
    for (i, bag) in old.iter().enumerate() {
        if old_linked[i].is_some() {
            continue;
        }
        for j in probe(
            bag,
            &new_index,
            vocabulary,
            probe_words,
            common_df,
            keep,
            &mut scratch,
        ) {
            pairs.push((i as u32, j));
        }
    }
    let old_index = Index::new(old, terms, old_linked);
    let mut scratch = Scratch::new(old.len());
    for (j, bag) in new.iter().enumerate() {
        if new_linked[j].is_some() {
            continue;
        }
        for i in probe(
            bag,
            &old_index,
            vocabulary,
            probe_words,
            common_df,
            keep,
            &mut scratch,
        ) {
            pairs.push((i, j as u32));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
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

/// The `keep` paragraphs of `index` sharing the most weight of `bag`'s rarest words.
fn probe(
    bag: &Bag,
    index: &Index,
    vocabulary: &Vocabulary,
    probe_words: usize,
    common_df: u32,
    keep: usize,
    scratch: &mut Scratch,
) -> Vec<u32> {
    let mut terms: Vec<(u32, u32)> = bag.terms.clone();
    // Rarest first; ties by term id for determinism.
    terms.sort_by_key(|&(t, _)| (vocabulary.df[t as usize], t));
    let chosen = terms
        .iter()
        .enumerate()
        .take_while(|&(k, &(t, _))| {
            k < probe_words && (k < MIN_PROBES || vocabulary.df[t as usize] <= common_df)
        })
        .map(|(_, &term)| term);
    for (t, _) in chosen {
        let w = vocabulary.weight[t as usize];
        for &j in &index.postings[t as usize] {
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
