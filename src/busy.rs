//! A progress line on standard error for a command that runs long, such as `rules check` on tens
//! of thousands of rules: shown only on a terminal, only once the command has run a while, and
//! cleared before the command prints its result.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use backcare_engine::verify::Step;

/// Shorter runs finish before a progress line would help, and a line that flashes up and vanishes
/// is noise.
const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Busy {
    bar: ProgressBar,
    started: Instant,
    on_terminal: bool,
    shown: bool,
}

impl Default for Busy {
    fn default() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{msg}: {pos} of {len}").expect("the template is valid"),
        );
        Busy {
            bar,
            started: Instant::now(),
            on_terminal: std::io::stderr().is_terminal(),
            shown: false,
        }
    }
}

impl Busy {
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
