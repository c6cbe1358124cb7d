//! `assess --batch`: JSON lines in, JSON lines out, one per record, in input order. A bad record
//! gives an error line and the rest go on.
//!
//! The input is cut into pieces of whole lines ([`input`]); each worker reads, assesses and writes
//! the records of a piece into a buffer of its own ([`piece`]), and the finished buffers are
//! written in input order. Only a few pieces are in flight at once, so memory stays flat however
//! long the input is, and the output is the same byte for byte whatever the number of threads.

mod input;
mod output;
#[cfg(unix)]
mod parallel;
mod piece;
mod quick;
mod record;
mod table;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::num::NonZeroUsize;
use std::sync::{mpsc, Mutex};
use std::thread;

use crate::error::{io_reason, Error};
use backcare_engine::outcome::Urgency;
use backcare_engine::ruleset::RuleSet;
use input::{Piece, Pieces, Spares};
use piece::Assessed;
use table::Rows;

/// Pieces in flight per worker: one being assessed and one waiting, so no worker idles while the
/// reader cuts the next.
const IN_FLIGHT_PER_WORKER: usize = 2;

/// How a batch is run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    /// Each record's whole outcome rather than its summary.
    pub full: bool,
    pub threads: NonZeroUsize,
}

/// How the records of a batch are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line: the answers, or {"id": ..., "answers": {...}}
    Jsonl,
    /// A header row of question ids (and optionally `id`), then one row per person
    Csv,
}

impl Format {
    /// The format a file's name suggests: CSV for `.csv`, else JSON lines.
    pub fn of(path: &std::path::Path) -> Self {
        match path.extension() {
            Some(extension) if extension.eq_ignore_ascii_case("csv") => Format::Csv,
            _ => Format::Jsonl,
        }
    }
}

impl Options {
    /// Summaries of JSON lines, on every core.
    pub fn every_core() -> Self {
        Options {
            format: Format::Jsonl,
            full: false,
            threads: thread::available_parallelism().unwrap_or(NonZeroUsize::MIN),
        }
    }
}

/// The records of a batch, a piece at a time, whatever their format.
enum Reader<R> {
    Lines(Pieces<R>),
    Table(Rows<R>),
}

impl<R: BufRead> Reader<R> {
    fn next_piece(&mut self, name: &str) -> Result<Option<Piece>, Error> {
        match self {
            Reader::Lines(pieces) => pieces.next_piece().map_err(|e| Error::Read {
                path: name.to_owned(),
                reason: format!("line {}: {}", pieces.line(), io_reason(&e)),
            }),
            Reader::Table(rows) => {
                let rows = rows.next_rows(name)?;
                Ok((!rows.is_empty()).then_some(Piece::Rows(rows)))
            }
        }
    }
}

/// What a batch came to, for the summary and the exit status.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub by_urgency: BTreeMap<&'static str, usize>,
    pub errors: usize,
    /// The reader of the output stopped early (as `| head` does), so the rest was not assessed.
    pub output_closed: bool,
}

impl Summary {
    pub fn records(&self) -> usize {
        self.by_urgency.values().sum::<usize>() + self.errors
    }

    /// The most pressing urgency seen: emergency, urgent, incomplete (a screen that could hide
    /// either), soon, then self-care.
    pub fn most_pressing(&self) -> Option<Urgency> {
        [
            Urgency::Emergency,
            Urgency::Urgent,
            Urgency::Incomplete,
            Urgency::Soon,
            Urgency::SelfCare,
        ]
        .into_iter()
        .find(|u| self.by_urgency.contains_key(u.id()))
    }

    fn add(&mut self, other: &Summary) {
        for (urgency, count) in &other.by_urgency {
            *self.by_urgency.entry(urgency).or_default() += count;
        }
        self.errors += other.errors;
    }
}

/// [`run`] on a file. JSON lines on several threads from a plain file are read by every worker
/// at once ([`parallel`]), so that reading is shared out like the rest; the output is the same.
pub fn run_file(
    rules: &RuleSet,
    name: &str,
    input: std::fs::File,
    output: impl Write,
    options: Options,
    on_progress: &mut dyn FnMut(usize),
) -> Result<Summary, Error> {
    #[cfg(unix)]
    if options.format == Format::Jsonl && options.threads.get() > 1 {
        if let Some(metadata) = input.metadata().ok().filter(|metadata| metadata.is_file()) {
            let chunks = parallel::Chunks::of(&input, metadata.len());
            return parallel::run(rules, name, chunks, output, options, on_progress);
        }
    }
    let input = std::io::BufReader::new(input);
    run(rules, name, input, output, options, on_progress)
}

