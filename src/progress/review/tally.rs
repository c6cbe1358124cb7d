//! The journal summed up day by day in one pass: pain scores, sessions, minutes and each
//! exercise's ratings. Apart from the review, which reads only these sums and never the entries.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Ratings;
use crate::journal::{Entry, Record};
use backcare_engine::programme::Rating;

/// The journal summed up day by day: all that a review needs, gathered in one pass over the
/// entries, so that it grows with the days a journal spans rather than with its lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub(super) by_date: BTreeMap<NaiveDate, DayTally>,
    /// Each day's exercises with their ratings, kept by day so that tomorrow's wait their turn.
    pub(super) exercises: BTreeMap<NaiveDate, BTreeMap<String, Ratings>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct DayTally {
    pub(super) entries: usize,
    pub(super) pain_total: u64,
    pub(super) scores: u64,
    /// The last pain score of the day in journal order: how the person is now.
    pub(super) latest_pain: Option<u8>,
    pub(super) sessions: usize,
    pub(super) minutes: u64,
}

impl Tally {
    pub fn add(&mut self, entry: &Entry) {
        let day = self.by_date.entry(entry.date).or_default();
        day.entries += 1;
        if let Some(pain) = entry.pain() {
            day.pain_total += u64::from(pain);
            day.scores += 1;
            day.latest_pain = Some(pain);
        }
        if entry.is_session_done() {
            day.sessions += 1;
        }
        if let Record::Session {
            minutes,
            done,
            rated,
            ..
        } = &entry.record
        {
            day.minutes += u64::from(*minutes);
            let exercises = self.exercises.entry(entry.date).or_default();
            for id in done {
                exercises.entry(id.clone()).or_default().done += 1;
            }
            for rating in rated {
                let counts = exercises.entry(rating.exercise.clone()).or_default();
                *match rating.felt {
                    Rating::Better => &mut counts.better,
                    Rating::NoChange => &mut counts.no_change,
                    Rating::Worse => &mut counts.worse,
                } += 1;
            }
        }
    }
}

impl<'e> FromIterator<&'e Entry> for Tally {
    fn from_iter<I: IntoIterator<Item = &'e Entry>>(entries: I) -> Self {
        let mut tally = Tally::default();
        for entry in entries {
            tally.add(entry);
        }
        tally
    }
}
