//! `backcare report` opened in a real browser: headless Chromium takes a screenshot and prints
//! the report to PDF, and the PDF's text (poppler's pdftotext) is checked for what a person
//! holding the paper sees: the urgency on page one, every exercise card whole on one page, the
//! pain chart, page numbers. .ci/run installs Chromium and poppler-utils; without them the tests
//! are skipped with a notice, except under CI, where they fail.
//!
//! `BACKCARE_REPORT_PICTURES=docs` also writes the pictures of the README (docs/report-*.png):
//! page one of a referral, a page of exercise cards, and the page with the journal's chart.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{example, outside_tool};

/// Chromium and poppler, when both are here. Under CI their absence fails the test.
fn tools() -> Option<PathBuf> {
    let chromium = std::env::var_os("BACKCARE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("chromium"));
    let notice = "the browser tests need Chromium and poppler (Debian: chromium, poppler-utils; \
                  .ci/install-test-tools installs them)";
    outside_tool(PathBuf::from("pdftotext"), &["-v"], notice)?;
    outside_tool(chromium, &["--version"], notice)
}

/// Chromium as this machine runs it: headless, as root without its sandbox, and with no
/// network of its own (a fresh profile, nothing fetched in the background).
fn chromium(binary: &Path, profile: &Path) -> Command {
    let mut command = Command::new("timeout");
    command.arg("120").arg(binary).args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// A report written by backcare in `dir`, from `answers`, with the data folder `data`.
fn report(dir: &Path, data: &Path, answers: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("{}.html", answers.trim_end_matches(".json")));
    crate::report::write_report(data, &out, answers, extra);
    out
}

/// The report as printed: the text of each page, and the page size as pdfinfo gives it.
struct Printed {
    pdf: PathBuf,
    pages: Vec<String>,
    size: String,
}

impl Printed {
    /// The first page whose text holds `needle` (whitespace evened out), counting from 0.
    fn page_of(&self, needle: &str) -> Option<usize> {
        let needle = even(needle);
        self.pages.iter().position(|page| page.contains(&needle))
    }
}

/// Whitespace and line breaks as single spaces, so that wrapped lines compare with the text.
fn even(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn print(binary: &Path, html: &Path) -> Printed {
    let dir = html.parent().unwrap();
    let pdf = html.with_extension("pdf");
    let output = chromium(binary, &dir.join("profile-print"))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "Chromium printed no PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    // pdftotext ends each page with a form feed.
    let pages: Vec<String> = String::from_utf8_lossy(&text.stdout)
        .split('\x0c')
        .map(even)
        .filter(|page| !page.is_empty())
        .collect();
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let size = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find(|line| line.starts_with("Page size:"))
        .unwrap_or_default()
        .to_owned();
    Printed { pdf, pages, size }
}

/// A screenshot as a browser window shows the report; checked to be a PNG of that size.
fn screenshot(binary: &Path, html: &Path) -> PathBuf {
    let png = html.with_extension("png");
    chromium(binary, &html.parent().unwrap().join("profile-shot"))
        .arg("--window-size=1000,1400")
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    let bytes = std::fs::read(&png).expect("Chromium wrote a screenshot");
    assert_eq!(&bytes[1..4], b"PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1000, 1400));
    // A blank page compresses to a few kilobytes; a page of text and pictures does not.
    assert!(bytes.len() > 30_000, "the screenshot looks empty");
    png
}

/// One printed page as a picture for the README, when `BACKCARE_REPORT_PICTURES` names a folder.
fn keep_page(printed: &Printed, page: usize, name: &str) {
    let Some(folder) = std::env::var_os("BACKCARE_REPORT_PICTURES") else {
        return;
    };
    let folder = crate::common::root().join(folder);
    let stem = folder.join(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-singlefile"])
        .args(["-f", &(page + 1).to_string(), "-l", &(page + 1).to_string()])
        .arg(&printed.pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
}

fn outcome(answers: &str) -> Value {
    crate::common::assess_json(&example(answers))
}

#[test]
fn a_referral_report_prints_its_urgency_on_page_one() {
    let Some(binary) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("chest-pain-exertion.json", "EMERGENCY: get help now"),
        ("fever.json", "Get medical help today"),
        ("incomplete.json", "The warning-sign check is not complete"),
    ];
    for (answers, headline) in cases {
        let html = report(dir.path(), dir.path(), answers, &[]);
        let printed = print(&binary, &html);
        assert!(
            printed.pages[0].contains(headline),
            "{answers}: page one lacks the urgency: {}",
            printed.pages[0]
        );
        let count = printed.pages.len();
        for (at, page) in printed.pages.iter().enumerate() {
            assert!(
                page.contains(&format!("Page {} of {count}", at + 1)),
                "{answers}: page {} has no number",
                at + 1
            );
        }
        // Each fired rule's title and the first thing to do are in the print.
        let outcome = outcome(answers);
        for rule in outcome["referral"]["rules"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let title = rule["title"].as_str().unwrap();
            assert!(printed.page_of(title).is_some(), "{answers}: {title}");
        }
        assert!(printed
            .pages
            .iter()
            .all(|p| !p.contains("The exercise routine")));
    }
    let html = dir.path().join("chest-pain-exertion.html");
    screenshot(&binary, &html);
    keep_page(&print(&binary, &html), 0, "report-referral");
}

#[test]
fn every_exercise_card_prints_whole_on_a4_and_letter() {
    let Some(binary) = tools() else {
        return;
    };
    let answers = "desk-worker-forward-head.json";
    let exercises = outcome(answers)["routine"]["exercises"].clone();
    let exercises = exercises.as_array().unwrap();
    assert!(exercises.len() > 5);
    for (paper, size) in [("a4", "(A4)"), ("letter", "(letter)")] {
        let dir = tempfile::tempdir().unwrap();
        let html = report(dir.path(), dir.path(), answers, &["--paper", paper]);
        let printed = print(&binary, &html);
        assert!(printed.size.contains(size), "{paper}: {}", printed.size);
        assert!(printed.pages[0].contains("No warning signs found"));
        let mut first_card_page = None;
        for (number, exercise) in exercises.iter().enumerate() {
            let title = format!("{}. {}", number + 1, exercise["name"].as_str().unwrap());
            let page = printed
                .page_of(&title)
                .unwrap_or_else(|| panic!("{paper}: no card `{title}`"));
            first_card_page.get_or_insert(page);
            let texts = exercise["steps"]
                .as_array()
                .unwrap()
                .iter()
                .chain(exercise["cautions"].as_array().unwrap());
            for text in texts {
                let text = even(text.as_str().unwrap());
                assert!(
                    printed.pages[page].contains(&text),
                    "{paper}: the card `{title}` on page {} is cut or incomplete: `{text}` is not there",
                    page + 1
                );
            }
            // The picture's two panels are on the card's page.
            let pictures = printed.pages[page].matches("Start").count();
            assert!(pictures >= 1, "{paper}: `{title}` has no picture");
        }
        if paper == "a4" {
            screenshot(&binary, &html);
            keep_page(&printed, first_card_page.unwrap() + 1, "report-routine");
        }
    }
}

/// The pain logged on a day of [`four_weeks`], and whether a session was done.
fn journal_day(day: u64) -> (u64, bool) {
    (6 - (3 * day / 27), matches!(day % 7, 0 | 2 | 4 | 5))
}

/// Four weeks of journal: pain easing from 6 to 3, sessions four days a week, two days missed,
/// each exercise of a session rated (the chin tuck helps most days, the ball some days).
fn four_weeks(data: &Path) {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let done = [
        "release_upper_back_ball",
        "chin_tuck",
        "doorway_pec_stretch",
    ];
    let mut lines = String::new();
    for day in 0..28u64 {
        if day == 10 || day == 11 {
            continue;
        }
        let date = start + chrono::Days::new(day);
        let (pain, session) = journal_day(day);
        let line = if session {
            let felt = |helps: bool| if helps { "better" } else { "no_change" };
            let rated = serde_json::json!([
                {"exercise": "release_upper_back_ball", "felt": felt(day % 2 == 0)},
                {"exercise": "chin_tuck", "felt": felt(day % 7 != 5)},
                {"exercise": "doorway_pec_stretch", "felt": "no_change"},
            ]);
            serde_json::json!({"date": date, "kind": "session", "pain": pain, "minutes": 15, "done": done, "skipped": ["cat_stretch"], "rated": rated})
        } else {
            serde_json::json!({"date": date, "kind": "pain", "pain": pain})
        };
        lines.push_str(&format!("{line}\n"));
    }
    std::fs::write(data.join("journal.jsonl"), lines).unwrap();
}

#[test]
fn a_report_with_four_weeks_of_journal_prints_the_pain_chart() {
    let Some(binary) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    four_weeks(dir.path());
    let html = report(dir.path(), dir.path(), "desk-worker-forward-head.json", &[]);
    let text = std::fs::read_to_string(&html).unwrap();
    // Every day with a score is a point of the chart: 26 of the 28 days.
    assert_eq!(text.matches("class=\"point\"").count(), 26);
    let printed = print(&binary, &html);
    let chart = printed
        .page_of("a triangle marks a day with a session")
        .expect("the chart is printed");
    let page = &printed.pages[chart];
    for label in ["2 Nov", "9 Nov", "16 Nov", "23 Nov"] {
        assert!(page.contains(label), "the chart lacks its date {label}");
    }
    assert!(page.contains("Pain and sessions from the journal"));
    // The first week's row, worked out from the days written.
    let week: Vec<(u64, bool)> = (0..7).map(journal_day).collect();
    let sessions = week.iter().filter(|(_, session)| *session).count();
    let pain = week.iter().map(|(pain, _)| *pain as f64).sum::<f64>() / 7.0;
    let row = format!("1 2 Nov to 8 Nov {sessions} {} {pain:.1}", sessions * 15);
    assert!(page.contains(&row), "the weeks table lacks `{row}`: {page}");
    // The ratings are counted beside each exercise: done, skipped, better, no change, worse.
    let (days, helped) = (0..28u64)
        .filter(|day| *day != 10 && *day != 11 && journal_day(*day).1)
        .fold((0, 0), |(days, helped), day| {
            (days + 1, helped + usize::from(day % 7 != 5))
        });
    let chin_tuck = format!("Chin tuck {days} 0 {helped} {} 0", days - helped);
    assert!(page.contains(&chin_tuck), "no `{chin_tuck}` row: {page}");
    screenshot(&binary, &html);
    keep_page(&printed, chart, "report-journal");
}
