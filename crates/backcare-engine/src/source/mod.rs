//! A JSON file kept as text, so that any problem found in it can be pointed at by line and column.

mod locate;

use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};

use locate::{locate, Landmarks};

/// One step of a path into a JSON document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

impl From<&str> for PathStep {
    fn from(key: &str) -> Self {
        PathStep::Key(key.to_owned())
    }
}

impl From<usize> for PathStep {
    fn from(index: usize) -> Self {
        PathStep::Index(index)
    }
}

/// A path into a JSON document, such as `rules[3].when`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<PathStep>);

impl JsonPath {
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    pub fn join(&self, step: impl Into<PathStep>) -> Self {
        let mut steps = self.0.clone();
        steps.push(step.into());
        JsonPath(steps)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                PathStep::Key(key) if i == 0 => write!(f, "{key}")?,
                PathStep::Key(key) => write!(f, ".{key}")?,
                PathStep::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
pub struct Source {
    /// The name shown to a person: a path, or `rules/x.json (built in)`.
    pub name: String,
    pub text: String,
    /// Where lines start and how many characters come before each block, worked out on first
    /// use, so that placing many problems in a large file costs little each rather than a count
    /// from the top.
    lines: OnceLock<LineIndex>,
    /// Where the values of the arrays and objects searched so far start, so that placing many
    /// problems in one long list or object does not scan it again for each.
    landmarks: Mutex<Landmarks>,
}

impl Clone for Source {
    fn clone(&self) -> Self {
        Source::new(self.name.clone(), self.text.clone())
    }
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        // Some editors start UTF-8 files with a byte-order mark, which JSON does not allow.
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Source {
            name: name.into(),
            text,
            lines: OnceLock::new(),
            landmarks: Mutex::default(),
        }
    }

    /// Where the value at `path` starts; the nearest enclosing value when the path runs out early.
    pub fn position_of(&self, path: &JsonPath) -> Position {
        self.position_at(self.offset_of(path))
    }

    /// The byte offset of the value at `path`, as [`Source::position_of`] finds it.
    pub(crate) fn offset_of(&self, path: &JsonPath) -> usize {
        // A panic elsewhere while the lock was held leaves the offsets found so far still true.
        let mut landmarks = self
            .landmarks
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        locate(&self.text, &path.0, &mut landmarks)
    }

    pub(crate) fn position_at(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let starts = &self.index().starts;
        let line = starts.partition_point(|&start| start <= offset);
        let column = self.chars_before(offset) - self.chars_before(starts[line - 1]) + 1;
        Position { line, column }
    }

    /// Line `line` (from 1) without its line ending, as [`str::lines`] gives it.
    pub(crate) fn line_text(&self, line: usize) -> Option<&str> {
        let starts = &self.index().starts;
        let start = *starts.get(line.checked_sub(1)?)?;
        if start >= self.text.len() {
            return None;
        }
        let end = starts.get(line).map_or(self.text.len(), |next| next - 1);
        let text = &self.text[start..end];
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// The line holding `offset`, and the offset's place in it in bytes.
    pub(crate) fn line_at(&self, offset: usize) -> Option<(&str, usize)> {
        let offset = offset.min(self.text.len());
        let starts = &self.index().starts;
        let line = starts.partition_point(|&start| start <= offset);
        Some((self.line_text(line)?, offset - starts[line - 1]))
    }

    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.index().chars_before_block[block]
            + count_chars(&self.text.as_bytes()[block * BLOCK..offset])
    }

    fn index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex {
            starts: std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
            chars_before_block: std::iter::once(0)
                .chain(self.text.as_bytes().chunks(BLOCK).scan(0, |total, block| {
                    *total += count_chars(block);
                    Some(*total)
                }))
                .collect(),
        })
    }
}

/// The bytes between checkpoints of the character count: a column is then counted over at most
/// this many bytes, however long its line.
const BLOCK: usize = 4096;

#[derive(Debug)]
struct LineIndex {
    /// The offset of each line's first byte.
    starts: Vec<usize>,
    /// The characters before each multiple of [`BLOCK`] bytes.
    chars_before_block: Vec<usize>,
}

/// The characters that start in `bytes`: every byte but UTF-8's continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"rules\": [\n    {\"id\": \"a\", \"when\": {\"yes\": \"x\"}},\n    {\"id\": \"b\",\n     \"when\": {\"yes\": \"y\"}}\n  ]\n}\n";

    fn path(steps: &[PathStep]) -> JsonPath {
        JsonPath(steps.to_vec())
    }

    #[test]
    fn finds_a_nested_value() {
        let source = Source::new("t.json", TEXT);
        let at = source.position_of(&path(&["rules".into(), 1.into(), "when".into()]));
        assert_eq!(
            at,
            Position {
                line: 5,
                column: 14
            }
        );
    }

    #[test]
    fn skips_earlier_siblings_with_nested_objects() {
        let source = Source::new("t.json", TEXT);
        let at = source.position_of(&path(&["rules".into(), 1.into(), "id".into()]));
        assert_eq!(
            at,
            Position {
                line: 4,
                column: 12
            }
        );
    }

    #[test]
    fn a_missing_key_points_at_its_parent() {
        let source = Source::new("t.json", TEXT);
        let at = source.position_of(&path(&["rules".into(), 0.into(), "nope".into()]));
        assert_eq!(at, Position { line: 3, column: 5 });
    }

    #[test]
    fn path_display_reads_like_code() {
        let p = path(&["rules".into(), 2.into(), "when".into()]);
        assert_eq!(p.to_string(), "rules[2].when");
    }

    #[test]
    fn remembered_places_agree_with_a_fresh_search_in_any_order() {
        let text =
            "{\"rules\": [\n  {\"id\": \"é\", \"when\": {\"all\": [1, [2, 3], {\"a\": 4}]}},\n  \
                    {\"when\": 5, \"id\": \"b\"},\n  [6, 7],\n  {\"id\": \"c\", \"id\": \"d\"}\n], \
                    \"tail\": {\"x\": [8, \"broken]}";
        let paths: Vec<JsonPath> = vec![
            path(&["rules".into(), 3.into(), "id".into()]),
            path(&[
                "rules".into(),
                0.into(),
                "when".into(),
                "all".into(),
                2.into(),
                "a".into(),
            ]),
            path(&["rules".into(), 1.into(), "id".into()]),
            path(&[
                "rules".into(),
                0.into(),
                "when".into(),
                "all".into(),
                1.into(),
                1.into(),
            ]),
            path(&["rules".into(), 2.into(), 1.into()]),
            path(&["rules".into(), 9.into()]),
            path(&["tail".into(), "x".into(), 1.into()]),
            path(&["tail".into(), "x".into(), 5.into()]),
            path(&["rules".into(), 0.into(), "id".into()]),
        ];
        let remembering = Source::new("t.json", text);
        for (round, order) in [[0, 1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1, 0]]
            .iter()
            .enumerate()
        {
            for &i in order {
                let fresh = Source::new("t.json", text).position_of(&paths[i]);
                assert_eq!(
                    remembering.position_of(&paths[i]),
                    fresh,
                    "{} in round {round}",
                    paths[i]
                );
            }
        }
    }
}
