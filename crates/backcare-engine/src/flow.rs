//! Which question comes next, given the answers so far. Pure: it drives the prompts and the checks.

use crate::answers::Answers;
use crate::condition::{Condition, Truth};
use crate::ruleset::{Question, Questionnaire};

/// A question is skipped only when its `ask_when` is known to be false; when that can't be
/// decided yet, it is asked.
pub fn is_skipped(question: &Question, answers: &Answers) -> bool {
    question
        .ask_when
        .as_ref()
        .is_some_and(|condition| condition.truth(answers) == Truth::No)
}

/// The first question that is neither answered nor skipped.
pub fn next_question<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
) -> Option<&'q Question> {
    questionnaire
        .questions
        .iter()
        .find(|q| answers.get(&q.id).is_none() && !is_skipped(q, answers))
}

/// The questions that would be asked, given the answers so far (answered ones included).
pub fn asked<'q>(questionnaire: &'q Questionnaire, answers: &Answers) -> Vec<&'q Question> {
    questionnaire
        .questions
        .iter()
        .filter(|q| !is_skipped(q, answers))
        .collect()
}

/// The questions a condition reads that are unanswered and would still be asked.
pub(crate) fn open_questions<'q>(
    condition: &Condition,
    questionnaire: &'q Questionnaire,
    answers: &Answers,
) -> Vec<&'q Question> {
    let mut open: Vec<&Question> = Vec::new();
    for_each_open_question(condition, questionnaire, answers, &mut |q| {
        if !open.iter().any(|seen| std::ptr::eq(*seen, q)) {
            open.push(q);
        }
    });
    open
}

/// Whether a condition holds or still could: unknown counts as holding while a question it reads
/// is open, so a contraindication nobody has ruled out stays in force. Questions the flow skips
/// can't be answered, so an unknown they alone cause counts as not holding.
pub fn may_hold(condition: &Condition, questionnaire: &Questionnaire, answers: &Answers) -> bool {
    match condition.truth(answers) {
        Truth::Yes => true,
        Truth::No => false,
        Truth::Unknown => {
            // Without listing them: the routine builder asks this for every answer set.
            let mut any_open = false;
            for_each_open_question(condition, questionnaire, answers, &mut |_| any_open = true);
            any_open
        }
    }
}

/// Calls `visit` with each question the condition reads that is unanswered and would still be
/// asked, repeats included.
fn for_each_open_question<'q>(
    condition: &Condition,
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    visit: &mut impl FnMut(&'q Question),
) {
    condition.for_each_question(&mut |question| {
        if answers.at(question.slot()).is_none() {
            if let Some(q) = questionnaire.question_in_slot(question.slot()) {
                if !is_skipped(q, answers) {
                    visit(q);
                }
            }
        }
    });
}
