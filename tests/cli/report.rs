//! `backcare report` without a browser: what the file holds, that its text cannot become markup,
//! that it never replaces a file backcare did not write, and its errors. The printed pages are
//! checked in a real browser in `browser.rs`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::{backcare, example, root};

fn report_command(data: &Path) -> Command {
    let mut command = backcare();
    command
        .env("BACKCARE_DATA_DIR", data)
        .env("BACKCARE_TODAY", "2026-11-29")
        .arg("report");
    command
}

/// Writes a report of the example `answers` to `out` with the data folder `data`, on the test
/// day, and returns its text.
pub(crate) fn write_report(data: &Path, out: &Path, answers: &str, extra: &[&str]) -> String {
    let output = report_command(data)
        .arg("--answers")
        .arg(example(answers))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

/// [`write_report`] to `report.out` in the data folder.
fn report_in(data: &Path, answers: &str, extra: &[&str]) -> String {
    write_report(data, &data.join("report.out"), answers, extra)
}

fn outcome(answers: &str) -> Value {
    crate::common::assess_json(&example(answers))
}

#[test]
fn a_referral_report_holds_every_fired_rule_with_its_answers_and_the_negatives() {
    let data = tempfile::tempdir().unwrap();
    let html = report_in(data.path(), "chest-pain-exertion.json", &[]);
    let outcome = outcome("chest-pain-exertion.json");
    let urgency_at = html.find("id=\"urgency\"").unwrap();
    for rule in outcome["referral"]["rules"].as_array().unwrap() {
        let title = rule["title"].as_str().unwrap().replace('\'', "&#39;");
        let at = html
            .find(&title)
            .unwrap_or_else(|| panic!("{title} is missing"));
        assert!(at > urgency_at, "the urgency comes first");
        for given in rule["triggered_by"].as_array().unwrap() {
            let question = given["question"].as_str().unwrap();
            let text = crate::common::rules()
                .questionnaire
                .question(question)
                .unwrap()
                .text
                .replace('\'', "&#39;");
            assert!(
                html.contains(&text),
                "the answer behind {title}: {question}"
            );
        }
    }
    // A warning sign answered no in the example is listed as a pertinent negative.
    let answers = crate::common::answer_map(&example("chest-pain-exertion.json"));
    let rules = crate::common::rules();
    let no = answers
        .iter()
        .find(|(id, value)| {
            **value == Value::Bool(false)
                && rules
                    .red_flags
                    .rules
                    .iter()
                    .any(|r| r.when.questions().contains(&id.as_str()))
        })
        .map(|(id, _)| {
            rules
                .questionnaire
                .question(id)
                .unwrap()
                .text
                .replace('\'', "&#39;")
        })
        .expect("the example answers some warning sign no");
    let negatives = html.find("Answered no").expect("the negatives are listed");
    assert!(html[negatives..].contains(&no), "{no}");
    assert!(
        !html.contains("The exercise routine"),
        "a referral gives no routine"
    );
    assert_eq!(
        html.matches(outcome["disclaimer"].as_str().unwrap())
            .count(),
        1
    );
}

#[test]
fn a_routine_report_has_a_card_with_a_picture_for_every_exercise() {
    let data = tempfile::tempdir().unwrap();
    let html = report_in(data.path(), "desk-worker-forward-head.json", &[]);
    let exercises = outcome("desk-worker-forward-head.json")["routine"]["exercises"].clone();
    let exercises = exercises.as_array().unwrap();
    assert_eq!(html.matches("class=\"card\"").count(), exercises.len());
    for exercise in exercises {
        let id = exercise["id"].as_str().unwrap();
        let card = html
            .split("<div class=\"card\"")
            .find(|card| card.contains(&format!("data-exercise=\"{id}\"")))
            .unwrap_or_else(|| panic!("no card for {id}"));
        assert_eq!(card.matches("<svg class=\"figure\"").count(), 1, "{id}");
        assert!(card.contains(">Start<") && card.contains(">End<"), "{id}");
        assert!(card.contains("Dose:") && card.contains("Sides:"), "{id}");
    }
}

#[test]
fn the_report_is_self_contained() {
    let data = tempfile::tempdir().unwrap();
    let html = report_in(data.path(), "desk-worker-forward-head.json", &[]);
    for fetches in ["src=", "href=", "url(", "@import", "<link", "<script"] {
        assert!(!html.contains(fetches), "the report would fetch: {fetches}");
    }
    let addresses: Vec<&str> = html
        .match_indices("http")
        .map(|(at, _)| &html[at..at + 26])
        .filter(|a| !a.starts_with("http://www.w3.org/2000/svg"))
        .collect();
    assert_eq!(addresses, Vec::<&str>::new());
}

#[test]
fn text_from_the_journal_cannot_become_markup() {
    let data = tempfile::tempdir().unwrap();
    let evil = "<img src=x onerror=alert(1)>";
    let line = serde_json::json!({"date": "2026-11-20", "kind": "session", "pain": 3, "minutes": 5, "done": [evil], "skipped": []});
    std::fs::write(data.path().join("journal.jsonl"), format!("{line}\n")).unwrap();
    let html = report_in(data.path(), "desk-worker-forward-head.json", &[]);
    assert!(!html.contains(evil));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let markdown = report_in(
        data.path(),
        "desk-worker-forward-head.json",
        &["--markdown"],
    );
    assert!(!markdown.contains(evil));
    assert!(markdown.contains("\\<img src=x onerror=alert(1)\\>"));
}

#[test]
fn the_ratings_of_each_exercise_are_counted_in_the_report() {
    let data = tempfile::tempdir().unwrap();
    let session = |date: &str, felt: &str| {
        serde_json::json!({"date": date, "kind": "session", "pain": 3, "minutes": 5,
            "done": ["cat_stretch", "chin_tuck"], "skipped": [],
            "rated": [{"exercise": "cat_stretch", "felt": felt}]})
        .to_string()
    };
    let journal = [
        session("2026-11-20", "better"),
        session("2026-11-21", "better"),
        session("2026-11-22", "worse"),
    ]
    .join("\n");
    std::fs::write(data.path().join("journal.jsonl"), journal + "\n").unwrap();
    let markdown = report_in(
        data.path(),
        "desk-worker-forward-head.json",
        &["--markdown"],
    );
    let row = |name: &str| {
        markdown
            .lines()
            .find(|line| line.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("no row for {name} in:\n{markdown}"))
            .to_owned()
    };
    assert_eq!(row("Cat stretch"), "| Cat stretch | 3 | 0 | 2 | 0 | 1 |");
    assert_eq!(row("Chin tuck"), "| Chin tuck | 3 | 0 | 0 | 0 | 0 |");
    assert!(!markdown.contains("carries a rating"), "{markdown}");

    // A journal from before ratings says it has none.
    let unrated = session("2026-11-20", "better").replace(
        r#","rated":[{"exercise":"cat_stretch","felt":"better"}]"#,
        "",
    );
    std::fs::write(data.path().join("journal.jsonl"), unrated + "\n").unwrap();
    let markdown = report_in(
        data.path(),
        "desk-worker-forward-head.json",
        &["--markdown"],
    );
    assert!(
        markdown.contains("No session in the journal carries a rating"),
        "{markdown}"
    );
}

#[test]
fn the_markdown_report_has_the_same_contents_as_text() {
    let data = tempfile::tempdir().unwrap();
    let markdown = report_in(data.path(), "fever.json", &["--markdown"]);
    let outcome = outcome("fever.json");
    assert!(markdown.starts_with("<!-- backcare report -->\n# backcare report, 29 November 2026"));
    let first_rule = &outcome["referral"]["rules"][0];
    let head = markdown
        .find("Get medical help today")
        .expect("the urgency");
    assert!(head < markdown.find("## Why").unwrap());
    assert!(markdown.contains(first_rule["title"].as_str().unwrap()));
    assert!(markdown.contains("## Warning-sign questions"));
    assert!(markdown
        .trim_end()
        .ends_with(outcome["disclaimer"].as_str().unwrap()));
}

#[test]
fn a_file_backcare_did_not_write_is_never_replaced() {
    let data = tempfile::tempdir().unwrap();
    let notes = data.path().join("notes.html");
    std::fs::write(&notes, "<p>my own notes</p>").unwrap();
    let output = report_command(data.path())
        .arg("--answers")
        .arg(example("fever.json"))
        .arg("--out")
        .arg(&notes)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("backcare did not write"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "<p>my own notes</p>"
    );
    // An earlier report is replaced.
    let earlier = data.path().join("earlier.html");
    write_report(data.path(), &earlier, "fever.json", &[]);
    let html = write_report(data.path(), &earlier, "chest-pain-exertion.json", &[]);
    assert!(html.contains("EMERGENCY"));
}

#[test]
fn without_out_the_report_goes_to_the_data_folder_from_the_saved_answers() {
    let data = tempfile::tempdir().unwrap();
    let output = report_command(data.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("run `backcare check` first"), "{said}");
    std::fs::copy(example("fever.json"), data.path().join("answers.json")).unwrap();
    let output = report_command(data.path()).output().unwrap();
    assert!(output.status.success());
    let path = data.path().join("report-2026-11-29.html");
    assert!(String::from_utf8_lossy(&output.stdout).contains(&path.display().to_string()));
    assert!(std::fs::read_to_string(path)
        .unwrap()
        .contains("Get medical help today"));
}

#[test]
fn a_rule_folder_missing_a_picture_names_the_file_and_the_exercise() {
    let data = tempfile::tempdir().unwrap();
    let rules = data.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "json") {
            std::fs::copy(entry.path(), rules.join(entry.file_name())).unwrap();
        }
    }
    let figures = rules.join("figures.json");
    let mut value: Value =
        serde_json::from_str(&std::fs::read_to_string(&figures).unwrap()).unwrap();
    value["figures"]
        .as_object_mut()
        .unwrap()
        .remove("chin_tuck");
    std::fs::write(&figures, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    for args in [&["report", "--answers"][..], &["rules", "check"][..]] {
        let mut command = backcare();
        command
            .env("BACKCARE_DATA_DIR", data.path())
            .arg("--rules")
            .arg(&rules)
            .args(args);
        if args[0] == "report" {
            command.arg(example("fever.json"));
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(4), "{args:?}");
        let said = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(&format!("{}:", figures.display())), "{said}");
        assert!(said.contains("`chin_tuck` has no picture"), "{said}");
    }
}

