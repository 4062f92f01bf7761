//! Writing a finished output: to standard output, or to a file without ever leaving half of
//! it or a stray temporary file, and never over an input.
//!
//! A regular file is replaced atomically: the bytes go to a new file in the same folder,
//! which is then renamed over the target. The new file is made without a name where the
//! system allows it (`O_TMPFILE`) and only named once complete: a new output directly under
//! its own name, a replacement under a random name created exclusively and at once renamed.
//! A process killed while writing leaves nothing behind, and nobody can plant a link or a
//! FIFO where the output will go. A special file (`/dev/null`, a FIFO, a
//! terminal) is written directly, as a shell redirection would; a symbolic link is written
//! through, not replaced; an existing file keeps its permissions and, where allowed, its
//! owner.

use std::fs::{File, Metadata, Permissions};
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output: no `--output`, or `-` or `/dev/stdout` named as the output.
    Stdout,
    /// A file, as named by the user.
    File(String),
}

impl Destination {
    /// The destination of an `--output` argument: standard output for none, `-` (the usual
    /// convention, instead of a file named `-`) and the names of standard output itself
    /// (`/dev/stdout`, `/dev/fd/1`), which are written as a stream, never replaced.
    pub fn from_arg(arg: Option<&str>) -> Destination {
        match arg {
            None | Some("-" | "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1") => {
                Destination::Stdout
            }
            Some(path) => Destination::File(path.to_owned()),
        }
    }

    /// The name errors give it: the path, or `<stdout>`.
    pub fn name(&self) -> &str {
        match self {
            Destination::Stdout => "<stdout>",
            Destination::File(path) => path,
        }
    }
}

/// The identity of an input file (device and inode): the output must never replace it,
/// whatever the path it is named by (a link, a bind mount, standard input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputIdentity {
    device: u64,
    inode: u64,
}

impl InputIdentity {
    /// The identity of the input named `path` (`-` for standard input); `None` when it
    /// cannot be told (the input is gone, or standard input is closed).
    pub fn of(path: &str) -> Option<InputIdentity> {
        let metadata = if path == "-" {
            // The file behind standard input, through a duplicate of its descriptor.
            let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
            File::from(fd).metadata().ok()?
        } else {
            std::fs::metadata(path).ok()?
        };
        Some(InputIdentity::from_metadata(&metadata))
    }

    fn from_metadata(metadata: &Metadata) -> InputIdentity {
        InputIdentity {
            device: metadata.dev(),
            inode: metadata.ino(),
        }
    }
}

/// Writes `bytes` to the file `path`; see the module documentation. Refuses to replace any
/// of `inputs`.
pub fn write_file(path: &str, bytes: &[u8], inputs: &[InputIdentity]) -> Result<()> {
    write_with(path, inputs, &mut |file| file.write_all(bytes))
}

/// Writes the whole of the file `source` (from its start) to the file `path`, as
/// [`write_file`] writes bytes: for an output too large to hold in memory.
pub fn copy_to_file(path: &str, source: &mut File, inputs: &[InputIdentity]) -> Result<()> {
    use std::io::Seek;
    write_with(path, inputs, &mut |file| {
        source.rewind()?;
        io::copy(source, file).map(drop)
    })
}

/// Writes `path` with what `content` writes into a file; see the module documentation.
fn write_with(
    path: &str,
    inputs: &[InputIdentity],
    content: &mut dyn FnMut(&mut File) -> io::Result<()>,
) -> Result<()> {
    let output_error = |source| Error::Output {
        path: path.to_owned(),
        source,
    };
    // The kernel follows the links (`/proc/self/fd/1` included) to tell what is there.
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(output_error(io::ErrorKind::IsADirectory.into())),
        Ok(metadata) if metadata.is_file() => {
            if inputs.contains(&InputIdentity::from_metadata(&metadata)) {
                return Err(Error::OutputIsInput {
                    path: path.to_owned(),
                });
            }
            // Replaced where it really is, so that the links to it stay links.
            let target = std::fs::canonicalize(path).map_err(output_error)?;
            replace(&target, content, Some(&metadata)).map_err(output_error)
        }
        // A device, FIFO or socket is a stream to write into, not a file to replace.
        Ok(_) => File::options()
            .write(true)
            .open(path)
            .and_then(|mut file| content(&mut file))
            .map_err(output_error),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            let target = resolve_links(Path::new(path)).map_err(output_error)?;
            replace(&target, content, None).map_err(output_error)
        }
        Err(err) => Err(output_error(err)),
    }
}

/// How many links [`resolve_links`] follows before giving up, as the kernel does (ELOOP).
const MAX_LINKS: usize = 40;

/// `path` with the symbolic links of its last component followed, for an output that does
/// not exist yet: a dangling link names the file to create, and stays a link.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::from_raw_os_error(
        rustix::io::Errno::LOOP.raw_os_error(),
    ))
}

