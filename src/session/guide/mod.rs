//! The session in a terminal: each exercise's steps, a countdown bar for every hold, repetition and
//! rest, keys to pause, skip and stop, one key after each exercise for how it felt, then the pain
//! question, the journal entry, and a word at once if the pain calls for one.
//!
//! Keys are read on a thread of their own so that a countdown never waits for one. Every wait is
//! multiplied by `BACKCARE_TIME_SCALE`, so tests run this same countdown in a fraction of the time.

mod keys;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use console::Term;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::plan::{self, Step};
use super::text;
use crate::cli::Settings;
use crate::clock;
use crate::error::{io_reason, Error};
use crate::fitted::Fitted;
use crate::journal::{self, parse_pain, Entry, Hurt, Rated, Record};
use crate::progress;
use crate::prompt::{prompt_colours, typed_answer};
use crate::render::{duration_text, programme_notes, wrap};
use backcare_engine::outcome::Outcome;
use backcare_engine::programme::{Programme, Rating};
use backcare_engine::ruleset::RuleSet;
use keys::{Keys, Press};

/// Set by Ctrl-C when it arrives as a signal: between two key reads, or at the pain question.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// How often a countdown is redrawn and the keys looked at, in real time.
const TICK: Duration = Duration::from_millis(100);
/// Bar positions per second of countdown, so that short holds still move smoothly.
const STEPS_PER_SECOND: f64 = 10.0;

/// How an exercise ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// `s`: on to the next exercise.
    Skip,
    /// `q` or Esc: stop, then the pain question.
    Quit,
    /// Ctrl-C: stop at once; what was done is still recorded.
    Interrupt,
}

struct Guide {
    term: Term,
    keys: Keys,
    scale: f64,
    style: ProgressStyle,
    /// Seconds of countdown run so far, pauses left out, in the routine's own seconds.
    exercised: f64,
}

impl Guide {
    /// Waits for Enter before the first countdown; `None` when it came, the stop otherwise.
    fn ready(&mut self) -> Option<Stop> {
        say(&self.term, text::PRESS_ENTER_TO_START);
        loop {
            if INTERRUPTED.load(Ordering::SeqCst) {
                return Some(Stop::Interrupt);
            }
            match self.keys.next(TICK) {
                Some(Press::Enter) => return None,
                Some(Press::Stop(stop)) => return Some(stop),
                Some(Press::Pause | Press::Choice(_)) | None => {}
            }
        }
    }

    /// Runs an exercise's steps; `None` when it was done to the end.
    fn exercise(&mut self, steps: &[Step]) -> Option<Stop> {
        for step in steps {
            if *step == Step::OtherSide {
                say(&self.term, text::OTHER_SIDE);
                continue;
            }
            if let Some(stop) = self.countdown(text::step_label(step), step.seconds()) {
                return Some(stop);
            }
        }
        None
    }

    /// Counts `seconds` down with a bar; `None` when the time ran out.
    fn countdown(&mut self, label: String, seconds: u32) -> Option<Stop> {
        let total = f64::from(seconds);
        let bar = ProgressBar::with_draw_target(
            Some((total * STEPS_PER_SECOND) as u64),
            ProgressDrawTarget::term(self.term.clone(), 20),
        );
        bar.set_style(self.style.clone());
        bar.set_prefix(label);
        let mut left = total;
        let mut paused = false;
        let stop = loop {
            bar.set_position(((total - left) * STEPS_PER_SECOND).round() as u64);
            // The time left stays in sight while paused, so the person knows where they were.
            let time_left = format!("{} left", duration_text(left.ceil() as u32));
            bar.set_message(if paused {
                format!("{time_left}, paused: press Space to go on")
            } else {
                time_left
            });
            if left <= 0.0 {
                break None;
            }
            if INTERRUPTED.load(Ordering::SeqCst) {
                break Some(Stop::Interrupt);
            }
            let wait = if paused {
                TICK
            } else {
                TICK.min(Duration::from_secs_f64(left * self.scale))
            };
            let started = Instant::now();
            let press = self.keys.next(wait);
            if !paused {
                let ran = (started.elapsed().as_secs_f64() / self.scale).min(left);
                left -= ran;
                self.exercised += ran;
            }
            match press {
                Some(Press::Pause) => paused = !paused,
                Some(Press::Stop(stop)) => break Some(stop),
                Some(Press::Choice(_) | Press::Enter) | None => {}
            }
        };
        bar.finish_and_clear();
        stop
    }

