//! The command line as a user meets it: exit statuses, standard input, bad input reported on
//! one line naming the file, colour switches, atomic `--output`.

use crate::common;

use std::process::Output;

use crate::common::{bin, fixture, scratch};

const OLD: &str = "corpus/2018-A-C3-73-revised-draft.txt";
const NEW: &str = "corpus/2023-A-RES-78-229.txt";

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run resdiff")
}

fn path(name: &str) -> String {
    fixture(name).to_str().unwrap().to_owned()
}

/// Asserts a failure: exit 2, nothing on stdout, one line on stderr naming `file`.
fn assert_trouble(output: &Output, file: &str, problem: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        output.stdout.is_empty(),
        "partial output: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
    assert!(stderr.starts_with("resdiff: "), "{stderr}");
    assert!(stderr.contains(file), "does not name {file}: {stderr}");
    assert!(
        stderr.contains(problem),
        "does not say {problem:?}: {stderr}"
    );
}

#[test]
fn bad_inputs_are_one_line_errors_with_status_2() {
    let scratch_dir = scratch("bad");
    let dir = scratch_dir.path();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "latin1.txt",
            b"The General Assembly,\n\nR\xe9affirmant".to_vec(),
            "not UTF-8",
        ),
        ("empty.txt", Vec::new(), "empty input"),
        ("blank.txt", b"\n \n\t\n".to_vec(), "empty input"),
        (
            "scan.pdf.txt",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(),
            "corrupt PDF",
        ),
        (
            "image.bin",
            vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2],
            "binary file",
        ),
        ("nul.txt", b"Requests\0the".to_vec(), "binary file"),
        (
            "notes.txt",
            b"Shopping list: eggs, milk, bread.\nCall the plumber.\n".to_vec(),
            "no resolution",
        ),
    ];
    for (name, bytes, problem) in cases {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        let file = file.to_str().unwrap();
        assert_trouble(&run(&["parse", file]), file, problem);
        assert_trouble(&run(&["diff", file, &path(NEW)]), file, problem);
        assert_trouble(
            &run(&["diff", &path(OLD), file, "--format", "html"]),
            file,
            problem,
        );
    }
}

#[test]
fn missing_path_and_directory() {
    assert_trouble(
        &run(&["parse", "no/such/file.txt"]),
        "no/such/file.txt",
        "no such file",
    );
    assert_trouble(
        &run(&["diff", &path(OLD), "gone.txt"]),
        "gone.txt",
        "no such file",
    );
    let scratch_dir = scratch("dir");
    let dir = scratch_dir.path();
    let dir_name = dir.to_str().unwrap();
    assert_trouble(&run(&["parse", dir_name]), dir_name, "is a directory");
}

#[test]
fn size_limit_is_clear_and_can_be_raised() {
    let old = path(OLD);
    assert_trouble(
        &run(&["parse", &old, "--max-size", "1000"]),
        &old,
        "too large",
    );
    let raised = run(&["parse", &old, "--max-size", "100000000"]);
    assert_eq!(raised.status.code(), Some(0));
}

