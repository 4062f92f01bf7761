//! Stage 2: which paragraph of the old instrument became which paragraph of the new one.
//!
//! The matching is global and order-free: paragraphs may be renumbered, moved anywhere,
//! split, merged, turned from preambular into operative, added or dropped.
//!
//! How:
//!
//! 1. **Similarity** (`similarity.rs`): each paragraph is a bag of words keyed by
//!    [`crate::tokens::similarity_key`] (lower case, numbers folded into one class, footnote
//!    digits dropped), each word weighted by its rarity among the paragraphs of both
//!    versions; two paragraphs compare by weighted Dice.
//! 2. **Candidates** (`candidates.rs`): inverted indexes of rare words and rare word pairs
//!    propose a few counterparts per paragraph, both ways; only those pairs are scored, so
//!    the cost stays near-linear (10,000 paragraphs a side in about half a second of CPU).
//! 3. **Assignment** (`assign.rs`): the one-to-one matching of maximum total similarity,
//!    wherever the paragraphs stand, in two tiers: sure pairs first (`SURE_LINK_MIN`), then
//!    the rest down to [`AlignOptions::link_min`].
//! 4. **Splits and merges**, after each tier: a paragraph left over whose words are mostly
//!    found in a linked counterpart ([`AlignOptions::contain_min`]), or that resembles it as
//!    much as a link needs, joins that counterpart's change when it brings words the pieces
//!    already there lack ([`AlignOptions::piece_gain_min`]); opening as the counterpart does
//!    counts towards "mostly" (`evidence.rs`).
//! 5. **Rewrites** (`evidence.rs`): leftovers are linked on the evidence a reader uses
//!    besides shared words: their place between paragraphs that kept their order, one
//!    contained in the other, the same opener, rare document symbols both cite, the kind.
//!    Each clue adds to the similarity; the sum must reach [`AlignOptions::link_min`] and the
//!    similarity [`AlignOptions::rewrite_min`] (more when the pair rests on its place and
//!    opener alone), so shared boilerplate alone stays below it. The clues are kept as the
//!    change's `why`.
//! 6. **Classification**: unchanged (the same text up to the typographic variants of
//!    [`crate::fold`], or exactly with [`AlignOptions::fold`] strict), reworded or rewritten
//!    (share of words kept, [`AlignOptions::reworded_min`]); moved when off the longest
//!    chain of changes in the same order in both versions (preferring to keep PP-to-PP and
//!    OP-to-OP links on it), not merely renumbered.
//!
//! Changes come in the new text's order; a removed paragraph follows the change of its
//! nearest old predecessor that survived.

mod assign;
mod candidates;
mod evidence;
mod model;
pub(crate) mod similarity;
pub(crate) mod whole;

pub(crate) use model::round_score;
pub use model::{AlignOptions, Alignment, Change, ChangeKind, References, Summary};
pub use whole::align_all_texts;

use std::borrow::Cow;

use crate::document::{Instrument, Kind};
use crate::fold;
use crate::hash::FastMap;
use assign::Edge;
use evidence::{ClueSet, Evidence, Slot};
use similarity::{Bag, Overlap, Vocabulary};

/// Weighted similarity from which a link is taken as sure and made before any split or merge
/// is looked for. Below it (down to [`AlignOptions::link_min`]) a pair competes with the
/// pieces of splits and merges, which are attached first.
const SURE_LINK_MIN: f64 = 0.6;

/// A piece must bring at least this weighted share of the whole's words that the pieces
/// already there lack, however novel its words are, so that a stray shared word does not
/// make a piece.
const PIECE_GAIN_FLOOR: f64 = 0.03;

/// A stretch between two paragraphs that kept their order with at most this many leftovers
/// a side has every pair of them looked at as a rewrite; a longer one (a rewritten section,
/// or a huge document) only its candidate pairs, so the cost stays linear.
const SLOT_PAIRS_MAX: usize = 6;

/// Runs the candidate pairs of a large input are cut into to be weighed on all cores: enough
/// that the threads finish close together, few enough that zeroing each run's table of
/// counts (one slot a term) costs nothing next to weighing it.
const SCORE_RUNS: usize = 8;

/// Runs `a` and `b`, offering `a` to a second thread when `paragraphs` (both versions
/// together) reach [`parallel::MIN_PARAGRAPHS`](crate::parallel::MIN_PARAGRAPHS).
fn both<A: Send, B>(
    paragraphs: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    crate::parallel::both(paragraphs >= crate::parallel::MIN_PARAGRAPHS, a, b)
}

/// Old and new paragraph indices (positions in `Instrument::paragraphs`) of one change.
#[derive(Debug, Clone, Default)]
struct Group {
    old: Vec<usize>,
    new: Vec<usize>,
    /// The clues besides word similarity a rewrite was linked on.
    why: Option<Evidence>,
}

/// Who is linked to what, as the stages fill it in.
struct Links {
    groups: Vec<Group>,
    old_group: Vec<Option<usize>>,
    new_group: Vec<Option<usize>>,
}

impl Links {
    fn new(old: usize, new: usize) -> Links {
        Links {
            // A group is made by linking a free paragraph of each side: there are never more
            // than the shorter side has paragraphs. Sized once, it is not copied as it grows
            // (thousands of groups at 10,000 paragraphs).
            groups: Vec::with_capacity(old.min(new)),
            old_group: vec![None; old],
            new_group: vec![None; new],
        }
    }

