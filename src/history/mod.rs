//! Stage 5: the history of an instrument over many versions (`resdiff history V1 ... VN`).
//!
//! Consecutive versions are aligned pairwise (2014 → 2016, 2016 → 2018, ...) and the
//! alignments are chained into *lineages*: the line of descent of a paragraph, such as
//! 2014 OP9 → 2016 OP12 → 2018 OP20 → 2023 OP30, with where it was born, where it died, where
//! it split or merged and how much it changed at every step. [`drift`] then reads the
//! lineages for language drift: phrases that entered or left the text, and operative openers
//! that changed strength ("Invites" → "Encourages" → "Urges").
//!
//! # The lineage model
//!
//! Take the graph whose nodes are the paragraphs of every version and whose edges join the
//! paragraphs of each [`Change`] of each pairwise alignment. A **lineage is one connected
//! component** of that graph. So:
//!
//! - a lineage has one [`Cell`] per version from the one where it was born up to the last
//!   where it is present, plus, when it dies before the newest version, one last empty cell
//!   (change [`CellChange::Died`]) in the version where it is first absent;
//! - every paragraph of every version is in exactly one cell of exactly one lineage, and no
//!   lineage uses a paragraph twice;
//! - a split *continues* the lineage: the next cell holds several ids (`OP3` → `OP3`+`OP4`),
//!   and a merge joins two lineages into one from their start (the component is the union);
//!   lineages never fork, so there are no parent pointers to follow;
//! - every cell keeps the [`Change`]s of the step that led into it (its `changes`: the links
//!   from the previous cell, plus any paragraph of the previous cell removed at this step or
//!   paragraph added into a cell that continues), so **following a lineage pairwise gives
//!   back the pairwise alignments exactly**: the changes of step k → k+1 over all lineages are
//!   the alignment of versions k and k+1 (see [`History::step_changes`]).
//!
//! - a cell's [`Cell::change`] sums up the step for the whole cell, and its
//!   [`Cell::marks`] say it per paragraph: each paragraph of the cell as born, unchanged,
//!   reworded, a piece of a split, merged ..., then each paragraph of the previous cell
//!   removed at this step. A cell "split" may thus hold a new paragraph too, and a cell
//!   "merged" may hide a removal only in its summary.
//!
//! Components stay small in practice because splits and merges are rare; a cell holding
//! several ids is how the table shows that two paragraphs share a history.
//!
//! # Example
//!
//! ```
//! use resdiff::align::{Alignment, Change, ChangeKind};
//! use resdiff::document::{Instrument, Paragraph, ParagraphId};
//! use resdiff::history::{Version, history_with};
//!
//! /// One operative paragraph with its lead, as the parser gives it.
//! fn instrument(lead: &str, text: &str) -> Instrument {
//!     let paragraph = Paragraph { lead: lead.to_owned(), ..Paragraph::new(ParagraphId::op(1), text) };
//!     Instrument::new(vec![paragraph])
//! }
//! let v1 = instrument("Invites", "Invites States to act;");
//! let v2 = instrument("Urges", "Urges States to act;");
//! let versions = [Version::new(&v1, "2014.txt"), Version::new(&v2, "2016.txt")];
//! let history = history_with(&versions, |_, _| Alignment {
//!     changes: vec![Change {
//!         kind: ChangeKind::Reworded,
//!         old: vec![ParagraphId::op(1)],
//!         new: vec![ParagraphId::op(1)],
//!         similarity: 0.8,
//!         moved: false,
//!         why: None,
//!         references: None,
//!     }],
//! });
//! assert_eq!(history.lineages.len(), 1);
//! assert_eq!(history.versions[0].label, "2014");
//! assert_eq!(history.drift.openers[0].direction, resdiff::history::drift::Direction::Stronger);
//! ```

use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use crate::align::{self, AlignOptions, Alignment, Change, ChangeKind, round_score};
use crate::document::{Instrument, Kind, Paragraph, ParagraphId};
use crate::fold;
use crate::hash::FastMap;
use crate::parallel;
use crate::redline::{self, RedlineChange};

pub mod drift;
pub(crate) mod lexicon;
mod series;

pub use drift::Drift;
pub use series::pick_series;

