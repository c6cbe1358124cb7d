//! `rules check` as a rule set grows: the shipped rules with 1,000, 4,000 and 16,000 more rules,
//! copies of the shipped ones under new ids. The target is time in proportion to the rules: four
//! times the rules, at most about four times the time.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::{json, Value};

use backcare_engine::ruleset::RuleSources;
use backcare_engine::source::Source;
use backcare_engine::verify::verify;

/// The built-in rules with `extra` copies of the red-flag rules, written compactly.
fn with_copies(extra: usize) -> RuleSources {
    let mut sources = RuleSources::embedded();
    let mut red_flags: Value = serde_json::from_str(&sources.red_flags.text).unwrap();
    let shipped = red_flags["rules"].as_array().unwrap().clone();
    let rules = red_flags["rules"].as_array_mut().unwrap();
    for (n, rule) in shipped.iter().cycle().take(extra).enumerate() {
        let mut copy = rule.clone();
        copy["id"] = json!(format!("copy_{n}"));
        copy.as_object_mut().unwrap().remove("refines");
        rules.push(copy);
    }
    sources.red_flags = Source::new("red_flags.json", red_flags.to_string());
    sources
}

fn rules_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("rules check");
    group.sample_size(10);
    for extra in [1_000, 4_000, 16_000] {
        let sources = with_copies(extra);
        group.bench_with_input(BenchmarkId::new("extra rules", extra), &sources, |b, s| {
            b.iter(|| {
                let report = verify(s, &mut |_| {});
                assert_eq!(report.errors(), 0);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, rules_check);
criterion_main!(benches);
