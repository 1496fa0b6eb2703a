//! ramme: validation and analyses for Danish rammeaftale secretariats.

pub mod finding;
pub mod input;
pub mod lang;
pub mod text;
