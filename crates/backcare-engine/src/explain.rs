//! Why an outcome came out as it did: every rule considered, whether it held, and on which
//! answers. Pure, like the engine it explains.

use serde::Serialize;

use crate::answers::Answers;
use crate::answers_file::Written;
use crate::condition::{Condition, Truth};
use crate::flow;
use crate::ruleset::RuleSet;

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
    let policy = &rules.policy;
    let red_flags = rules
        .red_flags
        .rules
        .iter()
        .map(|r| (Part::RedFlag, &r.id, &r.when));
    let findings = rules
        .postures
        .findings
        .iter()
        .map(|f| (Part::Finding, &f.id, &f.when));
    let exclusions = policy
        .exclusions
        .iter()
        .map(|e| (Part::Exclusion, &e.id, &e.when));
    let advisories = policy
        .advisories
        .iter()
        .map(|a| (Part::Advisory, &a.id, &a.when));
    red_flags
        .chain(findings)
        .chain(exclusions)
        .chain(advisories)
        .map(|(part, id, when)| trace(rules, answers, part, id, when))
        .collect()
}

fn trace(rules: &RuleSet, answers: &Answers, part: Part, id: &str, when: &Condition) -> Trace {
    let evaluation = when.evaluate(answers);
    Trace {
        part,
        id: id.to_owned(),
        holds: evaluation.truth,
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
        because_of: evaluation
            .because_of
            .into_iter()
            .map(str::to_owned)
            .collect(),
        open: flow::open_questions(when, &rules.questionnaire, answers)
            .into_iter()
            .map(|q| q.id.clone())
            .collect(),
    }
}
