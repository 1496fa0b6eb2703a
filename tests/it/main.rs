//! All integration tests in one binary: each runs the real `ramme` binary in
//! its own temporary folder on fixture files written by the test.

mod bilag;
mod cli;
mod excel;
mod harness;
mod properties;
mod pseudonym;
mod samarbejde;
mod setup;
mod skabelon;
mod takst;
mod takstanalyse;
mod udgift;
mod validate;
mod width;
