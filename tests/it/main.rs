//! All integration tests in one binary: each runs the real `ramme` binary in
//! its own temporary folder on fixture files written by the test.

mod bilag;
mod excel;
mod fuzzed;
mod harness;
mod hostile;
mod injection;
mod outputs;
mod privacy;
mod properties;
mod pseudonym;
mod samarbejde;
mod skabelon;
mod takst;
mod takstanalyse;
mod udgift;
mod validate;
