//! Every text of two instruments aligned, not only their paragraphs: the title, sponsors and
//! chapeau each with its counterpart, the footnotes among themselves.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::document::{Footnote, Instrument, Kind, ParagraphId};
use crate::fold;
use crate::hash::FastMap;
use crate::tokens::{for_each_word, word_key, word_key_into, words};

use super::{
    AlignOptions, Alignment, Change, ChangeKind, Group, Links, References, align, classify, finish,
    fold_hashes, is_unchanged, link_identical, similarity,
};

/// The texts that an instrument has at most one of, in the order they are reported.
const SINGLE_KINDS: [Kind; 5] = [
    Kind::Number,
    Kind::Title,
    Kind::Sponsors,
    Kind::Chapeau,
    Kind::Adoption,
];

/// Aligns every text of two versions of an instrument ([`Instrument::texts`]), so that each
/// is in exactly one change, in this order:
///
/// 1. `NUMBER`, `TITLE`, `SPONSORS`, `CHAPEAU`, `ADOPTION`: each paired with the same text of the other version
///    whatever it says (an instrument has one of each, so there is nothing to search);
///    added or removed when only one version has it.
/// 2. The paragraphs, as [`align`] aligns them.
/// 3. The footnotes, aligned among themselves and never against a paragraph, numbers
///    counting as words (citations are mostly numbers): their numbers shift when a paragraph
///    with a footnote comes or goes, so FN3 may become FN5, and a footnote dropped or new
///    shows as removed or added.
pub fn align_all_texts(old: &Instrument, new: &Instrument, options: &AlignOptions) -> Alignment {
    let mut changes: Vec<Change> = SINGLE_KINDS
        .into_iter()
        .filter_map(|kind| {
            let id = ParagraphId::new(kind, 0);
            pair_single(id, old.text(id), new.text(id), options)
        })
        .collect();
    let paragraphs = align(old, new, options);
    let footnotes = align_footnotes(old, new, &paragraphs, options);
    let mut paragraphs = paragraphs.changes;
    compare_references(&mut paragraphs, (old, new), &footnotes);
    changes.extend(paragraphs);
    changes.extend(footnotes);
    Alignment { changes }
}

/// Tells in [`Change::references`] every linked change of `paragraphs` whose sides cite
/// different footnotes, and makes reworded those of them whose words did not change: a
/// reference added or dropped changes what a paragraph says ("aiming5" cites footnote 5)
/// without changing a word of it, and a redline that says "unchanged" there hides it.
/// References are compared through the links of `footnotes`, so that a footnote renumbered
/// (FN3 became FN5 when two footnotes came before it) is the same reference, and a footnote
/// added or removed is not.
fn compare_references(
    paragraphs: &mut [Change],
    (old, new): (&Instrument, &Instrument),
    footnotes: &[Change],
) {
    let cites = |instrument: &Instrument| {
        instrument
            .paragraphs
            .iter()
            .any(|paragraph| !paragraph.footnotes.is_empty())
    };
    if !cites(old) && !cites(new) {
        return;
    }
    let mut successors: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for change in footnotes {
        for id in &change.old {
            successors
                .entry(id.number)
                .or_default()
                .extend(change.new.iter().map(|id| id.number));
        }
    }
    // By id, the first of a repeated id, as `Instrument::paragraph` finds it: that scans,
    // which over every change of a long instrument is quadratic.
    fn by_id(instrument: &Instrument) -> FastMap<ParagraphId, &[u32]> {
        let mut map: FastMap<ParagraphId, &[u32]> = FastMap::default();
        for paragraph in &instrument.paragraphs {
            map.entry(paragraph.id).or_insert(&paragraph.footnotes);
        }
        map
    }
    let (old_cited, new_cited) = (by_id(old), by_id(new));
    let side = |cited: &FastMap<ParagraphId, &[u32]>, ids: &[ParagraphId]| {
        each_once(
            ids.iter()
                .filter_map(|id| cited.get(id))
                .flat_map(|n| n.iter()),
        )
    };
    for change in paragraphs.iter_mut() {
        if change.old.is_empty() || change.new.is_empty() {
            continue;
        }
        let (was, is) = (side(&old_cited, &change.old), side(&new_cited, &change.new));
        let renumbered = each_once(was.iter().flat_map(|n| successors.get(n)).flatten());
        if renumbered == is {
            continue;
        }
        let added: Vec<u32> = is
            .iter()
            .filter(|number| !renumbered.contains(number))
            .copied()
            .collect();
        let dropped: Vec<u32> = was
            .iter()
            .filter(|number| {
                successors
                    .get(number)
                    .is_none_or(|now| now.iter().all(|n| !is.contains(n)))
            })
            .copied()
            .collect();
        // The same references in another order: marks moved within the text. Any other
        // difference with nothing added or dropped is a split footnote of which the
        // paragraph cites some pieces, which the footnote's own change shows.
        let reordered = renumbered.len() == is.len() && renumbered.iter().all(|n| is.contains(n));
        if added.is_empty() && dropped.is_empty() && !reordered {
            continue;
        }
        change.references = Some(References {
            old: was,
            new: is,
            added,
            dropped,
        });
        if change.kind == ChangeKind::Unchanged {
            change.kind = ChangeKind::Reworded;
        }
    }
}

/// `numbers` in order, each once.
fn each_once<'n>(numbers: impl Iterator<Item = &'n u32>) -> Vec<u32> {
    let mut once: Vec<u32> = Vec::new();
    for &number in numbers {
        if !once.contains(&number) {
            once.push(number);
        }
    }
    once
}

