//! Stage 2: which paragraph of the old instrument became which paragraph of the new one.
//!
//! The matching is global and order-free: paragraphs may be renumbered, moved anywhere,
//! split, merged, turned from preambular into operative, added or dropped.

mod model;

pub use model::{AlignOptions, Alignment, Change, ChangeKind, Summary};

use crate::document::Instrument;

/// Aligns the paragraphs of two versions of an instrument.
pub fn align(old: &Instrument, new: &Instrument, options: &AlignOptions) -> Alignment {
    let _ = (old, new, options);
    unimplemented!("the aligner lands with issue 3")
}
