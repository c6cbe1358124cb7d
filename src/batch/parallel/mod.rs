//! A batch read from a file by every worker at once. With one thread reading for all of them,
//! that thread's share of the cores (mostly the system copying the file to it) was what more
//! cores could not divide. Here the file is cut into chunks by position; each worker reads a chunk
//! of its own, counts its line breaks, and assesses the lines that start in it (reading on past its
//! end for the last one). A line's number is one more than the breaks before it, so a worker waits
//! only for the counts of the chunks before its own, which their workers give before assessing.
//! The output is the same, byte for byte, as the one reader's (a test compares them).

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::thread;

use super::input::{BYTE_ORDER_MARK, PIECE};
use super::piece::{self, Assessed};
use super::{InOrder, Options, Summary, IN_FLIGHT_PER_WORKER};
use crate::error::{io_reason, Error};
use crate::limits::BATCH_LINE;
use backcare_engine::ruleset::RuleSet;

/// A file to read in chunks: `length` bytes long when it was opened, cut every `chunk` bytes.
pub(super) struct Chunks<'f> {
    pub(super) file: &'f File,
    pub(super) length: u64,
    pub(super) chunk: usize,
}

impl<'f> Chunks<'f> {
    pub(super) fn of(file: &'f File, length: u64) -> Self {
        Chunks {
            file,
            length,
            chunk: PIECE,
        }
    }
}

