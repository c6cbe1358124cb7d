//! The checks of policy.json `programme`: a first stage that ends, thresholds that can be met, and
//! dose steps that stay within safe limits.

use super::{path, Checker};
use crate::source::Source;

/// The longest hold a progression may reach: the top of the range the stretching guidance gives
/// for holds (exercise-anchors 0.1).
const SAFE_MAX_HOLD_SECONDS: u32 = 60;
/// The most repetitions a progression may reach: the largest count in the seed post.
const SAFE_MAX_REPS: u32 = 30;

impl Checker<'_> {
    pub(super) fn programme(&mut self, source: &Source) {
        let programme = &self.rules.policy.programme;
        let at = |steps: &[&str]| path(&[&["programme"], steps].concat());
        let trial = &programme.trial;
        let posture_days = self.rules.policy.progress.posture.after_days;
        if !(1..=5).contains(&trial.tries) {
            self.error(
                source,
                &at(&["trial", "tries"]),
                format!("each exercise is to be tried {} times", trial.tries),
                "give 1 to 5 tries: enough to judge, few enough to finish the first stage",
            );
        }
        if trial.min_sessions == 0 || trial.min_sessions > trial.max_sessions {
            self.error(
                source,
                &at(&["trial", "min_sessions"]),
                format!(
                    "the first stage lasts at least {} and at most {} sessions",
                    trial.min_sessions, trial.max_sessions
                ),
                "give at least 1 session, and no more than max_sessions",
            );
        }
        // A posture stage out of its own range is reported by the progress checks.
        if (7..=365).contains(&posture_days) && trial.max_sessions > posture_days {
            self.error(
                source,
                &at(&["trial", "max_sessions"]),
                format!(
                    "the first stage may last {} sessions, longer than the {posture_days} days \
                     after which progress.posture judges the routine",
                    trial.max_sessions
                ),
                "end the first stage within progress.posture.after_days sessions, so that the \
                 routine is chosen by the ratings before the pain is judged",
            );
        }
        let relief = &programme.relief;
        if relief.min_ratings == 0 {
            self.error(
                source,
                &at(&["relief", "min_ratings"]),
                "an exercise would be judged before anyone rated it".to_owned(),
                "give at least 1 rating",
            );
        }
        if !(1..=100).contains(&relief.better_percent) {
            self.error(
                source,
                &at(&["relief", "better_percent"]),
                format!("`better_percent` is {}", relief.better_percent),
                "give a share from 1 to 100 per cent",
            );
        }
        if !(1..=3).contains(&programme.drop_after_worse) {
            self.error(
                source,
                &at(&["drop_after_worse"]),
                format!(
                    "an exercise is dropped after {} ratings of worse",
                    programme.drop_after_worse
                ),
                "drop it after 1 to 3: an exercise that keeps making the pain worse must stop",
            );
        }
        let progression = &programme.progression;
        if progression.every_days < 7 {
            self.error(
                source,
                &at(&["progression", "every_days"]),
                format!("a dose may rise every {} days", progression.every_days),
                "judge at least a week of ratings before each rise",
            );
        }
        if progression.good_ratings == 0 {
            self.error(
                source,
                &at(&["progression", "good_ratings"]),
                "a dose would rise with no ratings at all".to_owned(),
                "ask for at least 1 good rating in each period",
            );
        }
        for (field, limit, most) in [
            (
                "max_hold_seconds",
                progression.max_hold_seconds,
                SAFE_MAX_HOLD_SECONDS,
            ),
            ("max_reps", progression.max_reps, SAFE_MAX_REPS),
        ] {
            if limit > most {
                self.error(
                    source,
                    &at(&["progression", field]),
                    format!("a progression could reach {limit}, past the safe limit of {most}"),
                    format!("give at most {most}"),
                );
            }
        }
        for (steps, text) in [
            (["dropped_message"].as_slice(), &programme.dropped_message),
            (
                ["posture_first_message"].as_slice(),
                &programme.posture_first_message,
            ),
            (["source"].as_slice(), &programme.source),
        ] {
            if text.trim().is_empty() {
                self.error(
                    source,
                    &at(steps),
                    "an empty programme text".to_owned(),
                    "say it in plain words",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::Severity;
    use crate::ruleset::{RuleSet, RuleSources};
    use crate::source::Source;

    /// The errors of the built-in rules with one edit to policy.json, each with its line.
    fn errors_after(from: &str, to: &str) -> Vec<(usize, String)> {
        let mut sources = RuleSources::embedded();
        assert!(sources.policy.text.contains(from), "{from}");
        let text = sources.policy.text.replacen(from, to, 1);
        sources.policy = Source::new(sources.policy.name.clone(), text);
        RuleSet::load_with_problems(&sources)
            .1
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| (p.line, p.message))
            .collect()
    }

    fn line_of(needle: &str, from: &str, to: &str) -> usize {
        let text = RuleSources::embedded().policy.text.replacen(from, to, 1);
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn a_progression_that_could_pass_a_safe_limit_is_an_error_at_its_line() {
        for (from, to) in [
            ("\"max_hold_seconds\": 10", "\"max_hold_seconds\": 90"),
            ("\"max_reps\": 15", "\"max_reps\": 100"),
            ("\"every_days\": 14", "\"every_days\": 2"),
            ("\"drop_after_worse\": 2", "\"drop_after_worse\": 9"),
        ] {
            let errors = errors_after(from, to);
            assert_eq!(errors.len(), 1, "{to}: {errors:?}");
            assert_eq!(errors[0].0, line_of(to, from, to), "{to}");
        }
    }

    #[test]
    fn a_first_stage_that_never_ends_or_outlasts_the_posture_stage_is_an_error() {
        for (from, to) in [
            ("\"max_sessions\": 14", "\"max_sessions\": 4000"),
            ("\"min_sessions\": 7", "\"min_sessions\": 0"),
            ("\"tries\": 2", "\"tries\": 0"),
        ] {
            let errors = errors_after(from, to);
            assert_eq!(errors.len(), 1, "{to}: {errors:?}");
        }
        assert!(
            errors_after("\"max_sessions\": 14", "\"max_sessions\": 4000")[0]
                .1
                .contains("longer than")
        );
    }
}