    fn link(&mut self, i: usize, j: usize) {
        let g = self.groups.len();
        self.groups.push(Group {
            old: vec![i],
            new: vec![j],
            why: None,
        });
        self.old_group[i] = Some(g);
        self.new_group[j] = Some(g);
    }

    /// The groups as `(first old, first new)` positions, in new order, with their ids.
    fn order_pairs(&self) -> Vec<(usize, usize, usize)> {
        let mut pairs: Vec<(usize, usize, usize)> = self
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| (min(&group.old), min(&group.new), g))
            .collect();
        pairs.sort_by_key(|&(o, n, _)| (n, o));
        pairs
    }
}

fn min(v: &[usize]) -> usize {
    v.iter().copied().min().unwrap_or(0)
}

/// The aligner's weighted similarities between the paragraphs of two instruments, for
/// inspecting an alignment (why a pair was or was not linked). Indices are positions in
/// `Instrument::paragraphs`. Hidden: the aligner's tests and reports read it; it is no
/// promise of the library.
#[doc(hidden)]
#[derive(Debug)]
pub struct Similarities {
    old: Vec<Bag>,
    new: Vec<Bag>,
    vocabulary: Vocabulary,
}

impl Similarities {
    /// Weighs the words of both instruments as [`align`] does.
    pub fn new(old: &Instrument, new: &Instrument) -> Similarities {
        let old_texts: Vec<&str> = old.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let new_texts: Vec<&str> = new.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let (old, new, vocabulary) = similarity::bags(&old_texts, &new_texts);
        Similarities {
            old,
            new,
            vocabulary,
        }
    }

    /// Weighted similarity of old paragraph `i` and new paragraph `j`, 0.0 to 1.0.
    pub fn similarity(&self, i: usize, j: usize) -> f64 {
        self.vocabulary.similarity(&self.old[i], &self.new[j])
    }

    /// Weighted share of old paragraph `i`'s words found in new paragraph `j`.
    pub fn old_in_new(&self, i: usize, j: usize) -> f64 {
        self.vocabulary.containment(&self.old[i], &self.new[j])
    }

    /// Weighted share of new paragraph `j`'s words found in old paragraph `i`.
    pub fn new_in_old(&self, i: usize, j: usize) -> f64 {
        self.vocabulary.containment(&self.new[j], &self.old[i])
    }
}

/// What the aligner reads of one version's paragraphs, whatever it is compared with: their
/// texts, kinds, words ([`similarity::SideWords`]), references and fold hashes.
#[derive(Debug)]
pub(crate) struct Side<'t> {
    texts: Vec<&'t str>,
    kinds: Vec<Kind>,
    words: similarity::SideWords,
    /// The document symbols and years each paragraph cites ([`evidence::references`]).
    references: Vec<Vec<&'t str>>,
    /// [`fold::fold_hash`] of each paragraph.
    fold_hashes: Vec<u64>,
}

impl<'t> Side<'t> {
    /// Reads the paragraphs `texts` of kinds `kinds`; those with the text of a paragraph of
    /// `earlier`, a version read before, take what does not depend on where they stand
    /// (their words, fold hash and the references they cite) from there rather than reading
    /// it again.
    fn read(texts: Vec<&'t str>, kinds: Vec<Kind>, earlier: Option<&Side<'_>>) -> Side<'t> {
        let same_text = earlier.map(|earlier| {
            let mut by_text: FastMap<&str, usize> =
                FastMap::with_capacity_and_hasher(earlier.texts.len(), Default::default());
            for (q, &text) in earlier.texts.iter().enumerate() {
                by_text.entry(text).or_insert(q);
            }
            texts
                .iter()
                .map(|text| by_text.get(text).copied())
                .collect::<Vec<Option<usize>>>()
        });
        let (fold_hashes, references) = match (earlier, &same_text) {
            (Some(earlier), Some(same_text)) => texts
                .iter()
                .zip(same_text)
                .map(|(&text, same)| match same {
                    Some(q) => (
                        earlier.fold_hashes[*q],
                        earlier.references[*q]
                            .iter()
                            .map(|r| same_place(r, earlier.texts[*q], text))
                            .collect(),
                    ),
                    None => (fold::fold_hash(text), evidence::references(text)),
                })
                .unzip(),
            _ => (
                fold_hashes(&texts),
                texts.iter().map(|t| evidence::references(t)).collect(),
            ),
        };
        Side {
            words: similarity::SideWords::read_beside(
                &texts,
                earlier
                    .zip(same_text.as_deref())
                    .map(|(e, same)| (&e.words, same)),
            ),
            references,
            fold_hashes,
            texts,
            kinds,
        }
    }
}

/// The slice of `text` where `part`, a slice of `original`, stands in it: `text` has the
/// same bytes as `original`.
fn same_place<'t>(part: &str, original: &str, text: &'t str) -> &'t str {
    let at = part.as_ptr() as usize - original.as_ptr() as usize;
    &text[at..at + part.len()]
}

/// [`fold::fold_hash`] of each of `texts`.
fn fold_hashes(texts: &[&str]) -> Vec<u64> {
    texts.iter().map(|t| fold::fold_hash(t)).collect()
}

/// One version of an instrument read for the aligner: the work on its paragraphs that does
/// not depend on the version it is compared with (reading their words, the references they
/// cite, ...). [`align`] reads both versions; a version compared with several others (the
/// middle versions of a history, each the new version of one step and the old of the
/// next) is read once and given to [`align_prepared`] each time.
#[derive(Debug)]
pub struct Prepared<'a> {
    instrument: &'a Instrument,
    side: Side<'a>,
}

