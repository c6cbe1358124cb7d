//! Integration tests for backcare: the clinical case set, the example answer files, the red-flag
//! rules, unanswered warning signs, routine invariants, the rule set itself, bad input and the
//! listing commands.
//!
//! One test crate; the modules live under `tests/cli/`.

#[path = "cli/common.rs"]
mod common;
#[path = "cli/pty.rs"]
mod pty;

#[path = "cli/batch.rs"]
mod batch;
#[path = "cli/clinical.rs"]
mod clinical;
#[path = "cli/commands.rs"]
mod commands;
#[path = "cli/errors.rs"]
mod errors;
#[path = "cli/examples.rs"]
mod examples;
#[path = "cli/journal.rs"]
mod journal;
#[path = "cli/properties.rs"]
mod properties;
#[path = "cli/questionnaire.rs"]
mod questionnaire;
#[path = "cli/red_flags.rs"]
mod red_flags;
#[path = "cli/routine.rs"]
mod routine;
#[path = "cli/rule_set.rs"]
mod rule_set;
#[path = "cli/rules_check.rs"]
mod rules_check;
#[path = "cli/schema.rs"]
mod schema;
#[path = "cli/session.rs"]
mod session;
#[path = "cli/text_output.rs"]
mod text_output;
#[path = "cli/unanswered.rs"]
mod unanswered;
