//! Words and tokens of a paragraph, for any script.
//!
//! Tokens come from unicode-segmentation's word bounds: words, numbers, punctuation and
//! white-space runs, so that concatenating the tokens of a text gives the text back exactly.
//! That is what lets a redline account for every character of both versions.
//!
//! A token never ends inside a grapheme cluster (a character as the reader sees it). The
//! word rules alone can cut one: a prepend character such as U+0600 ARABIC NUMBER SIGN or
//! U+110BD KAITHI NUMBER SIGN joins the next character into one cluster, space and
//! punctuation included, but the word rules let a word end after it. Such tokens are joined.
//!
//! A token is never part white space and part not. The word rules glue words across
//! U+202F NARROW NO-BREAK SPACE ("Resolution\u{202f}70" is one word to them), and a
//! narrow no-break space is only a typographic variant of a space: such tokens are cut at
//! the white space, so that the words of a text do not depend on its spacing.

use std::ops::Range;

use unicode_segmentation::{
    GraphemeCursor, GraphemeIndices, UWordBoundIndices, UnicodeSegmentation,
};

/// Every token of `text`, white space and punctuation included; their concatenation is
/// `text`, and each ends on a grapheme cluster boundary.
pub fn tokens(text: &str) -> Vec<&str> {
    // ASCII holds no prepend character, so its word bounds are grapheme boundaries.
    if text.is_ascii() {
        return ascii_tokens(text);
    }
    let mut out = Vec::with_capacity(text.len() / 3);
    for (ascii, span) in spans(text) {
        if ascii {
            out.extend(ascii_tokens(span));
        } else {
            out.extend(Tokens::new(span));
        }
    }
    out
}

/// `text` cut into spans of ASCII only (`true`) and spans holding other characters, so that
/// the ASCII ones can take the fast path: an English paragraph with one curly quote or dash
/// is mostly ASCII. The cuts fall where a word boundary is certain whatever surrounds it:
/// after a space and before an ASCII letter or digit (no word rule joins a space to what
/// follows, and an ASCII letter extends nothing before it), so that segmenting the spans one
/// by one gives the same bounds as segmenting the whole text.
fn spans(text: &str) -> Vec<(bool, &str)> {
    let b = text.as_bytes();
    let cut_at = |c: usize| is_safe_cut(b, c);
    let mut out = Vec::new();
    let mut start = 0;
    while start < b.len() {
        let Some(other) = first_non_ascii(&b[start..]) else {
            out.push((true, &text[start..]));
            break;
        };
        let other = start + other;
        let before = (start + 1..=other)
            .rev()
            .find(|&c| cut_at(c))
            .unwrap_or(start);
        if before > start {
            out.push((true, &text[start..before]));
        }
        let after = (other + 1..b.len()).find(|&c| cut_at(c)).unwrap_or(b.len());
        out.push((false, &text[before..after]));
        start = after;
    }
    out
}

/// Where the first byte of `bytes` that is not ASCII stands, found eight bytes at a time:
/// a paragraph with one curly quote is otherwise ASCII, and a byte at a time cost as much
/// as reading its words.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    for (k, chunk) in chunks.enumerate() {
        let high = u64::from_le_bytes(chunk.try_into().expect("chunks of eight")) & HIGH_BITS;
        if high != 0 {
            return Some(8 * k + high.trailing_zeros() as usize / 8);
        }
    }
    let at = bytes.len() - rest.len();
    rest.iter().position(|c| !c.is_ascii()).map(|k| at + k)
}

/// Whether `text` can be cut at byte `at` and each side tokenised alone, giving the tokens
/// of the whole: after a space and before an ASCII letter or digit (see `spans`).
pub(crate) fn is_safe_cut(text: &[u8], at: usize) -> bool {
    at > 0 && at < text.len() && text[at - 1] == b' ' && text[at].is_ascii_alphanumeric()
}

