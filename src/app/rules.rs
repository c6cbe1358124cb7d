//! The `backcare rules` commands: the safety check of a rule set with its exercise pictures, the
//! score against clinical cases, and the JSON Schema of each rule file. Apart because they work on
//! rule files themselves, not on answers.

use std::path::Path;

use crate::busy::Busy;
use crate::cli::{RuleFile, Settings};
use crate::error::Error;
use crate::exit;
use crate::limits;
use crate::render::{self, report_problems};
use crate::rule_folder;
use crate::terminal::{print, Stream};
use backcare_engine::error::{plural, Problem};
use backcare_engine::ruleset::{RuleSet, RuleSources};
use backcare_engine::source::{JsonPath, Source};
use backcare_engine::verify::verify;

/// `backcare rules score`: the figures, then every case that missed; a missed bar fails.
pub(super) fn score_rules(
    rules: &RuleSet,
    stdout: Stream,
    path: &Path,
    json: bool,
) -> Result<i32, Error> {
    let source = limits::CASES_FILE.read_input(path)?;
    let cases = backcare_engine::score::read_cases(&source, rules)?;
    let score = backcare_engine::score::score(rules, &cases);
    let text = if json {
        render::score_json(&score)
    } else {
        stdout.fit(render::score_text(&score, &source.name))
    };
    print(&text)?;
    Ok(if score.passed {
        exit::SUCCESS
    } else {
        exit::BAD_RULES
    })
}

/// `backcare rules check`: every problem, then a one-line summary; errors make it fail.
pub(super) fn check_rules(settings: &Settings, dir: Option<&Path>) -> Result<(), Error> {
    let (sources, place) = match dir {
        Some(dir) => (rule_folder::read(dir)?, dir.display().to_string()),
        None => (RuleSources::embedded(), "the built-in rules".to_owned()),
    };
    let mut busy = Busy::on(settings.stderr);
    let mut report = verify(&sources, &mut |step| busy.step(step));
    drop(busy);
    report.problems.extend(figure_problems(dir, &sources)?);
    let (errors, warnings) = (report.errors(), report.warnings());
    let mut text = report_problems(&report.problems);
    let deeper = if report.deep_checks_ran {
        format!("{} answer combinations tried", report.combinations)
    } else {
        "the deeper checks run once these errors are fixed".to_owned()
    };
    text.push_str(&format!(
        "rules check of {place}: {errors} {}, {warnings} {} ({deeper})\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    print(&text)?;
    if errors > 0 {
        Err(Error::RulesCheckFailed { errors })
    } else {
        Ok(())
    }
}

/// The exercise pictures checked against the catalogue: every exercise has one. A folder without
/// `figures.json` gets a warning, as only `backcare report` needs it.
fn figure_problems(dir: Option<&Path>, sources: &RuleSources) -> Result<Vec<Problem>, Error> {
    use backcare_engine::ruleset::figures::{self, Figures};
    use backcare_engine::ruleset::Exercises;
    let source = match dir {
        None => Figures::embedded_source(),
        Some(dir) => {
            let path = dir.join(figures::FILE_NAME);
            if !path.exists() {
                let missing = Source::new(path.display().to_string(), "");
                return Ok(vec![Problem::at(
                    &missing,
                    &JsonPath::root(),
                    "there is no figures.json, so `backcare report` cannot draw the exercises",
                )
                .fix("copy rules/figures.json into the folder and add a picture for each exercise you added")
                .warning()]);
            }
            let text = limits::RULE_FILE
                .read_file(&path)
                .map_err(|reason| Error::ReadRules {
                    path: path.display().to_string(),
                    reason,
                })?;
            Source::new(path.display().to_string(), text)
        }
    };
    // A catalogue that does not parse is reported by the check itself.
    let Ok(exercises) = backcare_engine::json::read::<Exercises>(&sources.exercises) else {
        return Ok(Vec::new());
    };
    Ok(match Figures::read(&source, &exercises) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems().to_vec(),
    })
}

/// `backcare rules schema`: the JSON Schema of a rule file, drawn from the types it is read into,
/// so it says what the loader accepts.
pub(super) fn rule_schema(file: RuleFile) -> String {
    use backcare_engine::ruleset::{Exercises, Policy, Postures, Questionnaire, RedFlags};
    let schema = match file {
        RuleFile::Questionnaire => schemars::schema_for!(Questionnaire),
        RuleFile::RedFlags => schemars::schema_for!(RedFlags),
        RuleFile::Postures => schemars::schema_for!(Postures),
        RuleFile::Exercises => schemars::schema_for!(Exercises),
        RuleFile::Policy => schemars::schema_for!(Policy),
        RuleFile::Figures => schemars::schema_for!(backcare_engine::ruleset::figures::Figures),
    };
    serde_json::to_string_pretty(&schema).expect("a schema always serialises") + "\n"
}
