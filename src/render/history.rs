//! The history in every format: the lineage table, then the drift sections.
//!
//! The table has one row per lineage and one column per version. A cell names every
//! paragraph of the lineage in that version, each with its own mark for the step that led
//! into it, so that a cell holding several paragraphs says what happened to each one:
//!
//! | entry | meaning |
//! |---|---|
//! | `=PP3` | unchanged |
//! | `~PP3` | reworded |
//! | `!PP3` | rewritten |
//! | `+PP3` | new: added at this step (or the first cell of a lineage born later) |
//! | `<PP3` | a piece of a split: one paragraph of the previous version became several |
//! | `>PP3` | merged: several paragraphs of the previous version became this one |
//! | `#PP3` | regrouped: several paragraphs became several |
//! | `PP3^` | moved among its neighbours (after any of the above) |
//! | `x(PP3)` | the previous version's PP3 was removed at this step |
//! | `PP3` | the oldest version, which has no step into it |
//!
//! So `<PP3 <PP5 x(PP3)` reads: PP3 and PP5 are pieces of one split paragraph, and the
//! previous version's PP3 was dropped; `~PP3 +PP4`: PP3 was reworded and PP4 is new. A
//! lineage that dies ends with a cell of `x(..)` entries only. Text and terminal separate
//! the entries by one space and the columns by three, each column starting under its
//! version's label; Markdown writes each entry as a code span; HTML gives each entry a
//! class named after its change and opens a cell, without script, on the text of its
//! paragraphs and the word redline of each link of the step.
//!
//! # JSON (schema_version 2)
//!
//! ```json
//! {"schema_version": 2,
//!  "versions": [{"label": "A/RES/69/197", "file": "69-197.txt", "instrument": "..."}],
//!  "order": "first_appearance",
//!  "lineages": [{"id": "L1", "born": 0, "died": null,
//!                "cells": [{"version": 1, "paragraphs": ["PP3", "PP4"], "change": "reworded",
//!                           "similarity": 0.8, "moved": false,
//!                           "marks": [{"paragraph": "PP3", "version": 1, "change": "reworded",
//!                                      "from": ["PP3"], "similarity": 0.8, "moved": false},
//!                                     {"paragraph": "PP4", "version": 1, "change": "born",
//!                                      "from": [], "similarity": null, "moved": false}],
//!                           "changes": [...]}]}],
//!  "drift": {"phrases_entered": [{"text", "words", "citation", "version", "present": [2, 3],
//!                                 "score",
//!                                 "places": [{"version", "paragraph", "lineage"}]}],
//!            "phrases_entered_total": 12, "phrases_left": [...], "phrases_left_total": 3,
//!            "openers": [{"lineage", "direction": "stronger",
//!                         "steps": [{"version", "paragraph", "opener", "scale", "rank"}]}]},
//!  "only": null}
//! ```
//!
//! A cell's `change` sums up the step for the whole cell: one of born, unchanged, reworded,
//! rewritten, split, merged, regrouped, died. Its `marks` say it per paragraph, in the order
//! of the table: every paragraph of the cell (`version` is the cell's) with its own change
//! (born, unchanged, reworded, rewritten, split for a piece of a split, merged, regrouped),
//! the previous version's paragraphs it came `from`, and the similarity and moved flag of
//! that link; then every paragraph of the previous cell removed at this step, with change
//! died and `version` the previous one. Each cell's `changes` are the aligner's changes of
//! the step into it as the `diff` JSON writes a change without its redline (kind, old, new,
//! similarity, moved, and `why` where the link rests on more than word similarity), so the
//! pairwise alignments can be
//! rebuilt from the lineages. `only` is null, or "preambular" / "operative" when the history
//! was narrowed to the lineages of that kind of paragraph (`--only`). A phrase's `text` is as
//! written where it was first found (punctuation kept), `words` counts its words as the
//! comparison splits them ("70/299" is two), and `citation` is true for a list of numbers
//! (resolutions, dates), ranked after the language. Similarities and scores are rounded to
//! 3 decimals; versions are 0-based indexes.
//!
//! Its version is [`HISTORY_SCHEMA_VERSION`](super::HISTORY_SCHEMA_VERSION), which says what
//! each version changed.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::iter;
use std::ops::Range;

use crate::document::{Kind, ParagraphId};
use crate::history::drift::{Direction, Drift, Phrase};
use crate::history::{
    Cell, CellChange, History, Lineage, LineageOrder, MOVED_MARK, ParagraphMark, VersionInfo,
};
use crate::redline::{RedlineChange, SegmentOp};

