//! Prints the text resdiff reads from a document (PDF or text), as the parser gets it:
//! `cargo run --example pdf_text -- FILE.pdf`. For comparing with another extractor.

fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_text FILE");
    match resdiff::Source::read(&path, resdiff::source::DEFAULT_MAX_BYTES) {
        Ok(source) => print!("{}", source.text),
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(2);
        }
    }
}
