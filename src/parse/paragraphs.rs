//! From the body blocks of one instrument to its paragraphs: page-break joins, PP/OP
//! numbering, "(a)" items, leads and footnote references.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::clean::{Cleaned, is_collapsed, split_number, split_undotted_number, view};
use super::lexicon::{lexicon_lead, opens_operative};
use super::lines::{Block, Vocabulary, item_label, join_into, line_break_hyphen};
use crate::document::{Dropped, Footnote, Item, Kind, LineSpan, Paragraph, ParagraphId, Passage};
use crate::hash::FastSet;

/// One body block, clean, with every footnote reference found.
#[derive(Debug)]
pub(crate) struct Piece {
    /// Clean text.
    pub text: String,
    /// Footnote references, explicit and plain.
    pub refs: Vec<u32>,
    /// The `*italic*` opening words, if the export had them.
    pub italic_lead: Option<String>,
    /// Whether the text is single-spaced (see [`Cleaned::single_spaced`]).
    pub single_spaced: bool,
    /// Lines of the input.
    pub lines: LineSpan,
}

impl Piece {
    /// A piece from a block and its cleaned form.
    pub(crate) fn new(block: &Block, cleaned: Cleaned) -> Piece {
        Piece {
            text: cleaned.text,
            refs: cleaned.refs,
            italic_lead: cleaned.italic_lead,
            single_spaced: cleaned.single_spaced,
            lines: block.lines,
        }
    }

    /// The collapsed view of the text, which the recognisers read.
    fn view(&self) -> Cow<'_, str> {
        view(&self.text, self.single_spaced)
    }
}

/// Closing punctuation of a complete paragraph, in the official languages' scripts.
const CLOSERS: &[char] = &[',', ';', '.', ':', '，', '；', '。', '：', '،', '؛'];

/// Whether a paragraph ends as a complete one does; one that does not continues in the next
/// block (after the footnotes and furniture of a page break).
fn is_complete(text: &str) -> bool {
    let end =
        text.trim_end_matches(|c: char| matches!(c, '”' | '"' | '’' | ')') || c.is_whitespace());
    end.ends_with(CLOSERS) || text.ends_with(CLOSERS)
}

/// Whether a block reads as the start of a paragraph of its own: a capitalised drafting
/// opener ("Recalling", "Noting with concern"). A paragraph that lost its closing comma (a
/// typo, or an edit in a draft) must not swallow the next one; a real page-break
/// continuation starts lower-case or with an ordinary word ("Cultural Property and ...").
fn opens_paragraph(piece: &Piece) -> bool {
    piece.text.starts_with(char::is_uppercase) && lexicon_lead(&piece.view()).is_some()
}

/// Gives back to its footnote the end of a footnote cut by a page break that the text
/// export printed among the paragraphs (E/CN.15/2019/28, footnote 57: "... minerals from"
/// and, eight paragraphs on, "conflict-affected and high-risk areas."). Only a footnote cut
/// after a lower-case word is waited for, and only a piece that reads as its end: printed
/// after it, lower-case, ending with a full stop, and not needed as the continuation of the
/// paragraph before (that one is complete, or the next piece continues it).
pub(crate) fn take_footnote_tails(
    pieces: &mut Vec<Piece>,
    footnotes: &mut [(usize, Footnote)],
    vocabulary: &Vocabulary<'_>,
    dropped: &mut Vec<Dropped>,
) {
    let cut = |text: &str| {
        text.rsplit(char::is_whitespace)
            .next()
            .is_some_and(|word| word.starts_with(char::is_lowercase) && !word.ends_with(CLOSERS))
    };
    // Cut footnotes are rare: most texts skip the pass at once.
    let mut waiting: Vec<usize> = (0..footnotes.len())
        .filter(|&k| cut(&footnotes[k].1.text))
        .collect();
    if waiting.is_empty() {
        return;
    }
    let starts_lower = |piece: &Piece| piece.text.starts_with(char::is_lowercase);
    let mut kept: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut rest = std::mem::take(pieces).into_iter().peekable();
    while let Some(piece) = rest.next() {
        let tail_like = starts_lower(&piece) && piece.text.ends_with('.');
        let spare = kept.last().is_none_or(|before| is_complete(&before.text))
            || rest.peek().is_some_and(starts_lower);
        let owner = waiting
            .iter()
            .rposition(|&k| footnotes[k].0 < piece.lines.first);
        match owner {
            Some(at) if tail_like && spare => {
                let (line, footnote) = &mut footnotes[waiting.remove(at)];
                if join_into(&mut footnote.text, &piece.text, vocabulary) {
                    dropped.push(line_break_hyphen(*line, piece.lines.first));
                }
            }
            _ => kept.push(piece),
        }
    }
    *pieces = kept;
}

