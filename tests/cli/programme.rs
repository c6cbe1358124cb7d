//! The programme through the binary: `assess --history` after a journal of rated sessions, the
//! posture and see-a-professional shifts on their days, damaged rating lines, and the ratings in
//! `backcare progress`.

use std::path::Path;

use backcare_engine::RuleSet;
use chrono::{Days, NaiveDate};
use serde_json::{json, Value};

use crate::common::*;

const ANSWERS: &str = "desk-worker-forward-head.json";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Every exercise the example's answers allow, whatever the time, in routine order.
fn candidates(rules: &RuleSet) -> Vec<String> {
    let mut map = answer_map(&example(ANSWERS));
    map.insert("minutes_available".into(), Value::from(90));
    let given = answers(rules, &map);
    let outcome = backcare_engine::assess(rules, &given);
    let routine = outcome.routine.expect("a routine");
    routine.exercises.iter().map(|e| e.id.clone()).collect()
}

/// A session line doing `done`, each rated by `felt`.
fn session(date: NaiveDate, done: &[String], felt: impl Fn(&str) -> Option<&'static str>) -> Value {
    let rated: Vec<Value> = done
        .iter()
        .filter_map(|id| felt(id).map(|f| json!({"exercise": id, "felt": f})))
        .collect();
    json!({"date": date.to_string(), "kind": "session", "pain": 4, "minutes": 20,
           "done": done, "skipped": [], "rated": rated})
}

