//! similar's Patience diff of interned tokens, operation for operation, without hashing each
//! token with SipHash.
//!
//! Patience anchors on tokens that occur once on each side, which keeps common words ("the",
//! ",") from pairing up across unrelated phrases, and falls back to Myers between the anchors.
//! `similar::capture_diff_slices(Algorithm::Patience, ..)` finds the tokens that occur once
//! by hashing every token with SipHash (similar guards against crafted collisions in inputs
//! it cannot trust): on a resolution's word diffs that was a third of similar's work. The
//! tokens here are already small integers, made by resdiff from texts it holds, so they are
//! counted in a table with a multiplicative hash instead; everything else is similar's own
//! code (its Myers, its `Replace` and `Compact` hooks), called in the same order with the
//! same inputs as its Patience, so that the operations are the same: a test holds the two
//! to the same output on random sequences.

use std::convert::Infallible;

use similar::DiffOp;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};

use crate::hash::FastMap;

/// Below this many tokens on either side, similar's Patience goes straight to its anchors;
/// from it, two sides with (almost) no token in common are replaced whole at once (similar's
/// `DISJOINT_FAST_PATH_MIN_LEN`).
const DISJOINT_MIN_LEN: usize = 512;

/// With fewer pairs of positions than this, the disjoint check is not worth its cost
/// (similar's `DISJOINT_FAST_PATH_MIN_WORK`).
const DISJOINT_MIN_WORK: usize = 128 * 1024;

/// How many tokens next to each end the disjoint check compares across before counting
/// shared tokens (similar's `DISJOINT_FAST_PATH_BOUNDARY_PROBE`).
const DISJOINT_BOUNDARY_PROBE: usize = 8;

/// Shared tokens tolerated by the disjoint check: one per this many tokens of the shorter
/// side, at least one and at most [`DISJOINT_MAX_COMMON`] (similar's
/// `NEAR_DISJOINT_COMMON_ITEM_DIVISOR` and `NEAR_DISJOINT_MAX_COMMON_ITEMS`).
const DISJOINT_COMMON_DIVISOR: usize = 1024;

/// See [`DISJOINT_COMMON_DIVISOR`].
const DISJOINT_MAX_COMMON: usize = 64;

/// The Patience diff of `old` and `new`: what `similar::capture_diff_slices` gives with
/// `Algorithm::Patience`.
pub(super) fn diff(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    let mut hook = Compact::new(Replace::new(Capture::new()), old, new);
    diff_into(&mut hook, old, new);
    hook.into_inner().into_inner().into_ops()
}

/// similar's `patience::diff_deadline` without a deadline, on whole slices.
fn diff_into<D: DiffHook<Error = Infallible>>(d: &mut D, old: &[u32], new: &[u32]) {
    if replaced_whole(d, old, new) {
        return;
    }
    if old.is_empty() || new.is_empty() {
        if !new.is_empty() {
            let Ok(()) = d.insert(0, 0, new.len());
        } else if !old.is_empty() {
            let Ok(()) = d.delete(0, old.len(), 0);
        }
        let Ok(()) = d.finish();
        return;
    }
    if old == new {
        let Ok(()) = d.equal(0, 0, old.len());
        let Ok(()) = d.finish();
        return;
    }
    let (old_unique, new_unique) = unique(old, new);
    let old_values: Vec<u32> = old_unique.iter().map(|&i| old[i]).collect();
    let new_values: Vec<u32> = new_unique.iter().map(|&i| new[i]).collect();
    let mut anchors = Replace::new(Anchors {
        d,
        old,
        new,
        old_unique: &old_unique,
        new_unique: &new_unique,
        old_at: 0,
        new_at: 0,
    });
    let Ok(()) = myers::diff_deadline(
        &mut anchors,
        &old_values[..],
        0..old_values.len(),
        &new_values[..],
        0..new_values.len(),
        None,
    );
}

/// The positions of the tokens that occur exactly once in their own side, old then new, in
/// order. (similar's `unique`: a token counts even if the other side lacks it.)
fn unique(old: &[u32], new: &[u32]) -> (Vec<usize>, Vec<usize>) {
    let mut counts: FastMap<u32, (u32, u32)> = FastMap::default();
    counts.reserve(old.len().max(new.len()));
    for &token in old {
        let count = &mut counts.entry(token).or_default().0;
        *count = count.saturating_add(1);
    }
    for &token in new {
        let count = &mut counts.entry(token).or_default().1;
        *count = count.saturating_add(1);
    }
    let old_unique = (0..old.len()).filter(|&i| counts[&old[i]].0 == 1);
    let new_unique = (0..new.len()).filter(|&j| counts[&new[j]].1 == 1);
    (old_unique.collect(), new_unique.collect())
}

