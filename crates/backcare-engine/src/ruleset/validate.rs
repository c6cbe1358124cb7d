//! Checks a parsed rule set whole: every id that is used is defined, every value makes sense.
//! Problems point into the file text, so a physiotherapist editing the rules can find them.

use std::collections::BTreeSet;

use super::questionnaire::QuestionKind;
use super::{Phase, RuleSet, RuleSources};
use crate::condition::Condition;
use crate::error::Problem;
use crate::ruleset::policy::MAX_PAIN;
use crate::source::{JsonPath, Source};
use crate::suggest::did_you_mean;

/// Every problem in the rule set, errors and warnings.
pub fn check(rules: &RuleSet, sources: &RuleSources) -> Vec<Problem> {
    let mut checker = Checker {
        rules,
        problems: Vec::new(),
    };
    checker.questionnaire(&sources.questionnaire);
    checker.red_flags(&sources.red_flags);
    checker.postures(&sources.postures);
    checker.exercises(&sources.exercises);
    checker.policy(&sources.policy);
    checker.unused(sources);
    checker.problems
}

struct Checker<'a> {
    rules: &'a RuleSet,
    problems: Vec<Problem>,
}

fn path(steps: &[&str]) -> JsonPath {
    steps
        .iter()
        .fold(JsonPath::root(), |path, step| path.join(*step))
}

impl<'a> Checker<'a> {
    fn error(&mut self, source: &Source, at: &JsonPath, message: String, fix: impl Into<String>) {
        self.problems
            .push(Problem::at(source, at, message).fix(fix.into()));
    }

    fn warn(&mut self, source: &Source, at: &JsonPath, message: String, fix: impl Into<String>) {
        self.problems
            .push(Problem::at(source, at, message).fix(fix.into()).warning());
    }

