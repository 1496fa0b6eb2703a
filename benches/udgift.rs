//! `cargo bench --bench udgift`: expenditure monitoring on two generated
//! 1,000,000-row borgerlister (January 2016 and 2017), measured on the
//! release binary: best wall time of 3 runs and peak resident memory (from
//! `wait4`). Not a test: it asserts nothing.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

mod common;

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
            common::da_money(takst * 31),
            common::da_money(takst)
        )?;
    }
    w.flush()
}

fn run_once(before: &Path, after: &Path) -> (f64, u64, i32) {
    let args: [&std::ffi::OsStr; 7] = [
        "udgift".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--before".as_ref(),
        before.as_os_str(),
        "--after".as_ref(),
        after.as_os_str(),
    ];
    common::run_ramme(&args)
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
