//! Issue #20, "Nothing hidden": the title, chapeau, sponsors and footnotes of real texts are
//! compared like the paragraphs. A material edit to any of them makes `diff` exit 1 and shows
//! in the redline under its own id (`TITLE`, `CHAPEAU`, `SPONSORS`, `FN<n>`); footnotes keep
//! their link when their numbers shift.

use crate::common::{bin, fixture, fixture_text, scratch, stdout_of};
use resdiff::compare::Comparison;
use resdiff::render::{self, Format, RenderOptions};
use resdiff::{AlignOptions, Document, Instrument};

/// The resolution of 2023, whose title, chapeau and footnotes the edits change.
const RESOLUTION: &str = "corpus/2023-A-RES-78-229.txt";

/// The 2018 draft, whose sponsors line the sponsors test edits.
const DRAFT: &str = "corpus/2018-A-C3-73-revised-draft.txt";

/// `text` with `from` (which must occur exactly once, so that the edit lands where meant)
/// replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
    text.replacen(from, to, 1)
}

/// Runs `resdiff diff OLD NEW --format FORMAT [extra]` on two texts written to a scratch
/// folder; returns the exit code and the standard output.
fn diff(name: &str, old: &str, new: &str, format: &str, extra: &[&str]) -> (i32, String) {
    let tmp = scratch(&format!("hidden-{name}"));
    let dir = tmp.path();
    let (old_path, new_path) = (dir.join("old.txt"), dir.join("new.txt"));
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let output = bin()
        .arg("diff")
        .arg(&old_path)
        .arg(&new_path)
        .args(["--format", format])
        .args(extra)
        .output()
        .unwrap();
    let code = output.status.code().expect("exit code");
    assert_ne!(code, 2, "{}", String::from_utf8_lossy(&output.stderr));
    (code, stdout_of(output, code))
}

/// The changes of the one comparison of a JSON output.
fn json_changes(json: &str) -> Vec<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["schema_version"], 2);
    let comparisons = value["comparisons"].as_array().unwrap();
    assert_eq!(comparisons.len(), 1);
    comparisons[0]["changes"].as_array().unwrap().clone()
}

/// The change whose new side (else old side) is `[id]`.
fn change_of<'a>(changes: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    changes
        .iter()
        .find(|c| {
            let side = if c["new"].as_array().unwrap().is_empty() {
                &c["old"]
            } else {
                &c["new"]
            };
            side == &serde_json::json!([id])
        })
        .unwrap_or_else(|| panic!("no change for {id}"))
}

/// One edit of the real resolution and what it must show.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    /// The id of the change in JSON.
    id: &'static str,
    /// The heading of the change in the text format.
    heading: &'static str,
    /// The redline of the edit in the text format.
    redline: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "title",
        from: "78/229. Strengthening",
        to: "78/229. Weakening",
        id: "TITLE",
        heading: "TITLE · reworded",
        redline: "[-Strengthening-]{+Weakening+} the United Nations crime prevention",
    },
    Case {
        name: "chapeau",
        from: "***The General Assembly,*",
        to: "***The Economic and Social Council,*",
        id: "CHAPEAU",
        heading: "CHAPEAU · rewritten",
        redline: "The [-General Assembly-]{+Economic and Social Council+},",
    },
    Case {
        name: "footnote",
        from: "Council, 2016, Supplement No. 10 (E/2016/30)",
        to: "Council, 2019, Supplement No. 10 (E/2016/30)",
        id: "FN10",
        heading: "FN10 · reworded",
        redline: "Economic and Social Council, [-2016-]{+2019+}, Supplement No. 10",
    },
];

