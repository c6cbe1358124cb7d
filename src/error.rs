//! The program's one error type: the engine's refusals and what can go wrong around it (files,
//! the terminal, the command line), each worded for a person. Exit codes are in `exit.rs` and the
//! drawing of errors in `render`.

use std::fmt;

use backcare_engine::error::{plural, Problem};

#[derive(Debug)]
pub enum Error {
    /// An input file that could not be read.
    Read { path: String, reason: String },
    /// A rule folder or rule file that could not be read.
    ReadRules { path: String, reason: String },
    /// A file that could not be written; nothing of the person's was replaced.
    Write { path: String, reason: String },
    /// A journal entry that could not be added; the journal was left as it was.
    Append { path: String, reason: String },
    /// Standard output failed part way: what it should have carried and may lack.
    Output { unwritten: String, reason: String },
    /// The rule set has errors: nothing can be assessed with it.
    Rules(Vec<Problem>),
    /// An answers file that does not fit the questionnaire.
    Answers(Vec<Problem>),
    /// `rules check` found errors (already listed on standard output).
    RulesCheckFailed { errors: usize },
    /// A value given on the command line or in the environment that cannot be used (an unknown
    /// exercise, say), or a command run before what it needs exists (a session before any saved
    /// answers).
    Usage { what: String, fix: String },
    /// The questionnaire needs a terminal and there is none.
    NoTerminal,
    /// Another `backcare check` has the questionnaire open in the same data folder.
    Busy { folder: String },
    /// The person pressed Ctrl-C or Esc.
    Interrupted { kept: Option<String> },
}

impl Error {
    /// The error in one line, for a note in the middle of other output.
    pub fn summary(&self) -> String {
        match self {
            Error::Rules(problems) | Error::Answers(problems) => problems.first().map_or_else(
                || self.to_string(),
                |p| format!("{}:{}:{}: {}", p.file, p.line, p.column, p.message),
            ),
            other => other.to_string(),
        }
    }
}

impl From<backcare_engine::Error> for Error {
    fn from(error: backcare_engine::Error) -> Self {
        match error {
            backcare_engine::Error::Rules(problems) => Error::Rules(problems),
            backcare_engine::Error::Answers(problems) => Error::Answers(problems),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, reason } => write!(f, "cannot read {path}: {reason}"),
            Error::ReadRules { path, reason } => write!(
                f,
                "cannot read the rules at {path}: {reason}; --rules takes a folder holding \
                 questionnaire.json, red_flags.json, postures.json, exercises.json and policy.json"
            ),
            Error::Write { path, reason } => write!(
                f,
                "cannot write {path}: {reason}; nothing was overwritten, check the folder exists, \
                 is writable and has room"
            ),
            Error::Append { path, reason } => write!(
                f,
                "cannot add to {path}: {reason}; this entry was not recorded and the journal is as \
                 it was, check the folder is writable and has room, then try again"
            ),
            Error::Output { unwritten, reason } => write!(
                f,
                "cannot write to standard output: {reason}; {unwritten} may be missing or cut short"
            ),
            Error::Rules(problems) | Error::Answers(problems) => {
                write!(f, "{} problem(s) found", problems.len())
            }
            Error::Usage { what, fix } => {
                write!(f, "{what}; {fix}")
            }
            Error::RulesCheckFailed { errors } => write!(
                f,
                "the rule set has {errors} {}; fix them before using it",
                plural(*errors, "error")
            ),
            Error::NoTerminal => write!(
                f,
                "the questionnaire needs a terminal to ask its questions; \
                 to assess answers without one, run: backcare assess --answers FILE"
            ),
            Error::Busy { folder } => write!(
                f,
                "another questionnaire is open in this data folder ({folder}); finish or stop that \
                 one first (Ctrl-C keeps its answers), then run backcare check again"
            ),
            Error::Interrupted { kept: Some(place) } => write!(
                f,
                "Stopped. Your answers so far are kept: `backcare check --resume` carries on from here.\n(They are in {place}.)"
            ),
            Error::Interrupted { kept: None } => write!(f, "Stopped."),
        }
    }
}

impl std::error::Error for Error {}

/// Why reading or writing failed, in words a person can act on. The system's own text ends in
/// "(os error N)", which tells them nothing.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let words = match error.kind() {
        ErrorKind::NotFound => "there is no such file or folder",
        ErrorKind::PermissionDenied => "permission is denied",
        ErrorKind::IsADirectory => "it is a folder, not a file",
        ErrorKind::NotADirectory => "part of the path is a file where a folder should be",
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::FileTooLarge => "the file is larger than the system allows",
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        // What reading a file as text gives for bytes that are not UTF-8.
        ErrorKind::InvalidData => "it holds bytes that are not UTF-8 text",
        ErrorKind::BrokenPipe => "the program reading it has stopped",
        _ => {
            let text = error.to_string();
            let words = text.split(" (os error").next().unwrap_or_default();
            let mut chars = words.chars();
            return chars.next().map_or_else(
                || "an unknown failure".to_owned(),
                |first| first.to_lowercase().chain(chars).collect(),
            );
        }
    };
    words.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_or_output_failure_is_said_without_the_system_code() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(io_reason(&full), "the disk is full");
        // A failure with no words of ours keeps the system's, less its number.
        let busy = std::io::Error::from_raw_os_error(16);
        let reason = io_reason(&busy);
        assert!(
            !reason.contains("os error") && !reason.is_empty(),
            "{reason}"
        );
        assert!(reason.starts_with(char::is_lowercase), "{reason}");
    }
}
