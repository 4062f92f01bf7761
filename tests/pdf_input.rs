//! PDF in: a real PDF parses as its text layer and compares with it as the same text; an
//! encrypted PDF, a PDF without a text layer and a corrupt one are refused with one line
//! and exit 2; damaged PDFs never panic.
//!
//! Footnote marks come from the font: a superscript digit is a mark, a digit at body size
//! glued to a word is text.
//!
//! Fixtures in `tests/fixtures/pdf/`: A/C.3/80/L.24 as published and its PyMuPDF text
//! layer, A/C.1/80/L.47 as published (from `../shared/corpus`); `encrypted.pdf` (its first page, AES-128 with a user
//! password) and `scan-no-text.pdf` (two blank pages) written by pypdf;
//! `truncated.pdf`, its first 3,000 bytes.

use crate::common;

use resdiff::document::Document;
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

/// PDF inputs are read on several threads at once, and still give what reading them one
/// after the other gives: the same documents in order, and of several bad inputs the error
/// of the first.
#[test]
fn pdfs_read_at_once_keep_their_order_and_the_first_error() {
    let good = fixture("A-C.3-80-L.24.pdf");
    let text = fixture("A-C.3-80-L.24.en.txt");
    let alone = resdiff::read_document(&good, DEFAULT_MAX_BYTES).expect("PDF read");
    let together =
        resdiff::read_documents(&[&text, &good, &good], DEFAULT_MAX_BYTES).expect("inputs read");
    assert_eq!(together.len(), 3);
    assert_eq!(together[1], alone);
    assert_eq!(together[2], alone);
    assert_eq!(together[0].file, text);

    let first_error = |paths: &[&str]| {
        resdiff::read_documents(paths, DEFAULT_MAX_BYTES)
            .expect_err("a bad input")
            .to_string()
    };
    let (truncated, encrypted) = (fixture("truncated.pdf"), fixture("encrypted.pdf"));
    let missing = format!("{good}.missing");
    assert!(first_error(&[&good, &truncated, &encrypted]).contains("truncated.pdf"));
    assert!(first_error(&[&encrypted, &truncated, &good]).contains("encrypted.pdf"));
    assert!(first_error(&[&good, &truncated, &missing]).contains("truncated.pdf"));
    assert!(first_error(&[&good, &missing, &truncated]).contains(".missing"));
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

/// The footnote marks of every paragraph, by id.
fn marks(document: &Document) -> Vec<(String, Vec<u32>)> {
    document.instruments[0]
        .paragraphs
        .iter()
        .filter(|p| !p.footnotes.is_empty())
        .map(|p| (p.id.to_string(), p.footnotes.clone()))
        .collect()
}

/// A/C.1/80/L.47 sets its nine footnote marks as superscripts, one of them right after a
/// word that takes numbers: "the 2022 Group⁶ to provide". Its PyMuPDF text layer writes
/// "Group 6", which the rules for plain digits must keep as text ("Group 77"); the PDF says
/// it is a mark.
#[test]
fn superscript_marks_of_a_real_pdf_are_all_found() {
    let source = Source::read(&fixture("A-C.1-80-L.47.pdf"), DEFAULT_MAX_BYTES).expect("PDF read");
    for marked in [
        "2022 Group⁶ to",
        "light weapons,⁷ as",
        "\n⁶  A/77/126, para. 106.",
    ] {
        assert!(
            source.text.contains(marked),
            "{marked:?} not in:\n{}",
            source.text
        );
    }
    let document = resdiff::parse(&source).expect("parsed");
    assert_eq!(
        marks(&document),
        [
            ("PP3".to_owned(), vec![1, 2, 3, 4]),
            ("PP4".to_owned(), vec![5, 6, 7]),
            ("PP6".to_owned(), vec![8]),
            ("OP2".to_owned(), vec![9]),
        ]
    );
    let pp4 = &document.instruments[0].paragraphs[3];
    assert!(
        pp4.text.contains("by the 2022 Group to provide information on exports and imports of small arms and light weapons, as appropriate,"),
        "{}",
        pp4.text
    );
    let numbers: Vec<u32> = document.instruments[0]
        .footnotes
        .iter()
        .map(|f| f.number)
        .collect();
    assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
}

/// A one-page PDF of `lines` of content-stream operators in Helvetica (one of the fonts every
/// PDF reader knows without its file), written out with its cross-reference table.
fn pdf_of(operators: &[&str]) -> Vec<u8> {
    let content = operators.join("\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A line of body text at 10 pt, `y` points up the page.
fn body_line(y: u32, text: &str) -> String {
    format!("BT /F1 10 Tf 72 {y} Td ({text}) Tj ET")
}

/// The ambiguity of issue #20 ("resolution5", where footnote 5 is the next one printed on
/// the page) settled by the font: the 5 glued to "resolution" at body size is text; the 5
/// set smaller and raised after "Secretary-General," is the mark. Read as plain text, the
/// same words give the mark to "resolution5".
#[test]
fn a_digit_at_body_size_is_text_and_a_superscript_is_a_mark() {
    let lines = [
        body_line(720, "The General Assembly,"),
        body_line(
            690,
            "Recalling its resolution5 of 2020 on the safety of journalists,",
        ),
        // "5" at 6.5 pt raised 3.5 pt (text rise), then back to 10 pt on the baseline.
        "BT /F1 10 Tf 72 660 Td (Noting the report of the Secretary-General,) Tj /F1 6.5 Tf 3.5 Ts (5) Tj /F1 10 Tf 0 Ts ( and its recommendations,) Tj ET".to_owned(),
        body_line(630, "1. Decides to remain seized of the matter."),
        "BT /F1 8 Tf 72 120 Td (__________________) Tj ET".to_owned(),
        "BT /F1 5.2 Tf 72 100 Td 3 Ts (5) Tj /F1 8 Tf 0 Ts 8 0 Td (Resolution 74/157.) Tj ET"
            .to_owned(),
    ];
    let operators: Vec<&str> = lines.iter().map(String::as_str).collect();
    let source = Source::from_bytes("edited.pdf", pdf_of(&operators)).expect("PDF read");
    let document = resdiff::parse(&source).expect("parsed");
    let paragraphs: Vec<String> = document.instruments[0]
        .paragraphs
        .iter()
        .map(|p| format!("{} {}", p.id, p.text))
        .collect();
    assert_eq!(
        paragraphs,
        [
            "PP1 Recalling its resolution5 of 2020 on the safety of journalists,",
            "PP2 Noting the report of the Secretary-General, and its recommendations,",
            "OP1 Decides to remain seized of the matter.",
        ]
    );
    assert_eq!(marks(&document), [("PP2".to_owned(), vec![5])]);
    assert_eq!(
        document.instruments[0].footnotes[0].text,
        "Resolution 74/157."
    );

    // The same page as plain text: the rule for plain digits takes the first 5 it may.
    let flattened: String = source
        .text
        .chars()
        .map(|c| match c {
            '⁵' => '5',
            c => c,
        })
        .collect();
    let plain = resdiff::parse(&Source::new("edited.txt", flattened)).expect("parsed");
    assert_eq!(marks(&plain)[0], ("PP1".to_owned(), vec![5]));
}