impl<'a> Prepared<'a> {
    /// Reads the paragraphs of `instrument`.
    pub fn new(instrument: &'a Instrument) -> Prepared<'a> {
        Prepared::read(instrument, None)
    }

    /// Reads the paragraphs of `instrument`, another version of `earlier`'s: the same as
    /// [`Prepared::new`], at a fraction of the cost for the paragraphs the two share.
    pub fn beside(instrument: &'a Instrument, earlier: &Prepared<'_>) -> Prepared<'a> {
        Prepared::read(instrument, Some(&earlier.side))
    }

    fn read(instrument: &'a Instrument, earlier: Option<&Side<'_>>) -> Prepared<'a> {
        let texts = instrument
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        let kinds = instrument.paragraphs.iter().map(|p| p.kind()).collect();
        Prepared {
            instrument,
            side: Side::read(texts, kinds, earlier),
        }
    }
}

/// Aligns the paragraphs of two versions of an instrument.
pub fn align(old: &Instrument, new: &Instrument, options: &AlignOptions) -> Alignment {
    let paragraphs = old.paragraphs.len() + new.paragraphs.len();
    let (old, new) = if paragraphs >= crate::parallel::MIN_PARAGRAPHS {
        // Each version is read on a thread of its own for a large text.
        both(paragraphs, || Prepared::new(old), || Prepared::new(new))
    } else {
        let old = Prepared::new(old);
        let new = Prepared::beside(new, &old);
        (old, new)
    };
    align_prepared(&old, &new, options)
}

/// Aligns the paragraphs of two versions of an instrument read beforehand: the same
/// alignment as [`align`] of their instruments.
pub fn align_prepared(old: &Prepared<'_>, new: &Prepared<'_>, options: &AlignOptions) -> Alignment {
    let groups = align_sides(&old.side, &new.side, options);
    let (old, new) = (old.instrument, new.instrument);
    let ids = |g: &[usize], inst: &Instrument| g.iter().map(|&k| inst.paragraphs[k].id).collect();
    let old_id = |k: usize| old.paragraphs[k].id.to_string();
    Alignment {
        changes: groups
            .into_iter()
            .map(|(group, kind, similarity, moved)| Change {
                kind,
                old: ids(&group.old, old),
                new: ids(&group.new, new),
                similarity,
                moved,
                why: group.why.as_ref().map(|e| e.describe(&old_id)),
                references: None,
            })
            .collect(),
    }
}

/// The alignment of the paragraphs of two sides: changes as index groups, in output order.
fn align_sides(
    old: &Side<'_>,
    new: &Side<'_>,
    options: &AlignOptions,
) -> Vec<(Group, ChangeKind, f64, bool)> {
    let pairing = similarity::pair(&old.words, &new.words);
    let kinds = (old.kinds.as_slice(), new.kinds.as_slice());
    // The clues and the identical texts need only the pairing: on a large input one core
    // finds them while another weighs the words (each otherwise alone on one core). The
    // calling thread weighs the words: the bags are tens of thousands of allocations, which
    // its heap serves from pages it has freed before, where a new thread's took fresh pages
    // from the system, and they are freed here without a message to the thread that made
    // them.
    let ((clues, mut links), (old_bags, new_bags, vocabulary)) = both(
        old.texts.len() + new.texts.len(),
        || {
            let mut links = Links::new(old.texts.len(), new.texts.len());
            link_identical(
                &mut links,
                (&old.texts, &old.fold_hashes),
                (&new.texts, &new.fold_hashes),
            );
            (ClueSet::new(old, new, &pairing), links)
        },
        || similarity::bags_of(&old.words, &new.words, &pairing),
    );
    let pairs = candidates::candidates(
        (&old_bags, &new_bags),
        &vocabulary,
        options.probe_words,
        options.candidates,
        (&links.old_group, &links.new_group),
    );
    let overlap = |i: usize, j: usize| vocabulary.overlap(&old_bags[i], &new_bags[j]);
    let weigh = |pairs: &[(u32, u32)]| -> Vec<Scored> {
        pairs
            .iter()
            .zip(vocabulary.overlaps(pairs, (&old_bags, &new_bags)))
            .map(|(&(i, j), overlap)| (i as usize, j as usize, overlap))
            .collect()
    };
    // Weighing the candidate pairs of 10,000 paragraphs a side takes milliseconds that held
    // up the aligner on one core. A run cut among an old paragraph's pairs lays its bag out
    // once more and changes no sum.
    let scored: Vec<Scored> =
        if old.texts.len() + new.texts.len() >= crate::parallel::MIN_PARAGRAPHS {
            let runs: Vec<&[(u32, u32)]> = pairs
                .chunks(pairs.len().div_ceil(SCORE_RUNS).max(1))
                .collect();
            crate::parallel::map(&runs, true, |run| weigh(run)).concat()
        } else {
            weigh(&pairs)
        };

    // Strongest evidence first: sure links, then the pieces that complete them (a piece
    // found whole in a split paragraph beats a middling one-to-one link elsewhere), then the
    // other links and their pieces.
    for floor in [SURE_LINK_MIN.max(options.link_min), options.link_min] {
        // Room for every pair, as a filter's collect grows by doubling (megabytes copied at
        // 10,000 paragraphs): room that is not filled costs no page.
        let mut free: Vec<Edge> = Vec::with_capacity(scored.len());
        free.extend(
            scored
                .iter()
                .map(|&(i, j, overlap)| (i, j, overlap.similarity()))
                .filter(|&(i, j, sim)| {
                    sim >= floor && links.old_group[i].is_none() && links.new_group[j].is_none()
                }),
        );
        for (i, j) in assign::max_weight_matching(&free) {
            links.link(i, j);
        }
        attach_pieces(
            &mut links,
            &scored,
            (&old_bags, &new_bags),
            &vocabulary,
            options,
            &clues,
        );
    }
    // Openings held by exactly one old and one new paragraph.
    let mut openings: FastMap<&[u32], (usize, usize)> = FastMap::default();
    for bag in old_bags.iter().filter(|b| !b.opening.is_empty()) {
        openings.entry(&bag.opening).or_default().0 += 1;
    }
    for bag in new_bags.iter().filter(|b| !b.opening.is_empty()) {
        openings.entry(&bag.opening).or_default().1 += 1;
    }
    let own_opening = |i: usize, j: usize| {
        let (a, b) = (&old_bags[i].opening, &new_bags[j].opening);
        !a.is_empty() && a == b && openings.get(a.as_slice()) == Some(&(1, 1))
    };
    link_rewrites(
        &mut links,
        &scored,
        options,
        kinds,
        &clues,
        (&own_opening, &overlap),
    );
    finish(
        links,
        (&old.texts, &new.texts),
        (&old.fold_hashes, &new.fold_hashes),
        (&old_bags, &new_bags),
        &vocabulary,
        options,
        kinds,
    )
}

