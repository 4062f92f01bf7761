//! Typographic variants: the only differences between two texts that resdiff folds.
//!
//! Two versions of a resolution are often typeset by different tools: one prints curly
//! quotes where the other prints straight ones, a no-break space where the other prints a
//! space. A reader sees the same text, so by default ([`Mode::Typographic`]) these count as
//! equal. Everything else is material: words, numbers (also glued to letters), punctuation,
//! capitalisation, currency and other symbols, quotation marks present or absent. With
//! [`Mode::Strict`] nothing at all is folded.
//!
//! The folded variants, exactly:
//!
//! - curly and other typographic single quotes and apostrophes (`‘ ’ ‚ ‛ ʼ`) read as `'`;
//! - curly and other typographic double quotes (`“ ” „ ‟`) read as `"`;
//! - U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN read as `-`;
//! - a run of white space within a line, of any kind (no-break space, thin space,
//!   ideographic space, tab, ...), reads as one space;
//! - soft hyphens (U+00AD) are dropped;
//! - the Latin ligatures `ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ` read as their letters.
//!
//! Line-break hyphenation ("Secre-" at the end of one line, "tary" on the next) is repaired
//! when the parser joins the lines of a paragraph, so paragraph texts never hold it; a line
//! break inside a paragraph is layout too, and reads as one space in every mode. The white
//! space within a line is kept as printed, so that [`Mode::Strict`] sees it.
//!
//! Not folded, because a reader can tell them apart or they carry meaning: en and em dashes
//! and the minus sign against a hyphen, guillemets (`« »`) against quotes, primes (`′ ″`)
//! against quotes, the presence or absence of a space, line and paragraph breaks (which
//! separate the paragraphs of a split or merge), letter case, and every other character.
//!
//! Two texts are [`equivalent`] when their [folded](fold) forms are equal. The aligner calls
//! a linked paragraph unchanged exactly when its two texts are equivalent, and the word diff
//! folds an edit exactly when its two sides are, so that an unchanged paragraph gets a
//! redline without edits, and the reverse.

use std::borrow::Cow;

/// Which differences count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Typographic variants (see the [module](self) docs) are folded; every other
    /// difference counts.
    #[default]
    Typographic,
    /// Every character counts.
    Strict,
}

/// Whether two texts are the same up to the differences `mode` folds: their [`fold`]s are
/// equal (in strict mode, the texts themselves). A text of soft hyphens only still differs
/// from an empty one, so that an edit with nothing visible on one side is never folded away.
pub fn equivalent(a: &str, b: &str, mode: Mode) -> bool {
    if a == b {
        return true;
    }
    if mode == Mode::Strict {
        return false;
    }
    same_folds(a, b) && (Folded::new(a).next().is_some() || a.is_empty() == b.is_empty())
}

/// The folded form of a text: see the [module](self) docs for what is folded. Borrowed
/// when nothing folds.
pub fn fold(text: &str) -> Cow<'_, str> {
    if !needs_folding(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(Folded::new(text).collect())
}

/// Whether two texts have the same [`fold`], found without writing either fold out. Unlike
/// [`equivalent`], a text of soft hyphens only has the fold of an empty one.
pub fn same_fold(a: &str, b: &str) -> bool {
    a == b || same_folds(a, b)
}

/// Whether the folds of `a` and `b` are equal. Folded a character at a time, to stop at the
/// first difference: the texts compared are mostly paragraphs that differ, which a folded
/// copy of each would first write out whole. The stretches of ASCII the two texts share are
/// skipped as bytes: the paragraphs of two typesettings of a resolution are mostly equal
/// but for their quotes, and folding them character by character cost ~30 instructions a
/// character.
fn same_folds(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (Folded::new(a), Folded::new(b));
    loop {
        if a.pending.as_str().is_empty() && b.pending.as_str().is_empty() {
            // The folds so far are equal, so they end alike, in white space or not (a fold
            // has a space only where white space began): the same bytes read next fold alike.
            let (rest_a, rest_b) = (a.chars.as_str(), b.chars.as_str());
            let shared = shared_ascii_prefix(rest_a.as_bytes(), rest_b.as_bytes());
            if let Some(&last) = rest_a.as_bytes()[..shared].last() {
                let in_space = last == b' ' || last == b'\t';
                (a.in_space, b.in_space) = (in_space, in_space);
                a.chars = rest_a[shared..].chars();
                b.chars = rest_b[shared..].chars();
            }
        }
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x == y => {}
            _ => return false,
        }
    }
}

