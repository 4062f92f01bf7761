//! End to end in a real browser: the HTML page of a real-paragraph comparison loads in
//! headless Chromium without console errors, and its insertions and deletions are styled
//! apart (underline versus strike-through, not colour alone). Skipped when Chromium is
//! absent.

use crate::render_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use resdiff::render::{Format, HtmlLayout, RenderOptions, render};

/// Where Debian's package installs the browser.
const CHROMIUM: &str = "/usr/bin/chromium";

/// A browser run longer than this is killed and the test fails.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(60);

/// Virtual time the page gets to load and run the probe before the DOM is dumped (ms).
const VIRTUAL_TIME_BUDGET_MS: &str = "5000";

/// Flags for a quiet, isolated headless run: no network chatter, no first-run work.
const BASE_FLAGS: [&str; 10] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
];

/// A page that loads the report in a frame and writes the computed styles of its first
/// `<ins>` and `<del>` into its own DOM, where `--dump-dom` shows them. The report itself
/// stays free of script.
const PROBE_PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>probe</title></head><body>
<iframe id="report" src="redline.html" width="1000" height="800"></iframe>
<script>
document.getElementById("report").addEventListener("load", function () {
  var doc = this.contentDocument, view = this.contentWindow;
  function style(selector) {
    var el = doc.querySelector(selector);
    if (!el) { return null; }
    var s = view.getComputedStyle(el);
    return { decoration: s.textDecorationLine, color: s.color, background: s.backgroundColor };
  }
  var hidden = doc.querySelector("ins .sr-only");
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    ins: style("ins"), del: style("del"),
    insCount: doc.querySelectorAll("ins").length, delCount: doc.querySelectorAll("del").length,
    hiddenWidth: hidden ? view.getComputedStyle(hidden).width : null,
    hiddenText: hidden ? hidden.textContent : null
  });
  document.body.appendChild(out);
});
</script></body></html>
"#;

/// A page that loads the report in a frame and writes the computed direction of every
/// paragraph of Arabic document text (`p[dir=auto]`) into its own DOM.
const DIRECTION_PROBE_PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>probe</title></head><body>
<iframe id="report" src="rtl.html" width="1000" height="800"></iframe>
<script>
document.getElementById("report").addEventListener("load", function () {
  var doc = this.contentDocument, view = this.contentWindow;
  var arabic = Array.prototype.filter.call(doc.querySelectorAll("p[dir=auto]"), function (p) {
    return /[\u0600-\u06FF]/.test(p.textContent);
  });
  var directions = arabic.map(function (p) { return view.getComputedStyle(p).direction; });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(directions);
  document.body.appendChild(out);
});
</script></body></html>
"#;

