//! Integration tests for backcare: the clinical case set, the example answer files, the red-flag
//! rules, unanswered warning signs, routine invariants, the rule set itself, bad input and the
//! listing commands.
//!
//! One test crate; the modules live under `tests/cli/`.

mod common;
mod pty;

mod batch;
mod browser;
mod clinical;
mod commands;
mod errors;
mod examples;
mod fhir;
mod journal;
mod programme;
mod properties;
mod questionnaire;
mod red_flags;
mod report;
mod routine;
mod rule_set;
mod rules_check;
mod schema;
mod screen;
mod screens;
mod session;
mod snapshots;
mod text_output;
mod unanswered;
