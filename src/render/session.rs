//! The session view (`resdiff diff OLD_DIR NEW_DIR`): one line per pair with its counts, the
//! unpaired instruments and the skipped files, as terminal, text, Markdown, CSV, JSON, or one
//! HTML page whose table links each pair to its redline, folded below it and drawn by the
//! `html` format's own pieces.

use std::fmt::Write as _;

use serde::Serialize;

use super::{RenderOptions, escape, html, plan, sgr};
use crate::session::{
    Closest, Pair, PairedBy, SESSION_SCHEMA_VERSION, SessionDiff, Side, Skipped, Unit, Unpaired,
};

/// How [`render_session`] writes a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionFormat {
    /// Text with colour when [`RenderOptions`] asks for it.
    Terminal,
    /// Plain text, one line per pair.
    Text,
    /// Markdown tables.
    Markdown,
    /// Comma-separated values, one row per pair, unpaired instrument or skipped file.
    Csv,
    /// One self-contained page: the table, and every pair's redline folded under it.
    Html,
    /// The documented JSON (`schema_version` [`SESSION_SCHEMA_VERSION`]).
    Json,
}

/// The session in `format`. The HTML redlines follow `options` (layout, unchanged
/// paragraphs, context, `--only`); the terminal format its colour.
pub fn render_session(
    session: &SessionDiff,
    format: SessionFormat,
    options: &RenderOptions,
) -> String {
    match format {
        SessionFormat::Terminal => text(session, options.color),
        SessionFormat::Text => text(session, false),
        SessionFormat::Markdown => markdown(session),
        SessionFormat::Csv => csv(session),
        SessionFormat::Html => page(session, options),
        SessionFormat::Json => json(session),
    }
}

/// The counts of a session in words: "143 pairs (2 identical), 52 unpaired in OLD, ...".
fn totals(session: &SessionDiff) -> String {
    let identical = session.pairs.iter().filter(|p| p.identical).count();
    let unpaired = |side: Side| session.unpaired.iter().filter(|u| u.side == side).count();
    let pairs = match session.pairs.len() {
        1 => "1 pair".to_owned(),
        n => format!("{n} pairs"),
    };
    format!(
        "{pairs} ({identical} identical), {} unpaired in {}, {} unpaired in {}, {} skipped",
        unpaired(Side::Old),
        session.old.folder,
        unpaired(Side::New),
        session.new.folder,
        session.skipped.len()
    )
}

