//! Who has sent what: the senders of submitted files, read from their
//! content (the Driftsherre of a takstindberetning, the Betalingskommune of
//! a borgerliste, the Navn of an udmelding; never the file's name), and the
//! matrix of expected senders × submission types against a deadline.

use crate::validate::{RowConsumer, SheetContext};
use crate::values::reference::{Party, Reference};
use crate::values::typed::{TypedRow, Value};
use std::collections::HashMap;

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
        let Some(field_name) = context.schema.sender.as_deref() else {
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

/// A sender the secretariat waits for, and what it should send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedSender {
    /// The canonical name ("Aalborg", "Aalborg ÆH", "Region Nordjylland").
    pub name: String,
    pub schemas: Vec<String>,
    /// "Navn <e-mail>", when `[status]` names one.
    pub contact: Option<String>,
}

/// One submitted file: what it is, who it is from, and when it came.
#[derive(Debug, Clone)]
pub struct SubmittedFile {
    pub path: String,
    /// The recognised schemas of its sheets.
    pub schemas: Vec<String>,
    /// Whether one of them names a sender (`sender` in its schema).
    pub has_sender_field: bool,
    /// Each sender found in it with its rows, errors and warnings.
    pub senders: Vec<SenderCounts>,
    /// All the file's errors and warnings.
    pub errors: u64,
    pub warnings: u64,
    /// The file's modification date.
    pub modified: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderCounts {
    pub name: String,
    /// The party's own name, for a unit not expected on its own.
    pub party_name: String,
    pub schema: String,
    pub rows: u64,
    pub errors: u64,
    pub warnings: u64,
}

/// Splits a file's findings over its senders: a finding in a sender's rows
/// is that sender's; one outside any sender's rows (the file, a sheet, the
/// header) concerns every sender of the file.
pub fn counts_by_sender(
    collector: &SenderCollector<'_>,
    findings: &[crate::finding::Finding],
) -> Vec<SenderCounts> {
    use crate::finding::Severity;
    let mut counts: Vec<SenderCounts> = collector
        .found
        .iter()
        .map(|f| SenderCounts {
            name: f.name.clone(),
            party_name: f.party_name.clone(),
            schema: f.schema.clone(),
            rows: f.rows,
            errors: 0,
            warnings: 0,
        })
        .collect();
    for finding in findings {
        let owner = finding
            .location
            .row
            .and_then(|row| collector.sender_of(finding.location.sheet.as_deref(), row));
        for (i, c) in counts.iter_mut().enumerate() {
            if owner.is_some_and(|o| o != i) {
                continue;
            }
            match finding.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => {}
            }
        }
    }
    counts
}

/// The state of one expected submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionStatus {
    Ok,
    Errors,
    Missing,
}

impl SubmissionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Ok => "ok",
            SubmissionStatus::Errors => "errors",
            SubmissionStatus::Missing => "missing",
        }
    }
}

/// What one sender delivered of one submission type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub schema: String,
    pub files: u64,
    pub rows: u64,
    pub errors: u64,
    pub warnings: u64,
    pub status: SubmissionStatus,
    /// The latest modification date of its files.
    pub modified: Option<chrono::NaiveDate>,
    /// A file came after the deadline.
    pub late: bool,
    /// Whether the sender is expected to send this type.
    pub expected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderStatus {
    pub sender: String,
    pub contact: Option<String>,
    /// False for a sender found in a file but not expected.
    pub expected: bool,
    pub submissions: Vec<Submission>,
}

/// A file and the senders it counts for, against the deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStatus {
    pub path: String,
    pub schemas: Vec<String>,
    /// Whether its schemas name a sender (so "no sender found" means something).
    pub has_sender_field: bool,
    pub senders: Vec<String>,
    pub errors: u64,
    pub warnings: u64,
    pub modified: Option<chrono::NaiveDate>,
    pub late: bool,
}

/// Who has sent what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    pub region: Option<String>,
    pub deadline: Option<chrono::NaiveDate>,
    /// The submission types in the matrix, in order.
    pub schemas: Vec<String>,
    pub senders: Vec<SenderStatus>,
    pub files: Vec<FileStatus>,
}

impl StatusReport {
    /// (sender, schema, contact) of every expected submission not delivered.
    pub fn missing(&self) -> Vec<(&SenderStatus, &Submission)> {
        self.with_status(SubmissionStatus::Missing)
    }

    /// Delivered submissions that must be sent again.
    pub fn faulty(&self) -> Vec<(&SenderStatus, &Submission)> {
        self.with_status(SubmissionStatus::Errors)
    }

    fn with_status(&self, status: SubmissionStatus) -> Vec<(&SenderStatus, &Submission)> {
        self.senders
            .iter()
            .flat_map(|s| s.submissions.iter().map(move |sub| (s, sub)))
            .filter(|(_, sub)| sub.status == status)
            .collect()
    }

