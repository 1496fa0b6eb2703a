//! Pseudonymous person codes: a keyed HMAC-SHA256 of the CPR number.
//!
//! The same key gives the same code for the same person in every file and
//! every year, so borgerlister can be compared across Januaries; another
//! key gives unrelated codes. The code cannot be turned back into the CPR
//! number: HMAC is one-way, and without the key nobody can even test a
//! guessed CPR number against a code. The key stays with the kommune.

use hmac::{KeyInit, Mac};
use std::io::Write;
use std::path::Path;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Bytes of a key.
pub const KEY_BYTES: usize = 32;

/// Letters and digits that cannot be mistaken for each other (no 0/O, 1/I).
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Characters of a code after "PK-": 16 × 5 = 80 bits.
const CODE_CHARS: usize = 16;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{path}: the key file already exists; ramme never overwrites a key")]
    Exists { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a ramme key (expected 64 hexadecimal characters)")]
    Malformed { path: String },
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

/// A secret key for person codes.
#[derive(Clone)]
pub struct Key([u8; KEY_BYTES]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> Key {
        Key(bytes)
    }

    /// A new random key from the operating system.
    pub fn generate() -> Result<Key, KeyError> {
        let mut bytes = [0u8; KEY_BYTES];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(Key(bytes))
    }

    /// Writes a new key file readable by its owner only (0600). An existing
    /// file is never overwritten.
    pub fn create_file(path: &Path) -> Result<Key, KeyError> {
        let shown = path.display().to_string();
        let key = Key::generate()?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        if path.exists() {
            return Err(KeyError::Exists { path: shown });
        }
        // Written whole to a temporary file first and linked into place:
        // a full disk leaves no empty key behind to block a retry, and the
        // link (unlike a rename) never replaces a key made meanwhile.
        let temp = crate::output::temp_path(path);
        let _ = std::fs::remove_file(&temp);
        let io = |source| KeyError::Io {
            path: shown.clone(),
            source,
        };
        let mut file = options.open(&temp).map_err(io)?;
        let hex: String = key.0.iter().map(|b| format!("{b:02x}")).collect();
        let text = format!(
            "# ramme-nøgle til pseudonyme personkoder. Hold den hemmelig og gem den sikkert;\n\
# brug samme nøgle hvert år, ellers kan borgerlisterne ikke sammenlignes.\n{hex}\n"
        );
        let written = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .and_then(|()| std::fs::hard_link(&temp, path));
        let _ = std::fs::remove_file(&temp);
        match written {
            Ok(()) => Ok(key),
            Err(source) if source.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(KeyError::Exists { path: shown })
            }
            Err(source) => Err(io(source)),
        }
    }

    /// Reads a key file: the first line that is not a comment, 64 hex digits.
    pub fn read_file(path: &Path) -> Result<Key, KeyError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io {
            path: shown.clone(),
            source,
        })?;
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or_else(|| KeyError::Malformed {
                path: shown.clone(),
            })?;
        if line.len() != KEY_BYTES * 2 || !line.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(KeyError::Malformed { path: shown });
        }
        let mut bytes = [0u8; KEY_BYTES];
        for (i, byte) in bytes.iter_mut().enumerate() {
            let pair = line
                .get(2 * i..2 * i + 2)
                .ok_or_else(|| KeyError::Malformed {
                    path: shown.clone(),
                })?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| KeyError::Malformed {
                path: shown.clone(),
            })?;
        }
        Ok(Key(bytes))
    }

    /// The person code of a CPR number ("PK-" and 16 characters). The CPR
    /// number must already be normalised to its ten digits.
    pub fn code(&self, cpr_digits: &str) -> String {
        let mut mac = match HmacSha256::new_from_slice(&self.0) {
            Ok(mac) => mac,
            // HMAC takes keys of any length; this cannot happen.
            Err(_) => return String::new(),
        };
        mac.update(b"ramme-personkode-v1:");
        mac.update(cpr_digits.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut bits: u128 = 0;
        for b in digest.iter().take(16) {
            bits = (bits << 8) | u128::from(*b);
        }
        let mut code = String::with_capacity(3 + CODE_CHARS);
        code.push_str("PK-");
        for i in 0..CODE_CHARS {
            let index = ((bits >> (123 - 5 * i)) & 0x1f) as usize;
            code.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
        }
        code
    }
}

/// The ten digits of a CPR number written as "DDMMYY-SSSS", "DDMMYYSSSS",
/// "DDMMYY SSSS" or as an Excel number that lost its leading zero; None if
/// the value is not CPR-shaped.
pub fn normalise_cpr(value: &str) -> Option<String> {
    let t = value.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let separators_ok = t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    let digits = if digits.len() == 9 && t.len() == 9 {
        format!("0{digits}")
    } else {
        digits
    };
    if !separators_ok || digits.len() != 10 || !crate::cpr::contains_cpr(&digits) {
        return None;
    }
    Some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Synthetic CPR-shaped values for the masking tests.
    const CPR_TEST: &str = "0101901234";
    const CPR_TEST_NEXT: &str = "0101901235";
    const CPR_TEST_DASHED: &str = "010190-1234";
    const CPR_TEST_SPACED: &str = " 010190 1234 ";
    const CPR_TEST_LOST_ZERO: &str = "101901234";

    #[test]
    fn codes_are_stable_keyed_and_cpr_free() {
        let key = Key::from_bytes([7; KEY_BYTES]);
        let other = Key::from_bytes([8; KEY_BYTES]);
        // Synthetic CPR-shaped values for the masking tests.
        let a = key.code(CPR_TEST);
        assert_eq!(a, key.code(CPR_TEST));
        assert_eq!(a.len(), 19);
        assert!(a.starts_with("PK-"));
        assert_ne!(a, key.code(CPR_TEST_NEXT));
        assert_ne!(a, other.code(CPR_TEST));
        assert!(!crate::cpr::contains_cpr(&a));
        assert!(crate::values::check_personkode(&a).is_ok());
    }

    #[test]
    fn cpr_forms_normalise_alike() {
        for (cpr_form, want) in [
            (CPR_TEST_DASHED, Some(CPR_TEST)),
            (CPR_TEST, Some(CPR_TEST)),
            (CPR_TEST_SPACED, Some(CPR_TEST)),
            (CPR_TEST_LOST_ZERO, Some(CPR_TEST)),
            ("12345", None),
            ("320190-1234", None),
            ("cpr 010190-1234", None),
            ("", None),
        ] {
            assert_eq!(normalise_cpr(cpr_form).as_deref(), want, "{cpr_form:?}");
        }
    }

    #[test]
    fn key_files_are_private_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("noegle.txt");
        let key = Key::create_file(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let again = Key::read_file(&path).unwrap();
        assert_eq!(key.code(CPR_TEST), again.code(CPR_TEST));
        assert!(matches!(
            Key::create_file(&path),
            Err(KeyError::Exists { .. })
        ));
        std::fs::write(dir.path().join("bad.txt"), "not a key\n").unwrap();
        assert!(matches!(
            Key::read_file(&dir.path().join("bad.txt")),
            Err(KeyError::Malformed { .. })
        ));
    }
}
