//! How the pain is going: the journal turned into days, weeks and advice, by the thresholds in
//! policy.json `progress`. Pure: the entries, summed up day by day, and today's date come in,
//! data goes out.

use std::collections::BTreeMap;
use std::ops::Bound;

use chrono::{Days, NaiveDate};

use crate::journal::{Entry, Record};
use backcare_engine::programme::Rating;
use backcare_engine::ruleset::policy::ProgressPolicy;

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

/// The journal summed up day by day: all that a review needs, gathered in one pass over the
/// entries, so that it grows with the days a journal spans rather than with its lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    by_date: BTreeMap<NaiveDate, DayTally>,
    /// Each day's exercises with their ratings, kept by day so that tomorrow's wait their turn.
    exercises: BTreeMap<NaiveDate, BTreeMap<String, Ratings>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct DayTally {
    entries: usize,
    pain_total: u64,
    scores: u64,
    /// The last pain score of the day in journal order: how the person is now.
    latest_pain: Option<u8>,
    sessions: usize,
    minutes: u64,
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

/// What a pain score calls for the moment it is recorded, before any review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PainAlert {
    /// At least the policy's `high_pain` score.
    High,
    /// Well above the days just before it.
    SharpRise(Rise),
}

/// The alert for `pain`, just recorded on `today` and already in `tally`. A high score is said
/// rather than a rise: its advice covers both.
pub fn pain_alert(
    policy: &ProgressPolicy,
    tally: &Tally,
    today: NaiveDate,
    pain: u8,
) -> Option<PainAlert> {
    if pain >= policy.high_pain.at_least {
        return Some(PainAlert::High);
    }
    review(policy, tally, today)?.rise.map(PainAlert::SharpRise)
}

/// The latest score recorded on `day` when it is at least the policy's `high_pain` score: how
/// the person is now, so a lower score later that day clears it.
pub fn high_pain_on(policy: &ProgressPolicy, tally: &Tally, day: NaiveDate) -> Option<u8> {
    tally
        .by_date
        .get(&day)?
        .latest_pain
        .filter(|pain| *pain >= policy.high_pain.at_least)
}

