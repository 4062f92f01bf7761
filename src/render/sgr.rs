//! The ANSI SGR sequences of the terminal formats (`diff` and `history`), in one place so
//! that both draw a style alike. Colour never carries meaning alone: deletions are also
//! struck through, insertions underlined, and the history table's marks are characters.

/// Ends every style.
pub(super) const RESET: &str = "\x1b[0m";
/// Bold: headings.
pub(super) const BOLD: &str = "\x1b[1m";
/// Faint: what is only context (unchanged paragraphs, unchanged history cells).
pub(super) const DIM: &str = "\x1b[2m";
/// Red and struck through: deleted text.
pub(super) const DELETE: &str = "\x1b[31;9m";
/// Green and underlined: inserted text.
pub(super) const INSERT: &str = "\x1b[32;4m";
/// Green: a history entry born at its step.
pub(super) const GREEN: &str = "\x1b[32m";
/// Red: a history entry removed at its step.
pub(super) const RED: &str = "\x1b[31m";
/// Yellow: a history entry reworded.
pub(super) const YELLOW: &str = "\x1b[33m";
/// Magenta: a history entry rewritten.
pub(super) const MAGENTA: &str = "\x1b[35m";
/// Cyan: a history entry split, merged or regrouped.
pub(super) const CYAN: &str = "\x1b[36m";
