//! Report writers: the same result types rendered as text for a person,
//! JSON and CSV for scripts, Markdown for agendas and xlsx for the annexes.
//! Writers write to any `impl Write`; where the bytes go is `output`'s job.

pub mod analysis;
pub mod annotate;
pub mod bilag;
pub mod chart;
pub mod findings_xlsx;
pub mod forbrug;
pub mod regulering;
pub mod samarbejde;
pub mod skabelon;
pub mod status;
pub mod style;
pub mod table;
pub mod takst;
pub mod takstanalyse;
pub mod terminal;
pub mod tilbud;
pub mod udgift;
pub mod validation;
pub mod xlsx;
