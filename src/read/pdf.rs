//! The text layer of a PDF, through `pdf-extract` (pure Rust, on `lopdf`).
//!
//! `pdf-extract` lays the characters out as the page shows them: lines in reading order,
//! a blank line where the page leaves vertical space, footnotes where they sit on the page.
//! That is the shape of the PDF text layers the parser was built on (see
//! `tests/pdf_corpus.rs`). The crate unwraps freely on malformed files, so every call
//! into it runs under [`catch_unwind`], with the panic message kept off the terminal.

use std::cell::Cell;
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

/// Below this many letters and digits a page on average, the PDF has no real text layer:
/// a scan, whose only text is at most a stamp or a page number. A page of resolution text
/// holds some 2,500.
const MIN_ALPHANUMERIC_PER_PAGE: usize = 100;

thread_local! {
    /// Set while this thread runs the PDF reader, whose panics are caught and reported as
    /// a corrupt file.
    static IN_PDF_READER: Cell<bool> = const { Cell::new(false) };
}

/// The text of the PDF in `bytes`, or the one-line reason it cannot be read.
pub(crate) fn text(bytes: &[u8]) -> Result<String, String> {
    silence_reader_panics();
    IN_PDF_READER.with(|flag| flag.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(|| extract(bytes)));
    IN_PDF_READER.with(|flag| flag.set(false));
    match outcome {
        Ok(result) => result,
        Err(_) => Err("corrupt PDF (the PDF reader gave up on its structure)".to_owned()),
    }
}

fn extract(bytes: &[u8]) -> Result<String, String> {
    let mut document = Document::load_mem(bytes).map_err(|err| load_problem(&err))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(encrypted());
    }
    let pages = document.get_pages().len();
    let mut lines = Lines::default();
    pdf_extract::output_doc(&document, &mut lines)
        .map_err(|err| format!("corrupt PDF ({})", one_line(&err.to_string())))?;
    lines.lay_out_page();
    let text = lines.text;
    let alphanumeric = text.chars().filter(|c| c.is_alphanumeric()).count();
    if alphanumeric < MIN_ALPHANUMERIC_PER_PAGE * pages.max(1) {
        return Err(format!(
            "PDF without a text layer ({alphanumeric} letters on {pages} page{}): a scan? \
             run OCR on it first (for example ocrmypdf) or give its text",
            if pages == 1 { "" } else { "s" }
        ));
    }
    Ok(text)
}

/// Vertical distance, in font sizes, from which the next text is on a new line. A footnote
/// mark is raised by about a third of the size and stays on its line.
const NEW_LINE: f64 = 0.5;
/// Vertical distance, in font sizes, from which a blank line separates the next text: the
/// space between paragraphs, larger than a line's height.
const NEW_BLOCK: f64 = 1.5;
/// Horizontal gap, in font sizes, from which text on the same height is a separate column
/// (the symbol at the right of the page header, the page number in the footer): it gets a
/// line of its own, as the text layers the parser was built on give it. A jump as far back
/// to the left is a new line too (a footer drawn right to left: the job number at the
/// right, then the page number at the left, a point lower).
const NEW_COLUMN: f64 = 4.0;
/// Horizontal gap, in font sizes, from which two runs of text are separate words.
const WORD_GAP: f64 = 0.2;
/// A footnote mark is set smaller than the text beside it: at most this share of its size
/// (the United Nations set marks at 65 % of the body size, 6.5 pt beside 10 pt, and the
/// number of a footnote at 64 % of the footnote's text).
const SUPERSCRIPT_SIZE: f64 = 0.85;
/// ... and raised above that text's baseline by at least this share of its size (35 % in
/// the United Nations documents).
const SUPERSCRIPT_RISE: f64 = 0.15;

/// One character as the page draws it.
struct Glyph {
    /// Where the character (a few, for a ligature), as the font decodes it, stands in
    /// [`Lines::glyph_text`]: one buffer for the page rather than a string per glyph.
    text: Range<usize>,
    /// Where it starts: x, and y counted upward, in page units.
    x: f64,
    y: f64,
    /// Its font size on the page, in page units.
    size: f64,
    /// Its advance, in page units.
    advance: f64,
}

impl Glyph {
    /// Its text, in the page's buffer of glyph texts.
    fn text<'a>(&self, glyph_text: &'a str) -> &'a str {
        &glyph_text[self.text.clone()]
    }

    fn digit(&self, glyph_text: &str) -> Option<u8> {
        digit(self.text(glyph_text))
    }

    /// Whether `other` is beside this glyph on its line, not on another line or column.
    fn beside(&self, other: &Glyph) -> bool {
        let gap = if other.x >= self.x {
            other.x - (self.x + self.advance)
        } else {
            self.x - (other.x + other.advance)
        };
        (other.y - self.y).abs() < self.size && gap.abs() < NEW_COLUMN * self.size
    }
}

/// The value of a glyph's text that is one ASCII digit.
fn digit(text: &str) -> Option<u8> {
    match text.as_bytes() {
        [d @ b'0'..=b'9'] => Some(d - b'0'),
        _ => None,
    }
}

/// Lays the characters out as lines of text in the order the page draws them, with one
/// space between words and a blank line between paragraphs. Digits set as superscripts
/// (footnote marks) are written as Unicode superscript digits, which the parser takes as
/// marks: the font tells what a digit glued to a word cannot ("resolution5").
#[derive(Default)]
struct Lines {
    text: String,
    /// The glyphs of the page being drawn: a superscript is known only beside the glyphs
    /// around it, so a page is laid out when it ends.
    page: Vec<Glyph>,
    /// The texts of the page's glyphs, one after the other.
    glyph_text: String,
    /// Where the last character laid out ends: x, and y counted upward, in page units.
    last_end: Option<(f64, f64)>,
    /// Whether anything, even only a space, was drawn since the last line break: a line
    /// of nothing but spaces is how a word processor draws an empty paragraph, and it
    /// stays as a blank line.
    line_drawn: bool,
}

