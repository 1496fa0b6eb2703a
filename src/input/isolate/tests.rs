//! Tests of `isolate.rs`.

use super::*;

#[test]
fn cells_round_trip() {
    let dt = chrono::NaiveDate::from_ymd_opt(2018, 2, 15)
        .unwrap()
        .and_hms_milli_opt(10, 30, 0, 500)
        .unwrap();
    let cells = [
        SparseCell {
            col: 0,
            cell: Cell::Text("Ærø"),
        },
        SparseCell {
            col: 3,
            cell: Cell::Int(-7),
        },
        SparseCell {
            col: 4,
            cell: Cell::Float(f64::NEG_INFINITY),
        },
        SparseCell {
            col: 5,
            cell: Cell::Bool(true),
        },
        SparseCell {
            col: 6,
            cell: Cell::DateTime(dt),
        },
        SparseCell {
            col: 16_383,
            cell: Cell::Error("#N/A"),
        },
    ];
    let mut frame = Vec::new();
    for c in &cells {
        encode_cell(c, &mut frame);
    }
    let mut r = Decoder { bytes: &frame };
    let mut back = Vec::new();
    while !r.bytes.is_empty() {
        back.push(r.cell().unwrap());
    }
    assert_eq!(back, cells);
    // A cut frame is an error, never a panic.
    for cut in 0..frame.len() {
        let mut r = Decoder {
            bytes: &frame[..cut],
        };
        while !r.bytes.is_empty() {
            if r.cell().is_err() {
                break;
            }
        }
    }
}

#[test]
fn errors_round_trip() {
    let mut frame = Vec::new();
    encode_error(
        &ReadError::Corrupt {
            format: "ods",
            detail: "x".into(),
        },
        &mut frame,
    );
    let e = Decoder { bytes: &frame }.error(FileFormat::Ods).unwrap();
    assert!(matches!(e, ReadError::Corrupt { format: "ods", detail } if detail == "x"));
    frame.clear();
    encode_error(
        &ReadError::NoSuchSheet("Ark".into(), vec!["Takster".into(), "Lister".into()]),
        &mut frame,
    );
    let e = Decoder { bytes: &frame }.error(FileFormat::Ods).unwrap();
    assert!(
        matches!(e, ReadError::NoSuchSheet(s, there) if s == "Ark" && there == ["Takster", "Lister"])
    );
}
