//! Stage 4: redlines as people read them: terminal, text, Markdown, HTML and JSON; and as
//! a Word document with tracked changes ([`docx`]). The history of many versions is
//! rendered here too ([`render_history`]), with the same escaping, colours and JSON writer.

use std::io::{self, Write};

use crate::compare::Comparison;
use crate::document::Kind;

mod document;
pub mod docx;
pub(crate) mod escape;
mod history;
mod html;
pub(crate) mod json;
mod markdown;
mod plan;
mod session;
mod sgr;

pub(crate) use plan::COARSE_NOTE;
mod text;

pub use document::{DocumentFormat, render_document};
pub use history::render_history;
pub use json::{HISTORY_SCHEMA_VERSION, SCHEMA_VERSION};
pub use session::{SessionFormat, render_session};

/// [`crate::redline::PARAGRAPH_SEPARATOR`] as a character: the renderers split redlines at
/// it, and splitting at a character is a byte search where splitting at a string is a
/// general substring search.
const PARAGRAPH_SEPARATOR: char = {
    let separator = crate::redline::PARAGRAPH_SEPARATOR.as_bytes();
    assert!(
        separator.len() == 1,
        "the paragraph separator is one ASCII character"
    );
    separator[0] as char
};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ANSI colour plus markers, wrapped to a width.
    Terminal,
    /// Plain `[-removed-]{+added+}` markers, stable bytes.
    Text,
    /// GitHub/GitLab Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// The documented JSON.
    Json,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Format; 5] = [
        Format::Terminal,
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
    ];
}

/// How to render; decided by the caller (the library never probes the terminal).
///
/// Every renderer takes the same options and uses those that mean something in its format
/// (colour and width in the terminal format only; a history has no unchanged text to fold
/// and never wraps its table). More may come, so it is built from its default:
///
/// ```
/// use resdiff::Kind;
/// use resdiff::render::RenderOptions;
///
/// let options = RenderOptions::default().with_context(2).with_only(Some(Kind::Operative));
/// assert_eq!(options.context, 2);
/// assert!(!options.color);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Use ANSI colour (terminal format only).
    pub color: bool,
    /// Wrap width in columns (terminal format only).
    pub width: usize,
    /// Show unchanged paragraphs in full instead of counting them.
    pub show_unchanged: bool,
    /// Unchanged paragraphs shown around each change.
    pub context: usize,
    /// Only the paragraphs of this kind (preambular or operative): the title, sponsors,
    /// chapeau and footnotes are left out with the paragraphs of the other kind.
    pub only: Option<Kind>,
    /// How the HTML page sets out each change (HTML format only).
    pub html_layout: HtmlLayout,
}

/// How the HTML page sets out each change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HtmlLayout {
    /// One paragraph with the deletions and insertions in place.
    #[default]
    Inline,
    /// Old and new side by side in two columns, deletions marked in the old, insertions in
    /// the new.
    SideBySide,
}

impl RenderOptions {
    /// With ANSI colour (terminal format) or without.
    #[must_use]
    pub fn with_color(self, color: bool) -> RenderOptions {
        RenderOptions { color, ..self }
    }

    /// Wrapped to `width` columns (terminal format).
    #[must_use]
    pub fn with_width(self, width: usize) -> RenderOptions {
        RenderOptions { width, ..self }
    }

    /// Unchanged paragraphs shown in full, or folded into a count.
    #[must_use]
    pub fn with_show_unchanged(self, show_unchanged: bool) -> RenderOptions {
        RenderOptions {
            show_unchanged,
            ..self
        }
    }

    /// `context` unchanged paragraphs shown around each change.
    #[must_use]
    pub fn with_context(self, context: usize) -> RenderOptions {
        RenderOptions { context, ..self }
    }

    /// Only the paragraphs of `only` (preambular or operative), or everything.
    #[must_use]
    pub fn with_only(self, only: Option<Kind>) -> RenderOptions {
        RenderOptions { only, ..self }
    }

    /// The HTML page set out as `html_layout` (HTML format).
    #[must_use]
    pub fn with_html_layout(self, html_layout: HtmlLayout) -> RenderOptions {
        RenderOptions {
            html_layout,
            ..self
        }
    }
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            color: false,
            width: 100,
            show_unchanged: false,
            context: 0,
            only: None,
            html_layout: HtmlLayout::Inline,
        }
    }
}

/// The comparisons in `format`, as [`render`] writes them.
///
/// ```
/// use resdiff::render::{self, Format, RenderOptions};
///
/// let text = "Title\n\nThe General Assembly,\n\n1. Decides to act;\n";
/// let diff = resdiff::diff_texts(text, text)?;
/// let page = render::to_string(&diff.comparisons, Format::Markdown, &RenderOptions::default());
/// assert!(page.contains("unchanged"));
/// # Ok::<(), resdiff::Error>(())
/// ```
pub fn to_string(comparisons: &[Comparison], format: Format, options: &RenderOptions) -> String {
    match format {
        Format::Terminal => text::render(comparisons, options, true),
        Format::Text => text::render(comparisons, options, false),
        Format::Markdown => markdown::render(comparisons, options),
        Format::Html => html::render(comparisons, options),
        Format::Json => json::render(comparisons, options)
            .expect("the comparisons serialize: string keys, no custom failure"),
    }
}

/// Writes the comparisons in `format`.
///
/// Each comparison gets a header (old side → new side), the summary of its changes, the
/// renumbering map, then its changes: title, sponsors and chapeau, the paragraphs in new-text
/// order, the footnotes; unchanged texts are folded into a count unless `options` asks for
/// them. The output is built in memory in one pass, then
/// written once.
///
/// # Errors
///
/// The error of `out`, if writing fails.
pub fn render(
    comparisons: &[Comparison],
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    out.write_all(to_string(comparisons, format, options).as_bytes())
}