/// A file's name under its folder, as a reader of the session scans it: "A-RES-80-1.en.txt"
/// of "resolutions/A-RES-80-1.en.txt" (the commands keep the whole path).
fn short<'a>(file: &'a str, folder: &str) -> &'a str {
    file.strip_prefix(folder)
        .and_then(|rest| rest.strip_prefix('/'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(file)
}

/// A unit's address under its folder: `NAME` or `NAME#N`.
fn short_address(unit: &Unit, folder: &str) -> String {
    let name = short(&unit.file, folder);
    match unit.instrument {
        Some(n) => format!("{name}#{n}"),
        None => name.to_owned(),
    }
}

/// The counts of a pair in words, as the `diff` summary words them, or "identical".
fn pair_counts(pair: &Pair) -> String {
    if pair.identical {
        return "identical".to_owned();
    }
    let counts: Vec<String> = plan::summary_counts(&pair.summary)
        .iter()
        .map(|(name, count)| format!("{count} {name}"))
        .collect();
    let mut words = counts.join(", ");
    if pair.title_changed {
        words.push_str("; title changed");
    }
    words
}

fn folder_of(session: &SessionDiff, side: Side) -> &str {
    match side {
        Side::Old => &session.old.folder,
        Side::New => &session.new.folder,
    }
}

/// A title in quotes, or "(no title)".
fn quoted_title(title: Option<&str>) -> String {
    match title {
        Some(title) => format!("\"{}\"", escape::printable_text(title)),
        None => "(no title)".to_owned(),
    }
}

fn closest_words(session: &SessionDiff, loose: &Unpaired) -> String {
    match &loose.closest {
        Some(closest) => {
            let other = folder_of(session, other_side(loose.side));
            format!(
                "closest: {} {}, similarity {:.3}",
                escape::printable_text(&closest_address(closest, other)),
                quoted_title(closest.title.as_deref()),
                closest.similarity
            )
        }
        None => "no title of the other folder shares a word with it".to_owned(),
    }
}

fn closest_address(closest: &Closest, folder: &str) -> String {
    let name = short(&closest.file, folder);
    match closest.instrument {
        Some(n) => format!("{name}#{n}"),
        None => name.to_owned(),
    }
}

fn other_side(side: Side) -> Side {
    match side {
        Side::Old => Side::New,
        Side::New => Side::Old,
    }
}

/// The terminal and text formats: a header, one line per pair, the unpaired and the
/// skipped.
fn text(session: &SessionDiff, color: bool) -> String {
    let paint = |style: &str, words: &str| {
        if color {
            format!("{style}{words}{}", sgr::RESET)
        } else {
            words.to_owned()
        }
    };
    let (old, new) = (&session.old.folder, &session.new.folder);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint(
            sgr::BOLD,
            &escape::printable_text(&format!("{old} → {new}"))
        )
    );
    let _ = writeln!(out, "{}", escape::printable_text(&totals(session)));
    if !session.pairs.is_empty() {
        let _ = writeln!(out, "\n{}", paint(sgr::BOLD, "pairs:"));
    }
    for pair in &session.pairs {
        let names = escape::printable_text(&format!(
            "{} → {}",
            short_address(&pair.old, old),
            short_address(&pair.new, new)
        ));
        let counts = pair_counts(pair);
        let counts = if pair.identical {
            paint(sgr::DIM, &counts)
        } else {
            counts
        };
        let _ = writeln!(out, "{names}: {counts}");
    }
    for side in [Side::Old, Side::New] {
        let loose: Vec<&Unpaired> = session.unpaired.iter().filter(|u| u.side == side).collect();
        if loose.is_empty() {
            continue;
        }
        let folder = folder_of(session, side);
        let heading = format!("unpaired in {folder} ({}):", loose.len());
        let _ = writeln!(
            out,
            "\n{}",
            paint(sgr::BOLD, &escape::printable_text(&heading))
        );
        let style = match side {
            Side::Old => sgr::RED,
            Side::New => sgr::GREEN,
        };
        for unpaired in loose {
            let name = escape::printable_text(&short_address(&unpaired.unit, folder));
            let _ = writeln!(
                out,
                "{} {} ({})",
                paint(style, &name),
                quoted_title(unpaired.unit.title.as_deref()),
                closest_words(session, unpaired)
            );
        }
    }
    if !session.skipped.is_empty() {
        let heading = format!("skipped, not compared ({}):", session.skipped.len());
        let _ = writeln!(out, "\n{}", paint(sgr::BOLD, &heading));
        for skipped in &session.skipped {
            let _ = writeln!(
                out,
                "{}: {}",
                paint(sgr::RED, &escape::printable_text(&skipped.file)),
                escape::printable_text(&skipped.reason)
            );
        }
    }
    out
}

/// `text` as one Markdown table cell: escaped, pipes included.
fn md(text: &str) -> String {
    let mut out = String::new();
    escape::markdown(&mut out, text, false);
    out
}

/// A command as a Markdown code span, or as escaped text when it holds a backtick or a pipe
/// (which a table cell's code span cannot hold as it is).
fn md_command(command: &str) -> String {
    if command.contains(['`', '|']) || command.chars().any(char::is_control) {
        md(command)
    } else {
        format!("`{command}`")
    }
}

