//! Helpers of the aligner's tests: instruments from segmentation files, truth files, scores.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use resdiff::{Alignment, Instrument, Paragraph, ParagraphId};

use crate::common::load_seg;
use serde_json::Value;

/// A folder of `tests/fixtures/align/`.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/align")
        .join(name)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An instrument with these `(id, text)` paragraphs (PP first, then OP, as listed).
pub fn instrument(paragraphs: &[(&str, &str)]) -> Instrument {
    Instrument::new(
        paragraphs
            .iter()
            .map(|(id, text)| Paragraph::new(id.parse().expect("paragraph id"), *text))
            .collect(),
    )
}

/// A link list with added and removed ids, as `gen_versions.py` writes its truth.
#[derive(Debug, Default)]
pub struct Links {
    /// `(old, new, how)`; how is empty for predictions.
    pub links: Vec<(String, String, String)>,
    pub added: BTreeSet<String>,
    pub removed: BTreeSet<String>,
}

/// A truth file of a synthetic chain.
pub fn load_truth(path: &Path) -> Links {
    let t = read_json(path);
    let strings = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    Links {
        links: t["links"]
            .as_array()
            .expect("links")
            .iter()
            .map(|l| {
                (
                    l["old"].as_str().unwrap().to_owned(),
                    l["new"].as_str().unwrap().to_owned(),
                    l["how"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect(),
        added: strings(&t["added"]),
        removed: strings(&t["removed"]),
    }
}

/// The links of an alignment: every (old, new) pair of every change with both sides.
pub fn links_of(alignment: &Alignment) -> Links {
    let mut out = Links::default();
    for c in &alignment.changes {
        match (c.old.as_slice(), c.new.as_slice()) {
            ([], new) => out.added.extend(new.iter().map(ParagraphId::to_string)),
            (old, []) => out.removed.extend(old.iter().map(ParagraphId::to_string)),
            (old, new) => {
                for o in old {
                    for n in new {
                        out.links
                            .push((o.to_string(), n.to_string(), String::new()));
                    }
                }
            }
        }
    }
    out
}

/// Micro-averaged counts, as `score_alignment.py` sums them.
#[derive(Debug, Default, Clone)]
pub struct Score {
    /// Truth links found and truth links, by how the truth says the paragraph fared
    /// (identical, reworded, rewritten, split, merged).
    pub by_how: std::collections::BTreeMap<String, [usize; 2]>,
    pub tp: usize,
    pub pred: usize,
    pub truth: usize,
    pub add: [usize; 3],
    pub rem: [usize; 3],
    pub split: [usize; 2],
    pub merged: [usize; 2],
    pub pairs: usize,
}

fn f1(tp: usize, pred: usize, truth: usize) -> (f64, f64, f64) {
    let p = if pred > 0 {
        tp as f64 / pred as f64
    } else if truth == 0 {
        1.0
    } else {
        0.0
    };
    let r = if truth > 0 {
        tp as f64 / truth as f64
    } else {
        1.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl Score {
    /// Adds one pair's truth and prediction.
    pub fn add(&mut self, truth: &Links, pred: &Links) {
        let t: BTreeSet<(&str, &str)> = truth
            .links
            .iter()
            .map(|l| (l.0.as_str(), l.1.as_str()))
            .collect();
        let p: BTreeSet<(&str, &str)> = pred
            .links
            .iter()
            .map(|l| (l.0.as_str(), l.1.as_str()))
            .collect();
        self.tp += t.intersection(&p).count();
        self.pred += p.len();
        self.truth += t.len();
        for (acc, ts, ps) in [
            (&mut self.add, &truth.added, &pred.added),
            (&mut self.rem, &truth.removed, &pred.removed),
        ] {
            acc[0] += ts.intersection(ps).count();
            acc[1] += ps.len();
            acc[2] += ts.len();
        }
        for (o, n, how) in &truth.links {
            let hit = usize::from(p.contains(&(o.as_str(), n.as_str())));
            let counts = self.by_how.entry(how.clone()).or_default();
            counts[0] += hit;
            counts[1] += 1;
            match how.as_str() {
                "split" => {
                    self.split[0] += hit;
                    self.split[1] += 1;
                }
                "merged" => {
                    self.merged[0] += hit;
                    self.merged[1] += 1;
                }
                _ => {}
            }
        }
        self.pairs += 1;
    }

    /// Link precision, recall, F1.
    pub fn links(&self) -> (f64, f64, f64) {
        f1(self.tp, self.pred, self.truth)
    }
    pub fn added_f1(&self) -> f64 {
        f1(self.add[0], self.add[1], self.add[2]).2
    }
    pub fn removed_f1(&self) -> f64 {
        f1(self.rem[0], self.rem[1], self.rem[2]).2
    }
    pub fn split_recall(&self) -> f64 {
        f1(self.split[0], self.split[0], self.split[1]).1
    }
    pub fn merged_recall(&self) -> f64 {
        f1(self.merged[0], self.merged[0], self.merged[1]).1
    }
    /// Recall of the truth links of one kind ("rewritten"); 1.0 when there are none.
    pub fn recall_of(&self, how: &str) -> f64 {
        let [hit, all] = self.by_how.get(how).copied().unwrap_or_default();
        f1(hit, hit, all).1
    }
    /// Precision of the removed (or added) paragraphs said.
    pub fn removed_precision(&self) -> f64 {
        f1(self.rem[0], self.rem[1], self.rem[2]).0
    }
    pub fn added_precision(&self) -> f64 {
        f1(self.add[0], self.add[1], self.add[2]).0
    }

    /// Recall by kind and added/removed precision, for reports.
    pub fn kinds_line(&self) -> String {
        let kinds: Vec<String> = self
            .by_how
            .iter()
            .map(|(how, [hit, all])| format!("{how} {hit}/{all}"))
            .collect();
        format!(
            "recall by kind: {}; removed P {:.4} ({}/{}, truth {}), added P {:.4} ({}/{}, truth {})",
            kinds.join(", "),
            self.removed_precision(),
            self.rem[0],
            self.rem[1],
            self.rem[2],
            self.added_precision(),
            self.add[0],
            self.add[1],
            self.add[2]
        )
    }

    /// One line for reports.
    pub fn line(&self) -> String {
        let (p, r, f) = self.links();
        format!(
            "{} pairs: links P {p:.4} R {r:.4} F1 {f:.4} (tp {}, pred {}, truth {}); split {}/{}, merged {}/{}; added F1 {:.4}, removed F1 {:.4}",
            self.pairs,
            self.tp,
            self.pred,
            self.truth,
            self.split[0],
            self.split[1],
            self.merged[0],
            self.merged[1],
            self.added_f1(),
            self.removed_f1()
        )
    }
}

/// Aligns every consecutive pair of a chain folder and scores it against its truth.
pub fn score_chain(dir: &Path, score: &mut Score) {
    let mut v = 0;
    while dir.join(format!("v{}.seg.json", v + 1)).exists() {
        let old = load_seg(&dir.join(format!("v{v}.seg.json")));
        let new = load_seg(&dir.join(format!("v{}.seg.json", v + 1)));
        let truth = load_truth(&dir.join(format!("align_v{v}__v{}.json", v + 1)));
        let alignment = resdiff::align(&old, &new, &report_options());
        score.add(&truth, &links_of(&alignment));
        v += 1;
    }
}

/// The aligner's options, with `rewrite_min` and `link_min` taken from `RESDIFF_REWRITE_MIN`
/// and `RESDIFF_LINK_MIN` when set: for trying thresholds in the reports without rebuilding.
pub fn report_options() -> resdiff::AlignOptions {
    let mut options = resdiff::AlignOptions::default();
    let from_env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = from_env("RESDIFF_REWRITE_MIN") {
        options.rewrite_min = v;
    }
    if let Some(v) = from_env("RESDIFF_LINK_MIN") {
        options.link_min = v;
    }
    options
}
