//! Drawing one panel of a picture in SVG: the floor, the props, and the stick figure of a pose
//! placed by [`super::Body`]. Apart from the geometry, which knows joints and angles but no markup.

use std::fmt::Write as _;

use super::{bounds, floating_prop, Body, Point, FLOOR, HEAD, NECK, PANEL_W};
use crate::report::markup::{esc, num};
use backcare_engine::ruleset::figures::{Figure, Pose, Prop, PropKind};

/// One panel: the floor, the props, the far limbs (lighter), the body; `left` places it. The end
/// panel also shows the start pose faintly (`before`), so that a small movement is seen.
pub(super) fn panel(
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
