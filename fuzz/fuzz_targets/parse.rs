//! `resdiff parse` as a library call: bytes → checked source → parse → both document formats.
//! Any panic is a bug; errors are fine (they become one-line messages).
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::render::{DocumentFormat, render_document};
use resdiff::{Source, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.txt", data.to_vec()) else {
        return;
    };
    let Ok(document) = parse(&source) else {
        return;
    };
    assert!(
        !document.instruments.is_empty(),
        "a parsed document holds an instrument"
    );
    for instrument in &document.instruments {
        let mut ids: Vec<_> = instrument.paragraphs.iter().map(|p| p.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "paragraph ids repeat in one instrument");
    }
    for format in [DocumentFormat::Text, DocumentFormat::Json] {
        let mut out = Vec::new();
        render_document(&document, format, &mut out).expect("render to memory");
    }
});
