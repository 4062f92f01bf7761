//! From lines to blocks: page furniture and footnote blocks set aside, lines of a paragraph
//! joined (hyphens across lines repaired), blocks cut at blank lines and list items.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use crate::document::{Dropped, DroppedKind, LineSpan};
use crate::hash::FastMap;

use super::recognise::{MONTHS, is_adoption_record, is_chapeau, is_symbol, superscript_digit};

/// A run of text lines that belong together: a paragraph, a heading, a list item, or part of
/// a paragraph cut by a page break (joined again later, once the instrument is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The raw text of the lines, joined with single spaces (markup still in).
    pub text: String,
    /// The lines it came from.
    pub lines: LineSpan,
}

/// A footnote as found in the text, before it is given to an instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawFootnote {
    /// The printed number.
    pub number: u32,
    /// The raw text (markup still in).
    pub text: String,
    /// The line it starts on.
    pub line: usize,
    /// Whether the reference marks are plain digits in the text ("thereto,1"), which the
    /// paragraphs must then find by number.
    pub plain: bool,
}

/// The blocks and footnotes of a whole text.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Text blocks in order.
    pub blocks: Vec<Block>,
    /// Footnotes in order.
    pub footnotes: Vec<RawFootnote>,
    /// The lines on which the head of a new page starts (symbol, job number, page number),
    /// in order: a footnote mark points to a footnote printed on its own page. Form feeds and
    /// `---` rules are not taken: the scanned Security Council texts print a resolution's
    /// footnotes after its last page, and a markdown export may gather them after a rule.
    pub page_breaks: Vec<usize>,
    /// Notes marked with stars ("* On behalf of ..."), their stars taken off, in order.
    pub notes: Vec<Block>,
    /// Page furniture set aside, in order.
    pub dropped: Vec<Dropped>,
}

/// How many lines of text after a page break may hold the running head (symbol, title, job
/// number, page number) of the next page. Blank lines are not counted: a PDF reader may set
/// the symbol, the running title and the job number apart with blank lines (pdf-extract on
/// A/RES/79/189), where PyMuPDF gives none.
const HEADER_LOOKAHEAD: usize = 8;

/// At most this many lines, blank or not, are looked at for a running head, so that a run of
/// blank lines costs a bounded look each.
const HEADER_WINDOW: usize = 2 * HEADER_LOOKAHEAD;

/// A running title above the first marker of a page head takes at most this many lines.
const MAX_TITLE_LINES: usize = 2;

/// A long running title, right above the symbol, takes at most this many lines: A/RES/78/234
/// prints its four-line title over "A/RES/78/234" on odd pages. Only a symbol vouches for so
/// many lines: a short line like "73/89" reads as a page number.
const MAX_LONG_TITLE_LINES: usize = 4;

/// A running title is a short line; anything longer is text.
const MAX_RUNNING_TITLE: usize = 120;

/// Footnotes are numbered upwards; a line in a footnote block whose leading number jumps
/// further than this is a continuation line that happens to start with a number.
const MAX_FOOTNOTE_JUMP: u32 = 5;

/// The text with every line break a plain `\n`: a lone carriage return (old Mac exports) or
/// a mix of endings in one file must cut the same lines as `\n` does, since `str::lines`
/// knows only `\n` and `\r\n`. Line numbers then count every break of any kind.
pub(crate) fn unify_line_endings(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The lines of a text whose every line break is `\n` (see [`unify_line_endings`]), as
/// `str::lines` gives them, each with whether it holds a star (where [`split_run_together`]
/// may cut it). One search, many bytes at a time, finds where a line ends or its first star:
/// most lines hold none, and a search costs most for the short haystack a line is.
fn lines_of(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let (end, star) = match memchr::memchr2(b'\n', b'*', bytes) {
            Some(at) if bytes[at] == b'*' => {
                let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                (end, true)
            }
            Some(at) => (at, false),
            None => (bytes.len(), false),
        };
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        Some((line, star))
    })
}

/// `line.trim()`, its ASCII ends told a byte at a time: every line is trimmed, most of them
/// ASCII at both ends, where `str::trim` decodes each character it looks at. An end that is
/// not ASCII (a no-break space, say) is left to `str::trim`.
fn trim_line(line: &str) -> &str {
    let space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
    let bytes = line.as_bytes();
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |last| last + 1);
    let trimmed = &line[start..end];
    let ascii_ends = trimmed.as_bytes().first().is_none_or(u8::is_ascii)
        && trimmed.as_bytes().last().is_none_or(u8::is_ascii);
    if ascii_ends { trimmed } else { trimmed.trim() }
}

/// Cuts a text into blocks and footnotes; its line breaks are all `\n`.
pub(crate) fn layout(text: &str, vocabulary: &Vocabulary<'_>) -> Layout {
    // (line number, text trimmed, whether it is a later piece of a line cut by
    // `split_run_together`, its furniture kind). Every step reads a line trimmed, and the
    // page heads and the line pass ask each line what furniture it is: both are told once
    // here, not each time a line is looked at (a line is looked at again for each page head
    // it may open, and once more by the line pass).
    // Room for one line per line break (a few more come where `split_run_together` cuts one):
    // the breaks counted many bytes at a time, the list is not copied over as it grows.
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let mut lines: Vec<(usize, &str, bool, Option<DroppedKind>)> = Vec::with_capacity(breaks + 1);
    /// A line as every step reads it.
    fn line(number: usize, text: &str, cut: bool) -> (usize, &str, bool, Option<DroppedKind>) {
        (number, text, cut, furniture_kind(text))
    }
    for (i, (text, star)) in lines_of(text).enumerate() {
        // Every cut is at a star, which most lines do not hold: those are taken whole
        // without the pieces being collected.
        if !star {
            lines.push(line(i + 1, trim_line(text), false));
            continue;
        }
        let pieces = split_run_together(text).into_iter().enumerate();
        lines.extend(pieces.map(|(k, piece)| line(i + 1, piece.trim(), k > 0)));
    }
    // The bytes of the lines from each one down to the next blank line, joined: as much as a
    // block opening there may hold, since a blank line ends a block. Given that room at once,
    // a paragraph's text is not copied over as its lines come.
    let mut room = vec![0; lines.len()];
    let mut below = 0;
    for (k, &(_, line, _, _)) in lines.iter().enumerate().rev() {
        below = if line.is_empty() {
            0
        } else {
            below + line.len() + 1
        };
        room[k] = below;
    }
    let mut builder = Builder {
        vocabulary,
        layout: Layout::default(),
        current: None,
        in_footnotes: false,
        footnote_open: false,
        star_open: false,
        rule_seen: false,
        last_tight: false,
    };
    let mut i = 0;
    while i < lines.len() {
        let (number, line, cut, furniture) = lines[i];
        if cut {
            builder.flush();
        }
        if let Some(end) = page_header_end(&lines, i) {
            builder.layout.page_breaks.push(number);
            builder.flush();
            builder.in_footnotes = false;
            for &(number, line, _, furniture) in &lines[i..=end] {
                if !line.is_empty() {
                    let kind = furniture.unwrap_or(DroppedKind::RunningTitle);
                    builder.drop_line(kind, number, line);
                }
            }
            i = end + 1;
            continue;
        }
        builder.line(number, line, furniture, room[i]);
        i += 1;
    }
    builder.flush();
    builder.layout
}

