//! The words of a session: its opening, each exercise, each timed step, the plan printed when there
//! is no terminal, and what was recorded.

use std::fmt::Write as _;
use std::path::Path;

use colored::Colorize;

use super::plan::{self, Side, Step};
use crate::journal::Hurt;
use crate::progress::text::take_care;
use crate::render::{disclaimer_text, duration_text, hang, referral_headline, wrap};
use crate::render::{plan_dose_text, programme_notes, why_text};
use backcare_engine::error::plural;
use backcare_engine::outcome::{Outcome, Routine, RoutineExercise};
use backcare_engine::programme::{Plan, Programme, Rating};
use backcare_engine::ruleset::policy::ProgressPolicy;
use backcare_engine::ruleset::policy::MAX_PAIN;
use backcare_engine::ruleset::Policy;

pub const KEYS: &str =
    "Keys: Space pauses and goes on, s skips an exercise, q stops (what you have done is kept).";

/// The headline, advisories that come with an urgency, and the key points.
pub fn opening(outcome: &Outcome, routine: &Routine, width: usize) -> String {
    let mut out = String::new();
    let headline = format!(
        "{} {} {}, about {} (fitted to {} min)",
        "Today's session:".green().bold(),
        routine.exercises.len(),
        plural(routine.exercises.len(), "exercise"),
        duration_text(routine.total_seconds),
        routine.minutes_budget
    );
    let _ = writeln!(out, "{}", wrap(&headline, width));
    for advisory in &outcome.advisories {
        if let Some(urgency) = advisory.urgency {
            let _ = writeln!(out, "\n{}", referral_headline(urgency, advisory.see));
            let _ = writeln!(out, "{}", wrap(&advisory.message, width));
        }
    }
    let _ = writeln!(out, "\n{}", "Before you start".bold());
    for point in routine.key_points {
        let _ = writeln!(out, "  - {}", hang(point, width, 4));
    }
    out
}

/// The exercise's name, dose, steps and cautions, read before its countdown starts.
pub fn exercise_intro(
    number: usize,
    count: usize,
    exercise: &RoutineExercise,
    plan: &Plan,
    width: usize,
) -> String {
    let mut out = String::new();
    let headline = format!(
        "{} {}  ({}, about {})",
        format!("Exercise {number} of {count}:").bold(),
        exercise.name.bold(),
        exercise.phase.id(),
        duration_text(exercise.seconds)
    );
    let _ = writeln!(out, "\n{}", wrap(&headline, width));
    let _ = writeln!(out, "  Dose: {}", plan_dose_text(&plan.dose, plan.raised));
    let _ = writeln!(out, "  Why: {}", why_text(&plan.why));
    for (index, step) in exercise.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", index + 1, hang(step, width, 5));
    }
    for caution in &exercise.cautions {
        let _ = writeln!(
            out,
            "  {} {}",
            "Take care:".yellow(),
            hang(caution, width, 13)
        );
    }
    if plan.dose.per_side {
        let _ = writeln!(out, "  Left side first, then the right.");
    }
    out
}

/// The name of a timed step, shown beside its countdown bar, with its side when it has one.
pub fn step_label(step: &Step) -> String {
    let of_sets = |set: u32, sets: u32| {
        if sets > 1 {
            format!(", set {set} of {sets}")
        } else {
            String::new()
        }
    };
    let on = |side: Option<Side>| match side {
        Some(Side::First) => ", left",
        Some(Side::Other) => ", right",
        None => "",
    };
    match *step {
        Step::GetReady { .. } => "Get into position".to_owned(),
        Step::Rep {
            held: true,
            rep,
            reps,
            set,
            sets,
            side,
            ..
        } => format!("Hold {rep} of {reps}{}{}", of_sets(set, sets), on(side)),
        Step::Rep {
            rep,
            reps,
            set,
            sets,
            side,
            ..
        } => format!(
            "Repetition {rep} of {reps}{}{}",
            of_sets(set, sets),
            on(side)
        ),
        Step::Timed { side, .. } => format!("Keep at it{}", on(side)),
        Step::Rest { next_set, sets, .. } => format!("Rest before set {next_set} of {sets}"),
        Step::Release { .. } => "Relax".to_owned(),
        Step::OtherSide => OTHER_SIDE.to_owned(),
    }
}

