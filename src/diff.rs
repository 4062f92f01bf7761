//! The whole `diff` in one call, for library users and their snapshot tests: two texts in,
//! every comparison out, rendered in any format.
//!
//! ```
//! let old = "Strengthening the programme\n\nThe General Assembly,\n\n\
//!            1. Requests the Secretary-General to report;\n";
//! let new = "Strengthening the programme\n\nThe General Assembly,\n\n\
//!            1. Urges the Secretary-General to report;\n";
//! let diff = resdiff::diff_texts(old, new)?;
//! assert!(!diff.is_identical());
//! assert!(diff.to_text().contains("[-Requests-]{+Urges+} the Secretary-General to report;"));
//! # Ok::<(), resdiff::Error>(())
//! ```

use crate::align::AlignOptions;
use crate::compare::{Comparison, compare_documents};
use crate::error::Result;
use crate::parse::parse;
use crate::render::{self, Format, RenderOptions};
use crate::source::Source;

/// The comparisons of two documents: each pair of instruments found by title, then the
/// text outside the instruments when it differs, as `resdiff diff` shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// Every comparison, in the new document's order ([`compare_documents`]).
    pub comparisons: Vec<Comparison>,
}

impl Diff {
    /// True when the two documents say the same thing (up to the typographic variants the
    /// alignment options fold): what makes `resdiff diff` exit 0.
    pub fn is_identical(&self) -> bool {
        self.comparisons.iter().all(Comparison::is_identical)
    }

    /// The redline in `format` ([`render::to_string`]).
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        render::to_string(&self.comparisons, format, options)
    }

    /// The redline as plain text with `[-removed-]{+added+}` markers and the default
    /// options: stable bytes, meant for snapshot tests.
    pub fn to_text(&self) -> String {
        self.render(Format::Text, &RenderOptions::default())
    }

    /// The redline as the documented JSON ([`render::SCHEMA_VERSION`]).
    pub fn to_json(&self) -> String {
        self.render(Format::Json, &RenderOptions::default())
    }
}

/// Compares two texts as `resdiff diff old new` does, with the default
/// [`AlignOptions`]: the texts are named "old" and "new" in the output.
///
/// # Errors
///
/// [`Error::NoInstrument`](crate::Error::NoInstrument) when a text holds no resolution or
/// decision (a blank text included), and [`Error::NoTitleMatch`](crate::Error::NoTitleMatch) when both hold several
/// instruments and no title of one is like a title of the other.
pub fn diff_texts(old: &str, new: &str) -> Result<Diff> {
    diff_sources(
        &Source::new("old", old),
        &Source::new("new", new),
        &AlignOptions::default(),
    )
}

/// Compares two sources (texts with the names the output gives them) with `options`.
///
/// # Errors
///
/// As [`diff_texts`].
pub fn diff_sources(old: &Source, new: &Source, options: &AlignOptions) -> Result<Diff> {
    let (old, new) = (parse(old)?, parse(new)?);
    Ok(Diff {
        comparisons: compare_documents(&old, &new, None, None, options)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "Title of the series\n\nThe General Assembly,\n\n\
                       Recalling its resolution 77/237,\n\n1. Requests a report;\n";

    #[test]
    fn the_same_text_is_identical_and_says_so_in_every_format() {
        let diff = diff_texts(OLD, OLD).unwrap();
        assert!(diff.is_identical());
        assert!(
            diff.to_text().starts_with("old → new\n"),
            "{}",
            diff.to_text()
        );
        let json: serde_json::Value = serde_json::from_str(&diff.to_json()).unwrap();
        assert_eq!(json["comparisons"][0]["summary"]["reworded"], 0);
    }

    #[test]
    fn a_text_without_an_instrument_is_an_error_naming_it() {
        let err = diff_texts(OLD, "  \n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "new: no resolution or decision found in the text"
        );
    }
}
