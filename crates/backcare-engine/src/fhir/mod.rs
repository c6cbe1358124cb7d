//! The questionnaire and answers in the form clinics exchange them: HL7 FHIR R4. The questionnaire
//! becomes a `Questionnaire` resource (one group per section, linkIds = question ids), answers
//! become a `QuestionnaireResponse`, and a `QuestionnaireResponse` is read back into answers with
//! every problem placed at its line, as an answers file's are. Pure data, like the rest of the
//! engine: the program adds the date and writes the files.

mod questionnaire;
mod response;

use serde_json::{json, Value};

pub use questionnaire::questionnaire_resource;
pub use response::{read_response, response_resource};

/// The canonical address of backcare's questionnaire, which a response names.
pub(crate) const QUESTIONNAIRE_URL: &str = "https://backcare.invalid/fhir/Questionnaire/backcare";
/// Carries an `ask_when` that `enableWhen` cannot say, as the condition's JSON.
pub(crate) const ASK_WHEN_EXTENSION: &str =
    "https://backcare.invalid/fhir/StructureDefinition/ask-when";
/// The code system of the one answer that means "none of these" for a question of several
/// options, which FHIR otherwise has no way to tell from no answer at all.
pub(crate) const NONE_SYSTEM: &str = "https://backcare.invalid/fhir/CodeSystem/none-of-these";

/// Whether a parsed file is a FHIR resource rather than backcare's own answers.
pub(crate) fn is_resource(value: &Value) -> bool {
    value.get("resourceType").is_some()
}

fn none_of_these() -> Value {
    json!({"system": NONE_SYSTEM, "code": "none", "display": "None of these"})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answers;
    use crate::error::Error;
    use crate::source::Source;
    use crate::RuleSet;

    #[test]
    fn answers_survive_the_round_trip_through_a_response() {
        let rules = RuleSet::embedded().unwrap();
        let q = &rules.questionnaire;
        let given = json!({"age": 34, "sex": "female", "equipment": [], "clot_risk": ["swollen_calf", "past_clot"], "fever": false});
        let answers = Answers::from_value(&given, q).unwrap();
        let text = serde_json::to_string_pretty(&response_resource(&answers, q, None)).unwrap();
        let source = Source::new("response.json", text);
        let value: Value = serde_json::from_str(&source.text).unwrap();
        let (back, retired) = read_response(&source, &value, q).unwrap();
        assert_eq!(back, answers);
        assert!(retired.is_empty());
    }

    #[test]
    fn a_wrong_answer_is_placed_at_its_line_with_the_native_message() {
        let rules = RuleSet::embedded().unwrap();
        let text = r#"{
  "resourceType": "QuestionnaireResponse",
  "status": "completed",
  "item": [
    {"linkId": "fever", "answer": [{"valueString": "maybe"}]}
  ]
}"#;
        let source = Source::new("response.json", text);
        let value: Value = serde_json::from_str(text).unwrap();
        let Err(Error::Answers(problems)) = read_response(&source, &value, &rules.questionnaire)
        else {
            panic!("a string for a yes/no question must be refused");
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5);
        assert!(problems[0].message.contains("yes/no"), "{problems:?}");
    }
}