/// The change of a text an instrument has at most one of; none when neither version has it.
fn pair_single(
    id: ParagraphId,
    old: Option<&str>,
    new: Option<&str>,
    options: &AlignOptions,
) -> Option<Change> {
    let (kind, similarity) = match (old, new) {
        (None, None) => return None,
        (Some(_), None) => (ChangeKind::Removed, 0.0),
        (None, Some(_)) => (ChangeKind::Added, 0.0),
        (Some(old), Some(new)) => {
            let pair = Group {
                old: vec![0],
                new: vec![0],
                why: None,
            };
            let texts = (&[old][..], &[new][..]);
            let fold_hashes = (&[fold::fold_hash(old)][..], &[fold::fold_hash(new)][..]);
            // Most titles, sponsors and chapeaux are the same in both versions: their words
            // are read only for a text that changed.
            if is_unchanged(&pair, texts, fold_hashes, options) {
                (ChangeKind::Unchanged, 1.0)
            } else {
                let (old_bags, new_bags, vocabulary) = similarity::bags(&[old], &[new]);
                classify(
                    &pair,
                    texts,
                    fold_hashes,
                    (&old_bags, &new_bags),
                    &vocabulary,
                    options,
                )
            }
        }
    };
    Some(Change {
        kind,
        old: old.map(|_| vec![id]).unwrap_or_default(),
        new: new.map(|_| vec![id]).unwrap_or_default(),
        similarity,
        moved: false,
        why: None,
        references: None,
    })
}

/// Minimum share of words (numbers count as words: a citation is mostly numbers) that two
/// footnotes cited from the same paragraph must have in common to be linked: "Resolution
/// 70/174, annex." and "Resolution 76/181, annex." share half, the updated citation of a
/// paragraph that now recalls a later resolution; a footnote that was replaced by an
/// unrelated one ("See A/CONF.234/16.") shares less.
pub const FOOTNOTE_CITED_TOGETHER_MIN: f64 = 0.5;

/// Minimum share of words for two footnotes that are not cited from the same paragraph to be
/// linked. A citation whose year was edited keeps 0.83 of its words ("Ibid., 2014,
/// Supplement No. 7 (E/2014/27), chap. I, sect. A." and the same for 2013) or more in a
/// longer one (0.95 with one year changed in an "Official Records" citation); another
/// year's report with another supplement number keeps 0.75, and a short citation of another
/// resolution ("Resolution 70/175, annex." and "Resolution S-32/1, annex.") 0.44.
pub const FOOTNOTE_ANYWHERE_MIN: f64 = 0.8;

/// Minimum share of its words that a footnote must find in another to be a piece of it, in a
/// footnote split in two or more ("United Nations, Treaty Series, vols. 1577, 2171 and 2173,
/// No. 27531; and resolution 66/138, annex." into "United Nations, Treaty Series, vol. 1577,
/// No. 27531." and "Ibid., vols. 2171 and 2173, No. 27531; and resolution 66/138, annex.":
/// 0.88 and 0.92) or merged from them; the pieces together must hold as much of the whole.
/// A piece also cites no number that the whole does not: "See Official Records ..., 2019,
/// Supplement No. 8 (E/2019/28)" is another citation than the same of 2009, not a piece of it.
pub const FOOTNOTE_PIECE_MIN: f64 = 0.8;

/// How many footnote pairs are compared word by word at most, all searches together. Real
/// instruments have at most a few hundred footnotes (tens of thousands of pairs); a text
/// made of a hundred thousand "footnotes" would otherwise take the square of that. Past the
/// budget, footnotes link only by identical text.
pub const FOOTNOTE_PAIRS_MAX: usize = 4_000_000;

