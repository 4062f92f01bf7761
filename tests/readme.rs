//! The README's examples are real output: every fenced block whose first line is
//! `$ resdiff ...` is run on the texts of `tests/fixtures/corpus/` and compared with the
//! block.
//!
//! A block is the command (lines ending in `\` continue it; words are split on white space,
//! no quoting), then the output it shows. An output line `...` stands for any number of
//! lines left out, and a line ending in ` ...` for a line cut short (the real line must start
//! with the text before it); every other line must be the real line, in the same order.
//! Without a leading or trailing `...`, the block starts or ends where the output does.

use crate::common;

/// One README example: where it starts, the command's words and the lines it shows.
#[derive(Debug)]
struct Example {
    line: usize,
    words: Vec<String>,
    shown: Vec<String>,
}

/// A line that stands for lines left out.
const ELISION: &str = "...";

/// Every fenced block of `markdown` whose first line is `$ resdiff ...`.
fn examples(markdown: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if !line.starts_with("```") {
            continue;
        }
        let block: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| !l.starts_with("```"))
            .collect();
        let Some(first) = block.first() else {
            continue;
        };
        let Some(command) = first.strip_prefix("$ ") else {
            continue;
        };
        let mut command = command.to_owned();
        let mut rest = block[1..].iter();
        while let Some(head) = command.strip_suffix('\\') {
            command = format!("{head} {}", rest.next().expect("a continued command"));
        }
        assert!(
            !command.contains(['"', '\'']),
            "README line {}: examples are run without a shell, so no quotes: {command}",
            n + 2
        );
        out.push(Example {
            line: n + 2,
            words: command.split_whitespace().map(str::to_owned).collect(),
            shown: rest.map(|l| l.to_string()).collect(),
        });
    }
    out
}

/// Whether a shown line stands for a real one.
fn line_matches(shown: &str, real: &str) -> bool {
    let real = real.trim_end();
    match shown.strip_suffix(" ...") {
        Some(start) if shown != ELISION => real == shown || real.starts_with(start),
        _ => real == shown,
    }
}

/// Whether `segment` matches `output` from `start` on.
fn segment_at(segment: &[String], output: &[&str], start: usize) -> bool {
    output.len() >= start + segment.len()
        && segment
            .iter()
            .zip(&output[start..])
            .all(|(s, r)| line_matches(s, r))
}

/// Checks the shown lines against the real output; the error names the first run of shown
/// lines that is not there.
fn check(shown: &[String], output: &[&str]) -> Result<(), String> {
    let segments: Vec<&[String]> = shown.split(|l| l == ELISION).collect();
    let last = segments.len() - 1;
    let mut cursor = 0;
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            continue;
        }
        // No elision before the first run: it starts where the output starts; none after the
        // last: it ends where the output ends.
        let start = if i == last {
            output
                .len()
                .checked_sub(segment.len())
                .filter(|&start| start >= cursor && (i > 0 || start == 0))
                .filter(|&start| segment_at(segment, output, start))
        } else if i == 0 {
            segment_at(segment, output, 0).then_some(0)
        } else {
            (cursor..output.len()).find(|&start| segment_at(segment, output, start))
        };
        match start {
            Some(start) => cursor = start + segment.len(),
            None => {
                return Err(format!(
                    "these shown lines are not in the real output{}:\n{}",
                    match (i == 0, i == last) {
                        (true, true) => ", which has other lines",
                        (true, false) => " at its start",
                        (false, true) => " at its end",
                        (false, false) => " after the lines shown before them",
                    },
                    segment.join("\n")
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn readme_examples_are_real_output() {
    let readme = common::fixture_text("../../README.md");
    let examples = examples(&readme);
    // The README shows at least the redline and the history; a block whose first line lost
    // its `$ ` would silently stop being checked.
    let commands: Vec<&str> = examples.iter().map(|e| e.words[1].as_str()).collect();
    assert!(
        commands.contains(&"diff") && commands.contains(&"history"),
        "README examples found: {examples:#?}"
    );
    let mut failures = Vec::new();
    for example in &examples {
        assert_eq!(example.words[0], "resdiff", "README line {}", example.line);
        let output = common::bin()
            .current_dir(common::fixture("corpus"))
            .args(&example.words[1..])
            .output()
            .unwrap();
        let status = output.status.code();
        let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
        let lines: Vec<&str> = stdout.lines().collect();
        if !matches!(status, Some(0 | 1)) {
            failures.push(format!(
                "README line {}: `{}` exited {status:?}: {}",
                example.line,
                example.words.join(" "),
                String::from_utf8_lossy(&output.stderr)
            ));
        } else if let Err(problem) = check(&example.shown, &lines) {
            failures.push(format!(
                "README line {}: `{}`: {problem}",
                example.line,
                example.words.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_checker_reads_elisions_and_cut_lines() {
    let output = ["head", "a", "b", "c long line", "d", "tail"];
    let shown = |lines: &[&str]| -> Vec<String> { lines.iter().map(|l| l.to_string()).collect() };
    assert!(check(&shown(&["head", "...", "c long ...", "d", "..."]), &output).is_ok());
    assert!(check(&shown(&["...", "b", "...", "tail"]), &output).is_ok());
    assert!(
        check(
            &shown(&["head", "a", "b", "c long line", "d", "tail"]),
            &output
        )
        .is_ok()
    );
    // Out of order, not at the start, not at the end, a changed line: all refused.
    assert!(check(&shown(&["...", "c long line", "...", "a", "..."]), &output).is_err());
    assert!(check(&shown(&["a", "..."]), &output).is_err());
    assert!(check(&shown(&["...", "d"]), &output).is_err());
    assert!(check(&shown(&["...", "b changed", "..."]), &output).is_err());
    assert!(check(&shown(&["...", "c short ...", "..."]), &output).is_err());
    assert!(check(&shown(&["head", "a"]), &output).is_err());
}