/// Links paragraphs of the same text up to typographic variants ([`fold::fold`], in every
/// mode: which paragraphs correspond does not depend on their spacing or quotes, only how
/// their change is classified does), the k-th occurrence of a text in the old version with
/// its k-th occurrence in the new one. Such a pair has the greatest similarity there is, so
/// the matching would link it anyway; linking it first keeps repeated paragraphs in order
/// (a text compared with itself stays unchanged) and takes them out of the candidate search,
/// whose cost grows with the square of the paragraphs sharing a word.
/// `hashes` are the [`fold::fold_hash`]es of `texts`, both sides.
fn link_identical(
    links: &mut Links,
    (old_texts, old_hashes): (&[&str], &[u64]),
    (new_texts, new_hashes): (&[&str], &[u64]),
) {
    /// The old texts of one fold, in order, and how many of them are linked already.
    struct Waiting {
        old: Vec<usize>,
        linked: usize,
    }
    // Keyed by the hash of the fold, so that no folded copy of a text is written out; texts
    // whose hashes collide are told apart by their folds.
    let mut waiting: FastMap<u64, Vec<Waiting>> =
        FastMap::with_capacity_and_hasher(old_texts.len(), Default::default());
    for (i, (text, &hash)) in old_texts.iter().zip(old_hashes).enumerate() {
        let folds = waiting.entry(hash).or_default();
        match folds
            .iter_mut()
            .find(|w| fold::same_fold(old_texts[w.old[0]], text))
        {
            Some(w) => w.old.push(i),
            None => folds.push(Waiting {
                old: vec![i],
                linked: 0,
            }),
        }
    }
    for (j, (text, hash)) in new_texts.iter().zip(new_hashes).enumerate() {
        let Some(folds) = waiting.get_mut(hash) else {
            continue;
        };
        let Some(w) = folds
            .iter_mut()
            .find(|w| fold::same_fold(old_texts[w.old[0]], text))
        else {
            continue;
        };
        if let Some(&i) = w.old.get(w.linked) {
            w.linked += 1;
            links.link(i, j);
        }
    }
}

/// A candidate pair, old and new paragraph, with what their words have in common: its
/// similarity and the containments that attach pieces and tell rewrites all follow from
/// that, weighed once.
type Scored = (usize, usize, Overlap);

