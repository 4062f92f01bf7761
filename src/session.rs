//! Two folders of documents side by side (`resdiff diff OLD_DIR NEW_DIR`): an analyst's view
//! of a whole session.
//!
//! The unit is the instrument: a committee report holds several draft resolutions, each of
//! them paired on its own. Every resolution of every readable file of one folder is paired
//! with at most one of the other folder ([`pair_units`]): by title, words weighted by how
//! rarely the session's titles use them, one-to-one, best pairs first, so that "Situation of
//! human rights in X" is not taken for "Situation of human rights in Y". Each pair is then
//! compared as `resdiff diff` compares it ([`compare_documents`]), the pairs on several
//! threads. What pairs with nothing is listed with its closest title; a file that cannot be
//! read is listed as skipped with its reason, never dropped.
//!
//! The data flows one way: files ([`crate::trace::corpus_files`]) -> documents ->
//! instruments ([`Unit`]) -> pairs -> comparisons -> [`SessionDiff`], which
//! [`crate::render::render_session`] renders.

use serde::Serialize;

use crate::align::{AlignOptions, Summary};
use crate::compare::{Comparison, compare_documents, title_words};
use crate::document::{Document, Instrument};
use crate::fold;
use crate::read::TrackedChanges;
use crate::source::{DEFAULT_MAX_BYTES, Source};

/// The version of the session JSON layout (`resdiff diff OLD_DIR NEW_DIR --format json`),
/// raised on any incompatible change.
pub const SESSION_SCHEMA_VERSION: u32 = 1;

/// Least weighted title similarity ([`TitleWeights::similarity`]) for two instruments to be
/// paired. A draft and the resolution adopted from it share their title (1.0 for all 149
/// real draft -> adopted pairs paired by title in the 80th session); two resolutions of
/// one series of country situations share only the words every such title has, which
/// weigh little ("in the Islamic Republic of Iran" against "in the Democratic People's
/// Republic of Korea" scores under 0.5).
pub const PAIR_THRESHOLD: f64 = 0.6;

/// How the files of both folders are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest file accepted, in bytes; a larger one is skipped.
    pub max_bytes: u64,
    /// The changes tracked in Word documents, accepted or rejected.
    pub changes: TrackedChanges,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            changes: TrackedChanges::Accept,
        }
    }
}

/// Which folder something comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The older folder, `OLD_DIR`.
    Old,
    /// The newer folder, `NEW_DIR`.
    New,
}

/// One instrument of one file: what is paired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// The file, as found under its folder (the folder's path joined with its name).
    pub file: String,
    /// The instrument's 1-based position in its file when the file holds several (the `#N`
    /// that `resdiff diff` takes); none for a file of one resolution, compared whole.
    pub instrument: Option<usize>,
    /// The instrument's printed label ("Draft resolution IV"), if any.
    pub label: Option<String>,
    /// The instrument's title, if any.
    pub title: Option<String>,
    /// The document symbol the text gives, if any.
    pub symbol: Option<String>,
}

impl Unit {
    /// The address `resdiff diff` takes for this instrument: `FILE`, or `FILE#N`.
    pub fn address(&self) -> String {
        match self.instrument {
            Some(position) => format!("{}#{position}", self.file),
            None => self.file.clone(),
        }
    }
}

/// Two instruments paired across the folders, and what changed between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The instrument of the old folder.
    pub old: Unit,
    /// The instrument of the new folder.
    pub new: Unit,
    /// What they were paired by.
    pub by: PairedBy,
    /// Their weighted title similarity, 0 to 1 ([`TitleWeights::similarity`]), or their
    /// text similarity when paired by text, rounded to three places; 1 for two revisions
    /// of one document symbol.
    pub similarity: f64,
    /// The two titles differ (beyond typographic variants, unless strict).
    pub title_changed: bool,
    /// Nothing differs: every text of both sides alike.
    pub identical: bool,
    /// The counts of the changes by kind, over every comparison of the pair: exactly what
    /// [`command`](Pair::command) prints.
    pub summary: Summary,
    /// The `resdiff diff` command that prints this pair's redline, quoted for a POSIX shell.
    pub command: String,
    /// The comparisons the redline is made of: the instruments (with their annexes and the
    /// text outside them for two files of one resolution each). Not in the JSON, whose
    /// `command` gives them.
    #[serde(skip)]
    pub comparisons: Vec<Comparison>,
}