/// `start` plus `days` days.
pub fn day_after(start: NaiveDate, days: u64) -> NaiveDate {
    start.checked_add_days(Days::new(days)).unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use backcare_engine::ruleset::RuleSet;

    fn policy() -> ProgressPolicy {
        RuleSet::embedded().unwrap().policy.progress
    }

    fn tally(entries: &[Entry]) -> Tally {
        entries.iter().collect()
    }

    fn start() -> NaiveDate {
        "2025-03-03".parse().unwrap()
    }

    /// One pain score a day for `days + 1` days, from `first` to `last` in a straight line.
    fn scores(days: u64, first: f64, last: f64) -> Vec<Entry> {
        (0..=days)
            .map(|day| {
                let share = if days == 0 {
                    0.0
                } else {
                    day as f64 / days as f64
                };
                Entry {
                    date: day_after(start(), day),
                    record: Record::Pain {
                        pain: (first + (last - first) * share).round() as u8,
                        note: None,
                    },
                }
            })
            .collect()
    }

    fn advice_after(days: u64, first: f64, last: f64) -> Vec<Advice> {
        review(
            &policy(),
            &tally(&scores(days, first, last)),
            day_after(start(), days),
        )
        .unwrap()
        .advice
    }

    #[test]
    fn on_the_first_day_there_is_nothing_to_compare_whatever_the_pain() {
        for pain in [0.0, 5.0, 9.0] {
            assert_eq!(
                advice_after(0, pain, pain),
                [Advice::KeepLogging, Advice::WarningSigns]
            );
        }
    }

    #[test]
    fn flat_pain_is_too_early_at_first_then_posture_at_14_days_then_a_professional_at_28() {
        assert_eq!(
            advice_after(10, 5.0, 5.0),
            [Advice::KeepGoing, Advice::WarningSigns]
        );
        assert_eq!(
            advice_after(13, 5.0, 5.0),
            [Advice::KeepGoing, Advice::WarningSigns]
        );
        assert_eq!(
            advice_after(14, 5.0, 5.0),
            [Advice::Posture, Advice::WarningSigns]
        );
        assert_eq!(
            advice_after(27, 5.0, 5.0),
            [Advice::Posture, Advice::WarningSigns]
        );
        assert_eq!(
            advice_after(28, 5.0, 5.0),
            [Advice::SeeProfessional, Advice::WarningSigns]
        );
    }

    #[test]
    fn improving_pain_says_so_at_14_and_28_days() {
        for days in [14, 28] {
            assert_eq!(
                advice_after(days, 6.0, 2.0),
                [Advice::Improving, Advice::WarningSigns],
                "after {days} days"
            );
        }
    }

    #[test]
    fn a_drop_counts_as_improving_by_points_or_by_percent_but_not_below_both() {
        let flat_then = |first_week: u8, later: u8| {
            let mut entries = Vec::new();
            for day in 0..15 {
                entries.push(Entry {
                    date: day_after(start(), day),
                    record: Record::Pain {
                        pain: if day < 7 { first_week } else { later },
                        note: None,
                    },
                });
            }
            review(&policy(), &tally(&entries), day_after(start(), 14))
                .unwrap()
                .advice[0]
        };
        assert_eq!(flat_then(8, 6), Advice::Improving, "2 points");
        assert_eq!(flat_then(3, 2), Advice::Improving, "33 per cent");
        assert_eq!(flat_then(8, 7), Advice::Posture, "1 point, 12 per cent");
    }

    #[test]
    fn rising_pain_is_getting_worse_at_14_and_28_days() {
        for days in [14, 28] {
            assert_eq!(
                advice_after(days, 3.0, 7.0),
                [Advice::GettingWorse, Advice::WarningSigns],
                "after {days} days"
            );
        }
    }

    #[test]
    fn a_sharp_rise_comes_first_and_asks_for_a_new_check() {
        let mut entries = scores(14, 3.0, 3.0);
        entries.push(Entry {
            date: day_after(start(), 15),
            record: Record::Pain {
                pain: 6,
                note: None,
            },
        });
        let review = review(&policy(), &tally(&entries), day_after(start(), 15)).unwrap();
        assert_eq!(review.advice[0], Advice::SharpRise);
        assert!(
            !review.advice.contains(&Advice::KeepGoing),
            "no encouragement to carry on before a check"
        );
        assert!(!review.advice.contains(&Advice::WarningSigns));
        let small_rise = {
            let mut entries = scores(14, 3.0, 3.0);
            entries.push(Entry {
                date: day_after(start(), 15),
                record: Record::Pain {
                    pain: 5,
                    note: None,
                },
            });
            super::review(&policy(), &tally(&entries), day_after(start(), 15)).unwrap()
        };
        assert!(!small_rise.advice.contains(&Advice::SharpRise));
    }

    #[test]
    fn weeks_count_sessions_with_something_done_and_this_week_stays_out_of_the_first() {
        let mut entries = scores(8, 4.0, 4.0);
        let session = |day, done: &[&str]| Entry {
            date: day_after(start(), day),
            record: Record::Session {
                pain: Some(2),
                minutes: 10,
                done: done.iter().map(|d| d.to_string()).collect(),
                skipped: Vec::new(),
                not_reached: Vec::new(),
                rated: Vec::new(),
            },
        };
        entries.push(session(1, &["chin_tuck"]));
        entries.push(session(2, &[]));
        entries.push(session(8, &["chin_tuck"]));
        entries.push(Entry {
            date: day_after(start(), 30),
            record: Record::Pain {
                pain: 9,
                note: None,
            },
        });
        let review = review(&policy(), &tally(&entries), day_after(start(), 8)).unwrap();
        assert_eq!(review.days.len(), 9);
        assert_eq!(review.after_today, 1);
        let sessions: Vec<usize> = review.weeks.iter().map(|w| w.sessions).collect();
        assert_eq!(sessions, [1, 1]);
        assert_eq!(review.weeks[0].minutes, 20);
        // Days 7 and 8 only: day 8 averages its 4 and the session's 2.
        assert_eq!(review.this_week, Some((4.0 + 3.0) / 2.0));
        assert_eq!(review.days[1].pain, Some(3.0));
    }

    fn pain(date: NaiveDate, pain: u8) -> Entry {
        Entry {
            date,
            record: Record::Pain { pain, note: None },
        }
    }

    #[test]
    fn a_high_score_is_said_at_once_and_a_lower_one_only_after_a_sharp_rise() {
        let policy = policy();
        let high = policy.high_pain.at_least;
        let today = day_after(start(), 3);
        let mut entries = scores(2, 2.0, 2.0);
        entries.push(pain(today, high));
        assert_eq!(
            pain_alert(&policy, &tally(&entries), today, high),
            Some(PainAlert::High)
        );
        // One point short of the policy's rise above the days before is no sharp rise.
        let rise = policy.sharp_rise.points.ceil() as u8;
        let steady = [scores(2, 2.0, 2.0), vec![pain(today, 1 + rise)]].concat();
        assert_eq!(pain_alert(&policy, &tally(&steady), today, 1 + rise), None);
        let risen = [scores(2, 2.0, 2.0), vec![pain(today, 2 + rise)]].concat();
        assert!(2 + rise < high, "a rise, not a high score");
        assert!(matches!(
            pain_alert(&policy, &tally(&risen), today, 2 + rise),
            Some(PainAlert::SharpRise(Rise { now, .. })) if now == 2 + rise
        ));
    }

    #[test]
    fn a_day_has_high_pain_while_its_latest_score_is_high() {
        let policy = policy();
        let high = policy.high_pain.at_least;
        let day = start();
        let next_day = day_after(start(), 1);
        assert_eq!(
            high_pain_on(&policy, &tally(&[pain(day, high)]), day),
            Some(high)
        );
        assert_eq!(
            high_pain_on(&policy, &tally(&[pain(day, high)]), next_day),
            None
        );
        assert_eq!(
            high_pain_on(&policy, &tally(&[pain(day, high), pain(day, 3)]), day),
            None,
            "a lower score later that day is how the person is now"
        );
        assert_eq!(
            high_pain_on(&policy, &tally(&[pain(day, high - 1)]), day),
            None
        );
    }
}
