//! A saved corpus (`resdiff index DIR... --output corpus.rdx`): the parsed paragraphs and
//! both indexes, so that a trace reads them in one go instead of parsing every file.
//!
//! The file is `RESDIFF-INDEX` and a newline, the [format version](FORMAT_VERSION), the
//! length and CRC-32 of the body, then the body: the version of resdiff that wrote it,
//! the folders indexed with every file's path, size and modification time, then the
//! corpus (sources, paragraphs, terms, bags, the exact and shingle indexes), all numbers
//! little-endian, every string as its length and UTF-8 bytes.
//!
//! Nothing in it is trusted unchecked: [`load`] refuses, with a one-line error naming the
//! index, a file of another format or version, of another resdiff (whose parser may cut
//! paragraphs otherwise), a truncated or corrupt body (the CRC), and a stale one: a file
//! indexed that is gone or has changed size or time since, or a file added to an indexed
//! folder. Rebuilding is one command, which the error gives.

use std::time::UNIX_EPOCH;

use super::corpus::{
    Corpus, CorpusParagraph, CorpusSource, Postings, Skipped, Terms, corpus_files,
};
use super::date::Date;
use crate::document::{Kind, ParagraphId};
use crate::error::{Error, Result};

/// What every index file opens with.
pub const MAGIC: &[u8] = b"RESDIFF-INDEX\n";

/// The layout of the file; raised on any change to it.
pub const FORMAT_VERSION: u32 = 1;

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

/// The index of the files under `folders`, as bytes to write: the corpus `corpus` built
/// from exactly the files [`corpus_files`] lists under them.
pub fn save(folders: &[String], corpus: &Corpus) -> Result<Vec<u8>> {
    let mut body = Writer::default();
    body.string(env!("CARGO_PKG_VERSION"));
    body.u32(folders.len() as u32);
    for folder in folders {
        body.string(folder);
    }
    let files: Vec<String> = folders
        .iter()
        .map(|folder| corpus_files(folder))
        .collect::<Result<Vec<_>>>()?
        .concat();
    body.u32(files.len() as u32);
    for file in &files {
        let stamp = Stamp::of(file).ok_or_else(|| Error::Io {
            path: file.clone(),
            source: std::io::ErrorKind::NotFound.into(),
        })?;
        body.string(&stamp.path);
        body.u64(stamp.size);
        body.u128(stamp.modified_nanos);
    }
    body.u64(corpus.documents as u64);
    body.u32(corpus.skipped.len() as u32);
    for skipped in &corpus.skipped {
        body.string(&skipped.file);
        body.string(&skipped.reason);
    }
    body.u32(corpus.sources.len() as u32);
    for source in &corpus.sources {
        body.string(&source.file);
        body.option_string(source.symbol.as_deref());
        body.date(source.date);
    }
    body.u32(corpus.paragraphs.len() as u32);
    for paragraph in &corpus.paragraphs {
        body.u32(paragraph.source);
        body.u8(Kind::ALL
            .iter()
            .position(|k| *k == paragraph.id.kind)
            .unwrap_or(0) as u8);
        body.u32(paragraph.id.number);
        body.string(&paragraph.text);
    }
    let terms = &corpus.terms;
    body.u32(terms.keys.len() as u32);
    for (key, df) in terms.keys.iter().zip(&terms.df) {
        body.string(key);
        body.u32(*df);
    }
    body.u32s(&terms.bag_start);
    let pairs: Vec<u32> = terms.bags.iter().flat_map(|&(t, c)| [t, c]).collect();
    body.u32s(&pairs);
    body.postings(&corpus.exact);
    body.postings(&corpus.shingles);
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(body.0.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body.0).to_le_bytes());
    out.extend_from_slice(&body.0);
    Ok(out)
}

