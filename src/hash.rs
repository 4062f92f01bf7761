//! The hash tables of the hot paths (term ids, token ids; word pairs have a table of their
//! own in `align::similarity`): rustc-hash's FxHash; and short words as integers, which
//! hash and compare in a few instructions.
//!
//! Several times cheaper than the standard library's SipHash on the short keys these maps
//! hold (words, integer ids). It does not resist chosen collisions; the maps it serves are
//! filled from one document pair at a time and bounded by the input size limit, so the
//! worst a crafted text can do is slow its own comparison down. No output depends on it:
//! the maps are only looked up, never walked in their own order.

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
    match at
        .checked_add(16)
        .and_then(|end| text.as_bytes().get(at..end))
    {
        Some(window) => {
            let bytes = u128::from_le_bytes(window.try_into().expect("sixteen bytes"));
            let word_bytes = bytes & ((1u128 << (8 * len)) - 1);
            Some(word_bytes | (len as u128) << 120)
        }
        _ => short_key(word),
    }
}

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
