//! The real series of the corpus, pair by pair, through the whole pipeline: the JSON
//! contract and the redlines people read are snapshotted (from the CLI's real stdout), and
//! every redline is checked to rebuild both texts to the last character.

use crate::align_support;
use crate::common;

use crate::common::{bin, fixture, snapshot_settings};
use resdiff::fold::{self, Mode};
use resdiff::redline::{PARAGRAPH_SEPARATOR, SegmentOp};
use resdiff::{AlignOptions, Alignment, Document, Instrument, Kind, ParagraphId};

const C2014: &str = "corpus/2014-A-RES-69-197.txt";
const C2016: &str = "corpus/2016-A-71-third-committee-report.txt";
const C2018: &str = "corpus/2018-A-C3-73-revised-draft.txt";
const C2019: &str = "corpus/2019-E-CN15-28-commission-report.txt";
const C2023: &str = "corpus/2023-A-RES-78-229.txt";

/// Snapshot name, old file, old pick, new file, new pick.
type Pair = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
);

/// (snapshot name, old file#pick, new file#pick): the "Strengthening ..." series
/// 2014 -> 2016 (draft IV) -> 2018 -> 2023 and the "Follow-up to the Thirteenth Congress"
/// series 2016 (draft I) -> 2019 (draft II of section A).
const PAIRS: &[Pair] = &[
    ("2014_2016", C2014, None, C2016, Some("Draft resolution IV")),
    ("2016_2018", C2016, Some("Draft resolution IV"), C2018, None),
    ("2018_2023", C2018, None, C2023, None),
    (
        "congress_2016_2019",
        C2016,
        Some("Draft resolution I"),
        C2019,
        Some("A/Draft resolution II"),
    ),
];

/// Runs the CLI with relative fixture paths so that snapshots do not depend on the checkout.
fn cli_output(
    old: &str,
    old_pick: Option<&str>,
    new: &str,
    new_pick: Option<&str>,
    format: &str,
) -> String {
    let spec = |file: &str, pick: Option<&str>| match pick {
        Some(pick) => format!("{file}#{pick}"),
        None => file.to_owned(),
    };
    let output = bin()
        .current_dir(fixture(""))
        .args([
            "diff",
            &spec(old, old_pick),
            &spec(new, new_pick),
            "--format",
            format,
        ])
        .output()
        .unwrap();
    common::stdout_of(output, 1)
}

#[test]
fn real_pairs_snapshots() {
    for &(name, old, old_pick, new, new_pick) in PAIRS {
        for format in ["json", "text", "markdown", "html"] {
            let output = cli_output(old, old_pick, new, new_pick, format);
            snapshot_settings()
                .bind(|| insta::assert_snapshot!(format!("{name}_{format}"), output));
        }
    }
}

fn document(name: &str) -> Document {
    resdiff::read_document(fixture(name).to_str().unwrap(), u64::MAX).unwrap()
}

fn side_text(instrument: &Instrument, ids: &[ParagraphId]) -> String {
    ids.iter()
        .map(|id| instrument.text(*id).expect("id of the instrument"))
        .collect::<Vec<_>>()
        .join(PARAGRAPH_SEPARATOR)
}

/// Every word of both inputs is accounted for: each change's redline rebuilds its new text
/// exactly and its old text up to typographic variants (exactly when strict), and every text
/// of both instruments (title, sponsors, chapeau, paragraphs, footnotes) stands in exactly one
/// change.
#[test]
fn redlines_rebuild_both_texts_exactly() {
    for mode in [Mode::Typographic, Mode::Strict] {
        for &(name, old, old_pick, new, new_pick) in PAIRS {
            check_rebuild(name, (old, old_pick), (new, new_pick), mode);
        }
    }
}

