//! `backcare rules check`: passes on the shipped rules, and catches each kind of planted fault at
//! the place it was planted.

use serde_json::{json, Value};

use crate::common::{assert_no_panic, backcare, root};
use crate::pty::Terminal;

const FILES: [&str; 6] = [
    "questionnaire.json",
    "red_flags.json",
    "postures.json",
    "exercises.json",
    "policy.json",
    "figures.json",
];

/// A copy of the shipped rules in a temporary folder, with faults planted by editing the JSON.
struct Planted {
    dir: tempfile::TempDir,
}

impl Planted {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for name in FILES {
            std::fs::copy(root().join("rules").join(name), dir.path().join(name)).unwrap();
        }
        Planted { dir }
    }

    fn edit(&self, file: &str, change: impl FnOnce(&mut Value)) -> &Self {
        let path = self.dir.path().join(file);
        let mut value: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        change(&mut value);
        std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
        self
    }

    fn write_text(&self, file: &str, change: impl FnOnce(String) -> String) -> &Self {
        let path = self.dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, change(text)).unwrap();
        self
    }

    fn text(&self, file: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(file)).unwrap()
    }

    /// `file:line:` of the line holding `needle` inside the JSON object whose line holds
    /// `anchor` (keys are written sorted, so the needle may come before the anchor).
    fn place(&self, file: &str, anchor: &str, needle: &str) -> String {
        let text = self.text(file);
        let lines: Vec<&str> = text.lines().collect();
        let indent = |line: &str| line.len() - line.trim_start().len();
        let at = lines
            .iter()
            .position(|l| l.contains(anchor))
            .unwrap_or_else(|| panic!("no {anchor}"));
        let start = (0..=at)
            .rev()
            .find(|&i| lines[i].trim_end().ends_with('{') && indent(lines[i]) < indent(lines[at]))
            .unwrap_or(0);
        let end = (start + 1..lines.len())
            .find(|&i| {
                indent(lines[i]) == indent(lines[start]) && lines[i].trim_start().starts_with('}')
            })
            .unwrap_or(lines.len() - 1);
        let line = (start..=end)
            .find(|&i| lines[i].contains(needle))
            .unwrap_or_else(|| panic!("no {needle} near {anchor}"));
        format!("{}:{}:", self.dir.path().join(file).display(), line + 1)
    }

    /// Runs the check; returns (exit code, standard output).
    fn check(&self) -> (i32, String) {
        let output = backcare()
            .args(["rules", "check"])
            .arg(self.dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !stderr.is_empty() {
            assert_no_panic(&stderr);
        }
        (
            output.status.code().unwrap(),
            String::from_utf8_lossy(&output.stdout).into_owned() + &stderr,
        )
    }
}

fn rule_mut<'v>(rules: &'v mut Value, id: &str) -> &'v mut Value {
    rules["rules"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == id)
        .unwrap()
}

fn question_mut<'v>(questionnaire: &'v mut Value, id: &str) -> &'v mut Value {
    questionnaire["questions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|q| q["id"] == id)
        .unwrap()
}

/// Asserts an error (exit 4) reported at `place` with `message` in it.
fn assert_error_at(result: &(i32, String), place: &str, message: &str) {
    let (code, output) = result;
    assert_eq!(*code, 4, "a fault must fail the check:\n{output}");
    let reported = output.split("\n\n").any(|block| {
        block.contains(place) && block.contains(message) && block.starts_with("error")
    });
    assert!(
        reported,
        "expected an error `{message}` at {place}:\n{output}"
    );
}

