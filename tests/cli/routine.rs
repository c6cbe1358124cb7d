//! Routine invariants through the library, over many answer combinations.

use std::collections::BTreeSet;

use backcare_engine::outcome::{LeftOutReason, Outcome};
use backcare_engine::ruleset::Dose;
use backcare_engine::RuleSet;
use serde_json::{Map, Value};

use crate::common::*;

const POSTURE: [&str; 4] = [
    "head_forward_of_shoulders",
    "shoulders_rounded_forward",
    "upper_back_hunched",
    "upper_back_flat",
];

const EXCLUSION_ANSWERS: [&str; 5] = [
    "lower_back_problems",
    "pregnant",
    "osteoporosis",
    "relief_on_shrug_or_looking_up",
    "shoulder_problems",
];

const EQUIPMENT: [&[&str]; 4] = [
    &[],
    &["chair"],
    &["chair", "massage_ball", "foam_roller"],
    &[
        "chair",
        "massage_ball",
        "foam_roller",
        "exercise_ball",
        "resistance_band",
        "bar",
        "stool",
        "pillow",
    ],
];

const MINUTES: [u32; 4] = [5, 10, 20, 45];

/// Tags each answer rules out, written from the brief rather than read from policy.json, so that
/// an exclusion dropped from the policy by mistake is caught.
fn forbidden_tags(answer: &str) -> &'static [&'static str] {
    match answer {
        "lower_back_problems" => &["loaded_forward_fold"],
        "pregnant" => &["prolonged_supine_lying", "prone_lying"],
        "osteoporosis" => &["end_range_flexion", "loaded_forward_fold"],
        "relief_on_shrug_or_looking_up" => &[
            "spinal_flexion_with_neck_flexion",
            "neck_flexion",
            "neck_side_bending",
        ],
        "shoulder_problems" => &["hanging", "shoulder_end_range", "arms_overhead"],
        other => panic!("no forbidden tags listed for {other}"),
    }
}

/// One answer set: the benign base with the given posture, exclusions, equipment and time.
struct Combo {
    posture: [bool; 4],
    exclusions: [bool; 5],
    equipment: &'static [&'static str],
    minutes: u32,
}

impl Combo {
    fn label(&self) -> String {
        let on = |names: &[&str], flags: &[bool]| -> Vec<String> {
            names
                .iter()
                .zip(flags)
                .filter(|(_, on)| **on)
                .map(|(n, _)| (*n).to_owned())
                .collect()
        };
        format!(
            "posture {:?}, exclusions {:?}, equipment {:?}, {} min",
            on(&POSTURE, &self.posture),
            on(&EXCLUSION_ANSWERS, &self.exclusions),
            self.equipment,
            self.minutes
        )
    }

    fn answers(&self) -> Map<String, Value> {
        let mut map = benign_base();
        for (id, on) in POSTURE.iter().zip(self.posture) {
            map.insert((*id).to_owned(), Value::Bool(on));
        }
        if self.posture[2] {
            // Hunched: the wall gap is asked (and read by a red-flag rule); the flat question is not.
            map.insert("wall_gap_cm".to_owned(), Value::from(3));
        }
        for (id, on) in EXCLUSION_ANSWERS.iter().zip(self.exclusions) {
            map.insert((*id).to_owned(), Value::Bool(on));
        }
        map.insert("equipment".to_owned(), Value::from(self.equipment.to_vec()));
        map.insert("minutes_available".to_owned(), Value::from(self.minutes));
        map
    }
}

fn combos() -> Vec<Combo> {
    let mut all = Vec::new();
    for posture_bits in 0..16u32 {
        for exclusion_bits in 0..32u32 {
            for equipment in EQUIPMENT {
                for minutes in MINUTES {
                    all.push(Combo {
                        posture: std::array::from_fn(|i| posture_bits & (1 << i) != 0),
                        exclusions: std::array::from_fn(|i| exclusion_bits & (1 << i) != 0),
                        equipment,
                        minutes,
                    });
                }
            }
        }
    }
    all
}

