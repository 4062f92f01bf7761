//! Inline clean-up of one block of text: markdown emphasis, links, escapes and HTML marks go,
//! footnote marks are taken out and kept as numbers.
//!
//! White space is kept as printed within a line (a no-break space, two spaces), since
//! `--strict` shows it; a line break inside a block is layout and reads as one space, and
//! so does the white space left where a mark was taken out. The recognisers of the parser
//! read a [`collapsed`] view, so that how a text is cut into instruments and paragraphs
//! never depends on its spacing.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::recognise::{MONTHS, superscript_digit};
use crate::document::LineSpan;

/// A block's clean text and what was taken out of it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Cleaned {
    /// The text without markup or footnote marks, its white space as printed within a line
    /// (see the [module](self) docs).
    pub text: String,
    /// Footnote numbers marked explicitly (`<sup>3</sup>`, `³`), in order.
    pub refs: Vec<u32>,
    /// The words the block opened with in `*italic*`, the markdown exports' way of showing a
    /// paragraph's lead.
    pub italic_lead: Option<String>,
    /// Whether the text is single-spaced, its own [`collapsed`] view, as most texts are:
    /// asked once, so that the views the recognisers read of it (see [`view`]) cost nothing.
    pub single_spaced: bool,
}

impl Cleaned {
    /// The [`collapsed`] view of the text.
    pub(crate) fn view(&self) -> Cow<'_, str> {
        view(&self.text, self.single_spaced)
    }
}

/// Footnote numbers are small: anything longer than this is a year or a quantity.
const MAX_FOOTNOTE_DIGITS: usize = 3;

/// Paragraph numbers stay well under 100,000; a longer number is a year or an amount.
const MAX_PARAGRAPH_DIGITS: usize = 5;

/// Cleans one block of raw text (lines already joined).
pub(crate) fn clean(raw: &str) -> Cleaned {
    let body = strip_line_markers(raw.trim());
    let mut refs = Vec::new();
    let text = without_markup(body, &mut refs);
    // A single-spaced text holds no line break and no white space at its ends, so that
    // asked first, as of most blocks, the question spares the search for line breaks.
    let (text, single_spaced) = if is_collapsed(&text) {
        (text, true)
    } else {
        let text = without_line_breaks(text);
        let single_spaced = is_collapsed(&text);
        (text, single_spaced)
    };
    Cleaned {
        text,
        refs,
        italic_lead: italic_lead(body),
        single_spaced,
    }
}

/// The clean text of a note or a footnote, of which the parser reads nothing else.
pub(crate) fn clean_text(raw: &str) -> String {
    without_line_breaks(without_markup(
        strip_line_markers(raw.trim()),
        &mut Vec::new(),
    ))
}

/// The text of a block's `body`, its line markers gone, without its markup, collecting its
/// explicit footnote marks; its line breaks still in (see [`without_line_breaks`]).
fn without_markup(body: &str, refs: &mut Vec<u32>) -> String {
    let mut text = String::with_capacity(body.len());
    push_clean(body, &mut text, refs);
    text
}

/// The text trimmed, with every run of white space that holds a line break of any kind
/// (vertical tab, form feed, U+0085, U+2028, U+2029: a page's layout, not its text) read
/// as one space. Given back without a copy when there is nothing to change, as for most
/// texts.
fn without_line_breaks(text: String) -> String {
    let breaks = |c: char| matches!(c, '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let trimmed = text.trim();
    if trimmed.len() == text.len() && !holds_line_break(&text) {
        return text;
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut run = String::new();
    for c in trimmed.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if run.contains(breaks) {
            out.push(' ');
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out
}

/// Whether `text` holds one of the line breaks that [`without_line_breaks`] reads as a
/// space. Their bytes are searched for many at a time: asked of every block and found in
/// almost none, the test a character at a time cost as much as the rest of cleaning.
fn holds_line_break(text: &str) -> bool {
    let bytes = text.as_bytes();
    // U+0085 is C2 85, U+2028 and U+2029 are E2 80 A8 and E2 80 A9: their last bytes are
    // looked for, then the bytes before them.
    memchr::memchr2(b'\x0b', b'\x0c', bytes).is_some()
        || memchr::memchr3_iter(0x85, 0xA8, 0xA9, bytes).any(|at| {
            let lead: &[u8] = if bytes[at] == 0x85 {
                &[0xC2]
            } else {
                &[0xE2, 0x80]
            };
            bytes[..at].ends_with(lead)
        })
}

/// `text` with every run of white space read as one space, trimmed: what the parser's
/// recognisers read, so that a no-break space or a doubled space never changes how a text
/// is cut into instruments and paragraphs. Borrowed when the text is single-spaced already.
pub(crate) fn collapsed(text: &str) -> Cow<'_, str> {
    if is_collapsed(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(collapse_spaces(text))
    }
}

/// The [`collapsed`] view of a text already known to be single-spaced or not, as a block of
/// the parser knows it of its own text (see [`Cleaned::single_spaced`]): borrowed without a
/// look at the text when it is.
pub(crate) fn view(text: &str, single_spaced: bool) -> Cow<'_, str> {
    if single_spaced {
        Cow::Borrowed(text)
    } else {
        collapsed(text)
    }
}

/// The end of `spaced` that holds the same characters, white space aside, as `tail`, an end
/// of [`collapsed`]`(spaced)`: what a recogniser that read the collapsed view found after a
/// label or number, as the text prints it. Never opens with white space.
pub(crate) fn same_tail<'s>(spaced: &'s str, tail: &str) -> &'s str {
    let wanted = tail.chars().filter(|c| !c.is_whitespace()).count();
    if wanted == 0 {
        return "";
    }
    let mut seen = 0;
    for (at, c) in spaced.char_indices().rev() {
        if !c.is_whitespace() {
            seen += 1;
            if seen == wanted {
                return &spaced[at..];
            }
        }
    }
    spaced
}

/// Removes a markdown heading or list marker: "### ", "- ", "> ".
pub(crate) fn strip_line_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    // Most blocks open with a word: no marker, and nothing more to read.
    if rest
        .as_bytes()
        .first()
        .is_none_or(|&b| b.is_ascii_alphanumeric())
    {
        return rest;
    }
    loop {
        let before = rest;
        rest = rest.trim_start_matches('#').trim_start();
        if let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("> ")) {
            rest = r.trim_start();
        }
        if rest == before {
            return rest;
        }
    }
}

/// The text of a leading `*italic*` run ("*Recalling also* its ..."), after an optional OP
/// number ("1. *Takes note* of ...").
fn italic_lead(body: &str) -> Option<String> {
    let after_number = match split_number(body) {
        Some((_, rest)) => rest,
        None => body,
    };
    let inner = after_number.strip_prefix('*')?;
    if inner.starts_with('*') {
        return None;
    }
    let end = inner.find('*')?;
    let lead = collapse_spaces(&inner[..end]);
    (!lead.is_empty()).then_some(lead)
}

/// The number of a line holding nothing else: "12." (the text of paragraph 12 follows on
/// the next line in PDF text).
pub(crate) fn bare_number(line: &str) -> Option<u32> {
    let digits = line.strip_suffix('.')?;
    (!digits.is_empty()
        && digits.len() <= MAX_PARAGRAPH_DIGITS
        && digits.chars().all(|c| c.is_ascii_digit()))
    .then(|| digits.parse().ok())
    .flatten()
}