#[test]
fn the_shipped_rules_pass_with_no_errors_or_warnings() {
    let output = backcare().args(["rules", "check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.starts_with("rules check of the built-in rules: 0 errors, 0 warnings"),
        "{summary}"
    );
    assert!(summary.contains("answer combinations tried"), "{summary}");
}

#[test]
fn the_shipped_folder_passes_the_same_way() {
    let output = backcare()
        .args(["rules", "check", "rules"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn a_misspelt_field_is_an_error_not_ignored() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        let rule = rule_mut(v, "fever_with_back_pain");
        let when = rule.as_object_mut().unwrap().remove("when").unwrap();
        rule["wehn"] = when;
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "fever_with_back_pain", "wehn"),
        "unknown field `wehn`",
    );
}

#[test]
fn a_value_of_the_wrong_type_is_an_error() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "fever_with_back_pain")["urgency"] = json!(3)
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "fever_with_back_pain", "\"urgency\""),
        "invalid type",
    );
}

#[test]
fn every_bad_value_in_a_file_is_reported_in_one_run() {
    // Three faults in three rules of one file, and one in another file: a physiotherapist mends
    // them all from one report instead of one a run.
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "fever_with_back_pain")["urgency"] = json!(3);
        rule_mut(v, "coughing_blood")["title"] = json!(["not", "text"]);
        rule_mut(v, "chest_pain_with_back_pain")["wehn"] = json!({"yes": "fever"});
    });
    planted.edit("postures.json", |v| v["findings"][0]["when"] = json!(7));
    let result = planted.check();
    let faults = [
        (
            "red_flags.json",
            "fever_with_back_pain",
            "\"urgency\"",
            "invalid type",
        ),
        (
            "red_flags.json",
            "\"coughing_blood\"",
            "\"title\"",
            "invalid type",
        ),
        (
            "red_flags.json",
            "chest_pain_with_back_pain",
            "\"wehn\"",
            "unknown field",
        ),
    ];
    for (file, anchor, needle, message) in faults {
        assert_error_at(&result, &planted.place(file, anchor, needle), message);
    }
    assert!(result.1.contains("postures.json:"), "{}", result.1);
    assert!(result.1.contains("4 errors"), "{}", result.1);
}

#[test]
fn broken_json_is_pointed_at() {
    let planted = Planted::new();
    planted.write_text("postures.json", |text| {
        text.replacen("\"forward_head\",", "\"forward_head\"", 1)
    });
    let (code, output) = planted.check();
    assert_eq!(code, 4);
    assert!(output.contains("postures.json:"), "{output}");
    assert!(
        output.contains("a comma or a closing } is missing"),
        "{output}"
    );
}

#[test]
fn an_unknown_question_in_a_rule_is_pointed_at_with_a_suggestion() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "fever_with_back_pain")["when"] = json!({"yes": "fevr"})
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "fever_with_back_pain", "\"fevr\""),
        "unknown question `fevr`",
    );
    assert!(result.1.contains("did you mean `fever`"), "{}", result.1);
}

#[test]
fn an_unknown_exercise_in_the_policy_is_an_error() {
    let planted = Planted::new();
    planted.edit("policy.json", |v| {
        v["base"][0]["exercise"] = json!("ball_release")
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("policy.json", "\"base\"", "ball_release"),
        "unknown exercise `ball_release`",
    );
}

#[test]
fn an_unknown_tag_on_an_exercise_is_an_error() {
    let planted = Planted::new();
    planted.edit("exercises.json", |v| {
        let cat = v["exercises"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|e| e["id"] == "cat_stretch")
            .unwrap();
        cat["tags"]
            .as_array_mut()
            .unwrap()
            .push(json!("spinal_flexon"));
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("exercises.json", "\"cat_stretch\"", "spinal_flexon"),
        "unknown tag `spinal_flexon`",
    );
}

#[test]
fn an_option_that_does_not_exist_is_an_error() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "minor_injury")["when"] =
            json!({"is": {"question": "onset", "option": "after_injury"}});
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "\"minor_injury\"", "after_injury"),
        "has no option `after_injury`",
    );
}

