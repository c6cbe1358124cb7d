//! `assess --batch`, `--exit-code`, completions, the manual page and help: the conventions a
//! command-line tool is expected to keep.

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::{
    answer_map, assert_short, backcare, example, example_files, read_json, root, rules,
};

/// `assess --batch -` with these extra flags, fed `input` on standard input.
fn batch(flags: &[&str], input: impl Into<Vec<u8>>) -> std::process::Output {
    backcare()
        .args(["assess", "--batch", "-"])
        .args(flags)
        .write_stdin(input)
        .output()
        .expect("backcare runs")
}

/// Every JSON line of standard output.
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}")))
        .collect()
}

fn assessable_examples() -> Vec<String> {
    example_files()
        .into_iter()
        .filter(|f| f != "malformed.json")
        .collect()
}

#[test]
fn every_record_gets_the_urgency_a_single_assessment_gives_in_input_order() {
    let names = assessable_examples();
    let input: String = names
        .iter()
        .map(|name| json!({"id": name, "answers": read_json(&example(name))}).to_string() + "\n")
        .collect();
    let output = batch(&[], input);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = json_lines(&output.stdout);
    assert_eq!(records.len(), names.len());
    for (record, name) in records.iter().zip(&names) {
        assert_eq!(record["id"], name.as_str(), "output keeps input order");
        let single = backcare()
            .args(["assess", "--json", "--answers"])
            .arg(example(name))
            .output()
            .unwrap();
        let single: Value = serde_json::from_slice(&single.stdout).unwrap();
        assert_eq!(record["urgency"], single["urgency"], "{name}");
        let fired: Vec<&Value> = single["referral"]["rules"]
            .as_array()
            .map(|r| r.iter().map(|r| &r["id"]).collect())
            .unwrap_or_default();
        let batch_fired: Vec<&Value> = record["fired"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["id"])
            .collect();
        assert_eq!(batch_fired, fired, "{name}");
        let exercises: Option<Vec<&Value>> = single["routine"]["exercises"]
            .as_array()
            .map(|e| e.iter().map(|e| &e["id"]).collect());
        let batch_exercises: Option<Vec<&Value>> =
            record["routine"].as_array().map(|e| e.iter().collect());
        assert_eq!(batch_exercises, exercises, "{name}");
    }
}

#[test]
fn full_records_carry_the_whole_outcome() {
    let answers = read_json(&example("fever.json"));
    let output = batch(&["--full"], format!("{answers}\n"));
    let records = json_lines(&output.stdout);
    let single = backcare()
        .args(["assess", "--json", "--answers"])
        .arg(example("fever.json"))
        .output()
        .unwrap();
    let single: Value = serde_json::from_slice(&single.stdout).unwrap();
    assert_eq!(records[0]["outcome"], single);
    assert_eq!(
        records[0]["id"], 1,
        "without an id, the line number stands in"
    );
}

#[test]
fn a_bad_record_gets_an_error_line_and_the_rest_go_on() {
    let good = read_json(&example("desk-worker-forward-head.json")).to_string();
    let input = [
        good.clone(),
        "{\"fever\": 3}".to_owned(),
        String::new(),
        "not json at all".to_owned(),
        json!({"id": "emp-9", "answers": {"fevr": true}}).to_string(),
        good,
    ]
    .join("\n");
    let output = batch(&[], input);
    assert_eq!(
        output.status.code(),
        Some(3),
        "bad records make the exit status say so"
    );
    let records = json_lines(&output.stdout);
    assert_eq!(
        records.len(),
        5,
        "one line per record; the blank line is skipped"
    );
    assert_eq!(records[0]["urgency"], "self_care");
    assert_eq!(records[1]["line"], 2);
    assert!(records[1]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("yes/no"));
    assert_eq!(records[2]["line"], 4);
    assert!(records[2]["error"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));
    assert_eq!(records[3]["id"], "emp-9");
    assert!(records[3]["problems"][0]["fix"]
        .as_str()
        .unwrap()
        .contains("did you mean `fever`"));
    assert_eq!(records[4]["line"], 6);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("5 records read: 2 self_care; 3 errors"),
        "{stderr}"
    );
}

