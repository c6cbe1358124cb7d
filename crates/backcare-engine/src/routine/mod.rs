//! Builds a routine: choose exercises by the policy, drop what the person can't or shouldn't do,
//! fit the rest to their time, and put it in a safe order.

use crate::answers::{AnswerValue, Answers};
use crate::flow;
use crate::outcome::{Cautions, Finding, LeftOut, LeftOutReason, Names, Routine, RoutineExercise};
use crate::ruleset::prepared::Bits;
use crate::ruleset::{Exercise, Questionnaire, RuleSet};

/// What became of one catalogue exercise in this routine.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    NotPicked,
    /// Picked and possible; waiting for its turn at the time budget.
    Allowed,
    Chosen,
    /// The person can't or shouldn't do it; why is kept aside, at this index.
    Unsuitable(usize),
    NoTime,
}

/// A catalogue exercise as the policy asks for it; small, as there is one per exercise.
#[derive(Clone, Copy)]
struct Candidate {
    priority: u32,
    fate: Fate,
    /// Bits of `Prepared::reasons`.
    chosen_for: Bits,
}

/// Tags ruled out for this person, and by what.
struct RuledOut<'r> {
    by: &'r str,
    tags: Bits,
    by_finding: bool,
}

pub fn build<'r>(rules: &'r RuleSet, answers: &Answers, findings: &[Finding<'r>]) -> Routine<'r> {
    let policy = &rules.policy;
    let prepared = &rules.prepared;
    let catalogue = &rules.exercises.exercises;

    let owned = match answers.at(prepared.equipment_slot) {
        Some(AnswerValue::Choices(items)) => items.bits(),
        _ => 0,
    };
    let answered_minutes = match answers.at(prepared.minutes_slot) {
        Some(AnswerValue::Number(minutes)) => Some(minutes.floor().max(0.0) as u32),
        _ => None,
    };
    let minutes_budget = answered_minutes.unwrap_or(policy.default_minutes);

    // The person's findings that the policy has picks for, as bits of `prepared.reasons`.
    let active: Bits = findings
        .iter()
        .filter_map(|finding| prepared.reasons.iter().position(|r| *r == finding.id))
        .filter(|at| *at < 64)
        .fold(0, |set, at| set | 1 << at);
    let active_findings = || {
        prepared
            .findings
            .iter()
            .enumerate()
            .map(|(index, finding)| (index + 1, finding))
            .filter(move |(reason, _)| *reason < 64 && active & (1 << reason) != 0)
    };

    // One entry per catalogue exercise, so picks made twice merge.
    let mut candidates = vec![
        Candidate {
            priority: u32::MAX,
            chosen_for: 0,
            fate: Fate::NotPicked,
        };
        catalogue.len()
    ];
    let all_picks = std::iter::once((0, &prepared.base))
        .chain(active_findings().map(|(reason, (picks, _))| (reason, picks)));
    for (reason, picks) in all_picks {
        for &(position, priority) in picks {
            let candidate = &mut candidates[position];
            candidate.priority = candidate.priority.min(priority);
            candidate.chosen_for |= 1 << reason;
            candidate.fate = Fate::Allowed;
        }
    }
    // Exclusions first, so they are named when both an exclusion and a finding rule one out.
    let ruled_out: Vec<RuledOut> = rules
        .exclusions_compiled()
        .zip(&prepared.exclusions)
        .filter(|((_, when), _)| flow::may_hold(when, &rules.questionnaire, answers))
        .map(|((e, _), tags)| RuledOut {
            by: &e.id,
            tags: *tags,
            by_finding: false,
        })
        .chain(active_findings().map(|(reason, (_, tags))| RuledOut {
            by: &prepared.reasons[reason],
            tags: *tags,
            by_finding: true,
        }))
        .collect();

    // The exercises the person can do, as sort keys: by priority, then phase, then catalogue
    // order. Sorting plain numbers is most of what makes this fast.
    let mut queue: Vec<u64> = Vec::with_capacity(catalogue.len());
    // Why each unsuitable exercise is left out.
    let mut unsuitable: Vec<LeftOutReason> = Vec::with_capacity(catalogue.len());
    for (position, candidate) in candidates.iter_mut().enumerate() {
        if candidate.fate == Fate::Allowed {
            match why_not(rules, position, owned, &ruled_out) {
                Some(reason) => {
                    candidate.fate = Fate::Unsuitable(unsuitable.len());
                    unsuitable.push(reason);
                }
                None => queue.push(
                    u64::from(candidate.priority) << 32 | prepared.exercises[position].phase_place,
                ),
            }
        }
    }
    queue.sort_unstable();

    // Fill the time by priority; an exercise is taken whole, both sides, or not at all.
    let budget_seconds = minutes_budget * 60;
    let mut total_seconds = 0;
    let mut chosen = 0;
    let mut no_time = 0;
    for key in queue {
        let position = prepared.by_phase[(key & u64::from(u32::MAX)) as usize];
        let needed = prepared.exercises[position].seconds;
        candidates[position].fate = if total_seconds + needed <= budget_seconds {
            total_seconds += needed;
            chosen += 1;
            Fate::Chosen
        } else {
            no_time += 1;
            Fate::NoTime
        };
    }

    let mut exercises = Vec::with_capacity(chosen);
    for &position in &prepared.in_routine {
        let candidate = &candidates[position];
        if candidate.fate == Fate::Chosen {
            let exercise = &catalogue[position];
            let facts = &prepared.exercises[position];
            exercises.push(RoutineExercise {
                exercise,
                seconds: facts.seconds,
                chosen_for: Names::new(&prepared.reasons, candidate.chosen_for),
                cautions: cautions_for(
                    exercise,
                    &facts.caution_slots,
                    &rules.questionnaire,
                    answers,
                ),
            });
        }
    }
    let mut left_out = Vec::with_capacity(unsuitable.len() + no_time);
    for (candidate, exercise) in candidates.iter().zip(catalogue) {
        let reason = match candidate.fate {
            Fate::NoTime => LeftOutReason::NoTime,
            Fate::Unsuitable(at) => unsuitable[at],
            _ => continue,
        };
        left_out.push(LeftOut { exercise, reason });
    }

    Routine {
        minutes_budget,
        budget_answered: answered_minutes.is_some(),
        total_seconds,
        exercises,
        left_out,
        key_points: &policy.key_points,
        follow_up: &policy.follow_up,
    }
}

fn why_not<'r>(
    rules: &'r RuleSet,
    position: usize,
    owned: Bits,
    ruled_out: &[RuledOut<'r>],
) -> Option<LeftOutReason<'r>> {
    let exercise: &'r Exercise = &rules.exercises.exercises[position];
    let facts = &rules.prepared.exercises[position];
    // Bits, by position in one of the exercise's own lists (its equipment, its tags), of the
    // entries whose bit `matches` accepts.
    let local = |bits: &[Bits], matches: &dyn Fn(Bits) -> bool| -> Bits {
        bits.iter()
            .take(64)
            .enumerate()
            .filter(|(_, bit)| matches(**bit))
            .fold(0, |set, (at, _)| set | 1 << at)
    };
    if facts.equipment & !owned != 0 {
        let missing = local(&facts.equipment_bits, &|bit| bit == 0 || owned & bit == 0);
        return Some(LeftOutReason::Equipment {
            missing: Names::new(&exercise.equipment, missing),
        });
    }
    let rule = ruled_out.iter().find(|rule| facts.tags & rule.tags != 0)?;
    let tags = Names::new(
        &exercise.tags,
        local(&facts.tag_bits, &|bit| bit & rule.tags != 0),
    );
    Some(if rule.by_finding {
        LeftOutReason::NotForFinding {
            finding: rule.by,
            tags,
        }
    } else {
        LeftOutReason::Excluded {
            exclusion: rule.by,
            tags,
        }
    })
}

