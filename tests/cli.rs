//! The command line as a user meets it: exit statuses, standard input, bad input reported on
//! one line naming the file, colour switches, atomic `--output`.

mod common;

use std::process::Output;

use common::{bin, fixture};

const OLD: &str = "corpus/2018-A-C3-73-revised-draft.txt";
const NEW: &str = "corpus/2023-A-RES-78-229.txt";

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run resdiff")
}

fn path(name: &str) -> String {
    fixture(name).to_str().unwrap().to_owned()
}

/// A scratch folder for one test, removed and made anew.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("resdiff-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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
    let dir = scratch("bad");
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
    std::fs::remove_dir_all(&dir).unwrap();
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
    let dir = scratch("dir");
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
    let dir = scratch("output");
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
    std::fs::remove_dir_all(&dir).unwrap();
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