/// Splits and merges: leftover paragraphs contained in a counterpart join its change.
fn attach_pieces(
    links: &mut Links,
    scored: &[Scored],
    (old_bags, new_bags): (&[Bag], &[Bag]),
    vocabulary: &Vocabulary,
    options: &AlignOptions,
    clues: &ClueSet,
) {
    // (containment, similarity, old, new, the new paragraph is the piece, the pair's common
    // weight)
    let mut offers: Vec<(f64, f64, usize, usize, bool, f64)> = Vec::new();
    // A piece is offered to a linked counterpart that contains most of it (its opening the
    // same as the counterpart's counting towards that: see `evidence.rs`), or that it
    // resembles as much as a one-to-one link would need (a merge of two long paragraphs
    // that were both cut down keeps neither whole).
    let offered = |c: f64, sim: f64| c >= options.contain_min || sim >= options.link_min;
    for &(i, j, overlap) in scored {
        let sim = overlap.similarity();
        if links.new_group[j].is_none() && links.old_group[i].is_some() {
            let c = overlap.second_in_first() + clues.opening_bonus(i, j);
            if offered(c, sim) {
                offers.push((c, sim, i, j, true, overlap.common));
            }
        }
        if links.old_group[i].is_none() && links.new_group[j].is_some() {
            let c = overlap.first_in_second() + clues.opening_bonus(i, j);
            if offered(c, sim) {
                offers.push((c, sim, i, j, false, overlap.common));
            }
        }
    }
    offers.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then((a.2, a.3, a.4).cmp(&(b.2, b.3, b.4)))
    });
    for (_, _, i, j, new_is_piece, common) in offers {
        // The whole is the paragraph that stays one; its change gains the piece.
        let (piece_free, whole_group) = if new_is_piece {
            (links.new_group[j].is_none(), links.old_group[i])
        } else {
            (links.old_group[i].is_none(), links.new_group[j])
        };
        if !piece_free {
            continue;
        }
        let (whole, pieces_side): (&Bag, &[Bag]) = if new_is_piece {
            (&old_bags[i], new_bags)
        } else {
            (&new_bags[j], old_bags)
        };
        let piece = if new_is_piece { j } else { i };
        // Pieces only complete an existing link: a short generic paragraph is "contained" in
        // many long ones, so containment alone never makes a link.
        let present: Vec<usize> = match whole_group {
            None => continue,
            Some(g) => {
                let group = &links.groups[g];
                let (whole_side, present) = if new_is_piece {
                    (&group.old, &group.new)
                } else {
                    (&group.new, &group.old)
                };
                // No many-to-many: the whole must stand alone on its side.
                if whole_side.len() != 1 {
                    continue;
                }
                present.clone()
            }
        };
        // Of the whole's words the piece holds, the share the other pieces lacked.
        let piece_share = common / whole.mass.max(1e-12);
        // The gain below can be no more than the piece's share: skip the unions when even
        // that falls short.
        if piece_share < PIECE_GAIN_FLOOR {
            continue;
        }
        let present_bag = match present.as_slice() {
            [one] => Cow::Borrowed(&pieces_side[*one]),
            _ => Cow::Owned(similarity::union(
                present.iter().map(|&k| &pieces_side[k]),
                vocabulary,
            )),
        };
        let before = vocabulary.containment(whole, &present_bag);
        let after_bag = similarity::union_with(&present_bag, &pieces_side[piece], vocabulary);
        let after = vocabulary.containment(whole, &after_bag);
        let gain = after - before;
        if gain < PIECE_GAIN_FLOOR || gain < options.piece_gain_min * piece_share {
            continue;
        }
        let g = whole_group.expect("checked above");
        if new_is_piece {
            links.groups[g].new.push(j);
            links.new_group[j] = Some(g);
        } else {
            links.groups[g].old.push(i);
            links.old_group[i] = Some(g);
        }
    }
}

/// What an old and a new paragraph, by position, have in common.
type PairOverlap<'a> = &'a dyn Fn(usize, usize) -> Overlap;
/// A test of an old and a new paragraph, by position.
type PairTest<'a> = &'a dyn Fn(usize, usize) -> bool;

/// Rewrites: leftovers linked on the evidence a reader uses besides shared words (see
/// `evidence.rs`): their similarity plus what their clues add must reach
/// [`AlignOptions::link_min`], and the similarity itself [`AlignOptions::rewrite_min`].
/// The pairs looked at are the scored candidates and every pair facing each other in a short
/// stretch between two paragraphs that kept their order (a rewrite may share too few rare
/// words to be proposed).
fn link_rewrites(
    links: &mut Links,
    scored: &[Scored],
    options: &AlignOptions,
    kinds: (&[Kind], &[Kind]),
    clues: &ClueSet,
    (own_opening, overlap): (PairTest<'_>, PairOverlap<'_>),
) {
    let pairs = links.order_pairs();
    let on_lis = in_order(&pairs, kinds);
    let anchors: Vec<(usize, usize)> = pairs
        .iter()
        .zip(&on_lis)
        .filter(|(_, on)| **on)
        .map(|(p, _)| (p.0, p.1))
        .collect();
    let gap_old = |i: usize| anchors.partition_point(|a| a.0 < i);
    let gap_new = |j: usize| anchors.partition_point(|a| a.1 < j);
    // The leftovers of each stretch, both sides.
    let mut leftovers: Vec<(Vec<usize>, Vec<usize>)> = vec![Default::default(); anchors.len() + 1];
    for (i, g) in links.old_group.iter().enumerate() {
        if g.is_none() {
            leftovers[gap_old(i)].0.push(i);
        }
    }
    for (j, g) in links.new_group.iter().enumerate() {
        if g.is_none() {
            leftovers[gap_new(j)].1.push(j);
        }
    }
    let slot_of = |i: usize, j: usize| {
        let g = gap_old(i);
        (g == gap_new(j)).then(|| Slot {
            before: g.checked_sub(1).map(|k| anchors[k].0),
            after: anchors.get(g).map(|a| a.0),
            // Between two neighbours: a stretch at either end is bounded on one side only.
            sole: g > 0
                && g < anchors.len()
                && leftovers[g].0.len() == 1
                && leftovers[g].1.len() == 1,
        })
    };
    let free = |i: usize, j: usize| links.old_group[i].is_none() && links.new_group[j].is_none();
    let mut looked_at: Vec<Scored> = scored
        .iter()
        .copied()
        .filter(|&(i, j, _)| free(i, j))
        .collect();
    for (olds, news) in leftovers
        .iter()
        .filter(|(o, n)| o.len() <= SLOT_PAIRS_MAX && n.len() <= SLOT_PAIRS_MAX)
    {
        for &i in olds {
            for &j in news {
                looked_at.push((i, j, overlap(i, j)));
            }
        }
    }
    looked_at.sort_by_key(|a| (a.0, a.1));
    looked_at.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    let mut evidence: FastMap<(usize, usize), Evidence> = FastMap::default();
    let mut weak: Vec<Edge> = Vec::new();
    for (i, j, overlap) in looked_at {
        let sim = overlap.similarity();
        let shorter = shorter_share(&overlap);
        if sim < options.rewrite_min && shorter < evidence::PARTLY {
            continue;
        }
        let contained =
            overlap.first_in_second().max(overlap.second_in_first()) >= options.contain_min;
        let e = Evidence::between(
            (&clues.old[i], &clues.new[j]),
            &clues.counts,
            slot_of(i, j),
            (contained, own_opening(i, j), shorter),
            kinds.0[i] != kinds.1[j],
        );
        let floor = e.similarity_floor(options.rewrite_min);
        let score = sim + e.bonus();
        if score >= options.link_min && (sim >= floor || e.partly_contained) {
            weak.push((i, j, score));
            // A pair alike enough on its words alone (one no candidate search proposed)
            // needs no reason.
            if sim < options.link_min {
                evidence.insert((i, j), e);
            }
        }
    }
    for (i, j) in assign::max_weight_matching(&weak) {
        links.link(i, j);
        let g = links.groups.len() - 1;
        links.groups[g].why = evidence.remove(&(i, j));
    }
}

