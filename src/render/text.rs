//! The `text` and `terminal` formats: one block per change, its redline in git's word-diff
//! markers (`[-removed-]{+added+}`), or in ANSI colour plus an attribute on a colour terminal.

use std::ops::Range;

use crate::align::{Change, ChangeKind};
use crate::compare::Comparison;
use crate::document::{Kind, ParagraphId};
use crate::redline::{Segment, SegmentOp};

use super::escape;
use super::plan::{self, Entry};
use super::sgr::{
    BOLD as SGR_BOLD, DELETE as SGR_DELETE, DIM as SGR_DIM, INSERT as SGR_INSERT,
    RESET as SGR_RESET,
};
use super::{PARAGRAPH_SEPARATOR, RenderOptions};

/// Spaces before the redline of a change, so that the ids stand out.
const BODY_INDENT: usize = 2;

/// Shown for a paragraph break inserted (split) or deleted (merge).
const PARAGRAPH_MARK: &str = "¶";

/// How a run of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Dim,
    Delete,
    Insert,
}

impl Style {
    fn sgr(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Bold => SGR_BOLD,
            Style::Dim => SGR_DIM,
            Style::Delete => SGR_DELETE,
            Style::Insert => SGR_INSERT,
        }
    }
}

/// Writes lines of styled runs, wrapping at white space when a width is set and colouring
/// when asked. Styles are closed before every line break and reopened after the indent, so
/// that each line stands alone in a pager.
struct Printer {
    out: String,
    color: bool,
    width: Option<usize>,
    /// The buffers of [`Printer::block`] and [`Printer::plain_block`], kept from block to
    /// block.
    word: Pending,
    space: Pending,
    joined: String,
}

/// One line-breaking unit being assembled: a word with its styles, or white space. Its text
/// is kept in one buffer, reused from unit to unit.
#[derive(Default)]
struct Pending {
    text: String,
    /// Each style change: the style and where its text starts.
    runs: Vec<(Style, usize)>,
    width: usize,
}

impl Pending {
    fn push(&mut self, style: Style, c: char) {
        self.width += char_width(c);
        self.open(style);
        self.text.push(c);
    }

    /// Appends characters that each take one column.
    fn push_narrow(&mut self, style: Style, text: &str) {
        self.width += text.len();
        self.open(style);
        self.text.push_str(text);
    }

    fn open(&mut self, style: Style) {
        if self.runs.last().is_none_or(|&(s, _)| s != style) {
            self.runs.push((style, self.text.len()));
        }
    }

    fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    fn clear(&mut self) {
        self.text.clear();
        self.runs.clear();
        self.width = 0;
    }
}

impl Printer {
    fn new(color: bool, width: Option<usize>) -> Printer {
        Printer {
            out: String::new(),
            color,
            width,
            word: Pending::default(),
            space: Pending::default(),
            joined: String::new(),
        }
    }

    /// Writes one block: `runs` starting at column `indent`, wrapped lines indented the same,
    /// `\n` in a run starting a new line. Ends with a line break.
    fn block(&mut self, indent: usize, runs: &[(Style, &str)]) {
        if self.width.is_none() && !self.color {
            self.plain_block(indent, runs);
            return;
        }
        let mut line = Line {
            printer: self,
            indent,
            column: 0,
            active: Style::Plain,
        };
        line.start();
        let mut word = std::mem::take(&mut line.printer.word);
        let mut space = std::mem::take(&mut line.printer.space);
        word.clear();
        space.clear();
        for &(style, text) in runs {
            let mut rest = text;
            while !rest.is_empty() {
                // A run of visible ASCII is part of a word as it stands, a column a character.
                let narrow = escape::find(rest.as_bytes(), 0, &not_narrow);
                if narrow > 0 {
                    word.push_narrow(style, &rest[..narrow]);
                    rest = &rest[narrow..];
                    continue;
                }
                let Some(c) = rest.chars().next() else { break };
                rest = &rest[c.len_utf8()..];
                // Control characters of a document are shown, never sent to the terminal.
                if let Some(code) = escape::bidi_visible(c) {
                    for shown in code.chars() {
                        word.push(style, shown);
                    }
                    continue;
                }
                let c = escape::printable(c);
                if c == '\n' {
                    line.place(&mut space, &mut word);
                    space.clear();
                    line.newline();
                } else if c.is_whitespace() {
                    if !word.is_empty() {
                        line.place(&mut space, &mut word);
                    }
                    space.push(style, c);
                } else {
                    word.push(style, c);
                }
            }
        }
        line.place(&mut space, &mut word);
        line.set(Style::Plain);
        line.printer.out.push('\n');
        line.printer.word = word;
        line.printer.space = space;
    }

