//! `cargo bench --bench validate`: how fast `ramme validate` reads real-sized
//! files, measured on the release binary as a user runs it.
//!
//! Generates (once, under `target/bench-data/`) a 1,000,000-row borgerliste
//! CSV, a 200,000-row borgerliste xlsx and a 1,000,000-row xlsx (its sheet
//! XML is some hundreds of megabytes), runs `ramme validate` on each three
//! times and reports the median wall time, rows and megabytes per second and
//! the peak resident memory of the ramme process (from `wait4`, which on
//! Linux reports the larger of ramme and the reader child it waited for).
//!
//! Each run is paired with a run of the floor in this process: the csv
//! crate's ByteRecord loop over the same CSV, calamine's streaming cell
//! reader over the same xlsx — parsing only, nothing typed or checked — and
//! the ratio of the medians is printed. Not a test: it asserts nothing and
//! never fails on a slow machine.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

mod common;
use common::da_money;

const CSV_ROWS: usize = 1_000_000;
const XLSX_ROWS: usize = 200_000;
/// A workbook whose sheet XML is several hundred megabytes.
const XLSX_BIG_ROWS: usize = 1_000_000;
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

/// Deterministic row content: a person code, a kommune, an offer.
fn row(i: usize) -> (String, &'static str, u32, u32, i64, i64) {
    let mut code = String::from("PK-");
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5eed;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for _ in 0..10 {
        code.push(ALPHABET[(x % 32) as usize] as char);
        x /= 32;
    }
    let kommune = KOMMUNER[i % KOMMUNER.len()];
    let tilbud = 400_000 + (i % 250) as u32;
    let dage = if i.is_multiple_of(9) { 14 } else { 31 };
    let takst_ore = 150_000 + ((i % 97) as i64) * 2_500;
    (
        code,
        kommune,
        tilbud,
        dage,
        takst_ore,
        takst_ore * i64::from(dage),
    )
}

fn make_csv(path: &Path) -> std::io::Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    writeln!(w, "Personkode;Betalingskommune;Tilbudsnr;Tilbudsnavn;Paragraf;Driftsherre;Udgift januar;Antal dage;Takst")?;
    for i in 0..CSV_ROWS {
        let (code, kommune, tilbud, dage, takst, udgift) = row(i);
        writeln!(
            w,
            "{code};{kommune};{tilbud};Botilbud {tilbud};SEL §108;Aalborg;{};{dage};{}",
            da_money(udgift),
            da_money(takst)
        )?;
    }
    w.flush()
}

fn make_xlsx(path: &Path, rows: usize) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory()?;
    let headers = [
        "Personkode",
        "Betalingskommune",
        "Tilbudsnr",
        "Tilbudsnavn",
        "Paragraf",
        "Driftsherre",
        "Udgift januar",
        "Antal dage",
        "Takst",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for i in 0..rows {
        let (code, kommune, tilbud, dage, takst, udgift) = row(i);
        let r = (i + 1) as u32;
        ws.write_string(r, 0, &code)?;
        ws.write_string(r, 1, kommune)?;
        ws.write_number(r, 2, tilbud)?;
        ws.write_string(r, 3, format!("Botilbud {tilbud}"))?;
        ws.write_string(r, 4, "SEL §108")?;
        ws.write_string(r, 5, "Aalborg")?;
        ws.write_number(r, 6, udgift as f64 / 100.0)?;
        ws.write_number(r, 7, dage)?;
        ws.write_number(r, 8, takst as f64 / 100.0)?;
    }
    wb.save(path)
}

fn run_once(file: &Path) -> (f64, u64, i32) {
    let args: [&std::ffi::OsStr; 6] = [
        "validate".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--max-findings".as_ref(),
        "20".as_ref(),
        file.as_os_str(),
    ];
    common::run_ramme(&args)
}

/// The median of three or more timings.
fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

/// The floor for a CSV: the csv crate's ByteRecord loop over the same file,
/// in this process (every record parsed, nothing else done).
fn csv_floor(file: &Path) -> (f64, u64) {
    let start = std::time::Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_path(file)
        .expect("open csv");
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    while reader.read_byte_record(&mut record).expect("read csv") {
        rows += 1;
    }
    (start.elapsed().as_secs_f64(), rows)
}

/// The floor for an xlsx: calamine's streaming cell reader over the first
/// sheet, every cell's value looked at, in this process.
fn xlsx_floor(file: &Path) -> (f64, u64) {
    use calamine::Reader;
    let start = std::time::Instant::now();
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(file).expect("open xlsx");
    let name = workbook.sheet_names().first().cloned().expect("a sheet");
    let mut cells = workbook.worksheet_cells_reader(&name).expect("cells");
    let mut count = 0u64;
    while let Some(cell) = cells.next_cell().expect("cell") {
        if !matches!(cell.get_value(), calamine::DataRef::Empty) {
            count += 1;
        }
    }
    (start.elapsed().as_secs_f64(), count)
}

fn measure(name: &str, file: &Path, rows: usize, floor: fn(&Path) -> (f64, u64), floor_name: &str) {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let mut times = Vec::new();
    let mut floors = Vec::new();
    let mut peak = 0;
    let mut code = 0;
    // Paired runs: the floor and ramme one after the other, so that a busy
    // moment on a shared machine hits both.
    for _ in 0..RUNS {
        floors.push(floor(file).0);
        let (s, rss, c) = run_once(file);
        times.push(s);
        peak = peak.max(rss);
        code = c;
    }
    let (t, f) = (median(times), median(floors));
    let mb = |b: u64| b as f64 / 1_048_576.0;
    println!(
        "{name:<26} {rows:>9} rows {:>6.1} MB  median of {RUNS}: {t:>6.3} s  {:>9.0} rows/s  {:>6.1} MB/s  peak RSS {:>6.1} MB  exit {code}",
        mb(size),
        rows as f64 / t,
        mb(size) / t,
        mb(peak),
    );
    println!(
        "{:<26} floor ({floor_name}): {f:.3} s, {:.0} rows/s; ramme / floor = {:.2}×",
        "",
        rows as f64 / f,
        t / f
    );
}

fn main() {
    // `cargo bench` passes --bench; a filter argument is accepted and ignored.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let csv = dir.join("borgerliste_1m.csv");
    if !csv.exists() {
        eprintln!("writing {} …", csv.display());
        make_csv(&csv).expect("write csv");
    }
    let xlsx = dir.join("borgerliste_200k.xlsx");
    if !xlsx.exists() {
        eprintln!("writing {} …", xlsx.display());
        make_xlsx(&xlsx, XLSX_ROWS).expect("write xlsx");
    }
    let big = dir.join("borgerliste_1m.xlsx");
    if !big.exists() {
        eprintln!("writing {} …", big.display());
        make_xlsx(&big, XLSX_BIG_ROWS).expect("write big xlsx");
    }
    println!(
        "ramme validate, release build, {} core(s) available",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("(the machine may be shared: medians of {RUNS} paired runs of the floor and ramme)");
    measure(
        "borgerliste CSV (;, UTF-8)",
        &csv,
        CSV_ROWS,
        csv_floor,
        "csv ByteRecord loop",
    );
    measure(
        "borgerliste xlsx",
        &xlsx,
        XLSX_ROWS,
        xlsx_floor,
        "calamine cell reader",
    );
    measure(
        "borgerliste xlsx (big)",
        &big,
        XLSX_BIG_ROWS,
        xlsx_floor,
        "calamine cell reader",
    );
}
