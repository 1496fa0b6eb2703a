//! Tests of excel.rs.

use super::*;
use crate::input::csv::tests::{Collect, RowCells};
use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Formula, Workbook};
use std::path::PathBuf;

/// A template as municipalities fill it in: merged title, blank row,
/// header in row 4, dates, a percent, an error, trailing formatted blank
/// rows, a hidden helper sheet and a chart sheet.
fn template(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("takster.xlsx");
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let percent = Format::new().set_num_format("0.0%");
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name("Takster").unwrap();
    ws.merge_range(0, 0, 0, 3, "Takstindberetning 2017", &bold)
        .unwrap();
    ws.write_string(2, 0, "Aalborg Kommune").unwrap();
    for (c, h) in ["Tilbudsnr", "Indmeldt", "Belægning", "Takst"]
        .iter()
        .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    ws.write_number(4, 0, 1001).unwrap();
    let d = ExcelDateTime::from_ymd(2018, 2, 15).unwrap();
    ws.write_datetime_with_format(4, 1, &d, &date).unwrap();
    ws.write_number_with_format(4, 2, 0.985, &percent).unwrap();
    ws.write_number(4, 3, 1234.5).unwrap();
    ws.write_string(5, 0, "Ærø").unwrap();
    ws.write_formula(5, 3, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    ws.write_boolean(5, 2, true).unwrap();
    ws.write_string(6, 1, "   ").unwrap(); // blank-looking row
    for r in 7..30 {
        ws.write_blank(r, 0, &bold).unwrap(); // trailing formatted empties
    }
    let help = wb.add_worksheet().set_name("Hjælp").unwrap();
    help.write_string(0, 0, "skjult").unwrap();
    help.set_hidden(true);
    let mut chart = Chart::new(ChartType::Column);
    chart.add_series().set_values("Takster!$D$5:$D$6");
    wb.add_chartsheet()
        .set_name("Graf")
        .unwrap()
        .insert_chart(0, 0, &chart)
        .unwrap();
    let last = wb.add_worksheet().set_name("Sidst").unwrap();
    last.write_string(9, 27, "AB10").unwrap();
    wb.save(&path).unwrap();
    path
}

/// The source of `tests/fixtures/input/offset.{xls,ods}`: data starting
/// at B3 (so calamine's range starts below and right of A1), a date, a
/// percent, a hidden sheet. Regenerate with
/// `cargo test --lib write_fixture_source -- --ignored`, then
/// `soffice --headless --convert-to xls|ods offset.xlsx`.
#[test]
#[ignore]
fn write_fixture_source() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Data").unwrap();
    ws.write_string(2, 1, "Tilbudsnr").unwrap();
    ws.write_string(2, 2, "Dato").unwrap();
    ws.write_string(2, 3, "Belægning").unwrap();
    ws.write_number(3, 1, 1001).unwrap();
    let d = ExcelDateTime::from_ymd(2018, 2, 15).unwrap();
    ws.write_datetime_with_format(3, 2, &d, &Format::new().set_num_format("dd-mm-yyyy"))
        .unwrap();
    ws.write_number_with_format(3, 3, 0.985, &Format::new().set_num_format("0.0%"))
        .unwrap();
    ws.write_string(5, 2, "Ærø").unwrap();
    let help = wb.add_worksheet().set_name("Hjælp").unwrap();
    help.write_string(0, 0, "skjult").unwrap();
    help.set_hidden(true);
    wb.save(std::env::temp_dir().join("offset.xlsx")).unwrap();
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/input")
        .join(name)
}

#[test]
fn xls_and_ods_fixtures() {
    for (name, format) in [
        ("offset.xls", FileFormat::Xls),
        ("offset.ods", FileFormat::Ods),
    ] {
        let (result, sink) = read_path(&fixture(name), None);
        assert_eq!(result.unwrap().format, Some(format), "{name}");
        let sheets: Vec<_> = sink
            .sheets
            .iter()
            .map(|s| (s.name.clone().unwrap(), s.visible))
            .collect();
        assert_eq!(
            sheets,
            [("Data".to_string(), true), ("Hjælp".to_string(), false)],
            "{name}"
        );
        let lines = sink.lines();
        assert_eq!(lines[0], "3: |Tilbudsnr|Dato|Belægning", "{name}");
        assert!(lines[1].starts_with("4: |"), "{name}: {}", lines[1]);
        assert!(
            lines[1].contains("|d:2018-02-15 00:00:00|"),
            "{name}: {}",
            lines[1]
        );
        assert!(lines[1].ends_with("|f:0.985"), "{name}: {}", lines[1]);
        assert_eq!(lines[2], "6: ||Ærø", "{name}");
        assert_eq!(lines[3], "1: skjult", "{name}");
        let (result, sink) = read_path(&fixture(name), Some("hjælp"));
        result.unwrap();
        assert_eq!(sink.lines(), ["1: skjult"]);
    }
}

