//! The scanner behind [`super::contains_cpr`] and [`super::mask`]: where
//! the next CPR-shaped span of a text is. It runs on every cell of every
//! file, so a text of 8 to 64 bytes is looked at as a bit mask of its
//! digits (eight bytes at a time, no branch on the bytes), and only digit
//! runs of six or more are looked at further; longer texts are walked a
//! byte at a time, and property tests hold the two ways to one answer.

pub(super) fn valid_day(dd: u8) -> bool {
    (1..=31).contains(&dd) || (61..=91).contains(&dd)
}

pub(super) fn valid_month(mm: u8) -> bool {
    (1..=12).contains(&mm)
}

fn digit(b: &[u8], i: usize) -> Option<u8> {
    b.get(i).filter(|c| c.is_ascii_digit()).map(|c| c - b'0')
}

fn is_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

fn is_letter_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_alphabetic)
}

/// Checks that the six digits at `i` are a plausible DDMMYY.
fn date_part_ok(b: &[u8], i: usize) -> bool {
    match (
        digit(b, i),
        digit(b, i + 1),
        digit(b, i + 2),
        digit(b, i + 3),
    ) {
        (Some(d1), Some(d2), Some(m1), Some(m2)) => {
            valid_day(d1 * 10 + d2) && valid_month(m1 * 10 + m2)
        }
        _ => false,
    }
}

/// The serial part at `i`: four digits, or digit-letter-letter-digit.
fn serial_ok(b: &[u8], i: usize) -> bool {
    is_digit_at(b, i)
        && is_digit_at(b, i + 3)
        && ((is_digit_at(b, i + 1) && is_digit_at(b, i + 2))
            || (is_letter_at(b, i + 1) && is_letter_at(b, i + 2)))
}

/// Separators between DDMMYY and the serial: byte sequences (UTF-8).
const SEPARATORS: [&[u8]; 9] = [
    b"-",
    b" ",
    "\u{00A0}".as_bytes(), // no-break space
    "\u{2009}".as_bytes(), // thin space
    "\u{202F}".as_bytes(), // narrow no-break space
    "\u{2013}".as_bytes(), // en dash
    "\u{2014}".as_bytes(), // em dash
    "\u{2011}".as_bytes(), // non-breaking hyphen
    "\u{2212}".as_bytes(), // minus sign
];

/// The length in bytes of the separator at `i`, if there is one.
fn separator_len(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    SEPARATORS
        .iter()
        .find(|sep| rest.starts_with(sep))
        .map(|sep| sep.len())
}

/// Whether `b` has six ASCII digits in a row, as every CPR-shaped value
/// does (its date): most cells have not, and are told so without a branch
/// on the bytes, eight at a time for a text of 8 to 64 bytes.
fn has_six_digit_run(b: &[u8]) -> bool {
    match digit_bits(b) {
        Some(m) => m & (m >> 1) & (m >> 2) & (m >> 3) & (m >> 4) & (m >> 5) != 0,
        None => has_six_digit_run_bytewise(b),
    }
}

/// Bit i set when byte i of `b` is an ASCII digit; None unless `b` has 8
/// to 64 bytes.
fn digit_bits(b: &[u8]) -> Option<u64> {
    if !(8..=64).contains(&b.len()) {
        return None;
    }
    let mut bits = 0u64;
    let mut at = 0;
    while let Some(word) = b.get(at..at + 8) {
        bits |= word_digit_bits(word) << at;
        at += 8;
    }
    // The last bytes, as the word that ends the text (overlapping the one
    // before: the same bytes give the same bits).
    let last = b.len() - 8;
    if at < b.len() {
        bits |= word_digit_bits(b.get(last..)?) << last;
    }
    Some(bits)
}

