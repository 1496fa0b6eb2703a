//! What the annex reads: the `[bilag]` lists expanded, and what to say
//! when they name nothing.

use crate::lang::Lang;
use std::path::PathBuf;

/// The inputs the annex reads, expanded: one list per section.
pub struct Inputs {
    pub takst: Vec<PathBuf>,
    pub previous: Vec<PathBuf>,
    pub before: Vec<PathBuf>,
    pub after: Vec<PathBuf>,
    pub kriterier: Vec<PathBuf>,
    pub udmelding: Vec<PathBuf>,
    pub befolkning: Vec<PathBuf>,
    pub regnskab: Vec<PathBuf>,
}

impl Inputs {
    pub fn all(&self) -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = Vec::new();
        for f in [
            &self.takst,
            &self.previous,
            &self.before,
            &self.after,
            &self.kriterier,
            &self.udmelding,
            &self.befolkning,
            &self.regnskab,
        ]
        .into_iter()
        .flatten()
        {
            if !all.contains(f) {
                all.push(f.clone());
            }
        }
        all
    }
}

pub fn no_inputs(cfg: &crate::config::BilagConfig) -> bool {
    [
        &cfg.takst,
        &cfg.takst_previous,
        &cfg.borgerliste_before,
        &cfg.borgerliste_after,
        &cfg.kriterier,
        &cfg.udmelding,
        &cfg.befolkning,
        &cfg.regnskab,
    ]
    .iter()
    .all(|list| list.is_empty())
}

/// What `[bilag]` must name, for a user who has only run `ramme init`.
pub fn what_to_fill_in(lang: Lang) -> String {
    let example = "\n\n[bilag]\n\
year = 2017\n\
takst = [\"2017\"]                 # {takst}\n\
takst_previous = [\"2016\"]        # {previous}\n\
borgerliste_before = [\"2016\"]    # {before}\n\
borgerliste_after = [\"2017\"]     # {after}\n\
kriterier = [\"2017\"]             # {kriterier}\n\
udmelding = [\"2018\"]             # {udmelding}\n\
befolkning = [\"2017/befolkning.csv\"]  # {befolkning}\n";
    let fill = |words: [&str; 7]| {
        let [takst, previous, before, after, kriterier, udmelding, befolkning] = words;
        example
            .replace("{takst}", takst)
            .replace("{previous}", previous)
            .replace("{before}", before)
            .replace("{after}", after)
            .replace("{kriterier}", kriterier)
            .replace("{udmelding}", udmelding)
            .replace("{befolkning}", befolkning)
    };
    crate::messages::cli::bilag_no_inputs(
        &fill(crate::messages::cli::bilag_input_names(lang)),
        lang,
    )
}
