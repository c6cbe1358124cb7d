//! The prompts backcare draws itself rather than through dialoguer: a yes/no that waits for Enter,
//! and a short typed answer with its check, such as a whole number in range. Drawn by hand so that
//! a prompt of several lines is wiped whole; apart from the prompts that dialoguer draws.

use console::{style, Key, Term};
use dialoguer::theme::Theme;

use crate::fitted::{self, Fitted};
use backcare_engine::answers_file::number_text;

/// A yes/no prompt that answers only on Enter after y or n. A y or n alone never moves on, so the
/// Enter a hurried person presses after it cannot fall on the next question; Enter before either
/// does nothing. `pick` is an answer already given, which Enter keeps. `None` on Esc or q.
pub(super) fn yes_no(
    term: &Term,
    theme: &Fitted,
    prompt: &str,
    mut pick: Option<bool>,
) -> dialoguer::Result<Option<bool>> {
    let mut question = String::new();
    // Formatting into a String cannot fail.
    let _ = theme.format_confirm_prompt(&mut question, prompt, None);
    let line = |pick: Option<bool>| match pick {
        None => question.clone(),
        Some(yes) => theme.fit(&format!(
            "{} {} {}",
            question.trim_end(),
            style(if yes { "yes" } else { "no" }).bold().for_stderr(),
            style("(Enter to confirm)").dim().for_stderr()
        )),
    };
    let mut drawn = line(pick);
    term.write_str(&drawn)?;
    let answer = loop {
        let next = match term.read_key()? {
            Key::Char('y' | 'Y') => Some(true),
            Key::Char('n' | 'N') => Some(false),
            Key::Enter if pick.is_some() => break pick,
            Key::Escape | Key::Char('q' | 'Q') => break None,
            _ => continue,
        };
        if next != pick {
            pick = next;
            clear_drawn(term, &drawn)?;
            drawn = line(pick);
            term.write_str(&drawn)?;
        }
    };
    clear_drawn(term, &drawn)?;
    let mut report = String::new();
    let _ = theme.format_confirm_prompt_selection(&mut report, prompt, answer);
    term.write_line(&report)?;
    Ok(answer)
}

/// Wipes the lines a prompt drew, with the rows any wrapped onto; the cursor ends at their start.
fn clear_drawn(term: &Term, drawn: &str) -> std::io::Result<()> {
    let rows = fitted::rows(drawn, usize::from(term.size().1));
    term.clear_line()?;
    term.clear_last_lines(rows.saturating_sub(1))
}

/// A short answer typed after the prompt, checked by `check` on Enter; its reason is shown above
/// the prompt until the next try. Enter alone does nothing unless `empty_allowed`. Drawn here
/// rather than by dialoguer so that a prompt of several lines is wiped whole, and so that Esc
/// stops as it does at every other question (`None`).
pub(crate) fn typed_answer(
    term: &Term,
    theme: &Fitted,
    prompt: &str,
    initial: String,
    empty_allowed: bool,
    check: impl Fn(&str) -> Result<(), String>,
) -> dialoguer::Result<Option<String>> {
    /// Longer than any answer typed here, short enough to stay on a line.
    const LONGEST: usize = 12;
    let mut typed = initial;
    let mut reason: Option<String> = None;
    loop {
        let mut drawn = String::new();
        if let Some(reason) = &reason {
            let _ = theme.format_error(&mut drawn, reason);
            drawn.push('\n');
        }
        let _ = theme.format_input_prompt(&mut drawn, prompt, None);
        drawn.push_str(&typed);
        term.write_str(&drawn)?;
        let key = term.read_key()?;
        clear_drawn(term, &drawn)?;
        match key {
            Key::Char(c) if !c.is_control() && typed.chars().count() < LONGEST => typed.push(c),
            Key::Backspace => {
                typed.pop();
            }
            Key::Escape => return Ok(None),
            Key::Enter if empty_allowed || !typed.trim().is_empty() => match check(&typed) {
                Ok(()) => {
                    let mut report = String::new();
                    let _ = theme.format_input_prompt_selection(&mut report, prompt, typed.trim());
                    term.write_line(&report)?;
                    return Ok(Some(typed));
                }
                // Typed afresh, as the reason above says what was wrong with it.
                Err(why) => {
                    reason = Some(why);
                    typed.clear();
                }
            },
            _ => {}
        }
    }
}

/// A number typed at a number question. Every number question counts whole units (years, days,
/// points, hours, minutes, centimetres), from `min` to `max`; `unit` follows the range when
/// given. The error is a sentence for the person.
pub(super) fn whole_number(
    typed: &str,
    min: f64,
    max: f64,
    unit: &str,
    below_min_allowed: bool,
) -> Result<f64, String> {
    let typed = typed.trim();
    let wanted = format!(
        "Please type a whole number from {} to {}{unit}.",
        number_text(min),
        number_text(max)
    );
    let Some(value) = typed.parse::<f64>().ok().filter(|v| v.is_finite()) else {
        return Err(format!("\"{typed}\" is not a number. {wanted}"));
    };
    if value.fract() != 0.0 {
        Err(format!("{typed} is not a whole number. {wanted}"))
    } else if value < min && !below_min_allowed {
        Err(format!(
            "{typed} is less than {}, the lowest answer here. {wanted}",
            number_text(min)
        ))
    } else if value > max {
        Err(format!(
            "{typed} is more than {}, the highest answer here. {wanted}",
            number_text(max)
        ))
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_number_must_be_whole_and_in_range_and_the_reason_is_a_sentence() {
        assert_eq!(whole_number(" 34 ", 16.0, 110.0, " years", false), Ok(34.0));
        // Where the questionnaire says whom it is not for, a lower number is an answer.
        assert_eq!(whole_number("12", 16.0, 110.0, " years", true), Ok(12.0));
        for (typed, reason) in [
            ("34.5", "34.5 is not a whole number."),
            ("12", "12 is less than 16, the lowest answer here."),
            ("150", "150 is more than 110, the highest answer here."),
            ("abc", "\"abc\" is not a number."),
            ("NaN", "\"NaN\" is not a number."),
        ] {
            let said = whole_number(typed, 16.0, 110.0, " years", false).unwrap_err();
            assert_eq!(
                said,
                format!("{reason} Please type a whole number from 16 to 110 years.")
            );
        }
    }
}