/// The instrument of the other folder whose title is closest to an unpaired one's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closest {
    /// The file, as [`Unit::file`].
    pub file: String,
    /// The instrument's position in its file, as [`Unit::instrument`].
    pub instrument: Option<usize>,
    /// Its title.
    pub title: Option<String>,
    /// The weighted title similarity, rounded to three places: below [`PAIR_THRESHOLD`], or
    /// the instrument was paired with a closer one.
    pub similarity: f64,
}

/// An instrument that pairs with none of the other folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unpaired {
    /// The folder it is in.
    pub side: Side,
    /// The instrument.
    #[serde(flatten)]
    pub unit: Unit,
    /// The closest title of the other folder, so that a reader sees why it was not paired;
    /// none when no title of the other folder shares a word with it.
    pub closest: Option<Closest>,
}

/// A file of a folder that could not be read or holds no instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The folder it is in.
    pub side: Side,
    /// The file.
    pub file: String,
    /// Why, on one line.
    pub reason: String,
}

/// What one folder holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Folder {
    /// The folder, as given.
    pub folder: String,
    /// The files read.
    pub documents: usize,
    /// The instruments paired or listed as unpaired.
    pub instruments: usize,
}

/// Two folders compared: the whole session view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionDiff {
    /// The old folder.
    pub old: Folder,
    /// The new folder.
    pub new: Folder,
    /// The pairs, by old file, then instrument, then new file.
    pub pairs: Vec<Pair>,
    /// The instruments paired with none: those of the old folder first, each side in file
    /// order.
    pub unpaired: Vec<Unpaired>,
    /// The files that could not be read: the old folder's first, each in file order.
    pub skipped: Vec<Skipped>,
}

impl SessionDiff {
    /// Every pair identical and nothing unpaired or skipped.
    pub fn is_identical(&self) -> bool {
        self.pairs.iter().all(|pair| pair.identical)
            && self.unpaired.is_empty()
            && self.skipped.is_empty()
    }

    /// Every file of both folders was read: nothing skipped.
    pub fn is_complete(&self) -> bool {
        self.skipped.is_empty()
    }
}

/// Compares the documents of two folders: reads every file of each ([`corpus_files`]), pairs
/// their instruments ([`pair_units`]) and compares each pair as `resdiff diff` would.
///
/// [`corpus_files`]: crate::trace::corpus_files
///
/// # Errors
///
/// A folder cannot be listed. A file that cannot be read is not an error: it is
/// [`Skipped`].
pub fn compare_folders(
    old_folder: &str,
    new_folder: &str,
    read: &ReadOptions,
    options: &AlignOptions,
) -> crate::Result<SessionDiff> {
    let old_files = crate::trace::corpus_files(old_folder)?;
    let new_files = crate::trace::corpus_files(new_folder)?;
    let (old_documents, mut skipped) = read_folder(&old_files, Side::Old, read);
    let (new_documents, new_skipped) = read_folder(&new_files, Side::New, read);
    skipped.extend(new_skipped);
    let old_units = units(&old_documents);
    let new_units = units(&new_documents);
    let weights = TitleWeights::new(old_units.iter().chain(&new_units));
    let pairing = pair_units(&old_units, &new_units, &weights);
    let flags = diff_flags(read, options);
    let pairs = crate::parallel::map(&pairing.pairs, pairing.pairs.len() > 1, |candidate| {
        compare_pair(
            &old_units[candidate.old],
            &new_units[candidate.new],
            (candidate.by, candidate.similarity),
            &flags,
            options,
        )
    });
    let unpaired = pairing
        .unpaired
        .iter()
        .map(|loose| {
            let (own, other) = match loose.side {
                Side::Old => (&old_units, &new_units),
                Side::New => (&new_units, &old_units),
            };
            Unpaired {
                side: loose.side,
                unit: own[loose.unit].unit.clone(),
                closest: loose.closest.map(|(at, similarity)| Closest {
                    file: other[at].unit.file.clone(),
                    instrument: other[at].unit.instrument,
                    title: other[at].unit.title.clone(),
                    similarity: round(similarity),
                }),
            }
        })
        .collect();
    Ok(SessionDiff {
        old: Folder {
            folder: old_folder.to_owned(),
            documents: old_documents.len(),
            instruments: old_units.len(),
        },
        new: Folder {
            folder: new_folder.to_owned(),
            documents: new_documents.len(),
            instruments: new_units.len(),
        },
        pairs,
        unpaired,
        skipped,
    })
}

