//! Issue 19, "nothing lost": every word of the input is in the parsed document, as content
//! (an instrument's label, number, title, sponsors, chapeau, paragraphs, footnotes,
//! adoption record, or a passage outside any instrument) or as a dropped piece of a named
//! kind. The identity is checked on letters and digits, counted: a word the parser joined
//! ("Presi-" + "dent") or cut ("Corruption5" into "Corruption" and the mark "5") still
//! balances, and a word lost or invented does not. No dropped piece may be prose.
//!
//! Runs over the PDF-layer excerpts of `tests/fixtures/parse/` everywhere, and over every
//! text of `../shared/corpus/real/` when it stands beside this checkout.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use resdiff::document::{Document, DroppedKind, Kind};
use resdiff::source::Source;

/// The letters and digits of a text, counted.
fn characters(text: &str, counts: &mut BTreeMap<char, i64>, sign: i64) {
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        *counts.entry(c).or_default() += sign;
    }
}

/// The words of a text (runs of letters and digits), counted.
fn words(text: &str, counts: &mut BTreeMap<String, i64>, sign: i64) {
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_owned()).or_default() += sign;
    }
}

/// Every text the document keeps or drops, once each. The parts of a body cut at its
/// section marks ("Draft resolution IV, section II") repeat the head of the first part, so
/// a head is counted once; the symbol and section of an instrument are read from text kept
/// elsewhere (the masthead, a section heading).
///
/// An operative number counts as printed on the paragraph's first line: a number the parser
/// gave an unnumbered "Decides:" over items is no word of the input, and a number scanned
/// with letters ("ll." for 11) is printed as those letters.
fn output_texts(doc: &Document, input: &[&str]) -> Vec<String> {
    let mut texts = Vec::new();
    let mut last_head = None;
    for instrument in &doc.instruments {
        let head = (
            &instrument.title,
            &instrument.chapeau,
            &instrument.sponsors,
            &instrument.number,
        );
        if last_head != Some(head) {
            // A label read from elsewhere ("Draft decision" announced by the paragraph
            // before it, "Section II" from a section mark) is not printed where the
            // instrument starts, and is counted where it is printed.
            let first_line = input.get(instrument.lines.first.wrapping_sub(1)).copied();
            if let Some(label) = &instrument.label {
                if first_line.is_some_and(|line| line.contains(label.as_str())) {
                    texts.push(label.clone());
                }
            }
            texts.extend(instrument.number.clone());
            texts.extend(instrument.title.clone());
            texts.extend(instrument.sponsors.clone());
            texts.extend(instrument.chapeau.clone());
        }
        last_head = Some(head);
        for p in &instrument.paragraphs {
            if p.kind() == Kind::Operative {
                let line = input.get(p.lines.first - 1).map_or("", |l| l.trim());
                let printed: String = line
                    .trim_start_matches(['-', ' ', '*'])
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, 'l' | 'I' | 'O'))
                    .collect();
                // An annex numbering anew keeps the printed number in the text itself.
                let in_text = p.text.starts_with(&format!("{printed}."));
                let printed_number = !printed.is_empty()
                    && (!printed.chars().all(|c| c.is_alphabetic()) || printed.len() > 1);
                if printed_number && !in_text {
                    texts.push(printed);
                }
            }
            texts.push(p.text.clone());
        }
        texts.extend(instrument.adoption.clone());
        for f in &instrument.footnotes {
            texts.push(format!("{} {}", f.number, f.text));
        }
    }
    texts.extend(doc.outside.iter().map(|p| p.text.clone()));
    texts.extend(doc.dropped.iter().map(|d| d.text.clone()));
    texts
}

/// Why a dropped piece may be prose, if it may: more words than any furniture has, or a
/// kind whose text does not have its shape.
fn prose_in(kind: DroppedKind, text: &str) -> Option<String> {
    /// A running title takes at most a few short lines; one line of it at most this many
    /// words (A/RES/78/234's four-line title has lines of 12 words).
    const MAX_RUNNING_TITLE_WORDS: usize = 16;
    let count = text.split_whitespace().count();
    let digits_only = |t: &str| {
        t.chars()
            .all(|c| c.is_ascii_digit() || "/-*() E".contains(c))
    };
    let fits = match kind {
        DroppedKind::PageNumber | DroppedKind::JobNumber | DroppedKind::Barcode => {
            digits_only(text)
        }
        DroppedKind::FootnoteMark => text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()),
        DroppedKind::DocumentSymbol => count <= 3 && text.contains('/'),
        DroppedKind::FootnoteSeparator => text.chars().all(|c| "_-\u{c}".contains(c)),
        DroppedKind::Distribution => text.starts_with("Distr.:") && count <= 6,
        DroppedKind::RunningTitle => {
            count <= MAX_RUNNING_TITLE_WORDS && !text.trim_end().ends_with(['.', ';', ','])
        }
        DroppedKind::LineBreakHyphen => text == "-",
    };
    (!fits).then(|| format!("{kind:?} {text:?}"))
}