/// "25 Condemns ...", "1, Reaffirms", "ll. Further requests": a paragraph number printed
/// without its dot, with a comma for it, or scanned with letters for digits ("l" for 1, "O"
/// for 0). Taken only when it reads as the number `expected` next and a capitalised word
/// follows, so that a figure opening a line of text ("2030 Agenda") is not mistaken for one.
pub(crate) fn split_undotted_number(text: &str, expected: u32) -> Option<&str> {
    let len = text.len()
        - text
            .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, 'l' | 'I' | 'O'))
            .len();
    if len == 0 || len > MAX_PARAGRAPH_DIGITS {
        return None;
    }
    let digits: String = text[..len]
        .chars()
        .map(|c| match c {
            'l' | 'I' => '1',
            'O' => '0',
            c => c,
        })
        .collect();
    let scanned = digits != text[..len];
    let after = &text[len..];
    let rest = match after.strip_prefix(['.', ',']) {
        Some(rest) => rest,
        // Letters alone ("I Decides") are a word, not a scanned number.
        None if scanned => return None,
        None => after,
    };
    if !rest.starts_with(char::is_whitespace) || digits.parse::<u32>().ok()? != expected {
        return None;
    }
    let rest = rest.trim_start();
    rest.starts_with(char::is_uppercase).then_some(rest)
}

/// Whether a line opens with "4, Extends": a paragraph number with a comma for its dot.
pub(crate) fn comma_number(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0
        && digits <= MAX_PARAGRAPH_DIGITS
        && line[digits..]
            .strip_prefix(", ")
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// Splits "12. text" into (12, "text"). The number must be followed by a dot and a space.
pub(crate) fn split_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > MAX_PARAGRAPH_DIGITS {
        return None;
    }
    let rest = text[digits..].strip_prefix('.')?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((text[..digits].parse().ok()?, rest.trim_start()))
}

/// Appends the clean form of `raw` to `out`, collecting explicit footnote marks.
fn push_clean(raw: &str, out: &mut String, refs: &mut Vec<u32>) {
    let mut rest = raw;
    // Set after a footnote mark, so that "Crime ²³," loses the space the mark stood beside.
    let mut after_mark = false;
    // Set after anything taken out (a mark, markup), so that the white space on its two
    // sides reads as one space: "reviews ²³ and" is "reviews and".
    let mut after_removal = false;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace()
            && after_removal
            && (out.is_empty() || out.ends_with(char::is_whitespace))
        {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if !after_mark && !after_removal {
            // Most of a text is plain ASCII that none of the cases below touch: copied whole.
            let plain = plain_len(rest.as_bytes());
            if plain > 0 {
                out.push_str(&rest[..plain]);
                rest = &rest[plain..];
                continue;
            }
        }
        let len = c.len_utf8();
        if c == '\\' {
            // Markdown escape: keep the escaped character itself.
            let escaped = rest[1..].chars().next();
            match escaped {
                Some(e) if e.is_ascii_punctuation() => {
                    out.push(e);
                    rest = &rest[1 + e.len_utf8()..];
                }
                _ => {
                    out.push('\\');
                    rest = &rest[1..];
                }
            }
            after_mark = false;
            after_removal = false;
            continue;
        }
        if c == '<' {
            if let Some((number, used)) = sup_mark(rest) {
                refs.extend(number);
                rest = &rest[used..];
                after_mark = true;
                after_removal = true;
                continue;
            }
            if let Some(used) = html_tag(rest) {
                rest = &rest[used..];
                after_removal = true;
                continue;
            }
        }
        if c == '[' {
            if let Some((inner, used)) = link(rest) {
                push_clean(inner, out, refs);
                rest = &rest[used..];
                after_mark = false;
                after_removal = false;
                continue;
            }
        }
        if c == '*' {
            rest = &rest[len..];
            after_removal = true;
            continue;
        }
        if superscript_digit(c).is_some() {
            let used: usize = rest
                .chars()
                .take_while(|ch| superscript_digit(*ch).is_some())
                .map(char::len_utf8)
                .sum();
            let digits: String = rest[..used]
                .chars()
                .filter_map(superscript_digit)
                .map(|d| char::from(b'0' + d))
                .collect();
            rest = &rest[used..];
            if let Ok(number) = digits.parse() {
                refs.push(number);
            }
            after_mark = true;
            after_removal = true;
            continue;
        }
        if after_mark && matches!(c, ',' | ';' | ':' | '.' | ')') {
            while out.ends_with(char::is_whitespace) {
                out.pop();
            }
        }
        if !c.is_whitespace() {
            after_mark = false;
            after_removal = false;
        }
        out.push(c);
        rest = &rest[len..];
    }
}

/// The length of the plain ASCII a text opens with, up to the first byte [`push_clean`] has
/// to look at: a markup character or a non-ASCII one.
fn plain_len(bytes: &[u8]) -> usize {
    let stops = |b: u8| (b == b'\\') | (b == b'<') | (b == b'[') | (b == b'*') | !b.is_ascii();
    // A zero byte is no stop.
    match chunk_holding(bytes, 0, stops) {
        Some(start) => bytes[start..]
            .iter()
            .position(|&b| stops(b))
            .map_or(bytes.len(), |i| start + i),
        None => bytes.len(),
    }
}

/// The bytes of a chunk of [`chunk_holding`].
const CHUNK: usize = 32;

/// Where the first chunk of [`CHUNK`] bytes of `bytes` that holds a byte `wanted` holds
/// starts, or none. Each chunk is tested without branches, which the compiler does many
/// bytes at a time once it knows the chunk's length; the last, short one is padded with
/// `padding`, which `wanted` must not hold.
fn chunk_holding(bytes: &[u8], padding: u8, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let holds =
        |chunk: &[u8; CHUNK]| chunk.iter().fold(0u8, |hit, &b| hit | u8::from(wanted(b))) != 0;
    let chunks = bytes.chunks_exact(CHUNK);
    let rest = chunks.remainder();
    for (k, chunk) in chunks.enumerate() {
        if holds(chunk.try_into().expect("chunks_exact gives whole chunks")) {
            return Some(k * CHUNK);
        }
    }
    let mut last = [padding; CHUNK];
    last[..rest.len()].copy_from_slice(rest);
    holds(&last).then_some(bytes.len() - rest.len())
}

/// `<sup>12</sup>`: the numbers inside and the bytes used.
fn sup_mark(text: &str) -> Option<(Vec<u32>, usize)> {
    const OPEN: &str = "<sup>";
    const CLOSE: &str = "</sup>";
    let inner_start = OPEN.len();
    if !text.starts_with(OPEN) {
        return None;
    }
    let close = text[inner_start..].find(CLOSE)? + inner_start;
    let numbers = text[inner_start..close]
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|d| d.parse().ok())
        .collect();
    Some((numbers, close + CLOSE.len()))
}

/// Length of a simple HTML tag such as `<br>` or `</em>`, so that it can be dropped.
fn html_tag(text: &str) -> Option<usize> {
    let end = text.find('>')?;
    let name = text[1..end].trim_start_matches('/').trim_end_matches('/');
    (!name.is_empty()
        && name.len() <= "strong".len()
        && name.chars().all(|c| c.is_ascii_alphabetic()))
    .then_some(end + 1)
}

/// `[text](target)`: the text and the bytes used. Only on one line, without nesting.
fn link(text: &str) -> Option<(&str, usize)> {
    let close = text.find(']')?;
    let inner = &text[1..close];
    if inner.contains('[') {
        return None;
    }
    let after = text[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    if after[..end].contains(char::is_whitespace) {
        return None;
    }
    Some((inner, close + 2 + end + 1))
}

/// Collapses every run of white space (no-break spaces included) to one space and trims.
///
/// The text is copied a stretch at a time: from a word up to the next white space that
/// collapsing changes ([`opens_space`]: two spaces, or any white space but a plain space),
/// without the plain space it may end with. A stretch's end is found many bytes at a time:
/// two spaces by memmem, the rest from the bytes that may open other white space (below 14
/// or not ASCII), a chunk at a time (see [`chunk_holding`]).
pub(crate) fn collapse_spaces(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // The next two spaces at or after the stretch being read: searched again only once
    // passed, so that the text is searched once in all.
    let mut double: Option<usize> = None;
    let mut i = 0;
    loop {
        while i < bytes.len() {
            match space_len(text, i) {
                0 => break,
                n => i += n,
            }
        }
        if i == bytes.len() {
            return out;
        }
        let until = match double {
            Some(at) if at >= i => at,
            _ => {
                let at = DOUBLE_SPACE
                    .find(&bytes[i..])
                    .map_or(bytes.len(), |k| i + k);
                double = Some(at);
                at
            }
        };
        let end = changed_space(bytes, i, until);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text[i..end].trim_end_matches(' '));
        i = end;
    }
}

