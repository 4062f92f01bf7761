//! The index of folders traced directly (`resdiff trace DRAFT --corpus DIR`), kept between
//! runs so that the second trace over the same folders does not parse them again.
//!
//! The cache lives in `$RESDIFF_CACHE_DIR`, else `$XDG_CACHE_HOME/resdiff`, else
//! `~/.cache/resdiff`: one index file per list of folders, named by a hash of their
//! canonical paths, checked exactly like an index the user saved ([`super::store`]). An
//! entry that is stale or corrupt (when opened, or when a block of it is read) is rebuilt,
//! never trusted, and the user is told in one line. A cache that cannot be written (a
//! read-only folder, no home) is no error: the trace runs on a temporary index and says so
//! once. An entry is written to a temporary file in the cache folder and renamed into
//! place, so two traces at once never leave a torn file.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::corpus::{Corpus, CorpusBuilder, corpus_files, fnv1a};
use crate::error::{Error, Result};

/// The cache folder the environment names, if any: `$RESDIFF_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/resdiff`, else `$HOME/.cache/resdiff` (empty variables are unset).
pub fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    var("RESDIFF_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CACHE_HOME").map(|d| Path::new(&d).join("resdiff")))
        .or_else(|| var("HOME").map(|h| Path::new(&h).join(".cache").join("resdiff")))
}

/// Runs `work` on the corpus of `folders` (read with files of at most `max_bytes`): the
/// cached index in `cache` when it is fresh, else one built now (into `cache` when it can
/// be written, else into a temporary file). `note` hears, one line each, what the user
/// should know: an entry rebuilt and why, a cache that could not be written.
///
/// # Errors
/// A folder that cannot be read, a temporary index that cannot be written, or what
/// `work` returns (but an error reading the cache entry, which is rebuilt once).
pub fn with_corpus<T>(
    folders: &[String],
    max_bytes: u64,
    cache: Option<&Path>,
    note: &mut dyn FnMut(String),
    work: impl Fn(&Corpus) -> Result<T>,
) -> Result<T> {
    let uncached = |note: &mut dyn FnMut(String), why: String| -> Result<T> {
        note(format!("{why}; tracing without the cache"));
        work(&build_temporary(folders, max_bytes)?)
    };
    let Some(dir) = cache else {
        return uncached(
            note,
            "no cache folder (set RESDIFF_CACHE_DIR, XDG_CACHE_HOME or HOME)".to_owned(),
        );
    };
    let canonical: Vec<String> = folders
        .iter()
        .map(|folder| {
            std::fs::canonicalize(folder)
                .map(|path| path.to_string_lossy().into_owned())
                .map_err(|source| Error::Io {
                    path: folder.clone(),
                    source,
                })
        })
        .collect::<Result<_>>()?;
    let entry = dir.join(format!(
        "{:016x}.rdx",
        fnv1a(canonical.join("\0").as_bytes())
    ));
    let entry_name = entry.to_string_lossy().into_owned();
    let shown = |corpus: &mut Corpus| {
        for (canonical, given) in canonical.iter().zip(folders) {
            corpus.rename_folder(canonical, given);
        }
    };
    let rebuilt = |note: &mut dyn FnMut(String), err: &Error| {
        note(format!(
            "cached index {entry_name} of {} {}; rebuilding it",
            folders.join(", "),
            reason(err)
        ));
    };
    // No entry to open: nothing to rebuild, and building it says whether the cache can be
    // written.
    if let Ok(file) = File::open(&entry) {
        match Corpus::open(&entry_name, file) {
            Ok(mut corpus) if corpus.folders() == canonical => {
                shown(&mut corpus);
                match work(&corpus) {
                    Err(err) if is_about(&err, &entry_name) => rebuilt(note, &err),
                    done => return done,
                }
            }
            Ok(_) => note(format!(
                "cached index {entry_name} is of other folders; rebuilding it"
            )),
            Err(err) => rebuilt(note, &err),
        }
    }
    // The folders are listed before anything is written: an unreadable folder is the
    // user's error, whatever the cache.
    let files: Vec<Vec<String>> = canonical
        .iter()
        .map(|folder| corpus_files(folder))
        .collect::<Result<_>>()?;
    match build_cached(dir, &entry, &canonical, &files, max_bytes) {
        Ok(mut corpus) => {
            shown(&mut corpus);
            work(&corpus)
        }
        Err(err) => uncached(
            note,
            format!(
                "cannot write the index cache in {} ({})",
                dir.display(),
                reason(&err)
            ),
        ),
    }
}

