//! Batch screening end to end, beside the time serde_json alone takes to parse the same lines into
//! `serde_json::Value`: the target is at most 1.5 times that.

use std::hint::black_box;

use backcare::{batch, sample};
use backcare_engine::RuleSet;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const RECORDS: usize = 20_000;

fn batch_throughput(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    let mut input = String::new();
    for record in sample::records(&rules, 42, RECORDS) {
        input.push_str(&record.to_string());
        input.push('\n');
    }
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(RECORDS as u64));
    group.sample_size(10);
    group.bench_function("serde_json parse only", |b| {
        b.iter(|| {
            for line in input.lines() {
                black_box(serde_json::from_str::<serde_json::Value>(line).unwrap());
            }
        })
    });
    group.bench_function("assess --batch end to end", |b| {
        b.iter(|| batch::run(&rules, "records", input.as_bytes(), std::io::sink(), false).unwrap())
    });
    group.finish();
}

criterion_group!(benches, batch_throughput);
criterion_main!(benches);
