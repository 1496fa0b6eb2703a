//! Which kind of file this is, told from its content, not its name: people
//! rename files, and Excel happily saves a CSV as `.xls`.

use super::{catch_panic, ReadError};
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// The formats the readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    Csv,
    /// Also `.xlsm`.
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl FileFormat {
    /// Short lower-case name for messages ("csv", "xlsx" …).
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
            FileFormat::Xlsb => "xlsb",
            FileFormat::Xls => "xls",
            FileFormat::Ods => "ods",
        }
    }
}

impl fmt::Display for FileFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How many leading bytes are looked at to tell text from binary.
const HEAD_LEN: usize = 8192;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Magic numbers of common files that are certainly not spreadsheets.
const OTHER_MAGIC: &[&[u8]] = &[
    b"%PDF",
    b"\x89PNG",
    b"\xFF\xD8\xFF", // JPEG
    b"GIF87a",
    b"GIF89a",
    b"PK\x05\x06", // empty zip
    b"\x1F\x8B",   // gzip
    b"7z\xBC\xAF\x27\x1C",
    b"Rar!",
    b"{\\rtf",
];

/// Tells the format of `path` from its first bytes (and, for zip and OLE
/// containers, their entries).
pub fn detect(path: &Path) -> Result<FileFormat, ReadError> {
    let mut file = File::open(path)?;
    let mut head = vec![0u8; HEAD_LEN];
    let n = read_up_to(&mut file, &mut head)?;
    head.truncate(n);
    if head.is_empty() {
        return Err(ReadError::Empty);
    }
    if head.starts_with(ZIP_MAGIC) {
        return detect_zip(file);
    }
    if head.starts_with(CFB_MAGIC) {
        return detect_cfb(path);
    }
    detect_text(&head)
}

