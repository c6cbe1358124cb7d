//! An answers file as `--answers` reads it: any bytes give answers or located problems, never a
//! panic; answers that load are assessed, saved and read back unchanged.
#![no_main]

use std::sync::LazyLock;

use backcare_engine::source::Source;
use backcare_engine::{assess, Answers, RuleSet};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::embedded().expect("the built-in rules load"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new("answers.json", text);
    match Answers::from_source(&source, &RULES.questionnaire) {
        Ok((answers, _retired)) => {
            assess(&RULES, &answers);
            let saved = answers.to_json(&RULES.questionnaire);
            let again = Source::new("saved.json", saved.as_str());
            let (reread, warnings) = Answers::from_source(&again, &RULES.questionnaire)
                .unwrap_or_else(|e| panic!("saved answers do not read back: {e}\n{saved}"));
            assert!(
                warnings.is_empty(),
                "saved answers carry retired ids: {saved}"
            );
            assert_eq!(
                reread.to_json(&RULES.questionnaire),
                saved,
                "saved answers change on a round trip"
            );
        }
        // The message a person would see, drawn as the program draws it.
        Err(error) => drop(error.to_string()),
    }
});
