//! Tests of csv.rs.

#[test]
fn ragged_semicolon_rows_beat_one_decimal_comma_per_line() {
    // Trailing empty fields left out, one decimal comma in every row.
    let text = b"Titel\nA;B;C;D;E;F\n1;2;62.000,00\n1;2;3;4;10.000,00;x\n1;2;1,00\n";
    assert_eq!(super::sniff_delimiter(text), b';');
}

use super::*;
use crate::input::{Cell, ReadOptions};

/// (column, rendered cell)
pub(crate) type RowCells = Vec<(u32, String)>;

/// A sink that copies everything, for assertions.
#[derive(Default, Debug)]
pub(crate) struct Collect {
    pub sheets: Vec<SheetInfo>,
    /// (sheet index, row number, [(col, rendered cell)])
    pub rows: Vec<(usize, u32, RowCells)>,
    pub ended: usize,
    pub skip: Vec<String>,
}

pub(crate) fn render(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => (*s).to_string(),
        Cell::Int(i) => format!("i:{i}"),
        Cell::Float(f) => format!("f:{f}"),
        Cell::Bool(b) => format!("b:{b}"),
        Cell::DateTime(d) => format!("d:{d}"),
        Cell::Error(e) => format!("e:{e}"),
    }
}

impl RowSink for Collect {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        self.sheets.push(sheet.clone());
        let name = sheet.name.clone().unwrap_or_default();
        !self.skip.contains(&name)
    }
    fn row(&mut self, row: Row<'_>) {
        let cells = row
            .cells
            .iter()
            .filter(|c| !c.cell.is_blank())
            .map(|c| (c.col, render(&c.cell)))
            .collect();
        self.rows.push((self.sheets.len() - 1, row.number, cells));
    }
    fn end_sheet(&mut self) {
        self.ended += 1;
    }
}

impl Collect {
    /// Rows as "number: a|b|c" with empty strings for missing columns.
    pub fn lines(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|(_, n, cells)| {
                let width = cells.iter().map(|c| c.0 + 1).max().unwrap_or(0);
                let mut dense = vec![String::new(); width as usize];
                for (col, v) in cells {
                    dense[*col as usize] = v.clone();
                }
                format!("{n}: {}", dense.join("|"))
            })
            .collect()
    }
}

fn read_bytes(bytes: &[u8]) -> (ReadNotes, Collect) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.csv");
    std::fs::write(&path, bytes).unwrap();
    let mut sink = Collect::default();
    let notes = crate::input::read_file(&path, &ReadOptions::default(), &mut sink).unwrap();
    (notes, sink)
}

#[test]
fn utf8_without_bom_passes_through() {
    let (notes, sink) = read_bytes("Kommune;Målgruppe\nÆrø;Sødisbakke\n".as_bytes());
    assert_eq!(notes.encoding, Some("UTF-8"));
    assert_eq!(notes.delimiter, Some(b';'));
    assert_eq!(notes.format, Some(crate::input::FileFormat::Csv));
    assert_eq!(sink.lines(), ["1: Kommune|Målgruppe", "2: Ærø|Sødisbakke"]);
    assert_eq!(
        sink.sheets,
        [SheetInfo {
            name: None,
            visible: true
        }]
    );
    assert_eq!(sink.ended, 1);
}

#[test]
fn utf8_with_bom() {
    let (notes, sink) = read_bytes("\u{FEFF}Kommune;Målgruppe\nÆrø;Sødisbakke".as_bytes());
    assert_eq!(notes.encoding, Some("UTF-8 (BOM)"));
    assert_eq!(sink.lines(), ["1: Kommune|Målgruppe", "2: Ærø|Sødisbakke"]);
}

#[test]
fn windows_1252() {
    // "Ærø;Målgruppe;Sødisbakke" as Danish Excel saves it.
    let (notes, sink) = read_bytes(b"\xC6r\xF8;M\xE5lgruppe;S\xF8disbakke\r\n1;2;3\r\n");
    assert_eq!(notes.encoding, Some("windows-1252"));
    assert_eq!(sink.lines(), ["1: Ærø|Målgruppe|Sødisbakke", "2: 1|2|3"]);
}

