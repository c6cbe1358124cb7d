//! `backcare session`: the countdown and its keys in a real pseudo-terminal with a short clock, the
//! plan without a terminal, and the cases where no session may run.

use std::path::{Path, PathBuf};

use backcare_engine::answers::Answers;
use backcare_engine::outcome::RoutineExercise;
use backcare_engine::RuleSet;
use console::strip_ansi_codes;
use serde_json::Value;

use crate::common::*;
use crate::pty::{has_colour_codes, Terminal};

/// Every wait a hundred times shorter: the real countdown, run quickly.
const FAST: (&str, &str) = ("BACKCARE_TIME_SCALE", "0.01");
/// Fast enough for a test, slow enough for a key to land inside the exercise it is meant for.
const BRISK: (&str, &str) = ("BACKCARE_TIME_SCALE", "0.02");
/// The question after each exercise done.
const RATE: &str = "How did that feel?";

/// The routine the engine gives for an example with `minutes` to spare.
fn planned(example_name: &str, minutes: u32) -> Vec<RoutineExercise<'static>> {
    // The plan borrows the rules and answers; a test process can keep them for its whole life.
    let rules: &'static RuleSet = Box::leak(Box::new(rules()));
    let mut map = answer_map(&example(example_name));
    map.insert("minutes_available".into(), Value::from(minutes));
    let given: &'static Answers = Box::leak(Box::new(answers(rules, &map)));
    let outcome = backcare_engine::assess(rules, given);
    outcome.routine.expect("a routine").exercises
}

fn journal(data: &Path) -> Vec<Value> {
    let path = data.join("journal.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .map(|line| serde_json::from_str(line).expect("every journal line parses"))
        .collect()
}

fn ids(exercises: &[RoutineExercise]) -> Vec<String> {
    exercises.iter().map(|e| e.id.clone()).collect()
}

fn session_args(example_name: &str, minutes: u32) -> (PathBuf, Vec<String>) {
    let file = example(example_name);
    let args = vec![
        "session".to_owned(),
        "--answers".to_owned(),
        file.display().to_string(),
        "--minutes".to_owned(),
        minutes.to_string(),
    ];
    (file, args)
}

/// Said under the first exercise, whose countdown waits for Enter.
const READY: &str = "Press Enter when you are ready to start.";

fn start(args: &[String], data: &Path, clock: (&str, &str)) -> Terminal {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Terminal::start(&args, data, &[clock, ("BACKCARE_TODAY", "2025-03-10")])
}

#[test]
fn a_session_runs_through_sides_rests_and_countdowns_and_records_the_pain() {
    let plan = planned("no-equipment.json", 11);
    // The run below must meet a one-sided exercise, a rest between sets and an exercise held,
    // then relaxed.
    assert!(plan.iter().any(|e| e.dose.per_side));
    assert!(plan.iter().any(|e| e.dose.release_seconds.is_some()));
    assert!(plan
        .iter()
        .any(|e| e.dose.sets > 1 && e.dose.rest_seconds.is_some()));
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("no-equipment.json", 11);
    let mut terminal = start(&args, data.path(), FAST);

    terminal.wait_for(&plan[0].name);
    terminal.wait_for(READY);
    terminal.type_keys("\r");
    for exercise in &plan {
        terminal.wait_for(&format!("{}: done", exercise.name));
        terminal.wait_for(RATE);
        terminal.type_keys("\r");
    }
    terminal.wait_for("That was the last exercise");
    // A session that ends on its own goes straight on to the pain question: no key first.
    terminal.wait_for("How is your back pain now");
    terminal.type_keys("3\r");
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 0);

    let screen = strip_ansi_codes(&terminal.screen);
    assert!(
        !terminal.screen.contains("Press Enter to go on"),
        "no extra key was asked for"
    );
    for drawn in [
        "Get into position",
        "Hold 1 of",
        "s left",
        "█",
        "░",
        ", left",
        ", right",
        "Now the right side.",
        "Rest before set 2",
        "Relax",
    ] {
        assert!(screen.contains(drawn), "no {drawn:?} drawn:\n{screen}");
    }
    for exercise in &plan {
        assert!(
            screen.contains(&format!("{}: done", exercise.name)),
            "{} not done:\n{screen}",
            exercise.name
        );
    }
    let entries = journal(data.path());
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry["date"], "2025-03-10");
    assert_eq!(entry["kind"], "session");
    assert_eq!(entry["pain"], 3);
    assert_eq!(strings(&entry["done"]), ids(&plan));
    assert_eq!(strings(&entry["skipped"]), Vec::<String>::new());
    let total: u32 = plan.iter().map(|e| e.seconds).sum();
    assert_eq!(entry["minutes"], (f64::from(total) / 60.0).round() as u64);
}