/// Whether `err` is about the file `name`.
fn is_about(err: &Error, name: &str) -> bool {
    matches!(err, Error::Unreadable { path, .. } | Error::Io { path, .. } if path == name)
}

/// Why an index was refused or could not be written, without the file's name and the
/// advice to rebuild it (the cache rebuilds it).
fn reason(err: &Error) -> String {
    match err {
        Error::Unreadable { problem, .. } => problem
            .strip_suffix(&format!("; {}", super::store::REBUILD))
            .unwrap_or(problem)
            .to_owned(),
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// The index of `folders` (canonical, their files `files`) built into the cache entry
/// `entry`: written to a temporary file of the cache folder, renamed into place.
fn build_cached(
    dir: &Path,
    entry: &Path,
    folders: &[String],
    files: &[Vec<String>],
    max_bytes: u64,
) -> Result<Corpus> {
    let name = entry.to_string_lossy().into_owned();
    let io_error = |source| Error::Io {
        path: name.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io_error)?;
    let temporary = tempfile::Builder::new()
        .prefix(".building-")
        .suffix(".rdx")
        .tempfile_in(dir)
        .map_err(io_error)?;
    let file = temporary.as_file().try_clone().map_err(io_error)?;
    let mut builder = CorpusBuilder::new(file, &name, dir)?;
    for files in files {
        builder.add_files(files, max_bytes)?;
    }
    let file = builder.finish(folders)?;
    temporary
        .persist(entry)
        .map_err(|err| io_error(err.error))?;
    Corpus::open(&name, file)
}

/// The index of `folders` in an anonymous temporary file (`--no-cache`).
///
/// # Errors
/// A folder that cannot be read, or a temporary file that cannot be written.
pub fn build_temporary(folders: &[String], max_bytes: u64) -> Result<Corpus> {
    let files: Vec<Vec<String>> = folders
        .iter()
        .map(|folder| corpus_files(folder))
        .collect::<Result<_>>()?;
    let mut builder = CorpusBuilder::temporary()?;
    for files in &files {
        builder.add_files(files, max_bytes)?;
    }
    Corpus::open("temporary index", builder.finish(folders)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_found_corrupt_while_tracing_rebuilds_the_entry_and_runs_again() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");
        let folders = [fixtures.to_owned()];
        let cache = tempfile::tempdir().unwrap();
        let first_text = |corpus: &Corpus| corpus.paragraph(0).map(|p| p.text);
        let mut notes = Vec::new();
        let good = with_corpus(
            &folders,
            u64::MAX,
            Some(cache.path()),
            &mut |n| notes.push(n),
            first_text,
        )
        .unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let entry = std::fs::read_dir(cache.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        // A byte of the block holding paragraph 0's text, which only the query reads.
        let name = entry.to_string_lossy().into_owned();
        let corpus = Corpus::open(&name, File::open(&entry).unwrap()).unwrap();
        let offset = corpus.sections().texts[0].offset;
        drop(corpus);
        let mut bytes = std::fs::read(&entry).unwrap();
        bytes[offset as usize + 10] ^= 0x20;
        std::fs::write(&entry, bytes).unwrap();
        let again = with_corpus(
            &folders,
            u64::MAX,
            Some(cache.path()),
            &mut |n| notes.push(n),
            first_text,
        )
        .unwrap();
        assert_eq!(again, good);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("checksum is wrong"), "{notes:?}");
    }
}
