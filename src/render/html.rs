//! The `html` format: one self-contained page (inline CSS, no script, no external resource)
//! with the summary, a table of contents and every change as a section with anchors
//! (`#new-OP12`, `#old-OP7`), inline or old | new side by side. Unchanged paragraphs are
//! folded in `<details>` that open on a click and print open; checkboxes filter the changes
//! by kind through CSS `:has()`. Everything from the documents is escaped.

use std::fmt::Write as _;

use crate::compare::Comparison;
use crate::document::ParagraphId;
use crate::redline::{RedlineChange, Segment, SegmentOp};

use super::escape;
use super::plan::{self, Entry};
use super::{HtmlLayout, PARAGRAPH_SEPARATOR, RenderOptions};

/// Shown for a paragraph break inserted (split) or deleted (merge).
const PARAGRAPH_MARK: &str = "¶";

/// The page's style sheet. Insertions and deletions differ by decoration (underline,
/// strike-through) and not only by colour, also in print, where backgrounds are often
/// dropped.
pub(super) const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --panel: #f6f8fa;
  --ins: #055d20; --ins-bg: #dafbe1; --del: #a40e26; --del-bg: #ffebe9; --accent: #0550ae; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 58rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
a { color: var(--accent); }
.lede { color: var(--muted); margin: 0 0 1.5rem; }
table { border-collapse: collapse; margin: 0 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .7rem; text-align: left; vertical-align: top; }
thead th, tbody th { background: var(--panel); font-weight: 600; }
.summary td { text-align: right; font-variant-numeric: tabular-nums; }
.renumbered { font-size: .92rem; color: var(--muted); }
nav.toc { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px;
  padding: .75rem 1.25rem; margin: 1rem 0 1.5rem; font-size: .92rem; }
nav.toc h3 { margin: 0 0 .4rem; }
nav.toc ol { margin: 0; padding-left: 1.25rem; columns: 2 16rem; }
.change { border: 1px solid var(--rule); border-left: 4px solid var(--rule); border-radius: 6px;
  padding: .75rem 1rem; margin: 0 0 1rem; }
