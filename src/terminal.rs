//! The terminal as output: standard output and error written whole, colour switched on or off,
//! and text fitted to the width. The commands write through it rather than to the streams.

use std::io::Write;

use crate::cli::ColorWhen;
use crate::error::{io_reason, Error};
use crate::render;

/// Decides colour for text about to be written to a stream that is (or is not) a terminal.
pub fn use_color(when: ColorWhen, is_terminal: bool) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let on = match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => is_terminal && !no_color,
    };
    colored::control::set_override(on);
}

/// Text for standard output, wrapped to the terminal's width when it is one (a file or a pipe
/// gets the lines whole).
pub fn fit_to_terminal(text: String) -> String {
    let stdout = console::Term::stdout();
    if !stdout.is_term() {
        return text;
    }
    let width = usize::from(stdout.size().1).clamp(40, 120);
    render::wrap_block(&text, width)
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