#[test]
fn title_chapeau_and_footnote_edits_exit_1_and_show() {
    let original = fixture_text(RESOLUTION);
    for case in CASES {
        let edited = edit(&original, case.from, case.to);
        let (code, text) = diff(case.name, &original, &edited, "text", &[]);
        assert_eq!(code, 1, "{}: {text}", case.name);
        assert!(text.contains(case.heading), "{}: {text}", case.name);
        assert!(text.contains(case.redline), "{}: {text}", case.name);
        // Nothing else changed: the summary counts this one change and the unchanged rest.
        assert!(
            text.contains("0 moved, 0 split, 0 merged, 0 added, 0 removed"),
            "{}: {text}",
            case.name
        );

        let (code, json) = diff(case.name, &original, &edited, "json", &[]);
        assert_eq!(code, 1);
        let changes = json_changes(&json);
        let change = change_of(&changes, case.id);
        assert_eq!(change["old"], serde_json::json!([case.id]), "{}", case.name);
        assert_ne!(change["kind"], "unchanged", "{}", case.name);
        let changed: Vec<&serde_json::Value> = changes
            .iter()
            .filter(|c| c["kind"] != "unchanged")
            .collect();
        assert_eq!(changed, [change], "{}: one change only", case.name);

        for format in ["markdown", "html"] {
            let (code, page) = diff(case.name, &original, &edited, format, &[]);
            assert_eq!(code, 1);
            assert!(page.contains(case.id), "{} {format}: {page}", case.name);
        }
    }
}

#[test]
fn identical_real_text_exits_0() {
    let original = fixture_text(RESOLUTION);
    for format in ["text", "json"] {
        let (code, out) = diff("same", &original, &original, format, &[]);
        assert_eq!(code, 0, "{out}");
    }
}

#[test]
fn title_chapeau_and_footnotes_come_first_and_last_in_json() {
    let original = fixture_text(RESOLUTION);
    let (_, json) = diff("order", &original, &original, "json", &[]);
    let changes = json_changes(&json);
    let ids: Vec<&str> = changes
        .iter()
        .map(|c| c["new"][0].as_str().unwrap())
        .collect();
    assert_eq!(ids[..5], ["NUMBER", "TITLE", "CHAPEAU", "ADOPTION", "PP1"]);
    assert_eq!(ids.last(), Some(&"FN53"));
    let first_footnote = ids.iter().position(|id| id.starts_with("FN")).unwrap();
    assert!(
        ids[first_footnote..].iter().all(|id| id.starts_with("FN")),
        "{ids:?}"
    );
    assert_eq!(ids.len() - first_footnote, 53);
}

/// Renumbers every footnote mark and footnote line numbered `from` or more up by one.
fn shift_footnotes(text: &str, from: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digit = |c: char| DIGITS.iter().position(|&d| d == c);
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let number: u32 = run
            .chars()
            .map(|c| char::from_digit(digit(c).unwrap() as u32, 10).unwrap())
            .collect::<String>()
            .parse()
            .unwrap();
        let number = if number >= from { number + 1 } else { number };
        out.extend(
            number
                .to_string()
                .chars()
                .map(|c| DIGITS[c.to_digit(10).unwrap() as usize]),
        );
        run.clear();
    };
    for c in text.chars() {
        if digit(c).is_some() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[test]
fn footnotes_keep_their_links_when_a_new_footnote_shifts_their_numbers() {
    let original = fixture_text(RESOLUTION);
    // A new paragraph citing a new footnote 2 after PP1: the old footnotes 2..53 become 3..54.
    let shifted = shift_footnotes(&original, 2);
    let edited = edit(
        &shifted,
        "\n\nReaffirming also its resolutions relating to the urgent need",
        "\n\nRecalling its resolution 77/1 on the review of the programme,²\n\nReaffirming also its resolutions relating to the urgent need",
    );
    let edited = edit(
        &edited,
        "¹ United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574.\n",
        "¹ United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574.\n\n² Resolution 77/1, annex.\n",
    );
    let (code, json) = diff("shift", &original, &edited, "json", &[]);
    assert_eq!(code, 1);
    let changes = json_changes(&json);
    let added = change_of(&changes, "FN2");
    assert_eq!(added["kind"], "added");
    assert_eq!(
        added["redline"],
        serde_json::json!([{"op": "insert", "text": "Resolution 77/1, annex."}])
    );
    for old in 2..=53 {
        let new = format!("FN{}", old + 1);
        let change = change_of(&changes, &new);
        assert_eq!(
            change["old"],
            serde_json::json!([format!("FN{old}")]),
            "{new}"
        );
        assert_eq!(change["kind"], "unchanged", "{new}");
        assert_eq!(change["moved"], false, "{new}");
    }
    let (code, text) = diff("shift", &original, &edited, "text", &[]);
    assert_eq!(code, 1);
    assert!(text.contains("FN2 · added"), "{text}");
    assert!(text.contains("FN2–53→FN3–54"), "{text}");
}

#[test]
fn only_pp_or_op_leaves_out_the_title_but_the_exit_status_counts_it() {
    let original = fixture_text(RESOLUTION);
    let edited = edit(&original, CASES[0].from, CASES[0].to);
    let (code, text) = diff("only", &original, &edited, "text", &["--only", "op"]);
    assert_eq!(code, 1);
    assert!(!text.contains("TITLE ·"), "{text}");
    assert!(text.contains("summary: 93 unchanged, 0 reworded"), "{text}");
}

#[test]
fn html_escapes_an_edited_title() {
    let original = fixture_text(RESOLUTION);
    let edited = edit(
        &original,
        CASES[0].from,
        "78/229. a<b & \"c\" Strengthening",
    );
    let (code, html) = diff("html", &original, &edited, "html", &[]);
    assert_eq!(code, 1);
    assert!(!html.contains("a<b"), "{html}");
    assert!(
        html.contains("inserted: </span>a&lt;b &amp; &quot;c&quot; </ins>Strengthening"),
        "{html}"
    );
}

/// The line of the draft naming its sponsors ("Albania, Antigua and Barbuda, ...: draft
/// resolution").
fn sponsors_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|line| line.starts_with("Albania, Antigua and Barbuda"))
        .expect("the sponsors line of the 2018 draft");
    line.trim().to_owned()
}

