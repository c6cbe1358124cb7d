//! Bad input through the binary: clear messages with a place and a fix, the right exit code, no panic.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

/// Runs `assess` on an answers file; returns (exit code, stderr).
fn assess_failing(path: &Path, rules_dir: Option<&Path>) -> (Option<i32>, String) {
    let mut cmd = backcare();
    if let Some(dir) = rules_dir {
        cmd.arg("--rules").arg(dir);
    }
    let output = cmd
        .args(["assess", "--json", "--answers"])
        .arg(path)
        .output()
        .expect("backcare runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "{} was accepted", path.display());
    assert!(
        output.stdout.is_empty(),
        "an outcome was printed despite the error"
    );
    assert_no_panic(&stderr);
    (output.status.code(), stderr)
}

/// Writes the benign base with `key` set to `value` into a temporary file, pretty-printed so each
/// answer is on its own line.
fn benign_with(dir: &Path, key: &str, value: Value) -> (std::path::PathBuf, String) {
    let mut map = benign_base();
    map.insert(key.to_owned(), value);
    let text = serde_json::to_string_pretty(&Value::Object(map)).expect("serialises");
    let path = dir.join("answers.json");
    std::fs::write(&path, &text).expect("write answers");
    (path, text)
}

#[test]
fn a_malformed_file_exits_3_naming_the_file_line_and_column_and_what_to_do() {
    let path = example("malformed.json");
    let text = std::fs::read_to_string(&path).expect("malformed.json");
    assert!(
        serde_json::from_str::<Value>(&text).is_err(),
        "malformed.json must stay broken"
    );
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3), "stderr:\n{stderr}");
    // The missing comma is after "pain_location"; the parser notices it at the next key.
    let line = line_of(&text, "\"duration_days\"");
    assert!(
        stderr.contains(&format!("malformed.json:{line}:")),
        "no file:line:column for line {line}:\n{stderr}"
    );
    assert!(
        stderr.contains("fix:") && stderr.contains("comma"),
        "no advice on what to do:\n{stderr}"
    );
    assert!(stderr.contains("fix the file and try again"), "{stderr}");
}

#[test]
fn an_answers_file_in_another_encoding_is_named_with_the_line_and_column_of_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.json");
    // "été" in Latin-1 on the third line, after nine characters, one of them two bytes long.
    std::fs::write(
        &path,
        b"{\n  \"age\": 40,\n  \"\xc3\xa9x\": \"\xe9t\xe9\"\n}\n",
    )
    .unwrap();
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("latin1.json"), "{stderr}");
    assert!(
        stderr.contains("not UTF-8 text: line 3, column 10"),
        "{stderr}"
    );
    assert!(stderr.contains("save it as UTF-8"), "{stderr}");
}

#[test]
fn an_unknown_question_id_is_named_with_a_did_you_mean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, text) = benign_with(dir.path(), "chest_pian", Value::Bool(false));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("unknown question `chest_pian`"), "{stderr}");
    assert!(stderr.contains("did you mean `chest_pain`"), "{stderr}");
    let line = line_of(&text, "\"chest_pian\"");
    assert!(
        stderr.contains(&format!("answers.json:{line}:")),
        "line {line} not named:\n{stderr}"
    );
}

#[test]
fn an_unknown_question_unlike_any_known_one_gets_no_guess() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = benign_with(dir.path(), "favourite_colour", Value::from("blue"));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains("unknown question `favourite_colour`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("did you mean"),
        "a far-fetched guess:\n{stderr}"
    );
    assert!(
        stderr.contains("backcare questions"),
        "does not say where the ids are listed:\n{stderr}"
    );
}

#[test]
fn a_number_out_of_range_is_named_with_its_range() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, text) = benign_with(dir.path(), "pain_score", Value::from(11));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("pain_score"), "{stderr}");
    assert!(
        stderr.contains("0 to 10"),
        "the allowed range is not given:\n{stderr}"
    );
    let line = line_of(&text, "\"pain_score\"");
    assert!(
        stderr.contains(&format!("answers.json:{line}:")),
        "{stderr}"
    );

    let (path, _) = benign_with(dir.path(), "age", Value::from(111));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains("`age`") && stderr.contains("16 to 110"),
        "{stderr}"
    );
}

