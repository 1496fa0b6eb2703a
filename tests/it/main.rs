//! All integration tests in one binary: each runs the real `ramme` binary in
//! its own temporary folder on fixture files written by the test.

mod annotate;
mod bilag;
mod excel;
mod forbrug;
mod forbrug_udgift;
mod harness;
mod inbox;
mod inbox_set;
mod properties;
mod pseudonym;
mod samarbejde;
mod skabelon;
mod status;
mod takst;
mod takstanalyse;
mod udgift;
mod validate;