/// The draft of 2018 with these sponsors, whatever the parser found.
fn draft_with_sponsors(document: &Document, sponsors: Option<String>) -> Instrument {
    Instrument {
        sponsors,
        ..document.instruments[0].clone()
    }
}

fn render_text(comparison: &Comparison) -> String {
    let mut out = Vec::new();
    render::render(
        std::slice::from_ref(comparison),
        Format::Text,
        &RenderOptions::default(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn render_json(comparison: &Comparison) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    render::render(
        std::slice::from_ref(comparison),
        Format::Json,
        &RenderOptions::default(),
        &mut out,
    )
    .unwrap();
    json_changes(&String::from_utf8(out).unwrap())
}

#[test]
fn a_sponsor_dropped_from_the_real_list_shows() {
    let text = fixture_text(DRAFT);
    let document = resdiff::read_document(fixture(DRAFT).to_str().unwrap(), u64::MAX).unwrap();
    let sponsors = sponsors_line(&text);
    let fewer = edit(&sponsors, "Belarus, ", "");
    let old = draft_with_sponsors(&document, Some(sponsors.clone()));
    let new = draft_with_sponsors(&document, Some(fewer));
    let options = AlignOptions::default();

    let comparison = Comparison::new(&document, &old, &document, &new, &options);
    assert!(!comparison.is_identical());
    let shown = render_text(&comparison);
    assert!(shown.contains("SPONSORS · reworded"), "{shown}");
    assert!(shown.contains("Austria, [-Belarus, -]Belgium"), "{shown}");
    let changes = render_json(&comparison);
    assert_eq!(change_of(&changes, "SPONSORS")["kind"], "reworded");

    // Sponsors in the new version only: added; the same sponsors: nothing to show.
    let bare = draft_with_sponsors(&document, None);
    let comparison = Comparison::new(&document, &bare, &document, &old, &options);
    assert!(!comparison.is_identical());
    assert!(
        render_text(&comparison).contains("SPONSORS · added"),
        "{}",
        render_text(&comparison)
    );
    let comparison = Comparison::new(&document, &old, &document, &old, &options);
    assert!(comparison.is_identical());
    assert_eq!(comparison.changes[0].change.new[0].to_string(), "TITLE");
    assert_eq!(comparison.changes[1].change.new[0].to_string(), "SPONSORS");
}

/// The report of 2016, which holds four draft resolutions and a draft decision.
const REPORT: &str = "corpus/2016-A-71-third-committee-report.txt";

/// The report without its draft resolution II: the lines from its label to the label of
/// draft resolution III.
fn report_without_draft_ii(report: &str) -> String {
    let start = report
        .find("\n## **Draft resolution II**\n")
        .expect("draft resolution II");
    let end = report
        .find("\n**Draft resolution III**")
        .expect("draft resolution III");
    format!("{}{}", &report[..start], &report[end..])
}

/// Runs `resdiff diff OLD NEW --format docx` into a scratch file; the exit code and the
/// text of the document with its tracked changes accepted and rejected.
fn diff_docx(name: &str, old: &str, new: &str) -> (i32, String, String) {
    use resdiff::read::{TrackedChanges, document_text_with};
    let tmp = scratch(&format!("hidden-{name}"));
    let dir = tmp.path();
    let (old_path, new_path, out) = (
        dir.join("old.txt"),
        dir.join("new.txt"),
        dir.join("redline.docx"),
    );
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let output = bin()
        .arg("diff")
        .arg(&old_path)
        .arg(&new_path)
        .args(["--format", "docx", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    let code = output.status.code().expect("exit code");
    assert_ne!(code, 2, "{}", String::from_utf8_lossy(&output.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let read = |changes| {
        document_text_with("redline.docx", &bytes, changes)
            .unwrap()
            .expect("a Word document")
    };
    (
        code,
        read(TrackedChanges::Accept),
        read(TrackedChanges::Reject),
    )
}

#[test]
fn a_draft_that_only_one_version_of_a_report_holds_shows_whole_and_exits_1() {
    let report = fixture_text(REPORT);
    let fewer = report_without_draft_ii(&report);
    let title = "United Nations African Institute for the Prevention of Crime";
    for (name, old, new, kind, absent, note) in [
        (
            "removed",
            &report,
            &fewer,
            "removed",
            "new",
            "instrument removed:",
        ),
        (
            "added",
            &fewer,
            &report,
            "added",
            "old",
            "instrument added:",
        ),
    ] {
        let (code, json) = diff(name, old, new, "json", &[]);
        assert_eq!(code, 1, "{name}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let comparisons = value["comparisons"].as_array().unwrap();
        let whole: Vec<&serde_json::Value> = comparisons
            .iter()
            .filter(|c| c[absent]["absent"] == true)
            .collect();
        assert_eq!(whole.len(), 1, "{name}: {json}");
        let present = if absent == "new" { "old" } else { "new" };
        assert_eq!(whole[0][present]["label"], "Draft resolution II", "{name}");
        assert_eq!(whole[0][absent]["label"], serde_json::Value::Null, "{name}");
        assert!(whole[0][present].get("absent").is_none(), "{name}");
        let changes = whole[0]["changes"].as_array().unwrap();
        assert!(changes.len() > 30, "{name}: every text of the draft");
        assert!(changes.iter().all(|c| c["kind"] == kind), "{name}");
        assert_eq!(whole[0]["summary"][kind], changes.len(), "{name}");
        // It stands where the draft stands: after draft resolution I.
        let position = comparisons
            .iter()
            .position(|c| c[absent]["absent"] == true)
            .unwrap();
        assert_eq!(
            comparisons[position - 1][present]["label"],
            "Draft resolution I",
            "{name}"
        );
        // The other drafts are the same.
        assert!(
            comparisons
                .iter()
                .filter(|c| c[absent].get("absent").is_none())
                .all(|c| c["changes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|change| change["kind"] == "unchanged")),
            "{name}"
        );

        let (code, text) = diff(name, old, new, "text", &[]);
        assert_eq!(code, 1);
        assert!(text.contains(note), "{name}: {text}");
        assert!(text.contains(" (none)"), "{name}: {text}");
        let marked = if kind == "added" {
            format!("{{+{title}")
        } else {
            format!("[-{title}")
        };
        assert!(text.contains(&marked), "{name}: {text}");
        for format in ["markdown", "html"] {
            let (code, page) = diff(name, old, new, format, &[]);
            assert_eq!(code, 1);
            assert!(page.contains(note), "{name} {format}");
            assert!(page.contains(title), "{name} {format}");
        }
        let (code, accepted, rejected) = diff_docx(name, old, new);
        assert_eq!(code, 1);
        assert!(accepted.contains(note) && rejected.contains(note), "{name}");
        let (with, without) = if kind == "added" {
            (&accepted, &rejected)
        } else {
            (&rejected, &accepted)
        };
        // The other drafts cite the institute too: the draft's own texts are the difference.
        assert!(
            with.matches(title).count() > without.matches(title).count(),
            "{name}"
        );
    }
}

#[test]
fn the_text_header_names_a_changed_title_once() {
    let original = fixture_text(RESOLUTION);
    let title = "the United Nations crime prevention and criminal justice programme";
    // Changed: the TITLE change says it, the header does not.
    let edited = edit(&original, CASES[0].from, CASES[0].to);
    let (_, text) = diff("title-once", &original, &edited, "text", &[]);
    assert_eq!(text.matches(title).count(), 1, "{text}");
    assert!(
        !text.contains("\nold: ") && !text.contains("\ntitle: "),
        "{text}"
    );
    // Hidden by --only: the header says it, old and new.
    let (_, text) = diff("title-only", &original, &edited, "text", &["--only", "op"]);
    assert!(text.contains("\nold: Strengthening"), "{text}");
    assert!(text.contains("\nnew: Weakening"), "{text}");
    // A typographic variant of the title is no change: one title, not an old and a new.
    let variant = edit(
        &original,
        "78/229. Strengthening",
        "78/229. Strength\u{ad}ening",
    );
    let (code, text) = diff("title-variant", &original, &variant, "text", &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("\ntitle: Strength"), "{text}");
    assert!(!text.contains("\nold: "), "{text}");
}

/// A footnote reference added to or dropped from a paragraph whose words stay is a change:
/// the paragraph now cites, or no longer cites, a source. It exits 1 and every format says
/// which footnotes each side cites.
#[test]
fn a_footnote_reference_added_or_dropped_shows_and_exits_1() {
    let original = fixture_text(RESOLUTION);
    // PP11 drops its reference to footnote 8, which nothing else cites.
    let dropped = edit(
        &original,
        "for Sustainable Development,⁸ which",
        "for Sustainable Development, which",
    );
    // PP12 cites footnote 8 too, after PP11: a second reference to it.
    let added = edit(
        &original,
        "sovereignty of States and in accordance",
        "sovereignty of States⁸ and in accordance",
    );
    for (name, new, id, references, shown) in [
        (
            "dropped",
            &dropped,
            "PP11",
            serde_json::json!({"old": [8], "new": [], "added": [], "dropped": [8]}),
            "footnote references: FN8 → none",
        ),
        (
            "added",
            &added,
            "PP12",
            serde_json::json!({"old": [], "new": [8], "added": [8], "dropped": []}),
            "footnote references: none → FN8",
        ),
    ] {
        let (code, json) = diff(&format!("reference-{name}"), &original, new, "json", &[]);
        assert_eq!(code, 1, "{name}");
        let changes = json_changes(&json);
        let change = change_of(&changes, id);
        assert_eq!(change["kind"], "reworded", "{name}");
        assert_eq!(change["references"], references, "{name}");
        // Its words did not change, and no other text did.
        assert!(
            change["redline"]
                .as_array()
                .unwrap()
                .iter()
                .all(|segment| segment["op"] == "equal"),
            "{name}"
        );
        let changed: Vec<&serde_json::Value> = changes
            .iter()
            .filter(|c| c["kind"] != "unchanged")
            .collect();
        assert_eq!(changed.len(), 1, "{name}: {changed:?}");
        for (format, expected) in [
            ("text", format!("{id} · reworded")),
            ("text", shown.to_owned()),
            ("markdown", format!("*{shown}*")),
            ("html", format!("<p class=\"note\">{shown}</p>")),
        ] {
            let (code, out) = diff(&format!("reference-{name}"), &original, new, format, &[]);
            assert_eq!(code, 1, "{name} {format}");
            assert!(out.contains(&expected), "{name} {format}: {out}");
        }
    }
    // Word: a footnote has one reference, at PP11, so the header says PP12's; accepting and
    // rejecting give the two texts.
    let (code, accepted, rejected) = diff_docx("reference-docx", &original, &added);
    assert_eq!(code, 1);
    let pp12 = "sovereignty of States and in accordance";
    let line = |text: &str| {
        text.lines()
            .find(|line| line.contains(pp12))
            .unwrap_or_else(|| panic!("no PP12 in {text}"))
            .to_owned()
    };
    assert_eq!(line(&accepted), line(&rejected));
    assert!(
        line(&accepted).ends_with("socioeconomic conditions,"),
        "{}",
        line(&accepted)
    );
    for text in [&accepted, &rejected] {
        assert!(
            text.lines()
                .any(|line| line == "footnote references of PP12: none → FN8"),
            "{text}"
        );
    }
}
