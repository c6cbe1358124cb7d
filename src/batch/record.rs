//! The careful reader of one batch record: a JSON line read through a JSON tree and checked
//! against the questionnaire, so that whatever is wrong with it is said. Usual records take the
//! quick way ([`super::quick`]) and come here only when that one leaves them.

use serde_json::Value;

use super::output::error_line;
use backcare_engine::answers::Answers;
use backcare_engine::error::Problem;
use backcare_engine::json;
use backcare_engine::ruleset::RuleSet;
use backcare_engine::source::Source;

/// A record's id (if it gives one) and answers, read through a JSON tree so that anything wrong
/// is reported in full; the error is the record's output line.
pub(super) fn read_carefully(
    rules: &RuleSet,
    line: usize,
    text: &str,
) -> Result<(Option<Value>, Answers), String> {
    let value = match json::parse_str(text) {
        Ok(value) => value,
        Err(e) => {
            // Only a bad record pays for a located problem.
            let problem = Problem::from_json(&Source::new(format!("line {line}"), text), &e);
            let error = format!(
                "not valid JSON at column {}: {}",
                problem.column, problem.message
            );
            return Err(error_line(line, None, error, Vec::new()));
        }
    };
    // A record is either the answers themselves or {"id": ..., "answers": {...}}.
    let (id, answers) = match &value {
        Value::Object(map) if map.get("answers").is_some_and(Value::is_object) => {
            (map.get("id").cloned(), &map["answers"])
        }
        other => (None, other),
    };
    match Answers::from_value(answers, &rules.questionnaire) {
        Ok(answers) => Ok((id, answers)),
        Err(problems) => {
            let error = "the answers do not fit the questionnaire".to_owned();
            Err(error_line(line, id, error, problems))
        }
    }
}
