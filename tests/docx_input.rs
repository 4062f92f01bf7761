//! Word in: a `.docx` parses as the text it was made from; Word's automatic numbering gives
//! the operative paragraphs their numbers; footnotes are attached; tracked changes are read
//! accepted (the default) or rejected.
//!
//! Fixtures in `tests/fixtures/docx/`, written by LibreOffice 7.4 headless
//! (`soffice --convert-to docx`): `2023-A-RES-78-229.docx` from
//! `tests/fixtures/corpus/2023-A-RES-78-229.txt`, and `numbered.docx` from `numbered.html`
//! (operative paragraphs in an ordered list with a lettered sub-list, which LibreOffice
//! writes as `w:numPr` numbering, and a footnote); `not-word.odt` is a ZIP archive without
//! a Word document part, written by Python's zipfile. The tracked changes are those of a
//! redline resdiff writes, which `tests/docx_output.rs` checks in LibreOffice, and those of
//! `2023-A-RES-78-229-tracked.docx`: `2023-A-RES-78-229.docx` with two changes tracked by
//! hand in its `word/document.xml` as Word writes them (author "A delegate"), " with
//! appreciation" deleted from OP1 and "also " inserted into OP2.

use crate::common;

use resdiff::read::{TrackedChanges, document_text_with};
use resdiff::source::DEFAULT_MAX_BYTES;

fn read(name: &str) -> resdiff::Document {
    let path = common::fixture(name);
    resdiff::read_document(path.to_str().unwrap(), DEFAULT_MAX_BYTES)
        .unwrap_or_else(|err| panic!("{err}"))
}

/// Instrument heads and paragraph ids and texts, one line each.
fn outline(document: &resdiff::Document) -> Vec<String> {
    let mut lines = Vec::new();
    for instrument in &document.instruments {
        lines.push(format!(
            "== {:?} {:?}",
            instrument.title, instrument.chapeau
        ));
        for paragraph in &instrument.paragraphs {
            lines.push(format!(
                "{} {} {:?}",
                paragraph.id, paragraph.text, paragraph.footnotes
            ));
        }
    }
    lines
}

#[test]
fn a_docx_parses_as_the_text_it_was_made_from() {
    let from_docx = outline(&read("docx/2023-A-RES-78-229.docx"));
    assert!(from_docx.len() > 100, "{from_docx:#?}");
    assert_eq!(from_docx, outline(&read("corpus/2023-A-RES-78-229.txt")));
}

#[test]
fn automatic_numbering_and_footnotes() {
    let document = read("docx/numbered.docx");
    let instrument = &document.instruments[0];
    assert_eq!(
        instrument.title.as_deref(),
        Some("Protection of persons in the event of disasters")
    );
    let ids: Vec<String> = instrument
        .paragraphs
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    assert_eq!(ids, ["PP1", "PP2", "OP1", "OP2", "OP3"]);
    let op2 = &instrument.paragraphs[3];
    assert_eq!(
        op2.text,
        "Requests the Secretary-General: a. to prepare the rules of procedure; b. to report to the Assembly;"
    );
    assert_eq!(instrument.paragraphs[0].footnotes, [1]);
    let note = instrument
        .footnotes
        .iter()
        .find(|note| note.number == 1)
        .expect("footnote 1");
    assert!(
        note.text.contains("Supplement No. 10 (A/79/10)"),
        "{}",
        note.text
    );
}

#[test]
fn tracked_changes_read_accepted_or_rejected() {
    const OLD: &str = "corpus/2018-A-C3-73-revised-draft.txt";
    const NEW: &str = "corpus/2023-A-RES-78-229.txt";
    let tmp = common::scratch("docx-in");
    let dir = tmp.path();
    let redline = dir.join("redline.docx");
    let output = common::bin()
        .args(["diff", "--old-instrument", "1", "--new-instrument", "1"])
        .args(["--format", "docx", "--output"])
        .arg(&redline)
        .arg(common::fixture(OLD))
        .arg(common::fixture(NEW))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let bytes = std::fs::read(&redline).unwrap();
    for (changes, name) in [(TrackedChanges::Accept, NEW), (TrackedChanges::Reject, OLD)] {
        let text = document_text_with("redline.docx", &bytes, changes)
            .unwrap()
            .expect("a Word document");
        // The reader writes the Word footnotes after the body, under a rule, each line
        // opening with its number: they are the footnotes of the text.
        let (body, notes) = text
            .split_once("\n\n__________________\n")
            .unwrap_or((&text, ""));
        let notes = notes
            .lines()
            .filter_map(|line| line.split_once("  ").map(|(_, note)| note.to_owned()));
        let mut got: Vec<String> = body
            .split("\n\n")
            .skip_while(|p| !p.starts_with("summary: "))
            .skip(1)
            .map(|p| p.split_once('\t').map_or(p, |(_ids, text)| text))
            // The references, at the paragraphs' ends, read as superscript numbers.
            .map(|p| p.trim_end_matches(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)).to_owned())
            .chain(notes)
            .collect();
        let mut expected: Vec<String> = read(name).instruments[0]
            .texts()
            .map(|(_, text)| text.to_owned())
            .collect();
        got.sort();
        expected.sort();
        if let Some(at) =
            (0..got.len().max(expected.len())).find(|&i| got.get(i) != expected.get(i))
        {
            panic!(
                "{changes:?}: {} paragraphs, {} expected; first difference at {at}:\n  got:      {:?}\n  expected: {:?}",
                got.len(),
                expected.len(),
                got.get(at),
                expected.get(at)
            );
        }
    }
}

