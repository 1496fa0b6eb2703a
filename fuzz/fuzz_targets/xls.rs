//! The xls reader as ramme runs it (calamine behind `catch_panic`): any
//! panic that escapes is a bug of ramme's. Allocation blow-ups and endless
//! loops inside calamine are what the reader child process is for; run
//! this target in fork mode, which ignores OOMs and timeouts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use ramme::input::{excel, FileFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let path = common::input_file("xls", data);
    let mut sink = common::Touch::default();
    let _ = excel::read(&path, FileFormat::Xls, &ReadOptions::default(), &mut sink);
});