/// The length of the longest common prefix of `a` and `b` made of ASCII bytes, found eight
/// bytes at a time.
fn shared_ascii_prefix(a: &[u8], b: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let x = u64::from_le_bytes(x.try_into().expect("chunks of eight"));
        let y = u64::from_le_bytes(y.try_into().expect("chunks of eight"));
        if x != y || x & HIGH_BITS != 0 {
            break;
        }
        at += 8;
    }
    at + a[at..]
        .iter()
        .zip(&b[at..])
        .take_while(|&(x, y)| x == y && x.is_ascii())
        .count()
}

/// A hash of a text's [`fold`], made without writing the fold out: texts with the same fold
/// have the same hash. For a table of texts up to typographic variants, with [`same_fold`]
/// to tell apart the texts whose hashes collide.
pub fn fold_hash(text: &str) -> u64 {
    let mut hasher = BytesHasher::default();
    let bytes = text.as_bytes();
    // An ASCII text folds only its tabs and runs of spaces: without them it is its own fold.
    if text.is_ascii() && !bytes.contains(&b'\t') && !text.contains("  ") {
        hasher.write_all(bytes);
        return hasher.finish();
    }
    // Otherwise the stretches that fold to themselves (ASCII but tabs and spaces after
    // white space) are hashed as they stand, and each character between them as it folds:
    // folding character by character cost most of a comparison of texts with curly quotes.
    let mut in_space = false;
    let mut stretch = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes that fold to themselves at once where they can: most of a paragraph
        // with a curly quote is plain ASCII, and a byte at a time cost more than the rest of
        // reading the paragraph's words.
        if let Some(eight) = bytes.get(at..at + 8) {
            if eight_fold_to_themselves(eight, in_space) {
                in_space = eight[7] == b' ';
                at += 8;
                continue;
            }
        }
        let b = bytes[at];
        if b.is_ascii() && b != b'\t' && !(b == b' ' && in_space) {
            in_space = b == b' ';
            at += 1;
            continue;
        }
        hasher.write_all(&bytes[stretch..at]);
        let c = text[at..].chars().next().expect("a character starts here");
        let mut folded = Folded {
            in_space,
            ..Folded::new(&text[at..at + c.len_utf8()])
        };
        let mut utf8 = [0; 4];
        for f in &mut folded {
            hasher.write_all(f.encode_utf8(&mut utf8).as_bytes());
        }
        in_space = folded.in_space;
        at += c.len_utf8();
        stretch = at;
    }
    hasher.write_all(&bytes[stretch..]);
    hasher.finish()
}

/// Whether the eight bytes `eight` fold to themselves, the byte before them white space
/// when `in_space`: ASCII, no tab, and no space after white space.
fn eight_fold_to_themselves(eight: &[u8], in_space: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    if x & HIGH_BITS != 0 {
        return false;
    }
    // The high bit of each byte of `x` equal to `byte`: exact on ASCII, where no byte sum
    // carries into the next one.
    let equal_to = |byte: u8| {
        let y = x ^ (ONES * u64::from(byte));
        !(((y & !HIGH_BITS) + !HIGH_BITS) | y | !HIGH_BITS)
    };
    let spaces = equal_to(b' ');
    // The bytes after a space: the first after the white space before them when `in_space`.
    let after_space = (spaces << 8) | if in_space { 0x80 } else { 0 };
    equal_to(b'\t') == 0 && spaces & after_space == 0
}

/// FxHash of a stream of bytes taken eight at a time, however the stream is given: a text
/// given whole and the same bytes given one at a time (the fold of a text, character by
/// character) hash alike.
#[derive(Default)]
struct BytesHasher {
    hasher: rustc_hash::FxHasher,
    /// The bytes given since the last eight, little-endian.
    pending: u64,
    /// How many bytes `pending` holds.
    filled: u32,
    /// How many bytes were given in all.
    length: u64,
}

impl BytesHasher {
    fn write_byte(&mut self, byte: u8) {
        use std::hash::Hasher;
        self.pending |= u64::from(byte) << (8 * self.filled);
        self.filled += 1;
        self.length += 1;
        if self.filled == 8 {
            self.hasher.write_u64(self.pending);
            self.pending = 0;
            self.filled = 0;
        }
    }

    /// [`write_byte`](Self::write_byte) of each of `bytes`, eight at a time.
    fn write_all(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        let mut rest = bytes;
        // The pending bytes made up to eight first, then the rest eight at a time.
        while self.filled != 0 {
            let Some((&byte, more)) = rest.split_first() else {
                return;
            };
            self.write_byte(byte);
            rest = more;
        }
        let chunks = rest.chunks_exact(8);
        let tail = chunks.remainder();
        for chunk in chunks {
            let eight: [u8; 8] = chunk.try_into().expect("chunks of eight");
            self.hasher.write_u64(u64::from_le_bytes(eight));
            self.length += 8;
        }
        for &byte in tail {
            self.write_byte(byte);
        }
    }

