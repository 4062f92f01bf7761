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
            write_rest(document, out)
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
    if let Some(sponsors) = &instrument.sponsors {
        writeln!(out, "sponsors: {}", escape::printable_text(sponsors))?;
    }
    for paragraph in &instrument.paragraphs {
        writeln!(
            out,
            "{}",
            escape::printable_text(&paragraph_line(paragraph))
        )?;
    }
    if let Some(adoption) = &instrument.adoption {
        writeln!(out, "adopted: {}", escape::printable_text(adoption))?;
    }
    Ok(())
}

/// The text kept outside any instrument, one line per passage with its lines, and how
/// many pieces of each kind were dropped: nothing of the input goes unmentioned.
fn write_rest(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    if !document.outside.is_empty() {
        writeln!(out)?;
        writeln!(out, "== outside any instrument")?;
        for passage in &document.outside {
            let shown: String = passage.text.chars().take(TEXT_WIDTH).collect();
            let ellipsis = if shown.len() < passage.text.len() {
                "…"
            } else {
                ""
            };
            let line = format!(
                "{:<9} {shown}{ellipsis}",
                format!("{}-{}", passage.lines.first, passage.lines.last)
            );
            writeln!(out, "{}", escape::printable_text(&line))?;
        }
    }
    if !document.dropped.is_empty() {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for piece in &document.dropped {
            let kind = serde_json::to_value(piece.kind).map_err(io::Error::other)?;
            *counts
                .entry(kind.as_str().unwrap_or("").to_owned())
                .or_default() += 1;
        }
        let list: Vec<String> = counts
            .iter()
            .map(|(kind, count)| format!("{count} {kind}"))
            .collect();
        writeln!(out)?;
        writeln!(out, "== dropped: {}", list.join(", "))?;
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
