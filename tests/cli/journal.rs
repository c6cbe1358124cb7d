//! `backcare log` and `backcare progress`: the journal file survives crashes, concurrent writers
//! and damage, its exports hold every entry, and the advice follows the policy.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::*;

fn run(data: &Path, today: &str, args: &[&str]) -> Output {
    backcare()
        .args(args)
        .env("BACKCARE_DATA_DIR", data)
        .env("BACKCARE_TODAY", today)
        .output()
        .expect("backcare runs")
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed with {:?}:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn pain_line(date: &str, pain: u8) -> String {
    format!("{{\"date\":\"{date}\",\"kind\":\"pain\",\"pain\":{pain}}}\n")
}

/// `days + 1` daily pain lines from 2025-03-03, from `first` to `last` in a straight line.
fn daily_lines(days: u32, first: f64, last: f64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    (0..=days)
        .map(|day| {
            let date = start + chrono::Days::new(u64::from(day));
            let pain = first + (last - first) * f64::from(day) / f64::from(days.max(1));
            pain_line(&date.to_string(), pain.round() as u8)
        })
        .collect()
}

fn exported(data: &Path) -> Vec<Value> {
    let json: Value = serde_json::from_str(&succeeded(&run(
        data,
        "2025-04-30",
        &["progress", "--json"],
    )))
    .expect("progress --json prints JSON");
    json.as_array().expect("a list of entries").clone()
}

#[test]
fn log_records_todays_pain_and_note_as_one_readable_line() {
    let data = tempfile::tempdir().unwrap();
    let stdout = succeeded(&run(
        data.path(),
        "2025-03-04",
        &["log", "4", "--note", "stiff, after a drive"],
    ));
    assert!(stdout.contains("Recorded pain 4 out of 10"), "{stdout}");
    let text = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    assert_eq!(
        text,
        "{\"date\":\"2025-03-04\",\"kind\":\"pain\",\"pain\":4,\"note\":\"stiff, after a drive\"}\n"
    );
}

#[test]
fn a_pain_score_outside_0_to_10_is_refused_with_exit_2() {
    let data = tempfile::tempdir().unwrap();
    for bad in ["11", "-1", "x", "4.5"] {
        let output = run(data.path(), "2025-03-04", &["log", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_no_panic(&stderr);
        assert!(
            stderr.contains(&format!("`{bad}` is not a pain score"))
                && stderr.contains("from 0 (no pain) to 10"),
            "{bad}: {stderr}"
        );
    }
    assert!(!data.path().join("journal.jsonl").exists());
}

#[test]
fn a_line_cut_off_by_a_crash_is_reported_and_the_next_entry_starts_a_fresh_line() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("journal.jsonl");
    // A process killed part-way through its write leaves half a line and no newline.
    let before = format!(
        "{}{}{{\"date\":\"2025-03-05\",\"kind\":\"pa",
        pain_line("2025-03-03", 5),
        pain_line("2025-03-04", 4)
    );
    std::fs::write(&path, &before).unwrap();

    let output = run(data.path(), "2025-03-06", &["progress"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = succeeded(&output);
    assert!(
        stderr.contains(&format!("{}:3:", path.display())),
        "{stderr}"
    );
    assert!(
        !stderr.contains(":1:") && !stderr.contains(":2:"),
        "{stderr}"
    );
    assert!(
        stdout.contains("Mon  3 Mar") && stdout.contains("Tue  4 Mar"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "reading changed the file"
    );

    succeeded(&run(data.path(), "2025-03-06", &["log", "3"]));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&before), "earlier bytes were rewritten");
    assert_eq!(
        &after[before.len()..],
        format!("\n{}", pain_line("2025-03-06", 3))
    );
    let dates: Vec<Value> = exported(data.path())
        .iter()
        .map(|e| e["date"].clone())
        .collect();
    assert_eq!(dates, ["2025-03-03", "2025-03-04", "2025-03-06"]);
}

#[test]
fn two_processes_logging_at_once_lose_nothing() {
    let data = tempfile::tempdir().unwrap();
    let writers: Vec<_> = ["first", "second"]
        .into_iter()
        .map(|writer| {
            let data = data.path().to_path_buf();
            std::thread::spawn(move || {
                for index in 0..50 {
                    let note = format!("{writer} {index}");
                    succeeded(&run(&data, "2025-03-04", &["log", "5", "--note", &note]));
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("a writer finished");
    }
    let text = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 100);
    let mut notes: Vec<String> = text
        .lines()
        .map(|line| {
            let entry: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("a torn line {line:?}: {e}"));
            entry["note"].as_str().expect("a note").to_owned()
        })
        .collect();
    notes.sort();
    let mut expected: Vec<String> = ["first", "second"]
        .iter()
        .flat_map(|writer| (0..50).map(move |index| format!("{writer} {index}")))
        .collect();
    expected.sort();
    assert_eq!(notes, expected);
}

#[test]
fn a_damaged_line_in_the_middle_is_reported_by_number_and_the_file_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("journal.jsonl");
    let text = format!(
        "{}this line was mangled by hand\n{}",
        pain_line("2025-03-03", 6),
        pain_line("2025-03-04", 5)
    );
    std::fs::write(&path, &text).unwrap();
    let output = run(data.path(), "2025-03-04", &["progress"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    succeeded(&output);
    assert!(
        stderr.contains(&format!("{}:2:", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("this line was mangled by hand"), "{stderr}");
    assert!(stderr.contains("1 line of"), "{stderr}");
    assert_eq!(exported(data.path()).len(), 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn json_and_csv_exports_hold_every_entry() {
    let data = tempfile::tempdir().unwrap();
    let session = "{\"date\":\"2025-03-05\",\"kind\":\"session\",\"pain\":3,\"minutes\":12,\
                   \"done\":[\"chin_tuck\",\"cat_stretch\"],\"skipped\":[\"wall_angels\"]}\n";
    std::fs::write(
        data.path().join("journal.jsonl"),
        daily_lines(2, 6.0, 4.0) + session,
    )
    .unwrap();
    succeeded(&run(
        data.path(),
        "2025-03-06",
        &["log", "2", "--note", "a \"good\", easy day"],
    ));

    let entries = exported(data.path());
    assert_eq!(entries.len(), 5);
    assert_eq!(
        entries[3]["done"],
        serde_json::json!(["chin_tuck", "cat_stretch"])
    );
    assert_eq!(entries[4]["note"], "a \"good\", easy day");

    let csv = succeeded(&run(data.path(), "2025-03-06", &["progress", "--csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "date,kind,pain,minutes,done,skipped,rated,note");
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[1], "2025-03-03,pain,6,,,,,");
    assert_eq!(
        lines[4],
        "2025-03-05,session,3,12,chin_tuck cat_stretch,wall_angels,,"
    );
    assert_eq!(
        lines[5],
        "2025-03-06,pain,2,,,,,\"a \"\"good\"\", easy day\""
    );
}

#[test]
fn after_two_flat_weeks_progress_names_the_posture_exercises_for_the_saved_answers() {
    let data = tempfile::tempdir().unwrap();
    // Four weeks of entries, read as of the fifteenth day and then the twenty-ninth.
    std::fs::write(data.path().join("journal.jsonl"), daily_lines(28, 5.0, 5.0)).unwrap();
    std::fs::copy(
        example("desk-worker-forward-head.json"),
        data.path().join("answers.json"),
    )
    .unwrap();
    let stdout = succeeded(&run(data.path(), "2025-03-17", &["progress"]));
    let rules = rules();
    let progress = &rules.policy.progress;
    let first_words = |message: &str| message.split(' ').take(6).collect::<Vec<_>>().join(" ");
    assert!(
        stdout.contains(&first_words(&progress.posture.message)),
        "{stdout}"
    );
    assert!(
        !stdout.contains(&first_words(&progress.see_professional.message)),
        "{stdout}"
    );
    for pick in &rules.policy.findings["forward_head"].add {
        let needs_a_band = rules
            .exercises
            .get(&pick.exercise)
            .unwrap()
            .equipment
            .contains(&"resistance_band".to_owned());
        assert_eq!(
            stdout.contains(&pick.exercise),
            !needs_a_band,
            "{}:\n{stdout}",
            pick.exercise
        );
    }
    // One chart line a day, and the comparison with the first week.
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("  ") && l.contains('█'))
            .count(),
        15,
        "{stdout}"
    );
    assert!(
        stdout.contains("the same as your first week's 5"),
        "{stdout}"
    );

    let later = succeeded(&run(data.path(), "2025-03-31", &["progress"]));
    assert!(
        later.contains(&first_words(&progress.see_professional.message)),
        "{later}"
    );
}

#[test]
fn an_empty_journal_says_how_to_start_one() {
    let data = tempfile::tempdir().unwrap();
    let stdout = succeeded(&run(data.path(), "2025-03-04", &["progress"]));
    assert!(stdout.contains("backcare log PAIN"), "{stdout}");
    assert_eq!(exported(data.path()).len(), 0);
}

#[test]
fn a_today_that_is_not_a_date_is_refused_with_exit_2() {
    let data = tempfile::tempdir().unwrap();
    let output = run(data.path(), "2025-13-01", &["log", "3"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_no_panic(&stderr);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
    assert!(!data.path().join("journal.jsonl").exists());
}

#[test]
fn a_high_pain_score_gets_a_word_at_once_when_it_is_logged() {
    let progress = rules().policy.progress;
    let high = progress.high_pain.at_least;
    let data = tempfile::tempdir().unwrap();
    let stdout = succeeded(&run(data.path(), "2025-03-04", &["log", &high.to_string()]));
    assert!(
        words(&stdout).contains(&words(&progress.high_pain.message)),
        "{stdout}"
    );
    assert!(stdout.contains("run `backcare check` again"), "{stdout}");

    // One point lower, with nothing before it to rise from, is simply recorded.
    let data = tempfile::tempdir().unwrap();
    let stdout = succeeded(&run(
        data.path(),
        "2025-03-04",
        &["log", &(high - 1).to_string()],
    ));
    assert_eq!(stdout.trim().lines().count(), 1, "{stdout}");
}

#[test]
fn a_sharp_rise_gets_a_word_at_once_when_it_is_logged() {
    let progress = rules().policy.progress;
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("journal.jsonl"),
        [
            pain_line("2025-03-01", 2),
            pain_line("2025-03-02", 2),
            pain_line("2025-03-03", 2),
        ]
        .concat(),
    )
    .unwrap();
    let risen = 2 + progress.sharp_rise.points.ceil() as u8;
    assert!(
        risen < progress.high_pain.at_least,
        "a rise, not a high score"
    );
    let stdout = succeeded(&run(
        data.path(),
        "2025-03-04",
        &["log", &risen.to_string()],
    ));
    assert!(
        words(&stdout).contains(&words(&progress.sharp_rise.message)),
        "{stdout}"
    );
}

#[test]
fn an_entry_that_cannot_be_written_whole_leaves_the_journal_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.jsonl");
    // 990 bytes of entries: the next one crosses a file size limit of 1024 bytes midway.
    let before = pain_line("2025-03-01", 3).repeat(22);
    assert_eq!(before.len(), 990);
    std::fs::write(&journal, &before).unwrap();
    // bash counts the limit in units of 1024 bytes; with the signal ignored, a write past it
    // fails rather than ending the program.
    let output = std::process::Command::new("bash")
        .args(["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" log 4"])
        .arg(assert_cmd::cargo::cargo_bin("backcare"))
        .env("BACKCARE_DATA_DIR", data.path())
        .env("BACKCARE_TODAY", "2025-03-04")
        .env("NO_COLOR", "1")
        .output()
        .expect("bash runs backcare");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&journal.display().to_string()), "{stderr}");
    assert!(stderr.contains("was not recorded"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap(),
        before,
        "a fragment of the entry was left behind"
    );
}

#[test]
fn a_huge_value_in_a_journal_line_is_quoted_cut_short() {
    let data = tempfile::tempdir().unwrap();
    let huge = format!(
        "{{\"date\":\"2025-03-04\",\"kind\":\"pain\",\"pain\":\"{}\"}}\n",
        "z".repeat(60_000)
    );
    std::fs::write(
        data.path().join("journal.jsonl"),
        pain_line("2025-03-03", 4) + &huge,
    )
    .unwrap();
    let output = run(data.path(), "2025-03-04", &["progress"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_short(&stderr, 2_000);
    succeeded(&output);
    assert!(stderr.contains(&format!("{}…", "z".repeat(50))), "{stderr}");
    assert!(stderr.contains("journal.jsonl:2:"), "{stderr}");
}

#[test]
fn a_journal_line_past_64_kib_is_reported_and_the_others_read() {
    let limit = backcare::limits::JOURNAL_LINE.bytes as usize;
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("journal.jsonl");
    let noted = |length: usize| {
        let bare = "{\"date\":\"2025-03-04\",\"kind\":\"pain\",\"pain\":4,\"note\":\"\"}";
        format!(
            "{{\"date\":\"2025-03-04\",\"kind\":\"pain\",\"pain\":4,\"note\":\"{}\"}}\n",
            "n".repeat(length - bare.len())
        )
    };
    let text = [
        pain_line("2025-03-03", 5),
        noted(limit + 1),
        noted(limit),
        pain_line("2025-03-05", 3),
    ]
    .concat();
    std::fs::write(&path, &text).unwrap();
    let output = run(data.path(), "2025-03-05", &["progress"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = succeeded(&output);
    assert_short(&stderr, 2_000);
    assert!(
        stderr.contains(&format!("{}:2:", path.display()))
            && stderr.contains("larger than 64 KiB, the most backcare reads as one line"),
        "{stderr}"
    );
    assert!(stderr.contains("1 line of"), "{stderr}");
    assert!(
        stdout.contains("Mon  3 Mar") && stdout.contains("Wed  5 Mar"),
        "{stdout}"
    );
    let dates: Vec<Value> = exported(data.path())
        .iter()
        .map(|e| e["date"].clone())
        .collect();
    assert_eq!(dates, ["2025-03-03", "2025-03-04", "2025-03-05"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[cfg(unix)]
#[test]
fn a_journal_that_is_not_a_plain_file_is_refused_rather_than_read_without_end() {
    let data = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", data.path().join("journal.jsonl")).unwrap();
    for args in [&["progress"][..], &["progress", "--csv"]] {
        let output = run(data.path(), "2025-03-05", args);
        assert_eq!(output.status.code(), Some(3), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("journal.jsonl: it is not a plain file; move it away"),
            "{stderr}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_journal_is_read_a_line_at_a_time() {
    // Half a million entries, 22 MB: held whole they took 60 MB, read a line at a time under 16.
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("journal.jsonl"),
        pain_line("2025-03-03", 4).repeat(500_000),
    )
    .unwrap();
    for args in [&[][..], &["--json"], &["--csv"]] {
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 32768 && exec \"$0\" progress \"$@\" >/dev/null")
            .arg(assert_cmd::cargo::cargo_bin("backcare"))
            .args(args)
            .env("BACKCARE_DATA_DIR", data.path())
            .env("BACKCARE_TODAY", "2025-03-03")
            .env("NO_COLOR", "1")
            .output()
            .expect("sh runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn an_unlikely_date_is_a_damaged_line_reported_and_never_used() {
    let progress = rules().policy.progress;
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("journal.jsonl");
    // Two weeks of easing pain, then dates no entry can have, and one for tomorrow.
    let text = [
        pain_line("1025-03-04", 9),
        daily_lines(14, 6.0, 2.0),
        pain_line("-200000-01-01", 9),
        pain_line("0202-03-04", 9),
        pain_line("2030-01-01", 9),
        pain_line("2025-03-18", 9),
    ]
    .concat();
    std::fs::write(&path, &text).unwrap();
    let output = run(data.path(), "2025-03-17", &["progress"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = succeeded(&output);
    for line in [1, 17, 18, 19] {
        assert!(
            stderr.contains(&format!("{}:{line}:", path.display())),
            "line {line}: {stderr}"
        );
    }
    assert!(stderr.contains("4 lines of"), "{stderr}");
    assert!(
        stderr.contains("the date 1025-03-04 is before 2000-01-01"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the date 2030-01-01 is more than a day after today (2025-03-17)"),
        "{stderr}"
    );
    assert!(stdout.contains("Your pain from 3 Mar 2025"), "{stdout}");
    assert!(stdout.contains("1 entry is dated after today"), "{stdout}");
    let first_words = |message: &str| message.split(' ').take(6).collect::<Vec<_>>().join(" ");
    assert!(
        stdout.contains(&first_words(&progress.improving.message)),
        "{stdout}"
    );
    assert!(stdout.lines().count() < 60, "{stdout}");
    let dates: Vec<Value> = exported(data.path())
        .iter()
        .map(|e| e["date"].clone())
        .collect();
    assert_eq!(dates.len(), 16);
    assert_eq!(dates[0], "2025-03-03");
}

#[test]
fn control_characters_in_a_damaged_line_reach_the_terminal_as_marks_not_commands() {
    let data = tempfile::tempdir().unwrap();
    // An escape sequence that would clear the screen, and a bell, in a line that cannot be read.
    let damaged = "{\"date\":\"2025-03-04\",\"kind\":\"pain\",\"pain\":\"\u{1b}[2J\u{7}\"}\n";
    std::fs::write(
        data.path().join("journal.jsonl"),
        pain_line("2025-03-03", 4) + damaged,
    )
    .unwrap();
    let output = run(data.path(), "2025-03-04", &["progress"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    succeeded(&output);
    assert!(stderr.contains("journal.jsonl:2:"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains('\u{fffd}'), "{stderr}");
}

#[test]
fn damaged_saved_answers_leave_the_pain_review_drawn_from_the_journal() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("answers.json"), "{ not json").unwrap();
    std::fs::write(data.path().join("journal.jsonl"), daily_lines(10, 5.0, 4.0)).unwrap();
    let output = run(data.path(), "2025-03-12", &["progress"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = succeeded(&output);
    assert!(stdout.contains("Your pain from"), "{stdout}");
    assert!(stderr.contains("backcare check"), "{stderr}");
    // backcare wrote the file, so it says so and keeps it whole, without advice on commas.
    assert_saved_answers_set_aside(&stderr, data.path(), "{ not json");
}

#[test]
fn without_saved_answers_progress_names_no_exercise_and_asks_for_check_first() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("journal.jsonl"), daily_lines(14, 5.0, 5.0)).unwrap();
    let stdout = succeeded(&run(data.path(), "2025-03-17", &["progress"]));
    assert!(stdout.contains("Run `backcare check` first"), "{stdout}");
    for exercise in &rules().exercises.exercises {
        assert!(
            !stdout.contains(exercise.id.as_str()),
            "{} is named without answers to check it against:\n{stdout}",
            exercise.id
        );
    }
}

#[test]
fn weeks_of_exercise_are_spoken_of_only_when_the_journal_holds_sessions() {
    let rules = rules();
    let exercise_words = "after weeks of regular exercise";
    assert!(rules
        .policy
        .progress
        .see_professional
        .message
        .contains(exercise_words));
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.jsonl");
    std::fs::write(&journal, daily_lines(28, 5.0, 5.0)).unwrap();
    let without = succeeded(&run(data.path(), "2025-03-31", &["progress"]));
    assert!(!without.contains(exercise_words), "{without}");
    assert!(
        words(&without).contains("records no sessions")
            && words(&without).contains("`backcare session`"),
        "{without}"
    );
    let session = "{\"date\":\"2025-03-05\",\"kind\":\"session\",\"minutes\":12,\
                   \"done\":[\"chin_tuck\"],\"skipped\":[]}\n";
    std::fs::write(&journal, daily_lines(28, 5.0, 5.0) + session).unwrap();
    let with = succeeded(&run(data.path(), "2025-03-31", &["progress"]));
    assert!(words(&with).contains(exercise_words), "{with}");
    // Into a pipe nothing is wrapped: the advice stays one line, whatever its length.
    let advice = &rules.policy.progress.see_professional.message;
    assert!(with.lines().any(|l| l.contains(advice.as_str())), "{with}");
}

#[test]
fn a_sharp_rise_is_judged_on_the_latest_score_of_the_day_and_says_what_it_measured() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.jsonl");
    // Four days at 2; today 1, then 6: the day's mean is 3.5, but the person is at 6 now.
    let today = "2025-03-07";
    let lines = daily_lines(3, 2.0, 2.0) + &pain_line(today, 1);
    std::fs::write(&journal, lines).unwrap();
    let logged = succeeded(&run(data.path(), today, &["log", "6"]));
    let measured = "Measured: your latest score, 6, is 4 points above your average of 2";
    assert!(words(&logged).contains(measured), "{logged}");
    let stdout = succeeded(&run(data.path(), today, &["progress"]));
    assert!(words(&stdout).contains(measured), "{stdout}");
}