/// Two reports of two drafts each, no title of one like a title of the other.
fn unrelated_reports(dir: &std::path::Path) -> (String, String) {
    let report = |name: &str, titles: [&str; 2]| {
        let path = dir.join(name);
        let drafts: Vec<String> = ["I", "II"]
            .iter()
            .zip(titles)
            .map(|(number, title)| {
                format!(
                    "Draft resolution {number}\n\n{title}\n\nThe General Assembly,\n\n\
                     Recalling its resolutions,\n\n1. Decides to act on {title};\n\n"
                )
            })
            .collect();
        std::fs::write(&path, drafts.concat()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    (
        report("a.txt", ["Protection of migrants", "Rights of the child"]),
        report(
            "b.txt",
            ["Oceans and the law of the sea", "Sustainable fisheries"],
        ),
    )
}

/// Issue 17: when no title of one file is like a title of the other, the error says which
/// titles were compared, and how to name the instruments instead.
#[test]
fn no_title_match_names_the_titles_compared() {
    let dir = scratch("titles");
    let (a, b) = unrelated_reports(dir.path());
    let diff = run(&["diff", &a, &b]);
    assert_trouble(
        &diff,
        &b,
        "no instrument has a title like \"Protection of migrants\" or \"Rights of the child\" \
         (its titles: \"Oceans and the law of the sea\", \"Sustainable fisheries\"); \
         name the instruments to compare with --old-instrument and --new-instrument",
    );
    let one_pick = run(&["diff", &format!("{a}#2"), &b]);
    assert_trouble(
        &one_pick,
        &b,
        "no instrument has a title like \"Rights of the child\" (its titles:",
    );
    let history = run(&["history", &format!("{a}#1"), &b]);
    assert_trouble(
        &history,
        &b,
        "no instrument has a title like \"Protection of migrants\" (its titles: \
         \"Oceans and the law of the sea\", \"Sustainable fisheries\"); \
         name the instrument of each version with FILE#N or FILE#LABEL",
    );
    let picked = run(&["diff", &format!("{a}#1"), &format!("{b}#2")]);
    assert_eq!(picked.status.code(), Some(1));
}

#[test]
fn exit_status_follows_diff() {
    let same = run(&["diff", &path(NEW), &path(NEW), "--format", "text"]);
    common::stdout_of(same, 0);
    let different = run(&["diff", &path(OLD), &path(NEW), "--format", "text"]);
    assert!(!common::stdout_of(different, 1).is_empty());
}

#[test]
fn stdin_is_read_for_dash_but_not_twice() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = bin()
        .args(["diff", "-", &path(NEW), "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(fixture(OLD)).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["comparisons"][0]["old"]["file"], "<stdin>");

    let both = run(&["diff", "-", "-"]);
    assert_trouble(&both, "-", "only one of the two inputs");
}

#[test]
fn no_escape_codes_unless_asked() {
    let old = path(OLD);
    let new = path(NEW);
    let never = run(&[
        "diff", &old, &new, "--format", "terminal", "--color", "never",
    ]);
    assert!(
        !never.stdout.contains(&0x1b),
        "escape codes with --color never"
    );
    assert!(
        String::from_utf8_lossy(&never.stdout).contains("{+"),
        "no markers without colour"
    );
    let no_color = bin()
        .args(["diff", &old, &new, "--format", "terminal"])
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(
        !no_color.stdout.contains(&0x1b),
        "escape codes under NO_COLOR"
    );
    let always = bin()
        .args([
            "diff", &old, &new, "--format", "terminal", "--color", "always",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        always.stdout.contains(&0x1b),
        "--color always must win over NO_COLOR"
    );
    let piped = run(&["diff", &old, &new]);
    assert!(!piped.stdout.contains(&0x1b), "colour on a pipe by default");
}

#[test]
fn output_file_is_written_whole_and_never_over_an_input() {
    let scratch_dir = scratch("output");
    let dir = scratch_dir.path();
    let target = dir.join("redline.html");
    let target_name = target.to_str().unwrap();
    let old = path(OLD);
    let written = run(&[
        "diff",
        &old,
        &path(NEW),
        "--format",
        "html",
        "--output",
        target_name,
    ]);
    assert_eq!(written.status.code(), Some(1));
    assert!(written.stdout.is_empty());
    let page = std::fs::read_to_string(&target).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));

    let copy = dir.join("old.txt");
    std::fs::copy(fixture(OLD), &copy).unwrap();
    let copy_name = copy.to_str().unwrap();
    let refused = run(&["diff", copy_name, &path(NEW), "--output", copy_name]);
    assert_trouble(&refused, copy_name, "refusing");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(fixture(OLD)).unwrap()
    );

    let failed = run(&["diff", "missing.txt", &path(NEW), "--output", target_name]);
    assert_eq!(failed.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        page,
        "an error touched the output"
    );
}

#[test]
fn instrument_picks() {
    let report = path("corpus/2016-A-71-third-committee-report.txt");
    let by_label = run(&[
        "diff",
        &format!("{report}#Draft resolution IV"),
        &path(OLD),
        "--format",
        "json",
    ]);
    let by_label = common::stdout_of(by_label, 1);
    let json: serde_json::Value = serde_json::from_str(&by_label).unwrap();
    assert_eq!(
        json["comparisons"][0]["old"]["label"],
        "Draft resolution IV"
    );

    let by_flag = run(&[
        "diff",
        &report,
        &path(OLD),
        "--old-instrument",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(common::stdout_of(by_flag, 1), by_label);

    let unknown = run(&["diff", &format!("{report}#Draft resolution IX"), &path(OLD)]);
    assert_trouble(&unknown, &report, "no instrument");
}

// ---------------------------------------------------------------------------------------
// Issue 12: outputs that are not plain new files, and faults of the output streams.

/// The names in a folder, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The text output of the old/new pair, as standard output gives it.
fn expected_redline() -> Vec<u8> {
    let output = run(&["diff", &path(OLD), &path(NEW), "--format", "text"]);
    assert_eq!(output.status.code(), Some(1));
    output.stdout
}

/// `-o /dev/null` as root replaced the device with a regular file, `-o /dev/stdout` the
/// link, and `-o -` wrote a file named `-`: a special file is written into, `-` and
/// `/dev/stdout` are standard output. The devices and links are made in a scratch folder,
/// so that a regression cannot damage the machine's own `/dev`.
#[test]
fn special_outputs_are_written_into_not_replaced() {
    let scratch_dir = scratch("dash");
    let dir = scratch_dir.path();
    let run_in = |dir: &std::path::Path, target: &str| {
        bin()
            .current_dir(dir)
            .args([
                "diff",
                &path(OLD),
                &path(NEW),
                "--format",
                "text",
                "-o",
                target,
            ])
            .output()
            .unwrap()
    };
    let null = dir.join("null");
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        &null,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_bits_truncate(0o666),
        rustix::fs::makedev(1, 3),
    );
    match made {
        Ok(()) => {
            let output = run_in(dir, "null");
            assert_eq!(output.status.code(), Some(1), "{output:?}");
            let metadata = std::fs::symlink_metadata(&null).unwrap();
            assert!(
                metadata.file_type().is_char_device(),
                "the device was replaced"
            );
            std::fs::remove_file(&null).unwrap();
        }
        Err(err) => eprintln!("skipped the device case: mknod needs root ({err})"),
    }

    // `-` and a link to the process's standard output (`/dev/stdout` itself, named as
    // the output, is standard output: see `output::Destination`).
    std::os::unix::fs::symlink("/proc/self/fd/1", dir.join("stdout-link")).unwrap();
    for name in ["-", "stdout-link"] {
        let output = run_in(dir, name);
        assert_eq!(output.status.code(), Some(1));
        assert!(output.stdout == expected_redline(), "{name}");
        assert_eq!(names_in(dir), ["stdout-link"], "{name}");
        let link = std::fs::symlink_metadata(dir.join("stdout-link")).unwrap();
        assert!(link.file_type().is_symlink(), "{name}");
    }
    std::fs::remove_file(dir.join("stdout-link")).unwrap();

    // A FIFO is written into (a reader on the other end), not replaced by a file.
    let fifo = dir.join("pipe");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_bits_truncate(0o600),
        0,
    )
    .unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let output = run(&[
        "diff",
        &path(OLD),
        &path(NEW),
        "--format",
        "text",
        "-o",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(reader.join().unwrap() == expected_redline());
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

/// A symbolic link was replaced by the output instead of written through, a 0600 file
/// became 0644, and a legal 245-byte name failed for the temporary suffix.
#[test]
fn links_are_written_through_and_modes_kept() {
    let scratch_dir = scratch("link");
    let dir = scratch_dir.path();
    let real = dir.join("real.txt");
    std::fs::write(&real, "old output").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    let output = run(&[
        "diff",
        &path(OLD),
        &path(NEW),
        "--format",
        "text",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read(&real).unwrap() == expected_redline());
    assert_eq!(std::fs::metadata(&real).unwrap().mode() & 0o777, 0o600);

    // A dangling link names the file to create; it stays a link.
    let dangling = dir.join("dangling.txt");
    std::os::unix::fs::symlink("created.txt", &dangling).unwrap();
    let output = run(&[
        "diff",
        &path(OLD),
        &path(NEW),
        "-o",
        dangling.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read(dir.join("created.txt")).unwrap() == expected_redline());
    std::fs::remove_file(&dangling).unwrap();
    std::fs::remove_file(dir.join("created.txt")).unwrap();

    let long = dir.join("a".repeat(245));
    let output = run(&["diff", &path(OLD), &path(NEW), "-o", long.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(long.is_file());
    assert_eq!(names_in(dir).len(), 3, "{:?}", names_in(dir));
}

/// Inputs were compared by path: the same file under another path (standard input, a hard
/// link, a bind mount) was overwritten. They are now compared by device and inode.
#[test]
fn an_input_under_another_name_is_never_overwritten() {
    let scratch_dir = scratch("same-file");
    let dir = scratch_dir.path();
    let new = dir.join("new.txt");
    std::fs::copy(fixture(NEW), &new).unwrap();
    let original = std::fs::read(&new).unwrap();
    let new_name = new.to_str().unwrap();

    let through_stdin = bin()
        .args(["diff", &path(OLD), "-", "-o", new_name])
        .stdin(std::fs::File::open(&new).unwrap())
        .output()
        .unwrap();
    assert_trouble(&through_stdin, new_name, "refusing");
    assert_eq!(std::fs::read(&new).unwrap(), original);

    let alias = dir.join("alias.txt");
    std::fs::hard_link(&new, &alias).unwrap();
    let alias_name = alias.to_str().unwrap();
    assert_trouble(
        &run(&["diff", &path(OLD), new_name, "-o", alias_name]),
        alias_name,
        "refusing",
    );
    assert_eq!(std::fs::read(&new).unwrap(), original);

    let mount = dir.join("mount");
    std::fs::create_dir(&mount).unwrap();
    let bound = std::process::Command::new("mount")
        .args(["--bind", dir.to_str().unwrap(), mount.to_str().unwrap()])
        .output()
        .is_ok_and(|o| o.status.success());
    if bound {
        let through_mount = mount.join("new.txt");
        let through_mount = through_mount.to_str().unwrap();
        let output = run(&["diff", &path(OLD), new_name, "-o", through_mount]);
        let _ = std::process::Command::new("umount").arg(&mount).status();
        assert_trouble(&output, through_mount, "refusing");
        assert_eq!(std::fs::read(&new).unwrap(), original);
    } else {
        eprintln!("skipped the bind-mount case: mounting needs root and a mount namespace");
    }
}

/// The temporary file was `.NAME.resdiff-PID.tmp`, opened without O_EXCL or O_NOFOLLOW: a
/// link planted under that name made resdiff overwrite another file, a FIFO made it hang.
/// The run reads standard input, so its PID is known before it writes.
#[test]
fn planted_temporary_names_are_never_followed() {
    use std::io::Write;
    use std::process::Stdio;
    let scratch_dir = scratch("planted");
    let dir = scratch_dir.path();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "not yours").unwrap();
    let target = dir.join("out.txt");
    for plant in ["link", "fifo"] {
        let mut child = bin()
            .args(["diff", &path(OLD), "-", "-o", target.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let planted = dir.join(format!(".out.txt.resdiff-{}.tmp", child.id()));
        if plant == "link" {
            std::os::unix::fs::symlink(&victim, &planted).unwrap();
        } else {
            rustix::fs::mknodat(
                rustix::fs::CWD,
                &planted,
                rustix::fs::FileType::Fifo,
                rustix::fs::Mode::from_bits_truncate(0o600),
                0,
            )
            .unwrap();
        }
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(&std::fs::read(fixture(NEW)).unwrap())
            .unwrap();
        drop(stdin);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                child.kill().unwrap();
                panic!("{plant}: hung on the planted name");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(1), "{plant}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not yours");
        let written = std::fs::read_to_string(&target).unwrap();
        assert!(
            written.starts_with(&format!(
                "{} → A/RES/78/229 (adopted 19 December 2023)",
                path(OLD)
            )),
            "{plant}"
        );
        std::fs::remove_file(&planted).unwrap();
        std::fs::remove_file(&target).unwrap();
    }
    assert_eq!(names_in(dir), ["victim.txt"]);
}

/// Killed while writing (SIGKILL: nothing can clean up after it, so SIGTERM is covered
/// too), resdiff left its temporary file behind. The file now has no name until complete:
/// the folder holds either nothing new or the whole output.
#[test]
fn killed_while_writing_leaves_no_temporary_file() {
    let scratch_dir = scratch("killed");
    let dir = scratch_dir.path();
    let target = dir.join("out.txt");
    let whole = {
        let output = run(&[
            "diff",
            &path(OLD),
            &path(NEW),
            "--show-unchanged",
            "--format",
            "text",
        ]);
        output.stdout
    };
    for attempt in 0..5 {
        let mut child = bin()
            .args([
                "diff",
                &path(OLD),
                &path(NEW),
                "--show-unchanged",
                "--format",
                "text",
                "-o",
                target.to_str().unwrap(),
            ])
            .spawn()
            .unwrap();
        // Kill it as soon as anything appears in the folder (the old temporary file did,
        // before it was written), or at a later moment each attempt.
        let start = std::time::Instant::now();
        let delay = std::time::Duration::from_millis(attempt * 15);
        while child.try_wait().unwrap().is_none()
            && std::fs::read_dir(dir).unwrap().next().is_none()
            && start.elapsed() < delay.max(std::time::Duration::from_secs(30))
        {
            if attempt > 0 && start.elapsed() >= delay {
                break;
            }
        }
        let _ = child.kill();
        child.wait().unwrap();
        let names = names_in(dir);
        assert!(
            names.is_empty() || names == ["out.txt"],
            "attempt {attempt}: {names:?}"
        );
        if !names.is_empty() {
            let written = std::fs::read(&target).unwrap();
            assert!(written == whole, "attempt {attempt}: a partial output");
            std::fs::remove_file(&target).unwrap();
        }
    }
}

/// `resdiff diff a b | head -1` exited 0, "same", although the texts differ: a reader that
/// goes away ends resdiff quietly with status 2.
#[test]
fn a_reader_that_goes_away_gives_status_2_not_same() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = bin()
        .args([
            "diff",
            &path(OLD),
            &path(NEW),
            "--show-unchanged",
            "--format",
            "text",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// With standard error unwritable, an error panicked (status 101); a full standard output
/// must be trouble (2) with its one line.
#[test]
fn unwritable_streams_are_trouble_not_a_panic() {
    let full = || {
        std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let output = bin()
        .args(["parse", "no/such/file.txt"])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = bin()
        .args(["diff", &path(OLD), &path(NEW)])
        .stdout(full())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("<stdout>: cannot write output"), "{stderr}");
    // A full device named as the output, made in a scratch folder (see above).
    let scratch_dir = scratch("full");
    let dir = scratch_dir.path();
    let full_device = dir.join("full");
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        &full_device,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_bits_truncate(0o666),
        rustix::fs::makedev(1, 7),
    );
    match made {
        Ok(()) => {
            let name = full_device.to_str().unwrap();
            let output = run(&["diff", &path(OLD), &path(NEW), "-o", name]);
            assert_trouble(&output, name, "no space left");
            let metadata = std::fs::symlink_metadata(&full_device).unwrap();
            assert!(
                metadata.file_type().is_char_device(),
                "the device was replaced"
            );
        }
        Err(err) => eprintln!("skipped the device case: mknod needs root ({err})"),
    }
}

/// clap's usage errors ran to several lines (tips, usage, a pointer to --help).
#[test]
fn usage_errors_are_one_line() {
    for args in [
        &["diff", "--frobnicate", "a", "b"][..],
        &["diff", "only-one.txt"],
        &["dif", "a", "b"],
        &["diff", "a", "b", "--format", "pdf"],
        &[],
    ] {
        let output = run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("resdiff: "), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    let missing = run(&["diff", "only-one.txt"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("<NEW>"));
    let typo = run(&["diff", "a", "b", "--colr", "never"]);
    assert!(String::from_utf8_lossy(&typo.stderr).contains("'--color'"));
    let value = run(&["diff", "a", "b", "--format", "pdf"]);
    assert!(String::from_utf8_lossy(&value.stderr).contains("possible values: terminal"));
    assert_eq!(run(&["--help"]).status.code(), Some(0));
    assert_eq!(run(&["--version"]).status.code(), Some(0));
}

#[test]
fn version_names_the_schema_versions_the_json_carries() {
    let version = String::from_utf8(run(&["--version"]).stdout).unwrap();
    let schema = |args: &[&str]| {
        let json: serde_json::Value = serde_json::from_slice(&run(args).stdout).unwrap();
        json["schema_version"].as_u64().unwrap()
    };
    let diff = schema(&["diff", &path(OLD), &path(NEW), "--format", "json"]);
    let history = schema(&["history", &path(OLD), &path(NEW), "--format", "json"]);
    assert!(version.starts_with("resdiff "), "{version}");
    for line in [
        format!("diff JSON schema_version {diff}"),
        format!("history JSON schema_version {history}"),
    ] {
        assert!(
            version.lines().any(|l| l == line),
            "no {line:?} in {version}"
        );
    }
}

#[test]
fn completion_scripts_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = run(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for word in ["diff", "history", "show-unchanged"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    // Bash loads the script and completes `resdiff` with it.
    let scratch_dir = scratch("completions");
    let dir = scratch_dir.path();
    let script = dir.join("resdiff.bash");
    std::fs::write(&script, run(&["completions", "bash"]).stdout).unwrap();
    let loaded = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source {}; complete -p resdiff", script.display()))
        .output()
        .expect("run bash");
    let said = String::from_utf8_lossy(&loaded.stdout);
    assert!(
        said.contains("-F _resdiff") && said.ends_with("resdiff\n"),
        "{said}"
    );
}

#[test]
fn manual_pages_from_the_command_line_definitions() {
    let page = String::from_utf8(run(&["man"]).stdout).unwrap();
    assert!(page.contains(".TH resdiff 1"), "{page}");
    for command in [
        "parse",
        "diff",
        "history",
        "trace",
        "index",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!("resdiff\\-{command}(1)")),
            "{command}"
        );
    }
    let scratch_dir = scratch("man");
    let dir = scratch_dir.path();
    let output = run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        names_in(dir),
        [
            "resdiff-completions.1",
            "resdiff-diff.1",
            "resdiff-history.1",
            "resdiff-index.1",
            "resdiff-man.1",
            "resdiff-parse.1",
            "resdiff-trace.1",
            "resdiff.1"
        ]
    );
    let diff = std::fs::read_to_string(dir.join("resdiff-diff.1")).unwrap();
    assert!(diff.contains("\\-\\-show\\-unchanged"), "{diff}");
    let missing = run(&["man", "--dir", "/nonexistent/resdiff-man"]);
    assert_trouble(&missing, "/nonexistent/resdiff-man", "cannot write");
}

/// Issue 14: without a command, the usage error named parse, diff, history, trace and index
/// but not completions or man. It must name every command `resdiff --help` lists.
#[test]
fn the_missing_command_error_names_every_command() {
    let help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert!(commands.len() >= 7, "{help}");
    let output = run(&[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let (last, rest) = commands.split_last().unwrap();
    assert_eq!(
        stderr,
        format!(
            "resdiff: a command is needed: {} or {last} (see resdiff --help)\n",
            rest.join(", ")
        )
    );
}