/// One version given to [`history`]: an instrument, the file it came from and an optional
/// label that overrides the derived one.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// The instrument picked from the document.
    pub instrument: &'a Instrument,
    /// The document's file name, as the user gave it.
    pub file: &'a str,
    /// A label chosen by the user ("2016", "Rev.1"); when `None`, [`Version::label`] derives
    /// one from the document.
    pub label: Option<&'a str>,
}

impl<'a> Version<'a> {
    /// A version whose label is derived from the document.
    pub fn new(instrument: &'a Instrument, file: &'a str) -> Version<'a> {
        Version {
            instrument,
            file,
            label: None,
        }
    }

    /// The label of the version in column headers: the user's label, else the instrument's
    /// symbol ("A/RES/69/197"), else the first year (19xx or 20xx) in its title, else the
    /// first year in the file name, else "v1", "v2", ... (`index` is 0-based).
    pub fn label(&self, index: usize) -> String {
        if let Some(label) = self.label {
            return label.to_owned();
        }
        if let Some(symbol) = &self.instrument.symbol {
            return symbol.clone();
        }
        self.instrument
            .title
            .as_deref()
            .and_then(find_year)
            .or_else(|| find_year(self.file))
            .map(str::to_owned)
            .unwrap_or_else(|| format!("v{}", index + 1))
    }
}

/// The first stand-alone four-digit year 1900-2099 in `text`.
fn find_year(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let candidate = &bytes[i..i + 4];
        let digits = candidate.iter().all(u8::is_ascii_digit);
        let century = candidate.starts_with(b"19") || candidate.starts_with(b"20");
        let before = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (digits && century && before && after).then(|| &text[i..i + 4])
    })
}

/// What one version is, as the history reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionInfo {
    /// The column label: "A/RES/69/197", "2016".
    pub label: String,
    /// The input file name.
    pub file: String,
    /// The instrument's short name (label, else title).
    pub instrument: String,
    /// Every paragraph of the version as parsed, in text order (not in the JSON: the
    /// `parse` output has them).
    #[serde(skip)]
    pub paragraphs: Vec<Paragraph>,
}

impl VersionInfo {
    /// A paragraph of this version.
    pub fn paragraph(&self, id: ParagraphId) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.id == id)
    }

    /// The text of a paragraph of this version.
    pub fn text(&self, id: ParagraphId) -> Option<&str> {
        self.paragraph(id).map(|p| p.text.as_str())
    }
}

/// How a lineage fared in the step that led into a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellChange {
    /// First cell of the lineage (in the oldest version too).
    Born,
    /// Same words.
    Unchanged,
    /// Edited, most wording kept.
    Reworded,
    /// Most of the wording changed.
    Rewritten,
    /// One paragraph became several.
    Split,
    /// Several paragraphs became one.
    Merged,
    /// Splits and merges in one step, or several paragraphs became several.
    Regrouped,
    /// Empty cell: the lineage's paragraphs were all removed at this step.
    Died,
}

impl CellChange {
    /// The one-character ASCII mark of the change in the `text` table.
    pub fn mark(self) -> char {
        match self {
            CellChange::Born => '+',
            CellChange::Unchanged => '=',
            CellChange::Reworded => '~',
            CellChange::Rewritten => '!',
            CellChange::Split => '<',
            CellChange::Merged => '>',
            CellChange::Regrouped => '#',
            CellChange::Died => 'x',
        }
    }
}

/// The mark written after a paragraph id when the paragraph moved among its neighbours.
pub const MOVED_MARK: char = '^';

/// What happened to one paragraph in the step that led into a cell: a cell with several
/// paragraphs has one summary [`Cell::change`], and these say which of its paragraphs is
/// new, which is a piece of a split, and which paragraph of the previous version was removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphMark {
    /// The paragraph: of the cell's version, or of the previous version when it was removed
    /// at this step (change [`CellChange::Died`]).
    pub paragraph: ParagraphId,
    /// The version the paragraph belongs to (the cell's, or the one before for a removal).
    pub version: usize,
    /// Born (added at this step, or in the lineage's first cell), unchanged, reworded,
    /// rewritten, split (one piece of a split paragraph), merged (what several paragraphs
    /// became), regrouped (several paragraphs became several) or died (removed).
    pub change: CellChange,
    /// The paragraphs of the previous version it came from, in text order (empty when born
    /// or died).
    pub from: Vec<ParagraphId>,
    /// Similarity of the link it came by, rounded to 3 decimals; none when born or died.
    pub similarity: Option<f64>,
    /// Whether that link moved relative to its neighbours.
    pub moved: bool,
}

