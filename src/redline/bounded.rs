//! The token diff under a bound on its work, so that any pair of texts under the size limit
//! is compared in seconds and in memory proportional to the texts.
//!
//! The exact diff is imara-diff's [Histogram](histogram), which anchors on the rarest tokens
//! and falls back to Myers where every token is common; Myers costs O((N + M) · D), and two
//! long texts of the same vocabulary (D near N + M) would make it quadratic, minutes for
//! megabytes. Up to [`EXACT_MAX_TOKENS`] tokens the diff is the exact one. Above it,
//! the anchors are found here (tokens found once on each side, in linear time, then
//! O(k log k) for their longest increasing run) and each stretch between them is diffed
//! exactly while it is small enough and a work budget proportional to the input lasts; a
//! stretch that is not gets its own anchors, and one that has none left is shown as replaced
//! whole. That last case is the only loss of precision, and it is reported
//! ([`BoundedDiff::coarse`]) so that the output can say so.
//!
//! The bound counts work, never time: the same texts give the same redline on every machine.

use std::ops::Range;

use similar::DiffOp;

use super::histogram;
use crate::hash::FastMap;

/// Tokens (of both texts together) up to which a stretch is diffed exactly. Myers' worst
/// case is about the square of this, some 4 · 10⁸ steps, well under a second; a real
/// paragraph pair is a few thousand tokens at most.
pub const EXACT_MAX_TOKENS: usize = 20_000;

/// The work allowed above [`EXACT_MAX_TOKENS`], per token of the input (and never less than
/// one exact diff of [`EXACT_MAX_TOKENS`]). An exact stretch counts as the square of its
/// tokens (Myers' worst case), a search for anchors as its tokens, so that the total stays
/// proportional to the input: 15 MB of text (some 5 million tokens) gets about 2.5 · 10⁹.
pub const EXACT_WORK_PER_TOKEN: usize = 500;

/// The diff of two token sequences and whether any of it is coarser than word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundedDiff {
    /// The operations, in order, tiling both sequences.
    pub ops: Vec<DiffOp>,
    /// Some stretch was shown as replaced whole rather than diffed word by word.
    pub coarse: bool,
}

/// The diff of `old` and `new` (interned tokens), [Histogram](histogram) for the exact
/// stretches, bounded as the module documentation says for texts of `total` tokens: `old`
/// and `new` may be what is left of them once their common start and end are set aside
/// (which the diff would set aside first), the bound staying that of the whole texts.
pub fn diff(old: &[u32], new: &[u32], total: usize) -> BoundedDiff {
    if total <= EXACT_MAX_TOKENS {
        return BoundedDiff {
            ops: histogram::diff(old, new),
            coarse: false,
        };
    }
    let mut state = State {
        old,
        new,
        budget: (EXACT_MAX_TOKENS * EXACT_MAX_TOKENS).max(EXACT_WORK_PER_TOKEN * total),
        coarse: false,
    };
    // What is still to produce, last piece first: an explicit stack, since stretches may
    // nest deeper than the call stack allows.
    let mut stack = vec![Work::Stretch(0..old.len(), 0..new.len())];
    let mut ops = Vec::new();
    while let Some(work) = stack.pop() {
        match work {
            Work::Op(op) => ops.push(op),
            Work::Stretch(old_range, new_range) => {
                state.stretch(old_range, new_range, &mut stack);
            }
        }
    }
    BoundedDiff {
        ops,
        coarse: state.coarse,
    }
}

/// A piece of the output still to produce.
enum Work {
    /// Two stretches to diff.
    Stretch(Range<usize>, Range<usize>),
    /// An operation, ready.
    Op(DiffOp),
}

struct State<'a> {
    old: &'a [u32],
    new: &'a [u32],
    /// Work left, in the units of [`EXACT_WORK_PER_TOKEN`].
    budget: usize,
    coarse: bool,
}