/// Of two paragraphs whose words overlap as `overlap` says, the share of the shorter one's
/// words found in the longer one when it is at most half as long (0 for two of comparable
/// length, which the similarity measures well).
fn shorter_share(overlap: &Overlap) -> f64 {
    let (first, second) = overlap.masses;
    if first <= second {
        if first * 2.0 <= second {
            return overlap.first_in_second();
        }
    } else if second * 2.0 <= first {
        return overlap.second_in_first();
    }
    0.0
}

/// Which of the `(old, new, _)` pairs (sorted by new) keep their relative order: one longest
/// chain increasing on both sides. Among chains of the same length, the one keeping the most
/// paragraphs of the same kind (PP to PP, OP to OP) wins, so a paragraph that turned from
/// preambular into operative is the one that moved, not its neighbour.
fn in_order(pairs: &[(usize, usize, usize)], kinds: (&[Kind], &[Kind])) -> Vec<bool> {
    let values: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    let bonus: Vec<bool> = pairs
        .iter()
        .map(|&(o, n, _)| kinds.0[o] == kinds.1[n])
        .collect();
    heaviest_increasing(&values, &bonus)
}

/// Flags of the elements of a longest strictly increasing subsequence of `values`; among the
/// longest, one with the most elements flagged in `preferred`. Fenwick tree over values:
/// O(n log n).
fn heaviest_increasing(values: &[usize], preferred: &[bool]) -> Vec<bool> {
    let n = values.len();
    if n == 0 {
        return Vec::new();
    }
    let span = values.iter().copied().max().unwrap_or(0) + 1;
    // A chain's score: (length, preferred elements), compared lexicographically.
    let mut tree: Vec<((usize, usize), Option<usize>)> = vec![((0, 0), None); span + 1];
    let mut best: Vec<((usize, usize), Option<usize>)> = vec![((0, 0), None); n];
    for (k, &v) in values.iter().enumerate() {
        // Best chain ending below v: prefix maximum over 1..=v.
        let mut prev: ((usize, usize), Option<usize>) = ((0, 0), None);
        let mut x = v;
        while x > 0 {
            if tree[x].0 > prev.0 {
                prev = tree[x];
            }
            x &= x - 1;
        }
        let score = (prev.0.0 + 1, prev.0.1 + usize::from(preferred[k]));
        best[k] = (score, prev.1);
        let mut x = v + 1;
        while x <= span {
            if score > tree[x].0 {
                tree[x] = (score, Some(k));
            }
            x += x & x.wrapping_neg();
        }
    }
    let mut on = vec![false; n];
    let mut cur = (0..n).max_by(|&a, &b| best[a].0.cmp(&best[b].0).then(b.cmp(&a)));
    while let Some(k) = cur {
        on[k] = true;
        cur = best[k].1;
    }
    on
}

/// Flags of the elements on one longest strictly increasing subsequence of `values`.
#[cfg(test)]
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    heaviest_increasing(values, &vec![false; values.len()])
}

