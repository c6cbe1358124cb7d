//! A progress line on standard error for a command that runs long, such as `rules check` on tens
//! of thousands of rules or a batch of a million records: shown only on a terminal, only once the
//! command has run a while, and cleared before the command prints its result.

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
    /// A progress line on `stderr` for the steps of a check, which stays hidden unless that is a
    /// terminal.
    pub fn on(stderr: Stream) -> Self {
        Self::styled(stderr, "{msg}: {pos} of {len}")
    }

    /// A progress line on `stderr` counting records screened, and how many a second.
    pub fn counting_records(stderr: Stream) -> Self {
        Self::styled(stderr, "screening: {human_pos} records done, {per_sec}")
    }

    fn styled(stderr: Stream, template: &str) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(ProgressStyle::with_template(template).expect("the template is valid"));
        Busy {
            bar,
            started: Instant::now(),
            on_terminal: stderr.is_terminal(),
            shown: false,
        }
    }

    pub fn step(&mut self, step: Step) {
        if self.show_when_due() {
            self.bar.set_length(step.total as u64);
            self.bar.set_position(step.done as u64);
            self.bar.set_message(step.what);
        }
    }

    pub fn records_done(&mut self, records: usize) {
        if self.show_when_due() {
            self.bar.set_position(records as u64);
        }
    }

    /// Whether to update the line: only on a terminal, and drawn once the command has run a
    /// while.
    fn show_when_due(&mut self) -> bool {
        if !self.on_terminal {
            return false;
        }
        if !self.shown && self.started.elapsed() >= SHOW_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        true
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