/// A lineage in one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Index of the version in [`History::versions`].
    pub version: usize,
    /// The paragraphs of the lineage in this version, in text order; empty in a died cell.
    pub paragraphs: Vec<ParagraphId>,
    /// How the lineage changed in the step that led here, summed up for the whole cell (its
    /// [`Cell::marks`] say it per paragraph).
    pub change: CellChange,
    /// Mean similarity of the links of that step, rounded to 3 decimals; none for born and
    /// died cells.
    pub similarity: Option<f64>,
    /// Whether a link of that step moved relative to its neighbours.
    pub moved: bool,
    /// One mark per paragraph: each paragraph of the cell in text order, then each paragraph
    /// of the previous cell removed at this step.
    pub marks: Vec<ParagraphMark>,
    /// The exact changes of the step from the previous version that belong to this lineage
    /// (in a first cell: the Added changes that created it, none in the oldest version),
    /// each with its word redline (not in the JSON: the `diff` of the two versions has it).
    #[serde(serialize_with = "serialize_changes")]
    pub changes: Vec<RedlineChange>,
}

/// One line of descent through the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lineage {
    /// "L1", "L2", ... numbered by first appearance (stable whatever the display order).
    pub id: String,
    /// The version where it first appears.
    pub born: usize,
    /// The first version where it is absent again, if it died.
    pub died: Option<usize>,
    /// One cell per version from `born` on, contiguous (a died cell last when it died).
    pub cells: Vec<Cell>,
}

impl Lineage {
    /// The cell of a version, if the lineage spans it.
    pub fn cell(&self, version: usize) -> Option<&Cell> {
        version
            .checked_sub(self.born)
            .and_then(|i| self.cells.get(i))
    }
}

/// The order of [`History::lineages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineageOrder {
    /// By the version where each lineage was born, then by its first paragraph's position
    /// there (the order of the lineage ids).
    #[default]
    FirstAppearance,
    /// Lineages alive in the newest version by their position in it, then those that died,
    /// by first appearance.
    Newest,
}

/// The history of an instrument over several versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// The versions, oldest first.
    pub versions: Vec<VersionInfo>,
    /// The order of `lineages`.
    pub order: LineageOrder,
    /// Every lineage.
    pub lineages: Vec<Lineage>,
    /// Language drift over the versions.
    pub drift: Drift,
    /// When the history was narrowed by [`History::only`], the kind of paragraph it keeps.
    pub only: Option<Kind>,
    /// Whether the changes of its cells carry their word redlines ([`Redlines`]); the HTML
    /// format needs them.
    #[serde(skip)]
    pub redlined: bool,
}

impl History {
    /// Reorders the lineages.
    pub fn sort(&mut self, order: LineageOrder) {
        self.order = order;
        let last = self.versions.len().saturating_sub(1);
        let positions = positions_by_version(&self.versions);
        let first_key = |l: &Lineage| (l.born, lineage_number(&l.id));
        match order {
            LineageOrder::FirstAppearance => self.lineages.sort_by_key(first_key),
            LineageOrder::Newest => self.lineages.sort_by_key(|l| {
                let newest = l
                    .cell(last)
                    .and_then(|c| c.paragraphs.first())
                    .and_then(|id| positions.get(last)?.get(id).copied());
                match newest {
                    Some(position) => (0, position, first_key(l)),
                    None => (1, 0, first_key(l)),
                }
            }),
        }
    }

    /// Every change of the step from version `step` to version `step + 1`, gathered from
    /// the lineages: the pairwise alignment the history was built from, in lineage order.
    pub fn step_changes(&self, step: usize) -> Vec<&Change> {
        self.lineages
            .iter()
            .filter_map(|l| l.cell(step + 1))
            .flat_map(|c| &c.changes)
            .map(|rc| &rc.change)
            .collect()
    }