/// The changes of the footnotes, aligned among themselves, never against a paragraph; in the
/// new footnotes' order, removed ones after their old predecessor's change, as [`align`]
/// orders paragraphs.
///
/// Footnotes are citations, made of numbers that the paragraph aligner (built to see
/// "69/197" become "71/209" as the same kind of word) would take as alike. So they are
/// linked here with numbers counting as words, the strongest evidence first:
///
/// 1. the same text, the k-th occurrence with the k-th;
/// 2. splits and merges: a footnote and two or more footnotes printed one after another in
///    the other version that each hold [`FOOTNOTE_PIECE_MIN`] of their words in it and
///    together as much of its words (before pairs: the best piece of a split footnote is
///    often close enough to the whole to be linked alone, leaving the others added);
/// 3. footnotes cited from one change of the paragraphs (the old one from an old paragraph of
///    it, the new one from a new paragraph), best pairs first, down to
///    [`FOOTNOTE_CITED_TOGETHER_MIN`]: a paragraph that now cites a later resolution has an
///    edited footnote, however it is numbered now;
/// 4. any two left, best pairs first, down to [`FOOTNOTE_ANYWHERE_MIN`];
///
/// steps 2 to 4 within [`FOOTNOTE_PAIRS_MAX`] comparisons.
///
/// Then the aligner classifies the links (unchanged, reworded, rewritten) and marks as moved
/// those that changed order.
fn align_footnotes(
    old: &Instrument,
    new: &Instrument,
    paragraphs: &Alignment,
    options: &AlignOptions,
) -> Vec<Change> {
    let old_texts: Vec<&str> = old.footnotes.iter().map(|f| f.text.as_str()).collect();
    let new_texts: Vec<&str> = new.footnotes.iter().map(|f| f.text.as_str()).collect();
    // Linked by what they cite, an "Ibid." read as the citation it repeats; classified and
    // redlined as printed.
    let (old_cites, new_cites) = (citations(&old_texts), citations(&new_texts));
    let text_hashes = (fold_hashes(&old_texts), fold_hashes(&new_texts));
    let (old_cites, new_cites): (Vec<&str>, Vec<&str>) = (
        old_cites.iter().map(AsRef::as_ref).collect(),
        new_cites.iter().map(AsRef::as_ref).collect(),
    );
    let mut links = Links::new(old_texts.len(), new_texts.len());
    link_identical(
        &mut links,
        (
            &old_cites,
            &cite_hashes(&old_cites, &old_texts, &text_hashes.0),
        ),
        (
            &new_cites,
            &cite_hashes(&new_cites, &new_texts, &text_hashes.1),
        ),
    );

    // Only the footnotes left unlinked are compared word by word: most footnotes of two
    // versions are the same text, linked above, and reading their words was most of the
    // work on footnotes.
    let mut vocabulary = FootnoteWords::default();
    let mut keys_of_unlinked = |cites: &[&str], group: &[Option<usize>]| -> Vec<Vec<u32>> {
        cites
            .iter()
            .zip(group)
            .map(|(text, g)| match g {
                None => vocabulary.keys(text),
                Some(_) => Vec::new(),
            })
            .collect()
    };
    let old_words = keys_of_unlinked(&old_cites, &links.old_group);
    let new_words = keys_of_unlinked(&new_cites, &links.new_group);
    let numeric = vocabulary.numeric;
    let mut budget = FOOTNOTE_PAIRS_MAX;
    let left = |links: &Links| -> (Vec<usize>, Vec<usize>) {
        (
            (0..old_texts.len())
                .filter(|&i| links.old_group[i].is_none())
                .collect(),
            (0..new_texts.len())
                .filter(|&j| links.new_group[j].is_none())
                .collect(),
        )
    };
    let (old_left, new_left) = left(&links);
    if old_left.len().saturating_mul(new_left.len()) <= budget {
        budget -= old_left.len() * new_left.len();
        let words = (&old_words[..], &new_words[..]);
        link_pieces(&mut links, (&old_left, &new_left), words, &numeric);
    }
    let (old_left, new_left) = left(&links);
    let (old_cited, new_cited) = citing_changes(old, new, paragraphs);
    // The footnotes left unlinked, grouped by the paragraph change citing them.
    let mut cited_by: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for &i in &old_left {
        if let Some(c) = old_cited[i] {
            cited_by.entry(c).or_default().0.push(i);
        }
    }
    for &j in &new_left {
        if let Some(c) = new_cited[j] {
            cited_by.entry(c).or_default().1.push(j);
        }
    }
    let mut scored = |olds: &[usize], news: &[usize], floor: f64| {
        let mut pairs = Vec::new();
        if olds.len().saturating_mul(news.len()) > budget {
            return pairs;
        }
        budget -= olds.len() * news.len();
        for &i in olds {
            for &j in news {
                let share = shared_words(&old_words[i], &new_words[j]);
                if share >= floor {
                    pairs.push((share, i, j));
                }
            }
        }
        pairs
    };
    // Pairs cited together first: they are the stronger evidence.
    for (olds, news) in cited_by.values() {
        let pairs = scored(olds, news, FOOTNOTE_CITED_TOGETHER_MIN);
        link_best_first(&mut links, pairs);
    }
    let old_left: Vec<usize> = old_left
        .into_iter()
        .filter(|&i| links.old_group[i].is_none())
        .collect();
    let new_left: Vec<usize> = new_left
        .into_iter()
        .filter(|&j| links.new_group[j].is_none())
        .collect();
    let pairs = scored(&old_left, &new_left, FOOTNOTE_ANYWHERE_MIN);
    link_best_first(&mut links, pairs);

    let texts = (&old_texts[..], &new_texts[..]);
    let fold_hashes = (&text_hashes.0[..], &text_hashes.1[..]);
    // The bags weigh the words of a changed link against all the footnotes; when every link
    // joins a footnote with the same text (the footnotes of most drafts and their adopted
    // texts), nothing reads them, and they are not made.
    let (old_bags, new_bags, vocabulary) = if links
        .groups
        .iter()
        .all(|group| is_unchanged(group, texts, fold_hashes, options))
    {
        (Vec::new(), Vec::new(), similarity::Vocabulary::default())
    } else {
        similarity::bags(&old_texts, &new_texts)
    };
    let kinds = (
        vec![Kind::Footnote; old_texts.len()],
        vec![Kind::Footnote; new_texts.len()],
    );
    let id = |footnote: &Footnote| ParagraphId::new(Kind::Footnote, footnote.number);
    finish(
        links,
        texts,
        fold_hashes,
        (&old_bags, &new_bags),
        &vocabulary,
        options,
        (&kinds.0, &kinds.1),
    )
    .into_iter()
    .map(|(group, kind, similarity, moved)| Change {
        kind,
        old: group.old.iter().map(|&i| id(&old.footnotes[i])).collect(),
        new: group.new.iter().map(|&j| id(&new.footnotes[j])).collect(),
        similarity,
        moved,
        why: None,
        references: None,
    })
    .collect()
}

