//! `backcare progress --json` and `--csv`: the journal's entries written out one at a time, as
//! they are read, for a spreadsheet or another program.

use std::io::{self, Write};

use crate::journal::{Entry, Record};

const CSV_HEADER: &str = "date,kind,pain,minutes,done,skipped,rated,note\n";

/// `progress --json` or `--csv`, written an entry at a time. The JSON list is laid out as
/// serde_json lays out a whole list, so it reads the same however long the journal is.
pub struct Export<W> {
    out: W,
    csv: bool,
    written: usize,
}

impl<W: Write> Export<W> {
    pub fn new(out: W, csv: bool) -> Self {
        Export {
            out,
            csv,
            written: 0,
        }
    }

    pub fn entry(&mut self, entry: &Entry) -> io::Result<()> {
        if self.csv {
            if self.written == 0 {
                self.out.write_all(CSV_HEADER.as_bytes())?;
            }
            self.out.write_all(csv_row(entry).as_bytes())?;
        } else {
            self.out
                .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
            let item = serde_json::to_string_pretty(entry).expect("an entry always serialises");
            // One level in, as inside the list; a JSON string never holds a line break.
            for (index, line) in item.lines().enumerate() {
                let before = if index == 0 { "  " } else { "\n  " };
                write!(self.out, "{before}{line}")?;
            }
        }
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        let end = match (self.csv, self.written) {
            (true, 0) => CSV_HEADER,
            (true, _) => "",
            (false, 0) => "[]\n",
            (false, _) => "\n]\n",
        };
        self.out.write_all(end.as_bytes())?;
        self.out.flush()
    }
}

/// One row; the lists of exercises are separated by spaces, and each rating is written as
/// `exercise:felt`, with `:hurt` after it when the person said what the pain was like.
fn csv_row(entry: &Entry) -> String {
    let pain = entry.pain().map_or_else(String::new, |p| p.to_string());
    let (kind, minutes, done, skipped, rated, note) = match &entry.record {
        Record::Pain { note, .. } => (
            "pain",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            note.as_deref(),
        ),
        Record::Session {
            minutes,
            done,
            skipped,
            rated,
            ..
        } => (
            "session",
            minutes.to_string(),
            done.join(" "),
            skipped.join(" "),
            rated
                .iter()
                .map(|r| match r.hurt {
                    Some(hurt) => format!("{}:{}:{}", r.exercise, r.felt.id(), hurt.id()),
                    None => format!("{}:{}", r.exercise, r.felt.id()),
                })
                .collect::<Vec<_>>()
                .join(" "),
            None,
        ),
    };
    format!(
        "{},{kind},{pain},{minutes},{done},{skipped},{rated},{}\n",
        entry.date,
        csv_field(note.unwrap_or(""))
    )
}

/// Quoted when it holds a comma, a quote or a line break, with quotes doubled.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Hurt, Rated};
    use backcare_engine::programme::Rating;

    #[test]
    fn the_json_export_is_laid_out_as_the_whole_list_would_be() {
        let day = |text: &str| text.parse().unwrap();
        let entries = [
            Entry {
                date: day("2025-03-03"),
                record: Record::Pain {
                    pain: 4,
                    note: Some("stiff,\n\"after\" a drive é".into()),
                },
            },
            Entry {
                date: day("2025-03-04"),
                record: Record::Session {
                    pain: None,
                    minutes: 12,
                    done: vec!["chin_tuck".into(), "cat_stretch".into()],
                    skipped: vec![],
                    not_reached: vec![],
                    rated: vec![Rated {
                        exercise: "cat_stretch".into(),
                        felt: Rating::Worse,
                        hurt: Some(Hurt::Aching),
                    }],
                },
            },
        ];
        for count in 0..=entries.len() {
            let mut out = Vec::new();
            let mut export = Export::new(&mut out, false);
            for entry in &entries[..count] {
                export.entry(entry).unwrap();
            }
            export.finish().unwrap();
            let whole = serde_json::to_string_pretty(&entries[..count]).unwrap() + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }

    #[test]
    fn a_csv_row_lists_each_rating_with_its_exercise() {
        let entry = Entry {
            date: "2025-03-04".parse().unwrap(),
            record: Record::Session {
                pain: Some(3),
                minutes: 5,
                done: vec!["chin_tuck".into(), "cat_stretch".into()],
                skipped: vec![],
                not_reached: vec![],
                rated: vec![
                    Rated {
                        exercise: "chin_tuck".into(),
                        felt: Rating::Better,
                        hurt: None,
                    },
                    Rated {
                        exercise: "cat_stretch".into(),
                        felt: Rating::Worse,
                        hurt: Some(Hurt::Sharp),
                    },
                ],
            },
        };
        assert_eq!(
            csv_row(&entry),
            "2025-03-04,session,3,5,chin_tuck cat_stretch,,chin_tuck:better cat_stretch:worse:sharp,\n"
        );
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("sore"), "sore");
        assert_eq!(csv_field("sore, stiff"), "\"sore, stiff\"");
        assert_eq!(csv_field("a \"bad\" day"), "\"a \"\"bad\"\" day\"");
    }
}
