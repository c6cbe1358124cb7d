//! `backcare check` as it looks at 60, 80 and 100 columns: the rows a person sees, read from a
//! terminal model, hold no stale copy of a prompt, no word cut by the terminal, and a review
//! screen that redraws in place.

use backcare_engine::answers::{AnswerValue, Answers};
use backcare_engine::flow;
use backcare_engine::ruleset::QuestionKind;

use crate::common::rules;
use crate::questionnaire::{example, keys_for, DOWN};
use crate::screen::{overflowing, words, Screen};

const WIDTHS: [u16; 3] = [60, 80, 100];
const REVIEW: &str = "Pick an answer to change it";

/// The whole questionnaire answered from `file` with the keys a person presses; the number
/// questions are first answered wrongly once, so their error is drawn and must be wiped too.
fn answer_all(screen: &mut Screen, file: &str) {
    let rules = rules();
    let wanted = example(file);
    let mut given = Answers::to(crate::common::rules().questionnaire.ids());
    while let Some(question) = flow::next_question(&rules.questionnaire, &given) {
        let value = *wanted.get(&question.id).expect("the example answers it");
        screen.wait_for(&format!("? {}", question.text));
        match question.kind {
            QuestionKind::Number => {
                screen.type_keys("x\r");
                screen.wait_for("is not a number");
            }
            QuestionKind::SeveralOf => {
                let marked = screen.visible().iter().any(|r| r.starts_with("❯ [ ]"));
                assert!(
                    marked,
                    "the item under the cursor has an arrow, not only a colour:\n{}",
                    screen.visible().join("\n")
                );
            }
            _ => {}
        }
        screen.type_keys(&keys_for(question, &value));
        let echo = match (question.kind, &value) {
            (QuestionKind::SeveralOf, AnswerValue::Choices(c)) if c.is_empty() => {
                format!(
                    "✔ {} (Space to pick, Enter when done) · none",
                    question.text
                )
            }
            _ => format!("✔ {}", question.text),
        };
        screen.wait_for(&echo);
        given.set(&question.id, value);
    }
}

