//! The input of a batch cut into pieces of whole lines, so that workers can read, assess and
//! write records on their own: the only serial work left is finding where lines end.

use std::io::{self, BufRead};

use super::table::Row;
use crate::limits::{skip_line, BATCH_LINE};

/// About this much input goes to a worker at a time: a few hundred records, enough to make
/// handing it over cheap, small enough to keep memory flat.
pub(super) const PIECE: usize = 256 << 10;

pub(super) const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// What the reader hands a worker.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece {
    /// Whole lines (the last may lack its line break at the end of the input), the first of them
    /// numbered `first`.
    Lines { first: usize, bytes: Vec<u8> },
    /// A line longer than a record may be; its rest is skipped, not read into memory.
    TooLong { line: usize },
    /// Rows of a CSV input, already split into cells.
    Rows(Vec<Row>),
}

impl Piece {
    /// The number of the piece's first line.
    pub(super) fn first_line(&self) -> usize {
        match self {
            Piece::Lines { first, .. } => *first,
            Piece::TooLong { line } => *line,
            Piece::Rows(rows) => rows.first().map_or(0, |(line, _)| *line),
        }
    }
}

/// Buffers of pieces whose lines are assessed, kept for the reader to fill again: a new buffer of
/// a piece's size for every piece cost the reading thread a page fault for every page, and that
/// thread's time is the part of a batch that more cores do not share.
#[derive(Clone, Default)]
pub(super) struct Spares(std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>);

impl Spares {
    /// An empty buffer, one kept if there is one.
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut spares| spares.pop())
            .unwrap_or_default()
    }

    /// Keeps the buffer of a piece of lines that is done with.
    pub(super) fn give_back(&self, piece: Piece) {
        if let (Piece::Lines { mut bytes, .. }, Ok(mut spares)) = (piece, self.0.lock()) {
            bytes.clear();
            spares.push(bytes);
        }
    }
}

/// Cuts an input into [`Piece`]s.
pub(super) struct Pieces<R> {
    input: R,
    /// Buffers of pieces already assessed, handed back to be filled again.
    pub(super) spares: Spares,
    /// Read but not yet handed out: at most one line short of its end.
    carry: Vec<u8>,
    /// Whether the input's start has been looked at for a byte-order mark.
    mark_settled: bool,
    next_line: usize,
    ended: bool,
    skip_rest: bool,
    /// A read failed after some lines were read: they go out first, then this.
    failure: Option<io::Error>,
}

impl<R: BufRead> Pieces<R> {
    pub(super) fn new(input: R) -> Self {
        Pieces {
            input,
            spares: Spares::default(),
            carry: Vec::new(),
            mark_settled: false,
            next_line: 1,
            ended: false,
            skip_rest: false,
            failure: None,
        }
    }

    /// The number of the line the reader is on, for a message about a failed read.
    pub(super) fn line(&self) -> usize {
        self.next_line
    }

    /// The next piece; `None` at the end of the input.
    pub(super) fn next_piece(&mut self) -> io::Result<Option<Piece>> {
        if let Some(failure) = self.failure.take() {
            return Err(failure);
        }
        if std::mem::take(&mut self.skip_rest) {
            skip_line(&mut self.input)?;
        }
        loop {
            if let Some(cut) = memchr::memrchr(b'\n', &self.carry)
                .filter(|_| self.carry.len() >= PIECE || self.ended || self.failure.is_some())
            {
                return Ok(Some(self.hand_out(cut + 1)));
            }
            let too_long = BATCH_LINE.bytes as usize + 2;
            if self.carry.len() >= too_long {
                // No line break in more than a record may hold, even after a `\r`: the line is
                // reported at once, as its rest may never end.
                let line = self.next_line;
                self.next_line += 1;
                self.carry.clear();
                self.skip_rest = true;
                return Ok(Some(Piece::TooLong { line }));
            }
            if self.ended || self.failure.is_some() {
                if self.carry.is_empty() {
                    return match self.failure.take() {
                        Some(failure) => Err(failure),
                        None => Ok(None),
                    };
                }
                let whole = self.carry.len();
                return Ok(Some(self.hand_out(whole)));
            }
            self.read_more();
        }
    }

    fn read_more(&mut self) {
        let read = match self.input.fill_buf() {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return,
            Err(e) => {
                self.failure = Some(e);
                self.settle_mark();
                return;
            }
        };
        if read.is_empty() {
            self.ended = true;
            self.settle_mark();
            return;
        }
        // At most a piece at a time, so that an input already in memory is cut like a file.
        let length = read.len().min(PIECE);
        self.carry.extend_from_slice(&read[..length]);
        self.input.consume(length);
        self.settle_mark();
    }

