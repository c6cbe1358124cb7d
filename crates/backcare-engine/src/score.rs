//! `rules score`: a rule set measured against clinical cases whose expected outcome was decided
//! from the sources, not from the rules. Pure: the case file's text in, the figures out.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::answers::Answers;
use crate::engine::assess;
use crate::error::{Error, Problem};
use crate::json;
use crate::outcome::Urgency;
use crate::ruleset::{Category, RuleSet};
use crate::source::{JsonPath, Source};

/// The file of cases, as a physiotherapist or a reviewer writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    about: Option<String>,
    cases: Vec<RawCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: String,
    summary: String,
    source: String,
    expected: Expected,
    answers: Value,
}

/// What the sources say should happen to a person who answers so.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub urgency: ExpectedUrgency,
    /// Red-flag categories the referral should name; the score reports how many were named.
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub findings: Vec<String>,
    /// Whether a routine should be given; left out when the case does not say.
    #[serde(default)]
    pub routine: Option<bool>,
}

/// The urgencies a case can expect: a complete answer set never expects `incomplete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedUrgency {
    SelfCare,
    Soon,
    Urgent,
    Emergency,
}

impl ExpectedUrgency {
    pub fn id(self) -> &'static str {
        match self {
            Self::SelfCare => "self_care",
            Self::Soon => "soon",
            Self::Urgent => "urgent",
            Self::Emergency => "emergency",
        }
    }

    /// The same level as an outcome's urgency; `None` for `incomplete`, which is no level.
    fn of(urgency: Urgency) -> Option<Self> {
        match urgency {
            Urgency::SelfCare => Some(Self::SelfCare),
            Urgency::Soon => Some(Self::Soon),
            Urgency::Urgent => Some(Self::Urgent),
            Urgency::Emergency => Some(Self::Emergency),
            Urgency::Incomplete => None,
        }
    }
}

/// The cases and what their author says they are.
pub struct CaseSet {
    pub about: Option<String>,
    pub cases: Vec<Case>,
}

pub struct Case {
    pub id: String,
    pub summary: String,
    pub source: String,
    pub expected: Expected,
    pub answers: Answers,
}

/// Reads a case file; every answer that does not fit the questionnaire is reported at its place.
pub fn read_cases(source: &Source, rules: &RuleSet) -> Result<CaseSet, Error> {
    let file: CaseFile = json::read(source).map_err(Error::Answers)?;
    let mut problems = Vec::new();
    let mut cases = Vec::with_capacity(file.cases.len());
    for (index, raw) in file.cases.into_iter().enumerate() {
        let at = JsonPath::root().join("cases").join(index).join("answers");
        match Answers::from_value(&raw.answers, &rules.questionnaire) {
            Ok(answers) => cases.push(Case {
                id: raw.id,
                summary: raw.summary,
                source: raw.source,
                expected: raw.expected,
                answers,
            }),
            Err(found) => problems.extend(found.into_iter().map(|problem| {
                let place = problem
                    .question
                    .as_deref()
                    .map_or_else(|| at.clone(), |question| at.join(question));
                Problem::at(
                    source,
                    &place,
                    format!("case `{}`: {}", raw.id, problem.message),
                )
                .fix(problem.fix)
            })),
        }
    }
    if problems.is_empty() {
        Ok(CaseSet {
            about: file.about,
            cases,
        })
    } else {
        Err(Error::Answers(problems))
    }
}

/// One case as the rule set handled it.
#[derive(Debug, Serialize)]
pub struct CaseResult {
    pub id: String,
    pub summary: String,
    pub source: String,
    pub expected: Expected,
    pub urgency: Urgency,
    pub categories: Vec<Category>,
    pub findings: Vec<String>,
    pub routine: bool,
    pub fired: Vec<String>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Exact,
    /// Less urgent than the sources say: the failure that matters most.
    UnderTriaged,
    OverTriaged,
    /// The screen asked for more answers: the case file or the questionnaire is missing one.
    Incomplete,
}

/// The figures a clinical reviewer asks for, and the bars the project holds itself to.
#[derive(Debug, Serialize)]
pub struct Score {
    pub about: Option<String>,
    pub cases: usize,
    pub exact: usize,
    pub under_triaged: usize,
    pub over_triaged: usize,
    pub incomplete: usize,
    pub emergencies: usize,
    pub emergencies_caught: usize,
    pub self_care: usize,
    /// Self-care cases told to see someone (any urgency above self-care).
    pub self_care_referred: usize,
    /// Expected categories the referral named, out of all expected categories.
    pub categories_named: usize,
    pub categories_expected: usize,
    /// Cases whose posture findings are exactly the expected ones.
    pub findings_exact: usize,
    /// Cases whose expectation about a routine was met, out of those that have one.
    pub routine_as_expected: usize,
    pub routine_expected: usize,
    pub passed: bool,
    pub results: Vec<CaseResult>,
}

