//! A progress line on standard error for a command that runs long, such as `rules check` on tens
//! of thousands of rules: shown only on a terminal, only once the command has run a while, and
//! cleared before the command prints its result.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use backcare_engine::verify::Step;

use crate::terminal::Stream;

/// Shorter runs finish before a progress line would help, and a line that flashes up and vanishes
/// is noise.
const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Busy {
    bar: ProgressBar,
    started: Instant,
    on_terminal: bool,
    shown: bool,
}

impl Busy {
    /// A progress line on `stderr`, which stays hidden unless that is a terminal.
    pub fn on(stderr: Stream) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{msg}: {pos} of {len}").expect("the template is valid"),
        );
        Busy {
            bar,
            started: Instant::now(),
            on_terminal: stderr.is_terminal(),
            shown: false,
        }
    }

    pub fn step(&mut self, step: Step) {
        if !self.on_terminal {
            return;
        }
        if !self.shown && self.started.elapsed() >= SHOW_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_length(step.total as u64);
        self.bar.set_position(step.done as u64);
        self.bar.set_message(step.what);
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
