//! The hostile files of `hostile.rs`, made in memory: small on disk, huge
//! in what they claim. A minimal zip writer puts in any bytes, sizes and
//! CRCs, which a real zip writer would refuse to.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Read;
use std::path::Path;

pub fn good_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Kommune").unwrap();
    ws.write_string(0, 1, "Befolkning").unwrap();
    ws.write_string(1, 0, "Samsø").unwrap();
    ws.write_number(1, 1, 3724).unwrap();
    wb.save_to_buffer().unwrap()
}

// ------------------------------------------------------------ zip helpers

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One zip entry written as is: `method` 0 (stored) or 8 (deflated `data`).
pub struct Entry {
    name: String,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u32,
}

pub fn stored(name: &str, data: &[u8]) -> Entry {
    Entry {
        name: name.into(),
        method: 0,
        data: data.to_vec(),
        crc: crc32(data),
        size: data.len() as u32,
    }
}

/// A zip archive of `entries` in order (a writer small enough to put any
/// bytes, sizes and CRCs in, which a real zip writer would not).
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&e.method.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
            h.extend_from_slice(&e.crc.to_le_bytes());
            h.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            h.extend_from_slice(&e.size.to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central {
                h.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The entries of a zip archive, each changed by `edit` (stored again).
pub fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        entries.push(stored(&name, &edit(&name, data)));
    }
    zip(&entries)
}

pub fn replace(data: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(data).unwrap();
    assert!(text.contains(from), "{from} not in {text}");
    text.replacen(from, to, 1).into_bytes()
}

// ------------------------------------------------------------ the files

/// 1.9 KB: sharedStrings.xml claims four billion strings.
pub fn shared_strings_claim() -> Vec<u8> {
    let bytes = good_xlsx();
    rezip(&bytes, |name, data| {
        if name != "xl/sharedStrings.xml" {
            return data;
        }
        let text = String::from_utf8(data).unwrap();
        let start = text.find("uniqueCount=\"").unwrap() + 13;
        let end = start + text[start..].find('"').unwrap();
        format!("{}4294967295{}", &text[..start], &text[end..]).into_bytes()
    })
}

/// A deflate stream (one fixed-Huffman block) of `prefix`, then `repeat`
/// times `a`, then `suffix`: about 13 bits per 258 bytes of output.
pub fn deflate_bomb(prefix: &[u8], repeat: u64, suffix: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, len: u32) {
            self.acc |= value << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code: most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let reversed = (code.reverse_bits() >> (32 - len)) as u64;
            self.put(reversed, len);
        }
        fn literal(&mut self, b: u8) {
            assert!(b < 144);
            self.code(0x30 + u32::from(b), 8);
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // final block
    bits.put(1, 2); // fixed Huffman codes
    for &b in prefix {
        bits.literal(b);
    }
    bits.literal(b'a');
    let mut left = repeat - 1;
    while left >= 258 {
        bits.code(0xC5, 8); // length 258
        bits.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        bits.literal(b'a');
    }
    for &b in suffix {
        bits.literal(b);
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    bits.out
}

/// About 13 MB on disk: one inline-string cell of 2 GB.
pub fn inflating_xlsx() -> Vec<u8> {
    let bytes = good_xlsx();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let prefix = b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
            let suffix = b"</t></is></c></row></sheetData></worksheet>";
            let repeat: u64 = 2 << 30;
            entries.push(Entry {
                name,
                method: 8,
                data: deflate_bomb(prefix, repeat, suffix),
                crc: 0,
                size: (prefix.len() as u64 + repeat + suffix.len() as u64) as u32,
            });
        } else {
            entries.push(stored(&name, &data));
        }
    }
    zip(&entries)
}

/// A header row with a cell at column 2.147.483.647 (far beyond XFD).
pub fn far_header_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Kommune").unwrap();
    ws.write_string(0, 1, "Befolkning").unwrap();
    ws.write_string(0, 2, "Langt ude").unwrap();
    ws.write_string(1, 0, "Fanø").unwrap();
    ws.write_number(1, 1, 3500).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    rezip(&bytes, |name, data| match name {
        "xl/worksheets/sheet1.xml" => replace(data, "r=\"C1\"", "r=\"FXSHRXW1\""),
        _ => data,
    })
}

/// A withdrawal whose date cell holds -1e309 (minus infinity).
pub fn infinite_date_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let ws = wb.add_worksheet();
    let headers = [
        "Afsnit",
        "Navn",
        "Kontaktperson",
        "Tilbudsnavn",
        "Indmeldt dato",
        "Begrundelse",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, day) in [(1u32, 14u8), (2, 15)] {
        ws.write_string(r, 0, "Driftsherre").unwrap();
        ws.write_string(r, 1, "Region Nordjylland").unwrap();
        ws.write_string(r, 2, "Kirsten Eksempel").unwrap();
        ws.write_string(r, 3, "Center A").unwrap();
        let dt = ExcelDateTime::from_ymd(2018, 2, day).unwrap();
        ws.write_datetime_with_format(r, 4, &dt, &date).unwrap();
        ws.write_string(r, 5, "Lav belægning").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    // 2018-02-14 is serial 43145.
    rezip(&bytes, |name, data| match name {
        "xl/worksheets/sheet1.xml" => replace(data, "<v>43145</v>", "<v>-1e309</v>"),
        _ => data,
    })
}

