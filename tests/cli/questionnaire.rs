//! `backcare check` in a real pseudo-terminal: keys typed, the screen read, as a person uses it.
//!
//! The script follows the questionnaire's own flow: it waits for each question's text to appear,
//! then types the keys for the answer it wants.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use backcare_engine::answers::{AnswerValue, Answers};
use backcare_engine::ruleset::{Question, QuestionKind, ReferralUrgency};
use backcare_engine::{assess, flow, RuleSet};
use console::strip_ansi_codes;
use serde_json::json;

use crate::common::words;
use crate::pty::{has_colour_codes, Terminal};

pub(crate) const DOWN: &str = "\x1b[B";
/// The review's own prompt: waiting for it, rather than for its heading, means the prompt is
/// drawn and reading keys.
const REVIEW: &str = "Pick an answer to change it";

fn rules() -> RuleSet {
    RuleSet::embedded().expect("the built-in rules load")
}

pub(crate) fn example(name: &str) -> Answers {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/answers")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    Answers::from_value(&value, &rules().questionnaire).unwrap()
}

/// The keys a person presses to give `value` to `question`.
pub(crate) fn keys_for(question: &Question, value: &AnswerValue) -> String {
    match (question.kind, value) {
        (QuestionKind::YesNo, AnswerValue::YesNo(yes)) => {
            if *yes { "y\r" } else { "n\r" }.to_owned()
        }
        (QuestionKind::OneOf, AnswerValue::Choice(chosen)) => DOWN.repeat(*chosen) + "\r",
        (QuestionKind::SeveralOf, AnswerValue::Choices(chosen)) => {
            let mut keys = String::new();
            for at in 0..question.options.len() {
                if chosen.contains(at) {
                    keys.push(' ');
                }
                keys.push_str(DOWN);
            }
            keys + "\r"
        }
        (QuestionKind::Number, AnswerValue::Number(number)) => format!("{number}\r"),
        other => panic!("no keys for {other:?}"),
    }
}

/// Answering the questionnaire as the questionnaire's own flow predicts it.
impl Terminal {
    /// Answers one question with the keys a person would press.
    fn answer(&mut self, question: &Question, value: &AnswerValue) {
        self.wait_for(&question.text);
        self.type_keys(&keys_for(question, value));
    }

    /// Answers questions in the questionnaire's order from `wanted` until `stop` says so.
    fn answer_until(
        &mut self,
        wanted: &Answers,
        given: &mut Answers,
        stop: impl Fn(&Answers) -> bool,
    ) {
        let rules = rules();
        while let Some(question) = flow::next_question(&rules.questionnaire, given) {
            if stop(given) {
                return;
            }
            let value = *wanted
                .get(&question.id)
                .unwrap_or_else(|| panic!("the script has no answer for {}", question.id));
            self.answer(question, &value);
            given.set(&question.id, value);
        }
    }
}