#[test]
fn a_skip_condition_that_hides_a_safety_question_is_an_error() {
    let planted = Planted::new();
    // Fever is then only asked of people with chest pain: everyone else would never be screened.
    planted.edit("questionnaire.json", |v| {
        question_mut(v, "fever")["ask_when"] = json!({"yes": "chest_pain"})
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("questionnaire.json", "\"fever\"", "ask_when"),
        "can hide `fever`",
    );
}

#[test]
fn a_question_that_can_never_be_asked_is_an_error() {
    let planted = Planted::new();
    planted.edit("questionnaire.json", |v| {
        question_mut(v, "phone_hours_per_day")["ask_when"] =
            json!({"all": [{"yes": "trauma"}, {"no": "trauma"}]});
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("questionnaire.json", "\"phone_hours_per_day\"", "ask_when"),
        "`phone_hours_per_day` is never asked",
    );
}

#[test]
fn a_rule_that_can_never_fire_is_an_error() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "coughing_blood")["when"] =
            json!({"all": [{"yes": "coughing_blood"}, {"no": "coughing_blood"}]});
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "\"coughing_blood\"", "\"when\""),
        "can never fire",
    );
}

#[test]
fn a_rule_that_always_fires_is_an_error() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "coughing_blood")["when"] =
            json!({"any": [{"yes": "coughing_blood"}, {"no": "coughing_blood"}]});
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "\"coughing_blood\"", "\"when\""),
        "always fires",
    );
}

#[test]
fn two_rules_with_one_condition_and_two_urgencies_is_an_error() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        let mut copy = rule_mut(v, "fever_with_back_pain").clone();
        copy["id"] = json!("planted_fever_copy");
        copy["urgency"] = json!("soon");
        v["rules"].as_array_mut().unwrap().push(copy);
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "planted_fever_copy", "\"when\""),
        "have the same condition but different urgencies",
    );
}

#[test]
fn a_rule_another_makes_redundant_is_a_warning() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        // Chest pain alone is already an emergency of the same category.
        let mut narrower = rule_mut(v, "chest_pain_with_back_pain").clone();
        narrower["id"] = json!("planted_chest_pain_with_fever");
        narrower["when"] = json!({"all": [{"yes": "chest_pain"}, {"yes": "fever"}]});
        v["rules"].as_array_mut().unwrap().push(narrower);
    });
    let (code, output) = planted.check();
    assert_eq!(
        code, 0,
        "a warning alone does not fail the check:\n{output}"
    );
    assert!(
        output.contains("warning: `planted_chest_pain_with_fever` never changes the referral"),
        "{output}"
    );
    assert!(output.contains("0 errors, 1 warning"), "{output}");
}

#[test]
fn a_false_refinement_is_an_error() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "coughing_blood")["refines"] = json!("fever_with_back_pain")
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "\"coughing_blood\"", "refines"),
        "can fire when `fever_with_back_pain` does not",
    );
}

#[test]
fn two_rules_that_each_claim_to_refine_the_other_are_both_checked() {
    // `effort_pain_present_now` truly refines `effort_pain`; the claim back is false.
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "effort_pain")["refines"] = json!("effort_pain_present_now")
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "\"id\": \"effort_pain\"", "refines"),
        "can fire when `effort_pain_present_now` does not",
    );
}

#[test]
fn a_rule_that_refines_itself_is_told_so_without_a_guess() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "coughing_blood")["refines"] = json!("coughing_blood")
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("red_flags.json", "\"id\": \"coughing_blood\"", "refines"),
        "says it refines itself",
    );
    assert!(!result.1.contains("did you mean"), "{}", result.1);
}

