//! The terminal side of the questionnaire: dialoguer prompts fitted to each kind of question.

mod typed;

use std::sync::atomic::{AtomicBool, Ordering};

use console::{style, Term};
use dialoguer::{MultiSelect, Select};

use crate::draft;
use crate::error::{io_reason, Error};
use crate::exit;
use crate::fitted::{self, Fitted};
use crate::question_loop::{Asker, Progress, ReviewChoice};
use crate::render::error_report;
use crate::render::{hang, wrap};
use crate::terminal::{tell, Stream};
use backcare_engine::answers::AnswerValue;
use backcare_engine::answers_file::{answer_text, number_text};
use backcare_engine::error::plural;
use backcare_engine::ruleset::{Question, QuestionKind, RuleSet};
use typed::{whole_number, yes_no};

pub(crate) use typed::typed_answer;

/// Whether a prompt is reading keys; Ctrl-C then reaches it as an interrupted read.
static PROMPT_ACTIVE: AtomicBool = AtomicBool::new(false);

pub struct Prompter {
    term: Term,
    theme: Fitted,
    /// The question last picked at the review, where its cursor returns after the change.
    last_changed: Option<String>,
}

/// Whether the prompts, drawn on standard error, use colour; tells console the same, as its own
/// switch is process-wide.
pub fn prompt_colours(stderr: Stream) -> bool {
    console::set_colors_enabled_stderr(stderr.color);
    console::set_colors_enabled(stderr.color);
    stderr.color
}

/// Ctrl-C outside a prompt: show the cursor again, say where the answers are, and stop. Inside a
/// prompt the key comes back as an interrupted read, and [`interact`] handles it.
pub fn restore_terminal_on_interrupt() {
    // Only one handler per process; a second call keeps the first, which does the same.
    let _ = ctrlc::set_handler(|| {
        if PROMPT_ACTIVE.load(Ordering::SeqCst) {
            return;
        }
        let term = Term::stderr();
        let _ = term.show_cursor();
        let error = draft::interrupted();
        tell(&format!("\n{}", error_report(&error)));
        std::process::exit(exit::for_error(&error));
    });
}

/// Runs one prompt; Ctrl-C wipes it and leaves the cursor visible. A list prompt leaves the cursor
/// below its last item, so `lines_above` is its height; a one-line prompt keeps it on its line.
fn interact<T>(
    term: &Term,
    lines_above: usize,
    prompt: impl FnOnce() -> dialoguer::Result<T>,
) -> Result<T, Error> {
    discard_typed_ahead();
    PROMPT_ACTIVE.store(true, Ordering::SeqCst);
    let result = prompt();
    PROMPT_ACTIVE.store(false, Ordering::SeqCst);
    result.map_err(|dialoguer::Error::IO(e)| {
        if e.kind() == std::io::ErrorKind::Interrupted {
            let _ = term.clear_line();
            let _ = term.clear_last_lines(lines_above);
            let _ = term.show_cursor();
            draft::interrupted()
        } else {
            Error::Write {
                path: "the terminal".to_owned(),
                reason: io_reason(&e),
            }
        }
    })
}

/// Throws away keys typed before a prompt is drawn, so that an Enter meant for the previous
/// prompt (a double press, a key held down) cannot answer a question nobody has seen yet.
#[cfg(unix)]
fn discard_typed_ahead() {
    // The prompts read standard input, which `check` and `session` make sure is a terminal; on
    // anything else the call fails and changes nothing.
    // SAFETY: tcflush takes a descriptor number and touches no memory of ours.
    unsafe {
        libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
    }
}

#[cfg(not(unix))]
fn discard_typed_ahead() {}

/// `text` cut at a space to fit `width` columns, with "…" where words were left out.
fn shorten(text: &str, width: usize) -> String {
    if console::measure_text_width(text) <= width {
        return text.to_owned();
    }
    let mut kept = String::new();
    for word in text.split(' ') {
        let longer = console::measure_text_width(&kept) + 1 + console::measure_text_width(word);
        if longer + 1 > width {
            break;
        }
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(word);
    }
    kept.trim_end_matches([',', ';', ':']).to_owned() + "…"
}

