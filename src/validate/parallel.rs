//! Files validated in parallel on the available cores, results in input
//! order; and the cores' budget, which a big CSV's second part draws on
//! when a core is free.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Threads a run may use (`threads` in `[validate]`; 0: one per core).
static THREADS: AtomicUsize = AtomicUsize::new(0);
/// Threads now validating (files, and the second parts of big CSVs).
static BUSY: AtomicUsize = AtomicUsize::new(0);

/// Sets how many threads a run may use (0: one per core), once, before any
/// file is read.
pub fn set_threads(threads: usize) {
    THREADS.store(threads, Ordering::Relaxed);
}

/// How many threads a run may use.
pub fn threads() -> usize {
    /// The cores there are, asked once: the answer reads cgroup files, and
    /// a big CSV's parts ask for a spare core every few hundred records.
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    match THREADS.load(Ordering::Relaxed) {
        0 => *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        n => n,
    }
}

/// A thread counted as busy while this lives.
#[derive(Debug)]
pub struct Core(());

impl Core {
    fn busy() -> Core {
        BUSY.fetch_add(1, Ordering::Relaxed);
        Core(())
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        BUSY.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A core no other validation uses, if there is one (counting the thread
/// asking as busy when it is not one of [`validate_parallel`]'s).
pub fn spare_core() -> Option<Core> {
    let limit = threads();
    let mut busy = BUSY.load(Ordering::Relaxed);
    loop {
        if busy.max(1) + 1 > limit {
            return None;
        }
        match BUSY.compare_exchange(busy, busy + 1, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return Some(Core(())),
            Err(now) => busy = now,
        }
    }
}

/// Runs `wait` with the calling thread's core counted as free, for a fork
/// to take while this thread waits for one.
pub fn lend_core<T>(wait: impl FnOnce() -> T) -> T {
    /// Takes the core back when the wait is over (or unwinds).
    struct Lent(bool);
    impl Drop for Lent {
        fn drop(&mut self) {
            if self.0 {
                BUSY.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    // A thread not counted (a file validated outside validate_parallel)
    // has nothing to lend.
    let lent = BUSY
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |busy| {
            busy.checked_sub(1)
        })
        .is_ok();
    let _lent = Lent(lent);
    wait()
}

/// Runs `work` for every file on up to as many threads as the run may use,
/// and returns the results in the order of `files`.
pub fn validate_parallel<R: Send>(files: &[PathBuf], work: impl Fn(&Path) -> R + Sync) -> Vec<R> {
    let threads = threads().min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let _core = Core::busy();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let result = work(path);
                    if let Ok(mut guard) = results.lock() {
                        guard.push((i, result));
                    }
                }
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