/// Where the first white space that [`opens_space`] tells at or after byte `from` and before
/// `until` is, or `until`.
fn changed_space(bytes: &[u8], from: usize, until: usize) -> usize {
    const BELOW: u8 = 14;
    // Below 14 or not ASCII: what is left of 14..128 once 14 is taken.
    let odd = |b: u8| b.wrapping_sub(BELOW) >= 0x80 - BELOW;
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut start = from;
    while let Some(chunk) = chunk_holding(&bytes[start..until], b'a', odd) {
        let chunk_start = start + chunk;
        let chunk_end = (chunk_start + CHUNK).min(until);
        let found = (chunk_start..chunk_end)
            .find(|&k| odd(bytes[k]) && opens_space(bytes[k], at(k + 1), at(k + 2)));
        if let Some(k) = found {
            return k;
        }
        start = chunk_end;
    }
    until
}

/// The search for two spaces, made once: a search set up for each text cost more than it
/// read in most of them.
static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("  "));

/// Whether [`collapse_spaces`] would give `text` back as it is: no white space but plain
/// spaces, each between two words.
pub(crate) fn is_collapsed(text: &str) -> bool {
    // Asked of every block and paragraph, most of them collapsed already: two searches that
    // take many bytes at a time, and a byte-by-byte test only where they find something.
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    if first == b' ' || last == b' ' || DOUBLE_SPACE.find(bytes).is_some() {
        return false;
    }
    // Every other white space character opens with a byte below 14 (tab to carriage return)
    // or one that is not ASCII. The bytes are read eight at a time as one number, which
    // tells at once whether any of them is such a byte, and four such numbers at a time;
    // only then is each byte tested again with the two after it (zeros past the end, where
    // no white space character is cut short, the text being valid UTF-8).
    const WORD: usize = 8;
    const ONES: u64 = u64::from_le_bytes([1; WORD]);
    const HIGH_BITS: u64 = ONES * 0x80;
    const BELOW: u64 = 14;
    // A byte below 14 borrows when 14 is taken from it, which sets its high bit where the
    // byte had none (a borrow may only mark bytes above one that is found).
    let flags = |word: &[u8; WORD]| {
        let word = u64::from_le_bytes(*word);
        (word | (word.wrapping_sub(ONES * BELOW) & !word)) & HIGH_BITS
    };
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    // Only a byte below 14 or one that is not ASCII can open it: the others are passed over.
    let spaced = |from: usize, to: usize| {
        (from..to)
            .filter(|&i| !(BELOW as u8..0x80).contains(&bytes[i]))
            .any(|i| opens_space(bytes[i], at(i + 1), at(i + 2)))
    };
    let suspect = |chunk: &[u8; CHUNK]| {
        let word = |i: usize| {
            let word = chunk[i * WORD..(i + 1) * WORD].try_into();
            flags(word.expect("a chunk is whole words"))
        };
        (0..CHUNK / WORD).fold(0, |found, i| found | word(i)) != 0
    };
    let chunks = bytes.chunks_exact(CHUNK);
    let rest = chunks.remainder();
    for (k, chunk) in chunks.enumerate() {
        let chunk = chunk.try_into().expect("chunks_exact gives whole chunks");
        if suspect(chunk) && spaced(k * CHUNK, (k + 1) * CHUNK) {
            return false;
        }
    }
    // The last bytes padded with letters, which are never suspect.
    let mut last = [b'a'; CHUNK];
    last[..rest.len()].copy_from_slice(rest);
    !(suspect(&last) && spaced(bytes.len() - rest.len(), bytes.len()))
}

/// Whether the byte `x`, followed by `y` and `z`, opens white space that
/// [`collapse_spaces`] changes: any white space character but a plain space, or a plain
/// space followed by another. Non-ASCII white space is U+0085 and U+00A0 (C2 85, C2 A0),
/// U+1680 (E1 9A 80), U+2000..U+200A, U+2028, U+2029 and U+202F (E2 80 80..8A, A8, A9, AF),
/// U+205F (E2 81 9F) and U+3000 (E3 80 80).
#[inline]
fn opens_space(x: u8, y: u8, z: u8) -> bool {
    let ascii = x.wrapping_sub(b'\t') <= b'\r' - b'\t' || (x == b' ') & (y == b' ');
    let latin = (x == 0xC2) & ((y == 0x85) | (y == 0xA0));
    let ogham = (x == 0xE1) & (y == 0x9A) & (z == 0x80);
    let general = (x == 0xE2)
        & (((y == 0x80) & ((z <= 0x8A) | (z == 0xA8) | (z == 0xA9) | (z == 0xAF)))
            | ((y == 0x81) & (z == 0x9F)));
    let ideographic = (x == 0xE3) & (y == 0x80) & (z == 0x80);
    ascii | latin | ogham | general | ideographic
}

/// The byte length of the white space character at byte `at` of `text` (a character
/// boundary), or 0. Scanning byte by byte is sound: UTF-8 continuation bytes are never ASCII
/// nor one of the lead bytes of a white space character, so they read as no white space.
fn space_len(text: &str, at: usize) -> usize {
    match SPACE_BYTES[usize::from(text.as_bytes()[at])] {
        NO_SPACE => 0,
        ASCII_SPACE => 1,
        _ => text[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
    }
}

/// [`SPACE_BYTES`]: a byte that is no white space and opens none.
const NO_SPACE: u8 = 0;
/// [`SPACE_BYTES`]: ASCII white space, tab to carriage return and space.
const ASCII_SPACE: u8 = 1;
/// [`SPACE_BYTES`]: the lead byte of U+0085, U+00A0, U+1680, U+2000..U+205F or U+3000, and
/// of other characters: what follows tells.
const MAYBE_SPACE: u8 = 2;

/// What each byte says of white space, looked up for each byte of the white space that
/// [`collapse_spaces`] passes over.
static SPACE_BYTES: [u8; 256] = {
    let mut table = [NO_SPACE; 256];
    let mut b = b'\t';
    while b <= b'\r' {
        table[b as usize] = ASCII_SPACE;
        b += 1;
    }
    table[b' ' as usize] = ASCII_SPACE;
    table[0xC2] = MAYBE_SPACE;
    table[0xE1] = MAYBE_SPACE;
    table[0xE2] = MAYBE_SPACE;
    table[0xE3] = MAYBE_SPACE;
    table
};

/// Words that take a number after them, so that the number is not a footnote reference:
/// "resolution 8", "paragraph 4", "of 8".
const NUMBER_TAKERS: &[&str] = &[
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "paragraph",
    "paragraphs",
    "para.",
    "paras.",
    "article",
    "articles",
    "chapter",
    "annex",
    "section",
    "sect.",
    "no.",
    "vol.",
    "vols.",
    "page",
    "pages",
    "rule",
    "rules",
    "item",
    "items",
    "goal",
    "goals",
    "target",
    "targets",
    "principle",
    "principles",
    "recommendation",
    "recommendations",
    "of",
    "to",
    "and",
    "or",
    "from",
    "than",
    "by",
    "the",
    "at",
    "on",
    "in",
    "least",
    "about",
    "session",
    "part",
    "phase",
    "level",
    "step",
    "sdg",
    "table",
    "figure",
    "group",
    "indicator",
    "decade",
    "cycle",
    "round",
    "stage",
    "pillar",
    "category",
    "tier",
    "option",
    "cluster",
    "number",
];

/// Tells plain-digit footnote references ("thereto,1", "1988, 4") from numbers of the text,
/// using the footnotes actually defined, the order in which they are first referenced and
/// where they are printed.
///
/// A number is a mark only on the evidence of a footnote of that number printed on the
/// same page as the text that holds it (between the page breaks around it) and in the order
/// of first references; "Article5", "G20" or "SDG16" with no such footnote stay text. The
/// one exception is a bare number repeating a reference made earlier, whose footnote was
/// printed where it was first referenced ([`Self::repeated`]).
#[derive(Debug)]
pub(crate) struct PlainRefs {
    /// Footnote numbers defined for the instrument, with the line each is printed on.
    defined: BTreeMap<u32, usize>,
    /// The next footnote not referenced yet: first references come in this order.
    next: Option<u32>,
    /// The lines on which a new page starts, in order; none when the text has no pages.
    page_breaks: Vec<usize>,
}

/// The words of a text that end with an ASCII digit past the punctuation that may close
/// them ([`CLOSING`]), as byte ranges, in order: the only words that can be a plain footnote
/// mark or hold one. Found from the digits of the text, so that the other words, most of a
/// paragraph, are never looked at one by one.
fn digit_ended_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let digit = next_digit(bytes, at)?;
            // Past the digits and the closing punctuation, the word must end.
            let after_digits = digit
                + bytes[digit..]
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(bytes.len() - digit);
            let end = after_digits + closing_len(&text[after_digits..]);
            at = end;
            // Told from the byte where it is ASCII, as it mostly is, without decoding.
            let word_ends = match bytes.get(end) {
                None => true,
                Some(&b) if b.is_ascii() => char::from(b).is_whitespace(),
                Some(_) => text[end..].chars().next().is_some_and(char::is_whitespace),
            };
            if word_ends {
                return Some(word_start(text, digit)..end);
            }
        }
    })
}

