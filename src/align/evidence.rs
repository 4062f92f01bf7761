//! What a reader uses besides shared words to see that a paragraph was rewritten: its place,
//! its opening, the documents it cites and its kind.
//!
//! A rewritten successor keeps its function and its place while most of its words change, so
//! its similarity alone falls below [`AlignOptions::link_min`](super::AlignOptions::link_min).
//! Between two paragraphs left over by the other stages, each clue adds to the similarity:
//!
//! | clue | adds |
//! |---|---|
//! | same stretch between two paragraphs that kept their order (the *slot*) | [`SLOT`] |
//! | ... and the stretch, bounded on both sides, holds only these two leftovers (they stand between the same two neighbours) | [`SOLE_IN_SLOT`] more |
//! | one contained in the other, or they alone share their first twelve words | [`CONTAINED`] |
//! | short of that, one at most half as long as the other with half its words in it | [`PARTLY_CONTAINED`] |
//! | same opener: verb and addressee ("Requests the Secretary-General") | [`OPENER`] |
//! | ... and the same first [`LONG_OPENING`] words, which no other paragraph of either version opens with | [`LONG_OPENING_BONUS`] more |
//! | each rare reference both cite (a document symbol or a year no other paragraph of either version cites), at most two | [`REFERENCE`] |
//! | one preambular, the other operative | [`OTHER_KIND`] (negative) |
//!
//! The pair is linked when the sum reaches
//! [`AlignOptions::link_min`](super::AlignOptions::link_min), the bar of a link made on words
//! alone, and the similarity itself reaches
//! [`AlignOptions::rewrite_min`](super::AlignOptions::rewrite_min) when the pair shares
//! something of its content (a rare reference, containment, an opening of its own),
//! `rewrite_min` + [`PLACE_AND_OPENER_MARGIN`] when it rests on its place and opener alone
//! (two paragraphs sharing only a resolution's boilerplate and its opening verb, in the same
//! place, score 0.2 to 0.25 and stay apart), `rewrite_min` + [`PLACE_ALONE_MARGIN`] on its
//! place alone. A short paragraph at most half as long as the other is
//! looked at when half of its words are in the other, whatever the similarity (which the
//! longer one's length dilutes).
//!
//! The opener clues also help a piece of a merge or split: a leftover paragraph that opens
//! with the same words as a linked one counts their bonus towards
//! [`AlignOptions::contain_min`](super::AlignOptions::contain_min).

use super::Side;
use super::similarity::{Pairing, SideWords};
use crate::tokens::words;

/// Added for the same stretch between two paragraphs that kept their order.
pub(crate) const SLOT: f64 = 0.10;
/// Added when that stretch holds no other leftover on either side: the paragraph stands
/// between the same two neighbours as its predecessor.
pub(crate) const SOLE_IN_SLOT: f64 = 0.05;
/// Added when one paragraph is contained in the other, or they alone share their opening.
pub(crate) const CONTAINED: f64 = 0.10;
/// Added when the shorter paragraph has at least [`PARTLY`] of its weighted words in the
/// longer one (and is not contained in it).
pub(crate) const PARTLY_CONTAINED: f64 = 0.05;
/// The share of the shorter paragraph's words that makes it partly contained.
pub(crate) const PARTLY: f64 = 0.5;
/// Added for the same opening verb and addressee.
pub(crate) const OPENER: f64 = 0.05;
/// Added when the two paragraphs open with the same [`LONG_OPENING`] words or more ("Urges
/// Member States and relevant international organizations"): a phrase, not just a verb.
pub(crate) const LONG_OPENING_BONUS: f64 = 0.05;
/// How many first words in common make a long opening.
pub(crate) const LONG_OPENING: usize = 6;
/// Added for each rare reference both cite, up to [`MAX_REFERENCES`].
pub(crate) const REFERENCE: f64 = 0.08;
/// How many shared references count.
pub(crate) const MAX_REFERENCES: usize = 2;
/// Added (negative) when one paragraph is preambular and the other operative.
pub(crate) const OTHER_KIND: f64 = -0.15;

/// How much more similarity than [`AlignOptions::rewrite_min`](super::AlignOptions::rewrite_min)
/// a pair needs when its only clues are its place and its opener.
pub(crate) const PLACE_AND_OPENER_MARGIN: f64 = 0.05;
/// How much more a pair needs when its only clue is its place: 0.3 in all, the rule before
/// the other clues were weighed (on the heavy synthetic chains a lone paragraph between two
/// kept neighbours at 0.25 is as often an unrelated insertion as a rewrite).
pub(crate) const PLACE_ALONE_MARGIN: f64 = 0.10;