impl Lines {
    fn break_line(&mut self, blank: bool) {
        if self.line_drawn {
            while self.text.ends_with(' ') {
                self.text.pop();
            }
            self.text.push('\n');
            self.line_drawn = false;
        }
        if blank && !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// Lays out the glyphs of the page drawn so far.
    fn lay_out_page(&mut self) {
        let page = std::mem::take(&mut self.page);
        let glyph_text = std::mem::take(&mut self.glyph_text);
        let superscript = superscripts(&page, &glyph_text);
        for (glyph, raised) in page.iter().zip(superscript) {
            self.place(glyph, glyph.text(&glyph_text), raised);
        }
        // The buffers are kept for the next page, emptied.
        self.page = page;
        self.page.clear();
        self.glyph_text = glyph_text;
        self.glyph_text.clear();
    }

    /// Adds one glyph to the text: on the line, after a space, on a new line or after a
    /// blank line, by where it stands from the glyph before.
    fn place(&mut self, glyph: &Glyph, text: &str, superscript: bool) {
        let Glyph { x, y, size, .. } = *glyph;
        if let Some((last_x, last_y)) = self.last_end {
            let rise = (y - last_y).abs() / size;
            let gap = (x - last_x) / size;
            if rise > NEW_BLOCK {
                self.break_line(true);
            } else if rise > NEW_LINE && x < last_x || gap.abs() > NEW_COLUMN {
                self.break_line(false);
            } else if gap > WORD_GAP && !self.text.ends_with([' ', '\n']) {
                self.text.push(' ');
            }
        }
        let at_line_start = self.text.is_empty() || self.text.ends_with('\n');
        let blank = text.trim().is_empty();
        if superscript {
            let digit = digit(text).expect("only digits are superscripts");
            self.text.push(SUPERSCRIPT_DIGITS[usize::from(digit)]);
        } else if !(at_line_start && blank) {
            self.text.push_str(if blank { " " } else { text });
        }
        self.line_drawn = true;
        // A space is measured from the text before it: the gap to the next word is then
        // the gap on the page, however wide the space glyphs that fill it.
        self.last_end = match (blank, self.last_end) {
            (true, Some((last_x, _))) => Some((last_x, y)),
            _ => Some((x + glyph.advance, y)),
        };
    }
}

/// ⁰ to ⁹, by value.
const SUPERSCRIPT_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// For each glyph of a page, whether it is a digit set as a superscript: a run of digits
/// drawn one after the other at one size and height, smaller than the glyph drawn just
/// before it on its line (or, at the start of a line, just after it) and raised above that
/// glyph's baseline. That is how a footnote mark is set in the text ("Rights.²") and how
/// the number of a footnote is set at the foot of the page ("² Resolution 217 A (III)."). A
/// digit at the size and height of its neighbours is text, wherever it stands.
fn superscripts(page: &[Glyph], glyph_text: &str) -> Vec<bool> {
    let mut raised = vec![false; page.len()];
    let mut start = 0;
    while start < page.len() {
        if page[start].digit(glyph_text).is_none() {
            start += 1;
            continue;
        }
        let first = &page[start];
        let same_run = |g: &Glyph| {
            g.digit(glyph_text).is_some()
                && (g.size - first.size).abs() <= 0.01 * first.size
                && (g.y - first.y).abs() <= 0.1 * first.size
        };
        let end = start + page[start..].iter().take_while(|g| same_run(g)).count();
        let last = &page[end - 1];
        let before = start
            .checked_sub(1)
            .map(|i| &page[i])
            .filter(|g| g.beside(first));
        let after = page.get(end).filter(|g| g.beside(last));
        if let Some(text) = before.or(after) {
            let smaller = first.size < SUPERSCRIPT_SIZE * text.size;
            let higher = first.y - text.y > SUPERSCRIPT_RISE * text.size;
            if smaller && higher {
                raised[start..end].fill(true);
            }
        }
        start = end;
    }
    raised
}

impl OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.lay_out_page();
        self.break_line(true);
        self.last_end = None;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.lay_out_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The text matrix scales the font; its determinant is the square of that scale
        // for unrotated, unskewed text, and near enough otherwise.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).max(f64::EPSILON);
        let start = self.glyph_text.len();
        self.glyph_text.push_str(char);
        self.page.push(Glyph {
            text: start..self.glyph_text.len(),
            x: trm.m31,
            y: trm.m32,
            size,
            advance: width * size,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The reason a PDF could not be loaded: a password, or a broken file.
fn load_problem(err: &pdf_extract::Error) -> String {
    match err {
        pdf_extract::Error::Decryption(_)
        | pdf_extract::Error::InvalidPassword
        | pdf_extract::Error::AlreadyEncrypted
        | pdf_extract::Error::NotEncrypted => encrypted(),
        _ => format!("corrupt PDF ({})", one_line(&err.to_string())),
    }
}

fn encrypted() -> String {
    "encrypted PDF (it needs a password); give an unprotected copy or its text".to_owned()
}

/// The crate's messages can hold line breaks; the user gets one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keeps the panic messages of the PDF reader off standard error: such a panic is caught
/// and turned into an error, and the default hook would print it on top. Other panics, on
/// this thread outside the reader or on any other thread, still reach the previous hook.
fn silence_reader_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_PDF_READER.with(Cell::get) {
                previous(info);
            }
        }));
    });
}
