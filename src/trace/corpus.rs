//! The corpus a draft is traced against: every title and body paragraph of every
//! instrument of many documents, with the indexes that find a paragraph's closest earlier
//! texts without comparing it with all of them.
//!
//! A corpus lives in an index file ([`super::store`]): [`CorpusBuilder`] writes it as the
//! documents come, keeping in memory only the words met so far and a bounded buffer of
//! postings (sorted outside memory, `store::sort`), and [`Corpus`] reads from it
//! only the blocks a query needs. Two indexes, both keys with sorted postings:
//!
//! - **exact**: a 64-bit hash of each text's [folded](crate::fold) form, so that every
//!   verbatim occurrence of a paragraph is found, however common the paragraph;
//! - **shingles**: each pair of consecutive words (as [similarity keys](crate::tokens::similarity_key))
//!   with the paragraphs holding it. A query looks up its rarest pairs only, and scores the
//!   few paragraphs that share the most of them with the aligner's weighted similarity
//!   (`align::similarity`: words weighted by their rarity in the corpus).

use std::fs::File;
use std::ops::Range;
use std::path::Path;

use crate::align::similarity::{Bag, Vocabulary};
use crate::document::{Document, Instrument, Kind, ParagraphId};
use crate::error::{Error, Result};
use crate::hash::FastMap;
use crate::tokens::{similarity_key, words};

use super::date::{Date, document_symbol, instrument_date};
use super::store::blocks::{
    BlockEntry, BlockReader, Bytes, Cursor, FileWriter, SectionWriter, block_of,
};
use super::store::sort::{ExternalSort, Merged};
use super::store::{self, LARGE_BLOCK, SMALL_BLOCK, Sections, Table};

/// One instrument of the corpus: where its paragraphs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSource {
    /// The file it was read from, as found under the corpus folder; `FILE#LABEL` when the
    /// file holds several instruments (the address `resdiff diff` takes).
    pub file: String,
    /// The document symbol, when the document prints one.
    pub symbol: Option<String>,
    /// The date the document gives itself (see [`super::date`]).
    pub date: Option<Date>,
}

/// One title or body paragraph of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusParagraph {
    /// Index of its source in [`Corpus::sources`].
    pub source: u32,
    /// Its id in its instrument: `TITLE`, `PP3`, `OP12`, `H2`.
    pub id: ParagraphId,
    /// Its text as parsed.
    pub text: String,
}

/// A file of a corpus folder that gave no paragraphs, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// The one-line reason (the error reading or parsing it).
    pub reason: String,
}

/// Whether a text of an instrument is traced and indexed: the title and the body
/// paragraphs (preambular, operative, headings). The sponsors, chapeau, adoption record
/// and footnotes say who and when, not what was agreed.
pub fn is_traced(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Title | Kind::Preambular | Kind::Operative | Kind::Heading
    )
}

/// Postings gathered in memory before a sorted run goes to a temporary file: 4 Mi pairs
/// of 16 bytes, 64 MiB, whatever the corpus.
const SHINGLE_PAIRS_IN_MEMORY: usize = 4 << 20;

/// The same for the exact index, one pair per paragraph: 1 Mi pairs, 16 MiB.
const EXACT_PAIRS_IN_MEMORY: usize = 1 << 20;

/// Writes a corpus into an index file as documents come: paragraphs as they are added,
/// postings sorted outside memory, the term dictionary and the table at the end (see
/// [`super::store`]).
pub struct CorpusBuilder {
    name: String,
    out: FileWriter,
    sources: SectionWriter,
    texts: SectionWriter,
    bags: SectionWriter,
    record: Bytes,
    source_count: u32,
    paragraphs: u32,
    documents: u64,
    skipped: Vec<Skipped>,
    /// Term id of each similarity key met so far, ids in the order first met.
    ids: FastMap<String, u32>,
    /// Paragraphs holding each term.
    df: Vec<u32>,
    exact: ExternalSort,
    shingles: ExternalSort,
}

