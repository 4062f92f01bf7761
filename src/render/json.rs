//! The `json` format: `{"schema_version": 2, "comparisons": [...]}`, pretty-printed.

use serde::{Serialize, Serializer};

use crate::compare::Comparison;

/// The version of the JSON layout; raised on any incompatible change.
pub const SCHEMA_VERSION: u32 = 2;

/// Decimal places kept of a similarity, so that the output does not depend on the last bits
/// of a float computation.
const SIMILARITY_DECIMALS: i32 = 3;

#[derive(Serialize)]
struct Wire<'a> {
    schema_version: u32,
    comparisons: &'a [Comparison],
}

/// Renders the comparisons as the documented JSON, ending with a newline.
pub(super) fn render(comparisons: &[Comparison]) -> serde_json::Result<String> {
    let mut out = serde_json::to_string_pretty(&Wire {
        schema_version: SCHEMA_VERSION,
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