/// Where the first ASCII digit of `bytes` from `from` on is, found a chunk at a time (see
/// [`chunk_holding`]): every body block of a text with footnotes is read for its digits,
/// most bytes of it letters.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let start = chunk_holding(rest, b'a', |b| b.wrapping_sub(b'0') < 10)?;
    let chunk = &rest[start..(start + CHUNK).min(rest.len())];
    Some(from + start + first_digit(chunk))
}

/// Where the first ASCII digit of `chunk`, which holds one, is.
fn first_digit(chunk: &[u8]) -> usize {
    const WORD: usize = 8;
    const ONES: u64 = u64::from_le_bytes([1; WORD]);
    const HIGH_BITS: u64 = ONES * 0x80;
    let words = chunk.chunks_exact(WORD);
    let rest = words.remainder();
    for (k, word) in words.enumerate() {
        let word = u64::from_le_bytes(word.try_into().expect("a whole word"));
        // A byte of seven bits sets its high bit when 0x50 is added if it is 0x30 ('0') or
        // more, and when 0x46 is added if it is 0x3A (past '9') or more, without carrying
        // into the next byte; a byte whose own high bit is set is not ASCII.
        let low = word & !HIGH_BITS;
        let digits = (low + ONES * 0x50) & !(low + ONES * 0x46) & !word & HIGH_BITS;
        if digits != 0 {
            return k * WORD + digits.trailing_zeros() as usize / WORD;
        }
    }
    chunk.len() - rest.len()
        + rest
            .iter()
            .position(u8::is_ascii_digit)
            .unwrap_or(rest.len())
}

/// Where the word that holds byte `at` of `text`, a character boundary, starts: after the
/// last white space before it. The bytes before it are read one at a time while they are
/// ASCII, as a word mostly is, and as characters from the first that is not.
fn word_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > 0 && bytes[start - 1].is_ascii() {
        if char::from(bytes[start - 1]).is_whitespace() {
            return start;
        }
        start -= 1;
    }
    text[..start]
        .trim_end_matches(|c: char| !c.is_whitespace())
        .len()
}

/// The byte length of the [`CLOSING`] punctuation `text` opens with.
fn closing_len(text: &str) -> usize {
    // Most words end with a digit or a letter: no punctuation, and nothing to decode.
    match text.as_bytes().first() {
        None => 0,
        Some(&b) if b.is_ascii() && !CLOSING.contains(&char::from(b)) => 0,
        Some(_) => text.len() - text.trim_start_matches(CLOSING).len(),
    }
}

/// A text copied from another but for some stretches of it, cut in order.
struct Cuts<'t> {
    source: &'t str,
    /// The copy so far, made at the first cut: none while nothing is cut, as in most texts.
    out: Option<String>,
    /// Where the part of the source not copied yet starts.
    from: usize,
}

impl<'t> Cuts<'t> {
    /// The source from byte `from` on, nothing cut yet.
    fn new(source: &'t str, from: usize) -> Cuts<'t> {
        Cuts {
            source,
            out: None,
            from,
        }
    }

    /// Leaves out the bytes of `range`, which comes after every range cut before.
    fn cut(&mut self, range: Range<usize>) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.source.len()));
        out.push_str(&self.source[self.from..range.start]);
        self.from = range.end;
    }

    /// The copy, without the white space it would end with; the source itself when nothing
    /// was cut.
    fn finish(self) -> Cow<'t, str> {
        let rest = &self.source[self.from..];
        match self.out {
            Some(mut out) => {
                out.push_str(rest);
                let len = out.trim_end().len();
                out.truncate(len);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(rest.trim_end()),
        }
    }
}

impl PlainRefs {
    /// Starts with the footnote numbers defined for the instrument and their lines, the text
    /// taken as one page.
    pub(crate) fn new(defined: BTreeMap<u32, usize>) -> PlainRefs {
        let next = defined.keys().next().copied();
        PlainRefs {
            defined,
            next,
            page_breaks: Vec::new(),
        }
    }

    /// The same, with the lines on which pages start (in order).
    pub(crate) fn with_page_breaks(mut self, page_breaks: Vec<usize>) -> PlainRefs {
        self.page_breaks = page_breaks;
        self
    }

    /// Whether footnote `number` is defined and printed on the page of `line`.
    fn printed_on_page(&self, number: u32, lines: LineSpan) -> bool {
        self.defined.get(&number).is_some_and(|&at| {
            (self.page(lines.first)..=self.page(lines.last)).contains(&self.page(at))
        })
    }

    /// The page of a line, counted from 0.
    fn page(&self, line: usize) -> usize {
        self.page_breaks.partition_point(|&b| b <= line)
    }

