//! Properties of the whole pipeline (parse → compare → render) on generated resolutions:
//! random subsets of the real paragraphs and footnotes of A/RES/78/229 with random word
//! edits, moves, splits and merges, an edited title and a swapped chapeau, and random texts.
//! Whatever the input:
//!
//! - every word of both versions is accounted for (each change's segments rebuild both of
//!   its sides, up to typographic variants unless strict; every text (title, chapeau,
//!   paragraph, footnote) is in exactly one change, in the documented order), and a change is
//!   unchanged exactly when its redline shows no edit;
//! - the same input gives the same bytes in every format;
//! - a text compared with itself shows no change (library and CLI, exit 0).
//!
//! Case counts are modest so that the suite stays fast in debug builds.

use crate::common;

use crate::invariants;

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::{Index, select};

use resdiff::compare::OUTSIDE_LABEL;
use resdiff::fold::Mode;
use resdiff::render::{self, DocumentFormat, Format, RenderOptions};
use resdiff::{AlignOptions, Comparison, Document, Instrument, Source, compare_documents, parse};

/// The preambular and operative paragraphs of the 2023 resolution, cleaned of markdown,
/// links and footnote marks, read with a few independent rules (not with the parser under
/// test): an operative paragraph opens with its number, a preambular one ends with a comma.
/// Paragraphs cut by a page break are skipped.
fn corpus() -> &'static (Vec<String>, Vec<String>) {
    &corpus_texts().0
}

/// The footnotes of the 2023 resolution: the lines opening with a superscript number, that
/// number and the markup taken off.
fn footnote_pool() -> &'static Vec<String> {
    &corpus_texts().1
}

/// The preambular and operative paragraphs ([`corpus`]), and the footnotes
/// ([`footnote_pool`]).
type CorpusTexts = ((Vec<String>, Vec<String>), Vec<String>);

/// The paragraphs and footnotes of the 2023 resolution.
fn corpus_texts() -> &'static CorpusTexts {
    static CORPUS: OnceLock<CorpusTexts> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let text = common::fixture_text("corpus/2023-A-RES-78-229.txt");
        let clean = |line: &str| -> String {
            line.replace("](#)", "")
                .chars()
                .filter(|c| {
                    !matches!(
                        c,
                        '[' | '*' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰'
                    )
                })
                .collect::<String>()
                .trim()
                .to_owned()
        };
        let (mut pps, mut ops, mut footnotes) = (Vec::new(), Vec::new(), Vec::new());
        let mut in_body = false;
        for raw in text.lines() {
            if let Some(footnote) = raw.strip_prefix(is_superscript_digit) {
                let footnote = clean(footnote.trim_start_matches(is_superscript_digit));
                if !footnote.is_empty() {
                    footnotes.push(footnote);
                }
                continue;
            }
            let line = clean(raw);
            if line.ends_with("The General Assembly,") {
                in_body = true;
                continue;
            }
            if !in_body || line.len() < 40 {
                continue;
            }
            let number_end = line.find(". ").unwrap_or(0);
            if number_end > 0 && line[..number_end].chars().all(|c| c.is_ascii_digit()) {
                let body = line[number_end + 2..].trim_end_matches(['.', ';']);
                if line.ends_with(';') || line.ends_with('.') {
                    ops.push(body.to_owned());
                }
            } else if line.ends_with(',')
                && line.starts_with(|c: char| c.is_uppercase())
                && ops.is_empty()
            {
                pps.push(line.trim_end_matches(',').to_owned());
            }
        }
        assert!(
            pps.len() >= 10 && ops.len() >= 30,
            "{} {}",
            pps.len(),
            ops.len()
        );
        assert!(footnotes.len() >= 40, "{}", footnotes.len());
        ((pps, ops), footnotes)
    })
}

fn is_superscript_digit(c: char) -> bool {
    SUPERSCRIPT_DIGITS.contains(&c)
}

const SUPERSCRIPT_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A footnote mark as the texts print it: "¹²" for 12.
fn superscript(number: usize) -> String {
    number
        .to_string()
        .bytes()
        .map(|b| SUPERSCRIPT_DIGITS[usize::from(b - b'0')])
        .collect()
}

/// A few words that read like resolution text, for insertions and substitutions.
const NEW_WORDS: &[&str] = &[
    "also",
    "further",
    "strongly",
    "Member States",
    "the Secretary-General",
    "within existing resources",
    "including",
    "2025",
    "as appropriate",
    "réaffirmant",
    "«international»",
];