/// How many words make an opener once the adverbs that vary between versions ("also",
/// "further") are set aside: the verb and its addressee ("urges member states").
const OPENER_WORDS: usize = 3;

/// Adverbs that come and go at the start of a paragraph from one version to the next
/// ("Requests" -> "Also requests", "Reaffirming" -> "Reaffirming further").
const SHIFTING_ADVERBS: &[&str] = &[
    "also",
    "further",
    "furthermore",
    "again",
    "once",
    "strongly",
    "deeply",
    "firmly",
    "moreover",
];

/// The clues a paragraph offers: its opener and the references it cites. Words are term ids
/// of the pair of versions compared ([`Pairing`]), so that two paragraphs share
/// an opener exactly when their words have the same similarity keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clues<'t> {
    /// The opener's terms; none for a paragraph too short to have one.
    opener: Option<[u32; OPENER_WORDS]>,
    /// How many words the opener spans as written, adverbs included.
    opener_words: usize,
    /// The paragraph's text, which the opener as written is read from.
    text: &'t str,
    /// The terms of the first [`LONG_OPENING`] words, adverbs included; none for a shorter
    /// paragraph.
    opening: Option<[u32; LONG_OPENING]>,
    /// Document symbols ("72/196", "E/CN.15/2019/L.5") and years, as written, sorted, once
    /// ([`references`]).
    references: &'t [&'t str],
}

