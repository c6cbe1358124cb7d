//! The journal: pain scores and sessions, one JSON object per line of `journal.jsonl` in the data
//! folder.
//!
//! The file is only ever appended to. Each entry is one whole line written in one call under an
//! exclusive lock and then synced, so two backcare processes writing at once both keep their
//! entries; a line that cannot be written whole is cut back off, so a full disk leaves no
//! fragment. It is read a line at a time; a line that cannot be read is reported with its number
//! and skipped, and the rest is read.

mod append;
mod read;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::storage::data_dir;
use backcare_engine::programme::Rating;
use backcare_engine::ruleset::policy::MAX_PAIN;

pub use append::append;
pub use read::{open, Line, Reader};

const JOURNAL_FILE: &str = "journal.jsonl";

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub record: Record,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    /// A pain score given with `backcare log`.
    Pain {
        pain: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A guided session; the pain asked at its end may be left out.
    Session {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pain: Option<u8>,
        minutes: u32,
        done: Vec<String>,
        /// Begun and left, or passed over with `s`.
        skipped: Vec<String>,
        /// Never begun, as the session stopped before them; older journals have none.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        not_reached: Vec<String>,
        /// How the exercises done felt, for those the person rated; older journals have none.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        rated: Vec<Rated>,
    },
}

/// One exercise's rating, given straight after it in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rated {
    pub exercise: String,
    pub felt: Rating,
    /// What the pain was like, when it felt worse and the person said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hurt: Option<Hurt>,
}

/// A word for how an exercise hurt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hurt {
    Sharp,
    Aching,
    /// Pins and needles or numbness: a sign of a nerve, which calls for a new check.
    Tingling,
}

impl Hurt {
    pub fn id(self) -> &'static str {
        match self {
            Hurt::Sharp => "sharp",
            Hurt::Aching => "aching",
            Hurt::Tingling => "tingling",
        }
    }
}

impl Entry {
    pub fn pain(&self) -> Option<u8> {
        match &self.record {
            Record::Pain { pain, .. } => Some(*pain),
            Record::Session { pain, .. } => *pain,
        }
    }

    /// A session in which at least one exercise was done.
    pub fn is_session_done(&self) -> bool {
        matches!(&self.record, Record::Session { done, .. } if !done.is_empty())
    }
}

/// Reads a pain score typed by a person: a whole number from 0 to 10.
pub fn parse_pain(text: &str) -> Result<u8, String> {
    match text.trim().parse::<u8>() {
        Ok(pain) if pain <= MAX_PAIN => Ok(pain),
        _ => Err(format!(
            "`{text}` is not a pain score; give a whole number from 0 (no pain) to {MAX_PAIN} \
             (the worst pain you can imagine)"
        )),
    }
}

pub fn path() -> Result<PathBuf, Error> {
    Ok(data_dir()?.join(JOURNAL_FILE))
}