/// Puts back together the pieces of paragraphs cut by page breaks, recording the hyphens
/// of words broken by them.
fn join_cut(
    pieces: Vec<Piece>,
    vocabulary: &Vocabulary<'_>,
    dropped: &mut Vec<Dropped>,
) -> Vec<Piece> {
    let mut joined: Vec<Piece> = Vec::with_capacity(pieces.len());
    // A comma may end a page in mid-sentence ("... in the Near East, 9" over "submitted
    // pursuant to ..."). Where paragraphs open with a capital, as in English, French or
    // Spanish, a piece opening lower-case after a comma is such a continuation. Russian
    // preambular paragraphs open lower-case ("подтверждая ..."): there the rule is off,
    // which the pieces themselves tell, most of those opening with a letter being lower-case.
    let opening = |cased: fn(char) -> bool| {
        pieces
            .iter()
            .filter(|p| p.text.chars().next().is_some_and(cased))
            .count()
    };
    let lower_case_continues = opening(char::is_uppercase) > opening(char::is_lowercase);
    let mut next_op = 1;
    for piece in pieces {
        let numbered = operative_number(&piece, next_op).map(|(n, _)| n);
        if let Some(last) = joined.last_mut() {
            let opens_op = numbered == Some(next_op);
            // A page may also break in a list of citations ("... 48/11 of 8 October 2021,8"
            // over "51/18 of 6 October 2022, ...", A/RES/80/191): a piece opening with a
            // figure that is no paragraph number goes on with the clause before.
            let carries_on = !is_complete(&last.text)
                || (lower_case_continues
                    && last.text.ends_with(',')
                    && piece.text.starts_with(char::is_lowercase))
                || (last.text.ends_with([',', ';'])
                    && cites_on(&piece)
                    && numbered.is_none()
                    && super::clean::bare_number(&piece.text).is_none());
            let marks = section_mark(&piece.text).is_some() || section_mark(&last.text).is_some();
            // A heading over a paragraph numbered anew ("Issuance of a negotiable cargo
            // document" over "1. If so agreed ...", an article of a convention in an annex).
            let under_heading = is_heading(last)
                && split_number(&piece.text)
                    .is_some_and(|(_, rest)| rest.starts_with(char::is_uppercase));
            if carries_on && !opens_op && !marks && !under_heading && !opens_paragraph(&piece) {
                if join_into(&mut last.text, &piece.text, vocabulary) {
                    dropped.push(line_break_hyphen(last.lines.last, piece.lines.first));
                }
                last.single_spaced = is_collapsed(&last.text);
                last.refs.extend(piece.refs);
                last.lines.last = piece.lines.last;
                continue;
            }
        }
        if let Some(n) = numbered {
            next_op = n + 1;
        }
        joined.push(piece);
    }
    joined
}

