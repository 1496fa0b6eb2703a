//! Text normalisation shared by header matching and value lookup: Danish
//! spreadsheets write the same word as "Målgruppe", "MAALGRUPPE" or
//! "målgruppe\n", and all of them must find the same thing.

/// Lower-cases, folds æ/ø/å (and ä/ö/ü/é) to ae/oe/aa, turns every run of
/// white space (including no-break spaces and line breaks) into one space and
/// trims. Punctuation is kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_whitespace() || ch == '\u{a0}' || ch == '\u{202f}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match ch {
            'æ' | 'Æ' | 'ä' | 'Ä' => out.push_str("ae"),
            'ø' | 'Ø' | 'ö' | 'Ö' => out.push_str("oe"),
            'å' | 'Å' => out.push_str("aa"),
            'ü' | 'Ü' => out.push_str("ue"),
            'é' | 'É' | 'è' | 'È' => out.push('e'),
            _ => out.extend(ch.to_lowercase()),
        }
    }
    out
}

/// [`fold`], then keeps only letters and digits: "Antal pladser (kr.)" and
/// "antal-pladser kr" give the same key apart from the unit.
pub fn fold_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// [`fold`], then every run of characters other than letters and digits
/// becomes one space: "Lyngby-Taarbæk Kommune" and "lyngby taarbaek  kommune"
/// give the same key, word boundaries kept.
pub fn fold_words(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `str::trim`, with no look at the characters when the text starts and
/// ends with a visible ASCII character, as nearly every cell does (this
/// runs several times per cell).
#[inline]
pub fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_cases() {
        for (input, want) in [
            ("Målgruppe", "maalgruppe"),
            ("  Takst\nforrige  ÅR ", "takst forrige aar"),
            ("Belægnings\u{a0}procent", "belaegnings procent"),
            ("Sødisbakke – Udsigten", "soedisbakke – udsigten"),
            ("", ""),
        ] {
            assert_eq!(fold(input), want, "{input:?}");
        }
    }

    #[test]
    fn fold_words_cases() {
        for (input, want) in [
            ("Lyngby-Taarbæk Kommune", "lyngby taarbaek kommune"),
            ("  Høje - Tåstrup ", "hoeje taastrup"),
            ("Kgs. Lyngby", "kgs lyngby"),
            ("§ 107, stk. 1", "107 stk 1"),
            ("--", ""),
        ] {
            assert_eq!(fold_words(input), want, "{input:?}");
        }
    }

    #[test]
    fn fold_key_cases() {
        for (input, want) in [
            ("Antal pladser", "antalpladser"),
            ("Tilbuds-ID", "tilbudsid"),
            ("Takst (kr.)", "takstkr"),
            (
                "Forstærket samarbejde (ja/nej)",
                "forstaerketsamarbejdejanej",
            ),
        ] {
            assert_eq!(fold_key(input), want, "{input:?}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for text in [
            "",
            " ",
            "Aalborg",
            " Aalborg",
            "Aalborg ",
            "\tAalborg\r\n",
            "Aalborg\u{a0}",
            "\u{a0}Aalborg",
            "Aalborg\u{2003}",
            "Århus",
            "Tønder",
            "\u{7f}",
            "a",
            "!",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
