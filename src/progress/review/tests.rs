//! The review's tests: journals of made-up scores and sessions, and the advice and alerts each
//! should give by the shipped policy.

use super::*;
use crate::journal::{Entry, Record};
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