/// Damaged copies of every fixture: flipped bytes and cuts. Whatever
/// calamine does inside, `read_file` must return, never panic.
#[test]
fn damaged_files_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = template(&dir);
    // In a build without overflow checks, calamine's xls reader turns one
    // of these damaged files into an allocation of petabytes, which aborts
    // the process (a debug build panics, and that is caught). The binary
    // reads in a child with a memory cap: that file is
    // tests/fixtures/damaged/offset-petabytes.xls, tried through the binary
    // (hostile.rs).
    let mut sources = vec![xlsx, fixture("offset.ods")];
    if cfg!(debug_assertions) {
        sources.push(fixture("offset.xls"));
    }
    let target = dir.path().join("skadet");
    let mut x: u32 = 7;
    for source in &sources {
        let bytes = std::fs::read(source).unwrap();
        for round in 0..60 {
            let mut damaged = bytes.clone();
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let at = (x >> 8) as usize % damaged.len();
            if round % 3 == 0 {
                damaged.truncate(at.max(1));
            } else {
                for i in at..(at + 16).min(damaged.len()) {
                    damaged[i] ^= (x >> (i % 24)) as u8 | 1;
                }
            }
            std::fs::write(&target, &damaged).unwrap();
            let (_result, _sink) = read_path(&target, None);
        }
    }
}

fn read_path(path: &Path, sheet: Option<&str>) -> (Result<ReadNotes, ReadError>, Collect) {
    let mut sink = Collect::default();
    let options = ReadOptions {
        sheet: sheet.map(str::to_string),
    };
    let result = crate::input::read_file(path, &options, &mut sink);
    (result, sink)
}

#[test]
fn xlsx_template() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(&dir);
    let (result, sink) = read_path(&path, None);
    assert_eq!(result.unwrap().format, Some(FileFormat::Xlsx));
    let names: Vec<_> = sink
        .sheets
        .iter()
        .map(|s| (s.name.clone().unwrap(), s.visible))
        .collect();
    assert_eq!(
        names,
        [
            ("Takster".to_string(), true),
            ("Hjælp".to_string(), false),
            ("Sidst".to_string(), true)
        ]
    );
    assert_eq!(sink.ended, 3);
    let takster: Vec<_> = sink.rows.iter().filter(|r| r.0 == 0).collect();
    let lines = sink.lines();
    assert_eq!(takster.len(), 5);
    assert_eq!(lines[0], "1: Takstindberetning 2017");
    assert_eq!(lines[1], "3: Aalborg Kommune");
    assert_eq!(lines[2], "4: Tilbudsnr|Indmeldt|Belægning|Takst");
    assert_eq!(lines[3], "5: f:1001|d:2018-02-15 00:00:00|f:0.985|f:1234.5");
    assert_eq!(lines[4], "6: Ærø||b:true|e:#DIV/0!");
    assert_eq!(lines[5], "1: skjult");
    assert_eq!(sink.rows[6].1, 10);
    assert_eq!(sink.rows[6].2, [(27, "AB10".to_string())]);
}

#[test]
fn sheet_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(&dir);
    let (result, sink) = read_path(&path, Some("HJÆLP"));
    result.unwrap();
    assert_eq!(sink.sheets.len(), 1);
    assert_eq!(sink.sheets[0].name.as_deref(), Some("Hjælp"));
    assert!(!sink.sheets[0].visible);
    assert_eq!(sink.lines(), ["1: skjult"]);
    let (result, sink) = read_path(&path, Some("Findes ikke"));
    assert!(matches!(result, Err(ReadError::NoSuchSheet(s, _)) if s == "Findes ikke"));
    assert!(sink.sheets.is_empty() && sink.rows.is_empty());
    // A chart sheet is not a worksheet.
    let (result, _) = read_path(&path, Some("Graf"));
    assert!(matches!(result, Err(ReadError::NoSuchSheet(..))));
}

