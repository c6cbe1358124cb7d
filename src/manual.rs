//! `backcare man`: the manual page, from the same definitions as `--help`. clap_mangen draws the
//! title, synopsis, description and options; the commands, examples, environment, files and exit
//! codes are drawn here, so that no line refers to a page that does not exist and the examples
//! keep their lines.

use clap::Command;

/// The whole page, in roff.
pub fn page(command: Command, after_help: &str) -> std::io::Result<String> {
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    page.push_str(&commands(&command));
    page.push_str(&sections(after_help));
    Ok(page)
}

/// Each command with what it does and its own notes, in the order a person uses them.
fn commands(command: &Command) -> String {
    let mut subcommands: Vec<&Command> = command
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .collect();
    subcommands.sort_by_key(|c| c.get_display_order());
    let mut out = String::from(".SH COMMANDS\n");
    for sub in subcommands {
        out.push_str(&format!(
            ".TP\n\\fBbackcare {}\\fR\n",
            escape(sub.get_name())
        ));
        if let Some(about) = sub.get_about() {
            out.push_str(&format!("{}\n", escape(&about.to_string())));
        }
        if let Some(notes) = sub.get_after_help() {
            out.push_str(&format!(".br\n{}", kept_lines(&notes.to_string())));
        }
    }
    out
}

/// The `--help` epilogue's parts ("Examples:", "Environment:" …) as sections of their own.
fn sections(after_help: &str) -> String {
    let mut out = String::new();
    for part in after_help.split("\n\n") {
        match part.split_once(":\n") {
            Some((heading, body)) if !heading.contains('\n') => {
                out.push_str(&format!(".SH {}\n", escape(&heading.to_uppercase())));
                out.push_str(&kept_lines(body));
            }
            _ => out.push_str(&format!(".PP\n{}\n", escape(part))),
        }
    }
    out
}

/// Lines shown as written, without filling: examples and tables.
fn kept_lines(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(escape).collect();
    format!(".nf\n{}\n.fi\n", lines.join("\n"))
}

/// Text made safe for roff: backslashes and hyphens escaped, and a line starting with a control
/// character kept as text.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_the_epilogue_become_sections_with_their_lines_kept() {
        let roff = sections("Examples:\n  a -b\n.c\n\nA closing line.");
        assert_eq!(
            roff,
            ".SH EXAMPLES\n.nf\n  a \\-b\n\\&.c\n.fi\n.PP\nA closing line.\n"
        );
    }
}