/// Whether a piece opens with a figure that goes on with a citation or a date: "51/18 of 6
/// October 2022", "2044 (2012) on 24 April 2012", "2026, the International Year ...". A
/// figure followed by a capitalised word opens a footnote the text export printed among the
/// paragraphs ("60 Ibid., documents S/17227 and Add.2.", S/RES/565 (1985)).
fn cites_on(piece: &Piece) -> bool {
    // Asked of nearly every piece after a preambular paragraph's comma, and almost none opens
    // with a figure: told from the first character before the whole piece is collapsed.
    if !piece
        .text
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let text = &*piece.view();
    let after = text.trim_start_matches(|c: char| c.is_ascii_digit());
    if after.len() == text.len() {
        return false;
    }
    after.starts_with(['/', ',', ')'])
        || after.starts_with(" (")
        || after
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_lowercase))
}

/// The number of an operative paragraph and its text: "12. Decides ...", or "12 Decides
/// ..." when 12 is the number `expected` next (the dot is missing in some printed texts).
/// An undotted 1 must open with an operative verb of the lexicon.
fn operative_number(piece: &Piece, expected: u32) -> Option<(u32, &str)> {
    if let Some(found) = split_number(&piece.text) {
        return Some(found);
    }
    let rest = split_undotted_number(&piece.text, expected)?;
    // The end of a single-spaced text that opens with no white space is single-spaced.
    let opens = || lexicon_lead(&view(rest, piece.single_spaced)).is_some();
    (expected > 1 || opens()).then_some((expected, rest))
}

/// A paragraph under construction.
struct Draft {
    id: ParagraphId,
    text: String,
    /// Whether the text is single-spaced, told from its pieces': its lead is read from the
    /// text itself then, without a look at the whole paragraph.
    single_spaced: bool,
    items: Vec<Item>,
    refs: Vec<u32>,
    italic_lead: Option<String>,
    lines: LineSpan,
}

impl Draft {
    /// A paragraph opening with `text`: the piece's text, or its end after a paragraph
    /// number, which opens with no white space (and is then single-spaced if the piece is).
    fn new(id: ParagraphId, text: &str, piece: &Piece) -> Draft {
        Draft {
            id,
            text: text.to_owned(),
            single_spaced: piece.single_spaced,
            items: Vec::new(),
            refs: piece.refs.clone(),
            italic_lead: piece.italic_lead.clone(),
            lines: piece.lines,
        }
    }

    /// Adds a following piece: an item "(a) ..." or more text.
    fn extend(&mut self, piece: &Piece) {
        if let Some((label, rest)) = item_label(&piece.text) {
            self.items.push(Item {
                label: label.to_owned(),
                text: rest.to_owned(),
            });
        } else if let Some((number, rest)) = split_number(&piece.text) {
            // An item of a numbered list the paragraph announces.
            self.items.push(Item {
                label: format!("{number}."),
                text: rest.to_owned(),
            });
        }
        // Two single-spaced texts joined by one space are single-spaced, unless the second
        // is empty and the space ends the text.
        if self.text.is_empty() {
            self.single_spaced = piece.single_spaced;
        } else {
            self.text.push(' ');
            self.single_spaced &= piece.single_spaced && !piece.text.is_empty();
        }
        self.text.push_str(&piece.text);
        self.refs.extend(&piece.refs);
        self.lines.last = piece.lines.last;
    }

    fn finish(self) -> Paragraph {
        debug_assert!(!self.single_spaced || is_collapsed(&self.text));
        let lead = lead(
            &view(&self.text, self.single_spaced),
            self.italic_lead.as_deref(),
        );
        // Made for every paragraph, most of them with no mark or one: FxHash, no random keys.
        let mut seen = FastSet::default();
        let footnotes = self.refs.into_iter().filter(|n| seen.insert(*n)).collect();
        Paragraph {
            id: self.id,
            lead,
            text: self.text,
            items: self.items,
            footnotes,
            lines: self.lines,
        }
    }
}