impl<'t> Clues<'t> {
    /// The clues of paragraph `p` of `side`, whose text is `text` and references
    /// `references`; `term` gives the term id of a local id of `side`.
    fn read(
        side: &SideWords,
        p: usize,
        (text, references): (&'t str, &'t [&'t str]),
        term: impl Fn(u32) -> u32,
    ) -> Clues<'t> {
        let words = side.terms(p);
        let mut opener = [0; OPENER_WORDS];
        let (mut found, mut spanned) = (0, 0);
        for &key in words {
            if found == OPENER_WORDS {
                break;
            }
            spanned += 1;
            if !SHIFTING_ADVERBS.contains(&side.key(key)) {
                opener[found] = term(key);
                found += 1;
            }
        }
        let opening = (words.len() >= LONG_OPENING).then(|| {
            let mut opening = [0; LONG_OPENING];
            for (slot, &key) in opening.iter_mut().zip(words) {
                *slot = term(key);
            }
            opening
        });
        Clues {
            opener: (found == OPENER_WORDS).then_some(opener),
            opener_words: spanned,
            text,
            opening,
            references,
        }
    }

    /// The opener as written: from the start of the text to the end of its last word, the
    /// rest of a hyphenated word included ("Secretary" of "Secretary-General"); empty for a
    /// paragraph without an opener. Read again from the text, as only the few pairs linked
    /// on their clues say it.
    fn opener_text(&self) -> String {
        let text = self.text;
        let last = match self.opener_words.checked_sub(1) {
            Some(last) if self.opener.is_some() => words(text).nth(last),
            _ => None,
        };
        let Some(last) = last else {
            return String::new();
        };
        // `words` gives slices of `text`.
        let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
        let rest = &text[end..];
        let tail = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        text[..end + tail].trim_start().to_owned()
    }

    /// Whether `self` and `other` open with the same [`LONG_OPENING`] words.
    fn same_long_opening(&self, other: &Clues) -> bool {
        self.opening.is_some() && self.opening == other.opening
    }
}

/// The document symbols and years `text` cites, as written, sorted, once. A token is a run
/// of letters, digits, `/` and `.`, its dots trimmed; only one holding a digit can be a
/// reference, so the scan goes from digit to digit rather than through every token.
pub(crate) fn references(text: &str) -> Vec<&str> {
    let in_token = |c: char| c.is_alphanumeric() || c == '/' || c == '.';
    // The same bounds found on bytes, for a text of ASCII only (most paragraphs).
    let in_ascii_token = |c: &u8| c.is_ascii_alphanumeric() || *c == b'/' || *c == b'.';
    let ascii = text.is_ascii();
    let bytes = text.as_bytes();
    let mut references = Vec::new();
    let mut from = 0;
    while let Some(at) = next_digit(bytes, from) {
        let (start, end) = if ascii {
            let start = bytes[..at]
                .iter()
                .rposition(|c| !in_ascii_token(c))
                .map_or(0, |i| i + 1);
            let end = bytes[at..]
                .iter()
                .position(|c| !in_ascii_token(c))
                .map_or(text.len(), |i| at + i);
            (start, end)
        } else {
            let start = text[..at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| in_token(c))
                .last()
                .map_or(at, |(i, _)| i);
            let end = text[at..]
                .char_indices()
                .find(|&(_, c)| !in_token(c))
                .map_or(text.len(), |(i, _)| at + i);
            (start, end)
        };
        let token = text[start..end].trim_matches('.');
        if is_reference(token) {
            references.push(token);
        }
        from = end;
    }
    references.sort_unstable();
    references.dedup();
    references
}

/// The position of the first ASCII digit of `bytes` from `from`. Eight bytes at a time: the
/// search runs over every byte of every paragraph, most of which cite nothing.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let eight = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // With the high bits cleared no byte sum carries into the next byte: `x + 0x50` has
        // its high bit set when `x >= b'0'`, `x + 0x46` when `x > b'9'`; a byte with its
        // high bit set is no ASCII digit.
        let x = eight & !HIGH_BITS;
        let digits = (x + ONES * 0x50) & !(x + ONES * 0x46) & !eight & HIGH_BITS;
        if digits != 0 {
            return Some(at + (digits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| at + p)
}

/// A document symbol (digits and a slash inside: "72/196", "A/RES/69/197", "2014/20") or a
/// year (1900 to 2099).
fn is_reference(token: &str) -> bool {
    let has_digit = token.chars().any(|c| c.is_ascii_digit());
    let symbol = has_digit
        && token.contains('/')
        && !token.starts_with('/')
        && !token.ends_with('/')
        && !token.contains("//");
    let year = token.len() == 4
        && token.chars().all(|c| c.is_ascii_digit())
        && (token.starts_with("19") || token.starts_with("20"));
    symbol || year
}

/// How many paragraphs of each version cite each reference and open with each long opening,
/// to keep the rare ones.
#[derive(Debug, Default)]
pub(crate) struct ReferenceCounts<'t> {
    references: crate::hash::FastMap<&'t str, (u32, u32)>,
    openings: crate::hash::FastMap<[u32; LONG_OPENING], (u32, u32)>,
}

impl<'t> ReferenceCounts<'t> {
    /// Counts the references and long openings of both versions' paragraphs.
    pub(crate) fn new(old: &[Clues<'t>], new: &[Clues<'t>]) -> ReferenceCounts<'t> {
        // Sized for every long opening at once: grown by doubling, the table was rehashed
        // into fresh pages again and again at 10,000 paragraphs.
        let openings = old
            .iter()
            .chain(new)
            .filter(|c| c.opening.is_some())
            .count();
        let mut counts = ReferenceCounts {
            openings: crate::hash::FastMap::with_capacity_and_hasher(openings, Default::default()),
            ..ReferenceCounts::default()
        };
        for (side, all) in [(0, old), (1, new)] {
            for clues in all {
                for &r in clues.references {
                    let entry = counts.references.entry(r).or_default();
                    *if side == 0 {
                        &mut entry.0
                    } else {
                        &mut entry.1
                    } += 1;
                }
                if let Some(opening) = clues.opening {
                    let entry = counts.openings.entry(opening).or_default();
                    *if side == 0 {
                        &mut entry.0
                    } else {
                        &mut entry.1
                    } += 1;
                }
            }
        }
        counts
    }

    /// Whether `old` and `new` open with the same [`LONG_OPENING`] words and no other
    /// paragraph does (a boilerplate opening like "Requests the United Nations Office on"
    /// is everybody's).
    fn own_long_opening(&self, old: &Clues, new: &Clues) -> bool {
        old.same_long_opening(new)
            && old
                .opening
                .is_some_and(|opening| self.openings.get(&opening) == Some(&(1, 1)))
    }

    /// What the opener clues add for a piece of a merge or split that opens as its whole
    /// does; `old` and `new` as in the two versions.
    pub(crate) fn opening_bonus(&self, old: &Clues, new: &Clues) -> f64 {
        if old.opener.is_none() || old.opener != new.opener {
            return 0.0;
        }
        OPENER
            + if self.own_long_opening(old, new) {
                LONG_OPENING_BONUS
            } else {
                0.0
            }
    }

