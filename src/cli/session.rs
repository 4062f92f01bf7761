//! `resdiff diff OLD_DIR NEW_DIR`: the session view, every document of two folders paired
//! and compared ([`resdiff::session`]).

use std::io::Write;

use resdiff::AlignOptions;
use resdiff::render::{self, RenderOptions, SessionFormat};
use resdiff::session::{self, ReadOptions};

use super::shared::{InputArgs, OutputArgs, emit};
use super::{Failure, Outcome};

/// Compares the folders and writes the session in `format`: exit 0 when every pair is
/// identical and nothing is unpaired, 1 otherwise, and 2 when a file could not be read (the
/// output, written all the same, lists it as skipped and says so on standard error).
pub(super) fn run(
    [old, new]: [&str; 2],
    format: SessionFormat,
    options: &RenderOptions,
    align: &AlignOptions,
    input: &InputArgs,
    output: &OutputArgs,
) -> Result<Outcome, Failure> {
    let read = ReadOptions {
        max_bytes: input.max_size,
        changes: input.tracked_changes(),
    };
    let compared = session::compare_folders(old, new, &read, align)?;
    let page = render::render_session(&compared, format, options);
    emit(output, page.as_bytes(), &[])?;
    if !compared.is_complete() {
        let files = match compared.skipped.len() {
            1 => "1 file".to_owned(),
            n => format!("{n} files"),
        };
        let _ = writeln!(
            std::io::stderr(),
            "resdiff: {files} could not be read and were not compared (listed as skipped): the comparison is incomplete"
        );
        return Ok(Outcome::Incomplete);
    }
    Ok(Outcome::compared(compared.is_identical()))
}