/// Assesses every line of `input` (named `name`) on `options.threads` workers, each reading for
/// itself.
pub(super) fn run(
    rules: &RuleSet,
    name: &str,
    input: Chunks,
    output: impl Write,
    options: Options,
    on_progress: &mut dyn FnMut(usize),
) -> Result<Summary, Error> {
    let chunks = input.length.div_ceil(input.chunk as u64) as usize;
    let workers = options.threads.get();
    let shared = Shared {
        file: input.file,
        length: input.length,
        chunk: input.chunk,
        chunks,
        next: AtomicUsize::new(0),
        window: workers * IN_FLIGHT_PER_WORKER,
        state: Mutex::new(State {
            breaks: vec![None; chunks],
            before: vec![0],
            written: 0,
            stopped: false,
        }),
        changed: Condvar::new(),
    };
    let mut writer = InOrder::new(output, on_progress);
    let (finished, done) = mpsc::channel::<(usize, Done)>();
    thread::scope(|scope| {
        for _ in 0..workers {
            let finished = finished.clone();
            let shared = &shared;
            scope.spawn(move || {
                // One buffer for every chunk this worker reads.
                let mut buffer = Vec::new();
                while let Some(number) = shared.claim() {
                    let Some(result) = shared.assess(rules, number, options.full, &mut buffer)
                    else {
                        return;
                    };
                    if finished.send((number, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(finished);
        // Stops the workers however the writing ends.
        let result = write_all(&mut writer, &done, &shared, name, chunks);
        shared.stop();
        result.map(|()| writer.summary)
    })
}

/// A chunk assessed, and the failure that cut its reading short, if one did: the number of the
/// line it was reading and what went wrong.
type Done = (Assessed, Option<(usize, io::Error)>);

fn write_all<W: Write>(
    writer: &mut InOrder<W>,
    done: &mpsc::Receiver<(usize, Done)>,
    shared: &Shared,
    name: &str,
    chunks: usize,
) -> Result<(), Error> {
    // Chunks come in any order. After a failed read nothing later is written, and the failure is
    // reported once everything up to it is.
    let mut failure: Option<(usize, (usize, io::Error))> = None;
    while writer.next < chunks {
        let Ok((number, (assessed, failed))) = done.recv() else {
            break;
        };
        if failure.as_ref().is_some_and(|(at, _)| number > *at) {
            continue;
        }
        if let Some(failed) = failed {
            writer.waiting.retain(|waiting, _| *waiting < number);
            failure = Some((number, failed));
        }
        if writer.write(number, assessed)? {
            return Ok(());
        }
        shared.written(writer.next);
        if let Some((at, (line, failed))) = &failure {
            if *at < writer.next {
                return Err(Error::Read {
                    path: name.to_owned(),
                    reason: format!("line {line}: {}", io_reason(failed)),
                });
            }
        }
    }
    Ok(())
}

/// What the workers share.
struct Shared<'f> {
    file: &'f File,
    length: u64,
    chunk: usize,
    chunks: usize,
    /// The next chunk no worker has taken.
    next: AtomicUsize,
    /// How many chunks may be taken past the last one written, to keep memory flat.
    window: usize,
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    /// The line breaks in each chunk, once its worker has counted them.
    breaks: Vec<Option<usize>>,
    /// The line breaks before each chunk, for as many chunks as are counted from the start on:
    /// kept as the counts come in, so no worker adds them up again.
    before: Vec<usize>,
    /// Chunks written so far.
    written: usize,
    /// The writing has ended (the output closed, or a read failed): workers stop.
    stopped: bool,
}

impl Shared<'_> {
    /// The next chunk to assess, once it is within the window; `None` when there is none.
    fn claim(&self) -> Option<usize> {
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        if number >= self.chunks {
            return None;
        }
        self.wait_for(|state| state.written + self.window > number)?;
        Some(number)
    }

    /// Reads chunk `number` and assesses the lines that start in it; `None` when told to stop.
    fn assess(
        &self,
        rules: &RuleSet,
        number: usize,
        full: bool,
        buffer: &mut Vec<u8>,
    ) -> Option<Done> {
        let lines = self.read(number, buffer);
        self.counted(number, lines.breaks);
        let first_line = self.first_line(number)? + usize::from(!lines.starts_a_line);
        let mut assessed = piece::assess_lines(rules, first_line, &buffer[lines.range], full);
        // The line after those assessed: too long, or where a failed read stopped.
        let next_line = first_line + lines.whole_lines;
        if lines.last_too_long {
            assessed.too_long(next_line);
        }
        Some((assessed, lines.failure.map(|failure| (next_line, failure))))
    }

    /// Reads chunk `number` into `buffer`, with the byte before it and, past its end, the rest of
    /// its last line; gives where in `buffer` the lines that start in the chunk are, and the count
    /// of every line break in the chunk itself. A failed read ends the lines at the last whole
    /// one read.
    fn read(&self, number: usize, buffer: &mut Vec<u8>) -> ChunkLines {
        let start = (number * self.chunk) as u64;
        let end = (start + self.chunk as u64).min(self.length);
        // The byte before the chunk says whether a line starts at its first byte.
        let from = start.saturating_sub(1);
        buffer.clear();
        let mut failure = read_at(self.file, from, (end - from) as usize, buffer).err();
        let own_from = usize::from(start > 0).min(buffer.len());
        let starts_a_line = start == 0 || buffer.first() == Some(&b'\n');
        let own = &buffer[own_from..];
        let breaks = memchr::memchr_iter(b'\n', own).count();
        let first = if starts_a_line {
            own_from
        } else {
            // Where the chunk lies inside a line that started before it, it starts none.
            memchr::memchr(b'\n', own).map_or(buffer.len(), |at| own_from + at + 1)
        };
        // The last line that starts here may end in a later chunk: read on to its break, or to
        // past the longest line a record may be.
        let last_start =
            memchr::memrchr(b'\n', &buffer[first..]).map_or(first, |at| first + at + 1);
        let mut last_too_long = false;
        if failure.is_none() && last_start < buffer.len() && end < self.length {
            // The longest a line may be, and a byte-order mark before the first, which the
            // single reader takes off before it measures (a line without one is too long
            // either way once it passes the limit).
            let mark = if last_start == 0 {
                BYTE_ORDER_MARK.len()
            } else {
                0
            };
            let most = BATCH_LINE.bytes as usize + 2 + mark;
            (last_too_long, failure) = self.read_on(buffer, last_start, end, most);
        }
        // After a failed read the last line may be cut short: it is left out, and the failure is
        // reported at it.
        let cut_short = failure.is_some() && !buffer.ends_with(b"\n");
        let end_of_lines = if last_too_long || cut_short {
            last_start.max(first)
        } else {
            buffer.len()
        };
        let whole_lines = memchr::memchr_iter(b'\n', &buffer[first..end_of_lines]).count();
        // Some editors start a UTF-8 file with a byte-order mark; `--answers` accepts one too.
        let mut first = first;
        if start == 0 && buffer[..end_of_lines].starts_with(BYTE_ORDER_MARK) {
            first += BYTE_ORDER_MARK.len();
        }
        ChunkLines {
            range: first.min(end_of_lines)..end_of_lines,
            breaks,
            starts_a_line,
            whole_lines,
            last_too_long,
            failure,
        }
    }

    /// Reads on from `at` into `buffer` until the line that starts at `line_start` ends, the file
    /// ends, or the line reaches `most` bytes; gives whether it reached them, and a failed read.
    fn read_on(
        &self,
        buffer: &mut Vec<u8>,
        line_start: usize,
        mut at: u64,
        most: usize,
    ) -> (bool, Option<io::Error>) {
        // A line is usually short: read a little first, then more.
        let mut step = 4 << 10;
        loop {
            let before = buffer.len();
            let wanted = step.min(most - (before - line_start));
            let read = read_at(self.file, at, wanted, buffer);
            if let Some(cut) = memchr::memchr(b'\n', &buffer[before..]) {
                buffer.truncate(before + cut + 1);
                return (false, None);
            }
            match read {
                Ok(0) => return (false, None),
                Ok(_) => {}
                Err(e) => return (false, Some(e)),
            }
            at += (buffer.len() - before) as u64;
            if buffer.len() - line_start >= most {
                return (true, None);
            }
            step = (step * 2).min(256 << 10);
        }
    }

    fn counted(&self, number: usize, breaks: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.breaks[number] = Some(breaks);
            while let Some(Some(breaks)) = state.breaks.get(state.before.len() - 1).copied() {
                let total = state.before.last().copied().unwrap_or(0) + breaks;
                state.before.push(total);
            }
        }
        self.changed.notify_all();
    }

    /// The number of the first line of chunk `number`, if it starts one: one more than the line
    /// breaks before the chunk, once they are counted; `None` when told to stop.
    fn first_line(&self, number: usize) -> Option<usize> {
        let mut before = 0;
        self.wait_for(|state| match state.before.get(number) {
            Some(breaks) => {
                before = *breaks;
                true
            }
            None => false,
        })?;
        Some(before + 1)
    }

    fn written(&self, written: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.written = written;
        }
        self.changed.notify_all();
    }

    fn stop(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.stopped = true;
        }
        self.changed.notify_all();
    }

    /// Waits until `ready` holds; `None` when told to stop first.
    fn wait_for(&self, mut ready: impl FnMut(&State) -> bool) -> Option<()> {
        let mut state = self.state.lock().ok()?;
        loop {
            if state.stopped {
                return None;
            }
            if ready(&state) {
                return Some(());
            }
            state = self.changed.wait(state).ok()?;
        }
    }
}

struct ChunkLines {
    /// Where in the buffer the lines that start in the chunk are, the last perhaps without its
    /// break.
    range: std::ops::Range<usize>,
    /// Every line break in the chunk itself.
    breaks: usize,
    /// Whether the chunk's first byte starts a line.
    starts_a_line: bool,
    /// The line breaks in `range`: the line after it is this many past its first.
    whole_lines: usize,
    /// The line after `range` starts in the chunk and is longer than a record may be.
    last_too_long: bool,
    /// A read that failed, after which nothing more of the file is assessed.
    failure: Option<io::Error>,
}

/// Appends up to `length` bytes from `at` to `buffer`, fewer where the file ends; gives how many.
fn read_at(file: &File, at: u64, length: usize, buffer: &mut Vec<u8>) -> io::Result<usize> {
    let start = buffer.len();
    buffer.resize(start + length, 0);
    let mut filled = 0;
    let result = loop {
        if filled == length {
            break Ok(filled);
        }
        match file.read_at(&mut buffer[start + filled..], at + filled as u64) {
            Ok(0) => break Ok(filled),
            Ok(read) => filled += read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    buffer.truncate(start + filled);
    result
}

#[cfg(test)]
mod tests;
