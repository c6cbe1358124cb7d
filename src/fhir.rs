//! The program's side of FHIR: the engine's resources (`backcare_engine::fhir`) as text, with
//! today's date as the time the answers were given, and `backcare export`.

use std::path::Path;

use crate::clock;
use crate::draft;
use crate::error::Error;
use crate::terminal::print;
use backcare_engine::answers::Answers;
use backcare_engine::fhir::{questionnaire_resource, response_resource};
use backcare_engine::ruleset::{Questionnaire, RuleSet};

/// The questionnaire as a FHIR R4 Questionnaire resource (`backcare questions --fhir`).
pub fn questionnaire_text(questionnaire: &Questionnaire) -> String {
    pretty(&questionnaire_resource(questionnaire))
}

/// Answers given today as a FHIR R4 QuestionnaireResponse.
pub fn response_text(answers: &Answers, questionnaire: &Questionnaire) -> Result<String, Error> {
    let today = clock::today()?.format("%Y-%m-%d").to_string();
    Ok(pretty(&response_resource(
        answers,
        questionnaire,
        Some(&today),
    )))
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value always serialises") + "\n"
}

/// `backcare export`: the last saved answers, or those of `--answers FILE`, on standard output,
/// in backcare's own format or, with `--fhir`, as a QuestionnaireResponse.
pub fn export(rules: &RuleSet, answers: Option<&Path>, fhir: bool) -> Result<(), Error> {
    let answers = draft::given_or_last(&rules.questionnaire, answers, "export")?;
    if fhir {
        print(&response_text(&answers, &rules.questionnaire)?)
    } else {
        print(&answers.to_json(&rules.questionnaire))
    }
}
