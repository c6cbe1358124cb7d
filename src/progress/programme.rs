//! The journal as the programme reads it: each session's exercises with their ratings, and where
//! the pain stands by the progress review, turned into the engine's plain [`History`].

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::review::{self, Advice, Tally};
use crate::error::Error;
use crate::journal::{self, Entry, Line, Record};
use backcare_engine::error::Problem;
use backcare_engine::programme::{Course, History, Session};
use backcare_engine::ruleset::policy::ProgressPolicy;

/// A date as the day number the engine counts in.
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// The journal at `path` read on `today`, each damaged line handed to `report`: the history, and
/// the tally it was reviewed from. An empty history when there is no journal yet.
pub fn history(
    policy: &ProgressPolicy,
    path: &Path,
    today: NaiveDate,
    report: &mut dyn FnMut(Problem),
) -> Result<(History, Tally), Error> {
    let mut history = History {
        today: day_number(today),
        ..History::default()
    };
    let mut tally = Tally::default();
    for line in journal::open(path, today)?.into_iter().flatten() {
        match line? {
            Line::Entry(entry) => {
                tally.add(&entry);
                if let Some(session) = session(&entry) {
                    history.sessions.push(session);
                }
            }
            Line::Damaged(problem) => report(problem),
        }
    }
    if let Some(review) = review::review(policy, &tally, today) {
        history.sharp_rise = review.advice.contains(&Advice::SharpRise);
        history.course = review
            .advice
            .iter()
            .find_map(|advice| match advice {
                Advice::Improving => Some(Course::Improving),
                Advice::GettingWorse => Some(Course::GettingWorse),
                Advice::Posture => Some(Course::Posture),
                Advice::SeeProfessional => Some(Course::SeeProfessional),
                Advice::KeepGoing => Some(Course::Steady),
                Advice::KeepLogging | Advice::SharpRise | Advice::WarningSigns => None,
            })
            .unwrap_or_default();
    }
    Ok((history, tally))
}

/// A session entry with the exercises done, each with its rating when it has one.
fn session(entry: &Entry) -> Option<Session> {
    let Record::Session { done, rated, .. } = &entry.record else {
        return None;
    };
    let done = done
        .iter()
        .map(|id| {
            let rating = rated.iter().find(|r| r.exercise == *id).map(|r| r.felt);
            (id.clone(), rating)
        })
        .collect();
    Some(Session {
        day: day_number(entry.date),
        done,
    })
}
