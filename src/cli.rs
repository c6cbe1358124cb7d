//! The command line: clap definitions, turned once into the plain settings the rest uses.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::terminal::{ColorWhen, Stream};

pub const AFTER_HELP: &str = "\
Examples:
  backcare                        answer the questionnaire (same as `backcare check`)
  backcare session                be guided through your routine, with a timer
  backcare log 4 --note \"stiff\"   record today's pain, from 0 to 10
  backcare progress               your pain over time, and what to do next
  backcare assess --answers examples/answers/desk-worker-forward-head.json
  backcare questions              list every question with its id

Environment:
  BACKCARE_DATA_DIR    the folder for your answers and journal, instead of the usual one
  BACKCARE_TODAY       the date taken as today, as YYYY-MM-DD (for trying things out)
  BACKCARE_TIME_SCALE  a factor for every wait of a session: 0.1 makes each ten times shorter
  NO_COLOR             when set to anything, no colour (as --color never)

Files:
  ~/.local/share/backcare/  the data folder on Linux (BACKCARE_DATA_DIR replaces it), holding:
    answers.json            your last finished answers, which `session` builds on
    draft-answers.json      an unfinished questionnaire, for `check --resume`
    journal.jsonl           your pain scores and sessions, one a line

Exit codes:
  0    success (with --exit-code: self-care, a routine was given)
  1    a file, a journal entry or standard output could not be written
  2    bad usage (--save into a missing folder, a value out of range), or no terminal
  3    a bad input file: answers or batch records
  4    a bad rule set, or `rules check` found errors
  5    another questionnaire is open in the same data folder
  10   with --exit-code: see a professional within days
  11   with --exit-code: see a doctor today
  12   with --exit-code: emergency
  13   with --exit-code: the warning-sign screen is incomplete
  130  stopped with Ctrl-C, or Esc in the questionnaire; your answers are kept
       (q or Esc in a session ends it early with 0: what was done is recorded)

backcare is a self-help guide, not a diagnosis.";