#[test]
fn windows_1252_late_in_a_big_file() {
    // Valid UTF-8 for the first megabyte, a lone 0xF8 at the end.
    let mut bytes = Vec::new();
    for i in 0..40_000 {
        bytes.extend_from_slice(format!("æ{i};ø;å\n").as_bytes());
    }
    bytes.extend_from_slice(b"S\xF8disbakke;x;y\n");
    let (notes, sink) = read_bytes(&bytes);
    assert_eq!(notes.encoding, Some("windows-1252"));
    assert_eq!(sink.rows.len(), 40_001);
    assert_eq!(sink.lines()[0], "1: Ã¦0|Ã¸|Ã¥");
    assert_eq!(sink.lines()[40_000], "40001: Sødisbakke|x|y");
}

#[test]
fn utf8_split_across_chunks_is_still_utf8() {
    // Put a two-byte "ø" across every possible chunk boundary position.
    let mut bytes = vec![b'a'; CHUNK - 1];
    bytes.extend_from_slice("ø;é€\n".as_bytes());
    bytes.extend(std::iter::repeat_n(b'b', CHUNK));
    bytes.extend_from_slice("€\n".as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.csv");
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(detect_encoding(&path).unwrap(), TextEncoding::Utf8);
    // A truncated sequence at the very end is not UTF-8.
    bytes.extend_from_slice(&"€".as_bytes()[..2]);
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(detect_encoding(&path).unwrap(), TextEncoding::Windows1252);
}

#[test]
fn utf16le_with_bom() {
    let text = "Kommune\tMålgruppe\r\nÆrø\tSødisbakke\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let (notes, sink) = read_bytes(&bytes);
    assert_eq!(notes.encoding, Some("UTF-16LE"));
    assert_eq!(notes.delimiter, Some(b'\t'));
    assert_eq!(sink.lines(), ["1: Kommune|Målgruppe", "2: Ærø|Sødisbakke"]);
}

#[test]
fn utf16be_with_bom() {
    let text = "a;b\nÆ;ø\n";
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    let (notes, sink) = read_bytes(&bytes);
    assert_eq!(notes.encoding, Some("UTF-16BE"));
    assert_eq!(sink.lines(), ["1: a|b", "2: Æ|ø"]);
}

#[test]
fn delimiter_semicolon_with_decimal_commas() {
    let text = b"Tilbud;Pladser;Takst;Belaegning\n\
                 Botilbud A;12;1.234,50;98,5\n\
                 Botilbud B;8;2345,75;97\n\
                 Botilbud C;3;999;95,25\n";
    assert_eq!(sniff_delimiter(text), b';');
    // Every data line has exactly one decimal comma, the header none.
    let text = b"a;b;c\n1;2,5;3\n4;5,5;6\n7;8,5;9\n";
    assert_eq!(sniff_delimiter(text), b';');
}

#[test]
fn delimiter_comma_and_tab() {
    assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n\"x,y\",2,3\n"), b',');
    assert_eq!(sniff_delimiter(b"a\tb\tc\n1\t2,5\t3\n"), b'\t');
    // A semicolon inside one field does not make a comma file `;`.
    assert_eq!(sniff_delimiter(b"a,b\n1,2;3\n4,5\n"), b',');
}

#[test]
fn delimiter_with_title_rows_above() {
    let text = b"Takstindberetning 2017\n\nAalborg Kommune\nA;B;C;D\n1;2;3,5;4\n5;6;7;8\n";
    assert_eq!(sniff_delimiter(text), b';');
    let text = b"Takstindberetning 2017;;;\n;;;\nA;B;C;D\n1;2;3,5;4\n5;6;7;8\n";
    assert_eq!(sniff_delimiter(text), b';');
    let text = b"Takstindberetning 2017,,,\nA,B,C,D\n1,2,3,4\n";
    assert_eq!(sniff_delimiter(text), b',');
    let text = b"\"Takster, 2017\"\nA\tB\tC\n1\t2\t3\n";
    assert_eq!(sniff_delimiter(text), b'\t');
}

