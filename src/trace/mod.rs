//! Where did this text come from: each paragraph of a draft traced to the closest earlier
//! paragraphs of a corpus (`resdiff trace`).
//!
//! A draft's title and body paragraphs are looked up in a [`Corpus`] of earlier documents:
//! a paragraph is **verbatim** when some earlier paragraph is the same text up to
//! typographic variants ([`crate::fold`]), **edited** when its closest earlier paragraph is
//! at least [`TraceOptions::min_similarity`] alike (with the word redline from that source
//! to the draft), and **new** otherwise. For each: its closest sources best first, the most
//! recent of them, and the earliest verbatim occurrence ("agreed since A/RES/72/196,
//! 2017"). Documents dated after the draft are left out unless asked for
//! ([`TraceOptions::any_date`]): a text adopted later cannot be the draft's precedent.
//!
//! ```
//! use resdiff::trace::{Corpus, TraceKind, TraceOptions, trace};
//! use resdiff::{Source, parse};
//!
//! let old = parse(&Source::new("2017.txt", "Resolution adopted by the General Assembly on 19 December 2017\n\n\
//!     72/1. Piracy\n\nThe General Assembly,\n\n\
//!     1. Urges States to criminalize piracy at sea under their domestic law;\n"))?;
//! let draft = parse(&Source::new("draft.txt", "Draft 10 October 2025\n\nPiracy\n\nThe General Assembly,\n\n\
//!     1. Urges States to criminalize piracy at sea under their domestic law;\n\
//!     2. Requests the Secretary-General to report on maritime crime;\n"))?;
//! let corpus = Corpus::of_documents([("2017.txt", &old)])?;
//! let traced = trace(&draft, &draft.instruments[0], &corpus, &TraceOptions::default())?;
//! let op1 = traced.paragraphs.iter().find(|p| p.id.to_string() == "OP1").unwrap();
//! assert_eq!(op1.kind, TraceKind::Verbatim);
//! assert_eq!(op1.earliest.as_ref().unwrap().file, "2017.txt");
//! # Ok::<(), resdiff::Error>(())
//! ```

use std::path::Path;

use serde::Serialize;

use crate::align::{AlignOptions, ChangeKind, align};
use crate::document::{Document, Instrument, Kind, Paragraph, ParagraphId};
use crate::error::Result;
use crate::fold;
use crate::hash::FastMap;
use crate::redline::{Segment, SegmentOp, word_redline};
use crate::tokens::words;

pub mod cache;
pub(crate) mod corpus;
pub mod date;
mod render;
pub mod store;

pub use corpus::{
    Corpus, CorpusBuilder, CorpusParagraph, CorpusSource, FILES_AT_ONCE, Skipped, corpus_files,
    is_traced,
};
pub use date::Date;
pub use render::{SCHEMA_VERSION, TraceFormat, render_trace};

/// What `trace` looks for and how much it reports.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceOptions {
    /// Keep the documents dated after the draft (default: left out, since a text adopted
    /// later is no precedent).
    pub any_date: bool,
    /// The least similarity (weighted word overlap, the aligner's measure, 0.0 to 1.0) at
    /// which an earlier paragraph counts as a source. Default 0.5, measured on the real
    /// series: the five new paragraphs of A/C.3/80/L.3 meet nothing above 0.47 among the
    /// test fixtures and the 962 real texts (the closest, PP67, 0.461), while all but three
    /// of its 141 carried-over paragraphs meet their paragraph of A/RES/78/229 at 0.53 or
    /// more. Those three (0.38 to 0.46) are found all the same: the aligner links them in
    /// the predecessor (see [`Trace::predecessor`]), which needs no threshold here.
    pub min_similarity: f64,
    /// Sources listed per paragraph, best first (default 5).
    pub max_sources: usize,
}

impl Default for TraceOptions {
    fn default() -> TraceOptions {
        TraceOptions {
            any_date: false,
            min_similarity: 0.5,
            max_sources: 5,
        }
    }
}

/// How many of a paragraph's rarest word pairs are looked up in the shingle index.
const PROBED_SHINGLES: usize = 32;

/// A word pair held by more paragraphs than this is looked up only when the paragraph has
/// fewer than [`MIN_PROBES`] rarer ones, and then only in this many of its postings: a pair
/// that common says little about where a paragraph comes from, and scanning it whole would
/// make a query's cost grow with the corpus.
const COMMON_POSTINGS: usize = 4096;

