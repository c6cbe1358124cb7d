//! Finding where the value at a JSON path starts, by scanning the text with no tree built, and
//! remembering what each scan passed so that the next costs less. Apart from [`super::Source`],
//! which only asks it for an offset.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::PathStep;

/// Finds the byte offset of the value at `path`, scanning the text without building a tree.
/// Stops at the deepest step it can reach, so a path into malformed text still lands nearby.
/// What earlier searches found, by the offset of the `[` or `{` it is in.
#[derive(Debug, Default)]
pub(super) struct Landmarks {
    /// The item starts found so far in each array.
    items: HashMap<usize, Vec<usize>>,
    /// The value start of each member of each object, the first of a repeated key.
    members: HashMap<usize, HashMap<String, usize>>,
}

pub(super) fn locate(text: &str, path: &[PathStep], landmarks: &mut Landmarks) -> usize {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
    };
    scanner.skip_whitespace();
    for step in path {
        let value_start = scanner.at;
        let found = match step {
            PathStep::Key(key) => scanner.enter_key(key, &mut landmarks.members),
            PathStep::Index(index) => scanner.enter_index(*index, &mut landmarks.items),
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

    /// Moves to the value under `key` in the object here. The first visit to an object notes
    /// where each of its members starts.
    fn enter_key(
        &mut self,
        key: &str,
        objects: &mut HashMap<usize, HashMap<String, usize>>,
    ) -> bool {
        self.skip_whitespace();
        let members = match objects.entry(self.at) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => {
                if !self.eat(b'{') {
                    return false;
                }
                let mut members = HashMap::new();
                // Up to the end of the object, or the first place it is broken.
                loop {
                    self.skip_whitespace();
                    if self.peek() != Some(b'"') {
                        break;
                    }
                    let name = self.read_string();
                    if !self.eat(b':') {
                        break;
                    }
                    self.skip_whitespace();
                    if let Some(name) = name {
                        members.entry(name).or_insert(self.at);
                    }
                    if !self.skip_value() || !self.eat(b',') {
                        break;
                    }
                }
                slot.insert(members)
            }
        };
        match members.get(key) {
            Some(&start) => {
                self.at = start;
                true
            }
            None => false,
        }
    }

    /// Moves to item `index` of the array here, going on from the last item found before in it.
    fn enter_index(&mut self, index: usize, items: &mut HashMap<usize, Vec<usize>>) -> bool {
        self.skip_whitespace();
        let array = self.at;
        if !self.eat(b'[') {
            return false;
        }
        let known = items.entry(array).or_default();
        if known.is_empty() {
            if !self.at_item() {
                return false;
            }
            known.push(self.at);
        }
        while known.len() <= index {
            self.at = known[known.len() - 1];
            if !self.skip_value() || !self.eat(b',') || !self.at_item() {
                return false;
            }
            known.push(self.at);
        }
        self.at = known[index];
        true
    }

    /// Whether an item starts here, after any whitespace.
    fn at_item(&mut self) -> bool {
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