#[test]
fn a_line_that_is_not_utf8_is_a_bad_record_and_a_byte_order_mark_is_accepted() {
    let good = read_json(&example("desk-worker-forward-head.json")).to_string();
    let mut input = b"\xef\xbb\xbf".to_vec();
    input.extend(format!("{good}\n").as_bytes());
    input.extend(b"{\"age\": 34, \"sex\": \"f\xe9male\"}\r\n");
    input.extend(format!("{good}\n").as_bytes());
    let output = batch(&[], input);
    assert_eq!(output.status.code(), Some(3), "a bad record is reported");
    let records = json_lines(&output.stdout);
    assert_eq!(records.len(), 3, "one line per record");
    assert_eq!(records[0]["urgency"], "self_care", "{}", records[0]);
    assert_eq!(records[1]["line"], 2);
    let error = records[1]["error"].as_str().unwrap();
    assert!(
        error.contains("not UTF-8") && error.contains("column 22"),
        "{error}"
    );
    assert_eq!(records[2]["line"], 3);
    assert_eq!(records[2]["urgency"], "self_care", "the rest go on");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("3 records read: 2 self_care; 1 error"),
        "{stderr}"
    );
}

#[test]
fn long_input_keeps_its_order_across_chunks_and_threads() {
    let rules = rules();
    let input: String = backcare::sample::records(&rules, 7, 5000)
        .map(|r| r.to_string() + "\n")
        .collect();
    let output = batch(&[], input);
    let records = json_lines(&output.stdout);
    assert_eq!(records.len(), 5000);
    for (index, record) in records.iter().enumerate() {
        assert_eq!(record["line"], index + 1);
        assert_eq!(record["id"], format!("rec-{}", index + 1));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("5000 records read"), "{stderr}");
}

#[test]
fn one_thread_and_many_write_the_same_bytes_and_exit_alike() {
    let rules = rules();
    // Pieces are cut every 256 KiB, so this input of about 3 MB crosses many of them, with the
    // unusual lines spread among them.
    let mut input = "\u{feff}".to_owned();
    for (n, record) in backcare::sample::records(&rules, 11, 6000).enumerate() {
        input.push_str(&record.to_string());
        input.push_str(match n % 997 {
            0 => "\r\n\n",
            1 => "\n{\"fever\": maybe}\n",
            2 => "\n{\"age\": 12}\n",
            _ => "\n",
        });
    }
    // A line longer than a record may be, spanning several pieces, amid the rest.
    input.push_str(&format!("{{\"id\": \"{}\"}}\n", "x".repeat(1_100_000)));
    input.push_str("{\"fever\": true}");
    let one = batch(&["--threads", "1"], input.clone());
    let records = json_lines(&one.stdout);
    assert!(records.len() > 6000, "{}", records.len());
    assert!(records.iter().any(|r| r.get("error").is_some()));
    // From standard input one thread reads for all; from a file every worker reads its own part.
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &input).unwrap();
    for threads in ["2", "5"] {
        let from_stdin = batch(&["--threads", threads], input.clone());
        let from_file = backcare()
            .args(["assess", "--threads", threads, "--batch"])
            .arg(file.path())
            .output()
            .unwrap();
        for (many, how) in [(from_stdin, "standard input"), (from_file, "a file")] {
            assert!(
                many.stdout == one.stdout,
                "--threads {threads} from {how} wrote other bytes"
            );
            assert_eq!(many.stderr, one.stderr, "from {how}");
            assert_eq!(many.status.code(), one.status.code(), "from {how}");
        }
    }
}

#[test]
fn a_summary_line_counts_the_open_questions_and_full_names_them() {
    let output = batch(&[], "{\"fever\": false}\n");
    let brief = &json_lines(&output.stdout)[0];
    assert_eq!(brief["urgency"], "incomplete");
    let full = batch(&["--full"], "{\"fever\": false}\n");
    let named = json_lines(&full.stdout)[0]["outcome"]["missing"].clone();
    let named = named.as_array().unwrap();
    assert!(named.len() > 10, "{named:?}");
    assert!(
        !named.contains(&json!("fever")),
        "an answered question is not open"
    );
    assert_eq!(brief["missing_count"], named.len());
    assert!(brief.get("missing").is_none(), "{brief}");
}