    /// The references `a` and `b` both cite that no other paragraph of either version cites.
    fn shared_rare(&self, a: &Clues, b: &Clues) -> Vec<String> {
        a.references
            .iter()
            .filter(|r| b.references.binary_search(r).is_ok())
            .filter(|&&r| self.references.get(r) == Some(&(1, 1)))
            .map(|&r| r.to_owned())
            .collect()
    }
}

/// The clues of every paragraph of both versions, and how rare each is.
#[derive(Debug)]
pub(crate) struct ClueSet<'t> {
    /// The clues of each old paragraph.
    pub old: Vec<Clues<'t>>,
    /// The clues of each new paragraph.
    pub new: Vec<Clues<'t>>,
    /// How many paragraphs hold each reference and long opening.
    pub counts: ReferenceCounts<'t>,
}

impl<'t> ClueSet<'t> {
    /// The clues of both versions' paragraphs, numbered as one vocabulary by `pairing`.
    pub(crate) fn new(old: &'t Side<'t>, new: &'t Side<'t>, pairing: &Pairing) -> ClueSet<'t> {
        let read = |side: &'t Side<'t>, term: &dyn Fn(u32) -> u32| -> Vec<Clues<'t>> {
            (0..side.words.len())
                .map(|p| {
                    let written = (side.texts[p], side.references[p].as_slice());
                    Clues::read(&side.words, p, written, term)
                })
                .collect()
        };
        let old = read(old, &|key| key);
        let new = read(new, &|key| pairing.new_terms[key as usize]);
        let counts = ReferenceCounts::new(&old, &new);
        ClueSet { old, new, counts }
    }

    /// What the opener clues add for a piece of a merge or split (see
    /// [`ReferenceCounts::opening_bonus`]).
    pub(crate) fn opening_bonus(&self, i: usize, j: usize) -> f64 {
        self.counts.opening_bonus(&self.old[i], &self.new[j])
    }
}

/// Where a leftover pair stands relative to the paragraphs that kept their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// Old position of the kept-order paragraph before the stretch, if any.
    pub before: Option<usize>,
    /// Old position of the kept-order paragraph after the stretch, if any.
    pub after: Option<usize>,
    /// The stretch is bounded on both sides and no other leftover stands in it.
    pub sole: bool,
}

/// The clues two leftover paragraphs share, and what they add to their similarity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evidence {
    /// The same stretch between kept-order paragraphs.
    pub slot: Option<Slot>,
    /// One contained in the other.
    pub contained: bool,
    /// The same first twelve words, held by no other paragraph.
    pub own_opening: bool,
    /// Not contained, but one is at most half as long as the other and has half its words
    /// in it.
    pub partly_contained: bool,
    /// The new paragraph's opener as written, when it is the old one's too.
    pub opener: Option<String>,
    /// They open with the same [`LONG_OPENING`] words, and no other paragraph does.
    pub long_opening: bool,
    /// Rare references both cite.
    pub references: Vec<String>,
    /// One preambular, the other operative.
    pub other_kind: bool,
}

impl Evidence {
    /// The evidence for linking an old and a new paragraph with these clues.
    pub(crate) fn between(
        (old, new): (&Clues, &Clues),
        counts: &ReferenceCounts,
        slot: Option<Slot>,
        (contained, own_opening, shorter_share): (bool, bool, f64),
        other_kind: bool,
    ) -> Evidence {
        let opener = (old.opener.is_some() && old.opener == new.opener).then(|| new.opener_text());
        let long_opening = opener.is_some() && counts.own_long_opening(old, new);
        let mut references = counts.shared_rare(old, new);
        references.truncate(MAX_REFERENCES);
        Evidence {
            slot,
            contained,
            own_opening,
            partly_contained: !contained && shorter_share >= PARTLY,
            opener,
            long_opening,
            references,
            other_kind,
        }
    }

    /// Whether the pair shares some of its content besides words: a rare reference, one
    /// contained (or partly) in the other, an opening of their own.
    pub(crate) fn shares_content(&self) -> bool {
        self.contained
            || self.own_opening
            || self.partly_contained
            || self.long_opening
            || !self.references.is_empty()
    }