/// [`tokens`] of an ASCII text, several times faster than the general segmenter. On ASCII,
/// Unicode's word bounds (UAX #29) come down to: words as [`ascii_word_end`] finds them, a
/// carriage return and line feed kept together, runs of spaces (not tabs) kept together, and
/// every other character a token of its own.
fn ascii_tokens(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 3);
    let mut i = 0;
    while i < b.len() {
        let start = i;
        i = match b[i] {
            c if joins_word(c) => ascii_word_end(b, i),
            b' ' => i + b[i..].iter().take_while(|&&c| c == b' ').count(),
            b'\r' if b.get(i + 1) == Some(&b'\n') => i + 2,
            _ => i + 1,
        };
        out.push(&text[start..i]);
    }
    out
}

/// Whether an ASCII character belongs in a word by itself: letters, digits and `_`.
fn joins_word(c: u8) -> bool {
    WORD_BYTES[usize::from(c)]
}

/// [`joins_word`] of every byte, looked up rather than computed: it runs on every byte of
/// every paragraph, several times over.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    table
};

/// Where the word starting at `start` (a [`joins_word`] character) ends, by Unicode's word
/// rules on ASCII (UAX #29, WB5 to WB13b): a run of letters, digits and `_`, in which one
/// `.`, `'` or `:` may stand between two letters and one `.`, `'`, `,` or `;` between two
/// digits.
#[inline]
fn ascii_word_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    loop {
        // The run of word characters first, in a loop of its own: every byte of every word
        // of both versions passes here.
        while b.get(i).is_some_and(|&c| joins_word(c)) {
            i += 1;
        }
        // Nearly every word ends at a space or at punctuation that joins nothing, which one
        // look at the byte after it tells. A right single quotation mark (in a text of
        // `WORD_BREAKS` besides ASCII) joins as `.` does: both are MidNumLet to the word rules.
        let (mid, width) = match b.get(i) {
            Some(&mid @ (b'.' | b'\'' | b':' | b',' | b';')) => (mid, 1),
            // U+2019 in UTF-8.
            Some(0xe2) if b.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => (b'.', 3),
            _ => return i,
        };
        let Some(&after) = b.get(i + width) else {
            return i;
        };
        let before = b[i - 1];
        let letters = before.is_ascii_alphabetic()
            && after.is_ascii_alphabetic()
            && matches!(mid, b'.' | b'\'' | b':');
        let digits = before.is_ascii_digit()
            && after.is_ascii_digit()
            && matches!(mid, b'.' | b'\'' | b',' | b';');
        if letters || digits {
            i += width + 1;
        } else {
            return i;
        }
    }
}

/// The words of `text`: tokens holding at least one letter or digit ("resolution",
/// "70/1" gives "70", "1"). Script-independent: Chinese ideographs come one per word.
/// Several times faster on ASCII text (the usual case of English documents).
pub fn words(text: &str) -> Words<'_> {
    Words(if text.is_ascii() {
        AnyWords::Ascii(AsciiWords { text, at: 0 })
    } else {
        AnyWords::Mixed(spans(text).into_iter().flat_map(span_words))
    })
}

/// Characters beyond ASCII that are no letter or digit and that Unicode's word rules
/// (UAX #29) join to nothing on either side (word break property Other): the dashes,
/// double quotes and no-break spaces of most paragraphs that are not plain ASCII. A word
/// beside one ends or starts there, as it does beside ASCII punctuation, so the ASCII loop
/// of [`for_each_word`] reads their paragraphs, taking their bytes for no word's; and
/// the right single quotation mark (an apostrophe), which [`ascii_word_end`] joins as the
/// word rules do.
const WORD_BREAKS: [char; 6] = [
    '\u{a0}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{201c}', '\u{201d}',
];

