//! Helpers shared by the test modules: paths, running the binary, loading answers.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use backcare_engine::{Answers, Outcome, RuleSet};
use serde_json::{Map, Value};

/// The project root (where Cargo.toml is).
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn examples_dir() -> PathBuf {
    root().join("examples").join("answers")
}

pub(crate) fn example(name: &str) -> PathBuf {
    examples_dir().join(name)
}

pub(crate) fn data(name: &str) -> PathBuf {
    root().join("tests").join("data").join(name)
}

/// A tool from outside (a program the command `program` names, run with `args`) when it runs:
/// `Some(program)`. Without it a test is skipped with `notice` printed, but under CI (`CI` set to
/// anything but empty or `false`) it fails instead.
pub(crate) fn outside_tool(program: PathBuf, args: &[&str], notice: &str) -> Option<PathBuf> {
    let runs = std::process::Command::new(&program)
        .args(args)
        .output()
        .is_ok_and(|out| out.status.success());
    if runs {
        return Some(program);
    }
    let notice = format!("{} does not run: {notice}", program.display());
    if std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false") {
        panic!("{notice}");
    }
    // Straight to standard error, past the test harness's capture, so the skip is seen.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "skipped: {notice}");
    None
}

/// The real binary, run from the project root, with colour off.
pub(crate) fn backcare() -> Command {
    let mut cmd = Command::cargo_bin("backcare").expect("the backcare binary is built");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

pub(crate) fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

/// An answers file as a JSON object (question id to value).
pub(crate) fn answer_map(path: &Path) -> Map<String, Value> {
    match read_json(path) {
        Value::Object(map) => map,
        other => panic!("{} is not a JSON object: {other}", path.display()),
    }
}

/// The benign base every red-flag case is laid over.
pub(crate) fn benign_base() -> Map<String, Value> {
    answer_map(&example("desk-worker-forward-head.json"))
}

pub(crate) fn rules() -> RuleSet {
    RuleSet::embedded().expect("the built-in rule set loads")
}

/// Checked answers, panicking with the problems when the map does not fit the questionnaire.
pub(crate) fn answers(rules: &RuleSet, map: &Map<String, Value>) -> Answers {
    Answers::from_value(&Value::Object(map.clone()), &rules.questionnaire)
        .unwrap_or_else(|problems| panic!("answers rejected: {problems:?}"))
}

/// `base` with every key of `overlay` set (a `null` in the overlay removes the answer).
pub(crate) fn overlay(
    base: &Map<String, Value>,
    overlay: &Map<String, Value>,
) -> Map<String, Value> {
    let mut out = base.clone();
    for (key, value) in overlay {
        if value.is_null() {
            out.remove(key);
        } else {
            out.insert(key.clone(), value.clone());
        }
    }
    out
}

/// The outcome as the JSON the binary prints, for checks shared by both paths.
pub(crate) fn outcome_value(outcome: &Outcome) -> Value {
    serde_json::to_value(outcome).expect("an outcome serialises")
}

/// Runs `backcare assess --answers FILE --json`, expecting success, and parses its output.
pub(crate) fn assess_json(path: &Path) -> Value {
    let output = backcare()
        .args(["assess", "--json", "--answers"])
        .arg(path)
        .output()
        .expect("backcare runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "assess {} failed with {:?}:\n{stderr}",
        path.display(),
        output.status.code()
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("assess {} printed invalid JSON: {e}", path.display()))
}

/// The ids of the rules that fired, in the order the outcome lists them.
pub(crate) fn fired_ids(outcome: &Value) -> Vec<String> {
    match &outcome["referral"] {
        Value::Null => Vec::new(),
        referral => referral["rules"]
            .as_array()
            .expect("referral.rules is a list")
            .iter()
            .map(|r| r["id"].as_str().expect("rule id").to_owned())
            .collect(),
    }
}

/// The `id` field of every item of a JSON list.
pub(crate) fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item["id"].as_str().expect("an id").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item.as_str().expect("a string").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Every file in examples/answers ending in `.json`, sorted by name.
pub(crate) fn example_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(examples_dir())
        .expect("examples/answers exists")
        .map(|entry| {
            entry
                .expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// The 1-based line of the first line of `text` containing `needle`.
pub(crate) fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not found"))
        + 1
}

/// The text as one line of words, however it was wrapped.
pub(crate) fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks stderr of a failed run reads like a message for a person, not a crash.
pub(crate) fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked"),
        "stderr shows a panic:\n{stderr}"
    );
    assert!(
        !stderr.contains("RUST_BACKTRACE"),
        "stderr mentions a backtrace:\n{stderr}"
    );
    assert!(
        !stderr.trim().is_empty(),
        "stderr is empty; a failure should say why"
    );
}

/// Checks that a message quoting a huge value stayed short; on failure shows only its start.
pub(crate) fn assert_short(text: &str, most_bytes: usize) {
    assert!(
        text.len() <= most_bytes,
        "{} bytes, more than {most_bytes}; it starts:\n{}",
        text.len(),
        text.chars().take(1_000).collect::<String>()
    );
}

/// `stderr` says that backcare's own saved answers in `data` could not be read and were set aside,
/// with no advice meant for a file a person wrote; the set-aside file still holds `text`.
pub(crate) fn assert_saved_answers_set_aside(stderr: &str, data: &Path, text: &str) {
    let aside = data.join("answers.unreadable-1.json");
    assert!(
        stderr.contains("backcare's saved answers could not be read")
            && stderr.contains(&aside.display().to_string()),
        "{stderr}"
    );
    assert!(!stderr.contains("comma"), "{stderr}");
    assert_eq!(std::fs::read_to_string(aside).unwrap(), text);
}