/// Reads until `buf` is full or the file ends; returns the bytes read.
pub(crate) fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn detect_text(head: &[u8]) -> Result<FileFormat, ReadError> {
    let has_utf16_bom = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if has_utf16_bom {
        return Ok(FileFormat::Csv);
    }
    if OTHER_MAGIC.iter().any(|magic| head.starts_with(magic)) || head.contains(&0) {
        return Err(ReadError::NotSpreadsheet);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let lead: Vec<u8> = text[start..]
        .iter()
        .take(256)
        .map(u8::to_ascii_lowercase)
        .collect();
    if lead.starts_with(b"<!doctype html") || lead.starts_with(b"<html") {
        return Err(ReadError::Unsupported(
            "an HTML page (some systems save web tables with an .xls name); open it in Excel and save it as .xlsx",
        ));
    }
    if lead.starts_with(b"<?xml") {
        let lead = String::from_utf8_lossy(&lead);
        return Err(
            if lead.contains("progid=\"excel.sheet\"") || lead.contains("<workbook") {
                ReadError::Unsupported(
                    "an Excel 2003 XML spreadsheet; open it in Excel and save it as .xlsx",
                )
            } else {
                ReadError::Unsupported("an XML file, not a spreadsheet")
            },
        );
    }
    Ok(FileFormat::Csv)
}

fn zip_corrupt(detail: impl fmt::Display) -> ReadError {
    ReadError::Corrupt {
        format: "xlsx/ods (zip)",
        detail: format!("the zip container is damaged or incomplete ({detail})"),
    }
}

fn detect_zip(file: File) -> Result<FileFormat, ReadError> {
    let opened = catch_panic(|| zip::ZipArchive::new(BufReader::new(file)))
        .map_err(zip_corrupt)?
        .map_err(zip_corrupt)?;
    let mut archive = opened;
    let mut has_content_types = false;
    let mut has_xl = false;
    let mut kind = None;
    for name in archive.file_names_raw() {
        let lower = name.to_ascii_lowercase();
        match lower.as_slice() {
            b"xl/workbook.bin" => kind = Some(FileFormat::Xlsb),
            b"xl/workbook.xml" if kind.is_none() => kind = Some(FileFormat::Xlsx),
            b"mimetype" if kind.is_none() => kind = Some(FileFormat::Ods),
            b"[content_types].xml" => has_content_types = true,
            _ if lower.starts_with(b"xl/") => has_xl = true,
            _ => {}
        }
    }
    match kind {
        Some(FileFormat::Ods) => {
            // Text documents and presentations have a mimetype entry too.
            let mut mimetype = Vec::new();
            let read = archive
                .by_name("mimetype")
                .map_err(zip_corrupt)
                .and_then(|entry| {
                    entry
                        .take(200)
                        .read_to_end(&mut mimetype)
                        .map_err(zip_corrupt)
                });
            read?;
            if mimetype
                .windows(b"spreadsheet".len())
                .any(|w| w == b"spreadsheet")
            {
                Ok(FileFormat::Ods)
            } else {
                Err(ReadError::NotSpreadsheet)
            }
        }
        Some(format) => Ok(format),
        // A workbook part under another name: calamine follows the
        // relationships, so let it try.
        None if has_content_types && has_xl => Ok(FileFormat::Xlsx),
        None => Err(ReadError::NotSpreadsheet),
    }
}

/// An OLE compound file is a legacy .xls or an encrypted xlsx (Excel keeps
/// a password-protected xlsx in an `EncryptedPackage` stream). Detection
/// does not open the container: calamine's CFB parser follows a FAT chain
/// that a crafted file can make endless, allocating as it goes, so it runs
/// only in the reader (a child process with memory and time limits), which
/// tells an encrypted package (`excel::read`).
fn detect_cfb(_path: &Path) -> Result<FileFormat, ReadError> {
    Ok(FileFormat::Xls)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub(crate) fn small_xlsx(path: &Path) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for row in 0..200u32 {
            ws.write_string(row, 0, format!("tekst {row}")).unwrap();
            ws.write_number(row, 1, f64::from(row) * 1.5).unwrap();
        }
        wb.save(path).unwrap();
    }

    fn zip_with(path: &Path, entries: &[(&str, &[u8])]) {
        let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
        for (name, bytes) in entries {
            zip.start_file(
                *name,
                zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored),
            )
            .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }

    #[test]
    fn empty_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "tom.csv", b"");
        assert!(matches!(detect(&path), Err(ReadError::Empty)));
    }

    #[test]
    fn text_is_csv_whatever_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "takster.xlsx", "Kommune;Takst\nÆrø;1,5\n".as_bytes());
        assert_eq!(detect(&path).unwrap(), FileFormat::Csv);
        let path = write(&dir, "u16.txt", b"\xFF\xFEa\0;\0b\0");
        assert_eq!(detect(&path).unwrap(), FileFormat::Csv);
        let path = write(&dir, "w1252.csv", b"\xC6r\xF8;M\xE5lgruppe\n");
        assert_eq!(detect(&path).unwrap(), FileFormat::Csv);
    }

    #[test]
    fn binary_and_known_magic_are_not_spreadsheets() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            &dir,
            "rapport.xlsx",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
        );
        assert!(matches!(detect(&path), Err(ReadError::NotSpreadsheet)));
        let path = write(&dir, "billede.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert!(matches!(detect(&path), Err(ReadError::NotSpreadsheet)));
        // Pseudo-random bytes (with NULs) from a fixed LCG.
        let mut x: u32 = 12345;
        let bytes: Vec<u8> = (0..5000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        let path = write(&dir, "tilfaeldig.csv", &bytes);
        assert!(matches!(detect(&path), Err(ReadError::NotSpreadsheet)));
    }

    #[test]
    fn html_and_xml_are_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "web.xls", b"\n<!DOCTYPE html><html><table>");
        assert!(matches!(detect(&path), Err(ReadError::Unsupported(_))));
        let path = write(
            &dir,
            "x2003.xls",
            b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook>",
        );
        assert!(matches!(detect(&path), Err(ReadError::Unsupported(_))));
    }

    #[test]
    fn xlsx_and_truncated_xlsx() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hel.csv");
        small_xlsx(&path);
        assert_eq!(detect(&path).unwrap(), FileFormat::Xlsx);
        let bytes = std::fs::read(&path).unwrap();
        let half = write(&dir, "halv.xlsx", &bytes[..bytes.len() / 2]);
        assert!(matches!(detect(&half), Err(ReadError::Corrupt { .. })));
    }

    #[test]
    fn zip_entries_decide() {
        let dir = tempfile::tempdir().unwrap();
        let ods = dir.path().join("a.zip");
        zip_with(
            &ods,
            &[
                (
                    "mimetype",
                    b"application/vnd.oasis.opendocument.spreadsheet",
                ),
                ("content.xml", b"<x/>"),
            ],
        );
        assert_eq!(detect(&ods).unwrap(), FileFormat::Ods);
        let odt = dir.path().join("b.ods");
        zip_with(
            &odt,
            &[("mimetype", b"application/vnd.oasis.opendocument.text")],
        );
        assert!(matches!(detect(&odt), Err(ReadError::NotSpreadsheet)));
        let xlsb = dir.path().join("c.xlsx");
        zip_with(
            &xlsb,
            &[("[Content_Types].xml", b"<x/>"), ("xl/workbook.bin", b"")],
        );
        assert_eq!(detect(&xlsb).unwrap(), FileFormat::Xlsb);
        let other = dir.path().join("d.xlsx");
        zip_with(&other, &[("word/document.xml", b"<x/>")]);
        assert!(matches!(detect(&other), Err(ReadError::NotSpreadsheet)));
    }
}
