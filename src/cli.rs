//! The command line: clap definitions, turned once into the plain settings the rest uses.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  backcare                        answer the questionnaire (same as `backcare check`)
  backcare assess --answers examples/answers/desk-worker-forward-head.json
  backcare questions              list every question with its id

backcare is a self-help guide, not a diagnosis.";

#[derive(Debug, Parser)]
#[command(
    name = "backcare",
    version,
    about = "Guided help for mid and upper back pain: warning signs first, then a routine built for you",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Use the rule files in DIR instead of the built-in ones
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the questionnaire in the terminal and get your result
    #[command(after_help = "Example:\n  backcare check --save my-answers.json")]
    Check {
        /// Also write your answers to FILE, in the format `assess --answers` reads
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Carry on from where an interrupted questionnaire stopped
        #[arg(long)]
        resume: bool,
    },
    /// Assess a file of answers without asking any questions
    #[command(
        after_help = "Example:\n  backcare assess --answers examples/answers/desk-worker-forward-head.json --json"
    )]
    Assess {
        /// A JSON file mapping question ids to answers (`-` reads standard input)
        #[arg(long, value_name = "FILE")]
        answers: PathBuf,
        /// Print the outcome as JSON
        #[arg(long)]
        json: bool,
        /// Instead of the outcome, show every rule considered, whether it held, and on which answers
        #[arg(long)]
        explain: bool,
    },
    /// List the questions: ids, kinds, options, sections, and when each is asked
    #[command(after_help = "Example:\n  backcare questions --json")]
    Questions {
        /// Print the questionnaire as JSON
        #[arg(long)]
        json: bool,
    },
    /// Work with rule sets
    Rules {
        #[command(subcommand)]
        action: RulesCommand,
    },
    /// List the exercise catalogue, or show one exercise in full
    #[command(after_help = "Example:\n  backcare exercises cat_stretch")]
    Exercises {
        /// The id of one exercise to show
        id: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Prove a rule set safe: form, references, flow, conflicts, routines and red-flag safety
    #[command(
        after_help = "Examples:\n  backcare rules check              the built-in rules\n  backcare rules check my-clinic/    a copy you changed"
    )]
    Check {
        /// The folder to check (the built-in rules when left out; --rules DIR works too)
        dir: Option<PathBuf>,
    },
}

/// What to do, decided once from the command line.
#[derive(Debug)]
pub struct Settings {
    pub rules_dir: Option<PathBuf>,
    pub color: ColorWhen,
    pub command: Command,
}

impl From<Cli> for Settings {
    fn from(cli: Cli) -> Self {
        Settings {
            rules_dir: cli.rules,
            color: cli.color,
            command: cli.command.unwrap_or(Command::Check {
                save: None,
                resume: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
