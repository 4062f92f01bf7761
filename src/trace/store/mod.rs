//! A saved corpus (`resdiff index DIR... --output corpus.rdx`, and the cache of a folder
//! traced directly): the parsed paragraphs and both indexes, laid out so that a trace reads
//! only the blocks it needs and a build never holds the corpus in memory.
//!
//! The file is `RESDIFF-INDEX` and a newline and the [format version](FORMAT_VERSION), then
//! the sections, then the table, then a fixed footer: where the table lies, its length and
//! CRC-32, and `RDX-END` and a newline. Every section is a run of blocks of a few KiB
//! (`store::blocks`), each listed in the table with the first key it holds, its place, its
//! length and its CRC-32, so that a reader finds a block with a binary search of the table
//! and reads it with one positioned read. The sections, all numbers little-endian and
//! every string as its length and UTF-8 bytes:
//!
//! - **stamps**: every file indexed with its size and modification time;
//! - **sources**: every instrument: file, symbol, date, first paragraph, title;
//! - **texts** and **bags**: every paragraph's kind, number and text, and its terms with
//!   their counts (by paragraph number);
//! - **terms**: every word's similarity key and term id (by a 64-bit hash of the key), and
//!   **df**: how many paragraphs hold each term (by term id);
//! - **exact keys**/**exact postings** and **shingle keys**/**shingle postings**: each key
//!   with where its paragraphs start in the postings and how many there are, and the
//!   postings, paragraph numbers in increasing order.
//!
//! The table holds the rest: the version of resdiff that wrote the file, the folders
//! indexed, the counts and the files skipped.
//!
//! Nothing in it is trusted unchecked: opening an index refuses, with a one-line error
//! naming the index, a file of another format or version, of another resdiff (whose parser may cut
//! paragraphs otherwise), a truncated file or a corrupt table (the footer and the table's
//! CRC), and a stale one: a file indexed that is gone or has changed size or time since,
//! or a file added to an indexed folder. Every block is checked against its CRC when it is
//! read, so a corrupt block fails the trace that reads it, with the same error. Rebuilding
//! is one command, which the error gives.

pub(crate) mod blocks;
pub(crate) mod sort;

use std::fs::File;
use std::time::UNIX_EPOCH;

use blocks::{BlockEntry, BlockReader, Bytes, Cursor, FileWriter, SectionWriter, corrupt};

use super::corpus::{Skipped, corpus_files};
use crate::error::{Error, Result};

/// What every index file opens with.
pub const MAGIC: &[u8] = b"RESDIFF-INDEX\n";

/// The layout of the file; raised on any change to it. Format 1 was one body read whole;
/// format 2 is made of blocks read one at a time.
pub const FORMAT_VERSION: u32 = 2;

/// What every index file ends with, after the table's place, length and CRC.
const FOOTER_MAGIC: &[u8; 8] = b"RDX-END\n";

/// Bytes of the footer.
const FOOTER_BYTES: usize = 8 + 8 + 4 + FOOTER_MAGIC.len();

/// What every error about an index tells the user to do.
pub(crate) const REBUILD: &str = "rebuild it with resdiff index";

/// Bytes of a block of the sections read a few records at a time.
pub(crate) const SMALL_BLOCK: usize = 4096;

/// Bytes of a block of the sections read whole or rarely (texts, sources, stamps).
pub(crate) const LARGE_BLOCK: usize = 16384;

/// Whether `bytes` open like an index file.
pub fn is_index(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// One file indexed, as it was when indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    path: String,
    size: u64,
    modified_nanos: u128,
}

impl Stamp {
    fn of(path: &str) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            path: path.to_owned(),
            size: metadata.len(),
            modified_nanos: modified.as_nanos(),
        })
    }
}

/// The tables of the sections.
#[derive(Debug, Default)]
pub(crate) struct Sections {
    pub stamps: Vec<BlockEntry>,
    pub sources: Vec<BlockEntry>,
    pub texts: Vec<BlockEntry>,
    pub bags: Vec<BlockEntry>,
    pub terms: Vec<BlockEntry>,
    pub df: Vec<BlockEntry>,
    pub exact_keys: Vec<BlockEntry>,
    pub exact_postings: Vec<BlockEntry>,
    pub shingle_keys: Vec<BlockEntry>,
    pub shingle_postings: Vec<BlockEntry>,
}

