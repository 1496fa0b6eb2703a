//! Who has sent what: the senders of submitted files, read from their
//! content (the Driftsherre of a takstindberetning, the Betalingskommune of
//! a borgerliste, the Navn of an udmelding; never the file's name), and the
//! matrix of expected senders × submission types against a deadline.

use crate::validate::typed::{TypedRow, Value};
use crate::validate::{RowConsumer, SheetContext};
use crate::values::reference::{Party, Reference};
use std::collections::HashMap;

/// The field that names a submission's sender, per schema.
pub fn sender_field(schema: &str) -> Option<&'static str> {
    match schema {
        "takstindberetning" => Some("driftsherre"),
        "borgerliste" => Some("betalingskommune"),
        "udmelding" => Some("navn"),
        _ => None,
    }
}

/// A sender's party and canonical name as written anywhere ("Aalborg
/// Kommune" → Aalborg; "aalborg æh" → "Aalborg æh" with Aalborg; "Region
/// Nordjylland"), so names in files and in ramme.toml meet.
pub fn sender_name(reference: &Reference, written: &str) -> Option<(Party, String)> {
    let m = reference.party(written).ok()?;
    let base = reference.display_name(&m.party);
    let name = match m.unit {
        Some(unit) => format!("{base} {unit}"),
        None => base,
    };
    Some((m.party, name))
}

/// A sender's contact from `[status]`: "Navn <e-mail>", the name or the
/// e-mail; and the person's name alone, for a letter's greeting.
pub fn contact_for(
    reference: &Reference,
    config: &crate::config::StatusConfig,
    sender: &str,
) -> Option<(String, Option<String>)> {
    let entry = config.senders.iter().find(|s| {
        sender_name(reference, &s.name).map(|(_, n)| n.to_lowercase())
            == Some(sender.to_lowercase())
            || s.name.trim().eq_ignore_ascii_case(sender)
    })?;
    let contact = match (&entry.contact, &entry.email) {
        (Some(c), Some(e)) => format!("{c} <{e}>"),
        (Some(c), None) => c.clone(),
        (None, Some(e)) => e.clone(),
        (None, None) => return None,
    };
    Some((contact, entry.contact.clone()))
}

/// A sender as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSender {
    /// "Aalborg", "Aalborg ÆH" (a unit), "Region Nordjylland".
    pub name: String,
    /// The kommune or region the sender belongs to ("Aalborg" for "Aalborg ÆH").
    pub party: Party,
    /// The name of the party alone ("Aalborg").
    pub party_name: String,
    pub schema: String,
    /// Rows of this sender in the file.
    pub rows: u64,
}

impl FoundSender {
    /// How a letter addresses the sender: "Thisted Kommune", "Region
    /// Nordjylland", "Aalborg ÆH".
    pub fn addressee(&self) -> String {
        match self.party {
            Party::Kommune(_) if self.name == self.party_name => {
                format!("{} Kommune", self.name)
            }
            _ => self.name.clone(),
        }
    }
}

/// Consecutive rows of one sender in one sheet, to attribute findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRun {
    pub sheet: Option<String>,
    pub first: u32,
    pub last: u32,
    /// Index into [`SenderCollector::found`].
    pub sender: usize,
}

/// Reads the senders of one file from its typed rows (a [`RowConsumer`]
/// for `Validator::validate_file`). Rows whose sender cell is blank or
/// unreadable name no sender.
pub struct SenderCollector<'r> {
    reference: &'r Reference,
    pub found: Vec<FoundSender>,
    pub runs: Vec<RowRun>,
    /// The written name → index into `found`, so a name is resolved once.
    seen: HashMap<(String, String), usize>,
    field: Option<(usize, usize)>,
}

impl<'r> SenderCollector<'r> {
    pub fn new(reference: &'r Reference) -> Self {
        SenderCollector {
            reference,
            found: Vec::new(),
            runs: Vec::new(),
            seen: HashMap::new(),
            field: None,
        }
    }

    /// The sender of a row of a sheet, if known.
    pub fn sender_of(&self, sheet: Option<&str>, row: u32) -> Option<usize> {
        self.runs
            .iter()
            .find(|r| r.sheet.as_deref() == sheet && r.first <= row && row <= r.last)
            .map(|r| r.sender)
    }

    fn index(&mut self, schema: &str, party: Party, written: &str) -> usize {
        let key = (schema.to_string(), written.trim().to_string());
        if let Some(i) = self.seen.get(&key) {
            return *i;
        }
        let party_name = self.reference.display_name(&party);
        let name = sender_name(self.reference, written)
            .map(|(_, name)| name)
            .unwrap_or_else(|| party_name.clone());
        let i = match self
            .found
            .iter()
            .position(|f| f.name == name && f.schema == schema)
        {
            Some(i) => i,
            None => {
                self.found.push(FoundSender {
                    name,
                    party,
                    party_name,
                    schema: schema.to_string(),
                    rows: 0,
                });
                self.found.len() - 1
            }
        };
        self.seen.insert(key, i);
        i
    }
}

impl RowConsumer for SenderCollector<'_> {
    fn row(&mut self, context: &SheetContext<'_>, row: &TypedRow<'_, '_>) {
        let Some(field_name) = sender_field(&context.schema.name) else {
            return;
        };
        let schema_id = std::ptr::from_ref(context.schema) as usize;
        let field = match self.field {
            Some((id, field)) if id == schema_id => field,
            _ => match context.schema.field_index(field_name) {
                Some(field) => {
                    self.field = Some((schema_id, field));
                    field
                }
                None => return,
            },
        };
        let Some(Value::Party { party, written }) = row.get(field) else {
            return;
        };
        let i = self.index(&context.schema.name, *party, written);
        if let Some(found) = self.found.get_mut(i) {
            found.rows += 1;
        }
        match self.runs.last_mut() {
            Some(run)
                if run.sender == i
                    && run.sheet.as_deref() == context.sheet
                    && run.last < row.number =>
            {
                run.last = row.number;
            }
            _ => self.runs.push(RowRun {
                sheet: context.sheet.map(str::to_string),
                first: row.number,
                last: row.number,
                sender: i,
            }),
        }
    }
}