#[test]
fn threads_must_be_a_count_of_one_or_more() {
    for bad in ["0", "-2", "many"] {
        let output = batch(&["--threads", bad], "{}\n");
        assert_eq!(output.status.code(), Some(2), "--threads {bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--threads"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

/// `assess --batch FILE.csv`, with the CSV written to a file of that name.
fn csv_batch(text: &str, flags: &[&str]) -> std::process::Output {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("people.csv");
    std::fs::write(&path, text).unwrap();
    backcare()
        .args(["assess", "--batch"])
        .arg(&path)
        .args(flags)
        .output()
        .unwrap()
}

#[test]
fn a_csv_export_is_screened_like_the_same_answers_as_json_lines() {
    let csv = "id,chest_pain,fever,age,onset,equipment,fall_or_impact\n\
               A1,No,no,40,gradual,chair; massage_ball,yes\n\
               A2,1,,55,,,\n\
               \"A,3\",false,true,,,,\n";
    let jsonl = [
        json!({"id": "A1", "answers": {"chest_pain": false, "fever": false, "age": 40,
            "onset": "gradual", "equipment": ["chair", "massage_ball"], "fall_or_impact": true}}),
        json!({"id": "A2", "answers": {"chest_pain": true, "age": 55}}),
        json!({"id": "A,3", "answers": {"chest_pain": false, "fever": true}}),
    ]
    .map(|record| record.to_string() + "\n")
    .concat();
    let from_csv = json_lines(&csv_batch(csv, &[]).stdout);
    let from_json = json_lines(&batch(&[], jsonl).stdout);
    assert_eq!(from_csv.len(), 3);
    for (csv_record, json_record) in from_csv.iter().zip(&from_json) {
        let without_line = |record: &Value| {
            let mut record = record.clone();
            record.as_object_mut().unwrap().remove("line");
            record
        };
        assert_eq!(without_line(csv_record), without_line(json_record));
    }
    // Each row's line in the file, counting the header.
    assert_eq!(from_csv[0]["line"], 2);
    assert_eq!(from_csv[2]["urgency"], "urgent");
}

#[test]
fn a_bad_csv_cell_names_its_row_and_column_and_the_rest_go_on() {
    let output = csv_batch("fever,age\nmaybe,40\nno,forty\nno,30\n", &[]);
    let records = json_lines(&output.stdout);
    assert_eq!(records.len(), 3);
    assert!(records[0]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("row 2, column 1 (`fever`)"));
    assert!(records[1]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("row 3, column 2 (`age`)"));
    assert!(records[2].get("urgency").is_some(), "{}", records[2]);
    assert_eq!(output.status.code(), Some(3));
}

#[test]
fn an_unknown_csv_heading_stops_the_batch_at_the_header_with_a_suggestion() {
    let output = csv_batch("id,fevr,age\nA1,no,40\n", &[]);
    assert_eq!(output.status.code(), Some(3));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("people.csv:1:4"), "{stderr}");
    assert!(stderr.contains("did you mean `fever`?"), "{stderr}");
    assert_short(&stderr, 1_000);
}

#[test]
fn csv_on_standard_input_is_chosen_with_format() {
    let output = batch(&["--format", "csv"], "fever\ntrue\n");
    assert_eq!(json_lines(&output.stdout)[0]["urgency"], "urgent");
}

/// A named pipe that is fed some records, then kept open for `pause` before more follow, so that
/// a batch reading it runs past the second after which progress is shown.
fn slow_records(folder: &std::path::Path, name: &str, pause: Duration) -> std::path::PathBuf {
    let pipe = folder.join(name);
    let made = Command::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(made.success());
    let writer_path = pipe.clone();
    std::thread::spawn(move || {
        use std::io::Write;
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        let rules = rules();
        for (n, record) in backcare::sample::records(&rules, 3, 4000).enumerate() {
            if n == 2000 {
                pipe.flush().unwrap();
                std::thread::sleep(pause);
            }
            writeln!(pipe, "{record}").unwrap();
        }
    });
    pipe
}

#[test]
fn a_long_batch_shows_records_done_on_a_terminal_and_nothing_when_not_on_one() {
    let folder = tempfile::tempdir().unwrap();
    let pipe = slow_records(folder.path(), "first.jsonl", Duration::from_millis(2500));
    let pipe_text = pipe.to_str().unwrap();
    let mut terminal = crate::pty::Terminal::start(
        &["assess", "--batch", pipe_text, "--threads", "2"],
        folder.path(),
        &[],
    );
    terminal.wait_for("records done");
    terminal.wait_for("4000 records read");
    assert_eq!(terminal.finish(), 0);

    let pipe = slow_records(folder.path(), "second.jsonl", Duration::from_millis(1500));
    let output = backcare()
        .args(["assess", "--batch"])
        .arg(&pipe)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("backcare: 4000 records read"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_missing_batch_file_is_named() {
    let output = backcare()
        .args(["assess", "--batch", "no-such-file.jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-file.jsonl"));
}

#[test]
fn a_batch_file_that_cannot_be_read_is_named_with_the_reason_in_words() {
    let folder = tempfile::tempdir().unwrap();
    let output = backcare()
        .args(["assess", "--batch"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot read {}", folder.path().display())),
        "{stderr}"
    );
    assert!(stderr.contains("it is a folder"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}

/// Runs backcare with standard output going to a full disk (`> /dev/full`).
fn to_a_full_disk(args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full opens");
    std::process::Command::new(assert_cmd::cargo::cargo_bin("backcare"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(full)
        .output()
        .expect("backcare runs")
}

#[test]
fn output_lost_to_a_full_disk_fails_and_says_what_was_not_written() {
    let records = tempfile::tempdir().unwrap();
    let small = records.path().join("small.jsonl");
    let answers = read_json(&example("desk-worker-forward-head.json"));
    std::fs::write(&small, format!("{answers}\n{answers}\n")).unwrap();
    let batch = to_a_full_disk(&["assess", "--batch", small.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&batch.stderr);
    assert_eq!(batch.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("the disk is full"), "{stderr}");
    assert!(
        stderr.contains("the results from line 1 of the input on"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("records read"),
        "no summary of success: {stderr}"
    );

    let json = to_a_full_disk(&[
        "assess",
        "--json",
        "--answers",
        "examples/answers/fever.json",
    ]);
    let stderr = String::from_utf8_lossy(&json.stderr);
    assert_eq!(json.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("standard output") && stderr.contains("the disk is full"),
        "{stderr}"
    );
    assert!(stderr.contains("the output may be missing"), "{stderr}");
    assert!(!stderr.contains("folder"), "advice about folders: {stderr}");
}

#[test]
fn a_reader_that_stops_early_ends_the_batch_quietly() {
    let rules = rules();
    let records = tempfile::NamedTempFile::new().unwrap();
    let input: String = backcare::sample::records(&rules, 7, 5000)
        .map(|r| r.to_string() + "\n")
        .collect();
    std::fs::write(records.path(), input).unwrap();
    // As `backcare assess --batch FILE | head -1` does.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("backcare"))
        .args(["assess", "--batch"])
        .arg(records.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut reader, &mut first).unwrap();
    drop(reader);
    let output = child.wait_with_output().unwrap();
    assert!(first.contains("rec-1"), "{first}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn exit_code_reports_the_urgency_for_scripts() {
    for (name, code) in [
        ("desk-worker-forward-head.json", 0),
        ("nerve-tingling.json", 10),
        ("fever.json", 11),
        ("chest-pain-exertion.json", 12),
        ("incomplete.json", 13),
    ] {
        let output = backcare()
            .args(["assess", "--exit-code", "--answers"])
            .arg(example(name))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(code), "{name}");
    }
    let without = backcare()
        .args(["assess", "--answers"])
        .arg(example("fever.json"))
        .output()
        .unwrap();
    assert_eq!(
        without.status.code(),
        Some(0),
        "without --exit-code any outcome is a success"
    );
}

#[test]
fn a_batch_exit_code_is_its_most_pressing_outcome() {
    let input = [
        read_json(&example("desk-worker-forward-head.json")).to_string(),
        read_json(&example("fever.json")).to_string(),
        read_json(&example("nerve-tingling.json")).to_string(),
    ]
    .join("\n");
    let output = batch(&["--exit-code"], input);
    assert_eq!(output.status.code(), Some(11));
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef backcare"),
        ("fish", "complete -c backcare"),
    ] {
        let output = backcare().args(["completions", shell]).output().unwrap();
        assert!(output.status.success());
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("assess") && script.contains("rules"),
            "{shell} completes the subcommands"
        );
        for exercise in &rules().exercises.exercises {
            assert!(
                script.contains(exercise.id.as_str()),
                "{shell} completes `backcare exercises {}`",
                exercise.id
            );
        }
    }
}

#[test]
fn the_manual_page_renders() {
    let output = backcare().arg("man").output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH backcare"),
        "{page}"
    );
    for section in [
        ".SH DESCRIPTION",
        ".SH COMMANDS",
        ".SH EXAMPLES",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXIT CODES",
    ] {
        assert!(page.contains(section), "the manual has {section}");
    }
    for variable in [
        "BACKCARE_DATA_DIR",
        "BACKCARE_TODAY",
        "BACKCARE_TIME_SCALE",
        "NO_COLOR",
    ] {
        assert!(page.contains(variable), "{variable} is described");
    }
    // No page is named that does not exist, such as backcare-check(1).
    assert!(!page.contains("(1)"), "{page}");
    // The examples keep their lines rather than being filled into a paragraph.
    let examples = page.split(".SH EXAMPLES").nth(1).unwrap_or_default();
    assert!(examples.starts_with("\n.nf\n"), "{examples}");
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    let help = backcare().arg("--help").output().unwrap();
    let top = String::from_utf8_lossy(&help.stdout);
    assert!(top.contains("Exit codes:") && top.contains("130"), "{top}");
    for section in ["Environment:", "Files:", "BACKCARE_DATA_DIR", "NO_COLOR"] {
        assert!(top.contains(section), "{section}: {top}");
    }
    // Commands in the order a person uses them: asked, guided, logged, reviewed.
    let at = |name: &str| top.find(&format!("\n  {name} ")).expect(name);
    assert!(at("check") < at("session") && at("session") < at("log") && at("log") < at("progress"));
    for command in [
        "check",
        "assess",
        "questions",
        "exercises",
        "rules",
        "completions",
        "session",
        "log",
        "progress",
    ] {
        let output = backcare().args([command, "--help"]).output().unwrap();
        assert!(output.status.success(), "{command} --help");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.contains("Example"),
            "{command} --help has no example:\n{text}"
        );
    }
    let version = backcare().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("backcare "));
}

#[test]
fn an_emergency_in_a_batch_is_reported_even_beside_bad_records() {
    let input = [
        read_json(&example("chest-pain-exertion.json")).to_string(),
        "not json".to_owned(),
    ]
    .join("\n");
    let with = batch(&["--exit-code"], input.clone());
    assert_eq!(
        with.status.code(),
        Some(12),
        "a script watching for emergencies hears of it"
    );
    let without = batch(&[], input);
    assert_eq!(
        without.status.code(),
        Some(3),
        "without --exit-code, bad records decide"
    );
}

#[test]
fn a_record_for_someone_under_16_gets_one_line_saying_to_see_a_doctor() {
    let mut young = answer_map(&example("desk-worker-forward-head.json"));
    young.insert("age".to_owned(), json!(14));
    let input = [
        json!({"id": "pupil", "answers": young}).to_string(),
        read_json(&example("desk-worker-forward-head.json")).to_string(),
    ]
    .join("\n");
    let output = batch(&[], input);
    let records = json_lines(&output.stdout);
    assert_eq!(records.len(), 2, "one line per record");
    assert_eq!(records[0]["id"], "pupil");
    let message = records[0]["problems"][0]["message"].as_str().unwrap();
    assert!(message.contains("16 and over"), "{message}");
    assert!(message.contains("see a doctor"), "{message}");
    assert_eq!(records[1]["urgency"], "self_care", "the rest go on");
}

#[test]
fn a_huge_value_or_key_in_a_record_is_quoted_cut_short() {
    let big = "y".repeat(500_000);
    let input = [
        json!({ "fever": big }).to_string(),
        json!({ big.clone(): true }).to_string(),
        format!("{{\"{big}\": 1, \"{big}\": 2}}"),
    ]
    .join("\n");
    let output = batch(&[], input);
    assert_short(&String::from_utf8_lossy(&output.stdout), 3_000);
    assert_short(&String::from_utf8_lossy(&output.stderr), 200);
    let records = json_lines(&output.stdout);
    let cut = format!("{}…", "y".repeat(50));
    let message = records[0]["problems"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("yes/no") && message.contains(&cut),
        "{message}"
    );
    let problem = &records[1]["problems"][0];
    assert!(
        problem["question"].as_str().unwrap().ends_with(&cut),
        "{problem}"
    );
    assert!(
        problem["message"].as_str().unwrap().contains(&cut),
        "{problem}"
    );
    let error = records[2]["error"].as_str().unwrap();
    assert!(
        error.contains("appears twice") && error.contains(&cut),
        "{error}"
    );
}

#[test]
fn a_record_past_1_mib_gets_an_error_line_and_the_rest_go_on() {
    let limit = backcare::limits::BATCH_LINE.bytes as usize;
    let good = read_json(&example("desk-worker-forward-head.json")).to_string();
    // Spaces after the opening brace keep a record valid JSON at any length.
    let padded = |length: usize| format!("{{{}{}", " ".repeat(length - good.len()), &good[1..]);
    let mut input = Vec::new();
    for line in [good.clone(), padded(limit), padded(limit + 1)] {
        input.extend(line.into_bytes());
        input.push(b'\n');
    }
    input.extend(b"{\"sex\": \"\xff\"}\n");
    input.extend(good.into_bytes());
    let output = batch(&[], input);
    assert_eq!(output.status.code(), Some(3));
    let records = json_lines(&output.stdout);
    let lines: Vec<&Value> = records.iter().map(|r| &r["line"]).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5]);
    assert_eq!(
        records[1]["urgency"], "self_care",
        "exactly at the limit is read"
    );
    let error = records[2]["error"].as_str().unwrap();
    assert!(
        error.contains("larger than 1 MiB, the most backcare reads as one record of a batch"),
        "{error}"
    );
    assert!(records[3]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(records[4]["urgency"], "self_care");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("5 records read: 3 self_care; 2 errors"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_line_is_answered_with_its_error_line_at_once() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("backcare"))
        .args(["assess", "--batch", "/dev/zero"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("backcare starts");
    let mut first = String::new();
    let read = std::io::BufReader::new(child.stdout.take().expect("a pipe")).read_line(&mut first);
    // backcare reads on through the endless line, in flat memory, until it is stopped.
    child.kill().expect("backcare is stopped");
    child.wait().expect("backcare ends");
    read.expect("standard output reads");
    let record: Value =
        serde_json::from_str(&first).unwrap_or_else(|e| panic!("not a JSON line: {first:?}: {e}"));
    assert_eq!(record["line"], 1);
    assert!(
        record["error"]
            .as_str()
            .unwrap()
            .contains("larger than 1 MiB"),
        "{record}"
    );
}

#[test]
fn rules_is_offered_only_where_the_rules_are_read() {
    let help = |command: &str| {
        let output = backcare().args([command, "--help"]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    for command in ["man", "completions"] {
        assert!(!help(command).contains("--rules"), "{command}");
    }
    // `log` reads the policy's thresholds for its word of care, so it keeps the option.
    for command in ["assess", "check", "session", "log", "progress"] {
        assert!(help(command).contains("--rules"), "{command}");
    }
}
