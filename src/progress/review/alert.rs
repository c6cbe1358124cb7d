//! What a pain score calls for the moment it is logged: a high score, or a sharp rise over the days
//! before. Apart from the review because it is asked at once, for one score, before any review.

use chrono::NaiveDate;

use super::{review, Rise, Tally};
use backcare_engine::ruleset::policy::ProgressPolicy;

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