#[test]
fn someone_under_16_is_told_backcare_is_not_for_them_and_to_see_a_doctor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, text) = benign_with(dir.path(), "age", Value::from(12));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("16 and over"), "{stderr}");
    assert!(stderr.contains("see a doctor"), "{stderr}");
    assert!(
        !stderr.contains("outside the range"),
        "a bare range error:\n{stderr}"
    );
    let line = line_of(&text, "\"age\"");
    assert!(
        stderr.contains(&format!("answers.json:{line}:")),
        "{stderr}"
    );
}

#[test]
fn a_fraction_where_a_whole_number_is_asked_is_refused_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = benign_with(dir.path(), "age", Value::from(34.5));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("whole number"), "{stderr}");
    assert!(stderr.contains("34.5"), "{stderr}");
}

#[test]
fn an_option_not_offered_is_named_with_the_options_that_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = benign_with(dir.path(), "onset", Value::from("slowly"));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains("`onset` has no option \"slowly\""),
        "{stderr}"
    );
    for option in ["sudden", "gradual", "after_trauma"] {
        assert!(
            stderr.contains(option),
            "option {option} not offered as a fix:\n{stderr}"
        );
    }

    let (path, _) = benign_with(
        dir.path(),
        "equipment",
        Value::from(vec!["chair", "treadmill"]),
    );
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains("treadmill") && stderr.contains("foam_roller"),
        "{stderr}"
    );
}

#[test]
fn an_answer_of_the_wrong_kind_says_how_to_write_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = benign_with(dir.path(), "fever", Value::from("no"));
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("`fever` is a yes/no question"), "{stderr}");
    assert!(stderr.contains("true or false"), "{stderr}");
}

#[test]
fn every_problem_in_a_file_is_reported_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut map = benign_base();
    map.insert("pain_score".into(), Value::from(42));
    map.insert("onset".into(), Value::from("slowly"));
    let path = dir.path().join("two.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&Value::Object(map)).unwrap(),
    )
    .unwrap();
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains("pain_score") && stderr.contains("slowly"),
        "{stderr}"
    );
    assert!(stderr.contains("2 errors"), "{stderr}");
}

#[test]
fn answers_that_are_not_an_object_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("list.json");
    std::fs::write(&path, "[true, false]").unwrap();
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("JSON object"), "{stderr}");
}

#[test]
fn a_missing_answers_file_is_named() {
    let (code, stderr) = assess_failing(Path::new("examples/answers/no-such-file.json"), None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("no-such-file.json"), "{stderr}");
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert!(stderr.contains("no such file"), "{stderr}");
    assert!(
        !stderr.contains("os error"),
        "the system's raw text: {stderr}"
    );
}

/// A copy of rules/ in a temporary folder, with `edit` applied to one file's text.
fn broken_rules(file: &str, edit: impl Fn(&str) -> String) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(root().join("rules")).expect("rules/") {
        let entry = entry.expect("entry");
        // schema/ is for editors; backcare reads only the files.
        if entry.file_type().expect("file type").is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    let target = dir.path().join(file);
    let original = std::fs::read_to_string(&target).expect("rule file");
    let edited = edit(&original);
    assert_ne!(original, edited, "the edit changed nothing");
    std::fs::write(&target, &edited).expect("write");
    (dir, edited)
}

