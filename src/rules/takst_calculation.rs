//! `takst-calculation`: a tariff follows from its cost basis, Takst =
//! Takstgrundlag / (Pladser × days × Belægningsprocent / 100), within
//! `tolerance_pct` percent of the expected tariff. The days are `days` when
//! the schema sets it, else the days of the row's year (`fields.aar`; 366
//! in a leap year), 365 without a year.

use super::{dec, deviation_pct, CheckKind, Def, Param, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules::{self as msg, TakstCalculation as Figures};
use rust_decimal::Decimal;

pub(super) const KIND: CheckKind = CheckKind {
    name: "takst-calculation",
    params: &[
        Param {
            name: "days",
            default: dec(365, 0),
        },
        Param {
            name: "tolerance_pct",
            default: dec(1, 0),
        },
    ],
    code: Code::RuleError,
    compile,
};

#[derive(Debug)]
struct TakstCalculation {
    takst: usize,
    grundlag: usize,
    pladser: usize,
    belaegning: usize,
    /// The row's year, when the rule names its field.
    year: Option<usize>,
    /// Days a year set in the schema; else the days of the row's year.
    days: Option<Decimal>,
    tolerance_pct: Decimal,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    Ok(Box::new(TakstCalculation {
        takst: def.field("takst")?,
        grundlag: def.field("grundlag")?,
        pladser: def.field("pladser")?,
        belaegning: def.field("belaegning")?,
        year: def.optional_field("aar")?,
        days: def.def.params.get("days").copied(),
        tolerance_pct: def.param("tolerance_pct"),
    }))
}

impl RowCheck for TakstCalculation {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let (t, g) = (row.num(self.takst)?, row.num(self.grundlag)?);
        let (p, b) = (row.num(self.pladser)?, row.num(self.belaegning)?);
        let days = self.days.unwrap_or_else(|| {
            let year = self
                .year
                .and_then(|f| row.num(f))
                .and_then(|y| rust_decimal::prelude::ToPrimitive::to_i32(&y.trunc()));
            Decimal::from(year.map_or(365, crate::values::date::days_in_year))
        });
        let divisor = p
            .checked_mul(days)?
            .checked_mul(b)?
            .checked_div(Decimal::ONE_HUNDRED)?;
        if divisor.is_zero() {
            return None;
        }
        let expected = g.checked_div(divisor)?;
        let deviation = deviation_pct(t, expected)?;
        (deviation > self.tolerance_pct).then(|| Violation {
            field: self.takst,
            message: msg::takst_calculation(
                &Figures {
                    label: row.label(self.takst),
                    takst: t,
                    grundlag: g,
                    pladser: p,
                    days,
                    belaegning: b,
                    expected,
                    deviation,
                    tolerance_pct: self.tolerance_pct,
                },
                lang,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{num, Case};

    const RULE: &str = r#"
name = "doegntakst-beregning"
check = "takst-calculation"
fields = { takst = "takst", grundlag = "grundlag", pladser = "pladser", belaegning = "belaegning" }
"#;
    const FIELDS: [(&str, &str); 4] = [
        ("takst", "money"),
        ("grundlag", "money"),
        ("pladser", "number"),
        ("belaegning", "percent"),
    ];

    /// 10 places × 365 days × 100 % for 7.300.000 kr.: 2.000 kr. a day.
    #[test]
    fn the_tolerance_is_pinned_on_both_sides() {
        let case = Case::new(&FIELDS, RULE);
        for (takst, warned) in [
            ("2000", false),
            ("2020", false),   // exactly 1 % over
            ("1980", false),   // exactly 1 % under
            ("2020.01", true), // just over
            ("1979.99", true), // just under
            ("2500", true),
        ] {
            let row = [num(takst), num("7300000"), num("10"), num("100")];
            assert_eq!(case.check(&row).is_some(), warned, "takst {takst}");
        }
    }

    #[test]
    fn the_message_shows_the_figures_and_the_schemas_tolerance() {
        let row = [num("2500"), num("7300000"), num("10"), num("100")];
        let v = Case::new(&FIELDS, RULE).check(&row).unwrap();
        assert_eq!(v.field, 0);
        assert_eq!(
            v.message,
            "Takst 2.500,00 kr. svarer ikke til takstgrundlaget: 7.300.000,00 kr. / (10 pladser × \
             365 dage × 100,00 %) = 2.000,00 kr. (afvigelse 25,00 %, højst 1,00 % tilladt)."
        );
        // Another tolerance and year length in the schema: the check and
        // the message follow. 7.320.000 / (10 × 366 × 100 %) = 2.000.
        let rule = format!("{RULE}params = {{ tolerance_pct = 2.5, days = 366 }}\n");
        let case = Case::new(&FIELDS, &rule);
        let row = |takst| [num(takst), num("7320000"), num("10"), num("100")];
        assert!(case.check(&row("2050")).is_none());
        assert!(case.check(&row("2050.01")).is_some());
        let v = case.check(&row("2052")).unwrap();
        assert!(
            v.message.contains(
                "366 dage × 100,00 %) = 2.000,00 kr. (afvigelse 2,60 %, højst 2,50 % tilladt)"
            ),
            "{}",
            v.message
        );
    }

    #[test]
    fn blank_or_zero_figures_are_not_judged() {
        let case = Case::new(&FIELDS, RULE);
        assert!(case
            .check(&[num("2500"), None, num("10"), num("100")])
            .is_none());
        assert!(case
            .check(&[num("2500"), num("7300000"), num("0"), num("100")])
            .is_none());
    }
}