    /// The history narrowed to the lineages that hold a paragraph of `kind` in some version
    /// (a lineage that moved between preamble and operative part is kept whole), with the
    /// drift found in them. Which phrases are new or gone is still judged on the whole text.
    pub fn only(&self, kind: Kind) -> History {
        let lineages: Vec<Lineage> = self
            .lineages
            .iter()
            .filter(|l| {
                l.cells
                    .iter()
                    .flat_map(|c| &c.marks)
                    .any(|m| m.paragraph.kind == kind)
            })
            .cloned()
            .collect();
        let drift = drift::drift(&self.versions, &lineages);
        History {
            versions: self.versions.clone(),
            order: self.order,
            lineages,
            drift,
            only: Some(kind),
            redlined: self.redlined,
        }
    }

    /// The lineage holding a paragraph of a version.
    pub fn lineage_of(&self, version: usize, id: ParagraphId) -> Option<&Lineage> {
        self.lineages
            .iter()
            .find(|l| l.cell(version).is_some_and(|c| c.paragraphs.contains(&id)))
    }
}

fn lineage_number(id: &str) -> usize {
    id.trim_start_matches('L').parse().unwrap_or(usize::MAX)
}

/// A cell's changes as the `diff` JSON writes a change, without their redlines.
fn serialize_changes<S: Serializer>(
    changes: &[RedlineChange],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(changes.iter().map(|rc| &rc.change))
}

/// The history of `versions` (oldest first), each consecutive pair aligned as
/// [`crate::align::align`] aligns it and every change redlined as `options` folds.
pub fn history(versions: &[Version<'_>], options: &AlignOptions) -> History {
    history_for(versions, options, Redlines::Made)
}

/// Whether the changes of a history carry their word redlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Redlines {
    /// Every change gets its word redline, as [`crate::redline::redline_with`] makes it: what
    /// the HTML format shows when a cell is opened.
    #[default]
    Made,
    /// No change gets one (its segments are empty): the text, terminal, Markdown and JSON
    /// formats show the lineages, marks and drift only, and the word diffs are a third of
    /// the work of a history.
    Skipped,
}