/// The Markdown format: the totals, a table of pairs with each pair's command, the unpaired
/// and the skipped.
fn markdown(session: &SessionDiff) -> String {
    let (old, new) = (&session.old.folder, &session.new.folder);
    let mut out = String::new();
    let _ = writeln!(out, "# Session: {} → {}\n", md(old), md(new));
    let _ = writeln!(out, "{}\n", md(&totals(session)));
    if !session.pairs.is_empty() {
        out.push_str("## Pairs\n\n| Old | New | Title | Unchanged | Reworded | Rewritten | Moved | Split | Merged | Added | Removed | Title changed | Redline |\n");
        out.push_str("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        for pair in &session.pairs {
            let _ = write!(
                out,
                "| {} | {} | {} |",
                md(&short_address(&pair.old, old)),
                md(&short_address(&pair.new, new)),
                md(pair.new.title.as_deref().unwrap_or("")),
            );
            for (_, count) in plan::summary_counts(&pair.summary) {
                let _ = write!(out, " {count} |");
            }
            let _ = writeln!(
                out,
                " {} | {} |",
                if pair.title_changed { "yes" } else { "no" },
                md_command(&pair.command)
            );
        }
        out.push('\n');
    }
    for side in [Side::Old, Side::New] {
        let loose: Vec<&Unpaired> = session.unpaired.iter().filter(|u| u.side == side).collect();
        if loose.is_empty() {
            continue;
        }
        let folder = folder_of(session, side);
        let other = folder_of(session, other_side(side));
        let _ = writeln!(out, "## Unpaired in {}\n", md(folder));
        out.push_str("| File | Title | Closest title | Similarity |\n|---|---|---|--:|\n");
        for unpaired in loose {
            let (closest, similarity) = match &unpaired.closest {
                Some(c) => (
                    format!(
                        "{}: {}",
                        md(&closest_address(c, other)),
                        md(c.title.as_deref().unwrap_or("(no title)"))
                    ),
                    format!("{:.3}", c.similarity),
                ),
                None => ("—".to_owned(), "—".to_owned()),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {closest} | {similarity} |",
                md(&short_address(&unpaired.unit, folder)),
                md(unpaired.unit.title.as_deref().unwrap_or("(no title)")),
            );
        }
        out.push('\n');
    }
    if !session.skipped.is_empty() {
        out.push_str("## Skipped, not compared\n\n| File | Reason |\n|---|---|\n");
        for skipped in &session.skipped {
            let _ = writeln!(out, "| {} | {} |", md(&skipped.file), md(&skipped.reason));
        }
        out.push('\n');
    }
    out
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a field a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
fn csv_field(out: &mut String, field: &str) {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&field);
    }
}

/// The CSV columns, in order.
const CSV_HEADER: [&str; 24] = [
    "status",
    "old_file",
    "old_instrument",
    "old_title",
    "new_file",
    "new_instrument",
    "new_title",
    "similarity",
    "paired_by",
    "unchanged",
    "reworded",
    "rewritten",
    "moved",
    "split",
    "merged",
    "added",
    "removed",
    "title_changed",
    "identical",
    "command",
    "reason",
    "closest_file",
    "closest_instrument",
    "closest_title",
];

/// One CSV row being filled, column by name.
struct Row([String; CSV_HEADER.len()]);

impl Row {
    fn new(status: String) -> Row {
        let mut row = Row(Default::default());
        row.set("status", status);
        row
    }

    fn set(&mut self, column: &str, value: String) {
        let at = CSV_HEADER
            .iter()
            .position(|&name| name == column)
            .expect("a column of CSV_HEADER");
        self.0[at] = value;
    }

    /// The file, position and title of a unit under `side`'s columns.
    fn set_unit(&mut self, side: &str, file: &str, instrument: Option<usize>, title: Option<&str>) {
        self.set(&format!("{side}_file"), file.to_owned());
        self.set(
            &format!("{side}_instrument"),
            instrument.map_or(String::new(), |n| n.to_string()),
        );
        self.set(&format!("{side}_title"), title.unwrap_or("").to_owned());
    }
}