impl State<'_> {
    /// Diffs one pair of stretches: their common ends are equal runs; the middle is diffed
    /// exactly if allowed, else split at its anchors, else replaced whole. What it makes is
    /// pushed on `stack` last piece first.
    fn stretch(&mut self, old: Range<usize>, new: Range<usize>, stack: &mut Vec<Work>) {
        let (old_side, new_side) = (&self.old[old.clone()], &self.new[new.clone()]);
        let prefix = common_prefix(old_side.iter(), new_side.iter());
        let suffix = common_prefix(
            old_side[prefix..].iter().rev(),
            new_side[prefix..].iter().rev(),
        );
        let middle_old = old.start + prefix..old.end - suffix;
        let middle_new = new.start + prefix..new.end - suffix;
        if suffix > 0 {
            stack.push(equal(middle_old.end, middle_new.end, suffix));
        }
        let size = middle_old.len() + middle_new.len();
        let exact_cost = size.saturating_mul(size);
        if middle_old.is_empty() || middle_new.is_empty() {
            stack.extend(edit(middle_old, middle_new).map(Work::Op));
        } else if size <= EXACT_MAX_TOKENS && exact_cost <= self.budget {
            self.budget -= exact_cost;
            let ops = histogram::diff(&self.old[middle_old.clone()], &self.new[middle_new.clone()]);
            stack.extend(
                ops.into_iter()
                    .rev()
                    .map(|op| Work::Op(shift(op, middle_old.start, middle_new.start))),
            );
        } else {
            let anchors = if size <= self.budget {
                self.budget -= size;
                unique_anchors(&self.old[middle_old.clone()], &self.new[middle_new.clone()])
            } else {
                Vec::new()
            };
            if anchors.is_empty() {
                self.coarse = true;
                stack.extend(edit(middle_old, middle_new).map(Work::Op));
            } else {
                let mut after = (middle_old.end, middle_new.end);
                for &(a, b) in anchors.iter().rev() {
                    let (a, b) = (middle_old.start + a, middle_new.start + b);
                    stack.push(Work::Stretch(a + 1..after.0, b + 1..after.1));
                    stack.push(equal(a, b, 1));
                    after = (a, b);
                }
                stack.push(Work::Stretch(
                    middle_old.start..after.0,
                    middle_new.start..after.1,
                ));
            }
        }
        if prefix > 0 {
            stack.push(equal(old.start, new.start, prefix));
        }
    }
}

/// How many items the two sequences share at their start.
pub(super) fn common_prefix<T: PartialEq>(
    a: impl Iterator<Item = T>,
    b: impl Iterator<Item = T>,
) -> usize {
    a.zip(b).take_while(|(x, y)| x == y).count()
}

fn equal(old_index: usize, new_index: usize, len: usize) -> Work {
    Work::Op(DiffOp::Equal {
        old_index,
        new_index,
        len,
    })
}

/// The old stretch deleted and the new one inserted, as one operation (none when both are
/// empty).
fn edit(old: Range<usize>, new: Range<usize>) -> Option<DiffOp> {
    match (old.is_empty(), new.is_empty()) {
        (true, true) => None,
        (false, true) => Some(DiffOp::Delete {
            old_index: old.start,
            old_len: old.len(),
            new_index: new.start,
        }),
        (true, false) => Some(DiffOp::Insert {
            old_index: old.start,
            new_index: new.start,
            new_len: new.len(),
        }),
        (false, false) => Some(DiffOp::Replace {
            old_index: old.start,
            old_len: old.len(),
            new_index: new.start,
            new_len: new.len(),
        }),
    }
}

/// `op` of two stretches, moved to where the stretches start in the whole sequences.
fn shift(op: DiffOp, old_start: usize, new_start: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + old_start,
            new_index: new_index + new_start,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + old_start,
            old_len,
            new_index: new_index + new_start,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + old_start,
            new_index: new_index + new_start,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + old_start,
            old_len,
            new_index: new_index + new_start,
            new_len,
        },
    }
}

