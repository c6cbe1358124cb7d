//! A JSON file kept as text, so that any problem found in it can be pointed at by line and column.

use std::fmt;

/// One step of a path into a JSON document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
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

#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown to a person: a path, or `rules/x.json (built in)`.
    pub name: String,
    pub text: String,
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
        }
    }

    /// Where the value at `path` starts; the nearest enclosing value when the path runs out early.
    pub fn position_of(&self, path: &JsonPath) -> Position {
        let offset = locate(&self.text, &path.0);
        self.position_at(offset)
    }

    pub fn position_at(&self, offset: usize) -> Position {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }

    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }
}

/// Finds the byte offset of the value at `path`, scanning the text without building a tree.
/// Stops at the deepest step it can reach, so a path into malformed text still lands nearby.
fn locate(text: &str, path: &[PathStep]) -> usize {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
    };
    scanner.skip_whitespace();
    for step in path {
        let value_start = scanner.at;
        let found = match step {
            PathStep::Key(key) => scanner.enter_key(key),
            PathStep::Index(index) => scanner.enter_index(*index),
        };
        if !found {
            return value_start;
        }
    }
    scanner.at
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// Moves to the value under `key` in the object here.
    fn enter_key(&mut self, key: &str) -> bool {
        if !self.eat(b'{') {
            return false;
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return false;
            }
            let name = self.read_string();
            if !self.eat(b':') {
                return false;
            }
            self.skip_whitespace();
            if name.as_deref() == Some(key) {
                return true;
            }
            if !self.skip_value() || !self.eat(b',') {
                return false;
            }
        }
    }

    /// Moves to item `index` of the array here.
    fn enter_index(&mut self, index: usize) -> bool {
        if !self.eat(b'[') {
            return false;
        }
        for _ in 0..index {
            self.skip_whitespace();
            if !self.skip_value() || !self.eat(b',') {
                return false;
            }
        }
        self.skip_whitespace();
        self.peek().is_some_and(|b| b != b']')
    }

    /// Reads a string starting at its opening quote; `None` if it holds escapes we don't decode.
    fn read_string(&mut self) -> Option<String> {
        let start = self.at + 1;
        let mut escaped = false;
        self.at += 1;
        while let Some(byte) = self.peek() {
            self.at += 1;
            match byte {
                b'\\' => {
                    escaped = true;
                    self.at += 1;
                }
                b'"' => {
                    let raw = &self.bytes[start..self.at - 1];
                    return (!escaped).then(|| String::from_utf8_lossy(raw).into_owned());
                }
                _ => {}
            }
        }
        None
    }

    fn skip_value(&mut self) -> bool {
        self.skip_whitespace();
        match self.peek() {
            Some(b'"') => {
                self.read_string();
                true
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(byte) = self.peek() {
                    match byte {
                        b'"' => {
                            self.read_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return true;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
                false
            }
            Some(_) => {
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
                true
            }
            None => false,
        }
    }
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
}
