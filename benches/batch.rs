//! Batch screening beside the hand-coded floor of `../shared/peers` (a program that parses each
//! record into a struct and runs its 32 rules as plain `if`s), on the records its generator
//! writes: backcare on one thread, backcare on every core, and the floor, each a whole process
//! reading the same file. The target is one thread within 1.5 times the floor.
//!
//! Where `../shared/peers` is not beside the project, backcare's own sample records stand in and
//! the floor is left out, with a note saying so.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use backcare::sample;
use backcare_engine::RuleSet;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const RECORDS: usize = 20_000;
const PEERS: &str = "../shared/peers";

fn batch_beside_the_floor(c: &mut Criterion) {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch-bench");
    std::fs::create_dir_all(&scratch).unwrap();
    let records = scratch.join(format!("records-{RECORDS}.jsonl"));
    let floor = peer_records(&records)
        .then(|| build_floor(&scratch))
        .flatten();
    if floor.is_none() {
        eprintln!(
            "note: {PEERS} is not here (or its floor did not build): sample records, no floor"
        );
        write_sample_records(&records);
    }
    let backcare = env!("CARGO_BIN_EXE_backcare");
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(RECORDS as u64));
    group.sample_size(10);
    if let Some(floor) = &floor {
        let output = scratch.join("floor.out");
        group.bench_function("floor (hand-coded, one thread)", |b| {
            b.iter(|| run(Command::new(floor).arg(&records).arg(&output)))
        });
    }
    for threads in [1, cores] {
        group.bench_function(format!("backcare --threads {threads}"), |b| {
            b.iter(|| {
                run(Command::new(backcare)
                    .args(["assess", "--batch"])
                    .arg(&records)
                    .arg(format!("--threads={threads}")))
            })
        });
    }
    group.finish();
}

/// Runs a command to its end with its output thrown away; a batch with bad records exits with 3.
fn run(command: &mut Command) {
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(
        matches!(status.code(), Some(0 | 3)),
        "{command:?}: {status}"
    );
}

/// Writes the generator's records, once; false when the generator is not here.
fn peer_records(records: &Path) -> bool {
    let generator = Path::new(PEERS).join("gen.py");
    if !generator.exists() {
        return false;
    }
    records.exists()
        || Command::new("python3")
            .arg(generator)
            .args(["--count", &RECORDS.to_string(), "--out"])
            .arg(records)
            .status()
            .is_ok_and(|status| status.success())
}

/// Builds the floor (outside the read-only peers folder), once.
fn build_floor(scratch: &Path) -> Option<PathBuf> {
    let target = scratch.join("floor-target");
    let built = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--release", "--manifest-path"])
        .arg(Path::new(PEERS).join("floor/Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .status()
        .is_ok_and(|status| status.success());
    built.then(|| target.join("release/floor-typed"))
}

fn write_sample_records(records: &Path) {
    let rules = RuleSet::embedded().unwrap();
    let mut text = String::new();
    for record in sample::records(&rules, 42, RECORDS) {
        text.push_str(&record.to_string());
        text.push('\n');
    }
    std::fs::write(records, text).unwrap();
}

criterion_group!(benches, batch_beside_the_floor);
criterion_main!(benches);