.change.reworded { border-left-color: #bf8700; }
.change.rewritten { border-left-color: #bc4c00; }
.change.added { border-left-color: #1a7f37; }
.change.removed { border-left-color: #cf222e; }
.kind { font-weight: normal; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); margin-left: .5rem; }
.change p { margin: .25rem 0 0; }
.origin { color: var(--muted); font-style: italic; margin: 0 0 1rem; }
details.fold { margin: 0 0 1rem; }
details.fold > summary { color: var(--muted); font-style: italic; cursor: pointer; }
details.fold[open] > summary { margin-bottom: .75rem; }
main.side-by-side { max-width: 100rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
.pair > p { min-width: 0; overflow-wrap: anywhere; }
.pair-legend { font-weight: 600; color: var(--muted); margin: 0 0 .5rem; padding: 0 1rem; }
.filter { border: 1px solid var(--rule); border-radius: 6px; padding: .4rem 1rem .6rem;
  margin: 0 0 1.5rem; font-size: .92rem; }
.filter label { margin-right: 1rem; white-space: nowrap; }
main:has(#show-unchanged:not(:checked)) :is(.change.unchanged, details.fold),
main:has(#show-reworded:not(:checked)) .reworded,
main:has(#show-rewritten:not(:checked)) .rewritten,
main:has(#show-moved:not(:checked)) :is(.moved, .origin),
main:has(#show-split:not(:checked)) .split,
main:has(#show-merged:not(:checked)) .merged,
main:has(#show-added:not(:checked)) .added,
main:has(#show-removed:not(:checked)) .removed { display: none; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline;
  text-decoration-thickness: 2px; text-underline-offset: 2px; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through;
  text-decoration-thickness: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
:target { outline: 3px solid var(--accent); outline-offset: 2px; }
@media print {
  main { max-width: none; padding: 0; }
  nav.toc, .filter { display: none; }
  details.fold::details-content { content-visibility: visible; display: contents; }
  .change { break-inside: avoid; }
  ins { text-decoration: underline; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  del { text-decoration: line-through; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Renders every comparison as one HTML page.
pub(super) fn render(comparisons: &[Comparison], options: &RenderOptions) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Redline: ");
    match comparisons.first() {
        Some(first) => {
            let (old, new) = plan::side_names(first);
            escape::html(&mut out, &old);
            out.push_str(" → ");
            escape::html(&mut out, &new);
        }
        None => out.push_str("no comparison"),
    }
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(match options.html_layout {
        HtmlLayout::Inline => "<main>\n",
        HtmlLayout::SideBySide => "<main class=\"side-by-side\">\n",
    });
    out.push_str("<h1>Redline</h1>\n");
    out.push_str("<p class=\"lede\">Deleted text is <del><span class=\"sr-only\">deleted: </span>struck through</del>, inserted text <ins><span class=\"sr-only\">inserted: </span>underlined</ins>.</p>\n");
    write_filter(&mut out);
    for (i, comparison) in comparisons.iter().enumerate() {
        // The first comparison keeps the plain anchors (#new-OP12); later ones are prefixed
        // so that ids stay unique in the page.
        let prefix = if i == 0 {
            String::new()
        } else {
            format!("c{}-", i + 1)
        };
        write_comparison(&mut out, comparison, options, &prefix);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Writes one comparison as an `<article>`: its sides, summary, contents and changes, every
/// id prefixed with `prefix` so that several comparisons share a page.
pub(super) fn write_comparison(
    out: &mut String,
    comparison: &Comparison,
    options: &RenderOptions,
    prefix: &str,
) {
    out.push_str("<article class=\"comparison\">\n<h2>");
    let (old, new) = plan::side_names(comparison);
    escape::html(out, &old);
    out.push_str(" → ");
    escape::html(out, &new);
    out.push_str("</h2>\n");
    if let Some(note) = plan::unpaired_note(comparison) {
        out.push_str("<p class=\"unpaired\"><strong>");
        escape::html(out, &note);
        out.push_str("</strong></p>\n");
    }
    out.push_str("<table class=\"sides\">\n<thead><tr><th></th><th scope=\"col\">Old</th><th scope=\"col\">New</th></tr></thead>\n<tbody>\n");
    for (name, old, new) in plan::side_rows(&comparison.old, &comparison.new) {
        let _ = write!(out, "<tr><th scope=\"row\">{name}</th>");
        for value in [old, new] {
            out.push_str("<td dir=\"auto\">");
            escape::html(out, value.unwrap_or("—"));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n<table class=\"summary\">\n<caption class=\"sr-only\">Summary</caption>\n<thead><tr>");
    let view = plan::plan(comparison, options);
    let counts = plan::summary_counts(&view.summary);
    for (name, _) in &counts {
        let _ = write!(out, "<th scope=\"col\">{name}</th>");
    }
    out.push_str("</tr></thead>\n<tbody><tr>");
    for (_, count) in &counts {
        let _ = write!(out, "<td>{count}</td>");
    }
    out.push_str("</tr></tbody>\n</table>\n");
    if !view.renumbered.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"renumbered\"><strong>Renumbered:</strong> {}</p>",
            plan::renumbering_text(&view.renumbered)
        );
    }
    write_toc(out, &view.entries, prefix);
    if options.html_layout == HtmlLayout::SideBySide {
        out.push_str(
            "<div class=\"pair pair-legend\" aria-hidden=\"true\"><span>Old</span><span>New</span></div>\n",
        );
    }
    for entry in &view.entries {
        match entry {
            Entry::Change(rc) => write_change(out, rc, prefix, options.html_layout),
            Entry::Hidden(hidden) => {
                let _ = writeln!(
                    out,
                    "<details class=\"fold\"><summary>{}</summary>",
                    plan::hidden_text(hidden)
                );
                for rc in hidden {
                    write_change(out, rc, prefix, options.html_layout);
                }
                out.push_str("</details>\n");
            }
            Entry::Origin { old, now, down } => {
                let (stood, went) = plan::origin_text(*old, *now, *down);
                let _ = writeln!(
                    out,
                    "<p class=\"origin\" id=\"{prefix}origin-{old}\">({stood}; <a href=\"#{prefix}new-{now}\">{went}</a>)</p>"
                );
            }
        }
    }
    out.push_str("</article>\n");
}

/// The anchor of a change's section: its first new id, or its first old id when removed.
fn anchor(rc: &RedlineChange) -> Option<String> {
    match (rc.change.new.first(), rc.change.old.first()) {
        (Some(new), _) => Some(format!("new-{new}")),
        (None, Some(old)) => Some(format!("old-{old}")),
        (None, None) => None,
    }
}

fn write_toc(out: &mut String, entries: &[Entry<'_>], prefix: &str) {
    let changes: Vec<&RedlineChange> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Change(rc) => Some(*rc),
            _ => None,
        })
        .collect();
    if changes.is_empty() {
        return;
    }
    out.push_str("<nav class=\"toc\" aria-label=\"Changes\">\n<h3>Changes</h3>\n<ol>\n");
    for rc in changes {
        let Some(anchor) = anchor(rc) else { continue };
        let _ = writeln!(
            out,
            "<li class=\"{}\"><a href=\"#{prefix}{anchor}\">{}</a> <span class=\"kind\">{}</span></li>",
            classes(rc),
            plan::heading(&rc.change),
            rc.change.kind.name()
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

/// The kinds of change the filter offers, as the summary names them: a change shows when
/// every one of its marks ([`classes`]) is ticked.
const FILTERED: [&str; 8] = [
    "unchanged",
    "reworded",
    "rewritten",
    "moved",
    "split",
    "merged",
    "added",
    "removed",
];

/// The checkboxes that filter the changes by kind, all ticked: the style sheet hides the
/// changes of an unticked kind with `main:has(#show-KIND:not(:checked))`, so the filter
/// works without script (a browser without `:has()` shows every change).
pub(super) fn write_filter(out: &mut String) {
    out.push_str("<fieldset class=\"filter\">\n<legend>Show</legend>\n");
    for kind in FILTERED {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" id=\"show-{kind}\" checked=\"\"> {kind}</label>"
        );
    }
    out.push_str("</fieldset>\n");
}

/// A change's marks for the filter and the style sheet: its kind, then "moved", "split" or
/// "merged" when it is.
fn classes(rc: &RedlineChange) -> String {
    let mut classes = rc.change.kind.name().to_owned();
    for (mark, applies) in [
        ("moved", rc.change.moved),
        ("split", rc.change.is_split()),
        ("merged", rc.change.is_merge()),
    ] {
        if applies {
            classes.push(' ');
            classes.push_str(mark);
        }
    }
    classes
}

fn write_change(out: &mut String, rc: &RedlineChange, prefix: &str, layout: HtmlLayout) {
    let kind = rc.change.kind.name();
    let _ = write!(out, "<section class=\"change {}\"", classes(rc));
    if let Some(anchor) = anchor(rc) {
        let _ = write!(out, " id=\"{prefix}{anchor}\"");
    }
    // Why a rewrite was linked, for the reader who doubts it: shown on hovering the change.
    if let Some(why) = &rc.change.why {
        out.push_str(" title=\"");
        escape::html(out, why);
        out.push('"');
    }
    out.push_str(">\n<h3>");
    // Every other id of the change gets an anchor too, so that #old-OP7 finds OP7's
    // successor and #new-OP9 the second half of a split.
    let own = anchor(rc);
    let ids = rc
        .change
        .old
        .iter()
        .map(|id| format!("old-{id}"))
        .chain(rc.change.new.iter().map(|id| format!("new-{id}")));
    for id in ids.filter(|id| Some(id) != own.as_ref()) {
        let _ = write!(out, "<span id=\"{prefix}{id}\"></span>");
    }
    out.push_str(&heading_html(rc, prefix));
    let _ = writeln!(out, " <span class=\"kind\">{kind}</span></h3>");
    match layout {
        HtmlLayout::Inline => {
            out.push_str("<p dir=\"auto\">");
            write_redline(out, &rc.segments, None);
            out.push_str("</p>\n");
        }
        HtmlLayout::SideBySide => {
            out.push_str("<div class=\"pair\"><p class=\"old\" dir=\"auto\">");
            write_redline(out, &rc.segments, Some(SegmentOp::Insert));
            out.push_str("</p><p class=\"new\" dir=\"auto\">");
            write_redline(out, &rc.segments, Some(SegmentOp::Delete));
            out.push_str("</p></div>\n");
        }
    }
    if let Some(references) = &rc.change.references {
        let (label, text) = plan::references_text(references);
        out.push_str("<p class=\"note\">");
        escape::html(out, label);
        escape::html(out, &text);
        out.push_str("</p>\n");
    }
    if rc.coarse {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", plan::COARSE_NOTE);
    }
    out.push_str("</section>\n");
}

/// The heading, with "was OP7" of a moved paragraph linked to where it stood.
fn heading_html(rc: &RedlineChange, prefix: &str) -> String {
    let heading = plan::heading(&rc.change);
    match (rc.change.moved, rc.change.old.first()) {
        (true, Some(old)) => {
            let origin =
                |id: &ParagraphId| format!("<a href=\"#{prefix}origin-{id}\">was {id}</a>");
            let was = format!("was {old}");
            match heading.split_once(&was) {
                Some((before, after)) => format!("{before}{}{after}", origin(old)),
                None => format!("{heading} ({})", origin(old)),
            }
        }
        _ => heading,
    }
}

/// The redline's segments as `<del>`/`<ins>` with visually hidden words for screen
/// readers, leaving out the segments of the op `skip` (the insertions in the old column of
/// the side-by-side layout, the deletions in the new); a paragraph break of a split or merge
/// shows as a marked "¶" and a line break.
///
/// The hidden words carry `dir="ltr"`: `dir="auto"` on the paragraph takes its direction from
/// the first strong character outside elements that set their own, so an Arabic paragraph
/// opening with a change stays right to left.
fn write_redline(out: &mut String, segments: &[Segment], skip: Option<SegmentOp>) {
    for segment in segments.iter().filter(|s| Some(s.op) != skip) {
        let (open, close) = match segment.op {
            SegmentOp::Equal => ("", ""),
            SegmentOp::Delete => (
                "<del><span class=\"sr-only\" dir=\"ltr\">deleted: </span>",
                "</del>",
            ),
            SegmentOp::Insert => (
                "<ins><span class=\"sr-only\" dir=\"ltr\">inserted: </span>",
                "</ins>",
            ),
        };
        out.push_str(open);
        for (i, part) in segment.text.split(PARAGRAPH_SEPARATOR).enumerate() {
            if i > 0 {
                match segment.op {
                    SegmentOp::Equal => out.push_str("<br>"),
                    SegmentOp::Delete => out.push_str(PARAGRAPH_MARK),
                    SegmentOp::Insert => {
                        out.push_str(PARAGRAPH_MARK);
                        out.push_str("<br>");
                    }
                }
            }
            escape::html(out, part);
        }
        out.push_str(close);
    }
}
