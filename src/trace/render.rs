//! The formats of a [`Trace`]: text, Markdown, HTML and JSON.
//!
//! JSON, pretty-printed, keys in this order:
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "draft": {"file": "A-C.3-80-L.3.en.txt", "symbol": "A/C.3/80/L.3", "date": "2025-10-14"},
//!   "corpus": {"documents": 5, "paragraphs": 640},
//!   "paragraphs": [
//!     {
//!       "id": "PP2",
//!       "kind": "edited",
//!       "sources": [{"file": "2023-A-RES-78-229.txt", "symbol": "A/RES/78/229",
//!                    "date": "2023-12-19", "paragraph": "PP2", "similarity": 0.934}],
//!       "earliest": null
//!     }
//!   ]
//! }
//! ```
//!
//! `kind` is `verbatim`, `edited` or `new`; `sources` best first (verbatim ones, then by
//! similarity, then the most recent); `earliest` the earliest verbatim occurrence, or null.
//! A date is `YYYY-MM-DD`, or `YYYY` when the document gives only its session or year, or
//! null; a symbol is null when the document prints none.

use std::fmt::Write as _;
use std::io;

use serde::Serialize;

use super::{SourceMatch, Trace, TraceKind, TracedParagraph};
use crate::redline::{Segment, SegmentOp};
use crate::render::escape;

/// The version of the JSON layout; raised on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The formats of `resdiff trace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceFormat {
    /// Plain text, redlines with `[-removed-]{+added+}` markers.
    Text,
    /// GitHub/GitLab Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// The documented JSON.
    Json,
}

/// Writes `trace` in `format`.
pub fn render_trace(trace: &Trace, format: TraceFormat, out: &mut dyn io::Write) -> io::Result<()> {
    let text = match format {
        TraceFormat::Text => text(trace),
        TraceFormat::Markdown => markdown(trace),
        TraceFormat::Html => html(trace),
        TraceFormat::Json => json(trace).map_err(io::Error::other)?,
    };
    out.write_all(text.as_bytes())
}

/// Appends `text` on the current line: control characters made visible, line breaks (of a
/// split paragraph's redline) as spaces.
fn push_line(out: &mut String, text: &str) {
    out.push_str(&escape::printable_text(text).replace('\n', " "));
}

/// A similarity as printed: three decimals.
fn rounded(similarity: f64) -> f64 {
    (similarity * 1000.0).round() / 1000.0
}

/// The lines that open every format but JSON: the draft, the corpus, the summary.
fn heading_lines(trace: &Trace) -> Vec<String> {
    let summary = trace.summary();
    let mut draft = trace.draft_file.clone();
    let about: Vec<String> = trace
        .draft_symbol
        .iter()
        .cloned()
        .chain(trace.draft_date.map(|d| d.to_string()))
        .collect();
    if !about.is_empty() {
        let _ = write!(draft, " ({})", about.join(", "));
    }
    let mut corpus = format!(
        "{} documents, {} paragraphs searched",
        trace.documents, trace.corpus_paragraphs
    );
    let left_out = [
        (
            trace.left_out.later.len(),
            "left out as dated after the draft",
        ),
        (
            trace.left_out.draft_itself.len(),
            "left out as the draft itself",
        ),
        (trace.skipped.len(), "skipped"),
    ];
    for (count, what) in left_out {
        if count > 0 {
            let files = if count == 1 { "file" } else { "files" };
            let _ = write!(corpus, "; {count} {files} {what} (listed at the end)");
        }
    }
    if let Some(predecessor) = &trace.predecessor {
        let _ = write!(
            corpus,
            "; predecessor (same title, latest before the draft, aligned): {predecessor}"
        );
    }
    let share = if summary.words == 0 {
        0.0
    } else {
        100.0 * summary.agreed_words as f64 / summary.words as f64
    };
    vec![
        format!("draft: {draft}"),
        format!("corpus: {corpus}"),
        format!(
            "summary: {} verbatim, {} edited, {} new; {share:.1} % of the words agreed ({} of {})",
            summary.verbatim, summary.edited, summary.new, summary.agreed_words, summary.words
        ),
    ]
}

/// The lines that close every format but JSON: what was not searched, one line each.
fn footer_lines(trace: &Trace) -> Vec<String> {
    let later = trace
        .left_out
        .later
        .iter()
        .map(|f| format!("left out (dated after the draft): {f}"));
    let itself = trace
        .left_out
        .draft_itself
        .iter()
        .map(|f| format!("left out (the draft itself): {f}"));
    let skipped = trace
        .skipped
        .iter()
        .map(|s| format!("skipped: {} ({})", s.file, s.reason));
    later.chain(itself).chain(skipped).collect()
}

