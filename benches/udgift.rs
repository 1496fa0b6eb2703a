//! `cargo bench --bench udgift`: expenditure monitoring on two generated
//! 1,000,000-row borgerlister (January 2016 and 2017), measured on the
//! release binary: best wall time of 3 runs and peak resident memory (from
//! `wait4`). Not a test: it asserts nothing.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const ROWS: usize = 1_000_000;
const RUNS: usize = 3;
const KOMMUNER: [&str; 11] = [
    "Aalborg",
    "Brønderslev",
    "Frederikshavn",
    "Hjørring",
    "Jammerbugt",
    "Læsø",
    "Mariagerfjord",
    "Morsø",
    "Rebild",
    "Thisted",
    "Vesthimmerland",
];

fn code(i: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5eed;
    let mut s = String::from("PK-");
    for _ in 0..10 {
        s.push(ALPHABET[(x % 32) as usize] as char);
        x /= 32;
    }
    s
}

fn money(ore: i64) -> String {
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

/// Year 1: persons 0..ROWS. Year 2: 85 % continue (every 50th with a 1 %
/// lower tariff), 15 % have left, and as many new persons arrive.
fn make(path: &Path, second_year: bool) -> std::io::Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        w,
        "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift januar;Antal dage;Takst"
    )?;
    for i in 0..ROWS {
        let person = if second_year && i % 100 >= 85 {
            ROWS + i
        } else {
            i
        };
        let tilbud = 400_000 + (i % 250);
        let mut takst: i64 = 150_000 + ((i % 97) as i64) * 2_500;
        if second_year && i % 50 == 0 {
            takst = takst * 99 / 100;
        }
        writeln!(
            w,
            "{};{};{tilbud};SEL §108;{};31;{}",
            code(person),
            KOMMUNER[i % KOMMUNER.len()],
            money(takst * 31),
            money(takst)
        )?;
    }
    w.flush()
}

fn run_once(before: &Path, after: &Path) -> (f64, u64, i32) {
    let start = Instant::now();
    // Waited for below with wait4, which also gives the peak memory.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_ramme"))
        .args(["udgift", "--format", "json", "--before"])
        .arg(before)
        .arg("--after")
        .arg(after)
        .stdout(Stdio::null())
        .spawn()
        .expect("start ramme");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(waited, pid, "wait4");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (seconds, (usage.ru_maxrss as u64) * 1024, code)
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let before = dir.join("borgerliste_2016_1m.csv");
    let after = dir.join("borgerliste_2017_1m.csv");
    for (path, second) in [(&before, false), (&after, true)] {
        if !path.exists() {
            eprintln!("writing {} …", path.display());
            make(path, second).expect("write borgerliste");
        }
    }
    let size: u64 = [&before, &after]
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum();
    let (mut best, mut peak, mut code) = (f64::MAX, 0, 0);
    for _ in 0..RUNS {
        let (s, rss, c) = run_once(&before, &after);
        best = best.min(s);
        peak = peak.max(rss);
        code = c;
    }
    let mb = |b: u64| b as f64 / 1_048_576.0;
    println!(
        "ramme udgift, 2 × {ROWS} rows ({:.1} MB), best of {RUNS}: {best:.3} s, {:.0} rows/s, peak RSS {:.1} MB ({:.2} × input), exit {code}",
        mb(size),
        (2 * ROWS) as f64 / best,
        mb(peak),
        peak as f64 / size.max(1) as f64
    );
}