#[test]
fn an_unchanged_copy_of_the_rules_gives_the_same_outcome() {
    let (dir, _) = broken_rules("README.md", |text| format!("{text}\n"));
    let file = example("long-lasting-pain.json");
    let output = backcare()
        .arg("--rules")
        .arg(dir.path())
        .args(["assess", "--json", "--answers"])
        .arg(&file)
        .output()
        .expect("backcare runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let outcome: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(outcome, assess_json(&file));
}

#[test]
fn a_misspelt_question_id_in_a_rule_file_exits_4_naming_the_file_line_and_column() {
    let (dir, edited) = broken_rules("red_flags.json", |text| {
        text.replacen("\"yes\": \"fever\"", "\"yes\": \"fevre\"", 1)
    });
    let (code, stderr) =
        assess_failing(&example("desk-worker-forward-head.json"), Some(dir.path()));
    assert_eq!(code, Some(4), "stderr:\n{stderr}");
    let line = line_of(&edited, "\"fevre\"");
    assert!(
        stderr.contains(&format!("red_flags.json:{line}:")),
        "red_flags.json line {line} not named:\n{stderr}"
    );
    assert!(stderr.contains("unknown question `fevre`"), "{stderr}");
    assert!(stderr.contains("did you mean `fever`"), "{stderr}");
    assert!(stderr.contains("rule set was not loaded"), "{stderr}");
}

#[test]
fn a_rule_file_with_broken_json_exits_4_naming_the_file_line_and_column() {
    let (dir, edited) = broken_rules("exercises.json", |text| {
        text.replacen("\"phase\": \"stretch\",", "\"phase\": \"stretch\"", 1)
    });
    let (code, stderr) =
        assess_failing(&example("desk-worker-forward-head.json"), Some(dir.path()));
    assert_eq!(code, Some(4), "stderr:\n{stderr}");
    // The parser trips on the key after the missing comma.
    let broken_at = line_of(&edited, "\"phase\": \"stretch\"") + 1;
    assert!(
        stderr.contains(&format!("exercises.json:{broken_at}:")),
        "exercises.json line {broken_at} not named:\n{stderr}"
    );
}

#[test]
fn an_unknown_field_in_a_rule_file_is_an_error_not_ignored() {
    let (dir, _) = broken_rules("policy.json", |text| {
        text.replacen("\"default_minutes\"", "\"default_minuets\"", 1)
    });
    let (code, stderr) =
        assess_failing(&example("desk-worker-forward-head.json"), Some(dir.path()));
    assert_eq!(code, Some(4), "stderr:\n{stderr}");
    assert!(
        stderr.contains("policy.json:") && stderr.contains("default_minuets"),
        "{stderr}"
    );
}

#[test]
fn a_rules_folder_that_lacks_a_file_is_named() {
    let (dir, _) = broken_rules("README.md", |text| format!("{text}\n"));
    std::fs::remove_file(dir.path().join("postures.json")).expect("remove");
    let (_, stderr) = assess_failing(&example("desk-worker-forward-head.json"), Some(dir.path()));
    assert!(stderr.contains("postures.json"), "{stderr}");
}

#[test]
fn a_question_answered_twice_is_rejected_rather_than_the_last_answer_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = serde_json::to_string_pretty(&Value::Object(benign_base())).unwrap();
    let text = text.replacen(
        "\"fever\": false,",
        "\"fever\": true,\n  \"fever\": false,",
        1,
    );
    assert_eq!(text.matches("\"fever\"").count(), 2);
    let path = dir.path().join("twice.json");
    std::fs::write(&path, &text).unwrap();
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("fever"), "{stderr}");
}

#[test]
fn an_empty_answers_file_says_it_is_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.json");
    std::fs::write(&path, "\n").unwrap();
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("the file is empty"), "{stderr}");
    assert!(!stderr.contains("missing comma"), "{stderr}");
}