/// How long a dose takes, worked out as rules/README.md describes it.
fn dose_seconds(dose: &Dose, seconds_per_rep: u32, setup_seconds: u32) -> u32 {
    let sides = if dose.per_side { 2 } else { 1 };
    let work = match dose.duration_seconds {
        Some(duration) => duration,
        None => {
            let each = dose.hold_seconds.unwrap_or(seconds_per_rep);
            let rests = dose.rest_seconds.unwrap_or(0) * (dose.sets - 1);
            // A held exercise relaxes between two holds of a set; the last hold has none after it.
            let releases = match dose.hold_seconds {
                Some(_) => dose.release_seconds.unwrap_or(0) * (dose.reps - 1),
                None => 0,
            };
            (each * dose.reps + releases) * dose.sets + rests
        }
    };
    work * sides + setup_seconds
}

/// Every invariant for one combination; returns what was broken.
fn broken(rules: &RuleSet, combo: &Combo, outcome: &Outcome) -> Vec<String> {
    let policy = &rules.policy;
    let mut wrong = Vec::new();
    let Some(routine) = &outcome.routine else {
        return vec![format!("no routine (urgency {})", outcome.urgency.id())];
    };
    if outcome.referral.is_some() || !outcome.missing.is_empty() {
        wrong.push("a routine together with a referral or missing answers".to_owned());
    }

    // Findings follow the posture answers (flat only counts when not also hunched).
    let [head, shoulders, hunched, flat] = combo.posture;
    let want: Vec<&str> = [
        (head, "forward_head"),
        (shoulders, "rounded_shoulders"),
        (hunched, "thoracic_kyphosis"),
        (flat && !hunched, "flat_thoracic_spine"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, id)| id)
    .collect();
    let got: Vec<&str> = outcome.findings.iter().map(|f| f.id.as_str()).collect();
    if got != want {
        wrong.push(format!("findings {got:?}, expected {want:?}"));
    }

    if routine.exercises.is_empty() {
        wrong.push("the routine is empty".to_owned());
    }

    // Nothing a contraindication or a finding forbids.
    let mut forbidden: Vec<(&str, &str)> = Vec::new();
    for (answer, on) in EXCLUSION_ANSWERS.iter().zip(combo.exclusions) {
        if on {
            forbidden.extend(forbidden_tags(answer).iter().map(|tag| (*answer, *tag)));
        }
    }
    // Each finding's own limits (exercise-anchors 1b to 1e): a flat back is neither arched nor
    // braced with hard squeezing; a rounded back gets no end-range rounding; rounded shoulders
    // get no more stretching of the already long muscles between the shoulder blades.
    if flat && !hunched {
        forbidden.push(("flat_thoracic_spine", "spinal_extension"));
        forbidden.push(("flat_thoracic_spine", "scapular_squeeze"));
    }
    if hunched {
        forbidden.push(("thoracic_kyphosis", "end_range_flexion"));
    }
    if shoulders {
        forbidden.push(("rounded_shoulders", "interscapular_stretch"));
    }
    for (exclusion, when) in rules.exclusions_compiled() {
        if when.truth(&answers(rules, &combo.answers())) == backcare_engine::condition::Truth::Yes {
            forbidden.extend(
                exclusion
                    .tags
                    .iter()
                    .map(|tag| (exclusion.id.as_str(), tag.as_str())),
            );
        }
    }
    for exercise in &routine.exercises {
        for (because, tag) in &forbidden {
            if exercise.tags.iter().any(|t| t == tag) {
                wrong.push(format!(
                    "{} carries `{tag}`, forbidden by {because}",
                    exercise.id
                ));
            }
        }
        for item in &exercise.equipment {
            if !combo.equipment.contains(&item.as_str()) {
                wrong.push(format!(
                    "{} needs {item}, which was not answered",
                    exercise.id
                ));
            }
        }
        let catalogue = rules
            .exercises
            .get(&exercise.id)
            .expect("a catalogue exercise");
        let expected = dose_seconds(
            &catalogue.dose,
            policy.seconds_per_rep,
            policy.setup_seconds,
        );
        if exercise.seconds != expected {
            wrong.push(format!(
                "{} takes {} s, its dose says {expected} s",
                exercise.id, exercise.seconds
            ));
        }
        if exercise.chosen_for.is_empty() {
            wrong.push(format!(
                "{} says nothing about why it was chosen",
                exercise.id
            ));
        }
        for reason in &exercise.chosen_for {
            if reason != "core" && !got.contains(&reason) {
                wrong.push(format!(
                    "{} chosen for `{reason}`, which is not a finding here",
                    exercise.id
                ));
            }
        }
    }

    // Time: within budget, and the total is the sum of the parts.
    let budget = combo.minutes * 60;
    let sum: u32 = routine.exercises.iter().map(|e| e.seconds).sum();
    if routine.total_seconds != sum {
        wrong.push(format!(
            "total_seconds {} but the exercises add up to {sum}",
            routine.total_seconds
        ));
    }
    if routine.total_seconds > budget {
        wrong.push(format!(
            "total_seconds {} exceeds {budget}",
            routine.total_seconds
        ));
    }
    if routine.minutes_budget != combo.minutes || !routine.budget_answered {
        wrong.push(format!(
            "minutes_budget {} (answered {})",
            routine.minutes_budget, routine.budget_answered
        ));
    }

    // Order: phases as the policy lists them; inside a phase, the last_in_phase tags go last.
    let rank = |id: &str| {
        let phase = routine
            .exercises
            .iter()
            .find(|e| e.id == id)
            .expect("chosen")
            .phase;
        policy
            .phase_order
            .iter()
            .position(|p| *p == phase)
            .expect("phase in phase_order")
    };
    let goes_last = |tags: &[String]| tags.iter().any(|t| policy.last_in_phase.contains(t));
    for pair in routine.exercises.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if rank(&a.id) > rank(&b.id) {
            wrong.push(format!(
                "{} ({:?}) comes before {} ({:?})",
                a.id, a.phase, b.id, b.phase
            ));
        }
        if a.phase == b.phase && goes_last(&a.tags) && !goes_last(&b.tags) {
            wrong.push(format!(
                "{} goes last in its phase but comes before {}",
                a.id, b.id
            ));
        }
    }

    // Every candidate is either chosen or left out with a reason that holds, never both.
    let chosen: BTreeSet<&str> = routine.exercises.iter().map(|e| e.id.as_str()).collect();
    let left: BTreeSet<&str> = routine.left_out.iter().map(|l| l.id.as_str()).collect();
    if chosen.len() != routine.exercises.len() || left.len() != routine.left_out.len() {
        wrong.push("an exercise is listed twice".to_owned());
    }
    if let Some(both) = chosen.intersection(&left).next() {
        wrong.push(format!("{both} is both chosen and left out"));
    }
    let candidates: BTreeSet<&str> = policy
        .base
        .iter()
        .chain(
            got.iter()
                .filter_map(|f| policy.findings.get(*f))
                .flat_map(|f| f.add.iter()),
        )
        .map(|p| p.exercise.as_str())
        .collect();
    let accounted: BTreeSet<&str> = chosen.union(&left).copied().collect();
    if accounted != candidates {
        wrong.push(format!(
            "chosen + left out differ from the candidates: extra {:?}, lost {:?}",
            accounted.difference(&candidates).collect::<Vec<_>>(),
            candidates.difference(&accounted).collect::<Vec<_>>()
        ));
    }
    for entry in &routine.left_out {
        let exercise = rules
            .exercises
            .get(&entry.id)
            .expect("a catalogue exercise");
        match &entry.reason {
            LeftOutReason::Equipment { missing } => {
                if missing.is_empty() || missing.iter().any(|m| combo.equipment.contains(&m)) {
                    wrong.push(format!("{} left out for equipment {missing:?}", entry.id));
                }
            }
            LeftOutReason::NoTime => {
                let needed =
                    dose_seconds(&exercise.dose, policy.seconds_per_rep, policy.setup_seconds);
                if routine.total_seconds + needed <= budget {
                    wrong.push(format!(
                        "{} left out for time, but {needed} s would still fit",
                        entry.id
                    ));
                }
            }
            LeftOutReason::Excluded { tags, .. } | LeftOutReason::NotForFinding { tags, .. } => {
                if tags.is_empty()
                    || tags
                        .iter()
                        .any(|t| !exercise.tags.iter().any(|own| own == t))
                {
                    wrong.push(format!(
                        "{} left out for tags {tags:?} it does not carry",
                        entry.id
                    ));
                }
            }
        }
    }
    wrong
}