/// Reads and parses every file, several at once; those that fail are skipped with their
/// error.
fn read_folder(files: &[String], side: Side, read: &ReadOptions) -> (Vec<Document>, Vec<Skipped>) {
    let parsed = crate::parallel::map(files, files.len() > 1, |file| {
        Source::read_with(file, read.max_bytes, read.changes)
            .and_then(|source| crate::parse(&source))
    });
    let mut documents = Vec::new();
    let mut skipped = Vec::new();
    for (file, result) in files.iter().zip(parsed) {
        match result {
            Ok(document) => documents.push(document),
            Err(err) => skipped.push(Skipped {
                side,
                file: file.clone(),
                reason: crate::trace::corpus::without_path(&err.to_string(), file),
            }),
        }
    }
    (documents, skipped)
}

/// An instrument to pair, with what pairing reads of it.
#[derive(Debug, Clone)]
pub struct Candidate<'d> {
    /// What is reported of it.
    pub unit: Unit,
    /// Its document.
    pub document: &'d Document,
    /// Its title's words (lower-cased, each once, as `compare` reads a title).
    pub words: std::collections::BTreeSet<String>,
    /// The pairs of consecutive words of its paragraphs, hashed, sorted, each once: what
    /// [`text_similarity`] compares.
    pub shingles: Vec<u64>,
    /// Its index in the document's instruments.
    pub at: usize,
    /// Its file holds no other instrument to pair.
    pub alone: bool,
}

impl<'d> Candidate<'d> {
    /// The instrument at `at` of `document`; `alone` when it is the file's only one to pair.
    pub fn new(document: &'d Document, at: usize, alone: bool) -> Candidate<'d> {
        let instrument = &document.instruments[at];
        let compared_whole = alone && !instrument.is_annex();
        Candidate {
            unit: Unit {
                file: document.file.clone(),
                instrument: (!compared_whole).then_some(at + 1),
                label: instrument.label.clone(),
                title: instrument.title.clone(),
                symbol: instrument.symbol.clone(),
            },
            document,
            words: title_words(instrument),
            shingles: shingles(instrument),
            at,
            alone,
        }
    }

    fn instrument(&self) -> &'d Instrument {
        &self.document.instruments[self.at]
    }
}

/// The hashed pairs of consecutive lower-cased words of an instrument's paragraphs, sorted,
/// each once.
fn shingles(instrument: &Instrument) -> Vec<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut shingles = Vec::new();
    for paragraph in &instrument.paragraphs {
        let words: Vec<String> = paragraph
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        for pair in words.windows(2) {
            // SipHash with its fixed keys: the same values on every run and machine.
            let mut hasher = DefaultHasher::new();
            pair.hash(&mut hasher);
            shingles.push(hasher.finish());
        }
    }
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// The Dice coefficient of two instruments' shingles (hashed pairs of consecutive words): how much of their wording two
/// instruments share, 0 to 1.
pub fn text_similarity(a: &Candidate<'_>, b: &Candidate<'_>) -> f64 {
    let (x, y) = (&a.shingles, &b.shingles);
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * crate::align::whole::common_sorted(x, y) as f64 / (x.len() + y.len()) as f64
}

/// The instruments of the documents to pair, in file order: each file's resolutions, or
/// every instrument of a file that holds annexes only. An annex goes with its resolution: it
/// is compared with it when both files hold one resolution, and not paired on its own.
fn units(documents: &[Document]) -> Vec<Candidate<'_>> {
    let mut units = Vec::new();
    for document in documents {
        let resolutions: Vec<usize> = (0..document.instruments.len())
            .filter(|&i| !document.instruments[i].is_annex())
            .collect();
        let at = if resolutions.is_empty() {
            (0..document.instruments.len()).collect()
        } else {
            resolutions
        };
        let alone = at.len() == 1;
        units.extend(at.into_iter().map(|i| Candidate::new(document, i, alone)));
    }
    units
}