/// The state of the line-by-line pass.
struct Builder<'v> {
    vocabulary: &'v Vocabulary<'v>,
    layout: Layout,
    current: Option<Block>,
    /// Inside a footnote block under a "_____" rule (PDF text).
    in_footnotes: bool,
    /// The last line continued a footnote, so a following line may continue it too.
    footnote_open: bool,
    /// Inside an unnumbered "* On behalf of ..." note of a footnote block.
    star_open: bool,
    /// A "_____" rule was seen and no text under it yet: the first line may carry on the
    /// last footnote of the page before.
    rule_seen: bool,
    /// The last footnote was taken from a line right under another footnote's line, where a
    /// wrapped date ("New York,\n17 March 2022") reads the same as the next footnote.
    last_tight: bool,
}

impl Builder<'_> {
    /// Takes one line, trimmed, of the [`furniture_kind`] given, with the `room` a block
    /// opening on it may need.
    fn line(&mut self, number: usize, trimmed: &str, furniture: Option<DroppedKind>, room: usize) {
        if trimmed.is_empty() {
            self.flush();
            self.footnote_open = false;
            self.star_open = false;
            return;
        }
        if is_rule(trimmed) {
            self.drop_line(DroppedKind::FootnoteSeparator, number, trimmed);
            self.flush();
            self.in_footnotes = trimmed.starts_with('_');
            self.rule_seen = self.in_footnotes;
            self.footnote_open = false;
            return;
        }
        let under_rule = std::mem::take(&mut self.rule_seen);
        if let Some(kind) = furniture.filter(|k| *k != DroppedKind::DocumentSymbol) {
            self.drop_line(kind, number, trimmed);
            return;
        }
        if let Some((footnote, rest)) = marked_footnote(trimmed) {
            self.flush();
            self.layout.footnotes.push(RawFootnote {
                number: footnote,
                text: rest.to_owned(),
                line: number,
                plain: false,
            });
            // Under a rule, a footnote goes on over the lines below it until the next one
            // (a PDF's footnote, its number a superscript); elsewhere it is a line of its own
            // (a markdown export's).
            self.footnote_open = self.in_footnotes;
            return;
        }
        // "* On behalf of the States Members ...", "* Any changes to the list of sponsors
        // ...": a note marked with stars, not a numbered footnote. In a footnote block the
        // numbered ones follow it; a Second Committee draft prints it alone at the foot of
        // its first page, with no rule above it (A/C.2/80/L.11), where it must not stand
        // between the two halves of the paragraph the page break cut.
        if let Some(note) = star_note(trimmed) {
            self.flush();
            self.star_open = true;
            self.layout.notes.push(Block {
                text: note.to_owned(),
                lines: LineSpan {
                    first: number,
                    last: number,
                },
            });
            return;
        }
        if self.star_open && !self.in_footnotes {
            self.join_note(number, trimmed);
            return;
        }
        // "60 Ibid., documents S/17227 and Add.2." after a blank line: a footnote block that
        // an old Security Council text prints between its paragraphs, with no rule above it
        // (S/RES/565 (1985)). No paragraph opens with a number and "Ibid.".
        if !self.in_footnotes && self.current.is_none() && ibid_footnote(trimmed) {
            self.in_footnotes = true;
        }
        if self.in_footnotes {
            self.undo_tight_footnote(trimmed);
            if let Some((footnote, rest)) = self.plain_footnote(trimmed) {
                self.star_open = false;
                self.last_tight = self.footnote_open;
                self.layout.footnotes.push(RawFootnote {
                    number: footnote,
                    text: rest.to_owned(),
                    line: number,
                    plain: true,
                });
                self.footnote_open = true;
                return;
            }
            if self.star_open {
                self.join_note(number, trimmed);
                return;
            }
            // A footnote too long for its page goes on under the rule of the next one.
            let carried_over = under_rule
                && self
                    .layout
                    .footnotes
                    .last()
                    .is_some_and(|f| !f.text.trim_end().ends_with(['.', ';']));
            if self.footnote_open || carried_over {
                self.footnote_open = true;
                if let Some(last) = self.layout.footnotes.last_mut() {
                    if join_into(&mut last.text, trimmed, self.vocabulary) {
                        self.drop_hyphen(number);
                    }
                }
                return;
            }
            self.in_footnotes = false;
        }
        if starts_new_block(trimmed, self.current.as_ref()) {
            self.flush();
        }
        match &mut self.current {
            Some(block) => {
                let hyphen = join_into(&mut block.text, trimmed, self.vocabulary);
                block.lines.last = number;
                if hyphen {
                    self.drop_hyphen(number);
                }
            }
            None => {
                let room = room.min(MAX_BLOCK_ROOM).max(trimmed.len());
                let mut text = String::with_capacity(room);
                text.push_str(trimmed);
                self.current = Some(Block {
                    text,
                    lines: LineSpan {
                        first: number,
                        last: number,
                    },
                })
            }
        }
    }

    /// "17 Resolution 78/317." after a blank line, when the last footnote, 17, was a wrapped
    /// line of 16 ("New York,\n17 March 2022"): the last footnote goes back into the one
    /// before it, so that this line can be footnote 17.
    fn undo_tight_footnote(&mut self, line: &str) {
        let number = leading_number(line);
        let footnotes = &mut self.layout.footnotes;
        let repeated = footnotes.last().is_some_and(|f| Some(f.number) == number);
        if !self.footnote_open && self.last_tight && repeated && footnotes.len() > 1 {
            let wrapped = footnotes.pop().expect("checked above");
            let before = footnotes.last_mut().expect("checked above");
            let line = format!("{} {}", wrapped.number, wrapped.text);
            join_into(&mut before.text, &line, self.vocabulary);
            self.last_tight = false;
        }
    }

    /// "3 See resolution 70/1." in a footnote block: a new footnote when its number follows
    /// the previous one.
    fn plain_footnote<'l>(&self, line: &'l str) -> Option<(u32, &'l str)> {
        let number = leading_number(line)?;
        let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
        let previous = self.layout.footnotes.last().map(|f| f.number);
        // Right under a footnote line (no blank line between), a number other than the next
        // one starts a continuation line ("from\n7 February 1984", "Rio de Janeiro,\n3 – 14
        // June 1992"), not a footnote.
        // Under a footnote whose number is a superscript, a line opening with plain digits
        // is a wrapped line of it ("3 – 14 June 1992"): the next footnote's number would be
        // a superscript too.
        let superscript_above = self.layout.footnotes.last().is_some_and(|f| !f.plain);
        let follows = match previous {
            Some(_) if self.footnote_open && superscript_above => false,
            Some(p) if self.footnote_open => number == p + 1 && !wrapped_line(rest),
            Some(p) => number > p && number <= p + MAX_FOOTNOTE_JUMP || number == 1,
            None => true,
        };
        follows.then_some((number, rest.trim()))
    }

    /// Appends a line to the last star note.
    fn join_note(&mut self, number: usize, line: &str) {
        if let Some(note) = self.layout.notes.last_mut() {
            let hyphen = join_into(&mut note.text, line, self.vocabulary);
            note.lines.last = number;
            if hyphen {
                self.drop_hyphen(number);
            }
        }
    }

    /// Records the hyphen of a word broken at the end of the line before `number`.
    fn drop_hyphen(&mut self, number: usize) {
        self.layout
            .dropped
            .push(line_break_hyphen(number - 1, number));
    }

    /// Sets a line aside as furniture of this kind.
    fn drop_line(&mut self, kind: DroppedKind, number: usize, line: &str) {
        self.layout.dropped.push(Dropped {
            kind,
            lines: LineSpan {
                first: number,
                last: number,
            },
            text: line.to_owned(),
        });
    }

    /// Ends the current block.
    fn flush(&mut self) {
        if let Some(block) = self.current.take() {
            // Security Council texts print their footnotes under the line that records the
            // adoption, with no rule above them.
            if is_adoption_record(&block.text) {
                self.in_footnotes = true;
            }
            self.layout.blocks.push(block);
        }
    }
}