#[test]
fn routines_keep_every_invariant_over_many_answer_combinations() {
    let rules = rules();
    assert!(
        rules
            .policy
            .last_in_phase
            .iter()
            .any(|t| t == "spinal_extension"),
        "spinal_extension should go last in its phase"
    );
    let all = combos();
    assert_eq!(all.len(), 16 * 32 * 4 * 4);
    let mut failures = Vec::new();
    for combo in &all {
        let answers = answers(&rules, &combo.answers());
        let outcome = backcare_engine::assess(&rules, &answers);
        let again = backcare_engine::assess(&rules, &answers);
        let mut wrong = broken(&rules, combo, &outcome);
        if outcome != again {
            wrong.push("the same answers gave a different outcome".to_owned());
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{}:\n      {}",
                combo.label(),
                wrong.join("\n      ")
            ));
        }
    }
    let shown: Vec<&String> = failures.iter().take(15).collect();
    assert!(
        failures.is_empty(),
        "{} of {} combinations broke an invariant; the first:\n  {}",
        failures.len(),
        all.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

#[test]
fn exclusions_do_remove_something_in_the_combinations() {
    // Guards the invariant test against passing vacuously: each exclusion answer must actually
    // take out an exercise that would otherwise be chosen in some combination.
    let rules = rules();
    for (index, answer) in EXCLUSION_ANSWERS.iter().enumerate() {
        let removes_something =
            combos()
                .iter()
                .filter(|c| c.exclusions == [false; 5])
                .any(|combo| {
                    let mut with = Combo { ..*combo };
                    with.exclusions[index] = true;
                    let chosen = |c: &Combo| -> BTreeSet<String> {
                        let given = answers(&rules, &c.answers());
                        let outcome = backcare_engine::assess(&rules, &given);
                        outcome
                            .routine
                            .expect("a routine")
                            .exercises
                            .into_iter()
                            .map(|e| e.id.clone())
                            .collect()
                    };
                    let (before, after) = (chosen(combo), chosen(&with));
                    before.iter().any(|id| {
                        !after.contains(id)
                            && rules.exercises.get(id).is_some_and(|e| {
                                e.tags
                                    .iter()
                                    .any(|t| forbidden_tags(answer).contains(&t.as_str()))
                            })
                    })
                });
        assert!(
            removes_something,
            "answering yes to {answer} never removed anything"
        );
    }
}

#[test]
fn without_an_answered_time_the_policy_default_is_used() {
    let rules = rules();
    let mut map = benign_base();
    map.remove("minutes_available");
    let given = answers(&rules, &map);
    let outcome = backcare_engine::assess(&rules, &given);
    let routine = outcome.routine.expect("a routine");
    assert_eq!(routine.minutes_budget, rules.policy.default_minutes);
    assert!(!routine.budget_answered);
    assert!(routine.total_seconds <= rules.policy.default_minutes * 60);
}

/// The cautions the binary gives each exercise of the routine, for the rounded-shoulders example
/// with `changes` made to its answers (`null` removes an answer).
fn cautions_given(changes: Value) -> Map<String, Value> {
    let base = answer_map(&example("benign-rounded-shoulders.json"));
    let changed = overlay(&base, changes.as_object().unwrap());
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("answers.json");
    std::fs::write(&path, Value::Object(changed).to_string()).unwrap();
    let outcome = assess_json(&path);
    outcome["routine"]["exercises"]
        .as_array()
        .expect("a routine")
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_owned(), e["cautions"].clone()))
        .collect()
}

