//! Exit codes, documented in the README: the program's answer to scripts.

use crate::error::Error;
use backcare_engine::outcome::Urgency;

pub const SUCCESS: i32 = 0;
pub const FAILURE: i32 = 1;
pub const USAGE: i32 = 2;
pub const BAD_INPUT: i32 = 3;
pub const BAD_RULES: i32 = 4;
pub const BUSY: i32 = 5;
pub const INTERRUPTED: i32 = 130;
/// With `--exit-code`, the urgency of the outcome, for scripts.
pub const SOON: i32 = 10;
pub const URGENT: i32 = 11;
pub const EMERGENCY: i32 = 12;
pub const INCOMPLETE: i32 = 13;

/// The code `--exit-code` gives for an outcome of this urgency.
pub fn for_urgency(urgency: Urgency) -> i32 {
    match urgency {
        Urgency::SelfCare => SUCCESS,
        Urgency::Soon => SOON,
        Urgency::Urgent => URGENT,
        Urgency::Emergency => EMERGENCY,
        Urgency::Incomplete => INCOMPLETE,
    }
}

/// The code for a command that ended with `error`.
pub fn for_error(error: &Error) -> i32 {
    match error {
        Error::Read { .. } | Error::Answers(_) => BAD_INPUT,
        Error::Rules(_) | Error::ReadRules { .. } | Error::RulesCheckFailed { .. } => BAD_RULES,
        Error::Usage { .. } | Error::NoTerminal => USAGE,
        Error::Write { .. } | Error::Append { .. } | Error::Output { .. } => FAILURE,
        Error::Busy { .. } => BUSY,
        Error::Interrupted { .. } => INTERRUPTED,
    }
}
