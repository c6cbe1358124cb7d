//! Wording and colour: text and JSON views of outcomes, questions and exercises.

mod catalogue;
mod explain;
mod outcome;
mod problems;
mod programme;
mod questions;
mod score;

pub use catalogue::{exercise_detail, exercise_list};
pub use explain::{explanation_json, explanation_text};
pub use outcome::{
    chosen_for_text, disclaimer_text, equipment_names, outcome_json, outcome_text, programme_text,
    referral_headline, referral_words, urgency_word,
};
pub use problems::{error_report, report_problems, report_warnings};
pub use programme::{plan_dose_text, programme_json, programme_notes, why_text};
pub use questions::{questions_json, questions_text};
pub use score::{score_json, score_text};

use backcare_engine::ruleset::Dose;

/// Wraps text at spaces to lines of at most `width` characters, keeping existing line breaks.
pub fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let visible =
                console::measure_text_width(&line) + 1 + console::measure_text_width(word);
            if !line.is_empty() && visible > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// Wrapped to `width`, every line after the first indented by `indent`.
pub fn hang(text: &str, width: usize, indent: usize) -> String {
    wrap(text, width.saturating_sub(indent)).replace('\n', &format!("\n{}", " ".repeat(indent)))
}

/// Wraps every line of a block to `width`, continuing each under its own text: after its indent
/// and after a `- ` or `3. ` marker, so lists stay lists on a narrow terminal.
pub fn wrap_block(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            let rest = &line[indent..];
            let number = rest.find(". ").filter(|at| {
                (1..=2).contains(at) && rest[..*at].bytes().all(|b| b.is_ascii_digit())
            });
            let marker = match number {
                Some(at) => at + 2,
                None if rest.starts_with("- ") => 2,
                None => 0,
            };
            let start = indent + marker;
            format!("{}{}", &line[..start], hang(&line[start..], width, start))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A duration in words: "45 s", "3 min", "2 min 30 s".
pub fn duration_text(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// A dose in words: "hold 5 s, 10 times, relaxing 3 s between, 2 sets with 20 s rest, each side".
pub fn dose_text(dose: &Dose) -> String {
    let mut parts = Vec::new();
    if let Some(duration) = dose.duration_seconds {
        parts.push(format!("for {}", duration_text(duration)));
    } else {
        if let Some(hold) = dose.hold_seconds {
            parts.push(format!("hold {}", duration_text(hold)));
        }
        if dose.reps > 1 {
            parts.push(format!("{} times", dose.reps));
            if dose.release_seconds() > 0 {
                parts.push(format!(
                    "relaxing {} between",
                    duration_text(dose.release_seconds())
                ));
            }
        }
        if dose.sets > 1 {
            let rest = dose
                .rest_seconds
                .map(|r| format!(" with {} rest", duration_text(r)))
                .unwrap_or_default();
            parts.push(format!("{} sets{rest}", dose.sets));
        }
    }
    if dose.per_side {
        parts.push("each side".to_owned());
    }
    if parts.is_empty() {
        "once".to_owned()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_wrap_under_their_own_text() {
        let wrapped = wrap_block("  - one two three four\n12. alpha beta gamma", 12);
        assert_eq!(
            wrapped,
            "  - one two\n    three\n    four\n12. alpha\n    beta\n    gamma"
        );
    }

    #[test]
    fn wrapping_breaks_at_spaces_only() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("unbreakable-word x", 5), "unbreakable-word\nx");
    }

    #[test]
    fn doses_read_as_words() {
        let dose: Dose = serde_json::from_str(
            r#"{"hold_seconds": 5, "reps": 10, "sets": 2, "rest_seconds": 20, "per_side": true}"#,
        )
        .unwrap();
        assert_eq!(
            dose_text(&dose),
            "hold 5 s, 10 times, 2 sets with 20 s rest, each side"
        );
        let timed: Dose = serde_json::from_str(r#"{"duration_seconds": 900}"#).unwrap();
        assert_eq!(dose_text(&timed), "for 15 min");
        let relaxed: Dose =
            serde_json::from_str(r#"{"hold_seconds": 5, "release_seconds": 3, "reps": 10}"#)
                .unwrap();
        assert_eq!(
            dose_text(&relaxed),
            "hold 5 s, 10 times, relaxing 3 s between"
        );
    }
}