/// How much each title word says: words that many titles of the session share ("human",
/// "rights", "situation") weigh little, a word few titles hold (a country's name) much. The
/// inverse document frequency `ln((n + 1) / df)` over the titles of both folders.
#[derive(Debug, Clone, Default)]
pub struct TitleWeights {
    titles: usize,
    holding: std::collections::HashMap<String, usize>,
}

impl TitleWeights {
    /// The weights of the words of these titles.
    pub fn new<'a, 'd: 'a>(
        candidates: impl IntoIterator<Item = &'a Candidate<'d>>,
    ) -> TitleWeights {
        let mut weights = TitleWeights::default();
        for candidate in candidates {
            weights.titles += 1;
            for word in &candidate.words {
                *weights.holding.entry(word.clone()).or_default() += 1;
            }
        }
        weights
    }

    fn weight(&self, word: &str) -> f64 {
        let holding = self.holding.get(word).copied().unwrap_or(0).max(1);
        ((self.titles + 1) as f64 / holding as f64).ln()
    }

    /// The weighted Dice coefficient of two titles' words: twice the weight of the words in
    /// common over the weight of both; 0 when either has no title.
    pub fn similarity(
        &self,
        a: &std::collections::BTreeSet<String>,
        b: &std::collections::BTreeSet<String>,
    ) -> f64 {
        let mass = |words: &std::collections::BTreeSet<String>| -> f64 {
            words.iter().map(|w| self.weight(w)).sum()
        };
        let total = mass(a) + mass(b);
        if total <= 0.0 {
            return 0.0;
        }
        let common: f64 = a.intersection(b).map(|w| self.weight(w)).sum();
        2.0 * common / total
    }
}

/// The organ of a document symbol: "A" of "A/C.3/80/L.5" and of "A/RES/80/1", "S" of
/// "S/RES/2700 (2023)".
fn organ(symbol: &str) -> &str {
    symbol.split('/').next().unwrap_or(symbol).trim()
}

/// A document symbol without its revision, corrigendum or addendum: "A/C.3/80/L.5" of
/// "A/C.3/80/L.5/Rev.1".
fn symbol_base(symbol: &str) -> &str {
    let mut base = symbol.trim();
    while let Some((head, last)) = base.rsplit_once('/') {
        let is_revision = ["Rev.", "Corr.", "Add."]
            .iter()
            .any(|prefix| last.trim().starts_with(prefix));
        if !is_revision {
            break;
        }
        base = head;
    }
    base
}

/// How alike two instruments are for pairing; none when they cannot be versions of each
/// other (their symbols name different organs: a General Assembly text is never paired with
/// a Security Council one). Two files of one resolution each that are revisions of one
/// symbol ("L.5" and "L.5/Rev.1") score 1 whatever their titles.
fn affinity(weights: &TitleWeights, old: &Candidate<'_>, new: &Candidate<'_>) -> Option<f64> {
    if let (Some(a), Some(b)) = (&old.unit.symbol, &new.unit.symbol) {
        if organ(a) != organ(b) {
            return None;
        }
        if old.alone && new.alone && symbol_base(a) == symbol_base(b) {
            return Some(1.0);
        }
    }
    Some(weights.similarity(&old.words, &new.words))
}

/// Least [`text_similarity`] for an instrument without a title to be paired by its text. A
/// draft and its adopted text share most of their word pairs (at least 0.6 for the 150 real
/// pairs of the 80th session); a draft whose resolution is not in the other folder shares
/// at most about 0.3 with any of them.
pub const TEXT_PAIR_THRESHOLD: f64 = 0.5;

/// What two instruments were paired by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PairedBy {
    /// Their titles ([`TitleWeights::similarity`]); equal titles by their text.
    Title,
    /// Their document symbols: two revisions of one document.
    Symbol,
    /// Their text ([`text_similarity`]): one of them has no title.
    Text,
}

/// Two instruments paired by [`pair_units`]: their indexes in the old and new lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedAt {
    /// Index in the old instruments.
    pub old: usize,
    /// Index in the new instruments.
    pub new: usize,
    /// Their weighted title similarity (1 for revisions of one symbol), or text similarity when paired by text.
    pub similarity: f64,
    /// What they were paired by.
    pub by: PairedBy,
}