    /// [`Printer::block`] with neither wrapping nor colour, which comes down to: each line
    /// indented, control characters made printable, and the white space that ends a line
    /// dropped. Written a line at a time rather than a character at a time.
    fn plain_block(&mut self, indent: usize, runs: &[(Style, &str)]) {
        let mut text = std::mem::take(&mut self.joined);
        text.clear();
        for (_, run) in runs {
            text.push_str(run);
        }
        for line in text.split('\n') {
            self.out.extend(std::iter::repeat_n(' ', indent));
            let start = self.out.len();
            escape::push_printable(&mut self.out, line);
            let kept = self.out[start..].trim_end().len();
            self.out.truncate(start + kept);
            self.out.push('\n');
        }
        self.joined = text;
    }

    fn blank_line(&mut self) {
        self.out.push('\n');
    }
}

/// The line being written by [`Printer::block`].
struct Line<'p> {
    printer: &'p mut Printer,
    indent: usize,
    column: usize,
    active: Style,
}

impl Line<'_> {
    fn start(&mut self) {
        self.printer
            .out
            .extend(std::iter::repeat_n(' ', self.indent));
        self.column = self.indent;
    }

    /// Breaks the line; the style in force is reopened by the next run written.
    fn newline(&mut self) {
        self.set(Style::Plain);
        self.printer.out.push('\n');
        self.start();
    }

    fn set(&mut self, style: Style) {
        if !self.printer.color || style == self.active {
            return;
        }
        if self.active != Style::Plain {
            self.printer.out.push_str(SGR_RESET);
        }
        self.printer.out.push_str(style.sgr());
        self.active = style;
    }

    /// Writes the pending space and word, first breaking the line when the word would pass
    /// the width (white space at a break is dropped; a word wider than the line gets a line
    /// of its own).
    fn place(&mut self, space: &mut Pending, word: &mut Pending) {
        if word.is_empty() {
            return;
        }
        let fits = match self.printer.width {
            Some(width) => {
                self.column <= self.indent || self.column + space.width + word.width <= width
            }
            None => true,
        };
        if fits {
            self.write(space);
        } else {
            self.newline();
        }
        self.write(word);
        space.clear();
        word.clear();
    }

    fn write(&mut self, pending: &Pending) {
        for (n, &(style, start)) in pending.runs.iter().enumerate() {
            let end = pending
                .runs
                .get(n + 1)
                .map_or(pending.text.len(), |&(_, end)| end);
            self.set(style);
            self.printer.out.push_str(&pending.text[start..end]);
        }
        self.column += pending.width;
    }
}

/// Whether byte `b` may start something other than a visible ASCII character.
#[inline(always)]
fn not_narrow(b: u8) -> bool {
    !b.is_ascii_graphic()
}

/// Columns a character takes on a terminal: 2 for East Asian wide and full-width forms,
/// 0 for combining marks and zero-width characters, else 1. An approximation of Unicode's
/// East Asian Width that covers the scripts of UN documents without a width table.
fn char_width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x200B..=0x200F
        | 0xFE00..=0xFE0F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Renders the `text` format (`terminal == false`: markers, no wrapping, no colour) or the
