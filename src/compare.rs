//! Two documents side by side: instruments paired by title, each pair aligned and redlined,
//! every text of it (title, sponsors, chapeau, paragraphs, footnotes).
//!
//! This is the whole `diff` job short of rendering; its `Serialize` form is the JSON of
//! `resdiff diff --format json`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::align::{self, AlignOptions, Summary};
use crate::document::{Document, Instrument, Kind, Paragraph, ParagraphId};
use crate::redline::{self, PARAGRAPH_SEPARATOR, RedlineChange, SegmentOp};

/// Which instrument of which file one side of a comparison is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The input's name, as given.
    pub file: String,
    /// The instrument's printed label, if any.
    pub label: Option<String>,
    /// The instrument's title, if any.
    pub title: Option<String>,
    /// The document symbol the text gives, if any ("A/RES/69/197").
    pub symbol: Option<String>,
    /// The date of adoption the text gives, as printed, if any ("18 December 2014").
    pub adopted: Option<String>,
    /// Each paragraph that references footnotes, with their numbers in order of first
    /// reference ([`Paragraph::footnotes`]): where the Word redline puts its footnotes. Not
    /// in the JSON, whose paragraphs are their redlines (`parse` gives the references).
    #[serde(skip)]
    pub footnote_references: Vec<(ParagraphId, Vec<u32>)>,
    /// The file holds no instrument for this side: the other side's instrument was added
    /// (or removed) as a whole. In JSON, `"absent": true`, and the key only then.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub absent: bool,
}

impl Side {
    fn of(document: &Document, instrument: &Instrument) -> Side {
        Side {
            file: document.file.clone(),
            label: instrument.label.clone(),
            title: instrument.title.clone(),
            symbol: instrument.symbol.clone(),
            adopted: instrument
                .adoption
                .as_deref()
                .and_then(adoption_date)
                .map(str::to_owned),
            footnote_references: instrument
                .paragraphs
                .iter()
                .filter(|paragraph| !paragraph.footnotes.is_empty())
                .map(|paragraph| (paragraph.id, paragraph.footnotes.clone()))
                .collect(),
            absent: false,
        }
    }

    /// The side of a file that holds no counterpart of the other side's instrument.
    fn absent(document: &Document) -> Side {
        Side {
            file: document.file.clone(),
            label: None,
            title: None,
            symbol: None,
            adopted: None,
            footnote_references: Vec::new(),
            absent: true,
        }
    }
}

/// The date in an adoption record, as printed: "18 December 2014" of "73rd plenary meeting
/// 18 December 2014"; none when the record gives no day, month and year.
fn adoption_date(record: &str) -> Option<&str> {
    let is_number = |word: &str, digits: std::ops::RangeInclusive<usize>| {
        digits.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
    };
    let year = |word: &'_ str| word.trim_end_matches(['.', ',']).len();
    let words: Vec<&str> = record.split(' ').collect();
    let at = words.windows(3).position(|w| {
        is_number(w[0], 1..=2)
            && crate::parse::MONTHS.contains(&w[1])
            && is_number(&w[2][..year(w[2])], 4..=4)
    })?;
    let start: usize = words[..at].iter().map(|w| w.len() + 1).sum();
    let end = start + words[at].len() + 1 + words[at + 1].len() + 1 + year(words[at + 2]);
    Some(&record[start..end])
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
    /// The old text of each id whose change has equal segments that print a stretch of it in
    /// the new text's typographic form (straight quotes for curly ones, a space for a
    /// no-break space: see [`crate::fold`]), so that the equal and delete segments do not
    /// rebuild it exactly; empty when they rebuild every old text (always under `--strict`).
    /// The Word redline writes both forms there, so that rejecting all its changes gives
    /// the old text exactly. Not in the JSON, whose equal segments carry the new form.
    #[serde(skip)]
    pub old_texts: BTreeMap<ParagraphId, String>,
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
        Comparison::assemble(
            Side::of(old_document, old),
            Side::of(new_document, new),
            alignment.summary(),
            old,
            redline::redline_with(old, new, &alignment, options.fold),
        )
    }

    /// The comparison of two sides from the redline of their alignment, as [`Comparison::new`]
    /// assembles it: `old_instrument`, the old side's, gives [`Comparison::old_texts`].
    pub fn assemble(
        old: Side,
        new: Side,
        summary: Summary,
        old_instrument: &Instrument,
        changes: Vec<RedlineChange>,
    ) -> Comparison {
        Comparison {
            old,
            new,
            summary,
            old_texts: printed_otherwise(old_instrument, &changes),
            changes,
        }
    }

    /// An instrument that only one of the two files holds (`None` for the other side): every
    /// text of it added, or removed, as against an instrument without any text.
    pub fn unpaired(
        old_document: &Document,
        old: Option<&Instrument>,
        new_document: &Document,
        new: Option<&Instrument>,
        options: &AlignOptions,
    ) -> Comparison {
        let nothing = Instrument::new(Vec::new());
        let mut comparison = Comparison::new(
            old_document,
            old.unwrap_or(&nothing),
            new_document,
            new.unwrap_or(&nothing),
            options,
        );
        if old.is_none() {
            comparison.old = Side::absent(old_document);
        }
        if new.is_none() {
            comparison.new = Side::absent(new_document);
        }
        comparison
    }

    /// True when the two instruments say the same thing in the same order: title, sponsors,
    /// chapeau, paragraphs and footnotes alike.
    pub fn is_identical(&self) -> bool {
        self.changes.iter().all(|c| c.change.is_identity())
    }
}

