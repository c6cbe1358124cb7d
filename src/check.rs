//! The guided questionnaire in the terminal.

use std::path::Path;

use crate::cli::Settings;
use crate::error::Error;
use crate::ruleset::RuleSet;

pub fn run(_rules: &RuleSet, _settings: &Settings, _save: Option<&Path>, _resume: bool) -> Result<(), Error> {
    Err(Error::NoTerminal)
}
