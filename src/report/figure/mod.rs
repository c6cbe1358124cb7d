//! The exercise pictures: one small renderer that draws the start and end poses of
//! `rules/figures.json` as a side-on stick figure, in SVG, with its props. Every exercise is drawn
//! by the same code, so the pictures stay alike and a new exercise needs only its angles.

mod panel;

use std::fmt::Write as _;

use super::markup::{esc, num};
use backcare_engine::ruleset::figures::{Figure, Joint, Pose, Prop, PropKind};
use panel::panel;

/// Segment lengths, in the picture's units; a panel is [`PANEL_W`] by [`PANEL_H`].
const BACK_HALF: f64 = 14.0;
const NECK: f64 = 5.0;
const HEAD: f64 = 5.5;
const UPPER_ARM: f64 = 13.0;
const FOREARM: f64 = 12.0;
const THIGH: f64 = 19.0;
const SHIN: f64 = 18.0;

const PANEL_W: f64 = 120.0;
const PANEL_H: f64 = 110.0;
/// Where the floor is drawn, from the top of a panel.
const FLOOR: f64 = 102.0;
/// The gap between the two panels, which holds the arrow.
const GAP: f64 = 16.0;

/// A point with y upward, as the angles are given.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

impl Point {
    fn towards(self, degrees: f64, length: f64) -> Point {
        let radians = degrees.to_radians();
        Point {
            x: self.x + length * radians.cos(),
            y: self.y + length * radians.sin(),
        }
    }
}

/// Every joint of a pose, the hip at the origin.
struct Body {
    hip: Point,
    mid_back: Point,
    shoulder: Point,
    head: Point,
    /// The direction the face looks, in degrees.
    face: f64,
    elbow: Point,
    hand: Point,
    knee: Point,
    foot: Point,
    far_elbow: Point,
    far_hand: Point,
    far_knee: Point,
    far_foot: Point,
}

impl Body {
    fn place(pose: &Pose) -> Body {
        let hip = Point { x: 0.0, y: 0.0 };
        let mid_back = hip.towards(pose.lower_back, BACK_HALF);
        let shoulder = mid_back.towards(pose.upper_back, BACK_HALF);
        let head = shoulder.towards(pose.neck, NECK + HEAD);
        let limb = |from: Point, first: f64, second: f64, a: f64, b: f64| {
            let middle = from.towards(first, a);
            (middle, middle.towards(second, b))
        };
        let (elbow, hand) = limb(shoulder, pose.arm, pose.forearm, UPPER_ARM, FOREARM);
        let (knee, foot) = limb(hip, pose.thigh, pose.shin, THIGH, SHIN);
        let (far_elbow, far_hand) = limb(
            shoulder,
            pose.far_arm.unwrap_or(pose.arm),
            pose.far_forearm.unwrap_or(pose.forearm),
            UPPER_ARM,
            FOREARM,
        );
        let (far_knee, far_foot) = limb(
            hip,
            pose.far_thigh.unwrap_or(pose.thigh),
            pose.far_shin.unwrap_or(pose.shin),
            THIGH,
            SHIN,
        );
        Body {
            hip,
            mid_back,
            shoulder,
            head,
            // A standing figure (neck at 90) looks ahead (0); the face turns with the neck.
            face: pose.neck - 90.0,
            elbow,
            hand,
            knee,
            foot,
            far_elbow,
            far_hand,
            far_knee,
            far_foot,
        }
    }

    fn joint(&self, joint: Joint) -> Point {
        match joint {
            Joint::Hip => self.hip,
            Joint::MidBack => self.mid_back,
            Joint::Shoulder => self.shoulder,
            Joint::Head => self.head,
            Joint::Elbow => self.elbow,
            Joint::Hand => self.hand,
            Joint::Knee => self.knee,
            Joint::Foot => self.foot,
        }
    }

