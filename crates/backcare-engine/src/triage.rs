//! Red-flag rules to a referral. Runs before anything else: a fired rule means no routine.

use crate::answers::Answers;
use crate::condition::{CompiledCondition, Truth};
use crate::outcome::{FiredRule, GivenAnswer, Missing};
use crate::ruleset::screening::{Check, CheckOf, URGENCY_LEVELS};
use crate::ruleset::{Questionnaire, ReferralUrgency, RuleSet};
use crate::slot::SlotSet;

pub struct Screen<'r> {
    /// Highest urgency first, then rules that need a doctor, then in rule-file order.
    pub fired: Vec<FiredRule<'r>>,
    /// Unanswered questions that could still fire a rule more urgent than any that fired (or, with
    /// none fired, decide an advisory that sends the person to be seen), in questionnaire order.
    pub missing: Missing<'r>,
}

pub fn screen<'r>(rules: &'r RuleSet, answers: &'r Answers) -> Screen<'r> {
    let questionnaire = &rules.questionnaire;
    let answered = answers.answered();
    let mut fired = Vec::new();
    // The unanswered questions each urgency's undecided rules could still fire on; made on the
    // first undecided rule, as complete answer sets have none.
    let mut open: Option<OpenQuestions> = None;
    // The same for questions the questionnaire lacks (only in rules that failed the check).
    let mut unplaced: Vec<(ReferralUrgency, &'r str)> = Vec::new();
    // The questions read by rules none of whose questions is answered, by urgency: open unless
    // skipped, which is settled once for them all at the end.
    let mut untouched = [SlotSet::default(); URGENCY_LEVELS];
    let compiled = &rules.compiled;
    for check in &rules.screening.checks {
        let touched = check.reads.intersects(&answered);
        if !touched && check.plainly_open_unanswered {
            untouched[check.urgency as usize] |= check.reads;
            continue;
        }
        let (rule, when, written) = match check.of {
            CheckOf::RedFlag(at) => {
                let rule = &rules.red_flags.rules[at];
                (Some(rule), &compiled.red_flags[at], &rule.when)
            }
            // Advisories that send the person to be seen are referrals that keep the routine:
            // while one is undecided its questions are open like a red flag's, though it never
            // fires here.
            CheckOf::Advisory(at) => (
                None,
                &compiled.advisories[at],
                &rules.policy.advisories[at].when,
            ),
        };
        let truth = if touched {
            when.truth(answers)
        } else {
            check.unanswered
        };
        match truth {
            Truth::Yes => {
                if let Some(rule) = rule {
                    fired.push(FiredRule {
                        rule,
                        triggered_by: given_answers(when, questionnaire, answers),
                    });
                }
            }
            Truth::No => {}
            Truth::Unknown => {
                let open = open.get_or_insert_with(|| OpenQuestions::new(rules, answers));
                open.add(check, answered);
                if check.reads_unplaced {
                    written.for_each_question(&mut |question| {
                        if questionnaire.position(question).is_none() {
                            unplaced.push((check.urgency, question.id()));
                        }
                    });
                }
            }
        }
    }
    if untouched.iter().any(|reads| !reads.is_empty()) {
        let open = open.get_or_insert_with(|| OpenQuestions::new(rules, answers));
        let skipped = open.skipped;
        for (open, reads) in open.by_urgency.iter_mut().zip(untouched) {
            *open |= reads & !skipped;
        }
    }
    // Most urgent first; among equals a doctor's rule leads, so the headline and the first
    // action never send someone to a physiotherapist with what needs a doctor.
    fired.sort_by_key(|rule| (std::cmp::Reverse(rule.urgency), rule.see));
    // Once a rule has fired, only questions that could make things more urgent still matter.
    let highest = fired.first().map(|rule| rule.urgency);
    let could_raise = |urgency: ReferralUrgency| highest.is_none_or(|highest| urgency > highest);
    // In questionnaire order, which is how a person would go through them.
    let slots = open.map_or_else(SlotSet::default, |open| open.that_could_raise(highest));
    let mut missing = Missing::new(questionnaire, slots);
    for (urgency, id) in unplaced {
        if could_raise(urgency) {
            missing.add_unplaced(id);
        }
    }
    Screen { fired, missing }
}

/// The unanswered questions that undecided rules read, kept apart by the rules' urgency, and the
/// questions the flow skips given these answers.
struct OpenQuestions {
    by_urgency: [SlotSet; URGENCY_LEVELS],
    skipped: SlotSet,
}

impl OpenQuestions {
    fn new(rules: &RuleSet, answers: &Answers) -> Self {
        let questionnaire = &rules.questionnaire;
        let mut skipped = SlotSet::default();
        for slot in (rules.screening.conditional & !answers.answered()).iter() {
            if questionnaire.is_skipped_at(slot, answers) {
                skipped.insert(slot);
            }
        }
        OpenQuestions {
            by_urgency: [SlotSet::default(); URGENCY_LEVELS],
            skipped,
        }
    }

    /// Names the questions that would still be asked of an undecided rule. An unknown caused
    /// only by skipped questions is a flaw in the rules, not a reason to reassure: then every
    /// unanswered question it reads is named, so the screen stays incomplete.
    fn add(&mut self, check: &Check, answered: SlotSet) {
        let unanswered = check.reads & !answered;
        let asked = unanswered & !self.skipped;
        self.by_urgency[check.urgency as usize] |= if check.reads_unplaced || !asked.is_empty() {
            asked
        } else {
            unanswered
        };
    }

    /// The questions open for rules more urgent than `highest` (every open one without it).
    fn that_could_raise(&self, highest: Option<ReferralUrgency>) -> SlotSet {
        let from = highest.map_or(0, |highest| highest as usize + 1);
        self.by_urgency[from.min(URGENCY_LEVELS)..]
            .iter()
            .fold(SlotSet::default(), |union, open| union | *open)
    }
}

/// The answers that made a condition hold, each question once, in the order the condition reads
/// them.
pub(crate) fn given_answers<'r>(
    condition: &CompiledCondition,
    questionnaire: &'r Questionnaire,
    answers: &'r Answers,
) -> Vec<GivenAnswer<'r>> {
    let mut given: Vec<GivenAnswer> = Vec::new();
    condition.for_each_reason(answers, &mut |slot| {
        if let (Some(question), Some(answer)) =
            (questionnaire.question_in_slot(slot), answers.at(slot))
        {
            if !given.iter().any(|g| std::ptr::eq(g.question, question)) {
                given.push(GivenAnswer { question, answer });
            }
        }
    });
    given
}
