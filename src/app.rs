//! Runs one command: loads the rules, calls the engine or the prompts, writes the result.

use std::ffi::OsString;
use std::path::Path;

use clap::Parser;

use crate::busy::Busy;
use crate::cli::{Cli, Command, RuleFile, RulesCommand, Settings};
use crate::clock;
use crate::error::{io_reason, Error};
use crate::exit;
use crate::limits;
use crate::render::{self, error_report, report_problems, report_warnings};
use crate::rule_folder;
use crate::terminal::{print, tell, Stream};
use backcare_engine::engine::assess;
use backcare_engine::error::{plural, shown, Problem};
use backcare_engine::outcome::Urgency;
use backcare_engine::programme;
use backcare_engine::ruleset::{RuleSet, RuleSources};
use backcare_engine::source::{JsonPath, Source};
use backcare_engine::suggest::did_you_mean;
use backcare_engine::verify::verify;

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

/// `backcare rules score`: the figures, then every case that missed; a missed bar fails.
fn score_rules(rules: &RuleSet, stdout: Stream, path: &Path, json: bool) -> Result<i32, Error> {
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
fn check_rules(settings: &Settings, dir: Option<&Path>) -> Result<(), Error> {
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
fn rule_schema(file: RuleFile) -> String {
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

/// `assess --answers FILE`: the outcome, or with `--explain` every rule considered.
fn assess_file(
    rules: &RuleSet,
    stdout: Stream,
    path: &Path,
    history: Option<&Path>,
    json: bool,
    explain: bool,
    exit_code: bool,
) -> Result<i32, Error> {
    let answers = crate::draft::read_answers(&rules.questionnaire, path)?;
    if explain {
        let traces = backcare_engine::explain::explain(rules, &answers);
        let text = if json {
            render::explanation_json(&traces)
        } else {
            stdout.fit(render::explanation_text(&traces))
        };
        return print(&text).map(|()| exit::SUCCESS);
    }
    let outcome = assess(rules, &answers);
    let programme = match (history, &outcome.routine) {
        (Some(journal), Some(routine)) => {
            let history = read_history(rules, journal)?;
            let findings = &outcome.findings;
            Some(programme::build(
                rules, &answers, findings, routine, &history,
            ))
        }
        _ => None,
    };
    let text = match (&programme, json) {
        (Some(programme), true) => {
            // The outcome's routine is the one the programme chose.
            let mut chosen = outcome.clone();
            chosen.routine = Some(programme.routine.clone());
            render::programme_json(&chosen, programme)
        }
        (None, true) => render::outcome_json(&outcome),
        (Some(programme), false) => stdout.fit(
            render::programme_text(
                rules,
                &outcome,
                programme,
                stdout.width.unwrap_or(usize::MAX),
            ) + &render::disclaimer_text(&outcome),
        ),
        (None, false) => {
            stdout.fit(render::outcome_text(rules, &outcome) + &render::disclaimer_text(&outcome))
        }
    };
    print(&text)?;
    Ok(if exit_code {
        exit::for_urgency(outcome.urgency)
    } else {
        exit::SUCCESS
    })
}

/// The journal of `assess --history`, read on today's date; its damaged lines are reported as
/// `backcare progress` reports them.
fn read_history(rules: &RuleSet, journal: &Path) -> Result<programme::History, Error> {
    if !journal.exists() {
        return Err(Error::Read {
            path: journal.display().to_string(),
            reason: "there is no such file; give a journal written by `backcare session` or \
                     `backcare log`, such as journal.jsonl in your data folder"
                .to_owned(),
        });
    }
    let today = clock::today()?;
    let mut report = |problem: Problem| tell(&report_problems(std::slice::from_ref(&problem)));
    crate::progress::programme::history(&rules.policy.progress, journal, today, &mut report)
        .map(|(history, _)| history)
}

/// `assess --batch`: records to standard output, a summary to standard error, and a progress
/// line there too while a long batch runs on a terminal.
fn assess_batch(
    rules: &RuleSet,
    settings: &Settings,
    path: &Path,
    options: crate::batch::Options,
    exit_code: bool,
) -> Result<i32, Error> {
    // The batch writes whole pieces of lines at a time, so no buffer of its own is needed.
    let output = std::io::stdout().lock();
    let mut busy = Busy::counting_records(settings.stderr);
    let mut on_progress = |records| busy.records_done(records);
    let summary = if path == Path::new("-") {
        let input = std::io::stdin().lock();
        crate::batch::run(
            rules,
            "standard input",
            input,
            output,
            options,
            &mut on_progress,
        )?
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::Read {
            path: path.display().to_string(),
            reason: io_reason(&e),
        })?;
        let name = path.display().to_string();
        let input = std::io::BufReader::new(file);
        crate::batch::run(rules, &name, input, output, options, &mut on_progress)?
    };
    drop(busy);
    // The reader has all it wanted (as with `| head`): nothing more to say.
    if summary.output_closed {
        return Ok(exit::SUCCESS);
    }
    let counts: Vec<String> = summary
        .by_urgency
        .iter()
        .map(|(urgency, count)| format!("{count} {urgency}"))
        .collect();
    tell(&format!(
        "backcare: {} {} read: {}; {} {}\n",
        summary.records(),
        plural(summary.records(), "record"),
        if counts.is_empty() {
            "none assessed".to_owned()
        } else {
            counts.join(", ")
        },
        summary.errors,
        plural(summary.errors, "error")
    ));
    // A script watching for emergencies must hear of one even when other records were bad.
    Ok(match summary.most_pressing() {
        Some(urgency @ (Urgency::Emergency | Urgency::Urgent)) if exit_code => {
            exit::for_urgency(urgency)
        }
        _ if summary.errors > 0 => exit::BAD_INPUT,
        Some(urgency) if exit_code => exit::for_urgency(urgency),
        _ => exit::SUCCESS,
    })
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
