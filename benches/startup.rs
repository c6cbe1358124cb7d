//! The start of a process: `backcare assess --answers FILE` beside `backcare --version`. The target
//! is at most twice the time of `--version`, so loading and checking the rules stays cheap.

use std::process::{Command, Stdio};

use criterion::{criterion_group, criterion_main, Criterion};

fn run(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_backcare"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("backcare --version", |b| b.iter(|| run(&["--version"])));
    group.bench_function("backcare assess --answers FILE", |b| {
        b.iter(|| {
            run(&[
                "assess",
                "--answers",
                "examples/answers/desk-worker-forward-head.json",
            ])
        })
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