/// The opening phrase of a paragraph's [`collapsed`](super::clean::collapsed) view: the
/// longest lexicon match, else the italic words of the export, else the first word;
/// single-spaced whatever the text's spacing, since leads are compared across versions.
fn lead(text: &str, italic: Option<&str>) -> String {
    // An annex paragraph that keeps its printed number ("2. The transport operator ...").
    let text = split_number(text).map_or(text, |(_, rest)| rest);
    if let Some(found) = lexicon_lead(text) {
        return found.to_owned();
    }
    if let Some(italic) = italic.filter(|i| text.starts_with(i)) {
        return italic.to_owned();
    }
    if let Some(rest) = super::recognise::body_name_prefix(text) {
        let rest = item_label(rest).map_or(rest, |(_, after)| after);
        if let Some(found) = lexicon_lead(rest) {
            return found.to_owned();
        }
        if let Some(word) = first_word(rest) {
            return word.to_owned();
        }
    }
    first_word(text).unwrap_or("").to_owned()
}

/// The first word of a text, a hyphenated compound whole ("Re-emphasizes", "Follow-up"):
/// word segmentation alone would cut it at the hyphen.
fn first_word(text: &str) -> Option<&str> {
    let mut tokens = text.split_word_bounds();
    let mut start = 0;
    let word = tokens.by_ref().find(|token| {
        let word = crate::tokens::is_word(token);
        if !word {
            start += token.len();
        }
        word
    })?;
    let mut end = start + word.len();
    loop {
        let mut ahead = tokens.clone();
        match (ahead.next(), ahead.next()) {
            (Some("-"), Some(next)) if crate::tokens::is_word(next) => {
                end += 1 + next.len();
                tokens = ahead;
            }
            _ => break,
        }
    }
    Some(&text[start..end])
}

/// The roman numeral of a section mark: a line holding "II" alone, as Fifth Committee
/// resolutions set their parts apart ("I", heading, paragraphs; "II", heading, ...).
pub(crate) fn section_mark(text: &str) -> Option<&str> {
    const ROMANS: &[&str] = &[
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    ROMANS.contains(&text).then_some(text)
}

/// Whether a piece reads as a heading: a line without closing punctuation that is not a
/// numbered paragraph, an item or a drafting opener ("Support account for peacekeeping
/// operations", "Budget performance report for the period from 1 July 2023 to 30 June 2024").
fn is_heading(piece: &Piece) -> bool {
    let text = &piece.text;
    text.starts_with(char::is_uppercase)
        && !is_complete(text)
        && split_number(text).is_none()
        && item_label(text).is_none()
        && !opens_paragraph(piece)
}

/// The paragraphs of one part of a body, and the roman numeral of its section mark.
pub(crate) struct Part {
    /// "II" for the part under the section mark "II"; none before any mark.
    pub section: Option<String>,
    /// Its paragraphs, operative ones numbered from 1.
    pub paragraphs: Vec<Paragraph>,
}

/// What kind of body a list of pieces is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Body {
    /// A resolution's preamble and operative part.
    Resolution,
    /// A decision: the whole body is one operative paragraph.
    Decision,
    /// An annex: parsed like a resolution, but its numbering may start again under each
    /// heading (a convention's articles each number their paragraphs from 1).
    Annex,
}