    /// Some editors start a UTF-8 file with a byte-order mark; `--answers` accepts one too. It is
    /// taken off once enough of the input's start is read to tell, which a pipe may give a byte
    /// at a time.
    fn settle_mark(&mut self) {
        if self.mark_settled {
            return;
        }
        let more_to_come = !self.ended && self.failure.is_none();
        if more_to_come
            && self.carry.len() < BYTE_ORDER_MARK.len()
            && BYTE_ORDER_MARK.starts_with(&self.carry)
        {
            return;
        }
        if self.carry.starts_with(BYTE_ORDER_MARK) {
            self.carry.drain(..BYTE_ORDER_MARK.len());
        }
        self.mark_settled = true;
    }

    /// The first `length` bytes of what was read, as a piece.
    fn hand_out(&mut self, length: usize) -> Piece {
        let mut rest = self.spares.take();
        rest.extend_from_slice(&self.carry[length..]);
        self.carry.truncate(length);
        let bytes = std::mem::replace(&mut self.carry, rest);
        let first = self.next_line;
        self.next_line += memchr::memchr_iter(b'\n', &bytes).count();
        Piece::Lines { first, bytes }
    }
}

/// The lines of a piece, each numbered, without its line break (`\n` or `\r\n`).
pub(super) fn lines(first: usize, bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    // memchr finds the breaks many bytes at a time; a plain split looks at each byte.
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    let mut start = 0;
    ends.enumerate().map(move |(at, end)| {
        let line = &bytes[start..end];
        start = end + 1;
        (first + at, line.strip_suffix(b"\r").unwrap_or(line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_pieces(input: &[u8]) -> Vec<Piece> {
        let mut pieces = Pieces::new(input);
        std::iter::from_fn(|| pieces.next_piece().unwrap()).collect()
    }

    fn all_lines(input: &[u8]) -> Vec<(usize, String)> {
        all_pieces(input)
            .iter()
            .flat_map(|piece| match piece {
                Piece::Lines { first, bytes } => lines(*first, bytes)
                    .map(|(n, line)| match line.len() as u64 > BATCH_LINE.bytes {
                        true => (n, "too long".to_owned()),
                        false => (n, String::from_utf8_lossy(line).into_owned()),
                    })
                    .collect::<Vec<_>>(),
                Piece::TooLong { line } => vec![(*line, "too long".to_owned())],
                Piece::Rows(_) => unreachable!("lines are never cut into rows"),
            })
            .collect()
    }

    #[test]
    fn lines_keep_their_numbers_across_pieces() {
        let mut input = String::new();
        for n in 1..=20_000 {
            input.push_str(&format!("{{\"record\": {n}}}\r\n"));
        }
        let pieces = all_pieces(input.as_bytes());
        assert!(pieces.len() > 1, "{} pieces", pieces.len());
        let lines = all_lines(input.as_bytes());
        assert_eq!(lines.len(), 20_000);
        for (n, line) in lines {
            assert_eq!(line, format!("{{\"record\": {n}}}"));
        }
    }

    #[test]
    fn a_byte_order_mark_read_a_byte_at_a_time_is_still_taken_off_once() {
        let input = "\u{feff}\u{feff}first\nsecond".as_bytes();
        let mut pieces = Pieces::new(io::BufReader::with_capacity(1, input));
        let bytes: Vec<u8> = std::iter::from_fn(|| pieces.next_piece().unwrap())
            .flat_map(|piece| match piece {
                Piece::Lines { bytes, .. } => bytes,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            bytes,
            "\u{feff}first\nsecond".as_bytes(),
            "only the first mark goes"
        );
    }

    #[test]
    fn a_last_line_without_a_break_and_a_byte_order_mark_are_read() {
        let lines = all_lines("\u{feff}first\n\nthird".as_bytes());
        assert_eq!(
            lines,
            [(1, "first".into()), (2, String::new()), (3, "third".into())]
        );
    }

    #[test]
    fn a_line_too_long_is_reported_without_reading_it_whole_and_the_next_goes_on() {
        let limit = BATCH_LINE.bytes as usize;
        let mut input = b"before\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 3 * limit));
        input.extend_from_slice(b"\nafter\n");
        assert_eq!(
            all_lines(&input),
            [
                (1, "before".into()),
                (2, "too long".into()),
                (3, "after".into())
            ]
        );
    }
}
