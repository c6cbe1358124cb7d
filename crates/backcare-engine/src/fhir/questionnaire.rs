//! The questionnaire as a FHIR R4 `Questionnaire`: one group per section, each question an item,
//! and `ask_when` as `enableWhen` where FHIR can say it. Writing only, so apart from the reading of
//! a response.

use serde_json::{json, Map, Value};

use super::{none_of_these, ASK_WHEN_EXTENSION, QUESTIONNAIRE_URL};
use crate::condition::Condition;
use crate::ruleset::{Question, QuestionKind, Questionnaire};

/// The questionnaire as a FHIR R4 `Questionnaire`.
pub fn questionnaire_resource(questionnaire: &Questionnaire) -> Value {
    let groups: Vec<Value> = questionnaire
        .sections
        .iter()
        .map(|section| {
            let items: Vec<Value> = questionnaire
                .questions
                .iter()
                .filter(|q| q.section == section.id)
                .map(|q| question_item(questionnaire, q))
                .collect();
            json!({"linkId": section.id, "text": section.title, "type": "group", "item": items})
        })
        .filter(|group| {
            group["item"]
                .as_array()
                .is_some_and(|items| !items.is_empty())
        })
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "id": "backcare",
        "url": QUESTIONNAIRE_URL,
        "name": "BackcareMidUpperBackPain",
        "title": "backcare: mid and upper back pain",
        "status": "active",
        "subjectType": ["Patient"],
        "item": groups,
    })
}

const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";

fn question_item(questionnaire: &Questionnaire, question: &Question) -> Value {
    let mut item = Map::new();
    item.insert("linkId".into(), json!(question.id));
    item.insert("text".into(), json!(question.text));
    let kind = match question.kind {
        QuestionKind::YesNo => "boolean",
        QuestionKind::OneOf | QuestionKind::SeveralOf => "choice",
        QuestionKind::Number => "integer",
    };
    item.insert("type".into(), json!(kind));
    if question.kind == QuestionKind::SeveralOf {
        item.insert("repeats".into(), json!(true));
    }
    let mut options: Vec<Value> = question
        .options
        .iter()
        .map(|o| json!({"valueCoding": {"code": o.id, "display": o.label}}))
        .collect();
    if question.kind == QuestionKind::SeveralOf {
        options.push(json!({"valueCoding": none_of_these()}));
    }
    if !options.is_empty() {
        item.insert("answerOption".into(), Value::Array(options));
    }
    let mut extensions = Vec::new();
    for (url, bound) in [(MIN_VALUE, question.min), (MAX_VALUE, question.max)] {
        if let Some(bound) = bound {
            extensions.push(json!({"url": url, "valueInteger": bound as i64}));
        }
    }
    if let Some(condition) = &question.ask_when {
        match enable_when(questionnaire, condition) {
            Some((checks, behavior)) => {
                item.insert("enableWhen".into(), Value::Array(checks));
                if let Some(behavior) = behavior {
                    item.insert("enableBehavior".into(), json!(behavior));
                }
            }
            None => extensions.push(json!({
                "url": ASK_WHEN_EXTENSION,
                "valueString": serde_json::to_string(condition).expect("a condition serialises"),
            })),
        }
    }
    if !extensions.is_empty() {
        item.insert("extension".into(), Value::Array(extensions));
    }
    // The help text as a display item inside the question, where form tools show it.
    item.insert(
        "item".into(),
        json!([{"linkId": format!("{}.help", question.id), "text": question.help, "type": "display"}]),
    );
    Value::Object(item)
}

/// `ask_when` as `enableWhen`, when it can be said so: one test, one negated test of an option
/// or yes/no answer, or all or any of such tests. Anything else is `None`.
fn enable_when(
    questionnaire: &Questionnaire,
    condition: &Condition,
) -> Option<(Vec<Value>, Option<&'static str>)> {
    let (leaves, behavior) = match condition {
        Condition::All(items) => (items.iter().collect(), Some("all")),
        Condition::Any(items) => (items.iter().collect(), Some("any")),
        single => (vec![single], None),
    };
    let checks = leaves
        .into_iter()
        .map(|leaf| enable_check(questionnaire, leaf))
        .collect::<Option<Vec<Value>>>()?;
    let behavior = behavior.filter(|_| checks.len() > 1);
    Some((checks, behavior))
}

fn enable_check(questionnaire: &Questionnaire, condition: &Condition) -> Option<Value> {
    let coding = |question: &str, option: &str| {
        let label = questionnaire
            .question(question)
            .map_or(option, |q| q.option_label(option));
        json!({"code": option, "display": label})
    };
    let check = |question: &str, operator: &str, key: &str, value: Value| json!({"question": question, "operator": operator, key: value});
    Some(match condition {
        Condition::Yes(q) => check(q, "=", "answerBoolean", json!(true)),
        Condition::No(q) => check(q, "=", "answerBoolean", json!(false)),
        Condition::Is(t) | Condition::Includes(t) => check(
            &t.question,
            "=",
            "answerCoding",
            coding(&t.question, &t.option),
        ),
        Condition::AtLeast(t) if t.value.fract() == 0.0 => {
            check(&t.question, ">=", "answerInteger", json!(t.value as i64))
        }
        Condition::Below(t) if t.value.fract() == 0.0 => {
            check(&t.question, "<", "answerInteger", json!(t.value as i64))
        }
        Condition::Answered(q) => check(q, "exists", "answerBoolean", json!(true)),
        // FHIR's != holds when no answer equals the value, unanswered included: as backcare,
        // which asks a question whose condition is still open.
        Condition::Not(inner) => match inner.as_ref() {
            Condition::Yes(q) => check(q, "!=", "answerBoolean", json!(true)),
            Condition::No(q) => check(q, "!=", "answerBoolean", json!(false)),
            Condition::Is(t) | Condition::Includes(t) => check(
                &t.question,
                "!=",
                "answerCoding",
                coding(&t.question, &t.option),
            ),
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::condition::{NumberTest, OptionTest};
    use crate::slot::QuestionRef;
    use crate::RuleSet;

    #[test]
    fn conditions_enable_when_cannot_say_are_kept_in_an_extension() {
        let rules = RuleSet::embedded().unwrap();
        let number = |value| NumberTest {
            question: QuestionRef::new("age"),
            value,
        };
        let option = OptionTest {
            question: QuestionRef::new("sex"),
            option: "male".into(),
        };
        let q = &rules.questionnaire;
        assert!(enable_when(q, &Condition::AtLeast(number(50.0))).is_some());
        assert!(enable_when(q, &Condition::Not(Box::new(Condition::Is(option)))).is_some());
        let nested = Condition::All(vec![
            Condition::AtLeast(number(50.0)),
            Condition::Any(vec![Condition::Yes(QuestionRef::new("fever"))]),
        ]);
        assert!(enable_when(q, &nested).is_none());
        assert!(enable_when(q, &Condition::AtLeast(number(50.5))).is_none());
    }
}