#[test]
fn an_old_answers_file_still_works_and_is_told_what_replaced_a_retired_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut map = answer_map(&example("desk-worker-forward-head.json"));
    // As a file from before the questions changed: the old id, and no answer to its successor.
    map.remove("bladder_bowel_control");
    map.insert("bowel_bladder_change".to_owned(), Value::Bool(false));
    let text = serde_json::to_string_pretty(&Value::Object(map)).unwrap();
    let path = dir.path().join("old.json");
    std::fs::write(&path, &text).unwrap();
    let output = backcare()
        .args(["assess", "--json", "--answers"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let line = line_of(&text, "\"bowel_bladder_change\"");
    assert!(stderr.contains(&format!("old.json:{line}:")), "{stderr}");
    assert!(stderr.contains("no longer asked"), "{stderr}");
    assert!(
        stderr.contains("`bladder_bowel_control`"),
        "names what replaced it:\n{stderr}"
    );
    let outcome: Value = serde_json::from_slice(&output.stdout).unwrap();
    // The new question is simply unanswered, so the warning-sign screen stays open.
    assert_eq!(outcome["urgency"], "incomplete");
    assert!(strings(&outcome["missing"]).contains(&"bladder_bowel_control".to_owned()));
}

#[test]
fn a_huge_value_on_a_huge_line_is_quoted_cut_short() {
    // The whole file on one line, with half a megabyte where yes or no belongs.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut map = benign_base();
    map.insert("fever".to_owned(), Value::from("y".repeat(500_000)));
    let path = dir.path().join("answers.json");
    std::fs::write(&path, Value::Object(map).to_string()).expect("write answers");
    let (code, stderr) = assess_failing(&path, None);
    assert_short(&stderr, 2_000);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains(&format!(
            "`fever` is a yes/no question, but the answer is \"{}…",
            "y".repeat(59)
        )),
        "{stderr}"
    );
    // The line under the message is the stretch around the value, not the whole line.
    assert!(stderr.contains("\"fever\":\"yyy"), "{stderr}");
    assert!(stderr.contains("answers.json:1:"), "{stderr}");
}

#[test]
fn a_huge_unknown_key_is_named_cut_short_without_a_guess() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = format!("chest_pain{}", "x".repeat(1_000_000));
    let (path, _) = benign_with(dir.path(), &key, Value::Bool(false));
    let (code, stderr) = assess_failing(&path, None);
    assert_short(&stderr, 2_000);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains(&format!("unknown question `chest_pain{}…`", "x".repeat(50))),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

#[test]
fn an_answers_file_past_1_mib_is_refused_and_one_of_exactly_1_mib_is_read() {
    let limit = backcare::limits::ANSWERS_FILE.bytes as usize;
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = Value::Object(benign_base()).to_string();
    let path = dir.path().join("answers.json");
    // Trailing spaces keep the file valid JSON at any length.
    let padded = |length: usize| format!("{answers}{}", " ".repeat(length - answers.len()));
    std::fs::write(&path, padded(limit)).expect("write answers");
    let output = backcare()
        .args(["assess", "--answers"])
        .arg(&path)
        .output()
        .expect("backcare runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    std::fs::write(&path, padded(limit + 1)).expect("write answers");
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains(&format!(
            "cannot read {}: it is larger than 1 MiB, the most backcare reads as an answers file",
            path.display()
        )),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_answers_file_is_refused_at_its_limit() {
    let (code, stderr) = assess_failing(Path::new("/dev/zero"), None);
    assert_eq!(code, Some(3));
    assert!(
        stderr.contains("cannot read /dev/zero: it is larger than 1 MiB"),
        "{stderr}"
    );
    // Through the process's own standard input: assert_cmd would read the whole of it first.
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("backcare"))
        .args(["assess", "--answers", "-"])
        .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero opens"))
        .output()
        .expect("backcare runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read standard input: it is larger than 1 MiB"),
        "{stderr}"
    );
}

#[test]
fn a_rule_file_past_16_mib_is_refused_naming_it() {
    let limit = backcare::limits::RULE_FILE.bytes as usize;
    let (dir, _) = broken_rules("policy.json", |text| {
        format!("{text}{}", " ".repeat(limit + 1 - text.len()))
    });
    let output = backcare()
        .arg("--rules")
        .arg(dir.path())
        .args(["assess", "--answers"])
        .arg(example("desk-worker-forward-head.json"))
        .output()
        .expect("backcare runs");
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_short(&stderr, 1_000);
    assert!(
        stderr.contains(
            "policy.json: it is larger than 16 MiB, the most backcare reads as a rule file"
        ),
        "{stderr}"
    );
}

