//! The fast path of the CSV parser: a record with no quote character,
//! wholly in the bytes read so far, is split at its delimiters with memchr
//! instead of being run through csv_core's state machine one byte at a
//! time. Such a record means the same to both (csv_core treats every byte
//! of an unquoted field literally and ends a record at the first CR or
//! LF); anything else goes to csv_core.

/// Records with more fields than this go to csv_core, which also enforces
/// the limit on columns.
const MAX_PLAIN_FIELDS: usize = 1024;

/// A record at the start of `chunk` with no quote in it: the length of its
/// text (up to its terminator), with the delimiters' positions in
/// `delimiters`. None when the record has a quote, has no CR or LF in
/// `chunk` (it may go on in the next read, or end the file), or has more
/// than [`MAX_PLAIN_FIELDS`] fields.
pub(super) fn plain_record(
    chunk: &[u8],
    delimiter: u8,
    delimiters: &mut Vec<usize>,
) -> Option<usize> {
    #[cfg(test)]
    if OFF.with(std::cell::Cell::get) {
        return None;
    }
    let end = memchr::memchr3(b'\n', b'\r', b'"', chunk)?;
    if chunk.get(end) == Some(&b'"') {
        return None;
    }
    let text = chunk.get(..end)?;
    delimiters.clear();
    for at in memchr::memchr_iter(delimiter, text) {
        if delimiters.len() + 1 >= MAX_PLAIN_FIELDS {
            return None;
        }
        delimiters.push(at);
    }
    Some(end)
}

/// The byte range of field `k` of a plain record of `len` bytes whose
/// delimiters are at `delimiters`.
pub(super) fn field_range(delimiters: &[usize], len: usize, k: usize) -> (usize, usize) {
    let start = match k.checked_sub(1) {
        Some(before) => delimiters.get(before).map_or(len, |d| d + 1),
        None => 0,
    };
    let end = delimiters.get(k).copied().unwrap_or(len);
    (start, end.max(start))
}

#[cfg(test)]
thread_local! {
    /// Turns the fast path off in this thread, so that a test can hold it
    /// to csv_core's reading of the same text.
    pub(super) static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields of `chunk`'s first record as csv_core reads them.
    fn by_csv_core(chunk: &[u8], delimiter: u8) -> Vec<Vec<u8>> {
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let mut out = vec![0u8; 4096];
        let mut ends = vec![0usize; 2048];
        let (result, _, nout, nend) = core.read_record(chunk, &mut out, &mut ends);
        assert_eq!(result, csv_core::ReadRecordResult::Record);
        let mut start = 0;
        ends[..nend]
            .iter()
            .map(|&e| {
                let field = out[start..e].to_vec();
                start = e;
                let _ = nout;
                field
            })
            .collect()
    }

    fn by_plain(chunk: &[u8], delimiter: u8) -> Option<Vec<Vec<u8>>> {
        let mut delimiters = Vec::new();
        let len = plain_record(chunk, delimiter, &mut delimiters)?;
        Some(
            (0..=delimiters.len())
                .map(|k| {
                    let (a, b) = field_range(&delimiters, len, k);
                    chunk[a..b].to_vec()
                })
                .collect(),
        )
    }

    #[test]
    fn a_plain_record_is_split_as_csv_core_splits_it() {
        for (chunk, delimiter) in [
            (&b"a;b;c\n"[..], b';'),
            (b"a;b;c\r\nd", b';'),
            (b"a;;c;\rx", b';'),
            (b";\n", b';'),
            (b"x\n", b';'),
            (b"1,5;2.000,50;SEL \xc2\xa7108\n", b';'),
            (b"a,b\tc,d\n", b','),
            (b"a\tb\t\n", b'\t'),
            (b"  a ; b \n", b';'),
        ] {
            assert_eq!(
                by_plain(chunk, delimiter),
                Some(by_csv_core(chunk, delimiter)),
                "{:?}",
                String::from_utf8_lossy(chunk)
            );
        }
    }

    #[test]
    fn quotes_unended_records_and_wide_ones_go_to_csv_core() {
        let mut d = Vec::new();
        assert_eq!(plain_record(b"a;\"b\";c\n", b';', &mut d), None);
        assert_eq!(plain_record(b"ab\"c\n", b';', &mut d), None);
        // A quote after the end of the record is the next record's.
        assert_eq!(plain_record(b"ab\n\"c\"\n", b';', &mut d), Some(2));
        assert_eq!(plain_record(b"a;b;c", b';', &mut d), None);
        assert_eq!(plain_record(b"", b';', &mut d), None);
        // MAX_PLAIN_FIELDS fields, and one more.
        let wide = [";".repeat(MAX_PLAIN_FIELDS - 1), "\n".into()].concat();
        assert_eq!(
            plain_record(wide.as_bytes(), b';', &mut d),
            Some(wide.len() - 1)
        );
        assert_eq!(d.len(), MAX_PLAIN_FIELDS - 1);
        let wider = [";".repeat(MAX_PLAIN_FIELDS), "\n".into()].concat();
        assert_eq!(plain_record(wider.as_bytes(), b';', &mut d), None);
    }
}
