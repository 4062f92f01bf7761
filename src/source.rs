//! Reading an input: a path or `-` for standard input, with the checks that turn bad input
//! into one clear error instead of garbage further down the pipeline.

use std::io::Read;

use crate::error::{Error, Result};
use crate::read::TrackedChanges;

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
    ///
    /// The bytes are checked as they arrive, so that a device or pipe of zeros
    /// (`/dev/zero`) is refused at its first NUL byte rather than after buffering the
    /// whole limit.
    pub fn read(path: &str, max_bytes: u64) -> Result<Source> {
        Source::read_with(path, max_bytes, TrackedChanges::Accept)
    }

    /// [`Source::read`], the changes tracked in a Word document accepted or rejected.
    pub fn read_with(path: &str, max_bytes: u64, changes: TrackedChanges) -> Result<Source> {
        let (name, bytes) = Source::read_bytes(path, max_bytes)?;
        Source::from_bytes_with(name, bytes, changes)
    }

    /// The name and bytes of `path` (or of standard input for `-`), with the checks of
    /// [`Source::read`] that need only the bytes as they arrive; [`Source::from_bytes_with`]
    /// makes them a source. Apart so that the costly part, reading a PDF or Word document,
    /// can run on several inputs at once.
    pub(crate) fn read_bytes(path: &str, max_bytes: u64) -> Result<(String, Vec<u8>)> {
        Ok(if path == "-" {
            let stdin = std::io::stdin();
            let bytes = read_checked(stdin.lock(), STDIN_NAME, max_bytes, 0)?;
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
            // Room for the whole file and the byte that would pass the limit: without it the
            // buffer grew from 32 bytes, a read and a copy each time it doubled.
            let room = usize::try_from(metadata.len()).map_or(0, |len| len.saturating_add(1));
            (path.to_owned(), read_checked(file, path, max_bytes, room)?)
        })
    }

    /// Checks raw bytes and turns them into a source: reads the text of a PDF or a Word
    /// document (see [`crate::read`]); rejects other binary, non-UTF-8 and empty input;
    /// decodes UTF-16 that opens with its byte-order mark (Word's "Unicode text"); drops every
    /// byte-order mark (the one that opens the text, and those left inside it where files
    /// were joined).
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source> {
        Source::from_bytes_with(name, bytes, TrackedChanges::Accept)
    }

    /// [`Source::from_bytes`], the changes tracked in a Word document accepted or rejected.
    pub fn from_bytes_with(
        name: impl Into<String>,
        bytes: Vec<u8>,
        changes: TrackedChanges,
    ) -> Result<Source> {
        let name = name.into();
        let bytes = match crate::read::document_text_with(&name, &bytes, changes)? {
            Some(text) => text.into_bytes(),
            None => bytes,
        };
        let text = match Utf16::of(&bytes) {
            Some(order) => decode_utf16(&name, &bytes, order)?,
            None => {
                if let Some(what) = binary_signature(&bytes) {
                    return Err(Error::Binary { path: name, what });
                }
                String::from_utf8(bytes).map_err(|err| Error::NotUtf8 {
                    path: name.clone(),
                    offset: err.utf8_error().valid_up_to(),
                })?
            }
        };
        // Its first byte looked for by memchr, many bytes at a time, and the other two only
        // where it is found: `str::contains` read the whole text a byte or two at a time for
        // a mark almost no text holds, and memmem costs more than memchr where the mark's
        // first byte is as rare.
        let bytes = text.as_bytes();
        let holds_mark = memchr::memchr_iter(BYTE_ORDER_MARK_BYTES[0], bytes)
            .any(|at| bytes[at..].starts_with(BYTE_ORDER_MARK_BYTES));
        let text = if holds_mark {
            text.replace(BYTE_ORDER_MARK, "")
        } else {
            text
        };
        if text.trim().is_empty() {
            return Err(Error::Empty { path: name });
        }
        Ok(Source { name, text })
    }
}