/// [`history`], the word redlines made or skipped ([`History::redlined`] says which).
///
/// The steps (alignment and redlines of each consecutive pair) are independent of one
/// another and of the words the drift reads, so they are spread over the machine's cores.
pub fn history_for(
    versions: &[Version<'_>],
    options: &AlignOptions,
    redlines: Redlines,
) -> History {
    // Each version is read for the aligner once, though the middle ones are in two steps
    // (the new version of one, the old of the next): by whichever step comes first. Most
    // paragraphs of a version have the text of the same paragraph in the next (chain10:
    // 408 distinct texts in 1,145 paragraphs), so a version is read beside a neighbour
    // already read, its shared paragraphs' words copied rather than read again. Only a
    // neighbour already read, never one waited for: a chain of versions each read beside
    // the one before would put the reading on one core.
    let prepared: Vec<OnceLock<align::Prepared<'_>>> =
        versions.iter().map(|_| OnceLock::new()).collect();
    let prepare = |k: usize| {
        prepared[k].get_or_init(|| {
            let instrument = versions[k].instrument;
            let neighbours = [k.checked_sub(1), Some(k + 1)];
            let read_neighbour = neighbours
                .into_iter()
                .flatten()
                .find_map(|n| prepared.get(n)?.get());
            match read_neighbour {
                Some(neighbour) => align::Prepared::beside(instrument, neighbour),
                None => align::Prepared::new(instrument),
            }
        })
    };
    let paragraphs: Vec<&[Paragraph]> = versions
        .iter()
        .map(|v| v.instrument.paragraphs.as_slice())
        .collect();
    // One list of jobs for all the cores, the longest first: with a pool of their own
    // (the steps on one thread and their workers, the drift's words on another), three
    // threads shared two cores and the drift's thread, starved, finished last. The odd
    // steps (1 -> 2, 3 -> 4, ...) come first and read the versions, two each; the even
    // ones, which find both their versions read, are the short jobs that even out the end.
    let step_order = (1..versions.len())
        .step_by(2)
        .chain((2..versions.len()).step_by(2));
    let jobs: Vec<Job> = [Job::Tables, Job::Infos]
        .into_iter()
        .chain(step_order.map(Job::Step))
        .collect();
    let done = parallel::map(&jobs, true, |job| match *job {
        Job::Tables => Done::Tables(Box::new(drift::Tables::read(&paragraphs))),
        Job::Infos => Done::Infos(version_infos(versions)),
        Job::Step(k) => {
            // The old version first: the new one is then read beside it if no other
            // neighbour was.
            let old = prepare(k - 1);
            let new = prepare(k);
            Done::Step(
                k,
                step(
                    versions[k - 1].instrument,
                    versions[k].instrument,
                    &align::align_prepared(old, new, options),
                    redlines,
                    options.fold,
                ),
            )
        }
    });
    let mut tables = None;
    let mut infos = Vec::new();
    let mut steps: Vec<Vec<RedlineChange>> = vec![Vec::new(); versions.len().saturating_sub(1)];
    for output in done {
        match output {
            Done::Tables(read) => tables = Some(read),
            Done::Infos(read) => infos = read,
            Done::Step(k, changes) => steps[k - 1] = changes,
        }
    }
    let tables = tables.expect("the drift's words are read by one of the jobs");
    let lineages = chain(&infos, steps);
    let drift = drift::drift_with(&tables, &infos, &lineages);
    drop(tables);
    assemble(infos, lineages, drift, redlines)
}

/// One job of [`history_for`].
enum Job {
    /// Reading the words of the drift.
    Tables,
    /// Writing what the history reports of each version.
    Infos,
    /// Aligning version `k - 1` with version `k`, and redlining the changes.
    Step(usize),
}

/// What a [`Job`] gives.
enum Done<'t> {
    Tables(Box<drift::Tables<'t>>),
    Infos(Vec<VersionInfo>),
    /// The changes of step `k`.
    Step(usize, Vec<RedlineChange>),
}

/// The history of `versions` (oldest first), each consecutive pair aligned by `aligner`:
/// for tests and callers that bring their own alignments. Its redlines fold the typographic
/// variants.
///
/// The aligner is called once per consecutive pair, oldest pair first, on the calling
/// thread. An alignment is trusted as the aligner's contract says (every paragraph in exactly
/// one change); ids it names that the instrument lacks are ignored, and a paragraph it
/// forgets is treated as added (or removed).
pub fn history_with(
    versions: &[Version<'_>],
    aligner: impl Fn(&Instrument, &Instrument) -> Alignment,
) -> History {
    let aligned: Vec<(&Instrument, &Instrument, Alignment)> = versions
        .windows(2)
        .map(|pair| {
            let (old, new) = (pair[0].instrument, pair[1].instrument);
            (old, new, aligner(old, new))
        })
        .collect();
    let steps = parallel::map(&aligned, true, |(old, new, alignment)| {
        step(old, new, alignment, Redlines::Made, fold::Mode::default())
    });
    build(versions, steps, Redlines::Made)
}

/// The changes of one step, each with its word redline showing the differences `mode`
/// counts, or with none.
fn step(
    old: &Instrument,
    new: &Instrument,
    alignment: &Alignment,
    redlines: Redlines,
    mode: fold::Mode,
) -> Vec<RedlineChange> {
    match redlines {
        Redlines::Made => redline::redline_with(old, new, alignment, mode),
        Redlines::Skipped => alignment
            .changes
            .iter()
            .map(|change| RedlineChange {
                change: change.clone(),
                segments: Vec::new(),
                coarse: false,
            })
            .collect(),
    }
}

/// The history of `versions` from the changes of each step.
fn build(versions: &[Version<'_>], steps: Vec<Vec<RedlineChange>>, redlines: Redlines) -> History {
    let infos = version_infos(versions);
    let lineages = chain(&infos, steps);
    let drift = drift::drift(&infos, &lineages);
    assemble(infos, lineages, drift, redlines)
}

/// What the history reports of each version.
fn version_infos(versions: &[Version<'_>]) -> Vec<VersionInfo> {
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| VersionInfo {
            label: v.label(i),
            file: v.file.to_owned(),
            instrument: v.instrument.display_name(),
            paragraphs: v.instrument.paragraphs.clone(),
        })
        .collect()
}

/// The history in its first-appearance order.
fn assemble(
    versions: Vec<VersionInfo>,
    lineages: Vec<Lineage>,
    drift: Drift,
    redlines: Redlines,
) -> History {
    History {
        versions,
        order: LineageOrder::FirstAppearance,
        lineages,
        drift,
        only: None,
        redlined: redlines == Redlines::Made,
    }
}

/// A tiny union-find over the paragraphs of all versions.
struct Components {
    parent: Vec<usize>,
}

impl Components {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller root wins so that the result does not depend on the order of unions.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

/// For each version, every paragraph's position in its text order.
fn positions_by_version(versions: &[VersionInfo]) -> Vec<FastMap<ParagraphId, usize>> {
    versions
        .iter()
        .map(|v| {
            v.paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id, i))
                .collect()
        })
        .collect()
}

/// Chains the pairwise alignments (the redlined changes of each step) into lineages; linear
/// in the number of paragraphs and changes (near enough: union-find).
fn chain(versions: &[VersionInfo], steps: Vec<Vec<RedlineChange>>) -> Vec<Lineage> {
    // Node numbering: all paragraphs of version 0, then version 1, ...
    let mut offset = Vec::with_capacity(versions.len() + 1);
    let mut total = 0;
    for v in versions {
        offset.push(total);
        total += v.paragraphs.len();
    }
    offset.push(total);
    let index = positions_by_version(versions);
    let node = |version: usize, id: &ParagraphId| -> Option<usize> {
        index[version].get(id).map(|i| offset[version] + i)
    };

    let mut components = Components {
        parent: (0..total).collect(),
    };
    for (step, changes) in steps.iter().enumerate() {
        for change in changes.iter().map(|rc| &rc.change) {
            let mut nodes = change_nodes(change, step, &node);
            if let Some(mut previous) = nodes.next() {
                for n in nodes {
                    components.union(previous, n);
                    previous = n;
                }
            }
        }
    }

    // Group the nodes by component; a component's lineage number follows the order of its
    // smallest node, which is its first paragraph in its first version.
    let mut lineage_of_root: Vec<usize> = vec![usize::MAX; total];
    let mut members: Vec<Vec<usize>> = Vec::new();
    for n in 0..total {
        let root = components.find(n);
        if lineage_of_root[root] == usize::MAX {
            lineage_of_root[root] = members.len();
            members.push(Vec::new());
        }
        members[lineage_of_root[root]].push(n);
    }
    let version_of = |n: usize| offset.partition_point(|&o| o <= n) - 1;

    let mut lineages: Vec<Lineage> = members
        .iter()
        .enumerate()
        .map(|(i, nodes)| {
            let born = version_of(nodes[0]);
            let last = version_of(nodes[nodes.len() - 1]);
            let mut cells: Vec<Cell> = (born..=last)
                .map(|version| Cell {
                    version,
                    paragraphs: Vec::new(),
                    change: CellChange::Born,
                    similarity: None,
                    moved: false,
                    marks: Vec::new(),
                    changes: Vec::new(),
                })
                .collect();
            for &n in nodes {
                let v = version_of(n);
                cells[v - born]
                    .paragraphs
                    .push(versions[v].paragraphs[n - offset[v]].id);
            }
            let died = (last + 1 < versions.len()).then_some(last + 1);
            if let Some(version) = died {
                cells.push(Cell {
                    version,
                    paragraphs: Vec::new(),
                    change: CellChange::Died,
                    similarity: None,
                    moved: false,
                    marks: Vec::new(),
                    changes: Vec::new(),
                });
            }
            Lineage {
                id: format!("L{}", i + 1),
                born,
                died,
                cells,
            }
        })
        .collect();

    // Hand every change to the cell it leads into.
    for (step, changes) in steps.into_iter().enumerate() {
        for change in changes {
            let Some(first) = change_nodes(&change.change, step, &node).next() else {
                continue;
            };
            // A lineage's cells are of consecutive versions from the one it was born in.
            let lineage = &mut lineages[lineage_of_root[components.find(first)]];
            let cell = (step + 1)
                .checked_sub(lineage.born)
                .and_then(|i| lineage.cells.get_mut(i));
            if let Some(cell) = cell {
                cell.changes.push(change);
            }
        }
    }
    for lineage in &mut lineages {
        for i in 0..lineage.cells.len() {
            let (before, rest) = lineage.cells.split_at_mut(i);
            let cell = &mut rest[0];
            if cell.version > lineage.born && cell.change != CellChange::Died {
                summarize(cell);
            }
            let previous = before.last().map_or(&[][..], |c| c.paragraphs.as_slice());
            cell.marks = paragraph_marks(cell, previous);
        }
    }
    lineages
}

/// The mark of every paragraph of a cell, then of every paragraph of the previous cell that
/// no link carries on (removed at this step). A paragraph no link leads to is born.
fn paragraph_marks(cell: &Cell, previous: &[ParagraphId]) -> Vec<ParagraphMark> {
    let links = || {
        cell.changes
            .iter()
            .map(|rc| &rc.change)
            .filter(|c| !c.old.is_empty() && !c.new.is_empty())
    };
    let present = cell
        .paragraphs
        .iter()
        .map(|&id| match links().find(|c| c.new.contains(&id)) {
            Some(link) => ParagraphMark {
                paragraph: id,
                version: cell.version,
                change: link_change(link),
                from: link.old.clone(),
                similarity: Some(round_score(link.similarity)),
                moved: link.moved,
            },
            None => ParagraphMark {
                paragraph: id,
                version: cell.version,
                change: CellChange::Born,
                from: Vec::new(),
                similarity: None,
                moved: false,
            },
        });
    let removed = previous
        .iter()
        .filter(|id| !links().any(|c| c.old.contains(id)))
        .map(|&id| ParagraphMark {
            paragraph: id,
            version: cell.version - 1,
            change: CellChange::Died,
            from: Vec::new(),
            similarity: None,
            moved: false,
        });
    present.chain(removed).collect()
}

/// What a link made of the paragraphs it leads to: its shape, else its kind.
fn link_change(link: &Change) -> CellChange {
    match (link.old.len() > 1, link.new.len() > 1) {
        (true, true) => CellChange::Regrouped,
        (true, false) => CellChange::Merged,
        (false, true) => CellChange::Split,
        (false, false) => match link.kind {
            ChangeKind::Unchanged => CellChange::Unchanged,
            ChangeKind::Rewritten => CellChange::Rewritten,
            _ => CellChange::Reworded,
        },
    }
}

/// The nodes of a change's old and new paragraphs that exist, old first, found as they are
/// asked for (a change's first node is all its cell is looked up by).
fn change_nodes<'c>(
    change: &'c Change,
    step: usize,
    node: &'c impl Fn(usize, &ParagraphId) -> Option<usize>,
) -> impl Iterator<Item = usize> + 'c {
    let old = change.old.iter().filter_map(move |id| node(step, id));
    let new = change.new.iter().filter_map(move |id| node(step + 1, id));
    old.chain(new)
}

/// Sets the change, similarity and moved flag of a continuing cell from its changes.
fn summarize(cell: &mut Cell) {
    let links: Vec<&Change> = cell
        .changes
        .iter()
        .map(|rc| &rc.change)
        .filter(|c| !c.old.is_empty() && !c.new.is_empty())
        .collect();
    if links.is_empty() {
        // Only reachable with an alignment that forgot a link; keep the cell as born.
        return;
    }
    let changes: Vec<CellChange> = links.iter().map(|c| link_change(c)).collect();
    let split = changes.contains(&CellChange::Split);
    let merged = changes.contains(&CellChange::Merged);
    cell.change = if changes.contains(&CellChange::Regrouped) || (split && merged) {
        CellChange::Regrouped
    } else if split {
        CellChange::Split
    } else if merged {
        CellChange::Merged
    } else {
        changes.into_iter().max().unwrap_or(CellChange::Unchanged)
    };
    let mean = links.iter().map(|c| c.similarity).sum::<f64>() / links.len() as f64;
    cell.similarity = Some(round_score(mean));
    cell.moved = links.iter().any(|c| c.moved);
}
