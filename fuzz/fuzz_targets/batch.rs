//! `assess --batch` on any bytes: one output line per input line, whatever each line holds, and
//! the same output on one thread as on several.
#![no_main]

use std::num::NonZeroUsize;
use std::sync::LazyLock;

use backcare::batch;
use backcare_engine::RuleSet;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::embedded().expect("the built-in rules load"));

fn screened(data: &[u8], threads: usize) -> (Vec<u8>, batch::Summary) {
    let options = batch::Options {
        threads: NonZeroUsize::new(threads).unwrap(),
        ..batch::Options::every_core()
    };
    let mut output = Vec::new();
    let summary = batch::run(
        &RULES,
        "batch.jsonl",
        data,
        &mut output,
        options,
        &mut |_| {},
    )
    .expect("a batch read from memory into memory cannot fail");
    (output, summary)
}

fuzz_target!(|data: &[u8]| {
    let (output, summary) = screened(data, 1);
    assert_eq!(
        (output.clone(), summary.clone()),
        screened(data, 3),
        "the output is the same whatever the number of threads"
    );
    let written = output.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(written, summary.records(), "one output line per record");
    for line in output.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line).expect("every output line is JSON");
    }
});
