//! All integration tests in one binary: each runs the real `ramme` binary in
//! its own temporary folder on fixture files written by the test.

mod annotate;
mod bilag;
mod cli;
mod excel;
mod forbrug;
mod forbrug_udgift;
mod fuzzed;
mod harness;
mod hostile;
mod inbox;
mod inbox_set;
mod injection;
mod layers;
mod legal_days;
mod outputs;
mod privacy;
mod properties;
mod pseudonym;
mod registry;
mod regulering;
mod rules_takst;
mod samarbejde;
mod setup;
mod skabelon;
mod status;
mod takst;
mod takst_years;
mod takstanalyse;
mod tilbud;
mod udgift;
mod validate;
mod width;