/// The old texts of `changes` that their equal and delete segments do not rebuild exactly,
/// by id: see [`Comparison::old_texts`].
fn printed_otherwise(old: &Instrument, changes: &[RedlineChange]) -> BTreeMap<ParagraphId, String> {
    let mut texts = BTreeMap::new();
    for (id, text) in old.texts() {
        texts.entry(id).or_insert(text);
    }
    let mut otherwise = BTreeMap::new();
    for change in changes {
        if !change.segments.iter().any(|s| s.op == SegmentOp::Equal) {
            continue;
        }
        let ids = &change.change.old;
        let text_of = |id: &ParagraphId| texts.get(id).copied().unwrap_or_default();
        // Joined only for a merge's or split's several paragraphs.
        let own: std::borrow::Cow<'_, str> = match ids.as_slice() {
            [id] => text_of(id).into(),
            _ => ids
                .iter()
                .map(text_of)
                .collect::<Vec<_>>()
                .join(PARAGRAPH_SEPARATOR)
                .into(),
        };
        let mut rest = own.as_ref();
        let rebuilt = change
            .segments
            .iter()
            .filter(|segment| segment.op != SegmentOp::Insert)
            .all(|segment| match rest.strip_prefix(segment.text.as_str()) {
                Some(after) => {
                    rest = after;
                    true
                }
                None => false,
            });
        if !rebuilt || !rest.is_empty() {
            for id in ids {
                otherwise.insert(*id, text_of(id).to_owned());
            }
        }
    }
    otherwise
}

/// Minimum title similarity (share of title words in common) for two instruments of
/// multi-instrument files to be taken as versions of each other. Titles of the same series
/// differ by a word or two between years; titles of different resolutions in one report
/// share at most the field's vocabulary ("crime prevention", "criminal justice").
pub(crate) const TITLE_MATCH_THRESHOLD: f64 = 0.6;

/// Pairs the instruments of two documents by title: `(old index, new index)`, in the new
/// document's order. Two documents with one resolution each are always paired; otherwise
/// each pair needs a title similarity of at least 0.6 (`TITLE_MATCH_THRESHOLD`), best pairs
/// first. Annexes are not resolutions: each pair of resolutions pairs the annexes printed
/// after them, by label ("Annex II" with "Annex II"), else by title.
pub fn pair_instruments(old: &Document, new: &Document) -> Vec<(usize, usize)> {
    let (old_main, new_main) = (resolutions(old), resolutions(new));
    if old_main.is_empty() || new_main.is_empty() {
        let (old_all, new_all) = titled_against(old, new);
        return pair_by_title(old, new, &old_all, &new_all);
    }
    let mut pairs = if old_main.len() == 1 && new_main.len() == 1 {
        vec![(old_main[0], new_main[0])]
    } else {
        pair_by_title(old, new, &old_main, &new_main)
    };
    let resolutions = pairs.clone();
    for (i, j) in resolutions {
        let (old_annexes, new_annexes) = (annexes_after(old, i), annexes_after(new, j));
        let same_label = |a: usize, b: usize| {
            let label =
                |d: &Document, k: usize| d.instruments[k].label.as_deref().map(str::to_lowercase);
            label(old, a) == label(new, b)
        };
        let mut taken = vec![false; old_annexes.len()];
        let mut unlabelled = Vec::new();
        for &b in &new_annexes {
            match (0..old_annexes.len()).find(|&k| !taken[k] && same_label(old_annexes[k], b)) {
                Some(k) => {
                    taken[k] = true;
                    pairs.push((old_annexes[k], b));
                }
                None => unlabelled.push(b),
            }
        }
        let left: Vec<usize> = (0..old_annexes.len())
            .filter(|&k| !taken[k])
            .map(|k| old_annexes[k])
            .collect();
        pairs.extend(pair_by_title(old, new, &left, &unlabelled));
    }
    pairs.sort_by_key(|&(_, j)| j);
    pairs
}

