//! Runs one command: loads the rules, calls the engine or the prompts, writes the result.

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use clap::Parser;

use crate::answers::Answers;
use crate::cli::{Cli, ColorWhen, Command, RulesCommand, Settings};
use crate::engine::assess;
use crate::error::{exit, plural, report_problems, report_warnings, Error};
use crate::render;
use crate::ruleset::{RuleSet, RuleSources};
use crate::source::Source;
use crate::suggest::did_you_mean;
use crate::verify::verify;

/// Runs backcare with these arguments and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return error.exit_code();
        }
    };
    let settings = Settings::from(cli);
    match execute(&settings) {
        Ok(()) => exit::SUCCESS,
        Err(error) => {
            use_color(settings.color, std::io::stderr().is_terminal());
            eprint!("{}", error.report());
            error.exit_code()
        }
    }
}

/// Decides colour for text about to be written to a stream that is (or is not) a terminal.
pub fn use_color(when: ColorWhen, is_terminal: bool) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let on = match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => is_terminal && !no_color,
    };
    colored::control::set_override(on);
}

fn execute(settings: &Settings) -> Result<(), Error> {
    use_color(settings.color, std::io::stdout().is_terminal());
    // Checking a rule set must work on a broken one, so it does not load the rules first.
    let rules = match &settings.command {
        Command::Rules {
            action: RulesCommand::Check { dir },
        } => return check_rules(dir.as_deref().or(settings.rules_dir.as_deref())),
        _ => load_rules(settings)?,
    };
    match &settings.command {
        Command::Check { save, resume } => {
            crate::check::run(&rules, settings, save.as_deref(), *resume)
        }
        Command::Assess {
            answers,
            json,
            explain: true,
        } => {
            let source = read_answers(answers)?;
            let answers = Answers::from_source(&source, &rules.questionnaire)?;
            let traces = crate::explain::explain(&rules, &answers);
            if *json {
                print(&render::explanation_json(&traces))
            } else {
                print(&render::explanation_text(&traces))
            }
        }
        Command::Assess {
            answers,
            json,
            explain: false,
        } => {
            let source = read_answers(answers)?;
            let answers = Answers::from_source(&source, &rules.questionnaire)?;
            let outcome = assess(&rules, &answers);
            if *json {
                print(&render::outcome_json(&outcome))
            } else {
                let text =
                    render::outcome_text(&rules, &outcome) + &render::disclaimer_text(&outcome);
                print(&text)
            }
        }
        Command::Questions { json } => {
            if *json {
                print(&render::questions_json(&rules))
            } else {
                print(&render::questions_text(&rules))
            }
        }
        Command::Rules { .. } => unreachable!("handled before the rules are loaded"),
        Command::Exercises { id: None } => print(&render::exercise_list(&rules)),
        Command::Exercises { id: Some(id) } => match rules.exercises.get(id) {
            Some(exercise) => print(&render::exercise_detail(&rules, exercise)),
            None => {
                let known = rules.exercises.exercises.iter().map(|e| e.id.as_str());
                let fix = match did_you_mean(id, known) {
                    Some(close) => {
                        format!("did you mean `{close}`? `backcare exercises` lists them all")
                    }
                    None => "`backcare exercises` lists them all".to_owned(),
                };
                Err(Error::NotFound {
                    what: format!("there is no exercise `{id}`"),
                    fix,
                })
            }
        },
    }
}

/// The built-in rules, or those in `--rules DIR`, whose warnings are shown: whoever points at
/// their own rules wants to hear about them.
fn load_rules(settings: &Settings) -> Result<RuleSet, Error> {
    let Some(dir) = &settings.rules_dir else {
        return RuleSet::embedded();
    };
    let (rules, warnings) = RuleSet::load(&RuleSources::from_dir(dir)?)?;
    if !warnings.is_empty() {
        use_color(settings.color, std::io::stderr().is_terminal());
        eprint!("{}", report_warnings(&warnings));
        use_color(settings.color, std::io::stdout().is_terminal());
    }
    Ok(rules)
}

/// `backcare rules check`: every problem, then a one-line summary; errors make it fail.
fn check_rules(dir: Option<&Path>) -> Result<(), Error> {
    let (sources, place) = match dir {
        Some(dir) => (RuleSources::from_dir(dir)?, dir.display().to_string()),
        None => (RuleSources::embedded(), "the built-in rules".to_owned()),
    };
    let report = verify(&sources);
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

fn read_answers(path: &Path) -> Result<Source, Error> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::Read {
                path: "standard input".to_owned(),
                reason: e.to_string(),
            })?;
        return Ok(Source::new("standard input", text));
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(Source::new(path.display().to_string(), text))
}

/// Writes to standard output; a closed pipe (as with `| head`) is not an error.
pub fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "standard output".to_owned(),
            reason: e.to_string(),
        }),
        _ => Ok(()),
    }
}
