//! The parser over every real text of `../shared/corpus/real/` (PDF text layer): each file
//! must give instruments with operative numbers running from 1, and no page furniture or
//! footnote text inside a paragraph. All failures are collected, so one run shows them all.

mod common;

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
    text.contains("Distr.:").then_some("Distr.:")
}

#[test]
#[ignore = "not every real text passes yet (gaps in operative numbers where a numbered paragraph follows an unpunctuated page end, old Security Council layouts); run with --ignored --release"]
fn every_real_text_parses_cleanly() {
    let Some(dir) = common::shared_real_corpus() else {
        println!("skipping: ../shared/corpus/real not found");
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
        let doc = match resdiff::parse(&Source::new(name.clone(), text)) {
            Ok(doc) => doc,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
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
                for footnote in &instrument.footnotes {
                    let long_enough = footnote.text.len() > 30;
                    if long_enough && p.text.contains(&footnote.text) {
                        failures.push(format!(
                            "{name}: {}: footnote {} text inside",
                            p.id, footnote.number
                        ));
                    }
                }
            }
        }
    }
    println!(
        "{} of {} real texts pass",
        paths.len() - count_files(&failures),
        paths.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
