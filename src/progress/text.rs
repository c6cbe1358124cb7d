//! The journal in words and colour: the pain chart, the weeks and the advice.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use colored::{Color, Colorize};

use super::posture::PostureExercises;
use super::review::{Advice, Day, PainAlert, Review, Rise};
use crate::render::{hang, wrap};
use backcare_engine::answers_file::number_text;
use backcare_engine::error::plural;
use backcare_engine::ruleset::policy::ProgressPolicy;
use backcare_engine::ruleset::policy::MAX_PAIN;
use backcare_engine::ruleset::RuleSet;

/// Columns of the bar for one point of pain.
const COLUMNS_PER_POINT: usize = 2;
/// The chart shows the last six weeks; the exports hold everything.
const CHART_DAYS: usize = 42;

pub fn logged(pain: u8, date: NaiveDate, journal: &Path) -> String {
    format!(
        "Recorded pain {pain} out of {MAX_PAIN} for {} in {}.\n",
        date.format("%A %-d %B %Y"),
        journal.display()
    )
}

/// Said as soon as a score that calls for it is recorded, after the line that records it.
pub fn pain_alert(policy: &ProgressPolicy, alert: PainAlert, width: usize) -> String {
    let message = match alert {
        PainAlert::High => policy.high_pain.message.clone(),
        PainAlert::SharpRise(rise) => format!("{} {}", policy.sharp_rise.message, rise_text(rise)),
    };
    format!("\n{}", take_care(&message, width))
}

/// What a sharp rise was measured on, so the person can see why it was called one.
fn rise_text(rise: Rise) -> String {
    format!(
        "(Measured: your latest score, {}, is {} {} above your average of {} over the {} {} \
         before it.)",
        rise.now,
        score_text(f64::from(rise.now) - rise.before),
        plural_points(f64::from(rise.now) - rise.before),
        score_text(rise.before),
        rise.days,
        plural(rise.days, "day")
    )
}

/// A warning about the pain, under a heading that stands out.
pub fn take_care(text: &str, width: usize) -> String {
    format!("{}\n{}\n", "Take care".yellow().bold(), wrap(text, width))
}

/// Said when backcare's own saved answers could not be read and were moved to `aside`.
pub fn saved_answers_set_aside(aside: &Path) -> String {
    format!(
        "backcare's saved answers could not be read; they were set aside as {}.\n",
        aside.display()
    )
}

/// Said when the saved answers could not be read: the review goes on without them.
pub fn without_saved_answers() -> String {
    "Your pain review below is drawn from the journal alone; run `backcare check` again to save \
     your answers, so the posture work can be chosen for you."
        .to_owned()
}

pub fn empty_journal() -> String {
    "Your journal is empty. Record today's pain with `backcare log PAIN` (0 is no pain, 10 the \
     worst you can imagine), or do a guided session with `backcare session`, which asks at its \
     end.\n"
        .to_owned()
}

/// What is said after the lines of the journal that could not be read.
pub fn damaged_lines(count: usize, journal: &Path) -> String {
    format!(
        "{count} {} of {} could not be read and {} skipped; backcare has not changed the file.\n",
        plural(count, "line"),
        journal.display(),
        if count == 1 { "was" } else { "were" }
    )
}

/// The review; `width` is the terminal's, for the advice, whose lines continue under their text
/// after a coloured marker (the caller fits the rest).
pub fn progress_text(
    rules: &RuleSet,
    review: &Review,
    posture: &PostureExercises,
    width: usize,
) -> String {
    let mut out = String::new();
    if matches!(posture, PostureExercises::NoRoutine) {
        let _ = writeln!(
            out,
            "{}\n",
            "Your last saved answers point to warning signs, or leave warning-sign questions open, \
             so backcare suggests no exercises: `backcare session` shows what to do instead."
                .yellow()
                .bold()
        );
    }
    chart(review, &mut out);
    weeks(review, &mut out);
    comparison(review, &mut out);
    exercise_table(rules, review, &mut out);
    let _ = writeln!(out, "\n{}", "What to do now".bold());
    for advice in &review.advice {
        advice_text(review, rules, *advice, posture, width, &mut out);
    }
    // Said once: the advice to be seen already says so when it is given.
    let no_sessions = review.days.iter().all(|d| d.sessions == 0)
        && !review.advice.contains(&Advice::SeeProfessional);
    if no_sessions && !matches!(posture, PostureExercises::NoRoutine) {
        let _ = writeln!(
            out,
            "  - Your journal records no sessions yet: `backcare session` takes you through your \
             routine with a timer and notes it here."
        );
    }
    out
}

