//! A rule folder given with `--rules`: its five files read as text, for the engine to load.

use std::path::Path;

use backcare_engine::ruleset::{RuleSources, FILE_NAMES};
use backcare_engine::source::Source;

use crate::error::Error;
use crate::limits::RULE_FILE;

/// The rules in a folder given with `--rules`, each file read up to its limit.
pub fn read(dir: &Path) -> Result<RuleSources, Error> {
    if !dir.is_dir() {
        let reason = if dir.exists() {
            "it is a file, not a folder"
        } else {
            "there is no such folder"
        };
        return Err(Error::ReadRules {
            path: dir.display().to_string(),
            reason: reason.to_owned(),
        });
    }
    let read = |name: &str| -> Result<Source, Error> {
        let path = dir.join(name);
        let text = RULE_FILE
            .read_file(&path)
            .map_err(|reason| Error::ReadRules {
                path: path.display().to_string(),
                reason,
            })?;
        Ok(Source::new(path.display().to_string(), text))
    };
    Ok(RuleSources {
        questionnaire: read(FILE_NAMES[0])?,
        red_flags: read(FILE_NAMES[1])?,
        postures: read(FILE_NAMES[2])?,
        exercises: read(FILE_NAMES[3])?,
        policy: read(FILE_NAMES[4])?,
    })
}
