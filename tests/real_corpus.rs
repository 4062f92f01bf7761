//! The parser over every real text of `../shared/corpus/real/` (PDF text layer): each file
//! must give instruments with operative numbers running from 1, an instrument for each annex
//! heading, and no page furniture or footnote text inside a paragraph. All failures are collected and printed, so one run shows
//! them all; the number of passing files must not fall below [`PASSING_FLOOR`]. Runs in a
//! plain `cargo test` (about 8 s in debug for the 962 texts) and skips when the corpus is
//! not beside this checkout.

use crate::common;

use resdiff::document::Kind;
use resdiff::source::Source;

/// Why a paragraph text looks like page furniture, if it does.
fn furniture(text: &str) -> Option<&'static str> {
    for word in text.split(' ') {
        let b = word.as_bytes();
        let job = b.len() == 8
            && b[2] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit());
        if job {
            return Some("job number");
        }
        let star =
            b.len() == 9 && b[0] == b'*' && b[8] == b'*' && b[1..8].iter().all(u8::is_ascii_digit);
        if star {
            return Some("*job number*");
        }
    }
    // "60 Ibid., documents S/17227 and Add.2.": a footnote printed among the paragraphs.
    let words: Vec<&str> = text.split(' ').collect();
    let footnote = words.windows(2).any(|pair| {
        let mark = !pair[0].is_empty()
            && pair[0].len() <= 3
            && pair[0].bytes().all(|b| b.is_ascii_digit());
        mark && pair[1].starts_with("Ibid.")
    });
    if footnote {
        return Some("footnote text \"N Ibid.\"");
    }
    text.contains("Distr.:").then_some("Distr.:")
}

/// Files of the real corpus that must pass: the count reached so far. A ratchet: raise it
/// when the parser gets better, never lower it. Every file passes.
const PASSING_FLOOR: usize = 962;

/// The page total of a text: the `M` of its page number lines "n/M".
fn page_total(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find_map(|line| {
        let (page, of) = line.split_once('/')?;
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
        (digits(page) && digits(of) && page.parse::<u32>().ok()? <= of.parse::<u32>().ok()?)
            .then_some(of)
    })
}

/// A page number "n/M" of this text standing as a word in a paragraph, where M is the
/// text's page total and the same "n/M" stands as a line of its own in the raw text. A
/// reference that merely looks the same ("resolution 6/8 of 1 March 2024") is told apart by
/// its neighbours: a page number is never cited after "resolution" or before "of".
fn page_number_in(text: &str, raw_lines: &[&str], total: &str) -> Option<String> {
    const CITING: &[&str] = &[
        "resolution",
        "resolutions",
        "decision",
        "decisions",
        "and",
        "or",
        "to",
    ];
    let words: Vec<&str> = text.split(' ').collect();
    words.iter().enumerate().find_map(|(i, word)| {
        let (page, of) = word.split_once('/')?;
        let is_page = of == total
            && !page.is_empty()
            && page.bytes().all(|b| b.is_ascii_digit())
            && raw_lines.contains(word);
        let before = i.checked_sub(1).map(|b| words[b].to_lowercase());
        let cited = before.is_some_and(|b| b.ends_with(',') || CITING.contains(&b.as_str()))
            || words.get(i + 1) == Some(&"of");
        (is_page && !cited).then(|| (*word).to_owned())
    })
}

/// Footnote definitions read straight from the raw text, independently of the parser: the
/// "N text" entries under a "_____" rule, each with its continuation lines, up to the page
/// furniture that ends the page. Whole definitions only (whitespace collapsed), and long
/// ones, so that a paragraph citing the same document in its own words does not match.
fn footnote_definitions(raw_lines: &[&str]) -> Vec<String> {
    const MIN_LEN: usize = 40;
    let mut found = Vec::new();
    let mut i = 0;
    while i < raw_lines.len() {
        let t = raw_lines[i];
        i += 1;
        if t.len() < 3 || !t.bytes().all(|b| b == b'_') {
            continue;
        }
        let mut current: Option<Vec<&str>> = None;
        let mut previous: Option<u32> = None;
        let mut after_blank = true;
        while i < raw_lines.len() {
            let t = raw_lines[i];
            if ends_footnote_block(t) {
                break;
            }
            i += 1;
            let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let number =
                (digits > 0 && digits <= 3 && t[digits..].starts_with(char::is_whitespace))
                    .then(|| t[..digits].parse::<u32>().ok())
                    .flatten();
            // Right under a footnote line, only the next number starts a footnote: "10
            // December 1982" there is the wrapped text of the one before.
            let starts = number.is_some_and(|n| after_blank || previous.is_none_or(|p| n == p + 1));
            after_blank = t.is_empty();
            if starts {
                previous = number;
                found.extend(current.take().map(|words| words.join(" ")));
                current = Some(t[digits..].split_whitespace().collect());
            } else if let Some(words) = current.as_mut() {
                words.extend(t.split_whitespace());
            }
        }
        found.extend(current.map(|words| words.join(" ")));
    }
    found.retain(|d| d.len() >= MIN_LEN);
    found
}

