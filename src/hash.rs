//! The hash tables of the hot paths (term ids, token ids, word pairs): rustc-hash's FxHash.
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
