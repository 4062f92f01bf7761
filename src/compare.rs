//! Two documents side by side: instruments paired by title, each pair aligned and redlined,
//! every text of it (title, sponsors, chapeau, paragraphs, footnotes).
//!
//! This is the whole `diff` job short of rendering; its `Serialize` form is the JSON of
//! `resdiff diff --format json`.

use serde::Serialize;

use crate::align::{self, AlignOptions, Summary};
use crate::document::{Document, Instrument};
use crate::redline::{self, RedlineChange};

/// Which instrument of which file one side of a comparison is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The input's name, as given.
    pub file: String,
    /// The instrument's printed label, if any.
    pub label: Option<String>,
    /// The instrument's title, if any.
    pub title: Option<String>,
}

impl Side {
    fn of(document: &Document, instrument: &Instrument) -> Side {
        Side {
            file: document.file.clone(),
            label: instrument.label.clone(),
            title: instrument.title.clone(),
        }
    }
}

/// One instrument compared with its counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The old instrument.
    pub old: Side,
    /// The new instrument.
    pub new: Side,
    /// Counts of the changes by kind, every change counted: the title, sponsors, chapeau and
    /// footnotes as well as the paragraphs.
    pub summary: Summary,
    /// Every text of both instruments ([`Instrument::texts`]) in exactly one change: `TITLE`,
    /// `SPONSORS`, `CHAPEAU`, then the paragraphs in new-text order, then the footnotes in
    /// new-text order.
    pub changes: Vec<RedlineChange>,
}

impl Comparison {
    /// Compares every text of two instruments ([`align::align_all_texts`]).
    pub fn new(
        old_document: &Document,
        old: &Instrument,
        new_document: &Document,
        new: &Instrument,
        options: &AlignOptions,
    ) -> Comparison {
        let alignment = align::align_all_texts(old, new, options);
        Comparison {
            old: Side::of(old_document, old),
            new: Side::of(new_document, new),
            summary: alignment.summary(),
            changes: redline::redline_with(old, new, &alignment, options.fold),
        }
    }

    /// True when the two instruments say the same thing in the same order: title, sponsors,
    /// chapeau, paragraphs and footnotes alike.
    pub fn is_identical(&self) -> bool {
        self.changes.iter().all(|c| c.change.is_identity())
    }
}

/// Minimum title similarity (share of title words in common) for two instruments of
/// multi-instrument files to be taken as versions of each other. Titles of the same series
/// differ by a word or two between years; titles of different resolutions in one report
/// share at most the field's vocabulary ("crime prevention", "criminal justice").
pub const TITLE_MATCH_THRESHOLD: f64 = 0.6;