    /// Waits for the answer to a question of `choices` numbered keys, ignoring keys pressed
    /// before it was asked; `Err` when the person stops.
    fn choose(&mut self, choices: u8) -> Result<Answer, Stop> {
        while let Some(press) = self.keys.next(Duration::ZERO) {
            if let Press::Stop(stop @ (Stop::Quit | Stop::Interrupt)) = press {
                return Err(stop);
            }
        }
        loop {
            if INTERRUPTED.load(Ordering::SeqCst) {
                return Err(Stop::Interrupt);
            }
            match self.keys.next(TICK) {
                Some(Press::Choice(choice)) if choice <= choices => {
                    return Ok(Answer::Choice(choice))
                }
                Some(Press::Enter) => return Ok(Answer::Enter),
                Some(Press::Stop(Stop::Skip)) => return Ok(Answer::Leave),
                Some(Press::Stop(stop)) => return Err(stop),
                Some(Press::Choice(_) | Press::Pause) | None => {}
            }
        }
    }

    /// Asks how the exercise felt (Enter for no change), and when worse, what the pain was like.
    /// `Ok(None)` when the person left the rating out.
    /// `nerve_warning` is said when the pain was tingling or numbness.
    fn rate(
        &mut self,
        exercise: &str,
        nerve_warning: &str,
        width: usize,
    ) -> Result<Option<Rated>, Stop> {
        say(&self.term, &wrap(text::RATE_QUESTION, width));
        let felt = match self.choose(3)? {
            Answer::Choice(1) => Rating::Better,
            Answer::Choice(3) => Rating::Worse,
            Answer::Choice(_) | Answer::Enter => Rating::NoChange,
            Answer::Leave => {
                say(&self.term, text::NOT_RATED);
                return Ok(None);
            }
        };
        let mut hurt = None;
        if felt == Rating::Worse {
            say(&self.term, &wrap(text::HURT_QUESTION, width));
            hurt = match self.choose(3)? {
                Answer::Choice(1) => Some(Hurt::Sharp),
                Answer::Choice(2) => Some(Hurt::Aching),
                Answer::Choice(_) => Some(Hurt::Tingling),
                Answer::Enter | Answer::Leave => None,
            };
        }
        say(&self.term, &text::rated(felt, hurt));
        if hurt == Some(Hurt::Tingling) {
            say(&self.term, &wrap(nerve_warning, width));
        }
        Ok(Some(Rated {
            exercise: exercise.to_owned(),
            felt,
            hurt,
        }))
    }
}

/// The answer to a question asked between exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Choice(u8),
    Enter,
    /// `s`: leave the question unanswered.
    Leave,
}