#[test]
fn a_caution_about_a_condition_is_left_out_for_someone_who_answered_no() {
    let given = cautions_given(serde_json::json!({"shoulder_problems": false}));
    let pec = given["doorway_pec_stretch"].as_array().unwrap();
    assert!(
        !pec.iter()
            .any(|c| c.as_str().unwrap().contains("dislocated")),
        "{pec:?}"
    );
    // A caution for everyone stays.
    let plain = "Feel a stretch, not pain; do not hang your weight on the shoulder joint.";
    assert!(pec.contains(&Value::from(plain)), "{pec:?}");
    // Unanswered, the shoulder exercises are left out altogether (the engine's own test covers
    // the caution of an exercise that stays).
    let unanswered = cautions_given(serde_json::json!({"shoulder_problems": null}));
    assert!(!unanswered.contains_key("doorway_pec_stretch"));
}

#[test]
fn a_question_skipped_for_the_person_counts_as_no_for_its_caution() {
    // `pregnant` is not asked of a man, so the pregnancy caution of lying face down is not his.
    let pregnancy = "Not suitable in pregnancy, because it means lying face down.";
    let cautions = cautions_given(serde_json::json!({"sex": "male", "pregnant": null}));
    for (id, given) in &cautions {
        assert!(
            !given.as_array().unwrap().contains(&Value::from(pregnancy)),
            "{id}: {given}"
        );
    }
}
