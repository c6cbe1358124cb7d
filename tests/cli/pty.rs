//! The program in a real pseudo-terminal: keys typed, the screen read, as a person uses it.
//! Shared by the questionnaire and the session tests, which read the screen as plain text through
//! `console::strip_ansi_codes` (it removes cursor moves and line clearing as well as colour).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use expectrl::{Any, Eof, Regex, Session};

pub(crate) struct Terminal {
    session: Session,
    /// Everything the program has drawn so far.
    pub screen: String,
}

impl Terminal {
    pub(crate) fn start(args: &[&str], data_dir: &Path, env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(cargo_bin("backcare"));
        command.args(args);
        in_test_setting(&mut command, data_dir, env);
        let mut session = Session::spawn(command).expect("the program starts in a pseudo-terminal");
        session.get_process_mut().set_window_size(120, 60).unwrap();
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        Terminal {
            session,
            screen: String::new(),
        }
    }

    /// Waits up to `limit` for each text from now on, for a program that works long between them.
    pub(crate) fn be_patient(&mut self, limit: Duration) {
        self.session.set_expect_timeout(Some(limit));
    }

    /// Waits until `text` is on screen, wrapped or not; returns what was drawn up to it.
    pub(crate) fn wait_for(&mut self, text: &str) -> String {
        let found = self
            .session
            .expect(Regex(wrapped(text)))
            .unwrap_or_else(|e| panic!("never saw {text:?}: {e}\nscreen so far:\n{}", self.screen));
        let matched = String::from_utf8_lossy(found.get(0).expect("a match")).into_owned();
        let drawn = String::from_utf8_lossy(found.before()).into_owned() + &matched;
        self.screen.push_str(&drawn);
        // The prompt switches the terminal to raw mode just after drawing itself.
        std::thread::sleep(Duration::from_millis(30));
        drawn
    }

    /// Waits until one of `texts` is on screen; returns its index. The screen must not already
    /// hold another of them since the last wait, as the first in the list would be taken.
    pub(crate) fn wait_for_any(&mut self, texts: &[&str]) -> usize {
        let found = self
            .session
            .expect(Any(texts.to_vec()))
            .unwrap_or_else(|e| {
                panic!(
                    "never saw any of {texts:?}: {e}\nscreen so far:\n{}",
                    self.screen
                )
            });
        let matched = found.get(0).expect("a match").to_vec();
        self.screen
            .push_str(&String::from_utf8_lossy(found.before()));
        self.screen.push_str(&String::from_utf8_lossy(&matched));
        std::thread::sleep(Duration::from_millis(30));
        texts
            .iter()
            .position(|text| text.as_bytes() == matched)
            .expect("the match is one of the texts")
    }

    /// Whether `text` has been drawn since the last `wait_for`, without waiting for it.
    pub(crate) fn shows(&mut self, text: &str) -> bool {
        self.session.is_matched(text).unwrap_or(false)
    }

    pub(crate) fn type_keys(&mut self, keys: &str) {
        send_when_reading_keys(&mut self.session, keys);
    }

    /// Reads to the end and returns the exit code.
    pub(crate) fn finish(&mut self) -> i32 {
        let rest = self
            .session
            .expect(Eof)
            .map(|c| String::from_utf8_lossy(c.as_bytes()).into_owned());
        self.screen.push_str(&rest.unwrap_or_default());
        match self.session.get_process().wait().unwrap() {
            expectrl::WaitStatus::Exited(_, code) => code,
            other => panic!("the program did not exit normally: {other:?}"),
        }
    }
}

/// What every pseudo-terminal test runs backcare with: its own data folder, a terminal that shows
/// colour whatever the test runner's settings, and `env` on top.
pub(crate) fn in_test_setting(command: &mut Command, data_dir: &Path, env: &[(&str, &str)]) {
    command
        .env("BACKCARE_DATA_DIR", data_dir)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    for (key, value) in env {
        command.env(key, value);
    }
}

/// A pattern for `text` as the program draws it: a space may be a line break and an indent, with
/// the colour codes around them, where the text was wrapped to the terminal.
fn wrapped(text: &str) -> String {
    let mut pattern = String::new();
    for c in text.chars() {
        match c {
            ' ' => pattern.push_str(r"(?:\s|\x1b\[[0-9;]*m)+"),
            c if c.is_ascii_punctuation() => {
                pattern.push('\\');
                pattern.push(c);
            }
            c => pattern.push(c),
        }
    }
    pattern
}

pub(crate) fn has_colour_codes(text: &str) -> bool {
    // SGR sequences (ESC [ digits/semicolons m) set colour and weight; cursor moves don't count.
    text.match_indices("\x1b[").any(|(at, _)| {
        let rest = &text[at + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(rest.len());
        rest[end..].starts_with('m')
    })
}

/// How long to wait for the program to start reading keys before typing anyway (a prompt read as
/// a whole line leaves the terminal echoing).
const KEY_READER_PATIENCE: Duration = Duration::from_millis(1500);

/// Types `keys` once the program reads keys one at a time, which it shows by turning the
/// terminal's echo off. Typed earlier, as a busy machine may make them, the terminal itself
/// would echo them onto the screen under test.
pub(crate) fn send_when_reading_keys(session: &mut Session, keys: &str) {
    let deadline = std::time::Instant::now() + KEY_READER_PATIENCE;
    while session.get_process().get_echo().unwrap_or(false) && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    session.send(keys).unwrap();
}