/// The indexes of the instruments of `document` that are not annexes.
fn resolutions(document: &Document) -> Vec<usize> {
    (0..document.instruments.len())
        .filter(|&i| !document.instruments[i].is_annex())
        .collect()
}

/// The indexes of the instruments of `old` and of `new` that [`pair_instruments`] pairs by
/// title: the resolutions, or every instrument when one file holds annexes only.
fn titled_against(old: &Document, new: &Document) -> (Vec<usize>, Vec<usize>) {
    let (old_main, new_main) = (resolutions(old), resolutions(new));
    if old_main.is_empty() || new_main.is_empty() {
        let all = |d: &Document| (0..d.instruments.len()).collect();
        (all(old), all(new))
    } else {
        (old_main, new_main)
    }
}

/// Every instrument of both documents in one entry: the pairs (`(old index, new index)`,
/// in the new document's order), each instrument of the new document that pairs with none
/// where it stands (`(None, new index)`), and each of the old document that pairs with none
/// (`(old index, None)`) right after the entry of the old instrument before it, or first.
fn with_unpaired(
    old: &Document,
    new: &Document,
    pairs: &[(usize, usize)],
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut entries: Vec<(Option<usize>, Option<usize>)> = (0..new.instruments.len())
        .map(|j| {
            (
                pairs.iter().find(|&&(_, b)| b == j).map(|&(a, _)| a),
                Some(j),
            )
        })
        .collect();
    for i in 0..old.instruments.len() {
        if pairs.iter().any(|&(a, _)| a == i) {
            continue;
        }
        let at = entries
            .iter()
            .rposition(|(a, _)| a.is_some_and(|a| a < i))
            .map_or(0, |before| before + 1);
        entries.insert(at, (Some(i), None));
    }
    entries
}

/// The indexes of the annexes printed right after the instrument at `at`.
fn annexes_after(document: &Document, at: usize) -> Vec<usize> {
    (at + 1..document.instruments.len())
        .take_while(|&k| document.instruments[k].is_annex())
        .collect()
}

