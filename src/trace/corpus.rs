//! The corpus a draft is traced against: every title and body paragraph of every
//! instrument of many documents, with the indexes that find a paragraph's closest earlier
//! texts without comparing it with all of them.
//!
//! Two indexes, both sorted arrays (a key column, an offset column, a postings column), so
//! that they are as compact in memory as on disk ([`super::store`]):
//!
//! - **exact**: a 64-bit hash of each text's [folded](crate::fold) form, so that every
//!   verbatim occurrence of a paragraph is found, however common the paragraph;
//! - **shingles**: each pair of consecutive words (as [similarity keys](crate::tokens::similarity_key))
//!   with the paragraphs holding it. A query looks up its rarest pairs only, and scores the
//!   few paragraphs that share the most of them with the aligner's weighted similarity
//!   (`align::similarity`: words weighted by their rarity in the corpus).

use crate::align::similarity::{Bag, Vocabulary};
use crate::document::{Document, Instrument, Kind, ParagraphId};
use crate::hash::FastMap;
use crate::tokens::{similarity_key, words};

use super::date::{Date, document_symbol, instrument_date};

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

/// Keys with their postings, sorted by key: `postings[offsets[i]..offsets[i + 1]]` are
/// the paragraphs of `keys[i]`, in increasing order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Postings {
    pub keys: Vec<u64>,
    pub offsets: Vec<u32>,
    pub postings: Vec<u32>,
}

impl Postings {
    /// From `(key, paragraph)` pairs in any order.
    fn from_pairs(mut pairs: Vec<(u64, u32)>) -> Postings {
        pairs.sort_unstable();
        pairs.dedup();
        let mut index = Postings::default();
        for (key, paragraph) in pairs {
            if index.keys.last() != Some(&key) {
                index.keys.push(key);
                index.offsets.push(index.postings.len() as u32);
            }
            index.postings.push(paragraph);
        }
        index.offsets.push(index.postings.len() as u32);
        index
    }