/// A page that loads the report in a frame, then works its controls as a reader would and
/// writes what shows into its own DOM: the first folded unchanged paragraph before and after
/// its `<details>` opens, and a reworded and an added change before and after "reworded" is
/// unticked in the filter.
const CONTROLS_PROBE_PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>probe</title></head><body>
<iframe id="report" src="redline.html" width="1000" height="800"></iframe>
<script>
document.getElementById("report").addEventListener("load", function () {
  var doc = this.contentDocument, view = this.contentWindow;
  function shown(el) { return el.checkVisibility(); }
  var fold = doc.querySelector("details.fold");
  var folded = fold.querySelector("section");
  var reworded = doc.querySelector("section.change.reworded");
  var added = doc.querySelector("section.change.added");
  var result = { foldedShown: shown(folded), rewordedShown: shown(reworded) };
  fold.open = true;
  result.openedShown = shown(folded);
  doc.getElementById("show-reworded").click();
  result.rewordedFiltered = shown(reworded);
  result.addedFiltered = shown(added);
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script></body></html>
"#;

/// Output of one browser run.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs Chromium with `args` plus the base flags and a fresh profile, killing it after
/// [`BROWSER_TIMEOUT`].
fn chromium(args: &[&str]) -> Run {
    // The tests run on several threads: each browser run gets its own profile and logs.
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    // Removed when it drops, also when the browser times out.
    let profile = crate::common::scratch("browser");
    let out_dir = browser_dir();
    let stdout_path = out_dir.join(format!("stdout-{run}.txt"));
    let stderr_path = out_dir.join(format!("stderr-{run}.txt"));
    let mut child = Command::new(CHROMIUM)
        .args(BASE_FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {BROWSER_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Run {
        stdout: std::fs::read_to_string(stdout_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(stderr_path).unwrap_or_default(),
    }
}

fn browser_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Console errors and uncaught exceptions in Chromium's log.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.contains("CONSOLE") || line.contains("Uncaught"))
        .collect()
}

/// The value of `"key":` in the probe's JSON, as raw text up to the next top-level comma.
fn probe_field<'a>(probe: &'a str, key: &str) -> &'a str {
    let start = probe
        .find(&format!("\"{key}\":"))
        .unwrap_or_else(|| panic!("{key} in {probe}"))
        + key.len()
        + 3;
    let rest = &probe[start..];
    let end = if rest.starts_with('{') {
        rest.find('}').unwrap() + 1
    } else {
        rest.find([',', '}']).unwrap()
    };
    &rest[..end]
}

#[test]
fn report_renders_in_chromium() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipping: chromium not installed");
        return;
    }
    let dir = browser_dir();
    let page = dir.join("redline.html");
    let mut html = Vec::new();
    render(
        &[render_support::real_comparison()],
        Format::Html,
        &RenderOptions::default(),
        &mut html,
    )
    .unwrap();
    std::fs::write(&page, &html).unwrap();
    let url = format!("file://{}", page.display());

    let screenshot = dir.join("redline.png");
    let _ = std::fs::remove_file(&screenshot);
    let run = chromium(&[
        &format!("--screenshot={}", screenshot.display()),
        "--window-size=1200,1600",
        &url,
    ]);
    assert!(screenshot.exists(), "no screenshot; log:\n{}", run.stderr);
    assert!(std::fs::metadata(&screenshot).unwrap().len() > 10_000);

    let run = chromium(&[
        "--dump-dom",
        &format!("--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}"),
        &url,
    ]);
    assert!(run.stdout.contains("<h1>Redline</h1>"), "{}", run.stderr);
    assert!(run.stdout.matches("<ins>").count() > 10);
    assert!(run.stdout.matches("<del>").count() > 10);
    let errors = console_errors(&run.stderr);
    assert!(errors.is_empty(), "console errors: {errors:#?}");

    // Computed styles, through a probe page beside the report.
    let probe_page = dir.join("probe.html");
    std::fs::write(&probe_page, PROBE_PAGE).unwrap();
    let run = chromium(&[
        "--dump-dom",
        "--allow-file-access-from-files",
        &format!("--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}"),
        &format!("file://{}", probe_page.display()),
    ]);
    let probe = run
        .stdout
        .split_once("<pre id=\"probe\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(json, _)| json.replace("&quot;", "\""))
        .unwrap_or_else(|| panic!("no probe output:\n{}\n{}", run.stdout, run.stderr));
    println!("computed styles: {probe}");
    let ins = probe_field(&probe, "ins");
    let del = probe_field(&probe, "del");
    assert!(ins.contains("underline"), "{ins}");
    assert!(del.contains("line-through"), "{del}");
    assert_ne!(
        probe_field(ins, "color"),
        probe_field(del, "color"),
        "colours"
    );
    assert_eq!(probe_field(&probe, "hiddenWidth"), "\"1px\"");
    assert_eq!(probe_field(&probe, "hiddenText"), "\"inserted: \"");
    let errors = console_errors(&run.stderr);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// The probe page's output: the JSON its script wrote into `<pre id="probe">`.
fn probe_output(run: &Run) -> String {
    run.stdout
        .split_once("<pre id=\"probe\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(json, _)| json.replace("&quot;", "\""))
        .unwrap_or_else(|| panic!("no probe output:\n{}\n{}", run.stdout, run.stderr))
}

/// Folded unchanged paragraphs open on a click, and unticking a kind in the filter hides
/// the changes of that kind and no other, without script in the page.
#[test]
fn folds_open_and_the_filter_hides_a_kind_of_change() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipping: chromium not installed");
        return;
    }
    let dir = browser_dir().join("controls");
    std::fs::create_dir_all(&dir).unwrap();
    let mut html = Vec::new();
    render(
        &[render_support::real_comparison()],
        Format::Html,
        &RenderOptions::default(),
        &mut html,
    )
    .unwrap();
    assert!(!String::from_utf8_lossy(&html).contains("<script"));
    std::fs::write(dir.join("redline.html"), &html).unwrap();
    let probe_page = dir.join("probe.html");
    std::fs::write(&probe_page, CONTROLS_PROBE_PAGE).unwrap();
    let run = chromium(&[
        "--dump-dom",
        "--allow-file-access-from-files",
        &format!("--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}"),
        &format!("file://{}", probe_page.display()),
    ]);
    let probe = probe_output(&run);
    println!("controls: {probe}");
    for (field, expected) in [
        ("foldedShown", "false"),
        ("openedShown", "true"),
        ("rewordedShown", "true"),
        ("rewordedFiltered", "false"),
        ("addedFiltered", "true"),
    ] {
        assert_eq!(probe_field(&probe, field), expected, "{field} in {probe}");
    }
}

