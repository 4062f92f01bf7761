//! Nothing hidden (issue #20): each kind of material edit, made once in a real text, shows
//! in the redline and makes `resdiff diff` exit 1; each typographic variant alone exits 0
//! and shows nothing by default, and exits 1 with `--strict`.
//!
//! White space is a typographic variant: a no-break space, a tab or two spaces for one
//! exits 0 by default and 1 with `--strict`. Layout (a line break inside a paragraph,
//! hyphenation across lines) is undone by the parser and shows in no mode.
//!
//! An edit is made in the input file itself, inside a stretch of a paragraph's text (a
//! preambular paragraph, an operative one, an item of one) that the file prints verbatim
//! and only once, so that the parser meets it as it would meet a real new version.

use std::path::Path;

use crate::common::{bin, fixture_text, scratch};
use resdiff::{Document, Kind, Source, parse};

/// The real texts edited.
const TEXTS: &[&str] = &[
    "corpus/2014-A-RES-69-197.txt",
    "corpus/2018-A-C3-73-revised-draft.txt",
    "corpus/2023-A-RES-78-229.txt",
];

/// Length of the verbatim stretch an edit is made in.
const WINDOW_CHARS: usize = 48;

/// An edit of a stretch of text: the stretch as the old version prints it (a real text may
/// need a word put in first, as "$100") and as the new one does; `None` when the stretch
/// holds nothing the edit applies to.
type Edit = fn(&str) -> Option<(String, String)>;

/// The words of a stretch with their byte offsets, skipping the first and last (which may
/// be cut) and any holding something other than letters.
fn inner_words(window: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in window.split(' ') {
        out.push((at, piece));
        at += piece.len() + 1;
    }
    let last = out.len().saturating_sub(1);
    out.into_iter()
        .enumerate()
        .filter(|&(k, (_, w))| {
            k > 0 && k < last && w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic())
        })
        .map(|(_, word)| word)
        .collect()
}

/// The stretch with its first inner word replaced by `old` on the old side and by `new` on
/// the new side.
fn word_pair(window: &str, old: &str, new: &str) -> Option<(String, String)> {
    let (at, word) = *inner_words(window).first()?;
    let put = |by: &str| format!("{}{by}{}", &window[..at], &window[at + word.len()..]);
    Some((put(old), put(new)))
}

/// The stretch with the first inner word that `pick` accepts changed by `change` on the new
/// side.
fn change_word(
    window: &str,
    pick: fn(&str) -> bool,
    change: fn(&str) -> String,
) -> Option<(String, String)> {
    let (at, word) = inner_words(window).into_iter().find(|(_, w)| pick(w))?;
    let new = format!(
        "{}{}{}",
        &window[..at],
        change(word),
        &window[at + word.len()..]
    );
    Some((window.to_owned(), new))
}

/// The stretch with the first `from` replaced by `to` on the new side.
fn replace_first(window: &str, from: &str, to: &str) -> Option<(String, String)> {
    window
        .contains(from)
        .then(|| (window.to_owned(), window.replacen(from, to, 1)))
}

/// Whether a word opens with a capital and goes on in lower case.
fn capitalised(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_uppercase()) && word[1..].chars().all(char::is_lowercase)
}

/// The material edits of issue #20, by name.
const MATERIAL: &[(&str, Edit)] = &[
    ("G20 -> G7", |w| word_pair(w, "G20", "G7")),
    ("SDG16 -> SDG17", |w| word_pair(w, "SDG16", "SDG17")),
    ("Article5 -> Article6", |w| {
        word_pair(w, "Article5", "Article6")
    }),
    ("$100 -> €100", |w| word_pair(w, "$100", "€100")),
    ("$100 -> -$100", |w| word_pair(w, "$100", "-$100")),
    ("comma added", |w| {
        change_word(w, |_| true, |word| format!("{word},"))
    }),
    ("comma removed", |w| replace_first(w, ", ", " ")),
    ("; -> .", |w| replace_first(w, ";", ".")),
    (
        "capital to lower case (Member States -> member States)",
        |w| change_word(w, capitalised, |word| word.to_lowercase()),
    ),
    (
        "lower case to capital (States parties -> States Parties)",
        |w| {
            change_word(
                w,
                |word| word.chars().all(|c| c.is_ascii_lowercase()),
                |word| word[..1].to_uppercase() + &word[1..],
            )
        },
    ),
    ("quotation marks added", |w| {
        change_word(w, |_| true, |word| format!("“{word}”"))
    }),
];

