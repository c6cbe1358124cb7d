//! The screen as a person sees it: backcare runs in a pseudo-terminal of a given size, and what it
//! writes is fed to a terminal model (`vt100`) of the same size, so tests assert on the visible
//! rows, on the rows scrolled away, and on which rows the terminal itself had to wrap.

use std::io::ErrorKind;
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use expectrl::Session;

use crate::pty::in_test_setting;

/// How long a test waits for something to appear before it fails and shows the screen.
const PATIENCE: Duration = Duration::from_secs(20);
/// Rows kept once they scroll off the top, enough for a whole questionnaire.
const HISTORY: usize = 5000;

pub(crate) struct Screen {
    session: Session,
    parser: vt100::Parser,
    pub columns: u16,
}

/// One row of the terminal: its text, and whether the terminal broke it onto the next row
/// because it was wider than the screen (backcare breaks its own lines, at spaces).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub text: String,
    pub wrapped_by_terminal: bool,
}

impl Screen {
    /// Starts backcare with `args` in a terminal of `columns` × `rows`. The size is set before the
    /// program starts, so that its first line is already drawn for that width.
    pub(crate) fn start(
        args: &[&str],
        data_dir: &Path,
        env: &[(&str, &str)],
        columns: u16,
        rows: u16,
    ) -> Self {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "stty cols {columns} rows {rows} && exec \"$0\" \"$@\""
            ))
            .arg(cargo_bin("backcare"))
            .args(args);
        in_test_setting(&mut command, data_dir, env);
        let mut session = Session::spawn(command).expect("the program starts in a pseudo-terminal");
        session
            .get_process_mut()
            .set_window_size(columns, rows)
            .unwrap();
        Screen {
            session,
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).expect("some rows"),
                NonZeroU16::new(columns).expect("some columns"),
                HISTORY,
            ),
            columns,
        }
    }

    /// Feeds the terminal model whatever the program has written; false once it has ended.
    fn pump(&mut self) -> bool {
        let mut buffer = [0; 4096];
        loop {
            match self.session.try_read(&mut buffer) {
                Ok(0) => return false,
                Ok(n) => self.parser.process(&buffer[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock => return true,
                // The pseudo-terminal reports the program's end as an error on Linux.
                Err(_) => return false,
            }
        }
    }

    /// Waits until the screen, with a screenful scrolled off above it, read as one text, holds
    /// `text` (spaces and line breaks count as one space, so a wrapped sentence is found whole).
    pub(crate) fn wait_for(&mut self, text: &str) {
        let wanted = words(text);
        let deadline = Instant::now() + PATIENCE;
        loop {
            let alive = self.pump();
            if words(&self.recent().join(" ")).contains(&wanted) {
                // The prompt switches the terminal to raw mode just after drawing itself.
                std::thread::sleep(Duration::from_millis(50));
                self.pump();
                return;
            }
            assert!(
                alive && Instant::now() < deadline,
                "never saw {text:?}; the screen:\n{}",
                self.visible().join("\n")
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub(crate) fn type_keys(&mut self, keys: &str) {
        crate::pty::send_when_reading_keys(&mut self.session, keys);
    }

    /// Reads to the program's end and returns its exit code.
    pub(crate) fn finish(&mut self) -> i32 {
        let deadline = Instant::now() + PATIENCE;
        while self.pump() {
            assert!(Instant::now() < deadline, "the program did not end");
            std::thread::sleep(Duration::from_millis(10));
        }
        match self.session.get_process().wait().unwrap() {
            expectrl::WaitStatus::Exited(_, code) => code,
            other => panic!("the program did not exit normally: {other:?}"),
        }
    }

    /// The rows now on screen, without trailing spaces.
    pub(crate) fn visible(&self) -> Vec<String> {
        self.parser
            .screen()
            .rows(0, self.columns)
            .map(|row| row.trim_end().to_owned())
            .collect()
    }

    /// The rows on screen, after up to a screenful of rows scrolled off above it: what was drawn
    /// just now may already have scrolled away when a long list follows it.
    fn recent(&mut self) -> Vec<String> {
        let screen = self.parser.screen_mut();
        let (height, _) = screen.size();
        screen.set_scrollback(usize::from(height.get()));
        let back = screen.scrollback();
        let mut rows: Vec<String> = screen
            .rows(0, self.columns)
            .take(back)
            .map(|row| row.trim_end().to_owned())
            .collect();
        screen.set_scrollback(0);
        rows.extend(self.visible());
        rows
    }

    /// Every row drawn so far, those scrolled off the top first, then the screen.
    pub(crate) fn history(&mut self) -> Vec<Row> {
        let screen = self.parser.screen_mut();
        screen.set_scrollback(usize::MAX);
        let scrolled = screen.scrollback();
        let mut rows = Vec::new();
        // At an offset of k rows back, the top row is the k-th row from the end of the history.
        for back in (1..=scrolled).rev() {
            screen.set_scrollback(back);
            rows.push(row(screen, 0, self.columns));
        }
        screen.set_scrollback(0);
        let (height, _) = screen.size();
        rows.extend((0..height.get()).map(|at| row(screen, at, self.columns)));
        rows
    }
}

fn row(screen: &vt100::Screen, at: u16, columns: u16) -> Row {
    let text = screen
        .rows(0, columns)
        .nth(usize::from(at))
        .unwrap_or_default()
        .trim_end()
        .to_owned();
    Row {
        text,
        wrapped_by_terminal: screen.row_wrapped(at),
    }
}

/// `text` with every run of spaces and line breaks made one space.
pub(crate) fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows the terminal had to break because backcare wrote a line wider than the screen: each
/// is a place where a word may have been cut in two.
pub(crate) fn overflowing(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| r.wrapped_by_terminal)
        .map(|r| r.text.clone())
        .collect()
}