/// The text of a note marked with one to three stars: "* On behalf of ...", "** On behalf
/// of ...", "* Reissued for technical reasons ...".
fn star_note(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('*');
    let stars = line.len() - rest.len();
    let text = rest.strip_prefix(' ')?.trim_start();
    ((1..=3).contains(&stars) && text.starts_with(char::is_uppercase)).then_some(text)
}

/// The hyphen of a word broken at the end of line `first` and ended on line `last`.
pub(crate) fn line_break_hyphen(first: usize, last: usize) -> Dropped {
    Dropped {
        kind: DroppedKind::LineBreakHyphen,
        lines: LineSpan { first, last },
        text: "-".to_owned(),
    }
}

/// Appends a line to a paragraph: a space between, or nothing when the first ends with a
/// hyphen that only breaks a word across lines. Returns whether such a hyphen was taken out.
pub(crate) fn join_into(text: &mut String, next: &str, vocabulary: &Vocabulary<'_>) -> bool {
    if text.is_empty() {
        text.push_str(next);
        return false;
    }
    if text.ends_with('-') {
        let head = text[..text.len() - 1]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let tail = next.split(char::is_whitespace).next().unwrap_or("");
        let head_word = head.trim_start_matches(|c: char| !c.is_alphanumeric());
        let tail_word = tail.trim_end_matches(|c: char| !c.is_alphanumeric());
        if head_word.chars().last().is_some_and(char::is_alphabetic) && !tail_word.is_empty() {
            let broken = is_broken_word(head_word, tail_word, vocabulary);
            if broken {
                text.pop();
            }
            text.push_str(next);
            return broken;
        }
    }
    text.push(' ');
    text.push_str(next);
    false
}

/// Whether "capa-" + "city" is one word broken by the line ("capacity"), rather than a
/// compound ("Secretary-General", "self-determination"): the text must spell the word
/// whole somewhere and never with the hyphen.
///
/// A capitalised word the text spells nowhere else ("Presi-" + "dent" in S/RES/474 (1980),
/// whose only "President" is the broken one; "Re-" + "public", "Social-" + "ist") is told by
/// its halves: when neither is a word the text uses on its own, they are pieces of one word.
/// Only capitalised: lower-case compounds of rare words ("forty-" + "seventh", "self-" +
/// "incriminate") have halves the text may use nowhere else either, and keep their hyphen.
fn is_broken_word(head: &str, tail: &str, vocabulary: &Vocabulary<'_>) -> bool {
    if !tail.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let whole = format!("{head}{tail}").to_lowercase();
    let hyphenated = || vocabulary.holds(&format!("{head}-{tail}").to_lowercase(), 1);
    // The halves are counted in the text once each as they stand here.
    let alone = |half: &str| vocabulary.holds(&half.to_lowercase(), 2);
    let capitalised = head.starts_with(char::is_uppercase);
    let one_word = || vocabulary.holds(&whole, 1) || (capitalised && !alone(head) && !alone(tail));
    // Either question may be asked first. The words with a hyphen are all counted on the
    // first question about one, which most compounds ("well-" + "informed", "rights-" +
    // "based") never come to when an ASCII word is searched for first, the text spelling them
    // nowhere as one word; a word beyond ASCII is not searched for but counted with every
    // word of the text, which the compound spelt elsewhere ("non‑nuclear-weapon") spares.
    if whole.is_ascii() {
        return one_word() && !hyphenated();
    }
    !hyphenated() && one_word()
}

/// Every word of a text, lower-cased, hyphenated words both whole and in parts: what tells
/// a word broken across lines from a compound. Asked only where a line ends with a hyphen,
/// a few times a text, so a word is counted where it is asked for rather than every word of
/// the text up front (which cost a quarter of parsing a real draft).
///
/// The words are the pieces of the text between white space, `/` and `—`, trimmed of what
/// is not a letter or a digit. An ASCII word is looked for in an ASCII-lower-cased copy of
/// the text, each place it is found checked to be a whole word; past
/// [`MAX_WORD_SEARCHES`], or for a word that is not ASCII, every word is counted once. A
/// word with a hyphen is looked up among the words with one, all counted on the first such
/// question: every line that ends with a hyphen asks for its word with the hyphen, which the
/// text rarely holds, so that searching for it read the whole text each time.
pub(crate) struct Vocabulary<'t> {
    text: &'t str,
    /// Every word with a hyphen counted: made on the first question about one.
    hyphenated: OnceCell<FastMap<String, usize>>,
    /// The text with its ASCII letters lower-cased: made on the first search.
    lowered: OnceCell<Vec<u8>>,
    /// How many words were looked for in `lowered`.
    searches: Cell<usize>,
    /// Every word counted: made when searching is not enough.
    words: OnceCell<HashMap<String, usize>>,
}

/// At most the bytes a block of text is given room for when it opens, where no blank line
/// follows it soon (a text that sets no blank line between its paragraphs): most paragraphs
/// of a resolution are shorter, a longer one grows as its lines come.
const MAX_BLOCK_ROOM: usize = 4096;

/// Each search for a word reads the whole text: after this many, every word is counted once,
/// so that a text with a broken word on every line is still read in linear time. Real texts
/// break at most some twenty-five words across lines, which this covers with a margin.
const MAX_WORD_SEARCHES: usize = 64;

/// U+212A, the one character other than ASCII that lower-cases to ASCII ("k"): a text that
/// holds it is counted word by word, since searching the ASCII copy would miss it.
const KELVIN_SIGN: char = '\u{212a}';