/// One edit of a paragraph's words.
#[derive(Debug, Clone)]
enum WordEdit {
    Delete(Index),
    Insert(Index, Index),
    Substitute(Index, Index),
}

fn word_edit() -> impl Strategy<Value = WordEdit> {
    prop_oneof![
        any::<Index>().prop_map(WordEdit::Delete),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| WordEdit::Insert(a, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| WordEdit::Substitute(a, b)),
    ]
}

fn apply_word_edit(text: &str, edit: &WordEdit) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    match edit {
        WordEdit::Delete(at) if words.len() > 2 => {
            words.remove(at.index(words.len()));
        }
        WordEdit::Delete(_) => {}
        WordEdit::Insert(at, word) => {
            words.insert(at.index(words.len() + 1), *word.get(NEW_WORDS));
        }
        WordEdit::Substitute(at, word) => {
            let at = at.index(words.len());
            words[at] = *word.get(NEW_WORDS);
        }
    }
    words.join(" ")
}

/// One edit of the list of paragraphs of one kind.
#[derive(Debug, Clone)]
enum ParagraphEdit {
    /// Word edits inside one paragraph.
    Words(Index, Vec<WordEdit>),
    /// A paragraph taken out and put back elsewhere.
    Move(Index, Index),
    /// A paragraph cut in two at a space.
    Split(Index, Index),
    /// A paragraph joined with the next one.
    Merge(Index),
    /// A paragraph dropped.
    Remove(Index),
    /// Another paragraph of the corpus added.
    Add(Index, Index),
}

fn paragraph_edit() -> impl Strategy<Value = ParagraphEdit> {
    prop_oneof![
        3 => (any::<Index>(), prop::collection::vec(word_edit(), 1..4))
            .prop_map(|(p, e)| ParagraphEdit::Words(p, e)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| ParagraphEdit::Move(a, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| ParagraphEdit::Split(a, b)),
        1 => any::<Index>().prop_map(ParagraphEdit::Merge),
        1 => any::<Index>().prop_map(ParagraphEdit::Remove),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| ParagraphEdit::Add(a, b)),
    ]
}

fn apply_paragraph_edit(paragraphs: &mut Vec<String>, edit: &ParagraphEdit, pool: &[String]) {
    if paragraphs.is_empty() {
        return;
    }
    let n = paragraphs.len();
    match edit {
        ParagraphEdit::Words(p, edits) => {
            let p = p.index(n);
            for e in edits {
                paragraphs[p] = apply_word_edit(&paragraphs[p], e);
            }
        }
        ParagraphEdit::Move(from, to) => {
            let moved = paragraphs.remove(from.index(n));
            paragraphs.insert(to.index(n), moved);
        }
        ParagraphEdit::Split(p, at) => {
            let p = p.index(n);
            let spaces: Vec<usize> = paragraphs[p].match_indices(' ').map(|(i, _)| i).collect();
            if spaces.len() >= 4 {
                let cut = spaces[1 + at.index(spaces.len() - 2)];
                let tail = paragraphs[p][cut + 1..].to_owned();
                paragraphs[p].truncate(cut);
                // The second half opens with a capital, as a drafter would write it.
                let mut chars = tail.chars();
                let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
                paragraphs.insert(p + 1, first.unwrap_or_default() + chars.as_str());
            }
        }
        ParagraphEdit::Merge(p) if n >= 2 => {
            let p = p.index(n - 1);
            let next = paragraphs.remove(p + 1);
            let mut chars = next.chars();
            let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
            paragraphs[p] = format!(
                "{} and {}{}",
                paragraphs[p],
                first.unwrap_or_default(),
                chars.as_str()
            );
        }
        ParagraphEdit::Merge(_) => {}
        ParagraphEdit::Remove(p) if n >= 2 => {
            paragraphs.remove(p.index(n));
        }
        ParagraphEdit::Remove(_) => {}
        ParagraphEdit::Add(at, which) => {
            paragraphs.insert(at.index(n + 1), which.get(pool).clone());
        }
    }
}

/// The texts of one version of a resolution.
#[derive(Debug, Clone)]
struct Version {
    title: String,
    chapeau: &'static str,
    pps: Vec<String>,
    ops: Vec<String>,
    /// Footnote k (from 1) is cited at the end of the k-th paragraph.
    footnotes: Vec<String>,
}