/// Printed, the folded unchanged paragraphs are there in full: paper has no control to
/// open them.
#[test]
fn folded_paragraphs_are_printed() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipping: chromium not installed");
        return;
    }
    let comparison = render_support::real_comparison();
    let folded = comparison
        .changes
        .iter()
        .find(|rc| rc.change.kind == resdiff::ChangeKind::Unchanged && !rc.change.moved)
        .expect("an unchanged paragraph");
    let text: String = folded.segments.iter().map(|s| s.text.as_str()).collect();
    let mut html = Vec::new();
    render(
        std::slice::from_ref(&comparison),
        Format::Html,
        &RenderOptions::default(),
        &mut html,
    )
    .unwrap();
    let dir = browser_dir().join("print");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("redline.html");
    std::fs::write(&page, &html).unwrap();
    let pdf = dir.join("redline.pdf");
    let _ = std::fs::remove_file(&pdf);
    let run = chromium(&[
        &format!("--print-to-pdf={}", pdf.display()),
        "--no-pdf-header-footer",
        &format!("file://{}", page.display()),
    ]);
    let printed = pdf_extract::extract_text(&pdf)
        .unwrap_or_else(|err| panic!("no PDF printed ({err}); log:\n{}", run.stderr));
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let printed = words(&printed);
    // The paragraph's opening words, which a line break cannot cut in the extracted text.
    let opening: String = words(&text)
        .split(' ')
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        printed.contains(&opening),
        "{opening:?} not printed in:\n{printed}"
    );
}

/// An Arabic paragraph whose first word changed opens with a deletion; the screen-reader
/// label "deleted: " inside it must not make the browser lay the paragraph out left to right
/// (`dir="auto"` takes the direction of the first strong character it meets).
#[test]
fn right_to_left_paragraphs_opening_with_a_change_stay_right_to_left() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipping: chromium not installed");
        return;
    }
    let old = render_support::instrument(
        None,
        Some("تعزيز برنامج الأمم المتحدة لمنع الجريمة والعدالة الجنائية"),
        &[
            (
                render_support::id("PP1"),
                "إذ تعيد تأكيد قراريها 46/152 و 60/1،",
            ),
            (
                render_support::id("OP1"),
                "يطلب إلى الأمين العام أن يقدم تقريرا؛",
            ),
        ],
    );
    let new = render_support::instrument(
        None,
        Some("تعزيز برنامج الأمم المتحدة لمنع الجريمة والعدالة الجنائية"),
        &[
            (
                render_support::id("PP1"),
                "وإذ تعيد تأكيد قراريها 46/152 و 60/1،",
            ),
            (
                render_support::id("OP1"),
                "يرجو من الأمين العام أن يقدم تقريرا؛",
            ),
        ],
    );
    let document = |file: &str, instrument: &resdiff::Instrument| {
        resdiff::Document::new(file, vec![instrument.clone()])
    };
    let comparison = resdiff::Comparison::new(
        &document("ar.before.txt", &old),
        &old,
        &document("ar.after.txt", &new),
        &new,
        &resdiff::AlignOptions::default(),
    );
    // Inline, and side by side, where each column is a paragraph of its own.
    for layout in [HtmlLayout::Inline, HtmlLayout::SideBySide] {
        let options = RenderOptions::default().with_html_layout(layout);
        let mut html = Vec::new();
        render(
            std::slice::from_ref(&comparison),
            Format::Html,
            &options,
            &mut html,
        )
        .unwrap();
        let dir = browser_dir();
        std::fs::write(dir.join("rtl.html"), &html).unwrap();
        let probe_page = dir.join("rtl-probe.html");
        std::fs::write(&probe_page, DIRECTION_PROBE_PAGE).unwrap();
        let run = chromium(&[
            "--dump-dom",
            "--allow-file-access-from-files",
            &format!("--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}"),
            &format!("file://{}", probe_page.display()),
        ]);
        let directions = probe_output(&run);
        println!("{layout:?} directions: {directions}");
        assert!(
            directions.contains("rtl"),
            "no paragraph probed: {directions}"
        );
        assert!(
            !directions.contains("ltr"),
            "{layout:?}: Arabic laid out left to right: {directions}"
        );
    }
}