/// Pairs the instruments of two documents by title: `(old index, new index)`, in the new
/// document's order. Two single-instrument documents are always paired; otherwise each pair
/// needs a title similarity of at least [`TITLE_MATCH_THRESHOLD`], best pairs first.
pub fn pair_instruments(old: &Document, new: &Document) -> Vec<(usize, usize)> {
    if old.instruments.len() == 1 && new.instruments.len() == 1 {
        return vec![(0, 0)];
    }
    let mut candidates = Vec::new();
    for (i, a) in old.instruments.iter().enumerate() {
        for (j, b) in new.instruments.iter().enumerate() {
            let score = title_similarity(a, b);
            if score >= TITLE_MATCH_THRESHOLD {
                candidates.push((score, i, j));
            }
        }
    }
    // Best first; ties by position so that the pairing is deterministic.
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut old_taken = vec![false; old.instruments.len()];
    let mut new_taken = vec![false; new.instruments.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !old_taken[i] && !new_taken[j] {
            old_taken[i] = true;
            new_taken[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_by_key(|&(_, j)| j);
    pairs
}

/// Dice coefficient of the two titles' lower-cased word sets; 0 when either has no title.
pub fn title_similarity(a: &Instrument, b: &Instrument) -> f64 {
    let words = |inst: &Instrument| -> std::collections::BTreeSet<String> {
        inst.title
            .as_deref()
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (x, y) = (words(a), words(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let common = x.intersection(&y).count();
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// Compares two documents: the picked instruments, or every pair found by
/// [`pair_instruments`].
pub fn compare_documents(
    old: &Document,
    new: &Document,
    old_pick: Option<&str>,
    new_pick: Option<&str>,
    options: &AlignOptions,
) -> crate::Result<Vec<Comparison>> {
    let pairs: Vec<(&Instrument, &Instrument)> = match (old_pick, new_pick) {
        (None, None) => pair_instruments(old, new)
            .into_iter()
            .map(|(i, j)| (&old.instruments[i], &new.instruments[j]))
            .collect(),
        (Some(a), Some(b)) => vec![(old.select(a)?, new.select(b)?)],
        (Some(a), None) => {
            let picked = old.select(a)?;
            vec![(picked, best_match(picked, new)?)]
        }
        (None, Some(b)) => {
            let picked = new.select(b)?;
            vec![(best_match(picked, old)?, picked)]
        }
    };
    if pairs.is_empty() {
        return Err(crate::Error::NoSuchInstrument {
            path: new.file.clone(),
            pick: "an instrument with a title like the old file's".to_owned(),
            available: format!(
                "no title matches across the two files; pick one with --old-instrument and --new-instrument ({} holds {} instruments, {} holds {})",
                old.file,
                old.instruments.len(),
                new.file,
                new.instruments.len()
            ),
        });
    }
    Ok(pairs
        .into_iter()
        .map(|(a, b)| Comparison::new(old, a, new, b, options))
        .collect())
}

/// The instrument of `document` whose title is closest to `picked`'s; the only one when
/// the document holds one.
pub fn best_match<'d>(
    picked: &Instrument,
    document: &'d Document,
) -> crate::Result<&'d Instrument> {
    if let [only] = document.instruments.as_slice() {
        return Ok(only);
    }
    document
        .instruments
        .iter()
        .map(|inst| (title_similarity(picked, inst), inst))
        .filter(|(score, _)| *score >= TITLE_MATCH_THRESHOLD)
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, inst)| inst)
        .ok_or_else(|| crate::Error::NoSuchInstrument {
            path: document.file.clone(),
            pick: picked.display_name(),
            available: "no instrument with a similar title; pick one with FILE#N or FILE#LABEL"
                .to_owned(),
        })
}

/// Picks one instrument per document for a series of versions (`resdiff history`).
///
/// An explicit pick (`FILE#N`, `FILE#LABEL`) wins; a document holding one instrument gives
/// it. The others (reports holding several drafts) give the instrument whose title is closest
/// to the titles already chosen: the 2016 report's draft IV for the "Strengthening ..."
/// series. When no document settles it, the first one's instrument that best matches the
/// rest of the series is taken.
pub fn pick_series(documents: &[(Document, Option<String>)]) -> crate::Result<Vec<&Instrument>> {
    let mut chosen: Vec<Option<&Instrument>> = Vec::with_capacity(documents.len());
    for (document, pick) in documents {
        chosen.push(match (pick, document.instruments.as_slice()) {
            (Some(pick), _) => Some(document.select(pick)?),
            (None, [only]) => Some(only),
            (None, _) => None,
        });
    }
    if chosen.iter().all(Option::is_none) {
        // Seed the series with the instrument of the first document that has the closest
        // counterparts in all the other documents.
        let (first, _) = &documents[0];
        let seed = first
            .instruments
            .iter()
            .max_by(|a, b| series_affinity(a, documents).total_cmp(&series_affinity(b, documents)))
            .expect("a parsed document holds at least one instrument");
        chosen[0] = Some(seed);
    }
    let anchors: Vec<&Instrument> = chosen.iter().flatten().copied().collect();
    documents
        .iter()
        .zip(chosen)
        .map(|((document, _), chosen)| match chosen {
            Some(instrument) => Ok(instrument),
            None => closest_to_anchors(document, &anchors),
        })
        .collect()
}

/// Sum over the documents of the best title similarity `instrument` finds in each.
fn series_affinity(instrument: &Instrument, documents: &[(Document, Option<String>)]) -> f64 {
    documents
        .iter()
        .skip(1)
        .map(|(document, _)| {
            document
                .instruments
                .iter()
                .map(|other| title_similarity(instrument, other))
                .fold(0.0, f64::max)
        })
        .sum()
}

/// The instrument of `document` most like any anchor, if it is like enough.
fn closest_to_anchors<'d>(
    document: &'d Document,
    anchors: &[&Instrument],
) -> crate::Result<&'d Instrument> {
    let affinity = |inst: &Instrument| {
        anchors
            .iter()
            .map(|anchor| title_similarity(anchor, inst))
            .fold(0.0, f64::max)
    };
    document
        .instruments
        .iter()
        .map(|inst| (affinity(inst), inst))
        .filter(|(score, _)| *score >= TITLE_MATCH_THRESHOLD)
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, inst)| inst)
        .ok_or_else(|| crate::Error::NoSuchInstrument {
            path: document.file.clone(),
            pick: "an instrument with the series' title".to_owned(),
            available: "no title matches the other versions; pick one with FILE#N or FILE#LABEL"
                .to_owned(),
        })
}
