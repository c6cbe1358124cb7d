//! FHIR R4: the questionnaire as a Questionnaire, answers as a QuestionnaireResponse, validated by
//! an independent validator (the R4 models of the `fhir.resources` Python package, which .ci/run
//! installs), and read back by `assess` to the same outcome.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{backcare, example, example_files, outside_tool};

/// The Python that has `fhir.resources` for FHIR R4: `BACKCARE_FHIR_PYTHON`, or the virtual
/// environment .ci/run makes. `None`, with a notice, when there is none and CI is not running;
/// under CI a missing validator fails the test.
fn validator_python() -> Option<PathBuf> {
    let python = std::env::var_os("BACKCARE_FHIR_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::common::root().join("target/fhir-venv/bin/python"));
    outside_tool(
        python,
        &["-c", "import fhir.resources.questionnaire"],
        "the FHIR validator (fhir.resources) is not installed; .ci/install-test-tools installs it",
    )
}

fn write_output(args: &[&str], path: &Path) {
    let output = backcare().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(path, output.stdout).unwrap();
}

/// Runs the R4 validator on the questionnaire, written to `dir`, and the given responses.
fn validate(python: &Path, dir: &Path, responses: &[PathBuf]) -> std::process::Output {
    let questionnaire = dir.join("questionnaire.json");
    write_output(&["questions", "--fhir"], &questionnaire);
    Command::new(python)
        .arg(crate::common::root().join("tests/fhir/validate_r4.py"))
        .arg(&questionnaire)
        .args(responses)
        .output()
        .unwrap()
}

/// Every example answers file that can be read, as a QuestionnaireResponse in `dir`.
fn responses(dir: &Path) -> Vec<(String, PathBuf)> {
    example_files()
        .into_iter()
        .filter(|name| name != "malformed.json")
        .map(|name| {
            let path = dir.join(&name);
            let answers = example(&name);
            write_output(
                &["export", "--fhir", "--answers", answers.to_str().unwrap()],
                &path,
            );
            (name, path)
        })
        .collect()
}

#[test]
fn the_questionnaire_and_every_response_pass_the_fhir_r4_validator() {
    let Some(python) = validator_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = responses(dir.path())
        .into_iter()
        .map(|(_, path)| path)
        .collect();
    let output = validate(&python, dir.path(), &files);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("FHIR 4.0.1"), "{said}");
    assert!(said.contains("0 problem(s)"), "{said}");
}

#[test]
fn the_validator_is_not_a_rubber_stamp() {
    let Some(python) = validator_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let response = dir.path().join("fever.json");
    let answers = example("fever.json");
    write_output(
        &["export", "--fhir", "--answers", answers.to_str().unwrap()],
        &response,
    );
    // A yes/no answered with a string, which R4 allows in general but this item does not.
    let text = std::fs::read_to_string(&response).unwrap();
    let broken = text.replacen("\"valueBoolean\": true", "\"valueString\": \"yes\"", 1);
    assert_ne!(broken, text, "the example has a yes answer to break");
    std::fs::write(&response, broken).unwrap();
    let output = validate(&python, dir.path(), &[response]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("valueString"));
}

#[test]
fn every_example_gives_the_same_outcome_from_its_questionnaire_response() {
    let dir = tempfile::tempdir().unwrap();
    let responses = responses(dir.path());
    assert!(responses.len() > 10);
    for (name, path) in responses {
        let assess = |file: &Path| {
            let output = backcare()
                .args(["assess", "--json", "--answers"])
                .arg(file)
                .output()
                .unwrap();
            assert!(output.status.success(), "{name}");
            String::from_utf8(output.stdout).unwrap()
        };
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("\"resourceType\": \"QuestionnaireResponse\""),
            "{name}"
        );
        assert_eq!(assess(&path), assess(&example(&name)), "{name}");
    }
}

#[test]
fn the_questionnaire_says_when_each_follow_up_is_asked() {
    let output = backcare().args(["questions", "--fhir"]).output().unwrap();
    let q: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(q["resourceType"], "Questionnaire");
    let items: Vec<&serde_json::Value> = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|group| group["item"].as_array().unwrap())
        .collect();
    let item = |id: &str| *items.iter().find(|i| i["linkId"] == id).unwrap();
    let when = &item("strain_at_onset")["enableWhen"][0];
    assert_eq!(when["question"], "onset");
    assert_eq!(when["operator"], "=");
    assert_eq!(when["answerCoding"]["code"], "sudden");
    assert_eq!(item("clot_risk")["enableBehavior"], "any");
    assert_eq!(item("clot_risk")["repeats"], true);
    assert_eq!(item("age")["type"], "integer");
    assert_eq!(item("fever")["type"], "boolean");
    assert_eq!(item("upper_back_flat")["enableWhen"][0]["operator"], "!=");
}

/// What `assess` says of a file it must refuse as bad input.
fn refused(path: &Path) -> String {
    let output = backcare()
        .args(["assess", "--answers"])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_bad_questionnaire_response_is_refused_with_its_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("response.json");
    std::fs::write(
        &path,
        r#"{
  "resourceType": "QuestionnaireResponse",
  "status": "completed",
  "item": [
    {"linkId": "age", "answer": [{"valueInteger": 34}]},
    {"linkId": "fevr", "answer": [{"valueBoolean": false}]},
    {"linkId": "onset", "answer": [{"valueCoding": {"code": "overnight"}}]}
  ]
}"#,
    )
    .unwrap();
    let said = refused(&path);
    let name = path.display().to_string();
    assert!(said.contains(&format!("{name}:6:")), "{said}");
    assert!(said.contains("did you mean `fever`"), "{said}");
    assert!(said.contains(&format!("{name}:7:")), "{said}");
    assert!(said.contains("has no option \"overnight\""), "{said}");
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn another_fhir_resource_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("patient.json");
    std::fs::write(&path, "{\"resourceType\": \"Patient\", \"id\": \"x\"}\n").unwrap();
    let said = refused(&path);
    assert!(
        said.contains("FHIR Patient, not a QuestionnaireResponse"),
        "{said}"
    );
}

#[test]
fn the_example_response_and_questionnaire_are_what_backcare_writes() {
    let fhir = crate::common::root().join("examples/fhir");
    let questionnaire = backcare().args(["questions", "--fhir"]).output().unwrap();
    assert_eq!(
        String::from_utf8(questionnaire.stdout).unwrap(),
        std::fs::read_to_string(fhir.join("questionnaire.json")).unwrap(),
        "examples/fhir/questionnaire.json is out of date: write it again with `backcare questions --fhir`"
    );
    let response = fhir.join("fever.questionnaire-response.json");
    assert_eq!(
        crate::common::assess_json(&response),
        crate::common::assess_json(&example("fever.json"))
    );
}