impl Sections {
    fn all_mut(&mut self) -> [&mut Vec<BlockEntry>; 10] {
        [
            &mut self.stamps,
            &mut self.sources,
            &mut self.texts,
            &mut self.bags,
            &mut self.terms,
            &mut self.df,
            &mut self.exact_keys,
            &mut self.exact_postings,
            &mut self.shingle_keys,
            &mut self.shingle_postings,
        ]
    }
}

/// The table of an index file: all but the sections.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub writer: String,
    pub folders: Vec<String>,
    pub documents: u64,
    pub sources: u32,
    pub paragraphs: u32,
    pub terms: u32,
    pub skipped: Vec<Skipped>,
    pub sections: Sections,
}

/// Starts an index file: the magic and the format version.
pub(crate) fn write_head(out: &mut FileWriter) -> std::io::Result<()> {
    out.write(MAGIC)?;
    out.write(&FORMAT_VERSION.to_le_bytes())?;
    Ok(())
}

/// Writes the stamps of every file under `folders`, as [`open`] checks them.
pub(crate) fn write_stamps(out: &mut FileWriter, folders: &[String]) -> Result<Vec<BlockEntry>> {
    let io_error = |path: &str| {
        let path = path.to_owned();
        move |source| Error::Io { path, source }
    };
    let mut section = SectionWriter::new(LARGE_BLOCK);
    let mut record = Bytes::default();
    let mut n = 0;
    for folder in folders {
        for file in corpus_files(folder)? {
            let stamp = Stamp::of(&file)
                .ok_or_else(|| io_error(&file)(std::io::ErrorKind::NotFound.into()))?;
            let record = record.clear();
            record.string(&stamp.path);
            record.u64(stamp.size);
            record.u128(stamp.modified_nanos);
            section
                .record(out, n, &record.0)
                .map_err(io_error("index"))?;
            n += 1;
        }
    }
    section.finish(out).map_err(io_error("index"))
}

/// Ends an index file: the table and the footer.
pub(crate) fn write_table(out: &mut FileWriter, mut table: Table) -> std::io::Result<()> {
    let mut bytes = Bytes::default();
    bytes.string(&table.writer);
    bytes.u32(table.folders.len() as u32);
    for folder in &table.folders {
        bytes.string(folder);
    }
    bytes.u64(table.documents);
    bytes.u32(table.sources);
    bytes.u32(table.paragraphs);
    bytes.u32(table.terms);
    bytes.u32(table.skipped.len() as u32);
    for skipped in &table.skipped {
        bytes.string(&skipped.file);
        bytes.string(&skipped.reason);
    }
    for section in table.sections.all_mut() {
        bytes.entries(section);
    }
    let at = out.write(&bytes.0)?;
    let mut footer = Bytes::default();
    footer.u64(at);
    footer.u64(bytes.0.len() as u64);
    footer.u32(crc32fast::hash(&bytes.0));
    footer.0.extend_from_slice(FOOTER_MAGIC);
    out.write(&footer.0)?;
    Ok(())
}

