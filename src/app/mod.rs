//! Runs one command: loads the rules, calls the engine or the prompts, writes the result.

mod assess;
mod rules;

use std::ffi::OsString;

use clap::Parser;

use crate::cli::{Cli, Command, RulesCommand, Settings};
use crate::error::{io_reason, Error};
use crate::exit;
use crate::render::{self, error_report, report_warnings};
use crate::rule_folder;
use crate::terminal::{print, tell};
use backcare_engine::error::shown;
use backcare_engine::ruleset::RuleSet;
use backcare_engine::suggest::did_you_mean;

use assess::{assess_batch, assess_file};
use rules::{check_rules, rule_schema, score_rules};

/// Runs backcare with these arguments and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return error.exit_code();
        }
    };
    let (settings, command) = cli.decide();
    match execute(&settings, &command) {
        Ok(code) => code,
        Err(error) => {
            settings.stderr.draw();
            let report = error_report(&error);
            // A problem in a file keeps its lines whole, so the marker stays under its place;
            // any other message wraps like the rest of the output.
            tell(&match error {
                Error::Rules(_) | Error::Answers(_) => report,
                _ => settings.stderr.fit(report),
            });
            exit::for_error(&error)
        }
    }
}

/// Runs the command; the exit code on success is 0 unless `--exit-code` asks for the urgency.
fn execute(settings: &Settings, command: &Command) -> Result<i32, Error> {
    settings.stdout.draw();
    // Checking a rule set must work on a broken one, so it does not load the rules first.
    let rules = match command {
        Command::Rules {
            action: RulesCommand::Check { dir },
        } => {
            return check_rules(settings, dir.as_deref().or(settings.rules_dir.as_deref()))
                .map(|()| exit::SUCCESS)
        }
        Command::Rules {
            action: RulesCommand::Schema { file },
        } => return print(&rule_schema(*file)).map(|()| exit::SUCCESS),
        Command::Completions { shell, .. } => return completions(*shell).map(|()| exit::SUCCESS),
        Command::Man { .. } => return manual().map(|()| exit::SUCCESS),
        _ => load_rules(settings)?,
    };
    let done = match command {
        Command::Check { save, fhir, resume } => {
            crate::check::run(&rules, settings, save.as_deref(), *fhir, *resume)
        }
        Command::Assess {
            batch: Some(batch),
            full,
            format,
            threads,
            exit_code,
            ..
        } => {
            let options = crate::batch::Options {
                format: format.unwrap_or_else(|| crate::batch::Format::of(batch)),
                full: *full,
                threads: threads.unwrap_or(crate::batch::Options::every_core().threads),
            };
            return assess_batch(&rules, settings, batch, options, *exit_code);
        }
        Command::Assess {
            answers: Some(answers),
            json,
            explain,
            exit_code,
            history,
            ..
        } => {
            return assess_file(
                &rules,
                settings.stdout,
                answers,
                history.as_deref(),
                *json,
                *explain,
                *exit_code,
            )
        }
        Command::Assess { .. } => unreachable!("clap requires --answers or --batch"),
        Command::Questions { json, fhir } => {
            if *fhir {
                print(&crate::fhir::questionnaire_text(&rules.questionnaire))
            } else if *json {
                print(&render::questions_json(&rules))
            } else {
                print(&settings.stdout.fit(render::questions_text(&rules)))
            }
        }
        Command::Rules {
            action: RulesCommand::Score { cases, json },
        } => return score_rules(&rules, settings.stdout, cases, *json),
        Command::Rules { .. } | Command::Completions { .. } | Command::Man { .. } => {
            unreachable!("handled before the rules are loaded")
        }
        Command::Exercises { id: None } => {
            print(&settings.stdout.fit(render::exercise_list(&rules)))
        }
        Command::Exercises { id: Some(id) } => match rules.exercises.get(id) {
            Some(exercise) => print(
                &settings
                    .stdout
                    .fit(render::exercise_detail(&rules, exercise)),
            ),
            None => {
                let known = rules.exercises.exercises.iter().map(|e| e.id.as_str());
                let fix = match did_you_mean(id, known) {
                    Some(close) => {
                        format!("did you mean `{close}`? `backcare exercises` lists them all")
                    }
                    None => "`backcare exercises` lists them all".to_owned(),
                };
                Err(Error::Usage {
                    what: format!("there is no exercise `{}`", shown(id)),
                    fix,
                })
            }
        },
        Command::Session { answers, minutes } => {
            crate::session::run(&rules, settings, answers.as_deref(), *minutes)
        }
        Command::Log { pain, note } => {
            crate::progress::log(&rules, settings, *pain, note.as_deref())
        }
        Command::Export { answers, fhir } => crate::fhir::export(&rules, answers.as_deref(), *fhir),
        Command::Report {
            answers,
            out,
            markdown,
            paper,
        } => crate::report::run(
            &rules,
            settings,
            &crate::report::Request {
                answers: answers.as_deref(),
                out: out.as_deref(),
                markdown: *markdown,
                paper: *paper,
            },
        ),
        Command::Progress { json, csv } => {
            let format = match (*json, *csv) {
                (true, _) => crate::progress::Format::Json,
                (_, true) => crate::progress::Format::Csv,
                _ => crate::progress::Format::Text,
            };
            crate::progress::show(&rules, settings, format)
        }
    };
    done.map(|()| exit::SUCCESS)
}

/// The built-in rules, or those in `--rules DIR`, whose warnings are shown: whoever points at
/// their own rules wants to hear about them.
fn load_rules(settings: &Settings) -> Result<RuleSet, Error> {
    let Some(dir) = &settings.rules_dir else {
        return Ok(RuleSet::embedded()?);
    };
    let (rules, warnings) = RuleSet::load(&rule_folder::read(dir)?)?;
    if !warnings.is_empty() {
        settings.stderr.draw();
        tell(&report_warnings(&warnings));
        settings.stdout.draw();
    }
    Ok(rules)
}

/// The completion script; `backcare exercises` completes the built-in exercise ids. Only the
/// script is told them, so an id from a rule folder of one's own is still accepted.
fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let ids: Vec<String> = RuleSet::embedded()
        .map(|rules| {
            rules
                .exercises
                .exercises
                .iter()
                .map(|e| e.id.to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut command = <Cli as clap::CommandFactory>::command().mut_subcommand("exercises", |sub| {
        sub.mut_arg("id", |arg| {
            arg.value_parser(clap::builder::PossibleValuesParser::new(ids.clone()))
        })
    });
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "backcare", &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    // clap_complete's fish script leaves a command's own values out; they are added here.
    if shell == clap_complete::Shell::Fish {
        script.push_str(&format!(
            "complete -c backcare -n \"__fish_backcare_using_subcommand exercises\" -f -a \"{}\"\n",
            ids.join(" ")
        ));
    }
    print(&script)
}

fn manual() -> Result<(), Error> {
    let command = <Cli as clap::CommandFactory>::command();
    let page = crate::manual::page(command, crate::cli::AFTER_HELP).map_err(|e| Error::Output {
        unwritten: "the manual page".to_owned(),
        reason: io_reason(&e),
    })?;
    print(&page)
}
