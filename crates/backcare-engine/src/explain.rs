//! Why an outcome came out as it did: every rule considered, whether it held, and on which
//! answers. Pure, like the engine it explains.

use serde::Serialize;

use crate::answers::Answers;
use crate::answers_file::Written;
use crate::condition::{CompiledCondition, Condition, Truth};
use crate::flow;
use crate::ruleset::RuleSet;
use crate::triage::given_answers;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    RedFlag,
    Finding,
    Exclusion,
    Advisory,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub part: Part,
    pub id: String,
    /// `yes`, `no`, or `unknown` when an answer it needs is missing.
    pub holds: Truth,
    /// Every question the rule reads, with its answer (`null` when unanswered).
    pub read: Vec<ReadAnswer>,
    /// The answers that made it hold.
    pub because_of: Vec<String>,
    /// Unanswered questions that would still be asked and could decide it.
    pub open: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadAnswer {
    pub question: String,
    /// As an answers file writes it.
    pub answer: Option<serde_json::Value>,
}

pub fn explain(rules: &RuleSet, answers: &Answers) -> Vec<Trace> {
    let red_flags = rules
        .red_flags_compiled()
        .map(|(r, c)| (Part::RedFlag, &r.id, &r.when, c));
    let findings = rules
        .findings_compiled()
        .map(|(f, c)| (Part::Finding, &f.id, &f.when, c));
    let exclusions = rules
        .exclusions_compiled()
        .map(|(e, c)| (Part::Exclusion, &e.id, &e.when, c));
    let advisories = rules
        .advisories_compiled()
        .map(|(a, c)| (Part::Advisory, &a.id, &a.when, c));
    red_flags
        .chain(findings)
        .chain(exclusions)
        .chain(advisories)
        .map(|(part, id, when, compiled)| trace(rules, answers, part, id, when, compiled))
        .collect()
}

fn trace(
    rules: &RuleSet,
    answers: &Answers,
    part: Part,
    id: &str,
    when: &Condition,
    compiled: &CompiledCondition,
) -> Trace {
    let holds = compiled.truth(answers);
    let because_of = match holds {
        Truth::Yes => given_answers(compiled, &rules.questionnaire, answers)
            .iter()
            .map(|given| given.question.id.clone())
            .collect(),
        _ => Vec::new(),
    };
    Trace {
        part,
        id: id.to_owned(),
        holds,
        read: when
            .questions()
            .into_iter()
            .map(|q| ReadAnswer {
                question: q.to_owned(),
                answer: rules.questionnaire.question(q).zip(answers.get(q)).map(
                    |(question, answer)| {
                        serde_json::to_value(Written(question, answer)).expect("answers serialise")
                    },
                ),
            })
            .collect(),
        because_of,
        open: flow::open_questions(compiled, &rules.questionnaire, answers)
            .into_iter()
            .map(|q| q.id.clone())
            .collect(),
    }
}