/// `terminal` format (wrapped to `options.width`, colour when `options.color`).
pub(super) fn render(
    comparisons: &[Comparison],
    options: &RenderOptions,
    terminal: bool,
) -> String {
    let mut printer = Printer::new(
        terminal && options.color,
        terminal.then_some(options.width.max(BODY_INDENT + 1)),
    );
    for (i, comparison) in comparisons.iter().enumerate() {
        if i > 0 {
            printer.blank_line();
        }
        write_comparison(&mut printer, comparison, options);
    }
    printer.out
}

fn write_comparison(printer: &mut Printer, comparison: &Comparison, options: &RenderOptions) {
    let title = {
        let (old, new) = plan::side_names(comparison);
        format!("{old} → {new}")
    };
    printer.block(0, &[(Style::Bold, &title)]);
    if let Some(note) = plan::unpaired_note(comparison) {
        printer.block(0, &[(Style::Plain, &note)]);
    }
    let view = plan::plan(comparison, options);
    for (name, title) in title_lines(comparison, &view) {
        printer.block(
            0,
            &[(Style::Dim, &format!("{name}: ")), (Style::Plain, title)],
        );
    }
    let counts = plan::summary_counts(&view.summary)
        .iter()
        .map(|(name, count)| format!("{count} {name}"))
        .collect::<Vec<_>>()
        .join(", ");
    printer.block(0, &[(Style::Dim, "summary: "), (Style::Plain, &counts)]);
    if !view.renumbered.is_empty() {
        let map = plan::renumbering_text(&view.renumbered);
        printer.block(0, &[(Style::Dim, "renumbered: "), (Style::Plain, &map)]);
    }
    // The redline of each change is written to the same buffers, cleared in between.
    let mut text = String::new();
    let mut spans = Vec::new();
    for entry in &view.entries {
        printer.blank_line();
        match entry {
            Entry::Change(rc) => {
                let mut head = plan::heading(&rc.change);
                head.push_str(" · ");
                head.push_str(rc.change.kind.name());
                printer.block(0, &[(Style::Bold, &head)]);
                text.clear();
                spans.clear();
                redline_runs(&rc.segments, printer.color, &mut text, &mut spans);
                let runs: Vec<(Style, &str)> =
                    spans.iter().map(|(s, r)| (*s, &text[r.clone()])).collect();
                printer.block(BODY_INDENT, &runs);
                if let Some(references) = &rc.change.references {
                    let (label, text) = plan::references_text(references);
                    printer.block(BODY_INDENT, &[(Style::Dim, label), (Style::Plain, &text)]);
                }
                if rc.coarse {
                    printer.block(BODY_INDENT, &[(Style::Dim, plan::COARSE_NOTE)]);
                }
            }
            Entry::Hidden(hidden) => printer.block(0, &[(Style::Dim, &plan::hidden_text(hidden))]),
            Entry::Origin { old, now, down } => {
                printer.block(0, &[(Style::Dim, &plan::origin_line(*old, *now, *down))])
            }
        }
    }
}

/// The title lines of the header: none when the view shows the `TITLE` change, which says
/// it; else the title once when it did not change (the same text up to what the comparison
/// folds), or the old and the new title (when `--only` hides a changed one).
fn title_lines<'c>(
    comparison: &'c Comparison,
    view: &plan::Plan<'_>,
) -> Vec<(&'static str, &'c str)> {
    let title = ParagraphId::new(Kind::Title, 0);
    let names_title = |change: &Change| change.old.contains(&title) || change.new.contains(&title);
    let shown = view
        .entries
        .iter()
        .any(|entry| matches!(entry, Entry::Change(rc) if names_title(&rc.change)));
    if shown {
        return Vec::new();
    }
    let unchanged = comparison.old.title == comparison.new.title
        || comparison
            .changes
            .iter()
            .find(|rc| names_title(&rc.change))
            .is_some_and(|rc| rc.change.kind == ChangeKind::Unchanged);
    let (old, new) = (
        comparison.old.title.as_deref(),
        comparison.new.title.as_deref(),
    );
    if unchanged {
        new.map(|title| ("title", title)).into_iter().collect()
    } else {
        [("old", old), ("new", new)]
            .into_iter()
            .filter_map(|(name, title)| Some((name, title?)))
            .collect()
    }
}

