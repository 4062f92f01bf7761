//! Name tables that hold no pointers (added by resdiff; see RESDIFF.md).
//!
//! A table of `&'static str` holds one pointer per name, and a position-independent
//! executable rewrites every such pointer when it starts (about 9,000 of them here, on some
//! 60 pages copied on write), whether or not a PDF is ever read. One string of all the names
//! and the offsets where they end hold none.

/// Names written one after another in `text`, name `i` ending at byte `ends[i]`.
#[derive(Clone, Copy)]
pub struct Names {
    text: &'static str,
    ends: &'static [u16],
}

impl Names {
    pub const fn new(text: &'static str, ends: &'static [u16]) -> Names {
        Names { text, ends }
    }

    /// Name `index`.
    pub fn get(&self, index: usize) -> &'static str {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] as usize
        };
        &self.text[start..self.ends[index] as usize]
    }

    /// The names in order, `None` for an empty one (a code an encoding leaves without a
    /// glyph).
    pub fn iter(self) -> impl Iterator<Item = Option<&'static str>> {
        (0..self.ends.len()).map(move |index| Some(self.get(index)).filter(|name| !name.is_empty()))
    }

    /// Where `name` stands in a table sorted by name (strictly: pack_tables.py checks it).
    pub fn position(&self, name: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.get(middle).cmp(name) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }
}

/// A core font's glyphs: code (-1 when not encoded), width and name of each.
pub struct Metrics {
    glyphs: &'static [(i64, f64)],
    names: Names,
}

impl Metrics {
    pub const fn new(glyphs: &'static [(i64, f64)], names: Names) -> Metrics {
        Metrics { glyphs, names }
    }

    /// Each glyph's code, width and name, in order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, f64, &'static str)> {
        let names = self.names;
        self.glyphs
            .iter()
            .enumerate()
            .map(move |(index, &(code, width))| (code, width, names.get(index)))
    }
}