#[test]
fn every_kind_of_prompt_leaves_one_clean_answer_line_at_60_80_and_100_columns() {
    for columns in WIDTHS {
        let data = tempfile::tempdir().unwrap();
        let mut screen = Screen::start(&["check"], data.path(), &[], columns, 24);
        answer_all(&mut screen, "no-equipment.json");
        screen.wait_for(REVIEW);
        screen.type_keys("\r");
        assert_eq!(screen.finish(), 0);

        let history = screen.history();
        let stale: Vec<&String> = history
            .iter()
            .map(|r| &r.text)
            .filter(|t| t.starts_with("? ") || t.starts_with("✘"))
            .collect();
        assert!(
            stale.is_empty(),
            "at {columns} columns, prompts or errors were left behind: {stale:#?}"
        );
        let cut = overflowing(&history);
        assert!(
            cut.is_empty(),
            "at {columns} columns, the terminal had to break these rows: {cut:#?}"
        );
        let all = words(
            &history
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        assert!(all.contains("Your routine"), "the outcome is shown");
        assert!(
            all.contains("Next: `backcare session` takes you through this routine"),
            "the last line says what comes next"
        );
    }
}

/// The answers of a finished questionnaire, kept as a draft, so that `--resume` opens at the
/// review.
fn at_review(file: &str, columns: u16) -> (tempfile::TempDir, Screen) {
    let data = tempfile::tempdir().unwrap();
    let source = crate::common::example(file);
    std::fs::copy(source, data.path().join("draft-answers.json")).unwrap();
    let screen = Screen::start(&["check", "--resume"], data.path(), &[], columns, 24);
    (data, screen)
}

#[test]
fn the_review_redraws_in_place_however_far_the_cursor_moves() {
    for columns in WIDTHS {
        let (_data, mut screen) = at_review("desk-worker-forward-head.json", columns);
        screen.wait_for(REVIEW);
        screen.type_keys(&DOWN.repeat(25));
        // Wait for the last key's drawing: the cursor on the 25th answer, on the second page.
        let rules = rules();
        let given = example("desk-worker-forward-head.json");
        let asked = flow::asked(&rules.questionnaire, &given);
        let on = &asked[24].text;
        let first_words: String = on.split(' ').take(4).collect::<Vec<_>>().join(" ");
        screen.wait_for(&format!("❯ {first_words}"));
        let visible = screen.visible();
        let count = |text: &str| visible.iter().filter(|r| r.contains(text)).count();
        assert_eq!(
            count("Check your answers"),
            1,
            "at {columns} columns:\n{}",
            visible.join("\n")
        );
        assert_eq!(count(REVIEW), 1, "at {columns} columns");
        let cut = overflowing(&screen.history());
        assert!(cut.is_empty(), "at {columns} columns: {cut:#?}");
        // A question cut short to fit its row is cut after a whole word of it.
        for row in visible.iter().filter(|r| r.contains('…')) {
            let kept = row[row.char_indices().nth(2).map_or(0, |(i, _)| i)..]
                .split('…')
                .next()
                .unwrap_or_default();
            let whole_word = asked.iter().any(|q| {
                q.text.starts_with(kept) && q.text[kept.len()..].starts_with([' ', ',', ';', ':'])
            });
            assert!(whole_word, "at {columns} columns, {row:?} cuts a word");
        }
    }
}

#[test]
fn after_a_change_the_review_shows_the_new_answer_under_the_cursor() {
    let rules = rules();
    let given = example("desk-worker-forward-head.json");
    let asked = flow::asked(&rules.questionnaire, &given);
    let at = asked
        .iter()
        .position(|q| q.id == "pain_score")
        .expect("the pain score is asked");
    for columns in WIDTHS {
        let (_data, mut screen) = at_review("desk-worker-forward-head.json", columns);
        screen.wait_for(REVIEW);
        screen.type_keys(&(DOWN.repeat(at + 1) + "\r"));
        screen.wait_for(&format!("? {}", asked[at].text));
        // The number already given is there to change: one Backspace takes the 4 away.
        screen.type_keys("\x7f7\r");
        screen.wait_for(REVIEW);
        let visible = screen.visible();
        let cursor = visible
            .iter()
            .find(|r| r.starts_with("❯ "))
            .expect("a row under the cursor");
        assert!(
            cursor.contains("How bad is the pain") && cursor.ends_with("7 out of 10"),
            "at {columns} columns the cursor is on the changed answer: {cursor:?}"
        );
    }
}

#[test]
fn every_command_and_error_message_fits_a_narrow_terminal() {
    let data = tempfile::tempdir().unwrap();
    let journal: String = (1..=20)
        .map(|day| format!("{{\"date\":\"2025-03-{day:02}\",\"kind\":\"pain\",\"pain\":3}}\n"))
        .collect();
    std::fs::write(data.path().join("journal.jsonl"), journal).unwrap();
    let answers = crate::common::example("desk-worker-forward-head.json");
    let answers = answers.to_str().unwrap();
    let fever = crate::common::example("fever.json");
    let fever = fever.to_str().unwrap();
    for args in [
        vec!["exercises", "cat_stretch"],
        vec!["exercises"],
        vec!["questions"],
        vec!["assess", "--answers", fever],
        vec!["assess", "--answers", fever, "--explain"],
        vec!["session", "--answers", fever],
        vec!["progress"],
        vec![
            "log",
            "9",
            "--note",
            "after a long drive with no break at all",
        ],
        vec!["session", "--answers", answers, "--minutes", "-5"],
    ] {
        let mut screen = Screen::start(
            &args,
            data.path(),
            &[("BACKCARE_TODAY", "2025-03-21")],
            60,
            40,
        );
        screen.finish();
        let history = screen.history();
        let cut = overflowing(&history);
        assert!(cut.is_empty(), "{args:?}: {cut:#?}");
        assert!(
            history.iter().any(|r| r.text.len() > 40),
            "{args:?} printed something"
        );
    }
}

#[test]
fn a_session_countdown_fits_60_80_and_100_columns() {
    let answers = crate::common::example("no-equipment.json");
    for columns in WIDTHS {
        let data = tempfile::tempdir().unwrap();
        let mut screen = Screen::start(
            &["session", "--answers", answers.to_str().unwrap()],
            data.path(),
            &[("BACKCARE_TIME_SCALE", "0.5")],
            columns,
            24,
        );
        screen.wait_for("Press Enter when you are ready to start.");
        screen.type_keys("\r");
        screen.wait_for("s left");
        screen.type_keys(" ");
        screen.wait_for("paused: press Space to go on");
        let cut = overflowing(&screen.history());
        assert!(cut.is_empty(), "at {columns} columns: {cut:#?}");
        screen.type_keys("q");
        screen.wait_for("How is your back pain now");
        screen.type_keys("\x1b");
        assert_eq!(screen.finish(), 0);
        let cut = overflowing(&screen.history());
        assert!(cut.is_empty(), "at {columns} columns: {cut:#?}");
    }
}

#[test]
fn the_questions_after_an_exercise_fit_a_narrow_terminal() {
    let answers = crate::common::example("no-equipment.json");
    let data = tempfile::tempdir().unwrap();
    let mut screen = Screen::start(
        &["session", "--answers", answers.to_str().unwrap()],
        data.path(),
        &[("BACKCARE_TIME_SCALE", "0.01")],
        60,
        24,
    );
    screen.wait_for("Press Enter when you are ready to start.");
    screen.type_keys("\r");
    screen.wait_for("How did that feel?");
    screen.type_keys("3");
    screen.wait_for("What was it like?");
    screen.type_keys("2");
    screen.wait_for("Rated: worse (aching)");
    screen.type_keys("q");
    screen.wait_for("How is your back pain now");
    screen.type_keys("\x1b");
    assert_eq!(screen.finish(), 0);
    let cut = overflowing(&screen.history());
    assert!(cut.is_empty(), "{cut:#?}");
}
