//! imara-diff's Histogram diff of interned tokens, as similar's operations.
//!
//! Histogram is Patience's idea (anchor on the rarest tokens, so that common words such as
//! "the" or "," do not pair up across unrelated phrases) as git implements it: it anchors on
//! the least frequent token of the stretch rather than only on tokens found once, and
//! recurses on both sides of the anchor. Measured on the 1,583 changed paragraph pairs of the
//! seed series and the 143 draft → adopted pairs it marks fewer tokens as edited than
//! similar's Patience (67,699 against 68,537 after the cleanup of [`super::words`]) in fewer
//! runs (3,224 against 3,237), at about a sixth of the instructions (BENCHMARKS.md).
//!
//! imara-diff's own slider post-processing is not run: the cleanup of [`super::words`] decides
//! where an edit's white space goes, and on the same pairs the post-processed diff marked more
//! tokens in more runs than the raw one.

use imara_diff::{Algorithm, Diff, Token};
use similar::DiffOp;

/// The Histogram diff of `old` and `new` (interned tokens): operations tiling both
/// sequences in order, equal runs and edits alternating, an edit with both sides a
/// [`DiffOp::Replace`].
pub(super) fn diff(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    let old_tokens: Vec<Token> = old.iter().copied().map(Token).collect();
    let new_tokens: Vec<Token> = new.iter().copied().map(Token).collect();
    // imara-diff counts occurrences in a table indexed by token.
    let num_tokens = old.iter().chain(new).max().map_or(0, |&t| t + 1);
    let mut diff = Diff::default();
    diff.compute_with(Algorithm::Histogram, &old_tokens, &new_tokens, num_tokens);
    let mut ops = Vec::new();
    let (mut old_at, mut new_at) = (0, 0);
    for hunk in diff.hunks() {
        let before = hunk.before.start as usize..hunk.before.end as usize;
        let after = hunk.after.start as usize..hunk.after.end as usize;
        if before.start > old_at {
            ops.push(DiffOp::Equal {
                old_index: old_at,
                new_index: new_at,
                len: before.start - old_at,
            });
        }
        ops.push(match (before.is_empty(), after.is_empty()) {
            (false, true) => DiffOp::Delete {
                old_index: before.start,
                old_len: before.len(),
                new_index: after.start,
            },
            (true, false) => DiffOp::Insert {
                old_index: before.start,
                new_index: after.start,
                new_len: after.len(),
            },
            _ => DiffOp::Replace {
                old_index: before.start,
                old_len: before.len(),
                new_index: after.start,
                new_len: after.len(),
            },
        });
        (old_at, new_at) = (before.end, after.end);
    }
    if old_at < old.len() {
        ops.push(DiffOp::Equal {
            old_index: old_at,
            new_index: new_at,
            len: old.len() - old_at,
        });
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redline::test_tokens as tokens;

    /// Both sequences rebuilt from `ops`, checking that they tile both in order, alternate
    /// equal runs and edits, and that every equal run holds equal tokens.
    fn rebuild(ops: &[DiffOp], old: &[u32], new: &[u32]) -> (Vec<u32>, Vec<u32>) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut at = (0, 0);
        let mut last_equal = None;
        for op in ops {
            let (o, n) = (op.old_range(), op.new_range());
            assert_eq!((o.start, n.start), at, "{ops:?}");
            assert!(!o.is_empty() || !n.is_empty(), "{ops:?}");
            let equal = matches!(op, DiffOp::Equal { .. });
            assert_ne!(last_equal, Some(equal), "{ops:?}");
            if equal {
                assert_eq!(old[o.clone()], new[n.clone()]);
            }
            a.extend_from_slice(&old[o.clone()]);
            b.extend_from_slice(&new[n.clone()]);
            at = (o.end, n.end);
            last_equal = Some(equal);
        }
        (a, b)
    }

    #[test]
    fn operations_tile_both_sequences() {
        for seed in 0..300 {
            let len = (seed as usize * 7) % 120;
            let vocabulary = 2 + (seed as u32 % 40);
            let old = tokens(seed, len, vocabulary);
            let new = tokens(seed + 1000, len / 2 + 3, vocabulary);
            let ops = diff(&old, &new);
            assert_eq!(rebuild(&ops, &old, &new), (old, new));
        }
        assert!(diff(&[], &[]).is_empty());
        assert_eq!(rebuild(&diff(&[1, 2], &[]), &[1, 2], &[]).0, [1, 2]);
        assert_eq!(rebuild(&diff(&[], &[1, 2]), &[], &[1, 2]).1, [1, 2]);
        assert_eq!(
            diff(&[1, 2, 3], &[1, 2, 3]),
            [DiffOp::Equal {
                old_index: 0,
                new_index: 0,
                len: 3
            }]
        );
    }

    /// One word replaced and one inserted in a sentence of repeated common words: two
    /// edits exactly where they were made.
    #[test]
    fn edits_show_where_they_were_made() {
        // "the rights of the child and the rights of the family" with ids per word.
        let old = [0, 1, 2, 0, 3, 4, 0, 1, 2, 0, 5];
        let new = [0, 1, 2, 0, 6, 4, 0, 1, 2, 7, 0, 5];
        let ops = diff(&old, &new);
        let edits: Vec<&DiffOp> = ops
            .iter()
            .filter(|op| !matches!(op, DiffOp::Equal { .. }))
            .collect();
        assert_eq!(
            edits,
            [
                &DiffOp::Replace {
                    old_index: 4,
                    old_len: 1,
                    new_index: 4,
                    new_len: 1
                },
                &DiffOp::Insert {
                    old_index: 9,
                    new_index: 9,
                    new_len: 1
                }
            ]
        );
        assert_eq!(rebuild(&ops, &old, &new), (old.to_vec(), new.to_vec()));
    }
}