    /// Files that name no sender and have errors (unreadable, no header …).
    pub fn faulty_unattributed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.senders.is_empty() && f.errors > 0)
            .count()
    }

    /// Anything missing or with errors: exit code 1.
    pub fn needs_action(&self) -> bool {
        !self.missing().is_empty() || !self.faulty().is_empty() || self.faulty_unattributed() > 0
    }
}

/// Matches the files' senders to the expected senders and fills the matrix.
/// A found sender counts for the expected sender of the same name, else (a
/// unit not listed on its own) for its kommune, else it is listed as not
/// expected.
pub fn compute(
    region: Option<String>,
    deadline: Option<chrono::NaiveDate>,
    expected: &[ExpectedSender],
    files: &[SubmittedFile],
) -> StatusReport {
    let mut senders: Vec<SenderStatus> = expected
        .iter()
        .map(|e| SenderStatus {
            sender: e.name.clone(),
            contact: e.contact.clone(),
            expected: true,
            submissions: e
                .schemas
                .iter()
                .map(|schema| empty_submission(schema, true))
                .collect(),
        })
        .collect();
    let find = |senders: &[SenderStatus], name: &str| {
        senders
            .iter()
            .position(|s| s.sender.to_lowercase() == name.to_lowercase())
    };
    let late_of = |modified: Option<chrono::NaiveDate>| match (modified, deadline) {
        (Some(m), Some(d)) => m > d,
        _ => false,
    };
    let mut file_statuses = Vec::new();
    for file in files {
        let late = late_of(file.modified);
        // (sender, schema) pairs this file already counted for: a file with
        // two units of one kommune is still one file of that kommune.
        let mut counted: Vec<(usize, String)> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for c in &file.senders {
            let i = match find(&senders, &c.name).or_else(|| find(&senders, &c.party_name)) {
                Some(i) => i,
                None => {
                    senders.push(SenderStatus {
                        sender: c.name.clone(),
                        contact: None,
                        expected: false,
                        submissions: Vec::new(),
                    });
                    senders.len() - 1
                }
            };
            let first_time = !counted.contains(&(i, c.schema.clone()));
            counted.push((i, c.schema.clone()));
            let Some(sender) = senders.get_mut(i) else {
                continue;
            };
            if !names.contains(&sender.sender) {
                names.push(sender.sender.clone());
            }
            let j = match sender.submissions.iter().position(|s| s.schema == c.schema) {
                Some(j) => j,
                None => {
                    sender.submissions.push(empty_submission(&c.schema, false));
                    sender.submissions.len() - 1
                }
            };
            let Some(sub) = sender.submissions.get_mut(j) else {
                continue;
            };
            sub.rows += c.rows;
            sub.errors += c.errors;
            sub.warnings += c.warnings;
            sub.modified = sub.modified.max(file.modified);
            sub.late |= late;
            if first_time {
                sub.files += 1;
            }
        }
        names.sort();
        file_statuses.push(FileStatus {
            path: file.path.clone(),
            schemas: file.schemas.clone(),
            has_sender_field: file.has_sender_field,
            senders: names,
            errors: file.errors,
            warnings: file.warnings,
            modified: file.modified,
            late,
        });
    }
    for sender in &mut senders {
        for sub in &mut sender.submissions {
            sub.status = if sub.files == 0 {
                SubmissionStatus::Missing
            } else if sub.errors > 0 {
                SubmissionStatus::Errors
            } else {
                SubmissionStatus::Ok
            };
        }
    }
    let mut schemas: Vec<String> = Vec::new();
    for s in &senders {
        for sub in &s.submissions {
            if !schemas.contains(&sub.schema) {
                schemas.push(sub.schema.clone());
            }
        }
    }
    let order = |s: &str| match s {
        "takstindberetning" => 0,
        "borgerliste" => 1,
        "udmelding" => 2,
        _ => 3,
    };
    schemas.sort_by_key(|s| order(s));
    // Expected senders by name (the region after its kommuner), then the
    // ones nobody expected.
    senders.sort_by_cached_key(|s| {
        (
            !s.expected,
            s.sender.starts_with("Region "),
            danish_sort_key(&s.sender),
        )
    });
    for s in &mut senders {
        s.submissions.sort_by_key(|sub| order(&sub.schema));
    }
    StatusReport {
        region,
        deadline,
        schemas,
        senders,
        files: file_statuses,
    }
}

fn empty_submission(schema: &str, expected: bool) -> Submission {
    Submission {
        schema: schema.to_string(),
        files: 0,
        rows: 0,
        errors: 0,
        warnings: 0,
        status: SubmissionStatus::Missing,
        modified: None,
        late: false,
        expected,
    }
}

/// A name's sort key in Danish alphabetical order (æ, ø, å after z).
fn danish_sort_key(name: &str) -> Vec<u32> {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' => u32::from('z') + 1,
            'ø' => u32::from('z') + 2,
            'å' => u32::from('z') + 3,
            c => u32::from(c),
        })
        .collect()
}