/// Each exercise done in a session: how often, and how it felt afterwards, most helpful first.
fn exercise_table(rules: &RuleSet, review: &Review, out: &mut String) {
    if review.exercises.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", "Your exercises, the most helpful first".bold());
    let name = |id: &str| {
        rules
            .exercises
            .get(id)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    };
    let width = review
        .exercises
        .iter()
        .map(|(id, _)| name(id).chars().count())
        .max()
        .unwrap_or(0)
        .max("exercise".len());
    let _ = writeln!(
        out,
        "  {:<width$}  {:>4}  {:>6}  {:>9}  {:>5}  {:>9}",
        "exercise", "done", "better", "no change", "worse", "not rated"
    );
    for (id, counts) in &review.exercises {
        let _ = writeln!(
            out,
            "  {:<width$}  {:>4}  {:>6}  {:>9}  {:>5}  {:>9}",
            name(id),
            counts.done,
            counts.better,
            counts.no_change,
            counts.worse,
            counts.done.saturating_sub(counts.rated())
        );
    }
}

fn chart(review: &Review, out: &mut String) {
    let _ = writeln!(
        out,
        "{} (0 is no pain, {MAX_PAIN} the worst)",
        format!(
            "Your pain from {} to {}",
            review.start.format("%-d %b %Y"),
            review.today.format("%-d %b %Y")
        )
        .bold()
    );
    let shown = &review.days[review.days.len().saturating_sub(CHART_DAYS)..];
    for day in shown {
        day_line(day, out);
    }
    let _ = writeln!(
        out,
        "{}",
        "Each █ is half a point; · marks a day without a score.".dimmed()
    );
    if shown.len() < review.days.len() {
        let _ = writeln!(
            out,
            "{}",
            "Earlier days are not drawn; `backcare progress --csv` lists every entry.".dimmed()
        );
    }
    if review.after_today > 0 {
        let _ = writeln!(
            out,
            "{} {} dated after today, not counted.",
            review.after_today,
            if review.after_today == 1 {
                "entry is"
            } else {
                "entries are"
            }
        );
    }
}

