//! The PDF entry point: any bytes after the `%PDF-` signature are read as a PDF. The reader
//! may refuse them, but with an error naming the file, never with a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::Source;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-".to_vec();
    bytes.extend_from_slice(data);
    if let Err(err) = Source::from_bytes("fuzz.pdf", bytes) {
        let message = err.to_string();
        assert!(message.starts_with("fuzz.pdf: "), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
});
