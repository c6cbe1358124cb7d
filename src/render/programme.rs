//! The words of the programme: why each exercise is in today's routine, what the pain's course
//! changed, which exercises were dropped, and the programme as JSON.

use std::fmt::Write as _;

use colored::Colorize;
use serde::Serialize;

use super::{hang, wrap};
use backcare_engine::outcome::Outcome;
use backcare_engine::programme::{Programme, Shift, Stage, Why};
use backcare_engine::ruleset::{Dose, Policy};

/// Why an exercise is in today's routine, in a few words.
pub fn why_text(why: &Why) -> String {
    match *why {
        Why::StillTrying { tries: 0, .. } => "still being tried: not done yet".to_owned(),
        Why::StillTrying { tries: 1, .. } => "still being tried: done once so far".to_owned(),
        Why::StillTrying { tries, .. } => format!("still being tried: done {tries} times so far"),
        Why::Helped { better, rated } => format!("helped in {better} of {rated} sessions"),
        Why::Posture { finding } => {
            format!("posture work for your {}", finding.name.to_lowercase())
        }
        Why::NoClearRelief { rated } => format!(
            "no clear relief in {rated} ratings, but nothing against it: it fills the time left"
        ),
    }
}

/// The dose, with a word when it was raised after good ratings.
pub fn plan_dose_text(dose: &Dose, raised: u32) -> String {
    let text = super::dose_text(dose);
    match raised {
        0 => text,
        1 => format!("{text} (raised a step after good ratings)"),
        steps => format!("{text} (raised {steps} steps after good ratings)"),
    }
}

/// What comes before the exercises: a professional or posture first when the pain's course calls
/// for it, the stage, and the exercises dropped for their ratings.
pub fn programme_notes(policy: &Policy, programme: &Programme, width: usize) -> String {
    let mut out = String::new();
    let shift = programme.shift.map(|shift| match shift {
        Shift::GettingWorse => (
            "See a professional".red().bold(),
            &policy.progress.getting_worse.message,
        ),
        Shift::SeeProfessional => (
            "See a professional".red().bold(),
            &policy.progress.see_professional.message,
        ),
        Shift::PostureFirst => (
            "Posture first".yellow().bold(),
            &policy.programme.posture_first_message,
        ),
    });
    if let Some((headline, message)) = shift {
        let _ = writeln!(out, "{headline}\n{}", wrap(message, width));
        if programme.shift == Some(Shift::PostureFirst) {
            // Empty only when none of the posture work fits the time or suits the person.
            let names: Vec<&str> = programme
                .routine
                .exercises
                .iter()
                .zip(&programme.plans)
                .filter(|(_, plan)| matches!(plan.why, Why::Posture { .. }))
                .map(|(exercise, _)| exercise.name.as_str())
                .collect();
            let _ = writeln!(
                out,
                "{}",
                hang(
                    &format!("Posture work today: {}.", names.join(", ")),
                    width,
                    2
                )
            );
        }
        out.push('\n');
    }
    let stage = match programme.stage {
        Stage::Trial { session, of } => format!(
            "First stage, session {session}: every exercise you can do is tried in turn, so \
             that you find out which suit you. This stage ends after at most {of} sessions."
        ),
        Stage::Chosen => "Chosen from your ratings: what brought relief and your posture \
                          work come first."
            .to_owned(),
    };
    let _ = writeln!(out, "{}", wrap(&stage, width));
    for dropped in &programme.dropped {
        let _ = writeln!(
            out,
            "\n{} {} (rated worse {} times). {}",
            "Dropped:".yellow().bold(),
            dropped.exercise.name,
            dropped.worse,
            hang(&policy.programme.dropped_message, width, 2)
        );
    }
    out
}

/// `assess --history --json`: the outcome, with the programme beside it.
pub fn programme_json(outcome: &Outcome, programme: &Programme) -> String {
    #[derive(Serialize)]
    struct Planned<'a> {
        id: &'a str,
        name: &'a str,
        dose: &'a Dose,
        seconds: u32,
        raised: u32,
        why: &'a Why<'a>,
        why_text: String,
    }
    #[derive(Serialize)]
    struct Dropped<'a> {
        id: &'a str,
        worse: u32,
    }
    #[derive(Serialize)]
    struct View<'a> {
        #[serde(flatten)]
        stage: Stage,
        shift: Option<Shift>,
        total_seconds: u32,
        exercises: Vec<Planned<'a>>,
        dropped: Vec<Dropped<'a>>,
    }
    #[derive(Serialize)]
    struct WithProgramme<'a> {
        #[serde(flatten)]
        outcome: &'a Outcome<'a>,
        programme: View<'a>,
    }
    let view = View {
        stage: programme.stage,
        shift: programme.shift,
        total_seconds: programme.routine.total_seconds,
        exercises: programme
            .routine
            .exercises
            .iter()
            .zip(&programme.plans)
            .map(|(exercise, plan)| Planned {
                id: &exercise.id,
                name: &exercise.name,
                dose: &plan.dose,
                seconds: exercise.seconds,
                raised: plan.raised,
                why: &plan.why,
                why_text: why_text(&plan.why),
            })
            .collect(),
        dropped: programme
            .dropped
            .iter()
            .map(|d| Dropped {
                id: &d.exercise.id,
                worse: d.worse,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&WithProgramme {
        outcome,
        programme: view,
    })
    .expect("an outcome always serialises")
        + "\n"
}
