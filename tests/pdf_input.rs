//! PDF in: a real PDF parses as its text layer and compares with it as the same text; an
//! encrypted PDF, a PDF without a text layer and a corrupt one are refused with one line
//! and exit 2; damaged PDFs never panic.
//!
//! Fixtures in `tests/fixtures/pdf/`: A/C.3/80/L.24 as published and its PyMuPDF text
//! layer (from `../shared/corpus`); `encrypted.pdf` (its first page, AES-128 with a user
//! password) and `scan-no-text.pdf` (two blank pages) written by pypdf;
//! `truncated.pdf`, its first 3,000 bytes.

mod common;

use resdiff::source::{DEFAULT_MAX_BYTES, Source};

fn fixture(name: &str) -> String {
    common::fixture(&format!("pdf/{name}"))
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_pdf_parses_as_its_text_layer() {
    let from_pdf =
        resdiff::read_document(&fixture("A-C.3-80-L.24.pdf"), DEFAULT_MAX_BYTES).expect("PDF read");
    let from_text = resdiff::read_document(&fixture("A-C.3-80-L.24.en.txt"), DEFAULT_MAX_BYTES)
        .expect("text read");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let outline = |document: &resdiff::Document| {
        document
            .instruments
            .iter()
            .flat_map(|instrument| {
                std::iter::once(format!("{:?} {:?}", instrument.symbol, instrument.title)).chain(
                    instrument
                        .paragraphs
                        .iter()
                        .map(|p| format!("{} {}", p.id, words(&p.text))),
                )
            })
            .collect::<Vec<_>>()
    };
    let pdf = outline(&from_pdf);
    assert!(pdf.len() > 3, "{pdf:#?}");
    assert_eq!(pdf, outline(&from_text));
}

#[test]
fn diff_of_a_pdf_and_its_text_is_same() {
    let output = common::bin()
        .args([
            "diff",
            &fixture("A-C.3-80-L.24.pdf"),
            &fixture("A-C.3-80-L.24.en.txt"),
        ])
        .output()
        .unwrap();
    let stdout = common::stdout_of(output, 0);
    assert!(stdout.contains("0 added, 0 removed"), "{stdout}");
}

#[test]
fn unreadable_pdfs_get_one_line_and_exit_2() {
    let cases = [
        (
            "encrypted.pdf",
            "encrypted.pdf: encrypted PDF (it needs a password); give an unprotected copy or its text",
        ),
        (
            "scan-no-text.pdf",
            "scan-no-text.pdf: PDF without a text layer (0 letters on 2 pages): a scan? run OCR on it first (for example ocrmypdf) or give its text",
        ),
        ("truncated.pdf", "truncated.pdf: corrupt PDF ("),
    ];
    for (name, expected) in cases {
        let output = common::bin()
            .args(["parse", &fixture(name)])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: {stderr:?} lacks {expected:?}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Damage the PDF the way transfers and bad writers do (bytes overwritten, cut short) at
/// positions spread over the whole file: every result is text or one error naming the
/// file, and no panic reaches the caller.
#[test]
fn damaged_pdfs_never_panic() {
    let original = std::fs::read(fixture("A-C.3-80-L.24.pdf")).unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut read, mut refused, mut caught) = (0, 0, 0);
    for round in 0..120 {
        let mut bytes = original.clone();
        if round % 4 == 3 {
            bytes.truncate(next() as usize % bytes.len());
        } else {
            for _ in 0..(1 + round % 8) {
                let at = 5 + next() as usize % (bytes.len() - 5);
                bytes[at] = next() as u8;
            }
        }
        match Source::from_bytes("damaged.pdf", bytes) {
            Ok(_) => read += 1,
            Err(err) => {
                let message = err.to_string();
                assert!(message.starts_with("damaged.pdf: "), "{message}");
                assert!(!message.contains('\n'), "{message}");
                refused += 1;
                caught += usize::from(message.contains("gave up"));
            }
        }
    }
    println!("damaged PDFs: {read} read, {refused} refused, {caught} of them panics caught");
    assert!(refused > 0, "truncation must break some of them");
    assert!(
        caught > 0,
        "some damage must reach the reader's panics, caught"
    );
}
