//! Criteria for the most specialised offers (the Nordjylland note on the strengthened cooperation (KKR, 2013), tables 1–2):
//! A = A1 or A2 or A3; B = B1; C = C1 and C2; eligible when A and B and C,
//! or as a new offer with DAS's dispensation.

use crate::dataset::Assessment;
use rust_decimal::Decimal;

/// Why an offer is eligible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Kriterier,
    Dispensation,
}

/// Something the secretariat should look at.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A dispensation is only for new offers.
    DispensationNotNew,
    /// A1 claimed with more cases a year than the indicator allows.
    A1AboveIndicator { cases: Decimal, indicator: Decimal },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Eligibility {
    pub assessment: Assessment,
    pub a: bool,
    pub b: bool,
    pub c: bool,
    pub eligible: bool,
    pub basis: Option<Basis>,
    /// The failing categories: "A", "B", "C".
    pub missing: Vec<&'static str>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KriterierResult {
    pub offers: Vec<Eligibility>,
    pub population: Option<Decimal>,
    /// Cases a year the A1 indicator allows: population / indicator_per.
    pub indicator_cases: Option<Decimal>,
    pub indicator_per: Decimal,
}

/// The default A1 indicator: one case a year per 40.000 inhabitants.
pub const INDICATOR_PER: u32 = 40_000;

pub fn assess(a: &Assessment, indicator_cases: Option<Decimal>) -> Eligibility {
    let cat_a = a.a1 || a.a2 || a.a3;
    let cat_b = a.b1;
    let cat_c = a.c1 && a.c2;
    let by_criteria = cat_a && cat_b && cat_c;
    let by_dispensation = a.nyt_tilbud && a.dispensation;
    let missing = [("A", cat_a), ("B", cat_b), ("C", cat_c)]
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(name, _)| *name)
        .collect();
    let mut warnings = Vec::new();
    if a.dispensation && !a.nyt_tilbud {
        warnings.push(Warning::DispensationNotNew);
    }
    if let (true, Some(cases), Some(indicator)) = (a.a1, a.tilfaelde_pr_aar, indicator_cases) {
        if cases > indicator {
            warnings.push(Warning::A1AboveIndicator { cases, indicator });
        }
    }
    Eligibility {
        assessment: a.clone(),
        a: cat_a,
        b: cat_b,
        c: cat_c,
        eligible: by_criteria || by_dispensation,
        basis: if by_criteria {
            Some(Basis::Kriterier)
        } else if by_dispensation {
            Some(Basis::Dispensation)
        } else {
            None
        },
        missing,
        warnings,
    }
}

pub fn analyse(
    rows: &[Assessment],
    population: Option<Decimal>,
    indicator_per: Decimal,
) -> KriterierResult {
    let indicator_cases = population.and_then(|p| p.checked_div(indicator_per));
    KriterierResult {
        offers: rows.iter().map(|a| assess(a, indicator_cases)).collect(),
        population,
        indicator_cases,
        indicator_per,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::reference::Party;

    fn assessment(flags: [bool; 8], cases: Option<i64>) -> Assessment {
        let [a1, a2, a3, b1, c1, c2, nyt_tilbud, dispensation] = flags;
        Assessment {
            row: 2,
            tilbudsnr: "1".into(),
            tilbudsnavn: "Center".into(),
            driftsherre: "Aalborg".into(),
            party: Party::Kommune(851),
            a1,
            a2,
            a3,
            b1,
            c1,
            c2,
            nyt_tilbud,
            dispensation,
            tilfaelde_pr_aar: cases.map(Decimal::from),
        }
    }

    #[test]
    fn categories_and_basis() {
        let t = true;
        let f = false;
        for (flags, eligible, basis, missing) in [
            (
                [t, f, f, t, t, t, f, f],
                true,
                Some(Basis::Kriterier),
                vec![],
            ),
            (
                [f, f, t, t, t, t, f, f],
                true,
                Some(Basis::Kriterier),
                vec![],
            ),
            ([f, f, f, t, t, t, f, f], false, None, vec!["A"]),
            ([t, f, f, f, t, f, f, f], false, None, vec!["B", "C"]),
            (
                [f, f, f, f, f, f, t, t],
                true,
                Some(Basis::Dispensation),
                vec!["A", "B", "C"],
            ),
            ([f, f, f, f, f, f, t, f], false, None, vec!["A", "B", "C"]),
            ([f, f, f, f, f, f, f, t], false, None, vec!["A", "B", "C"]),
        ] {
            let e = assess(&assessment(flags, None), None);
            assert_eq!(e.eligible, eligible, "{flags:?}");
            assert_eq!(e.basis, basis, "{flags:?}");
            assert_eq!(e.missing, missing, "{flags:?}");
        }
    }

    #[test]
    fn warnings() {
        let e = assess(
            &assessment(
                [false, false, false, false, false, false, false, true],
                None,
            ),
            None,
        );
        assert_eq!(e.warnings, vec![Warning::DispensationNotNew]);
        // Nordjylland ≈ 590.000 inhabitants: 14,75 cases a year.
        let indicator = Some(Decimal::new(1475, 2));
        let e = assess(
            &assessment(
                [true, false, false, true, true, true, false, false],
                Some(22),
            ),
            indicator,
        );
        assert_eq!(
            e.warnings,
            vec![Warning::A1AboveIndicator {
                cases: Decimal::from(22),
                indicator: Decimal::new(1475, 2)
            }]
        );
        let e = assess(
            &assessment(
                [true, false, false, true, true, true, false, false],
                Some(14),
            ),
            indicator,
        );
        assert_eq!(e.warnings, vec![]);
    }
}