impl<'t> Vocabulary<'t> {
    /// The vocabulary of `text`, not yet built.
    pub(crate) fn new(text: &'t str) -> Vocabulary<'t> {
        Vocabulary {
            text,
            hyphenated: OnceCell::new(),
            lowered: OnceCell::new(),
            searches: Cell::new(0),
            words: OnceCell::new(),
        }
    }

    /// How many times the text holds `word` (lower-cased).
    #[cfg(test)]
    fn count(&self, word: &str) -> usize {
        self.count_up_to(word, usize::MAX)
    }

    /// Whether the text holds `word` (lower-cased) at least `times` times.
    fn holds(&self, word: &str, times: usize) -> bool {
        self.count_up_to(word, times) >= times
    }

    /// How many times the text holds `word` (lower-cased), counted up to `limit`: a search
    /// stops there rather than read the rest of the text.
    fn count_up_to(&self, word: &str, limit: usize) -> usize {
        if word.contains('-') {
            return self
                .hyphenated
                .get_or_init(|| hyphenated_words_of(self.text))
                .get(word)
                .map_or(0, |&count| count.min(limit));
        }
        if self.words.get().is_none() && word.is_ascii() && self.searches.get() < MAX_WORD_SEARCHES
        {
            if let Some(lowered) = self.lowered() {
                self.searches.set(self.searches.get() + 1);
                return count_ascii_word(self.text, lowered, word, limit);
            }
        }
        self.words
            .get_or_init(|| words_of(self.text))
            .get(word)
            .map_or(0, |&count| count.min(limit))
    }

    /// The ASCII-lower-cased copy of the text, or none when the text holds the Kelvin sign.
    /// Both read the whole text, once per text that breaks a word across lines: the sign is
    /// looked for by memmem, many bytes at a time (`str::contains` took a byte or two at a
    /// time), and the copy is lower-cased as it is made (`to_ascii_lowercase` copies, then
    /// lower-cases the copy).
    fn lowered(&self) -> Option<&[u8]> {
        if self.lowered.get().is_none() && holds_kelvin_sign(self.text) {
            return None;
        }
        Some(
            self.lowered
                .get_or_init(|| self.text.bytes().map(|b| b.to_ascii_lowercase()).collect()),
        )
    }
}

/// Whether `text` holds the [`KELVIN_SIGN`].
fn holds_kelvin_sign(text: &str) -> bool {
    let mut sign = [0; 3];
    memchr::memmem::find(
        text.as_bytes(),
        KELVIN_SIGN.encode_utf8(&mut sign).as_bytes(),
    )
    .is_some()
}

/// Whether `c` parts the words of a [`Vocabulary`].
fn parts_words(c: char) -> bool {
    c.is_whitespace() || c == '/' || c == '—'
}

/// How many words of `text` (up to `limit`) lower-case to the lower-case ASCII `word`, `lowered` being the
/// text with its ASCII letters lower-cased and the text holding no Kelvin sign: then only an
/// ASCII word lower-cases to ASCII, and every such word is found in `lowered` as `word`.
/// Each place is a word when only what the trimming drops stands between it and the white
/// space, `/` or `—` on each side. A place that is no word never hides one that is: two
/// places that overlap lie in one piece of text, and the first holds a letter or digit
/// before the second that the second's trimming would have to drop.
fn count_ascii_word(text: &str, lowered: &[u8], word: &str, limit: usize) -> usize {
    let alphanumeric_ends = word.starts_with(|c: char| c.is_ascii_alphanumeric())
        && word.ends_with(|c: char| c.is_ascii_alphanumeric());
    // A word of the text never holds what parts words, and opens and ends with a letter or
    // a digit.
    if !alphanumeric_ends || word.contains(parts_words) {
        return 0;
    }
    let trimmed_away = |side: &mut dyn Iterator<Item = char>| {
        side.take_while(|&c| !parts_words(c))
            .all(|c| !c.is_alphanumeric())
    };
    memchr::memmem::find_iter(lowered, word.as_bytes())
        .filter(|&at| {
            trimmed_away(&mut text[..at].chars().rev())
                && trimmed_away(&mut text[at + word.len()..].chars())
        })
        .take(limit)
        .count()
}

/// Every word of a text counted, lower-cased: what [`Vocabulary`] falls back to.
fn words_of(text: &str) -> HashMap<String, usize> {
    // Distinct words as written first: a text repeats its words, and lower-casing allocates.
    let mut written: FastMap<&str, usize> = FastMap::default();
    for raw in text.split(parts_words) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            *written.entry(word).or_default() += 1;
        }
    }
    let mut words = HashMap::with_capacity(written.len());
    for (word, count) in written {
        *words.entry(word.to_lowercase()).or_default() += count;
    }
    words
}

/// The words of a text that hold a hyphen, counted as [`words_of`] counts them: those are
/// the pieces around the hyphens of the text that keep one once trimmed.
fn hyphenated_words_of(text: &str) -> FastMap<String, usize> {
    // Distinct words as written first, as in `words_of`.
    let mut written: FastMap<&str, usize> = FastMap::default();
    // Where the last piece looked at ends: a piece with several hyphens is counted once.
    let mut looked_at = 0;
    for hyphen in memchr::memchr_iter(b'-', text.as_bytes()) {
        if hyphen < looked_at {
            continue;
        }
        let start = piece_start(text, hyphen);
        let end = piece_end(text, hyphen);
        looked_at = end;
        let word = text[start..end].trim_matches(|c: char| !c.is_alphanumeric());
        if word.contains('-') {
            *written.entry(word).or_default() += 1;
        }
    }
    let mut words = FastMap::with_capacity_and_hasher(written.len(), Default::default());
    for (word, count) in written {
        *words.entry(word.to_lowercase()).or_default() += count;
    }
    words
}

/// Whether an ASCII byte is one that [`parts_words`].
fn ascii_parts_words(b: u8) -> bool {
    b == b'/' || char::from(b).is_whitespace()
}

/// Where the piece of `text` (between what [`parts_words`]) that holds byte `at`, an ASCII
/// character, starts: the bytes before it are read one at a time while they are ASCII, as
/// the words of a text mostly are, and as characters from the first that is not.
fn piece_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > 0 && bytes[start - 1].is_ascii() {
        if ascii_parts_words(bytes[start - 1]) {
            return start;
        }
        start -= 1;
    }
    text[..start].rfind(parts_words).map_or(0, |found| {
        found + text[found..].chars().next().map_or(0, char::len_utf8)
    })
}

/// Where the piece of `text` that holds byte `at`, an ASCII character, ends, read as
/// [`piece_start`] reads.
fn piece_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() && bytes[end].is_ascii() {
        if ascii_parts_words(bytes[end]) {
            return end;
        }
        end += 1;
    }
    text[end..]
        .find(parts_words)
        .map_or(text.len(), |found| end + found)
}

/// A markdown export may run a heading, a title and the chapeau together on one line
/// ("...justice**Resolution adopted...***78/229. Strengthening ...***The General
/// Assembly,*"). Cuts such a line where one emphasis ends and the next begins.
fn split_run_together(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Every marker starts with a star: go to the next one. `i` is on a character boundary
        // here (the start, a star, or just after one), and `find` looks for an ASCII
        // character a word at a time.
        match line[i..].find('*') {
            Some(0) => {}
            Some(skip) => {
                i += skip;
                continue;
            }
            None => break,
        }
        // Byte tests: `i` need not be on a character boundary, the markers are ASCII.
        let here = &bytes[i..];
        let cut = if here.starts_with(b"***") {
            Some((i, i + 3))
        } else if here.starts_with(b"** **") {
            Some((i + 2, i + 3))
        } else if here.starts_with(b"**")
            && i > 0
            && !matches!(bytes[i - 1], b' ' | b'*' | b'#')
            && line[i + 2..].starts_with(|c: char| c.is_uppercase() || c == '[')
        {
            Some((i, i + 2))
        } else {
            None
        };
        match cut {
            Some((end, next)) if end > start => {
                pieces.push(&line[start..end]);
                start = next;
                i = next;
            }
            Some((_, next)) => {
                start = next;
                i = next;
            }
            None => i += 1,
        }
    }
    pieces.push(&line[start..]);
    pieces.retain(|p| !p.trim().trim_matches('*').trim().is_empty() || pieces_is_blank_line(line));
    if pieces.is_empty() {
        pieces.push("");
    }
    pieces
}

/// A line with nothing to split stays as it is, even blank.
fn pieces_is_blank_line(line: &str) -> bool {
    line.trim().is_empty()
}

/// A page break (`---` in markdown, form feed) or the rule over a PDF footnote block.
fn is_rule(line: &str) -> bool {
    const MIN_RULE: usize = 3;
    line == "\u{c}"
        || (line.len() >= MIN_RULE
            && (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '_')))
}

/// Lines of page furniture that are never text, wherever they stand.
#[cfg(test)]
fn is_furniture(line: &str) -> bool {
    furniture_kind(line).is_some_and(|kind| kind != DroppedKind::DocumentSymbol)
}

/// The kind of furniture a line is, if it is: a job number, a barcode, a page number, a
/// distribution line; a symbol line only inside a page head (a symbol alone elsewhere may
/// be the masthead's, which the instruments read).
fn furniture_kind(line: &str) -> Option<DroppedKind> {
    // Asked of every line, most of them text: each kind opens with a digit, a star, the "D"
    // of "Distr.:" or the letter of a symbol, so a line opening with any other visible ASCII
    // character is none (one opening with white space or beyond ASCII is asked in full).
    match line.as_bytes().first() {
        None => return None,
        Some(b'0'..=b'9' | b'*' | b'D' | b'A' | b'S' | b'E') => {}
        Some(first) if first.is_ascii_graphic() => return None,
        Some(_) => {}
    }
    furniture_kind_in_full(line)
}