/// Whether every character of `text` beyond ASCII is one of [`WORD_BREAKS`] or U+2019.
fn beyond_ascii_only_breaks(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = first_non_ascii(rest.as_bytes()) {
        let c = rest[at..].chars().next().expect("a character starts here");
        if !(WORD_BREAKS.contains(&c) || c == '\u{2019}') {
            return false;
        }
        rest = &rest[at + c.len_utf8()..];
    }
    true
}

/// Calls `f` with each of the [`words`] of `text`, in order. The same words, read for an
/// ASCII text by a loop that the compiler inlines into the caller: the aligner reads every
/// word of both versions, and the calls of the iterator cost a third of that.
#[inline]
pub fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    for_each_word_at(text, |word| f(&text[word]));
}

/// [`for_each_word`] with each word as its byte range in `text`: for a caller that keys words
/// by their bytes, which then pays no check that a slice of `text` starts and ends between
/// two characters (a tenth of reading a word).
#[inline]
pub(crate) fn for_each_word_at(text: &str, mut f: impl FnMut(Range<usize>)) {
    // A text with other characters than ASCII is read span by span (see `spans`), its
    // ASCII spans (most of it: a curly apostrophe in a paragraph of English) by the same
    // inlined loop as an ASCII text rather than through the iterator of `words`, which
    // cost four times as much a word. A text whose only other characters are ones no word
    // rule joins to anything is read whole by that loop.
    let whole = text.is_ascii() || beyond_ascii_only_breaks(text);
    let mut spans = (!whole).then(|| spans(text).into_iter());
    let start_in_text = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
    // The ASCII text or span being read and where it starts in `text`.
    let (mut ascii, mut offset) = (if spans.is_none() { text } else { "" }.as_bytes(), 0);
    let mut at = 0;
    let mut general: Option<SegmentedWords<'_>> = None;
    loop {
        // One call of `f`, which the compiler then inlines here.
        let word = match &mut general {
            None => next_ascii_word(ascii, &mut at).map(|w| offset + w.start..offset + w.end),
            Some(words) => words.next().map(|w| {
                let start = start_in_text(w);
                start..start + w.len()
            }),
        };
        match word {
            Some(word) => f(word),
            None => match spans.as_mut().and_then(Iterator::next) {
                None => return,
                Some((true, span)) => {
                    general = None;
                    (ascii, offset, at) = (span.as_bytes(), start_in_text(span), 0);
                }
                Some((false, span)) => general = Some(segmented_words(span)),
            },
        }
    }
}

/// The byte range of the next word of `b`, read by the ASCII rules (see [`for_each_word_at`]),
/// from byte `at`, which moves past it.
#[inline(always)]
fn next_ascii_word(b: &[u8], at: &mut usize) -> Option<Range<usize>> {
    loop {
        let start = *at + b.get(*at..)?.iter().position(|&c| joins_word(c))?;
        *at = ascii_word_end(b, start);
        // "_" joins but is no letter: a token of underscores only is no word.
        if b[start] != b'_' || b[start..*at].iter().any(u8::is_ascii_alphanumeric) {
            return Some(start..*at);
        }
    }
}

/// The iterator of [`words`].
pub struct Words<'a>(AnyWords<'a>);

/// An ASCII text (nearly every paragraph of an English document) is read without the spans
/// that a text with other characters is cut into: the aligner reads every word of both
/// versions, and flattening a single span cost a third of that.
// The general segmenter's state is large, but a `Words` lives on the stack for one text:
// boxing it would cost an allocation for every text that is not ASCII.
#[allow(clippy::large_enum_variant)]
enum AnyWords<'a> {
    /// A text of ASCII characters only.
    Ascii(AsciiWords<'a>),
    /// Any other text, span by span.
    Mixed(MixedWords<'a>),
}

/// The words of a text holding other characters than ASCII: of each of its [`spans`].
type MixedWords<'a> =
    std::iter::FlatMap<std::vec::IntoIter<(bool, &'a str)>, SpanWords<'a>, SpanReader>;

/// Reads one span of [`spans`] into words.
type SpanReader = for<'s> fn((bool, &'s str)) -> SpanWords<'s>;