#[derive(Debug, Parser)]
#[command(
    name = "backcare",
    version,
    about = "Guided help for mid and upper back pain: warning signs first, then a routine built for you",
    long_about = "Guided help for mid and upper back pain: warning signs first, then a routine built \
for you.\n\nbackcare asks a short questionnaire (about 5 minutes). It first looks for warning signs \
that need a doctor and, if it finds one, says how soon and whom to see, and gives no exercises. \
Otherwise it builds a stretching routine fitted to your posture, your equipment and the minutes you \
have. `backcare session` then guides you through that routine with a timer, `backcare log` keeps a \
daily pain score, and `backcare progress` shows how your pain is going and what to do next. The \
questions, warning signs and exercises are data in rule files, which `backcare rules check` proves \
safe.",
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the questionnaire in the terminal and get your result
    #[command(
        display_order = 1,
        after_help = "Examples:\n  backcare check --save my-answers.json\n  backcare check --save my-answers.fhir.json --fhir"
    )]
    Check {
        /// Also write your answers to FILE, in the format `assess --answers` reads
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// With --save: write the answers as a FHIR R4 QuestionnaireResponse, which `assess` reads too
        #[arg(long, requires = "save")]
        fhir: bool,
        /// Carry on from where an interrupted questionnaire stopped
        #[arg(long)]
        resume: bool,
    },
    /// Assess a file of answers without asking any questions
    #[command(
        display_order = 5,
        after_help = "Examples:\n  backcare assess --answers examples/answers/desk-worker-forward-head.json --json\n  backcare assess --batch office.jsonl > results.jsonl"
    )]
    Assess {
        /// A JSON file mapping question ids to answers (`-` reads standard input)
        #[arg(long, value_name = "FILE", required_unless_present = "batch")]
        answers: Option<PathBuf>,
        /// Assess many answer sets: JSON lines in, JSON lines out (`-` reads standard input)
        #[arg(long, value_name = "FILE", conflicts_with_all = ["answers", "explain", "json"])]
        batch: Option<PathBuf>,
        /// With --batch: write each record's whole outcome, not just its summary
        #[arg(long, requires = "batch")]
        full: bool,
        /// With --batch: how the records are written [default: csv for a .csv file, else jsonl]
        #[arg(long, value_enum, requires = "batch")]
        format: Option<crate::batch::Format>,
        /// With --batch: how many threads assess records [default: one per core]
        #[arg(long, value_name = "N", requires = "batch", allow_negative_numbers = true, value_parser = thread_count)]
        threads: Option<NonZeroUsize>,
        /// Print the outcome as JSON
        #[arg(long)]
        json: bool,
        /// Choose the routine as `backcare session` would after the sessions in this journal
        #[arg(
            long,
            value_name = "JOURNAL",
            requires = "answers",
            conflicts_with = "explain"
        )]
        history: Option<PathBuf>,
        /// Instead of the outcome, show every rule considered, whether it held, and on which answers
        #[arg(long)]
        explain: bool,
        /// Exit with a code for the urgency (see the exit codes below), as `git diff --exit-code` does
        #[arg(long)]
        exit_code: bool,
    },
    /// List the questions: ids, kinds, options, sections, and when each is asked
    #[command(
        display_order = 6,
        after_help = "Example:\n  backcare questions --json"
    )]
    Questions {
        /// Print the questionnaire as JSON
        #[arg(long, conflicts_with = "fhir")]
        json: bool,
        /// Print the questionnaire as a FHIR R4 Questionnaire resource
        #[arg(long)]
        fhir: bool,
    },
    /// Print your saved answers, or those of a file, in backcare's format or as FHIR
    #[command(
        after_help = "Examples:\n  backcare export --fhir > my-answers.fhir.json\n  backcare export --answers examples/answers/fever.json --fhir"
    )]
    Export {
        /// Export this answers file instead of your last saved answers
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// Print the answers as a FHIR R4 QuestionnaireResponse
        #[arg(long)]
        fhir: bool,
    },
    /// Print a shell completion script
    #[command(
        display_order = 9,
        after_help = "Examples:\n  backcare completions bash > ~/.local/share/bash-completion/completions/backcare\n  backcare completions zsh > ~/.zfunc/_backcare\n  backcare completions fish > ~/.config/fish/completions/backcare.fish"
    )]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
        #[command(flatten)]
        unused: NoRules,
    },
    /// Print the manual page (roff)
    #[command(
        display_order = 10,
        after_help = "Example:\n  backcare man > backcare.1 && man ./backcare.1"
    )]
    Man {
        #[command(flatten)]
        unused: NoRules,
    },
    /// Work with rule sets
    #[command(
        display_order = 8,
        after_help = "Examples:\n  backcare rules check my-clinic/\n  backcare rules score tests/data/clinical-cases.json\n  backcare rules schema red_flags"
    )]
    Rules {
        #[command(subcommand)]
        action: RulesCommand,
    },
    /// List the exercise catalogue, or show one exercise in full
    #[command(
        display_order = 7,
        after_help = "Example:\n  backcare exercises cat_stretch"
    )]
    Exercises {
        /// The id of one exercise to show
        id: Option<String>,
    },
    /// Be guided through today's routine with a countdown, then record it in your journal
    #[command(
        display_order = 2,
        after_help = "Keys: Space pauses and goes on, s skips an exercise, q stops (what you have done is kept).\n\nExample:\n  backcare session --minutes 10"
    )]
    Session {
        /// Build the routine from this answers file instead of your last saved answers
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// The minutes you have today, instead of your saved answer (5 to 90 with the built-in
        /// rules)
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole_minutes)]
        minutes: Option<i64>,
    },
    /// Record today's pain in your journal, from 0 (none) to 10 (the worst)
    #[command(
        display_order = 3,
        allow_negative_numbers = true,
        after_help = "Example:\n  backcare log 4 --note \"stiff after a long drive\""
    )]
    Log {
        /// Your pain now: a whole number from 0 (no pain) to 10 (the worst you can imagine)
        #[arg(value_parser = crate::journal::parse_pain)]
        pain: u8,
        /// A few words to keep with the score
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Your pain over time, sessions per week, and what to do next
    #[command(
        display_order = 4,
        after_help = "Examples:\n  backcare progress\n  backcare progress --csv > journal.csv"
    )]
    Progress {
        /// Print every journal entry as JSON instead
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print every journal entry as CSV instead
        #[arg(long)]
        csv: bool,
    },
    /// Write a report to print or send to a doctor or physiotherapist (HTML, or Markdown)
    #[command(
        after_help = "The report holds the outcome and how urgent it is, the answers behind it, the warning-sign\nquestions answered no or left open, the routine as exercise cards with pictures, and the\njournal's pain chart. Without --out it is written to your data folder.\n\nExamples:\n  backcare report\n  backcare report --answers my-answers.json --out report.html\n  backcare report --markdown --out report.md"
    )]
    Report {
        /// Report on this answers file instead of your last saved answers
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
        /// Write the report to FILE (only a new file or an earlier report is replaced)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Write Markdown instead of HTML
        #[arg(long)]
        markdown: bool,
        /// The paper the HTML is laid out for when printed
        #[arg(long, value_enum, default_value_t = Paper::A4, value_name = "SIZE")]
        paper: Paper,
    },
}

