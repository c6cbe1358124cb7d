//! backcare: guided help for mid and upper back pain.
//!
//! The core is pure: [`assess`] takes a [`RuleSet`] and [`Answers`] and returns an [`Outcome`],
//! with no terminal, files or clock. Everything else adapts it to people: the prompts, the
//! rendering, the command line.

pub mod answers;
pub mod answers_file;
pub mod app;
pub mod batch;
pub mod busy;
pub mod check;
pub mod cli;
pub mod clock;
pub mod condition;
pub mod draft;
pub mod engine;
pub mod error;
pub mod exit;
pub mod explain;
pub mod flow;
pub mod journal;
pub mod json;
pub mod limits;
pub mod outcome;
pub mod progress;
pub mod prompt;
pub mod question_loop;
pub mod render;
pub mod routine;
pub mod ruleset;
pub mod sample;
pub mod score;
pub mod session;
pub mod slot;
pub mod source;
pub mod storage;
pub mod suggest;
pub mod terminal;
pub mod triage;
pub mod verify;

pub use answers::Answers;
pub use engine::assess;
pub use error::Error;
pub use outcome::Outcome;
pub use ruleset::RuleSet;
