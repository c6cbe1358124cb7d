//! A dialoguer theme that fits every line it formats to the terminal's width.
//!
//! dialoguer counts the rows it must clear by the line breaks in what it wrote, not by the rows a
//! long line wraps onto, so a prompt wider than the terminal leaves a stale copy of its first rows
//! behind; and a line the terminal breaks by itself splits a word. Here each prompt, answer and
//! error is wrapped at spaces into lines that fit, so the breaks are real and counted. List items
//! are fitted by [`crate::prompt`] before dialoguer sees them, as dialoguer measures them itself.

use std::fmt::{self, Write};

use console::{style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use crate::render::hang;

/// Continuation lines start under the text, after the `? ` or `✔ ` mark.
const INDENT: usize = 2;
/// Room left on a list's first line for dialoguer's own " [Page 10/12] ".
const PAGE_NOTE: usize = 14;

pub struct Fitted {
    inner: Box<dyn Theme>,
    color: bool,
}

/// The columns text may use on standard error now: the terminal's, less one so that a full line
/// never leaves the cursor waiting at the edge, and at most 100 for reading comfort.
pub fn columns() -> usize {
    usize::from(Term::stderr().size().1)
        .saturating_sub(1)
        .clamp(20, 100)
}

/// The rows `text` takes on a terminal of `columns`, counting the rows each line wraps onto.
pub fn rows(text: &str, columns: usize) -> usize {
    text.split('\n')
        .map(|line| {
            console::measure_text_width(line)
                .saturating_sub(1)
                .checked_div(columns.max(1))
                .unwrap_or(0)
                + 1
        })
        .sum()
}

/// A line's words joined by single spaces: list items arrive already fitted, with breaks that
/// would be in the wrong places once they follow a prompt.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Fitted {
    pub fn new(color: bool) -> Self {
        let inner: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        Fitted { inner, color }
    }

    /// Writes what `format` gives, wrapped to `width`.
    fn fitted(
        f: &mut dyn Write,
        width: usize,
        format: impl FnOnce(&mut String) -> fmt::Result,
    ) -> fmt::Result {
        let mut text = String::new();
        format(&mut text)?;
        f.write_str(&hang(&text, width, INDENT))
    }

    /// `text` wrapped to the terminal with the prompts' indent, for lines drawn outside dialoguer.
    pub fn fit(&self, text: &str) -> String {
        hang(text, columns(), INDENT)
    }
}

impl Theme for Fitted {
    /// The prompt of a list (dialoguer's select prompts come here, and their answer lines go to
    /// [`Theme::format_input_prompt_selection`]), with room for its page number.
    fn format_prompt(&self, f: &mut dyn Write, prompt: &str) -> fmt::Result {
        Self::fitted(f, columns().saturating_sub(PAGE_NOTE), |t| {
            self.inner.format_prompt(t, prompt)
        })
    }

    fn format_error(&self, f: &mut dyn Write, err: &str) -> fmt::Result {
        Self::fitted(f, columns(), |t| self.inner.format_error(t, err))
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        Self::fitted(f, columns(), |t| {
            self.inner.format_confirm_prompt(t, prompt, default)
        })
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        Self::fitted(f, columns(), |t| {
            self.inner
                .format_confirm_prompt_selection(t, prompt, selection)
        })
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        Self::fitted(f, columns(), |t| {
            self.inner.format_input_prompt(t, prompt, default)
        })
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        Self::fitted(f, columns(), |t| {
            self.inner
                .format_input_prompt_selection(t, prompt, &one_line(sel))
        })
    }

    /// An empty choice reads "none" rather than leaving the answer blank.
    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        let joined: Vec<String> = selections.iter().map(|s| one_line(s)).collect();
        let mut shown: Vec<&str> = joined.iter().map(String::as_str).collect();
        if shown.is_empty() {
            shown.push("none");
        }
        Self::fitted(f, columns(), |t| {
            self.inner
                .format_multi_select_prompt_selection(t, prompt, &shown)
        })
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.inner.format_select_prompt_item(f, text, active)
    }

    /// The item under the cursor is marked by an arrow as well as by colour, and a picked one by
    /// a tick in a box, so neither depends on seeing colour.
    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        let cursor = match (active, self.color) {
            (true, true) => "❯",
            (true, false) => ">",
            (false, _) => " ",
        };
        let mark = if checked { "[x]" } else { "[ ]" };
        if self.color && active {
            write!(
                f,
                "{} {} {}",
                style(cursor).for_stderr().green(),
                style(mark).for_stderr().bold(),
                style(text).for_stderr().cyan().bold()
            )
        } else {
            write!(f, "{cursor} {mark} {text}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_count_the_wrapped_rows_of_every_line() {
        assert_eq!(rows("", 10), 1);
        assert_eq!(rows("0123456789", 10), 1);
        assert_eq!(rows("0123456789a", 10), 2);
        assert_eq!(rows("abc\n0123456789a\n", 10), 4);
    }

    #[test]
    fn an_empty_choice_reads_none_and_the_cursor_shows_without_colour() {
        let theme = Fitted::new(false);
        let mut text = String::new();
        theme
            .format_multi_select_prompt_selection(&mut text, "Equipment", &[])
            .unwrap();
        assert!(text.ends_with("none"), "{text}");
        let mut item = String::new();
        theme
            .format_multi_select_prompt_item(&mut item, "A towel", false, true)
            .unwrap();
        assert_eq!(item, "> [ ] A towel");
    }
}
