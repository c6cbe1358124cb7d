//! The exercise pictures: one small renderer that draws the start and end poses of
//! `rules/figures.json` as a side-on stick figure, in SVG, with its props. Every exercise is drawn
//! by the same code, so the pictures stay alike and a new exercise needs only its angles.

use std::fmt::Write as _;

use super::markup::{esc, num};
use backcare_engine::ruleset::figures::{Figure, Joint, Pose, Prop, PropKind};

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

/// One panel: the floor, the props, the far limbs (lighter), the body; `left` places it. The end
/// panel also shows the start pose faintly (`before`), so that a small movement is seen.
fn panel(
    figure: &Figure,
    pose: &Pose,
    before: Option<&Pose>,
    left: f64,
    label: &str,
    out: &mut String,
) {
    let body = Body::place(pose);
    let (lowest, min_x, max_x) = bounds(figure, &body);
    let shift_x = left + PANEL_W / 2.0 - (min_x + max_x) / 2.0;
    // Figure units to the SVG's, whose y grows downward; the lowest point rests on the floor.
    let at = |p: Point| (num(p.x + shift_x), num(FLOOR - (p.y - lowest)));
    let _ = write!(
        out,
        r#"<text x="{}" y="11" class="label">{}</text><line x1="{}" y1="{}" x2="{}" y2="{}" class="floor"/>"#,
        num(left + PANEL_W / 2.0),
        esc(label),
        num(left + 4.0),
        num(FLOOR),
        num(left + PANEL_W - 4.0),
        num(FLOOR)
    );
    for prop in &figure.props {
        draw_prop(prop, &body, lowest, &at, out);
    }
    if let Some(before) = before {
        // Standing on the same floor, with the hips above the same spot.
        let earlier = Body::place(before);
        let (low, _, _) = bounds(figure, &earlier);
        let at_before = |p: Point| (num(p.x + shift_x), num(FLOOR - (p.y - low)));
        draw_body(&earlier, before, &at_before, ["ghost", "ghost"], out);
    }
    draw_body(&body, pose, &at, ["far", "body"], out);
}

/// The stick figure: the far limbs with the first class, the rest with the second.
fn draw_body(
    body: &Body,
    pose: &Pose,
    at: &impl Fn(Point) -> (String, String),
    [far, near]: [&str; 2],
    out: &mut String,
) {
    let line = |a: Point, b: Point, class: &str, out: &mut String| {
        let ((x1, y1), (x2, y2)) = (at(a), at(b));
        let _ = write!(
            out,
            r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="{class}"/>"#
        );
    };
    line(body.shoulder, body.far_elbow, far, out);
    line(body.far_elbow, body.far_hand, far, out);
    line(body.hip, body.far_knee, far, out);
    line(body.far_knee, body.far_foot, far, out);
    let ((hx, hy), (mx, my), (sx, sy)) = (at(body.hip), at(body.mid_back), at(body.shoulder));
    let _ = write!(
        out,
        r#"<polyline points="{hx},{hy} {mx},{my} {sx},{sy}" class="{near}"/>"#
    );
    let neck_end = body.shoulder.towards(pose.neck, NECK);
    line(body.shoulder, neck_end, near, out);
    line(body.shoulder, body.elbow, near, out);
    line(body.elbow, body.hand, near, out);
    line(body.hip, body.knee, near, out);
    line(body.knee, body.foot, near, out);
    let (cx, cy) = at(body.head);
    let head = if near == "body" { "head" } else { near };
    let _ = write!(
        out,
        r#"<circle cx="{cx}" cy="{cy}" r="{}" class="{head}"/>"#,
        num(HEAD)
    );
    // A short mark for the nose, so a reader sees which way the person faces.
    line(
        body.head.towards(body.face, HEAD),
        body.head.towards(body.face, HEAD + 2.0),
        near,
        out,
    );
}

fn draw_prop(
    prop: &Prop,
    body: &Body,
    ground: f64,
    at: &impl Fn(Point) -> (String, String),
    out: &mut String,
) {
    let j = body.joint(prop.at);
    let p = |x: f64, y: f64| at(Point { x, y });
    let path = |points: &[(f64, f64)], out: &mut String| {
        let joined: Vec<String> = points
            .iter()
            .map(|&(x, y)| {
                let (x, y) = p(x, y);
                format!("{x},{y}")
            })
            .collect();
        let _ = write!(
            out,
            r#"<polyline points="{}" class="prop"/>"#,
            joined.join(" ")
        );
    };
    match prop.kind {
        PropKind::Chair => {
            let seat = j.y - 3.0;
            path(
                &[
                    (j.x - 8.0, seat + 17.0),
                    (j.x - 8.0, seat),
                    (j.x + 8.0, seat),
                ],
                out,
            );
            path(&[(j.x - 7.0, seat), (j.x - 7.0, ground)], out);
            path(&[(j.x + 7.0, seat), (j.x + 7.0, ground)], out);
        }
        PropKind::Stool => {
            let top = j.y - 3.0;
            path(
                &[
                    (j.x - 7.0, ground),
                    (j.x - 7.0, top),
                    (j.x + 7.0, top),
                    (j.x + 7.0, ground),
                ],
                out,
            );
        }
        PropKind::Wall => path(&[(j.x - 4.0, ground), (j.x - 4.0, ground + 80.0)], out),
        PropKind::Doorway => {
            path(&[(j.x + 1.5, ground), (j.x + 1.5, ground + 80.0)], out);
            path(&[(j.x + 4.5, ground), (j.x + 4.5, ground + 80.0)], out);
        }
        PropKind::MassageBall | PropKind::FoamRoller => {
            if let Some((centre, radius)) = floating_prop(prop, j) {
                let (cx, cy) = at(centre);
                let _ = write!(
                    out,
                    r#"<circle cx="{cx}" cy="{cy}" r="{}" class="prop"/>"#,
                    num(radius)
                );
            }
        }
        PropKind::ExerciseBall => {
            let (cx, cy) = p(j.x + 2.0, ground + 12.0);
            let _ = write!(out, r#"<circle cx="{cx}" cy="{cy}" r="12" class="prop"/>"#);
        }
        PropKind::Bar => {
            path(&[(j.x - 9.0, j.y + 1.5), (j.x + 9.0, j.y + 1.5)], out);
        }
        PropKind::Band => {
            let (a, b) = (body.hand, body.far_hand);
            if (a.x - b.x).hypot(a.y - b.y) > 3.0 {
                path(&[(a.x, a.y), (b.x, b.y)], out);
            } else {
                // Both hands in line with the eye: the band is seen end on.
                let (cx, cy) = at(a);
                let _ = write!(
                    out,
                    r#"<ellipse cx="{cx}" cy="{cy}" rx="2" ry="5" class="prop"/>"#
                );
            }
        }
    }
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