    fn finish(mut self) -> u64 {
        use std::hash::Hasher;
        if self.filled > 0 {
            self.hasher.write_u64(self.pending);
        }
        self.hasher.write_u64(self.length);
        self.hasher.finish()
    }
}

/// The ends of the prefixes of `text` whose fold is the fold of `target`, shortest first:
/// several when white space that joins the run before it, or a soft hyphen, may end the
/// prefix or not; none when no prefix folds to it. For finding the stretch of a text that
/// another form of it (one with other typographic variants) stands for.
pub fn prefix_ends(text: &str, target: &str) -> Vec<usize> {
    let mut wanted = Folded::new(target).peekable();
    let mut ends = Vec::new();
    if wanted.peek().is_none() {
        ends.push(0);
    }
    let mut reader = FoldedLength::default();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        for folded in reader.fold_of(&text[at..end]) {
            if wanted.next() != Some(folded) {
                return ends;
            }
        }
        if wanted.peek().is_none() {
            ends.push(end);
        }
    }
    ends
}

/// A text's fold read piece by piece: what each piece adds to the fold of the pieces read
/// before it, in which white space continuing a run of white space adds nothing. For lining
/// up two texts whose folds are equal.
#[derive(Debug, Clone, Copy, Default)]
pub struct FoldedLength {
    /// Whether the fold so far ends in white space.
    in_space: bool,
}

impl FoldedLength {
    /// The number of characters `piece`, read after the pieces before it, adds to the fold.
    pub fn add(&mut self, piece: &str) -> usize {
        self.fold_of(piece).count()
    }

    /// The characters `piece` adds to the fold; the reader has read it once they are all
    /// taken.
    fn fold_of<'p>(&'p mut self, piece: &'p str) -> impl Iterator<Item = char> + 'p {
        let mut folded = Folded {
            in_space: self.in_space,
            ..Folded::new(piece)
        };
        std::iter::from_fn(move || {
            let next = folded.next();
            self.in_space = folded.in_space;
            next
        })
    }
}

/// The characters of a text's [`fold`], one at a time.
struct Folded<'a> {
    chars: std::str::Chars<'a>,
    /// The rest of a replacement of several characters (a ligature's letters).
    pending: std::str::Chars<'static>,
    in_space: bool,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Folded<'a> {
        Folded {
            chars: text.chars(),
            pending: "".chars(),
            in_space: false,
        }
    }
}

impl Iterator for Folded<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.pending.next() {
            return Some(c);
        }
        loop {
            let c = self.chars.next()?;
            if is_space(c) {
                if !self.in_space {
                    self.in_space = true;
                    return Some(' ');
                }
                continue;
            }
            match folded_char(c) {
                // A soft hyphen inside a run of white space leaves the run one.
                Some("") => continue,
                Some(replacement) => {
                    self.in_space = false;
                    self.pending = replacement.chars();
                    return self.pending.next();
                }
                None => {
                    self.in_space = false;
                    return Some(c);
                }
            }
        }
    }
}

/// Whether [`fold`] changes anything in `text`.
fn needs_folding(text: &str) -> bool {
    let mut after_space = false;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return true;
            }
            after_space = true;
            continue;
        }
        after_space = false;
        if is_space(c) || folded_char(c).is_some() {
            return true;
        }
    }
    false
}

/// Whether `c` is white space within a line: any white space but the line and paragraph
/// breaks, which never occur within a paragraph's text but separate the paragraphs of a
/// split or merge side in a redline, and so are not folded.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        && !matches!(
            c,
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
}

/// U+00AD SOFT HYPHEN: a possible line break, invisible within a line.
const SOFT_HYPHEN: char = '\u{ad}';