/// The words of the general segmenter: its tokens holding a letter or digit.
type SegmentedWords<'a> = std::iter::Filter<Tokens<'a>, fn(&&'a str) -> bool>;

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match &mut self.0 {
            AnyWords::Ascii(words) => words.next(),
            AnyWords::Mixed(words) => words.next(),
        }
    }
}

/// The words of one span of [`spans`]: by the fast ASCII rules or by the general segmenter.
// Large for the same reason as `AnyWords`, and made for every span of such a text.
#[allow(clippy::large_enum_variant)]
enum SpanWords<'a> {
    /// An ASCII span.
    Ascii(AsciiWords<'a>),
    /// A span holding other characters.
    General(SegmentedWords<'a>),
}

fn span_words((ascii, span): (bool, &str)) -> SpanWords<'_> {
    if ascii {
        SpanWords::Ascii(AsciiWords { text: span, at: 0 })
    } else {
        SpanWords::General(segmented_words(span))
    }
}

impl<'a> Iterator for SpanWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            SpanWords::Ascii(words) => words.next(),
            SpanWords::General(words) => words.next(),
        }
    }
}

/// [`words`] by the general segmenter, whatever the text.
fn segmented_words(text: &str) -> SegmentedWords<'_> {
    Tokens::new(text).filter(|t| is_word(t))
}

/// The words of an ASCII text. On ASCII, Unicode's word rules come down to
/// [`ascii_word_end`].
struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        next_ascii_word(self.text.as_bytes(), &mut self.at).map(|word| &self.text[word])
    }
}

/// Word bounds joined across the ends that fall inside a grapheme cluster.
struct Tokens<'a> {
    text: &'a str,
    bounds: UWordBoundIndices<'a>,
    /// `None` for ASCII text, whose word bounds always fall between clusters (its only
    /// cluster of two characters, CR LF, is one token too).
    graphemes: Option<GraphemeIndices<'a>>,
    /// End of the last cluster taken from `graphemes`.
    cluster_end: usize,
    /// The rest of a token cut at white space, still to give.
    held: Option<(usize, usize)>,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Tokens<'a> {
        Tokens {
            text,
            bounds: text.split_word_bound_indices(),
            graphemes: (!text.is_ascii()).then(|| text.grapheme_indices(true)),
            cluster_end: 0,
            held: None,
        }
    }

    /// The token `start..end`, up to its first change between white space and other
    /// characters that falls between two clusters; the rest is held for the next call.
    fn cut_at_space(&mut self, start: usize, end: usize) -> &'a str {
        let token = &self.text[start..end];
        let mut chars = token.char_indices();
        let Some((_, first)) = chars.next() else {
            return token;
        };
        let space = first.is_whitespace();
        for (at, c) in chars {
            let at = start + at;
            let boundary = || {
                GraphemeCursor::new(at, self.text.len(), true)
                    .is_boundary(self.text, 0)
                    .unwrap_or(false)
            };
            if c.is_whitespace() != space && boundary() {
                self.held = Some((at, end));
                return &self.text[start..at];
            }
        }
        token
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if let Some((start, end)) = self.held.take() {
            return Some(self.cut_at_space(start, end));
        }
        let (start, first) = self.bounds.next()?;
        let mut end = start + first.len();
        if let Some(graphemes) = &mut self.graphemes {
            loop {
                while self.cluster_end < end {
                    let (at, cluster) = graphemes.next().expect("clusters cover the text");
                    self.cluster_end = at + cluster.len();
                }
                if self.cluster_end == end {
                    break;
                }
                let (_, more) = self.bounds.next().expect("word bounds cover the text");
                end += more.len();
            }
        }
        Some(self.cut_at_space(start, end))
    }
}

