//! `omkostningskategorier`: when a report breaks its cost basis down (Løn
//! is given), the categories given, Regulering and the income included, add
//! up to the Takstgrundlag within `tolerance_kr` kroner (1). Income
//! (beboerbetaling, other revenue) reduces the basis whichever sign it is
//! written with; a Regulering counts with its sign (negative for an
//! overskud paid back). A Regulering alone is no breakdown.

use super::{dec, CheckKind, Def, Param, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules as msg;
use rust_decimal::Decimal;

pub(super) const KIND: CheckKind = CheckKind {
    name: "omkostningskategorier",
    params: &[Param {
        name: "tolerance_kr",
        default: dec(1, 0),
    }],
    code: Code::RuleError,
    compile,
};

/// The optional categories beside Løn, by role, in the order a message
/// lists them.
const CATEGORIES: [&str; 5] = [
    "oevrig_drift",
    "ejendom",
    "indirekte",
    "pension",
    "regulering",
];

#[derive(Debug)]
struct Omkostningskategorier {
    grundlag: usize,
    loen: usize,
    others: Vec<usize>,
    indtaegter: Option<usize>,
    tolerance_kr: Decimal,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    let mut others = Vec::new();
    for role in CATEGORIES {
        if let Some(f) = def.optional_field(role)? {
            others.push(f);
        }
    }
    Ok(Box::new(Omkostningskategorier {
        grundlag: def.field("grundlag")?,
        loen: def.field("loen")?,
        others,
        indtaegter: def.optional_field("indtaegter")?,
        tolerance_kr: def.param("tolerance_kr"),
    }))
}

impl RowCheck for Omkostningskategorier {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let basis = row.num(self.grundlag)?;
        let mut parts = vec![(row.label(self.loen), row.num(self.loen)?)];
        for f in &self.others {
            if let Some(amount) = row.num(*f) {
                parts.push((row.label(*f), amount));
            }
        }
        if let (Some(f), Some(income)) = (self.indtaegter, row.opt_num(self.indtaegter)) {
            parts.push((row.label(f), -income.abs()));
        }
        let mut sum = Decimal::ZERO;
        for (_, amount) in &parts {
            sum = sum.checked_add(*amount)?;
        }
        ((sum - basis).abs() > self.tolerance_kr).then(|| Violation {
            field: self.grundlag,
            message: msg::cost_categories(
                row.label(self.grundlag),
                basis,
                &parts,
                sum,
                self.tolerance_kr,
                lang,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::rules::testing::{num, Case};
    use crate::values::typed::Value;

    const FIELDS: [(&str, &str); 8] = [
        ("takstgrundlag", "money"),
        ("løn", "money"),
        ("drift", "money"),
        ("ejendom", "money"),
        ("indirekte", "money"),
        ("pension", "money"),
        ("regulering", "money"),
        ("indtægter", "money"),
    ];
    const RULE: &str = r#"
name = "omkostningskategorier"
check = "omkostningskategorier"
fields = { grundlag = "takstgrundlag", loen = "løn", oevrig_drift = "drift", ejendom = "ejendom", indirekte = "indirekte", pension = "pension", regulering = "regulering", indtaegter = "indtægter" }
"#;

    type Cells = [Option<Value<'static>>; 8];

    /// A basis of 1.000.000: Løn 700.000 + drift 200.000 + ejendom 80.000 +
    /// indirekte 50.000 − income 30.000.
    fn row(basis: &str) -> Cells {
        [
            num(basis),
            num("700000"),
            num("200000"),
            num("80000"),
            num("50000"),
            None,
            None,
            num("30000"),
        ]
    }

    #[test]
    fn one_krone_off_is_allowed_two_are_not() {
        let case = Case::new(&FIELDS, RULE);
        for (basis, found) in [
            ("1000000", false),
            ("1000001", false),
            ("999999", false),
            ("1000001.01", true),
            ("999998.99", true),
            ("1000002", true),
            ("999998", true),
        ] {
            assert_eq!(case.check(&row(basis)).is_some(), found, "{basis}");
        }
        let v = case.check(&row("1000002")).unwrap();
        assert_eq!(v.field, 0);
        assert_eq!(
            v.message,
            "Takstgrundlag 1.000.002,00 kr. svarer ikke til summen af omkostningskategorierne: \
             Løn 700.000,00 kr. + Drift 200.000,00 kr. + Ejendom 80.000,00 kr. + Indirekte \
             50.000,00 kr. − Indtægter 30.000,00 kr. = 1.000.000,00 kr. (forskel 2,00 kr., højst \
             1,00 kr. tilladt)."
        );
        let v = case.check_in(&row("999998"), Lang::En).unwrap();
        assert!(v
            .message
            .ends_with("= 1,000,000.00 kr. (off by 2.00 kr., at most 1.00 kr. allowed)."));
    }

    #[test]
    fn income_reduces_the_basis_whatever_its_sign_and_regulering_counts_with_its_sign() {
        let case = Case::new(&FIELDS, RULE);
        let mut negative_income = row("1000000");
        negative_income[7] = num("-30000");
        assert!(case.check(&negative_income).is_none());
        let mut with_regulering = row("950000");
        with_regulering[6] = num("-50000");
        assert!(case.check(&with_regulering).is_none());
        with_regulering[6] = num("50000");
        assert!(case.check(&with_regulering).is_some());
        let mut with_pension = row("1010000");
        with_pension[5] = num("10000");
        assert!(case.check(&with_pension).is_none());
    }

    #[test]
    fn without_loen_there_is_no_breakdown() {
        let case = Case::new(&FIELDS, RULE);
        // A Regulering alone (or other categories without Løn) is not judged.
        let mut only_regulering: Cells = Default::default();
        only_regulering[0] = num("1000000");
        only_regulering[6] = num("-50000");
        assert!(case.check(&only_regulering).is_none());
        let mut no_loen = row("5");
        no_loen[1] = None;
        assert!(case.check(&no_loen).is_none());
        // Nor is a row without a basis.
        let mut no_basis = row("1");
        no_basis[0] = None;
        assert!(case.check(&no_basis).is_none());
        let tolerance = format!("{RULE}params = {{ tolerance_kr = 5 }}\n");
        let case = Case::new(&FIELDS, &tolerance);
        assert!(case.check(&row("1000005")).is_none());
        assert!(case.check(&row("1000005.01")).is_some());
    }
}
