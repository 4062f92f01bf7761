//! `resdiff diff OLD_DIR NEW_DIR`, the session view: exit statuses, every format, the
//! commands each pair gives, determinism, and the pairing of the real 80th session.
//!
//! The fixtures (`tests/fixtures/session/`) are real texts: a Third Committee report of five
//! draft resolutions (2016), one of which continues as the 2018 revised draft; two draft ->
//! adopted pairs of 2025, one of them beside the original draft the Vice-Chair's draft
//! replaced (same title); a draft and a resolution with no counterpart; a resolution of two
//! instruments; and `broken.pdf`, a PDF that cannot be read.

use std::path::Path;
use std::process::Output;

use crate::common::{self, bin, fixture, stdout_of};

/// A session in a scratch folder: `old/` (with `broken.pdf` when `broken`) and `new/`,
/// copies of the fixtures, so that the output names them alike on every machine.
fn session(broken: bool) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("resdiff-session-")
        .tempdir()
        .unwrap();
    for side in ["old", "new"] {
        let to = dir.path().join(side);
        std::fs::create_dir(&to).unwrap();
        for entry in std::fs::read_dir(fixture(&format!("session/{side}"))).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    if broken {
        std::fs::copy(
            fixture("session/broken.pdf"),
            dir.path().join("old/broken.pdf"),
        )
        .unwrap();
    }
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .env_remove("COLUMNS")
        .output()
        .expect("run resdiff")
}

/// The standard output of a session with `broken.pdf`: exit 2, and one line on standard
/// error saying the comparison is incomplete.
fn incomplete(format: &str) -> String {
    let dir = session(true);
    let output = run_in(dir.path(), &["diff", "old", "new", "--format", format]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("1 file could not be read"), "{stderr}");
    stdout_of(output, 2)
}

#[test]
fn each_format_lists_pairs_unpaired_and_skipped() {
    let settings = common::snapshot_settings();
    for format in ["text", "markdown", "csv", "json"] {
        let page = incomplete(format);
        assert!(
            page.contains("broken.pdf"),
            "{format}: skipped file not listed"
        );
        settings.bind(|| insta::assert_snapshot!(format!("session_{format}"), page));
    }
}

#[test]
fn the_json_pairs_the_report_instrument_and_the_replacing_draft() {
    let json: serde_json::Value = serde_json::from_str(&incomplete("json")).unwrap();
    assert_eq!(json["schema_version"], 1);
    let pairs: Vec<(String, String)> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let address = |side: &serde_json::Value| match side["instrument"].as_u64() {
                Some(n) => format!("{}#{n}", side["file"].as_str().unwrap()),
                None => side["file"].as_str().unwrap().to_owned(),
            };
            (address(&p["old"]), address(&p["new"]))
        })
        .collect();
    let expected = [
        (
            "old/2016-A-71-third-committee-report.txt#4",
            "new/2018-A-C3-73-revised-draft.txt#1",
        ),
        ("old/A-C.2-80-L.43.en.txt", "new/A-RES-80-146.en.txt"),
        ("old/A-C.3-80-L.24.en.txt", "new/A-RES-80-189.en.txt"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(pairs, expected);
    // The original draft, replaced by the Vice-Chair's of the same title, is left over with
    // that resolution as its closest title.
    let original = json["unpaired"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["file"] == "old/A-C.2-80-L.2.en.txt")
        .expect("the replaced draft is listed as unpaired");
    assert_eq!(original["closest"]["file"], "new/A-RES-80-146.en.txt");
    assert_eq!(original["closest"]["similarity"], 1.0);
    assert_eq!(json["skipped"][0]["file"], "old/broken.pdf");
    assert_eq!(json["skipped"][0]["side"], "old");
}

#[test]
fn each_pair_command_prints_the_counts_of_its_line() {
    let dir = session(false);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        run_in(dir.path(), &["diff", "old", "new", "--format", "json"]),
        1,
    ))
    .unwrap();
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 3);
    for pair in pairs {
        let command = pair["command"].as_str().unwrap();
        let words: Vec<&str> = command.split(' ').collect();
        assert_eq!(words[..2], ["resdiff", "diff"], "{command}");
        let mut args = words[1..].to_vec();
        args.extend(["--format", "json"]);
        let redline: serde_json::Value =
            serde_json::from_str(&stdout_of(run_in(dir.path(), &args), 1)).unwrap();
        let mut counts = std::collections::BTreeMap::<String, u64>::new();
        for comparison in redline["comparisons"].as_array().unwrap() {
            for (kind, count) in comparison["summary"].as_object().unwrap() {
                *counts.entry(kind.clone()).or_default() += count.as_u64().unwrap();
            }
        }
        let listed: std::collections::BTreeMap<String, u64> = pair["summary"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(kind, count)| (kind.clone(), count.as_u64().unwrap()))
            .collect();
        assert_eq!(counts, listed, "{command}");
    }
}