/// A resolution as the brief's synthetic format writes it, footnotes at the end.
fn resolution(version: &Version) -> String {
    let mut text = format!("{}\n\n{}\n\n", version.title, version.chapeau);
    let mut cited = 0;
    let mut mark = || {
        cited += 1;
        if cited <= version.footnotes.len() {
            superscript(cited)
        } else {
            String::new()
        }
    };
    for pp in &version.pps {
        text.push_str(&format!("{pp},{}\n\n", mark()));
    }
    for (i, op) in version.ops.iter().enumerate() {
        let end = if i + 1 == version.ops.len() { '.' } else { ';' };
        text.push_str(&format!("{}. {op}{end}{}\n\n", i + 1, mark()));
    }
    for (k, footnote) in version.footnotes.iter().enumerate() {
        text.push_str(&format!("{} {footnote}\n\n", superscript(k + 1)));
    }
    text
}

/// The chapeaux a version may open with.
const CHAPEAUX: &[&str] = &["The General Assembly,", "The Economic and Social Council,"];

/// A pair of versions: a random subset of the corpus and an edited copy, title, chapeau and
/// footnotes included.
fn versions() -> impl Strategy<Value = (String, String)> {
    let (pps, ops) = corpus();
    let footnotes = footnote_pool();
    (
        (
            prop::sample::subsequence(pps.clone(), 2..6),
            prop::sample::subsequence(ops.clone(), 2..8),
            prop::collection::vec(paragraph_edit(), 0..5),
            prop::collection::vec(paragraph_edit(), 0..6),
        ),
        (
            prop::collection::vec(word_edit(), 0..2),
            select(CHAPEAUX),
            select(CHAPEAUX),
            prop::sample::subsequence(footnotes.clone(), 0..4),
            prop::collection::vec(paragraph_edit(), 0..4),
        ),
    )
        .prop_map(
            move |(
                (old_pps, old_ops, pp_edits, op_edits),
                (title_edits, old_chapeau, new_chapeau, old_footnotes, footnote_edits),
            )| {
                let title = "Strengthening the United Nations crime prevention and criminal \
                             justice programme"
                    .to_owned();
                let old = Version {
                    title: title.clone(),
                    chapeau: old_chapeau,
                    pps: old_pps,
                    ops: old_ops,
                    footnotes: old_footnotes,
                };
                let mut new = old.clone();
                new.chapeau = new_chapeau;
                for edit in &title_edits {
                    new.title = apply_word_edit(&new.title, edit);
                }
                for edit in &pp_edits {
                    apply_paragraph_edit(&mut new.pps, edit, pps);
                }
                for edit in &op_edits {
                    apply_paragraph_edit(&mut new.ops, edit, ops);
                }
                for edit in &footnote_edits {
                    apply_paragraph_edit(&mut new.footnotes, edit, footnotes);
                }
                // Each footnote is cited from its own paragraph.
                new.footnotes.truncate(new.pps.len() + new.ops.len());
                (resolution(&old), resolution(&new))
            },
        )
}

fn read(name: &str, text: &str) -> Result<Document, resdiff::Error> {
    parse(&Source::from_bytes(name, text.as_bytes().to_vec())?)
}

/// Checks that `comparisons` hold every instrument of both documents once: the pairs of
/// [`resdiff::compare::pair_instruments`] in order, and each instrument that pairs with none
/// compared against nothing (its side marked absent), each meeting the invariants.
fn check_every_instrument(old: &Document, new: &Document, comparisons: &[Comparison], mode: Mode) {
    let pairs = resdiff::compare::pair_instruments(old, new);
    let nothing = Instrument::new(Vec::new());
    let instruments = comparisons
        .iter()
        .filter(|c| c.old.label.as_deref() != Some(OUTSIDE_LABEL));
    let (mut paired, mut added, mut removed) = (Vec::new(), Vec::new(), Vec::new());
    for comparison in instruments {
        match (comparison.old.absent, comparison.new.absent) {
            (false, false) => paired.push(comparison),
            (true, false) => added.push(comparison),
            (false, true) => removed.push(comparison),
            (true, true) => panic!("a comparison of nothing with nothing"),
        }
    }
    assert_eq!(paired.len(), pairs.len());
    for (&(i, j), comparison) in pairs.iter().zip(&paired) {
        invariants::check_comparison(&old.instruments[i], &new.instruments[j], comparison, mode);
    }
    let pairs = &pairs;
    let unpaired = |count: usize, side: fn(&(usize, usize)) -> usize| {
        (0..count).filter(move |k| !pairs.iter().any(|pair| side(pair) == *k))
    };
    let new_alone: Vec<usize> = unpaired(new.instruments.len(), |p| p.1).collect();
    let old_alone: Vec<usize> = unpaired(old.instruments.len(), |p| p.0).collect();
    assert_eq!(new_alone.len(), added.len());
    assert_eq!(old_alone.len(), removed.len());
    for (&j, comparison) in new_alone.iter().zip(&added) {
        invariants::check_comparison(&nothing, &new.instruments[j], comparison, mode);
    }
    for (&i, comparison) in old_alone.iter().zip(&removed) {
        invariants::check_comparison(&old.instruments[i], &nothing, comparison, mode);
    }
}