fn saved_outcome_json(path: &Path) -> String {
    let output = Command::new(cargo_bin("backcare"))
        .args(["assess", "--json", "--answers"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Answers the desk-worker example in a real terminal, run with `args`, through to its routine:
/// the terminal afterwards, the opening it showed, and the answers given.
fn complete_benign_check(args: &[&str], data: &Path) -> (Terminal, String, Answers) {
    let wanted = example("desk-worker-forward-head.json");
    let mut terminal = Terminal::start(args, data, &[]);
    let opening = terminal.wait_for("not a diagnosis");
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    terminal.answer_until(&wanted, &mut given, |_| false);
    terminal.wait_for(REVIEW);
    terminal.type_keys("\r");
    terminal.wait_for("Your routine:");
    assert_eq!(terminal.finish(), 0);
    (terminal, opening, given)
}

#[test]
fn a_full_benign_run_ends_in_a_routine_and_saves_answers_assess_reads() {
    let data = tempfile::tempdir().unwrap();
    let saved = data.path().join("mine.json");
    let (terminal, opening, given) =
        complete_benign_check(&["check", "--save", saved.to_str().unwrap()], data.path());
    assert!(
        opening.contains("backcare"),
        "the opening paragraph introduces the tool"
    );

    let plain = strip_ansi_codes(&terminal.screen);
    assert!(
        plain.contains("Warning signs, 1 of about"),
        "progress is shown per section"
    );
    assert!(
        plain.contains("Forward head posture"),
        "the finding from the answers is shown"
    );
    let rules = rules();
    let engine_outcome = assess(&rules, &given);
    let from_file = saved_outcome_json(&saved);
    assert_eq!(
        from_file,
        backcare::render::outcome_json(&engine_outcome),
        "the saved answers give the same outcome as the questionnaire"
    );
    assert!(
        !data.path().join("draft-answers.json").exists(),
        "a finished check clears the draft"
    );
    assert!(
        data.path().join("answers.json").exists(),
        "the last answers are kept for a session"
    );
}

#[test]
fn check_saves_a_fhir_questionnaire_response_that_assess_reads_to_the_same_outcome() {
    let data = tempfile::tempdir().unwrap();
    let saved = data.path().join("mine.fhir.json");
    let (_, _, given) = complete_benign_check(
        &["check", "--save", saved.to_str().unwrap(), "--fhir"],
        data.path(),
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("\"resourceType\": \"QuestionnaireResponse\""),
        "{text}"
    );
    let rules = rules();
    assert_eq!(
        saved_outcome_json(&saved),
        backcare::render::outcome_json(&assess(&rules, &given)),
        "the response gives the same outcome as the questionnaire"
    );
}

#[test]
fn an_emergency_answer_ends_the_questionnaire_with_the_emergency_first() {
    let mut wanted = example("desk-worker-forward-head.json");
    wanted.set("chest_pain", AnswerValue::YesNo(true));
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    terminal.answer_until(&wanted, &mut given, |given| {
        given.get("chest_pain").is_some()
    });
    let after_answer = terminal.wait_for("EMERGENCY");
    assert_eq!(terminal.finish(), 0);

    let rules = rules();
    let follow_up = &rules
        .questionnaire
        .question("pain_on_exertion")
        .unwrap()
        .text;
    assert!(
        !terminal.screen.contains(follow_up.as_str()),
        "no question is asked after the emergency:\n{}",
        strip_ansi_codes(&terminal.screen)
    );
    // The screen is cleared, so the emergency headline is the first thing left to read.
    let last_clear = after_answer
        .rfind("\x1b[2J")
        .expect("the screen is cleared for the emergency");
    let before_headline = strip_ansi_codes(&after_answer[last_clear..]);
    assert_eq!(before_headline.trim(), "EMERGENCY");
    let outcome = assess(&rules, &given);
    assert_eq!(
        outcome.referral.unwrap().urgency,
        ReferralUrgency::Emergency
    );
    assert!(!strip_ansi_codes(&terminal.screen).contains("Your routine"));
    // The outcome ends with the same one-line disclaimer as `assess`.
    let screen = words(&strip_ansi_codes(&terminal.screen));
    let outcome = screen.rfind("EMERGENCY").unwrap();
    let disclaimer = words(&rules.policy.disclaimer);
    assert!(
        screen[outcome..].contains(&disclaimer),
        "no disclaimer after the outcome:\n{}",
        &screen[outcome..]
    );
}

#[test]
fn ctrl_c_keeps_a_draft_and_resume_finishes_with_the_same_outcome() {
    let wanted = example("desk-worker-forward-head.json");
    let data = tempfile::tempdir().unwrap();
    let saved = data.path().join("resumed.json");

    let mut first = Terminal::start(&["check"], data.path(), &[]);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    first.answer_until(&wanted, &mut given, |given| given.len() == 20);
    let rules = rules();
    let next = flow::next_question(&rules.questionnaire, &given).unwrap();
    first.wait_for(&next.text);
    first.type_keys("\x03");
    first.wait_for("Stopped");
    assert_eq!(first.finish(), 130, "Ctrl-C exits with 128 + SIGINT");
    assert!(
        first.screen.ends_with("\u{1b}[?25h") || first.screen.contains("\x1b[?25h"),
        "the cursor is shown again"
    );

    let draft = std::fs::read_to_string(data.path().join("draft-answers.json")).unwrap();
    let draft: serde_json::Value = serde_json::from_str(&draft).unwrap();
    assert_eq!(
        draft.as_object().unwrap().len(),
        20,
        "every answer given before Ctrl-C is kept"
    );

    let mut second = Terminal::start(
        &["check", "--resume", "--save", saved.to_str().unwrap()],
        data.path(),
        &[],
    );
    second.wait_for("Carrying on where you stopped");
    second.answer_until(&wanted, &mut given, |_| false);
    second.wait_for(REVIEW);
    second.type_keys("\r");
    second.wait_for("Your routine:");
    assert_eq!(second.finish(), 0);
    // The review lists every answer, so look for the question drawn as a prompt with its range.
    let first_prompt = format!(
        "{} (16 to 110 years)",
        rules.questionnaire.questions[0].text
    );
    assert!(
        !second.screen.contains(&first_prompt),
        "answered questions are not asked again"
    );

    let uninterrupted = backcare::render::outcome_json(&assess(&rules, &wanted));
    assert_eq!(saved_outcome_json(&saved), uninterrupted);
}

#[test]
fn changing_an_answer_at_review_changes_the_outcome() {
    let wanted = example("desk-worker-forward-head.json");
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    terminal.answer_until(&wanted, &mut given, |_| false);
    terminal.wait_for(REVIEW);

    let rules = rules();
    let asked = flow::asked(&rules.questionnaire, &given);
    let position = asked
        .iter()
        .position(|q| q.id == "upper_back_flat")
        .unwrap();
    // The first entry confirms; the answers follow in the order they were asked.
    terminal.type_keys(&(DOWN.repeat(position + 1) + "\r"));
    // The review list shows every question's text too, so wait for what only the question's own
    // prompt draws: the start of its help line (the rest may wrap), then the yes/no hint.
    let flat = rules.questionnaire.question("upper_back_flat").unwrap();
    terminal.wait_for(&flat.help[..30]);
    terminal.wait_for("y/n");
    terminal.type_keys("y\r");
    terminal.wait_for(REVIEW);
    // The cursor stays on the answer just changed; the confirming entry is back at the top.
    terminal.type_keys(&("\x1b[A".repeat(position + 1) + "\r"));
    terminal.wait_for("Your routine:");
    assert_eq!(terminal.finish(), 0);
    let plain = strip_ansi_codes(&terminal.screen);
    assert!(
        plain.contains("Flat upper back"),
        "the changed answer adds its finding"
    );
    assert!(!assess(&rules, &given)
        .findings
        .iter()
        .any(|f| f.id == "flat_thoracic_spine"));
}

#[test]
fn no_color_leaves_no_colour_codes() {
    let wanted = example("desk-worker-forward-head.json");
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[("NO_COLOR", "1")]);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    terminal.answer_until(&wanted, &mut given, |_| false);
    terminal.wait_for(REVIEW);
    terminal.type_keys("\r");
    terminal.wait_for("Your routine:");
    assert_eq!(terminal.finish(), 0);
    assert!(
        !has_colour_codes(&terminal.screen),
        "NO_COLOR output has colour codes"
    );
}

#[test]
fn colour_is_on_by_default_in_a_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    let rules = rules();
    terminal.wait_for(&rules.questionnaire.questions[0].text);
    terminal.type_keys("\x03");
    terminal.finish();
    assert!(has_colour_codes(&terminal.screen));
}

#[test]
fn without_a_terminal_it_says_what_to_use_instead() {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(cargo_bin("backcare"))
        .arg("check")
        .env("BACKCARE_DATA_DIR", data.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("backcare assess --answers FILE"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn an_unreadable_draft_is_kept_aside_and_the_questions_start_afresh() {
    let data = tempfile::tempdir().unwrap();
    let damaged = "{\n  \"age\": 34,\n  \"fever\": tr";
    std::fs::write(data.path().join("draft-answers.json"), damaged).unwrap();
    let mut terminal = Terminal::start(&["check", "--resume"], data.path(), &[]);
    terminal.wait_for("could not be read");
    terminal.wait_for(&rules().questionnaire.questions[0].text);
    terminal.type_keys("\x03");
    assert_eq!(terminal.finish(), 130);
    let aside = data.path().join("draft-answers.unreadable-1.json");
    assert_eq!(
        std::fs::read_to_string(aside).unwrap(),
        damaged,
        "the damaged file is kept as it was"
    );
}

#[test]
fn save_never_replaces_a_file_that_is_not_an_answers_file() {
    let data = tempfile::tempdir().unwrap();
    let notes = data.path().join("notes.txt");
    std::fs::write(&notes, "my own notes").unwrap();
    let mut terminal = Terminal::start(
        &["check", "--save", notes.to_str().unwrap()],
        data.path(),
        &[],
    );
    terminal.wait_for("is not a backcare answers file");
    assert_eq!(terminal.finish(), 2);
    assert!(
        !terminal
            .screen
            .contains(rules().questionnaire.questions[0].text.as_str()),
        "no question is asked first"
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my own notes");
}

#[cfg(unix)]
#[test]
fn save_to_a_pipe_is_refused_before_any_question_rather_than_waiting() {
    let data = tempfile::tempdir().unwrap();
    let pipe = data.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let mut terminal = Terminal::start(
        &["check", "--save", pipe.to_str().unwrap()],
        data.path(),
        &[],
    );
    terminal.wait_for("it is not a plain file");
    assert_eq!(terminal.finish(), 2);
}

#[test]
fn an_emergency_is_shown_even_when_the_answers_cannot_be_saved() {
    let mut wanted = example("desk-worker-forward-head.json");
    wanted.set("chest_pain", AnswerValue::YesNo(true));
    let data = tempfile::tempdir().unwrap();
    // The data folder is a file, so neither the draft nor the answers can be written.
    let blocked = data.path().join("blocked");
    std::fs::write(&blocked, "").unwrap();
    let mut terminal = Terminal::start(&["check"], &blocked, &[]);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    terminal.answer_until(&wanted, &mut given, |given| {
        given.get("chest_pain").is_some()
    });
    terminal.wait_for("EMERGENCY");
    terminal.finish();
    let plain = strip_ansi_codes(&terminal.screen);
    let emergency = plain.find("EMERGENCY").unwrap();
    let write_error = plain.rfind("cannot write").unwrap_or(usize::MAX);
    assert!(
        emergency < write_error,
        "the emergency comes before any file error:\n{plain}"
    );
}

/// The draft kept after every answer: what the program has recorded so far.
fn draft(data: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(data.join("draft-answers.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_hurried_enter_after_a_key_never_answers_the_next_question() {
    let rules = rules();
    let text = |id: &str| rules.questionnaire.question(id).unwrap().text.as_str();
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    // The question on screen, the keys typed in one go, the answer meant, the question that must
    // then be waiting.
    let onset = format!("{DOWN}\r");
    let steps: [(&str, &str, serde_json::Value, &str); 12] = [
        ("age", "34\r", json!(34), "sex"),
        ("sex", "\r", json!("female"), "pregnant"),
        // As reported: n then Enter at a yes/no question, with a list to pick from next.
        ("pregnant", "n\r", json!(false), "pain_location"),
        (
            "pain_location",
            "\r",
            json!("between_shoulder_blades"),
            "pain_side",
        ),
        ("pain_side", "\r", json!("left"), "duration_days"),
        // Enter pressed twice: the second comes before the list is drawn.
        ("duration_days", "10\r\r", json!(10), "pain_history"),
        ("pain_history", "\r", json!("first_time"), "onset"),
        ("onset", &onset, json!("gradual"), "pain_score"),
        ("pain_score", "4\r\r", json!(4), "pain_trend"),
        (
            "pain_trend",
            "\r",
            json!("better"),
            "pain_changes_with_movement",
        ),
        (
            "pain_changes_with_movement",
            "y\r",
            json!(true),
            "lower_back_problems",
        ),
        (
            "lower_back_problems",
            "n\r\r",
            json!(false),
            "shoulder_problems",
        ),
    ];
    terminal.wait_for(text("age"));
    let mut meant = serde_json::Map::new();
    for (id, keys, answer, waiting) in steps {
        terminal.type_keys(keys);
        terminal.wait_for(text(waiting));
        // Long enough for a stray key to be taken as an answer, if it were going to be.
        std::thread::sleep(std::time::Duration::from_millis(300));
        meant.insert(id.to_owned(), answer);
        assert_eq!(
            draft(data.path()),
            serde_json::Value::Object(meant.clone()),
            "after {keys:?} at {id}, only that answer is new and {waiting} still waits"
        );
    }
    terminal.type_keys("\x03");
    assert_eq!(terminal.finish(), 130);
}

#[test]
fn someone_under_16_is_told_to_see_a_doctor_and_asked_nothing_more() {
    let rules = rules();
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    terminal.wait_for(&rules.questionnaire.question("age").unwrap().text);
    terminal.type_keys("14\r");
    terminal.wait_for("aged 16 and over");
    assert_eq!(terminal.finish(), 0);
    let screen = words(&strip_ansi_codes(&terminal.screen));
    assert!(screen.contains("please see a doctor"), "{screen}");
    assert!(
        !screen.contains(&words(&rules.questionnaire.question("sex").unwrap().text)),
        "a question after the age:\n{screen}"
    );
    assert!(
        !screen.contains("lowest answer"),
        "a bare range error:\n{screen}"
    );
    assert!(
        !data.path().join("draft-answers.json").exists(),
        "a child's answers are not kept"
    );
}

#[test]
fn a_number_question_wants_a_whole_number_in_its_range_and_says_so_plainly() {
    let rules = rules();
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    terminal.wait_for(&rules.questionnaire.question("age").unwrap().text);
    terminal.type_keys("34.5\r");
    terminal
        .wait_for("34.5 is not a whole number. Please type a whole number from 16 to 110 years.");
    terminal.type_keys("150\r");
    terminal.wait_for("150 is more than 110, the highest answer here.");
    terminal.type_keys("34\r");
    terminal.wait_for(&rules.questionnaire.question("sex").unwrap().text);
    assert_eq!(draft(data.path()), json!({ "age": 34 }));
    terminal.type_keys("\x03");
    assert_eq!(terminal.finish(), 130);
}

#[test]
fn once_a_referral_is_decided_only_questions_that_could_raise_it_are_asked() {
    let rules = rules();
    let mut wanted = example("desk-worker-forward-head.json");
    wanted.set("fever", AnswerValue::YesNo(true));
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    terminal.answer_until(&wanted, &mut given, |given| given.get("fever").is_some());

    // From here the program alone decides what comes next: answer whatever it asks.
    let mut asked: Vec<&str> = Vec::new();
    loop {
        let open: Vec<&Question> = rules
            .questionnaire
            .questions
            .iter()
            .filter(|q| given.get(&q.id).is_none())
            .collect();
        let mut texts: Vec<&str> = open.iter().map(|q| q.text.as_str()).collect();
        texts.push(REVIEW);
        let Some(question) = open.get(terminal.wait_for_any(&texts)) else {
            break;
        };
        let value = *wanted.get(&question.id).unwrap();
        terminal.type_keys(&keys_for(question, &value));
        given.set(&question.id, value);
        asked.push(&question.id);
    }
    terminal.type_keys("\r");
    terminal.wait_for("Get medical help today");
    assert_eq!(terminal.finish(), 0);

    // A fever with a weak immune system, and signs of a squeezed spinal cord, are emergencies.
    for raises in ["iv_drug_use_or_immunosuppressed", "saddle_numbness"] {
        assert!(asked.contains(&raises), "{raises} not asked: {asked:?}");
    }
    // Weight loss could only add another reason to see a doctor today.
    assert!(!asked.contains(&"unexplained_weight_loss"), "{asked:?}");
    for question in &rules.questionnaire.questions {
        if question.section == "posture" || question.section == "setup" {
            assert!(
                !asked.contains(&question.id.as_str()),
                "{} asked after the referral was decided",
                question.id
            );
        }
    }
    let plain = strip_ansi_codes(&terminal.screen);
    assert!(!plain.contains("Your routine"), "{plain}");
    let outcome = assess(&rules, &given);
    assert_eq!(
        outcome.referral.map(|r| r.urgency),
        Some(ReferralUrgency::Urgent)
    );
    assert!(outcome.missing.is_empty(), "{:?}", outcome.missing);
}

#[test]
fn an_unfinished_questionnaire_of_one_answer_is_counted_in_the_singular() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("draft-answers.json"), "{\"age\": 34}").unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    terminal.wait_for("Carry on where you stopped?");
    terminal.type_keys("\x03");
    terminal.finish();
    assert!(
        strip_ansi_codes(&terminal.screen).contains("unfinished questionnaire (1 answer)"),
        "{}",
        strip_ansi_codes(&terminal.screen)
    );
}

#[test]
fn a_draft_that_cannot_be_read_for_any_reason_is_kept_aside_not_overwritten() {
    let rules = rules();
    let not_text: &[u8] = b"{\"age\": 34, \"sex\": \"f\xe9male\"}";
    // Bytes that are not UTF-8, and a folder where the file should be: neither is a problem of
    // content, and neither may be lost.
    for case in ["bytes that are not UTF-8", "a folder in its place"] {
        let data = tempfile::tempdir().unwrap();
        let draft_file = data.path().join("draft-answers.json");
        if case == "a folder in its place" {
            std::fs::create_dir(&draft_file).unwrap();
            std::fs::write(draft_file.join("inside.txt"), "kept").unwrap();
        } else {
            std::fs::write(&draft_file, not_text).unwrap();
        }
        let mut terminal = Terminal::start(&["check"], data.path(), &[]);
        terminal.wait_for("could not be read");
        terminal.wait_for(&rules.questionnaire.question("age").unwrap().text);
        terminal.type_keys("40\r");
        terminal.wait_for(&rules.questionnaire.question("sex").unwrap().text);
        terminal.type_keys("\x03");
        assert_eq!(terminal.finish(), 130, "{case}");
        let screen = words(&strip_ansi_codes(&terminal.screen));
        let aside = data.path().join("draft-answers.unreadable-1.json");
        assert!(
            screen.contains(&format!("set aside as {}", aside.display())),
            "{case}: the person is not told where the old file went:\n{screen}"
        );
        if aside.is_dir() {
            assert_eq!(
                std::fs::read_to_string(aside.join("inside.txt")).unwrap(),
                "kept",
                "{case}"
            );
        } else {
            assert_eq!(std::fs::read(&aside).unwrap(), not_text, "{case}");
        }
        assert_eq!(draft(data.path()), json!({ "age": 40 }), "{case}");
    }
}

#[test]
fn saved_answers_that_cannot_be_read_are_kept_aside_when_new_ones_are_saved() {
    let mut wanted = example("desk-worker-forward-head.json");
    wanted.set("chest_pain", AnswerValue::YesNo(true));
    let data = tempfile::tempdir().unwrap();
    let not_text: &[u8] = b"{\"age\": 34, \"sex\": \"f\xe9male\"}";
    std::fs::write(data.path().join("answers.json"), not_text).unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    terminal.answer_until(&wanted, &mut given, |given| {
        given.get("chest_pain").is_some()
    });
    terminal.wait_for("EMERGENCY");
    assert_eq!(terminal.finish(), 0);
    let aside = data.path().join("answers.unreadable-1.json");
    let screen = words(&strip_ansi_codes(&terminal.screen));
    assert!(
        screen.contains(&format!("set aside as {}", aside.display())),
        "{screen}"
    );
    assert_eq!(std::fs::read(&aside).unwrap(), not_text);
    let saved = saved_outcome_json(&data.path().join("answers.json"));
    assert_eq!(
        saved,
        backcare::render::outcome_json(&assess(&rules(), &given))
    );
}

#[test]
fn a_second_check_on_the_same_data_folder_says_one_is_open_and_leaves_it_alone() {
    let rules = rules();
    let age = &rules.questionnaire.question("age").unwrap().text;
    let sex = &rules.questionnaire.question("sex").unwrap().text;
    let data = tempfile::tempdir().unwrap();
    let mut first = Terminal::start(&["check"], data.path(), &[]);
    first.wait_for(age);
    first.type_keys("40\r");
    first.wait_for(sex);

    let mut second = Terminal::start(&["check"], data.path(), &[]);
    second.wait_for("another questionnaire is open");
    assert_eq!(
        second.finish(),
        5,
        "a questionnaire already open has its own code"
    );
    let plain = words(&strip_ansi_codes(&second.screen));
    assert!(
        !plain.contains(age.as_str()),
        "a question was asked:\n{plain}"
    );
    assert_eq!(
        draft(data.path()),
        json!({ "age": 40 }),
        "the draft is untouched"
    );

    first.type_keys("\x03");
    assert_eq!(first.finish(), 130);
    let draft_file = data.path().join("draft-answers.json");
    assert!(
        words(&strip_ansi_codes(&first.screen)).contains(&draft_file.display().to_string()),
        "the first is told where its answers are"
    );
    assert_eq!(draft(data.path()), json!({ "age": 40 }));

    // Once the first has stopped, the folder is free again.
    let mut third = Terminal::start(&["check"], data.path(), &[]);
    third.wait_for("Carry on where you stopped?");
    third.type_keys("\x03");
    assert_eq!(third.finish(), 130);
}

#[test]
fn ctrl_c_before_any_answer_names_no_draft() {
    let rules = rules();
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::start(&["check"], data.path(), &[]);
    terminal.wait_for(&rules.questionnaire.question("age").unwrap().text);
    terminal.type_keys("\x03");
    terminal.wait_for("Stopped");
    assert_eq!(terminal.finish(), 130);
    assert!(!data.path().join("draft-answers.json").exists());
    let plain = words(&strip_ansi_codes(&terminal.screen));
    let stopped = plain.rfind("Stopped").unwrap();
    assert!(
        !plain[stopped..].contains("kept") && !plain[stopped..].contains("draft-answers.json"),
        "a draft that does not exist is named:\n{}",
        &plain[stopped..]
    );
}
