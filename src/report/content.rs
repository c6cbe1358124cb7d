//! What the report says, worked out once for both its forms (HTML and Markdown): the headline and
//! its urgency, the warning-sign questions by section, and what the journal shows.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::journal::{Entry, Record};
use crate::progress::review::Review;
use crate::render::referral_words;
use backcare_engine::answers::{AnswerValue, Answers};
use backcare_engine::answers_file::answer_text;
use backcare_engine::flow::is_skipped;
use backcare_engine::outcome::{GivenAnswer, Outcome, Urgency};
use backcare_engine::programme::Rating;
use backcare_engine::ruleset::figures::Figures;
use backcare_engine::ruleset::{Dose, RuleSet};

/// Everything a report is made from.
pub(super) struct Report<'r> {
    pub(super) date: NaiveDate,
    pub(super) rules: &'r RuleSet,
    pub(super) answers: &'r Answers,
    pub(super) outcome: &'r Outcome<'r>,
    pub(super) figures: &'r Figures,
    /// The journal's review, when there is a journal with at least one entry counted.
    pub(super) review: Option<Review>,
    pub(super) sessions: ExerciseTally,
}

/// The first thing on page one: how urgent, in words, and what to do, and the answers that call
/// for a professional when the routine comes with such advice.
pub(super) struct Headline<'r> {
    /// `emergency`, `urgent`, `soon`, `incomplete` or `self_care`: the style of the box.
    pub(super) level: &'static str,
    pub(super) title: String,
    pub(super) action: String,
    pub(super) because: &'r [GivenAnswer<'r>],
}

pub(super) fn headline<'r>(outcome: &'r Outcome<'r>) -> Headline<'r> {
    if let Some(referral) = &outcome.referral {
        let top = referral.rules.first();
        return Headline {
            level: outcome.urgency.id(),
            title: top.map_or_else(
                || "See a doctor".to_owned(),
                |rule| referral_words(referral.urgency, rule.see).to_owned(),
            ),
            action: top.map(|rule| rule.action.clone()).unwrap_or_default(),
            // The rules themselves follow, each with its answers.
            because: &[],
        };
    }
    if outcome.urgency == Urgency::Incomplete {
        return Headline {
            level: "incomplete",
            title: "The warning-sign check is not complete".to_owned(),
            action: "Some questions about warning signs have no answer, so they cannot be ruled \
                     out and no exercises are given. Answer them with `backcare check`, or show \
                     this report to a doctor or physiotherapist."
                .to_owned(),
            because: &[],
        };
    }
    // A routine that comes with a reason to be seen keeps that reason as its headline.
    if let Some(advice) = outcome.advisories.iter().find(|a| a.urgency.is_some()) {
        let urgency = advice.urgency.expect("found with an urgency");
        return Headline {
            level: outcome.urgency.id(),
            title: referral_words(urgency, advice.see).to_owned(),
            action: format!(
                "{} The exercise routine below may be used in the meantime.",
                advice.message
            ),
            because: &advice.triggered_by,
        };
    }
    Headline {
        level: "self_care",
        title: "No warning signs found: the exercise routine below is for you".to_owned(),
        action: "Stop an exercise that brings on sharp or spreading pain, and see a doctor or \
                 physiotherapist if the pain changes or does not ease."
            .to_owned(),
        because: &[],
    }
}

/// The warning-sign questions of one section of the questionnaire, by how they were answered.
#[derive(Default)]
pub(super) struct SectionAnswers<'r> {
    pub(super) title: &'r str,
    /// Yes/no questions answered yes.
    pub(super) yes: Vec<&'r str>,
    /// Yes/no questions answered no: the pertinent negatives.
    pub(super) no: Vec<&'r str>,
    /// The other kinds, with the answer in words.
    pub(super) other: Vec<(&'r str, String)>,
    /// Asked (the flow did not skip them) and left without an answer.
    pub(super) unanswered: Vec<&'r str>,
}

/// Every question a warning-sign rule reads, by section in questionnaire order; questions the
/// flow skipped because of an earlier answer are left out, as they were never asked.
pub(super) fn warning_sign_answers<'r>(
    rules: &'r RuleSet,
    answers: &Answers,
) -> Vec<SectionAnswers<'r>> {
    let read: Vec<&str> = rules
        .red_flags
        .rules
        .iter()
        .flat_map(|rule| rule.when.questions())
        .collect();
    let mut sections: Vec<SectionAnswers> = rules
        .questionnaire
        .sections
        .iter()
        .map(|s| SectionAnswers {
            title: &s.title,
            ..SectionAnswers::default()
        })
        .collect();
    for question in &rules.questionnaire.questions {
        if !read.contains(&question.id.as_str()) {
            continue;
        }
        let Some(at) = rules
            .questionnaire
            .sections
            .iter()
            .position(|s| s.id == question.section)
        else {
            continue;
        };
        let section = &mut sections[at];
        match answers.get(&question.id) {
            Some(AnswerValue::YesNo(true)) => section.yes.push(&question.text),
            Some(AnswerValue::YesNo(false)) => section.no.push(&question.text),
            Some(other) => section
                .other
                .push((&question.text, answer_text(question, other))),
            None if !is_skipped(&rules.questionnaire, question, answers) => {
                section.unanswered.push(&question.text)
            }
            None => {}
        }
    }
    sections.retain(|s| !(s.yes.is_empty() && s.no.is_empty() && s.other.is_empty()));
    sections
}

