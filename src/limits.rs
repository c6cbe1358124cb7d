//! The most backcare reads of each kind of input. Reading stops one byte past a limit, and the
//! input is refused with a message, so a huge or endless file costs no more memory than its
//! limit. The README lists them.

use std::io::{self, BufRead, Read};

/// How much of one kind of input backcare reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    /// The input in words, for "the most backcare reads as ...".
    pub what: &'static str,
}

pub const ANSWERS_FILE: Limit = Limit {
    bytes: 1 << 20,
    what: "an answers file",
};

pub const CASES_FILE: Limit = Limit {
    bytes: 16 << 20,
    what: "a file of clinical cases",
};

pub const RULE_FILE: Limit = Limit {
    bytes: 16 << 20,
    what: "a rule file",
};

pub const BATCH_LINE: Limit = Limit {
    bytes: 1 << 20,
    what: "one record of a batch",
};

pub const JOURNAL_LINE: Limit = Limit {
    bytes: 64 << 10,
    what: "one line of the journal",
};

/// One line of an input read by [`LineReader`].
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// The input has ended.
    End,
    /// A whole line, without its line break.
    Whole(&'a [u8]),
    /// A line longer than the limit: its start. The rest is skipped by the next read.
    TooLong(&'a [u8]),
}

/// Reads an input line by line, keeping at most the limit of each line.
pub struct LineReader<R> {
    input: R,
    limit: Limit,
    buffer: Vec<u8>,
    /// The line read last was too long and the rest of it is still to come.
    skip_rest: bool,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(input: R, limit: Limit) -> Self {
        LineReader {
            input,
            limit,
            buffer: Vec::new(),
            skip_rest: false,
        }
    }

    /// The next line, without its line break (`\n` or `\r\n`). The rest of a line too long is
    /// skipped only here, not when it is found, so that the caller can report it first: in an
    /// endless input that rest never ends.
    pub fn next_line(&mut self) -> io::Result<Line<'_>> {
        if std::mem::take(&mut self.skip_rest) {
            skip_line(&mut self.input)?;
        }
        self.buffer.clear();
        // Two bytes past the limit: room for the `\r\n` after a line exactly at it.
        let read = (&mut self.input)
            .take(self.limit.bytes + 2)
            .read_until(b'\n', &mut self.buffer)?;
        if read == 0 {
            return Ok(Line::End);
        }
        let ended = self.buffer.last() == Some(&b'\n');
        if ended {
            self.buffer.pop();
            if self.buffer.last() == Some(&b'\r') {
                self.buffer.pop();
            }
        }
        if self.buffer.len() as u64 > self.limit.bytes {
            self.skip_rest = !ended;
            return Ok(Line::TooLong(&self.buffer));
        }
        Ok(Line::Whole(&self.buffer))
    }
}

impl Limit {
    /// Why an input past the limit was refused, as in "it is {refusal}".
    pub fn refusal(self) -> String {
        let size = match self.bytes {
            bytes if bytes % (1 << 20) == 0 => format!("{} MiB", bytes >> 20),
            bytes if bytes % (1 << 10) == 0 => format!("{} KiB", bytes >> 10),
            bytes => format!("{bytes} bytes"),
        };
        format!(
            "larger than {size}, the most backcare reads as {}",
            self.what
        )
    }

    /// The file at `path` as text; the error is the reason in words.
    pub fn read_file(self, path: &std::path::Path) -> Result<String, String> {
        let file = std::fs::File::open(path).map_err(|e| crate::error::io_reason(&e))?;
        self.read_text(file)
    }

    /// All of `input` as text; the error is the reason in words, for a read error.
    pub fn read_text(self, input: impl Read) -> Result<String, String> {
        let mut bytes = Vec::new();
        input
            .take(self.bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| crate::error::io_reason(&e))?;
        if bytes.len() as u64 > self.bytes {
            return Err(format!(
                "it is {}; check that it is the file you meant",
                self.refusal()
            ));
        }
        String::from_utf8(bytes).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            // Everything before the first bad byte is text, so its lines and characters count.
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid[valid.rfind('\n').map_or(0, |at| at + 1)..]
                .chars()
                .count()
                + 1;
            format!(
                "it is not UTF-8 text: line {line}, column {column} holds bytes of another \
                 encoding; save it as UTF-8 and try again"
            )
        })
    }
}

/// Reads past the end of the current line, in pieces, keeping none of it.
pub(crate) fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let piece = match input.fill_buf() {
            Ok(piece) => piece,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if piece.is_empty() {
            return Ok(());
        }
        match piece.iter().position(|&byte| byte == b'\n') {
            Some(at) => {
                input.consume(at + 1);
                return Ok(());
            }
            None => {
                let length = piece.len();
                input.consume(length);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: Limit = Limit {
        bytes: 4,
        what: "a test line",
    };

    #[test]
    fn a_line_up_to_the_limit_is_whole_and_a_longer_one_is_skipped_to_its_end() {
        let input: &[u8] = b"abcd\r\nabcdef\n\nabcde\nlast";
        let mut lines = LineReader::new(input, TINY);
        assert_eq!(lines.next_line().unwrap(), Line::Whole(b"abcd"));
        assert_eq!(lines.next_line().unwrap(), Line::TooLong(b"abcdef"));
        assert_eq!(lines.next_line().unwrap(), Line::Whole(b""));
        assert_eq!(lines.next_line().unwrap(), Line::TooLong(b"abcde"));
        assert_eq!(lines.next_line().unwrap(), Line::Whole(b"last"));
        assert_eq!(lines.next_line().unwrap(), Line::End);
    }

    #[test]
    fn text_up_to_the_limit_is_read_and_longer_text_refused() {
        assert_eq!(TINY.read_text(&b"abcd"[..]), Ok("abcd".to_owned()));
        let refused = TINY.read_text(&b"abcde"[..]).unwrap_err();
        assert!(
            refused.starts_with("it is larger than 4 bytes"),
            "{refused}"
        );
        assert_eq!(
            JOURNAL_LINE.refusal(),
            "larger than 64 KiB, the most backcare reads as one line of the journal"
        );
        assert!(ANSWERS_FILE.refusal().starts_with("larger than 1 MiB"));
    }
}