#[test]
fn skipped_sheet_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(&dir);
    let mut sink = Collect {
        skip: vec!["Takster".to_string()],
        ..Collect::default()
    };
    crate::input::read_file(&path, &ReadOptions::default(), &mut sink).unwrap();
    assert_eq!(sink.sheets.len(), 3);
    assert_eq!(sink.ended, 2);
    assert_eq!(
        sink.lines(),
        ["1: skjult", "10: |||||||||||||||||||||||||||AB10"]
    );
}

#[test]
fn huge_claimed_range_streams() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stor.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "A1").unwrap();
    ws.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
    wb.save(&path).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 10_000);
    let start = std::time::Instant::now();
    let (result, sink) = read_path(&path, None);
    result.unwrap();
    assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    assert_eq!(sink.rows.len(), 2);
    assert_eq!(sink.rows[0].1, 1);
    assert_eq!(sink.rows[1].1, 1_048_576);
    assert_eq!(sink.rows[1].2, [(16_383, "XFD1048576".to_string())]);
}

#[test]
fn truncated_xlsx_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = template(&dir);
    let bytes = std::fs::read(&path).unwrap();
    for cut in [bytes.len() / 2, bytes.len() - 30, 100] {
        let half = dir.path().join("halv.xlsx");
        std::fs::write(&half, &bytes[..cut]).unwrap();
        let (result, sink) = read_path(&half, None);
        assert!(
            matches!(result, Err(ReadError::Corrupt { .. })),
            "{cut}: {result:?}"
        );
        assert!(sink.rows.is_empty());
    }
}

#[test]
fn garbage_inside_a_valid_zip_is_corrupt() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skrald.xlsx");
    let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", stored).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("xl/workbook.xml", stored).unwrap();
    zip.write_all(b"<workbook><sheets><sheet name=\"x\" r:id=\"rId1\"")
        .unwrap();
    zip.finish().unwrap();
    let (result, _) = read_path(&path, None);
    assert!(
        matches!(result, Err(ReadError::Corrupt { .. })),
        "{result:?}"
    );
}

/// A minimal OLE compound file (header, one FAT sector, one directory
/// sector) whose only stream is called `stream`.
fn cfb_with(stream: &str) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mut f = vec![0u8; 512 * 3];
    let put16 =
        |f: &mut Vec<u8>, at: usize, v: u16| f[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |f: &mut Vec<u8>, at: usize, v: u32| f[at..at + 4].copy_from_slice(&v.to_le_bytes());
    f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut f, 24, 0x003E);
    put16(&mut f, 26, 3);
    put16(&mut f, 28, 0xFFFE);
    put16(&mut f, 30, 9);
    put16(&mut f, 32, 6);
    put32(&mut f, 44, 1); // FAT sectors
    put32(&mut f, 48, 1); // first directory sector
    put32(&mut f, 56, 4096);
    put32(&mut f, 60, END); // mini FAT
    put32(&mut f, 68, END); // DIFAT
    put32(&mut f, 76, 0); // the FAT is sector 0
    for i in 1..109 {
        put32(&mut f, 76 + 4 * i, FREE);
    }
    let fat = 512;
    put32(&mut f, fat, 0xFFFF_FFFD);
    put32(&mut f, fat + 4, END);
    for i in 2..128 {
        put32(&mut f, fat + 4 * i, FREE);
    }
    let dir = 1024;
    let entry = |f: &mut Vec<u8>, at: usize, name: &str, typ: u8, child: u32| {
        for (i, unit) in name.encode_utf16().enumerate() {
            f[at + 2 * i..at + 2 * i + 2].copy_from_slice(&unit.to_le_bytes());
        }
        let len = (name.encode_utf16().count() as u16 + 1) * 2;
        f[at + 64..at + 66].copy_from_slice(&len.to_le_bytes());
        f[at + 66] = typ;
        f[at + 67] = 1;
        f[at + 68..at + 72].copy_from_slice(&FREE.to_le_bytes());
        f[at + 72..at + 76].copy_from_slice(&FREE.to_le_bytes());
        f[at + 76..at + 80].copy_from_slice(&child.to_le_bytes());
        f[at + 116..at + 120].copy_from_slice(&END.to_le_bytes());
    };
    entry(&mut f, dir, "Root Entry", 5, 1);
    entry(&mut f, dir + 128, stream, 2, FREE);
    for i in 2..4 {
        let at = dir + 128 * i;
        f[at + 68..at + 80].copy_from_slice(&[0xFF; 12]);
    }
    f
}

