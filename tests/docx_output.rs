//! Word out: `diff --format docx --output FILE` writes a package that an independent reader
//! (Python's zipfile and XML parser, `tests/docx_read.py`) opens (every part well-formed,
//! with a content type, every relationship's target present), and whose tracked changes,
//! all accepted, give the new text paragraph for paragraph and, all rejected, the old text,
//! word for word. The reader applies the WordprocessingML rules itself: text in `w:ins` or
//! `w:moveTo` is new, in `w:del` or `w:moveFrom` old, and a paragraph mark tracked as
//! inserted or deleted joins its paragraph to the next on the side that lacks it; every
//! moved paragraph is one move, its two places in ranges paired by name. Then the same with a real client:
//! headless LibreOffice accepts and rejects all changes (`tests/docx_libreoffice.py`, through
//! UNO). Each skips visibly without python3, or without LibreOffice and python3-uno.
//!
//! Both run on the real pair 2018 -> 2023 and on the same pair with a 2018 that prints some
//! of the text both share in other typographic forms (straight quotes for curly ones,
//! no-break spaces, a ligature, a soft hyphen, in paragraphs and footnotes): rejecting all
//! still gives that 2018 exactly, accepting all 2023.

use crate::common;

use std::process::Command;

const OLD: &str = "corpus/2018-A-C3-73-revised-draft.txt";
const NEW: &str = "corpus/2023-A-RES-78-229.txt";
/// `OLD` with some of the text it shares with `NEW` printed in other typographic forms, by
/// hand: straight quotes for PP4's curly ones, a curly apostrophe in OP11 (a moved
/// paragraph), a non-breaking hyphen, no-break spaces and two spaces and a tab for spaces in
/// PP9, a soft hyphen in PP10, the ligatures `ﬀ` and `ﬁ` in PP28, and no-break and narrow
/// no-break spaces in footnotes 2, 15 and 27. (Not among the corpus texts, which the trace
/// reads as a corpus.)
const TYPOGRAPHIC_OLD: &str = "docx/2018-A-C3-73-revised-draft-typographic.txt";

/// The pairs written: the real one, and the one whose shared text differs in typography.
const PAIRS: [(&str, &str); 2] = [(OLD, NEW), (TYPOGRAPHIC_OLD, NEW)];

fn write_docx(out: &std::path::Path, (old, new): (&str, &str)) -> std::process::Output {
    common::bin()
        // The instruments picked, so that the document holds their comparison alone (the
        // mastheads, outside the instruments, are compared apart).
        .args(["diff", "--old-instrument", "1", "--new-instrument", "1"])
        .args(["--format", "docx", "--output"])
        .arg(out)
        .arg(common::fixture(old))
        .arg(common::fixture(new))
        .output()
        .unwrap()
}

/// The texts of the instrument of `name` (title, chapeau, paragraphs, footnotes ...), as
/// the parser gives them.
fn paragraphs(name: &str) -> Vec<String> {
    let document =
        resdiff::read_document(common::fixture(name).to_str().unwrap(), u64::MAX).unwrap();
    document.instruments[0]
        .texts()
        .map(|(_, text)| text.to_owned())
        .collect()
}

/// The body paragraphs below the summary, with the ids and tab that open a change cut off.
fn body(paragraphs: &[String]) -> Vec<String> {
    let start = paragraphs
        .iter()
        .position(|p| p.starts_with("summary: "))
        .expect("a summary")
        + 1;
    paragraphs[start..]
        .iter()
        .map(|p| match p.split_once('\t') {
            Some((_ids, text)) => text.to_owned(),
            None => p.clone(),
        })
        .collect()
}

