//! What `assess` prints for every example answer file, kept as insta snapshots in `snapshots/`.
//!
//! The other tests check what the result means; these keep its exact words, so a change of wording
//! or layout shows up as a diff to review rather than passing unseen. After a deliberate change,
//! `INSTA_UPDATE=always cargo test snapshots` rewrites them; read the diff before committing.
//! Under CI insta writes nothing and a missing snapshot fails.

use std::process::Output;

use crate::common::*;

/// `assess` on one example file, as a person would type it (a path relative to the project root,
/// so no machine-specific path reaches the snapshots); colour is off and standard output is a
/// pipe, so lines are not wrapped to any terminal's width.
fn assess(name: &str, json: bool) -> Output {
    let mut command = backcare();
    command
        .args(["assess", "--color", "never", "--answers"])
        .arg(format!("examples/answers/{name}"));
    if json {
        command.arg("--json");
    }
    command.output().expect("backcare runs")
}

/// Snapshots are named after the view and the file, without the test module's path.
fn settings(name: &str, json: bool) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let flag = if json { " --json" } else { "" };
    settings.set_description(format!(
        "backcare assess --color never --answers examples/answers/{name}{flag}"
    ));
    settings
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("the output is UTF-8")
}

fn snapshot_every_example(json: bool) {
    let view = if json { "assess_json" } else { "assess_text" };
    // The files meant to fail are those with an `error` entry here.
    let expectations = read_json(&data("example-expectations.json"));
    for file in example_files() {
        let stem = file.trim_end_matches(".json");
        let output = assess(&file, json);
        settings(&file, json).bind(|| {
            if expectations[&file].get("error").is_some() {
                assert!(!output.status.success(), "{file} was meant to fail");
                assert!(output.stdout.is_empty(), "{file}: output despite the error");
                insta::assert_snapshot!(format!("{view}_error__{stem}"), text(&output.stderr));
            } else {
                // A warning would be wording the snapshot does not hold.
                assert!(
                    output.status.success() && output.stderr.is_empty(),
                    "{file}: a failure or a warning:\n{}",
                    text(&output.stderr)
                );
                insta::assert_snapshot!(format!("{view}__{stem}"), text(&output.stdout));
            }
        });
    }
}

#[test]
fn assess_text_of_every_example_file() {
    snapshot_every_example(false);
}

#[test]
fn assess_json_of_every_example_file() {
    snapshot_every_example(true);
}
