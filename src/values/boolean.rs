//! Yes/no cells: ja/nej, j/n, x (a ticked box), ✓, yes/no, true/false,
//! sand/falsk, 1/0. A blank cell is the caller's business ("sæt kryds" forms
//! read blank as no; a required field reads it as missing).

use super::ValueError;

const YES: [&str; 9] = ["ja", "j", "x", "yes", "y", "true", "sand", "sandt", "1"];
const NO: [&str; 6] = ["nej", "n", "no", "false", "falsk", "0"];

/// A yes/no value in non-blank text, any case, surrounding space ignored.
pub fn parse_bool(s: &str) -> Result<bool, ValueError> {
    let t = s.trim();
    if t == "✓" || t == "✔" || YES.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Ok(true)
    } else if NO.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Ok(false)
    } else {
        Err(ValueError::NotABoolean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans() {
        for (input, want) in [
            ("ja", true),
            ("Ja", true),
            ("JA ", true),
            ("j", true),
            ("x", true),
            ("X", true),
            ("✓", true),
            ("✔", true),
            ("yes", true),
            ("Y", true),
            ("true", true),
            ("TRUE", true),
            ("sand", true),
            ("1", true),
            ("nej", false),
            ("NEJ", false),
            ("n", false),
            ("no", false),
            ("false", false),
            ("falsk", false),
            ("0", false),
        ] {
            assert_eq!(parse_bool(input), Ok(want), "{input:?}");
        }
        for input in ["", " ", "måske", "2", "jaa", "xx", "ja/nej", "1,0"] {
            assert_eq!(parse_bool(input), Err(ValueError::NotABoolean), "{input:?}");
        }
    }
}
