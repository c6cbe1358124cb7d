//! `rules score`: the figures a clinical reviewer reads, and every case that missed.

use std::fmt::Write as _;

use colored::Colorize;

use backcare_engine::score::{
    Score, Verdict, EXACT_AT_LEAST_PERCENT, SELF_CARE_REFERRED_AT_MOST_PERCENT,
};

pub fn score_json(score: &Score) -> String {
    serde_json::to_string_pretty(score).expect("a score always serialises")
}

pub fn score_text(score: &Score, place: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        format!("Scored {} clinical cases from {place}", score.cases).bold()
    );
    if let Some(about) = &score.about {
        let _ = writeln!(out, "{about}");
    }
    let share = |part: usize, whole: usize| {
        if whole == 0 {
            "none to count".to_owned()
        } else {
            format!(
                "{part} of {whole} ({:.1}%)",
                part as f64 * 100.0 / whole as f64
            )
        }
    };
    let verdict = |met: bool| {
        if met {
            "met".green()
        } else {
            "NOT MET".red().bold()
        }
    };
    let _ = writeln!(out);
    let mut bar = |what: &str, figure: String, target: String, met: bool| {
        let _ = writeln!(
            out,
            "  {what:<28} {figure:<22} {target:<14} {}",
            verdict(met)
        );
    };
    bar(
        "exact urgency",
        share(score.exact, score.cases),
        format!("at least {EXACT_AT_LEAST_PERCENT}%"),
        score.exact_met(),
    );
    bar(
        "emergencies caught",
        share(score.emergencies_caught, score.emergencies),
        "all".to_owned(),
        score.emergencies_met(),
    );
    bar(
        "less urgent than expected",
        score.under_triaged.to_string(),
        "none".to_owned(),
        score.under_triaged == 0,
    );
    bar(
        "self-care cases referred",
        share(score.self_care_referred, score.self_care),
        format!("at most {SELF_CARE_REFERRED_AT_MOST_PERCENT}%"),
        score.self_care_met(),
    );
    bar(
        "left incomplete",
        score.incomplete.to_string(),
        "none".to_owned(),
        score.incomplete == 0,
    );
    let _ = writeln!(
        out,
        "  {:<28} {}",
        "more urgent than expected", score.over_triaged
    );
    let _ = writeln!(
        out,
        "  {:<28} {}",
        "expected categories named",
        share(score.categories_named, score.categories_expected)
    );
    let _ = writeln!(
        out,
        "  {:<28} {}",
        "posture findings exact",
        share(score.findings_exact, score.cases)
    );
    let _ = writeln!(
        out,
        "  {:<28} {}",
        "routine given as expected",
        share(score.routine_as_expected, score.routine_expected)
    );
    let missed: Vec<_> = score
        .results
        .iter()
        .filter(|r| r.verdict != Verdict::Exact)
        .collect();
    if !missed.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            "Cases whose urgency differs from the expected one".bold()
        );
        for result in missed {
            let how = match result.verdict {
                Verdict::UnderTriaged => "LESS URGENT".red().bold(),
                Verdict::OverTriaged => "more urgent".yellow(),
                Verdict::Incomplete => "INCOMPLETE".red().bold(),
                Verdict::Exact => unreachable!("filtered out"),
            };
            let fired = if result.fired.is_empty() {
                "no rule fired".to_owned()
            } else {
                format!("fired: {}", result.fired.join(", "))
            };
            let _ = writeln!(
                out,
                "  - {} ({how}): expected {}, got {}",
                result.id.bold(),
                result.expected.urgency.id(),
                result.urgency.id()
            );
            let _ = writeln!(out, "    {}", result.summary);
            let _ = writeln!(out, "    {fired}; source: {}", result.source);
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if score.passed {
            "The rule set meets every bar on these cases."
                .green()
                .bold()
        } else {
            "The rule set does not meet every bar on these cases."
                .red()
                .bold()
        }
    );
    out
}
