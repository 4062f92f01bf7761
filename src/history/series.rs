//! Which instrument of each document a history follows: the series of versions.

use crate::compare::{TITLE_MATCH_THRESHOLD, title_similarity};
use crate::document::{Document, Instrument};

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
        // A resolution printed with its annexes is still one resolution.
        let resolutions: Vec<&Instrument> = document
            .instruments
            .iter()
            .filter(|i| !i.is_annex())
            .collect();
        chosen.push(match (pick, resolutions.as_slice()) {
            (Some(pick), _) => Some(document.select(pick)?),
            (None, [only]) => Some(*only),
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
            .filter(|i| !i.is_annex())
            .max_by(|a, b| series_affinity(a, documents).total_cmp(&series_affinity(b, documents)))
            .or(first.instruments.first())
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
    let annexes = anchors.iter().all(|a| a.is_annex());
    let candidates: Vec<&Instrument> = document
        .instruments
        .iter()
        .filter(|inst| inst.is_annex() == annexes)
        .collect();
    let mut sought: Vec<String> = Vec::new();
    for anchor in anchors {
        let title = anchor.title_or_name();
        if !sought.contains(&title) {
            sought.push(title);
        }
    }
    let titles = candidates.iter().map(|inst| inst.title_or_name()).collect();
    candidates
        .into_iter()
        .map(|inst| (affinity(inst), inst))
        .filter(|(score, _)| *score >= TITLE_MATCH_THRESHOLD)
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, inst)| inst)
        .ok_or(crate::Error::NoTitleMatch {
            path: document.file.clone(),
            sought,
            titles,
        })
}