/// Anchors: the tokens that occur exactly once in `old` and once in `new`, as
/// `(old position, new position)`, reduced to their longest run increasing on both sides.
fn unique_anchors(old: &[u32], new: &[u32]) -> Vec<(usize, usize)> {
    /// Occurrences of a token on each side, and its position on each (the last seen).
    #[derive(Default)]
    struct Seen {
        old: u32,
        new: u32,
        old_at: usize,
        new_at: usize,
    }
    let mut seen: FastMap<u32, Seen> = FastMap::default();
    for (i, &token) in old.iter().enumerate() {
        let entry = seen.entry(token).or_default();
        entry.old = entry.old.saturating_add(1);
        entry.old_at = i;
    }
    for (j, &token) in new.iter().enumerate() {
        if let Some(entry) = seen.get_mut(&token) {
            entry.new = entry.new.saturating_add(1);
            entry.new_at = j;
        }
    }
    // In old order, so that the longest increasing run of new positions is the answer.
    let pairs: Vec<(usize, usize)> = old
        .iter()
        .filter_map(|token| {
            let entry = &seen[token];
            (entry.old == 1 && entry.new == 1).then_some((entry.old_at, entry.new_at))
        })
        .collect();
    longest_increasing_run(&pairs)
}

/// The longest subsequence of `pairs` (increasing in their first item) whose second items
/// increase too: patience sorting, O(k log k); the first such run wins a tie.
fn longest_increasing_run(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[l]: index of the pair ending the best run of length l + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = Vec::with_capacity(pairs.len());
    for (i, &(_, b)) in pairs.iter().enumerate() {
        let length = tails.partition_point(|&t| pairs[t].1 < b);
        previous.push(length.checked_sub(1).map(|l| tails[l]));
        if length == tails.len() {
            tails.push(i);
        } else {
            tails[length] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        run.push(pairs[i]);
        at = previous[i];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redline::test_tokens as tokens;

    /// Both sequences rebuilt from the operations: what faithfulness needs.
    fn rebuild(ops: &[DiffOp], old: &[u32], new: &[u32]) -> (Vec<u32>, Vec<u32>) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut at = (0, 0);
        for op in ops {
            let (o, n) = (op.old_range(), op.new_range());
            assert_eq!((o.start, n.start), at, "{ops:?}");
            if let DiffOp::Equal { .. } = op {
                assert_eq!(old[o.clone()], new[n.clone()]);
            }
            a.extend_from_slice(&old[o.clone()]);
            b.extend_from_slice(&new[n.clone()]);
            at = (o.end, n.end);
        }
        (a, b)
    }

    #[test]
    fn small_inputs_are_the_exact_diff_unchanged() {
        let (old, new) = (tokens(1, 3000, 40), tokens(2, 3000, 40));
        let got = diff(&old, &new, old.len() + new.len());
        assert!(!got.coarse);
        assert_eq!(got.ops, histogram::diff(&old, &new));
    }

    /// Long texts of one small vocabulary have no anchor: replaced whole, said coarse,
    /// still faithful.
    #[test]
    fn long_texts_without_anchors_are_replaced_and_said_coarse() {
        let (old, new) = (tokens(3, 200_000, 30), tokens(4, 210_000, 30));
        let got = diff(&old, &new, old.len() + new.len());
        assert!(got.coarse);
        assert_eq!(rebuild(&got.ops, &old, &new), (old, new));
    }

    /// Long texts with unique words between the repeated ones are still diffed word by
    /// word: an edit between anchors shows as itself.
    #[test]
    fn long_texts_with_anchors_stay_exact() {
        let old: Vec<u32> = (0..60_000)
            .map(|i| if i % 2 == 0 { 1_000_000 + i } else { i % 7 })
            .collect();
        let mut new = old.clone();
        new[30_001] = 99;
        new.insert(50_000, 98);
        let got = diff(&old, &new, old.len() + new.len());
        assert!(!got.coarse);
        let edits: Vec<&DiffOp> = got
            .ops
            .iter()
            .filter(|op| !matches!(op, DiffOp::Equal { .. }))
            .collect();
        assert_eq!(edits.len(), 2, "{edits:?}");
        assert_eq!(rebuild(&got.ops, &old, &new), (old, new));
    }

    #[test]
    fn longest_increasing_run_of_pairs() {
        let pairs = [(0, 3), (1, 1), (2, 2), (3, 0), (4, 4)];
        assert_eq!(longest_increasing_run(&pairs), [(1, 1), (2, 2), (4, 4)]);
        assert!(longest_increasing_run(&[]).is_empty());
    }
}