#[test]
fn exit_statuses() {
    // Identical folders: 0.
    let same = tempfile::tempdir().unwrap();
    for side in ["a", "b"] {
        let dir = same.path().join(side);
        std::fs::create_dir(&dir).unwrap();
        std::fs::copy(
            fixture("session/new/A-RES-80-146.en.txt"),
            dir.join("res.txt"),
        )
        .unwrap();
    }
    let output = run_in(same.path(), &["diff", "a", "b"]);
    assert!(stdout_of(output, 0).contains("1 pair (1 identical)"));
    // An identical pair but something unpaired: 1.
    std::fs::copy(
        fixture("session/new/A-RES-80-240.en.txt"),
        same.path().join("b/extra.txt"),
    )
    .unwrap();
    let output = run_in(same.path(), &["diff", "a", "b"]);
    assert!(stdout_of(output, 1).contains("unpaired in b (1)"));
    // Differences: 1; a file that cannot be read: 2, the output written all the same.
    let dir = session(false);
    stdout_of(run_in(dir.path(), &["diff", "old", "new"]), 1);
    assert!(incomplete("text").contains("skipped, not compared (1):"));
    // A folder and a file: one line, nothing on standard output, 2.
    for args in [
        ["diff", "old", "new/A-RES-80-146.en.txt"],
        ["diff", "new/A-RES-80-146.en.txt", "old"],
    ] {
        let output = run_in(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("is a folder and"), "{stderr}");
    }
    // Flags that make no sense for folders are refused.
    for extra in [&["--old-instrument", "1"][..], &["--format", "docx"][..]] {
        let mut args = vec!["diff", "old", "new"];
        args.extend(extra);
        let output = run_in(dir.path(), &args);
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
    }
    // And the csv format for two files.
    let output = run_in(
        dir.path(),
        &[
            "diff",
            "old/A-C.3-80-L.24.en.txt",
            "new/A-RES-80-189.en.txt",
            "--format",
            "csv",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_output_is_the_same_bytes_every_run() {
    for format in ["json", "html", "csv"] {
        let first = incomplete(format);
        let second = incomplete(format);
        assert!(first == second, "{format} differs between runs");
    }
}

#[test]
fn the_html_page_links_each_pair_to_its_redline_and_escapes_the_documents() {
    let dir = session(false);
    // A title and a change that would be markup if they were not escaped, in both folders
    // (`</details>` would close the pair's fold).
    let hostile =
        "Rights 1 < 2 & \"more\" <img onerror=x>\n\nThe General Assembly,\n\n1. Decides to act;\n";
    std::fs::write(dir.path().join("old/hostile.txt"), hostile).unwrap();
    std::fs::write(
        dir.path().join("new/hostile.txt"),
        hostile.replace("act", "</details> act"),
    )
    .unwrap();
    let page = stdout_of(
        run_in(dir.path(), &["diff", "old", "new", "--format", "html"]),
        1,
    );
    assert!(!page.contains("<img"), "unescaped title");
    assert!(page.contains("Rights 1 &lt; 2 &amp; &quot;more&quot; &lt;img onerror=x&gt;"));
    assert!(page.contains("&lt;/details&gt;"));
    assert_eq!(
        page.matches("<details").count(),
        page.matches("</details>").count(),
        "unbalanced folds"
    );
    // Self-contained: no script, no external resource.
    for outside in ["src=", "http://", "https://", "<link", "@import", "url("] {
        assert!(
            !page.contains(outside),
            "the page loads something: {outside}"
        );
    }
    // Each row's link has its folded redline, and ids are unique.
    let links = page.matches("href=\"#pair-").count();
    assert_eq!(links, 4, "three pairs and the hostile one");
    for k in 1..=links {
        assert!(page.contains(&format!("<a href=\"#pair-{k}\">")));
        assert!(page.contains(&format!("<details class=\"redline\" id=\"pair-{k}\">")));
    }
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "repeated ids");
    // Each fold holds the html format's own redline of its pair.
    for fold in page.split("<details class=\"redline\"").skip(1) {
        assert!(fold.contains("<article class=\"comparison\">"));
    }
}

#[test]
fn the_real_session_pairs_every_draft_with_its_adopted_text() {
    let Some(real) = common::shared_real_corpus() else {
        common::skipped(
            "the_real_session_pairs_every_draft_with_its_adopted_text",
            "../shared/corpus/real not found",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for side in ["drafts", "resolutions"] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
    }
    for entry in std::fs::read_dir(&real).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let side = if name.starts_with("A-C.") && name.contains("-80-L.") {
            "drafts"
        } else if name.starts_with("A-RES-80-") {
            "resolutions"
        } else {
            continue;
        };
        std::fs::copy(real.join(&name), dir.path().join(side).join(&name)).unwrap();
    }
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        run_in(
            dir.path(),
            &["diff", "drafts", "resolutions", "--format", "json"],
        ),
        1,
    ))
    .unwrap();
    let found: std::collections::BTreeSet<(String, String)> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let name = |side: &serde_json::Value| {
                let file = side["file"].as_str().unwrap();
                file.rsplit('/').next().unwrap().to_owned()
            };
            (name(&p["old"]), name(&p["new"]))
        })
        .collect();
    let truth: std::collections::BTreeSet<(String, String)> =
        common::fixture_text("session/real-pairs.txt")
            .lines()
            .filter(|line| !line.starts_with('#'))
            .map(|line| {
                let (a, b) = line.split_once(' ').unwrap();
                (a.to_owned(), b.to_owned())
            })
            .collect();
    let right = found.intersection(&truth).count();
    let precision = right as f64 / found.len() as f64;
    let recall = right as f64 / truth.len() as f64;
    eprintln!(
        "real session pairing: precision {right}/{}, recall {right}/{}",
        found.len(),
        truth.len()
    );
    assert!(
        precision >= 0.99 && recall >= 0.99,
        "wrong: {:?}; missed: {:?}",
        found.difference(&truth).collect::<Vec<_>>(),
        truth.difference(&found).collect::<Vec<_>>()
    );
    assert!(json["skipped"].as_array().unwrap().is_empty());
}