#[test]
fn a_routine_that_comes_with_advice_to_be_seen_keeps_that_urgency_first() {
    let data = tempfile::tempdir().unwrap();
    let html = report_in(data.path(), "long-lasting-pain.json", &[]);
    let outcome = outcome("long-lasting-pain.json");
    assert_eq!(
        outcome["urgency"], "soon",
        "the example is still a `soon` routine"
    );
    let advisory = outcome["advisories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["urgency"] == "soon")
        .unwrap();
    let urgency = &html[html.find("id=\"urgency\"").unwrap()..html.find("</section>").unwrap()];
    assert!(urgency.contains("within days"), "{urgency}");
    assert!(html.contains("class=\"urgency level-soon\""));
    let message = advisory["message"].as_str().unwrap().replace('\'', "&#39;");
    assert!(html.contains(&message));
    assert!(html.find("id=\"urgency\"") < html.find("The exercise routine"));
}

#[test]
fn a_rule_folder_without_figures_is_warned_about_by_rules_check() {
    let data = tempfile::tempdir().unwrap();
    for name in [
        "questionnaire.json",
        "red_flags.json",
        "postures.json",
        "exercises.json",
        "policy.json",
    ] {
        std::fs::copy(root().join("rules").join(name), data.path().join(name)).unwrap();
    }
    let output = backcare()
        .args(["rules", "check"])
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "a warning only");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("there is no figures.json"), "{said}");
    assert!(said.contains("0 errors, 1 warning"), "{said}");
}