/// How often each exercise was done and skipped in the journal's sessions, and how the person
/// rated it after doing it, by exercise id.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct ExerciseTally {
    pub(super) by_exercise: BTreeMap<String, ExerciseCounts>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct ExerciseCounts {
    done: usize,
    skipped: usize,
    better: usize,
    no_change: usize,
    worse: usize,
}

impl ExerciseTally {
    pub(super) fn add(&mut self, entry: &Entry) {
        if let Record::Session {
            done,
            skipped,
            rated,
            ..
        } = &entry.record
        {
            for id in done {
                self.by_exercise.entry(id.clone()).or_default().done += 1;
            }
            for id in skipped {
                self.by_exercise.entry(id.clone()).or_default().skipped += 1;
            }
            for rating in rated {
                let counts = self.by_exercise.entry(rating.exercise.clone()).or_default();
                match rating.felt {
                    Rating::Better => counts.better += 1,
                    Rating::NoChange => counts.no_change += 1,
                    Rating::Worse => counts.worse += 1,
                }
            }
        }
    }

    /// Whether any session carried a rating (journals from before ratings have none).
    pub(super) fn has_ratings(&self) -> bool {
        self.by_exercise
            .values()
            .any(|c| c.better + c.no_change + c.worse > 0)
    }
}

/// Rows of text under a heading row; the HTML and the Markdown each draw it their way.
pub(super) struct Table {
    pub(super) head: &'static [&'static str],
    pub(super) rows: Vec<Vec<String>>,
}

/// The warning-sign questions of a section answered with an option or a number.
pub(super) fn other_answers_table(section: &SectionAnswers) -> Table {
    Table {
        head: &["Question", "Answer"],
        rows: section
            .other
            .iter()
            .map(|(question, answer)| vec![(*question).to_owned(), answer.clone()])
            .collect(),
    }
}

/// The answers behind a rule, an advisory or a finding.
pub(super) fn answers_table(given: &[GivenAnswer]) -> Table {
    Table {
        head: &["Question", "Answer"],
        rows: given
            .iter()
            .map(|g| vec![g.question.text.clone(), answer_text(g.question, g.answer)])
            .collect(),
    }
}

/// The journal week by week.
pub(super) fn weeks_table(review: &Review) -> Table {
    Table {
        head: &["Week", "Days", "Sessions", "Minutes", "Average pain"],
        rows: review
            .weeks
            .iter()
            .enumerate()
            .map(|(number, week)| {
                vec![
                    (number + 1).to_string(),
                    format!(
                        "{} to {}",
                        week.first.format("%-d %b"),
                        week.last.format("%-d %b")
                    ),
                    week.sessions.to_string(),
                    week.minutes.to_string(),
                    week.pain
                        .map_or("no score".to_owned(), |p| format!("{p:.1}")),
                ]
            })
            .collect(),
    }
}

/// How often each exercise was done and skipped, and how it was rated, by its name in the
/// catalogue.
pub(super) fn exercises_table(rules: &RuleSet, sessions: &ExerciseTally) -> Table {
    Table {
        head: &[
            "Exercise",
            "Done",
            "Skipped",
            "Felt better",
            "No change",
            "Felt worse",
        ],
        rows: sessions
            .by_exercise
            .iter()
            .map(|(id, counts)| {
                let name = rules.exercises.get(id).map_or(id.as_str(), |e| &e.name);
                vec![
                    name.to_owned(),
                    counts.done.to_string(),
                    counts.skipped.to_string(),
                    counts.better.to_string(),
                    counts.no_change.to_string(),
                    counts.worse.to_string(),
                ]
            })
            .collect(),
    }
}

/// Said under the exercise table when the journal holds no ratings (sessions before ratings were
/// asked, or every rating skipped).
pub(super) const NO_RATINGS: &str = "No session in the journal carries a rating of its exercises.";

/// How the dose is split between the sides, in words.
pub(super) fn sides_text(dose: &Dose) -> &'static str {
    if dose.per_side {
        "each side in turn"
    } else {
        "both sides together"
    }
}
