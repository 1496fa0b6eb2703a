//! Notes on standard error about what a run did ("Skrev bilag.xlsx."),
//! silenced by `--quiet`. Set once per run; every command that writes a
//! file says so the same way.

use crate::lang::Lang;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);
static ENGLISH: AtomicBool = AtomicBool::new(false);

/// Records `--quiet` and the language for this run.
pub fn configure(quiet: bool, lang: Lang) {
    QUIET.store(quiet, Ordering::Relaxed);
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Da
    }
}

/// Whether notes are silenced.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// "Skrev FILE." on standard error, unless `--quiet`. A closed standard
/// error is not worth failing a run that has written its file.
pub fn wrote(path: &Path) {
    if quiet() {
        return;
    }
    // An output name is echoed like every name: never a CPR number.
    let shown = crate::cpr::mask_path(path);
    // The one text of this module, formatted for the chosen language only
    // (`notice` sits below `messages` in the layers, see ARCHITECTURE.md).
    let text = match lang() {
        Lang::Da => format!("Skrev {}.", shown.display()),
        Lang::En => format!("Wrote {}.", shown.display()),
    };
    let _ = writeln!(std::io::stderr(), "{text}");
}