/// [`furniture_kind`] asked of every recogniser, without its look at the first byte.
fn furniture_kind_in_full(line: &str) -> Option<DroppedKind> {
    if is_job_number(line) {
        Some(DroppedKind::JobNumber)
    } else if is_star_number(line) {
        Some(DroppedKind::Barcode)
    } else if is_page_number(line) {
        Some(DroppedKind::PageNumber)
    } else if line.starts_with("Distr.:") {
        Some(DroppedKind::Distribution)
    } else if is_symbol(line) {
        Some(DroppedKind::DocumentSymbol)
    } else {
        None
    }
}

/// "21-19242", "21-19242 (E)    201025".
fn is_job_number(line: &str) -> bool {
    let b = line.as_bytes();
    const JOB_LEN: usize = 8;
    const DASH_AT: usize = 2;
    b.len() >= JOB_LEN
        && b[..JOB_LEN].iter().enumerate().all(|(i, c)| {
            if i == DASH_AT {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b.len() == JOB_LEN || line[JOB_LEN..].starts_with(' '))
        && !line[JOB_LEN..]
            .trim()
            .contains(|c: char| c.is_alphabetic() && c != 'E')
}

/// "*2119242*".
fn is_star_number(line: &str) -> bool {
    line.len() > 2
        && line.starts_with('*')
        && line.ends_with('*')
        && line[1..line.len() - 1].chars().all(|c| c.is_ascii_digit())
}

/// "2/23".
fn is_page_number(line: &str) -> bool {
    // At most three digits each side of the slash: a longer line is text, not searched.
    const MAX_PAGE_NUMBER: usize = 7;
    if line.len() > MAX_PAGE_NUMBER {
        return false;
    }
    match line.split_once('/') {
        Some((page, of)) => {
            !page.is_empty()
                && !of.is_empty()
                && page.len() <= 3
                && of.len() <= 3
                && page.chars().all(|c| c.is_ascii_digit())
                && of.chars().all(|c| c.is_ascii_digit())
                && page.parse::<u32>().ok() <= of.parse::<u32>().ok()
        }
        None => false,
    }
}

/// The page head that follows a page break in PDF text: from a blank line, a few short lines
/// (symbol, running title) with a page number or job number among them. Returns the index of
/// its last line. The lines are trimmed, their [`furniture_kind`] told.
fn page_header_end(
    lines: &[(usize, &str, bool, Option<DroppedKind>)],
    start: usize,
) -> Option<usize> {
    if !lines[start].1.is_empty() {
        return None;
    }
    let mut last_marker = None;
    let mut saw_page = false;
    // Lines before the first marker can only be a running title standing right above it
    // ("Question of Anguilla" over "A/RES/80/91"): text lines followed by a blank line
    // are the end of a paragraph, never part of the head.
    let mut title_lines = 0;
    let mut text_lines = 0;
    for (offset, &(_, t, _, furniture)) in lines[start + 1..].iter().take(HEADER_WINDOW).enumerate()
    {
        let index = start + 1 + offset;
        if t.is_empty() {
            if last_marker.is_none() && title_lines > 0 {
                return None;
            }
            continue;
        }
        text_lines += 1;
        if text_lines > HEADER_LOOKAHEAD {
            break;
        }
        // A page number, job number or barcode, else a symbol, as `furniture_kind` tells
        // them: no line is two of them ("2/23" is short, "21-19242" opens with digits,
        // "*2119242*" with a star, a symbol with "A/", "S/" or "E/").
        let page_number = furniture == Some(DroppedKind::PageNumber);
        let numbered = matches!(
            furniture,
            Some(DroppedKind::JobNumber | DroppedKind::Barcode)
        );
        if page_number || numbered {
            if last_marker.is_none() && title_lines > MAX_TITLE_LINES {
                return None;
            }
            saw_page |= page_number;
            last_marker = Some(index);
        } else if furniture == Some(DroppedKind::DocumentSymbol) {
            last_marker = Some(index);
        } else if is_longer_than(t, MAX_RUNNING_TITLE)
            || ends_sentence(t)
            || last_marker.is_some_and(|m| saw_page && index > m)
        {
            break;
        } else if last_marker.is_none() {
            title_lines += 1;
            if title_lines > MAX_LONG_TITLE_LINES {
                return None;
            }
        }
    }
    if saw_page { last_marker } else { None }
}

/// Whether `text` has more than `chars` characters: told from its length in bytes when that
/// is no more (a character takes a byte at least), counted only past it. Asked of each line
/// under a blank line, most of them shorter in bytes than a running title may be.
fn is_longer_than(text: &str, chars: usize) -> bool {
    text.len() > chars && text.chars().count() > chars
}

/// The number a line opens with, followed by a space: "17 March 2022", "3 See ...".
fn leading_number(line: &str) -> Option<u32> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && digits <= MAX_FOOTNOTE_DIGITS && line[digits..].starts_with(char::is_whitespace))
        .then(|| line[..digits].parse().ok())
        .flatten()
}

/// Footnote numbers stay small; a longer figure opening a line is a year or an amount.
const MAX_FOOTNOTE_DIGITS: usize = 3;

/// What follows the number of a footnote line that is really a wrapped line of the
/// footnote above: a date ("17 March 2022") or a range ("3 – 14 June 1992").
fn wrapped_line(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.starts_with(['–', '-', '—'])
        || rest.starts_with(char::is_lowercase)
        || MONTHS.iter().any(|m| {
            rest.strip_prefix(m)
                .is_some_and(|after| !after.starts_with(char::is_alphabetic))
        })
}

/// Whether a line ends like a paragraph or clause does.
fn ends_sentence(line: &str) -> bool {
    line.ends_with([',', ';', '.', ':'])
}