impl CorpusBuilder {
    /// A builder writing into `file` (from its start), named `name` in errors, its
    /// temporary sorted runs in the folder `scratch`.
    pub fn new(file: File, name: &str, scratch: &Path) -> Result<CorpusBuilder> {
        let mut out = FileWriter::new(file);
        store::write_head(&mut out).map_err(io_error(name))?;
        Ok(CorpusBuilder {
            name: name.to_owned(),
            out,
            sources: SectionWriter::new(LARGE_BLOCK),
            texts: SectionWriter::new(LARGE_BLOCK),
            bags: SectionWriter::new(SMALL_BLOCK),
            record: Bytes::default(),
            source_count: 0,
            paragraphs: 0,
            documents: 0,
            skipped: Vec::new(),
            ids: FastMap::default(),
            df: Vec::new(),
            exact: ExternalSort::new(EXACT_PAIRS_IN_MEMORY, scratch.to_path_buf()),
            shingles: ExternalSort::new(SHINGLE_PAIRS_IN_MEMORY, scratch.to_path_buf()),
        })
    }

    /// A builder writing into an anonymous temporary file (gone when closed), for a corpus
    /// used once.
    pub fn temporary() -> Result<CorpusBuilder> {
        let scratch = std::env::temp_dir();
        let file = tempfile::tempfile_in(&scratch).map_err(io_error("temporary index"))?;
        CorpusBuilder::new(file, "temporary index", &scratch)
    }

    /// Adds every instrument of `document`, read from `file`.
    pub fn add(&mut self, file: &str, document: &Document) -> Result<()> {
        self.documents += 1;
        let several = document.instruments.len() > 1;
        for (position, instrument) in document.instruments.iter().enumerate() {
            let file = if several {
                format!(
                    "{file}#{}",
                    instrument_address(document, instrument, position)
                )
            } else {
                file.to_owned()
            };
            let first = self.paragraphs;
            let mut title = None;
            for (id, text) in instrument.texts().filter(|(id, _)| is_traced(id.kind)) {
                if id.kind == Kind::Title && title.is_none() {
                    title = Some((self.paragraphs, text.to_owned()));
                }
                self.add_paragraph(id, text).map_err(io_error(&self.name))?;
            }
            let record = self.record.clear();
            record.string(&file);
            record.option_string(document_symbol(document, instrument).as_deref());
            write_date(record, instrument_date(document, instrument));
            record.u32(first);
            match &title {
                Some((paragraph, text)) => {
                    record.u8(1);
                    record.u32(*paragraph);
                    record.string(text);
                }
                None => record.u8(0),
            }
            self.sources
                .record(&mut self.out, u64::from(self.source_count), &self.record.0)
                .map_err(io_error(&self.name))?;
            self.source_count += 1;
        }
        Ok(())
    }

    /// Records a file that gave nothing.
    pub fn skip(&mut self, file: &str, reason: String) {
        self.skipped.push(Skipped {
            file: file.to_owned(),
            reason,
        });
    }

    fn add_paragraph(&mut self, id: ParagraphId, text: &str) -> std::io::Result<()> {
        let paragraph = self.paragraphs;
        let ids: Vec<u32> = words(text)
            .map(|word| {
                let key = similarity_key(word);
                match self.ids.get(&key) {
                    Some(&id) => id,
                    None => {
                        let id = self.df.len() as u32;
                        self.ids.insert(key, id);
                        self.df.push(0);
                        id
                    }
                }
            })
            .collect();
        for pair in ids.windows(2) {
            self.shingles.push((shingle(pair[0], pair[1]), paragraph))?;
        }
        let bag = counted(ids);
        let record = self.record.clear();
        record.u32(bag.len() as u32);
        for &(term, count) in &bag {
            self.df[term as usize] += 1;
            record.u32(term);
            record.u32(count);
        }
        self.bags
            .record(&mut self.out, u64::from(paragraph), &self.record.0)?;
        self.exact.push((exact_key(text), paragraph))?;
        let record = self.record.clear();
        record.u8(kind_code(id.kind));
        record.u32(id.number);
        record.string(text);
        self.texts
            .record(&mut self.out, u64::from(paragraph), &self.record.0)?;
        self.paragraphs += 1;
        Ok(())
    }