/// What a typographic variant other than white space reads as.
fn folded_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2bc}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => "\"",
        '\u{2010}' | '\u{2011}' => "-",
        SOFT_HYPHEN => "",
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str =
        "Welcoming the “Agenda”, the States’ non-binding pledges and $100 in G20 and SDG16;";

    #[test]
    fn fold_hash_and_same_fold_follow_the_fold() {
        let texts = [
            BASE,
            "Welcoming the \"Agenda\", the States' non-binding pledges and $100 in G20 and SDG16;",
            "Welcoming\u{a0}the  “Agenda”,\tthe States’ non\u{2011}binding pledges and $100 in G20 and SDG16;",
            "Welcoming the Agenda, the States non-binding pledges and $100 in G20 and SDG16;",
            "ﬁnal \u{ad}",
            "final ",
            "final",
            "\u{ad}",
            "",
            "a  b",
            "a b",
            "a\tb",
        ];
        // Long texts too, ASCII and not.
        let long_plain = "Member States ".repeat(20);
        let long_curly = "Member States’ ".repeat(20);
        let long_straight = "Member States' ".repeat(20);
        let texts: Vec<&str> = texts
            .into_iter()
            .chain([
                long_plain.as_str(),
                long_curly.as_str(),
                long_straight.as_str(),
            ])
            .collect();
        for a in &texts {
            for b in &texts {
                let same = fold(a) == fold(b);
                assert_eq!(same_fold(a, b), same, "{a:?} {b:?}");
                if same {
                    assert_eq!(fold_hash(a), fold_hash(b), "{a:?} {b:?}");
                }
            }
        }
        assert_ne!(fold_hash("a b"), fold_hash("a c"));
        assert_ne!(fold_hash(&long_plain), fold_hash(&long_curly));
    }

    #[test]
    fn every_typographic_variant_is_folded() {
        for variant in [
            // Straight quotes and apostrophe.
            "Welcoming the \"Agenda\", the States' non-binding pledges and $100 in G20 and SDG16;",
            // Low and reversed quotes, modifier apostrophe.
            "Welcoming the „Agenda‟, the States\u{2bc} non-binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States‛ non\u{2011}binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non\u{2010}binding pledges and $100 in G20 and SDG16;",
            // No-break, thin, ideographic spaces, tabs and runs of spaces.
            "Welcoming\u{a0}the “Agenda”,\u{2009}the States’ non-binding pledges and $100\u{202f}in G20 and SDG16;",
            "Welcoming the  “Agenda”,\tthe States’ non-binding\u{3000}pledges and $100 in G20 and \u{a0}SDG16;",
            // Soft hyphens, inside a word, after a space and at the very start.
            "\u{ad}Welcoming the “Agen\u{ad}da”, the \u{ad}States’ non-binding pledges and $100 in G20 and SDG16;",
        ] {
            assert!(equivalent(BASE, variant, Mode::Typographic), "{variant:?}");
            assert!(!equivalent(BASE, variant, Mode::Strict), "{variant:?}");
        }
        assert!(equivalent(
            "ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ",
            "ff fi fl ffi ffl st st",
            Mode::Typographic
        ));
        assert!(equivalent(
            "the ﬁnancial oﬃce",
            "the financial office",
            Mode::Typographic
        ));
    }

    #[test]
    fn material_differences_are_not_folded() {
        for edit in [
            // Digits, also glued to letters.
            "Welcoming the “Agenda”, the States’ non-binding pledges and $100 in G7 and SDG16;",
            "Welcoming the “Agenda”, the States’ non-binding pledges and $100 in G20 and SDG17;",
            "Welcoming the “Agenda2”, the States’ non-binding pledges and $100 in G20 and SDG16;",
            // Currency and sign.
            "Welcoming the “Agenda”, the States’ non-binding pledges and €100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non-binding pledges and -$100 in G20 and SDG16;",
            // Punctuation, added, removed or changed.
            "Welcoming the “Agenda” the States’ non-binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non-binding pledges, and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non-binding pledges and $100 in G20 and SDG16.",
            // Case.
            "welcoming the “Agenda”, the States’ non-binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “agenda”, the States’ non-binding pledges and $100 in G20 and SDG16;",
            // Quotation marks added or removed, guillemets for quotes.
            "Welcoming the Agenda, the States’ non-binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the “States’” non-binding pledges and $100 in G20 and SDG16;",
            "Welcoming the «Agenda», the States’ non-binding pledges and $100 in G20 and SDG16;",
            // Dashes and minus against hyphen, primes against quotes.
            "Welcoming the “Agenda”, the States’ non–binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non—binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non−binding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States′ non-binding pledges and $100 in G20 and SDG16;",
            // A space added or taken out.
            "Welcoming the “Agenda”, the States’ nonbinding pledges and $100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non-binding pledges and $ 100 in G20 and SDG16;",
            "Welcoming the “Agenda”, the States’ non-binding pledges and $100 in G20 and SDG16; ",
            // A line break where a space was.
            "Welcoming the “Agenda”,\nthe States’ non-binding pledges and $100 in G20 and SDG16;",
        ] {
            assert!(!equivalent(BASE, edit, Mode::Typographic), "{edit:?}");
        }
    }

    #[test]
    fn prefixes_that_fold_to_a_target() {
        assert_eq!(
            prefix_ends("“Agenda”, and", "\"Agenda\""),
            ["“Agenda”".len()]
        );
        // White space continuing the run, and a soft hyphen, may end the prefix or not.
        assert_eq!(prefix_ends("a \t\u{ad}b", "a "), [2, 3, 5]);
        assert_eq!(prefix_ends("ﬁnal act", "final"), ["ﬁnal".len()]);
        assert_eq!(prefix_ends("\u{ad}x", ""), [0, 2]);
        assert!(prefix_ends("final", "ﬁne").is_empty());
        assert!(prefix_ends("fi", "final").is_empty());
    }

    #[test]
    fn folded_lengths_add_up_to_the_fold() {
        let mut reader = FoldedLength::default();
        let lengths: Vec<usize> = ["a", " ", "\t", "\u{ad}", "ﬃ", "\u{a0}", "b"]
            .iter()
            .map(|piece| reader.add(piece))
            .collect();
        assert_eq!(lengths, [1, 1, 0, 0, 3, 1, 1]);
        assert_eq!(
            lengths.iter().sum::<usize>(),
            fold("a \t\u{ad}ﬃ\u{a0}b").chars().count()
        );
    }

    proptest::proptest! {
        /// The hash of a text is that of its fold written out whole, however it is read.
        #[test]
        fn fold_hash_is_the_hash_of_the_fold(
            text in "[a1 .,'\"\u{a0}\u{ad}\u{2019}\u{201c}\u{2011}\u{fb01}\u{202f}\u{2013}\t\n-]{0,40}",
        ) {
            let mut whole = BytesHasher::default();
            whole.write_all(fold(&text).as_bytes());
            proptest::prop_assert_eq!(fold_hash(&text), whole.finish());
        }
    }

    #[test]
    fn white_space_ending_a_shared_stretch_still_joins_what_follows() {
        let shared = "Welcoming the reports of the Secretary-General,";
        for (a, b) in [("\t \u{a0}a", "\ta"), ("  a", " a"), (" \u{2019}", " '")] {
            assert!(same_fold(&format!("{shared}{a}"), &format!("{shared}{b}")));
            assert!(!same_fold(
                &format!("{shared}{a}x"),
                &format!("{shared}{b}")
            ));
        }
        assert!(!same_fold(&format!("{shared} a"), &format!("{shared}a")));
    }

    proptest::proptest! {
        /// Comparing folds a character at a time says what comparing the folded texts does.
        #[test]
        fn equivalent_compares_the_folds(
            a in "[a \u{a0}\u{ad}\u{2019}'\u{fb01}f-]{0,8}",
            b in "[a \u{a0}\u{ad}\u{2019}'\u{fb01}f-]{0,8}",
        ) {
            let (x, y) = (fold(&a), fold(&b));
            let expected = a == b || (x == y && (!x.is_empty() || a.is_empty() == b.is_empty()));
            proptest::prop_assert_eq!(equivalent(&a, &b, Mode::Typographic), expected);
        }

        /// Long stretches both texts share, skipped as bytes, compare as their folds do,
        /// wherever they start and whatever white space ends them.
        #[test]
        fn shared_stretches_compare_as_their_folds(
            (head_a, head_b) in ("[a \t\u{a0}\u{2019}'\u{fb01}f]{0,4}", "[a \t\u{a0}\u{2019}'\u{fb01}f]{0,4}"),
            shared in "[ab \t.\u{2019}\u{a0}\u{fb01}]{0,40}",
            (tail_a, tail_b) in ("[a \t\u{a0}'\u{fb01}f]{0,4}", "[a \t\u{a0}'\u{fb01}f]{0,4}"),
        ) {
            let a = format!("{head_a}{shared}{tail_a}");
            let b = format!("{head_b}{shared}{tail_b}");
            proptest::prop_assert_eq!(same_fold(&a, &b), fold(&a) == fold(&b));
        }

        /// Folding is idempotent, and folded texts are equivalent to their sources.
        #[test]
        fn folding_is_idempotent(
            text in "[a1 .,'\"\u{a0}\u{ad}\u{2019}\u{201c}\u{2011}\u{fb01}\u{202f}\u{2bc}\t\n-]{0,24}",
        ) {
            let once = fold(&text).into_owned();
            proptest::prop_assert_eq!(fold(&once), once.as_str());
            proptest::prop_assert!(equivalent(&text, &once, Mode::Typographic) || once.is_empty());
        }
    }
}
