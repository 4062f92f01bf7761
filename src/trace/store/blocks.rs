//! The blocks an index file is made of: each section of the file is a run of blocks of a
//! few KiB, each block listed in the file's table with the first key it holds, where it
//! lies, its length and its CRC-32. A reader finds a block from the table, reads it alone
//! (a positioned read, no mapping) and checks its CRC before using a byte of it.

use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::hash::FastMap;

/// A block of a section, as the table lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlockEntry {
    /// The key of its first record (a paragraph, a position, a hash, a term).
    pub first: u64,
    /// Where it starts in the file.
    pub offset: u64,
    /// Its length in bytes.
    pub len: u32,
    /// CRC-32 of its bytes.
    pub crc: u32,
}

/// The bytes of a table entry on disk.
pub(crate) const BLOCK_ENTRY_BYTES: usize = 24;

/// A file written from start to end, knowing where it is.
pub(crate) struct FileWriter {
    out: BufWriter<File>,
    offset: u64,
}

impl FileWriter {
    /// Writes into `file` from its start.
    pub fn new(file: File) -> FileWriter {
        FileWriter {
            out: BufWriter::with_capacity(1 << 16, file),
            offset: 0,
        }
    }

    /// Appends `bytes`; returns where they start.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<u64> {
        let at = self.offset;
        self.out.write_all(bytes)?;
        self.offset += bytes.len() as u64;
        Ok(at)
    }

    /// The file, everything written out.
    pub fn finish(self) -> io::Result<File> {
        self.out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
    }
}

/// One section being written: records are gathered into a block until it is full, and
/// each full block goes to the file at once, so that a section of any size takes one
/// block of memory and its table.
pub(crate) struct SectionWriter {
    block_bytes: usize,
    buffer: Vec<u8>,
    first: u64,
    last: Option<u64>,
    blocks: Vec<BlockEntry>,
}

impl SectionWriter {
    /// A section of blocks of about `block_bytes`.
    pub fn new(block_bytes: usize) -> SectionWriter {
        SectionWriter {
            block_bytes,
            buffer: Vec::with_capacity(block_bytes),
            first: 0,
            last: None,
            blocks: Vec::new(),
        }
    }

    /// Appends a record of key `key` (keys never decrease). Records of one key stay in one
    /// block, so that a reader finds all of them from the block the table points to.
    pub fn record(&mut self, out: &mut FileWriter, key: u64, bytes: &[u8]) -> io::Result<()> {
        let full = self.buffer.len() + bytes.len() > self.block_bytes;
        if !self.buffer.is_empty() && full && self.last != Some(key) {
            self.flush(out)?;
        }
        if self.buffer.is_empty() {
            self.first = key;
        }
        self.last = Some(key);
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self, out: &mut FileWriter) -> io::Result<()> {
        let offset = out.write(&self.buffer)?;
        self.blocks.push(BlockEntry {
            first: self.first,
            offset,
            len: self.buffer.len() as u32,
            crc: crc32fast::hash(&self.buffer),
        });
        self.buffer.clear();
        Ok(())
    }

    /// The table of the section, its last block written.
    pub fn finish(mut self, out: &mut FileWriter) -> io::Result<Vec<BlockEntry>> {
        if !self.buffer.is_empty() {
            self.flush(out)?;
        }
        Ok(self.blocks)
    }
}

/// The blocks read from an index file, checked, kept while a trace runs (a query reads the
/// same dictionary and postings blocks again and again), up to [`CACHE_BYTES`].
pub(crate) struct BlockReader {
    file: File,
    name: String,
    cache: RefCell<FastMap<u64, Rc<[u8]>>>,
    cached_bytes: Cell<usize>,
}

/// The blocks kept in memory at most; past it the cache starts again empty.
const CACHE_BYTES: usize = 64 << 20;

impl BlockReader {
    /// Reads blocks of `file`, named `name` in errors.
    pub fn new(file: File, name: String) -> BlockReader {
        BlockReader {
            file,
            name,
            cache: RefCell::default(),
            cached_bytes: Cell::new(0),
        }
    }

    /// The name of the file, as errors give it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The error for a file whose bytes do not hold together.
    pub fn corrupt(&self, problem: &str) -> Error {
        corrupt(&self.name, problem)
    }

    /// `len` bytes at `offset`, unchecked (the caller checks them).
    pub fn read_exact_at(&self, offset: u64, len: usize) -> Result<Vec<u8>> {
        let mut bytes = vec![0; len];
        self.file
            .read_exact_at(&mut bytes, offset)
            .map_err(|source| match source.kind() {
                io::ErrorKind::UnexpectedEof => self.corrupt("cut short"),
                _ => Error::Io {
                    path: self.name.clone(),
                    source,
                },
            })?;
        Ok(bytes)
    }

    /// The bytes of a block, after checking its CRC.
    pub fn block(&self, entry: &BlockEntry) -> Result<Rc<[u8]>> {
        if let Some(bytes) = self.cache.borrow().get(&entry.offset) {
            return Ok(Rc::clone(bytes));
        }
        let bytes = self.read_exact_at(entry.offset, entry.len as usize)?;
        if crc32fast::hash(&bytes) != entry.crc {
            return Err(self.corrupt("a block's checksum is wrong"));
        }
        let bytes: Rc<[u8]> = bytes.into();
        let mut cache = self.cache.borrow_mut();
        if self.cached_bytes.get() + bytes.len() > CACHE_BYTES {
            cache.clear();
            self.cached_bytes.set(0);
        }
        self.cached_bytes.set(self.cached_bytes.get() + bytes.len());
        cache.insert(entry.offset, Rc::clone(&bytes));
        Ok(bytes)
    }
}