/// Pairs looked up whatever their frequency, so that a paragraph of common words only still
/// finds candidates.
const MIN_PROBES: usize = 3;

/// Paragraphs scored with the full similarity per query: those sharing the most weight of
/// the probed pairs.
const SCORED_CANDIDATES: usize = 64;

/// The tracing of a whole draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// The draft's file.
    pub draft_file: String,
    /// The draft's symbol, when it prints one.
    pub draft_symbol: Option<String>,
    /// The draft's date, when it gives one.
    pub draft_date: Option<Date>,
    /// Files of the corpus searched (read without error, with at least one instrument kept).
    pub documents: usize,
    /// Paragraphs of the corpus searched.
    pub corpus_paragraphs: usize,
    /// Instruments left out as dated after the draft, and those left out as the draft
    /// itself (same symbol, same file).
    pub left_out: LeftOut,
    /// Files of the corpus folders that gave no paragraphs, and why.
    pub skipped: Vec<Skipped>,
    /// The draft's predecessor: the latest earlier instrument of the corpus with the same
    /// title (`FILE` or `FILE#LABEL`), whose paragraphs the aligner linked to the draft's.
    pub predecessor: Option<String>,
    /// The draft's title and body paragraphs, in order.
    pub paragraphs: Vec<TracedParagraph>,
}

/// Instruments of the corpus not searched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Dated after the draft.
    pub later: Vec<String>,
    /// The draft itself: the same file, or the same symbol.
    pub draft_itself: Vec<String>,
}

/// Verbatim, edited or new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TraceKind {
    /// Some earlier paragraph is the same text, up to typographic variants: agreed
    /// language.
    Verbatim,
    /// The closest earlier paragraph differs, but is at least the least similarity alike,
    /// or is the predecessor's paragraph the aligner links to it.
    Edited,
    /// No earlier paragraph comes close.
    New,
}

impl TraceKind {
    /// Its name in every format.
    pub fn name(self) -> &'static str {
        match self {
            TraceKind::Verbatim => "verbatim",
            TraceKind::Edited => "edited",
            TraceKind::New => "new",
        }
    }
}

/// One earlier paragraph a draft paragraph may come from.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceMatch {
    /// The file (and `#LABEL` in a file of several instruments).
    pub file: String,
    /// The symbol of its document, when printed.
    pub symbol: Option<String>,
    /// Its document's date, when given.
    pub date: Option<Date>,
    /// Its id in its instrument.
    pub paragraph: ParagraphId,
    /// Weighted word similarity with the draft's paragraph, 0.0 to 1.0.
    pub similarity: f64,
    /// The same text as the draft's, up to typographic variants.
    pub verbatim: bool,
    /// A paragraph of the draft's predecessor that the aligner linked to the draft's
    /// paragraph: the text the draft continues, whatever older text is closer in words.
    pub linked: bool,
    /// Its text.
    pub text: String,
}

impl SourceMatch {
    /// "A/RES/72/196, 2017-12-19", or the file when the document prints no symbol.
    pub fn citation(&self) -> String {
        let name = self.symbol.as_deref().unwrap_or(&self.file);
        match self.date {
            Some(date) => format!("{name}, {date}"),
            None => name.to_owned(),
        }
    }
}

/// One paragraph of the draft with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedParagraph {
    /// Its id in the draft.
    pub id: ParagraphId,
    /// Its text.
    pub text: String,
    /// Verbatim, edited or new.
    pub kind: TraceKind,
    /// The closest earlier paragraphs, best first: verbatim ones first, then those the
    /// aligner linked in the predecessor, then by similarity, then the most recent; at most
    /// [`TraceOptions::max_sources`].
    pub sources: Vec<SourceMatch>,
    /// The most recent of all earlier paragraphs at least the least similarity alike.
    pub latest: Option<SourceMatch>,
    /// The earliest verbatim occurrence.
    pub earliest: Option<SourceMatch>,
    /// The word redline from the best source to the draft's text (equal segments in the
    /// draft's form); none for a new paragraph.
    pub redline: Option<Vec<Segment>>,
    /// Words of the paragraph.
    pub words: usize,
    /// Words of the paragraph found in its best source: all of a verbatim paragraph's,
    /// those in equal segments of an edited one's redline.
    pub agreed_words: usize,
}

/// How much of a draft is agreed language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TraceSummary {
    /// Paragraphs found verbatim.
    pub verbatim: usize,
    /// Paragraphs found edited.
    pub edited: usize,
    /// Paragraphs found nowhere.
    pub new: usize,
    /// Words of the draft traced.
    pub words: usize,
    /// Words of the draft found in their paragraph's best source.
    pub agreed_words: usize,
}

