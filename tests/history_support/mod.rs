//! Helpers of the history tests: segmented versions as instruments, truth alignments of
//! generated chains, the link sets a history implies, and a crude stand-in aligner.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use resdiff::align::{Alignment, Change, ChangeKind};
use resdiff::document::{Instrument, ParagraphId};
use resdiff::history::History;
use serde_json::Value;

/// A version-to-version link: (step k, old id in version k, new id in version k+1).
pub type Link = (usize, ParagraphId, ParagraphId);

/// An instrument with these paragraphs, ids given, each with its lead as the parser gives
/// it.
pub fn instrument(paragraphs: &[(ParagraphId, &str)]) -> Instrument {
    Instrument {
        chapeau: Some("The General Assembly,".to_owned()),
        ..Instrument::new(
            paragraphs
                .iter()
                .map(|(id, text)| crate::common::paragraph(*id, text))
                .collect(),
        )
    }
}

/// The true links of a generated step file `align_vN__vN+1.json`.
pub fn truth_links(path: &Path) -> Vec<(ParagraphId, ParagraphId, String, bool)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let truth: Value = serde_json::from_str(&text).unwrap();
    truth["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["old"].as_str().unwrap().parse().unwrap(),
                l["new"].as_str().unwrap().parse().unwrap(),
                l["how"].as_str().unwrap().to_owned(),
                l["moved"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

/// The truth of one generated step as an [`Alignment`]: linked paragraphs grouped into
/// changes (a split or merge is one change), the rest added or removed.
pub fn truth_alignment(path: &Path, old: &Instrument, new: &Instrument) -> Alignment {
    let links = truth_links(path);
    // Group links into connected components (old and new ids as two node kinds).
    let mut group_of_old: BTreeMap<ParagraphId, usize> = BTreeMap::new();
    let mut group_of_new: BTreeMap<ParagraphId, usize> = BTreeMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new(); // link indexes
    for (i, (o, n, _, _)) in links.iter().enumerate() {
        let g = match (group_of_old.get(o).copied(), group_of_new.get(n).copied()) {
            (Some(a), Some(b)) if a != b => {
                let moved = std::mem::take(&mut groups[b]);
                for &j in &moved {
                    group_of_old.insert(links[j].0, a);
                    group_of_new.insert(links[j].1, a);
                }
                groups[a].extend(moved);
                a
            }
            (Some(a), _) | (None, Some(a)) => a,
            (None, None) => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        groups[g].push(i);
        group_of_old.insert(*o, g);
        group_of_new.insert(*n, g);
    }
    let order = |inst: &Instrument, id: &ParagraphId| {
        inst.paragraphs.iter().position(|p| p.id == *id).unwrap()
    };
    let mut changes = Vec::new();
    for group in groups.iter().filter(|g| !g.is_empty()) {
        let mut old_ids: Vec<ParagraphId> = group.iter().map(|&i| links[i].0).collect();
        let mut new_ids: Vec<ParagraphId> = group.iter().map(|&i| links[i].1).collect();
        old_ids.sort_by_key(|id| order(old, id));
        old_ids.dedup();
        new_ids.sort_by_key(|id| order(new, id));
        new_ids.dedup();
        let identical = group.iter().all(|&i| links[i].2 == "identical");
        let old_text = texts(old, &old_ids);
        let new_text = texts(new, &new_ids);
        let similarity = word_similarity(&old_text, &new_text);
        changes.push(Change {
            kind: if identical {
                ChangeKind::Unchanged
            } else if similarity >= 0.5 {
                ChangeKind::Reworded
            } else {
                ChangeKind::Rewritten
            },
            old: old_ids,
            new: new_ids,
            similarity: if identical { 1.0 } else { similarity },
            moved: group.iter().any(|&i| links[i].3),
            why: None,
            references: None,
        });
    }
    let linked_old: BTreeSet<ParagraphId> = links.iter().map(|l| l.0).collect();
    let linked_new: BTreeSet<ParagraphId> = links.iter().map(|l| l.1).collect();
    for p in old
        .paragraphs
        .iter()
        .filter(|p| !linked_old.contains(&p.id))
    {
        changes.push(lone(ChangeKind::Removed, vec![p.id], vec![]));
    }
    for p in new
        .paragraphs
        .iter()
        .filter(|p| !linked_new.contains(&p.id))
    {
        changes.push(lone(ChangeKind::Added, vec![], vec![p.id]));
    }
    Alignment { changes }
}

fn lone(kind: ChangeKind, old: Vec<ParagraphId>, new: Vec<ParagraphId>) -> Change {
    Change {
        kind,
        old,
        new,
        similarity: 0.0,
        moved: false,
        why: None,
        references: None,
    }
}

fn texts(inst: &Instrument, ids: &[ParagraphId]) -> String {
    ids.iter()
        .map(|id| inst.paragraph(*id).unwrap().text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Ratio of matching words (similar's ratio over lower-cased words).
pub fn word_similarity(a: &str, b: &str) -> f64 {
    let a: Vec<String> = resdiff::tokens::words(a).map(str::to_lowercase).collect();
    let b: Vec<String> = resdiff::tokens::words(b).map(str::to_lowercase).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
    f64::from(similar::diff_ratio(&ops, a.len(), b.len()))
}

/// Overlap of the lower-cased word sets (cheap enough to run on all pairs).
fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

fn word_set(text: &str) -> BTreeSet<String> {
    resdiff::tokens::words(text)
        .map(str::to_lowercase)
        .collect()
}

/// Every link a history's lineages imply: for each cell's changes, old × new.
pub fn lineage_links(history: &History) -> BTreeSet<Link> {
    let mut links = BTreeSet::new();
    for step in 0..history.versions.len().saturating_sub(1) {
        for change in history.step_changes(step) {
            for o in &change.old {
                for n in &change.new {
                    links.insert((step, *o, *n));
                }
            }
        }
    }
    links
}

/// Precision and recall of `got` against `want`.
pub fn precision_recall(got: &BTreeSet<Link>, want: &BTreeSet<Link>) -> (f64, f64) {
    let hit = got.intersection(want).count() as f64;
    let precision = if got.is_empty() {
        1.0
    } else {
        hit / got.len() as f64
    };
    let recall = if want.is_empty() {
        1.0
    } else {
        hit / want.len() as f64
    };
    (precision, recall)
}

/// A crude stand-in aligner for tests (quadratic, one-to-one only): identical texts first,
/// then greedy best word-set overlap at or above one half. Not the project's aligner.
pub fn crude_align(old: &Instrument, new: &Instrument) -> Alignment {
    let sets = |inst: &Instrument| -> Vec<BTreeSet<String>> {
        inst.paragraphs.iter().map(|p| word_set(&p.text)).collect()
    };
    let (old_sets, new_sets) = (sets(old), sets(new));
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, o) in old.paragraphs.iter().enumerate() {
        for (j, n) in new.paragraphs.iter().enumerate() {
            let s = if o.text == n.text {
                1.0
            } else {
                jaccard(&old_sets[i], &new_sets[j])
            };
            if s >= 0.5 {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_old, mut used_new) = (
        vec![false; old.paragraphs.len()],
        vec![false; new.paragraphs.len()],
    );
    let mut changes = Vec::new();
    for (s, i, j) in pairs {
        if used_old[i] || used_new[j] {
            continue;
        }
        used_old[i] = true;
        used_new[j] = true;
        changes.push(Change {
            kind: if old.paragraphs[i].text == new.paragraphs[j].text {
                ChangeKind::Unchanged
            } else if s >= 0.7 {
                ChangeKind::Reworded
            } else {
                ChangeKind::Rewritten
            },
            old: vec![old.paragraphs[i].id],
            new: vec![new.paragraphs[j].id],
            similarity: s,
            moved: false,
            why: None,
            references: None,
        });
    }
    for (i, p) in old.paragraphs.iter().enumerate() {
        if !used_old[i] {
            changes.push(lone(ChangeKind::Removed, vec![p.id], vec![]));
        }
    }
    for (j, p) in new.paragraphs.iter().enumerate() {
        if !used_new[j] {
            changes.push(lone(ChangeKind::Added, vec![], vec![p.id]));
        }
    }
    Alignment { changes }
}