/// Replaces (or creates) the regular file `target` with `bytes`, atomically. An existing
/// file's permissions and owner pass to the new one.
fn replace(
    target: &Path,
    content: &mut dyn FnMut(&mut File) -> io::Result<()>,
    existing: Option<&Metadata>,
) -> io::Result<()> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if target.file_name().is_none() {
        return Err(io::ErrorKind::InvalidInput.into());
    }
    let mut fill = |file: &mut File| -> io::Result<()> {
        if let Some(metadata) = existing {
            // Root may give the file back to its owner; anyone else keeps their own
            // ownership, as an editor saving the file would.
            let _ = std::os::unix::fs::fchown(&*file, Some(metadata.uid()), Some(metadata.gid()));
            file.set_permissions(Permissions::from_mode(metadata.mode() & 0o7777))?;
        }
        content(file)?;
        file.sync_all()
    };
    if let Ok(mut file) = unnamed_file(folder) {
        fill(&mut file)?;
        match name_unnamed(&file, folder, target, existing.is_none()) {
            // Without /proc there is no way to name it: a named temporary file instead.
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            named => return named,
        }
    }
    // No O_TMPFILE on this file system: a named temporary file, random and exclusive.
    let mut named = temporary_names()
        .permissions(Permissions::from_mode(NEW_FILE_MODE))
        .tempfile_in(folder)?;
    fill(named.as_file_mut())?;
    named.persist(target).map(drop).map_err(|err| err.error)
}

/// Gives the complete unnamed `file` the name `target`: a new output directly (no other
/// name ever shows), else through a random exclusive name renamed over the target.
fn name_unnamed(file: &File, folder: &Path, target: &Path, new: bool) -> io::Result<()> {
    if new {
        match link_unnamed(file, target) {
            // Made meanwhile: replaced like any existing file.
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            done => return done,
        }
    }
    let named = temporary_names().make_in(folder, |name| link_unnamed(file, name))?;
    named.persist(target).map_err(|err| err.error)
}

/// The mode a new output is created with before the umask, as by a shell redirection.
const NEW_FILE_MODE: u32 = 0o666;

/// The random names given to an output before its rename: short, so that a target whose
/// name is near the 255-byte limit of a file name still fits beside them, and hidden.
fn temporary_names() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".resdiff-").rand_bytes(12);
    builder
}

/// A new file in `folder` without a name (`O_TMPFILE`): it vanishes if the process dies
/// before [`link_unnamed`] names it.
fn unnamed_file(folder: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        folder,
        OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
        Mode::from_bits_truncate(NEW_FILE_MODE),
    )?;
    Ok(File::from(fd))
}

/// Gives the unnamed `file` the name `name`, failing if the name exists (whatever it is: a
/// planted link or FIFO included). Through `/proc/self/fd`, which needs no privilege, unlike
/// `AT_EMPTY_PATH`.
fn link_unnamed(file: &File, name: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let proc_path = format!("/proc/self/fd/{}", file.as_raw_fd());
    rustix::fs::linkat(
        rustix::fs::CWD,
        proc_path.as_str(),
        rustix::fs::CWD,
        name,
        rustix::fs::AtFlags::SYMLINK_FOLLOW,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder, removed when the guard drops (also when the test fails).
    fn scratch(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("resdiff-out-{name}-"))
            .tempdir()
            .unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_refuses_inputs() {
        let tmp = scratch("inputs");
        let dir = tmp.path();
        let input = dir.join("old.txt");
        std::fs::write(&input, "text").unwrap();
        let input = input.to_str().unwrap();
        let identity = InputIdentity::of(input).unwrap();
        let err = write_file(input, b"x", &[identity]).unwrap_err();
        assert!(err.to_string().contains("refusing"), "{err}");
        assert_eq!(std::fs::read_to_string(input).unwrap(), "text");

        // A hard link is the same file under another name.
        let alias = dir.join("alias.txt");
        std::fs::hard_link(input, &alias).unwrap();
        assert!(write_file(alias.to_str().unwrap(), b"x", &[identity]).is_err());
        assert_eq!(std::fs::read_to_string(input).unwrap(), "text");

        let out = dir.join("out.html");
        write_file(out.to_str().unwrap(), b"<p>", &[identity]).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "<p>");
        assert_eq!(names(dir), ["alias.txt", "old.txt", "out.html"]);

        let missing = dir.join("no-such-folder/out.html");
        assert!(write_file(missing.to_str().unwrap(), b"x", &[]).is_err());
    }

    #[test]
    fn destinations_of_standard_output() {
        for arg in [None, Some("-"), Some("/dev/stdout")] {
            assert_eq!(Destination::from_arg(arg), Destination::Stdout, "{arg:?}");
        }
        assert_eq!(
            Destination::from_arg(Some("./-")),
            Destination::File("./-".to_owned())
        );
    }

    /// A new file gets the usual mode (0666 less the umask), not the 0600 of a temporary
    /// file; an existing one keeps its mode; nothing else is left in the folder.
    #[test]
    fn modes_are_kept_or_usual() {
        let tmp = scratch("modes");
        let dir = tmp.path();
        let target = dir.join("out.txt");
        write_file(target.to_str().unwrap(), b"one", &[]).unwrap();
        let usual = dir.join("usual.txt");
        std::fs::write(&usual, "a file made as a shell redirection would").unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().mode() & 0o7777;
        assert_eq!(mode(&target), mode(&usual));
        std::fs::remove_file(&usual).unwrap();
        std::fs::set_permissions(&target, Permissions::from_mode(0o640)).unwrap();
        write_file(target.to_str().unwrap(), b"two", &[]).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        assert_eq!(mode(&target), 0o640);
        assert_eq!(names(dir), ["out.txt"]);
    }
}