/// Classifies the groups, flags moves and puts every paragraph in one change, in new order
/// with removed paragraphs after the change of their old predecessor.
///
/// `fold_hashes` are the [`fold::fold_hash`]es of the texts, both sides.
fn finish(
    mut links: Links,
    (old, new): (&[&str], &[&str]),
    fold_hashes: (&[u64], &[u64]),
    (old_bags, new_bags): (&[Bag], &[Bag]),
    vocabulary: &Vocabulary,
    options: &AlignOptions,
    kinds: (&[Kind], &[Kind]),
) -> Vec<(Group, ChangeKind, f64, bool)> {
    for group in &mut links.groups {
        group.old.sort_unstable();
        group.new.sort_unstable();
    }
    let pairs = links.order_pairs();
    let on_lis = in_order(&pairs, kinds);
    let mut moved = vec![false; links.groups.len()];
    for (p, on) in pairs.iter().zip(&on_lis) {
        moved[p.2] = !on;
    }

    // Entries holding new paragraphs, by first new position: linked groups and added ones.
    let mut entries: Vec<(Group, ChangeKind, f64, bool)> = Vec::with_capacity(new.len());
    let mut entry_of_group = vec![0usize; links.groups.len()];
    for j in 0..new.len() {
        match links.new_group[j] {
            // A group's new paragraphs are sorted: it is entered at its first.
            Some(g) if links.groups[g].new.first() == Some(&j) => {
                // Taken, not copied: with its paragraphs gone, it is never entered again.
                let group = std::mem::take(&mut links.groups[g]);
                let (kind, sim) = classify(
                    &group,
                    (old, new),
                    fold_hashes,
                    (old_bags, new_bags),
                    vocabulary,
                    options,
                );
                entry_of_group[g] = entries.len();
                entries.push((group, kind, sim, moved[g]));
            }
            Some(_) => {}
            None => entries.push((
                Group {
                    old: Vec::new(),
                    new: vec![j],
                    why: None,
                },
                ChangeKind::Added,
                0.0,
                false,
            )),
        }
    }
    // Removed paragraphs, each after the entry of its nearest linked old predecessor.
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); entries.len() + 1];
    let mut anchor = 0; // 0 = before everything, e + 1 = after entry e
    for i in 0..old.len() {
        match links.old_group[i] {
            Some(g) => anchor = entry_of_group[g] + 1,
            None => after[anchor].push(i),
        }
    }
    let removed = |i: usize| {
        (
            Group {
                old: vec![i],
                new: Vec::new(),
                why: None,
            },
            ChangeKind::Removed,
            0.0,
            false,
        )
    };
    let mut out = Vec::with_capacity(entries.len() + old.len());
    out.extend(after[0].iter().map(|&i| removed(i)));
    for (e, entry) in entries.into_iter().enumerate() {
        out.push(entry);
        out.extend(after[e + 1].iter().map(|&i| removed(i)));
    }
    out
}

/// Whether a linked group is one text linked with an equivalent one: [`classify`] finds it
/// unchanged without reading the bags. `fold_hashes` are the [`fold::fold_hash`]es of the
/// texts, both sides.
fn is_unchanged(
    group: &Group,
    (old, new): (&[&str], &[&str]),
    (old_hashes, new_hashes): (&[u64], &[u64]),
    options: &AlignOptions,
) -> bool {
    // Texts of the same fold have the same hash: different hashes tell a changed pair
    // without comparing it character by character up to its first difference.
    matches!((group.old.as_slice(), group.new.as_slice()), (&[i], &[j])
        if old_hashes[i] == new_hashes[j] && fold::equivalent(old[i], new[j], options.fold))
}

/// The kind and the (weighted, rounded) similarity of a linked group. `fold_hashes` are the
/// [`fold::fold_hash`]es of the texts, both sides.
fn classify(
    group: &Group,
    texts: (&[&str], &[&str]),
    fold_hashes: (&[u64], &[u64]),
    (old_bags, new_bags): (&[Bag], &[Bag]),
    vocabulary: &Vocabulary,
    options: &AlignOptions,
) -> (ChangeKind, f64) {
    if is_unchanged(group, texts, fold_hashes, options) {
        return (ChangeKind::Unchanged, 1.0);
    }
    // One bag a side: a piece alone, or the pieces of a split or merge taken together.
    fn side<'b>(ids: &[usize], bags: &'b [Bag], vocabulary: &Vocabulary) -> Cow<'b, Bag> {
        match ids {
            [one] => Cow::Borrowed(&bags[*one]),
            many => Cow::Owned(similarity::union(
                many.iter().map(|&k| &bags[k]),
                vocabulary,
            )),
        }
    }
    let old_bag = side(&group.old, old_bags, vocabulary);
    let new_bag = side(&group.new, new_bags, vocabulary);
    let sim = (vocabulary.similarity(&old_bag, &new_bag) * 1000.0).round() / 1000.0;
    if kept_share(&old_bag, &new_bag) >= options.reworded_min {
        (ChangeKind::Reworded, sim)
    } else {
        (ChangeKind::Rewritten, sim)
    }
}