/// [`redlines_rebuild_both_texts_exactly`] for one pair and mode.
fn check_rebuild(
    name: &str,
    (old, old_pick): (&str, Option<&str>),
    (new, new_pick): (&str, Option<&str>),
    mode: Mode,
) {
    let (old_doc, new_doc) = (document(old), document(new));
    let old_inst = old_pick.map_or(&old_doc.instruments[0], |p| old_doc.select(p).unwrap());
    let new_inst = new_pick.map_or(&new_doc.instruments[0], |p| new_doc.select(p).unwrap());
    let mut options = AlignOptions::default();
    options.fold = mode;
    let comparison = resdiff::Comparison::new(&old_doc, old_inst, &new_doc, new_inst, &options);
    let mut old_seen = Vec::new();
    let mut new_seen = Vec::new();
    for change in &comparison.changes {
        let rebuild = |keep: SegmentOp| {
            change
                .segments
                .iter()
                .filter(|s| s.op == SegmentOp::Equal || s.op == keep)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        let (old_rebuilt, old_text) = (
            rebuild(SegmentOp::Delete),
            side_text(old_inst, &change.change.old),
        );
        assert!(
            fold::equivalent(&old_rebuilt, &old_text, mode),
            "{name} {mode:?}: {:?}: {old_rebuilt:?} != {old_text:?}",
            change.change
        );
        assert_eq!(
            rebuild(SegmentOp::Insert),
            side_text(new_inst, &change.change.new),
            "{name} {mode:?}: {:?}",
            change.change
        );
        old_seen.extend(change.change.old.iter().copied());
        new_seen.extend(change.change.new.iter().copied());
    }
    old_seen.sort();
    new_seen.sort();
    let mut old_all: Vec<_> = old_inst.texts().map(|(id, _)| id).collect();
    let mut new_all: Vec<_> = new_inst.texts().map(|(id, _)| id).collect();
    old_all.sort();
    new_all.sort();
    assert_eq!(
        old_seen, old_all,
        "{name}: old texts not each in exactly one change"
    );
    assert_eq!(
        new_seen, new_all,
        "{name}: new texts not each in exactly one change"
    );
}

/// The pairing of instruments across files follows titles: the 2016 report holds five
/// instruments, and only draft IV is the 2014 resolution's successor. The four others pair
/// with nothing and are added whole, in the report's order.
#[test]
fn report_instruments_pair_by_title() {
    let json = cli_output(C2014, None, C2016, None, "json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let comparisons = value["comparisons"].as_array().unwrap();
    let labels: Vec<(&str, bool)> = comparisons
        .iter()
        .map(|c| {
            (
                c["new"]["label"].as_str().unwrap(),
                c["old"]["absent"] == true,
            )
        })
        .collect();
    // The report's narrative belongs to no instrument: it is compared too, as a comparison
    // of its own.
    assert_eq!(
        labels,
        [
            ("Draft resolution I", true),
            ("Draft resolution II", true),
            ("Draft resolution III", true),
            ("Draft resolution IV", false),
            ("Draft decision", true),
            (resdiff::compare::OUTSIDE_LABEL, false),
        ],
        "{json}"
    );
    for added in comparisons.iter().filter(|c| c["old"]["absent"] == true) {
        assert!(
            added["changes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["kind"] == "added")
        );
    }
}

/// The hand-checked truth of each pair of the "Strengthening ..." series
/// (`tests/fixtures/align/real/truth_*.json`, made as `REAL_PAIRS.md` tells): the snapshot
/// pair it checks, then the truth file's two names.
const TRUTH: &[(&str, &str, &str)] = &[
    ("2014_2016", "69-197", "71-draft"),
    ("2016_2018", "71-draft", "73-draft"),
    ("2018_2023", "73-draft", "78-229"),
];

/// The snapshotted redlines have a reference other than themselves: the paragraph links of
/// the whole pipeline on the corpus texts (parsed, picked, compared as `diff` does) are
/// scored against the links read by eye. The parser gives the paragraphs the ids of the
/// segmentation the truth was made on, so a link the aligner or the parser gets wrong counts
/// against precision or recall, and the floors below fail the test when either regresses.
#[test]
fn real_pairs_meet_the_hand_truth() {
    let mut score = align_support::Score::default();
    for &(name, old_name, new_name) in TRUTH {
        let &(_, old, old_pick, new, new_pick) = PAIRS
            .iter()
            .find(|pair| pair.0 == name)
            .expect("a snapshotted pair");
        let (old_doc, new_doc) = (document(old), document(new));
        let old_inst = old_pick.map_or(&old_doc.instruments[0], |p| old_doc.select(p).unwrap());
        let new_inst = new_pick.map_or(&new_doc.instruments[0], |p| new_doc.select(p).unwrap());
        let comparison = resdiff::Comparison::new(
            &old_doc,
            old_inst,
            &new_doc,
            new_inst,
            &AlignOptions::default(),
        );
        // The truth covers the paragraphs; the title, chapeau and footnotes are not in it.
        let paragraph = |id: &ParagraphId| matches!(id.kind, Kind::Preambular | Kind::Operative);
        let alignment = Alignment {
            changes: comparison
                .changes
                .iter()
                .map(|rc| rc.change.clone())
                .filter(|c| c.old.iter().chain(&c.new).all(paragraph))
                .collect(),
        };
        let truth = align_support::load_truth(
            &align_support::fixture_dir("real").join(format!("truth_{old_name}__{new_name}.json")),
        );
        score.add(&truth, &align_support::links_of(&alignment));
    }
    println!("{}\n{}", score.line(), score.kinds_line());
    // Measured: links precision 317/317, recall 317/319 (rewritten 10/11, split 7/8, merged
    // 14/14); removed precision 26/27, added precision 101/103: the numbers of the aligner
    // on the segmentation files (tests/align.rs), so the parser loses nothing on the way.
    let (precision, recall, _) = score.links();
    assert!(precision >= 0.99, "{}", score.line());
    assert!(recall >= 0.99, "{}", score.line());
    assert!(
        score.recall_of("rewritten") >= 0.9,
        "{}",
        score.kinds_line()
    );
    assert!(score.recall_of("split") >= 0.85, "{}", score.kinds_line());
    assert!(score.recall_of("merged") >= 0.99, "{}", score.kinds_line());
    assert!(score.removed_precision() >= 0.95, "{}", score.kinds_line());
    assert!(score.added_precision() >= 0.95, "{}", score.kinds_line());
}

/// The footnotes of 2018 -> 2023 that 2023 prints as "Ibid." are linked to the 2018
/// footnotes citing the same (read by hand): 2018's FN27 (the Council's records of 2009,
/// spelled out) is 2023's FN45 ("Ibid., 2009, ..."), not FN44 (the records of 2019, spelled
/// out like it), and the Treaty Series volumes 2241 and 2326 of the same Convention
/// (2018's FN33 and FN24) are 2023's FN17 and FN18, not FN43 (another treaty, volume 3013).
#[test]
fn ibid_footnotes_of_the_real_pair_link_to_what_they_cite() {
    let (old, new) = (document(C2018), document(C2023));
    let comparison = resdiff::Comparison::new(
        &old,
        &old.instruments[0],
        &new,
        &new.instruments[0],
        &AlignOptions::default(),
    );
    let footnote = |number| ParagraphId::new(Kind::Footnote, number);
    let new_of = |number| {
        comparison
            .changes
            .iter()
            .find(|c| c.change.old.contains(&footnote(number)))
            .map(|c| c.change.new.clone())
            .unwrap()
    };
    for (old_number, new_number) in [(27, 45), (33, 17), (24, 18)] {
        assert_eq!(new_of(old_number), [footnote(new_number)], "FN{old_number}");
    }
    for added in [43, 44] {
        assert!(
            comparison
                .changes
                .iter()
                .any(|c| c.change.old.is_empty() && c.change.new == [footnote(added)]),
            "FN{added} added"
        );
    }
}