#[test]
fn delimiter_one_column_is_semicolon() {
    assert_eq!(sniff_delimiter(b"Kommune\nAalborg\nAarhus\n"), b';');
    assert_eq!(sniff_delimiter(b""), b';');
    let (notes, sink) = read_bytes(b"Kommune\nAalborg\n");
    assert_eq!(notes.delimiter, Some(b';'));
    assert_eq!(sink.lines(), ["1: Kommune", "2: Aalborg"]);
}

#[test]
fn row_numbers_with_multiline_cells_and_blank_lines() {
    let text = "Titel\n\nNavn;Bemærkning\nA;\"første linje\nanden linje\"\n;;\n\r\nB;x\n;  ;\nC;\"a\"\"b\"\n\n\n";
    let (_, sink) = read_bytes(text.as_bytes());
    assert_eq!(
        sink.lines(),
        [
            "1: Titel",
            "3: Navn|Bemærkning",
            "4: A|første linje\nanden linje",
            "8: B|x",
            "10: C|a\"b"
        ]
    );
}

#[test]
fn ragged_rows_crlf_no_final_newline() {
    let (_, sink) = read_bytes(b"a;b;c\r\n1\r\n1;2;3;4;5\r\n;;x");
    assert_eq!(sink.lines(), ["1: a|b|c", "2: 1", "3: 1|2|3|4|5", "4: ||x"]);
    // Columns stay absolute when leading cells are empty.
    assert_eq!(sink.rows[3].2, [(2, "x".to_string())]);
}

#[test]
fn unbalanced_quote_does_not_panic() {
    let (_, sink) = read_bytes(b"a;b\n\"open;c\nd;e\n");
    assert_eq!(sink.rows[0].1, 1);
    assert_eq!(sink.rows.len(), 2);
}

#[test]
fn a_five_megabyte_cell() {
    let mut bytes = b"a;b\n1;\"".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 5 << 20));
    bytes.extend_from_slice(b"\"\n2;3\n");
    let (notes, sink) = read_bytes(&bytes);
    assert_eq!(notes.delimiter, Some(b';'));
    assert_eq!(sink.rows.len(), 3);
    assert_eq!(sink.rows[1].2[1].1.len(), 5 << 20);
    assert_eq!(sink.lines()[2], "3: 2|3");
}

#[test]
fn a_huge_first_cell_before_the_header() {
    // The sniffer sees only part of the first line: no panic, some answer.
    let mut bytes = vec![b'y'; 200_000];
    bytes.extend_from_slice(b"\na;b\n1;2\n");
    let (_, sink) = read_bytes(&bytes);
    assert_eq!(sink.rows.len(), 3);
}

#[test]
fn skipped_sheet_reads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.csv");
    std::fs::write(&path, b"a;b\n").unwrap();
    let mut sink = Collect {
        skip: vec![String::new()],
        ..Collect::default()
    };
    read(&path, &mut sink).unwrap();
    assert!(sink.rows.is_empty());
    assert_eq!(sink.ended, 0);
}

#[test]
fn recycle_keeps_the_allocation() {
    let text = String::from("x");
    let mut v = Vec::with_capacity(16);
    v.push(SparseCell {
        col: 0,
        cell: Cell::Text(&text),
    });
    let ptr = v.as_ptr() as usize;
    let w: Vec<SparseCell<'static>> = recycle(v);
    assert_eq!(w.as_ptr() as usize, ptr);
    assert_eq!(w.capacity(), 16);
}

/// Reader speed on a ~9-column file; run with
/// `cargo test --release --lib csv_speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn csv_speed() {
    struct Count(u64, usize);
    impl RowSink for Count {
        fn begin_sheet(&mut self, _: &SheetInfo) -> bool {
            true
        }
        fn row(&mut self, row: Row<'_>) {
            self.0 += 1;
            self.1 += row.cells.len();
        }
        fn end_sheet(&mut self) {}
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from(
        "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst\n",
    );
    for i in 0..2_000_000u32 {
        use std::fmt::Write;
        writeln!(
            text,
            "Aalborg;{};Bostedet Ærø {};§ 108;Udviklingshæmmede;Døgntakst;{};97,5;{},50",
            10_000 + i,
            i % 97,
            i % 40 + 1,
            1200 + i % 3000
        )
        .unwrap();
    }
    std::fs::write(&path, &text).unwrap();
    for _ in 0..3 {
        let mut sink = Count(0, 0);
        let start = std::time::Instant::now();
        read(&path, &mut sink).unwrap();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{} rows, {} cells, {:.1} MB in {:.3} s: {:.2} M rows/s, {:.0} MB/s",
            sink.0,
            sink.1,
            text.len() as f64 / 1e6,
            secs,
            sink.0 as f64 / secs / 1e6,
            text.len() as f64 / secs / 1e6
        );
    }
}

