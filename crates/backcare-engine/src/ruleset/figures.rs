//! The exercise pictures of `rules/figures.json`: for each exercise a start and an end pose of a
//! stick figure seen from the side, as the angles of its body segments, and the props it uses.
//! Kept as data beside the catalogue so that whoever adds an exercise adds its picture the same
//! way; the program draws them (`src/report/figure.rs`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem};
use crate::json;
use crate::ruleset::Exercises;
use crate::source::{JsonPath, Source};

/// The name a rule folder gives the file.
pub const FILE_NAME: &str = "figures.json";

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// The schema this file follows, which editors read to complete and check it; backcare
    /// ignores it.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// Exercise ids to their pictures.
    pub figures: BTreeMap<String, Figure>,
}

/// One exercise's picture: where it starts and where it ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub start: Pose,
    pub end: Pose,
    /// Equipment or furniture drawn beside the figure, each placed at one of its joints.
    #[serde(default)]
    pub props: Vec<Prop>,
}

/// A pose as the direction of each segment in degrees: 0 points the way the figure faces, 90
/// straight up, -90 straight down, 180 behind. The back has two segments so that rounding and
/// arching show. The far arm and leg are drawn lighter and default to the near ones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pose {
    /// From the hip to the middle of the back.
    pub lower_back: f64,
    /// From the middle of the back to the shoulders.
    pub upper_back: f64,
    /// From the shoulders to the head.
    pub neck: f64,
    pub arm: f64,
    pub forearm: f64,
    pub thigh: f64,
    pub shin: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub far_arm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub far_forearm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub far_thigh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub far_shin: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prop {
    pub kind: PropKind,
    /// The joint the prop is placed against.
    pub at: Joint,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PropKind {
    /// A chair whose seat is under the joint.
    Chair,
    /// A stool whose top is under the joint.
    Stool,
    /// A wall just behind the joint.
    Wall,
    /// A door frame just in front of the joint.
    Doorway,
    /// A small massage ball under the joint.
    MassageBall,
    /// A large exercise ball in front of the joint.
    ExerciseBall,
    /// A foam roller under the joint.
    FoamRoller,
    /// A bar held at the joint.
    Bar,
    /// A band held between the two hands.
    Band,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Joint {
    Hip,
    MidBack,
    Shoulder,
    Head,
    Elbow,
    Hand,
    Knee,
    Foot,
}

impl Figures {
    /// The built-in pictures.
    pub fn embedded_source() -> Source {
        Source::new(
            format!("rules/{FILE_NAME} (built in)"),
            include_str!("../../../../rules/figures.json"),
        )
    }

    /// Reads the pictures and checks that every exercise of the catalogue has one and that
    /// every picture belongs to an exercise; each problem is placed in the file.
    pub fn read(source: &Source, exercises: &Exercises) -> Result<Self, Error> {
        let figures: Figures = json::read(source).map_err(Error::Rules)?;
        let at = |id: &str| JsonPath::root().join("figures").join(id);
        let mut problems: Vec<Problem> = exercises
            .exercises
            .iter()
            .filter(|e| !figures.figures.contains_key(&e.id))
            .map(|e| {
                Problem::at(
                    source,
                    &JsonPath::root().join("figures"),
                    format!("the exercise `{}` has no picture", e.id),
                )
                .fix(format!(
                    "add \"{}\": {{\"start\": {{...}}, \"end\": {{...}}}} to `figures` (see rules/README.md)",
                    e.id
                ))
            })
            .collect();
        problems.extend(
            figures
                .figures
                .keys()
                .filter(|id| exercises.get(id).is_none())
                .map(|id| {
                    Problem::at(
                        source,
                        &at(id),
                        format!("`{id}` is not an exercise of exercises.json"),
                    )
                    .fix("correct the id, or remove the picture of an exercise that is gone")
                }),
        );
        for (id, figure) in &figures.figures {
            for (name, pose) in [("start", &figure.start), ("end", &figure.end)] {
                if pose
                    .angles()
                    .any(|angle| !(-360.0..=360.0).contains(&angle))
                {
                    problems.push(
                        Problem::at(
                            source,
                            &at(id).join(name),
                            format!("an angle of `{id}`'s {name} pose is outside -360 to 360"),
                        )
                        .fix("give each segment's direction in degrees, from -360 to 360"),
                    );
                }
            }
        }
        if problems.is_empty() {
            Ok(figures)
        } else {
            Err(Error::Rules(problems))
        }
    }
}

impl Pose {
    fn angles(&self) -> impl Iterator<Item = f64> {
        [
            Some(self.lower_back),
            Some(self.upper_back),
            Some(self.neck),
            Some(self.arm),
            Some(self.forearm),
            Some(self.thigh),
            Some(self.shin),
            self.far_arm,
            self.far_forearm,
            self.far_thigh,
            self.far_shin,
        ]
        .into_iter()
        .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    #[test]
    fn every_built_in_exercise_has_a_picture() {
        let rules = RuleSet::embedded().unwrap();
        let figures = Figures::read(&Figures::embedded_source(), &rules.exercises).unwrap();
        assert_eq!(figures.figures.len(), rules.exercises.exercises.len());
    }

    #[test]
    fn a_missing_picture_names_the_file_and_the_exercise() {
        let rules = RuleSet::embedded().unwrap();
        let mut text: serde_json::Value =
            serde_json::from_str(&Figures::embedded_source().text).unwrap();
        text["figures"]
            .as_object_mut()
            .unwrap()
            .remove("cat_stretch");
        let source = Source::new(
            "my-rules/figures.json",
            serde_json::to_string_pretty(&text).unwrap(),
        );
        let Err(Error::Rules(problems)) = Figures::read(&source, &rules.exercises) else {
            panic!("a missing picture must be refused");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, "my-rules/figures.json");
        assert!(
            problems[0].message.contains("`cat_stretch`"),
            "{problems:?}"
        );
        assert!(problems[0].line > 1);
    }
}