/// The paragraphs of a body.
///
/// A body is one part unless it has sections that number their operative paragraphs from 1
/// again (A/RES/79/298: section I, paragraphs 1 to 13; section II, paragraphs 1 and 2). Each
/// such section is then a part of its own, with its own PP and OP numbers, as the text
/// itself cites them ("section II, paragraph 1"): one body numbered twice cannot give unique
/// ids, and reading the restart as the end of the resolution would drop the later sections.
/// Sections that carry the numbering on stay in one part. Section marks and the headings
/// under them, like the headings between operative paragraphs, are not paragraph text.
///
/// Headings and section marks are paragraphs of kind heading (H1.. by position in their
/// part). Pieces after the point where the report's own numbering resumes are given back as
/// passages, since they belong to no instrument.
pub(crate) fn paragraphs(
    pieces: Vec<Piece>,
    body: Body,
    vocabulary: &Vocabulary<'_>,
    dropped: &mut Vec<Dropped>,
) -> (Vec<Part>, Vec<Passage>) {
    let pieces = join_cut(pieces, vocabulary, dropped);
    let annex = body == Body::Annex;
    if body == Body::Decision {
        let part = Part {
            section: None,
            paragraphs: decision_body(pieces),
        };
        return (vec![part], Vec::new());
    }
    let mut leftover = Vec::new();
    let mut headings = 0;
    // Where any paragraph is numbered, an unnumbered verb over items is not the operative
    // part: the numbers say where that begins.
    let unnumbered = pieces.iter().all(|p| split_number(&p.text).is_none());
    let mut parts: Vec<(Option<String>, Vec<Draft>)> = vec![(None, Vec::new())];
    let mut preambular = 0;
    let mut last_op: Option<u32> = None;
    // The number the next item of a numbered list inside an operative paragraph would have.
    let mut list_next: Option<u32> = None;
    let mut after_mark = false;
    for (index, piece) in pieces.iter().enumerate() {
        if let Some(roman) = section_mark(&piece.text) {
            let restarts = last_op.is_some()
                && pieces[index + 1..]
                    .iter()
                    .find_map(|p| operative_number(p, 1))
                    .is_some_and(|(n, _)| n == 1);
            let (section, drafts) = parts.last_mut().expect("one part at least");
            if restarts {
                parts.push((Some(roman.to_owned()), Vec::new()));
                preambular = 0;
                headings = 0;
                last_op = None;
            } else if drafts.is_empty() {
                *section = Some(roman.to_owned());
            }
            let (_, drafts) = parts.last_mut().expect("one part at least");
            headings += 1;
            drafts.push(Draft::new(
                ParagraphId::new(Kind::Heading, headings),
                &piece.text,
                piece,
            ));
            after_mark = true;
            continue;
        }
        let under_mark = std::mem::take(&mut after_mark);
        let (_, done) = parts.last_mut().expect("one part at least");
        let expected = last_op.map_or(1, |n| n + 1);
        if let Some((number, rest)) = operative_number(piece, expected) {
            // A list numbered from 1 under a paragraph that announces it ("Approves the
            // following provisional agenda ...:" over "1. Opening of the Congress." ...
            // "7. Adoption of the report.", A/RES/78/223 OP11) belongs to that paragraph:
            // the paragraphs after it go on with their own numbers.
            // So does a quoted paragraph under "... amendment to the statute:" / "Article 9,
            // new paragraph 4:" (A/RES/78/248 OP14): a number below the current one.
            let opens_list = last_op.is_some_and(|last| number <= last)
                && done.last().is_some_and(|d| d.text.ends_with(':'));
            if opens_list || list_next == Some(number) && number != expected {
                list_next = Some(number + 1);
                if let Some(current) = done.last_mut() {
                    current.extend(piece);
                }
                continue;
            }
            list_next = None;
            if let Some(last) = last_op.filter(|&last| annex && number <= last) {
                // An annex numbering anew under a heading ("Article 3" over "1. The
                // transport operator ..."): the paragraph keeps its printed number in its
                // text and takes the next id, so that ids stay unique and nothing is cut.
                last_op = Some(last + 1);
                done.push(Draft::new(ParagraphId::op(last + 1), &piece.text, piece));
                continue;
            }
            if last_op.is_some_and(|last| number <= last) {
                // Numbering goes back: the report's own paragraphs have resumed.
                leftover.extend(pieces[index..].iter().map(|p| Passage {
                    text: p.text.clone(),
                    lines: p.lines,
                }));
                break;
            }
            last_op = Some(number);
            done.push(Draft::new(ParagraphId::op(number), rest, piece));
            continue;
        }
        if unnumbered && last_op.is_none() && introduces_items(&pieces, index) {
            last_op = Some(1);
            done.push(Draft::new(ParagraphId::op(1), &piece.text, piece));
            continue;
        }
        let before_op = pieces
            .get(index + 1)
            .is_some_and(|next| operative_number(next, expected).is_some());
        let after_paragraph = done.last().is_none_or(|d| is_complete(&d.text));
        if is_heading(piece)
            && (under_mark || ((last_op.is_some() || annex) && before_op && after_paragraph))
        {
            headings += 1;
            done.push(Draft::new(
                ParagraphId::new(Kind::Heading, headings),
                &piece.text,
                piece,
            ));
            continue;
        }
        match done.last_mut() {
            Some(current)
                if current.id.kind != Kind::Heading
                    && (last_op.is_some() || item_label(&piece.text).is_some()) =>
            {
                current.extend(piece)
            }
            _ => {
                preambular += 1;
                done.push(Draft::new(ParagraphId::pp(preambular), &piece.text, piece));
            }
        }
    }
    let several = parts.len() > 1;
    let parts = parts
        .into_iter()
        .map(|(section, drafts)| Part {
            section: section.filter(|_| several),
            paragraphs: drafts.into_iter().map(Draft::finish).collect(),
        })
        .collect();
    (parts, leftover)
}