/// What each of `footnotes` (in printed order) cites, as a reader resolves "Ibid.": the
/// source of the footnote before it (itself resolved) followed by what the "Ibid." footnote
/// adds. The source is the footnote before up to the word the addition opens with ("Ibid.,
/// vol. 2241, No. 39574." after "United Nations, Treaty Series, vol. 2237, No. 39574."
/// cites "United Nations, Treaty Series, vol. 2241, No. 39574."; "Ibid., Supplement No. 8
/// ..." after "... Council, 2022, Supplement No. 10 ..." the same Council records of 2022),
/// else up to its first number ("Ibid., 2009, Supplement No. 8 (E/2009/28) ..." after "See
/// Official Records of the Economic and Social Council, 2019, ..." cites "See Official
/// Records of the Economic and Social Council, 2009, ..."), else the whole footnote. Every
/// other footnote cites its own text. "Ibid." says nothing by itself: without this, the
/// footnotes of the same source compared by their words are those that spell it out, not
/// those that cite the same thing.
fn citations<'t>(footnotes: &[&'t str]) -> Vec<Cow<'t, str>> {
    let mut cites: Vec<Cow<'t, str>> = Vec::with_capacity(footnotes.len());
    for &text in footnotes {
        let cite = match (ibid_addition(text), cites.last()) {
            (Some(""), Some(before)) => before.clone(),
            (Some(addition), Some(before)) => {
                let opening = words(addition).next().map(word_key);
                let at_word = opening.and_then(|opening| {
                    words(before)
                        .find(|word| has_key(word, &opening))
                        .map(|word| word.as_ptr() as usize - before.as_ptr() as usize)
                });
                let at_number = before.find(|c: char| c.is_ascii_digit());
                let source = &before[..at_word.or(at_number).unwrap_or(before.len())];
                Cow::Owned(format!("{} {addition}", source.trim_end()))
            }
            _ => Cow::Borrowed(text),
        };
        cites.push(cite);
    }
    cites
}

/// Whether `word`'s [`word_key`] is `key`, told without writing the key out for an ASCII
/// word (`key`, lower-cased, has no ASCII capital to match one of `word` but its own).
fn has_key(word: &str, key: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(key)
    } else {
        word_key(word) == key
    }
}

/// The [`fold::fold_hash`]es of `cites`, the [`citations`] of `texts` whose `text_hashes`
/// are known: a footnote citing its own text (most do: its citation is that very string) has
/// its text's hash, not hashed again.
fn cite_hashes(cites: &[&str], texts: &[&str], text_hashes: &[u64]) -> Vec<u64> {
    cites
        .iter()
        .zip(texts)
        .zip(text_hashes)
        .map(|((cite, text), &hash)| {
            if std::ptr::eq(*cite, *text) {
                hash
            } else {
                fold::fold_hash(cite)
            }
        })
        .collect()
}

/// What a footnote opening with "Ibid." adds to the citation it repeats ("vol. 2241, No.
/// 39574." of "Ibid., vol. 2241, No. 39574."; empty for "Ibid."); none for another footnote.
fn ibid_addition(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let rest = text
        .get(..4)
        .filter(|opening| opening.eq_ignore_ascii_case("ibid"))
        .map(|_| &text[4..])?;
    // "Ibidem" or a longer word is not the abbreviation.
    if rest.starts_with(char::is_alphanumeric) {
        return None;
    }
    Some(rest.trim_start_matches(|c: char| c == '.' || c == ',' || c.is_whitespace()))
}

/// Links each footnote of `olds` (unlinked) that two or more footnotes of `news` (unlinked,
/// printed one after another) are pieces of as one split, then each of `news` left that two
/// or more of `olds` left are pieces of as one merge.
/// `words` are the footnotes' [`FootnoteWords::keys`], `numeric` tells which keys are numbers.
fn link_pieces(
    links: &mut Links,
    (olds, news): (&[usize], &[usize]),
    (old_words, new_words): (&[Vec<u32>], &[Vec<u32>]),
    numeric: &[bool],
) {
    for &i in olds {
        let free: Vec<usize> = news
            .iter()
            .copied()
            .filter(|&j| links.new_group[j].is_none())
            .collect();
        let pieces = run_of_pieces(&free, new_words, &old_words[i], numeric);
        if !pieces.is_empty() {
            join(links, vec![i], pieces);
        }
    }
    for &j in news {
        if links.new_group[j].is_some() {
            continue;
        }
        let free: Vec<usize> = olds
            .iter()
            .copied()
            .filter(|&i| links.old_group[i].is_none())
            .collect();
        let pieces = run_of_pieces(&free, old_words, &new_words[j], numeric);
        if !pieces.is_empty() {
            join(links, pieces, vec![j]);
        }
    }
}

/// The first run of two or more of `candidates` printed one after another (positions that
/// follow each other) that are each a piece of `whole` ([`FOOTNOTE_PIECE_MIN`]) and hold as
/// much of it together; empty when there is none.
fn run_of_pieces(
    candidates: &[usize],
    words: &[Vec<u32>],
    whole: &[u32],
    numeric: &[bool],
) -> Vec<usize> {
    let covers = |run: &[usize]| {
        let mut together: Vec<u32> = run.iter().flat_map(|&k| words[k].iter().copied()).collect();
        together.sort_unstable();
        run.len() >= 2 && held_share(whole, &together) >= FOOTNOTE_PIECE_MIN
    };
    let numbers = |words: &[u32]| -> Vec<u32> {
        words
            .iter()
            .copied()
            .filter(|&w| numeric[w as usize])
            .collect()
    };
    let whole_numbers = numbers(whole);
    let piece = |k: usize| {
        let own = numbers(&words[k]);
        held_share(&words[k], whole) >= FOOTNOTE_PIECE_MIN
            && common_sorted(&own, &whole_numbers) == own.len()
    };
    let mut run: Vec<usize> = Vec::new();
    for &k in candidates {
        if !piece(k) {
            continue;
        }
        if run.last().is_some_and(|&last| last + 1 != k) {
            if covers(&run) {
                return run;
            }
            run.clear();
        }
        run.push(k);
    }
    if covers(&run) { run } else { Vec::new() }
}