/// An instrument [`pair_units`] left alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeftAt {
    /// Its folder.
    pub side: Side,
    /// Its index in that folder's instruments.
    pub unit: usize,
    /// The index of the other folder's instrument of closest title, with the similarity.
    pub closest: Option<(usize, f64)>,
}

/// What [`pair_units`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    /// The pairs, in the old instruments' order.
    pub pairs: Vec<PairedAt>,
    /// The instruments paired with none: the old ones, then the new ones, each in order.
    pub unpaired: Vec<LeftAt>,
}

/// Pairs instruments one-to-one, best first: every two of at least [`PAIR_THRESHOLD`]
/// weighted title similarity ([`TitleWeights::similarity`]; 1 for two revisions of one
/// symbol, none across organs), the most alike first; equal titles (a draft and the
/// facilitator's draft that replaced it) go to the closer text ([`text_similarity`]), then
/// to the earlier old instrument and the earlier new one, so that the pairing depends on
/// nothing but the input. Then an instrument without a title pairs by its text alone with
/// one left over of at least [`TEXT_PAIR_THRESHOLD`].
pub fn pair_units(old: &[Candidate<'_>], new: &[Candidate<'_>], weights: &TitleWeights) -> Pairing {
    let mut scores: Vec<Vec<Option<f64>>> = Vec::with_capacity(old.len());
    let mut candidates = Vec::new();
    for (i, a) in old.iter().enumerate() {
        let row: Vec<Option<f64>> = new.iter().map(|b| affinity(weights, a, b)).collect();
        for (j, score) in row.iter().enumerate() {
            if let Some(score) = *score {
                if score >= PAIR_THRESHOLD {
                    candidates.push((score, text_similarity(a, &new[j]), i, j));
                }
            }
        }
        scores.push(row);
    }
    let mut old_pair: Vec<Option<(usize, f64, PairedBy)>> = vec![None; old.len()];
    let mut new_taken = vec![false; new.len()];
    let mut take = |candidates: &mut Vec<(f64, f64, usize, usize)>,
                    by: &dyn Fn(usize, usize) -> PairedBy| {
        candidates.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(y.1.total_cmp(&x.1))
                .then(x.2.cmp(&y.2))
                .then(x.3.cmp(&y.3))
        });
        for &(score, _, i, j) in candidates.iter() {
            if old_pair[i].is_none() && !new_taken[j] {
                old_pair[i] = Some((j, score, by(i, j)));
                new_taken[j] = true;
            }
        }
    };
    let by_title = |i: usize, j: usize| {
        let same_symbol = |a: &Candidate<'_>, b: &Candidate<'_>| {
            a.alone
                && b.alone
                && matches!((&a.unit.symbol, &b.unit.symbol), (Some(x), Some(y)) if symbol_base(x) == symbol_base(y))
        };
        if same_symbol(&old[i], &new[j]) {
            PairedBy::Symbol
        } else {
            PairedBy::Title
        }
    };
    take(&mut candidates, &by_title);
    let mut by_text: Vec<(f64, f64, usize, usize)> = Vec::new();
    for (i, a) in old.iter().enumerate() {
        for (j, b) in new.iter().enumerate() {
            let untitled = a.words.is_empty() || b.words.is_empty();
            if untitled && scores[i][j].is_some() {
                let text = text_similarity(a, b);
                if text >= TEXT_PAIR_THRESHOLD {
                    by_text.push((text, text, i, j));
                }
            }
        }
    }
    take(&mut by_text, &|_, _| PairedBy::Text);
    // The closest title of the other side: the highest score, the earliest on a tie.
    let closest = |row: &mut dyn Iterator<Item = (usize, Option<f64>)>| {
        row.filter_map(|(at, score)| score.filter(|&s| s > 0.0).map(|s| (at, s)))
            .fold(None, |best: Option<(usize, f64)>, (at, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((at, s)),
            })
    };
    let pairs = old_pair
        .iter()
        .enumerate()
        .filter_map(|(i, pair)| {
            pair.map(|(j, similarity, by)| PairedAt {
                old: i,
                new: j,
                similarity,
                by,
            })
        })
        .collect();
    let mut unpaired: Vec<LeftAt> = (0..old.len())
        .filter(|&i| old_pair[i].is_none())
        .map(|i| LeftAt {
            side: Side::Old,
            unit: i,
            closest: closest(&mut scores[i].iter().copied().enumerate()),
        })
        .collect();
    unpaired.extend((0..new.len()).filter(|&j| !new_taken[j]).map(|j| LeftAt {
        side: Side::New,
        unit: j,
        closest: closest(&mut scores.iter().map(|row| row[j]).enumerate()),
    }));
    Pairing { pairs, unpaired }
}

