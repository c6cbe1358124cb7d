//! One rule file replaced by any bytes, the other four built in: the loader gives a rule set or
//! located problems, never a panic. The first byte picks the file.
#![no_main]

use backcare::render::report_problems;
use backcare_engine::ruleset::RuleSources;
use backcare_engine::source::Source;
use backcare_engine::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut sources = RuleSources::embedded();
    let file = match pick % 5 {
        0 => &mut sources.questionnaire,
        1 => &mut sources.red_flags,
        2 => &mut sources.postures,
        3 => &mut sources.exercises,
        _ => &mut sources.policy,
    };
    *file = Source::new("fuzzed.json", text);
    let (_rules, problems) = RuleSet::load_with_problems(&sources);
    drop(report_problems(&problems));
});