    /// Removes the plain-digit references from a clean text that comes from input `lines`;
    /// returns the text and them. A text that runs over a page break may point to the
    /// footnotes of either page ("... the 2022 Group 6 to" on the second page of PP4 of
    /// A/C.1/80/L.47, its footnote 6 printed under it). A reference taken out leaves the white
    /// space printed before it, so that "outcome, 1  sports" (the space a text layer gives a
    /// superscript) reads "outcome, sports".
    ///
    /// Every word is read in order as printed, but only the words that end with a digit are
    /// looked at (see [`digit_ended_words`]): the others are kept as they are, and the word
    /// before or after one is found when it is needed.
    ///
    /// The text is borrowed back when no reference is taken out, so that it need not be
    /// copied.
    pub(crate) fn strip<'t>(&mut self, text: &'t str, lines: LineSpan) -> (Cow<'t, str>, Vec<u32>) {
        let mut refs = Vec::new();
        if self.defined.is_empty() {
            return (Cow::Borrowed(text), refs);
        }
        // Where the word at or after byte `at` starts.
        let word_start = |at: usize| text.len() - text[at..].trim_start().len();
        let mut out = Cuts::new(text, word_start(0));
        // The last word looked at: where it ends, and the word that a number standing alone
        // right after it would come after (the last word kept, as kept).
        let mut looked_at: Option<(usize, Option<Cow<'_, str>>)> = None;
        // The marks standing alone taken out last, one right after the other: from the start
        // of the first to the end of the last. They go with the white space after them, up
        // to the next word kept, which takes the white space before them for its own.
        let mut taken: Option<Range<usize>> = None;
        for word in digit_ended_words(text) {
            let token = &text[word.clone()];
            let later = || text[word.end..].split_whitespace();
            // Only a small number may stand alone, and only for one are the words around it
            // read: most words that end with a digit are years, dates and symbols ("2015,",
            // "70/1"), whose next two words were read for nothing.
            let alone = small_number(token).and_then(|number| {
                let before_end = text[..word.start].trim_end().len();
                let previous = match &looked_at {
                    Some((end, previous)) if *end == before_end => previous.clone(),
                    _ if before_end == 0 => None,
                    _ => text[..before_end]
                        .split_whitespace()
                        .next_back()
                        .map(Cow::Borrowed),
                };
                let following = later().next();
                // "3 and 4 May": a number joined to another is one of the text.
                let listed = later()
                    .nth(1)
                    .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
                self.standalone(number, previous.as_deref(), following, listed, lines)
                    .map(|number| (number, previous))
            });
            // The run of marks taken out ends at a word kept: this one, or one before it.
            if let Some(run) = taken.take() {
                if alone.is_some() && word_start(run.end) == word.start {
                    taken = Some(run.start..word.end);
                } else {
                    out.cut(run.start..word_start(run.end));
                }
            }
            if let Some((number, previous)) = alone {
                refs.push(number);
                self.mark(number);
                taken.get_or_insert(word.clone());
                looked_at = Some((word.end, previous));
                continue;
            }
            let kept = match self
                .glued(token, lines)
                .filter(|&(_, number)| !marked_later(token, number, later()))
            {
                Some((digits, number)) => {
                    refs.push(number);
                    self.mark(number);
                    out.cut(word.start + digits.start..word.start + digits.end);
                    let (before, after) = (&token[..digits.start], &token[digits.end..]);
                    if after.is_empty() {
                        Cow::Borrowed(before)
                    } else {
                        Cow::Owned(format!("{before}{after}"))
                    }
                }
                None => Cow::Borrowed(token),
            };
            looked_at = Some((word.end, Some(kept)));
        }
        if let Some(run) = taken {
            out.cut(run.start..word_start(run.end));
        }
        (out.finish(), refs)
    }

    /// A reference standing alone, a word that is the [`small_number`] `number`: "1988, 4
    /// the", "Development 1 and", "reviews, 8".
    fn standalone(
        &self,
        number: u32,
        previous: Option<&str>,
        following: Option<&str>,
        listed: bool,
        lines: LineSpan,
    ) -> Option<u32> {
        let previous = previous?;
        if !self.expected(number, lines.first) || !self.printed_on_page(number, lines) {
            return (!listed && self.repeated(number, previous, following)).then_some(number);
        }
        // "Human Rights. 2" at the end of a paragraph, "Paris Principles. 13 We will": after
        // the full stop of a sentence, where a number of the text would open the next one.
        let sentence_end = ends_word_and_sentence(previous)
            && following.is_none_or(|f| f.starts_with(char::is_uppercase));
        let ends_well = previous.chars().last().is_some_and(|c| {
            c.is_alphabetic() || matches!(c, ',' | ';' | ':' | ')' | '”' | '’' | '"')
        }) || is_year(previous)
            || sentence_end;
        let taker = NUMBER_TAKERS
            .iter()
            .any(|w| previous.eq_ignore_ascii_case(w));
        // "the estimated annual 4 trillion United States dollar financing gap, 4 and".
        const QUANTITIES: &[&str] = &["million", "billion", "trillion", "per"];
        let date = following
            .is_some_and(|f| MONTHS.iter().any(|m| f.starts_with(m)) || QUANTITIES.contains(&f));
        (ends_well && !taker && !date).then_some(number)
    }

    /// Whether a bare number is a second reference to a footnote already referenced: "held
    /// in Vienna from 25 to 28 March 2014, 11 and requests" (A/RES/69/197, OP6, pointing
    /// again to footnote 11 of PP13). Only right after a comma that does not close a number
    /// of a list ("paragraphs 10, 11 and 12"), and before a linking word or the end: "in
    /// 2014, 11 States" is a number of the text.
    fn repeated(&self, number: u32, previous: &str, following: Option<&str>) -> bool {
        const LINKS: &[&str] = &["and", "or", "in", "as", "which"];
        let already = self.already_referenced(number);
        let after_comma = previous
            .strip_suffix(',')
            .is_some_and(|word| small_number(word).is_none() && !word.is_empty());
        let linked = following.is_none_or(|f| LINKS.contains(&f));
        already && after_comma && linked
    }

    /// A reference glued to the word before, given back with the bytes of the token it
    /// takes: "thereto,1", "2024,1", "Corruption5", "30 June 20263" (see
    /// [`Self::after_year`]). The mark may come before the punctuation that closes the word,
    /// as in the sub-items of A/C.3/80/L.29 ("its first, 23 second24, third25 and fourth26
    /// universal periodic reviews"): the punctuation stays, so "second24," gives "second,".
    fn glued(&self, token: &str, lines: LineSpan) -> Option<(Range<usize>, u32)> {
        let body = token.trim_end_matches(CLOSING);
        let closed = body.len() < token.len();
        let (prefix, number) = self
            .after_word(body, closed, lines)
            .or_else(|| self.after_year(body, lines))?;
        Some((prefix.len()..body.len(), number))
    }

    /// "thereto,1", "Corruption5": a 1-3 digit mark after punctuation or a word; only after
    /// a word when punctuation follows the mark (`closed`), "thereto,1," being no way to
    /// print one. The footnote must be printed on the page (see [`PlainRefs`]), except for a
    /// mark after punctuation repeating an earlier reference.
    fn after_word<'t>(
        &self,
        token: &'t str,
        closed: bool,
        lines: LineSpan,
    ) -> Option<(&'t str, u32)> {
        let digits = token.len() - token.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > MAX_FOOTNOTE_DIGITS || digits == token.len() {
            return None;
        }
        let (prefix, number) = token.split_at(token.len() - digits);
        let number: u32 = number.parse().ok()?;
        let last = prefix.chars().last()?;
        let after_punctuation = matches!(last, ',' | ';' | ':' | ')' | '”' | '’' | '"');
        // "Rights.2", "persons.8": after the full stop that ends a word, not a number's
        // ("1.2").
        let after_full_stop = ends_word_and_sentence(prefix);
        let glue_ok = ((after_punctuation || after_full_stop) && !closed)
            || (last.is_alphabetic()
                && prefix.chars().filter(|c| c.is_alphabetic()).count() >= MIN_GLUED_WORD);
        // Most digits of a text are glued to nothing that may carry a mark ("75/123"): the
        // footnotes are not looked up for them.
        if !glue_ok {
            return None;
        }
        // After letters the digits read as part of a name ("UNDC2", "Article5") unless they
        // are the very footnote expected next, printed on the page; after punctuation they
        // may also repeat a reference made before ("1949,2" on the page after footnote 2),
        // or follow marks of the same page that were lost ("Protocol I6 to the four Geneva
        // Conventions,7" in the text layer of A/C.4/80/L.20, whose mark 6 reads as a name).
        let on_page = self.printed_on_page(number, lines);
        let first = on_page && self.expected(number, lines.first);
        let after_lost = on_page && after_punctuation && self.follows_lost_marks(number);
        let repeated = after_punctuation && self.already_referenced(number);
        (first || after_lost || repeated).then_some((prefix, number))
    }

    /// "30 June 20263" (A/RES/79/298, section I, PP2), "2015–20304": a mark glued to a
    /// year. The digits read both ways, so the mark is taken only when the digits before it
    /// are a year of 19xx or 20xx and it is the very footnote expected next: a number of
    /// the text that merely starts like a year keeps its digits.
    fn after_year<'t>(&self, token: &'t str, lines: LineSpan) -> Option<(&'t str, u32)> {
        const YEAR_DIGITS: usize = 4;
        let digits = token.len() - token.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if !(YEAR_DIGITS + 1..=YEAR_DIGITS + MAX_FOOTNOTE_DIGITS).contains(&digits) {
            return None;
        }
        let start = token.len() - digits;
        let (year, mark) = token[start..].split_at(YEAR_DIGITS);
        if !is_year(year) || mark.starts_with('0') {
            return None;
        }
        let number: u32 = mark.parse().ok()?;
        (self.printed_on_page(number, lines) && self.expected(number, lines.first))
            .then_some((&token[..start + YEAR_DIGITS], number))
    }

    /// Whether `number` can be the next first reference, in a text starting on `line`: it
    /// is the next one, or the footnotes before it were all printed above the text (their
    /// marks lost, as footnote 18 of A/RES/69/197) and it is printed below.
    fn expected(&self, number: u32, line: usize) -> bool {
        let Some(next) = self.next else {
            return false;
        };
        if number == next {
            return true;
        }
        number > next
            && self.defined.get(&number).is_some_and(|&at| at > line)
            && self.defined.range(next..number).all(|(_, &at)| at < line)
    }

    /// Whether footnote `number` comes after the next one expected, and every footnote from
    /// that one up to it is printed on its page: their marks on this page were lost or read
    /// as text, and a mark glued to punctuation is strong enough evidence to go on.
    fn follows_lost_marks(&self, number: u32) -> bool {
        let (Some(next), Some(&at)) = (self.next, self.defined.get(&number)) else {
            return false;
        };
        number > next
            && self
                .defined
                .range(next..number)
                .all(|(_, &before)| self.page(before) == self.page(at))
    }

    /// Whether footnote `number` is defined and was referenced before (or skipped, its mark
    /// lost): it comes before the next one expected.
    fn already_referenced(&self, number: u32) -> bool {
        self.defined.contains_key(&number) && self.next.is_none_or(|n| number < n)
    }

    /// Records a reference, moving `next` past it.
    fn mark(&mut self, number: u32) {
        if self.next.is_some_and(|next| number >= next) {
            self.next = self.defined.range(number + 1..).next().map(|(&n, _)| n);
        }
    }
}

