//! Every output format on a hand-built comparison of real 2018 → 2023 paragraphs: snapshots,
//! colour switches, options, determinism and escaping.

use crate::common;
use crate::render_support;

use resdiff::compare::{Comparison, Side};
use resdiff::render::{Format, HtmlLayout, RenderOptions, render};
use resdiff::{ChangeKind, Kind};

fn rendered(comparisons: &[Comparison], format: Format, options: &RenderOptions) -> String {
    let mut out = Vec::new();
    render(comparisons, format, options, &mut out).expect("render");
    String::from_utf8(out).expect("UTF-8 output")
}

fn options() -> RenderOptions {
    RenderOptions::default().with_width(80)
}

#[test]
fn text_snapshot() {
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Text,
        &options(),
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("text", out));
}

#[test]
fn markdown_snapshot() {
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Markdown,
        &options(),
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("markdown", out));
}

#[test]
fn html_snapshot() {
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Html,
        &options(),
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("html", out));
}

/// Each column of the side-by-side page is one side: the old with its deletions, the new
/// with its insertions; a paragraph only one side has leaves the other column empty.
#[test]
fn side_by_side_columns_hold_one_side_each() {
    let options = options().with_html_layout(HtmlLayout::SideBySide);
    let out = rendered(&[render_support::real_comparison()], Format::Html, &options);
    let pairs: Vec<(&str, &str)> = out
        .split("<div class=\"pair\"><p class=\"old\" dir=\"auto\">")
        .skip(1)
        .map(|rest| {
            let (old, rest) = rest
                .split_once("</p><p class=\"new\" dir=\"auto\">")
                .unwrap();
            (old, rest.split_once("</p></div>").unwrap().0)
        })
        .collect();
    assert!(pairs.len() > 10, "{out}");
    for (old, new) in &pairs {
        assert!(
            !old.contains("<ins>") && !new.contains("<del>"),
            "{old}\n{new}"
        );
    }
    assert!(pairs.iter().any(|(old, _)| old.contains("<del>")));
    assert!(pairs.iter().any(|(_, new)| new.contains("<ins>")));
    assert!(
        pairs
            .iter()
            .any(|(old, new)| old.is_empty() && !new.is_empty())
    );
    assert!(!out.contains("<p dir=\"auto\">"), "an inline paragraph");
    common::snapshot_settings().bind(|| insta::assert_snapshot!("html_side_by_side", out));
}

#[test]
fn terminal_snapshot_without_colour() {
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Terminal,
        &options(),
    );
    common::snapshot_settings().bind(|| insta::assert_snapshot!("terminal_80", out));
}

#[test]
fn json_has_schema_version_and_rounded_similarity() {
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Json,
        &options(),
    );
    assert!(out.ends_with("}\n"));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["schema_version"], resdiff::render::SCHEMA_VERSION);
    assert_eq!(resdiff::render::SCHEMA_VERSION, 2);
    let comparison = &value["comparisons"][0];
    assert_eq!(comparison["old"]["file"], "73-draft.txt");
    let change = &comparison["changes"][0];
    for key in ["kind", "old", "new", "similarity", "moved", "redline"] {
        assert!(change.get(key).is_some(), "missing {key}");
    }
    for change in comparison["changes"].as_array().unwrap() {
        let similarity = change["similarity"].as_f64().unwrap();
        assert_eq!((similarity * 1000.0).round() / 1000.0, similarity);
    }
}

#[test]
fn colour_only_when_asked() {
    let comparisons = [render_support::real_comparison()];
    for format in Format::ALL {
        let out = rendered(&comparisons, format, &options());
        assert!(!out.contains('\x1b'), "{format:?} without colour");
    }
    let colour = options().with_color(true);
    let terminal = rendered(&comparisons, Format::Terminal, &colour);
    assert!(terminal.contains("\x1b[31;9m") && terminal.contains("\x1b[32;4m"));
    assert!(!terminal.contains("[-") && !terminal.contains("{+"));
    // Colour is for the terminal format only; the others never carry escape codes.
    for format in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
        assert!(!rendered(&comparisons, format, &colour).contains('\x1b'));
    }
}