/// Links the footnotes `old` with the footnotes `new`, all unlinked, as one group.
fn join(links: &mut Links, old: Vec<usize>, new: Vec<usize>) {
    let g = links.groups.len();
    for &i in &old {
        links.old_group[i] = Some(g);
    }
    for &j in &new {
        links.new_group[j] = Some(g);
    }
    links.groups.push(Group {
        old,
        new,
        why: None,
    });
}

/// The share of the words of `part` (sorted, with repeats) that `whole` (sorted) holds.
fn held_share(part: &[u32], whole: &[u32]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    common_sorted(part, whole) as f64 / part.len() as f64
}

/// Links the `(share, old, new)` pairs, best first (ties in text order), each footnote once.
fn link_best_first(links: &mut Links, mut pairs: Vec<(f64, usize, usize)>) {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in pairs {
        if links.old_group[i].is_none() && links.new_group[j].is_none() {
            links.link(i, j);
        }
    }
}

/// For each footnote of each version (by position), the index in `paragraphs.changes` of the
/// change holding the first paragraph that cites it; none for a footnote no paragraph cites.
fn citing_changes(
    old: &Instrument,
    new: &Instrument,
    paragraphs: &Alignment,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut old_change: FastMap<ParagraphId, usize> = FastMap::default();
    let mut new_change: FastMap<ParagraphId, usize> = FastMap::default();
    for (c, change) in paragraphs.changes.iter().enumerate() {
        for id in &change.old {
            old_change.entry(*id).or_insert(c);
        }
        for id in &change.new {
            new_change.entry(*id).or_insert(c);
        }
    }
    let cited = |instrument: &Instrument, change_of: &FastMap<ParagraphId, usize>| {
        let mut first: FastMap<u32, usize> = FastMap::default();
        for paragraph in &instrument.paragraphs {
            if let Some(&c) = change_of.get(&paragraph.id) {
                for &number in &paragraph.footnotes {
                    first.entry(number).or_insert(c);
                }
            }
        }
        instrument
            .footnotes
            .iter()
            .map(|footnote| first.get(&footnote.number).copied())
            .collect()
    };
    (cited(old, &old_change), cited(new, &new_change))
}

/// The words of footnotes numbered: the same number for the same [`word_key`] (lower-cased,
/// numbers kept as they are printed), so that footnotes are compared by sorting and merging
/// numbers rather than strings, each its own copy of a word.
#[derive(Default)]
struct FootnoteWords {
    /// The number of each word key met.
    ids: FastMap<String, u32>,
    /// Whether each key numbered is itself a number (all its characters numeric).
    numeric: Vec<bool>,
    /// The key of the word being numbered.
    key: String,
}

impl FootnoteWords {
    /// The words of a footnote as the numbers of their keys, sorted.
    fn keys(&mut self, text: &str) -> Vec<u32> {
        let mut keys = Vec::new();
        for_each_word(text, |word| {
            word_key_into(word, &mut self.key);
            let id = match self.ids.get(self.key.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.numeric.len() as u32;
                    self.numeric.push(self.key.chars().all(char::is_numeric));
                    self.ids.insert(self.key.clone(), id);
                    id
                }
            };
            keys.push(id);
        });
        keys.sort_unstable();
        keys
    }
}

/// Dice coefficient of two sorted word lists (with repeats): the share of words in common.
fn shared_words(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * common_sorted(a, b) as f64 / (a.len() + b.len()) as f64
}

