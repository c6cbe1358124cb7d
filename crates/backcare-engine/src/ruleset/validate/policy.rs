//! The checks of policy.json: the phase order, tags, the questions it names, the exercises it
//! picks, exclusions, advisories and the thresholds of `backcare progress`.

use std::collections::BTreeSet;

use super::{fix_unknown, path, Checker};
use crate::ruleset::policy::{Pick, MAX_PAIN};
use crate::ruleset::questionnaire::QuestionKind;
use crate::ruleset::Phase;
use crate::source::{JsonPath, Source};

impl Checker<'_> {
    fn exercise_ref(&mut self, source: &Source, at: &JsonPath, id: &str) {
        if self.rules.exercises.get(id).is_none() {
            let known = self.rules.exercises.exercises.iter().map(|e| e.id.as_str());
            self.error(
                source,
                at,
                format!("unknown exercise `{id}`"),
                fix_unknown("an exercise id from exercises.json", id, known),
            );
        }
    }

    pub(super) fn policy(&mut self, source: &Source) {
        let policy = &self.rules.policy;
        let questionnaire = &self.rules.questionnaire;
        for phase in Phase::ALL {
            let count = policy.phase_order.iter().filter(|p| **p == phase).count();
            if count != 1 {
                self.error(
                    source,
                    &path(&["phase_order"]),
                    format!(
                        "phase `{}` appears {count} times in phase_order",
                        phase.id()
                    ),
                    "list each of release, stretch, mobility, strength and relax exactly once",
                );
            }
        }
        if policy.tags.len() > 64 {
            self.error(
                source,
                &path(&["tags"]),
                format!(
                    "{} tags are described; backcare handles at most 64",
                    policy.tags.len()
                ),
                "merge tags that mean the same thing",
            );
        }
        // A routine exercise names what it was chosen for in one 64-bit set: `core` and each finding.
        if policy.findings.len() > 63 {
            self.error(
                source,
                &path(&["findings"]),
                format!(
                    "{} findings have their own exercises; backcare handles at most 63",
                    policy.findings.len()
                ),
                "merge findings that add the same exercises",
            );
        }
        for (index, tag) in policy.last_in_phase.iter().enumerate() {
            self.tag(source, &path(&["last_in_phase"]).join(index), tag);
        }
        let kind_of = |id: &str| questionnaire.question(id).map(|q| q.kind);
        if kind_of(&policy.equipment_question) != Some(QuestionKind::SeveralOf) {
            self.error(
                source,
                &path(&["equipment_question"]),
                format!(
                    "`{}` is not a several-of question in the questionnaire",
                    policy.equipment_question
                ),
                "name the question that asks which equipment the person has",
            );
        }
        match questionnaire.question(&policy.minutes_question) {
            Some(q) if q.kind == QuestionKind::Number => {
                let minutes = f64::from(policy.default_minutes);
                if q.min.is_some_and(|min| minutes < min) || q.max.is_some_and(|max| minutes > max)
                {
                    self.error(
                        source,
                        &path(&["default_minutes"]),
                        format!(
                            "default_minutes {minutes} is outside the range the question allows"
                        ),
                        "pick a value between the question's min and max",
                    );
                }
            }
            _ => self.error(
                source,
                &path(&["minutes_question"]),
                format!(
                    "`{}` is not a number question in the questionnaire",
                    policy.minutes_question
                ),
                "name the question that asks how many minutes the person has",
            ),
        }
        self.picks(source, &path(&["base"]), &policy.base);
        for (finding, finding_policy) in &policy.findings {
            let at = path(&["findings", finding]);
            if !self
                .rules
                .postures
                .findings
                .iter()
                .any(|f| &f.id == finding)
            {
                let known = self.rules.postures.findings.iter().map(|f| f.id.as_str());
                self.error(
                    source,
                    &at,
                    format!("unknown posture finding `{finding}`"),
                    fix_unknown("a finding id from postures.json", finding, known),
                );
            }
            self.picks(source, &at.join("add"), &finding_policy.add);
            for (index, tag) in finding_policy.exclude_tags.iter().enumerate() {
                self.tag(source, &at.join("exclude_tags").join(index), tag);
            }
        }
        self.ids(
            source,
            "exclusions",
            policy.exclusions.iter().map(|e| e.id.as_str()),
        );
        for (index, exclusion) in policy.exclusions.iter().enumerate() {
            let at = path(&["exclusions"]).join(index);
            self.condition(source, &at.join("when"), &exclusion.when, None);
            for (tag_index, tag) in exclusion.tags.iter().enumerate() {
                self.tag(source, &at.join("tags").join(tag_index), tag);
            }
        }
        self.ids(
            source,
            "advisories",
            policy.advisories.iter().map(|a| a.id.as_str()),
        );
        for (index, advisory) in policy.advisories.iter().enumerate() {
            self.condition(
                source,
                &path(&["advisories"]).join(index).join("when"),
                &advisory.when,
                None,
            );
        }
        self.progress(source);
        self.programme(source);
    }

    /// The thresholds of `backcare progress`: each within its range, the stages in order.
    fn progress(&mut self, source: &Source) {
        let progress = &self.rules.policy.progress;
        for (section, field, points) in [
            ("improving", "drop_points", progress.improving.drop_points),
            (
                "getting_worse",
                "rise_points",
                progress.getting_worse.rise_points,
            ),
            ("sharp_rise", "points", progress.sharp_rise.points),
        ] {
            if !(points > 0.0 && points <= 10.0) {
                self.error(
                    source,
                    &path(&["progress", section, field]),
                    format!("`{field}` is {points}, which does not fit the pain scale of 0 to 10"),
                    "give a number of points above 0 and at most 10",
                );
            }
        }
        let percent = progress.improving.drop_percent;
        if !(percent > 0.0 && percent < 100.0) {
            self.error(
                source,
                &path(&["progress", "improving", "drop_percent"]),
                format!("`drop_percent` is {percent}, which is not a usable share of the pain"),
                "give a percentage above 0 and below 100",
            );
        }
        let recent = progress.sharp_rise.recent_days;
        if !(1..=28).contains(&recent) {
            self.error(
                source,
                &path(&["progress", "sharp_rise", "recent_days"]),
                format!("`recent_days` is {recent}"),
                "compare the latest score with 1 to 28 days before it",
            );
        }
        let high = progress.high_pain.at_least;
        if !(1..=MAX_PAIN).contains(&high) {
            self.error(
                source,
                &path(&["progress", "high_pain", "at_least"]),
                format!(
                    "`at_least` is {high}, which does not fit the pain scale of 0 to {MAX_PAIN}"
                ),
                format!("give a whole number of points from 1 to {MAX_PAIN}"),
            );
        }
        let posture = progress.posture.after_days;
        if !(7..=365).contains(&posture) {
            self.error(
                source,
                &path(&["progress", "posture", "after_days"]),
                format!("the posture stage comes after {posture} days"),
                "use 7 to 365 days: there is nothing to compare until the first week has passed",
            );
        }
        let professional = progress.see_professional.after_days;
        if professional <= posture || professional > 365 {
            self.error(
                source,
                &path(&["progress", "see_professional", "after_days"]),
                format!(
                    "the see_professional stage comes after {professional} days, \
                     but it must come later than the posture stage ({posture} days)"
                ),
                "put the stages in order, posture first, and both within 365 days",
            );
        }
        for (at, text) in [
            (
                path(&["progress", "improving", "message"]),
                &progress.improving.message,
            ),
            (
                path(&["progress", "getting_worse", "message"]),
                &progress.getting_worse.message,
            ),
            (
                path(&["progress", "sharp_rise", "message"]),
                &progress.sharp_rise.message,
            ),
            (
                path(&["progress", "high_pain", "message"]),
                &progress.high_pain.message,
            ),
            (
                path(&["progress", "posture", "message"]),
                &progress.posture.message,
            ),
            (
                path(&["progress", "see_professional", "message"]),
                &progress.see_professional.message,
            ),
            (path(&["progress", "keep_logging"]), &progress.keep_logging),
            (path(&["progress", "keep_going"]), &progress.keep_going),
            (
                path(&["progress", "warning_signs"]),
                &progress.warning_signs,
            ),
        ] {
            if text.trim().is_empty() {
                self.error(
                    source,
                    &at,
                    "an empty progress message".to_owned(),
                    "say it in plain words: the person reads this",
                );
            }
        }
    }

    fn picks(&mut self, source: &Source, at: &JsonPath, picks: &[Pick]) {
        let mut seen = BTreeSet::new();
        for (index, pick) in picks.iter().enumerate() {
            let pick_at = at.join(index).join("exercise");
            self.exercise_ref(source, &pick_at, &pick.exercise);
            if !seen.insert(pick.exercise.as_str()) {
                self.error(
                    source,
                    &pick_at,
                    format!("exercise `{}` is listed twice here", pick.exercise),
                    "keep one entry, with the priority you want",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::{Problem, Severity};
    use crate::ruleset::{RuleSet, RuleSources};
    use crate::source::Source;

    /// The problems of the built-in rules with one edit to policy.json, and the edited text.
    fn policy_problems(from: &str, to: &str) -> (Vec<Problem>, String) {
        let mut sources = RuleSources::embedded();
        assert!(
            sources.policy.text.contains(from),
            "{from} not in policy.json"
        );
        sources.policy = Source::new(
            sources.policy.name.clone(),
            sources.policy.text.replacen(from, to, 1),
        );
        let text = sources.policy.text.clone();
        (RuleSet::load_with_problems(&sources).1, text)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn progress_stages_out_of_order_are_an_error_at_the_later_stage() {
        let (problems, text) = policy_problems("\"after_days\": 28", "\"after_days\": 10");
        let problem = problems
            .iter()
            .find(|p| p.message.contains("see_professional"))
            .expect("the out-of-order stage is reported");
        assert_eq!(problem.line, line_of(&text, "\"after_days\": 10"));
    }

    #[test]
    fn progress_thresholds_outside_their_range_are_errors() {
        for (from, to) in [
            ("\"drop_percent\": 30", "\"drop_percent\": 100"),
            ("\"rise_points\": 2", "\"rise_points\": 0"),
            ("\"points\": 3", "\"points\": 11"),
            ("\"recent_days\": 7", "\"recent_days\": 0"),
            ("\"at_least\": 8", "\"at_least\": 0"),
            ("\"after_days\": 14", "\"after_days\": 3"),
        ] {
            let (problems, text) = policy_problems(from, to);
            let errors: Vec<&Problem> = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            assert_eq!(errors.len(), 1, "{to}: {errors:?}");
            assert_eq!(errors[0].line, line_of(&text, to), "{to}");
        }
    }
}