pub fn xls_fixture() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/input/offset.xls");
    std::fs::read(path).unwrap()
}

/// Every place in `bytes` where a BIFF record of `kind` and `len` starts.
pub fn records(bytes: &[u8], kind: u16, len: u16) -> Vec<usize> {
    let mut pattern = kind.to_le_bytes().to_vec();
    pattern.extend_from_slice(&len.to_le_bytes());
    (0..bytes.len().saturating_sub(4))
        .filter(|&i| bytes[i..i + 4] == pattern[..])
        .collect()
}

/// The xls fixture with its DIMENSIONS records claiming rows 0..0xFFFFFFFF.
pub fn xls_dimensions() -> Vec<u8> {
    let mut bytes = xls_fixture();
    let at = records(&bytes, 0x0200, 14);
    assert!(!at.is_empty());
    for i in at {
        bytes[i + 8..i + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    }
    bytes
}

/// The xls fixture with one number cell moved to row and column 0xFFFF.
pub fn xls_far_cell() -> Vec<u8> {
    let mut bytes = xls_fixture();
    let at = records(&bytes, 0x0203, 14);
    assert_eq!(at.len(), 1);
    bytes[at[0] + 4..at[0] + 8].copy_from_slice(&[0xFF; 4]);
    bytes
}

/// A 2 KB compound file whose Workbook stream's sector chain loops.
pub fn xls_fat_loop() -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mut f = vec![0u8; 512 * 4];
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
    put32(&mut f, fat + 8, 2); // sector 2 is followed by itself, for ever
    for i in 3..128 {
        put32(&mut f, fat + 4 * i, FREE);
    }
    let dir = 1024;
    let entry =
        |f: &mut Vec<u8>, at: usize, name: &str, typ: u8, child: u32, start: u32, size: u32| {
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
            f[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
            f[at + 120..at + 124].copy_from_slice(&size.to_le_bytes());
        };
    entry(&mut f, dir, "Root Entry", 5, 1, END, 0);
    entry(&mut f, dir + 128, "Workbook", 2, FREE, 2, u32::MAX);
    for i in 2..4 {
        let at = dir + 128 * i;
        f[at + 68..at + 80].copy_from_slice(&[0xFF; 12]);
    }
    f
}

pub const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
pub const ODS_MANIFEST: &str = "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/></manifest:manifest>";
pub const ODS_HEAD: &str = "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Ark1\">";
pub const ODS_TAIL: &str =
    "</table:table></office:spreadsheet></office:body></office:document-content>";

pub fn ods(content: &str) -> Vec<u8> {
    zip(&[
        stored("mimetype", ODS_MIME),
        stored("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        stored("content.xml", content.as_bytes()),
    ])
}

pub fn ods_cell(text: &str, repeat: u32) -> String {
    format!("<table:table-cell table:number-columns-repeated=\"{repeat}\" office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>")
}

/// One 1 MB string cell repeated over 16.384 columns.
pub fn ods_wide_cell() -> Vec<u8> {
    let big = "x".repeat(1 << 20);
    let row = format!(
        "<table:table-row>{}</table:table-row>",
        ods_cell(&big, 16_384)
    );
    ods(&format!("{ODS_HEAD}{row}{ODS_TAIL}"))
}

/// 20.000 rows, each one cell repeated over 16.384 columns.
pub fn ods_many_rows() -> Vec<u8> {
    let row = format!(
        "<table:table-row>{}</table:table-row>",
        ods_cell("celle", 16_384)
    );
    ods(&format!("{ODS_HEAD}{}{ODS_TAIL}", row.repeat(20_000)))
}

/// content.xml ends inside `<table:table>` (calamine loops at its end).
pub fn ods_truncated() -> Vec<u8> {
    ods(ODS_HEAD)
}

/// A good ods, so the helper is known to make readable files.
pub fn ods_good() -> Vec<u8> {
    let row = |a: &str, b: &str| {
        format!(
            "<table:table-row>{}{}</table:table-row>",
            ods_cell(a, 1),
            ods_cell(b, 1)
        )
    };
    ods(&format!(
        "{ODS_HEAD}{}{}{ODS_TAIL}",
        row("Kommune", "Befolkning"),
        row("Ærø", "6000")
    ))
}

/// 100 MB on one line: `a;a;a;…`.
pub fn csv_one_line() -> Vec<u8> {
    let mut bytes = b"Kommune;Befolkning\n".to_vec();
    bytes.extend(b"a;".repeat(50 * 1024 * 1024));
    bytes
}
