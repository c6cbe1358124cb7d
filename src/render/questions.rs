//! The questionnaire as a person reads it, and as JSON.

use std::fmt::Write as _;

use colored::Colorize;

use backcare_engine::answers_file::number_text;
use backcare_engine::condition::Condition;
use backcare_engine::ruleset::{QuestionKind, RuleSet};

pub fn questions_json(rules: &RuleSet) -> String {
    serde_json::to_string_pretty(&rules.questionnaire).expect("the questionnaire always serialises")
}

pub fn questions_text(rules: &RuleSet) -> String {
    let mut out = String::new();
    for section in &rules.questionnaire.sections {
        let _ = writeln!(out, "{}", section.title.bold().underline());
        for question in rules
            .questionnaire
            .questions
            .iter()
            .filter(|q| q.section == section.id)
        {
            let kind = match question.kind {
                QuestionKind::YesNo => "yes/no".to_owned(),
                QuestionKind::OneOf => "one of".to_owned(),
                QuestionKind::SeveralOf => "several of".to_owned(),
                QuestionKind::Number => format!(
                    "number {} to {} {}",
                    number_text(question.min.unwrap_or_default()),
                    number_text(question.max.unwrap_or_default()),
                    question.unit.as_deref().unwrap_or("")
                ),
            };
            let _ = writeln!(out, "  {}  [{}]", question.id.bold(), kind.trim_end());
            let _ = writeln!(out, "    {}", question.text);
            let _ = writeln!(out, "    {}", question.help.dimmed());
            for option in &question.options {
                let _ = writeln!(out, "      - {}: {}", option.id, option.label);
            }
            if let Some(condition) = &question.ask_when {
                let _ = writeln!(out, "    asked only when {}", condition_text(condition));
            }
        }
        out.push('\n');
    }
    out
}

/// A condition in words, for people reading the questionnaire or the rules.
pub(super) fn condition_text(condition: &Condition) -> String {
    let join = |items: &[Condition], word: &str| {
        let parts: Vec<String> = items
            .iter()
            .map(|item| match item {
                Condition::All(_) | Condition::Any(_) => format!("({})", condition_text(item)),
                _ => condition_text(item),
            })
            .collect();
        parts.join(word)
    };
    match condition {
        Condition::Yes(q) => format!("{q} is yes"),
        Condition::No(q) => format!("{q} is no"),
        Condition::Is(t) => format!("{} is {}", t.question, t.option),
        Condition::Includes(t) => format!("{} includes {}", t.question, t.option),
        Condition::AtLeast(t) => format!("{} is at least {}", t.question, number_text(t.value)),
        Condition::Below(t) => format!("{} is below {}", t.question, number_text(t.value)),
        Condition::Answered(q) => format!("{q} is answered"),
        Condition::All(items) => join(items, " and "),
        Condition::Any(items) => join(items, " or "),
        Condition::Not(inner) => format!("not ({})", condition_text(inner)),
    }
}
