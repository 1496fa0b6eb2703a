//! Texts people read, one function per message, Danish and English side by
//! side and formatted only for the language chosen. New messages go here;
//! the older inline texts move here as their modules are touched.
//!
//! Arguments are plain values (numbers already formatted where a message
//! needs a unit), so this module depends on nothing above `lang` and
//! `numfmt` (and the schema's field types, for "… is not a date"). Nothing
//! here masks CPR numbers: callers pass masked text.

pub mod inbox;
pub mod tariff;
pub mod validate;