#[test]
fn a_routine_that_can_come_out_empty_is_an_error() {
    let planted = Planted::new();
    // Every exercise now needs a bar, so someone without one gets nothing.
    planted.edit("exercises.json", |v| {
        for exercise in v["exercises"].as_array_mut().unwrap() {
            exercise["equipment"] = json!(["bar"]);
        }
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("policy.json", "\"base\"", "\"base\""),
        "it is empty",
    );
}

#[test]
fn an_exercise_that_does_not_fit_the_shortest_budget_empties_the_routine() {
    let planted = Planted::new();
    planted.edit("exercises.json", |v| {
        for exercise in v["exercises"].as_array_mut().unwrap() {
            exercise["dose"] = json!({"duration_seconds": 600});
        }
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("policy.json", "\"base\"", "\"base\""),
        "it is empty",
    );
}

#[test]
fn a_never_chosen_exercise_is_a_warning() {
    let planted = Planted::new();
    planted.edit("policy.json", |v| {
        let base = v["base"].as_array_mut().unwrap();
        base.retain(|pick| pick["exercise"] != "thoracic_translation");
    });
    let (code, output) = planted.check();
    assert_eq!(code, 0, "{output}");
    assert!(
        output.contains("exercise `thoracic_translation` is never chosen"),
        "{output}"
    );
}

#[test]
fn every_problem_is_reported_at_once_across_files() {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        rule_mut(v, "fever_with_back_pain")["when"] = json!({"yes": "fevr"})
    });
    planted.edit("policy.json", |v| {
        v["base"][0]["exercise"] = json!("ball_release")
    });
    let (code, output) = planted.check();
    assert_eq!(code, 4);
    assert!(
        output.contains("unknown question `fevr`")
            && output.contains("unknown exercise `ball_release`"),
        "{output}"
    );
    let summary = output
        .lines()
        .find(|l| l.starts_with("rules check of"))
        .unwrap();
    assert!(summary.contains("2 errors"), "{summary}");
}

