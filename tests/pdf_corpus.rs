//! Every PDF of `../shared/corpus/pdf/` parses as its text layer in `../shared/corpus/real/`
//! (the same name with `.en.txt`, extracted by PyMuPDF, an independent reader; a PDF
//! without one, A/RES/78/229 here, must only be read without error): the same
//! instruments, with the same titles, chapeaux, paragraph ids and paragraph texts, up to
//! line breaks and spacing. All differences are collected and printed, so one run shows
//! them all. On the shared corpus the number of PDFs that agree must not fall below
//! [`PASSING_FLOOR`]; `RESDIFF_PDF_DIR` and `RESDIFF_PDF_TEXT_DIR` point the test at other
//! PDFs and their text layers, where every one must agree. Skips visibly when neither is
//! there.

use crate::common;

use std::path::PathBuf;

use resdiff::source::{DEFAULT_MAX_BYTES, Source};

/// Text with every run of white space made one space: line breaks and justification
/// spacing are the readers' business, the words are not.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the comparison looks at, one line per instrument field and per paragraph.
fn outline(source: &Source) -> Vec<String> {
    let document = match resdiff::parse(source) {
        Ok(document) => document,
        Err(err) => return vec![format!("error: {err}")],
    };
    let mut lines = Vec::new();
    for instrument in &document.instruments {
        lines.push(format!(
            "== {:?} / {:?} / {:?}",
            instrument.symbol,
            instrument.title.as_deref().map(words),
            instrument.chapeau.as_deref().map(words)
        ));
        for paragraph in &instrument.paragraphs {
            lines.push(format!("{} {}", paragraph.id, words(&paragraph.text)));
        }
    }
    lines
}

/// PDFs of the shared corpus whose parse agrees with their text layer's (or that have no
/// text layer and are read without error): the count reached so far. A ratchet: raise it
/// as the reader and the parser get closer, never lower it. The PDF reader takes footnote
/// marks from the font (superscripts); the text layer leaves them to the parser's rules for
/// plain digits. The two that still differ are marks those rules cannot tell from text, as
/// the text layer prints them: "the 2022 Group 6 to provide" (A/C.1/80/L.47, PP4: the PDF
/// draws the superscript 6 right after "Group", 0.11 em from it, and PyMuPDF writes a space;
/// "Group 6" reads as a group's number) and "Additional Protocol I6" (A/C.4/80/L.20, PP3:
/// a superscript 6 glued to the roman numeral of a protocol, as a name like "G20" is).
const PASSING_FLOOR: usize = 39;

/// The PDF and text folders, and whether they are the shared corpus (held to the floor)
/// rather than folders given in the environment (held to every file).
fn dirs() -> Option<(PathBuf, PathBuf, bool)> {
    if let (Some(pdfs), Some(texts)) = (
        std::env::var_os("RESDIFF_PDF_DIR"),
        std::env::var_os("RESDIFF_PDF_TEXT_DIR"),
    ) {
        return Some((pdfs.into(), texts.into(), false));
    }
    Some((
        common::shared_pdf_corpus()?,
        common::shared_real_corpus()?,
        true,
    ))
}

#[test]
fn every_pdf_parses_as_its_text_layer() {
    let Some((pdf_dir, text_dir, shared)) = dirs() else {
        common::skipped(
            "every_pdf_parses_as_its_text_layer",
            "../shared/corpus/pdf or ../shared/corpus/real not found",
        );
        return;
    };
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&pdf_dir)
        .expect("PDF folder")
        .map(|entry| entry.expect("PDF folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .collect();
    pdfs.sort();
    assert!(!pdfs.is_empty(), "no PDF in {}", pdf_dir.display());
    let mut failures = Vec::new();
    for pdf in &pdfs {
        let stem = pdf.file_stem().unwrap().to_string_lossy();
        let text_path = text_dir.join(format!("{stem}.en.txt"));
        let read = |path: &PathBuf| Source::read(path.to_str().unwrap(), DEFAULT_MAX_BYTES);
        let from_pdf = match read(pdf) {
            Ok(source) => outline(&source),
            Err(err) => vec![format!("error: {err}")],
        };
        if !text_path.is_file() {
            println!("no text layer for {stem}: compared with nothing, only read");
            if let Err(err) = read(pdf) {
                failures.push(format!("{stem}: {err}"));
            }
            continue;
        }
        let from_text = outline(&read(&text_path).expect("text layer"));
        if from_pdf != from_text {
            let first = from_pdf
                .iter()
                .zip(&from_text)
                .position(|(a, b)| a != b)
                .unwrap_or(from_pdf.len().min(from_text.len()));
            failures.push(format!(
                "{stem}: {} lines from the PDF, {} from the text layer; first difference:\n  pdf:  {}\n  text: {}",
                from_pdf.len(),
                from_text.len(),
                from_pdf.get(first).map_or("(none)", String::as_str),
                from_text.get(first).map_or("(none)", String::as_str),
            ));
        }
    }
    let passing = pdfs.len() - failures.len();
    println!("{passing} of {} PDFs parse as their text layer", pdfs.len());
    if shared {
        println!("{}", failures.join("\n"));
        assert!(
            passing >= PASSING_FLOOR,
            "{passing} PDFs agree, fewer than the {PASSING_FLOOR} reached before"
        );
    } else {
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
