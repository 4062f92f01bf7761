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

/// [`short_key`] of the word at byte range `word` of `text`: read from the sixteen bytes of
/// `text` where the word starts when `text` has them, masked to the word, where copying a
/// word of any length into a key cost more than hashing it.
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
    short_key_at(word.as_bytes(), 0..word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word's key is the same read alone and in place in a text (near its end too, where
    /// the text has fewer than sixteen bytes left); two words have the same key
    /// only when they are the same word; a word of more than 15 bytes has none.
    #[test]
    fn a_word_has_one_short_key_however_it_is_read() {
        let text = "Reaffirms\u{a0}its resolution 69/197,\0a a\0 abcdefghijklmno abcdefghijklmnop";
        let mut keys: Vec<(&str, u128)> = Vec::new();
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let word = &text[start..end];
                let key = short_key(word);
                assert_eq!(short_key_at(text.as_bytes(), start..end), key, "{word:?}");
                match key {
                    Some(key) => keys.push((word, key)),
                    None => assert!(word.len() > 15, "{word:?}"),
                }
            }
        }
        for &(a, key_a) in &keys {
            for &(b, key_b) in &keys {
                assert_eq!(a == b, key_a == key_b, "{a:?} {b:?}");
            }
        }
    }
}
