//! What the programme reads: the history of rated sessions, as the program takes it from the
//! journal, and each exercise's record summed from it. It is the input, kept apart from the rules
//! that choose today's routine.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// How an exercise felt, as the person rated it straight after doing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Better,
    NoChange,
    Worse,
}

impl Rating {
    pub fn id(self) -> &'static str {
        match self {
            Rating::Better => "better",
            Rating::NoChange => "no_change",
            Rating::Worse => "worse",
        }
    }
}

/// Where the pain stands, as the progress review of the journal found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Course {
    /// Too early to compare.
    #[default]
    TooEarly,
    Improving,
    /// About the same, before the posture stage.
    Steady,
    /// No better at the progress policy's posture stage.
    Posture,
    /// No better at its see-a-professional stage.
    SeeProfessional,
    GettingWorse,
}

/// The journal as the programme reads it.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Today, as a day number (any count of days, as long as sessions use the same).
    pub today: i64,
    pub sessions: Vec<Session>,
    pub course: Course,
    /// The latest pain score is well above the days before it.
    pub sharp_rise: bool,
}

/// One session of the journal: the exercises done, each with its rating if one was given.
#[derive(Debug, Clone)]
pub struct Session {
    pub day: i64,
    pub done: Vec<(String, Option<Rating>)>,
}

/// How one exercise has gone so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Sessions in which it was done.
    pub tries: u32,
    pub better: u32,
    pub no_change: u32,
    pub worse: u32,
    /// (day, rating) of each rating, in journal order.
    pub(super) ratings: Vec<(i64, Rating)>,
}

impl Record {
    pub(crate) fn rated(&self) -> u32 {
        self.better + self.no_change + self.worse
    }
}

/// Each exercise's record up to today, by exercise id.
pub fn records(history: &History) -> HashMap<&str, Record> {
    let mut records: HashMap<&str, Record> = HashMap::new();
    for session in history.sessions.iter().filter(|s| s.day <= history.today) {
        for (exercise, rating) in &session.done {
            let record = records.entry(exercise).or_default();
            record.tries += 1;
            if let Some(rating) = *rating {
                *match rating {
                    Rating::Better => &mut record.better,
                    Rating::NoChange => &mut record.no_change,
                    Rating::Worse => &mut record.worse,
                } += 1;
                record.ratings.push((session.day, rating));
            }
        }
    }
    records
}
