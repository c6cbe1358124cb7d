//! The answers of an unfinished questionnaire, kept after every answer so that an interruption
//! loses nothing; and the answers of the last finished one, which a session is built from.

use std::path::{Path, PathBuf};

use crate::answers::Answers;
use crate::error::Error;
use crate::limits::ANSWERS_FILE;
use crate::ruleset::Questionnaire;
use crate::source::Source;
use crate::storage::{data_dir, write_atomically};

const DRAFT_FILE: &str = "draft-answers.json";
const LAST_ANSWERS_FILE: &str = "answers.json";

pub fn draft_path() -> Result<PathBuf, Error> {
    Ok(data_dir()?.join(DRAFT_FILE))
}

pub fn last_answers_path() -> Result<PathBuf, Error> {
    Ok(data_dir()?.join(LAST_ANSWERS_FILE))
}

/// Reads an answers file kept by backcare; `None` when there is none.
pub fn load(path: &Path, questionnaire: &Questionnaire) -> Result<Option<Answers>, Error> {
    let failed = |reason| Error::Read {
        path: path.display().to_string(),
        reason,
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(failed(e.to_string())),
    };
    let text = ANSWERS_FILE.read_text(file).map_err(failed)?;
    let source = Source::new(path.display().to_string(), text);
    Answers::from_source(&source, questionnaire).map(|(answers, _retired)| Some(answers))
}

pub fn save(path: &Path, answers: &Answers, questionnaire: &Questionnaire) -> Result<(), Error> {
    write_atomically(path, answers.to_json(questionnaire).as_bytes())
}

pub fn discard(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
        _ => Ok(()),
    }
}

/// The error for a questionnaire the person stopped, saying where their answers are.
pub fn interrupted() -> Error {
    Error::Interrupted {
        kept: draft_path().ok().map(|p| p.display().to_string()),
    }
}

/// Moves a file backcare cannot read out of the way, to a name that keeps it; returns that name.
pub fn set_aside(path: &Path) -> Result<PathBuf, Error> {
    let stem = path
        .file_stem()
        .map_or_else(Default::default, |s| s.to_string_lossy());
    let mut number = 1;
    let aside = loop {
        let candidate = path.with_file_name(format!("{stem}.unreadable-{number}.json"));
        if !candidate.exists() {
            break candidate;
        }
        number += 1;
    };
    std::fs::rename(path, &aside).map_err(|e| Error::Write {
        path: aside.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(aside)
}