/// Compares one pair as `resdiff diff OLD NEW` (with the flags) prints it.
fn compare_pair(
    old: &Candidate<'_>,
    new: &Candidate<'_>,
    (by, similarity): (PairedBy, f64),
    flags: &[String],
    options: &AlignOptions,
) -> Pair {
    // Two files of one resolution each are compared whole, as `diff` compares them; an
    // instrument of a report is named on both sides, so that the command is exact.
    let whole = old.unit.instrument.is_none() && new.unit.instrument.is_none();
    let mut old_unit = old.unit.clone();
    let mut new_unit = new.unit.clone();
    if !whole {
        old_unit.instrument = Some(old.at + 1);
        new_unit.instrument = Some(new.at + 1);
    }
    let picks = |unit: &Unit| unit.instrument.map(|n| n.to_string());
    let (old_pick, new_pick) = (picks(&old_unit), picks(&new_unit));
    let comparisons = compare_documents(
        old.document,
        new.document,
        old_pick.as_deref(),
        new_pick.as_deref(),
        options,
    )
    .expect("a pick by position in range and two single-resolution files always compare");
    let mut summary = Summary::default();
    for comparison in &comparisons {
        add(&mut summary, &comparison.summary);
    }
    let title =
        |candidate: &Candidate<'_>| candidate.instrument().title.clone().unwrap_or_default();
    let command = std::iter::once("resdiff diff".to_owned())
        .chain(flags.iter().cloned())
        .chain([
            shell_quote(&old_unit.address()),
            shell_quote(&new_unit.address()),
        ])
        .collect::<Vec<_>>()
        .join(" ");
    Pair {
        title_changed: !fold::equivalent(&title(old), &title(new), options.fold),
        identical: comparisons.iter().all(Comparison::is_identical),
        by,
        similarity: round(similarity),
        summary,
        command,
        old: old_unit,
        new: new_unit,
        comparisons,
    }
}

/// Adds the counts of `more` to `total`.
fn add(total: &mut Summary, more: &Summary) {
    total.unchanged += more.unchanged;
    total.reworded += more.reworded;
    total.rewritten += more.rewritten;
    total.moved += more.moved;
    total.split += more.split;
    total.merged += more.merged;
    total.added += more.added;
    total.removed += more.removed;
}

/// The flags of `resdiff diff` that make a pair's command compare as the session did.
fn diff_flags(read: &ReadOptions, options: &AlignOptions) -> Vec<String> {
    let mut flags = Vec::new();
    if options.fold == fold::Mode::Strict {
        flags.push("--strict".to_owned());
    }
    if read.max_bytes != DEFAULT_MAX_BYTES {
        flags.push(format!("--max-size {}", read.max_bytes));
    }
    if read.changes == TrackedChanges::Reject {
        flags.push("--docx-changes reject".to_owned());
    }
    flags
}

