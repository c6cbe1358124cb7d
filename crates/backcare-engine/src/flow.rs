//! Which question comes next, given the answers so far. Pure: it drives the prompts and the checks.

use crate::answers::Answers;
use crate::condition::{CompiledCondition, Truth};
use crate::ruleset::{Question, Questionnaire};

/// A question is skipped only when its `ask_when` is known to be false; when that can't be
/// decided yet, it is asked. A question the questionnaire lacks is never skipped.
pub fn is_skipped(questionnaire: &Questionnaire, question: &Question, answers: &Answers) -> bool {
    questionnaire
        .position(&question.id)
        .is_some_and(|slot| questionnaire.is_skipped_at(slot, answers))
}

/// The first question that is neither answered nor skipped.
pub fn next_question<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
) -> Option<&'q Question> {
    questionnaire
        .questions
        .iter()
        .enumerate()
        .find(|(slot, _)| {
            answers.at(*slot).is_none() && !questionnaire.is_skipped_at(*slot, answers)
        })
        .map(|(_, question)| question)
}

/// The questions that would be asked, given the answers so far (answered ones included).
pub fn asked<'q>(questionnaire: &'q Questionnaire, answers: &Answers) -> Vec<&'q Question> {
    questionnaire
        .questions
        .iter()
        .enumerate()
        .filter(|(slot, _)| !questionnaire.is_skipped_at(*slot, answers))
        .map(|(_, question)| question)
        .collect()
}

/// The questions a condition reads that are unanswered and would still be asked.
pub(crate) fn open_questions<'q>(
    condition: &CompiledCondition,
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
pub fn may_hold(
    condition: &CompiledCondition,
    questionnaire: &Questionnaire,
    answers: &Answers,
) -> bool {
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
    condition: &CompiledCondition,
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    visit: &mut impl FnMut(&'q Question),
) {
    condition.for_each_slot(&mut |slot| {
        if answers.at(slot).is_none() && !questionnaire.is_skipped_at(slot, answers) {
            if let Some(question) = questionnaire.question_in_slot(slot) {
                visit(question);
            }
        }
    });
}
