//! A short text kept in the record itself: a personkode of up to 22 bytes
//! (ramme's own pseudonyms have 19) needs no allocation of its own, so a
//! year of a million rows is not a million small allocations to make and
//! to free. A longer one is kept on the heap.

/// How many bytes are kept inline.
const INLINE: usize = 22;

/// A text of any length; 24 bytes.
#[derive(Clone, PartialEq, Eq)]
pub enum ShortText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl ShortText {
    pub fn new(text: &str) -> ShortText {
        match u8::try_from(text.len()) {
            Ok(len) if text.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                if let Some(start) = bytes.get_mut(..text.len()) {
                    start.copy_from_slice(text.as_bytes());
                }
                ShortText::Inline { len, bytes }
            }
            _ => ShortText::Heap(text.into()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // Whole texts only are kept inline, so the bytes are UTF-8.
            ShortText::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            ShortText::Heap(text) => text,
        }
    }
}

impl std::ops::Deref for ShortText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for ShortText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::fmt::Display for ShortText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_reads_back_and_only_long_texts_allocate() {
        assert_eq!(std::mem::size_of::<ShortText>(), 24);
        let long = "æ".repeat(INLINE);
        for text in [
            "",
            "PK-A",
            "PK-2ZJWW9FZ35",
            "pk-0123456789abcdef",
            long.as_str(),
        ] {
            let short = ShortText::new(text);
            assert_eq!(short.as_str(), text);
            assert_eq!(
                matches!(short, ShortText::Heap(_)),
                text.len() > INLINE,
                "{text:?}"
            );
        }
        // 22 bytes inline, 23 on the heap, with a two-byte letter cut at neither.
        let at = "a".repeat(INLINE - 2) + "æ";
        let over = at.clone() + "a";
        assert!(matches!(
            ShortText::new(&at),
            ShortText::Inline { len: 22, .. }
        ));
        assert!(matches!(ShortText::new(&over), ShortText::Heap(_)));
        assert_eq!(ShortText::new(&over).as_str(), over);
    }
}