/// The CSV format: a header, then a row per pair (`pair`), per unpaired instrument
/// (`unpaired_old`, `unpaired_new`, with the closest title of the other side and its
/// similarity) and per skipped file (`skipped_old`, `skipped_new`, with the reason).
fn csv(session: &SessionDiff) -> String {
    let mut rows = Vec::new();
    for pair in &session.pairs {
        let mut row = Row::new("pair".to_owned());
        row.set_unit(
            "old",
            &pair.old.file,
            pair.old.instrument,
            pair.old.title.as_deref(),
        );
        row.set_unit(
            "new",
            &pair.new.file,
            pair.new.instrument,
            pair.new.title.as_deref(),
        );
        row.set("similarity", format!("{:.3}", pair.similarity));
        row.set("paired_by", by_name(pair.by).to_owned());
        for (name, count) in plan::summary_counts(&pair.summary) {
            row.set(name, count.to_string());
        }
        row.set("title_changed", pair.title_changed.to_string());
        row.set("identical", pair.identical.to_string());
        row.set("command", pair.command.clone());
        rows.push(row);
    }
    for unpaired in &session.unpaired {
        let side = side_name(unpaired.side);
        let mut row = Row::new(format!("unpaired_{side}"));
        let unit = &unpaired.unit;
        row.set_unit(side, &unit.file, unit.instrument, unit.title.as_deref());
        if let Some(closest) = &unpaired.closest {
            row.set_unit(
                "closest",
                &closest.file,
                closest.instrument,
                closest.title.as_deref(),
            );
            row.set("similarity", format!("{:.3}", closest.similarity));
        }
        rows.push(row);
    }
    for Skipped { side, file, reason } in &session.skipped {
        let side = side_name(*side);
        let mut row = Row::new(format!("skipped_{side}"));
        row.set(&format!("{side}_file"), file.clone());
        row.set("reason", reason.clone());
        rows.push(row);
    }
    let mut out = String::new();
    let header = Row(CSV_HEADER.map(str::to_owned));
    for row in std::iter::once(header).chain(rows) {
        for (i, field) in row.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, field);
        }
        out.push_str("\r\n");
    }
    out
}

fn by_name(by: PairedBy) -> &'static str {
    match by {
        PairedBy::Title => "title",
        PairedBy::Symbol => "symbol",
        PairedBy::Text => "text",
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Old => "old",
        Side::New => "new",
    }
}

/// The JSON format: `{"schema_version", "old", "new", "pairs", "unpaired", "skipped"}`,
/// documented in the README.
fn json(session: &SessionDiff) -> String {
    #[derive(Serialize)]
    struct Wire<'a> {
        schema_version: u32,
        #[serde(flatten)]
        session: &'a SessionDiff,
    }
    let mut out = super::json::to_string_pretty(&Wire {
        schema_version: SESSION_SCHEMA_VERSION,
        session,
    })
    .expect("the session serializes: string keys, no custom failure");
    out.push('\n');
    out
}

