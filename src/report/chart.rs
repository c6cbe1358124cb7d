//! The journal's pain as an SVG line chart: one point a day on a 0 to 10 scale, the line broken
//! over days without a score, and a mark under each day with a session.

use std::fmt::Write as _;

use super::markup::num;
use crate::progress::review::Review;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 44.0;

/// The chart, described for screen readers; `None` when no day has a pain score.
pub(super) fn pain_chart(review: &Review) -> Option<String> {
    if review.days.iter().all(|d| d.pain.is_none()) {
        return None;
    }
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let last = review.days.len().saturating_sub(1).max(1) as f64;
    let x = |day: usize| LEFT + plot_w * day as f64 / last;
    let y = |pain: f64| TOP + plot_h * (1.0 - pain / 10.0);
    let mut out = format!(
        r#"<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="Pain from {} to {}, 0 (none) to 10 (the worst)" xmlns="http://www.w3.org/2000/svg">"#,
        num(WIDTH),
        num(HEIGHT),
        review.start.format("%-d %B %Y"),
        review.today.format("%-d %B %Y")
    );
    for pain in (0..=10).step_by(2) {
        let level = y(f64::from(pain));
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="grid"/><text x="{}" y="{}" class="axis" text-anchor="end">{pain}</text>"#,
            num(LEFT),
            num(level),
            num(WIDTH - RIGHT),
            num(level),
            num(LEFT - 6.0),
            num(level + 4.0)
        );
    }
    // A tick and a date at the start of each week.
    for (at, day) in review.days.iter().enumerate().step_by(7) {
        let _ = write!(
            out,
            r#"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="grid"/><text x="{0}" y="{3}" class="axis" text-anchor="middle">{4}</text>"#,
            num(x(at)),
            num(TOP),
            num(TOP + plot_h + 4.0),
            num(TOP + plot_h + 16.0),
            day.date.format("%-d %b")
        );
    }
    // One polyline per run of days with a score, so a gap in the journal shows as a gap.
    let mut run: Vec<String> = Vec::new();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for (at, day) in review.days.iter().enumerate() {
        match day.pain {
            Some(pain) => run.push(format!("{},{}", num(x(at)), num(y(pain)))),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    runs.push(run);
    for run in runs.iter().filter(|r| r.len() > 1) {
        let _ = write!(
            out,
            r#"<polyline points="{}" class="pain"/>"#,
            run.join(" ")
        );
    }
    for (at, day) in review.days.iter().enumerate() {
        if let Some(pain) = day.pain {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="3" class="point"><title>{}: {}</title></circle>"#,
                num(x(at)),
                num(y(pain)),
                day.date.format("%-d %b"),
                num(pain)
            );
        }
        if day.sessions > 0 {
            let (cx, base) = (x(at), TOP + plot_h + 26.0);
            let _ = write!(
                out,
                r#"<polygon points="{},{} {},{} {},{}" class="session"/>"#,
                num(cx),
                num(base - 5.0),
                num(cx - 4.0),
                num(base + 2.0),
                num(cx + 4.0),
                num(base + 2.0)
            );
        }
    }
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" class="axis">pain 0 to 10; a triangle marks a day with a session</text></svg>"#,
        num(LEFT),
        num(HEIGHT - 4.0)
    );
    Some(out)
}
