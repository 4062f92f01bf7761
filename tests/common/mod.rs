//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// insta settings that put every snapshot in the top-level `snapshots/` folder.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    settings
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The text of a file of `tests/fixtures/`.
pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// `../shared/corpus/real`, when this checkout has it beside it.
pub fn shared_real_corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    dir.is_dir().then_some(dir)
}

/// A scratch folder for one test (`resdiff-NAME-` and a random suffix in the system's
/// temporary folder), removed when the guard drops, also when the test fails.
pub fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("resdiff-{name}-"))
        .tempdir()
        .unwrap()
}

/// The built `resdiff` binary.
///
/// Its index cache (`resdiff trace --corpus DIR`) is a folder of the build's scratch
/// space, never the user's: a test of the cache itself names its own.
pub fn bin() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_resdiff"));
    command.env(
        "RESDIFF_CACHE_DIR",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("resdiff-cache"),
    );
    command
}

/// The standard output of a finished run, after checking its exit status (the standard
/// error is shown when the status is not `code`).
pub fn stdout_of(output: std::process::Output, code: i32) -> String {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The instrument of a segmentation file `{"title","chapeau","pp":[{id,text}],"op":[..]}`
/// (the benchmark generator's format).
pub fn load_seg(path: &Path) -> resdiff::Instrument {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let seg: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut paragraphs = Vec::new();
    for key in ["pp", "op"] {
        for p in seg[key].as_array().expect("pp/op array") {
            let id = p["id"].as_str().expect("id").parse().expect("paragraph id");
            paragraphs.push(paragraph(id, p["text"].as_str().expect("text")));
        }
    }
    resdiff::Instrument {
        title: seg["title"].as_str().map(str::to_owned),
        chapeau: seg["chapeau"].as_str().map(str::to_owned),
        ..resdiff::Instrument::new(paragraphs)
    }
}

/// A paragraph as the parser gives it: with its lead, the opening phrase the lexicon finds
/// (the history reads operative openers from it).
pub fn paragraph(id: resdiff::ParagraphId, text: &str) -> resdiff::Paragraph {
    resdiff::Paragraph {
        lead: resdiff::parse::lexicon_lead(text)
            .unwrap_or_default()
            .to_owned(),
        ..resdiff::Paragraph::new(id, text)
    }
}

/// `../shared/corpus/pdf`, when this checkout has it beside it.
pub fn shared_pdf_corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    dir.is_dir().then_some(dir)
}

/// Says that `test` checked nothing because `reason`, straight to the standard error: past
/// the test harness's capture, so that a run on a fresh machine shows the skip beside the
/// test's "ok".
pub fn skipped(test: &str, reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}