/// The index file `file`, named `name`, after every check of the [module](self) docs but
/// the blocks' (checked as they are read): its table and a reader of its blocks.
pub(crate) fn open(name: &str, file: File) -> Result<(Table, BlockReader)> {
    let refuse = |problem: String| Error::Unreadable {
        path: name.to_owned(),
        problem,
    };
    let length = file
        .metadata()
        .map_err(|source| Error::Io {
            path: name.to_owned(),
            source,
        })?
        .len();
    let reader = BlockReader::new(file, name.to_owned());
    let head_bytes = MAGIC.len() + 4;
    let head = reader.read_exact_at(0, head_bytes.min(length as usize))?;
    if !is_index(&head) {
        return Err(refuse("not a resdiff index".to_owned()));
    }
    let version = Cursor(&head[MAGIC.len()..])
        .u32()
        .map_err(|problem| corrupt(name, &problem))?;
    if version != FORMAT_VERSION {
        return Err(refuse(format!(
            "index format {version}, this resdiff reads format {FORMAT_VERSION}; {REBUILD}"
        )));
    }
    if length < (head_bytes + FOOTER_BYTES) as u64 {
        return Err(corrupt(name, "cut short"));
    }
    let footer = reader.read_exact_at(length - FOOTER_BYTES as u64, FOOTER_BYTES)?;
    if !footer.ends_with(FOOTER_MAGIC) {
        return Err(corrupt(name, "cut short or its end changed"));
    }
    let mut cursor = Cursor(&footer);
    let (at, len, crc) = (|| Ok::<_, String>((cursor.u64()?, cursor.u64()?, cursor.u32()?)))()
        .map_err(|problem| corrupt(name, &problem))?;
    let table_end = length - FOOTER_BYTES as u64;
    if at < head_bytes as u64 || at.checked_add(len) != Some(table_end) {
        return Err(corrupt(name, "the table is not where the footer says"));
    }
    let bytes = reader.read_exact_at(at, len as usize)?;
    if crc32fast::hash(&bytes) != crc {
        return Err(corrupt(name, "the table's checksum is wrong"));
    }
    let table = decode_table(&bytes, at).map_err(|problem| corrupt(name, &problem))?;
    if table.writer != env!("CARGO_PKG_VERSION") {
        return Err(refuse(format!(
            "index written by resdiff {}, this is {}; {REBUILD}",
            table.writer,
            env!("CARGO_PKG_VERSION")
        )));
    }
    check_fresh(&table, &reader)?;
    Ok((table, reader))
}

fn decode_table(bytes: &[u8], sections_end: u64) -> std::result::Result<Table, String> {
    let mut r = Cursor(bytes);
    let mut table = Table {
        writer: r.string()?,
        ..Table::default()
    };
    table.folders = (0..r.u32()?)
        .map(|_| r.string())
        .collect::<std::result::Result<_, _>>()?;
    table.documents = r.u64()?;
    table.sources = r.u32()?;
    table.paragraphs = r.u32()?;
    table.terms = r.u32()?;
    table.skipped = (0..r.u32()?)
        .map(|_| {
            Ok(Skipped {
                file: r.string()?,
                reason: r.string()?,
            })
        })
        .collect::<std::result::Result<_, String>>()?;
    for section in table.sections.all_mut() {
        *section = r.entries()?;
        let inside = |b: &BlockEntry| {
            b.offset >= (MAGIC.len() + 4) as u64
                && b.offset
                    .checked_add(u64::from(b.len))
                    .is_some_and(|end| end <= sections_end)
        };
        if !section.iter().all(inside) || !section.windows(2).all(|w| w[0].first <= w[1].first) {
            return Err("a block out of place".to_owned());
        }
    }
    if !r.0.is_empty() {
        return Err("bytes after the end of the table".to_owned());
    }
    Ok(table)
}

/// Refuses an index whose files changed since it was built.
fn check_fresh(table: &Table, reader: &BlockReader) -> Result<()> {
    let name = reader.name();
    let refuse = |problem: String| Error::Unreadable {
        path: name.to_owned(),
        problem: format!("stale index: {problem}; {REBUILD}"),
    };
    let mut stamped = crate::hash::FastSet::default();
    for entry in &table.sections.stamps {
        let block = reader.block(entry)?;
        let mut r = Cursor(&block);
        while !r.0.is_empty() {
            let stamp = (|| {
                Ok::<_, String>(Stamp {
                    path: r.string()?,
                    size: r.u64()?,
                    modified_nanos: r.u128()?,
                })
            })()
            .map_err(|problem| corrupt(name, &problem))?;
            if Stamp::of(&stamp.path).as_ref() != Some(&stamp) {
                return Err(refuse(format!(
                    "{} changed since it was indexed",
                    stamp.path
                )));
            }
            stamped.insert(stamp.path);
        }
    }
    for folder in &table.folders {
        let listed = corpus_files(folder).map_err(|err| refuse(err.to_string()))?;
        if let Some(added) = listed.iter().find(|file| !stamped.contains(*file)) {
            return Err(refuse(format!(
                "{added} was added since the index was built"
            )));
        }
    }
    Ok(())
}
