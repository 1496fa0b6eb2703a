//! Collecting a year's records.

/// The rows of a fixture borgerliste: row `i` on line `i + 2`.
const ROWS: usize = 16_000;

/// A borgerliste of [`ROWS`] sound rows but row 5000's kommune, `marker`.
fn csv_with(marker: &str) -> String {
    let mut text = String::from(
        "Personkode;Betalingskommune;Tilbudsnr;Tilbudsnavn;Paragraf;Driftsherre;Udgift;Antal dage;Takst\n",
    );
    for i in 0..ROWS {
        let kommune = if i == 5000 { marker } else { "Aalborg" };
        text.push_str(&format!(
            "PK-{i:08};{kommune};{};Botilbud;SEL §108;Aalborg;31.000,00;31;1.000,00\n",
            400_000 + i % 50
        ));
    }
    text
}

#[test]
fn records_collected_before_a_late_byte_that_is_not_utf8_are_forgotten() {
    // The rows are collected (udgift's records), read again from the
    // start: each row is a record once, and the file is Windows-1252.
    let _serial = crate::validate::TEST_SERIAL
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let text = csv_with("MARKER");
    let at = text.find("MARKER").unwrap_or(0);
    let mut file = text.as_bytes()[..at].to_vec();
    file.extend_from_slice(b"Br\xF8nderslev");
    file.extend_from_slice(&text.as_bytes()[at + "MARKER".len()..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borgerliste.csv");
    std::fs::write(&path, file).unwrap();
    let catalog = crate::schema::Catalog::embedded().unwrap();
    let validator =
        crate::validate::Validator::new(&catalog, crate::validate::Options::default()).unwrap();
    let again = || crate::validate::READ_AGAIN.load(std::sync::atomic::Ordering::Relaxed);
    let before = again();
    let loaded = super::load::<super::CitizenRow>(
        &validator,
        &catalog.reference,
        std::slice::from_ref(&path),
    );
    assert_eq!(again(), before + 1, "read again once");
    let report = &loaded.validation.files[0];
    assert_eq!(report.notes.encoding, Some("windows-1252"));
    // "SEL §108" was UTF-8: read as Windows-1252 it is no paragraf, so
    // every row but none twice is left out.
    assert_eq!(loaded.records.len() + loaded.excluded.len(), ROWS);
}