#[test]
fn each_exercise_done_is_rated_with_one_key_and_the_ratings_go_into_the_journal() {
    let plan = planned("desk-worker-forward-head.json", 10);
    assert!(plan.len() >= 4, "{:?}", ids(&plan));
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("desk-worker-forward-head.json", 10);
    let mut terminal = start(&args, data.path(), FAST);

    terminal.wait_for(READY);
    terminal.type_keys("\r");
    // 1 better; Enter no change; 3 worse, then 3 for tingling; s leaves the rest unrated.
    terminal.wait_for(&format!("{}: done", plan[0].name));
    terminal.wait_for(RATE);
    terminal.type_keys("1");
    terminal.wait_for("Rated:");
    terminal.wait_for(RATE);
    terminal.type_keys("\r");
    terminal.wait_for("Rated:");
    terminal.wait_for(RATE);
    terminal.type_keys("3");
    terminal.wait_for("What was it like?");
    terminal.type_keys("3");
    terminal.wait_for("Rated:");
    for _ in 3..plan.len() {
        terminal.wait_for(RATE);
        terminal.type_keys("s");
        terminal.wait_for("Not rated.");
    }
    terminal.wait_for("How is your back pain now");
    terminal.type_keys("\r");
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 0);

    let screen = words(&strip_ansi_codes(&terminal.screen));
    for said in [
        "Rated: better",
        "Rated: no change",
        "Rated: worse (tingling)",
    ] {
        assert!(screen.contains(said), "{said:?} not said:\n{screen}");
    }
    // Tingling brought on by an exercise is answered with the warning-signs advice.
    assert!(
        screen.contains(&words(&rules().policy.progress.warning_signs)),
        "{screen}"
    );
    let entry = &journal(data.path())[0];
    assert_eq!(strings(&entry["done"]), ids(&plan));
    let rated = entry["rated"].as_array().expect("ratings in the journal");
    let read: Vec<(String, String, Option<String>)> = rated
        .iter()
        .map(|r| {
            (
                r["exercise"].as_str().unwrap().to_owned(),
                r["felt"].as_str().unwrap().to_owned(),
                r.get("hurt").map(|h| h.as_str().unwrap().to_owned()),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (plan[0].id.clone(), "better".to_owned(), None),
            (plan[1].id.clone(), "no_change".to_owned(), None),
            (
                plan[2].id.clone(),
                "worse".to_owned(),
                Some("tingling".to_owned())
            ),
        ]
    );
}

