//! How the pain is going: the journal turned into days, weeks and advice, by the thresholds in
//! policy.json `progress`. Pure: the entries, summed up day by day, and today's date come in,
//! data goes out.

mod alert;
mod tally;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::ops::Bound;

use chrono::{Days, NaiveDate};

use backcare_engine::ruleset::policy::ProgressPolicy;

pub use alert::{high_pain_on, pain_alert, PainAlert};
pub use tally::Tally;

/// Each week of the journal is compared with its first week.
const WEEK: u64 = 7;

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The date of the first entry.
    pub start: NaiveDate,
    pub today: NaiveDate,
    /// Every day from `start` to `today`.
    pub days: Vec<Day>,
    /// Seven-day weeks counted from `start`; the last one may be shorter.
    pub weeks: Vec<Week>,
    /// The average of the daily pain in the first week.
    pub first_week: Option<f64>,
    /// The average of the last seven days, never reaching back into the first week; `None` until
    /// the first week is over.
    pub this_week: Option<f64>,
    /// The most important first.
    pub advice: Vec<Advice>,
    /// What the sharp rise was measured on, when there is one.
    pub rise: Option<Rise>,
    /// Entries dated after `today`, which are not counted.
    pub after_today: usize,
    /// Each exercise done in a session, with its ratings: the most helpful first.
    pub exercises: Vec<(String, Ratings)>,
}

/// How often an exercise was done, and how it was rated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratings {
    pub done: u32,
    pub better: u32,
    pub no_change: u32,
    pub worse: u32,
}

impl Ratings {
    pub fn rated(&self) -> u32 {
        self.better + self.no_change + self.worse
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    /// The average of the day's pain scores.
    pub pain: Option<f64>,
    /// The day's last pain score: how the person was when they last said.
    pub latest: Option<u8>,
    /// Sessions in which something was done.
    pub sessions: usize,
    /// The minutes of the day's sessions, whether or not something was done in them.
    pub minutes: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub sessions: usize,
    pub minutes: u64,
    pub pain: Option<f64>,
}

/// A sharp rise as measured: the latest score, against the average of the days just before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rise {
    pub now: u8,
    pub before: f64,
    /// The days before with a score.
    pub days: usize,
}

/// What the policy advises; the wording is in policy.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// The latest score is well above the days just before it: check again for warning signs.
    SharpRise,
    Improving,
    GettingWorse,
    /// No better after the policy's first stage: work on posture.
    Posture,
    /// No better after the policy's second stage: see a professional.
    SeeProfessional,
    /// About the same, and too early for a stage.
    KeepGoing,
    /// Nothing to compare with the first week yet.
    KeepLogging,
    /// The standing reminder that a new warning sign means a new check.
    WarningSigns,
}

