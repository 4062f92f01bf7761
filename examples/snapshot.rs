//! A redline kept in a snapshot test, as a crate that stores resolution texts would write
//! it with [insta](https://insta.rs): the test fails when the redline of the two versions
//! changes, and `cargo insta review` shows how.
//!
//! ```sh
//! cargo test --example snapshot     # the snapshot test (examples/snapshots/)
//! cargo run --example snapshot      # the redline it keeps
//! ```
//!
//! In another crate, with `resdiff` and `insta` as dev-dependencies, the test is the
//! `#[test]` below as it stands: `diff_texts` parses, aligns and redlines the two texts, and
//! `to_text` gives the plain-text redline, the same bytes on every machine.

/// The 2022 version of a resolution, as another crate would keep it (a file, a database).
const OLD: &str = "\
Strengthening the United Nations crime prevention and criminal justice programme

The General Assembly,

Recalling its resolution 76/187 of 16 December 2021,

1. Takes note of the report of the Secretary-General;

2. Invites Member States to share good practices;

3. Requests the Secretary-General to report to it at its seventy-eighth session.
";

/// The 2023 version.
const NEW: &str = "\
Strengthening the United Nations crime prevention and criminal justice programme

The General Assembly,

Recalling its resolution 77/237 of 15 December 2022,

1. Takes note with appreciation of the report of the Secretary-General;

2. Urges Member States to share good practices and lessons learned;

3. Decides to remain seized of the matter;

4. Requests the Secretary-General to report to it at its seventy-ninth session.
";

fn main() -> Result<(), resdiff::Error> {
    print!("{}", resdiff::diff_texts(OLD, NEW)?.to_text());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{NEW, OLD};

    #[test]
    fn the_2023_redline() -> Result<(), resdiff::Error> {
        let diff = resdiff::diff_texts(OLD, NEW)?;
        assert!(!diff.is_identical());
        insta::assert_snapshot!(diff.to_text());
        Ok(())
    }
}