#[test]
fn space_pauses_the_countdown_and_space_again_resumes_it() {
    let plan = planned("desk-worker-forward-head.json", 5);
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("desk-worker-forward-head.json", 5);
    let mut terminal = start(&args, data.path(), FAST);

    terminal.wait_for(&plan[0].name);
    terminal.wait_for(READY);
    terminal.type_keys("\r");
    terminal.wait_for("Get into position");
    terminal.type_keys(" ");
    // The time left stays in sight while paused.
    terminal.wait_for("s left, paused: press Space to go on");
    // Longer than the whole first exercise takes on this clock: paused, it must not end.
    let first_takes = f64::from(plan[0].seconds) * 0.01;
    std::thread::sleep(std::time::Duration::from_secs_f64(first_takes + 1.0));
    assert!(
        !terminal.shows(&plan[1].name),
        "the next exercise started while paused"
    );
    terminal.type_keys(" ");
    terminal.wait_for(&format!("{}: done", plan[0].name));
    terminal.wait_for(RATE);
    terminal.type_keys("\r");
    terminal.wait_for(&plan[1].name);
    terminal.type_keys("q");
    terminal.wait_for("How is your back pain now");
    terminal.type_keys("\r");
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 0);

    let entry = &journal(data.path())[0];
    assert_eq!(strings(&entry["done"]), [plan[0].id.clone()]);
    assert!(entry.get("pain").is_none(), "no pain was given: {entry}");
}

#[test]
fn s_skips_an_exercise_and_q_stops_keeping_what_was_done() {
    let plan = planned("desk-worker-forward-head.json", 5);
    assert!(plan.len() >= 3, "{:?}", ids(&plan));
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("desk-worker-forward-head.json", 5);
    let mut terminal = start(&args, data.path(), BRISK);

    terminal.wait_for(&plan[0].name);
    terminal.wait_for(READY);
    terminal.type_keys("\r");
    terminal.wait_for("Get into position");
    terminal.type_keys("s");
    terminal.wait_for(&format!("{}: skipped", plan[0].name));
    terminal.wait_for(&format!("{}: done", plan[1].name));
    terminal.wait_for(RATE);
    terminal.type_keys("\r");
    terminal.wait_for(&plan[2].name);
    terminal.wait_for("Get into position");
    terminal.type_keys("q");
    terminal.wait_for("Stopped. What you have done so far is kept.");
    terminal.wait_for("How is your back pain now");
    terminal.type_keys("6\r");
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 0);

    let entry = &journal(data.path())[0];
    assert_eq!(strings(&entry["done"]), [plan[1].id.clone()]);
    // Passed over, or begun and left: skipped. Never begun: not reached.
    assert_eq!(
        strings(&entry["skipped"]),
        [plan[0].id.clone(), plan[2].id.clone()]
    );
    assert_eq!(strings(&entry["not_reached"]), ids(&plan[3..]));
    assert_eq!(entry["pain"], 6);
}

#[test]
fn ctrl_c_stops_at_once_and_still_records_what_was_done() {
    let plan = planned("desk-worker-forward-head.json", 5);
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("desk-worker-forward-head.json", 5);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut terminal = Terminal::start(&args, data.path(), &[BRISK, ("NO_COLOR", "1")]);

    terminal.wait_for(READY);
    terminal.type_keys("\r");
    terminal.wait_for(&format!("{}: done", plan[0].name));
    terminal.wait_for(RATE);
    terminal.type_keys("\r");
    terminal.wait_for(&plan[1].name);
    terminal.type_keys("\x03");
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 130);
    assert!(
        !terminal.screen.contains("How is your back pain now"),
        "Ctrl-C asks nothing more"
    );
    assert!(
        !has_colour_codes(&terminal.screen),
        "NO_COLOR left colour codes"
    );
    let entry = &journal(data.path())[0];
    assert_eq!(strings(&entry["done"]), [plan[0].id.clone()]);
    assert_eq!(strings(&entry["skipped"]), [plan[1].id.clone()]);
    assert_eq!(strings(&entry["not_reached"]), ids(&plan[2..]));
}

#[test]
fn a_referral_is_shown_instead_of_a_session() {
    let data = tempfile::tempdir().unwrap();
    let file = example("chest-pain-exertion.json");
    let mut terminal = Terminal::start(
        &["session", "--answers", file.to_str().unwrap()],
        data.path(),
        &[FAST],
    );
    terminal.wait_for("EMERGENCY");
    assert_eq!(terminal.finish(), 0);
    let screen = strip_ansi_codes(&terminal.screen);
    assert!(!screen.contains("Get into position"), "{screen}");
    assert!(!screen.contains("Today's session"), "{screen}");
    assert!(!data.path().join("journal.jsonl").exists());
}