fn write_journal(path: &Path, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// `assess --history` on `today`: exit code, standard output, standard error.
fn assess_with(journal: &Path, today: &str, json: bool) -> (i32, String, String) {
    let mut command = backcare();
    command
        .args(["assess", "--answers"])
        .arg(example(ANSWERS))
        .arg("--history")
        .arg(journal)
        .env("BACKCARE_TODAY", today);
    if json {
        command.arg("--json");
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_week_of_rated_sessions_gives_the_next_day_a_routine_chosen_from_them_with_reasons() {
    let rules = rules();
    let all = candidates(&rules);
    let helpful: Vec<String> = all.iter().rev().take(3).cloned().collect();
    let harmful = all[0].clone();
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.jsonl");
    let week: Vec<Value> = (0..7)
        .map(|n| {
            let date = day("2025-03-03") + Days::new(n);
            session(date, &all, |id| {
                Some(if helpful.iter().any(|h| h == id) {
                    "better"
                } else if id == harmful && n < 2 {
                    "worse"
                } else {
                    "no_change"
                })
            })
        })
        .collect();
    write_journal(&journal, &week);

    let (code, text, stderr) = assess_with(&journal, "2025-03-10", false);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("Chosen from your ratings"), "{text}");
    let harmful_name = &rules.exercises.get(&harmful).unwrap().name;
    assert!(
        text.contains(&format!("Dropped: {harmful_name} (rated worse 2 times)")),
        "{text}"
    );
    let (_, json, _) = assess_with(&journal, "2025-03-10", true);
    let outcome: Value = serde_json::from_str(&json).unwrap();
    let chosen = outcome["programme"]["exercises"].as_array().unwrap();
    let chosen_ids: Vec<&str> = chosen.iter().map(|e| e["id"].as_str().unwrap()).collect();
    for id in &helpful {
        let at = chosen_ids.iter().position(|c| c == id);
        let entry = &chosen[at.unwrap_or_else(|| panic!("{id} helped but is missing"))];
        assert_eq!(
            entry["why"],
            json!({"reason": "helped", "better": 7, "rated": 7}),
            "{id}"
        );
        assert_eq!(entry["why_text"], "helped in 7 of 7 sessions", "{id}");
    }
    assert!(!chosen_ids.contains(&harmful.as_str()));
    assert!(chosen.iter().all(|e| e["why"]["reason"].is_string()));
    // The outcome's routine is the programme's, and each exercise's reason is in the text.
    assert_eq!(ids(&outcome["routine"]["exercises"]), chosen_ids);
    assert_eq!(text.matches("   Why: ").count(), chosen.len(), "{text}");
}

#[test]
fn the_next_days_session_is_built_from_the_ratings_of_the_week_before() {
    let rules = rules();
    let all = candidates(&rules);
    let helpful = all.last().unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    let week: Vec<Value> = (0..7)
        .map(|n| {
            session(day("2025-03-03") + Days::new(n), &all, |id| {
                Some(if id == helpful { "better" } else { "no_change" })
            })
        })
        .collect();
    write_journal(&dir.path().join("journal.jsonl"), &week);
    let output = backcare()
        .args(["session", "--answers"])
        .arg(example(ANSWERS))
        .env("BACKCARE_DATA_DIR", dir.path())
        .env("BACKCARE_TODAY", "2025-03-10")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let plan = String::from_utf8_lossy(&output.stdout);
    assert!(plan.contains("Chosen from your ratings"), "{plan}");
    let name = &rules.exercises.get(&helpful).unwrap().name;
    let at = plan
        .find(name.as_str())
        .unwrap_or_else(|| panic!("{name} missing:\n{plan}"));
    let why = plan[at..].lines().find(|l| l.contains("Why:")).unwrap();
    assert!(why.contains("helped in 7 of 7 sessions"), "{why}");
}

/// A pain score of 5 every day from 3 March to `today`, which is no better and no worse.
fn flat_pain_until(journal: &Path, today: NaiveDate) {
    let lines: Vec<Value> = day("2025-03-03")
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|d| json!({"date": d.to_string(), "kind": "pain", "pain": 5}))
        .collect();
    write_journal(journal, &lines);
}

#[test]
fn posture_comes_first_from_day_14_and_a_professional_from_day_28_of_no_improvement() {
    let progress = rules().policy.progress;
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.jsonl");
    let start = day("2025-03-03");
    let shift_on = |days: u32| {
        let today = start + Days::new(u64::from(days));
        flat_pain_until(&journal, today);
        let (code, json, stderr) = assess_with(&journal, &today.to_string(), true);
        assert_eq!(code, 0, "{stderr}");
        let outcome: Value = serde_json::from_str(&json).unwrap();
        outcome["programme"]["shift"].clone()
    };
    let posture = progress.posture.after_days;
    let professional = progress.see_professional.after_days;
    assert_eq!(shift_on(posture - 1), Value::Null);
    assert_eq!(shift_on(posture), "posture_first");
    // In words, the posture work is named.
    let (_, text, _) = assess_with(
        &journal,
        &(start + Days::new(u64::from(posture))).to_string(),
        false,
    );
    let chin_tuck = rules().exercises.get("chin_tuck").unwrap().name.clone();
    let named = text.find("Posture work today:").expect(&text);
    assert!(
        text[named..]
            .lines()
            .next()
            .unwrap()
            .contains(chin_tuck.as_str()),
        "{text}"
    );
    assert_eq!(shift_on(professional - 1), "posture_first");
    assert_eq!(shift_on(professional), "see_professional");

    // In words, the professional comes before the routine.
    let (_, text, _) = assess_with(
        &journal,
        &(start + Days::new(u64::from(professional))).to_string(),
        false,
    );
    let advice = text
        .find(&progress.see_professional.message[..40])
        .expect("the advice");
    let routine = text.find("Your routine:").expect("the routine");
    assert!(advice < routine, "{text}");
}

#[test]
fn a_rating_line_that_cannot_be_read_is_reported_with_its_file_and_line_and_old_lines_still_count()
{
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.jsonl");
    let old = json!({"date": "2025-03-03", "kind": "session", "minutes": 10,
                     "done": ["chin_tuck"], "skipped": []});
    let bad = r#"{"date":"2025-03-04","kind":"session","minutes":10,"done":["chin_tuck"],"skipped":[],"rated":[{"exercise":"chin_tuck","felt":"marvellous"}]}"#;
    std::fs::write(&journal, format!("{old}\n{bad}\n")).unwrap();
    let (code, json, stderr) = assess_with(&journal, "2025-03-05", true);
    assert_eq!(code, 0, "a damaged line is only warned about: {stderr}");
    assert!(
        stderr.contains(&format!("{}:2", journal.display())),
        "{stderr}"
    );
    assert!(stderr.contains("marvellous"), "{stderr}");
    assert!(stderr.contains("correct it or delete it"), "{stderr}");
    assert_no_panic(&stderr);
    let outcome: Value = serde_json::from_str(&json).unwrap();
    // Only the old line counts: the first stage's second session comes next.
    assert_eq!(outcome["programme"]["session"], 2);
}

#[test]
fn a_history_that_does_not_exist_is_refused_with_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = assess_with(&dir.path().join("nothing.jsonl"), "2025-03-05", false);
    assert_eq!(code, 3);
    assert!(stderr.contains("nothing.jsonl"), "{stderr}");
    assert!(
        stderr.contains("journal.jsonl in your data folder"),
        "{stderr}"
    );
}

