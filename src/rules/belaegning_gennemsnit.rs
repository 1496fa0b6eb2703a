//! `belaegning-gennemsnit`: when a report has the actual occupancy of the
//! two previous years, the budgeted occupancy is their average, at most
//! `tolerance_points` percentage points (1) off.

use super::{dec, CheckKind, Def, Param, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;
use rust_decimal::Decimal;

pub(super) const KIND: CheckKind = CheckKind {
    name: "belaegning-gennemsnit",
    params: &[Param {
        name: "tolerance_points",
        default: dec(1, 0),
    }],
    code: Code::RuleError,
    compile,
};

#[derive(Debug)]
struct BelaegningGennemsnit {
    budget: usize,
    actual: [usize; 2],
    tolerance_points: Decimal,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    Ok(Box::new(BelaegningGennemsnit {
        budget: def.field("belaegning")?,
        actual: [def.field("faktisk_1")?, def.field("faktisk_2")?],
        tolerance_points: def.param("tolerance_points"),
    }))
}

impl RowCheck for BelaegningGennemsnit {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let budget = row.num(self.budget)?;
        let actual = [row.num(self.actual[0])?, row.num(self.actual[1])?];
        let sum = actual[0].checked_add(actual[1])?;
        let average = sum.checked_div(Decimal::TWO)?;
        ((budget - average).abs() > self.tolerance_points).then(|| Violation {
            field: self.budget,
            message: msg::occupancy_average(
                row.label(self.budget),
                budget,
                actual,
                average,
                self.tolerance_points,
                lang,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{num, Case};

    const FIELDS: [(&str, &str); 3] = [
        ("belægningsprocent", "percent"),
        ("faktisk 1", "percent"),
        ("faktisk 2", "percent"),
    ];
    const RULE: &str = r#"
name = "belaegning-gennemsnit"
check = "belaegning-gennemsnit"
fields = { belaegning = "belægningsprocent", faktisk_1 = "faktisk 1", faktisk_2 = "faktisk 2" }
"#;

    /// 92 % and 94 % the two years before: an average of 93 %.
    #[test]
    fn one_point_from_the_average_is_pinned() {
        let case = Case::new(&FIELDS, RULE);
        for (budget, found) in [
            ("93", false),
            ("94", false),   // exactly 1 point over
            ("92", false),   // exactly 1 point under
            ("94.01", true), // just over
            ("91.99", true), // just under
            ("97", true),
        ] {
            let row = [num(budget), num("92"), num("94")];
            assert_eq!(case.check(&row).is_some(), found, "{budget}");
        }
        assert!(case.check(&[num("97"), num("92"), None]).is_none());
        let v = case.check(&[num("97"), num("92"), num("94")]).unwrap();
        assert_eq!(v.field, 0);
        assert_eq!(
            v.message,
            "Belægningsprocent 97,00 % bør svare til gennemsnittet af de to foregående års \
             faktiske belægning (92,00 % og 94,00 %) = 93,00 %, højst 1 procentpoint fra."
        );
        let case = Case::new(
            &FIELDS,
            &format!("{RULE}params = {{ tolerance_points = 0.5 }}\n"),
        );
        assert!(case.check(&[num("93.5"), num("92"), num("94")]).is_none());
        let v = case.check(&[num("93.51"), num("92"), num("94")]).unwrap();
        assert!(
            v.message.ends_with("højst 0,5 procentpoint fra."),
            "{}",
            v.message
        );
    }
}
