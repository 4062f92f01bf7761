//! Writing a finished output: to standard output, or atomically to a file.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// that a reader never sees half a file and an error leaves nothing behind. Refuses to
/// write over any of `inputs`.
pub fn write_file_atomically(path: &str, bytes: &[u8], inputs: &[&str]) -> Result<()> {
    let target = Path::new(path);
    let output_error = |source| Error::Output {
        path: path.to_owned(),
        source,
    };
    for input in inputs {
        if *input != "-" && same_file(Path::new(input), target) {
            return Err(Error::Usage {
                path: path.to_owned(),
                problem: "refusing to write the output over an input file".to_owned(),
            });
        }
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = target
        .file_name()
        .ok_or_else(|| output_error(std::io::ErrorKind::InvalidInput.into()))?;
    let temp = folder.join(format!(
        ".{}.resdiff-{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, target));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(output_error(source));
    }
    Ok(())
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_inputs() {
        let dir = std::env::temp_dir().join(format!("resdiff-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("old.txt");
        std::fs::write(&input, "text").unwrap();
        let input = input.to_str().unwrap();
        let err = write_file_atomically(input, b"x", &[input]).unwrap_err();
        assert!(err.to_string().contains("refusing"), "{err}");
        assert_eq!(std::fs::read_to_string(input).unwrap(), "text");

        let out = dir.join("out.html");
        write_file_atomically(out.to_str().unwrap(), b"<p>", &[input]).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "<p>");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());

        let missing = dir.join("no-such-folder/out.html");
        assert!(write_file_atomically(missing.to_str().unwrap(), b"x", &[]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