/// An option's label wrapped to fit after `marker` columns of cursor and box, its later lines
/// starting under its text; dialoguer then counts its rows right.
fn fitted_item(label: &str, marker: usize) -> String {
    hang(label, fitted::columns().saturating_sub(marker), marker)
}

impl Prompter {
    pub fn new(color: bool) -> Self {
        Prompter {
            term: Term::stderr(),
            theme: Fitted::new(color),
            last_changed: None,
        }
    }

    pub fn width(&self) -> usize {
        fitted::columns()
    }

    pub fn note(&self, text: &str) {
        let _ = self.term.write_line(&wrap(text, self.width()));
    }

    pub fn clear_screen(&self) {
        let _ = self.term.clear_screen();
    }

    pub fn introduce(&self, rules: &RuleSet) {
        self.note(&format!("{}", style("backcare").bold().for_stderr()));
        self.note(&format!(
            "backcare asks about your upper back pain, first checks for warning signs that need a \
             doctor, and if there are none builds a stretching routine that fits you. It takes about \
             5 minutes (up to {} {}). {}",
            rules.questionnaire.questions.len(),
            plural(rules.questionnaire.questions.len(), "short question"),
            rules.policy.disclaimer,
        ));
        self.note("Press Ctrl-C at any time to stop: your answers are kept, and `backcare check --resume` carries on.");
    }

    pub fn offer_resume(&mut self, answered: usize) -> Result<bool, Error> {
        let wanted = self.confirm(
            &format!(
                "You have an unfinished questionnaire ({answered} {}). Carry on where you stopped?",
                plural(answered, "answer")
            ),
            Some(true),
        )?;
        Ok(wanted.unwrap_or(true))
    }

    /// A yes/no question outside the questionnaire; `pick` is what Enter alone accepts. `None`
    /// when the person pressed Esc.
    pub fn confirm(&mut self, prompt: &str, pick: Option<bool>) -> Result<Option<bool>, Error> {
        let (term, theme) = (&self.term, &self.theme);
        interact(term, 0, || yes_no(term, theme, prompt, pick))
    }
}

