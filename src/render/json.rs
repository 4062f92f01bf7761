//! The `json` format: `{"schema_version": 2, "comparisons": [...]}`, pretty-printed.

use serde::{Serialize, Serializer};

use super::RenderOptions;
use super::plan::shown_under;
use crate::align::Summary;
use crate::compare::Comparison;
use crate::document::Kind;

/// The version of the JSON layout; raised on any incompatible change.
///
/// 2: `changes` hold every text of the instruments, not only their paragraphs: ids `TITLE`,
/// `SPONSORS`, `CHAPEAU` first and `FN<n>` (footnotes, aligned among themselves) last, and
/// `summary` counts them too.
pub const SCHEMA_VERSION: u32 = 2;

/// Decimal places kept of a similarity, so that the output does not depend on the last bits
/// of a float computation.
const SIMILARITY_DECIMALS: i32 = 3;

#[derive(Serialize)]
struct Wire<'a> {
    schema_version: u32,
    /// The kind of paragraph `--only` kept, so that a reader of narrowed output knows it.
    only: Option<Kind>,
    comparisons: &'a [Comparison],
}

/// Renders the comparisons as the documented JSON, ending with a newline. Under `--only`
/// the changes are those the other formats show and the summary counts them alone.
pub(super) fn render(
    comparisons: &[Comparison],
    options: &RenderOptions,
) -> serde_json::Result<String> {
    let narrowed: Vec<Comparison>;
    let comparisons = match options.only {
        None => comparisons,
        Some(kind) => {
            narrowed = comparisons
                .iter()
                .map(|comparison| {
                    let changes: Vec<_> = comparison
                        .changes
                        .iter()
                        .filter(|rc| shown_under(&rc.change, kind))
                        .cloned()
                        .collect();
                    Comparison {
                        summary: Summary::of(changes.iter().map(|rc| &rc.change)),
                        changes,
                        ..comparison.clone()
                    }
                })
                .collect();
            &narrowed
        }
    };
    let mut out = serde_json::to_string_pretty(&Wire {
        schema_version: SCHEMA_VERSION,
        only: options.only,
        comparisons,
    })?;
    out.push('\n');
    Ok(out)
}

/// Serializes a similarity rounded to [`SIMILARITY_DECIMALS`] places; used by
/// `Change::similarity`.
pub(crate) fn serialize_similarity<S: Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let scale = 10f64.powi(SIMILARITY_DECIMALS);
    serializer.serialize_f64((value * scale).round() / scale)
}