    /// The similarity the pair needs, given what it shares (see the module documentation).
    pub(crate) fn similarity_floor(&self, rewrite_min: f64) -> f64 {
        if self.shares_content() {
            rewrite_min
        } else if self.opener.is_some() {
            rewrite_min + PLACE_AND_OPENER_MARGIN
        } else {
            rewrite_min + PLACE_ALONE_MARGIN
        }
    }

    /// What the clues add to the similarity (see the module documentation).
    pub(crate) fn bonus(&self) -> f64 {
        let slot = match self.slot {
            Some(Slot { sole: true, .. }) => SLOT + SOLE_IN_SLOT,
            Some(_) => SLOT,
            None => 0.0,
        };
        let flag = |on: bool, bonus: f64| if on { bonus } else { 0.0 };
        slot + flag(self.contained || self.own_opening, CONTAINED)
            + flag(self.partly_contained, PARTLY_CONTAINED)
            + flag(self.opener.is_some(), OPENER)
            + flag(self.long_opening, LONG_OPENING_BONUS)
            + REFERENCE * self.references.len() as f64
            + if self.other_kind { OTHER_KIND } else { 0.0 }
    }

    /// A short reason for people: "slot between PP21 and PP23; same opener "Urges Member
    /// States"; cites 72/196". `old_id` names an old paragraph by position.
    pub(crate) fn describe(&self, old_id: &dyn Fn(usize) -> String) -> String {
        let mut parts = Vec::new();
        if let Some(slot) = self.slot {
            parts.push(match (slot.before, slot.after) {
                (Some(b), Some(a)) => format!("slot between {} and {}", old_id(b), old_id(a)),
                (Some(b), None) => format!("slot after {}", old_id(b)),
                (None, Some(a)) => format!("slot before {}", old_id(a)),
                (None, None) => "same place".to_owned(),
            });
        }
        if self.contained {
            parts.push("one contained in the other".to_owned());
        }
        if self.own_opening {
            parts.push("same first twelve words".to_owned());
        }
        if self.partly_contained {
            parts.push("half of the shorter in the longer".to_owned());
        }
        if let Some(opener) = &self.opener {
            parts.push(format!("same opener \"{opener}\""));
        }
        if !self.references.is_empty() {
            parts.push(format!("cites {}", self.references.join(", ")));
        }
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    /// `f` of the clues of `old` and `new`, the paragraphs of two versions.
    fn with_clues<R>(old: &[&str], new: &[&str], f: impl FnOnce(&ClueSet) -> R) -> R {
        fn side<'t>(texts: &[&'t str]) -> Side<'t> {
            Side::read(texts.to_vec(), vec![Kind::Operative; texts.len()], None)
        }
        let (old, new) = (side(old), side(new));
        let pairing = super::super::similarity::pair(&old.words, &new.words);
        f(&ClueSet::new(&old, &new, &pairing))
    }

    proptest::proptest! {
        /// Going from digit to digit finds what splitting the text into every token does.
        #[test]
        fn references_are_the_tokens_that_are_references(
            text in "[a1209٣/. ,é(-]{0,30}",
        ) {
            let mut expected: Vec<String> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '.'))
                .map(|t| t.trim_matches('.'))
                .filter(|t| is_reference(t))
                .map(str::to_owned)
                .collect();
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(references(&text), expected);
        }

        /// The same on ASCII text, which is scanned byte by byte.
        #[test]
        fn ascii_references_are_the_tokens_that_are_references(text in "[a1209/. ,(-]{0,30}") {
            let mut expected: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '.'))
                .map(|t| t.trim_matches('.'))
                .filter(|t| is_reference(t))
                .collect();
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(references(&text), expected);
        }
    }

    #[test]
    fn next_digit_finds_the_first_ascii_digit() {
        for c in 0..=255u8 {
            for at in 0..12 {
                let mut bytes = [b'a'; 12];
                bytes[at] = c;
                let expected = c.is_ascii_digit().then_some(at);
                assert_eq!(next_digit(&bytes, 0), expected, "{c:#x} at {at}");
                assert_eq!(
                    next_digit(&bytes, at.min(3)),
                    expected.filter(|&e| e >= at.min(3))
                );
            }
        }
        assert_eq!(next_digit(b"ab 1", 4), None);
        assert_eq!(next_digit(b"", 0), None);
    }

    #[test]
    fn references_of_a_paragraph() {
        assert_eq!(
            references(
                "Recalling resolutions 72/196 and 73/186 of 2018, A/RES/69/197. and 72/196,"
            ),
            ["2018", "72/196", "73/186", "A/RES/69/197"]
        );
    }

    #[test]
    fn the_opener_sets_shifting_adverbs_aside() {
        let old = ["Requests the Secretary-General to report", "Notes"];
        let new = ["Also requests the Secretary-General, within existing resources"];
        with_clues(&old, &new, |clues| {
            let (a, b) = (&clues.old[0], &clues.new[0]);
            assert!(a.opener.is_some());
            assert_eq!(a.opener, b.opener);
            assert_eq!(b.opener_text(), "Also requests the Secretary-General");
            assert!(clues.old[1].opener.is_none());
            assert_eq!(clues.old[1].opener_text(), "");
        });
    }

    #[test]
    fn a_piece_opening_as_its_whole_gains_more_for_an_opening_of_their_own() {
        let piece = "Urges Member States and relevant international organizations to plan";
        let other = "Urges Member States to cooperate on asset recovery";
        let seized = "Decides to remain seized of the matter";
        let whole = "Urges Member States and relevant international organizations to act";
        with_clues(&[piece, other, seized], &[whole], |clues| {
            let bonus = clues.opening_bonus(0, 0);
            assert!((bonus - (OPENER + LONG_OPENING_BONUS)).abs() < 1e-12);
            assert!((clues.opening_bonus(1, 0) - OPENER).abs() < 1e-12);
            assert_eq!(clues.opening_bonus(2, 0), 0.0);
        });
        // Another paragraph with the same long opening: the opener alone counts.
        with_clues(&[piece, piece], &[whole], |clues| {
            assert!((clues.opening_bonus(0, 0) - OPENER).abs() < 1e-12);
        });
    }

    #[test]
    fn references_are_symbols_and_years() {
        let text = "Recalling its resolution 72/196 of 19 December 2017, E/CN.15/2019/L.5 and 71/\\_\\_\\_ of 7 March,";
        with_clues(&[text], &[], |clues| {
            assert_eq!(
                clues.old[0].references,
                ["2017", "72/196", "E/CN.15/2019/L.5"]
            );
        });
    }

    #[test]
    fn only_references_no_other_paragraph_cites_count() {
        let old = [
            "Recalling resolution 72/196 and resolution 70/1,",
            "Noting resolution 70/1,",
        ];
        let new = ["Welcoming resolution 72/196 and resolution 70/1,"];
        with_clues(&old, &new, |clues| {
            let e = Evidence::between(
                (&clues.old[0], &clues.new[0]),
                &clues.counts,
                None,
                (false, false, 0.0),
                false,
            );
            assert_eq!(e.references, ["72/196"]);
            assert!((e.bonus() - REFERENCE).abs() < 1e-12);
        });
    }

    #[test]
    fn a_pair_resting_on_its_place_alone_needs_more_similarity() {
        let place = Evidence {
            slot: Some(Slot {
                before: Some(1),
                after: Some(3),
                sole: true,
            }),
            contained: false,
            own_opening: false,
            partly_contained: false,
            opener: None,
            long_opening: false,
            references: Vec::new(),
            other_kind: false,
        };
        let opener = Evidence {
            opener: Some("Requests the Secretary-General".to_owned()),
            ..place.clone()
        };
        let cited = Evidence {
            references: vec!["72/196".to_owned()],
            ..place.clone()
        };
        assert!((place.similarity_floor(0.2) - 0.3).abs() < 1e-12);
        assert!((opener.similarity_floor(0.2) - 0.25).abs() < 1e-12);
        assert!((cited.similarity_floor(0.2) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn the_reason_names_every_clue() {
        let e = Evidence {
            slot: Some(Slot {
                before: Some(20),
                after: Some(22),
                sole: true,
            }),
            contained: false,
            own_opening: false,
            partly_contained: false,
            opener: Some("Urges Member States".to_owned()),
            long_opening: false,
            references: vec!["72/196".to_owned()],
            other_kind: false,
        };
        let id = |k: usize| format!("PP{}", k + 1);
        assert_eq!(
            e.describe(&id),
            "slot between PP21 and PP23; same opener \"Urges Member States\"; cites 72/196"
        );
        assert!((e.bonus() - (SLOT + SOLE_IN_SLOT + OPENER + REFERENCE)).abs() < 1e-12);
    }
}