/// U+FEFF: a byte-order mark where a text starts. Inside a text it is almost always one left
/// where two files were joined (its other use, a zero-width no-break space, passed to
/// U+2060 in 2002); either way it has no visible form and only breaks words and titles.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// The UTF-8 bytes of [`BYTE_ORDER_MARK`].
const BYTE_ORDER_MARK_BYTES: &[u8] = "\u{feff}".as_bytes();

/// The byte order of a UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    Little,
    Big,
}

impl Utf16 {
    /// The byte order announced by the byte-order mark that opens `bytes`, if any.
    fn of(bytes: &[u8]) -> Option<Utf16> {
        match bytes {
            [0xff, 0xfe, ..] => Some(Utf16::Little),
            [0xfe, 0xff, ..] => Some(Utf16::Big),
            _ => None,
        }
    }
}

/// The text of UTF-16 `bytes` (mark included, dropped later with any other), or an error
/// at the offset of the first byte that is not UTF-16 text: an odd last byte, an unpaired
/// surrogate, or a NUL character (which no text holds).
fn decode_utf16(name: &str, bytes: &[u8], order: Utf16) -> Result<String> {
    let invalid = |offset: usize| Error::NotText {
        path: name.to_owned(),
        encoding: "UTF-16",
        offset,
    };
    let units = bytes.chunks_exact(2).map(|pair| match order {
        Utf16::Little => u16::from_le_bytes([pair[0], pair[1]]),
        Utf16::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut text = String::with_capacity(bytes.len());
    let mut offset = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok('\0') | Err(_) => return Err(invalid(offset)),
            Ok(c) => {
                text.push(c);
                offset += 2 * c.len_utf16();
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(invalid(bytes.len() - 1));
    }
    Ok(text)
}

/// How much is read at a time: the bytes of each read are checked for NUL before the next.
const READ_CHUNK: usize = 64 * 1024;

/// Reads at most `max_bytes` (plus one, to tell that the limit was passed), refusing a
/// binary input as soon as its first NUL byte or its signature arrives. A UTF-16 input
/// (told by its byte-order mark) holds NUL bytes in its text; it is checked once decoded.
/// `room`: the bytes expected (the size of a file), made room for at once.
fn read_checked(reader: impl Read, name: &str, max_bytes: u64, room: usize) -> Result<Vec<u8>> {
    let io_error = |source| Error::Io {
        path: name.to_owned(),
        source,
    };
    let mut reader = reader.take(max_bytes.saturating_add(1));
    let mut bytes = Vec::with_capacity(room);
    loop {
        let checked = bytes.len();
        let read = (&mut reader)
            .take(READ_CHUNK as u64)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        if read == 0 {
            break;
        }
        // UTF-16 holds NUL bytes, and a PDF or Word document is binary: the readers of
        // `crate::read` check those whole.
        if Utf16::of(&bytes).is_some() || crate::read::is_document(&bytes) {
            continue;
        }
        // A signature is told from the first bytes, a NUL from the new ones.
        let what = if checked == 0 {
            binary_signature(&bytes)
        } else {
            nul_byte(&bytes, checked)
        };
        if let Some(what) = what {
            return Err(Error::Binary {
                path: name.to_owned(),
                what,
            });
        }
    }
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
        (
            b"PK\x03\x04",
            "a ZIP archive that is not a Word document, such as an .odt file",
        ),
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
    if looks_like_utf16_without_mark(bytes) {
        return Some(
            "UTF-16 text without a byte-order mark; save it as UTF-8, or as UTF-16 with its mark"
                .to_owned(),
        );
    }
    nul_byte(bytes, 0)
}

/// The first NUL byte from `from` on, described.
fn nul_byte(bytes: &[u8], from: usize) -> Option<String> {
    // Asked of every byte of every input, twice (as the bytes arrive, and again when they
    // are made a source): memchr reads many bytes at a time, where the standard library's
    // `contains` read a word at a time.
    memchr::memchr(0, &bytes[from..]).map(|offset| format!("NUL byte at offset {}", from + offset))
}

/// Whether `bytes` read like UTF-16 of a Latin-script text without its mark: in the first
/// 64 pairs, every other byte is NUL on the same side and the other side never is.
fn looks_like_utf16_without_mark(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(64).collect();
    if pairs.len() < 2 {
        return false;
    }
    let high_first = pairs.iter().all(|p| p[0] == 0 && p[1] != 0);
    let low_first = pairs.iter().all(|p| p[1] == 0 && p[0] != 0);
    high_first || low_first
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

    fn utf16(text: &str, order: Utf16) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| match order {
                Utf16::Little => unit.to_le_bytes(),
                Utf16::Big => unit.to_be_bytes(),
            })
            .collect()
    }

    /// Word's "Unicode text" is UTF-16 with a byte-order mark: it was called a binary file
    /// ("NUL byte at offset 3").
    #[test]
    fn reads_utf16_with_its_mark_in_either_order() {
        let text = "\u{feff}The General Assembly,\n\nRéaffirmant 重申 𝐀;";
        for order in [Utf16::Little, Utf16::Big] {
            let source = Source::from_bytes("word.txt", utf16(text, order)).unwrap();
            assert_eq!(source.text, "The General Assembly,\n\nRéaffirmant 重申 𝐀;");
        }
        let mut odd = utf16("\u{feff}Text", Utf16::Little);
        odd.push(b'x');
        let err = Source::from_bytes("odd.txt", odd).unwrap_err();
        assert_eq!(
            err.to_string(),
            "odd.txt: not UTF-16 text (invalid character at byte offset 10)"
        );
        let mut lone = utf16("\u{feff}Te", Utf16::Big);
        lone.extend([0xd8, 0x00, 0x00, b'x']);
        let err = Source::from_bytes("lone.txt", lone).unwrap_err();
        assert!(err.to_string().contains("offset 6"), "{err}");
    }

    #[test]
    fn utf16_without_its_mark_is_named() {
        let bytes = utf16("The General Assembly,", Utf16::Little);
        let err = Source::from_bytes("word.txt", bytes).unwrap_err();
        assert!(
            err.to_string()
                .contains("UTF-16 text without a byte-order mark"),
            "{err}"
        );
    }

    /// Files joined with `cat` keep the second file's mark inside the text, where it stayed
    /// in the title it preceded.
    #[test]
    fn a_mark_inside_the_text_is_dropped() {
        let source = Source::from_bytes(
            "joined.txt",
            "\u{feff}A\n\u{feff}Strengthening the programme\n"
                .as_bytes()
                .to_vec(),
        )
        .unwrap();
        assert_eq!(source.text, "A\nStrengthening the programme\n");
    }

    /// With the limit raised, `/dev/zero` was buffered whole (3.4 GB) before the NUL check.
    /// An endless reader of zeros must now be refused at once.
    #[test]
    fn endless_zeros_are_refused_while_reading() {
        let err = read_checked(std::io::repeat(0), "/dev/zero", u64::MAX, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/zero: binary file (NUL byte at offset 0); give the text of the document instead"
        );
        let text_then_zeros = std::io::Read::chain(
            &b"The General Assembly,"[..],
            std::io::Read::take(std::io::repeat(0), 1 << 20),
        );
        let err = read_checked(text_then_zeros, "z", u64::MAX, 0).unwrap_err();
        assert!(err.to_string().contains("NUL byte at offset 21"), "{err}");
        let err = read_checked(
            std::io::Read::chain(&b"x"[..], std::io::repeat(b'a')),
            "a",
            1 << 20,
            0,
        )
        .unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
        // How to raise the limit is the caller's to say: the library has no options.
        assert_eq!(
            err.to_string(),
            "a: too large (1048577 bytes; the limit is 1048576 bytes)"
        );
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = Source::read("/nonexistent/resolution.txt", DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(err.to_string(), "/nonexistent/resolution.txt: no such file");
    }

    #[test]
    fn limit_is_enforced() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), "x".repeat(100)).unwrap();
        let err = Source::read(file.path().to_str().unwrap(), 10).unwrap_err();
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