    /// The lowest and the extreme points the figure reaches, its head's round included.
    fn extent(&self) -> [Point; 13] {
        let below_head = Point {
            x: self.head.x,
            y: self.head.y - HEAD,
        };
        [
            self.hip,
            self.mid_back,
            self.shoulder,
            below_head,
            self.elbow,
            self.hand,
            self.knee,
            self.foot,
            self.far_elbow,
            self.far_hand,
            self.far_knee,
            self.far_foot,
            Point {
                x: self.head.x,
                y: self.head.y + HEAD,
            },
        ]
    }
}

/// Props that rest on the floor under the figure rather than standing on it: the figure is
/// lifted by them.
fn floating_prop(prop: &Prop, at: Point) -> Option<(Point, f64)> {
    match prop.kind {
        PropKind::MassageBall => Some((
            Point {
                x: at.x,
                y: at.y - 3.0,
            },
            2.5,
        )),
        PropKind::FoamRoller => Some((
            Point {
                x: at.x,
                y: at.y - 4.0,
            },
            4.0,
        )),
        _ => None,
    }
}

/// The lowest point of a pose and its left and right ends, props resting under it included.
fn bounds(figure: &Figure, body: &Body) -> (f64, f64, f64) {
    let mut points: Vec<Point> = body.extent().to_vec();
    for prop in &figure.props {
        if let Some((centre, radius)) = floating_prop(prop, body.joint(prop.at)) {
            points.push(Point {
                x: centre.x,
                y: centre.y - radius,
            });
        }
    }
    points.iter().fold(
        (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY),
        |(low, min_x, max_x), p| (low.min(p.y), min_x.min(p.x), max_x.max(p.x)),
    )
}

/// The picture of one exercise: start and end side by side with an arrow between, described for
/// screen readers by `title`.
pub(super) fn figure_svg(figure: &Figure, title: &str) -> String {
    let width = PANEL_W * 2.0 + GAP;
    let mut out = format!(
        r#"<svg class="figure" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        num(width),
        num(PANEL_H),
        esc(title)
    );
    panel(figure, &figure.start, None, 0.0, "Start", &mut out);
    let (from, to, y) = (PANEL_W + 2.0, PANEL_W + GAP - 2.0, FLOOR / 2.0);
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="arrow"/><polyline points="{},{} {},{} {},{}" class="arrow"/>"#,
        num(from),
        num(y),
        num(to),
        num(y),
        num(to - 4.0),
        num(y - 3.0),
        num(to),
        num(y),
        num(to - 4.0),
        num(y + 3.0)
    );
    panel(
        figure,
        &figure.end,
        Some(&figure.start),
        PANEL_W + GAP,
        "End",
        &mut out,
    );
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use backcare_engine::ruleset::figures::Figures;
    use backcare_engine::RuleSet;

    fn standing() -> Pose {
        serde_json::from_value(serde_json::json!({
            "lower_back": 90, "upper_back": 90, "neck": 90, "arm": -90, "forearm": -90,
            "thigh": -90, "shin": -90
        }))
        .unwrap()
    }

    #[test]
    fn a_standing_figure_stands_on_the_floor_with_its_head_on_top() {
        let body = Body::place(&standing());
        assert!((body.foot.y + THIGH + SHIN).abs() < 1e-9);
        assert!(body.head.y > body.shoulder.y && body.shoulder.y > body.hip.y);
        // It looks ahead, to the right of the picture.
        assert!(body.face.abs() < 1e-9);
    }

    #[test]
    fn every_built_in_picture_draws_two_panels_inside_its_box() {
        let rules = RuleSet::embedded().unwrap();
        let figures = Figures::read(&Figures::embedded_source(), &rules.exercises).unwrap();
        for (id, figure) in &figures.figures {
            let svg = figure_svg(figure, id);
            assert_eq!(svg.matches("class=\"head\"").count(), 2, "{id}");
            for number in svg
                .split(['"', ' ', ','])
                .filter_map(|word| word.parse::<f64>().ok())
            {
                assert!(
                    (-1.0..=PANEL_W * 2.0 + GAP + 1.0).contains(&number),
                    "{id}: {number} is outside the picture"
                );
            }
        }
    }
}
