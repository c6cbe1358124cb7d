//! The answers worth trying for each question: every option, yes and no, and numbers cut at the
//! thresholds the rules use. Enough to reach every way a condition can come out, and few enough
//! to try them all.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use crate::answers::{AnswerValue, Answers, OptionSet};
use crate::condition::Condition;
use crate::ruleset::{QuestionKind, RuleSet};
use crate::slot::QuestionIds;

pub(crate) struct Domains {
    answered: BTreeMap<String, Vec<AnswerValue>>,
    questions: QuestionIds,
}

/// How much of an enumeration ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Coverage {
    pub tried: u64,
    /// True when the limit stopped it before the answer was known.
    pub cut_short: bool,
}

fn leaves<'c>(condition: &'c Condition, found: &mut Vec<&'c Condition>) {
    match condition {
        Condition::All(items) | Condition::Any(items) => {
            items.iter().for_each(|c| leaves(c, found))
        }
        Condition::Not(inner) => leaves(inner, found),
        leaf => found.push(leaf),
    }
}

impl Domains {
    pub(crate) fn new(rules: &RuleSet) -> Self {
        let mut leaf_conditions = Vec::new();
        for condition in rules.conditions() {
            leaves(condition, &mut leaf_conditions);
        }
        let mut answered = BTreeMap::new();
        for question in &rules.questionnaire.questions {
            let tested = |kind: fn(&Condition) -> Option<&str>| -> Vec<String> {
                let mut found: Vec<String> = Vec::new();
                for leaf in &leaf_conditions {
                    if leaf.leaf_question() == Some(question.id.as_str()) {
                        if let Some(option) = kind(leaf) {
                            if !found.iter().any(|f| f == option) {
                                found.push(option.to_owned());
                            }
                        }
                    }
                }
                found
            };
            let values = match question.kind {
                QuestionKind::YesNo => vec![AnswerValue::YesNo(false), AnswerValue::YesNo(true)],
                QuestionKind::OneOf => (0..question.options.len())
                    .map(AnswerValue::Choice)
                    .collect(),
                QuestionKind::SeveralOf => {
                    let options: Vec<usize> = tested(|leaf| match leaf {
                        Condition::Includes(test) => Some(&test.option),
                        _ => None,
                    })
                    .iter()
                    .filter_map(|option| question.option_position(option))
                    .collect();
                    let mut values = vec![AnswerValue::Choices(OptionSet::default())];
                    values.extend(
                        options
                            .iter()
                            .map(|at| AnswerValue::Choices([*at].into_iter().collect())),
                    );
                    if options.len() > 1 {
                        values.push(AnswerValue::Choices(options.into_iter().collect()));
                    }
                    values
                }
                QuestionKind::Number => {
                    let (min, max) = (question.min.unwrap_or(0.0), question.max.unwrap_or(0.0));
                    let mut cuts = vec![min, max];
                    for leaf in &leaf_conditions {
                        if let Condition::AtLeast(test) | Condition::Below(test) = leaf {
                            if test.question == question.id {
                                // The threshold itself and a value just under it.
                                cuts.extend([test.value, test.value - 0.5]);
                            }
                        }
                    }
                    cuts.retain(|v| (min..=max).contains(v));
                    cuts.sort_by(f64::total_cmp);
                    cuts.dedup();
                    cuts.into_iter().map(AnswerValue::Number).collect()
                }
            };
            answered.insert(question.id.clone(), values);
        }
        Domains {
            answered,
            questions: rules.questionnaire.ids().clone(),
        }
    }

    /// Answers to the questionnaire, none given yet: the start of every enumeration.
    pub(crate) fn no_answers(&self) -> Answers {
        Answers::to(&self.questions)
    }

    pub(crate) fn answered(&self, question: &str) -> &[AnswerValue] {
        self.answered.get(question).map_or(&[], Vec::as_slice)
    }

    /// Calls `visit` with `base` plus every combination of answers to `questions` (and, with
    /// `with_unanswered`, each of them left unanswered), stopping after `limit` combinations or
    /// when `visit` breaks.
    pub(crate) fn for_each(
        &self,
        questions: &[&str],
        base: &Answers,
        with_unanswered: bool,
        limit: u64,
        mut visit: impl FnMut(&Answers) -> ControlFlow<()>,
    ) -> Coverage {
        let choices: Vec<Vec<Option<&AnswerValue>>> = questions
            .iter()
            .map(|q| {
                let mut values: Vec<Option<&AnswerValue>> =
                    self.answered(q).iter().map(Some).collect();
                if with_unanswered || values.is_empty() {
                    values.push(None);
                }
                values
            })
            .collect();
        let mut positions = vec![0usize; questions.len()];
        let mut answers = base.clone();
        let mut coverage = Coverage::default();
        loop {
            if coverage.tried >= limit {
                coverage.cut_short = true;
                return coverage;
            }
            for ((question, values), &at) in questions.iter().zip(&choices).zip(&positions) {
                match values[at] {
                    Some(value) => answers.set(question, *value),
                    None => answers.remove(question),
                }
            }
            coverage.tried += 1;
            if visit(&answers).is_break() {
                return coverage;
            }
            // Advance like an odometer; done when every wheel has turned over.
            let mut wheel = 0;
            loop {
                if wheel == positions.len() {
                    return coverage;
                }
                positions[wheel] += 1;
                if positions[wheel] < choices[wheel].len() {
                    break;
                }
                positions[wheel] = 0;
                wheel += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_cut_at_the_thresholds_the_rules_use() {
        let rules = RuleSet::embedded().unwrap();
        let domains = Domains::new(&rules);
        let ages: Vec<f64> = domains
            .answered("age")
            .iter()
            .map(|v| match v {
                AnswerValue::Number(n) => *n,
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(ages.contains(&51.0) && ages.contains(&50.5), "{ages:?}");
        assert!(ages.contains(&16.0) && ages.contains(&110.0), "{ages:?}");
    }

    #[test]
    fn every_combination_is_visited_once() {
        let rules = RuleSet::embedded().unwrap();
        let domains = Domains::new(&rules);
        let mut seen = Vec::new();
        let coverage = domains.for_each(
            &["fever", "trauma"],
            &domains.no_answers(),
            true,
            100,
            |a| {
                seen.push((a.get("fever").cloned(), a.get("trauma").cloned()));
                ControlFlow::Continue(())
            },
        );
        assert_eq!(
            coverage,
            Coverage {
                tried: 9,
                cut_short: false
            }
        );
        seen.sort_by_key(|pair| format!("{pair:?}"));
        seen.dedup();
        assert_eq!(seen.len(), 9);
    }
}
