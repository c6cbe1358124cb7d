//! backcare's engine: the pure core. [`assess`] takes a [`RuleSet`] and [`Answers`] and returns an
//! [`Outcome`]; [`verify::verify`] proves a rule set safe; [`score::score`] measures it against
//! clinical cases. Nothing here touches a terminal, a file or a clock: the `backcare` crate brings
//! those, and the compiler keeps it so, as this crate depends on none of them.

pub mod answers;
pub mod answers_file;
pub mod condition;
pub mod engine;
pub mod error;
pub mod explain;
pub mod fhir;
pub mod flow;
pub mod json;
pub mod outcome;
pub mod programme;
pub mod routine;
pub mod ruleset;
pub mod score;
pub(crate) mod slot;
pub mod source;
pub mod suggest;
pub mod triage;
pub mod verify;

pub use answers::Answers;
pub use engine::assess;
pub use error::Error;
pub use outcome::Outcome;
pub use ruleset::RuleSet;