/// The HTML page: the totals, a table of pairs each linking to its redline (`#pair-N`), the
/// unpaired and skipped tables, then every pair's redline in a `<details>` with that id.
fn page(session: &SessionDiff, options: &RenderOptions) -> String {
    let (old, new) = (&session.old.folder, &session.new.folder);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Session: ");
    escape::html(&mut out, old);
    out.push_str(" → ");
    escape::html(&mut out, new);
    out.push_str("</title>\n<style>");
    out.push_str(html::STYLE);
    out.push_str(SESSION_STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(match options.html_layout {
        super::HtmlLayout::Inline => "<main class=\"session\">\n",
        super::HtmlLayout::SideBySide => "<main class=\"session side-by-side\">\n",
    });
    out.push_str("<h1>Session: ");
    escape::html(&mut out, old);
    out.push_str(" → ");
    escape::html(&mut out, new);
    out.push_str("</h1>\n<p class=\"lede\">");
    escape::html(&mut out, &totals(session));
    out.push_str("</p>\n");
    if !session.pairs.is_empty() {
        out.push_str("<h2>Pairs</h2>\n<table class=\"pairs\">\n<thead><tr><th scope=\"col\">Old</th><th scope=\"col\">New</th><th scope=\"col\">Title</th>");
        for (name, _) in plan::summary_counts(&crate::align::Summary::default()) {
            let _ = write!(out, "<th scope=\"col\">{name}</th>");
        }
        out.push_str("<th scope=\"col\">title changed</th><th scope=\"col\">Redline</th></tr></thead>\n<tbody>\n");
        for (k, pair) in session.pairs.iter().enumerate() {
            out.push_str("<tr><td>");
            escape::html(&mut out, &short_address(&pair.old, old));
            out.push_str("</td><td>");
            escape::html(&mut out, &short_address(&pair.new, new));
            out.push_str("</td><td dir=\"auto\">");
            escape::html(&mut out, pair.new.title.as_deref().unwrap_or("—"));
            out.push_str("</td>");
            for (_, count) in plan::summary_counts(&pair.summary) {
                let _ = write!(out, "<td class=\"count\">{count}</td>");
            }
            let _ = writeln!(
                out,
                "<td>{}</td><td><a href=\"#pair-{}\">{}</a></td></tr>",
                if pair.title_changed { "yes" } else { "no" },
                k + 1,
                if pair.identical {
                    "identical"
                } else {
                    "redline"
                }
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    for side in [Side::Old, Side::New] {
        let loose: Vec<&Unpaired> = session.unpaired.iter().filter(|u| u.side == side).collect();
        if loose.is_empty() {
            continue;
        }
        let folder = folder_of(session, side);
        let other = folder_of(session, other_side(side));
        out.push_str("<h2>Unpaired in ");
        escape::html(&mut out, folder);
        out.push_str("</h2>\n<table class=\"unpaired\">\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Title</th><th scope=\"col\">Closest title</th><th scope=\"col\">Similarity</th></tr></thead>\n<tbody>\n");
        for unpaired in loose {
            out.push_str("<tr><td>");
            escape::html(&mut out, &short_address(&unpaired.unit, folder));
            out.push_str("</td><td dir=\"auto\">");
            escape::html(&mut out, unpaired.unit.title.as_deref().unwrap_or("—"));
            out.push_str("</td><td dir=\"auto\">");
            match &unpaired.closest {
                Some(c) => {
                    escape::html(&mut out, &closest_address(c, other));
                    out.push_str(": ");
                    escape::html(&mut out, c.title.as_deref().unwrap_or("—"));
                    let _ = write!(
                        out,
                        "</td><td class=\"count\">{:.3}</td></tr>",
                        c.similarity
                    );
                }
                None => out.push_str("—</td><td class=\"count\">—</td></tr>"),
            }
            out.push('\n');
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !session.skipped.is_empty() {
        out.push_str("<h2>Skipped, not compared</h2>\n<table class=\"skipped\">\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
        for skipped in &session.skipped {
            out.push_str("<tr><td>");
            escape::html(&mut out, &skipped.file);
            out.push_str("</td><td>");
            escape::html(&mut out, &skipped.reason);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !session.pairs.is_empty() {
        out.push_str("<h2>Redlines</h2>\n");
        html::write_filter(&mut out);
    }
    for (k, pair) in session.pairs.iter().enumerate() {
        let _ = write!(
            out,
            "<details class=\"redline\" id=\"pair-{}\">\n<summary>",
            k + 1
        );
        escape::html(&mut out, &short_address(&pair.old, old));
        out.push_str(" → ");
        escape::html(&mut out, &short_address(&pair.new, new));
        out.push_str(": ");
        escape::html(&mut out, &pair_counts(pair));
        out.push_str("</summary>\n<p class=\"command\"><code>");
        escape::html(&mut out, &pair.command);
        out.push_str("</code></p>\n");
        for (c, comparison) in pair.comparisons.iter().enumerate() {
            // Ids unique in the page: each pair's, and each comparison's within it.
            let prefix = format!("p{}-c{}-", k + 1, c + 1);
            html::write_comparison(&mut out, comparison, options, &prefix);
        }
        out.push_str("</details>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// What the session page adds to the redline page's style sheet.
const SESSION_STYLE: &str = r#"
main.session { max-width: 100rem; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
details.redline { border: 1px solid var(--rule); border-radius: 6px; padding: .5rem 1rem; margin: 0 0 1rem; }
details.redline > summary { cursor: pointer; font-weight: 600; }
.command code { font-size: .85rem; overflow-wrap: anywhere; }
@media print { details.redline::details-content { content-visibility: visible; display: contents; } }
"#;