/// The cautions of an exercise that concern this person: every plain one, and each caution about
/// a condition unless they answered no to each question it names. A question skipped for them
/// (pregnancy, say, by their answer about sex) counts as no; one they have yet to answer does not,
/// so the caution stays.
fn cautions_for<'r>(
    exercise: &'r Exercise,
    caution_slots: &[Vec<usize>],
    questionnaire: &Questionnaire,
    answers: &Answers,
) -> Cautions<'r> {
    let said_no = |slot: &usize| match answers.at(*slot) {
        Some(AnswerValue::YesNo(value)) => !value,
        Some(_) => false,
        None => questionnaire.is_skipped_at(*slot, answers),
    };
    let said = caution_slots
        .iter()
        .take(64)
        .enumerate()
        .filter(|(_, slots)| !slots.iter().all(said_no))
        .fold(0, |bits, (at, _)| bits | 1 << at);
    Cautions::new(exercise, said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caution_about_a_condition_is_said_on_yes_or_unanswered_and_left_out_on_no_or_skipped() {
        let rules = RuleSet::embedded().unwrap();
        let exercise = Exercise {
            cautions: vec!["for everyone".to_owned()],
            condition_cautions: vec![crate::ruleset::exercises::ConditionCaution {
                text: "about bones".to_owned(),
                questions: vec!["osteoporosis".to_owned(), "pregnant".to_owned()],
            }],
            ..rules.exercises.exercises[0].clone()
        };
        let with = |pairs: &[(&str, AnswerValue)]| {
            let mut answers = Answers::to(rules.questionnaire.ids());
            for (id, value) in pairs {
                answers.set(id, *value);
            }
            let slots: Vec<Vec<usize>> = exercise
                .condition_cautions
                .iter()
                .map(|c| {
                    c.questions
                        .iter()
                        .map(|q| rules.questionnaire.position(q).unwrap())
                        .collect()
                })
                .collect();
            let cautions = cautions_for(&exercise, &slots, &rules.questionnaire, &answers);
            cautions.iter().collect::<Vec<_>>()
        };
        let (yes, no) = (AnswerValue::YesNo(true), AnswerValue::YesNo(false));
        let male = AnswerValue::Choice(
            rules
                .questionnaire
                .question("sex")
                .unwrap()
                .option_position("male")
                .unwrap(),
        );
        let said = ["for everyone", "about bones"];
        assert_eq!(with(&[]), said, "both unanswered");
        assert_eq!(with(&[("osteoporosis", yes), ("pregnant", no)]), said);
        assert_eq!(
            with(&[("osteoporosis", no)]),
            said,
            "pregnancy still unanswered"
        );
        assert_eq!(
            with(&[("osteoporosis", no), ("pregnant", no)]),
            ["for everyone"]
        );
        assert_eq!(
            with(&[("osteoporosis", no), ("sex", male)]),
            ["for everyone"],
            "pregnancy is not asked of a man"
        );
    }
}
