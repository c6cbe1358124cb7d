//! The journal's tests: entries written and read back through real files, damaged lines, and the
//! file's permissions.

use std::io::BufRead;

use super::*;
use backcare_engine::error::Problem;
use backcare_engine::error::Severity;

/// Every entry and every warning, as the reader gives them.
fn read_all(reader: Reader<impl BufRead>) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for line in reader {
        match line.unwrap() {
            Line::Entry(entry) => entries.push(entry),
            Line::Damaged(problem) => problems.push(problem),
        }
    }
    (entries, problems)
}

fn pain_on(date: &str, pain: u8) -> Entry {
    Entry {
        date: day(date),
        record: Record::Pain { pain, note: None },
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn entries_are_written_as_one_readable_line_each() {
    let pain = Entry {
        date: day("2025-03-04"),
        record: Record::Pain {
            pain: 4,
            note: Some("after gardening".into()),
        },
    };
    let session = Entry {
        date: day("2025-03-04"),
        record: Record::Session {
            pain: None,
            minutes: 12,
            done: vec!["chin_tuck".into()],
            skipped: vec![],
            not_reached: vec![],
            rated: vec![],
        },
    };
    assert_eq!(
        serde_json::to_string(&pain).unwrap(),
        r#"{"date":"2025-03-04","kind":"pain","pain":4,"note":"after gardening"}"#
    );
    assert_eq!(
        serde_json::to_string(&session).unwrap(),
        r#"{"date":"2025-03-04","kind":"session","minutes":12,"done":["chin_tuck"],"skipped":[]}"#
    );
}

#[test]
fn ratings_are_kept_with_their_session_and_old_sessions_without_them_still_read() {
    let text = "{\"date\":\"2025-03-01\",\"kind\":\"session\",\"minutes\":9,\"done\":[\"chin_tuck\"],\"skipped\":[]}\n\
                {\"date\":\"2025-03-02\",\"kind\":\"session\",\"minutes\":9,\"done\":[\"chin_tuck\",\"cat_stretch\"],\"skipped\":[],\
                \"rated\":[{\"exercise\":\"chin_tuck\",\"felt\":\"worse\",\"hurt\":\"sharp\"},{\"exercise\":\"cat_stretch\",\"felt\":\"better\"}]}\n";
    let (entries, problems) = read_all(Reader::new(text.as_bytes(), "j".into(), day("2025-03-02")));
    assert_eq!(problems, []);
    let rated = |entry: &Entry| match &entry.record {
        Record::Session { rated, .. } => rated.clone(),
        Record::Pain { .. } => panic!("a session was read as a pain score"),
    };
    assert_eq!(rated(&entries[0]), []);
    assert_eq!(
        rated(&entries[1]),
        [
            Rated {
                exercise: "chin_tuck".into(),
                felt: Rating::Worse,
                hurt: Some(Hurt::Sharp),
            },
            Rated {
                exercise: "cat_stretch".into(),
                felt: Rating::Better,
                hurt: None,
            },
        ]
    );
    // Written back as it was read.
    assert!(text.ends_with(&(serde_json::to_string(&entries[1]).unwrap() + "\n")));
}

#[test]
fn a_rating_that_cannot_be_read_is_a_damaged_line_with_its_place() {
    let session = |rated: &str| {
        format!(
            "{{\"date\":\"2025-03-02\",\"kind\":\"session\",\"minutes\":9,\
             \"done\":[\"chin_tuck\"],\"skipped\":[],\"rated\":[{rated}]}}\n"
        )
    };
    let text = session(r#"{"exercise":"chin_tuck","felt":"great"}"#)
        + &session(r#"{"exercise":"cat_stretch","felt":"better"}"#)
        + &session(r#"{"exercise":"chin_tuck","felt":"better"}"#);
    let (entries, problems) = read_all(Reader::new(text.as_bytes(), "j".into(), day("2025-03-02")));
    assert_eq!(entries.len(), 1);
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 2]);
    assert!(problems[0].message.contains("great"), "{:?}", problems[0]);
    assert!(
        problems[1].message.contains("not among the exercises done"),
        "{:?}",
        problems[1]
    );
    assert!(problems.iter().all(|p| p.fix.is_some()));
}

#[test]
fn a_damaged_line_is_reported_by_number_and_the_others_are_read() {
    let text = "{\"date\":\"2025-03-01\",\"kind\":\"pain\",\"pain\":5}\n\
                not json at all\n\
                {\"date\":\"2025-03-02\",\"kind\":\"pain\",\"pain\":12}\n\
                \n\
                {\"date\":\"2025-03-03\",\"kind\":\"pain\",\"pain\":3}\n\
                {\"date\":\"2025-03-0";
    let reader = Reader::new(text.as_bytes(), "journal.jsonl".into(), day("2025-03-03"));
    let (entries, problems) = read_all(reader);
    let dates: Vec<String> = entries.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(dates, ["2025-03-01", "2025-03-03"]);
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 6]);
    assert!(problems
        .iter()
        .all(|p| p.file == "journal.jsonl" && p.severity == Severity::Warning && p.fix.is_some()));
    assert!(
        problems[1].message.contains("above 10"),
        "{:?}",
        problems[1]
    );
}

#[test]
fn a_date_before_2000_or_past_tomorrow_is_a_damaged_line() {
    let today = day("2025-03-14");
    let dates = [
        "1999-12-31",
        "2000-01-01",
        "2025-03-15",
        "2025-03-16",
        "0202-03-04",
        "-200000-01-01",
    ];
    let text: String = dates
        .iter()
        .map(|date| format!("{{\"date\":\"{date}\",\"kind\":\"pain\",\"pain\":3}}\n"))
        .collect();
    let (entries, problems) = read_all(Reader::new(text.as_bytes(), "j".into(), today));
    let read: Vec<String> = entries.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(read, ["2000-01-01", "2025-03-15"]);
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 4, 5, 6]);
    assert!(
        problems[0].message.contains("before 2000-01-01"),
        "{problems:?}"
    );
    assert!(problems[1].message.contains("after today"), "{problems:?}");
}

#[test]
fn pain_scores_are_whole_numbers_from_0_to_10() {
    assert_eq!(parse_pain("0"), Ok(0));
    assert_eq!(parse_pain(" 10 "), Ok(10));
    for bad in ["11", "-1", "x", "4.5", ""] {
        assert!(parse_pain(bad).is_err(), "{bad} was accepted");
    }
}

#[test]
fn appending_after_a_cut_off_line_starts_a_fresh_line_and_keeps_every_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let cut_off = b"{\"date\":\"2025-03-01\",\"kind\":\"pain\",\"pain\":5}\n{\"date\":\"2025-";
    std::fs::write(&path, cut_off).unwrap();
    let entry = pain_on("2025-03-02", 3);
    append(&path, &entry).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(cut_off));
    let (entries, problems) = read_all(open(&path, day("2025-03-02")).unwrap().unwrap());
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1], entry);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 2);
}

#[cfg(unix)]
#[test]
fn a_new_journal_can_be_read_by_its_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let entry = pain_on("2025-03-02", 3);
    append(&path, &entry).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
}