/// Whether digits glued to the letters of `token` ("guidelines2") are better read as text
/// because a later token of the same paragraph carries footnote `number` glued to
/// punctuation ("session,2"), the shape marks usually take: a paragraph references a
/// footnote once, and digits after letters are the weaker evidence. A bare number later on
/// ("Weapons3 ... from 3 to 5 May") is no such evidence.
fn marked_later<'l>(token: &str, number: u32, mut later: impl Iterator<Item = &'l str>) -> bool {
    let body = token.trim_end_matches(CLOSING);
    let after_letters = body
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .ends_with(char::is_alphabetic);
    let digits = number.to_string();
    after_letters
        && later.any(|t| {
            t.trim_end_matches(CLOSING)
                .strip_suffix(digits.as_str())
                .is_some_and(|stem| stem.ends_with([',', ';', ':', ')', '”', '’', '"']))
        })
}

/// "1966" in "the report of 8 December 1966 5 that ...": a year, after which the Security
/// Council texts of the 1960s and 1970s print their footnote marks.
fn is_year(token: &str) -> bool {
    const YEAR_DIGITS: usize = 4;
    token.len() == YEAR_DIGITS
        && (token.starts_with("19") || token.starts_with("20"))
        && token.chars().all(|c| c.is_ascii_digit())
}

/// Whether `token` is a word of at least [`MIN_GLUED_WORD`] letters closed by a full stop
/// ("Rights.", "persons."), not an abbreviation ("No.", "vol.") or a number ("1.").
fn ends_word_and_sentence(token: &str) -> bool {
    token.strip_suffix('.').is_some_and(|word| {
        word.chars().rev().take_while(|c| c.is_alphabetic()).count() >= MIN_GLUED_WORD
    })
}

/// Punctuation that may close a word after its glued footnote mark: "second24,".
const CLOSING: &[char] = &[',', ';', ':', '.', ')', '”', '’', '"'];

/// A word needs this many letters before a glued digit to be a word and not a code ("G20").
const MIN_GLUED_WORD: usize = 4;

