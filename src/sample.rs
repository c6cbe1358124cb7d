//! Synthetic answer sets with a realistic mix, from a fixed seed: most people benign, warning
//! signs sprinkled, some records with only a few answers. For benchmarks and demonstrations of
//! batch screening; never for clinical conclusions.

use serde_json::{json, Map, Value};

use backcare_engine::answers::Answers;
use backcare_engine::answers_file::Written;
use backcare_engine::ruleset::{QuestionKind, RuleSet};
use backcare_engine::verify::benign_answers;

/// A small, fast, reproducible generator (xorshift64*).
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A whole number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    pub fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }
}

/// `count` records `{"id": "rec-N", "answers": {...}}`, built around a benign answer set.
pub fn records(rules: &RuleSet, seed: u64, count: usize) -> impl Iterator<Item = Value> + '_ {
    let benign = benign_answers(rules).unwrap_or_else(|| Answers::to(rules.questionnaire.ids()));
    let warning_signs: Vec<&str> = rules
        .red_flags
        .rules
        .iter()
        .flat_map(|r| r.when.questions())
        .collect();
    let mut random = Random::new(seed);
    (1..=count).map(move |n| {
        let few_answers = random.chance(20);
        let mut answers = Map::new();
        for question in &rules.questionnaire.questions {
            if few_answers && !random.chance(5) {
                continue;
            }
            let usual = benign
                .get(&question.id)
                .map(|v| serde_json::to_value(Written(question, v)).expect("answers serialise"));
            let value = match (question.kind, usual) {
                // About one person in five says yes to some warning sign.
                (QuestionKind::YesNo, Some(usual))
                    if warning_signs.contains(&question.id.as_str()) =>
                {
                    if random.chance(150) {
                        json!(true)
                    } else {
                        usual
                    }
                }
                (QuestionKind::YesNo, _) => json!(random.chance(3)),
                (QuestionKind::SeveralOf, _) => {
                    let picked: Vec<&str> = question
                        .options
                        .iter()
                        .filter(|_| random.chance(2))
                        .map(|o| o.id.as_str())
                        .collect();
                    json!(picked)
                }
                (_, Some(usual)) if !random.chance(8) => usual,
                (QuestionKind::OneOf, _) => {
                    json!(question.options[random.below(question.options.len() as u64) as usize].id)
                }
                (_, _) => {
                    let (min, max) = (question.min.unwrap_or(0.0), question.max.unwrap_or(10.0));
                    json!(min + random.below((max - min) as u64 + 1) as f64)
                }
            };
            answers.insert(question.id.clone(), value);
        }
        json!({"id": format!("rec-{n}"), "answers": answers})
    })
}
