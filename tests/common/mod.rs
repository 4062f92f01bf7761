//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own subset of these helpers

use std::path::{Path, PathBuf};

/// Every format of `diff`.
pub const DIFF_FORMATS: [resdiff::render::Format; 5] = [
    resdiff::render::Format::Terminal,
    resdiff::render::Format::Text,
    resdiff::render::Format::Markdown,
    resdiff::render::Format::Html,
    resdiff::render::Format::Json,
];

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

/// The built `resdiff` binary.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_resdiff"))
}