/// The ids of the moved paragraphs (not footnotes) in the comparison the test writes, as
/// the Word document opens them at their new place ("PP32", "OP3+OP4").
fn moved_paragraphs((old, new): (&str, &str)) -> Vec<String> {
    let read = |name| resdiff::read_document(common::fixture(name).to_str().unwrap(), u64::MAX);
    let (old, new) = (read(old).unwrap(), read(new).unwrap());
    let comparisons = resdiff::compare_documents(
        &old,
        &new,
        Some("1"),
        Some("1"),
        &resdiff::AlignOptions::default(),
    )
    .unwrap();
    let moved: Vec<String> = comparisons[0]
        .changes
        .iter()
        // A moved footnote is a Word footnote, its reference where its paragraph is.
        .filter(|c| {
            c.change.moved
                && c.change
                    .new
                    .iter()
                    .all(|id| id.kind != resdiff::Kind::Footnote)
        })
        .map(|c| {
            let ids: Vec<String> = c.change.new.iter().map(ToString::to_string).collect();
            ids.join("+")
        })
        .collect();
    assert!(!moved.is_empty(), "the pair has moved paragraphs to write");
    moved
}

/// The texts of one side of a reader's JSON.
fn side(read: &serde_json::Value, key: &str) -> Vec<String> {
    read[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect()
}

/// All accepted gives the new paragraphs and footnotes and all rejected the old ones,
/// exactly.
///
/// The paragraphs stand in the comparison's order: new-text order, except that the parts
/// of a split (or merge) that the text separates stand together, and a removed paragraph
/// stands where it was cut. So they are compared as sorted lists.
fn assert_both_sides(read: &serde_json::Value, (old, new): (&str, &str)) {
    for (key, name) in [("accepted", new), ("rejected", old)] {
        // The footnotes written as Word footnotes, and those left as paragraphs after the
        // body, are the footnotes of the text.
        let mut got = body(&side(read, key));
        got.extend(side(read, &format!("{key}_notes")));
        let mut expected = paragraphs(name);
        got.sort();
        expected.sort();
        assert_same_paragraphs(&format!("{old} -> {new}, {key}"), &got, &expected);
    }
}

/// Asserts that two lists of paragraphs are the same, showing the first that differs.
fn assert_same_paragraphs(what: &str, got: &[String], expected: &[String]) {
    if let Some(at) = (0..got.len().max(expected.len())).find(|&i| got.get(i) != expected.get(i)) {
        panic!(
            "{what}: {} paragraphs, {} expected; first difference at {at}:\n  got:      {:?}\n  expected: {:?}",
            got.len(),
            expected.len(),
            got.get(at),
            expected.get(at)
        );
    }
}

#[test]
fn accept_all_gives_the_new_text_and_reject_all_the_old() {
    if Command::new("python3").arg("--version").output().is_err() {
        println!("skipping the independent reader: python3 not found");
        return;
    }
    let tmp = common::scratch("docx-accept");
    let dir = tmp.path();
    for pair in PAIRS {
        let out = dir.join("redline.docx");
        let output = write_docx(&out, pair);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.stdout.is_empty());
        let reader = Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/docx_read.py"))
            .arg(&out)
            .output()
            .unwrap();
        let read: serde_json::Value = serde_json::from_str(&common::stdout_of(reader, 0)).unwrap();
        assert_eq!(read["author"], "resdiff");
        assert!(read["changes"].as_u64().unwrap() > 10, "{read}");
        // Every moved paragraph is a tracked move, its two places paired by name.
        // Moved footnotes left as paragraphs after the body are moves too.
        assert!(
            read["moves"].as_u64().unwrap() >= moved_paragraphs(pair).len() as u64,
            "{read}"
        );
        // Footnotes are Word footnotes, an edited one with its changes tracked inside.
        assert!(!side(&read, "accepted_notes").is_empty(), "{read}");
        assert!(read["notes_with_changes"].as_u64().unwrap() > 0, "{read}");
        assert_both_sides(&read, pair);
        // The header names every paragraph whose footnote references changed.
        let accepted = side(&read, "accepted");
        let named = accepted
            .iter()
            .take_while(|p| !p.starts_with("summary: "))
            .filter(|p| p.starts_with("footnote references of "))
            .count();
        assert_eq!(named, references_changed(pair), "{accepted:?}");
        assert!(named > 0);
    }
}

