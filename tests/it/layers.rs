//! The import drawing of `src/`: every `crate::<module>` a file names must
//! be in the same layer or a lower one (ARCHITECTURE.md). A new module
//! gets its rank here, so where it sits is a decision, not an accident.

use std::collections::BTreeSet;
use std::path::Path;

/// Top-level modules by layer, highest first; a module may use only those
/// below it (`cmd` takes the parsed `cli` arguments; `help` builds the
/// `cli` command in the user's language).
const LAYERS: &[&[&str]] = &[
    &["main", "lib"],
    &["cmd"],
    &["help"],
    &["cli"],
    &["report"],
    &["analysis"],
    &["config"],
    &["pseudonym"],
    &["dataset"],
    &["output"],
    &["error"],
    &["validate"],
    &["rules"],
    &["messages"],
    &["schema"],
    &["values"],
    &["input"],
    &["notice"],
    &["cpr", "finding"],
    &["numfmt", "prefetch", "text"],
    &["lang"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules a source text names as `crate::name`, outside comments.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn imports_only_go_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    for file in &files {
        let from = top_module(&src, file);
        let Some(from_rank) = rank(&from) else {
            panic!("src/{from} has no layer in tests/it/layers.rs: give it one");
        };
        let text = std::fs::read_to_string(file).unwrap();
        for to in named_modules(&text) {
            if to == from {
                continue;
            }
            // `crate::Error`, `crate::run` and other re-exports at the root.
            let Some(to_rank) = rank(&to) else { continue };
            if to_rank <= from_rank {
                upward.push(format!(
                    "{} uses crate::{to}",
                    file.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that go up or sideways:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_layer_table_names_every_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = top_module(&src, &path);
        assert!(rank(&name).is_some(), "src/{name} has no layer");
    }
    // And a module that is gone leaves the table.
    for layer in LAYERS {
        for module in *layer {
            assert!(
                src.join(format!("{module}.rs")).exists() || src.join(module).is_dir(),
                "{module} is in the layer table but not in src/"
            );
        }
    }
}