/// The corpus saved in `bytes`, read from the file `name`, after every check of the
/// [module](self) docs.
pub fn load(name: &str, bytes: &[u8]) -> Result<Corpus> {
    let refuse = |problem: String| Error::Unreadable {
        path: name.to_owned(),
        problem,
    };
    let rebuild = "rebuild it with resdiff index";
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| refuse("not a resdiff index".to_owned()))?;
    let mut header = Reader(rest);
    let corrupt = |_| refuse(format!("corrupt index (cut short); {rebuild}"));
    let version = header.u32().map_err(corrupt)?;
    if version != FORMAT_VERSION {
        return Err(refuse(format!(
            "index format {version}, this resdiff reads format {FORMAT_VERSION}; {rebuild}"
        )));
    }
    let length = header.u64().map_err(corrupt)?;
    let crc = header.u32().map_err(corrupt)?;
    let body = header.0;
    if body.len() as u64 != length || crc32fast::hash(body) != crc {
        return Err(refuse(format!(
            "corrupt index (length or checksum wrong); {rebuild}"
        )));
    }
    let mut r = Reader(body);
    let decoded = decode(&mut r)
        .map_err(|problem| refuse(format!("corrupt index ({problem}); {rebuild}")))?;
    if decoded.writer != env!("CARGO_PKG_VERSION") {
        return Err(refuse(format!(
            "index written by resdiff {}, this is {}; {rebuild}",
            decoded.writer,
            env!("CARGO_PKG_VERSION")
        )));
    }
    let listed: Vec<String> = decoded
        .folders
        .iter()
        .map(|folder| corpus_files(folder))
        .collect::<Result<Vec<_>>>()
        .map_err(|err| refuse(format!("stale index: {err}; {rebuild}")))?
        .concat();
    for stamp in &decoded.stamps {
        if Stamp::of(&stamp.path).as_ref() != Some(stamp) {
            return Err(refuse(format!(
                "stale index: {} changed since it was indexed; {rebuild}",
                stamp.path
            )));
        }
    }
    if let Some(added) = listed
        .iter()
        .find(|file| !decoded.stamps.iter().any(|s| &s.path == *file))
    {
        return Err(refuse(format!(
            "stale index: {added} was added since the index was built; {rebuild}"
        )));
    }
    Ok(decoded.corpus)
}

/// What an index file holds.
struct Decoded {
    writer: String,
    folders: Vec<String>,
    stamps: Vec<Stamp>,
    corpus: Corpus,
}

