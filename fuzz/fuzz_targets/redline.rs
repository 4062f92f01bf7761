//! Stages 2 to 4 without the parser: bytes → two instruments built directly (one paragraph
//! per line, lines opening with a digit operative; a line opening with `^` a footnote, `@`
//! the sponsors, `=` the chapeau; the title the first 20 characters) → align → redline →
//! every format. Checks the faithfulness invariants. Useful on its own because it reaches the aligner and the
//! redline with texts no parser would produce (lone punctuation, odd scripts, huge lines).
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::fold::Mode;
use resdiff::render::{self, Format, RenderOptions};
use resdiff::{AlignOptions, Document, Footnote, Instrument, LineSpan, Paragraph, ParagraphId};

#[path = "../invariants.rs"]
mod invariants;

fn instrument(text: &str) -> Instrument {
    let mut paragraphs = Vec::new();
    let mut footnotes = Vec::new();
    let (mut sponsors, mut chapeau) = (None, None);
    let (mut pp, mut op) = (0, 0);
    for (n, line) in text.split('\n').enumerate() {
        if let Some(note) = line.strip_prefix('^') {
            footnotes.push(Footnote {
                number: footnotes.len() as u32 + 1,
                text: note.to_owned(),
            });
            continue;
        }
        if let Some(names) = line.strip_prefix('@') {
            sponsors = Some(names.to_owned());
            continue;
        }
        if let Some(body) = line.strip_prefix('=') {
            chapeau = Some(body.to_owned());
            continue;
        }
        let id = if line.starts_with(|c: char| c.is_ascii_digit()) {
            op += 1;
            ParagraphId::op(op)
        } else {
            pp += 1;
            ParagraphId::pp(pp)
        };
        paragraphs.push(Paragraph {
            lead: line.split(' ').next().unwrap_or("").to_owned(),
            lines: LineSpan {
                first: n + 1,
                last: n + 1,
            },
            ..Paragraph::new(id, line)
        });
    }
    // Preambular first, as the parser orders them.
    paragraphs.sort_by_key(|p| p.id.kind);
    Instrument {
        title: Some(text.chars().take(20).collect()),
        sponsors,
        chapeau,
        footnotes,
        ..Instrument::new(paragraphs)
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('\0').unwrap_or((text, ""));
    let (old, new) = (instrument(a), instrument(b));
    let doc = |inst: &Instrument, file: &str| Document::new(file, vec![inst.clone()]);
    let (old_doc, new_doc) = (doc(&old, "<old>"), doc(&new, "<new>"));
    let mut strict = AlignOptions::default();
    strict.fold = Mode::Strict;
    let strict = resdiff::compare::Comparison::new(&old_doc, &old, &new_doc, &new, &strict);
    invariants::check_comparison(&old, &new, &strict, Mode::Strict);
    let comparison =
        resdiff::compare::Comparison::new(&old_doc, &old, &new_doc, &new, &AlignOptions::default());
    invariants::check_comparison(&old, &new, &comparison, Mode::Typographic);
    let comparisons = [comparison];
    for format in Format::ALL {
        for options in [
            RenderOptions::default(),
            RenderOptions::default()
                .with_color(true)
                .with_width(20)
                .with_show_unchanged(true)
                .with_context(2)
                .with_html_layout(render::HtmlLayout::SideBySide),
        ] {
            let mut out = Vec::new();
            render::render(&comparisons, format, &options, &mut out).expect("render to memory");
        }
    }
});