    /// Writes the indexes and the table, stamping every file under `folders` as it is now,
    /// and gives back the file, complete.
    pub fn finish(mut self, folders: &[String]) -> Result<File> {
        let name = self.name.clone();
        let mut sections = Sections {
            sources: self
                .sources
                .finish(&mut self.out)
                .map_err(io_error(&name))?,
            texts: self.texts.finish(&mut self.out).map_err(io_error(&name))?,
            bags: self.bags.finish(&mut self.out).map_err(io_error(&name))?,
            ..Sections::default()
        };
        (sections.terms, sections.df) =
            write_terms(&mut self.out, &self.ids, &self.df).map_err(io_error(&name))?;
        let terms = self.df.len() as u32;
        drop(std::mem::take(&mut self.ids));
        (sections.exact_keys, sections.exact_postings) =
            write_postings(&mut self.out, self.exact.finish().map_err(io_error(&name))?)
                .map_err(io_error(&name))?;
        (sections.shingle_keys, sections.shingle_postings) = write_postings(
            &mut self.out,
            self.shingles.finish().map_err(io_error(&name))?,
        )
        .map_err(io_error(&name))?;
        sections.stamps = store::write_stamps(&mut self.out, folders)?;
        let table = Table {
            writer: env!("CARGO_PKG_VERSION").to_owned(),
            folders: folders.to_vec(),
            documents: self.documents,
            sources: self.source_count,
            paragraphs: self.paragraphs,
            terms,
            skipped: self.skipped,
            sections,
        };
        store::write_table(&mut self.out, table).map_err(io_error(&name))?;
        let file = self.out.finish().map_err(io_error(&name))?;
        file.sync_all().map_err(io_error(&name))?;
        Ok(file)
    }
}

/// The error of writing or reading the index `name`.
fn io_error(name: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: name.to_owned(),
        source,
    }
}

/// A paragraph kind as one byte.
fn kind_code(kind: Kind) -> u8 {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

/// Year, month and day, 0 for a part the date lacks (year 0: no date).
fn write_date(record: &mut Bytes, date: Option<Date>) {
    let (year, month, day) = date.map_or((0, 0, 0), |d| {
        (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))
    });
    record.u16(year);
    record.u8(month);
    record.u8(day);
}

fn read_date(r: &mut Cursor<'_>) -> std::result::Result<Option<Date>, String> {
    let year = r.u16()?;
    let (month, day) = (r.u8()?, r.u8()?);
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

/// Bytes of a key record of a postings section: key, first posting, count.
const KEY_RECORD_BYTES: usize = 20;

/// Writes the term dictionary (by hash of the key) and the df of every term (by id).
fn write_terms(
    out: &mut FileWriter,
    ids: &FastMap<String, u32>,
    df: &[u32],
) -> std::io::Result<(Vec<BlockEntry>, Vec<BlockEntry>)> {
    let mut by_hash: Vec<(u64, u32, &str)> = ids
        .iter()
        .map(|(key, &id)| (fnv1a(key.as_bytes()), id, key.as_str()))
        .collect();
    by_hash.sort_unstable();
    let mut terms = SectionWriter::new(SMALL_BLOCK);
    let mut record = Bytes::default();
    for (hash, id, key) in by_hash {
        let record = record.clear();
        record.u64(hash);
        record.u32(id);
        record.string(key);
        terms.record(out, hash, &record.0)?;
    }
    let mut df_section = SectionWriter::new(SMALL_BLOCK);
    for (id, d) in df.iter().enumerate() {
        df_section.record(out, id as u64, &d.to_le_bytes())?;
    }
    Ok((terms.finish(out)?, df_section.finish(out)?))
}

/// Writes merged `(key, paragraph)` pairs as a keys section and a postings section.
fn write_postings(
    out: &mut FileWriter,
    mut pairs: Merged,
) -> std::io::Result<(Vec<BlockEntry>, Vec<BlockEntry>)> {
    let mut keys = SectionWriter::new(SMALL_BLOCK);
    let mut postings = SectionWriter::new(SMALL_BLOCK);
    let mut position: u64 = 0;
    let mut open: Option<(u64, u64)> = None;
    let key_record = |keys: &mut SectionWriter, out: &mut FileWriter, key, start, end| {
        let mut record = [0u8; KEY_RECORD_BYTES];
        record[..8].copy_from_slice(&u64::to_le_bytes(key));
        record[8..16].copy_from_slice(&u64::to_le_bytes(start));
        record[16..].copy_from_slice(&((end - start) as u32).to_le_bytes());
        keys.record(out, key, &record)
    };
    while let Some((key, paragraph)) = pairs.next()? {
        match open {
            Some((open_key, _)) if open_key == key => {}
            Some((open_key, start)) => {
                key_record(&mut keys, out, open_key, start, position)?;
                open = Some((key, position));
            }
            None => open = Some((key, position)),
        }
        postings.record(out, position, &paragraph.to_le_bytes())?;
        position += 1;
    }
    if let Some((open_key, start)) = open {
        key_record(&mut keys, out, open_key, start, position)?;
    }
    Ok((keys.finish(out)?, postings.finish(out)?))
}

/// The paragraphs of many documents and their indexes, read from an index file. Build it
/// with [`CorpusBuilder`] and [`Corpus::open`], or with [`Corpus::of_documents`].
pub struct Corpus {
    /// The instruments, in the order their files were read.
    pub sources: Vec<CorpusSource>,
    /// The files read without error.
    pub documents: usize,
    /// The files that gave nothing, and why.
    pub skipped: Vec<Skipped>,
    /// The first paragraph of each source, and the number of paragraphs after the last.
    source_starts: Vec<u32>,
    /// Each source's title: its paragraph and text.
    titles: Vec<Option<(u32, String)>>,
    terms: u32,
    folders: Vec<String>,
    sections: Sections,
    reader: BlockReader,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("index", &self.reader.name())
            .field("documents", &self.documents)
            .field("sources", &self.sources.len())
            .field("paragraphs", &self.paragraph_count())
            .finish()
    }
}

