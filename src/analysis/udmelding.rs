//! The withdrawal procedure (the Nordjylland note on the strengthened cooperation (KKR, 2013), appendices 1 and 3):
//! requests only in allowed months of even years, one year's notice, effect
//! when an agreement period ends, the nødspor route, section 2's duties, and
//! each request's timeline through the årshjul.

use crate::dataset::{Section, WithdrawalRequest};
use chrono::{Datelike, Months, NaiveDate};

/// The procedure's settings (ramme.toml `[samarbejde]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// The first year of the first two-year agreement period (2018).
    pub period_start: i32,
    /// Years per agreement period (2).
    pub period_length: i32,
    /// Months in which requests may be filed (January–March).
    pub months: Vec<u32>,
    /// Requests only in even years.
    pub even_years: bool,
}

impl Default for Procedure {
    fn default() -> Self {
        Procedure {
            period_start: 2018,
            period_length: 2,
            months: vec![1, 2, 3],
            even_years: true,
        }
    }
}

impl Procedure {
    pub fn allowed(&self, filed: NaiveDate) -> bool {
        self.months.contains(&filed.month()) && (!self.even_years || filed.year() % 2 == 0)
    }

    /// 1 January after the end of the first agreement period that ends at
    /// least one year after the filing date.
    pub fn effective(&self, filed: NaiveDate) -> Option<NaiveDate> {
        let notice_ends = filed.checked_add_months(Months::new(12))?;
        let length = self.period_length.max(1);
        // The last year of the period that holds the notice's end.
        let offset = (notice_ends.year() - self.period_start).rem_euclid(length);
        let last_year = notice_ends.year() + (length - 1 - offset);
        NaiveDate::from_ymd_opt(last_year + 1, 1, 1)
    }

    /// The next filing window at or after a date.
    pub fn next_window(&self, after: NaiveDate) -> Option<NaiveDate> {
        let first_month = *self.months.iter().min()?;
        (after.year()..after.year() + 4)
            .filter(|y| !self.even_years || y % 2 == 0)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, first_month, 1))
            .find(|d| {
                let last_month = self.months.iter().max().copied().unwrap_or(first_month);
                NaiveDate::from_ymd_opt(d.year(), last_month, 1).is_some_and(|end| {
                    end.year() > after.year() || end >= after.with_day(1).unwrap_or(after)
                })
            })
    }
}

/// A step of the årshjul, from one date to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub name: StepName,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepName {
    Filed,
    ExpertPanel,
    Das,
    Political,
    Effect,
}

/// What the secretariat must know about a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    OutsideWindow {
        next: Option<NaiveDate>,
    },
    NoHandling,
    NoCompetingAnswer,
    /// The kommune will open a competing offer; bound until this date.
    CompetingBoundUntil(Option<NaiveDate>),
    Nødspor,
    NotCovered,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    pub request: WithdrawalRequest,
    pub allowed: bool,
    pub effective: Option<NaiveDate>,
    pub nødspor: bool,
    pub notes: Vec<Note>,
    pub timeline: Vec<Step>,
}

fn month(year: i32, from: u32, to: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(year, from, 1)?;
    let end = NaiveDate::from_ymd_opt(year, to, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()?;
    Some((start, end))
}

/// Assesses one request. `covered` tells whether its offer is in the
/// strengthened cooperation (None: not checked).
pub fn assess(p: &Procedure, r: &WithdrawalRequest, covered: Option<bool>) -> Assessed {
    let allowed = p.allowed(r.indmeldt);
    let effective = if allowed {
        p.effective(r.indmeldt)
    } else {
        None
    };
    let mut notes = Vec::new();
    if !allowed {
        notes.push(Note::OutsideWindow {
            next: p.next_window(r.indmeldt),
        });
    }
    if r.afsnit == Section::Kommune {
        if r.haandtering.is_none() {
            notes.push(Note::NoHandling);
        }
        match r.konkurrerende_tilbud {
            None => notes.push(Note::NoCompetingAnswer),
            Some(true) => notes.push(Note::CompetingBoundUntil(
                effective.and_then(|d| d.pred_opt()),
            )),
            Some(false) => {}
        }
    }
    let nødspor = r.afsnit == Section::Driftsherre
        && r.ikke_rentabelt == Some(true)
        && r.kommuner_oensker_bevaret == Some(true);
    if nødspor {
        notes.push(Note::Nødspor);
    }
    if covered == Some(false) {
        notes.push(Note::NotCovered);
    }
    let year = r.indmeldt.year();
    let mut timeline = vec![Step {
        name: StepName::Filed,
        from: r.indmeldt,
        to: r.indmeldt,
    }];
    if allowed {
        for (name, from, to) in [
            (StepName::ExpertPanel, 3, 3),
            (StepName::Das, 5, 5),
            (StepName::Political, 8, 10),
        ] {
            if let Some((start, end)) = month(year, from, to) {
                timeline.push(Step {
                    name,
                    from: start,
                    to: end,
                });
            }
        }
        if let Some(d) = effective {
            timeline.push(Step {
                name: StepName::Effect,
                from: d,
                to: d,
            });
        }
    }
    Assessed {
        request: r.clone(),
        allowed,
        effective,
        nødspor,
        notes,
        timeline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn windows_and_effective_dates() {
        let p = Procedure::default();
        for (filed, allowed, effective) in [
            (d(2018, 2, 15), true, d(2020, 1, 1)),
            (d(2020, 1, 10), true, d(2022, 1, 1)),
            (d(2020, 3, 31), true, d(2022, 1, 1)),
            (d(2018, 1, 1), true, d(2020, 1, 1)),
            (d(2019, 2, 15), false, d(2022, 1, 1)),
            (d(2018, 5, 2), false, d(2020, 1, 1)),
            (d(2018, 12, 31), false, d(2020, 1, 1)),
        ] {
            assert_eq!(p.allowed(filed), allowed, "{filed}");
            assert_eq!(p.effective(filed), Some(effective), "{filed}");
        }
        // Periods 2019–20, 2021–22: notice to 2021-01-10 ends with 2022.
        let p2019 = Procedure {
            period_start: 2019,
            ..Procedure::default()
        };
        assert_eq!(p2019.effective(d(2020, 1, 10)), Some(d(2023, 1, 1)));
        assert_eq!(p2019.effective(d(2019, 12, 31)), Some(d(2021, 1, 1)));
    }

    #[test]
    fn next_window() {
        let p = Procedure::default();
        assert_eq!(p.next_window(d(2019, 2, 15)), Some(d(2020, 1, 1)));
        assert_eq!(p.next_window(d(2018, 5, 2)), Some(d(2020, 1, 1)));
    }
}