fn decode(r: &mut Reader<'_>) -> Result<Decoded, String> {
    let writer = r.string()?;
    let folders = (0..r.u32()?)
        .map(|_| r.string())
        .collect::<Result<_, _>>()?;
    let stamps = (0..r.u32()?)
        .map(|_| {
            Ok(Stamp {
                path: r.string()?,
                size: r.u64()?,
                modified_nanos: r.u128()?,
            })
        })
        .collect::<Result<_, String>>()?;
    let documents = r.u64()? as usize;
    let skipped = (0..r.u32()?)
        .map(|_| {
            Ok(Skipped {
                file: r.string()?,
                reason: r.string()?,
            })
        })
        .collect::<Result<_, String>>()?;
    let sources: Vec<CorpusSource> = (0..r.u32()?)
        .map(|_| {
            Ok(CorpusSource {
                file: r.string()?,
                symbol: r.option_string()?,
                date: r.date()?,
            })
        })
        .collect::<Result<_, String>>()?;
    let paragraphs: Vec<CorpusParagraph> = (0..r.u32()?)
        .map(|_| {
            let source = r.u32()?;
            if source as usize >= sources.len() {
                return Err("a paragraph of no source".to_owned());
            }
            let kind = *Kind::ALL
                .get(r.u8()? as usize)
                .ok_or("unknown paragraph kind")?;
            let number = r.u32()?;
            Ok(CorpusParagraph {
                source,
                id: ParagraphId::new(kind, number),
                text: r.string()?,
            })
        })
        .collect::<Result<_, String>>()?;
    let mut terms = Terms::default();
    for id in 0..r.u32()? {
        let key = r.string()?;
        terms.ids.insert(key.clone(), id);
        terms.keys.push(key);
        terms.df.push(r.u32()?);
    }
    terms.bag_start = r.u32s()?;
    let pairs = r.u32s()?;
    terms.bags = pairs.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let exact = r.postings()?;
    let shingles = r.postings()?;
    if !r.0.is_empty() {
        return Err("bytes after the end".to_owned());
    }
    let n = paragraphs.len();
    let bags_fit = terms.bag_start.len() == n + 1
        && terms.bag_start.windows(2).all(|w| w[0] <= w[1])
        && terms
            .bag_start
            .last()
            .is_some_and(|&end| end as usize == terms.bags.len())
        && terms
            .bags
            .iter()
            .all(|&(t, _)| (t as usize) < terms.keys.len());
    let postings_fit = |p: &Postings| {
        p.offsets.len() == p.keys.len() + 1
            && p.offsets.windows(2).all(|w| w[0] <= w[1])
            && p.offsets
                .last()
                .is_some_and(|&end| end as usize == p.postings.len())
            && p.postings.iter().all(|&q| (q as usize) < n)
    };
    if !bags_fit || !postings_fit(&exact) || !postings_fit(&shingles) {
        return Err("indexes out of bounds".to_owned());
    }
    Ok(Decoded {
        writer,
        folders,
        stamps,
        corpus: Corpus {
            sources,
            paragraphs,
            documents,
            skipped,
            terms,
            exact,
            shingles,
        },
    })
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn string(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn option_string(&mut self, s: Option<&str>) {
        self.u8(u8::from(s.is_some()));
        if let Some(s) = s {
            self.string(s);
        }
    }
    /// Year, month and day, 0 for a part the date lacks (year 0: no date).
    fn date(&mut self, date: Option<Date>) {
        let (year, month, day) = date.map_or((0, 0, 0), |d| {
            (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))
        });
        self.0.extend_from_slice(&year.to_le_bytes());
        self.u8(month);
        self.u8(day);
    }
    fn u32s(&mut self, values: &[u32]) {
        self.u32(values.len() as u32);
        for &v in values {
            self.u32(v);
        }
    }
    fn postings(&mut self, p: &Postings) {
        self.u32(p.keys.len() as u32);
        for &k in &p.keys {
            self.u64(k);
        }
        self.u32s(&p.offsets);
        self.u32s(&p.postings);
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        if self.0.len() < N {
            return Err("cut short".to_owned());
        }
        let (head, rest) = self.0.split_at(N);
        self.0 = rest;
        Ok(head.try_into().expect("N bytes"))
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    fn u128(&mut self) -> Result<u128, String> {
        Ok(u128::from_le_bytes(self.take()?))
    }
    fn string(&mut self) -> Result<String, String> {
        let len = self.u32()? as usize;
        if self.0.len() < len {
            return Err("cut short".to_owned());
        }
        let (head, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(head.to_vec()).map_err(|_| "a string not UTF-8".to_owned())
    }
    fn option_string(&mut self) -> Result<Option<String>, String> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err("a bad flag".to_owned()),
        }
    }
    fn date(&mut self) -> Result<Option<Date>, String> {
        let year = u16::from_le_bytes(self.take()?);
        let (month, day) = (self.u8()?, self.u8()?);
        if year == 0 {
            return Ok(None);
        }
        let part = |v: u8| (v != 0).then_some(v);
        Ok(Some(Date {
            year,
            month: part(month),
            day: part(day),
        }))
    }
    /// `len` items of `N` bytes, in one slice.
    fn items<const N: usize>(&mut self, len: usize) -> Result<&[u8], String> {
        if self.0.len() / N < len {
            return Err("cut short".to_owned());
        }
        let (head, rest) = self.0.split_at(len * N);
        self.0 = rest;
        Ok(head)
    }
    /// Read whole, not number by number: the arrays are most of an index.
    fn u32s(&mut self) -> Result<Vec<u32>, String> {
        let len = self.u32()? as usize;
        let bytes = self.items::<4>(len)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
            .collect())
    }
    fn postings(&mut self) -> Result<Postings, String> {
        let len = self.u32()? as usize;
        let keys = self
            .items::<8>(len)?
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect();
        Ok(Postings {
            keys,
            offsets: self.u32s()?,
            postings: self.u32s()?,
        })
    }
}
