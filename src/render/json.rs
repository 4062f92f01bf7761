//! The `json` format: `{"schema_version": 2, "comparisons": [...]}`, pretty-printed.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::RenderOptions;
use super::escape;
use super::plan::shown_under;
use crate::align::Summary;
use crate::compare::Comparison;
use crate::document::Kind;
use crate::history::History;

/// The version of the JSON layout; raised on any incompatible change.
///
/// 2: `changes` hold every text of the instruments, not only their paragraphs: ids `TITLE`,
/// `SPONSORS`, `CHAPEAU` first and `FN<n>` (footnotes, aligned among themselves) last, and
/// `summary` counts them too.
/// and equal segments carry the new text's form: the equal and delete texts rebuild the old
/// text up to the typographic variants folded (exactly under `--strict`).
pub const SCHEMA_VERSION: u32 = 2;

/// The version of the history's JSON layout (`resdiff history --format json`, documented in
/// [`render_history`](super::render_history)); raised on any incompatible change.
///
/// 2 (from 1): phrase `text` as written instead of normalised words, `citation` added and
/// citation lists ranked last; cells' `marks` and the top-level `only` added.
pub const HISTORY_SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct Wire<'a> {
    schema_version: u32,
    /// The kind of paragraph `--only` kept, so that a reader of narrowed output knows it.
    only: Option<Kind>,
    comparisons: &'a [Comparison],
}

/// Renders the comparisons as the documented JSON, ending with a newline. Under `--only`
/// the changes are those the other formats show and the summary counts them alone.
pub(super) fn render(
    comparisons: &[Comparison],
    options: &RenderOptions,
) -> serde_json::Result<String> {
    let narrowed: Vec<Comparison>;
    let comparisons = match options.only {
        None => comparisons,
        Some(kind) => {
            narrowed = comparisons
                .iter()
                .map(|comparison| {
                    let changes: Vec<_> = comparison
                        .changes
                        .iter()
                        .filter(|rc| shown_under(&rc.change, kind))
                        .cloned()
                        .collect();
                    Comparison {
                        summary: Summary::of(changes.iter().map(|rc| &rc.change)),
                        changes,
                        ..comparison.clone()
                    }
                })
                .collect();
            &narrowed
        }
    };
    let mut out = to_string_pretty(&Wire {
        schema_version: SCHEMA_VERSION,
        only: options.only,
        comparisons,
    })?;
    out.push('\n');
    Ok(out)
}

/// The history as its documented JSON, ending with a newline.
pub(super) fn render_history(history: &History) -> serde_json::Result<String> {
    #[derive(Serialize)]
    struct HistoryWire<'a> {
        schema_version: u32,
        #[serde(flatten)]
        history: &'a History,
    }
    let mut out = to_string_pretty(&HistoryWire {
        schema_version: HISTORY_SCHEMA_VERSION,
        history,
    })?;
    out.push('\n');
    Ok(out)
}

/// `value` as pretty-printed JSON, as `serde_json::to_string_pretty` writes it except that
/// the characters that can drive a terminal or reorder text are written as `\uXXXX`
/// escapes: DEL, the C1 controls and the explicit bidirectional controls (serde_json
/// already escapes the C0 controls). The JSON means the same text, byte for byte once
/// parsed, but printed to a terminal it shows them instead of obeying them.
pub(crate) fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, Inert(PrettyFormatter::new()));
    value.serialize(&mut serializer)?;
    Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
}

/// Whether [`to_string_pretty`] writes `c` as an escape.
fn must_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}') || super::escape::bidi_visible(c).is_some()
}

/// serde_json's pretty formatter, writing [`must_escape`] characters as escapes.
struct Inert(PrettyFormatter<'static>);

impl Formatter for Inert {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Only the characters that may be controls are decoded, found as the terminal
        // renderers find them (`escape::control_start`, many bytes at a time): decoding every
        // character of the texts cost more than the rest of writing the JSON.
        let bytes = fragment.as_bytes();
        let (mut start, mut at) = (0, 0);
        loop {
            at = escape::find(bytes, at, &escape::control_start);
            let Some(c) = fragment[at..].chars().next() else {
                return writer.write_all(&bytes[start..]);
            };
            if must_escape(c) {
                writer.write_all(&bytes[start..at])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
            at += c.len_utf8();
        }
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    /// Every character escaped starts with a byte that the search for controls stops at.
    #[test]
    fn escaped_characters_start_where_controls_are_looked_for() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if super::must_escape(c) {
                let mut bytes = [0; 4];
                let first = c.encode_utf8(&mut bytes).as_bytes()[0];
                assert!(super::escape::control_start(first), "{c:?}");
            }
        }
    }

    /// The same value once parsed, with nothing in the bytes that a terminal obeys.
    #[test]
    fn controls_are_escaped_and_the_text_kept() {
        let text = "a\u{1b}[2J\u{9b}\u{7f}b\u{202e}c\u{2066} يطلب “x”";
        let json = super::to_string_pretty(&vec![text]).unwrap();
        assert_eq!(
            json,
            "[\n  \"a\\u001b[2J\\u009b\\u007fb\\u202ec\\u2066 يطلب “x”\"\n]"
        );
        assert_eq!(serde_json::from_str::<Vec<String>>(&json).unwrap(), [text]);
        assert_eq!(
            super::to_string_pretty(&"\u{80}\u{9f}\u{a0}\u{202a}\u{2069}\u{206a}\u{201c}").unwrap(),
            "\"\\u0080\\u009f\u{a0}\\u202a\\u2069\u{206a}\u{201c}\""
        );
        assert_eq!(
            super::to_string_pretty(&serde_json::json!({"k": [1, {"a": null}]})).unwrap(),
            serde_json::to_string_pretty(&serde_json::json!({"k": [1, {"a": null}]})).unwrap()
        );
    }
}