pub const OTHER_SIDE: &str = "  Now the right side.";
pub const LAST_DONE: &str = "\nThat was the last exercise: well done.";
pub const QUIT: &str = "\nStopped. What you have done so far is kept.";
pub const PRESS_ENTER: &str = "Press Enter to go on.";
pub const PRESS_ENTER_TO_START: &str = "  Press Enter when you are ready to start.";

/// Said instead of a session when the programme leaves no exercise for today.
pub const NOTHING_LEFT: &str = "No exercise is left for today's session: those your answers \
     allow have made your pain worse too often. Please see a doctor or physiotherapist before \
     exercising on your own again.";

/// Asked after each exercise done; the answer is one key.
pub const RATE_QUESTION: &str = "How did that feel? Press 1 better, 2 no change, 3 worse \
     (Enter is no change; s leaves it unrated).";
/// Asked after a rating of worse.
pub const HURT_QUESTION: &str = "What was it like? Press 1 sharp, 2 aching, 3 tingling or \
     numbness (Enter leaves it out).";
pub const NOT_RATED: &str = "  Not rated.";

/// The rating, as it goes into the journal.
pub fn rated(felt: Rating, hurt: Option<Hurt>) -> String {
    let felt = match felt {
        Rating::Better => "better".green(),
        Rating::NoChange => "no change".normal(),
        Rating::Worse => "worse".yellow(),
    };
    match hurt {
        Some(hurt) => format!("  Rated: {felt} ({})", hurt.id()),
        None => format!("  Rated: {felt}"),
    }
}

pub fn finished(exercise: &RoutineExercise) -> String {
    format!("  {} {}: done", "✓".green().bold(), exercise.name)
}

pub fn skipped(exercise: &RoutineExercise) -> String {
    format!("  {} {}: skipped", "-".yellow().bold(), exercise.name)
}

/// Said before the pain question, which then stays short.
pub const PAIN_INTRO: &str =
    "One last question for your journal. 0 is no pain, 10 the worst you can imagine; press Enter \
     alone or Esc to leave it out.";
pub const PAIN_QUESTION: &str = "How is your back pain now (0 to 10)";
pub const PAIN_RANGE: &str = "type a whole number from 0 to 10, or nothing to leave it out";

/// Said before a session on a day whose latest pain score is high.
pub fn high_pain_today(pain: u8, policy: &ProgressPolicy, width: usize) -> String {
    let text = format!(
        "You logged a pain of {pain} out of {MAX_PAIN} today. {}",
        policy.high_pain.message
    );
    take_care(&text, width)
}

pub const START_ANYWAY: &str = "Start today's session all the same?";
pub const NOT_TODAY: &str =
    "No session today. `backcare session` is there when your pain has settled.";

/// What went into the journal, and where.
pub fn recorded(
    done: usize,
    skipped: usize,
    not_reached: usize,
    minutes: u32,
    pain: Option<u8>,
    journal: &Path,
    width: usize,
) -> String {
    let pain = pain.map_or_else(
        || "no pain score".to_owned(),
        |p| format!("pain {p} out of {MAX_PAIN}"),
    );
    let not_reached = if not_reached > 0 {
        format!(", {not_reached} not reached")
    } else {
        String::new()
    };
    let text = format!(
        "Saved in your journal: {done} done, {skipped} skipped{not_reached}, {minutes} min, {pain}. \
         `backcare progress` shows how your pain is going. (The journal is {}.)",
        journal.display()
    );
    wrap(&text, width)
}