/// Each typographic variant alone, by name.
const TYPOGRAPHIC: &[(&str, Edit)] = &[
    ("curly to straight double quotes", |w| {
        word_pair(w, "“Agenda”", "\"Agenda\"")
    }),
    ("curly to straight apostrophe", |w| {
        word_pair(w, "States’", "States'")
    }),
    ("non-breaking hyphen", |w| {
        word_pair(w, "non-binding", "non\u{2011}binding")
    }),
    ("soft hyphen", |w| {
        change_word(
            w,
            |word| word.len() >= 6,
            |word| format!("{}\u{ad}{}", &word[..3], &word[3..]),
        )
    }),
    ("ligature", |w| word_pair(w, "financial", "\u{fb01}nancial")),
    ("no-break space", |w| replace_first(w, " ", "\u{a0}")),
    ("narrow no-break space", |w| {
        replace_first(w, " ", "\u{202f}")
    }),
    ("two spaces for one", |w| replace_first(w, " ", "  ")),
    ("tab for a space", |w| replace_first(w, " ", "\t")),
];

/// Layout that the parser undoes whatever the mode, since it is how a page was set and not
/// part of the text (see `parse` in the README): a line break inside a paragraph reads as
/// one space, and words hyphenated across lines are joined.
const LAYOUT: &[(&str, Edit)] = &[
    // Before a lower-case word, which never opens a paragraph of its own.
    ("line break for a space", |w| {
        let (at, _) = inner_words(w)
            .into_iter()
            .find(|(_, word)| word.starts_with(|c: char| c.is_ascii_lowercase()))?;
        Some((w.to_owned(), format!("{}\n{}", &w[..at - 1], &w[at..])))
    }),
    // A word the text spells whole elsewhere: the parser joins the two halves of a word
    // broken across lines only when the text vouches for the whole word (see README).
    ("line-break hyphenation", |w| {
        change_word(
            w,
            |word| COMMON_WORDS.contains(&word),
            |word| format!("{}-\n{}", &word[..4], &word[4..]),
        )
    }),
];

/// Long words every edited text spells many times.
const COMMON_WORDS: &[&str] = &[
    "international",
    "cooperation",
    "implementation",
    "assistance",
    "technical",
];

/// Where in an instrument an edit is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Preambular,
    Operative,
    Item,
    Title,
    Chapeau,
    Footnote,
}

/// The places in the body.
const BODY: &[Place] = &[Place::Preambular, Place::Operative, Place::Item];

/// The places outside the body, compared by part 2 of issue #20.
const HEADERS: &[Place] = &[Place::Title, Place::Chapeau, Place::Footnote];