/// How many changes of the JSON comparison of `pair` say that their footnote references
/// changed.
fn references_changed((old, new): (&str, &str)) -> usize {
    let output = common::bin()
        .args(["diff", "--old-instrument", "1", "--new-instrument", "1"])
        .args(["--format", "json"])
        .arg(common::fixture(old))
        .arg(common::fixture(new))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&common::stdout_of(output, 1)).unwrap();
    json["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["changes"].as_array().unwrap())
        .filter(|change| change.get("references").is_some())
        .count()
}

/// The python3 that can drive LibreOffice (it needs the `uno` module of python3-uno,
/// installed for the system's python3), if there is one and `soffice` too.
fn libreoffice_python() -> Option<&'static str> {
    Command::new("soffice").arg("--version").output().ok()?;
    ["python3", "/usr/bin/python3"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import uno"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

// Run alone (`.ci/run` does, after the suite): while the rest of the suite runs beside it,
// LibreOffice 7.4 here hands back no document for the redline it opens fine alone (seen on
// every full run after the typographic pair was added; cause not yet found).
#[test]
#[ignore = "run alone: cargo test --test integration -- --ignored docx_output::libreoffice"]
fn libreoffice_accepts_and_rejects_as_the_texts_say() {
    let Some(python) = libreoffice_python() else {
        println!("skipping: LibreOffice (soffice) with python3-uno not found");
        return;
    };
    let tmp = common::scratch("docx-libreoffice");
    let dir = tmp.path();
    for pair in PAIRS {
        let out = dir.join("redline.docx");
        write_docx(&out, pair);
        let office = || {
            Command::new(python)
                .arg(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/docx_libreoffice.py"
                ))
                .arg(&out)
                .output()
                .unwrap()
        };
        // LibreOffice's own process sometimes dies under load in the middle of a session
        // (its bridge reports "disposed"), or hands back no document; the same file then
        // reads fine. Another attempt is given to such a failure of the client, never to a
        // wrong answer.
        let mut read = office();
        for _ in 0..2 {
            let stderr = String::from_utf8_lossy(&read.stderr);
            if read.status.success()
                || !(stderr.contains("DisposedException")
                    || stderr.contains("LibreOfficeClientFailure"))
            {
                break;
            }
            println!("LibreOffice crashed while reading; trying again");
            read = office();
        }
        let read: serde_json::Value = serde_json::from_str(&common::stdout_of(read, 0)).unwrap();
        let moved_to: Vec<&str> = read["moved_to"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_str().unwrap())
            .collect();
        println!(
            "{} -> {}: LibreOffice found {} tracked changes; moved text in {moved_to:?}",
            pair.0, pair.1, read["changes"]
        );
        assert!(read["changes"].as_u64().unwrap() > 10, "{read}");
        // LibreOffice took every moved paragraph for a move: saved again, it writes its new
        // place as moved text.
        for id in moved_paragraphs(pair) {
            assert!(
                moved_to.contains(&id.as_str()),
                "{id} not moved: {moved_to:?}"
            );
        }
        assert_both_sides(&read, pair);
    }
}

#[test]
fn same_inputs_same_bytes() {
    let tmp = common::scratch("docx-same");
    let dir = tmp.path();
    let (a, b) = (dir.join("a.docx"), dir.join("b.docx"));
    write_docx(&a, (OLD, NEW));
    write_docx(&b, (OLD, NEW));
    let bytes = std::fs::read(&a).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert_eq!(bytes, std::fs::read(&b).unwrap());
}

#[test]
fn docx_needs_an_output_file() {
    let output = common::bin()
        .args(["diff", "--format", "docx"])
        .arg(common::fixture(OLD))
        .arg(common::fixture(NEW))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "resdiff: --format docx: a Word document is written to a file: add --output FILE.docx\n"
    );
}