#[test]
fn a_folder_without_rules_says_what_it_needs() {
    let empty = tempfile::tempdir().unwrap();
    let output = backcare()
        .args(["rules", "check"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_no_panic(&stderr);
    assert!(stderr.contains("questionnaire.json"), "{stderr}");
}

#[test]
fn more_findings_than_a_routine_can_name_is_an_error() {
    let planted = Planted::new();
    planted.edit("policy.json", |v| {
        let findings = v["findings"].as_object_mut().unwrap();
        for n in 0..64 {
            findings.insert(format!("finding_{n}"), json!({"add": []}));
        }
    });
    let result = planted.check();
    assert_error_at(
        &result,
        &planted.place("policy.json", "\"findings\"", "\"findings\""),
        "backcare handles at most 63",
    );
}

/// The shipped rules with `copies` more red-flag rules, each a copy of a shipped rule under a new
/// id, written on one line as a tool that writes compact JSON would.
fn with_copies(copies: usize) -> Planted {
    let planted = Planted::new();
    planted.edit("red_flags.json", |v| {
        let shipped = v["rules"].as_array().unwrap().clone();
        let rules = v["rules"].as_array_mut().unwrap();
        for (n, rule) in shipped.iter().cycle().take(copies).enumerate() {
            let mut copy = rule.clone();
            copy["id"] = json!(format!("copy_{n}"));
            copy.as_object_mut().unwrap().remove("refines");
            rules.push(copy);
        }
    });
    planted.write_text("red_flags.json", |text| {
        serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap()
    });
    planted
}

/// The answer combinations the summary line says were tried.
fn combinations_tried(output: &str) -> u64 {
    let summary = output.lines().last().unwrap_or_default();
    let (_, after) = summary
        .split_once('(')
        .unwrap_or_else(|| panic!("{output}"));
    after
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {summary:?}"))
}

#[test]
fn copies_of_rules_are_each_reported_once_and_cost_work_in_proportion() {
    let base = combinations_tried(&Planted::new().check().1);
    let (code, small) = with_copies(100).check();
    assert_eq!(code, 0, "copies alone are warnings:\n{small}");
    assert_eq!(
        small.matches("have the same condition and urgency").count(),
        100,
        "one warning per copy, not one per pair of copies"
    );
    assert!(
        small.contains("`chest_pain_with_back_pain` and `copy_0` have the same condition"),
        "each copy is named with the rule it copies:\n{}",
        &small[..small.len().min(2000)]
    );
    let (_, large) = with_copies(800).check();
    assert!(
        large.contains("0 errors, 800 warnings"),
        "{}",
        large.lines().last().unwrap()
    );
    // Eight times the copies may cost up to eight times the extra work, with room for rounding;
    // comparing every copy with every other would cost sixty-four times.
    let (extra_small, extra_large) = (
        combinations_tried(&small) - base,
        combinations_tried(&large) - base,
    );
    assert!(
        extra_large <= extra_small * 10,
        "100 copies cost {extra_small} more combinations, 800 cost {extra_large} more"
    );
}

#[test]
fn a_long_check_shows_its_progress_on_a_terminal_and_clears_it() {
    let planted = Planted::new();
    // Tens of thousands of short rules: long enough to run past the second after which progress
    // is shown, even on a fast machine.
    planted.edit("red_flags.json", |v| {
        let shipped = v["rules"].as_array().unwrap().clone();
        let rules = v["rules"].as_array_mut().unwrap();
        for (n, rule) in shipped.iter().cycle().take(30_000).enumerate() {
            rules.push(json!({
                "id": format!("r{n}"), "title": "t", "action": "a", "why": "w", "source": "s",
                "category": rule["category"], "urgency": rule["urgency"], "when": rule["when"],
            }));
        }
    });
    planted.write_text("red_flags.json", |text| {
        serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap()
    });
    let data = tempfile::tempdir().unwrap();
    let dir = planted.dir.path().to_str().unwrap();
    let mut terminal = Terminal::start(&["rules", "check", dir], data.path(), &[]);
    // Beside the other tests on two cores, an unoptimised build takes a while.
    terminal.be_patient(std::time::Duration::from_secs(120));
    terminal.wait_for_any(&[
        "Checking the questionnaire's skip conditions: ",
        "Checking that each red-flag rule can fire: ",
        "Comparing the red-flag rules: ",
        "Trying the engine on each red-flag rule: ",
    ]);
    terminal.wait_for("0 errors, 30000 warnings");
    assert_eq!(terminal.finish(), 0);

    // Not on a terminal, the output holds no progress line.
    let (_, output) = planted.check();
    assert!(output.contains("0 errors, 30000 warnings"));
    assert!(
        !output.contains("Checking that each"),
        "{}",
        &output[output.len() - 500..]
    );
}

#[test]
fn a_questionnaire_past_the_most_questions_is_refused() {
    let planted = Planted::new();
    planted.edit("questionnaire.json", |v| {
        let questions = v["questions"].as_array_mut().unwrap();
        let model = question_mut(&mut json!({"questions": questions.clone()}), "fever").clone();
        while questions.len() <= 128 {
            let mut extra = model.clone();
            extra["id"] = json!(format!("extra_{}", questions.len()));
            questions.push(extra);
        }
    });
    let result = planted.check();
    let place = format!(
        "{}:{}:",
        planted.dir.path().join("questionnaire.json").display(),
        crate::common::line_of(&planted.text("questionnaire.json"), "\"questions\"")
    );
    assert_error_at(
        &result,
        &place,
        "the questionnaire has 129 questions; backcare takes at most 128",
    );
}

#[test]
fn a_retired_id_that_is_still_a_question_is_an_error() {
    let planted = Planted::new();
    planted.edit("questionnaire.json", |v| {
        v["retired"][0]["id"] = json!("fever");
    });
    let result = planted.check();
    let text = planted.text("questionnaire.json");
    let retired = crate::common::line_of(&text, "\"retired\"");
    let line = retired
        + text
            .lines()
            .skip(retired)
            .position(|line| line.contains("\"fever\""))
            .unwrap()
        + 1;
    let place = format!(
        "{}:{line}:",
        planted.dir.path().join("questionnaire.json").display()
    );
    assert_error_at(
        &result,
        &place,
        "`fever` is both a question and a retired id",
    );
}
