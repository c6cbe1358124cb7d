//! backcare: guided help for mid and upper back pain. The engine (`backcare_engine`) decides; this
//! crate brings it to people: the command line, the questionnaire and the session in the
//! terminal, the wording and colour, the files kept in the data folder, and batches on every core.

pub mod app;
pub mod batch;
pub mod busy;
pub mod check;
pub mod cli;
pub mod clock;
pub mod draft;
pub mod error;
pub mod exit;
pub mod fhir;
pub mod fitted;
pub mod journal;
pub mod limits;
pub mod manual;
pub mod progress;
pub mod prompt;
pub mod question_loop;
pub mod render;
pub mod report;
pub mod rule_folder;
pub mod sample;
pub mod session;
pub mod storage;
pub mod terminal;

pub use error::Error;