impl Asker for Prompter {
    fn ask(
        &mut self,
        question: &Question,
        progress: &Progress,
        current: Option<&AnswerValue>,
    ) -> Result<Option<AnswerValue>, Error> {
        if progress.first_in_section || current.is_some() {
            self.note("");
            self.note(&format!(
                "{}",
                style(&progress.section_title)
                    .bold()
                    .underlined()
                    .for_stderr()
            ));
        }
        let keys = match question.kind {
            QuestionKind::YesNo => "y or n, then Enter",
            QuestionKind::OneOf => "arrow keys, then Enter",
            QuestionKind::SeveralOf => "Space picks, Enter when done",
            QuestionKind::Number => "type a number, then Enter",
        };
        let place = format!(
            "{}, {} of about {} ({keys})",
            progress.section_title, progress.number_in_section, progress.section_size
        );
        self.note(&format!("{}", style(place).dim().for_stderr()));
        self.note(&format!("{}", style(&question.help).cyan().for_stderr()));
        let theme = &self.theme;
        let term = &self.term;
        match question.kind {
            QuestionKind::YesNo => {
                let previous = match current {
                    Some(AnswerValue::YesNo(previous)) => Some(*previous),
                    _ => None,
                };
                let answer = interact(term, 0, || yes_no(term, theme, &question.text, previous))?;
                Ok(answer.map(AnswerValue::YesNo))
            }
            QuestionKind::OneOf => {
                let labels: Vec<String> = question
                    .options
                    .iter()
                    .map(|o| fitted_item(&o.label, 2))
                    .collect();
                let start = match current {
                    Some(AnswerValue::Choice(previous)) => Some(*previous),
                    _ => None,
                };
                let prompt = Select::with_theme(theme)
                    .with_prompt(&question.text)
                    .items(&labels)
                    .default(start.unwrap_or(0));
                let picked = interact(term, 1 + labels.len(), || prompt.interact_on_opt(term))?;
                Ok(picked.map(AnswerValue::Choice))
            }
            QuestionKind::SeveralOf => {
                let labels: Vec<String> = question
                    .options
                    .iter()
                    .map(|o| fitted_item(&o.label, 6))
                    .collect();
                let chosen: Vec<bool> = (0..question.options.len())
                    .map(|at| matches!(current, Some(AnswerValue::Choices(c)) if c.contains(at)))
                    .collect();
                let prompt = MultiSelect::with_theme(theme)
                    .with_prompt(format!(
                        "{} (Space to pick, Enter when done)",
                        question.text
                    ))
                    .items(&labels)
                    .defaults(&chosen);
                let picked = interact(term, 1 + labels.len(), || prompt.interact_on_opt(term))?;
                Ok(picked.map(|positions| AnswerValue::Choices(positions.into_iter().collect())))
            }
            QuestionKind::Number => {
                let (min, max) = (
                    question.min.unwrap_or(0.0),
                    question.max.unwrap_or(f64::MAX),
                );
                // Below the minimum is an answer where the questionnaire says whom it is not
                // for: the questions then end with that advice rather than a range error.
                let below_min_allowed = question.below_min.is_some();
                // A scale's unit ("0-10") only repeats the range.
                let unit = question
                    .unit
                    .as_deref()
                    .filter(|u| *u != "0-10")
                    .map_or_else(String::new, |u| format!(" {u}"));
                let prompt = format!(
                    "{} ({} to {}{unit})",
                    question.text,
                    number_text(min),
                    number_text(max),
                );
                let initial = match current {
                    Some(AnswerValue::Number(previous)) => number_text(*previous),
                    _ => String::new(),
                };
                let check = |typed: &str| whole_number(typed, min, max, &unit, below_min_allowed);
                let typed = interact(term, 0, || {
                    typed_answer(term, theme, &prompt, initial, false, |t| {
                        check(t).map(|_| ())
                    })
                })?;
                Ok(typed.and_then(|t| check(&t).ok()).map(AnswerValue::Number))
            }
        }
    }

    fn review(
        &mut self,
        answered: &[(&Question, &AnswerValue)],
    ) -> Result<Option<ReviewChoice>, Error> {
        self.note("");
        self.note(&format!(
            "{}",
            style("Check your answers").bold().underlined().for_stderr()
        ));
        // Each answer on one row, so that dialoguer's count of rows is right: a long question is
        // cut at a word, a long answer too, leaving room for the cursor.
        let room = self.width().saturating_sub(4);
        let mut items = vec!["All correct: show my result".to_owned()];
        items.extend(answered.iter().map(|(question, answer)| {
            let shown = shorten(&answer_text(question, answer), room / 2);
            let asked = shorten(
                &question.text,
                room.saturating_sub(2 + console::measure_text_width(&shown)),
            );
            format!("{asked}  {}", style(shown).bold().for_stderr())
        }));
        let visible = usize::from(self.term.size().0)
            .saturating_sub(4)
            .clamp(5, 20);
        // The cursor starts on the answer just changed, so the person sees the new answer there.
        let start = self
            .last_changed
            .as_ref()
            .and_then(|id| answered.iter().position(|(q, _)| q.id == *id))
            .map_or(0, |at| at + 1);
        let prompt = Select::with_theme(&self.theme)
            .with_prompt("Pick an answer to change it, or confirm (arrow keys, then Enter)")
            .items(&items)
            .default(start)
            .report(false)
            .max_length(visible);
        let picked = interact(&self.term, 1 + visible.min(items.len()), || {
            prompt.interact_on_opt(&self.term)
        })?;
        let choice = picked.map(|index| match index {
            0 => ReviewChoice::Confirm,
            n => ReviewChoice::Change(answered[n - 1].0.id.clone()),
        });
        self.last_changed = match &choice {
            Some(ReviewChoice::Change(id)) => Some(id.clone()),
            _ => None,
        };
        Ok(choice)
    }
}
