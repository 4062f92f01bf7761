//! Output of `resdiff parse`: the parsed document as text or JSON.

use std::io::{self, Write};

use crate::document::{Document, Instrument, Paragraph};

use super::escape;

/// Output formats of `resdiff parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// One line per paragraph: `PP3  Reaffirming also | ...`.
    Text,
    /// The documented JSON of the parsed document.
    Json,
}

/// Characters of paragraph text shown after the lead in the text format, so that a
/// paragraph fits a terminal line.
const TEXT_WIDTH: usize = 100;

/// Writes a parsed document in `format`.
pub fn render_document(
    document: &Document,
    format: DocumentFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        DocumentFormat::Json => {
            let json = super::json::to_string_pretty(document).map_err(io::Error::other)?;
            writeln!(out, "{json}")
        }
        DocumentFormat::Text => {
            for (index, instrument) in document.instruments.iter().enumerate() {
                if index > 0 {
                    writeln!(out)?;
                }
                write_instrument(instrument, out)?;
            }
            Ok(())
        }
    }
}

/// The header line, then one line per paragraph.
fn write_instrument(instrument: &Instrument, out: &mut dyn Write) -> io::Result<()> {
    let label = instrument
        .qualified_label()
        .or_else(|| instrument.label.clone());
    let header: Vec<&str> = [
        label.as_deref(),
        instrument.symbol.as_deref(),
        instrument.title.as_deref(),
        instrument.chapeau.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let header = if header.is_empty() {
        instrument.display_name()
    } else {
        header.join(" / ")
    };
    // Control characters of the document are shown, never sent to the terminal.
    writeln!(out, "== {}", escape::printable_text(&header))?;
    for paragraph in &instrument.paragraphs {
        writeln!(
            out,
            "{}",
            escape::printable_text(&paragraph_line(paragraph))
        )?;
    }
    Ok(())
}

/// `PP3   Reaffirming also | its resolutions ...`, the text cut at [`TEXT_WIDTH`] characters.
fn paragraph_line(paragraph: &Paragraph) -> String {
    let rest = paragraph
        .text
        .strip_prefix(paragraph.lead.as_str())
        .unwrap_or(&paragraph.text)
        .trim_start();
    let shown: String = rest.chars().take(TEXT_WIDTH).collect();
    let ellipsis = if shown.len() < rest.len() { "…" } else { "" };
    format!(
        "{:<5} {} | {shown}{ellipsis}",
        paragraph.id.to_string(),
        paragraph.lead
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{LineSpan, ParagraphId};

    #[test]
    fn text_line_shows_lead_and_cut_text() {
        let paragraph = Paragraph {
            id: ParagraphId::pp(3),
            lead: "Reaffirming also".to_owned(),
            text: format!("Reaffirming also its resolutions {}", "x".repeat(200)),
            items: Vec::new(),
            footnotes: Vec::new(),
            lines: LineSpan::default(),
        };
        let line = paragraph_line(&paragraph);
        assert!(
            line.starts_with("PP3   Reaffirming also | its resolutions "),
            "{line}"
        );
        assert!(line.ends_with('…'));
    }
}