/// `backcare session` in a terminal: the programme's routine, guided, each exercise rated after
/// it, then recorded in the journal.
pub fn run(
    rules: &RuleSet,
    settings: &Settings,
    outcome: &Outcome,
    programme: &Programme,
) -> Result<(), Error> {
    let scale = clock::time_scale()?;
    let today = clock::today()?;
    let journal_path = journal::path()?;
    let color = prompt_colours(settings.stderr);
    settings.stderr.draw();
    let term = Term::stderr();
    // The session runs only on a terminal; its cards read best no wider than 100.
    let width = settings.stderr.width.unwrap_or(80).min(100);
    // Only one handler per process; the session is the only part of this run that sets one.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));

    let routine = &programme.routine;
    say(&term, &text::opening(outcome, routine, width));
    say(&term, &programme_notes(&rules.policy, programme, width));
    say(&term, &format!("\n{}", wrap(text::KEYS, width)));
    let mut guide = Guide {
        keys: Keys::start(&term),
        term: term.clone(),
        scale,
        // The step's name on a line of its own, then the bar and the time left, the bar as wide
        // as leaves room for "10 min 10 s left, paused: press Space to go on".
        style: ProgressStyle::with_template(&format!(
            "  {{prefix}}\n  {{bar:{}.cyan/blue}} {{msg}}",
            width.saturating_sub(50).clamp(10, 40)
        ))
        .expect("the bar template is valid")
        .progress_chars("█░"),
        exercised: 0.0,
    };
    let count = routine.exercises.len();
    let (mut done, mut skipped, mut not_reached, mut rated) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut stopped = None;
    for (index, (exercise, plan)) in routine.exercises.iter().zip(&programme.plans).enumerate() {
        say(
            &term,
            &text::exercise_intro(index + 1, count, exercise, plan, width),
        );
        // The first countdown waits for the person, who has the steps to read first.
        if index == 0 {
            if let Some(stop) = guide.ready() {
                not_reached.extend(routine.exercises.iter().map(|e| e.id.clone()));
                stopped = Some(stop);
                break;
            }
        }
        let ended = match guide.exercise(&plan::steps(&plan.dose, &rules.policy)) {
            None => {
                done.push(exercise.id.clone());
                say(&term, &text::finished(exercise));
                match guide.rate(&exercise.id, &rules.policy.progress.warning_signs, width) {
                    Ok(rating) => {
                        rated.extend(rating);
                        None
                    }
                    // Stopped at the rating: the exercise itself was done.
                    Err(stop) => Some((stop, index + 1)),
                }
            }
            Some(Stop::Skip) => {
                skipped.push(exercise.id.clone());
                say(&term, &text::skipped(exercise));
                None
            }
            Some(stop) => {
                // The one under way was begun and left.
                skipped.push(exercise.id.clone());
                Some((stop, index + 1))
            }
        };
        if let Some((stop, from)) = ended {
            // Those after it were never begun.
            not_reached.extend(routine.exercises[from..].iter().map(|e| e.id.clone()));
            stopped = Some(stop);
            break;
        }
    }
    let Guide {
        keys, exercised, ..
    } = guide;
    match stopped {
        None => say(&term, text::LAST_DONE),
        Some(Stop::Quit) => say(&term, text::QUIT),
        // Ctrl-C: the closing "Stopped." says it.
        Some(_) => {}
    }
    let ctrl_c_at_the_end = keys.finish(&term);
    // Read again after the pain question, where Ctrl-C arrives as a signal.
    let interrupted = || {
        ctrl_c_at_the_end || stopped == Some(Stop::Interrupt) || INTERRUPTED.load(Ordering::SeqCst)
    };
    let pain = if interrupted() {
        None
    } else {
        ask_pain(&term, color, width)?
    };
    let minutes = (exercised / 60.0).round() as u32;
    let saved = text::recorded(
        done.len(),
        skipped.len(),
        not_reached.len(),
        minutes,
        pain,
        &journal_path,
        width,
    );
    let entry = Entry {
        date: today,
        record: Record::Session {
            pain,
            minutes,
            done,
            skipped,
            not_reached,
            rated,
        },
    };
    journal::append(&journal_path, &entry)?;
    say(&term, &saved);
    if let Some(pain) = pain {
        let alert =
            progress::alert_text(&rules.policy.progress, &journal_path, today, pain, width)?;
        if let Some(alert) = alert {
            say(&term, &alert);
        }
    }
    if interrupted() {
        return Err(Error::Interrupted { kept: None });
    }
    Ok(())
}

/// Today's pain, 0 to 10; `None` when left out (Enter alone or Esc), or when Ctrl-C was pressed
/// instead.
fn ask_pain(term: &Term, color: bool, width: usize) -> Result<Option<u8>, Error> {
    let theme = Fitted::new(color);
    say(term, &wrap(text::PAIN_INTRO, width));
    let answer = typed_answer(
        term,
        &theme,
        text::PAIN_QUESTION,
        String::new(),
        true,
        |typed| match typed.trim() {
            "" => Ok(()),
            score => parse_pain(score)
                .map(|_| ())
                .map_err(|_| text::PAIN_RANGE.to_owned()),
        },
    );
    match answer {
        Ok(typed) => Ok(typed.and_then(|t| parse_pain(&t).ok())),
        // Ctrl-C: the signal handler has noted it; the session is still recorded.
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            let _ = term.write_line("");
            Ok(None)
        }
        Err(dialoguer::Error::IO(e)) => Err(Error::Write {
            path: "the terminal".to_owned(),
            reason: io_reason(&e),
        }),
    }
}

fn say(term: &Term, text: &str) {
    let _ = term.write_line(text.strip_suffix('\n').unwrap_or(text));
}
