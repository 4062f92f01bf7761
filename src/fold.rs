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
//! when the parser joins the lines of a paragraph, so paragraph texts never hold it.
//!
//! Not folded, because a reader can tell them apart or they carry meaning: en and em dashes
//! and the minus sign against a hyphen, guillemets (`« »`) against quotes, primes (`′ ″`)
//! against quotes, the presence or absence of a space, line and paragraph breaks (which
//! separate the paragraphs of a split or merge), letter case, and every other character.
//!
//! Two texts are [`equivalent`] when their [folded](fold) forms are equal. The word diff
//! compares the [`Units`] of the two texts: the [tokens](crate::tokens::tokens) of the folded
//! form, each mapped back to the characters it came from, so that a paragraph classified as
//! unchanged always gets a redline without edits, and the reverse.

use std::borrow::Cow;
use std::ops::Range;

use crate::tokens;

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

/// A text cut into the pieces compared as wholes: the tokens of its folded form (see
/// [`fold`]), each mapped back to the part of the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Units<'a> {
    /// The folded text (the text itself in strict mode or when nothing folds).
    folded: Cow<'a, str>,
    /// Each unit: its byte range in the text, and in the folded text (its key).
    spans: Vec<(Range<usize>, Range<usize>)>,
}

impl<'a> Units<'a> {
    /// The units of `text`, covering it in order. Their keys are the tokens of the folded
    /// text; a character folded away (a soft hyphen, the second space of a run) belongs to
    /// the unit before it, or to the first unit at the start of the text.
    pub fn new(text: &'a str, mode: Mode) -> Units<'a> {
        let (folded, origin) = match mode {
            Mode::Strict => (Cow::Borrowed(text), None),
            Mode::Typographic => match fold(text) {
                Cow::Borrowed(same) => (Cow::Borrowed(same), None),
                Cow::Owned(_) => {
                    let (folded, origin) = fold_mapped(text);
                    (Cow::Owned(folded), Some(origin))
                }
            },
        };
        let to_text = |at: usize| match &origin {
            Some(origin) => origin[at],
            None => at,
        };
        let mut spans = Vec::new();
        let mut at = 0;
        for token in tokens::tokens(&folded) {
            let key = at..at + token.len();
            at = key.end;
            let start = if spans.is_empty() {
                0
            } else {
                to_text(key.start)
            };
            let end = if key.end == folded.len() {
                text.len()
            } else {
                to_text(key.end)
            };
            spans.push((start..end, key));
        }
        if spans.is_empty() && !text.is_empty() {
            // Nothing but characters folded away.
            spans.push((0..text.len(), 0..0));
        }
        Units { folded, spans }
    }

    /// How many units there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none (the text is empty).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The byte range in the text of each unit, in order.
    pub fn ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.spans.iter().map(|(range, _)| range.clone())
    }

    /// The comparison key of each unit, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.spans.iter().map(|(_, key)| &self.folded[key.clone()])
    }
}

/// Whether two texts are the same up to the differences `mode` folds: whether their
/// [`Units`] have the same keys.
pub fn equivalent(a: &str, b: &str, mode: Mode) -> bool {
    if a == b {
        return true;
    }
    if mode == Mode::Strict {
        return false;
    }
    let (x, y) = (fold(a), fold(b));
    // A text of soft hyphens only still differs from an empty one, as its one unit does.
    x == y && (!x.is_empty() || a.is_empty() == b.is_empty())
}

/// The folded form of a text: see the [module](self) docs for what is folded. Borrowed
/// when nothing folds.
pub fn fold(text: &str) -> Cow<'_, str> {
    if !needs_folding(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(fold_mapped(text).0)
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

/// The folded text, and for each of its bytes (and its end) the byte offset in `text` of
/// the character it came from.
fn fold_mapped(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut push = |folded: &mut String, at: usize, piece: &str| {
        folded.push_str(piece);
        origin.extend(std::iter::repeat_n(at, piece.len()));
    };
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        if is_space(c) {
            if !in_space {
                push(&mut folded, at, " ");
            }
            in_space = true;
            continue;
        }
        match folded_char(c) {
            // A soft hyphen inside a run of white space leaves the run one.
            Some("") => continue,
            Some(replacement) => push(&mut folded, at, replacement),
            None => {
                let mut buffer = [0; 4];
                push(&mut folded, at, c.encode_utf8(&mut buffer));
            }
        }
        in_space = false;
    }
    origin.push(text.len());
    (folded, origin)
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
    fn units_cover_the_text() {
        let texts = [
            BASE,
            "\u{ad}",
            " \u{ad} a\u{a0} \tb\u{ad}",
            "",
            "a  b",
            "\u{ad}\u{ad}a ﬁ\u{ad}",
        ];
        for text in texts {
            for mode in [Mode::Typographic, Mode::Strict] {
                let mut at = 0;
                for range in Units::new(text, mode).ranges() {
                    assert_eq!(range.start, at, "{text:?}");
                    assert!(range.end > range.start, "{text:?}");
                    at = range.end;
                }
                assert_eq!(at, text.len(), "{text:?}");
            }
        }
        let units = Units::new("a\u{a0} \tb", Mode::Typographic);
        assert_eq!(units.keys().collect::<Vec<_>>(), ["a", " ", "b"]);
        assert_eq!(units.ranges().collect::<Vec<_>>(), [0..1, 1..5, 5..6]);
    }

    proptest::proptest! {
        /// Any text: the units tile it, and equivalence is what the keys say.
        #[test]
        fn units_tile_any_text(
            a in "[a1 .,'\"\u{a0}\u{ad}\u{2019}\u{201c}\u{2011}\u{fb01}\u{202f}\u{2bc}\t\n-]{0,24}",
            b in "[a1 .,'\"\u{a0}\u{ad}\u{2019}\u{201c}\u{2011}\u{fb01}\u{202f}\u{2bc}\t\n-]{0,24}",
        ) {
            let units = Units::new(&a, Mode::Typographic);
            let mut at = 0;
            for range in units.ranges() {
                proptest::prop_assert_eq!(range.start, at);
                at = range.end;
            }
            proptest::prop_assert_eq!(at, a.len());
            let other = Units::new(&b, Mode::Typographic);
            proptest::prop_assert_eq!(
                units.keys().eq(other.keys()),
                equivalent(&a, &b, Mode::Typographic)
            );
        }
    }
}