/// Appends the runs of a redline to `runs`, their texts one after another to `text`: with
/// colour, the segments' texts in their styles; without, the edits wrapped in `[-...-]` /
/// `{+...+}` markers. A paragraph break inside an edit shows as a marked "¶"; an inserted or
/// kept one also breaks the line.
fn redline_runs(
    segments: &[Segment],
    color: bool,
    text: &mut String,
    runs: &mut Vec<(Style, Range<usize>)>,
) {
    for segment in segments {
        let (style, open, close) = match segment.op {
            SegmentOp::Equal => (Style::Plain, "", ""),
            SegmentOp::Delete => (Style::Delete, "[-", "-]"),
            SegmentOp::Insert => (Style::Insert, "{+", "+}"),
        };
        let (open, close) = if color { ("", "") } else { (open, close) };
        for (i, part) in segment.text.split(PARAGRAPH_SEPARATOR).enumerate() {
            if i > 0 {
                let start = text.len();
                if segment.op == SegmentOp::Equal {
                    text.push('\n');
                } else {
                    text.push_str(open);
                    text.push_str(PARAGRAPH_MARK);
                    text.push_str(close);
                    if segment.op == SegmentOp::Insert {
                        text.push('\n');
                    }
                }
                runs.push((style, start..text.len()));
            }
            if !part.is_empty() {
                let start = text.len();
                text.push_str(open);
                text.push_str(part);
                text.push_str(close);
                runs.push((style, start..text.len()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printer(width: usize, color: bool) -> Printer {
        Printer::new(color, Some(width))
    }

    /// What the general writer gives with a width no line reaches and no colour.
    fn unwrapped(indent: usize, runs: &[(Style, &str)]) -> (String, String) {
        let write = |width| {
            let mut p = Printer::new(false, width);
            p.block(indent, runs);
            p.out
        };
        (write(None), write(Some(1 << 40)))
    }

    #[test]
    fn plain_block_matches_the_general_writer() {
        let (plain, general) = unwrapped(
            2,
            &[
                (Style::Plain, " Lead  text \t\n\nnext\x1b[2J\r line "),
                (Style::Delete, "[-gone \u{85}\u{a0}-]"),
                (Style::Insert, " {+new+}\n  "),
            ],
        );
        assert_eq!(plain, general);
    }

    proptest::proptest! {
        #[test]
        fn plain_block_matches_on_any_text(
            a in "[a \t\n\r\x0b\x0c\x1b\u{85}\u{a0}\u{2028}重]{0,12}",
            b in "[a \t\n\r\x0b\u{85}\u{3000}]{0,12}",
        ) {
            let (plain, general) = unwrapped(3, &[(Style::Plain, &a), (Style::Insert, &b)]);
            proptest::prop_assert_eq!(plain, general);
        }
    }

    #[test]
    fn wraps_at_white_space_within_the_width() {
        let mut p = printer(12, false);
        p.block(
            2,
            &[(Style::Plain, "Requests the Secretary-General to report")],
        );
        assert_eq!(
            p.out,
            "  Requests\n  the\n  Secretary-General\n  to report\n"
        );
    }

    #[test]
    fn wide_characters_count_double() {
        let mut p = printer(8, false);
        p.block(0, &[(Style::Plain, "重申其 关于加强 决议")]);
        assert_eq!(p.out, "重申其\n关于加强\n决议\n");
    }

    #[test]
    fn colour_is_closed_before_each_line_break() {
        let mut p = printer(10, true);
        p.block(0, &[(Style::Insert, "aaaa bbbb cccc")]);
        assert_eq!(p.out, "\x1b[32;4maaaa bbbb\x1b[0m\n\x1b[32;4mcccc\x1b[0m\n");
    }
}