/// Whether the piece at `index` is an unnumbered operative paragraph that introduces items:
/// "Decides:" over "(a) To call upon the parties ...", as the Security Council renewed the
/// mandate of its Disengagement Observer Force from S/RES/363 (1974) to S/RES/887 (1993).
/// It is asked only of a body without numbered paragraphs, where the verb and the colon
/// over items say that the operative part has begun.
fn introduces_items(pieces: &[Piece], index: usize) -> bool {
    let text = &pieces[index].text;
    text.starts_with(char::is_uppercase)
        && text.ends_with(':')
        && opens_operative(&pieces[index].view())
        && pieces
            .get(index + 1)
            .is_some_and(|next| item_label(&next.text).is_some())
}

/// A decision's text as its one operative paragraph (OP1), a report's paragraph number
/// ("5. At its 7th meeting ...") dropped.
fn decision_body(pieces: Vec<Piece>) -> Vec<Paragraph> {
    let mut iter = pieces.iter();
    let Some(first) = iter.next() else {
        return Vec::new();
    };
    let text = split_number(&first.text).map_or(first.text.as_str(), |(_, rest)| rest);
    let mut draft = Draft::new(ParagraphId::op(1), text, first);
    for piece in iter {
        draft.extend(piece);
    }
    vec![draft.finish()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, line: usize) -> Piece {
        Piece {
            text: text.to_owned(),
            refs: Vec::new(),
            italic_lead: None,
            single_spaced: is_collapsed(text),
            lines: LineSpan {
                first: line,
                last: line,
            },
        }
    }

    fn ids_and_texts(pieces: Vec<Piece>) -> Vec<(String, String)> {
        paragraphs(
            pieces,
            Body::Resolution,
            &Vocabulary::new(""),
            &mut Vec::new(),
        )
        .0
        .into_iter()
        .flat_map(|part| part.paragraphs)
        .map(|p| (p.id.to_string(), p.text))
        .collect()
    }

    #[test]
    fn page_break_joins_lowercase_and_capital_continuations() {
        let got = ids_and_texts(vec![
            piece("Recalling its resolution on conferences and", 1),
            piece("summits, and invited them,", 5),
            piece("Underlining the Guidelines on Trafficking in", 7),
            piece("Cultural Property through resolution 2014/20,", 9),
            piece("1. Requests the Office to assist requesting", 11),
            piece("Member States in the areas of crime;", 15),
            piece("2. Also requests the Secretary-General to report.", 17),
        ]);
        assert_eq!(got.len(), 4);
        assert_eq!(
            got[0].1,
            "Recalling its resolution on conferences and summits, and invited them,"
        );
        assert_eq!(
            got[1].1,
            "Underlining the Guidelines on Trafficking in Cultural Property through resolution 2014/20,"
        );
        assert_eq!(
            got[2],
            (
                "OP1".to_owned(),
                "Requests the Office to assist requesting Member States in the areas of crime;"
                    .to_owned()
            )
        );
        assert_eq!(got[3].0, "OP2");
    }

    #[test]
    fn the_end_of_a_cut_footnote_goes_back_to_it() {
        let mut footnotes = vec![(
            3,
            Footnote {
                number: 57,
                text: "Such as guidance on minerals from".to_owned(),
            },
        )];
        let mut pieces = vec![
            piece("Taking note of guiding documents,", 1),
            piece(
                "7. Invites Member States to combat illicit trafficking and illegal",
                5,
            ),
            piece("conflict-affected and high-risk areas.", 7),
            piece("mining by organized criminal groups;", 9),
            piece("8. Encourages Member States to act.", 11),
        ];
        take_footnote_tails(
            &mut pieces,
            &mut footnotes,
            &Vocabulary::new(""),
            &mut Vec::new(),
        );
        assert_eq!(
            footnotes[0].1.text,
            "Such as guidance on minerals from conflict-affected and high-risk areas."
        );
        let got = ids_and_texts(pieces);
        assert_eq!(
            got[1].1,
            "Invites Member States to combat illicit trafficking and illegal mining by organized criminal groups;"
        );
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn a_paragraph_keeps_its_only_continuation() {
        let mut footnotes = vec![(
            3,
            Footnote {
                number: 5,
                text: "Such as guidance on minerals from".to_owned(),
            },
        )];
        let mut pieces = vec![
            piece("1. Invites Member States to combat trafficking in", 5),
            piece("precious metals and illegal mining.", 7),
        ];
        take_footnote_tails(
            &mut pieces,
            &mut footnotes,
            &Vocabulary::new(""),
            &mut Vec::new(),
        );
        assert_eq!(pieces.len(), 2);
        assert_eq!(footnotes[0].1.text, "Such as guidance on minerals from");
    }

    #[test]
    fn a_page_may_end_on_a_comma_in_mid_sentence() {
        let got = ids_and_texts(vec![
            piece(
                "Taking note of the report of the Agency in the Near East,",
                1,
            ),
            piece("submitted pursuant to resolution 71/93,", 5),
            piece("Expressing appreciation for the efforts of donors,", 7),
        ]);
        assert_eq!(
            got[0].1,
            "Taking note of the report of the Agency in the Near East, submitted pursuant to resolution 71/93,"
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn items_stay_in_their_paragraph() {
        let paras = paragraphs(
            vec![
                piece("1. Decides:", 1),
                piece("(a) To act;", 2),
                piece("(b) To report;", 3),
                piece("2. Requests the Secretary-General to report.", 4),
            ],
            Body::Resolution,
            &Vocabulary::new(""),
            &mut Vec::new(),
        )
        .0
        .remove(0)
        .paragraphs;
        assert_eq!(paras[0].text, "Decides: (a) To act; (b) To report;");
        assert_eq!(paras[0].items.len(), 2);
        assert_eq!(paras[0].items[1].label, "(b)");
        assert_eq!(paras[0].lead, "Decides");
    }

    #[test]
    fn report_numbering_ends_the_operative_part() {
        let got = ids_and_texts(vec![
            piece("53. Requests the report;", 1),
            piece("54. Decides to remain seized.", 2),
            piece(
                "25. The Third Committee also recommends the following draft decision:",
                3,
            ),
        ]);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn lead_falls_back_to_italics_then_first_word() {
        assert_eq!(lead("Reiterating its call", None), "Reiterating");
        assert_eq!(
            lead("Welcomes also the report", Some("Welcomes also")),
            "Welcomes also"
        );
        assert_eq!(
            lead("Mindfully doing", Some("Mindfully doing")),
            "Mindfully doing"
        );
        assert_eq!(lead("重申其决议，", None), "重");
        assert_eq!(lead("Follow-up to the Conference", None), "Follow-up");
        assert_eq!(
            lead("The General Assembly decides to take note", None),
            "decides"
        );
    }
}