/// The paper a printed report is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    A4,
    Letter,
}

/// Taken in place of the global `--rules` by commands it means nothing to, so that their help
/// does not offer it; clap copies a global option only into commands without one of that name.
#[derive(Debug, clap::Args)]
pub struct NoRules {
    #[arg(long, hide = true, value_name = "DIR")]
    rules: Option<PathBuf>,
}

/// `--minutes N` read as any whole number, so that one out of range (`-5`) is refused by the
/// range check with the range in words, not as an unknown option.
fn whole_minutes(text: &str) -> Result<i64, String> {
    text.trim().parse().map_err(|_| {
        format!("`{text}` is not a number of minutes; give a whole number, such as 15")
    })
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
    /// Score a rule set on clinical cases whose expected outcomes came from the sources
    #[command(
        after_help = "The bars: every emergency caught, no case less urgent than expected, at least 95% of\nurgencies exact, at most 10% of self-care cases referred. Exit code 4 when one is missed.\n\nExamples:\n  backcare rules score tests/data/clinical-cases.json\n  backcare --rules my-clinic/ rules score my-cases.json"
    )]
    Score {
        /// The case file (see rules/README.md for its format)
        cases: PathBuf,
        /// Print every figure and every case's result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of a rule file, which editors use to complete and check it
    #[command(
        after_help = "The schemas are kept in rules/schema/, and each rule file names its own with \"$schema\".\n\nExample:\n  backcare rules schema red_flags > rules/schema/red_flags.schema.json"
    )]
    Schema {
        /// The rule file
        file: RuleFile,
    },
}

/// One of the rule files, named as in `rules/` without `.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum RuleFile {
    /// The questions, their sections and when each is asked
    Questionnaire,
    /// The warning signs and how urgently each needs a professional
    RedFlags,
    /// The posture findings and the answers that show them
    Postures,
    /// The exercise catalogue
    Exercises,
    /// How a routine is put together, and the advice on progress
    Policy,
    Figures,
}

/// What every command shares, decided once from the command line and the environment; the
/// command itself is passed beside it.
#[derive(Debug)]
pub struct Settings {
    pub rules_dir: Option<PathBuf>,
    pub stdout: Stream,
    pub stderr: Stream,
}

impl Cli {
    /// The settings every command shares, decided once, and the command to run (`check` when
    /// none is named).
    pub fn decide(self) -> (Settings, Command) {
        let settings = Settings {
            rules_dir: self.rules,
            stdout: Stream::stdout(self.color),
            stderr: Stream::stderr(self.color),
        };
        let command = self.command.unwrap_or(Command::Check {
            save: None,
            fhir: false,
            resume: false,
        });
        (settings, command)
    }
}

/// `--threads`: a whole number, 1 or more, refused in words rather than a parser's.
fn thread_count(text: &str) -> Result<NonZeroUsize, String> {
    text.parse::<NonZeroUsize>().map_err(|_| {
        format!("{text} is not a number of threads: give a whole number, 1 or more (one per core is usual)")
    })
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