#[test]
fn encrypted_package_is_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hemmelig.xlsx");
    std::fs::write(&path, cfb_with("EncryptedPackage")).unwrap();
    // Detection does not open the container (calamine's CFB parser can
    // loop on a crafted file); the reader tells it.
    assert_eq!(
        crate::input::format::detect(&path).unwrap(),
        FileFormat::Xls
    );
    let (result, _) = read_path(&path, None);
    assert!(matches!(result, Err(ReadError::Encrypted)), "{result:?}");
    // Without the stream it is taken for an xls; this one has an empty
    // Workbook stream, which calamine reads as a workbook without sheets.
    std::fs::write(&path, cfb_with("Workbook")).unwrap();
    assert_eq!(
        crate::input::format::detect(&path).unwrap(),
        FileFormat::Xls
    );
    let (result, sink) = read_path(&path, None);
    assert!(
        matches!(result, Ok(_) | Err(ReadError::Corrupt { .. })),
        "{result:?}"
    );
    assert!(sink.rows.is_empty());
    // A compound file without any workbook stream (a .doc, say).
    std::fs::write(&path, cfb_with("WordDocument")).unwrap();
    let (result, _) = read_path(&path, None);
    assert!(
        matches!(result, Err(ReadError::Corrupt { .. })),
        "{result:?}"
    );
}

#[test]
fn value_mapping() {
    assert_eq!(
        iso_datetime("2018-02-15"),
        NaiveDate::from_ymd_opt(2018, 2, 15)
            .unwrap()
            .and_hms_opt(0, 0, 0)
    );
    assert_eq!(
        iso_datetime("2018-02-15T10:30:00.5").map(|d| d.to_string()),
        Some("2018-02-15 10:30:00.500".to_string())
    );
    assert_eq!(iso_datetime("15-02-2018"), None);
    let text = DataRef::DateTimeIso("ikke en dato".to_string());
    assert_eq!(dataref_cell(&text), Some(Cell::Text("ikke en dato")));
    assert_eq!(dataref_cell(&DataRef::Empty), None);
    assert_eq!(
        data_cell(&Data::Error(CellErrorType::NA)),
        Some(Cell::Error("#N/A"))
    );
    assert_eq!(
        data_cell(&Data::DurationIso("PT1H".into())),
        Some(Cell::Text("PT1H"))
    );
}

/// Cells as the streaming reader hands them over, out of column order,
/// with inline texts (copied into the row's buffer), a shared string, ISO
/// dates that are and are not dates, and empty cells: every row gets its
/// own texts back, in column order.
#[test]
fn streamed_rows_keep_their_texts_in_column_order() {
    let shared = String::from("Aalborg");
    let mut cells = vec![
        calamine::Cell::new((0, 2), DataRef::String("PK-A".into())),
        calamine::Cell::new((0, 0), DataRef::SharedString(&shared)),
        calamine::Cell::new((0, 1), DataRef::Empty),
        calamine::Cell::new((0, 3), DataRef::DateTimeIso("2018-02-15".into())),
        calamine::Cell::new((2, 0), DataRef::DateTimeIso("ikke en dato".into())),
        calamine::Cell::new((2, 1), DataRef::Int(7)),
        calamine::Cell::new((2, 2), DataRef::DurationIso("PT1H".into())),
        calamine::Cell::new((2, 3), DataRef::String("Botilbud æøå".into())),
    ]
    .into_iter();
    let mut sink = Collect::default();
    sink.begin_sheet(&SheetInfo {
        name: Some("Ark1".into()),
        visible: true,
    });
    stream_rows(|| Ok(cells.next()), &mut sink).unwrap();
    let rows: Vec<(u32, RowCells)> = sink.rows.into_iter().map(|(_, n, c)| (n, c)).collect();
    let cells = |list: &[(u32, &str)]| -> RowCells {
        list.iter().map(|(c, s)| (*c, s.to_string())).collect()
    };
    assert_eq!(
        rows,
        vec![
            (
                1,
                cells(&[(0, "Aalborg"), (2, "PK-A"), (3, "d:2018-02-15 00:00:00")])
            ),
            (
                3,
                cells(&[
                    (0, "ikke en dato"),
                    (1, "i:7"),
                    (2, "PT1H"),
                    (3, "Botilbud æøå")
                ])
            ),
        ]
    );
}
