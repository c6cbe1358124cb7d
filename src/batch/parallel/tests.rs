//! The file read by every worker held to what one reader of the same bytes writes, with chunks
//! of a few bytes so that every edge case falls on a chunk's edge.

use std::num::NonZeroUsize;

use super::*;
use crate::batch::Format;
use crate::sample;

/// The output and summary of a batch, or the message it failed with.
type Outcome = Result<(Vec<u8>, Summary), String>;

fn options(threads: usize) -> Options {
    Options {
        format: Format::Jsonl,
        full: false,
        threads: NonZeroUsize::new(threads).unwrap(),
    }
}

fn by_one_reader(rules: &RuleSet, input: &[u8]) -> Outcome {
    let mut output = Vec::new();
    super::super::run(rules, "input", input, &mut output, options(1), &mut |_| {})
        .map(|summary| (output, summary))
        .map_err(|e| format!("{e:?}"))
}

fn by_every_worker(rules: &RuleSet, input: &[u8], chunk: usize, threads: usize) -> Outcome {
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(input).unwrap();
    let mut output = Vec::new();
    let chunks = Chunks {
        file: &file,
        length: input.len() as u64,
        chunk,
    };
    run(
        rules,
        "input",
        chunks,
        &mut output,
        options(threads),
        &mut |_| {},
    )
    .map(|summary| (output, summary))
    .map_err(|e| format!("{e:?}"))
}

/// Inputs with what chunk edges could split: a byte-order mark, blank and `\r\n` lines, bad
/// records and bytes that are not UTF-8, a last line without its break.
fn inputs(rules: &RuleSet) -> Vec<Vec<u8>> {
    let records: Vec<String> = sample::records(rules, 5, 12)
        .map(|record| record.to_string())
        .collect();
    let mut mixed = "\u{feff}".as_bytes().to_vec();
    for (n, record) in records.iter().enumerate() {
        mixed.extend_from_slice(record.as_bytes());
        mixed.extend_from_slice(match n % 4 {
            0 => b"\r\n\n",
            1 => b"\n{\"fever\": maybe}\n\xff\xfe\n",
            2 => b"\n   \n",
            _ => b"\n",
        });
    }
    mixed.extend_from_slice(b"{\"fever\": true}");
    vec![
        Vec::new(),
        b"\n".to_vec(),
        b"\n\n{\"fever\": true}\n".to_vec(),
        "\u{feff}{\"fever\": false}".as_bytes().to_vec(),
        mixed,
    ]
}

#[test]
fn every_worker_reading_its_own_chunk_writes_what_one_reader_writes() {
    let rules = RuleSet::embedded().unwrap();
    for input in inputs(&rules) {
        let expected = by_one_reader(&rules, &input);
        for chunk in [1, 2, 3, 5, 64, 1000, PIECE] {
            for threads in [2, 3] {
                let got = by_every_worker(&rules, &input, chunk, threads);
                assert!(
                    got == expected,
                    "chunks of {chunk} on {threads} threads differ for {:?}",
                    String::from_utf8_lossy(&input)
                );
            }
        }
    }
}

#[test]
fn a_line_too_long_across_chunks_is_one_error_and_the_lines_after_keep_their_numbers() {
    let rules = RuleSet::embedded().unwrap();
    let limit = BATCH_LINE.bytes as usize;
    let long = "y".repeat(limit + 10);
    // A first line just within the limit after a byte-order mark, which does not count.
    let padded = |length: usize| format!("{{\"fever\": true}}{}", " ".repeat(length - 15));
    let mark = "\u{feff}";
    for input in [
        format!("{{\"fever\": true}}\n{{\"id\": \"{long}\"}}\n{{\"fever\": false}}\n"),
        format!("{{\"id\": \"{long}\"}}"),
        format!("{long}\n\n{{\"fever\": true}}"),
        format!("{mark}{}\n{{\"fever\": false}}", padded(limit)),
        format!("{mark}{}\n{{\"fever\": false}}", padded(limit - 1)),
        format!("{mark}{}\r\n{{\"fever\": false}}", padded(limit - 2)),
        format!("{mark}{}\n{{\"fever\": false}}", padded(limit + 1)),
        format!("{}\n{{\"fever\": false}}", padded(limit + 1)),
    ] {
        let expected = by_one_reader(&rules, input.as_bytes());
        for chunk in [4096, 100_000, PIECE] {
            let got = by_every_worker(&rules, input.as_bytes(), chunk, 3);
            assert!(got == expected, "chunks of {chunk} differ");
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Inputs strung together from pieces that matter at a chunk's edge, cut into chunks of any
    /// small size: every worker reading its own chunk still writes what one reader writes.
    #[test]
    fn any_input_in_any_chunks_is_written_as_one_reader_writes_it(
        parts in proptest::collection::vec(0..PARTS.len(), 0..40),
        chunk in 1usize..40,
        threads in 2usize..4,
    ) {
        let rules = RuleSet::embedded().unwrap();
        let input: Vec<u8> = parts.iter().flat_map(|at| PARTS[*at].iter().copied()).collect();
        let expected = by_one_reader(&rules, &input);
        proptest::prop_assert!(by_every_worker(&rules, &input, chunk, threads) == expected);
    }
}

/// What the property's inputs are made of: records good and bad, line breaks of both kinds, a
/// byte-order mark, spaces and bytes that are not UTF-8.
const PARTS: [&[u8]; 10] = [
    b"{\"fever\": true}",
    b"{\"id\": 7, \"answers\": {\"age\": 40, \"onset\": \"sudden\"}}",
    b"{\"fever\": maybe}",
    b"\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"   ",
    b"\xff",
    b"{\"chest_pain\": false, \"pain_score\": 9}",
    b"\n\n",
];
