//! The warning-sign screen as it runs on every answer set, worked out once when the rules load:
//! each red-flag rule and each advisory that refers, with the questions it reads as a set of slots
//! and what it comes to while none of them is answered. Most answer sets of a large screen answer
//! only some questions, and with these the screen settles such a rule, and names its open
//! questions, in a few word operations instead of walking its condition.

use super::{ReferralUrgency, RuleSet};
use crate::answers::Answers;
use crate::condition::{CompiledCondition, Truth};
use crate::slot::{SlotSet, UNPLACED};

/// How many referral urgencies there are: the screen keeps the open questions of each apart.
pub(crate) const URGENCY_LEVELS: usize = ReferralUrgency::Emergency as usize + 1;

#[derive(Debug, Clone, Default)]
pub(crate) struct Screening {
    /// The red-flag rules in file order, then the advisories that refer.
    pub(crate) checks: Vec<Check>,
    /// The slots of the questions asked only when their `ask_when` holds: the only ones that can
    /// be skipped.
    pub(crate) conditional: SlotSet,
}

#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) of: CheckOf,
    pub(crate) urgency: ReferralUrgency,
    /// The slots of the questions the condition reads.
    pub(crate) reads: SlotSet,
    /// Whether it reads a question the questionnaire lacks (only in a rule set that failed its
    /// check): such a question is never answered, so the rule stays open.
    pub(crate) reads_unplaced: bool,
    /// What the condition comes to while none of its questions is answered; its truth depends on
    /// nothing else.
    pub(crate) unanswered: Truth,
    /// Whether, while none of its questions is answered, every one it reads is open but those the
    /// flow skips: it is undecided then, and reads a question that is always asked (so its open
    /// questions never fall back to the skipped ones). Most rules are so, and a screen gathers
    /// theirs without looking at each.
    pub(crate) plainly_open_unanswered: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum CheckOf {
    /// A red-flag rule, by its place in `red_flags.rules`.
    RedFlag(usize),
    /// An advisory that sends the person to be seen, by its place in `policy.advisories`.
    Advisory(usize),
}

impl Screening {
    /// Made from a rule set whose conditions are compiled.
    pub(crate) fn new(rules: &RuleSet) -> Self {
        let questionnaire = &rules.questionnaire;
        let nothing_answered = Answers::to(questionnaire.ids());
        let mut conditional = SlotSet::default();
        for (slot, question) in questionnaire.questions.iter().enumerate() {
            if question.ask_when.is_some() {
                conditional.insert(slot);
            }
        }
        let check = |of: CheckOf, when: &CompiledCondition, urgency: ReferralUrgency| {
            let mut reads = SlotSet::default();
            let mut reads_unplaced = false;
            when.for_each_slot(&mut |slot| match slot {
                UNPLACED => reads_unplaced = true,
                slot => reads.insert(slot),
            });
            let unanswered = when.truth(&nothing_answered);
            Check {
                of,
                urgency,
                reads,
                reads_unplaced,
                unanswered,
                plainly_open_unanswered: unanswered == Truth::Unknown
                    && !reads_unplaced
                    && !(reads & !conditional).is_empty(),
            }
        };
        let red_flags = rules
            .red_flags_compiled()
            .enumerate()
            .map(|(at, (rule, when))| check(CheckOf::RedFlag(at), when, rule.urgency));
        let referring =
            rules
                .advisories_compiled()
                .enumerate()
                .filter_map(|(at, (advisory, when))| {
                    Some(check(CheckOf::Advisory(at), when, advisory.urgency?))
                });
        Screening {
            checks: red_flags.chain(referring).collect(),
            conditional,
        }
    }
}
