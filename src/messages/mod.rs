//! Texts people read, one function per message, Danish and English side by
//! side and formatted only for the language chosen. New messages go here;
//! the older inline texts move here as their modules are touched.
//!
//! Arguments are plain values (numbers already formatted where a message
//! needs a unit), so this module depends on nothing above `lang` and
//! `numfmt` (and the schema's field types, for "… is not a date"). Nothing
//! here masks CPR numbers: callers pass masked text.

use crate::lang::Lang;

pub mod analysis;
pub mod annotate;
pub mod bilag;
pub mod bilag_front;
pub mod cli;
pub mod forbrug;
pub mod inbox;
pub mod regulering;
pub mod rules;
pub mod samarbejde;
pub mod status;
pub mod takst;
pub mod takstanalyse;
pub mod tariff;
pub mod tilbud;
pub mod udgift;
pub mod validate;
pub mod validation;

/// What an operating-system error means, in words a user knows.
pub fn io_text(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (da, en) = match e.kind() {
        K::NotFound => (
            "filen eller mappen findes ikke",
            "the file or folder does not exist",
        ),
        K::PermissionDenied => ("ingen adgang", "permission denied"),
        K::StorageFull => ("disken er fuld", "the disk is full"),
        K::AlreadyExists => ("findes allerede", "already exists"),
        K::IsADirectory => ("det er en mappe, ikke en fil", "it is a folder, not a file"),
        K::NotADirectory => (
            "en del af stien er ikke en mappe",
            "a part of the path is not a folder",
        ),
        K::ReadOnlyFilesystem => ("drevet er skrivebeskyttet", "the drive is read-only"),
        K::InvalidFilename => ("ugyldigt filnavn", "invalid file name"),
        K::BrokenPipe => (
            "modtageren lukkede forbindelsen",
            "the receiver closed the pipe",
        ),
        _ => return e.to_string(),
    };
    lang.pick(da, en).to_string()
}