/// `--docx-changes accept|reject` on `diff`, `parse` and `history`: the tracked document
/// read with its changes rejected is the document before them; accepted (the default), it
/// differs from it by the two changes.
#[test]
fn the_command_line_reads_tracked_changes_accepted_or_rejected() {
    let tracked = common::fixture("docx/2023-A-RES-78-229-tracked.docx");
    let before = common::fixture("docx/2023-A-RES-78-229.docx");
    let run = |args: &[&str]| {
        common::bin()
            .args(args)
            .arg(&before)
            .arg(&tracked)
            .output()
            .unwrap()
    };
    let accepted = common::stdout_of(run(&["diff", "--format", "text"]), 1);
    assert!(
        accepted.contains("Takes note [-with appreciation -]of the report")
            && accepted.contains("Reaffirms {+also +}its resolution"),
        "{accepted}"
    );
    assert_eq!(
        accepted,
        common::stdout_of(
            run(&["diff", "--format", "text", "--docx-changes", "accept"]),
            1
        )
    );
    common::stdout_of(run(&["diff", "--docx-changes", "reject"]), 0);
    common::stdout_of(run(&["history", "--docx-changes", "reject"]), 0);
    common::stdout_of(run(&["history"]), 1);

    let op1 = |changes: &str| {
        let output = common::bin()
            .args(["parse", "--format", "json", "--docx-changes", changes])
            .arg(&tracked)
            .output()
            .unwrap();
        let parsed: serde_json::Value =
            serde_json::from_str(&common::stdout_of(output, 0)).unwrap();
        let paragraphs = parsed["instruments"][0]["paragraphs"].as_array().unwrap();
        let op1 = paragraphs.iter().find(|p| p["id"] == "OP1").unwrap();
        op1["text"].as_str().unwrap().to_owned()
    };
    assert!(op1("accept").starts_with("Takes note of the report"));
    assert!(op1("reject").starts_with("Takes note with appreciation of the report"));
}

#[test]
fn other_archives_and_broken_documents() {
    // An archive without word/document.xml (an OpenDocument text, written by Python's
    // zipfile) is not a Word document: the binary-file error names it.
    let odt = std::fs::read(common::fixture("docx/not-word.odt")).unwrap();
    let err = resdiff::Source::from_bytes("notes.odt", odt).unwrap_err();
    assert_eq!(
        err.to_string(),
        "notes.odt: binary file (a ZIP archive that is not a Word document, such as an .odt file); give the text of the document instead"
    );
    // A Word document cut short: one line naming the file.
    let bytes = std::fs::read(common::fixture("docx/numbered.docx")).unwrap();
    let err =
        resdiff::Source::from_bytes("cut.docx", bytes[..bytes.len() / 2].to_vec()).unwrap_err();
    assert!(
        err.to_string().starts_with("cut.docx: corrupt .docx"),
        "{err}"
    );
}

/// Bytes overwritten and files cut short, at positions spread over the whole package: each
/// is read or refused with one line naming the file, never a panic.
#[test]
fn damaged_documents_never_panic() {
    let original = std::fs::read(common::fixture("docx/numbered.docx")).unwrap();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut refused = 0;
    for round in 0..300 {
        let mut bytes = original.clone();
        if round % 4 == 3 {
            bytes.truncate(4 + next() as usize % (bytes.len() - 4));
        } else {
            for _ in 0..(1 + round % 8) {
                let at = 4 + next() as usize % (bytes.len() - 4);
                bytes[at] = next() as u8;
            }
        }
        if let Err(err) = resdiff::Source::from_bytes("damaged.docx", bytes) {
            let message = err.to_string();
            assert!(message.starts_with("damaged.docx: "), "{message}");
            assert!(!message.contains('\n'), "{message}");
            refused += 1;
        }
    }
    assert!(refused > 0, "truncation must break some of them");
}
