//! Reading an input: a path or `-` for standard input, with the checks that turn bad input
//! into one clear error instead of garbage further down the pipeline.

use std::io::Read;

use crate::error::{Error, Result};

/// Default limit on the size of one input: 16 MiB.
///
/// The largest real document in the corpus is 140 KB; a whole General Assembly session's
/// resolutions fit in a few MiB. Anything far larger is almost certainly not a resolution
/// (a dump, a disk image) and would only waste time and memory. `--max-size` raises it.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The name under which standard input is reported.
pub const STDIN_NAME: &str = "<stdin>";

/// One input text, with the name it is reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as given by the user, or `<stdin>`.
    pub name: String,
    /// The whole text, UTF-8, without a byte-order mark.
    pub text: String,
}

impl Source {
    /// Wraps an in-memory text (tests, examples, library users who already hold the text).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Reads `path` (or standard input for `-`), refusing more than `max_bytes`.
    pub fn read(path: &str, max_bytes: u64) -> Result<Source> {
        let (name, bytes) = if path == "-" {
            let stdin = std::io::stdin();
            let bytes = read_limited(stdin.lock(), STDIN_NAME, max_bytes)?;
            (STDIN_NAME.to_owned(), bytes)
        } else {
            let io_error = |source| Error::Io {
                path: path.to_owned(),
                source,
            };
            let metadata = std::fs::metadata(path).map_err(io_error)?;
            if metadata.is_dir() {
                return Err(io_error(std::io::ErrorKind::IsADirectory.into()));
            }
            if metadata.len() > max_bytes {
                return Err(Error::TooLarge {
                    path: path.to_owned(),
                    bytes: metadata.len(),
                    limit: max_bytes,
                });
            }
            let file = std::fs::File::open(path).map_err(io_error)?;
            (path.to_owned(), read_limited(file, path, max_bytes)?)
        };
        Source::from_bytes(name, bytes)
    }

    /// Checks raw bytes and turns them into a source: reads the text of a PDF (see
    /// [`crate::read`]), rejects other binary, non-UTF-8 and empty input, strips a UTF-8
    /// byte-order mark.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source> {
        let name = name.into();
        let bytes = match crate::read::document_text(&name, &bytes)? {
            Some(text) => text.into_bytes(),
            None => bytes,
        };
        if let Some(what) = binary_signature(&bytes) {
            return Err(Error::Binary { path: name, what });
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                return Err(Error::NotUtf8 {
                    path: name,
                    offset: err.utf8_error().valid_up_to(),
                });
            }
        };
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        if text.trim().is_empty() {
            return Err(Error::Empty { path: name });
        }
        Ok(Source { name, text })
    }
}

/// Reads at most `max_bytes` (plus one, to tell that the limit was passed).
fn read_limited(reader: impl Read, name: &str, max_bytes: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: name.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: name.to_owned(),
            bytes: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// Recognises the binary formats people mistake for text: the magic numbers of the usual
/// office and image formats, then any NUL byte.
fn binary_signature(bytes: &[u8]) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a ZIP archive, such as a .docx or .odt file"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Word or Excel file",
        ),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"\x7FELF", "an executable"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some((*what).to_owned());
        }
    }
    // `contains` looks for the byte a word at a time; only a binary input needs its offset.
    if !bytes.contains(&0) {
        return None;
    }
    bytes
        .iter()
        .position(|&b| b == 0)
        .map(|offset| format!("NUL byte at offset {offset}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_keeps_text() {
        let source =
            Source::from_bytes("a.txt", b"\xEF\xBB\xBFThe General Assembly,".to_vec()).unwrap();
        assert_eq!(source.text, "The General Assembly,");
    }

    #[test]
    fn rejects_binary_not_utf8_and_empty() {
        let err = Source::from_bytes("a.png", b"\x89PNG\r\n".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.png: binary file (a PNG image); give the text of the document instead"
        );
        let err = Source::from_bytes("b.txt", b"abc\0def".to_vec()).unwrap_err();
        assert!(err.to_string().contains("NUL byte at offset 3"), "{err}");
        let err = Source::from_bytes("c.txt", b"caf\xE9".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.txt: not UTF-8 text (invalid byte at offset 3)"
        );
        let err = Source::from_bytes("d.txt", b" \n\t\n".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "d.txt: empty input");
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = Source::read("/nonexistent/resolution.txt", DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(err.to_string(), "/nonexistent/resolution.txt: no such file");
    }

    #[test]
    fn limit_is_enforced() {
        let dir = std::env::temp_dir().join(format!("resdiff-limit-{}", std::process::id()));
        std::fs::write(&dir, "x".repeat(100)).unwrap();
        let err = Source::read(dir.to_str().unwrap(), 10).unwrap_err();
        std::fs::remove_file(&dir).unwrap();
        assert!(
            matches!(
                err,
                Error::TooLarge {
                    bytes: 100,
                    limit: 10,
                    ..
                }
            ),
            "{err}"
        );
    }
}

/// An input as named on the command line: a path (or `-`) and, after a `#`, the instrument
/// to pick in it: `report.txt#4` (1-based position) or `report.txt#Draft resolution IV`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    /// The path, or `-` for standard input.
    pub path: String,
    /// The instrument to pick, if any.
    pub pick: Option<String>,
}

impl InputSpec {
    /// Splits `FILE#PICK`. A path that exists as given wins over the split, so that a file
    /// whose name holds a `#` can still be read.
    pub fn parse(arg: &str) -> InputSpec {
        if let Some((path, pick)) = arg.rsplit_once('#') {
            if !pick.trim().is_empty() && !path.is_empty() && !std::path::Path::new(arg).exists() {
                return InputSpec {
                    path: path.to_owned(),
                    pick: Some(pick.to_owned()),
                };
            }
        }
        InputSpec {
            path: arg.to_owned(),
            pick: None,
        }
    }
}

#[cfg(test)]
mod spec_tests {
    use super::InputSpec;

    #[test]
    fn splits_pick_from_path() {
        let spec = InputSpec::parse("report.txt#Draft resolution IV");
        assert_eq!(spec.path, "report.txt");
        assert_eq!(spec.pick.as_deref(), Some("Draft resolution IV"));
        assert_eq!(InputSpec::parse("-#2").pick.as_deref(), Some("2"));
        assert_eq!(InputSpec::parse("plain.txt").pick, None);
        assert_eq!(InputSpec::parse("trailing#").path, "trailing#");
    }
}