impl Trace {
    /// The counts of the summary.
    pub fn summary(&self) -> TraceSummary {
        let mut summary = TraceSummary::default();
        for paragraph in &self.paragraphs {
            match paragraph.kind {
                TraceKind::Verbatim => summary.verbatim += 1,
                TraceKind::Edited => summary.edited += 1,
                TraceKind::New => summary.new += 1,
            }
            summary.words += paragraph.words;
            summary.agreed_words += paragraph.agreed_words;
        }
        summary
    }
}

/// Traces every title and body paragraph of `instrument` (of `draft`) through `corpus`.
///
/// # Errors
/// When a block of the corpus's index cannot be read or is corrupt.
pub fn trace(
    draft: &Document,
    instrument: &Instrument,
    corpus: &Corpus,
    options: &TraceOptions,
) -> Result<Trace> {
    let draft_symbol = date::document_symbol(draft, instrument);
    let draft_date = date::instrument_date(draft, instrument);
    let draft_path = canonical(&draft.file);
    let mut left_out = LeftOut::default();
    let mut documents: Vec<&str> = Vec::new();
    let allowed: Vec<bool> = corpus
        .sources
        .iter()
        .map(|source| {
            let file = source.file.split('#').next().unwrap_or(&source.file);
            let itself = (draft_symbol.is_some() && source.symbol == draft_symbol)
                || draft_path
                    .as_deref()
                    .is_some_and(|d| canonical(file).as_deref() == Some(d));
            let later = !options.any_date
                && matches!((source.date, draft_date), (Some(s), Some(d)) if s.is_after(&d));
            if itself {
                left_out.draft_itself.push(source.file.clone());
            } else if later {
                left_out.later.push(source.file.clone());
            } else if documents.last() != Some(&file) {
                documents.push(file);
            }
            !itself && !later
        })
        .collect();
    documents.sort_unstable();
    documents.dedup();
    let corpus_paragraphs = (0..corpus.sources.len() as u32)
        .filter(|&source| allowed[source as usize])
        .map(|source| corpus.paragraphs_of(source).len())
        .sum();
    // Never a later text, even with `any_date`: a draft continues what came before it.
    let earlier: Vec<bool> = corpus
        .sources
        .iter()
        .zip(&allowed)
        .map(|(source, &allowed)| {
            allowed && !matches!((source.date, draft_date), (Some(s), Some(d)) if s.is_after(&d))
        })
        .collect();
    let predecessor = predecessor(corpus, &earlier, instrument);
    let linked = match predecessor {
        Some(source) => linked_paragraphs(corpus, source, instrument)?,
        None => FastMap::default(),
    };
    let search = Search {
        corpus,
        allowed: &allowed,
        options,
    };
    let paragraphs = instrument
        .texts()
        .filter(|(id, _)| is_traced(id.kind))
        .map(|(id, text)| search.trace_one(id, text, linked.get(&id).map_or(&[], Vec::as_slice)))
        .collect::<Result<_>>()?;
    Ok(Trace {
        draft_file: draft.file.clone(),
        draft_symbol,
        draft_date,
        documents: documents.len(),
        corpus_paragraphs,
        left_out,
        skipped: corpus.skipped.clone(),
        predecessor: predecessor.map(|source| corpus.sources[source as usize].file.clone()),
        paragraphs,
    })
}

/// The draft's predecessor among the sources `earlier` admits: the latest dated one whose title is
/// the draft's (up to typographic variants and case); among several of the same date, an
/// adopted resolution (`/RES/` in its symbol) first, then the first read. A draft is
/// written from the last text of its series, so its paragraphs continue that text's.
fn predecessor(corpus: &Corpus, earlier: &[bool], draft: &Instrument) -> Option<u32> {
    let title = draft.title.as_deref()?;
    let folded = fold::fold(title).to_lowercase();
    (0..corpus.sources.len() as u32)
        .filter(|&source| {
            earlier[source as usize]
                && corpus
                    .title_of(source)
                    .is_some_and(|(_, text)| fold::fold(text).to_lowercase() == folded)
        })
        .filter_map(|source| {
            let found = &corpus.sources[source as usize];
            let adopted = found.symbol.as_deref().is_some_and(|s| s.contains("/RES/"));
            Some((found.date?, adopted, std::cmp::Reverse(source)))
        })
        .max()
        .map(|(_, _, std::cmp::Reverse(source))| source)
}