/// Whether a token is a word (holds a letter or a digit) rather than space or punctuation.
pub fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// The comparison key of a word: lower-cased, so that "Requests" and "requests" meet.
pub fn word_key(word: &str) -> String {
    word.to_lowercase()
}

/// [`word_key`] written into `key`, which is cleared first: for callers that key many words
/// and keep few keys. An ASCII word is lower-cased in place, without decoding.
pub fn word_key_into(word: &str, key: &mut String) {
    key.clear();
    if word.is_ascii() {
        key.push_str(word);
        key.make_ascii_lowercase();
    } else {
        // `str::to_lowercase`, whose final sigma a character at a time would miss.
        key.push_str(&word_key(word));
    }
}

/// The words of [`words`], collected. Read with [`for_each_word`], which takes an ASCII
/// text a third cheaper than the iterator.
pub fn word_list(text: &str) -> Vec<&str> {
    // About one word in six bytes of English: room enough that the list rarely grows.
    let mut list = Vec::with_capacity(text.len() / 6 + 1);
    for_each_word(text, |word| list.push(word));
    list
}

/// The key under which the aligner compares a word: lower-cased, footnote digits stuck to
/// the end of a word dropped ("Convention¹", "Crime2" give "convention", "crime"), and
/// every number folded into the one key `"#"`, so that an updated date or resolution number
/// ("2014" -> "2016", "69/197" -> "71/209") reads as the same kind of word rather than as a
/// word swapped for another.
pub fn similarity_key(word: &str) -> String {
    let mut key = String::new();
    similarity_key_into(word, &mut key);
    key
}