/// How many items two sorted lists (with repeats) have in common: words here, shingles in
/// the session's pairing.
pub(crate) fn common_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Paragraph;

    fn fn_id(number: u32) -> ParagraphId {
        ParagraphId::new(Kind::Footnote, number)
    }

    /// An instrument of paragraphs `(text, cited footnotes)` and footnotes numbered from 1.
    fn instrument(paragraphs: &[(&str, &[u32])], footnotes: &[&str]) -> Instrument {
        Instrument {
            footnotes: footnotes
                .iter()
                .zip(1..)
                .map(|(text, number)| Footnote {
                    number,
                    text: (*text).to_owned(),
                })
                .collect(),
            ..Instrument::new(
                paragraphs
                    .iter()
                    .zip(1..)
                    .map(|((text, cited), number)| Paragraph {
                        footnotes: cited.to_vec(),
                        ..Paragraph::new(ParagraphId::op(number), *text)
                    })
                    .collect(),
            )
        }
    }

    fn footnote_changes(
        old: &Instrument,
        new: &Instrument,
    ) -> Vec<(Vec<u32>, Vec<u32>, ChangeKind)> {
        align_all_texts(old, new, &AlignOptions::default())
            .changes
            .into_iter()
            .filter(|c| {
                c.old
                    .iter()
                    .chain(&c.new)
                    .any(|id| id.kind == Kind::Footnote)
            })
            .map(|c| {
                let numbers = |ids: &[ParagraphId]| ids.iter().map(|id| id.number).collect();
                (numbers(&c.old), numbers(&c.new), c.kind)
            })
            .collect()
    }

    const RECALLING: &str = "Recalling the Kyoto Declaration adopted by the Fourteenth Congress";
    const NOTING: &str = "Notes the report of the Secretary-General on the implementation";

    /// Footnote 18 of A/RES/69/197 (2014) and the two footnotes it became in draft
    /// resolution IV of the 2016 report (14 and 15).
    const WHOLE: &str = "United Nations, Treaty Series, vols. 1577, 2171 and 2173, No. 27531; and resolution 66/138, annex.";
    const FIRST: &str = "United Nations, Treaty Series, vol. 1577, No. 27531.";
    const SECOND: &str = "Ibid., vols. 2171 and 2173, No. 27531; and resolution 66/138, annex.";
    const RIGHTS: &str =
        "Reaffirming the Convention on the Rights of the Child and the Optional Protocols";

    #[test]
    fn an_ibid_cites_the_source_of_the_footnote_before_it() {
        let cites = citations(&[
            "Resolution 70/174, annex.",
            "United Nations, Treaty Series, vol. 2237, No. 39574.",
            "Ibid. vol. 2241, No. 39574.",
            "See Official Records of the Economic and Social Council, 2022, Supplement No. 10 (E/2022/30), chap. I, sect. C.",
            "Ibid., Supplement No. 8 (E/2022/28), chap. I, sect. B.",
            "Ibid., 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
            "Ibid.",
            "Ibidem, p. 3.",
        ]);
        assert_eq!(
            &cites[2..],
            [
                "United Nations, Treaty Series, vol. 2241, No. 39574.",
                "See Official Records of the Economic and Social Council, 2022, Supplement No. 10 (E/2022/30), chap. I, sect. C.",
                // The source up to the word the addition goes on with ...
                "See Official Records of the Economic and Social Council, 2022, Supplement No. 8 (E/2022/28), chap. I, sect. B.",
                // ... else up to its first number; an "Ibid." alone, all of it.
                "See Official Records of the Economic and Social Council, 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
                "See Official Records of the Economic and Social Council, 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
                "Ibidem, p. 3.",
            ]
        );
        // A first footnote has nothing before it to repeat.
        assert_eq!(citations(&["Ibid., annex."]), ["Ibid., annex."]);
    }

    #[test]
    fn an_ibid_links_to_the_footnote_citing_the_same_and_not_to_the_one_spelling_it_out() {
        // 2018's FN27 and 2023's FN44 and FN45, cited from one paragraph (A/C.3/73/L.8/Rev.1
        // PP66, A/RES/78/229 PP84).
        let old = instrument(
            &[("Reaffirming", &[1])],
            &[
                "See Official Records of the Economic and Social Council, 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
            ],
        );
        let new = instrument(
            &[("Reaffirming", &[1, 2])],
            &[
                "See Official Records of the Economic and Social Council, 2019, Supplement No. 8 (E/2019/28), chap. I, sect. B.",
                "Ibid., 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
            ],
        );
        let changes = footnote_changes(&old, &new);
        assert_eq!(
            changes,
            [
                (vec![], vec![1], ChangeKind::Added),
                (vec![1], vec![2], ChangeKind::Reworded),
            ]
        );
    }

    #[test]
    fn a_footnote_split_in_two_is_one_change_and_two_merged_too() {
        let old = instrument(&[(RIGHTS, &[1])], &[WHOLE]);
        let new = instrument(&[(RIGHTS, &[1, 2])], &[FIRST, SECOND]);
        let changes = footnote_changes(&old, &new);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(
            (&changes[0].0[..], &changes[0].1[..]),
            (&[1][..], &[1, 2][..])
        );
        let changes = footnote_changes(&new, &old);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(
            (&changes[0].0[..], &changes[0].1[..]),
            (&[1, 2][..], &[1][..])
        );
    }

    #[test]
    fn pieces_that_cover_too_little_or_stand_apart_are_no_split() {
        // A/C.3/73/L.7/Rev.1 footnote 27 and A/RES/78/229 footnotes 44 and 45: the first of
        // these cites another year, so it is another citation, not a piece.
        let old = instrument(
            &[(RIGHTS, &[1])],
            &[
                "See Official Records of the Economic and Social Council, 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
            ],
        );
        let new = instrument(
            &[(RIGHTS, &[1, 2])],
            &[
                "See Official Records of the Economic and Social Council, 2019, Supplement No. 8 (E/2019/28), chap. I, sect. B.",
                "Ibid., 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
            ],
        );
        assert!(
            footnote_changes(&old, &new)
                .iter()
                .all(|c| c.0.len() + c.1.len() < 3)
        );
        let old = instrument(&[(RIGHTS, &[1])], &[WHOLE]);
        // The second holds too few of the whole's words.
        let new = instrument(&[(RIGHTS, &[1, 2])], &[FIRST, "Resolution 66/138, annex."]);
        assert!(
            footnote_changes(&old, &new)
                .iter()
                .all(|c| c.0.len() + c.1.len() < 3)
        );
        // The pieces are not printed one after the other.
        let new = instrument(&[(RIGHTS, &[1, 3])], &[FIRST, "A/78/264.", SECOND]);
        assert!(
            footnote_changes(&old, &new)
                .iter()
                .all(|c| c.0.len() + c.1.len() < 3)
        );
    }

    /// Two paragraphs citing footnotes 1 and 2, then the same two citing 2 and 3 after a
    /// new first paragraph that cites a new footnote 1.
    fn footnotes_renumbered_by_a_new_first() -> (Instrument, Instrument) {
        let old = instrument(
            &[(RECALLING, &[1]), (NOTING, &[2])],
            &["Resolution 76/181, annex.", "A/78/264."],
        );
        let new = instrument(
            &[
                ("Welcomes the new programme of work of the Commission", &[1]),
                (RECALLING, &[2]),
                (NOTING, &[3]),
            ],
            &[
                "See E/CN.15/2023/1.",
                "Resolution 76/181, annex.",
                "A/78/264.",
            ],
        );
        (old, new)
    }

    #[test]
    fn renumbered_footnotes_keep_their_links() {
        let (old, new) = footnotes_renumbered_by_a_new_first();
        assert_eq!(
            footnote_changes(&old, &new),
            [
                (vec![], vec![1], ChangeKind::Added),
                (vec![1], vec![2], ChangeKind::Unchanged),
                (vec![2], vec![3], ChangeKind::Unchanged),
            ]
        );
    }

    #[test]
    fn an_updated_citation_links_when_cited_from_the_same_paragraph_only() {
        let old = instrument(
            &[(RECALLING, &[1]), (NOTING, &[])],
            &["Resolution 70/174, annex."],
        );
        let together = instrument(
            &[(RECALLING, &[1]), (NOTING, &[])],
            &["Resolution 76/181, annex."],
        );
        assert_eq!(
            footnote_changes(&old, &together),
            [(vec![1], vec![1], ChangeKind::Reworded)]
        );
        // The same two citations, cited from paragraphs that are not each other's versions:
        // two different documents, as far as anything shows.
        let apart = instrument(
            &[(RECALLING, &[]), (NOTING, &[1])],
            &["Resolution 76/181, annex."],
        );
        assert_eq!(
            footnote_changes(&old, &apart),
            [
                (vec![1], vec![], ChangeKind::Removed),
                (vec![], vec![1], ChangeKind::Added),
            ]
        );
    }

    #[test]
    fn an_edited_citation_links_wherever_it_is_cited() {
        let citation = "See Official Records of the Economic and Social Council, 2016, Supplement No. 10 (E/2016/30), chap. I, sect. D.";
        let old = instrument(&[(RECALLING, &[1]), (NOTING, &[])], &[citation]);
        let new = instrument(
            &[(RECALLING, &[]), (NOTING, &[1])],
            &[&citation.replace("2016,", "2019,")],
        );
        assert_eq!(
            footnote_changes(&old, &new),
            [(vec![1], vec![1], ChangeKind::Reworded)]
        );
    }

    #[test]
    fn footnotes_are_never_linked_with_paragraphs() {
        let old = instrument(&[(RECALLING, &[])], &[NOTING]);
        let new = instrument(&[(RECALLING, &[]), (NOTING, &[])], &[]);
        let changes = align_all_texts(&old, &new, &AlignOptions::default()).changes;
        let sides: Vec<(Vec<ParagraphId>, Vec<ParagraphId>)> =
            changes.into_iter().map(|c| (c.old, c.new)).collect();
        assert_eq!(
            sides,
            [
                (vec![ParagraphId::op(1)], vec![ParagraphId::op(1)]),
                (vec![], vec![ParagraphId::op(2)]),
                (vec![fn_id(1)], vec![]),
            ]
        );
    }

    #[test]
    fn title_sponsors_and_chapeau_pair_whatever_they_say() {
        let old = Instrument {
            title: Some("Strengthening the programme".to_owned()),
            chapeau: Some("The General Assembly,".to_owned()),
            sponsors: Some(String::new()),
            ..Instrument::new(Vec::new())
        };
        let new = Instrument {
            title: Some("Weakening the programme".to_owned()),
            chapeau: Some("The Economic and Social Council,".to_owned()),
            sponsors: Some("Japan and Mexico: draft resolution".to_owned()),
            ..Instrument::new(Vec::new())
        };
        let changes: Vec<(String, ChangeKind)> =
            align_all_texts(&old, &new, &AlignOptions::default())
                .changes
                .into_iter()
                .map(|c| {
                    let ids: Vec<String> = c
                        .old
                        .iter()
                        .chain(&c.new)
                        .map(ToString::to_string)
                        .collect();
                    (ids.join(" "), c.kind)
                })
                .collect();
        assert_eq!(
            changes,
            [
                ("TITLE TITLE".to_owned(), ChangeKind::Reworded),
                // An empty text is no text: the sponsors come.
                ("SPONSORS".to_owned(), ChangeKind::Added),
                ("CHAPEAU CHAPEAU".to_owned(), ChangeKind::Rewritten),
            ]
        );
    }

    #[test]
    fn many_footnotes_stay_within_the_comparison_budget() {
        // 2,500 footnotes a side, each edited: 6.25 million pairs, past the budget, so only
        // the footnotes cited from the same paragraph are compared; all are accounted for.
        let count = 2_500;
        let footnotes = |year: u32| -> Vec<Footnote> {
            (1..=count)
                .map(|number| Footnote {
                    number,
                    text: format!("See E/CN.15/{year}/{number}, sect. I."),
                })
                .collect()
        };
        let cited: Vec<u32> = (1..=count).collect();
        let paragraph = Paragraph {
            footnotes: cited,
            ..Paragraph::new(ParagraphId::op(1), NOTING)
        };
        let old = Instrument {
            footnotes: footnotes(2016),
            ..Instrument::new(vec![paragraph.clone()])
        };
        let new = Instrument {
            footnotes: footnotes(2019),
            ..Instrument::new(vec![paragraph])
        };
        let changes = footnote_changes(&old, &new);
        let (mut old_seen, mut new_seen) = (Vec::new(), Vec::new());
        for (old_numbers, new_numbers, _) in &changes {
            old_seen.extend(old_numbers);
            new_seen.extend(new_numbers);
        }
        old_seen.sort_unstable();
        new_seen.sort_unstable();
        let all: Vec<u32> = (1..=count).collect();
        assert_eq!((old_seen, new_seen), (all.clone(), all));
        assert!(
            changes
                .iter()
                .all(|(old, new, _)| old.is_empty() || new.is_empty()),
            "past the budget nothing is linked but identical texts"
        );
    }

    /// A paragraph change as the reference tests see it: old numbers, new numbers, kind,
    /// references.
    type ParagraphChange = (Vec<u32>, Vec<u32>, ChangeKind, Option<References>);

    /// The paragraph changes of the alignment.
    fn paragraph_references(old: &Instrument, new: &Instrument) -> Vec<ParagraphChange> {
        align_all_texts(old, new, &AlignOptions::default())
            .changes
            .into_iter()
            .filter(|c| {
                c.old
                    .iter()
                    .chain(&c.new)
                    .all(|id| id.kind == Kind::Operative)
            })
            .map(|c| {
                let numbers = |ids: &[ParagraphId]| ids.iter().map(|id| id.number).collect();
                (numbers(&c.old), numbers(&c.new), c.kind, c.references)
            })
            .collect()
    }

    fn references(old: &[u32], new: &[u32], added: &[u32], dropped: &[u32]) -> Option<References> {
        Some(References {
            old: old.to_vec(),
            new: new.to_vec(),
            added: added.to_vec(),
            dropped: dropped.to_vec(),
        })
    }

    #[test]
    fn a_reference_added_or_dropped_is_a_change_though_no_word_changed() {
        let footnotes = ["Resolution 76/181, annex.", "A/78/264."];
        let old = instrument(&[(RECALLING, &[1]), (NOTING, &[2])], &footnotes);
        // "aiming5": the number glued to a word reads as a second reference to footnote 1.
        let added = instrument(&[(RECALLING, &[1]), (NOTING, &[2, 1])], &footnotes);
        assert_eq!(
            paragraph_references(&old, &added),
            [
                (vec![1], vec![1], ChangeKind::Unchanged, None),
                (
                    vec![2],
                    vec![2],
                    ChangeKind::Reworded,
                    references(&[2], &[2, 1], &[1], &[])
                ),
            ]
        );
        let dropped = instrument(&[(RECALLING, &[]), (NOTING, &[2])], &footnotes);
        assert_eq!(
            paragraph_references(&old, &dropped)[0],
            (
                vec![1],
                vec![1],
                ChangeKind::Reworded,
                references(&[1], &[], &[], &[1])
            )
        );
        // The same footnotes cited in another order: marks moved within the paragraph.
        let old = instrument(&[(RECALLING, &[1, 2])], &footnotes);
        let reordered = instrument(&[(RECALLING, &[2, 1])], &footnotes);
        assert_eq!(
            paragraph_references(&old, &reordered),
            [(
                vec![1],
                vec![1],
                ChangeKind::Reworded,
                references(&[1, 2], &[2, 1], &[], &[])
            )]
        );
    }

    #[test]
    fn renumbered_references_are_the_same_references() {
        let (old, new) = footnotes_renumbered_by_a_new_first();
        assert_eq!(
            paragraph_references(&old, &new),
            [
                (vec![], vec![1], ChangeKind::Added, None),
                (vec![1], vec![2], ChangeKind::Unchanged, None),
                (vec![2], vec![3], ChangeKind::Unchanged, None),
            ]
        );
        // A reworded paragraph that now cites a new footnote says so beside its words.
        let new = instrument(
            &[(RECALLING, &[1, 2]), (NOTING, &[3])],
            &[
                "Resolution 76/181, annex.",
                "See E/CN.15/2023/1.",
                "A/78/264.",
            ],
        );
        assert_eq!(
            paragraph_references(&old, &new)[0].3,
            references(&[1], &[1, 2], &[2], &[])
        );
        // A footnote split in two, and two merged into one: the pieces are its references.
        let whole = instrument(&[(RIGHTS, &[1])], &[WHOLE]);
        let pieces = instrument(&[(RIGHTS, &[1, 2])], &[FIRST, SECOND]);
        for (old, new) in [(&whole, &pieces), (&pieces, &whole)] {
            assert_eq!(
                paragraph_references(old, new),
                [(vec![1], vec![1], ChangeKind::Unchanged, None)]
            );
        }
        // A paragraph citing one piece of a split footnote: the footnote's change shows it.
        let one_piece = instrument(&[(RIGHTS, &[1]), (NOTING, &[2])], &[FIRST, SECOND]);
        assert_eq!(
            paragraph_references(&whole, &one_piece)[0],
            (vec![1], vec![1], ChangeKind::Unchanged, None)
        );
    }
}
