//! `resdiff diff` as a library call: bytes split at the first NUL into an old and a new text
//! → parse both → compare_documents → every format. Checks the faithfulness invariants of
//! every comparison.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::render::{self, Format, RenderOptions};
use resdiff::{AlignOptions, Source, compare_documents, parse};

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (a, b) = (&data[..split], data.get(split + 1..).unwrap_or(&[]));
    let read = |name: &str, bytes: &[u8]| {
        Source::from_bytes(name, bytes.to_vec())
            .ok()
            .and_then(|s| parse(&s).ok())
    };
    let (Some(old), Some(new)) = (read("old.txt", a), read("new.txt", b)) else {
        return;
    };
    let Ok(comparisons) = compare_documents(&old, &new, None, None, &AlignOptions::default())
    else {
        return;
    };
    // With no pick, compare_documents compares exactly the pairs of pair_instruments, in order.
    let pairs = resdiff::compare::pair_instruments(&old, &new);
    assert_eq!(pairs.len(), comparisons.len());
    for (&(i, j), comparison) in pairs.iter().zip(&comparisons) {
        invariants::check_comparison(
            &old.instruments[i],
            &new.instruments[j],
            comparison,
            resdiff::fold::Mode::Typographic,
        );
    }
    for format in Format::ALL {
        let mut out = Vec::new();
        render::render(&comparisons, format, &RenderOptions::default(), &mut out)
            .expect("render to memory");
    }
});
