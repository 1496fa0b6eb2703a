//! Everything ramme does with a file's bytes in the main process before a
//! reader child takes over: telling the format (zip entries, the OLE
//! header, text) and telling its own outputs by their mark. Unlike the
//! reader targets, an out-of-memory or a timeout here is a bug: run it
//! without `-ignore_ooms` and with a small `-rss_limit_mb`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = common::input_file("detect", data);
    let _ = ramme::input::format::detect(&path);
    let _ = ramme::input::marks::is_ramme_output(&path);
});