/// Unweighted Dice of two bags (numbers one word class): the share of the wording kept.
fn kept_share(a: &Bag, b: &Bag) -> f64 {
    let size = |bag: &Bag| bag.terms.iter().map(|&(_, c)| c as usize).sum::<usize>();
    let total = size(a) + size(b);
    if total == 0 {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.terms.len() && j < b.terms.len() {
        let ((ta, ca), (tb, cb)) = (a.terms[i], b.terms[j]);
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += ca.min(cb) as usize;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The alignment of two lists of paragraph texts of the given kinds.
    fn align_texts(
        old: &[&str],
        new: &[&str],
        options: &AlignOptions,
        (old_kinds, new_kinds): (&[Kind], &[Kind]),
    ) -> Vec<(Group, ChangeKind, f64, bool)> {
        let old = Side::read(old.to_vec(), old_kinds.to_vec(), None);
        // Read beside the old side, as `align` reads it.
        let new = Side::read(new.to_vec(), new_kinds.to_vec(), Some(&old));
        align_sides(&old, &new, options)
    }

    #[test]
    fn longest_increasing_flags_the_odd_one_out() {
        assert_eq!(
            longest_increasing(&[0, 1, 7, 2, 3]),
            [true, true, false, true, true]
        );
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }

    #[test]
    fn kept_share_counts_multiset_overlap() {
        let (a, b, _) = similarity::bags(&["a b c d"], &["a b c e"]);
        assert!((kept_share(&a[0], &b[0]) - 0.75).abs() < 1e-9);
    }

    /// The kind of the one change linking `old` to `new`, each a one-paragraph version.
    fn kind_of(old: &str, new: &str, fold: fold::Mode) -> ChangeKind {
        let options = AlignOptions {
            fold,
            ..AlignOptions::default()
        };
        let kinds = [Kind::Operative];
        let changes = align_texts(&[old], &[new], &options, (&kinds, &kinds));
        assert_eq!(changes.len(), 1, "{old:?} -> {new:?}");
        changes[0].1
    }

    #[test]
    fn unchanged_means_the_same_text_up_to_typographic_variants() {
        let old = "Calls upon Member States, in line with the G20 and SDG16, to give $100;";
        for edit in [
            "Calls upon member States, in line with the G20 and SDG16, to give $100;",
            "Calls upon Member States in line with the G20 and SDG16, to give $100;",
            "Calls upon Member States, in line with the G7 and SDG16, to give $100;",
            "Calls upon Member States, in line with the G20 and SDG17, to give $100;",
            "Calls upon Member States, in line with the G20 and SDG16, to give €100;",
            "Calls upon Member States, in line with the G20 and SDG16, to give -$100;",
            "Calls upon Member States, in line with the G20 and SDG16, to give $100.",
            "Calls upon “Member States”, in line with the G20 and SDG16, to give $100;",
        ] {
            assert_eq!(
                kind_of(old, edit, fold::Mode::Typographic),
                ChangeKind::Reworded,
                "{edit:?}"
            );
        }
        let typographic =
            "Calls upon Member\u{a0}States, in line with the G20 and SDG16, to give $100;";
        assert_eq!(
            kind_of(old, typographic, fold::Mode::Typographic),
            ChangeKind::Unchanged
        );
        assert_eq!(
            kind_of(old, typographic, fold::Mode::Strict),
            ChangeKind::Reworded
        );
    }

    #[test]
    fn a_repeated_paragraph_with_a_no_break_space_keeps_its_place() {
        let repeated = "Decides to remain seized of the matter.";
        let spaced = "Decides to remain seized\u{a0}of the matter.";
        let old = [repeated, "Requests a report on the programme;", repeated];
        let new = [spaced, "Requests a report on the programme;", repeated];
        let kinds = [Kind::Operative; 3];
        for fold in [fold::Mode::Typographic, fold::Mode::Strict] {
            let options = AlignOptions {
                fold,
                ..AlignOptions::default()
            };
            let changes = align_texts(&old, &new, &options, (&kinds, &kinds));
            // Each copy with its own: no crossing links, so nothing reads as moved.
            let links: Vec<(Vec<usize>, Vec<usize>)> = changes
                .iter()
                .map(|(group, _, _, _)| (group.old.clone(), group.new.clone()))
                .collect();
            for k in 0..3 {
                assert!(links.contains(&(vec![k], vec![k])), "{fold:?}: {links:?}");
            }
        }
    }

    /// The paragraph texts of a segmentation file of the test fixtures.
    fn seg_texts(path: &str) -> Vec<String> {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let seg: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(full).expect("fixture")).expect("json");
        ["pp", "op"]
            .iter()
            .flat_map(|k| seg[k].as_array().cloned().unwrap_or_default())
            .map(|p| p["text"].as_str().unwrap_or("").to_owned())
            .collect()
    }

    /// On the candidate graphs of real and synthetic pairs, greedy-by-score comes within
    /// 1% of the optimum but not to it (0.02 of 63 short on the restructured 2014 -> 2016
    /// pair, up to 0.48 of 85 on heavy synthetic pairs, where splits and merges make near ties):
    /// why the exact method is used where affordable and greedy only on huge components.
    #[test]
    fn greedy_is_near_optimum() {
        let pairs = [
            ("real/69-197", "real/71-draft"),
            ("real/71-draft", "real/73-draft"),
            ("real/73-draft", "real/78-229"),
            ("chain-heavy-s1/v0", "chain-heavy-s1/v1"),
            ("chain-heavy-s2/v2", "chain-heavy-s2/v3"),
        ];
        let options = AlignOptions::default();
        for (a, b) in pairs {
            let old = seg_texts(&format!("tests/fixtures/align/{a}.seg.json"));
            let new = seg_texts(&format!("tests/fixtures/align/{b}.seg.json"));
            let old: Vec<&str> = old.iter().map(String::as_str).collect();
            let new: Vec<&str> = new.iter().map(String::as_str).collect();
            let (ob, nb, v) = similarity::bags(&old, &new);
            let edges: Vec<Edge> = candidates::candidates(
                (&ob, &nb),
                &v,
                12,
                12,
                (
                    &vec![None::<usize>; ob.len()],
                    &vec![None::<usize>; nb.len()],
                ),
            )
            .into_iter()
            .map(|(i, j)| {
                let (i, j) = (i as usize, j as usize);
                (i, j, v.similarity(&ob[i], &nb[j]))
            })
            .filter(|e| e.2 >= options.link_min)
            .collect();
            let exact = assign::total(&edges, &assign::max_weight_matching(&edges));
            let greedy = assign::total(&edges, &assign::greedy(&edges));
            assert!(greedy <= exact + 1e-9);
            assert!(
                exact - greedy <= 1e-2 * exact,
                "{a} -> {b}: greedy {greedy} exact {exact}"
            );
        }
    }
}
