//! Expanding INPUTS: files as given, folders to the spreadsheets directly in
//! them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Extensions picked up from a folder (compared case-insensitively).
/// Documents that are never spreadsheets: in a folder they get a note.
pub const DOCUMENT_EXTENSIONS: [&str; 12] = [
    "docx", "doc", "pdf", "odt", "rtf", "pptx", "ppt", "msg", "eml", "jpg", "jpeg", "png",
];

/// Why a file is skipped without being read: Excel's lock file of an open
/// workbook (`~$…`) or a document that is no spreadsheet (by its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    LockFile,
    Document,
}

pub fn skip(path: &Path) -> Option<Skip> {
    let name = path.file_name()?.to_string_lossy();
    if name.starts_with("~$") {
        return Some(Skip::LockFile);
    }
    let ext = path.extension()?.to_str()?;
    DOCUMENT_EXTENSIONS
        .iter()
        .any(|x| x.eq_ignore_ascii_case(ext))
        .then_some(Skip::Document)
}

pub const FOLDER_EXTENSIONS: [&str; 8] =
    ["csv", "tsv", "txt", "xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Why an input could not be expanded; names the path.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),
    #[error("{}: cannot read folder: {source}", path.display())]
    ReadDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Expands `inputs` into the files to read, keeping their order.
///
/// A file is taken as given, whatever its extension (the format is told from
/// the content). A folder means every `.csv .tsv .txt .xlsx .xlsm .xlsb .xls
/// .ods` file directly in it, in name order, leaving out Excel's lock files
/// (`~$…`) and hidden files (`.…`); folders are not searched recursively.
/// A file named twice (also via a folder) is read once, where it first came.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, DiscoverError> {
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |path: PathBuf, files: &mut Vec<PathBuf>| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            files.push(path);
        }
    };
    for input in inputs {
        let metadata = std::fs::metadata(input).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DiscoverError::NotFound(input.clone()),
            _ => DiscoverError::ReadDir {
                path: input.clone(),
                source: e,
            },
        })?;
        if !metadata.is_dir() {
            add(input.clone(), &mut files);
            continue;
        }
        for path in folder_files(input)? {
            add(path, &mut files);
        }
    }
    Ok(files)
}

fn folder_files(folder: &Path) -> Result<Vec<PathBuf>, DiscoverError> {
    let failed = |source| DiscoverError::ReadDir {
        path: folder.to_path_buf(),
        source,
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(failed)? {
        let entry = entry.map_err(failed)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        // Excel's lock files and the documents that travel with the
        // spreadsheets (a letter, a PDF) are listed too: validation skips
        // them with a note instead of passing them by in silence.
        let wanted = Path::new(name.as_ref())
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| {
                FOLDER_EXTENSIONS
                    .iter()
                    .chain(DOCUMENT_EXTENSIONS.iter())
                    .any(|x| x.eq_ignore_ascii_case(e))
            });
        // Follows symlinks: a link to a file counts as a file.
        let is_file = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file());
        if wanted && is_file {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_files_order_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.xlsx",
            "a.CSV",
            "c.Ods",
            "~$b.xlsx",
            ".skjult.csv",
            "noter.pdf",
            "d.txt",
            "e.XLSB",
            "f.xls",
            "g.xlsm",
            "h.tsv",
            "uden_endelse",
        ] {
            std::fs::write(root.join(name), b"x").unwrap();
        }
        std::fs::create_dir(root.join("under.csv")).unwrap();
        std::fs::write(root.join("under.csv").join("dyb.csv"), b"x").unwrap();
        let other = tempfile::tempdir().unwrap();
        let pdf = other.path().join("rapport.pdf");
        std::fs::write(&pdf, b"x").unwrap();

        let got = expand_inputs(&[pdf.clone(), root.to_path_buf(), root.join("b.xlsx")]).unwrap();
        let names: Vec<_> = got
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "rapport.pdf",
                "a.CSV",
                "b.xlsx",
                "c.Ods",
                "d.txt",
                "e.XLSB",
                "f.xls",
                "g.xlsm",
                "h.tsv",
                "noter.pdf",
                "~$b.xlsx"
            ]
        );
        assert_eq!(skip(&root.join("~$b.xlsx")), Some(Skip::LockFile));
        assert_eq!(skip(&root.join("noter.pdf")), Some(Skip::Document));
        assert_eq!(skip(&root.join("d.txt")), None);
        // A file named explicitly is kept even without a known extension.
        let got = expand_inputs(&[root.join("uden_endelse"), root.join("uden_endelse")]).unwrap();
        assert_eq!(got, [root.join("uden_endelse")]);
    }

    #[test]
    fn missing_input_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("findes-ikke.xlsx");
        let err = expand_inputs(std::slice::from_ref(&missing)).unwrap_err();
        assert!(matches!(&err, DiscoverError::NotFound(p) if *p == missing));
        assert!(err.to_string().contains("findes-ikke.xlsx"));
    }
}

/// Inputs named in a config file: paths relative to `base`, where the last
/// part may hold `*` and `?` ("2017/takst_*.csv"). Folders expand as on the
/// command line.
pub fn expand_patterns(base: &Path, patterns: &[String]) -> Result<Vec<PathBuf>, DiscoverError> {
    let mut paths = Vec::new();
    for pattern in patterns {
        let full = base.join(pattern);
        let name = full
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.contains(['*', '?']) {
            paths.push(full);
            continue;
        }
        let dir = full
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let entries = std::fs::read_dir(&dir).map_err(|source| DiscoverError::ReadDir {
            path: dir.clone(),
            source,
        })?;
        let mut matched: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| wildcard(&name, &e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        matched.sort();
        paths.extend(matched);
    }
    expand_inputs(&paths)
}

/// `*` and `?` matching of a whole file name.
fn wildcard(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some(pi);
                mark = ni;
                pi += 1;
            }
            Some(c) if *c == '?' || Some(c) == n.get(ni) => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some(s) => {
                    pi = s + 1;
                    mark += 1;
                    ni = mark;
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|c| *c == '*'))
}

#[cfg(test)]
mod pattern_tests {
    use super::wildcard;

    #[test]
    fn wildcards() {
        for (pattern, name, want) in [
            ("takst_*.csv", "takst_aalborg_2017.csv", true),
            ("takst_*.csv", "borgerliste_2017.csv", false),
            ("*", "x", true),
            ("b?f*.csv", "bef_2017.csv", true),
            ("*.xlsx", "a.xls", false),
        ] {
            assert_eq!(wildcard(pattern, name), want, "{pattern} {name}");
        }
    }
}