use super::escape::{self, printable_text};
use super::{COARSE_NOTE, Format, RenderOptions, json, sgr};

/// The longest phrase shown in full by the text, terminal and Markdown formats; longer ones
/// are cut with "..." (the JSON and HTML keep them whole).
const SHOWN_PHRASE_WORDS: usize = 16;

/// Writes the history in `format`.
///
/// Of the `options`, `color` applies to the terminal format and `only` to every format (the
/// history is narrowed by [`History::only`], and each format says so). `width`,
/// `show_unchanged` and `context` do not apply: the table is never wrapped, and a history
/// has no unchanged text to fold (the CLI refuses them for `history`).
///
/// # Errors
///
/// The error of `out`, if writing fails.
pub fn render_history(
    history: &History,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let narrowed;
    let history = match options.only {
        Some(kind) if history.only != Some(kind) => {
            narrowed = history.only(kind);
            &narrowed
        }
        _ => history,
    };
    if format == Format::Html && !history.redlined {
        return Err(io::Error::other(
            "the HTML history shows word redlines: build it with history::history",
        ));
    }
    let page = match format {
        Format::Terminal => text(history, options.color),
        Format::Text => text(history, false),
        Format::Markdown => markdown(history),
        Format::Html => html(history),
        Format::Json => json::render_history(history).map_err(io::Error::other)?,
    };
    out.write_all(page.as_bytes())
}

/// One paragraph as a cell shows it: its change mark, its id and the moved mark after it
/// (`~PP3`, `<OP4^`); a paragraph removed at this step is `x(PP3)`, its id being one of the
/// previous version. The oldest version has no step into it, so its ids have no mark.
fn entry(mark: &ParagraphMark) -> String {
    let mut out = String::new();
    push_entry(&mut out, mark);
    out
}

/// [`entry`] written at the end of `out`.
fn push_entry(out: &mut String, mark: &ParagraphMark) {
    if mark.change == CellChange::Died {
        let _ = write!(out, "{}({})", CellChange::Died.mark(), mark.paragraph);
        return;
    }
    if let Some(change) = step_change(mark) {
        out.push(change.mark());
    }
    let _ = write!(out, "{}", mark.paragraph);
    if mark.moved {
        out.push(MOVED_MARK);
    }
}

/// The change a paragraph's mark shows, none in the oldest version (no step leads into it,
/// so its paragraphs are neither marked nor coloured as new).
fn step_change(mark: &ParagraphMark) -> Option<CellChange> {
    (mark.version > 0 || mark.change != CellChange::Born).then_some(mark.change)
}

/// Every paragraph of a cell as [`entry`] shows it, separated by spaces, written at the end
/// of `out`.
fn push_entries(out: &mut String, cell: Option<&Cell>) {
    for (i, mark) in cell.into_iter().flat_map(|c| &c.marks).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_entry(out, mark);
    }
}

/// What a narrowed history keeps, for its heading; empty for a whole history.
fn only_note(history: &History) -> String {
    history
        .only
        .map(|kind| {
            let name = match kind {
                Kind::Preambular => "preambular paragraphs".to_owned(),
                Kind::Operative => "operative paragraphs".to_owned(),
                other => format!("{} texts", other.prefix()),
            };
            format!(" (only the lineages of {name})")
        })
        .unwrap_or_default()
}

fn order_name(order: LineageOrder) -> &'static str {
    match order {
        LineageOrder::FirstAppearance => "first appearance",
        LineageOrder::Newest => "position in the newest version",
    }
}

/// The marks of the table, as every format states them before it: an example entry and its
/// meaning.
const LEGEND: [(&str, &str); 9] = [
    ("=PP1", "unchanged"),
    ("~PP1", "reworded"),
    ("!PP1", "rewritten"),
    ("+PP1", "new"),
    ("<PP1", "a piece of a split"),
    (">PP1", "merged"),
    ("#PP1", "regrouped"),
    ("PP1^", "moved"),
    ("x(PP1)", "the previous version's PP1 removed"),
];

/// The legend of the text table, on two lines.
fn text_legend() -> String {
    let items: Vec<String> = LEGEND
        .iter()
        .map(|(m, what)| format!("{m} {what}"))
        .collect();
    let (first, second) = items.split_at(5);
    format!("Marks: {}\n       {}", first.join("  "), second.join("  "))
}