#[test]
fn terminal_wraps_to_the_width() {
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Terminal,
        &options(),
    );
    for line in out.lines() {
        let longest_word = line
            .split(' ')
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        assert!(
            line.chars().count() <= 80 || longest_word > 78,
            "too wide: {line}"
        );
    }
    let colour = options().with_color(true).with_width(60);
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Terminal,
        &colour,
    );
    for line in out.lines() {
        let plain = strip_ansi(line);
        assert!(plain.chars().count() <= 60, "too wide: {plain}");
    }
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn rendering_is_deterministic() {
    let comparisons = [
        render_support::real_comparison(),
        render_support::real_comparison(),
    ];
    for format in Format::ALL {
        let first = rendered(&comparisons, format, &options());
        assert_eq!(
            rendered(&comparisons, format, &options()),
            first,
            "{format:?}"
        );
    }
}

#[test]
fn unchanged_paragraphs_are_counted_shown_or_used_as_context() {
    let comparison = render_support::real_comparison();
    let unchanged = comparison
        .changes
        .iter()
        .filter(|c| c.change.kind == ChangeKind::Unchanged)
        .count();
    assert!(unchanged >= 2);
    let out = rendered(std::slice::from_ref(&comparison), Format::Text, &options());
    assert!(out.contains("… 1 unchanged paragraph\n"), "{out}");
    assert!(!out.contains("· unchanged"));
    let all = options().with_show_unchanged(true);
    let out = rendered(std::slice::from_ref(&comparison), Format::Text, &all);
    assert_eq!(out.matches("· unchanged").count(), unchanged);
    assert!(!out.contains("unchanged paragraph"));
    let context = options().with_context(1);
    let out = rendered(&[comparison], Format::Text, &context);
    assert!(out.contains("· unchanged"));
}

#[test]
fn only_restricts_to_one_kind() {
    let comparison = render_support::real_comparison();
    let op = options().with_only(Some(Kind::Operative));
    let out = rendered(std::slice::from_ref(&comparison), Format::Text, &op);
    assert!(out.contains("\nOP92 (was OP63) · reworded\n"));
    assert!(!out.contains("\nPP"), "{out}");
    let pp = options().with_only(Some(Kind::Preambular));
    let out = rendered(std::slice::from_ref(&comparison), Format::Text, &pp);
    assert!(out.contains("\nwas PP4 · removed\n"));
    assert!(!out.contains("\nOP"), "{out}");

    // The summary counts what is shown: the kinds' counts add up to the whole.
    let all = comparison.summary;
    let counted = |options: &RenderOptions| -> usize {
        let out = rendered(std::slice::from_ref(&comparison), Format::Text, options);
        let line = out.lines().find(|l| l.starts_with("summary: ")).unwrap();
        line["summary: ".len()..]
            .split(", ")
            .map(|part| part.split(' ').next().unwrap().parse::<usize>().unwrap())
            .sum()
    };
    let total = all.unchanged + all.reworded + all.rewritten + all.moved + all.split;
    let total = total + all.merged + all.added + all.removed;
    assert_eq!(counted(&options()), total);
    let (ops, pps) = (counted(&op), counted(&pp));
    assert!(ops > 0 && pps > 0 && ops < total);
    assert_eq!(ops + pps, total);
}

/// JSON honours `--only` as the other formats do, and says it was narrowed.
#[test]
fn only_restricts_json_too() {
    let comparison = render_support::real_comparison();
    let json = |only: Option<Kind>| -> serde_json::Value {
        let options = options().with_only(only);
        let out = rendered(std::slice::from_ref(&comparison), Format::Json, &options);
        serde_json::from_str(&out).unwrap()
    };
    let all = json(None);
    assert_eq!(all["only"], serde_json::Value::Null);
    let pp = json(Some(Kind::Preambular));
    assert_eq!(pp["only"], "preambular");
    let changes = pp["comparisons"][0]["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for change in changes {
        // Filed under its new id, or its old one when removed.
        let side = if change["new"].as_array().unwrap().is_empty() {
            "old"
        } else {
            "new"
        };
        let id = change[side][0].as_str().unwrap();
        assert!(id.starts_with("PP"), "{change}");
    }
    let summary = &pp["comparisons"][0]["summary"];
    let counted: u64 = ["unchanged", "reworded", "rewritten", "added", "removed"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum();
    assert_eq!(counted, changes.len() as u64);
    let all_changes = all["comparisons"][0]["changes"].as_array().unwrap().len();
    assert!(changes.len() < all_changes);
}

#[test]
fn headings_name_moves_renumberings_and_splits() {
    let out = rendered(
        &[render_support::real_comparison()],
        Format::Text,
        &options(),
    );
    for expected in [
        "\nOP27, was OP11 (moved) · reworded\n",
        "\nOP17 (was OP12) · reworded\n",
        "\nOP67 + OP68 (split) · reworded\n",
        "\nPP3 · added\n",
        "\nwas OP52 · removed\n",
        "\n(old OP11 stood here; moved down to OP27)\n",
        "renumbered: PP6–8→PP7–9, PP12→PP13, OP12→OP17, OP31–32→OP41–42",
    ] {
        let expected = expected.replace("OP67 + OP68", "OP49 → OP67 + OP68");
        assert!(out.contains(&expected), "missing {expected:?} in\n{out}");
    }
}

/// Hostile strings in every place a document or user can put text.
const HOSTILE: [&str; 5] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\" onmouseover=\"x",
    "it's",
    "javascript:alert(1)",
];