/// For each paragraph of `draft`, the paragraphs of corpus source `source` that the
/// aligner links to it (one for a paragraph carried over, several for a merge), as
/// paragraph numbers of the corpus.
fn linked_paragraphs(
    corpus: &Corpus,
    source: u32,
    draft: &Instrument,
) -> Result<FastMap<ParagraphId, Vec<u32>>> {
    let mut index_of: FastMap<ParagraphId, u32> = FastMap::default();
    let mut paragraphs = Vec::new();
    for i in corpus.paragraphs_of(source) {
        let p = corpus.paragraph(i)?;
        if p.id.kind != Kind::Title {
            index_of.entry(p.id).or_insert(i);
            paragraphs.push(Paragraph::new(p.id, p.text));
        }
    }
    let old = Instrument::new(paragraphs);
    let mut linked: FastMap<ParagraphId, Vec<u32>> = FastMap::default();
    for change in align(&old, draft, &AlignOptions::default()).changes {
        if matches!(change.kind, ChangeKind::Added | ChangeKind::Removed) {
            continue;
        }
        for new in &change.new {
            linked
                .entry(*new)
                .or_default()
                .extend(change.old.iter().filter_map(|old| index_of.get(old)));
        }
    }
    Ok(linked)
}

/// The canonical path of a file, when it is one.
fn canonical(file: &str) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(Path::new(file)).ok()
}

/// What one query needs of the corpus.
struct Search<'a> {
    corpus: &'a Corpus,
    allowed: &'a [bool],
    options: &'a TraceOptions,
}