/// What the text and terminal formats print of `history`, with the control characters of
/// its labels, file names, instrument names and phrases (from the documents and `--label`)
/// made visible: an escape sequence in a title retitled the window or reset the terminal.
/// The paragraph texts, which these formats do not print, are left out, and so are the
/// lineages, which hold only ids and marks: the caller reads them from `history`.
fn printable(history: &History) -> History {
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
        only: history.only,
        redlined: history.redlined,
        lineages: Vec::new(),
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
    fn paint(&self, text: &str, sgr: &str) -> String {
        if self.0 && !text.trim().is_empty() {
            format!("{sgr}{text}{}", sgr::RESET)
        } else {
            text.to_owned()
        }
    }

    fn change(&self, text: &str, change: CellChange) -> String {
        let sgr = match change {
            CellChange::Born => sgr::GREEN,
            CellChange::Died => sgr::RED,
            CellChange::Reworded => sgr::YELLOW,
            CellChange::Rewritten => sgr::MAGENTA,
            CellChange::Split | CellChange::Merged | CellChange::Regrouped => sgr::CYAN,
            CellChange::Unchanged => sgr::DIM,
        };
        self.paint(text, sgr)
    }
}

fn text(history: &History, color: bool) -> String {
    let lineages = &history.lineages;
    let history = &printable(history);
    let paint = Paint(color);
    let mut s = String::new();
    let n = history.versions.len();
    let _ = writeln!(
        s,
        "{}",
        paint.paint(
            &format!(
                "History of {} version{}, {} lineage{}{}",
                n,
                plural(n),
                lineages.len(),
                plural(lineages.len()),
                only_note(history)
            ),
            sgr::BOLD
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
    let _ = writeln!(s, "{}\n", text_legend());

    // Every cell's entries as plain text, once, for the column widths and the rows: all in
    // one string, each cell a range of it with its width in characters (a string per entry
    // and per cell made the table most of the text format's work: chain10, 11,450 cells).
    let mut plain = String::new();
    let mut cells: Vec<(Range<usize>, usize)> = Vec::with_capacity(lineages.len() * n);
    for lineage in lineages {
        for v in 0..n {
            let start = plain.len();
            push_entries(&mut plain, lineage.cell(v));
            cells.push((start..plain.len(), plain[start..].chars().count()));
        }
    }
    let id_width = lineages
        .iter()
        .map(|l| l.id.len())
        .chain(["lineage".len()])
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|v| {
            (0..lineages.len())
                .map(|l| cells[l * n + v].1)
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
    for (l, lineage) in lineages.iter().enumerate() {
        let row_start = s.len();
        let _ = write!(s, "{:id_width$}", lineage.id);
        for (v, width) in widths.iter().enumerate() {
            let (range, shown_width) = &cells[l * n + v];
            s.push_str("   ");
            if color {
                let painted: Vec<String> = lineage
                    .cell(v)
                    .map(|c| {
                        c.marks
                            .iter()
                            .map(|m| match step_change(m) {
                                Some(change) => paint.change(&entry(m), change),
                                None => entry(m),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                s.push_str(&painted.join(" "));
            } else {
                s.push_str(&plain[range.clone()]);
            }
            // Padding is counted on the plain text, so that colour never shifts a column.
            s.extend(iter::repeat_n(' ', width - shown_width));
        }
        let row_end = row_start + s[row_start..].trim_end().len();
        s.truncate(row_end);
        s.push('\n');
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

/// Document text (and `--label`) as inline Markdown, with the escaping of the `diff`
/// renderer.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape::markdown(&mut out, text, false);
    out
}

fn markdown(history: &History) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# History of {} versions{}\n",
        history.versions.len(),
        only_note(history)
    );
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
    let legend: Vec<String> = LEGEND
        .iter()
        .map(|(m, what)| format!("`{m}` {what}"))
        .collect();
    let _ = writeln!(s, "Marks: {}.\n", legend.join(", "));
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
            // Code spans: the marks `~`, `<`, `>`, `#` and `+` are Markdown syntax.
            let content: Vec<String> = lineage
                .cell(v)
                .map(|c| c.marks.iter().map(|m| format!("`{}`", entry(m))).collect())
                .unwrap_or_default();
            let _ = write!(row, " {} |", content.join(" "));
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
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape::html(&mut out, text);
    out
}

/// The word redline the history stage made of a change, as HTML `<del>`/`<ins>`, every
/// character of both sides kept.
fn redline_html(change: &RedlineChange) -> String {
    let mut out = String::new();
    for segment in &change.segments {
        match segment.op {
            SegmentOp::Equal => out.push_str(&html_escape(&segment.text)),
            SegmentOp::Delete => push_marked(&mut out, "del", "deleted: ", &segment.text),
            SegmentOp::Insert => push_marked(&mut out, "ins", "inserted: ", &segment.text),
        }
    }
    if change.coarse {
        let _ = write!(out, "<br><small>{}</small>", html_escape(COARSE_NOTE));
    }
    out
}

/// `<del>`/`<ins>` with the visually hidden word that screen readers announce; `dir="ltr"`
/// keeps that word out of the direction `dir="auto"` finds for right-to-left text.
fn push_marked(out: &mut String, tag: &str, announce: &str, text: &str) {
    let _ = write!(
        out,
        "<{tag}><span class=\"sr\" dir=\"ltr\">{announce}</span>{}</{tag}>",
        html_escape(text)
    );
}

/// The texts of some paragraphs of a version, joined by a line break.
fn texts<'a>(version: &VersionInfo, ids: impl IntoIterator<Item = &'a ParagraphId>) -> String {
    ids.into_iter()
        .filter_map(|id| version.text(*id))
        .collect::<Vec<_>>()
        .join("\n")
}

fn id_list(ids: &[ParagraphId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One paragraph block of an open cell: what it is, then its text or its word redline.
fn html_block(out: &mut String, heading: &str, body: &str) {
    let _ = write!(
        out,
        "<p class=\"what\">{}</p><p class=\"redline\" dir=\"auto\">{body}</p>",
        html_escape(heading)
    );
}

/// The text of every paragraph of a cell, one block per change of the step into it: the
/// word redline of each link, a new paragraph in full, a removed one struck through.
fn html_step(history: &History, cell: &Cell) -> String {
    let version = &history.versions[cell.version];
    let mut out = String::new();
    if cell.changes.is_empty() {
        // The oldest version, or an alignment that forgot these paragraphs.
        for id in &cell.paragraphs {
            html_block(
                &mut out,
                &id.to_string(),
                &html_escape(&texts(version, [id])),
            );
        }
        return out;
    }
    let previous = &history.versions[cell.version - 1];
    for redlined in &cell.changes {
        let change = &redlined.change;
        let moved = if change.moved { ", moved" } else { "" };
        // Version labels with the ids: a removed PP3 and a new PP3 are different paragraphs.
        let old_ids = format!("{} {}", previous.label, id_list(&change.old));
        let new_ids = format!("{} {}", version.label, id_list(&change.new));
        let heading = match (change.old.is_empty(), change.new.is_empty()) {
            (true, _) => format!("new: {new_ids}"),
            (false, true) => format!("removed: {old_ids}"),
            (false, false) => format!(
                "{old_ids} \u{2192} {new_ids} ({}, similarity {:.3}{moved})",
                change.kind.name(),
                change.similarity
            ),
        };
        let body = if change.old.is_empty() {
            html_escape(&texts(version, &change.new))
        } else {
            redline_html(redlined)
        };
        html_block(&mut out, &heading, &body);
    }
    out
}

fn html_cell(history: &History, lineage: &Lineage, cell: &Cell) -> String {
    let anchor = format!("{}-v{}", lineage.id, cell.version + 1);
    let marks: Vec<String> = cell
        .marks
        .iter()
        .map(|m| match step_change(m) {
            Some(change) => format!(
                "<span class=\"{}\">{}</span>",
                change_class(change),
                html_escape(&entry(m))
            ),
            None => html_escape(&entry(m)),
        })
        .collect();
    format!(
        "<td class=\"{}\" id=\"{anchor}\"><input type=\"checkbox\" class=\"toggle\" \
id=\"open-{anchor}\"><label for=\"open-{anchor}\">{}</label><div class=\"step\">{}</div></td>",
        change_class(cell.change),
        marks.join(" "),
        html_step(history, cell)
    )
}

fn change_class(change: CellChange) -> &'static str {
    match change {
        CellChange::Born => "born",
        CellChange::Unchanged => "unchanged",
        CellChange::Reworded => "reworded",
        CellChange::Rewritten => "rewritten",
        CellChange::Split => "split",
        CellChange::Merged => "merged",
        CellChange::Regrouped => "regrouped",
        CellChange::Died => "died",
    }
}

/// The page's style. Cells open without script: each holds a visually hidden checkbox whose
/// label is the cell's marks, and one more checkbox opens every cell; print shows every
/// cell's text, since paper has no control to open it.
const CSS: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;}\
table{border-collapse:collapse;}\
td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;max-width:28em;}\
th{background:#f3f3f3;}\
td.born{background:#eaf7ea;}td.died{background:#fbeaea;}\
td.reworded{background:#fff8e0;}td.rewritten{background:#fbe8f7;}\
td.split,td.merged,td.regrouped{background:#e6f4f7;}\
td label{font-family:monospace;cursor:pointer;}\
span.born{color:#176117;}span.died{color:#9b1c1c;}span.rewritten{color:#7a1d6b;}\
ins{background:#d4f8d4;text-decoration:underline;}del{background:#f8d4d4;text-decoration:line-through;}\
.sr{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden;}\
.toggle{position:absolute;opacity:0;width:1px;height:1px;margin:0;}\
.toggle:focus-visible+label{outline:2px solid #1a5fb4;}\
.step{display:none;}\
.toggle:checked~.step,#open-all:checked~table .step{display:block;}\
.what{color:#555;font-size:.85em;margin:.4em 0 0;}\
.redline{white-space:pre-wrap;margin:.1em 0 .3em;}\
@media print{.step{display:block;}#open-all,label[for=open-all]{display:none;}\
ins{text-decoration:underline;}del{text-decoration:line-through;}}";

fn html(history: &History) -> String {
    let mut s = String::new();
    let title = format!(
        "History of {} versions{}",
        history.versions.len(),
        only_note(history)
    );
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<ol>\n",
        html_escape(&title),
        html_escape(&title)
    );
    for v in &history.versions {
        let _ = writeln!(
            s,
            "<li><strong><bdi>{}</bdi></strong>: <bdi>{}</bdi>, <bdi>{}</bdi></li>",
            html_escape(&v.label),
            html_escape(&v.file),
            html_escape(&v.instrument)
        );
    }
    let _ = write!(
        s,
        "</ol>\n<h2>Lineages ({}, by {})</h2>\n<p>Marks: {}. Click a cell for the text of its paragraphs and the word redline of the step into it; printed, every cell shows its text.</p>\n<input type=\"checkbox\" id=\"open-all\"><label for=\"open-all\">Open every cell</label>\n<table>\n<thead><tr><th>Lineage</th>",
        history.lineages.len(),
        order_name(history.order),
        LEGEND
            .iter()
            .map(|(m, what)| format!("<code>{}</code> {}", html_escape(m), html_escape(what)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for v in &history.versions {
        let _ = write!(s, "<th><bdi>{}</bdi></th>", html_escape(&v.label));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for lineage in &history.lineages {
        let _ = write!(
            s,
            "<tr id=\"{}\"><th>{}</th>",
            html_escape(&lineage.id),
            html_escape(&lineage.id)
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
                        html_escape(&pl.lineage),
                        pl.version + 1,
                        html_escape(&history.versions[pl.version].label),
                        pl.paragraph
                    )
                })
                .collect();
            let _ = writeln!(
                s,
                "<li><bdi>{}</bdi>: &ldquo;<bdi>{}</bdi>&rdquo; in {}</li>",
                html_escape(&history.versions[p.version].label),
                html_escape(&p.text),
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
                    html_escape(&st.opener),
                    html_escape(&o.lineage),
                    st.version + 1,
                    html_escape(&history.versions[st.version].label),
                    st.paragraph
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<li><a href=\"#{}\">{}</a>: {} ({})</li>",
            html_escape(&o.lineage),
            html_escape(&o.lineage),
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
            html_escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn redline_keeps_every_character() {
        let diff = crate::redline::word_redline("Invites States to act", "Urges States to act now");
        let html = redline_html(&RedlineChange {
            change: crate::align::Change {
                kind: crate::align::ChangeKind::Reworded,
                old: vec![ParagraphId::op(1)],
                new: vec![ParagraphId::op(1)],
                similarity: 0.6,
                moved: false,
                why: None,
                references: None,
            },
            segments: diff.segments,
            coarse: diff.coarse,
        });
        assert!(html.contains("<del><span class=\"sr\" dir=\"ltr\">deleted: </span>Invites</del>"));
        assert!(html.contains("<ins><span class=\"sr\" dir=\"ltr\">inserted: </span>Urges</ins>"));
        assert!(html.contains("now"));
    }
}
