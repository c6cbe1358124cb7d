//! The terminal as output: standard output and error written whole, colour switched on or off,
//! and text fitted to the width. The commands write through it rather than to the streams.

use std::io::Write;

use crate::error::{io_reason, Error};
use crate::render;
use clap::ValueEnum;

/// When to colour: the `--color` setting, decided here once for each stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    /// Colour everywhere, even into a file or a pipe
    Always,
    /// No colour anywhere
    Never,
}

/// How one output stream is written: decided once, when the command line is read, from `--color`,
/// `NO_COLOR` and whether the stream is a terminal; the commands receive it in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stream {
    pub color: bool,
    /// The width text is wrapped to: the terminal's, or none for a file or a pipe, which get
    /// their lines whole.
    pub width: Option<usize>,
}

impl Stream {
    pub fn is_terminal(self) -> bool {
        self.width.is_some()
    }

    pub fn stdout(when: ColorWhen) -> Self {
        Stream::decided(when, &console::Term::stdout(), false)
    }

    /// Standard error carries the prompts, which also go plain on a terminal that cannot show
    /// colour (`TERM=dumb`).
    pub fn stderr(when: ColorWhen) -> Self {
        Stream::decided(when, &console::Term::stderr(), true)
    }

    fn decided(when: ColorWhen, term: &console::Term, ask_the_terminal: bool) -> Self {
        let is_terminal = term.is_term();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let supported = !ask_the_terminal || term.features().colors_supported();
        Stream {
            color: color_for(when, is_terminal, no_color, supported),
            width: is_terminal.then(|| usize::from(term.size().1).clamp(40, 120)),
        }
    }

    /// Sets colour for text about to be drawn for this stream. `colored` keeps one switch for
    /// the whole process, so it is set from here, before each drawing, and nowhere else.
    pub fn draw(self) {
        colored::control::set_override(self.color);
    }

    /// `text` wrapped to the stream's width, if it has one.
    pub fn fit(self, text: String) -> String {
        match self.width {
            Some(width) => render::wrap_block(&text, width),
            None => text,
        }
    }
}

/// `--color always` and `never` are obeyed; `auto` colours a terminal that can show colour, unless
/// `NO_COLOR` is set (no-color.org).
fn color_for(when: ColorWhen, is_terminal: bool, no_color: bool, supported: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => is_terminal && !no_color && supported,
    }
}

/// Writes a message to standard error. Where that cannot be written (closed, or a full disk)
/// there is nowhere left to say so, and the exit status still tells.
pub fn tell(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

/// Writes to standard output; a closed pipe (as with `| head`) is not an error.
pub fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output {
            unwritten: "the output".to_owned(),
            reason: io_reason(&e),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_then_the_terminal_and_no_color() {
        for (is_terminal, no_color, supported) in [(true, false, true), (false, true, false)] {
            assert!(color_for(
                ColorWhen::Always,
                is_terminal,
                no_color,
                supported
            ));
            assert!(!color_for(
                ColorWhen::Never,
                is_terminal,
                no_color,
                supported
            ));
        }
        assert!(color_for(ColorWhen::Auto, true, false, true));
        assert!(
            !color_for(ColorWhen::Auto, false, false, true),
            "a pipe or a file"
        );
        assert!(!color_for(ColorWhen::Auto, true, true, true), "NO_COLOR");
        assert!(!color_for(ColorWhen::Auto, true, false, false), "TERM=dumb");
    }
}