/// The review of a journal on `today`; `None` when nothing is recorded up to today.
pub fn review(policy: &ProgressPolicy, tally: &Tally, today: NaiveDate) -> Option<Review> {
    let (&start, _) = tally.by_date.range(..=today).next()?;
    let days: Vec<Day> = start
        .iter_days()
        .take_while(|date| *date <= today)
        .map(|date| {
            let day = tally.by_date.get(&date).copied().unwrap_or_default();
            Day {
                date,
                pain: (day.scores > 0).then(|| day.pain_total as f64 / day.scores as f64),
                latest: day.latest_pain,
                sessions: day.sessions,
                minutes: day.minutes,
            }
        })
        .collect();
    let weeks = days
        .chunks(WEEK as usize)
        .map(|week| Week {
            first: week[0].date,
            last: week[week.len() - 1].date,
            sessions: week.iter().map(|d| d.sessions).sum(),
            minutes: week.iter().map(|d| d.minutes).sum(),
            pain: average(week),
        })
        .collect();

    let first_week = average(days.iter().take(WEEK as usize));
    let this_week = (days.len() > WEEK as usize)
        .then(|| average(days.iter().skip(WEEK as usize).rev().take(WEEK as usize)))
        .flatten();
    let elapsed = (today - start).num_days();
    let rise = sharp_rise(policy, &days);
    let sharp_rise = rise.is_some();
    let mut advice = Vec::new();
    if sharp_rise {
        advice.push(Advice::SharpRise);
    }
    let trend = match (first_week, this_week) {
        (Some(first), Some(now)) => {
            let drop = first - now;
            let improving = &policy.improving;
            if at_least(drop, improving.drop_points)
                || (drop > 0.0 && at_least(drop / first * 100.0, improving.drop_percent))
            {
                Advice::Improving
            } else if at_least(-drop, policy.getting_worse.rise_points) {
                Advice::GettingWorse
            } else if elapsed >= i64::from(policy.see_professional.after_days) {
                Advice::SeeProfessional
            } else if elapsed >= i64::from(policy.posture.after_days) {
                Advice::Posture
            } else {
                Advice::KeepGoing
            }
        }
        _ => Advice::KeepLogging,
    };
    // After a sharp rise, "keep going" would contradict "check again before you carry on".
    if !(sharp_rise && matches!(trend, Advice::KeepGoing | Advice::Improving)) {
        advice.push(trend);
    }
    // A sharp rise already says to check again.
    if !sharp_rise {
        advice.push(Advice::WarningSigns);
    }
    let mut exercises: BTreeMap<&str, Ratings> = BTreeMap::new();
    for day in tally.exercises.range(..=today).map(|(_, day)| day) {
        for (id, counts) in day {
            let total = exercises.entry(id).or_default();
            total.done += counts.done;
            total.better += counts.better;
            total.no_change += counts.no_change;
            total.worse += counts.worse;
        }
    }
    let mut exercises: Vec<(String, Ratings)> = exercises
        .into_iter()
        .map(|(id, counts)| (id.to_owned(), counts))
        .collect();
    // Most helpful first: the larger share rated better, then fewer rated worse, then more done.
    let share = |r: &Ratings| u64::from(r.better) * 1000 / u64::from(r.rated().max(1));
    exercises.sort_by(|(a_id, a), (b_id, b)| {
        share(b)
            .cmp(&share(a))
            .then(a.worse.cmp(&b.worse))
            .then(b.done.cmp(&a.done))
            .then(a_id.cmp(b_id))
    });
    Some(Review {
        start,
        today,
        days,
        weeks,
        first_week,
        this_week,
        advice,
        rise,
        after_today: tally
            .by_date
            .range((Bound::Excluded(today), Bound::Unbounded))
            .map(|(_, day)| day.entries)
            .sum(),
        exercises,
    })
}

/// Averages compared with a threshold of the same value count as reaching it.
fn at_least(value: f64, threshold: f64) -> bool {
    value + 1e-9 >= threshold
}

fn average<'d>(days: impl IntoIterator<Item = &'d Day>) -> Option<f64> {
    let scores: Vec<f64> = days.into_iter().filter_map(|d| d.pain).collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// The latest score at least the policy's points above the average of the days with scores just
/// before it. The latest score, not the day's mean, as it says how the person is now.
fn sharp_rise(policy: &ProgressPolicy, days: &[Day]) -> Option<Rise> {
    let rise = &policy.sharp_rise;
    let latest = days.iter().rposition(|d| d.latest.is_some())?;
    let from = latest.saturating_sub(rise.recent_days as usize);
    let before_days = &days[from..latest];
    let now = days[latest].latest?;
    let before = average(before_days)?;
    at_least(f64::from(now) - before, rise.points).then(|| Rise {
        now,
        before,
        days: before_days.iter().filter(|d| d.pain.is_some()).count(),
    })
}

/// `start` plus `days` days.
pub fn day_after(start: NaiveDate, days: u64) -> NaiveDate {
    start.checked_add_days(Days::new(days)).unwrap_or(start)
}