/// "PP2 · edited 0.934 · agreed since A/RES/69/197 PP2, 2014-12-18".
fn paragraph_heading(paragraph: &TracedParagraph) -> String {
    let mut line = format!("{} · {}", paragraph.id, paragraph.kind.name());
    if let (TraceKind::Edited, Some(best)) = (paragraph.kind, paragraph.sources.first()) {
        let _ = write!(line, " {:.3}", rounded(best.similarity));
    }
    if let Some(earliest) = &paragraph.earliest {
        let _ = write!(
            line,
            " · agreed since {} {}",
            earliest.citation(),
            earliest.paragraph
        );
    }
    line
}

/// "0.934  A/RES/78/229 PP2, 2023-12-19  tests/fixtures/corpus/2023-A-RES-78-229.txt".
/// The file is left out when the citation is the file already (no symbol); a paragraph of
/// the predecessor the aligner linked says so.
fn source_line(source: &SourceMatch) -> String {
    let mut line = format!(
        "{:.3}  {} {}",
        rounded(source.similarity),
        source.citation(),
        source.paragraph
    );
    if source.symbol.is_some() {
        let _ = write!(line, "  {}", source.file);
    }
    if source.linked {
        line.push_str("  (predecessor, aligned)");
    }
    line
}

/// The latest source, when it is not the first listed.
fn latest_line(paragraph: &TracedParagraph) -> Option<String> {
    let latest = paragraph.latest.as_ref()?;
    let first = paragraph.sources.first()?;
    (latest.file != first.file || latest.paragraph != first.paragraph).then(|| {
        format!(
            "latest: {} {} ({:.3})",
            latest.citation(),
            latest.paragraph,
            rounded(latest.similarity)
        )
    })
}

fn text(trace: &Trace) -> String {
    let mut out = String::new();
    for line in heading_lines(trace) {
        push_line(&mut out, &line);
        out.push('\n');
    }
    for paragraph in &trace.paragraphs {
        out.push('\n');
        push_line(&mut out, &paragraph_heading(paragraph));
        out.push_str("\n  ");
        match &paragraph.redline {
            Some(segments) if paragraph.kind == TraceKind::Edited => {
                for segment in segments {
                    let (open, close) = match segment.op {
                        SegmentOp::Equal => ("", ""),
                        SegmentOp::Delete => ("[-", "-]"),
                        SegmentOp::Insert => ("{+", "+}"),
                    };
                    out.push_str(open);
                    push_line(&mut out, &segment.text);
                    out.push_str(close);
                }
            }
            _ => push_line(&mut out, &paragraph.text),
        }
        out.push('\n');
        for source in &paragraph.sources {
            out.push_str("  ");
            push_line(&mut out, &source_line(source));
            out.push('\n');
        }
        if let Some(line) = latest_line(paragraph) {
            out.push_str("  ");
            push_line(&mut out, &line);
            out.push('\n');
        }
    }
    let footer = footer_lines(trace);
    if !footer.is_empty() {
        out.push('\n');
    }
    for line in footer {
        push_line(&mut out, &line);
        out.push('\n');
    }
    out
}

