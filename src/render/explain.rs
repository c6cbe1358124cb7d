//! `assess --explain`: every rule considered, whether it held, and on which answers.

use std::fmt::Write as _;

use colored::Colorize;

use backcare_engine::condition::Truth;
use backcare_engine::explain::{Part, Trace};

pub fn explanation_json(traces: &[Trace]) -> String {
    serde_json::to_string_pretty(traces).expect("traces always serialise")
}

pub fn explanation_text(traces: &[Trace]) -> String {
    let mut out = String::new();
    let parts = [
        (Part::RedFlag, "Red-flag rules", "fired"),
        (Part::Finding, "Posture findings", "found"),
        (
            Part::Exclusion,
            "Exclusions (exercises left out)",
            "applies",
        ),
        (Part::Advisory, "Advisories", "applies"),
    ];
    for (part, title, held) in parts {
        let of_part: Vec<&Trace> = traces.iter().filter(|t| t.part == part).collect();
        let _ = writeln!(out, "{} ({} considered)", title.bold(), of_part.len());
        for trace in of_part {
            let status = match trace.holds {
                Truth::Yes => format!("{held:<9}").red().bold(),
                Truth::No => format!("{:<9}", "no").normal(),
                Truth::Unknown => format!("{:<9}", "undecided").yellow(),
            };
            let _ = writeln!(out, "  {status} {}", trace.id);
            let read: Vec<String> = trace
                .read
                .iter()
                .map(|r| match &r.answer {
                    // The value as it is written in an answers file, which is what rule authors read.
                    Some(answer) => format!("{} = {}", r.question, answer),
                    None => format!("{} unanswered", r.question),
                })
                .collect();
            let _ = writeln!(out, "            read: {}", read.join(", "));
            if trace.holds == Truth::Yes && !trace.because_of.is_empty() {
                let _ = writeln!(
                    out,
                    "            because of: {}",
                    trace.because_of.join(", ")
                );
            }
            if trace.holds == Truth::Unknown && !trace.open.is_empty() {
                let _ = writeln!(
                    out,
                    "            needs an answer to: {}",
                    trace.open.join(", ")
                );
            }
        }
        out.push('\n');
    }
    out
}
