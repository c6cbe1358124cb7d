//! A journal of any bytes: each line is an entry or a damaged line, and the entries sum up into
//! a review and an export without a panic.
#![no_main]

use std::sync::LazyLock;

use backcare::journal::{Line, Reader};
use backcare::progress::export::Export;
use backcare::progress::review::{review, Tally};
use backcare::render::report_problems;
use backcare_engine::RuleSet;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::embedded().expect("the built-in rules load"));

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a real date");
    let mut tally = Tally::default();
    let mut export = Export::new(Vec::new(), true);
    for line in Reader::new(data, "journal.jsonl".to_owned(), today) {
        match line.expect("reading from memory cannot fail") {
            Line::Entry(entry) => {
                tally.add(&entry);
                export.entry(&entry).expect("writing to memory cannot fail");
            }
            Line::Damaged(problem) => drop(report_problems(&[problem])),
        }
    }
    export.finish().expect("writing to memory cannot fail");
    review(&RULES.policy.progress, &tally, today);
});