/// The session without a terminal: every exercise with the time it starts and what it holds.
pub fn plan_text(
    outcome: &Outcome,
    programme: &Programme,
    policy: &Policy,
    width: usize,
) -> String {
    let routine = &programme.routine;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        wrap(
            "There is no terminal here, so nothing is timed: this is today's session with its \
             timings. Run `backcare session` in a terminal to be guided through it with a \
             countdown.",
            width
        )
    );
    out.push_str(&opening(outcome, routine, width));
    out.push('\n');
    out.push_str(&programme_notes(policy, programme, width));
    out.push('\n');
    let mut start = 0;
    for (index, (exercise, plan)) in routine.exercises.iter().zip(&programme.plans).enumerate() {
        let _ = writeln!(
            out,
            "{:>3}:{:02}  {}. {}  ({}, {})",
            start / 60,
            start % 60,
            index + 1,
            exercise.name.bold(),
            exercise.phase.id(),
            duration_text(exercise.seconds)
        );
        let steps = plan::steps(&plan.dose, policy);
        let _ = writeln!(out, "        {}", hang(&timeline(&steps), width, 8));
        let _ = writeln!(
            out,
            "        Why: {}",
            hang(&why_text(&plan.why), width, 13)
        );
        start += exercise.seconds;
    }
    let _ = writeln!(
        out,
        "{:>3}:{:02}  end",
        routine.total_seconds / 60,
        routine.total_seconds % 60
    );
    out.push_str(&disclaimer_text(outcome));
    out
}

/// The steps in a line: runs of equal repetitions said once, sides separated.
fn timeline(steps: &[Step]) -> String {
    let mut sides: Vec<Vec<String>> = vec![Vec::new()];
    let mut index = 0;
    while index < steps.len() {
        let step = steps[index];
        let phrase = match step {
            Step::GetReady { seconds } => format!("get into position {}", duration_text(seconds)),
            Step::Rep {
                seconds,
                held,
                set,
                side,
                ..
            } => {
                // The repetitions of one set on one side, with the releases between them.
                let stretch: Vec<&Step> = steps[index..]
                    .iter()
                    .take_while(|s| match s {
                        Step::Rep {
                            set: s2, side: d2, ..
                        } => *s2 == set && *d2 == side,
                        Step::Release { .. } => true,
                        _ => false,
                    })
                    .collect();
                index += stretch.len() - 1;
                let run = stretch
                    .iter()
                    .filter(|s| matches!(s, Step::Rep { .. }))
                    .count();
                let release = stretch.iter().find_map(|s| match s {
                    Step::Release { seconds } => Some(*seconds),
                    _ => None,
                });
                match (held, run) {
                    (true, 1) => format!("hold {}", duration_text(seconds)),
                    (true, n) => match release {
                        Some(release) => format!(
                            "{n} holds of {}, relaxing {} between them",
                            duration_text(seconds),
                            duration_text(release)
                        ),
                        None => format!("{n} holds of {}", duration_text(seconds)),
                    },
                    (false, 1) => format!("1 repetition of about {}", duration_text(seconds)),
                    (false, n) => {
                        format!("{n} repetitions of about {} each", duration_text(seconds))
                    }
                }
            }
            Step::Timed { seconds, .. } => format!("keep at it for {}", duration_text(seconds)),
            Step::Rest { seconds, .. } => format!("rest {}", duration_text(seconds)),
            // Said with the holds it comes between.
            Step::Release { seconds } => format!("relax {}", duration_text(seconds)),
            Step::OtherSide => {
                sides.push(Vec::new());
                index += 1;
                continue;
            }
        };
        sides.last_mut().expect("starts with one side").push(phrase);
        index += 1;
    }
    sides
        .iter()
        .map(|phrases| phrases.join(", "))
        .collect::<Vec<_>>()
        .join("; then the right side: ")
}