#[test]
fn an_incomplete_screen_is_shown_instead_of_a_session() {
    let output = backcare()
        .args(["session", "--answers"])
        .arg(example("incomplete.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("not complete"), "{stdout}");
    assert!(!stdout.contains("Today's session"), "{stdout}");
}

#[test]
fn without_a_terminal_the_plan_is_printed_with_its_timings() {
    let plan = planned("no-equipment.json", 11);
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("no-equipment.json", 11);
    let output = backcare()
        .args(&args)
        .env("BACKCARE_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("There is no terminal here"), "{stdout}");
    let mut start = 0;
    for exercise in &plan {
        let line = format!("{}:{:02}  ", start / 60, start % 60);
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&line) && l.contains(&exercise.name)),
            "{} should start at {line}:\n{stdout}",
            exercise.name
        );
        start += exercise.seconds;
    }
    assert!(stdout.contains("then the right side"), "{stdout}");
    assert!(stdout.contains("rest 30 s"), "{stdout}");
    assert!(
        !data.path().join("journal.jsonl").exists(),
        "nothing was done"
    );
}

#[test]
fn the_answers_saved_by_check_are_used_and_minutes_change_the_plan() {
    let data = tempfile::tempdir().unwrap();
    std::fs::copy(
        example("desk-worker-forward-head.json"),
        data.path().join("answers.json"),
    )
    .unwrap();
    let run = |minutes: Option<&str>| {
        let mut command = backcare();
        command.arg("session").env("BACKCARE_DATA_DIR", data.path());
        if let Some(minutes) = minutes {
            command.args(["--minutes", minutes]);
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stdout).unwrap()
    };
    let saved = run(None);
    let short = run(Some("5"));
    for (text, plan) in [
        (&saved, planned("desk-worker-forward-head.json", 20)),
        (&short, planned("desk-worker-forward-head.json", 5)),
    ] {
        assert!(
            text.contains(&format!("{} exercises", plan.len())),
            "{}",
            text
        );
    }
    assert_ne!(saved, short);
}