/// The page furniture under a footnote block: a page number, job number or symbol line.
fn ends_footnote_block(line: &str) -> bool {
    furniture(line).is_some()
        || page_total(line).is_some()
        || ["A/", "S/", "E/"].iter().any(|p| line.starts_with(p)) && !line.contains(' ')
}

#[test]
fn every_real_text_parses_cleanly() {
    let Some(dir) = common::shared_real_corpus() else {
        common::skipped(
            "every_real_text_parses_cleanly",
            "../shared/corpus/real not found",
        );
        return;
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let raw_lines: Vec<&str> = text.lines().map(str::trim).collect();
        let total = page_total(&text);
        let definitions = footnote_definitions(&raw_lines);
        let doc = match resdiff::parse(&Source::new(name.clone(), text.clone())) {
            Ok(doc) => doc,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        // Issue 19: every annex heading of the input ("Annex", "Annex II" on a line of its
        // own) opens an instrument of that label.
        for heading in raw_lines.iter().filter(|l| is_annex_heading(l)) {
            let found = doc
                .instruments
                .iter()
                .any(|i| i.label.as_deref() == Some(*heading));
            if !found {
                failures.push(format!("{name}: no instrument for {heading:?}"));
            }
        }
        for instrument in &doc.instruments {
            let ops: Vec<u32> = instrument
                .paragraphs
                .iter()
                .filter(|p| p.kind() == Kind::Operative)
                .map(|p| p.id.number)
                .collect();
            if ops.iter().enumerate().any(|(i, &n)| n != i as u32 + 1) {
                failures.push(format!(
                    "{name}: {}: operative numbers {ops:?}",
                    instrument.display_name()
                ));
            }
            for p in &instrument.paragraphs {
                if let Some(what) = furniture(&p.text) {
                    failures.push(format!("{name}: {}: {what} in text", p.id));
                }
                if let Some(page) = total.and_then(|t| page_number_in(&p.text, &raw_lines, t)) {
                    failures.push(format!("{name}: {}: page number {page} in text", p.id));
                }
                for footnote in &instrument.footnotes {
                    let long_enough = footnote.text.len() > 30;
                    if long_enough && p.text.contains(&footnote.text) {
                        failures.push(format!(
                            "{name}: {}: footnote {} text inside",
                            p.id, footnote.number
                        ));
                    }
                }
                let joined = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(d) = definitions.iter().find(|d| joined.contains(d.as_str())) {
                    failures.push(format!(
                        "{name}: {}: footnote definition inside: {d:?}",
                        p.id
                    ));
                }
            }
        }
    }
    let passing = paths.len() - count_files(&failures);
    println!("{passing} of {} real texts pass", paths.len());
    for failure in &failures {
        println!("FAIL {failure}");
    }
    assert!(
        passing >= PASSING_FLOOR,
        "{passing} real texts pass, fewer than the floor of {PASSING_FLOOR}; {} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// "Annex", "Annex I", "Annex IV": an annex heading standing alone on its line.
fn is_annex_heading(line: &str) -> bool {
    line == "Annex"
        || line
            .strip_prefix("Annex ")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// Number of distinct files among the failures.
fn count_files(failures: &[String]) -> usize {
    let mut files: Vec<&str> = failures
        .iter()
        .map(|f| f.split(':').next().unwrap())
        .collect();
    files.dedup();
    files.len()
}
