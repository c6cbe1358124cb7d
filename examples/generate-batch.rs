//! Writes synthetic answer sets as JSON lines, for trying `backcare assess --batch`:
//!
//!     cargo run --release --example generate-batch -- 100000 > office.jsonl

use backcare_engine::RuleSet;

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let rules = RuleSet::embedded().expect("the built-in rules load");
    for record in backcare::sample::records(&rules, 42, count) {
        println!("{record}");
    }
}