fn markdown(trace: &Trace) -> String {
    let mut out = String::from("# Trace\n\n");
    for line in heading_lines(trace) {
        out.push_str("- ");
        escape::markdown(&mut out, &line, false);
        out.push('\n');
    }
    for paragraph in &trace.paragraphs {
        out.push_str("\n## ");
        escape::markdown(&mut out, &paragraph_heading(paragraph), false);
        out.push_str("\n\n");
        match &paragraph.redline {
            Some(segments) if paragraph.kind == TraceKind::Edited => {
                let mut first = true;
                for segment in segments {
                    let (open, close) = match segment.op {
                        SegmentOp::Equal => ("", ""),
                        SegmentOp::Delete => ("<del>", "</del>"),
                        SegmentOp::Insert => ("<ins>", "</ins>"),
                    };
                    out.push_str(open);
                    escape::markdown(&mut out, &segment.text, first && open.is_empty());
                    out.push_str(close);
                    first = false;
                }
            }
            _ => escape::markdown(&mut out, &paragraph.text, true),
        }
        out.push_str("\n\n");
        for source in &paragraph.sources {
            out.push_str("- ");
            escape::markdown(&mut out, &source_line(source), false);
            out.push('\n');
        }
        if let Some(line) = latest_line(paragraph) {
            out.push_str("- ");
            escape::markdown(&mut out, &line, false);
            out.push('\n');
        }
    }
    let footer = footer_lines(trace);
    if !footer.is_empty() {
        out.push_str("\n## Not searched\n\n");
    }
    for line in footer {
        out.push_str("- ");
        escape::markdown(&mut out, &line, false);
        out.push('\n');
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
ins{text-decoration:underline;background:#e6ffe6}del{text-decoration:line-through;background:#ffe6e6}\
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}\
.kind-verbatim h2{color:#05620a}.kind-new h2{color:#8a3b00}ul.sources{font-size:.9em}\
@media print{ins{text-decoration:underline}del{text-decoration:line-through}}";

fn html(trace: &Trace) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Trace of ",
    );
    escape::html(&mut out, &trace.draft_file);
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n<h1>Trace</h1>\n<ul class=\"heading\">\n");
    for line in heading_lines(trace) {
        out.push_str("<li>");
        escape::html(&mut out, &line);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    for paragraph in &trace.paragraphs {
        let _ = write!(
            out,
            "<section class=\"kind-{}\" id=\"{}\">\n<h2>",
            paragraph.kind.name(),
            paragraph.id
        );
        escape::html(&mut out, &paragraph_heading(paragraph));
        out.push_str("</h2>\n<p dir=\"auto\">");
        match &paragraph.redline {
            Some(segments) if paragraph.kind == TraceKind::Edited => {
                html_redline(&mut out, segments);
            }
            _ => escape::html(&mut out, &paragraph.text),
        }
        out.push_str("</p>\n<ul class=\"sources\">\n");
        for source in &paragraph.sources {
            out.push_str("<li>");
            escape::html(&mut out, &source_line(source));
            out.push_str("</li>\n");
        }
        if let Some(line) = latest_line(paragraph) {
            out.push_str("<li>");
            escape::html(&mut out, &line);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    let footer = footer_lines(trace);
    if !footer.is_empty() {
        out.push_str("<section id=\"not-searched\">\n<h2>Not searched</h2>\n<ul>\n");
        for line in footer {
            out.push_str("<li>");
            escape::html(&mut out, &line);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn html_redline(out: &mut String, segments: &[Segment]) {
    for segment in segments {
        match segment.op {
            SegmentOp::Equal => escape::html(out, &segment.text),
            SegmentOp::Delete => {
                out.push_str("<del><span class=\"sr-only\">deleted: </span>");
                escape::html(out, &segment.text);
                out.push_str("</del>");
            }
            SegmentOp::Insert => {
                out.push_str("<ins><span class=\"sr-only\">inserted: </span>");
                escape::html(out, &segment.text);
                out.push_str("</ins>");
            }
        }
    }
}

#[derive(Serialize)]
struct Wire<'a> {
    schema_version: u32,
    draft: WireDraft<'a>,
    corpus: WireCorpus,
    paragraphs: Vec<WireParagraph<'a>>,
}

#[derive(Serialize)]
struct WireDraft<'a> {
    file: &'a str,
    symbol: Option<&'a str>,
    date: Option<super::Date>,
}

#[derive(Serialize)]
struct WireCorpus {
    documents: usize,
    paragraphs: usize,
}

#[derive(Serialize)]
struct WireParagraph<'a> {
    id: crate::document::ParagraphId,
    kind: TraceKind,
    sources: Vec<WireSource<'a>>,
    earliest: Option<WireSource<'a>>,
}

#[derive(Serialize)]
struct WireSource<'a> {
    file: &'a str,
    symbol: Option<&'a str>,
    date: Option<super::Date>,
    paragraph: crate::document::ParagraphId,
    similarity: f64,
}

impl<'a> WireSource<'a> {
    fn of(source: &'a SourceMatch) -> WireSource<'a> {
        WireSource {
            file: &source.file,
            symbol: source.symbol.as_deref(),
            date: source.date,
            paragraph: source.paragraph,
            similarity: rounded(source.similarity),
        }
    }
}

fn json(trace: &Trace) -> serde_json::Result<String> {
    let wire = Wire {
        schema_version: SCHEMA_VERSION,
        draft: WireDraft {
            file: &trace.draft_file,
            symbol: trace.draft_symbol.as_deref(),
            date: trace.draft_date,
        },
        corpus: WireCorpus {
            documents: trace.documents,
            paragraphs: trace.corpus_paragraphs,
        },
        paragraphs: trace
            .paragraphs
            .iter()
            .map(|p| WireParagraph {
                id: p.id,
                kind: p.kind,
                sources: p.sources.iter().map(WireSource::of).collect(),
                earliest: p.earliest.as_ref().map(WireSource::of),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&wire)?;
    text.push('\n');
    Ok(text)
}
