//! `assess --batch` on any bytes: one output line per input line, whatever each line holds.
#![no_main]

use std::sync::LazyLock;

use backcare::batch;
use backcare_engine::RuleSet;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::embedded().expect("the built-in rules load"));

fuzz_target!(|data: &[u8]| {
    let mut output = Vec::new();
    let summary = batch::run(&RULES, "batch.jsonl", data, &mut output, false)
        .expect("a batch read from memory into memory cannot fail");
    let written = output.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(written, summary.records(), "one output line per record");
    for line in output.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line).expect("every output line is JSON");
    }
});