impl Search<'_> {
    /// Whether corpus paragraph `p` may be a source of a draft text of kind `kind`: its
    /// document is searched, and a title is traced to titles, a paragraph to paragraphs.
    fn admits(&self, p: u32, kind: Kind) -> bool {
        self.allowed[self.corpus.source_of(p) as usize]
            && (self.corpus.is_title(p) == (kind == Kind::Title))
    }

    /// Traces one text of the draft; `linked` are the predecessor's paragraphs the aligner
    /// linked to it.
    fn trace_one(&self, id: ParagraphId, text: &str, linked: &[u32]) -> Result<TracedParagraph> {
        let ids: Vec<u32> = self
            .corpus
            .term_ids(text)?
            .into_iter()
            .map(|id| id.unwrap_or(corpus::UNSEEN))
            .collect();
        let mut shingles: Vec<u64> = ids
            .windows(2)
            .filter(|pair| pair[0] != corpus::UNSEEN && pair[1] != corpus::UNSEEN)
            .map(|pair| corpus::shingle(pair[0], pair[1]))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        let draft_terms = corpus::counted(ids);
        let mut verbatim: Vec<u32> = Vec::new();
        let mut found: FastMap<u32, CorpusParagraph> = FastMap::default();
        for p in self.corpus.exact(corpus::exact_key(text))? {
            if self.admits(p, id.kind) {
                let paragraph = self.corpus.paragraph(p)?;
                if fold::equivalent(&paragraph.text, text, fold::Mode::Typographic) {
                    verbatim.push(p);
                    found.insert(p, paragraph);
                }
            }
        }
        let candidates: Vec<u32> = self
            .candidates(&shingles, id.kind)?
            .into_iter()
            .filter(|p| !verbatim.contains(p) && !linked.contains(p))
            .collect();
        let scored: Vec<u32> = linked
            .iter()
            .copied()
            .filter(|p| !verbatim.contains(p))
            .chain(candidates.iter().copied())
            .collect();
        let bags: Vec<Vec<(u32, u32)>> = scored
            .iter()
            .map(|&p| self.corpus.bag_terms(p))
            .collect::<Result<_>>()?;
        let mut all_bags: Vec<&[(u32, u32)]> = bags.iter().map(Vec::as_slice).collect();
        all_bags.push(&draft_terms);
        let local = corpus::LocalVocabulary::of(self.corpus, &all_bags)?;
        let bag = local.bag(&draft_terms);
        let similarity: FastMap<u32, f64> = scored
            .iter()
            .zip(&bags)
            .map(|(&p, terms)| (p, local.vocabulary.similarity(&bag, &local.bag(terms))))
            .collect();
        let mut matches: Vec<SourceMatch> = Vec::new();
        for &p in &verbatim {
            let paragraph = found.remove(&p).expect("read above");
            matches.push(self.source_match(paragraph, 1.0, true, linked.contains(&p)));
        }
        for &p in linked {
            if !verbatim.contains(&p) {
                let paragraph = self.corpus.paragraph(p)?;
                matches.push(self.source_match(paragraph, similarity[&p], false, true));
            }
        }
        for &p in &candidates {
            if similarity[&p] >= self.options.min_similarity {
                let paragraph = self.corpus.paragraph(p)?;
                matches.push(self.source_match(paragraph, similarity[&p], false, false));
            }
        }
        matches.sort_by(|a, b| {
            b.verbatim
                .cmp(&a.verbatim)
                .then(b.linked.cmp(&a.linked))
                .then(b.similarity.total_cmp(&a.similarity))
                .then(b.date.is_some().cmp(&a.date.is_some()))
                .then(b.date.cmp(&a.date))
                .then(a.file.cmp(&b.file))
                .then(a.paragraph.cmp(&b.paragraph))
        });
        let earliest = matches
            .iter()
            .filter(|m| m.verbatim)
            .min_by(|a, b| {
                b.date
                    .is_some()
                    .cmp(&a.date.is_some())
                    .then(a.date.cmp(&b.date))
                    .then(a.file.cmp(&b.file))
                    .then(a.paragraph.cmp(&b.paragraph))
            })
            .cloned();
        let latest = matches
            .iter()
            .filter(|m| m.date.is_some())
            .max_by(|a, b| a.date.cmp(&b.date).then(b.file.cmp(&a.file)))
            .cloned();
        let kind = match matches.first() {
            Some(best) if best.verbatim => TraceKind::Verbatim,
            Some(_) => TraceKind::Edited,
            None => TraceKind::New,
        };
        let redline = matches
            .first()
            .map(|best| word_redline(&best.text, text).segments);
        let word_count = words(text).count();
        let agreed_words = match (&redline, kind) {
            (_, TraceKind::Verbatim) => word_count,
            (Some(segments), _) => segments
                .iter()
                .filter(|s| s.op == SegmentOp::Equal)
                .map(|s| words(&s.text).count())
                .sum(),
            (None, _) => 0,
        };
        matches.truncate(self.options.max_sources);
        Ok(TracedParagraph {
            id,
            text: text.to_owned(),
            kind,
            sources: matches,
            latest,
            earliest,
            redline,
            words: word_count,
            agreed_words,
        })
    }

    /// The paragraphs sharing the most weight of the rarest of `shingles`, best first.
    fn candidates(&self, shingles: &[u64], kind: Kind) -> Result<Vec<u32>> {
        let mut probes: Vec<(usize, u64, std::ops::Range<u64>)> = Vec::new();
        for &s in shingles {
            if let Some(range) = self.corpus.shingle_postings(s)? {
                probes.push(((range.end - range.start) as usize, s, range));
            }
        }
        probes.sort_unstable_by_key(|&(df, key, _)| (df, key));
        let total = self.corpus.paragraph_count() as f64;
        let mut score: FastMap<u32, f64> = FastMap::default();
        for (n, (df, _, range)) in probes.into_iter().take(PROBED_SHINGLES).enumerate() {
            if df > COMMON_POSTINGS && n >= MIN_PROBES {
                break;
            }
            let weight = ((total + 1.0) / df as f64).ln();
            // The newest postings of a common pair: paragraphs are numbered in the order
            // the files were read, and a cut must not depend on anything else.
            let newest = range
                .end
                .saturating_sub(COMMON_POSTINGS as u64)
                .max(range.start);
            for p in self.corpus.shingle_paragraphs(newest..range.end)? {
                if self.admits(p, kind) {
                    *score.entry(p).or_insert(0.0) += weight;
                }
            }
        }
        let mut ranked: Vec<(f64, u32)> = score.into_iter().map(|(p, s)| (s, p)).collect();
        ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(SCORED_CANDIDATES);
        Ok(ranked.into_iter().map(|(_, p)| p).collect())
    }

    fn source_match(
        &self,
        paragraph: CorpusParagraph,
        similarity: f64,
        verbatim: bool,
        linked: bool,
    ) -> SourceMatch {
        let source = &self.corpus.sources[paragraph.source as usize];
        SourceMatch {
            file: source.file.clone(),
            symbol: source.symbol.clone(),
            date: source.date,
            paragraph: paragraph.id,
            similarity,
            verbatim,
            linked,
            text: paragraph.text,
        }
    }
}