proptest::proptest! {
    /// A record's row number is one more than the line breaks before its
    /// start, whatever quoted cells, CRLFs and blank lines come before.
    #[test]
    fn row_numbers_are_the_line_breaks_before_the_record(
        tokens in proptest::collection::vec(
            proptest::sample::select(vec!["a", "b1", ";", "\n", "\r\n", "\"x\ny\"", "\"q;\"\"\n\"", "\n\n", " "]),
            0..60,
        )
    ) {
        let text: String = tokens.concat();
        let mut sink = Collect::default();
        sink.begin_sheet(&super::SHEET);
        let mut starts: Vec<(usize, u64)> = Vec::new();
        let parsed = super::parse(text.as_bytes(), b';', &mut sink, 1, |sink: &mut Collect, (_, at, _)| {
            starts.push((sink.rows.len(), at));
            super::Step::Go
        });
        proptest::prop_assert!(parsed.is_ok());
        for (k, (_, number, _)) in sink.rows.iter().enumerate() {
            let start = starts.iter().rev().find(|(rows, _)| *rows == k).map(|s| s.1);
            proptest::prop_assert!(start.is_some());
            let before = text.as_bytes().get(..start.unwrap_or(0) as usize).unwrap_or_default();
            let want = 1 + before.iter().filter(|&&b| b == b'\n').count() as u32;
            proptest::prop_assert_eq!(*number, want, "{:?}", text);
        }
    }
}

/// Rows (number and cells) and record positions `parse` gives for `text`,
/// with the fast path for plain records on or off.
fn parse_with(text: &[u8], fast: bool) -> (Vec<String>, Vec<(u64, u64, u64)>) {
    plain::OFF.with(|off| off.set(!fast));
    let mut sink = Collect::default();
    sink.sheets.push(SHEET.clone());
    let mut at = Vec::new();
    let result = parse(text, b';', &mut sink, 1, |_, position| {
        at.push(position);
        Step::Go
    });
    plain::OFF.with(|off| off.set(false));
    let mut lines = sink.lines();
    lines.push(format!("{result:?}"));
    (lines, at)
}

proptest::proptest! {
    /// Plain records split by memchr are read exactly as csv_core reads
    /// them: the same rows, row numbers and record positions, whatever
    /// quotes, blank lines and line ends are around them.
    #[test]
    fn the_fast_path_reads_as_csv_core_reads(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Læsø", "1.234,50", " ", ";", ";;", "\n", "\r\n", "\r", "\n\n",
                "\"", "\"x;y\"", "\"q\"\"\"", "SEL §108", "\u{feff}", "\t",
            ]),
            0..40,
        )
    ) {
        let text: String = pieces.concat();
        let fast = parse_with(text.as_bytes(), true);
        let slow = parse_with(text.as_bytes(), false);
        proptest::prop_assert_eq!(fast, slow, "{:?}", text);
    }
}

#[test]
fn the_fast_path_takes_records_across_many_reads() {
    // More than one input chunk of plain records, with a CRLF file's line
    // ends: the same rows either way, and each row on its own line.
    let mut text = String::from("Kommune;Befolkning\r\n");
    for i in 0..20_000 {
        text.push_str(&format!("Kommune {i};{}\r\n", 1000 + i));
    }
    let fast = parse_with(text.as_bytes(), true);
    assert_eq!(fast, parse_with(text.as_bytes(), false));
    assert_eq!(fast.0.len(), 20_002);
    assert_eq!(fast.0[20_000], "20001: Kommune 19999|20999");
}
