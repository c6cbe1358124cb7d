use std::hint::black_box;

use backcare::sample;
use backcare_engine::answers::Answers;
use backcare_engine::{assess, RuleSet};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn example(name: &str, rules: &RuleSet) -> Answers {
    let text = std::fs::read_to_string(format!("examples/answers/{name}")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    Answers::from_value(&value, &rules.questionnaire).unwrap()
}

fn engine(c: &mut Criterion) {
    let rules = RuleSet::embedded().unwrap();
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(1));
    for name in [
        "desk-worker-forward-head.json",
        "chest-pain-exertion.json",
        "incomplete.json",
    ] {
        let answers = example(name, &rules);
        group.bench_function(name, |b| {
            b.iter(|| assess(black_box(&rules), black_box(&answers)))
        });
    }
    // The realistic mix the batch benchmark uses: mostly routines, some referrals, a few
    // records with only some answers. The target is 1,000,000 a second on one core.
    let mix: Vec<Answers> = sample::records(&rules, 42, 10_000)
        .filter_map(|record| Answers::from_value(&record["answers"], &rules.questionnaire).ok())
        .collect();
    group.throughput(Throughput::Elements(mix.len() as u64));
    group.bench_function("sample mix of 10,000", |b| {
        b.iter(|| {
            for answers in &mix {
                black_box(assess(&rules, black_box(answers)));
            }
        })
    });
    group.bench_function("sample mix, warning signs only", |b| {
        b.iter(|| {
            for answers in &mix {
                black_box(backcare_engine::triage::screen(&rules, black_box(answers)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