/// The digits of eight bytes as eight bits (bit j for byte j).
fn word_digit_bits(word: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut w = [0u8; 8];
    w.copy_from_slice(word.get(..8).unwrap_or(&[0; 8]));
    // Each byte minus '0' (as xor: a digit's high nibble is 3) is below 10
    // exactly for a digit. Adding 0x76 to its low seven bits sets the high
    // bit from 10 up, and never carries into the next byte.
    let v = u64::from_le_bytes(w) ^ (ONES * 0x30);
    let not_digit = (((v & (ONES * 0x7f)) + ONES * 0x76) | v) & (ONES * 0x80);
    let digit = !not_digit & (ONES * 0x80);
    // Gather the eight high bits into the top byte, then down.
    ((digit >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// [`has_six_digit_run`] one byte at a time, for any length.
fn has_six_digit_run_bytewise(b: &[u8]) -> bool {
    let mut run = 0u32;
    let mut longest = 0u32;
    for &c in b {
        run = (run + 1) * u32::from(c.wrapping_sub(b'0') < 10);
        longest = longest.max(run);
    }
    longest >= 6
}

/// The next CPR-shaped span (byte range) at or after `from`. A text of 8
/// to 64 bytes is looked at as a bit mask of its digits: only the digit
/// runs of six or more are visited.
pub(super) fn next_match(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let Some(digits) = digit_bits(b) else {
        return next_match_bytewise(b, from);
    };
    // The digits at or after `from` (a run is whole from there: see
    // `next_match_bytewise`).
    let digits = digits & !low_bits(from);
    let six =
        digits & (digits >> 1) & (digits >> 2) & (digits >> 3) & (digits >> 4) & (digits >> 5);
    // Where a run starts: a digit with no digit before it.
    let mut starts = six & !(digits << 1);
    while starts != 0 {
        let start = starts.trailing_zeros() as usize;
        let run = (digits >> start).trailing_ones() as usize;
        if let Some(found) = match_run(b, start, start + run) {
            return Some(found);
        }
        starts &= starts - 1;
    }
    None
}

/// Bits 0 to `n - 1` set (all 64 from `n` = 64 up).
fn low_bits(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// [`next_match`] one byte at a time, for any length.
fn next_match_bytewise(b: &[u8], from: usize) -> Option<(usize, usize)> {
    if !b.get(from..).is_some_and(has_six_digit_run) {
        return None;
    }
    let mut i = from;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A digit run: a CPR-shaped value must be a whole run (or a run of
        // six followed by a separator), never part of a longer number.
        let start = i;
        let mut end = i;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        // The run is whole: `i` is at the start, after a non-digit, or at
        // the end of an earlier match, which every form below ends before
        // a non-digit.
        if let Some(found) = match_run(b, start, end) {
            return Some(found);
        }
        i = end;
    }
    None
}

/// The CPR-shaped span that the whole digit run `start..end` begins, if
/// any.
fn match_run(b: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let run = end - start;
    if run < 6 || !date_part_ok(b, start) {
        return None;
    }
    match run {
        // DDMMYYSSSS
        10 => Some((start, end)),
        // DDMMYY-SSSS / DDMMYY SSSS / DDMMYY-dLLd
        6 if separator_len(b, end)
            .is_some_and(|sep| serial_ok(b, end + sep) && !is_digit_at(b, end + sep + 4)) =>
        {
            let sep = separator_len(b, end).unwrap_or(1);
            Some((start, end + sep + 4))
        }
        // DDMMYYdLLd
        7 if is_letter_at(b, end)
            && is_letter_at(b, end + 1)
            && is_digit_at(b, end + 2)
            && !is_digit_at(b, end + 3) =>
        {
            Some((start, end + 3))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_run_of_six_digits_is_looked_at_further() {
        for (text, want) in [
            ("12345", false),
            ("123456", true),
            ("ab12345cd", false),
            ("ab123456cd", true),
            ("12345-12345", false),
            ("1.234.567,89", false),
            ("", false),
            // Across and at the ends of the eight-byte words.
            ("abcde123456", true),
            ("abcdefgh12345x", false),
            ("abcdefg123456xyz", true),
            ("abcdefghijklmn123456", true),
        ] {
            assert_eq!(has_six_digit_run(text.as_bytes()), want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Eight at a time or one at a time: the same answer, on texts of
        /// every length around the word and 64-byte limits.
        #[test]
        fn the_word_scan_agrees_with_the_byte_scan(
            text in proptest::collection::vec(
                proptest::sample::select(vec![b'0', b'5', b'9', b'/', b':', b'a', b' ', 0xC3, 0xB8, 0xB0, 0xBA]),
                0..80,
            )
        ) {
            proptest::prop_assert_eq!(
                has_six_digit_run(&text),
                has_six_digit_run_bytewise(&text)
            );
        }
    }

    proptest::proptest! {
        /// The mask and the bytes find the same spans, from any start, in
        /// texts made of the pieces CPR numbers and their look-alikes are
        /// made of.
        #[test]
        fn the_mask_scan_finds_what_the_byte_scan_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "010190", "311299", "1234", "1AB2", "-", " ", "\u{2013}", "\u{a0}",
                    "7", "x", "AB", "0", "610190", "321399", "æ", ".",
                ]),
                0..14,
            ),
            from in 0usize..70,
        ) {
            let text: String = pieces.concat();
            let b = text.as_bytes();
            proptest::prop_assert_eq!(next_match(b, from), next_match_bytewise(b, from));
            // And every match after the first, as mask() walks them.
            let mut at = 0;
            while let Some((_, end)) = next_match_bytewise(b, at) {
                proptest::prop_assert_eq!(next_match(b, end), next_match_bytewise(b, end));
                at = end;
            }
        }
    }

    #[test]
    fn every_byte_is_told_digit_or_not() {
        for b in 0..=255u8 {
            let word = [b; 8];
            let want = if b.is_ascii_digit() { 0xff } else { 0 };
            assert_eq!(word_digit_bits(&word), want, "{b:#x}");
        }
        let mut word = *b"a1b2c3d4";
        assert_eq!(word_digit_bits(&word), 0b1010_1010);
        word[0] = b'0';
        assert_eq!(word_digit_bits(&word), 0b1010_1011);
    }
}