/// Pairs the instruments at `old_at` and `new_at` by title similarity, best pairs first.
fn pair_by_title(
    old: &Document,
    new: &Document,
    old_at: &[usize],
    new_at: &[usize],
) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for &i in old_at {
        for &j in new_at {
            let score = title_similarity(&old.instruments[i], &new.instruments[j]);
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
    pairs
}

/// Dice coefficient of the two titles' lower-cased word sets ([`title_words`]); 0 when
/// either has no title.
pub(crate) fn title_similarity(a: &Instrument, b: &Instrument) -> f64 {
    let (x, y) = (title_words(a), title_words(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let common = x.intersection(&y).count();
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// The words an instrument's title is compared by: its runs of letters and digits,
/// lower-cased, each once; none without a title. Shared by the pairing of instruments here
/// and of documents across folders ([`crate::session`]), so that both read a title alike.
pub(crate) fn title_words(instrument: &Instrument) -> std::collections::BTreeSet<String> {
    instrument
        .title
        .as_deref()
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Compares two documents: the picked instruments; or, without a pick, every pair found by
/// [`pair_instruments`], every instrument that pairs with none as added or removed whole
/// ([`Comparison::unpaired`]), and the text outside the instruments.
pub fn compare_documents(
    old: &Document,
    new: &Document,
    old_pick: Option<&str>,
    new_pick: Option<&str>,
    options: &AlignOptions,
) -> crate::Result<Vec<Comparison>> {
    let pairs: Vec<(Option<&Instrument>, Option<&Instrument>)> = match (old_pick, new_pick) {
        (None, None) => with_unpaired(old, new, &pair_instruments(old, new))
            .into_iter()
            .map(|(i, j)| {
                (
                    i.map(|i| &old.instruments[i]),
                    j.map(|j| &new.instruments[j]),
                )
            })
            .collect(),
        (Some(a), Some(b)) => vec![(Some(old.select(a)?), Some(new.select(b)?))],
        (Some(a), None) => {
            let picked = old.select(a)?;
            vec![(Some(picked), Some(best_match(picked, new)?))]
        }
        (None, Some(b)) => {
            let picked = new.select(b)?;
            vec![(Some(best_match(picked, old)?), Some(picked))]
        }
    };
    // Files that share no instrument at all are most likely not versions of each other.
    // Only reachable without a pick: a pick gives its pair or an error of its own.
    if !pairs.iter().any(|(a, b)| a.is_some() && b.is_some()) {
        let (old_at, new_at) = titled_against(old, new);
        let titles = |document: &Document, at: &[usize]| {
            at.iter()
                .map(|&i| document.instruments[i].title_or_name())
                .collect()
        };
        return Err(crate::Error::NoTitleMatch {
            path: new.file.clone(),
            sought: titles(old, &old_at),
            titles: titles(new, &new_at),
        });
    }
    let mut comparisons: Vec<Comparison> = pairs
        .into_iter()
        .map(|pair| match pair {
            (Some(a), Some(b)) => Comparison::new(old, a, new, b, options),
            (a, b) => Comparison::unpaired(old, a, new, b, options),
        })
        .collect();
    if old_pick.is_none() && new_pick.is_none() {
        comparisons.extend(compare_outside(old, new, options));
    }
    Ok(comparisons)
}

/// The label of the comparison of the text outside the instruments.
pub const OUTSIDE_LABEL: &str = "Text outside the instruments";

/// The text of two documents that belongs to no instrument (mastheads, notes, a chapeau or
/// title the parser could not place), compared as a document of its own when its words
/// differ (not merely how it is cut into passages), so
/// that no difference between the files goes unseen. Its passages are `OUT1`, `OUT2`, ... by
/// position.
fn compare_outside(old: &Document, new: &Document, options: &AlignOptions) -> Option<Comparison> {
    // How the passages are cut is layout (a PDF reader and a text layer cut a masthead
    // differently); their words, in order, are what must not differ unseen.
    let joined = |document: &Document| -> String {
        let texts: Vec<&str> = document.outside.iter().map(|p| p.text.as_str()).collect();
        texts.join(" ")
    };
    if crate::fold::equivalent(&joined(old), &joined(new), options.fold) {
        return None;
    }
    let instrument = |document: &Document| Instrument {
        label: Some(OUTSIDE_LABEL.to_owned()),
        ..Instrument::new(
            document
                .outside
                .iter()
                .enumerate()
                .map(|(k, passage)| Paragraph {
                    lines: passage.lines,
                    ..Paragraph::new(
                        ParagraphId::new(Kind::Outside, k as u32 + 1),
                        passage.text.clone(),
                    )
                })
                .collect(),
        )
    };
    let (old_outside, new_outside) = (instrument(old), instrument(new));
    Some(Comparison::new(
        old,
        &old_outside,
        new,
        &new_outside,
        options,
    ))
}

/// The instrument of `document` whose title is closest to `picked`'s; the only one when
/// the document holds one.
pub(crate) fn best_match<'d>(
    picked: &Instrument,
    document: &'d Document,
) -> crate::Result<&'d Instrument> {
    // A resolution is matched among resolutions, an annex among annexes: an annex often
    // bears the very title of its resolution (a convention and the resolution adopting it).
    let alike: Vec<&Instrument> = document
        .instruments
        .iter()
        .filter(|inst| inst.is_annex() == picked.is_annex())
        .collect();
    if let [only] = alike.as_slice() {
        return Ok(only);
    }
    if let [only] = document.instruments.as_slice() {
        return Ok(only);
    }
    let titles = alike.iter().map(|inst| inst.title_or_name()).collect();
    alike
        .into_iter()
        .map(|inst| (title_similarity(picked, inst), inst))
        .filter(|(score, _)| *score >= TITLE_MATCH_THRESHOLD)
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, inst)| inst)
        .ok_or_else(|| crate::Error::NoTitleMatch {
            path: document.file.clone(),
            sought: vec![picked.title_or_name()],
            titles,
        })
}

#[cfg(test)]
mod tests {
    use super::adoption_date;

    #[test]
    fn the_date_of_an_adoption_record_as_printed() {
        assert_eq!(
            adoption_date("73rd plenary meeting 18 December 2014"),
            Some("18 December 2014")
        );
        assert_eq!(
            adoption_date("50th plenary meeting 9 December 2023."),
            Some("9 December 2023")
        );
        assert_eq!(adoption_date("73rd plenary meeting"), None);
        assert_eq!(
            adoption_date("Adopted at the 2232nd meeting by 12 votes to none"),
            None
        );
        assert_eq!(adoption_date("meeting 18 Decembre 2014"), None);
    }
}
