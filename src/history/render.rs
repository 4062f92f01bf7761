//! The history in every format: the lineage table, then the drift sections.
//!
//! The table has one row per lineage and one column per version; each cell holds the
//! paragraph ids of the lineage in that version (joined by `+`), blank where it is absent.
//! Before each cell after the first stands the mark of the step that led into it:
//!
//! | mark | meaning |
//! |---|---|
//! | `=` | unchanged |
//! | `~` | reworded |
//! | `!` | rewritten |
//! | `+` | born |
//! | `x` | died (the cell is empty) |
//! | `<` | split |
//! | `>` | merged |
//! | `#` | regrouped (split and merge at once) |
//! | `^` | moved (after another mark) |
//!
//! # JSON (schema_version 1)
//!
//! ```json
//! {"schema_version": 1,
//!  "versions": [{"label": "A/RES/69/197", "file": "69-197.txt", "instrument": "..."}],
//!  "order": "first_appearance",
//!  "lineages": [{"id": "L1", "born": 0, "died": null,
//!                "cells": [{"version": 0, "paragraphs": ["OP9"], "change": "born",
//!                           "similarity": null, "moved": false, "changes": []}]}],
//!  "drift": {"phrases_entered": [{"text", "words", "version", "present": [2, 3], "score",
//!                                 "places": [{"version", "paragraph", "lineage"}]}],
//!            "phrases_entered_total": 12, "phrases_left": [...], "phrases_left_total": 3,
//!            "openers": [{"lineage", "direction": "stronger",
//!                         "steps": [{"version", "paragraph", "opener", "scale", "rank"}]}]}}
//! ```
//!
//! `change` is one of born, unchanged, reworded, rewritten, split, merged, regrouped, died;
//! each cell's `changes` are the aligner's changes of the step into it (kind, old, new,
//! similarity, moved), so the pairwise alignments can be rebuilt from the lineages.
//! Similarities and scores are rounded to 3 decimals; versions are 0-based indexes.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::redline::SegmentOp;
use serde::Serialize;

use super::drift::{Direction, Drift, Phrase};
use super::{Cell, CellChange, History, Lineage, LineageOrder, MOVED_MARK, VersionInfo};
use crate::render::{Format, RenderOptions};

/// Version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The longest phrase shown in full by the text, terminal and Markdown formats; longer ones
/// are cut with "..." (the JSON and HTML keep them whole).
const SHOWN_PHRASE_WORDS: usize = 16;

/// Writes the history in `format`.
pub fn render_history(
    history: &History,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let page = match format {
        Format::Terminal => text(history, options.color),
        Format::Text => text(history, false),
        Format::Markdown => markdown(history),
        Format::Html => html(history),
        Format::Json => json(history)?,
    };
    out.write_all(page.as_bytes())
}

fn json(history: &History) -> io::Result<String> {
    #[derive(Serialize)]
    struct Wire<'a> {
        schema_version: u32,
        #[serde(flatten)]
        history: &'a History,
    }
    let mut text = crate::render::json::to_string_pretty(&Wire {
        schema_version: SCHEMA_VERSION,
        history,
    })?;
    text.push('\n');
    Ok(text)
}

/// The mark of a cell: change mark plus the moved mark, or blanks.
fn mark(cell: Option<&Cell>) -> String {
    match cell {
        None => "  ".to_owned(),
        Some(c) if c.version == 0 => "  ".to_owned(),
        Some(c) => {
            let moved = if c.moved { MOVED_MARK } else { ' ' };
            format!("{}{moved}", c.change.mark())
        }
    }
}

fn ids(cell: Option<&Cell>) -> String {
    cell.map(|c| {
        c.paragraphs
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("+")
    })
    .unwrap_or_default()
}

fn order_name(order: LineageOrder) -> &'static str {
    match order {
        LineageOrder::FirstAppearance => "first appearance",
        LineageOrder::Newest => "position in the newest version",
    }
}

const LEGEND: &str =
    "= unchanged  ~ reworded  ! rewritten  + born  x died  < split  > merged  # regrouped  ^ moved";

