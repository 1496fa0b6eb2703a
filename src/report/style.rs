//! Colour and width on a terminal: colour when standard output is a terminal
//! (or `--color always`), none when piped, with NO_COLOR or `--color never`;
//! tables fit `COLUMNS` or the terminal's width, and are unlimited when piped.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Set once by `run` from `--color`; read by every writer for the terminal.
static COLOR: AtomicU8 = AtomicU8::new(0);

/// Records the `--color` choice for this run.
pub fn set_color_choice(choice: ColorChoice) {
    let value = match choice {
        ColorChoice::Auto => 0,
        ColorChoice::Always => 1,
        ColorChoice::Never => 2,
    };
    COLOR.store(value, Ordering::Relaxed);
}

fn color_choice() -> ColorChoice {
    match COLOR.load(Ordering::Relaxed) {
        1 => ColorChoice::Always,
        2 => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// The width tables must fit, in display columns (None: unlimited).
    pub width: Option<usize>,
}

impl Style {
    /// For standard output: colour by `--color` (auto: a terminal and
    /// NO_COLOR unset); width from COLUMNS, else the terminal's, else none.
    pub fn for_stdout() -> Style {
        let terminal = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match color_choice() {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && terminal,
        };
        Style {
            color,
            width: width_for(
                std::env::var("COLUMNS").ok().as_deref(),
                terminal.then(terminal_width).flatten(),
            ),
        }
    }

    /// No colour and no width limit (for files).
    pub fn plain() -> Style {
        Style {
            color: false,
            width: None,
        }
    }

    fn wrap(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }
    pub fn red(self, text: &str) -> String {
        self.wrap("31", text)
    }
    pub fn yellow(self, text: &str) -> String {
        self.wrap("33", text)
    }
    pub fn blue(self, text: &str) -> String {
        self.wrap("34", text)
    }
    pub fn green(self, text: &str) -> String {
        self.wrap("32", text)
    }
    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }
}

fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
}

/// COLUMNS wins when it is a sensible number; else the terminal's width.
fn width_for(columns: Option<&str>, terminal: Option<usize>) -> Option<usize> {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w >= 20)
        .or(terminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_overrides_the_terminal() {
        assert_eq!(width_for(Some("80"), Some(200)), Some(80));
        assert_eq!(width_for(None, Some(120)), Some(120));
        assert_eq!(width_for(None, None), None);
        // Nonsense falls back to the terminal.
        assert_eq!(width_for(Some("abc"), Some(100)), Some(100));
        assert_eq!(width_for(Some("5"), None), None);
    }
}
