//! The CSV reader: encoding and delimiter detection, the record limits and
//! row numbering, on any bytes.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = common::input_file("csv", data);
    let mut sink = common::Touch::default();
    let _ = ramme::input::csv::read(&path, &mut sink);
});