/// The error for the index `name` whose bytes do not hold together.
pub(crate) fn corrupt(name: &str, problem: &str) -> Error {
    Error::Unreadable {
        path: name.to_owned(),
        problem: format!("corrupt index ({problem}); {}", super::REBUILD),
    }
}

/// The block of `blocks` that holds key `key`, if any may: the last one whose first key is
/// at most `key`.
pub(crate) fn block_of(blocks: &[BlockEntry], key: u64) -> Option<usize> {
    blocks.partition_point(|b| b.first <= key).checked_sub(1)
}

/// Reads numbers and strings from a block or the table, every read checked.
pub(crate) struct Cursor<'a>(pub &'a [u8]);

impl Cursor<'_> {
    fn take<const N: usize>(&mut self) -> std::result::Result<[u8; N], String> {
        if self.0.len() < N {
            return Err("cut short".to_owned());
        }
        let (head, rest) = self.0.split_at(N);
        self.0 = rest;
        Ok(head.try_into().expect("N bytes"))
    }
    pub fn u8(&mut self) -> std::result::Result<u8, String> {
        Ok(self.take::<1>()?[0])
    }
    pub fn u16(&mut self) -> std::result::Result<u16, String> {
        Ok(u16::from_le_bytes(self.take()?))
    }
    pub fn u32(&mut self) -> std::result::Result<u32, String> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    pub fn u64(&mut self) -> std::result::Result<u64, String> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    pub fn u128(&mut self) -> std::result::Result<u128, String> {
        Ok(u128::from_le_bytes(self.take()?))
    }
    /// The bytes of a string, unchecked as UTF-8 (comparing keys needs no more).
    pub fn bytes(&mut self) -> std::result::Result<&[u8], String> {
        let len = self.u32()? as usize;
        if self.0.len() < len {
            return Err("cut short".to_owned());
        }
        let (head, rest) = self.0.split_at(len);
        self.0 = rest;
        Ok(head)
    }
    pub fn string(&mut self) -> std::result::Result<String, String> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| "a string not UTF-8".to_owned())
    }
    pub fn option_string(&mut self) -> std::result::Result<Option<String>, String> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err("a bad flag".to_owned()),
        }
    }
    pub fn entries(&mut self) -> std::result::Result<Vec<BlockEntry>, String> {
        let len = self.u32()? as usize;
        if self.0.len() / BLOCK_ENTRY_BYTES < len {
            return Err("cut short".to_owned());
        }
        (0..len)
            .map(|_| {
                Ok(BlockEntry {
                    first: self.u64()?,
                    offset: self.u64()?,
                    len: self.u32()?,
                    crc: self.u32()?,
                })
            })
            .collect()
    }
}

/// Writes numbers and strings as [`Cursor`] reads them: little-endian, a string as its
/// length and UTF-8 bytes.
#[derive(Default)]
pub(crate) struct Bytes(pub Vec<u8>);

impl Bytes {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn string(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    pub fn option_string(&mut self, s: Option<&str>) {
        self.u8(u8::from(s.is_some()));
        if let Some(s) = s {
            self.string(s);
        }
    }
    pub fn entries(&mut self, entries: &[BlockEntry]) {
        self.u32(entries.len() as u32);
        for e in entries {
            self.u64(e.first);
            self.u64(e.offset);
            self.u32(e.len);
            self.u32(e.crc);
        }
    }
    /// Empties it for the next record.
    pub fn clear(&mut self) -> &mut Bytes {
        self.0.clear();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_one_key_share_a_block_and_blocks_are_found_by_key() {
        let mut out = FileWriter::new(tempfile::tempfile().unwrap());
        let mut section = SectionWriter::new(4);
        for key in [1u64, 2, 2, 2, 5, 9] {
            section.record(&mut out, key, &[key as u8; 4]).unwrap();
        }
        let blocks = section.finish(&mut out).unwrap();
        let firsts: Vec<u64> = blocks.iter().map(|b| b.first).collect();
        assert_eq!(firsts, [1, 2, 5, 9]);
        assert_eq!(blocks[1].len, 12, "the three records of key 2 together");
        assert_eq!(block_of(&blocks, 0), None);
        assert_eq!(block_of(&blocks, 2), Some(1));
        assert_eq!(block_of(&blocks, 4), Some(1));
        assert_eq!(block_of(&blocks, 5), Some(2));
        assert_eq!(block_of(&blocks, 100), Some(3));

        let file = out.finish().unwrap();
        let reader = BlockReader::new(file.try_clone().unwrap(), "x.rdx".to_owned());
        assert_eq!(&*reader.block(&blocks[3]).unwrap(), &[9; 4]);
        // A byte changed on disk is caught when its block is read.
        file.write_all_at(&[0], blocks[0].offset).unwrap();
        let fresh = BlockReader::new(file, "x.rdx".to_owned());
        let err = fresh.block(&blocks[0]).unwrap_err().to_string();
        assert!(err.starts_with("x.rdx: corrupt index"), "{err}");
    }
}