/// What the document lost or invented of the input, and any dropped prose; empty when
/// every word is accounted for.
fn audit(name: &str, text: &str) -> Vec<String> {
    let doc = match resdiff::parse(&Source::new(name, text)) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let mut problems = Vec::new();
    let mut balance = BTreeMap::new();
    characters(text, &mut balance, 1);
    let input: Vec<&str> = text.lines().collect();
    let outputs = output_texts(&doc, &input);
    for t in &outputs {
        characters(t, &mut balance, -1);
    }
    if balance.values().any(|&n| n != 0) {
        // The words tell what went missing; joins and cuts of words show up here as pairs
        // and are only a hint, the characters above being the check.
        let mut word_balance = BTreeMap::new();
        words(text, &mut word_balance, 1);
        for t in &outputs {
            words(t, &mut word_balance, -1);
        }
        let lost: Vec<String> = word_balance
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(w, n)| {
                if *n > 1 {
                    format!("{w}×{n}")
                } else {
                    w.clone()
                }
            })
            .take(40)
            .collect();
        let invented: Vec<String> = word_balance
            .iter()
            .filter(|(_, n)| **n < 0)
            .map(|(w, n)| {
                if *n < -1 {
                    format!("{w}×{}", -n)
                } else {
                    w.clone()
                }
            })
            .take(20)
            .collect();
        problems.push(format!(
            "{name}: words lost: {}; words added: {}",
            lost.join(" "),
            invented.join(" ")
        ));
    }
    for piece in &doc.dropped {
        if let Some(why) = prose_in(piece.kind, &piece.text) {
            problems.push(format!(
                "{name}: line {}: dropped prose? {why}",
                piece.lines.first
            ));
        }
    }
    problems
}

/// The `.txt` files of a folder, sorted.
fn texts_in(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    paths.sort();
    paths
}

fn audit_all(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .flat_map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            audit(&name, &std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

/// The PDF-layer excerpts of issue 19, on any machine.
#[test]
fn every_word_of_the_fixtures_is_accounted_for() {
    let paths = texts_in(&common::fixture("parse"), "issue19-");
    assert!(!paths.is_empty());
    let problems = audit_all(&paths);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every real text.
#[test]
fn every_word_of_every_real_text_is_accounted_for() {
    let Some(dir) = common::shared_real_corpus() else {
        common::skipped(
            "every_word_of_every_real_text_is_accounted_for",
            "../shared/corpus/real not found beside this checkout",
        );
        return;
    };
    let paths = texts_in(&dir, "");
    let problems = audit_all(&paths);
    let failing: std::collections::BTreeSet<&str> = problems
        .iter()
        .map(|p| p.split(':').next().unwrap())
        .collect();
    println!(
        "{} of {} real texts account for every word",
        paths.len() - failing.len(),
        paths.len()
    );
    for p in &problems {
        println!("FAIL {p}");
    }
    assert!(
        problems.is_empty(),
        "{} texts fail:\n{}",
        failing.len(),
        problems.join("\n")
    );
}

/// The prose rule can fail: a sentence, or a line longer than a running title, or words
/// given as a page number, are flagged.
#[test]
fn the_prose_rule_flags_prose() {
    assert!(prose_in(DroppedKind::RunningTitle, "Rights of Indigenous Peoples").is_none());
    assert!(prose_in(DroppedKind::RunningTitle, "Recalling its resolution 70/1,").is_some());
    let long = "word ".repeat(17);
    assert!(prose_in(DroppedKind::RunningTitle, &long).is_some());
    assert!(prose_in(DroppedKind::PageNumber, "2/16").is_none());
    assert!(prose_in(DroppedKind::PageNumber, "Decides to remain seized").is_some());
    assert!(prose_in(DroppedKind::FootnoteMark, "12").is_none());
    assert!(prose_in(DroppedKind::FootnoteMark, "1988").is_some());
}