/// Assesses every line of `input` (named `name` in messages), writing one line per record to
/// `output`; `on_progress` hears the number of records done after each piece.
pub fn run(
    rules: &RuleSet,
    name: &str,
    input: impl BufRead,
    output: impl Write,
    options: Options,
    on_progress: &mut dyn FnMut(usize),
) -> Result<Summary, Error> {
    let (mut reader, header) = match options.format {
        Format::Jsonl => (Reader::Lines(Pieces::new(input)), None),
        Format::Csv => {
            let (rows, header) = Rows::new(input, name, &rules.questionnaire)?;
            (Reader::Table(rows), Some(header))
        }
    };
    let header = header.as_ref();
    let spares = match &reader {
        Reader::Lines(pieces) => pieces.spares.clone(),
        Reader::Table(_) => Spares::default(),
    };
    // Assesses a piece and keeps its buffer for the reader to fill again.
    let assess = |piece: Piece| {
        let assessed = piece::assess(rules, &piece, header, options.full);
        spares.give_back(piece);
        assessed
    };
    let mut writer = InOrder::new(output, on_progress);
    if options.threads.get() == 1 {
        while let Some(piece) = reader.next_piece(name)? {
            let number = writer.next;
            if writer.write(number, assess(piece))? {
                break;
            }
        }
        return Ok(writer.summary);
    }
    let workers = options.threads.get();
    let (work, to_do) = mpsc::sync_channel::<(usize, Piece)>(workers);
    let to_do = Mutex::new(to_do);
    let (finished, done) = mpsc::channel::<(usize, Assessed)>();
    thread::scope(|scope| {
        for _ in 0..workers {
            let finished = finished.clone();
            let to_do = &to_do;
            scope.spawn(move || loop {
                // The lock is held only to take the next piece.
                let next = to_do.lock().map(|queue| queue.recv());
                let Ok(Ok((number, piece))) = next else {
                    return;
                };
                // The writer has stopped (the output closed): there is no one to tell.
                if finished.send((number, assess(piece))).is_err() {
                    return;
                }
            });
        }
        drop(finished);
        let mut sent = 0;
        let mut failure = None;
        loop {
            // Wait for a finished piece while enough are in flight, then take any others done.
            if sent - writer.next >= workers * IN_FLIGHT_PER_WORKER {
                let (number, assessed) = done.recv().expect("workers run while pieces are out");
                if writer.write(number, assessed)? {
                    return Ok(writer.summary);
                }
                continue;
            }
            while let Ok((number, assessed)) = done.try_recv() {
                if writer.write(number, assessed)? {
                    return Ok(writer.summary);
                }
            }
            match reader.next_piece(name) {
                Ok(Some(piece @ Piece::TooLong { .. })) => {
                    // The rest of that line is skipped by the next read, and may never end: what
                    // came before it, and its own error line, are written first.
                    if writer.catch_up(&done, sent)? || writer.write(sent, assess(piece))? {
                        return Ok(writer.summary);
                    }
                    sent += 1;
                }
                Ok(Some(piece)) => {
                    work.send((sent, piece))
                        .expect("workers run until work ends");
                    sent += 1;
                }
                Ok(None) => break,
                Err(e) => {
                    // What was read before a failure is still assessed and written.
                    failure = Some(e);
                    break;
                }
            }
        }
        drop(work);
        if writer.catch_up(&done, sent)? {
            return Ok(writer.summary);
        }
        match failure {
            Some(failure) => Err(failure),
            None => Ok(writer.summary),
        }
    })
}

/// Writes assessed pieces in input order, whatever order they finish in.
struct InOrder<'p, W> {
    output: W,
    /// The number of the next piece to write.
    next: usize,
    waiting: HashMap<usize, Assessed>,
    summary: Summary,
    on_progress: &'p mut dyn FnMut(usize),
}

impl<'p, W: Write> InOrder<'p, W> {
    fn new(output: W, on_progress: &'p mut dyn FnMut(usize)) -> Self {
        InOrder {
            output,
            next: 0,
            waiting: HashMap::new(),
            summary: Summary::default(),
            on_progress,
        }
    }

    /// Waits for the pieces before `sent` and writes them; true when the output has closed.
    fn catch_up(
        &mut self,
        done: &mpsc::Receiver<(usize, Assessed)>,
        sent: usize,
    ) -> Result<bool, Error> {
        while self.next < sent {
            let (number, assessed) = done.recv().expect("workers finish every piece sent");
            if self.write(number, assessed)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Takes piece `number` and writes every piece now due; true when the output has closed.
    fn write(&mut self, number: usize, assessed: Assessed) -> Result<bool, Error> {
        self.waiting.insert(number, assessed);
        while let Some(assessed) = self.waiting.remove(&self.next) {
            // One write and a flush a piece: every piece before a failure is known to be out
            // whole.
            match self
                .output
                .write_all(&assessed.text)
                .and_then(|()| self.output.flush())
            {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    self.summary.output_closed = true;
                    return Ok(true);
                }
                Err(e) => {
                    return Err(Error::Output {
                        unwritten: format!(
                            "the results from line {} of the input on",
                            assessed.first_line
                        ),
                        reason: io_reason(&e),
                    })
                }
            }
            self.summary.add(&assessed.summary);
            self.next += 1;
            (self.on_progress)(self.summary.records());
        }
        Ok(false)
    }
}