fn hostile_comparison() -> Comparison {
    let text = HOSTILE.join(" ");
    let old = render_support::instrument(
        Some(&text),
        Some(&text),
        &[
            (render_support::id("OP1"), "Requests <b>x</b> & it's"),
            (render_support::id("OP2"), &text),
        ],
    );
    let new = render_support::instrument(
        Some(&text),
        Some(&text),
        &[
            (render_support::id("OP1"), &format!("Requests {text}")),
            (render_support::id("OP2"), &text),
        ],
    );
    let alignment = resdiff::Alignment {
        changes: vec![
            render_support::change(&old, &new, ChangeKind::Reworded, &["OP1"], &["OP1"], false),
            render_support::change(&old, &new, ChangeKind::Reworded, &["OP2"], &["OP2"], true),
        ],
    };
    let side = || Side {
        file: format!("{text}.txt"),
        label: Some(text.clone()),
        title: Some(text.clone()),
        symbol: Some(text.clone()),
        adopted: Some(text.clone()),
        footnote_references: Vec::new(),
        absent: false,
    };
    render_support::comparison(&old, &new, &alignment, side(), side())
}

#[test]
fn html_escapes_everything_from_the_documents() {
    let out = rendered(&[hostile_comparison()], Format::Html, &options());
    for raw in ["<script", "<img", "\" onmouseover", "it's", "<b>"] {
        assert!(!out.contains(raw), "unescaped {raw:?}");
    }
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(out.contains("&quot; onmouseover=&quot;x"));
    assert!(out.contains("it&#39;s"));
    // Every tag of the page is one the renderer writes, with no event handler, no script
    // URL and no external resource.
    for tag in tags(&out) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            ALLOWED_TAGS.contains(&name.to_ascii_lowercase().as_str()),
            "tag <{tag}>"
        );
        let lower = tag.to_ascii_lowercase();
        assert!(!lower.contains(" on"), "handler in <{tag}>");
        assert!(!lower.contains("javascript:"), "script URL in <{tag}>");
        assert!(
            !lower.contains("src=") && !lower.contains("http"),
            "resource in <{tag}>"
        );
    }
}

/// The tags the HTML renderer writes.
const ALLOWED_TAGS: [&str; 35] = [
    "!doctype", "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p",
    "article", "table", "caption", "thead", "tbody", "tr", "th", "td", "nav", "ol", "li", "a",
    "section", "span", "del", "ins", "fieldset", "legend", "label", "input", "details", "summary",
    "div",
];

/// The insides of every `<...>` of `html` (the style sheet skipped).
fn tags(html: &str) -> Vec<&str> {
    let (head, rest) = html.split_once("<style>").unwrap();
    let (_, body) = rest.split_once("</style>").unwrap();
    let mut found = Vec::new();
    for part in [head, body] {
        let mut rest = part;
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').expect("closed tag") + start;
            found.push(&rest[start + 1..end]);
            rest = &rest[end + 1..];
        }
    }
    found
}

#[test]
fn markdown_escapes_everything_from_the_documents() {
    let out = rendered(&[hostile_comparison()], Format::Markdown, &options());
    for raw in ["<script", "<img", "<b>"] {
        assert!(!out.contains(raw), "unescaped {raw:?}");
    }
    assert!(out.contains("&lt;script&gt;"));
}

#[test]
fn no_comparison_renders_without_panic() {
    for format in Format::ALL {
        let out = rendered(&[], format, &options());
        if format == Format::Json {
            assert!(out.contains("\"comparisons\": []"));
        }
    }
}

#[test]
fn html_anchors_stay_unique_across_comparisons() {
    let comparisons = [
        render_support::real_comparison(),
        render_support::real_comparison(),
    ];
    let out = rendered(&comparisons, Format::Html, &options());
    assert!(out.contains("id=\"new-OP27\"") && out.contains("id=\"c2-new-OP27\""));
    assert!(out.contains("href=\"#c2-origin-OP11\""));
    let mut ids: Vec<&str> = out
        .split(" id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
}
