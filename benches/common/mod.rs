//! Shared by the benchmarks: run the release binary once and measure it.

use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs `ramme` with `args`; returns (seconds, peak RSS in bytes, exit code).
pub fn run_ramme(args: &[&std::ffi::OsStr]) -> (f64, u64, i32) {
    let start = Instant::now();
    // Waited for below with wait4, which also gives the peak memory.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_ramme"))
        .args(args)
        .stdout(Stdio::null())
        .spawn()
        .expect("start ramme");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data and zero is a valid value for it; wait4
    // fills it for our own child, which has not been waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(waited, pid, "wait4");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // ru_maxrss is in kilobytes on Linux.
    (seconds, (usage.ru_maxrss as u64) * 1024, code)
}

/// "1.234,50" from øre.
pub fn da_money(ore: i64) -> String {
    let digits = (ore / 100).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{out},{:02}", ore % 100)
}