/// A footnote marked as such at the start of its line: `<sup>3</sup> text`, `³ text`.
fn marked_footnote(line: &str) -> Option<(u32, &str)> {
    let body = line.trim_start_matches('*');
    if let Some(rest) = body.strip_prefix("<sup>") {
        let close = rest.find("</sup>")?;
        let number = rest[..close].trim().parse().ok()?;
        return Some((number, rest[close + "</sup>".len()..].trim()));
    }
    let used: usize = body
        .chars()
        .take_while(|c| superscript_digit(*c).is_some())
        .map(char::len_utf8)
        .sum();
    if used == 0 {
        return None;
    }
    let digits: String = body[..used]
        .chars()
        .filter_map(superscript_digit)
        .map(|d| char::from(b'0' + d))
        .collect();
    let rest = &body[used..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((digits.parse().ok()?, rest.trim()))
}

/// Whether a line opens a new block even without a blank line before it: a list item
/// ("- 2. Reaffirms"), or a numbered paragraph or "(a)" item after a line that closed a
/// clause.
fn starts_new_block(line: &str, current: Option<&Block>) -> bool {
    let Some(block) = current else {
        return false;
    };
    if line.starts_with("- ") || line.starts_with("#") {
        return true;
    }
    // The adoption record right under the last paragraph (S/RES/481 (1980): "... resolution
    // 338 (1973)." over "Adopted at the 2256th meeting").
    if line.starts_with("Adopted ") && ends_clause(&block.text) {
        return true;
    }
    // "Annex" on a line of its own, over the annex's title (A/RES/79/81).
    let single_line = block.lines.first == block.lines.last;
    if is_annex_line(line) || (single_line && is_annex_line(&block.text)) {
        return true;
    }
    // A section mark ("II") is a piece of its own, over its heading: PyMuPDF sets the two
    // apart with blank lines, pdf-extract prints the heading right under it (A/C.6/80/L.10).
    if single_line && super::paragraphs::section_mark(&block.text).is_some() {
        return true;
    }
    // "The Security Council," printed right under the date or with the first preambular
    // line right under it.
    // Told by its end first, trimmed: most lines end with no comma, and need no more.
    let chapeau = |t: &str| {
        // A line ending with any other visible ASCII character, as most do, is none.
        let last = t.as_bytes().last().copied().unwrap_or(b' ');
        if last.is_ascii_graphic() && !matches!(last, b'*' | b'_' | b',') {
            return false;
        }
        let t = t.trim_end_matches(['*', '_', ' ']);
        t.ends_with([',', '，', '،']) && is_chapeau(t.trim_start_matches(['*', '_', ' ']))
    };
    if (single_line && chapeau(&block.text)) || chapeau(line) {
        return true;
    }
    let body = if line.starts_with('*') {
        line.trim_start_matches('*')
    } else {
        line
    };
    // Asked of every line: a number opens with a digit, an item's label with "(", which
    // most lines of text do not.
    let numbered = match body.as_bytes().first() {
        Some(b'0'..=b'9') => {
            super::clean::split_number(body).is_some()
                || super::clean::bare_number(body).is_some()
                || super::clean::comma_number(body)
        }
        Some(b'(') => item_label(body).is_some(),
        _ => false,
    };
    // A bare "11." is the number of the lead on the next line, not a clause ended.
    let lead_over_items =
        operative_lead_alone(body) && super::clean::bare_number(&block.text).is_none();
    (numbered || lead_over_items) && ends_clause(&block.text) || run_in_paragraph(body, &block.text)
}

/// A paragraph printed right under the one before, with no blank line between (A/C.3/80/L.3:
/// "... 34/3 of 23 May 2025,26" over "Stressing the importance ..."): a capitalised drafting
/// opener at the start of a line, after a line that closed a clause with a comma or a
/// semicolon. A sentence goes on in lower case after its commas, so a capitalised opener
/// there starts a paragraph.
fn run_in_paragraph(line: &str, before: &str) -> bool {
    // Cheapest first: the capital, then the end of the line before (where most capitalised
    // lines follow no comma), and only then the lexicon.
    line.starts_with(char::is_uppercase)
        && ends_clause(before)
        && !ends_with_full_stop_or_colon(before)
        && super::lexicon::lexicon_lead(line).is_some_and(|lead| {
            // The opener as a word of its own: "Notes" is no lead of "Notestein".
            line[lead.len()..].starts_with([' ', ','])
        })
}

/// Whether a text ends with a full stop or a colon, past a footnote mark: what closes a
/// sentence or announces a list, never a preambular or operative clause.
fn ends_with_full_stop_or_colon(text: &str) -> bool {
    let end = text
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || superscript_digit(c).is_some())
        .trim_end();
    end.ends_with(['.', ':'])
}

/// "60 Ibid., documents ...": a footnote that refers to the one before it.
fn ibid_footnote(line: &str) -> bool {
    leading_number(line).is_some()
        && line
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .starts_with("Ibid.")
}

/// "Annex", "Annex II": the heading of an annex, alone on its line.
fn is_annex_line(line: &str) -> bool {
    line == "Annex"
        || line
            .strip_prefix("Annex ")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')))
}

/// "Decides:" on a line of its own, an operative lead over items: S/RES/590 (1986) prints
/// it right under the last preambular line ("... Observer Force, 24").
fn operative_lead_alone(line: &str) -> bool {
    line.strip_suffix(':')
        .is_some_and(|lead| super::lexicon::lexicon_lead(lead) == Some(lead))
        && super::lexicon::opens_operative(line)
}

/// Whether a line ends a clause, looking past a footnote mark ("report;<sup>3</sup>", "²⁰").
fn ends_clause(text: &str) -> bool {
    let mut end = text.trim_end();
    if end.ends_with("</sup>") {
        end = end.rfind("<sup>").map_or(end, |at| &end[..at]);
    }
    let end = end.trim_end_matches(|c: char| superscript_digit(c).is_some());
    // A plain footnote mark after the punctuation: "session,9", "resources, 7".
    let unmarked = end
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    // After a full stop, only a mark after a word: "Development.2" (A/80/L.5), not the
    // "3.2" of a target.
    let sentence_closed = unmarked.strip_suffix('.').is_some_and(|before| {
        before.ends_with(|c: char| c.is_alphabetic() || matches!(c, ')' | '”'))
    });
    end.ends_with([';', ':', '.', ','])
        || (unmarked.len() < end.len() && (unmarked.ends_with([';', ':', ',']) || sentence_closed))
}