#[test]
fn progress_lists_each_exercise_with_its_ratings_most_helpful_first() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.jsonl");
    let done: Vec<String> = ["chin_tuck", "cat_stretch", "wall_angels"]
        .map(String::from)
        .to_vec();
    let lines: Vec<Value> = (0..3)
        .map(|n| {
            session(day("2025-03-03") + Days::new(n), &done, |id| match id {
                "wall_angels" => Some("better"),
                "cat_stretch" => Some("worse"),
                _ if n == 0 => None,
                _ => Some("no_change"),
            })
        })
        .collect();
    write_journal(&journal, &lines);
    let run = |format: &[&str]| {
        let output = backcare()
            .arg("progress")
            .args(format)
            .env("BACKCARE_DATA_DIR", dir.path())
            .env("BACKCARE_TODAY", "2025-03-06")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let text = run(&[]);
    let table = &text[text
        .find("Your exercises, the most helpful first")
        .expect(&text)..];
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap()
    };
    let numbers = |name: &str| -> Vec<String> {
        row(name)
            .split_whitespace()
            .rev()
            .take(5)
            .map(String::from)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    };
    assert_eq!(numbers("Wall angels"), ["3", "3", "0", "0", "0"]);
    assert_eq!(numbers("Chin tuck"), ["3", "0", "2", "0", "1"]);
    assert_eq!(numbers("Cat stretch"), ["3", "0", "0", "3", "0"]);
    let at = |name: &str| table.find(name).unwrap();
    assert!(at("Wall angels") < at("Chin tuck") && at("Chin tuck") < at("Cat stretch"));

    let exported: Value = serde_json::from_str(&run(&["--json"])).unwrap();
    assert_eq!(
        exported[0]["rated"][0],
        json!({"exercise": "cat_stretch", "felt": "worse"})
    );
    assert!(run(&["--csv"]).contains("cat_stretch:worse wall_angels:better"));
}

#[test]
fn when_every_exercise_made_things_worse_twice_no_session_runs_and_a_professional_is_advised() {
    let rules = rules();
    let all = candidates(&rules);
    let dir = tempfile::tempdir().unwrap();
    let twice: Vec<Value> = (0..2)
        .map(|n| session(day("2025-03-03") + Days::new(n), &all, |_| Some("worse")))
        .collect();
    write_journal(&dir.path().join("journal.jsonl"), &twice);
    let output = backcare()
        .args(["session", "--answers"])
        .arg(example(ANSWERS))
        .env("BACKCARE_DATA_DIR", dir.path())
        .env("BACKCARE_TODAY", "2025-03-05")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = words(&String::from_utf8_lossy(&output.stdout));
    assert!(
        stdout.contains("No exercise is left for today's session"),
        "{stdout}"
    );
    assert!(
        stdout.contains("see a doctor or physiotherapist"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("Dropped:").count(), all.len(), "{stdout}");
    assert!(!stdout.contains("Today's session:"), "{stdout}");
}

#[test]
fn strengthening_doses_rise_after_good_weeks_within_the_limits_and_a_worse_rating_undoes_it() {
    let rules = rules();
    let progression = &rules.policy.programme.progression;
    let all = candidates(&rules);
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.jsonl");
    // Four weeks of sessions, every exercise better, the pain easing from 6 to 2.
    let month = |worse_on_last_day: Option<&str>| -> Vec<Value> {
        (0..28u64)
            .map(|n| {
                let mut line = session(day("2025-03-03") + Days::new(n), &all, |id| {
                    Some(if n == 27 && worse_on_last_day == Some(id) {
                        "worse"
                    } else {
                        "better"
                    })
                });
                line["pain"] = Value::from(6 - n / 7);
                line
            })
            .collect()
    };
    write_journal(&journal, &month(None));
    let (code, json, stderr) = assess_with(&journal, "2025-03-31", true);
    assert_eq!(code, 0, "{stderr}");
    let outcome: Value = serde_json::from_str(&json).unwrap();
    let chosen = outcome["programme"]["exercises"]
        .as_array()
        .unwrap()
        .clone();
    let raised: Vec<&Value> = chosen.iter().filter(|e| e["raised"] != 0).collect();
    assert!(!raised.is_empty(), "nothing was raised: {chosen:?}");
    for exercise in &raised {
        let id = exercise["id"].as_str().unwrap();
        let catalogue = &rules.exercises.get(id).unwrap();
        assert!(progression.phases.contains(&catalogue.phase), "{id}");
        let hold = exercise["dose"]["hold_seconds"].as_u64().unwrap_or(0);
        let reps = exercise["dose"]["reps"].as_u64().unwrap();
        assert!(
            hold <= u64::from(progression.max_hold_seconds),
            "{id}: {hold}"
        );
        assert!(reps <= u64::from(progression.max_reps), "{id}: {reps}");
    }

    let first = raised[0]["id"].as_str().unwrap().to_owned();
    write_journal(&journal, &month(Some(&first)));
    let (_, json, _) = assess_with(&journal, "2025-03-31", true);
    let outcome: Value = serde_json::from_str(&json).unwrap();
    let again = outcome["programme"]["exercises"].as_array().unwrap();
    // One worse rating among many better ones keeps the exercise, at its own dose.
    let exercise = again
        .iter()
        .find(|e| e["id"] == first.as_str())
        .expect("still chosen after one worse rating");
    assert_eq!(exercise["raised"], 0, "{exercise}");
    let catalogue = &rules.exercises.get(&first).unwrap().dose;
    assert_eq!(exercise["dose"], serde_json::to_value(catalogue).unwrap());
}