/// The texts of `place` in the document, in order: paragraph texts (an operative paragraph
/// without items, so that the edit is not in an item), item texts, the title, the chapeau or
/// the footnotes.
fn texts_of(document: &Document, place: Place) -> Vec<String> {
    let instrument = &document.instruments[0];
    match place {
        Place::Title => return instrument.title.iter().cloned().collect(),
        Place::Chapeau => return instrument.chapeau.iter().cloned().collect(),
        Place::Footnote => {
            return instrument
                .footnotes
                .iter()
                .map(|f| f.text.clone())
                .collect();
        }
        _ => {}
    }
    instrument
        .paragraphs
        .iter()
        .flat_map(|p| match place {
            Place::Preambular if p.kind() == Kind::Preambular => vec![p.text.clone()],
            Place::Operative if p.kind() == Kind::Operative && p.items.is_empty() => {
                vec![p.text.clone()]
            }
            Place::Item => p.items.iter().map(|i| i.text.clone()).collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// The edited file, old and new version, for `edit` made at `place` in `raw`: the first
/// stretch of a text of that place, printed once verbatim, that the edit applies to.
fn edited(raw: &str, document: &Document, place: Place, edit: Edit) -> Option<(String, String)> {
    for text in texts_of(document, place) {
        let starts = std::iter::once(0).chain(text.match_indices(' ').map(|(i, _)| i + 1));
        for start in starts {
            // A whole short text (a chapeau) is one stretch.
            let end = text[start..]
                .char_indices()
                .nth(WINDOW_CHARS)
                .map_or(text.len(), |(i, _)| start + i);
            if end == text.len() && start > 0 {
                break;
            }
            let window = &text[start..end];
            if raw.matches(window).count() != 1 {
                continue;
            }
            if let Some((old, new)) = edit(window) {
                return Some((raw.replacen(window, &old, 1), raw.replacen(window, &new, 1)));
            }
        }
    }
    None
}

/// Runs `resdiff diff OLD NEW --format json` (and `extra`); the exit status and the JSON.
fn diff(old: &Path, new: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let output = bin()
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .expect("run resdiff");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().expect("an exit status");
    assert!(code == 0 || code == 1, "trouble: {stderr}");
    let json = serde_json::from_slice(&output.stdout).expect("JSON output");
    (code, json)
}

/// The deleted and inserted texts of every change, in order.
fn edits_shown(json: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for comparison in json["comparisons"].as_array().unwrap() {
        for change in comparison["changes"].as_array().unwrap() {
            for segment in change["redline"].as_array().unwrap() {
                let op = segment["op"].as_str().unwrap();
                if op != "equal" {
                    out.push((op.to_owned(), segment["text"].as_str().unwrap().to_owned()));
                }
            }
        }
    }
    out
}

/// Whether every change of the comparison is unchanged.
fn all_unchanged(json: &serde_json::Value) -> bool {
    json["comparisons"].as_array().unwrap().iter().all(|c| {
        c["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|change| change["kind"] == "unchanged")
    })
}

/// Makes every edit of `edits` at every place of every text; calls `check` with the name of
/// the case and the two files. Each edit must apply somewhere.
fn each_case(
    test: &str,
    places: &[Place],
    edits: &[(&str, Edit)],
    check: impl Fn(&str, &Path, &Path),
) {
    let tmp = scratch(test);
    let dir = tmp.path();
    for (name, edit) in edits {
        let mut applied = 0;
        for text in TEXTS {
            let raw = fixture_text(text);
            let document = parse(&Source::from_bytes(*text, raw.clone().into_bytes()).unwrap())
                .expect("the fixture parses");
            for &place in places {
                let Some((old, new)) = edited(&raw, &document, place, *edit) else {
                    continue;
                };
                let stem = Path::new(text).file_stem().unwrap().to_string_lossy();
                let (old_path, new_path) = (
                    dir.join(format!("{stem}-old.txt")),
                    dir.join(format!("{stem}-new.txt")),
                );
                std::fs::write(&old_path, old).unwrap();
                std::fs::write(&new_path, new).unwrap();
                check(
                    &format!("{name}, {place:?} of {text}"),
                    &old_path,
                    &new_path,
                );
                applied += 1;
            }
        }
        // Every body place has room for every edit; a title or chapeau holds no ";", so
        // there one place is enough.
        let minimum = if places == HEADERS { 1 } else { places.len() };
        assert!(applied >= minimum, "{name}: made at only {applied} places");
    }
}

/// Checks that the edit between `old` and `new` exits 1 and shows in the redline.
fn assert_shown(case: &str, old: &Path, new: &Path) {
    let (code, json) = diff(old, new, &[]);
    assert_eq!(code, 1, "{case}: exit status");
    assert!(
        !edits_shown(&json).is_empty(),
        "{case}: no edit in the redline"
    );
}

#[test]
fn every_material_edit_shows_and_exits_1() {
    each_case("material", BODY, MATERIAL, assert_shown);
}

#[test]
fn every_material_edit_of_title_chapeau_and_footnotes_shows_and_exits_1() {
    each_case("material-headers", HEADERS, MATERIAL, assert_shown);
}

/// Checks that the typographic variant between `old` and `new` exits 0 and shows nothing by
/// default, and exits 1 and shows with `--strict`.
fn assert_folded_unless_strict(case: &str, old: &Path, new: &Path) {
    let (code, json) = diff(old, new, &[]);
    assert_eq!(code, 0, "{case}: exit status: {:?}", edits_shown(&json));
    assert!(all_unchanged(&json), "{case}");
    let (code, json) = diff(old, new, &["--strict"]);
    assert_eq!(code, 1, "{case}: exit status with --strict");
    assert!(
        !edits_shown(&json).is_empty(),
        "{case}: not shown with --strict"
    );
}

#[test]
fn each_typographic_variant_alone_exits_0_and_1_with_strict() {
    each_case(
        "typographic",
        BODY,
        TYPOGRAPHIC,
        assert_folded_unless_strict,
    );
}

#[test]
fn each_typographic_variant_of_title_chapeau_and_footnotes_exits_0_and_1_with_strict() {
    each_case(
        "typographic-headers",
        HEADERS,
        TYPOGRAPHIC,
        assert_folded_unless_strict,
    );
}

#[test]
fn layout_shows_in_no_mode() {
    each_case("layout", BODY, LAYOUT, |case, old, new| {
        for extra in [&[][..], &["--strict"]] {
            let (code, json) = diff(old, new, extra);
            assert_eq!(code, 0, "{case} {extra:?}: {:?}", edits_shown(&json));
            assert!(all_unchanged(&json), "{case} {extra:?}");
        }
    });
}