/// The least share of exact urgencies that passes.
pub const EXACT_AT_LEAST_PERCENT: usize = 95;
/// The most self-care cases that may be referred, as a share of them.
pub const SELF_CARE_REFERRED_AT_MOST_PERCENT: usize = 10;

pub fn score(rules: &RuleSet, set: &CaseSet) -> Score {
    let results: Vec<CaseResult> = set.cases.iter().map(|case| judge(rules, case)).collect();
    let count = |verdict: Verdict| results.iter().filter(|r| r.verdict == verdict).count();
    let expecting = |urgency: ExpectedUrgency| {
        results
            .iter()
            .filter(move |r| r.expected.urgency == urgency)
    };
    let emergencies = expecting(ExpectedUrgency::Emergency).count();
    let emergencies_caught = expecting(ExpectedUrgency::Emergency)
        .filter(|r| r.urgency == Urgency::Emergency)
        .count();
    let self_care = expecting(ExpectedUrgency::SelfCare).count();
    let self_care_referred = expecting(ExpectedUrgency::SelfCare)
        .filter(|r| r.urgency != Urgency::SelfCare)
        .count();
    let categories_expected = results.iter().map(|r| r.expected.categories.len()).sum();
    let categories_named = results
        .iter()
        .map(|r| {
            r.expected
                .categories
                .iter()
                .filter(|c| r.categories.contains(c))
                .count()
        })
        .sum();
    let findings_exact = results
        .iter()
        .filter(|r| {
            let mut expected = r.expected.findings.clone();
            let mut found = r.findings.clone();
            expected.sort();
            found.sort();
            expected == found
        })
        .count();
    let with_routine_expectation = results.iter().filter(|r| r.expected.routine.is_some());
    let routine_expected = with_routine_expectation.clone().count();
    let routine_as_expected = with_routine_expectation
        .filter(|r| r.expected.routine == Some(r.routine))
        .count();
    let mut score = Score {
        about: set.about.clone(),
        cases: results.len(),
        exact: count(Verdict::Exact),
        under_triaged: count(Verdict::UnderTriaged),
        over_triaged: count(Verdict::OverTriaged),
        incomplete: count(Verdict::Incomplete),
        emergencies,
        emergencies_caught,
        self_care,
        self_care_referred,
        categories_named,
        categories_expected,
        findings_exact,
        routine_as_expected,
        routine_expected,
        passed: false,
        results,
    };
    score.passed = score.exact_met()
        && score.emergencies_met()
        && score.under_triaged == 0
        && score.self_care_met()
        && score.incomplete == 0;
    score
}

impl Score {
    pub fn exact_met(&self) -> bool {
        self.exact * 100 >= EXACT_AT_LEAST_PERCENT * self.cases
    }

    pub fn emergencies_met(&self) -> bool {
        self.emergencies_caught == self.emergencies
    }

    pub fn self_care_met(&self) -> bool {
        self.self_care_referred * 100 <= SELF_CARE_REFERRED_AT_MOST_PERCENT * self.self_care
    }
}

fn judge(rules: &RuleSet, case: &Case) -> CaseResult {
    let outcome = assess(rules, &case.answers);
    // A case that leaves a question open which could raise the urgency has not been fully
    // scored, whatever urgency it reached so far.
    let verdict = match ExpectedUrgency::of(outcome.urgency) {
        _ if !outcome.missing.is_empty() => Verdict::Incomplete,
        None => Verdict::Incomplete,
        Some(got) if got == case.expected.urgency => Verdict::Exact,
        Some(got) if got < case.expected.urgency => Verdict::UnderTriaged,
        Some(_) => Verdict::OverTriaged,
    };
    let fired = outcome
        .referral
        .as_ref()
        .map(|referral| referral.rules.as_slice())
        .unwrap_or_default();
    let mut categories: Vec<Category> = Vec::new();
    for rule in fired {
        if !categories.contains(&rule.category) {
            categories.push(rule.category);
        }
    }
    CaseResult {
        id: case.id.clone(),
        summary: case.summary.clone(),
        source: case.source.clone(),
        expected: case.expected.clone(),
        urgency: outcome.urgency,
        categories,
        findings: outcome.findings.iter().map(|f| f.id.clone()).collect(),
        routine: outcome.routine.is_some(),
        fired: fired.iter().map(|rule| rule.id.clone()).collect(),
        verdict,
    }
}