/// A 1-3 digit number, no leading zero.
fn small_number(token: &str) -> Option<u32> {
    (!token.is_empty()
        && token.len() <= MAX_FOOTNOTE_DIGITS
        && !token.starts_with('0')
        && token.chars().all(|c| c.is_ascii_digit()))
    .then(|| token.parse().ok())
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of one line.
    fn at(line: usize) -> LineSpan {
        LineSpan {
            first: line,
            last: line,
        }
    }

    proptest::proptest! {
        /// The byte scans (and the owned text's shortcut) mean what Unicode's white space
        /// does: words joined by one space. Long enough to span several chunks.
        #[test]
        fn collapse_spaces_joins_words_with_one_space(text in "[a. \t\n\r\x0b\x0c\x1f\u{85}\u{a0}\u{2003}\u{3000}\u{1680}\u{205f}é€—]{0,200}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(&collapse_spaces(&text), &expected);
            proptest::prop_assert_eq!(collapsed(&text), expected);
        }
    }

    /// The marks taken out word by word, every word looked at in turn, as [`PlainRefs::strip`]
    /// did before it looked only at the words that end with a digit: what it must still give.
    fn strip_word_by_word(
        plain: &mut PlainRefs,
        text: &str,
        lines: LineSpan,
    ) -> (String, Vec<u32>) {
        let mut refs = Vec::new();
        if plain.defined.is_empty() {
            return (text.to_owned(), refs);
        }
        // Each word with the white space printed before it.
        let mut words: Vec<(&str, &str)> = Vec::new();
        let mut space_start = 0;
        let mut word_start = None;
        for (at, c) in text.char_indices() {
            match (c.is_whitespace(), word_start) {
                (true, Some(start)) => {
                    words.push((&text[space_start..start], &text[start..at]));
                    word_start = None;
                    space_start = at;
                }
                (false, None) => word_start = Some(at),
                _ => {}
            }
        }
        if let Some(start) = word_start {
            words.push((&text[space_start..start], &text[start..]));
        }
        let tokens: Vec<&str> = words.iter().map(|&(_, word)| word).collect();
        let mut out = String::new();
        let mut previous: Option<Cow<'_, str>> = None;
        let mut carried: Option<&str> = None;
        for (i, &(space, token)) in words.iter().enumerate() {
            let space = carried.take().unwrap_or(space);
            let following = tokens.get(i + 1).copied();
            let listed = tokens
                .get(i + 2)
                .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
            if let Some(number) = small_number(token).and_then(|number| {
                plain.standalone(number, previous.as_deref(), following, listed, lines)
            }) {
                refs.push(number);
                plain.mark(number);
                carried = Some(space);
                continue;
            }
            let later = tokens[i + 1..].iter().copied();
            let kept = match plain
                .glued(token, lines)
                .filter(|&(_, number)| !marked_later(token, number, later))
            {
                Some((digits, number)) => {
                    refs.push(number);
                    plain.mark(number);
                    Cow::Owned(format!(
                        "{}{}",
                        &token[..digits.start],
                        &token[digits.end..]
                    ))
                }
                None => Cow::Borrowed(token),
            };
            if !out.is_empty() {
                out.push_str(space);
            }
            out.push_str(&kept);
            previous = Some(kept);
        }
        (out, refs)
    }

    /// Words that are, hold or stand beside plain marks, and numbers of the text.
    const MARK_WORDS: &[&str] = &[
        "Recalling",
        "resolution",
        "the",
        "thereto,1",
        "2024,1",
        "1988,",
        "4",
        "and",
        "or",
        "Corruption5",
        "second24,",
        "third25",
        "30",
        "June",
        "20263",
        "of",
        "8",
        "May",
        "3",
        "Rights.2",
        "G20",
        "(2001)",
        "“Women”,1",
        "1,",
        "2",
        "5.",
        "reviews,",
        "11",
        "States",
        "Development",
        "2015–20304",
        "1.2",
        "No.",
        "Article5",
        "session,2",
        "guidelines2",
        "per",
        "million",
        "Principles.",
        "13",
        "We",
        "1”",
        "12;",
        "7)",
        "in",
        "2,",
        "Rights’3",
    ];

    proptest::proptest! {
        /// Looking only at the words that end with a digit takes out the marks and keeps the
        /// text that looking at every word does, over paragraphs read one after the other.
        #[test]
        fn strip_gives_what_reading_every_word_gives(
            texts in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        (
                            proptest::sample::select(MARK_WORDS),
                            proptest::sample::select(&[" ", " ", " ", "  ", "\u{a0}", " \t", "\u{2003}"][..]),
                        ),
                        0..14,
                    ),
                    proptest::sample::select(&["", " ", "\u{a0}"][..]),
                    0..30usize,
                    0..3usize,
                ),
                1..4,
            ),
            defined in proptest::collection::btree_map(1..14u32, 0..40usize, 0..8),
            page_breaks in proptest::collection::btree_set(0..40usize, 0..3),
        ) {
            let page_breaks: Vec<usize> = page_breaks.into_iter().collect();
            let mut plain = PlainRefs::new(defined.clone()).with_page_breaks(page_breaks.clone());
            let mut reference = PlainRefs::new(defined).with_page_breaks(page_breaks);
            for (words, edge, first, more) in texts {
                let text: String = std::iter::once(edge)
                    .chain(words.iter().flat_map(|&(word, space)| [word, space]))
                    .collect();
                let lines = LineSpan { first, last: first + more };
                let expected = strip_word_by_word(&mut reference, &text, lines);
                let (kept, found) = plain.strip(&text, lines);
                proptest::prop_assert_eq!((kept.into_owned(), found), expected, "{:?}", text);
                proptest::prop_assert_eq!(plain.next, reference.next);
            }
        }
    }

    #[test]
    fn collapsed_texts_are_told_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            for text in [
                format!("a{c}b"),
                format!("{c}"),
                format!("a {c}"),
                format!("{c}a"),
            ] {
                assert_eq!(
                    is_collapsed(&text),
                    collapse_spaces(&text) == text,
                    "{:?}",
                    text
                );
            }
        }
    }

    #[test]
    fn markdown_goes_words_stay() {
        let c = clean("*Recalling also* its resolution [57/270](#) B of 23 June 2003;<sup>3</sup>");
        assert_eq!(
            c.text,
            "Recalling also its resolution 57/270 B of 23 June 2003;"
        );
        assert_eq!(c.refs, [3]);
        assert_eq!(c.italic_lead.as_deref(), Some("Recalling also"));
        let c = clean(r"resolution 71/\_\_\_ of \_\_\_ December 2016 and [1373 \(2001\)](#)");
        assert_eq!(
            c.text,
            "resolution 71/___ of ___ December 2016 and 1373 (2001)"
        );
        let c = clean("- 1. *Takes note* of the report;²⁰");
        assert_eq!(c.text, "1. Takes note of the report;");
        assert_eq!(c.italic_lead.as_deref(), Some("Takes note"));
    }

    #[test]
    fn superscripts_are_marks() {
        let c = clean("Crime ²³, and the Offences ¹² through thereto,¹ the");
        assert_eq!(c.text, "Crime, and the Offences through thereto, the");
        assert_eq!(c.refs, [23, 12, 1]);
    }

    proptest::proptest! {
        /// The digits found eight bytes at a time are the digits found one byte at a time.
        #[test]
        fn next_digit_finds_the_first_digit(text in "[a09/:é€\u{b9}\u{660}]{0,40}", from in 0..50usize) {
            let bytes = text.as_bytes();
            let expected = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(u8::is_ascii_digit).map(|i| from + i));
            proptest::prop_assert_eq!(next_digit(bytes, from), expected);
        }
    }

    /// Marks standing alone, one right after another and one further on: each goes with the
    /// white space after it, and the words between stay.
    #[test]
    fn marks_standing_alone_go_with_their_space() {
        let mut refs = PlainRefs::new((1..=3).map(|n| (n, 100 + n as usize)).collect());
        let (text, found) = refs.strip(" Rights 1 2  and the reviews,\u{a0}3 then, 4", at(1));
        assert_eq!(text, "Rights and the reviews,\u{a0}then, 4");
        assert_eq!(found, [1, 2, 3]);
        let mut refs = PlainRefs::new([(1, 100)].into());
        assert_eq!(
            refs.strip("the Rights 1 ", at(1)),
            (Cow::Borrowed("the Rights"), vec![1])
        );
    }

    #[test]
    fn plain_refs_follow_the_defined_footnotes() {
        let mut refs = PlainRefs::new((1..=5).map(|n| (n, 100 + n as usize)).collect());
        let (text, found) = refs.strip(
            "Protocols thereto,1 the Convention of 1988, 2 and resolution 70/1 of 1988",
            at(1),
        );
        assert_eq!(
            text,
            "Protocols thereto, the Convention of 1988, and resolution 70/1 of 1988"
        );
        assert_eq!(found, [1, 2]);
        let (text, found) = refs.strip("adopted on 3 September and reviews, 3", at(1));
        assert_eq!(text, "adopted on 3 September and reviews,");
        assert_eq!(found, [3]);
        // After a year, as the Security Council printed them: "of 8 December 1966 4 that".
        let (text, found) = refs.strip("the report of 8 December 1966 4 that", at(1));
        assert_eq!(text, "the report of 8 December 1966 that");
        assert_eq!(found, [4]);
        // 5 is next, but "paragraph 5" is a number of the text.
        let (text, found) = refs.strip("see paragraph 5 above", at(1));
        assert_eq!(text, "see paragraph 5 above");
        assert!(found.is_empty());
    }

    #[test]
    fn a_mark_may_come_before_the_punctuation_of_its_word() {
        // A/C.3/80/L.29, OP2 (c): the marks glued to the words, before the comma.
        let mut refs = PlainRefs::new((23..=26).map(|n| (n, 100 + n as usize)).collect());
        let (text, found) = refs.strip(
            "its first, 23 second24, third25 and fourth26 universal periodic reviews",
            at(1),
        );
        assert_eq!(
            text,
            "its first, second, third and fourth universal periodic reviews"
        );
        assert_eq!(found, [23, 24, 25, 26]);
        // Not after punctuation: "thereto,1," is no way to print a mark.
        let mut refs = PlainRefs::new([(1, 100)].into());
        assert!(refs.strip("thereto,1, the", at(1)).1.is_empty());
    }

    #[test]
    fn a_mark_glued_to_a_year_goes_only_when_it_is_expected_next() {
        // A/RES/79/298, section I, PP2: footnotes 1 and 2 are referenced, 3 is next.
        let footnotes = || PlainRefs::new([(1, 100), (2, 101), (3, 102), (4, 103)].into());
        let mut refs = footnotes();
        let (text, found) = refs.strip(
            "to 30 June 2024 1 and to 30 June 2026, 2 the report to 30 June 20263 and the report,4",
            at(1),
        );
        assert_eq!(
            text,
            "to 30 June 2024 and to 30 June 2026, the report to 30 June 2026 and the report,"
        );
        assert_eq!(found, [1, 2, 3, 4]);
        // "2015–20304": the year closing a range.
        let mut refs = PlainRefs::new([(4, 100)].into());
        let (text, found) = refs.strip("Reduction 2015–20304 and the Paris Agreement", at(1));
        assert_eq!(text, "Reduction 2015–2030 and the Paris Agreement");
        assert_eq!(found, [4]);
        // Digits that read as a year and a footnote other than the next one stay.
        let mut refs = footnotes();
        let (text, found) = refs.strip("in 20263 and in 20264 cases, 1,600,800 dollars", at(1));
        assert_eq!(text, "in 20263 and in 20264 cases, 1,600,800 dollars");
        assert!(found.is_empty());
        // Nor is a mark cut from what is no year, or with a leading zero.
        let mut refs = footnotes();
        for number in ["21001", "18001", "20200", "201", "2020"] {
            assert!(refs.strip(number, at(1)).1.is_empty(), "{number}");
        }
    }

    #[test]
    fn a_lost_mark_does_not_hold_back_the_next_ones() {
        // Footnote 1 is printed on line 10, above the text: its mark was lost. Footnote 2 is
        // printed on line 50, below the text of line 30.
        let mut refs = PlainRefs::new([(1, 10), (2, 50), (3, 90)].into());
        let (text, found) = refs.strip("the Rules for Prisoners 2 in line with", at(30));
        assert_eq!(text, "the Rules for Prisoners in line with");
        assert_eq!(found, [2]);
        // Footnote 3 is printed further on: not yet.
        let mut refs = PlainRefs::new([(1, 10), (2, 50), (3, 90)].into());
        assert!(
            refs.strip("the Rules for Prisoners 3 in line with", at(30))
                .1
                .is_empty()
        );
    }

    #[test]
    fn a_mark_needs_its_footnote_on_the_page() {
        // Pages start on lines 100 and 200; footnote 2 is printed on line 150, footnote 12 on
        // line 250.
        let footnotes =
            || PlainRefs::new([(2, 150), (12, 250)].into()).with_page_breaks(vec![100, 200]);
        // A/80/L.22, OP93: "UNDC2" two pages on from footnote 2 is a building's name.
        let mut refs = footnotes();
        assert_eq!(refs.strip("as in its note2, and", at(120)).1, [2]);
        let (text, found) = refs.strip("in the UNDC2, building", at(320));
        assert_eq!(text, "in the UNDC2, building");
        assert!(found.is_empty());
        // A/RES/79/185, PP44: "under 12 years" a page before footnote 12 is an age; the mark
        // of OP6, on footnote 12's page, is one.
        let (text, found) = refs.strip("children under 12 years of age", at(180));
        assert_eq!(text, "children under 12 years of age");
        assert!(found.is_empty());
        let (text, found) = refs.strip("in its entirety, 12 further invites", at(210));
        assert_eq!(text, "in its entirety, further invites");
        assert_eq!(found, [12]);
        // After letters, only the very footnote expected next: footnote 2, referenced
        // already, does not make "Article2" a mark even on its own page.
        let mut refs = footnotes();
        assert_eq!(refs.strip("as in its note2, and", at(120)).1, [2]);
        assert!(refs.strip("under Article2 of the", at(130)).1.is_empty());
        // "Article5" with footnote 5 printed nowhere is text, wherever it stands.
        let mut refs = PlainRefs::new([(2, 150)].into()).with_page_breaks(vec![100, 200]);
        assert!(refs.strip("under Article5, the", at(120)).1.is_empty());
    }

    #[test]
    fn a_mark_after_the_full_stop_of_a_word() {
        // A/80/L.41, OP1 and OP2: "Human Rights.2" (PyMuPDF: "Rights. 2") at the end of a
        // paragraph, then "Principles. 13 We" before the next sentence.
        let footnotes = || PlainRefs::new([(2, 50), (3, 51), (4, 52)].into());
        for text in [
            "the Universal Declaration of Human Rights.2",
            "of Human Rights. 2",
        ] {
            let (kept, found) = footnotes().strip(text, at(10));
            assert_eq!(found, [2], "{text}");
            assert!(kept.ends_with("Rights."), "{kept}");
        }
        let (kept, found) = footnotes().strip("the Paris Principles. 2 We will", at(10));
        assert_eq!((&*kept, found), ("the Paris Principles. We will", vec![2]));
        // Not after an abbreviation, a number or before the sentence goes on.
        for text in [
            "see No.2 of",
            "see No. 2",
            "version 1.2 of",
            "in chap. 2 of the report",
        ] {
            assert!(footnotes().strip(text, at(10)).1.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_text_over_a_page_break_points_to_the_footnotes_of_both_pages() {
        // A/C.1/80/L.47, PP4: it starts on page 1 (footnote 5 printed there) and goes on
        // on page 2, whose footnote 7 it marks.
        let mut refs = PlainRefs::new([(5, 70), (7, 140)].into()).with_page_breaks(vec![72, 147]);
        let over_the_break = LineSpan {
            first: 57,
            last: 79,
        };
        let (_, found) = refs.strip(
            "governmental experts,5 including ... light weapons,7 as appropriate,",
            over_the_break,
        );
        assert_eq!(found, [5, 7]);
        let mut refs = PlainRefs::new([(5, 70), (7, 140)].into()).with_page_breaks(vec![72, 147]);
        let (_, found) = refs.strip(
            "governmental experts,5 including ... light weapons,7 as appropriate,",
            at(57),
        );
        assert_eq!(found, [5]);
    }

    #[test]
    fn a_mark_after_punctuation_goes_on_past_marks_lost_on_its_page() {
        // A/C.4/80/L.20, PP3: "Protocol I6" reads as a name, and "Conventions,7" on the same
        // page is then the next mark; footnotes 5 and 6 share the page, 8 is on the next.
        let refs = || PlainRefs::new([(5, 40), (6, 41), (7, 42), (8, 140)].into());
        let mut on_page = refs().with_page_breaks(vec![100]);
        assert_eq!(on_page.strip("the Golan,5 to", at(10)).1, [5]);
        let (kept, found) =
            on_page.strip("Protocol I6 to the four Geneva Conventions,7 to", at(20));
        assert_eq!(
            (&*kept, found),
            ("Protocol I6 to the four Geneva Conventions, to", vec![7])
        );
        // Not past a footnote printed on another page, nor after letters alone.
        let mut apart = PlainRefs::new([(6, 141), (7, 42)].into()).with_page_breaks(vec![100]);
        assert!(
            apart
                .strip("the four Geneva Conventions,7 to", at(20))
                .1
                .is_empty()
        );
        let mut glued = refs().with_page_breaks(vec![100]);
        glued.strip("the Golan,5 to", at(10));
        assert!(
            glued
                .strip("the Geneva Conventions7 to", at(20))
                .1
                .is_empty()
        );
    }

    #[test]
    fn digits_after_letters_yield_to_a_later_mark_of_the_same_footnote() {
        // A/RES/80/27, PP5, with "guidelines" edited to "guidelines2": the mark is the one
        // after "session,".
        let mut refs = PlainRefs::new([(1, 50), (2, 60)].into());
        refs.mark(1);
        let (text, found) = refs.strip(
            "Recalling the guidelines2 and recommendations adopted at its 1993 substantive session,2",
            at(40),
        );
        assert_eq!(
            text,
            "Recalling the guidelines2 and recommendations adopted at its 1993 substantive session,"
        );
        assert_eq!(found, [2]);
        // Alone, the glued mark is one.
        let mut refs = PlainRefs::new([(1, 50), (2, 60)].into());
        refs.mark(1);
        assert_eq!(
            refs.strip("the guidelines2 and recommendations", at(40)).1,
            [2]
        );
    }

    #[test]
    fn a_repeated_mark_after_punctuation_needs_no_footnote_on_its_page() {
        // A/RES/78/11: footnote 2 printed on page 1, referenced again on page 2 as "1949,2".
        let mut refs = PlainRefs::new([(1, 50), (2, 60)].into()).with_page_breaks(vec![65]);
        assert_eq!(
            refs.strip("Convention,1 and of 12 August 1949,2 to", at(40))
                .1,
            [1, 2]
        );
        let (text, found) = refs.strip("of 12 August 1949,2 continue to apply", at(89));
        assert_eq!(text, "of 12 August 1949, continue to apply");
        assert_eq!(found, [2]);
    }

    #[test]
    fn no_footnotes_defined_means_no_refs() {
        let mut refs = PlainRefs::new(BTreeMap::new());
        assert_eq!(refs.strip("thereto,1 the", at(1)).0, "thereto,1 the");
    }
}
