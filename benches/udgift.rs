//! `cargo bench --bench udgift`: expenditure monitoring on two generated
//! 1,000,000-row borgerlister (January 2016 and 2017), measured on the
//! release binary: best wall time of 5 runs and peak resident memory (from
//! `wait4`). Not a test: it asserts nothing.
//!
//! When python3 has polars, `benches/udgift_polars.py` computes the same
//! region totals from the same files, each run right after one of ramme's
//! (so that both see the same machine on a shared VM): its best time is
//! printed beside ramme's, and its figures are compared with ramme's JSON.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

mod common;

const ROWS: usize = 1_000_000;
const RUNS: usize = 5;
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
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/udgift_polars.py");
    let has_polars = std::process::Command::new("python3")
        .args(["-c", "import polars"])
        .output()
        .is_ok_and(|o| o.status.success());
    let (mut best, mut peak, mut code) = (f64::MAX, 0, 0);
    let (mut polars_best, mut figures) = (f64::MAX, serde_json::Value::Null);
    for _ in 0..RUNS {
        let (s, rss, c) = run_once(&before, &after);
        best = best.min(s);
        peak = peak.max(rss);
        code = c;
        if has_polars {
            let (seconds, region) = polars_once(&script, &before, &after);
            polars_best = polars_best.min(seconds);
            figures = region;
        }
    }
    let mb = |b: u64| b as f64 / 1_048_576.0;
    println!(
        "ramme udgift, 2 × {ROWS} rows ({:.1} MB), best of {RUNS}: {best:.3} s, {:.0} rows/s, peak RSS {:.1} MB ({:.2} × input), exit {code}",
        mb(size),
        (2 * ROWS) as f64 / best,
        mb(peak),
        peak as f64 / size.max(1) as f64
    );
    if !has_polars {
        println!("polars peer: python3 has no polars (pip install polars), not run");
        return;
    }
    println!(
        "polars peer (reading and computing, interpreter start not counted), best of {RUNS}, alternating with ramme's: {polars_best:.3} s; ramme / polars = {:.2}×",
        best / polars_best
    );
    compare_with_polars(&before, &after, &figures);
}

/// One run of the polars script: its time and its region figures.
fn polars_once(script: &Path, before: &Path, after: &Path) -> (f64, serde_json::Value) {
    let out = std::process::Command::new("python3")
        .arg(script)
        .args([before, after])
        .output()
        .expect("run the polars script");
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the polars script's JSON");
    (
        json["seconds"].as_f64().unwrap_or(f64::MAX),
        json["region"].clone(),
    )
}

/// Whether the polars script's region figures are ramme's.
fn compare_with_polars(before: &Path, after: &Path, figures: &serde_json::Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ramme"))
        .args(["udgift", "--format", "json", "--before"])
        .arg(before)
        .arg("--after")
        .arg(after)
        .output()
        .expect("run ramme");
    let ramme: serde_json::Value = serde_json::from_slice(&out.stdout).expect("ramme's JSON");
    // ramme's JSON has kroner; the script øre.
    let ore = |v: &serde_json::Value| v.as_f64().map(|k| (k * 100.0).round() as i64);
    let pairs = [
        ("before", ore(&ramme["before"]["total"])),
        ("after", ore(&ramme["after"]["total"])),
        ("change", ore(&ramme["change"]["amount"])),
        ("takst_effect", ore(&ramme["takst_effect"]["amount"])),
        (
            "visitation_effect",
            ore(&ramme["visitation_effect"]["amount"]),
        ),
        ("continuing", ramme["persons"]["continuing"].as_i64()),
        ("new", ramme["persons"]["new"].as_i64()),
        ("left", ramme["persons"]["left"].as_i64()),
    ];
    let differ: Vec<String> = pairs
        .iter()
        .filter(|(name, value)| figures[*name].as_i64() != *value)
        .map(|(name, value)| format!("{name}: ramme {value:?}, polars {}", figures[*name]))
        .collect();
    if differ.is_empty() {
        println!("polars peer: the region's figures agree with ramme's (in øre)");
    } else {
        println!("polars peer: figures DIFFER: {}", differ.join("; "));
    }
}