/// What the text and terminal formats print of `history`, with the control characters of
/// its labels, file names, instrument names and phrases (from the documents and `--label`)
/// made visible: an escape sequence in a title retitled the window or reset the terminal.
/// The paragraph texts, which these formats do not print, are left out.
fn printable(history: &History) -> History {
    use crate::render::escape::printable_text;
    let phrases = |phrases: &[Phrase]| -> Vec<Phrase> {
        phrases
            .iter()
            .map(|p| Phrase {
                text: printable_text(&p.text),
                ..p.clone()
            })
            .collect()
    };
    History {
        versions: history
            .versions
            .iter()
            .map(|v| VersionInfo {
                label: printable_text(&v.label),
                file: printable_text(&v.file),
                instrument: printable_text(&v.instrument),
                paragraphs: Vec::new(),
            })
            .collect(),
        order: history.order,
        lineages: history.lineages.clone(),
        drift: Drift {
            phrases_entered: phrases(&history.drift.phrases_entered),
            phrases_left: phrases(&history.drift.phrases_left),
            ..history.drift.clone()
        },
    }
}

/// ANSI colours for the terminal; no colour means plain text, byte for byte.
struct Paint(bool);

impl Paint {
    fn paint(&self, text: &str, code: &str) -> String {
        if self.0 && !text.trim().is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn change(&self, text: &str, change: Option<CellChange>) -> String {
        let code = match change {
            Some(CellChange::Born) => "32",
            Some(CellChange::Died) => "31",
            Some(CellChange::Reworded) => "33",
            Some(CellChange::Rewritten) => "35",
            Some(CellChange::Split | CellChange::Merged | CellChange::Regrouped) => "36",
            _ => "2",
        };
        self.paint(text, code)
    }
}

fn text(history: &History, color: bool) -> String {
    let history = &printable(history);
    let paint = Paint(color);
    let mut s = String::new();
    let n = history.versions.len();
    let _ = writeln!(
        s,
        "{}",
        paint.paint(
            &format!(
                "History of {} version{}, {} lineage{}",
                n,
                plural(n),
                history.lineages.len(),
                plural(history.lineages.len())
            ),
            "1"
        )
    );
    s.push('\n');
    for (i, v) in history.versions.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {:>2}  {}  {}  {}",
            i + 1,
            v.label,
            v.file,
            v.instrument
        );
    }
    let _ = writeln!(s, "\nLineages (by {})", order_name(history.order));
    let _ = writeln!(s, "Marks: {LEGEND}\n");

    // Column widths.
    let id_width = history
        .lineages
        .iter()
        .map(|l| l.id.len())
        .chain(["lineage".len()])
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|v| {
            history
                .lineages
                .iter()
                .map(|l| ids(l.cell(v)).chars().count())
                .chain([history.versions[v].label.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut header = format!("{:id_width$}", "lineage");
    for (v, version) in history.versions.iter().enumerate() {
        let _ = write!(header, "   {:w$}", version.label, w = widths[v]);
    }
    let _ = writeln!(s, "{}", header.trim_end());
    for lineage in &history.lineages {
        let mut row = format!("{:id_width$}", lineage.id);
        for (v, width) in widths.iter().enumerate() {
            let cell = lineage.cell(v);
            let m = mark(cell);
            let m = paint.change(&m, cell.map(|c| c.change));
            let _ = write!(row, " {m}{:width$}", ids(cell));
        }
        let _ = writeln!(s, "{}", row.trim_end());
    }

    let drift = &history.drift;
    phrase_section(
        &mut s,
        "Phrases that entered",
        &drift.phrases_entered,
        drift.phrases_entered_total,
        history,
        true,
    );
    phrase_section(
        &mut s,
        "Phrases that left",
        &drift.phrases_left,
        drift.phrases_left_total,
        history,
        false,
    );
    let _ = writeln!(
        s,
        "\nOpeners that changed strength ({})",
        drift.openers.len()
    );
    for o in &drift.openers {
        let chain: Vec<String> = o
            .steps
            .iter()
            .map(|st| {
                format!(
                    "{} ({} {})",
                    st.opener, history.versions[st.version].label, st.paragraph
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "  {}: {} [{}]",
            o.lineage,
            chain.join(" -> "),
            direction_name(o.direction)
        );
    }
    s
}

fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Stronger => "stronger",
        Direction::Weaker => "weaker",
        Direction::Mixed => "mixed",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn shown(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() > SHOWN_PHRASE_WORDS {
        format!("{} ...", words[..SHOWN_PHRASE_WORDS].join(" "))
    } else {
        text.to_owned()
    }
}

fn places(phrase: &Phrase, history: &History) -> String {
    phrase
        .places
        .iter()
        .map(|p| {
            format!(
                "{} {} ({})",
                history.versions[p.version].label, p.paragraph, p.lineage
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn phrase_section(
    s: &mut String,
    title: &str,
    phrases: &[Phrase],
    total: usize,
    history: &History,
    entered: bool,
) {
    let _ = writeln!(s, "\n{title} ({} of {total})", phrases.len());
    for p in phrases {
        let event = if entered {
            format!(
                "{} (until {})",
                history.versions[p.version].label, history.versions[p.present[1]].label
            )
        } else {
            format!(
                "{} (since {})",
                history.versions[p.version].label, history.versions[p.present[0]].label
            )
        };
        let _ = writeln!(
            s,
            "  {event}  \"{}\"  in {}",
            shown(&p.text),
            places(p, history)
        );
    }
}

fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::render::escape::push_visible(&mut out, c) {
            continue;
        }
        if matches!(
            c,
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(history: &History) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# History of {} versions\n", history.versions.len());
    for (i, v) in history.versions.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}. **{}**: `{}`, {}",
            i + 1,
            md_escape(&v.label),
            v.file.replace('`', "'"),
            md_escape(&v.instrument)
        );
    }
    let _ = writeln!(
        s,
        "\n## Lineages ({}, by {})\n",
        history.lineages.len(),
        order_name(history.order)
    );
    let _ = writeln!(s, "Marks: `{LEGEND}`\n");
    let mut header = "| Lineage |".to_owned();
    let mut rule = "|---|".to_owned();
    for v in &history.versions {
        let _ = write!(header, " {} |", md_escape(&v.label));
        rule.push_str("---|");
    }
    let _ = writeln!(s, "{header}\n{rule}");
    for lineage in &history.lineages {
        let mut row = format!("| {} |", lineage.id);
        for v in 0..history.versions.len() {
            let cell = lineage.cell(v);
            let m = mark(cell);
            let m = m.trim();
            let id = ids(cell);
            let content = match (m.is_empty(), id.is_empty()) {
                (true, true) => String::new(),
                (true, false) => id,
                (false, true) => format!("`{m}`"),
                (false, false) => format!("`{m}` {id}"),
            };
            let _ = write!(row, " {content} |");
        }
        let _ = writeln!(s, "{row}");
    }
    let drift = &history.drift;
    for (title, list, total, entered) in [
        (
            "Phrases that entered",
            &drift.phrases_entered,
            drift.phrases_entered_total,
            true,
        ),
        (
            "Phrases that left",
            &drift.phrases_left,
            drift.phrases_left_total,
            false,
        ),
    ] {
        let _ = writeln!(s, "\n## {title} ({} of {total})\n", list.len());
        for p in list {
            let when = &history.versions[p.version].label;
            let span = if entered {
                format!("until {}", history.versions[p.present[1]].label)
            } else {
                format!("since {}", history.versions[p.present[0]].label)
            };
            let _ = writeln!(
                s,
                "- {} ({}): \"{}\" in {}",
                md_escape(when),
                md_escape(&span),
                md_escape(&shown(&p.text)),
                md_escape(&places(p, history))
            );
        }
    }
    let _ = writeln!(
        s,
        "\n## Openers that changed strength ({})\n",
        drift.openers.len()
    );
    for o in &drift.openers {
        let chain: Vec<String> = o
            .steps
            .iter()
            .map(|st| {
                format!(
                    "**{}** ({} {})",
                    md_escape(&st.opener),
                    md_escape(&history.versions[st.version].label),
                    st.paragraph
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "- {}: {} ({})",
            o.lineage,
            chain.join(" → "),
            direction_name(o.direction)
        );
    }
    s
}

/// Escapes text for HTML text and quoted attribute contexts, with the renderers' own rule.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::render::escape::html(&mut out, text);
    out
}

/// The word-level redline of two texts as HTML `<del>`/`<ins>`, every character of both
/// kept: the shared word diff, with its phrase-level cleanup.
fn redline_html(old: &str, new: &str) -> String {
    let mut out = String::new();
    let diff = crate::redline::word_redline(old, new);
    for segment in diff.segments {
        match segment.op {
            SegmentOp::Equal => out.push_str(&escape(&segment.text)),
            SegmentOp::Delete => push_marked(&mut out, "del", "deleted: ", &segment.text),
            SegmentOp::Insert => push_marked(&mut out, "ins", "inserted: ", &segment.text),
        }
    }
    if diff.coarse {
        let _ = write!(
            out,
            "<br><small>{}</small>",
            escape(crate::render::COARSE_NOTE)
        );
    }
    out
}

/// `<del>`/`<ins>` with the visually hidden word that screen readers announce.
fn push_marked(out: &mut String, tag: &str, announce: &str, text: &str) {
    let _ = write!(
        out,
        "<{tag}><span class=\"sr\">{announce}</span>{}</{tag}>",
        escape(text)
    );
}

/// The texts of some paragraphs of a version, joined by a line break.
fn texts<'a>(version: &VersionInfo, ids: impl Iterator<Item = &'a crate::ParagraphId>) -> String {
    ids.filter_map(|id| version.text(*id))
        .collect::<Vec<_>>()
        .join("\n")
}

fn html_cell(history: &History, lineage: &Lineage, cell: &Cell) -> String {
    let version = &history.versions[cell.version];
    let label = ids(Some(cell));
    let m = mark(Some(cell));
    let anchor = format!("{}-v{}", lineage.id, cell.version + 1);
    let summary = format!(
        "<summary><span class=\"mark\">{}</span> {}</summary>",
        escape(m.trim()),
        escape(&label)
    );
    let body = match cell.change {
        CellChange::Died => {
            let old: Vec<_> = cell.changes.iter().flat_map(|c| &c.old).collect();
            let old_text = texts(&history.versions[cell.version - 1], old.into_iter());
            format!("<p class=\"redline\">{}</p>", redline_html(&old_text, ""))
        }
        CellChange::Born => format!(
            "<p class=\"redline\">{}</p>",
            escape(&texts(version, cell.paragraphs.iter()))
        ),
        _ => {
            let old: Vec<_> = cell.changes.iter().flat_map(|c| &c.old).collect();
            let mut old_sorted = old.clone();
            old_sorted.sort();
            old_sorted.dedup();
            let previous = &history.versions[cell.version - 1];
            // Keep the old paragraphs in their text order.
            let old_ordered: Vec<_> = previous
                .paragraphs
                .iter()
                .map(|(id, _)| id)
                .filter(|id| old_sorted.contains(id))
                .collect();
            let old_text = texts(previous, old_ordered.into_iter());
            let new_text = texts(version, cell.paragraphs.iter());
            let similarity = cell
                .similarity
                .map(|s| format!(" <span class=\"sim\">similarity {s:.3}</span>"))
                .unwrap_or_default();
            format!(
                "<p class=\"redline\">{}</p>{similarity}",
                redline_html(&old_text, &new_text)
            )
        }
    };
    let class = format!("{:?}", cell.change).to_lowercase();
    format!("<td class=\"{class}\" id=\"{anchor}\"><details>{summary}{body}</details></td>")
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;}\
table{border-collapse:collapse;}\
td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;max-width:28em;}\
th{background:#f3f3f3;}\
td.born{background:#eaf7ea;}td.died{background:#fbeaea;}\
td.reworded{background:#fff8e0;}td.rewritten{background:#fbe8f7;}\
td.split,td.merged,td.regrouped{background:#e6f4f7;}\
ins{background:#d4f8d4;text-decoration:underline;}del{background:#f8d4d4;text-decoration:line-through;}\
.sr{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden;}\
.mark{font-family:monospace;}.sim{color:#666;font-size:.85em;}\
.redline{white-space:pre-wrap;}\
@media print{details{display:block;}ins{text-decoration:underline;}del{text-decoration:line-through;}}";

fn html(history: &History) -> String {
    let mut s = String::new();
    let title = format!("History of {} versions", history.versions.len());
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<ol>\n",
        escape(&title),
        escape(&title)
    );
    for v in &history.versions {
        let _ = writeln!(
            s,
            "<li><strong>{}</strong>: {}, {}</li>",
            escape(&v.label),
            escape(&v.file),
            escape(&v.instrument)
        );
    }
    let _ = write!(
        s,
        "</ol>\n<h2>Lineages ({}, by {})</h2>\n<p>Marks: <code>{}</code>. Open a cell for the word redline of the step into it.</p>\n<table>\n<thead><tr><th>Lineage</th>",
        history.lineages.len(),
        order_name(history.order),
        escape(LEGEND)
    );
    for v in &history.versions {
        let _ = write!(s, "<th>{}</th>", escape(&v.label));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for lineage in &history.lineages {
        let _ = write!(
            s,
            "<tr id=\"{}\"><th>{}</th>",
            escape(&lineage.id),
            escape(&lineage.id)
        );
        for v in 0..history.versions.len() {
            match lineage.cell(v) {
                Some(cell) => s.push_str(&html_cell(history, lineage, cell)),
                None => s.push_str("<td></td>"),
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    let drift = &history.drift;
    for (title, list, total) in [
        (
            "Phrases that entered",
            &drift.phrases_entered,
            drift.phrases_entered_total,
        ),
        (
            "Phrases that left",
            &drift.phrases_left,
            drift.phrases_left_total,
        ),
    ] {
        let _ = writeln!(s, "<h2>{title} ({} of {total})</h2>\n<ul>", list.len());
        for p in list {
            let links: Vec<String> = p
                .places
                .iter()
                .map(|pl| {
                    format!(
                        "<a href=\"#{}-v{}\">{} {}</a>",
                        escape(&pl.lineage),
                        pl.version + 1,
                        escape(&history.versions[pl.version].label),
                        pl.paragraph
                    )
                })
                .collect();
            let _ = writeln!(
                s,
                "<li>{}: &ldquo;{}&rdquo; in {}</li>",
                escape(&history.versions[p.version].label),
                escape(&p.text),
                links.join(", ")
            );
        }
        s.push_str("</ul>\n");
    }
    let _ = writeln!(
        s,
        "<h2>Openers that changed strength ({})</h2>\n<ul>",
        drift.openers.len()
    );
    for o in &drift.openers {
        let chain: Vec<String> = o
            .steps
            .iter()
            .map(|st| {
                format!(
                    "<strong>{}</strong> (<a href=\"#{}-v{}\">{} {}</a>)",
                    escape(&st.opener),
                    escape(&o.lineage),
                    st.version + 1,
                    escape(&history.versions[st.version].label),
                    st.paragraph
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<li><a href=\"#{}\">{}</a>: {} ({})</li>",
            escape(&o.lineage),
            escape(&o.lineage),
            chain.join(" &rarr; "),
            direction_name(o.direction)
        );
    }
    s.push_str("</ul>\n</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn redline_keeps_every_character() {
        let html = redline_html("Invites States to act", "Urges States to act now");
        assert!(html.contains("<del><span class=\"sr\">deleted: </span>Invites</del>"));
        assert!(html.contains("<ins><span class=\"sr\">inserted: </span>Urges</ins>"));
        assert!(html.contains("now"));
    }
}