/// similar's disjoint fast path (`maybe_emit_replace_fast_path`): two long sides sharing
/// almost no token are replaced whole, told to `d`, which returns true.
fn replaced_whole<D: DiffHook<Error = Infallible>>(d: &mut D, old: &[u32], new: &[u32]) -> bool {
    let (n, m) = (old.len(), new.len());
    if n < DISJOINT_MIN_LEN || m < DISJOINT_MIN_LEN || n.saturating_mul(m) < DISJOINT_MIN_WORK {
        return false;
    }
    if new[0] == old[0] || new[m - 1] == old[n - 1] {
        return false;
    }
    let probe = n.min(m).min(DISJOINT_BOUNDARY_PROBE + 1);
    for skip in 1..probe {
        if new[skip] == old[0]
            || new[0] == old[skip]
            || new[m - 1 - skip] == old[n - 1]
            || new[m - 1] == old[n - 1 - skip]
        {
            return false;
        }
    }
    let budget = (n.min(m) / DISJOINT_COMMON_DIVISOR).clamp(1, DISJOINT_MAX_COMMON);
    let in_old: FastMap<u32, ()> = old.iter().map(|&t| (t, ())).collect();
    let common = new
        .iter()
        .filter(|t| in_old.contains_key(t))
        .take(budget + 1);
    if common.count() > budget {
        return false;
    }
    let Ok(()) = d.delete(0, n, 0);
    let Ok(()) = d.insert(0, 0, m);
    let Ok(()) = d.finish();
    true
}

/// similar's Patience hook: told by Myers over the unique tokens which of them pair up, it
/// runs the equal tokens before each anchor forward and diffs the stretch between anchors
/// with Myers.
struct Anchors<'a, D> {
    d: &'a mut D,
    old: &'a [u32],
    new: &'a [u32],
    old_unique: &'a [usize],
    new_unique: &'a [usize],
    /// Where the output has reached on each side.
    old_at: usize,
    new_at: usize,
}

impl<D: DiffHook> DiffHook for Anchors<'_, D> {
    type Error = D::Error;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), D::Error> {
        for (old, new) in (old..old + len).zip(new..new + len) {
            let (old_anchor, new_anchor) = (self.old_unique[old], self.new_unique[new]);
            let (old_from, new_from) = (self.old_at, self.new_at);
            while self.old_at < old_anchor
                && self.new_at < new_anchor
                && self.new[self.new_at] == self.old[self.old_at]
            {
                self.old_at += 1;
                self.new_at += 1;
            }
            if self.old_at > old_from {
                self.d.equal(old_from, new_from, self.old_at - old_from)?;
            }
            let (old_side, new_side) = (self.old, self.new);
            myers::diff_deadline(
                &mut NoFinishHook::new(&mut *self.d),
                old_side,
                self.old_at..old_anchor,
                new_side,
                self.new_at..new_anchor,
                None,
            )?;
            self.old_at = old_anchor;
            self.new_at = new_anchor;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), D::Error> {
        let (old, new) = (self.old_at..self.old.len(), self.new_at..self.new.len());
        let (old_side, new_side) = (self.old, self.new);
        myers::diff_deadline(&mut *self.d, old_side, old, new_side, new, None)
    }
}

#[cfg(test)]
mod tests {
    use similar::{Algorithm, capture_diff_slices};

    use super::*;
    use crate::redline::test_tokens as tokens;

    /// `old` with some tokens replaced, dropped and inserted, as a new version would be.
    fn edited(old: &[u32], seed: u64, vocabulary: u32) -> Vec<u32> {
        let noise = tokens(seed, old.len() + 1, 100);
        let fresh = tokens(seed ^ 0x5eed, old.len() + 1, vocabulary);
        let mut new = Vec::with_capacity(old.len());
        for (i, &token) in old.iter().enumerate() {
            match noise[i] {
                0..=5 => {}
                6..=11 => new.push(fresh[i]),
                12..=17 => new.extend([fresh[i], token]),
                _ => new.push(token),
            }
        }
        new
    }

    fn same_as_similar(old: &[u32], new: &[u32]) {
        assert_eq!(
            diff(old, new),
            capture_diff_slices(Algorithm::Patience, old, new),
            "old {old:?}\nnew {new:?}"
        );
    }

    #[test]
    fn same_operations_as_similar_s_patience() {
        for seed in 0..300 {
            let len = (seed as usize * 7) % 120;
            let vocabulary = 2 + (seed as u32 % 40);
            let old = tokens(seed, len, vocabulary);
            same_as_similar(&old, &edited(&old, seed + 1, vocabulary));
            same_as_similar(&old, &tokens(seed + 1000, len / 2 + 3, vocabulary));
        }
        same_as_similar(&[], &[]);
        same_as_similar(&[1, 2], &[]);
        same_as_similar(&[], &[1, 2]);
        same_as_similar(&[1, 2, 3], &[1, 2, 3]);
    }

    /// Long sides: similar's disjoint fast path, taken or refused by a few shared tokens.
    #[test]
    fn same_operations_on_long_and_disjoint_sides() {
        let old = tokens(1, 700, 5_000);
        let disjoint: Vec<u32> = tokens(2, 800, 5_000).iter().map(|t| t + 5_000).collect();
        same_as_similar(&old, &disjoint);
        assert_eq!(diff(&old, &disjoint).len(), 1, "replaced whole at once");
        let mut two_shared = disjoint.clone();
        two_shared[300] = old[100];
        two_shared[500] = old[600];
        same_as_similar(&old, &two_shared);
        let mut one_shared = disjoint;
        one_shared[300] = old[100];
        same_as_similar(&old, &one_shared);
        same_as_similar(&old, &edited(&old, 3, 5_000));
        let repetitive = tokens(4, 2_000, 30);
        same_as_similar(&repetitive, &edited(&repetitive, 5, 30));
    }
}