/// Compares two texts, checks the invariants and that every format renders the same bytes
/// twice; returns whether the comparison is identical.
fn check_pipeline(old_text: &str, new_text: &str) -> Option<bool> {
    let (Ok(old), Ok(new)) = (read("old.txt", old_text), read("new.txt", new_text)) else {
        return None;
    };
    let comparisons = compare_documents(&old, &new, None, None, &AlignOptions::default()).ok()?;
    check_every_instrument(&old, &new, &comparisons, Mode::Typographic);
    let mut strict = AlignOptions::default();
    strict.fold = Mode::Strict;
    let strict_comparisons = compare_documents(&old, &new, None, None, &strict).ok()?;
    check_every_instrument(&old, &new, &strict_comparisons, Mode::Strict);
    // Same input, same result: the pipeline run again (fresh hash seeds) and rendered twice.
    let again = compare_documents(
        &read("old.txt", old_text).unwrap(),
        &read("new.txt", new_text).unwrap(),
        None,
        None,
        &AlignOptions::default(),
    )
    .unwrap();
    assert_eq!(comparisons, again, "the pipeline is not deterministic");
    let options = RenderOptions::default().with_context(1);
    for format in Format::ALL {
        let render_once = |c: &[resdiff::Comparison]| {
            let mut out = Vec::new();
            render::render(c, format, &options, &mut out).unwrap();
            out
        };
        assert_eq!(
            render_once(&comparisons),
            render_once(&again),
            "{format:?} differs between two runs"
        );
    }
    for format in [DocumentFormat::Text, DocumentFormat::Json] {
        let render_once = || {
            let mut out = Vec::new();
            render::render_document(&old, format, &mut out).unwrap();
            out
        };
        assert_eq!(render_once(), render_once());
    }
    Some(comparisons.iter().all(|c| c.is_identical()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Edited versions of real paragraphs: faithful, complete, deterministic.
    #[test]
    fn edited_resolutions_are_accounted_for((old, new) in versions()) {
        let identical = check_pipeline(&old, &new);
        prop_assert!(identical.is_some(), "a generated resolution did not parse");
        if old == new {
            prop_assert_eq!(identical, Some(true));
        }
    }

    /// A text compared with itself shows no change.
    #[test]
    fn same_text_is_identical((old, _new) in versions()) {
        prop_assert_eq!(check_pipeline(&old, &old), Some(true));
    }

    /// Random texts, with or without a resolution's frame: whatever parses is compared
    /// faithfully (most random texts are refused with an error, which is fine).
    #[test]
    fn random_texts_are_accounted_for(
        head in select(vec!["", "Title\n\nThe General Assembly,\n\n"]),
        old in "([A-Za-zé0-9,;.:()«»“” ]{0,40}\n{0,3}){0,12}",
        new in "([A-Za-zé0-9,;.:()«»“” ]{0,40}\n{0,3}){0,12}",
    ) {
        check_pipeline(&format!("{head}{old}"), &format!("{head}{new}"));
        if let Some(same) = check_pipeline(&format!("{head}{old}"), &format!("{head}{old}")) {
            prop_assert!(same, "a text differs from itself");
        }
    }
}

proptest! {
    // Spawns the binary: fewer cases.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// `resdiff diff A A` exits 0 in every format.
    #[test]
    fn cli_same_file_exits_0((old, _new) in versions()) {
        let tmp = common::scratch("prop");
        let dir = tmp.path();
        let file = dir.join("a.txt");
        std::fs::write(&file, &old).unwrap();
        let file = file.to_str().unwrap();
        for format in ["text", "json", "html"] {
            let output = common::bin()
                .args(["diff", file, file, "--format", format])
                .output()
                .unwrap();
            prop_assert_eq!(
                output.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}
