//! Where a report goes: standard output, or a file written atomically (a
//! temporary file beside it, then a rename) that is never one of the inputs.

use crate::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
    Xlsx,
    Md,
}

impl Format {
    /// The format a file name asks for by its extension.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "md" => Some(Format::Md),
            _ => None,
        }
    }
}

/// A text cell as it may go into a CSV file: text that Excel would take for
/// a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'` (OWASP's advice against CSV injection), so
/// `=HYPERLINK(…)` is shown, never run. A plain number such as `-5` or
/// `-1.234,50` is left alone: it is no formula. Every CSV writer of ramme
/// passes its text cells through this one function.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if !risky || is_plain_number(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(format!("'{text}"))
}

/// `-` followed by digits with `.` or `,` between them: a negative number.
fn is_plain_number(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('-') else {
        return false;
    };
    rest.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// Files the run reads besides its inputs (the config file, schema files,
/// a population file), which no output may replace either.
static PROTECTED: std::sync::RwLock<Vec<PathBuf>> = std::sync::RwLock::new(Vec::new());

/// Adds files that [`check_not_input`] refuses as outputs, whatever the
/// command's inputs are.
pub fn protect(paths: impl IntoIterator<Item = PathBuf>) {
    if let Ok(mut protected) = PROTECTED.write() {
        protected.extend(paths.into_iter().map(|p| resolve(&p)));
    }
}

/// Refuses an output path that names one of the inputs (or a file inside an
/// input folder's listing, which resolves to the same file), or one of the
/// [`protect`]ed files the run reads.
pub fn check_not_input(output: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let out = resolve(output);
    let protected = PROTECTED.read().map(|p| p.clone()).unwrap_or_default();
    if inputs.iter().any(|input| resolve(input) == out) || protected.contains(&out) {
        return Err(Error::OutputIsInput(output.to_path_buf()));
    }
    Ok(())
}

/// A path made absolute and free of symlinks as far as it exists.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            parent
                .canonicalize()
                .map(|p| p.join(name))
                .unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// A file being written: bytes go to a temporary file that becomes `path`
/// only on [`AtomicFile::commit`]. Dropped without commit, it is removed.
pub struct AtomicFile {
    path: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
    /// Where writes go after the file is closed (never in practice).
    closed: std::io::Sink,
    committed: bool,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let temp = temp_path(path);
        let file = File::create(&temp).map_err(|source| Error::Output {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp,
            writer: Some(BufWriter::new(file)),
            closed: std::io::sink(),
            committed: false,
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self.writer.as_mut() {
            Some(w) => w,
            None => &mut self.closed,
        }
    }

    /// Flushes, syncs and renames the temporary file into place. On any
    /// failure the temporary file is removed (by `drop`): nothing is left.
    pub fn commit(mut self) -> Result<(), Error> {
        let err = |source| Error::Output {
            path: self.path.clone(),
            source,
        };
        if let Some(writer) = self.writer.take() {
            let file = writer.into_inner().map_err(|e| err(e.into_error()))?;
            file.sync_all().map_err(err)?;
        }
        std::fs::rename(&self.temp, &self.path).map_err(err)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// The temporary name beside the target: `.name.ramme-tmp-PID`. Temporary
/// files of the same target left by runs that were killed (their process
/// is gone) are removed first, so none stays behind for good.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let prefix = format!(".{name}.ramme-tmp-");
    let temp_name = format!("{prefix}{}", std::process::id());
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    sweep_stale(parent, &prefix);
    parent.join(temp_name)
}

/// Removes `PREFIX<pid>` files in `dir` whose process no longer exists.
fn sweep_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_exists(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn process_exists(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks whether the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_exists(_pid: u32) -> bool {
    true
}

/// Moves a finished temporary file into place (for writers that save to a
/// path themselves, like the xlsx writer).
pub fn rename_into_place(temp: &Path, path: &Path) -> Result<(), Error> {
    std::fs::rename(temp, path).map_err(|source| {
        let _ = std::fs::remove_file(temp);
        Error::Output {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Where a command's output goes, in which format: standard output, or a
/// file written atomically that begins with ramme's mark where the format
/// has room for one.
#[derive(Debug, Clone)]
pub struct Destination {
    pub format: Format,
    pub path: Option<PathBuf>,
}

impl Destination {
    /// Runs `write` against standard output or an atomic file.
    pub fn write(
        &self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        match &self.path {
            None => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                match write(&mut lock).and_then(|()| lock.flush()) {
                    Ok(()) => Ok(()),
                    // A closed pipe (`ramme … | head`) is not an error of ours.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(source) => Err(Error::Output {
                        path: PathBuf::from("-"),
                        source,
                    }),
                }
            }
            Some(path) => {
                let mut file = AtomicFile::create(path)?;
                let out = file.writer();
                // A file written into an inbox folder must never be read back
                // as a submission: text outputs begin with ramme's mark.
                let mark = match self.format {
                    Format::Csv | Format::Text => Some(crate::input::marks::text_line("rapport")),
                    Format::Md => Some(crate::input::marks::markdown_line("rapport")),
                    Format::Json | Format::Xlsx => None,
                };
                let result = match mark {
                    Some(line) => writeln!(out, "{line}").and_then(|()| write(out)),
                    None => write(out),
                };
                result.map_err(|source| Error::Output {
                    path: path.clone(),
                    source,
                })?;
                file.commit()?;
                crate::notice::wrote(path);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_a_formula() {
        for (text, want) in [
            (
                "=HYPERLINK(\"http://x\",\"klik\")",
                "'=HYPERLINK(\"http://x\",\"klik\")",
            ),
            ("+1+1", "'+1+1"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-", "'-"),
            ("-5", "-5"),
            ("-1.234,50", "-1.234,50"),
            ("Bo A", "Bo A"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(csv_cell(text), want, "{text:?}");
        }
    }

    #[test]
    fn refuses_an_input_as_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.csv");
        std::fs::write(&input, "x").unwrap();
        let same = dir.path().join(".").join("a.csv");
        assert!(matches!(
            check_not_input(&same, std::slice::from_ref(&input)),
            Err(Error::OutputIsInput(_))
        ));
        assert!(check_not_input(&dir.path().join("b.json"), &[input]).is_ok());
    }

    #[test]
    fn a_failed_commit_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        // Renaming a file onto a non-empty directory fails.
        let path = dir.path().join("ud");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), "x").unwrap();
        let mut f = AtomicFile::create(&path).unwrap();
        f.writer().write_all(b"hello").unwrap();
        assert!(f.commit().is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["ud"]);
    }

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let mut f = AtomicFile::create(&path).unwrap();
        f.writer().write_all(b"hello").unwrap();
        assert!(!path.exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
        let mut g = AtomicFile::create(&dir.path().join("gone.txt")).unwrap();
        g.writer().write_all(b"x").unwrap();
        drop(g);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