    /// Reports repeated and badly formed ids in a list.
    fn ids<'i>(&mut self, source: &Source, list: &str, ids: impl Iterator<Item = &'i str>) {
        let mut seen = BTreeSet::new();
        for (index, id) in ids.enumerate() {
            let at = path(&[list]).join(index).join("id");
            if !is_id(id) {
                self.error(
                    source,
                    &at,
                    format!("`{id}` is not a valid id"),
                    "use lower-case letters, digits and `_`, starting with a letter",
                );
            }
            if !seen.insert(id) {
                self.error(
                    source,
                    &at,
                    format!("the id `{id}` is used twice in {list}"),
                    "give each entry its own id",
                );
            }
        }
    }

    fn questionnaire(&mut self, source: &Source) {
        let questionnaire = &self.rules.questionnaire;
        self.ids(
            source,
            "sections",
            questionnaire.sections.iter().map(|s| s.id.as_str()),
        );
        self.ids(
            source,
            "questions",
            questionnaire.questions.iter().map(|q| q.id.as_str()),
        );
        for (index, question) in questionnaire.questions.iter().enumerate() {
            let at = path(&["questions"]).join(index);
            if questionnaire.section(&question.section).is_none() {
                let known = questionnaire.sections.iter().map(|s| s.id.as_str());
                self.error(
                    source,
                    &at.join("section"),
                    format!(
                        "question `{}` is in an unknown section `{}`",
                        question.id, question.section
                    ),
                    fix_unknown("a section id from `sections`", &question.section, known),
                );
            }
            let is_choice = matches!(question.kind, QuestionKind::OneOf | QuestionKind::SeveralOf);
            if question.options.len() > 64 {
                self.error(
                    source,
                    &at.join("options"),
                    format!("question `{}` offers more than 64 options", question.id),
                    "split it into several questions",
                );
            }
            if is_choice && question.options.is_empty() {
                self.error(
                    source,
                    &at.join("kind"),
                    format!("question `{}` offers no options", question.id),
                    "add `options`: a list of {\"id\": ..., \"label\": ...}",
                );
            }
            if !is_choice && !question.options.is_empty() {
                self.error(
                    source,
                    &at.join("options"),
                    format!(
                        "question `{}` is not a choice question but lists options",
                        question.id
                    ),
                    "remove `options`, or make the kind `one_of` or `several_of`",
                );
            }
            let mut seen = BTreeSet::new();
            for (option_index, option) in question.options.iter().enumerate() {
                let option_at = at.join("options").join(option_index).join("id");
                if !is_id(&option.id) || !seen.insert(option.id.as_str()) {
                    self.error(
                        source,
                        &option_at,
                        format!(
                            "option `{}` of `{}` is repeated or not a valid id",
                            option.id, question.id
                        ),
                        "give each option its own lower-case id",
                    );
                }
            }
            let number_fields =
                question.min.is_some() || question.max.is_some() || question.unit.is_some();
            match (question.kind, question.min, question.max) {
                (QuestionKind::Number, Some(min), Some(max))
                    if min <= max && question.unit.is_some() => {}
                (QuestionKind::Number, ..) => self.error(
                    source,
                    &at.join("kind"),
                    format!(
                        "number question `{}` needs `min` <= `max` and a `unit`",
                        question.id
                    ),
                    "add for example \"min\": 0, \"max\": 10, \"unit\": \"0-10\"",
                ),
                _ if number_fields => self.error(
                    source,
                    &at.join("kind"),
                    format!(
                        "question `{}` has `min`, `max` or `unit` but is not a number question",
                        question.id
                    ),
                    "remove them, or make the kind `number`",
                ),
                _ => {}
            }
            if let Some(condition) = &question.ask_when {
                // A question can only depend on answers that come before it.
                let earlier: Vec<&str> = questionnaire.questions[..index]
                    .iter()
                    .map(|q| q.id.as_str())
                    .collect();
                self.condition(source, &at.join("ask_when"), condition, Some(&earlier));
            }
        }
    }

    fn red_flags(&mut self, source: &Source) {
        let rules = &self.rules.red_flags.rules;
        self.ids(source, "rules", rules.iter().map(|r| r.id.as_str()));
        for (index, rule) in rules.iter().enumerate() {
            let at = path(&["rules"]).join(index);
            self.condition(source, &at.join("when"), &rule.when, None);
            if let Some(refined) = &rule.refines {
                if refined == &rule.id {
                    self.error(
                        source,
                        &at.join("refines"),
                        format!("rule `{}` says it refines itself", rule.id),
                        "name the other rule this one adds an explanation to, or remove `refines`"
                            .to_owned(),
                    );
                } else if !rules.iter().any(|r| &r.id == refined) {
                    let known = rules.iter().map(|r| r.id.as_str());
                    self.error(
                        source,
                        &at.join("refines"),
                        format!("rule `{}` refines unknown rule `{refined}`", rule.id),
                        fix_unknown("the id of another rule in this file", refined, known),
                    );
                }
            }
            for (field, text) in [
                ("title", &rule.title),
                ("action", &rule.action),
                ("why", &rule.why),
            ] {
                if text.trim().is_empty() {
                    self.error(
                        source,
                        &at.join(field),
                        format!("rule `{}` has an empty `{field}`", rule.id),
                        "say it in plain words: the person reads this",
                    );
                }
            }
        }
    }

    fn postures(&mut self, source: &Source) {
        let findings = &self.rules.postures.findings;
        self.ids(source, "findings", findings.iter().map(|f| f.id.as_str()));
        for (index, finding) in findings.iter().enumerate() {
            self.condition(
                source,
                &path(&["findings"]).join(index).join("when"),
                &finding.when,
                None,
            );
        }
    }

    fn exercises(&mut self, source: &Source) {
        let exercises = &self.rules.exercises.exercises;
        self.ids(source, "exercises", exercises.iter().map(|e| e.id.as_str()));
        let equipment: Vec<&str> = self
            .rules
            .questionnaire
            .question(&self.rules.policy.equipment_question)
            .map(|q| q.options.iter().map(|o| o.id.as_str()).collect())
            .unwrap_or_default();
        for (index, exercise) in exercises.iter().enumerate() {
            let at = path(&["exercises"]).join(index);
            if exercise.steps.is_empty() {
                self.error(
                    source,
                    &at.join("steps"),
                    format!("exercise `{}` has no steps", exercise.id),
                    "list the steps a person follows, one short sentence each",
                );
            }
            if exercise.dose.reps == 0 || exercise.dose.sets == 0 {
                self.error(
                    source,
                    &at.join("dose"),
                    format!("exercise `{}` has zero reps or sets", exercise.id),
                    "use at least 1 for `reps` and `sets`, or leave them out",
                );
            }
            for (item_index, item) in exercise.equipment.iter().enumerate() {
                if !equipment.contains(&item.as_str()) {
                    self.error(
                        source,
                        &at.join("equipment").join(item_index),
                        format!(
                            "exercise `{}` needs unknown equipment `{item}`",
                            exercise.id
                        ),
                        fix_unknown(
                            "an option of the equipment question",
                            item,
                            equipment.iter().copied(),
                        ),
                    );
                }
            }
            for (tag_index, tag) in exercise.tags.iter().enumerate() {
                self.tag(source, &at.join("tags").join(tag_index), tag);
            }
        }
    }

    fn tag(&mut self, source: &Source, at: &JsonPath, tag: &str) {
        let tags = &self.rules.policy.tags;
        if !tags.contains_key(tag) {
            self.error(
                source,
                at,
                format!("unknown tag `{tag}`"),
                fix_unknown(
                    "a tag described in policy.json `tags`",
                    tag,
                    tags.keys().map(String::as_str),
                ),
            );
        }
    }

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

    fn policy(&mut self, source: &Source) {
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

    fn picks(&mut self, source: &Source, at: &JsonPath, picks: &[super::policy::Pick]) {
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

    /// Checks that a condition reads known questions in a way their kind allows.
    /// `allowed` limits which questions it may read (those asked before it).
    fn condition(
        &mut self,
        source: &Source,
        at: &JsonPath,
        condition: &Condition,
        allowed: Option<&[&str]>,
    ) {
        let (key, question_at) = match condition {
            Condition::All(items) | Condition::Any(items) => {
                let key = if matches!(condition, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                if items.is_empty() {
                    self.error(
                        source,
                        &at.join(key),
                        format!("an empty `{key}` list"),
                        "give it at least one condition",
                    );
                }
                for (index, item) in items.iter().enumerate() {
                    self.condition(source, &at.join(key).join(index), item, allowed);
                }
                return;
            }
            Condition::Not(inner) => {
                self.condition(source, &at.join("not"), inner, allowed);
                return;
            }
            Condition::Yes(_) => ("yes", at.join("yes")),
            Condition::No(_) => ("no", at.join("no")),
            Condition::Answered(_) => ("answered", at.join("answered")),
            Condition::Is(_) => ("is", at.join("is").join("question")),
            Condition::Includes(_) => ("includes", at.join("includes").join("question")),
            Condition::AtLeast(_) => ("at_least", at.join("at_least").join("question")),
            Condition::Below(_) => ("below", at.join("below").join("question")),
        };
        let id = condition
            .leaf_question()
            .expect("leaf conditions name a question");
        let questionnaire = &self.rules.questionnaire;
        let Some(question) = questionnaire.question(id) else {
            let known = questionnaire.questions.iter().map(|q| q.id.as_str());
            self.error(
                source,
                &question_at,
                format!("unknown question `{id}`"),
                fix_unknown("a question id from questionnaire.json", id, known),
            );
            return;
        };
        if allowed.is_some_and(|earlier| !earlier.contains(&id)) {
            self.error(
                source,
                &question_at,
                format!("`ask_when` reads `{id}`, which is not asked before this question"),
                "a question may only depend on questions that come earlier in the list",
            );
        }
        let expected = match condition {
            Condition::Yes(_) | Condition::No(_) => Some(QuestionKind::YesNo),
            Condition::Is(_) => Some(QuestionKind::OneOf),
            Condition::Includes(_) => Some(QuestionKind::SeveralOf),
            Condition::AtLeast(_) | Condition::Below(_) => Some(QuestionKind::Number),
            _ => None,
        };
        if expected.is_some_and(|kind| kind != question.kind) {
            self.error(
                source,
                &question_at,
                format!(
                    "`{key}` cannot be used with question `{id}`, which is a {:?} question",
                    question.kind
                ),
                "use `yes`/`no` for yes-no questions, `is` for one-of, `includes` for several-of, \
                 `at_least`/`below` for numbers",
            );
            return;
        }
        if let Condition::Is(test) | Condition::Includes(test) = condition {
            if question.choice(&test.option).is_none() {
                let option_at = at.join(key).join("option");
                let known = question.options.iter().map(|o| o.id.as_str());
                self.error(
                    source,
                    &option_at,
                    format!("question `{id}` has no option `{}`", test.option),
                    fix_unknown("one of its options", &test.option, known),
                );
            }
        }
    }

    /// Definitions nothing uses: not wrong, but usually a slip.
    fn unused(&mut self, sources: &RuleSources) {
        let rules = self.rules;
        let policy = &rules.policy;
        let mut read: BTreeSet<&str> = BTreeSet::new();
        for condition in rules.conditions() {
            read.extend(condition.questions());
        }
        read.insert(&policy.equipment_question);
        read.insert(&policy.minutes_question);
        for (index, question) in rules.questionnaire.questions.iter().enumerate() {
            if !read.contains(question.id.as_str()) {
                self.warn(
                    &sources.questionnaire,
                    &path(&["questions"]).join(index).join("id"),
                    format!(
                        "question `{}` is asked but no rule reads its answer",
                        question.id
                    ),
                    "use it in a rule, or remove it to keep the questionnaire short",
                );
            }
        }
        let picked: BTreeSet<&str> = policy
            .base
            .iter()
            .chain(policy.findings.values().flat_map(|f| f.add.iter()))
            .map(|p| p.exercise.as_str())
            .collect();
        for (index, exercise) in rules.exercises.exercises.iter().enumerate() {
            if !picked.contains(exercise.id.as_str()) {
                self.warn(
                    &sources.exercises,
                    &path(&["exercises"]).join(index).join("id"),
                    format!("exercise `{}` is never chosen", exercise.id),
                    "add it to `base` or to a finding's `add` list in policy.json",
                );
            }
        }
        let carried: BTreeSet<&str> = rules
            .exercises
            .exercises
            .iter()
            .flat_map(|e| e.tags.iter().map(String::as_str))
            .collect();
        for tag in policy.tags.keys() {
            if !carried.contains(tag.as_str()) {
                self.warn(
                    &sources.policy,
                    &path(&["tags", tag]),
                    format!("tag `{tag}` is described but no exercise carries it"),
                    "tag the exercises it applies to, or remove it",
                );
            }
        }
        for (index, finding) in rules.postures.findings.iter().enumerate() {
            if !policy.findings.contains_key(&finding.id) {
                self.warn(
                    &sources.postures,
                    &path(&["findings"]).join(index).join("id"),
                    format!("finding `{}` adds nothing to the routine", finding.id),
                    "give it an entry under `findings` in policy.json",
                );
            }
        }
    }
}

fn is_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn fix_unknown<'k>(expected: &str, given: &str, known: impl Iterator<Item = &'k str>) -> String {
    match did_you_mean(given, known) {
        Some(close) => format!("did you mean `{close}`? use {expected}"),
        None => format!("use {expected}"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::RuleSet;
    use super::*;

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
                .filter(|p| p.severity == crate::error::Severity::Error)
                .collect();
            assert_eq!(errors.len(), 1, "{to}: {errors:?}");
            assert_eq!(errors[0].line, line_of(&text, to), "{to}");
        }
    }
}
