//! The `markdown` format, for GitHub and GitLab: a heading per comparison and per change,
//! a summary table, and the redline in `<del>`/`<ins>`, which both sites render with
//! strike-through and underline (or highlight) and which stay robust inside words, unlike
//! `~~` and `**`.

use std::fmt::Write as _;

use crate::compare::Comparison;
use crate::redline::{Segment, SegmentOp};

use super::escape;
use super::plan::{self, Entry};
use super::{PARAGRAPH_SEPARATOR, RenderOptions};

/// Shown for a paragraph break inserted (split) or deleted (merge).
const PARAGRAPH_MARK: &str = "¶";

/// Renders every comparison as one Markdown document.
pub(super) fn render(comparisons: &[Comparison], options: &RenderOptions) -> String {
    let mut out = String::new();
    for (i, comparison) in comparisons.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_comparison(&mut out, comparison, options);
    }
    out
}

fn write_comparison(out: &mut String, comparison: &Comparison, options: &RenderOptions) {
    out.push_str("## ");
    let (old, new) = plan::side_names(comparison);
    escape::markdown(out, &old, false);
    out.push_str(" → ");
    escape::markdown(out, &new, false);
    if let Some(note) = plan::unpaired_note(comparison) {
        out.push_str("\n\n**");
        escape::markdown(out, &note, false);
        out.push_str("**");
    }
    out.push_str("\n\n| | Old | New |\n|---|---|---|\n");
    for (name, old, new) in plan::side_rows(&comparison.old, &comparison.new) {
        let _ = write!(out, "| {name} | ");
        escape::markdown(out, old.unwrap_or("—"), false);
        out.push_str(" | ");
        escape::markdown(out, new.unwrap_or("—"), false);
        out.push_str(" |\n");
    }
    let view = plan::plan(comparison, options);
    let counts = plan::summary_counts(&view.summary);
    out.push_str("\n|");
    for (name, _) in &counts {
        let _ = write!(out, " {name} |");
    }
    out.push_str("\n|");
    out.push_str(&"---:|".repeat(counts.len()));
    out.push_str("\n|");
    for (_, count) in &counts {
        let _ = write!(out, " {count} |");
    }
    out.push('\n');
    if !view.renumbered.is_empty() {
        let _ = write!(
            out,
            "\n**Renumbered:** {}\n",
            plan::renumbering_text(&view.renumbered)
        );
    }
    for entry in &view.entries {
        out.push('\n');
        match entry {
            Entry::Change(rc) => {
                let _ = writeln!(
                    out,
                    "### {} · {}\n",
                    plan::heading(&rc.change),
                    rc.change.kind.name()
                );
                write_redline(out, &rc.segments);
                if let Some(references) = &rc.change.references {
                    let (label, text) = plan::references_text(references);
                    let _ = writeln!(out, "\n*{label}{text}*");
                }
                if rc.coarse {
                    let _ = writeln!(out, "\n*{}*", plan::COARSE_NOTE);
                }
            }
            Entry::Hidden(hidden) => {
                let _ = writeln!(out, "*{}*", plan::hidden_text(hidden));
            }
            Entry::Origin { old, now, down } => {
                let _ = writeln!(out, "*{}*", plan::origin_line(*old, *now, *down));
            }
        }
    }
}

/// The redline as one Markdown paragraph; paragraph breaks of a split or merge become
/// `<br>` so that the whole change stays one block.
fn write_redline(out: &mut String, segments: &[Segment]) {
    let mut at_line_start = true;
    for segment in segments {
        let (open, close) = match segment.op {
            SegmentOp::Equal => ("", ""),
            SegmentOp::Delete => ("<del>", "</del>"),
            SegmentOp::Insert => ("<ins>", "</ins>"),
        };
        for (i, part) in segment.text.split(PARAGRAPH_SEPARATOR).enumerate() {
            if i > 0 {
                match segment.op {
                    SegmentOp::Equal => out.push_str("<br>"),
                    SegmentOp::Delete => {
                        let _ = write!(out, "{open}{PARAGRAPH_MARK}{close}");
                    }
                    SegmentOp::Insert => {
                        let _ = write!(out, "{open}{PARAGRAPH_MARK}{close}<br>");
                    }
                }
            }
            if !part.is_empty() {
                out.push_str(open);
                escape::markdown(out, part, at_line_start);
                out.push_str(close);
                at_line_start = false;
            }
        }
    }
    out.push('\n');
}