#[test]
fn a_number_too_large_to_read_is_not_called_a_missing_comma() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("answers.json");
    std::fs::write(&path, "{\n  \"age\": 1e400\n}\n").unwrap();
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert!(stderr.contains("too large"), "{stderr}");
    assert!(!stderr.contains("missing comma"), "{stderr}");
    assert!(stderr.contains("answers.json:2:"), "{stderr}");
}

#[test]
fn rules_that_are_not_there_are_named_as_missing_not_as_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let absent = dir.path().join("no-such-rules");
    let output = backcare()
        .arg("--rules")
        .arg(&absent)
        .args(["questions"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("there is no such folder"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_message_that_cannot_be_written_still_leaves_the_exit_status_to_tell() {
    // Standard error on a full disk: the message is lost, but the program must not crash over it.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("backcare"))
        .args(["assess", "--answers", "no-such-file.json"])
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(3));
}

#[test]
fn a_file_full_of_problems_shows_the_first_fifty_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.json");
    let entries: Vec<String> = (0..2000)
        .map(|n| format!("  \"not_a_question_{n}\": {n}"))
        .collect();
    std::fs::write(&path, format!("{{\n{}\n}}\n", entries.join(",\n"))).unwrap();
    let (code, stderr) = assess_failing(&path, None);
    assert_eq!(code, Some(3));
    assert_eq!(stderr.matches("unknown question").count(), 50, "{stderr}");
    // The first fifty, in file order: the file's first lines.
    assert!(stderr.contains("garbage.json:2:"), "{stderr}");
    assert!(stderr.contains("garbage.json:51:"), "{stderr}");
    assert!(!stderr.contains("garbage.json:52:"), "{stderr}");
    assert!(
        stderr.contains("… and 1950 more not shown; fix these and run it again"),
        "{stderr}"
    );
    assert!(stderr.contains("2000 errors"), "{stderr}");
}

#[test]
fn json_mistakes_are_said_in_words_with_the_file_and_line_not_in_the_readers_terms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.json");
    for (text, said) in [
        ("{\"age\": tru}", "not something JSON knows"),
        ("{age: 34}", "not in double quotes"),
        ("{\"age\": 34 \"sex\": \"male\"}", "a comma or a closing }"),
        ("{\"age\": 34,}", "a comma after the last entry"),
        ("garbage", "a value is missing here"),
    ] {
        std::fs::write(&path, text).unwrap();
        let (code, stderr) = assess_failing(&path, None);
        assert_eq!(code, Some(3), "{text}");
        assert!(stderr.contains(said), "{text}: {stderr}");
        assert!(
            stderr.contains(&format!("{}:1:", path.display())),
            "{text}: {stderr}"
        );
        for jargon in ["expected ident", "key must be a string", "expected value"] {
            assert!(!stderr.contains(jargon), "{text}: {stderr}");
        }
    }
}

#[test]
fn damaged_saved_answers_are_called_backcares_own_and_set_aside_whole() {
    let data = tempfile::tempdir().unwrap();
    let saved = data.path().join("answers.json");
    std::fs::write(&saved, "{\"age\": 3").unwrap();
    let output = backcare()
        .arg("session")
        .env("BACKCARE_DATA_DIR", data.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_no_panic(&stderr);
    assert_saved_answers_set_aside(&stderr, data.path(), "{\"age\": 3");
}

#[test]
fn a_data_folder_that_is_a_file_is_said_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "").unwrap();
    let output = backcare()
        .args(["log", "3"])
        .env("BACKCARE_DATA_DIR", &file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("it is a file, where backcare needs a folder"),
        "{stderr}"
    );
    assert!(!stderr.to_lowercase().contains("file exists"), "{stderr}");
}
