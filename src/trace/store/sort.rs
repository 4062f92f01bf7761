//! The postings of an index, sorted outside memory: `(key, paragraph)` pairs are gathered
//! up to a budget, sorted, and written to a temporary run file; the runs are then merged
//! in one pass, so that the memory a build takes does not grow with the corpus.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;

/// Bytes of one pair in a run file.
const PAIR_BYTES: usize = 12;

/// Pairs sorted outside memory.
pub(crate) struct ExternalSort {
    pairs: Vec<(u64, u32)>,
    budget: usize,
    runs: Vec<File>,
    scratch: PathBuf,
}

impl ExternalSort {
    /// Keeps at most `budget` pairs in memory; runs go to anonymous files in `scratch`.
    pub fn new(budget: usize, scratch: PathBuf) -> ExternalSort {
        ExternalSort {
            pairs: Vec::new(),
            budget,
            runs: Vec::new(),
            scratch,
        }
    }

    /// Adds a pair.
    pub fn push(&mut self, pair: (u64, u32)) -> io::Result<()> {
        self.pairs.push(pair);
        if self.pairs.len() >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> io::Result<()> {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut out = BufWriter::new(tempfile::tempfile_in(&self.scratch)?);
        for &(key, paragraph) in &self.pairs {
            out.write_all(&key.to_le_bytes())?;
            out.write_all(&paragraph.to_le_bytes())?;
        }
        let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        self.runs.push(file);
        self.pairs.clear();
        Ok(())
    }

    /// Every pair pushed, once, in increasing order.
    pub fn finish(mut self) -> io::Result<Merged> {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut runs: Vec<Run> = self
            .runs
            .into_iter()
            .map(|file| Run::File(BufReader::with_capacity(1 << 16, file)))
            .collect();
        runs.push(Run::Memory(std::mem::take(&mut self.pairs).into_iter()));
        let mut heap = BinaryHeap::new();
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(pair) = run.next()? {
                heap.push(Reverse((pair, i)));
            }
        }
        Ok(Merged {
            runs,
            heap,
            last: None,
        })
    }
}

/// One sorted run.
enum Run {
    File(BufReader<File>),
    Memory(std::vec::IntoIter<(u64, u32)>),
}

impl Run {
    fn next(&mut self) -> io::Result<Option<(u64, u32)>> {
        match self {
            Run::Memory(pairs) => Ok(pairs.next()),
            Run::File(reader) => {
                let mut bytes = [0u8; PAIR_BYTES];
                match reader.read_exact(&mut bytes) {
                    Ok(()) => Ok(Some((
                        u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes")),
                        u32::from_le_bytes(bytes[8..].try_into().expect("4 bytes")),
                    ))),
                    Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
                    Err(err) => Err(err),
                }
            }
        }
    }
}

/// The runs merged: the pairs in order, each once.
pub(crate) struct Merged {
    runs: Vec<Run>,
    heap: BinaryHeap<Reverse<((u64, u32), usize)>>,
    last: Option<(u64, u32)>,
}

impl Merged {
    /// The next pair, or none at the end.
    pub fn next(&mut self) -> io::Result<Option<(u64, u32)>> {
        while let Some(Reverse((pair, run))) = self.heap.pop() {
            if let Some(next) = self.runs[run].next()? {
                self.heap.push(Reverse((next, run)));
            }
            if self.last != Some(pair) {
                self.last = Some(pair);
                return Ok(Some(pair));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_into_one_sorted_list_without_repeats() {
        let mut sort = ExternalSort::new(3, std::env::temp_dir());
        let pairs = [
            (9, 1),
            (2, 5),
            (9, 1),
            (2, 3),
            (7, 0),
            (2, 5),
            (1, 8),
            (9, 0),
        ];
        for pair in pairs {
            sort.push(pair).unwrap();
        }
        assert_eq!(sort.runs.len(), 2, "spilled twice");
        let mut merged = sort.finish().unwrap();
        let mut out = Vec::new();
        while let Some(pair) = merged.next().unwrap() {
            out.push(pair);
        }
        let mut expected = pairs.to_vec();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(out, expected);
    }
}