fn day_line(day: &Day, out: &mut String) {
    let date = day.date.format("%a %e %b").to_string();
    let sessions = match day.sessions {
        0 => String::new(),
        1 => "✓ session".to_owned(),
        n => format!("✓ {n} sessions"),
    };
    let bar_width = usize::from(MAX_PAIN) * COLUMNS_PER_POINT;
    match day.pain {
        Some(pain) => {
            let columns = (pain * COLUMNS_PER_POINT as f64).round() as usize;
            let bar = format!("{:<bar_width$}", "█".repeat(columns));
            let line = format!(
                "  {date}  {} {:>4}  {sessions}",
                bar.color(pain_color(pain)),
                score_text(pain)
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        None => {
            let line = format!("  {date}  {:<bar_width$} {:>4}  {sessions}", "·", "");
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
}

/// Green for mild pain, yellow for moderate, red for severe.
fn pain_color(pain: f64) -> Color {
    if pain <= 3.0 {
        Color::Green
    } else if pain <= 6.0 {
        Color::Yellow
    } else {
        Color::Red
    }
}

/// An average as a person would say it: at most one decimal.
fn score_text(pain: f64) -> String {
    number_text((pain * 10.0).round() / 10.0)
}

fn weeks(review: &Review, out: &mut String) {
    let _ = writeln!(
        out,
        "\n{} (pain is the week's average)",
        "Sessions, week by week".bold()
    );
    for (index, week) in review.weeks.iter().enumerate() {
        let last = if index + 1 == review.weeks.len() {
            "today".to_owned()
        } else {
            week.last.format("%-d %b").to_string()
        };
        let pain = week.pain.map_or_else(
            || "no pain score".to_owned(),
            |p| format!("pain {}", score_text(p)),
        );
        let _ = writeln!(
            out,
            "  Week {:<2} {:>6} to {:<6} {:>2} {:<8} {:>3} min  {pain}",
            index + 1,
            week.first.format("%-d %b").to_string(),
            last,
            week.sessions,
            plural(week.sessions, "session"),
            week.minutes,
        );
    }
}

fn comparison(review: &Review, out: &mut String) {
    let text = match (review.first_week, review.this_week) {
        (Some(first), Some(now)) => {
            let change = now - first;
            let direction = if change.abs() < 0.05 {
                "the same as".to_owned()
            } else {
                let word = if change < 0.0 { "lower" } else { "higher" };
                let share = if first > 0.0 {
                    format!(" ({}%)", (change.abs() / first * 100.0).round())
                } else {
                    String::new()
                };
                format!(
                    "{} {} {word}{share} than",
                    score_text(change.abs()),
                    plural_points(change.abs())
                )
            };
            format!(
                "Over the last seven days your pain averages {}: {direction} your first week's {}.",
                score_text(now),
                score_text(first)
            )
        }
        (Some(first), None) if review.weeks.len() == 1 => format!(
            "Your first week runs to {}; so far your pain averages {}.",
            super::review::day_after(review.start, 6).format("%-d %b"),
            score_text(first)
        ),
        (Some(first), None) => format!(
            "There is no pain score in the last seven days to compare with your first week's {}.",
            score_text(first)
        ),
        (None, _) => return,
    };
    let _ = writeln!(out, "\n{text}");
}

fn plural_points(points: f64) -> &'static str {
    if (points - 1.0).abs() < 0.05 {
        "point"
    } else {
        "points"
    }
}

fn advice_text(
    review: &Review,
    rules: &RuleSet,
    advice: Advice,
    posture: &PostureExercises,
    width: usize,
    out: &mut String,
) {
    let progress = &rules.policy.progress;
    let measured;
    let sessions: usize = review.days.iter().map(|d| d.sessions).sum();
    let (marker, message) = match advice {
        // The policy's wording speaks of weeks of exercise, which a journal without sessions
        // does not show; the advice to be seen stands all the same.
        Advice::SeeProfessional if sessions == 0 => {
            measured = "Your pain is still no better after several weeks, and your journal records \
                        no sessions. Book a visit to a doctor or physiotherapist to find out what \
                        keeps it going; meanwhile `backcare session` can guide you through a gentle \
                        routine, unless it makes things worse."
                .to_owned();
            ("!".yellow().bold(), &measured)
        }
        Advice::SharpRise => {
            measured = review.rise.map_or_else(
                || progress.sharp_rise.message.clone(),
                |rise| format!("{} {}", progress.sharp_rise.message, rise_text(rise)),
            );
            ("!".red().bold(), &measured)
        }
        Advice::GettingWorse => ("!".red().bold(), &progress.getting_worse.message),
        Advice::SeeProfessional => ("!".yellow().bold(), &progress.see_professional.message),
        Advice::Improving => ("✓".green().bold(), &progress.improving.message),
        Advice::Posture => ("-".normal(), &progress.posture.message),
        Advice::KeepGoing => ("-".normal(), &progress.keep_going),
        Advice::KeepLogging => ("-".normal(), &progress.keep_logging),
        Advice::WarningSigns => ("-".normal(), &progress.warning_signs),
    };
    let _ = writeln!(out, "  {marker} {}", hang(message, width, 4));
    if advice != Advice::Posture {
        return;
    }
    let (exercises, note) = match posture {
        PostureExercises::Fitted(exercises) => (
            exercises.as_slice(),
            "Chosen for your posture from your last saved answers.",
        ),
        PostureExercises::NoAnswers => {
            let _ = writeln!(
                out,
                "    Run `backcare check` first: from your answers backcare chooses the posture \
                 exercises that suit you and leaves out any that could harm you."
            );
            return;
        }
        PostureExercises::NoRoutine => return,
    };
    let _ = writeln!(out, "    {}", hang(note, width, 4));
    for exercise in exercises {
        let _ = writeln!(out, "      {:<34} {}", exercise.id, exercise.name);
    }
    let _ = writeln!(
        out,
        "    {}",
        "`backcare exercises ID` shows one in full.".dimmed()
    );
}