#[test]
fn without_saved_answers_it_says_to_run_check_first() {
    let data = tempfile::tempdir().unwrap();
    let output = backcare()
        .arg("session")
        .env("BACKCARE_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_no_panic(&stderr);
    assert!(stderr.contains("run `backcare check` first"), "{stderr}");
}

#[test]
fn minutes_outside_the_questions_range_are_refused_with_the_range() {
    let rules = rules();
    let question = rules
        .questionnaire
        .question(&rules.policy.minutes_question)
        .unwrap();
    let (min, max) = (question.min.unwrap(), question.max.unwrap());
    // A negative number is a value out of range too, not an unknown option.
    for minutes in [min - 1.0, max + 1.0, -5.0] {
        let output = backcare()
            .args(["session", "--answers"])
            .arg(example("desk-worker-forward-head.json"))
            .args(["--minutes", &minutes.to_string()])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_no_panic(&stderr);
        assert!(
            stderr.contains(&format!("from {min} to {max}")),
            "{minutes}: {stderr}"
        );
        assert!(!stderr.contains("minutes_available"), "{stderr}");
    }
    let output = backcare()
        .args(["session", "--minutes", "abc"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`abc` is not a number of minutes") && !stderr.contains("invalid digit"),
        "{stderr}"
    );
}

/// A journal holding one pain score for the day the session tests run on.
fn journal_with_todays_pain(data: &Path, pain: u8) {
    std::fs::write(
        data.join("journal.jsonl"),
        format!("{{\"date\":\"2025-03-10\",\"kind\":\"pain\",\"pain\":{pain}}}\n"),
    )
    .unwrap();
}

#[test]
fn on_a_day_of_high_pain_the_session_says_so_and_asks_before_starting() {
    let high = rules().policy.progress.high_pain.at_least;
    let (_, args) = session_args("desk-worker-forward-head.json", 5);
    let said = format!("You logged a pain of {high} out of 10 today.");

    let data = tempfile::tempdir().unwrap();
    journal_with_todays_pain(data.path(), high);
    let mut terminal = start(&args, data.path(), FAST);
    terminal.wait_for(&said);
    terminal.wait_for("Start today's session all the same?");
    terminal.type_keys("n\r");
    terminal.wait_for("No session today");
    assert_eq!(terminal.finish(), 0);
    assert!(
        !strip_ansi_codes(&terminal.screen).contains("Exercise 1 of"),
        "no exercise was started"
    );
    assert_eq!(journal(data.path()).len(), 1, "no session was recorded");

    let data = tempfile::tempdir().unwrap();
    journal_with_todays_pain(data.path(), high);
    let mut terminal = start(&args, data.path(), FAST);
    terminal.wait_for("Start today's session all the same?");
    terminal.type_keys("y\r");
    terminal.wait_for("Exercise 1 of");
    terminal.type_keys("q");
    terminal.wait_for("How is your back pain now");
    terminal.type_keys("\r");
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 0);
    assert_eq!(journal(data.path()).len(), 2, "the session was recorded");
}

#[test]
fn without_a_terminal_a_day_of_high_pain_is_said_before_the_plan() {
    let high = rules().policy.progress.high_pain.at_least;
    let data = tempfile::tempdir().unwrap();
    journal_with_todays_pain(data.path(), high);
    let (_, args) = session_args("desk-worker-forward-head.json", 5);
    let output = backcare()
        .args(&args)
        .env("BACKCARE_DATA_DIR", data.path())
        .env("BACKCARE_TODAY", "2025-03-10")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let warning = stdout
        .find(&format!("You logged a pain of {high} out of 10 today."))
        .unwrap_or_else(|| panic!("no warning:\n{stdout}"));
    let plan = stdout.find("Today's session:").expect("the plan follows");
    assert!(warning < plan, "{stdout}");
}

#[test]
fn a_high_pain_given_at_the_end_of_a_session_gets_a_word_at_once() {
    let progress = rules().policy.progress;
    let plan = planned("desk-worker-forward-head.json", 5);
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("desk-worker-forward-head.json", 5);
    let mut terminal = start(&args, data.path(), FAST);
    terminal.wait_for(&plan[0].name);
    terminal.type_keys("q");
    terminal.wait_for("How is your back pain now");
    terminal.type_keys(&format!("{}\r", progress.high_pain.at_least));
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 0);
    let screen = words(&strip_ansi_codes(&terminal.screen));
    let saved = screen.find("Saved in your journal").unwrap();
    assert!(
        screen[saved..].contains(&words(&progress.high_pain.message)),
        "{}",
        &screen[saved..]
    );
}

#[test]
fn esc_at_the_pain_question_leaves_the_score_out_and_unstarted_exercises_are_not_reached() {
    let plan = planned("desk-worker-forward-head.json", 5);
    let data = tempfile::tempdir().unwrap();
    let (_, args) = session_args("desk-worker-forward-head.json", 5);
    let mut terminal = start(&args, data.path(), FAST);
    terminal.wait_for(READY);
    // Stopped before the first countdown: nothing was begun.
    terminal.type_keys("q");
    terminal.wait_for("How is your back pain now");
    terminal.type_keys("\x1b");
    terminal.wait_for("Saved in your journal");
    assert_eq!(terminal.finish(), 0);
    let entry = &journal(data.path())[0];
    assert!(entry.get("pain").is_none(), "{entry}");
    assert_eq!(strings(&entry["skipped"]), Vec::<String>::new());
    assert_eq!(strings(&entry["not_reached"]), ids(&plan));
}