/// [`similarity_key`] written into `key`, which is cleared first: the aligner keys every
/// distinct word of a version, and a new string for each cost an allocation.
pub fn similarity_key_into(word: &str, key: &mut String) {
    key.clear();
    // An ASCII word (nearly all) is keyed byte by byte: its digits are its only numeric
    // characters, its letters its only alphabetic ones and lower-casing them is all of
    // `to_lowercase`.
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_digit()) {
            key.push_str(word);
        } else {
            let stem = word.trim_end_matches(|c: char| c.is_ascii_digit());
            if !stem.bytes().any(|b| b.is_ascii_alphabetic()) {
                key.push('#');
                return;
            }
            key.push_str(stem);
        }
        key.make_ascii_lowercase();
        return;
    }
    if !word.chars().any(char::is_numeric) {
        key.push_str(&word.to_lowercase());
        return;
    }
    let stem = word.trim_end_matches(char::is_numeric);
    if stem.chars().any(char::is_alphabetic) {
        key.push_str(&stem.to_lowercase());
    } else {
        key.push('#');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key written into a buffer is the key: ASCII, accented, and a Greek word whose final
    /// sigma only the whole word's lower-casing gets right.
    #[test]
    fn keys_written_into_a_buffer_are_the_keys() {
        let mut key = String::from("left over");
        for word in ["Requests", "2015", "Réaffirmant", "ΟΔΟΣ", "İstanbul", ""] {
            word_key_into(word, &mut key);
            assert_eq!(key, word_key(word), "{word}");
        }
    }

    #[test]
    fn tokens_rebuild_the_text() {
        for text in [
            "Requests the Secretary-General, within existing resources, to report;",
            "Réaffirmant sa résolution 70/1 du 25 septembre 2015,",
            "重申其关于加强国际合作的决议，",
            "يعيد تأكيد قراره ٧٠/١،",
        ] {
            assert_eq!(tokens(text).concat(), text);
        }
    }

    #[test]
    fn ascii_tokens_keep_spaces_and_crlf_together() {
        assert_eq!(
            tokens("a  b\t\tc\r\n\r\r\n1,000.5 U.N. x_y."),
            [
                "a", "  ", "b", "\t", "\t", "c", "\r\n", "\r", "\r\n", "1,000.5", " ", "U.N", ".",
                " ", "x_y", "."
            ]
        );
    }

    #[test]
    fn tokens_keep_a_prepend_character_with_what_follows() {
        // U+0600 ARABIC NUMBER SIGN, U+06DD ARABIC END OF AYAH, U+070F SYRIAC ABBREVIATION
        // MARK, U+08E2 ARABIC DISPUTED END OF AYAH, U+110BD KAITHI NUMBER SIGN: each makes
        // one cluster with the space or punctuation after it, where a word may end.
        for prepend in [
            '\u{600}',
            '\u{605}',
            '\u{6dd}',
            '\u{70f}',
            '\u{890}',
            '\u{8e2}',
            '\u{110bd}',
        ] {
            let text = format!("قراره {prepend} ٧٠/١، {prepend}(a) x{prepend}");
            let got = tokens(&text);
            assert_eq!(got.concat(), text);
            assert!(
                got.contains(&format!("{prepend} ").as_str()),
                "{prepend:?}: {got:?}"
            );
            let mut at = 0;
            for token in &got {
                at += token.len();
                assert!(on_grapheme_boundary(&text, at), "{prepend:?}: {got:?}");
            }
        }
        assert_eq!(words("\u{600} ١٢٣").collect::<Vec<_>>(), ["١٢٣"]);
    }

    /// Whether `offset` is a boundary between grapheme clusters of `text`.
    fn on_grapheme_boundary(text: &str, offset: usize) -> bool {
        offset == text.len() || text.grapheme_indices(true).any(|(i, _)| i == offset)
    }

    #[test]
    fn word_breaks_join_nothing_in_the_segmenter() {
        for c in WORD_BREAKS.into_iter().chain(['\u{2019}']) {
            assert!(!c.is_alphanumeric() && !c.is_ascii());
            for (before, after) in [
                ("a", "b"),
                ("1", "2"),
                ("a.", "b"),
                ("_", "_"),
                ("", ""),
                ("1\u{2019}", "a"),
            ] {
                let text = format!("{before}{c}{after}");
                let mut got = Vec::new();
                for_each_word(&text, |word| got.push(word));
                assert_eq!(got, segmented_words(&text).collect::<Vec<_>>(), "{text:?}");
                assert!(beyond_ascii_only_breaks(&text));
            }
        }
    }

    proptest::proptest! {
        /// Mostly-ASCII text cut into spans: the same tokens and words as whole.
        #[test]
        fn spans_change_no_bound(text in "[a1 .,'\u{301}\u{200d}\u{600}\u{2019}\u{2013}é\u{1F1E6}\u{1F1E8}\r\n]{0,40}") {
            proptest::prop_assert_eq!(tokens(&text), Tokens::new(&text).collect::<Vec<_>>());
            proptest::prop_assert_eq!(
                words(&text).collect::<Vec<_>>(),
                segmented_words(&text).collect::<Vec<_>>()
            );
        }

        /// Any text: the tokens rebuild it and each ends between two grapheme clusters.
        #[test]
        fn tokens_end_between_clusters(text in proptest::prop_oneof![
            proptest::arbitrary::any::<String>(),
            // Prepend characters among what may follow them: denser than chance.
            "[\u{600}-\u{605}\u{6dd}\u{70f}\u{890}\u{891}\u{8e2}\u{110bd}\u{110cd} a1.,\u{301}\u{200d}\r\n]{0,24}",
        ]) {
            let got = tokens(&text);
            proptest::prop_assert_eq!(got.concat(), text.as_str());
            let mut at = 0;
            for token in &got {
                proptest::prop_assert!(!token.is_empty());
                at += token.len();
                proptest::prop_assert!(on_grapheme_boundary(&text, at), "{:?}", got);
            }
        }
    }

    #[test]
    fn narrow_no_break_spaces_part_words() {
        // The word rules alone give "Resolution\u{202f}70" as one word.
        let text = "Resolution\u{202f}70/1 in\u{202f}outer space";
        let got = tokens(text);
        assert_eq!(got.concat(), text);
        assert_eq!(&got[..5], ["Resolution", "\u{202f}", "70", "/", "1"]);
        assert_eq!(
            word_list(text),
            word_list("Resolution 70/1 in outer space"),
            "{got:?}"
        );
    }

    #[test]
    fn words_skip_space_and_punctuation() {
        let got: Vec<&str> = words("Calls upon Member States, (a) to act;").collect();
        assert_eq!(got, ["Calls", "upon", "Member", "States", "a", "to", "act"]);
        assert_eq!(words("决议，").count(), 2);
    }

    #[test]
    fn ascii_words_agree_with_the_segmenter() {
        for text in [
            "Requests the Secretary-General, within existing resources, to report;",
            "resolutions 69/197, 1,000.5 and 2014/20; e.g. U.N. don't a:b a_b _ __x x._y 1;2 a.1 1.a",
            "Réaffirmant sa résolution 70/1 du 25 septembre 2015,",
            "a..b a''b 1,,2 'a' .5 5. a:1 1:a x\r\ny (a) [b] \"c\"",
        ] {
            assert_eq!(
                word_list(text),
                segmented_words(text).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_agree_on_any_ascii(text in "[ab1_.':,;\\- /()\"\n\t]{0,40}") {
            proptest::prop_assert_eq!(word_list(&text), segmented_words(&text).collect::<Vec<_>>());
        }

        /// `for_each_word` gives the words of `words`, ASCII or not.
        #[test]
        fn for_each_word_gives_the_words(text in "[ab1_.':,;\\- /()\"\n\té\u{2019}\u{a0}\u{2011}\u{2013}\u{2014}\u{201c}\u{201d}]{0,40}") {
            let mut got = Vec::new();
            for_each_word(&text, |word| got.push(word));
            proptest::prop_assert_eq!(got, words(&text).collect::<Vec<_>>());
        }

        #[test]
        fn ascii_tokens_agree_with_the_segmenter(text in "[aZ19_.':,;\\- /()\"\r\n\t\x0b\x0c\x00\x7f]{0,40}") {
            proptest::prop_assert_eq!(
                ascii_tokens(&text),
                text.split_word_bounds().collect::<Vec<_>>()
            );
        }
    }

    proptest::proptest! {
        /// The ASCII way of keying a word keys it as the general one does.
        #[test]
        fn ascii_similarity_keys_agree_with_the_general_rule(word in "[aZ19_.,'/-]{1,8}") {
            let general = if !word.chars().any(char::is_numeric) {
                word.to_lowercase()
            } else {
                let stem = word.trim_end_matches(char::is_numeric);
                if stem.chars().any(char::is_alphabetic) {
                    stem.to_lowercase()
                } else {
                    "#".to_owned()
                }
            };
            proptest::prop_assert_eq!(similarity_key(&word), general);
        }
    }

    proptest::proptest! {
        /// A similarity key is its own key: the aligner holds words as written and keys in one
        /// table, a word under its key's id, which is right only if a word spelt as a key has
        /// that key.
        #[test]
        fn similarity_keys_are_their_own_keys(word in proptest::prop_oneof![
            "[aZ19_.,'/-]{1,8}",
            "\\PC{1,8}",
            "[ΣσςΟΔİIiK\u{212a}ǅ²٧Ⅻ1a]{1,8}",
        ]) {
            let key = similarity_key(&word);
            proptest::prop_assert_eq!(similarity_key(&key), key);
        }
    }

    #[test]
    fn similarity_keys_fold_numbers_and_footnote_marks() {
        assert_eq!(similarity_key("Requests"), "requests");
        assert_eq!(similarity_key("2014"), "#");
        assert_eq!(similarity_key("٧٠"), "#");
        assert_eq!(similarity_key("Crime2"), "crime");
        assert_eq!(similarity_key("Convention¹"), "convention");
        assert_eq!(similarity_key("决"), "决");
    }
}
