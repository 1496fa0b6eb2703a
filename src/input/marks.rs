//! ramme's mark on the files it writes, and telling such a file when it
//! turns up among the inputs (a report saved into the inbox folder must
//! never be read back as a submission).
//!
//! Text outputs (CSV, Markdown, text) begin with a first line naming ramme;
//! workbooks carry a custom document property. Templates (`skabelon`) and
//! pseudonymised lists are not marked: kommuner fill them in and send them.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The word every mark holds.
pub const MARK: &str = "ramme-output";

/// The first line of a CSV or text output: `# ramme-output: takst 0.1.0`.
pub fn text_line(what: &str) -> String {
    format!("# {MARK}: {what} {}", env!("CARGO_PKG_VERSION"))
}

/// The first line of a Markdown output, invisible when rendered.
pub fn markdown_line(what: &str) -> String {
    format!("<!-- {MARK}: {what} {} -->", env!("CARGO_PKG_VERSION"))
}

/// The value of the workbook property named [`MARK`].
pub fn property_value(what: &str) -> String {
    format!("{what} {}", env!("CARGO_PKG_VERSION"))
}

/// How much of a file's start is looked at.
const HEAD: usize = 512;

/// Whether the file at `path` was written by ramme (by its mark). Any
/// trouble reading it means no: the readers will say what is wrong.
pub fn is_ramme_output(path: &Path) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut head = [0u8; HEAD];
    let Ok(n) = super::format::read_up_to(&mut file, &mut head) else {
        return false;
    };
    let head = head.get(..n).unwrap_or_default();
    if head.starts_with(b"PK\x03\x04") {
        return workbook_is_marked(file);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let marked = |prefix: &str| text.starts_with(format!("{prefix}{MARK}").as_bytes());
    marked("# ") || marked("<!-- ")
}

/// A workbook whose custom properties name ramme.
fn workbook_is_marked(file: File) -> bool {
    let found = super::catch_panic(|| {
        let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
        let entry = archive.by_name("docProps/custom.xml").ok()?;
        let mut xml = Vec::new();
        entry.take(64 * 1024).read_to_end(&mut xml).ok()?;
        let needle = format!("name=\"{MARK}\"");
        Some(xml.windows(needle.len()).any(|w| w == needle.as_bytes()))
    });
    matches!(found, Ok(Some(true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_text_and_workbooks_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let csv = write("a.csv", format!("{}\nx;y\n", text_line("takst")).as_bytes());
        assert!(is_ramme_output(&csv));
        let bom = write(
            "b.csv",
            format!("\u{feff}{}\n", text_line("udgift")).as_bytes(),
        );
        assert!(is_ramme_output(&bom));
        let md = write(
            "c.md",
            format!("{}\n# Bilag\n", markdown_line("bilag")).as_bytes(),
        );
        assert!(is_ramme_output(&md));
        let plain = write("d.csv", b"# Takstindberetning 2017\nx;y\n");
        assert!(!is_ramme_output(&plain));
        assert!(!is_ramme_output(&dir.path().join("findes-ikke.csv")));

        let xlsx = dir.path().join("e.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "x").unwrap();
        let props = rust_xlsxwriter::DocProperties::new()
            .set_custom_property(MARK, property_value("bilag").as_str());
        wb.set_properties(&props);
        wb.save(&xlsx).unwrap();
        assert!(is_ramme_output(&xlsx));
        let unmarked = dir.path().join("f.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "x").unwrap();
        wb.save(&unmarked).unwrap();
        assert!(!is_ramme_output(&unmarked));
    }
}
