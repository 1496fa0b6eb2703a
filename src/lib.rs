//! ramme: validation and analyses for Danish rammeaftale secretariats.

pub mod cpr;
pub mod finding;
pub mod input;
pub mod lang;
pub mod text;
pub mod values;
