//! The order of the takstanalyse's table: Danish text (æ, ø, å after z)
//! and natural numbers ("SEL §85" before "SEL §101").

use std::cmp::Ordering;

/// A sort key for Danish text: case-insensitive, æ, ø, å after z.
pub(super) fn danish_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => '{',
            'ø' | 'ö' => '|',
            'å' => '}',
            c => c,
        })
        .collect()
}

/// A natural sort key: runs of digits compare as numbers ("SEL §85" before
/// "SEL §101").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Chunk {
    Text(String),
    /// (digits without leading zeros: their count, then the digits).
    Number(usize, String),
}

pub(super) fn natural_key(s: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !text.is_empty() {
                out.push(Chunk::Text(danish_key(&std::mem::take(&mut text))));
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push(number_chunk(&std::mem::take(&mut digits)));
            }
            text.push(c);
        }
    }
    if !text.is_empty() {
        out.push(Chunk::Text(danish_key(&text)));
    }
    if !digits.is_empty() {
        out.push(number_chunk(&digits));
    }
    out
}

fn number_chunk(digits: &str) -> Chunk {
    let trimmed = digits.trim_start_matches('0');
    Chunk::Number(trimmed.len(), trimmed.to_string())
}

/// The table's order: group, målgruppe, paragraph, taksttype (then the
/// texts themselves, so that distinct rows never compare equal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RowKey {
    pub(super) rank: u8,
    pub(super) maalgruppe_key: String,
    pub(super) paragraf_key: Vec<Chunk>,
    pub(super) taksttype_key: String,
    pub(super) maalgruppe: String,
    pub(super) paragraf: String,
    pub(super) taksttype: String,
}

impl Ord for RowKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (
            self.rank,
            &self.maalgruppe_key,
            &self.maalgruppe,
            &self.paragraf_key,
            &self.paragraf,
            &self.taksttype_key,
            &self.taksttype,
        )
            .cmp(&(
                other.rank,
                &other.maalgruppe_key,
                &other.maalgruppe,
                &other.paragraf_key,
                &other.paragraf,
                &other.taksttype_key,
                &other.taksttype,
            ))
    }
}

impl PartialOrd for RowKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_are_danish_and_natural() {
        assert!(natural_key("SEL §85") < natural_key("SEL §101"));
        assert!(natural_key("SEL §101") < natural_key("SEL §101a"));
        assert!(danish_key("Zebra") < danish_key("Ælling"));
        assert!(danish_key("Ølstue") < danish_key("Åbakken"));
    }
}
