//! The analyses: pure computations over typed records. They never read
//! files and never format output; `report/` renders their results.

pub mod brugerrater;
pub mod finansiering;
pub mod forbrug;
pub mod kriterier;
pub mod regulering;
pub mod status;
pub mod takst;
pub mod takstanalyse;
pub mod tariff;
pub mod tilbud;
pub mod udgift;
pub mod udmelding;

use crate::values::reference::{Party, Reference};

/// The kommune a driftsherre counts under: units ("Aalborg ÆH") under their
/// kommune, a region on its own.
pub fn owner_name(party: &Party, reference: &Reference) -> String {
    reference.display_name(party)
}