/// "(a)", "(iv)": the label of a sub-item at the start of `text`, and the rest.
pub(crate) fn item_label(text: &str) -> Option<(&str, &str)> {
    const MAX_LABEL: usize = 5;
    let inner = text.strip_prefix('(')?;
    let close = inner.find(')')?;
    let label = &inner[..close];
    // A single digit is an item too: "(1)", or "(2)" scanned for "(a)" in S/RES/481 (1980).
    let lettered = label.chars().all(|c| c.is_ascii_lowercase());
    let digit = label.len() == 1 && label.chars().all(|c| c.is_ascii_digit());
    if label.is_empty() || label.len() > MAX_LABEL || !(lettered || digit) {
        return None;
    }
    let rest = &inner[close + 1..];
    rest.starts_with(char::is_whitespace)
        .then(|| (&text[..close + 2], rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Layout {
        super::layout(text, &Vocabulary::new(text))
    }

    fn texts(layout: &Layout) -> Vec<&str> {
        layout.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    proptest::proptest! {
        /// A word searched for in the text is counted as counting every word counts it:
        /// whole words only, trimmed of what is not a letter or digit, in any case, parted by
        /// white space, `/` and `—`.
        #[test]
        fn searching_for_a_word_counts_what_counting_every_word_counts(
            text in "[abAB1 \\-/—“”.,'é\u{a0}\n]{0,60}",
            asked in "[ab1\\-]{1,4}",
        ) {
            let words = words_of(&text);
            for word in words.keys().filter(|w| w.is_ascii()).chain([&asked]) {
                let expected = words.get(word).copied().unwrap_or(0);
                let searched = Vocabulary::new(&text).count(word);
                proptest::prop_assert_eq!(searched, expected, "{:?} in {:?}", word, text);
                let once = Vocabulary::new(&text).count_up_to(word, 1);
                proptest::prop_assert_eq!(once, expected.min(1), "{:?} in {:?}", word, text);
            }
        }
    }

    /// The search reads an ASCII copy of the text, which holds every word that lower-cases to
    /// an ASCII word only if no other character lower-cases to ASCII but the Kelvin sign.
    #[test]
    fn only_the_kelvin_sign_lower_cases_to_ascii() {
        let to_ascii: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, [KELVIN_SIGN]);
        assert!(holds_kelvin_sign("273 \u{212a}"));
        assert!(!holds_kelvin_sign("273 K, \u{2129}\u{212b}"));
        let text = "the \u{212a}ey, the key and KEY/key-holder";
        let vocabulary = Vocabulary::new(text);
        assert_eq!(vocabulary.count("key"), 3);
        assert_eq!(vocabulary.count("key-holder"), 1);
    }

    /// The first byte rules out no line that is furniture, and no line is two kinds of
    /// furniture that `page_header_end` used to tell apart in another order, over every line
    /// of the texts kept in the repository and of `../shared/corpus/real` when present.
    #[test]
    fn furniture_told_by_the_first_byte_is_furniture_told_in_full() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut folders = vec![
            root.join("tests/fixtures"),
            root.join("../shared/corpus/real"),
        ];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    files.push(path);
                }
            }
        }
        let mut furniture = 0;
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            for line in unify_line_endings(&text).lines().map(trim_line) {
                let kind = furniture_kind_in_full(line);
                assert_eq!(furniture_kind(line), kind, "{}: {line:?}", path.display());
                let kinds = [
                    is_page_number(line),
                    is_job_number(line),
                    is_star_number(line),
                ];
                let numbered = kinds.iter().filter(|&&k| k).count();
                assert!(numbered <= 1, "{}: {line:?}", path.display());
                assert!(numbered == 0 || !line.starts_with("Distr.:"), "{line:?}");
                furniture += usize::from(kind.is_some());
            }
        }
        assert!(
            furniture > 100,
            "{furniture} furniture lines in {} files",
            files.len()
        );
    }

    /// A line is trimmed as `str::trim` trims it, white space of any kind.
    #[test]
    fn lines_are_trimmed_as_the_standard_library_trims() {
        for line in [
            "",
            " ",
            "\t a b \r",
            "\u{a0}a\u{a0}",
            " \u{2003} é ",
            "é",
            "\u{b}x\u{c}",
        ] {
            assert_eq!(trim_line(line), line.trim(), "{line:?}");
        }
    }

    /// A running title is measured in characters: a line of accented letters twice as long
    /// in bytes is no longer for it.
    #[test]
    fn lengths_are_counted_in_characters() {
        assert!(!is_longer_than("ééé", 3));
        assert!(is_longer_than("éééé", 3));
        assert!(!is_longer_than("abc", 3));
        assert!(is_longer_than("abcd", 3));
    }

    proptest::proptest! {
        /// The lines found by memchr are the lines `str::lines` gives.
        #[test]
        fn lines_are_the_lines_of_the_standard_library(text in "[a \n*é]{0,40}") {
            let found: Vec<(&str, bool)> = lines_of(&text).collect();
            let lines: Vec<(&str, bool)> = text.lines().map(|l| (l, l.contains('*'))).collect();
            proptest::prop_assert_eq!(found, lines);
        }
    }

    /// Past the searches allowed, every word is counted once, with the same counts.
    #[test]
    fn many_words_asked_for_are_counted_alike() {
        let text = "capa- city, the capacity; Capacity-building and (capacity)";
        let vocabulary = Vocabulary::new(text);
        for _ in 0..2 * MAX_WORD_SEARCHES {
            assert_eq!(vocabulary.count("capacity"), 2);
            assert_eq!(vocabulary.count("capacity-building"), 1);
            assert_eq!(vocabulary.count("capa"), 1);
            assert_eq!(vocabulary.count("building"), 0);
        }
        assert!(vocabulary.words.get().is_some());
    }

    #[test]
    fn hyphen_kept_for_compounds_and_dropped_for_broken_words() {
        let text = "the Secretary-\nGeneral and capa-\ncity building; capacity";
        assert_eq!(
            texts(&layout(text)),
            ["the Secretary-General and capacity building; capacity"]
        );
    }

    #[test]
    fn furniture_and_pdf_footnotes_are_set_aside() {
        let text = "Recalling its resolution 70/1 and the Protocols thereto,1 \n__________________ \n \n1 United Nations, Treaty Series. \n\nA/RES/79/102 \nQuestion of Things\n \n24-23542\n2/5 \n \nthe rest of it, \n";
        let l = layout(text);
        assert_eq!(
            texts(&l),
            [
                "Recalling its resolution 70/1 and the Protocols thereto,1",
                "the rest of it,"
            ]
        );
        assert_eq!(l.footnotes.len(), 1);
        assert_eq!(l.footnotes[0].number, 1);
        assert!(l.footnotes[0].plain);
    }

    #[test]
    fn wrapped_footnote_lines_that_open_with_a_number_stay_in_their_footnote() {
        // "3 – 14 June" and "5 March" are wrapped lines; the real 3 and 5 come later.
        let text = "Recalling the Declaration,2 and Agenda 21,3\n__________________\n\n2 Report of the Conference, Rio de Janeiro,\n3 – 14 June 1992, annex I.\n\n3 Ibid., annex II.\n\n4 Report, New York,\n5 March 2022, chap. I.\n\n5 Resolution 78/317, annex.\n";
        let l = layout(text);
        assert_eq!(texts(&l), ["Recalling the Declaration,2 and Agenda 21,3"]);
        let numbers: Vec<u32> = l.footnotes.iter().map(|f| f.number).collect();
        assert_eq!(numbers, [2, 3, 4, 5]);
        assert_eq!(
            l.footnotes[0].text,
            "Report of the Conference, Rio de Janeiro, 3 – 14 June 1992, annex I."
        );
        assert_eq!(
            l.footnotes[2].text,
            "Report, New York, 5 March 2022, chap. I."
        );
    }

    #[test]
    fn a_wrapped_line_read_as_the_next_footnote_is_given_back_when_that_number_comes() {
        let text = "thereto,4\n__________________\n\n4 Report of the Meeting, table\n5 Annex I.\n\n5 Ibid., annex II.\n";
        let l = layout(text);
        let numbers: Vec<u32> = l.footnotes.iter().map(|f| f.number).collect();
        assert_eq!(numbers, [4, 5]);
        assert_eq!(
            l.footnotes[0].text,
            "Report of the Meeting, table 5 Annex I."
        );
        assert_eq!(l.footnotes[1].text, "Ibid., annex II.");
    }

    #[test]
    fn a_footnote_goes_on_under_the_rule_of_the_next_page() {
        // A-C.3-80-L.17: footnote 42 ends on the next page, above footnote 43.
        let text = "to initiate\n__________________\n\n42 See Official Records, 2005, Supplement No. 7 and\n\nA/C.3/80/L.17\n\n25-16913\n12/15\n\n“Indigenous women”, 43 as well;\n\n42. Invites Member States to develop\n__________________\ncorrigendum (E/2005/27), chap. I, sect. D.\n\n43 Ibid., 2012, Supplement No. 7.\n\nA/C.3/80/L.17\n\n13/15\n25-16913\n\nappropriate measures;\n";
        let l = layout(text);
        assert_eq!(
            texts(&l),
            [
                "to initiate",
                "“Indigenous women”, 43 as well;",
                "42. Invites Member States to develop",
                "appropriate measures;"
            ]
        );
        assert_eq!(
            l.footnotes[0].text,
            "See Official Records, 2005, Supplement No. 7 and corrigendum (E/2005/27), chap. I, sect. D."
        );
        assert_eq!(l.footnotes[1].number, 43);
    }

    #[test]
    fn security_council_footnotes_stand_under_the_adoption_line() {
        let text = "1. Decides to remain seized.\n\nAdopted at the 1612th\nmeeting by 14 votes to none. 8\n\n8 One member (China) did not participate in\nthe voting.\n";
        let l = layout(text);
        assert_eq!(
            texts(&l),
            [
                "1. Decides to remain seized.",
                "Adopted at the 1612th meeting by 14 votes to none. 8"
            ]
        );
        assert_eq!(l.footnotes.len(), 1);
        assert_eq!(
            l.footnotes[0].text,
            "One member (China) did not participate in the voting."
        );
    }

    #[test]
    fn a_long_adoption_record_still_opens_the_footnotes() {
        // S/RES/474 (1980): the abstaining members named, footnote 46 under the record.
        let text = "7. Decides to remain seized of the question.\n\nAdopted at the 2232nd meeting by 12 votes to none, with 2\nabstentions (German Democratic Republic, Union of\nSoviet Socialist Republics). 46\n\n46 One member (China) did not participate in the voting.\n";
        let l = layout(text);
        assert_eq!(texts(&l).len(), 2, "{:?}", texts(&l));
        assert_eq!(l.footnotes.len(), 1);
        assert_eq!(l.footnotes[0].number, 46);
    }

    #[test]
    fn page_breaks_are_recorded() {
        // A/80/L.10: footnotes under the rule, then the next page's head.
        let text = "Recalling the Outcome, 1 and\n__________________\n\n1 Resolution 60/1.\n\nA/80/L.10\n\n25-17857\n2/5\n\nWelcoming the day,\n\n---\n\nNoting\n\u{c}Recalling\n";
        let l = layout(text);
        assert_eq!(l.page_breaks, [5]);
        assert_eq!(l.footnotes[0].line, 4);
    }

    #[test]
    fn a_page_head_set_apart_by_blank_lines_is_still_a_page_head() {
        // A/RES/79/189 as pdf-extract reads it: blank lines between the symbol, the
        // four-line running title and the job number, nine lines after the page break.
        let text = "as well as resolutions 23/2 and 25/1 of

A/RES/79/189

Strengthening and promoting effective measures and international
cooperation on organ donation and transplantation to prevent and
combat trafficking in persons for the purpose of organ removal and
trafficking in human organs


24-24140
2/8

27 May 2016 on preventing and combating trafficking,
";
        let l = layout(text);
        assert_eq!(l.page_breaks, [2]);
        assert_eq!(
            texts(&l),
            [
                "as well as resolutions 23/2 and 25/1 of",
                "27 May 2016 on preventing and combating trafficking,"
            ]
        );
    }

    #[test]
    fn a_section_mark_right_over_its_heading_is_a_block_of_its_own() {
        // A/C.6/80/L.10 as pdf-extract reads it; PyMuPDF puts blank lines between the two.
        let text = "Noting the report,

I
Legislative activities

1. Notes with appreciation;
";
        assert_eq!(
            texts(&layout(text)),
            [
                "Noting the report,",
                "I",
                "Legislative activities",
                "1. Notes with appreciation;"
            ]
        );
    }

    /// A line longer than the room a block is given when it opens is a block all the same.
    #[test]
    fn a_line_longer_than_a_block_s_room_is_a_block() {
        let long = "word ".repeat(MAX_BLOCK_ROOM).trim_end().to_owned();
        let text = format!("Recalling,\n{long}\n{long}\n\n{long}\n");
        let l = layout(&text);
        assert_eq!(
            texts(&l),
            [format!("Recalling, {long} {long}"), long.clone()]
        );
    }

    #[test]
    fn list_items_and_numbered_lines_start_blocks() {
        let text = "- 1. *Takes note* of it;\n- 2. Reaffirms that;\n(a) first;\n(b) second.";
        assert_eq!(texts(&layout(text)).len(), 4);
    }

    #[test]
    fn run_together_markdown_is_cut() {
        let text =
            "criminal justice**Resolution adopted***78/229. Strengthening***The General Assembly,*";
        assert_eq!(
            texts(&layout(text)),
            [
                "criminal justice",
                "Resolution adopted",
                "78/229. Strengthening",
                "The General Assembly,*"
            ]
        );
    }

    #[test]
    fn marked_footnotes() {
        assert_eq!(
            marked_footnote("<sup>12</sup> See A/71/96."),
            Some((12, "See A/71/96."))
        );
        assert_eq!(
            marked_footnote("¹⁰ Resolution 69/194, annex."),
            Some((10, "Resolution 69/194, annex."))
        );
        assert_eq!(marked_footnote("Recalling"), None);
    }

    #[test]
    fn a_footnote_numbered_by_a_superscript_goes_on_over_its_wrapped_lines() {
        // As the PDF reader gives a footnote block: the footnote numbers are superscripts,
        // and a wrapped line of footnote 2 opens with the number 3, that of the next
        // footnote were it a plain one.
        let text = "Recalling the Convention,¹ and the report,²\n__________________\n\n¹  United Nations, Treaty Series, vol. 1771,\nNo. 30822.\n²  Official Records of the General Assembly, Seventieth Session, Supplement No.\n3 (A/70/3), chap. I.\n\nthe rest of it,\n";
        let l = layout(text);
        let footnotes: Vec<(u32, &str)> = l
            .footnotes
            .iter()
            .map(|f| (f.number, f.text.as_str()))
            .collect();
        assert_eq!(
            footnotes,
            [
                (1, "United Nations, Treaty Series, vol. 1771, No. 30822."),
                (
                    2,
                    "Official Records of the General Assembly, Seventieth Session, Supplement No. 3 (A/70/3), chap. I."
                ),
            ]
        );
        assert_eq!(
            texts(&l),
            [
                "Recalling the Convention,¹ and the report,²",
                "the rest of it,"
            ]
        );
    }

    #[test]
    fn a_running_title_of_four_lines_over_the_symbol_goes() {
        // A/RES/78/234, page 3: the title, then the symbol, then the page number.
        let text = "Recalling the Declaration, \n\nA global call for concrete action for the elimination of racism, racial \ndiscrimination, xenophobia and related intolerance and the \ncomprehensive implementation of and follow-up to the Durban \nDeclaration and Programme of Action \nA/RES/78/234\n \n3/11\n \nStressing that law enforcement officials, \n";
        assert_eq!(
            texts(&layout(text)),
            [
                "Recalling the Declaration,",
                "Stressing that law enforcement officials,"
            ]
        );
        // Without a symbol under them, four short lines over what reads as a page number
        // are text (A/RES/80/72 prints a paragraph one word to a line, "73/89" among them).
        let l = layout(
            "Recalling the Declaration, \n\nRecalling \nalso \nits \nresolution \n73/89 \nof 6 December 2018, \n",
        );
        assert_eq!(l.blocks.len(), 2);
        assert!(
            l.blocks[1]
                .text
                .starts_with("Recalling also its resolution")
        );
        assert!(l.blocks[1].text.ends_with("of 6 December 2018,"));
    }

    #[test]
    fn an_operative_lead_alone_over_items_starts_a_block() {
        // S/RES/590 (1986): "Decides:" right under the last preambular line.
        let text = "Having considered the report of the Secretary-General\non the Force, 24\nDecides:\n\n(a) To renew the mandate;\n";
        assert_eq!(
            texts(&layout(text)),
            [
                "Having considered the report of the Secretary-General on the Force, 24",
                "Decides:",
                "(a) To renew the mandate;"
            ]
        );
        // Under a bare paragraph number, the lead is that paragraph's (A/RES/80/34, "11.").
        let text = "Takes note of the report;\n\n11.\nRecalls:\n\n(a) The decision;\n";
        assert_eq!(
            texts(&layout(text)),
            [
                "Takes note of the report;",
                "11. Recalls:",
                "(a) The decision;"
            ]
        );
    }

    #[test]
    fn furniture_lines() {
        assert!(is_furniture("21-19242"));
        assert!(is_furniture("25-16620 (E)    201025"));
        assert!(is_furniture("*2119242*"));
        assert!(is_furniture("2/23"));
        assert!(!is_furniture("70/1"));
        assert!(!is_furniture("2014-2015"));
    }
}
