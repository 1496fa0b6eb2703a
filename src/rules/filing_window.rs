//! `filing-window`: a date falls in the allowed `months` (default
//! January–March) and, with `even_years`, in an even year. A procedure
//! error: the row's data stay sound.

use super::{CheckKind, Def, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;
use crate::values::typed::Value;
use chrono::Datelike;

pub(super) const KIND: CheckKind = CheckKind {
    name: "filing-window",
    params: &[],
    code: Code::ProcedureError,
    compile,
};

/// The months when the schema names none.
const DEFAULT_MONTHS: [u32; 3] = [1, 2, 3];

#[derive(Debug)]
struct FilingWindow {
    date: usize,
    months: Vec<u32>,
    even_years: bool,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    let months = match def.def.months.as_slice() {
        [] => DEFAULT_MONTHS.to_vec(),
        given => given.to_vec(),
    };
    if let Some(m) = months.iter().find(|m| !(1..=12).contains(*m)) {
        return Err(def.err(format!("months: {m} is no month (1–12)")));
    }
    Ok(Box::new(FilingWindow {
        date: def.field("date")?,
        months,
        even_years: def.def.even_years,
    }))
}

impl RowCheck for FilingWindow {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let d = row.value(self.date).and_then(Value::as_date)?;
        let month_ok = self.months.contains(&d.month());
        let year_ok = !self.even_years || d.year() % 2 == 0;
        if month_ok && year_ok {
            return None;
        }
        Some(Violation {
            field: self.date,
            message: msg::filing_window(
                row.label(self.date),
                d,
                &self.months,
                self.even_years,
                lang,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Code;
    use crate::lang::Lang;
    use crate::messages::rules::month_span;
    use crate::rules::testing::{date, Case};

    const FIELDS: [(&str, &str); 1] = [("indmeldt", "date")];
    const RULE: &str = r#"
name = "udmeldingsvindue"
check = "filing-window"
fields = { date = "indmeldt" }
even_years = true
"#;

    #[test]
    fn the_window_is_pinned_at_its_edges() {
        let case = Case::new(&FIELDS, RULE);
        assert_eq!(case.rule.code, Code::ProcedureError);
        for ((y, m, d), found) in [
            ((2018, 1, 1), false),
            ((2018, 3, 31), false),
            ((2018, 4, 1), true),
            ((2017, 12, 31), true),
            ((2017, 2, 1), true), // an odd year
        ] {
            assert_eq!(case.check(&[date(y, m, d)]).is_some(), found, "{y}-{m}-{d}");
        }
        let v = case.check(&[date(2018, 4, 1)]).unwrap();
        assert_eq!(
            v.message,
            "Indmeldt 01-04-2018 ligger uden for vinduet: udmeldinger kan kun indgives i \
             januar–marts i lige år."
        );
        let v = case.check_in(&[date(2017, 2, 1)], Lang::En).unwrap();
        assert_eq!(
            v.message,
            "Indmeldt 01-02-2017 is outside the window: withdrawals may only be filed in \
             January–March of even years."
        );
    }

    #[test]
    fn other_months_from_the_schema() {
        let rule = "name = \"v\"\ncheck = \"filing-window\"\nfields = { date = \"indmeldt\" }\nmonths = [9, 3]\n";
        let case = Case::new(&FIELDS, rule);
        assert!(case.check(&[date(2017, 9, 30)]).is_none());
        let v = case.check(&[date(2017, 4, 1)]).unwrap();
        assert!(
            v.message.ends_with("kan kun indgives i marts, september."),
            "{}",
            v.message
        );
        let rule = rule.replace("[9, 3]", "[13]");
        assert!(Case::error(&FIELDS, &rule).contains("13 is no month"));
    }

    #[test]
    fn the_month_text() {
        for (months, da, en) in [
            (&[1, 2, 3][..], "januar–marts", "January–March"),
            (&[3, 1, 2, 2][..], "januar–marts", "January–March"),
            (&[12][..], "december", "December"),
            (&[1, 3][..], "januar, marts", "January, March"),
            (&[11, 12][..], "november–december", "November–December"),
        ] {
            assert_eq!(month_span(months, Lang::Da), da, "{months:?}");
            assert_eq!(month_span(months, Lang::En), en, "{months:?}");
        }
    }
}