impl Corpus {
    /// The corpus of these documents, each with the name it is reported under, in a
    /// temporary index.
    ///
    /// # Errors
    /// When the temporary index cannot be written or read back.
    pub fn of_documents<'a>(
        documents: impl IntoIterator<Item = (&'a str, &'a Document)>,
    ) -> Result<Corpus> {
        let mut builder = CorpusBuilder::temporary()?;
        for (file, document) in documents {
            builder.add(file, document)?;
        }
        Corpus::open("temporary index", builder.finish(&[])?)
    }

    /// The corpus saved in the index file `file`, named `name` in errors, after every
    /// check of [`super::store`].
    ///
    /// # Errors
    /// A one-line error naming the index when it is not one, of another version, corrupt
    /// or stale.
    pub fn open(name: &str, file: File) -> Result<Corpus> {
        let (table, reader) = store::open(name, file)?;
        let mut sources = Vec::with_capacity(table.sources as usize);
        let mut source_starts = Vec::with_capacity(table.sources as usize + 1);
        let mut titles = Vec::with_capacity(table.sources as usize);
        for entry in &table.sections.sources {
            let block = reader.block(entry)?;
            let mut r = Cursor(&block);
            while !r.0.is_empty() {
                let source = (|| {
                    let source = CorpusSource {
                        file: r.string()?,
                        symbol: r.option_string()?,
                        date: read_date(&mut r)?,
                    };
                    let first = r.u32()?;
                    let title = match r.u8()? {
                        0 => None,
                        _ => Some((r.u32()?, r.string()?)),
                    };
                    Ok::<_, String>((source, first, title))
                })()
                .map_err(|problem| reader.corrupt(&problem))?;
                sources.push(source.0);
                source_starts.push(source.1);
                titles.push(source.2);
            }
        }
        source_starts.push(table.paragraphs);
        let fits = sources.len() == table.sources as usize
            && source_starts.windows(2).all(|w| w[0] <= w[1])
            && titles
                .iter()
                .zip(source_starts.windows(2))
                .all(|(title, range)| {
                    title
                        .as_ref()
                        .is_none_or(|(p, _)| (range[0]..range[1]).contains(p))
                });
        if !fits {
            return Err(reader.corrupt("sources out of bounds"));
        }
        Ok(Corpus {
            sources,
            documents: table.documents as usize,
            skipped: table.skipped,
            source_starts,
            titles,
            terms: table.terms,
            folders: table.folders,
            sections: table.sections,
            reader,
        })
    }

    /// Names the files of the folder `from` as under `to` (an index cached under a
    /// folder's canonical path, reported as the user named the folder).
    pub fn rename_folder(&mut self, from: &str, to: &str) {
        let rename = |file: &mut String| {
            let rest = if file.as_str() == from {
                Some("")
            } else {
                file.strip_prefix(from)
                    .filter(|rest| rest.starts_with(['/', '#']))
            };
            if let Some(rest) = rest {
                let renamed = match rest.strip_prefix('/') {
                    Some(inside) => {
                        let (path, label) = match inside.split_once('#') {
                            Some((path, label)) => (path, Some(label)),
                            None => (inside, None),
                        };
                        let joined = Path::new(to).join(path);
                        let joined = joined.to_string_lossy();
                        let joined = joined.strip_prefix("./").unwrap_or(&joined).to_owned();
                        match label {
                            Some(label) => format!("{joined}#{label}"),
                            None => joined,
                        }
                    }
                    None => format!("{to}{rest}"),
                };
                *file = renamed;
            }
        };
        for source in &mut self.sources {
            rename(&mut source.file);
        }
        for skipped in &mut self.skipped {
            rename(&mut skipped.file);
        }
    }

    /// The tables of the index's sections.
    #[cfg(test)]
    pub(crate) fn sections(&self) -> &Sections {
        &self.sections
    }

    /// The folders indexed, as named when the index was built.
    pub fn folders(&self) -> &[String] {
        &self.folders
    }

    /// Paragraphs of the corpus.
    pub fn paragraph_count(&self) -> usize {
        self.source_starts.last().copied().unwrap_or(0) as usize
    }

    /// The paragraphs of source `source`, as numbers.
    pub(crate) fn paragraphs_of(&self, source: u32) -> Range<u32> {
        self.source_starts[source as usize]..self.source_starts[source as usize + 1]
    }

    /// The source of paragraph `paragraph`.
    pub(crate) fn source_of(&self, paragraph: u32) -> u32 {
        // Sources without paragraphs share their start with the next: the last wins.
        (self.source_starts[..self.sources.len()].partition_point(|&s| s <= paragraph) - 1) as u32
    }

    /// Whether paragraph `paragraph` is its instrument's title.
    pub(crate) fn is_title(&self, paragraph: u32) -> bool {
        self.titles[self.source_of(paragraph) as usize]
            .as_ref()
            .is_some_and(|(p, _)| *p == paragraph)
    }

    /// The title of source `source`: its paragraph number and text.
    pub(crate) fn title_of(&self, source: u32) -> Option<&(u32, String)> {
        self.titles[source as usize].as_ref()
    }

    /// The record of `paragraph` in the section `blocks`, by paragraph number: what
    /// `read` makes of it, the records before it in its block skipped with `skip`.
    fn paragraph_record<T>(
        &self,
        blocks: &[BlockEntry],
        paragraph: u32,
        skip: impl Fn(&mut Cursor<'_>) -> std::result::Result<(), String>,
        read: impl FnOnce(&mut Cursor<'_>) -> std::result::Result<T, String>,
    ) -> Result<T> {
        let key = u64::from(paragraph);
        let entry = block_of(blocks, key)
            .map(|i| &blocks[i])
            .ok_or_else(|| self.reader.corrupt("a paragraph missing"))?;
        let block = self.reader.block(entry)?;
        let mut r = Cursor(&block);
        (|| {
            for _ in entry.first..key {
                skip(&mut r)?;
            }
            read(&mut r)
        })()
        .map_err(|problem| self.reader.corrupt(&problem))
    }

    /// Paragraph `paragraph`.
    pub fn paragraph(&self, paragraph: u32) -> Result<CorpusParagraph> {
        let (kind, number, text) = self.paragraph_record(
            &self.sections.texts,
            paragraph,
            |r| {
                r.u8()?;
                r.u32()?;
                r.bytes().map(drop)
            },
            |r| Ok((r.u8()?, r.u32()?, r.string()?)),
        )?;
        let kind = *Kind::ALL
            .get(kind as usize)
            .ok_or_else(|| self.reader.corrupt("unknown paragraph kind"))?;
        Ok(CorpusParagraph {
            source: self.source_of(paragraph),
            id: ParagraphId::new(kind, number),
            text,
        })
    }

    /// The paragraph's terms with their counts, sorted by term.
    pub(crate) fn bag_terms(&self, paragraph: u32) -> Result<Vec<(u32, u32)>> {
        let terms = self.terms;
        self.paragraph_record(
            &self.sections.bags,
            paragraph,
            |r| {
                let n = r.u32()? as usize;
                if r.0.len() / 8 < n {
                    return Err("cut short".to_owned());
                }
                r.0 = &r.0[n * 8..];
                Ok(())
            },
            |r| {
                (0..r.u32()?)
                    .map(|_| {
                        let term = r.u32()?;
                        if term >= terms {
                            return Err("a term out of bounds".to_owned());
                        }
                        Ok((term, r.u32()?))
                    })
                    .collect()
            },
        )
    }

    /// The term id of a similarity key, if the corpus holds it.
    pub(crate) fn term(&self, key: &str) -> Result<Option<u32>> {
        let hash = fnv1a(key.as_bytes());
        let blocks = &self.sections.terms;
        let Some(i) = block_of(blocks, hash) else {
            return Ok(None);
        };
        let block = self.reader.block(&blocks[i])?;
        let mut r = Cursor(&block);
        (|| {
            while !r.0.is_empty() {
                let (h, id, bytes) = (r.u64()?, r.u32()?, r.bytes()?);
                if h == hash && bytes == key.as_bytes() {
                    return Ok(Some(id));
                }
                if h > hash {
                    break;
                }
            }
            Ok(None)
        })()
        .map_err(|problem: String| self.reader.corrupt(&problem))
    }

    /// Paragraphs holding term `term`.
    pub(crate) fn df(&self, term: u32) -> Result<u32> {
        let blocks = &self.sections.df;
        let entry = block_of(blocks, u64::from(term))
            .map(|i| &blocks[i])
            .ok_or_else(|| self.reader.corrupt("a term missing"))?;
        let block = self.reader.block(entry)?;
        let at = (u64::from(term) - entry.first) as usize * 4;
        block
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
            .ok_or_else(|| self.reader.corrupt("a term missing"))
    }

    /// Where the postings of `key` lie in an index, if it holds the key.
    fn postings_of(&self, keys: &[BlockEntry], key: u64) -> Result<Option<Range<u64>>> {
        let Some(i) = block_of(keys, key) else {
            return Ok(None);
        };
        let block = self.reader.block(&keys[i])?;
        if block.len() % KEY_RECORD_BYTES != 0 {
            return Err(self.reader.corrupt("a key block of a wrong size"));
        }
        let records: Vec<&[u8]> = block.chunks_exact(KEY_RECORD_BYTES).collect();
        let key_of = |r: &[u8]| u64::from_le_bytes(r[..8].try_into().expect("8 bytes"));
        Ok(records
            .binary_search_by_key(&key, |r| key_of(r))
            .ok()
            .map(|found| {
                let r = records[found];
                let start = u64::from_le_bytes(r[8..16].try_into().expect("8 bytes"));
                let count = u32::from_le_bytes(r[16..].try_into().expect("4 bytes"));
                start..start + u64::from(count)
            }))
    }

    /// The postings at `range` of a postings section.
    fn postings(&self, blocks: &[BlockEntry], range: Range<u64>) -> Result<Vec<u32>> {
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        let Some(mut i) = block_of(blocks, range.start) else {
            return Err(self.reader.corrupt("postings missing"));
        };
        while out.len() < (range.end - range.start) as usize {
            let entry = blocks
                .get(i)
                .filter(|e| e.first < range.end)
                .ok_or_else(|| self.reader.corrupt("postings missing"))?;
            let block = self.reader.block(entry)?;
            let from = range.start.saturating_sub(entry.first) as usize * 4;
            let to = ((range.end - entry.first) as usize * 4).min(block.len());
            let bytes = block
                .get(from..to)
                .ok_or_else(|| self.reader.corrupt("postings missing"))?;
            out.extend(
                bytes
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes"))),
            );
            i += 1;
        }
        if out.iter().any(|&p| p as usize >= self.paragraph_count()) {
            return Err(self.reader.corrupt("a posting out of bounds"));
        }
        Ok(out)
    }

    /// The paragraphs whose folded text hashes to `key`.
    pub(crate) fn exact(&self, key: u64) -> Result<Vec<u32>> {
        match self.postings_of(&self.sections.exact_keys, key)? {
            Some(range) => self.postings(&self.sections.exact_postings, range),
            None => Ok(Vec::new()),
        }
    }

    /// Where the paragraphs holding the word pair `key` lie, if any does.
    pub(crate) fn shingle_postings(&self, key: u64) -> Result<Option<Range<u64>>> {
        self.postings_of(&self.sections.shingle_keys, key)
    }

    /// The paragraphs at `range` of the shingle postings.
    pub(crate) fn shingle_paragraphs(&self, range: Range<u64>) -> Result<Vec<u32>> {
        self.postings(&self.sections.shingle_postings, range)
    }

    /// A text as the corpus's term ids, words the corpus lacks as `None`.
    pub(crate) fn term_ids(&self, text: &str) -> Result<Vec<Option<u32>>> {
        words(text)
            .map(|word| self.term(&similarity_key(word)))
            .collect()
    }
}

/// The weights of the terms of a few bags (a draft's paragraph and its candidates), as
/// the aligner computes them over two versions (`ln((N + 1) / df)`, N the paragraphs of
/// the corpus), with one more term for every word the corpus does not hold: it weighs as
/// much as a word of one paragraph. The terms are renumbered densely in their order, so
/// that every sum over a bag adds the same numbers in the same order as over the whole
/// corpus's vocabulary.
pub(crate) struct LocalVocabulary {
    /// The corpus term of each local term, in increasing order; the unseen term last.
    terms: Vec<u32>,
    /// Their weights.
    pub vocabulary: Vocabulary,
}

/// The term that stands for every word the corpus lacks (after every real term).
pub(crate) const UNSEEN: u32 = u32::MAX;

impl LocalVocabulary {
    /// The vocabulary of the terms of `bags`, weighted over `corpus`.
    pub fn of(corpus: &Corpus, bags: &[&[(u32, u32)]]) -> Result<LocalVocabulary> {
        let mut terms: Vec<u32> = bags
            .iter()
            .flat_map(|b| b.iter().map(|&(t, _)| t))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let n = corpus.paragraph_count() as f64;
        let weight_of = |df: u32| ((n + 1.0) / f64::from(df.max(1))).ln().max(0.01);
        let df: Vec<u32> = terms
            .iter()
            .map(|&t| if t == UNSEEN { Ok(1) } else { corpus.df(t) })
            .collect::<Result<_>>()?;
        Ok(LocalVocabulary {
            terms,
            vocabulary: Vocabulary {
                weight: df.iter().map(|&d| weight_of(d)).collect(),
                df,
                pair_df: Vec::new(),
            },
        })
    }

    /// A bag over the corpus's terms as a bag of this vocabulary (every term of it among
    /// those the vocabulary was made of).
    pub fn bag(&self, terms: &[(u32, u32)]) -> Bag {
        let local = terms
            .iter()
            .map(|&(t, c)| {
                let i = self
                    .terms
                    .binary_search(&t)
                    .expect("a term of the vocabulary");
                (i as u32, c)
            })
            .collect();
        Bag::from_terms(local, &self.vocabulary)
    }
}

/// FNV-1a of `bytes`. Written out here rather than taken from a hasher of the standard
/// library or the crate, because saved indexes hold it: it must never change between
/// versions or machines.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The key of two consecutive terms.
pub(crate) fn shingle(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Terms with their counts, sorted by term.
pub(crate) fn counted(mut ids: Vec<u32>) -> Vec<(u32, u32)> {
    ids.sort_unstable();
    let mut bag: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match bag.last_mut() {
            Some((last, count)) if *last == id => *count += 1,
            _ => bag.push((id, 1)),
        }
    }
    bag
}

/// The exact-index key of a text: FNV-1a of its folded form.
pub(crate) fn exact_key(text: &str) -> u64 {
    fnv1a(crate::fold::fold(text).as_bytes())
}

/// How `resdiff diff` addresses the instrument at `position` of `document`: its label,
/// `SECTION/LABEL` when the label repeats, else its 1-based position.
fn instrument_address(document: &Document, instrument: &Instrument, position: usize) -> String {
    let Some(label) = &instrument.label else {
        return (position + 1).to_string();
    };
    let repeated = document
        .instruments
        .iter()
        .filter(|other| other.label.as_ref() == Some(label))
        .count()
        > 1;
    match instrument.qualified_label() {
        Some(qualified) if repeated => qualified,
        _ if repeated => (position + 1).to_string(),
        _ => label.clone(),
    }
}

/// Files parsed together by [`CorpusBuilder::add_files`]: enough to keep two cores busy,
/// few enough that their documents (at most the input size limit each, some 100 KB for a
/// resolution) never add up to much.
pub const FILES_AT_ONCE: usize = 64;

/// From this many bytes of files, a folder's files are parsed on several threads (see
/// `crate::parallel`).
const PARALLEL_READ_MIN_BYTES: u64 = 1 << 20;

/// Every file under `folder`, recursively, sorted by path, hidden ones (`.name`) left out;
/// `folder` itself when it is a file.
pub fn corpus_files(folder: &str) -> crate::Result<Vec<String>> {
    let io_error = |path: &str| {
        let path = path.to_owned();
        move |source| crate::Error::Io { path, source }
    };
    let metadata = std::fs::metadata(folder).map_err(io_error(folder))?;
    if !metadata.is_dir() {
        return Ok(vec![folder.to_owned()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![std::path::PathBuf::from(folder)];
    while let Some(dir) = pending.pop() {
        let name = dir.to_string_lossy().into_owned();
        for entry in std::fs::read_dir(&dir).map_err(io_error(&name))? {
            let entry = entry.map_err(io_error(&name))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.to_string_lossy();
                // `--corpus .` names its files as a user would, "a.txt", not "./a.txt".
                files.push(name.strip_prefix("./").unwrap_or(&name).to_owned());
            }
        }
    }
    files.sort();
    Ok(files)
}

impl CorpusBuilder {
    /// Reads and adds every file of `files`: texts, PDFs and Word documents. A file that
    /// cannot be read or holds no instrument is recorded as skipped, with its error.
    ///
    /// The files are parsed [`FILES_AT_ONCE`] at a time, so that the parsed documents held
    /// at once stay bounded whatever the number of files; their paragraphs go to the index
    /// file as they come.
    ///
    /// # Errors
    /// When the index cannot be written.
    pub fn add_files(&mut self, files: &[String], max_bytes: u64) -> Result<()> {
        for batch in files.chunks(FILES_AT_ONCE) {
            let bytes: u64 = batch
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            let parsed = crate::parallel::map(batch, bytes >= PARALLEL_READ_MIN_BYTES, |file| {
                crate::read_document(file, max_bytes)
            });
            for (file, document) in batch.iter().zip(parsed) {
                match document {
                    Ok(document) => self.add(file, &document)?,
                    Err(err) => self.skip(file, without_path(&err.to_string(), file)),
                }
            }
        }
        Ok(())
    }
}

/// An error's message without the leading "FILE: " its `Display` gives it.
pub(crate) fn without_path(message: &str, file: &str) -> String {
    message
        .strip_prefix(file)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(message)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn corpus_of(texts: &[(&str, &str)]) -> Corpus {
        let documents: Vec<(String, Document)> = texts
            .iter()
            .map(|(file, text)| {
                (
                    (*file).to_owned(),
                    crate::parse(&Source::new(*file, *text)).unwrap(),
                )
            })
            .collect();
        Corpus::of_documents(documents.iter().map(|(f, d)| (f.as_str(), d))).unwrap()
    }

    #[test]
    fn the_index_file_gives_back_every_paragraph_and_posting() {
        let corpus = corpus_of(&[
            (
                "a.txt",
                "Piracy\n\nThe General Assembly,\n\n1. Urges States to act;\n\n2. Urges States to report;\n",
            ),
            (
                "b.txt",
                "Piracy\n\nThe General Assembly,\n\n1. Urges States to act;\n",
            ),
        ]);
        assert_eq!(corpus.sources.len(), 2);
        assert_eq!(corpus.paragraph_count(), 5);
        assert_eq!(corpus.paragraphs_of(1), 3..5);
        assert_eq!(corpus.source_of(3), 1);
        assert!(corpus.is_title(3) && !corpus.is_title(4));
        let op1 = corpus.paragraph(4).unwrap();
        assert_eq!((op1.source, op1.id.to_string()), (1, "OP1".to_owned()));
        assert_eq!(op1.text, "Urges States to act;");
        // The same text in both files, found by its exact key, typography folded.
        assert_eq!(
            corpus.exact(exact_key("Urges States to act;")).unwrap(),
            [1, 4]
        );
        assert_eq!(
            corpus.exact(exact_key("Urges States to flee;")).unwrap(),
            [] as [u32; 0]
        );
        let urges = corpus.term(&similarity_key("Urges")).unwrap().unwrap();
        let states = corpus.term(&similarity_key("States")).unwrap().unwrap();
        assert_eq!(corpus.df(urges).unwrap(), 3);
        assert_eq!(corpus.term("nowhere").unwrap(), None);
        let range = corpus
            .shingle_postings(shingle(urges, states))
            .unwrap()
            .unwrap();
        assert_eq!(corpus.shingle_paragraphs(range).unwrap(), [1, 2, 4]);
        let bag = corpus.bag_terms(4).unwrap();
        assert!(bag.contains(&(urges, 1)) && bag.contains(&(states, 1)));
    }

    #[test]
    fn exact_key_folds_typographic_variants_only() {
        assert_eq!(
            exact_key("the \u{201c}Convention\u{201d}"),
            exact_key("the \"Convention\"")
        );
        assert_ne!(
            exact_key("resolution 78/229"),
            exact_key("resolution 77/237")
        );
    }
}
