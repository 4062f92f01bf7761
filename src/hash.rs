//! The hash tables of the hot paths (term ids, token ids; word pairs have a table of their
//! own in `align::similarity`): rustc-hash's FxHash; and short words as integers, which
//! hash and compare in a few instructions.
//!
//! Several times cheaper than the standard library's SipHash on the short keys these maps
//! hold (words, integer ids). It does not resist chosen collisions; the maps it serves are
//! filled from one document pair at a time and bounded by the input size limit, so the
//! worst a crafted text can do is slow its own comparison down. No output depends on it:
//! the maps are only looked up, never walked in their own order.

use std::ops::Range;

/// A `HashMap` with FxHash.
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A `HashSet` with FxHash.
pub(crate) type FastSet<T> = rustc_hash::FxHashSet<T>;

/// [`short_key`] of `word`, a slice of `text`: read from the sixteen bytes of `text` where
/// the word starts when `text` has them, masked to the word, where copying a word of any
/// length into a key cost more than hashing it.
pub(crate) fn short_key_in(text: &str, word: &str) -> Option<u128> {
    let len = word.len();
    if len > 15 {
        return None;
    }
    // Where `word` starts in `text`; out of bounds for a word that is no slice of it (a
    // word within the bounds of `text` is its bytes there).
    let at = (word.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match text.as_bytes().get(at..).and_then(<[u8]>::first_chunk) {
        Some(window) => Some(key_of_window(window, len)),
        _ => short_key(word),
    }
}

/// [`short_key`] of the word at byte range `word` of `text`, read as [`short_key_in`] reads
/// it: for a reader that has the word's place, not a slice.
#[inline]
pub(crate) fn short_key_at(text: &[u8], word: Range<usize>) -> Option<u128> {
    let len = word.end - word.start;
    if len > 15 {
        return None;
    }
    match text.get(word.start..).and_then(<[u8]>::first_chunk) {
        Some(window) => Some(key_of_window(window, len)),
        None => {
            let mut window = [0u8; 16];
            window[..len].copy_from_slice(&text[word]);
            Some(key_of_window(&window, len))
        }
    }
}

/// The key of the word of `len` bytes (at most 15) that starts the sixteen bytes `window`.
#[inline]
fn key_of_window(window: &[u8; 16], len: usize) -> u128 {
    u128::from_le_bytes(*window) & WORD_MASKS[len] | (len as u128) << 120
}

/// The mask of the first `len` bytes of a little-endian `u128`, by `len`: a look-up, where
/// shifting a `u128` by a variable amount took a dozen instructions for every word read.
static WORD_MASKS: [u128; 16] = {
    let mut masks = [0; 16];
    let mut len = 0;
    while len < 16 {
        masks[len] = (1u128 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

/// A word of at most 15 bytes as an integer: its bytes, zero-padded, and its length in the
/// last byte, so that two words have the same key exactly when they are the same.
pub(crate) fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}
