//! The answers of an unfinished questionnaire, kept after every answer so that an interruption
//! loses nothing; and the answers of the last finished one, which a session is built from.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{io_reason, Error};
use crate::limits::ANSWERS_FILE;
use crate::render::report_problems;
use crate::storage::{data_dir, make_folder_for, write_atomically};
use crate::terminal::tell;
use backcare_engine::answers::Answers;
use backcare_engine::ruleset::Questionnaire;
use backcare_engine::source::Source;

const DRAFT_FILE: &str = "draft-answers.json";
const LAST_ANSWERS_FILE: &str = "answers.json";
const LOCK_FILE: &str = "questionnaire.lock";

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
        Err(e) => return Err(failed(io_reason(&e))),
    };
    let text = ANSWERS_FILE.read_text(file).map_err(failed)?;
    let source = Source::new(path.display().to_string(), text);
    let (answers, _retired) = Answers::from_source(&source, questionnaire)?;
    Ok(Some(answers))
}

/// An answers file given on the command line (`-` reads standard input): backcare's own format
/// or a FHIR QuestionnaireResponse. Answers to retired questions are set aside with a warning.
pub fn read_answers(questionnaire: &Questionnaire, path: &Path) -> Result<Answers, Error> {
    let source = ANSWERS_FILE.read_input(path)?;
    let (answers, retired) = Answers::from_source(&source, questionnaire)?;
    if !retired.is_empty() {
        tell(&report_problems(&retired));
    }
    Ok(answers)
}

/// The answers of `--answers FILE` when given, else those of the last finished questionnaire;
/// without either, says to run `backcare check` first. `purpose` completes "there are no saved
/// answers to ...".
pub fn given_or_last(
    questionnaire: &Questionnaire,
    given: Option<&Path>,
    purpose: &str,
) -> Result<Answers, Error> {
    if let Some(path) = given {
        return read_answers(questionnaire, path);
    }
    load(&last_answers_path()?, questionnaire)?.ok_or_else(|| Error::Usage {
        what: format!("there are no saved answers to {purpose}"),
        fix: "run `backcare check` first, or give a file with --answers FILE".to_owned(),
    })
}

pub fn save(path: &Path, answers: &Answers, questionnaire: &Questionnaire) -> Result<(), Error> {
    write_atomically(path, answers.to_json(questionnaire).as_bytes())
}

pub fn discard(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write {
            path: path.display().to_string(),
            reason: io_reason(&e),
        }),
        _ => Ok(()),
    }
}

/// Held while a questionnaire is open, so that a second one in the same data folder cannot
/// overwrite or delete its draft. The system lets go when the process ends, however it ends.
pub fn hold_questionnaire() -> Result<Option<File>, Error> {
    let folder = data_dir()?;
    let path = folder.join(LOCK_FILE);
    let opened = make_folder_for(&path).ok().and_then(|_| {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .ok()
    });
    // A folder that cannot be written, or a file system without locks: nothing of another
    // questionnaire can be overwritten through this one, and the questions still come first.
    let Some(file) = opened else {
        return Ok(None);
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Err(Error::Busy {
            folder: folder.display().to_string(),
        }),
        Err(TryLockError::Error(_)) => Ok(None),
    }
}

/// The error for a questionnaire the person stopped, naming the draft only when there is one to
/// carry on from.
pub fn interrupted() -> Error {
    Error::Interrupted {
        kept: draft_path()
            .ok()
            .filter(|p| std::fs::read_to_string(p).is_ok())
            .map(|p| p.display().to_string()),
    }
}

/// Moves a file backcare cannot read out of the way, to a name that keeps it, so that nothing
/// overwrites it; returns that name, or `None` when nothing is there (an unreachable folder).
pub fn set_aside(path: &Path) -> Result<Option<PathBuf>, Error> {
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
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
        reason: io_reason(&e),
    })?;
    Ok(Some(aside))
}