    /// The paragraphs of `key`.
    pub fn get(&self, key: u64) -> &[u32] {
        match self.keys.binary_search(&key) {
            Ok(i) => &self.postings[self.offsets[i] as usize..self.offsets[i + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// The paragraphs of many documents and their indexes. Build it with [`CorpusBuilder`],
/// or load a saved one with [`super::store::load`].
#[derive(Debug)]
pub struct Corpus {
    /// The instruments, in the order their files were read.
    pub sources: Vec<CorpusSource>,
    /// Every title and body paragraph.
    pub paragraphs: Vec<CorpusParagraph>,
    /// The files read without error.
    pub documents: usize,
    /// The files that gave nothing, and why.
    pub skipped: Vec<Skipped>,
    pub(crate) terms: Terms,
    pub(crate) exact: Postings,
    pub(crate) shingles: Postings,
}

/// The words of the corpus: their ids, how many paragraphs hold each, and every
/// paragraph's bag of term ids.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    /// Term id of each similarity key.
    pub ids: FastMap<String, u32>,
    /// The similarity key of each term id.
    pub keys: Vec<String>,
    /// Paragraphs holding each term.
    pub df: Vec<u32>,
    /// Every paragraph's `(term, count)`, sorted by term, one paragraph after the other.
    pub bags: Vec<(u32, u32)>,
    /// Where each paragraph's terms start in `bags` (one more entry than paragraphs).
    pub bag_start: Vec<u32>,
}

/// Gathers documents into a [`Corpus`], one at a time.
#[derive(Debug, Default)]
pub struct CorpusBuilder {
    sources: Vec<CorpusSource>,
    paragraphs: Vec<CorpusParagraph>,
    documents: usize,
    skipped: Vec<Skipped>,
    terms: Terms,
    exact: Vec<(u64, u32)>,
    shingles: Vec<(u64, u32)>,
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

impl CorpusBuilder {
    /// An empty builder.
    pub fn new() -> CorpusBuilder {
        CorpusBuilder {
            terms: Terms {
                bag_start: vec![0],
                ..Terms::default()
            },
            ..CorpusBuilder::default()
        }
    }

    /// Adds every instrument of `document`, read from `file`.
    pub fn add(&mut self, file: &str, document: &Document) {
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
            let source = self.sources.len() as u32;
            self.sources.push(CorpusSource {
                file,
                symbol: document_symbol(document, instrument),
                date: instrument_date(document, instrument),
            });
            for (id, text) in instrument.texts().filter(|(id, _)| is_traced(id.kind)) {
                self.add_paragraph(source, id, text);
            }
        }
    }

    /// Records a file that gave nothing.
    pub fn skip(&mut self, file: &str, reason: String) {
        self.skipped.push(Skipped {
            file: file.to_owned(),
            reason,
        });
    }

    fn add_paragraph(&mut self, source: u32, id: ParagraphId, text: &str) {
        let paragraph = self.paragraphs.len() as u32;
        let terms = &mut self.terms;
        let ids: Vec<u32> = words(text)
            .map(|word| {
                let key = similarity_key(word);
                match terms.ids.get(&key) {
                    Some(&id) => id,
                    None => {
                        let id = terms.keys.len() as u32;
                        terms.ids.insert(key.clone(), id);
                        terms.keys.push(key);
                        terms.df.push(0);
                        id
                    }
                }
            })
            .collect();
        for pair in ids.windows(2) {
            self.shingles.push((shingle(pair[0], pair[1]), paragraph));
        }
        let bag = counted(ids);
        for &(term, _) in &bag {
            terms.df[term as usize] += 1;
        }
        terms.bags.extend_from_slice(&bag);
        terms.bag_start.push(terms.bags.len() as u32);
        self.exact.push((exact_key(text), paragraph));
        self.paragraphs.push(CorpusParagraph {
            source,
            id,
            text: text.to_owned(),
        });
    }

    /// The corpus with its indexes.
    pub fn finish(self) -> Corpus {
        Corpus {
            sources: self.sources,
            paragraphs: self.paragraphs,
            documents: self.documents,
            skipped: self.skipped,
            terms: self.terms,
            exact: Postings::from_pairs(self.exact),
            shingles: Postings::from_pairs(self.shingles),
        }
    }
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

/// The exact-index key of a text: FNV-1a of its folded form. Written out here rather than
/// taken from a hasher of the standard library or the crate, because saved indexes hold
/// it: it must never change between versions or machines.
pub(crate) fn exact_key(text: &str) -> u64 {
    let folded = crate::fold::fold(text);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in folded.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl Corpus {
    /// The corpus of these documents, each with the name it is reported under.
    pub fn of_documents<'a>(
        documents: impl IntoIterator<Item = (&'a str, &'a Document)>,
    ) -> Corpus {
        let mut builder = CorpusBuilder::new();
        for (file, document) in documents {
            builder.add(file, document);
        }
        builder.finish()
    }

    /// The paragraph's bag of terms.
    pub(crate) fn bag_terms(&self, paragraph: u32) -> &[(u32, u32)] {
        let p = paragraph as usize;
        &self.terms.bags[self.terms.bag_start[p] as usize..self.terms.bag_start[p + 1] as usize]
    }

    /// The weights of the corpus's terms, as the aligner computes them over two versions
    /// (`ln((N + 1) / df)`, N the paragraphs), with one more term for every word the
    /// corpus does not hold: it weighs as much as a word of one paragraph.
    pub(crate) fn vocabulary(&self) -> Vocabulary {
        let n = self.paragraphs.len() as f64;
        let weight_of = |df: u32| ((n + 1.0) / f64::from(df.max(1))).ln().max(0.01);
        let mut df = self.terms.df.clone();
        df.push(1);
        Vocabulary {
            weight: df.iter().map(|&d| weight_of(d)).collect(),
            df,
            pair_df: Vec::new(),
        }
    }

    /// The unseen-word term of [`vocabulary`](Self::vocabulary).
    pub(crate) fn unseen_term(&self) -> u32 {
        self.terms.keys.len() as u32
    }

    /// A text as a bag over the corpus's terms, words the corpus lacks as the unseen term,
    /// with its pairs of consecutive terms.
    pub(crate) fn bag_of(&self, text: &str, vocabulary: &Vocabulary) -> (Bag, Vec<u64>) {
        let unseen = self.unseen_term();
        let ids: Vec<u32> = words(text)
            .map(|word| {
                self.terms
                    .ids
                    .get(&similarity_key(word))
                    .copied()
                    .unwrap_or(unseen)
            })
            .collect();
        let mut shingles: Vec<u64> = ids
            .windows(2)
            .filter(|pair| pair[0] != unseen && pair[1] != unseen)
            .map(|pair| shingle(pair[0], pair[1]))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        (Bag::from_terms(counted(ids), vocabulary), shingles)
    }

    /// A corpus paragraph's bag.
    pub(crate) fn paragraph_bag(&self, paragraph: u32, vocabulary: &Vocabulary) -> Bag {
        Bag::from_terms(self.bag_terms(paragraph).to_vec(), vocabulary)
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
    /// at once stay bounded whatever the number of files (only their paragraphs are kept).
    pub fn add_files(&mut self, files: &[String], max_bytes: u64) {
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
                    Ok(document) => self.add(file, &document),
                    Err(err) => self.skip(file, without_path(&err.to_string(), file)),
                }
            }
        }
    }
}

/// An error's message without the leading "FILE: " its `Display` gives it.
fn without_path(message: &str, file: &str) -> String {
    message
        .strip_prefix(file)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(message)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_find_every_paragraph_of_a_key_and_nothing_else() {
        let index = Postings::from_pairs(vec![(7, 2), (3, 1), (7, 0), (7, 2), (9, 5)]);
        assert_eq!(index.get(7), &[0, 2]);
        assert_eq!(index.get(3), &[1]);
        assert_eq!(index.get(4), &[] as &[u32]);
        assert_eq!(index.get(10), &[] as &[u32]);
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
