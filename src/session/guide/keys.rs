//! The keyboard during a session: keys read on a thread of their own, with the terminal in a mode
//! where each key can be waited for with a time limit. Apart from the countdown, which only asks
//! for the next key within a tick.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use console::{Key, Term};

use super::{text, Stop, TICK};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Press {
    Pause,
    Stop(Stop),
    /// A digit, which answers a question after an exercise; a countdown ignores it.
    Choice(u8),
    Enter,
}

fn press(key: &Key) -> Option<Press> {
    match key {
        Key::Char(digit @ '1'..='9') => Some(Press::Choice(*digit as u8 - b'0')),
        Key::Enter => Some(Press::Enter),
        Key::Char(' ' | 'p' | 'P') => Some(Press::Pause),
        Key::Char('s' | 'S') => Some(Press::Stop(Stop::Skip)),
        Key::Char('q' | 'Q') | Key::Escape => Some(Press::Stop(Stop::Quit)),
        Key::CtrlC => Some(Press::Stop(Stop::Interrupt)),
        _ => None,
    }
}

/// The keys pressed during the session, read on their own thread.
pub(super) struct Keys {
    presses: Receiver<Press>,
    /// Asks the reader to end.
    stop: Arc<AtomicBool>,
    reader: JoinHandle<()>,
    /// The reader has passed on a key that ends it.
    reader_ending: bool,
    _raw: RawMode,
}

impl Keys {
    pub(super) fn start(term: &Term) -> Self {
        let raw = RawMode::start();
        let (sender, presses) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let (term, stop) = (term.clone(), Arc::clone(&stop));
            thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    // Waiting with a limit lets the reader end when asked, without a key.
                    if !key_waiting(TICK) {
                        continue;
                    }
                    // The raw read turns Ctrl-C into a key, so it stops the session like `q` does.
                    let Ok(key) = term.read_key_raw() else {
                        break;
                    };
                    let press = press(&key);
                    let ends = matches!(press, Some(Press::Stop(Stop::Quit | Stop::Interrupt)));
                    let sent = press.is_none_or(|press| sender.send(press).is_ok());
                    if !sent || ends {
                        break;
                    }
                }
            })
        };
        Keys {
            presses,
            stop,
            reader,
            reader_ending: false,
            _raw: raw,
        }
    }

    /// The next key within `wait`; a keyboard that is gone counts as stopping.
    pub(super) fn next(&mut self, wait: Duration) -> Option<Press> {
        match self.presses.recv_timeout(wait) {
            Ok(press) => {
                self.reader_ending |= matches!(press, Press::Stop(Stop::Quit | Stop::Interrupt));
                Some(press)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Press::Stop(Stop::Quit)),
        }
    }

    /// Ends the reader before anything else reads the terminal, and gives the terminal back as
    /// it was. True when Ctrl-C was pressed meanwhile.
    pub(super) fn finish(self, term: &Term) -> bool {
        let mut interrupted = false;
        if !self.reader_ending {
            self.stop.store(true, Ordering::SeqCst);
            // Where a key cannot be waited for with a limit, the reader needs one more key.
            if !cfg!(unix) {
                let _ = term.write_line(text::PRESS_ENTER);
            }
        }
        let _ = self.reader.join();
        while let Ok(press) = self.presses.try_recv() {
            interrupted |= press == Press::Stop(Stop::Interrupt);
        }
        interrupted
    }
}

/// The terminal kept in non-canonical mode for the session, so that a key is there to read as
/// soon as it is pressed and can be waited for with a time limit; put back as it was on drop.
#[cfg(unix)]
struct RawMode(Option<libc::termios>);

#[cfg(unix)]
impl RawMode {
    fn start() -> Self {
        // SAFETY: tcgetattr and tcsetattr fill and read a termios owned here; a zeroed termios is
        // a valid value for tcgetattr to overwrite.
        unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut saved) != 0 {
                return RawMode(None);
            }
            let mut keys = saved;
            keys.c_lflag &= !(libc::ICANON | libc::ECHO);
            keys.c_cc[libc::VMIN] = 1;
            keys.c_cc[libc::VTIME] = 0;
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &keys);
            RawMode(Some(saved))
        }
    }
}

#[cfg(unix)]
impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(saved) = self.0 {
            // SAFETY: puts back the termios read at the start.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &saved);
            }
        }
    }
}

/// Whether a key is there to read within `wait`.
#[cfg(unix)]
fn key_waiting(wait: Duration) -> bool {
    let mut stdin = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: poll reads and writes the one pollfd owned here.
    unsafe { libc::poll(&mut stdin, 1, millis) > 0 }
}

#[cfg(not(unix))]
struct RawMode;

#[cfg(not(unix))]
impl RawMode {
    fn start() -> Self {
        RawMode
    }
}

/// Without a way to wait with a limit, the reader waits for the key itself.
#[cfg(not(unix))]
fn key_waiting(_: Duration) -> bool {
    true
}