/// `word` as one word of a POSIX shell command: as it is when it holds only characters no
/// shell reads specially, else in single quotes.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.,/:@%+=#".contains(c))
        && !word.starts_with('#');
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// A similarity as reported: three decimal places, so that the output is the same bytes on
/// every machine.
fn round(similarity: f64) -> f64 {
    (similarity * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Instrument;

    fn document(file: &str, titles: &[(&str, Option<&str>)]) -> Document {
        let instruments = titles
            .iter()
            .map(|(title, label)| Instrument {
                title: Some((*title).to_owned()),
                label: label.map(str::to_owned),
                ..Instrument::new(Vec::new())
            })
            .collect();
        Document::new(file, instruments)
    }

    fn pairing(old: &[Document], new: &[Document]) -> (Vec<(String, String)>, Vec<String>) {
        let (old_units, new_units) = (units(old), units(new));
        let weights = TitleWeights::new(old_units.iter().chain(&new_units));
        let found = pair_units(&old_units, &new_units, &weights);
        let pairs = found
            .pairs
            .iter()
            .map(|p| {
                (
                    old_units[p.old].unit.address(),
                    new_units[p.new].unit.address(),
                )
            })
            .collect();
        let left = found
            .unpaired
            .iter()
            .map(|l| match l.side {
                Side::Old => old_units[l.unit].unit.address(),
                Side::New => new_units[l.unit].unit.address(),
            })
            .collect();
        (pairs, left)
    }

    #[test]
    fn situations_of_different_countries_are_not_paired() {
        let old = [
            document(
                "d1",
                &[(
                    "Situation of human rights in the Islamic Republic of Iran",
                    None,
                )],
            ),
            document(
                "d2",
                &[(
                    "Situation of human rights in the Democratic People's Republic of Korea",
                    None,
                )],
            ),
            document("d3", &[("Rights of the child", None)]),
        ];
        let new = [
            document(
                "r1",
                &[(
                    "Situation of human rights in the Democratic People's Republic of Korea",
                    None,
                )],
            ),
            document(
                "r2",
                &[(
                    "Situation of human rights in the Syrian Arab Republic",
                    None,
                )],
            ),
            document("r3", &[("Rights of the child", None)]),
        ];
        let (pairs, left) = pairing(&old, &new);
        assert_eq!(
            pairs,
            [
                ("d2".to_owned(), "r1".to_owned()),
                ("d3".to_owned(), "r3".to_owned())
            ]
        );
        assert_eq!(left, ["d1", "r2"]);
    }

    #[test]
    fn each_instrument_of_a_report_pairs_on_its_own() {
        let old = [document(
            "report",
            &[
                ("Rights of the child", Some("Draft resolution I")),
                ("Annex to the rights of the child", Some("Annex")),
                (
                    "Violence against women migrant workers",
                    Some("Draft resolution II"),
                ),
            ],
        )];
        let new = [
            document("r1", &[("Violence against women migrant workers", None)]),
            document("r2", &[("Rights of the child", None)]),
        ];
        let (pairs, left) = pairing(&old, &new);
        assert_eq!(
            pairs,
            [
                ("report#1".to_owned(), "r2".to_owned()),
                ("report#3".to_owned(), "r1".to_owned())
            ]
        );
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn one_to_one_the_best_pair_first() {
        // Both drafts resemble the resolution; the one with its very title wins, the other
        // is left with the resolution as its closest title.
        let old = [
            document(
                "a",
                &[("Follow-up to the Second World Assembly on Ageing", None)],
            ),
            document(
                "b",
                &[(
                    "Follow-up to the Second World Assembly on Ageing and youth",
                    None,
                )],
            ),
            document("c", &[("Literacy for life", None)]),
        ];
        let new = [
            document(
                "r",
                &[("Follow-up to the Second World Assembly on Ageing", None)],
            ),
            document("s", &[("Literacy for life", None)]),
        ];
        let (old_units, new_units) = (units(&old), units(&new));
        let weights = TitleWeights::new(old_units.iter().chain(&new_units));
        let found = pair_units(&old_units, &new_units, &weights);
        assert_eq!(found.pairs.len(), 2);
        assert_eq!((found.pairs[0].old, found.pairs[0].new), (0, 0));
        assert_eq!(found.unpaired.len(), 1);
        assert_eq!(found.unpaired[0].unit, 1);
        let (closest, similarity) = found.unpaired[0].closest.expect("a closest title");
        assert_eq!(closest, 0);
        assert!((PAIR_THRESHOLD..1.0).contains(&similarity), "{similarity}");
    }

    #[test]
    fn organs_are_never_mixed_and_revisions_of_a_symbol_pair_whatever_their_titles() {
        let with_symbol = |file: &str, title: &str, symbol: &str| {
            let mut doc = document(file, &[(title, None)]);
            doc.instruments[0].symbol = Some(symbol.to_owned());
            doc
        };
        let old = [
            with_symbol("l5", "Rights of the child", "A/C.3/80/L.5"),
            with_symbol("s1", "Cyprus peacekeeping", "S/RES/186 (1964)"),
        ];
        let new = [
            with_symbol(
                "l5rev",
                "The rights of every child everywhere",
                "A/C.3/80/L.5/Rev.1",
            ),
            with_symbol("a1", "Cyprus peacekeeping", "A/RES/80/9"),
        ];
        let (pairs, left) = pairing(&old, &new);
        assert_eq!(pairs, [("l5".to_owned(), "l5rev".to_owned())]);
        assert_eq!(left, ["s1", "a1"]);
    }

    /// A document of one instrument with a title (or none) and these operative paragraphs.
    fn with_text(file: &str, title: Option<&str>, paragraphs: &[&str]) -> Document {
        use crate::document::{Kind, Paragraph, ParagraphId};
        let paragraphs = paragraphs
            .iter()
            .enumerate()
            .map(|(k, text)| {
                Paragraph::new(
                    ParagraphId::new(Kind::Operative, k as u32 + 1),
                    (*text).to_owned(),
                )
            })
            .collect();
        let instrument = Instrument {
            title: title.map(str::to_owned),
            ..Instrument::new(paragraphs)
        };
        Document::new(file, vec![instrument])
    }

    #[test]
    fn equal_titles_go_to_the_closer_text() {
        // The original draft comes first in file order; the Vice-Chair's draft that replaced
        // it, under the same title, is the one adopted.
        let original = [
            "Decides to convene a meeting of experts in Geneva",
            "Requests a report",
        ];
        let replacing = [
            "Decides to convene an intergovernmental meeting in New York in 2026",
            "Requests the Secretary-General to report at its eighty-first session",
        ];
        let old = [
            with_text(
                "L.2",
                Some("Multidimensional vulnerability index"),
                &original,
            ),
            with_text(
                "L.43",
                Some("Multidimensional vulnerability index"),
                &replacing,
            ),
        ];
        let new = [with_text(
            "RES",
            Some("Multidimensional vulnerability index"),
            &replacing,
        )];
        let (pairs, left) = pairing(&old, &new);
        assert_eq!(pairs, [("L.43".to_owned(), "RES".to_owned())]);
        assert_eq!(left, ["L.2"]);
    }

    #[test]
    fn an_instrument_without_a_title_pairs_by_its_text() {
        let treaty = [
            "Welcomes the entry into force of the Arms Trade Treaty on 24 December 2014",
            "Calls upon all States that have not yet done so to ratify the Treaty",
        ];
        let other = ["Decides to include in the provisional agenda of its next session an item"];
        let old = [
            with_text("L.9", None, &treaty),
            with_text("L.10", None, &other),
        ];
        let new = [
            with_text("RES46", Some("The Arms Trade Treaty"), &treaty),
            with_text(
                "RES47",
                Some("Bangkok Treaty"),
                &["Welcomes the Bangkok Treaty"],
            ),
        ];
        let (old_units, new_units) = (units(&old), units(&new));
        let weights = TitleWeights::new(old_units.iter().chain(&new_units));
        let found = pair_units(&old_units, &new_units, &weights);
        assert_eq!(found.pairs.len(), 1);
        assert_eq!((found.pairs[0].old, found.pairs[0].new), (0, 0));
        assert_eq!(found.pairs[0].by, PairedBy::Text);
        assert_eq!(found.unpaired.len(), 2, "{:?}", found.unpaired);
    }

    #[test]
    fn symbols_without_their_revision() {
        assert_eq!(symbol_base("A/C.3/80/L.5/Rev.1"), "A/C.3/80/L.5");
        assert_eq!(symbol_base("A/80/L.2/Rev.1/Corr.1"), "A/80/L.2");
        assert_eq!(symbol_base("A/RES/80/1"), "A/RES/80/1");
        assert_eq!(organ("S/RES/2700 (2023)"), "S");
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(
            shell_quote("old/A-C.3-80-L.3.en.txt#2"),
            "old/A-C.3-80-L.3.en.txt#2"
        );
        assert_eq!(shell_quote("my drafts/a.txt"), "'my drafts/a.txt'");
        assert_eq!(shell_quote("it's.txt"), r"'it'\''s.txt'");
        assert_eq!(shell_quote("#a"), "'#a'");
        assert_eq!(shell_quote("$(rm)"), "'$(rm)'");
    }
}
