//! Overhead by driftsherre: the indirect costs of the tariffs that give
//! their cost categories, as a percent of their direct costs (Løn, Øvrig
//! drift, Ejendomsomkostninger, Tjenestemandspension), per driftsherre (a
//! unit such as Aalborg ÆH under its kommune) and for the region, against
//! the limit of the `overhead` rule (`[takst] overhead_pct`, else the
//! schema's, 6 %). Sums of kroner, so a large offer weighs as its costs do.

use super::order::danish_key;
use crate::dataset::TariffRow;
use crate::values::reference::Reference;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The overhead of a driftsherre or the region.
#[derive(Debug, Clone, PartialEq)]
pub struct OverheadLine {
    pub driftsherre: String,
    /// Tariffs with both direct and indirect costs.
    pub tariffs: usize,
    pub direct: Decimal,
    pub indirect: Decimal,
    /// Indirect / direct × 100; None on an overflow.
    pub pct: Option<Decimal>,
    /// Whether `pct` is above the limit.
    pub above: Option<bool>,
}

/// Overhead by driftsherre, in Danish order of their names, and the region.
#[derive(Debug, Clone, PartialEq)]
pub struct Overhead {
    pub limit_pct: Decimal,
    pub by_driftsherre: Vec<OverheadLine>,
    pub region: OverheadLine,
}

#[derive(Default)]
struct Sum {
    tariffs: usize,
    direct: Decimal,
    indirect: Decimal,
    overflow: bool,
}

impl Sum {
    fn add(&mut self, direct: Decimal, indirect: Decimal) {
        self.tariffs += 1;
        match (
            self.direct.checked_add(direct),
            self.indirect.checked_add(indirect),
        ) {
            (Some(d), Some(i)) => (self.direct, self.indirect) = (d, i),
            _ => self.overflow = true,
        }
    }

    fn line(&self, driftsherre: String, limit_pct: Decimal) -> OverheadLine {
        let pct = (!self.overflow)
            .then(|| {
                self.indirect
                    .checked_mul(Decimal::ONE_HUNDRED)?
                    .checked_div(self.direct)
            })
            .flatten();
        OverheadLine {
            driftsherre,
            tariffs: self.tariffs,
            direct: self.direct,
            indirect: self.indirect,
            pct,
            above: pct.map(|p| p > limit_pct),
        }
    }
}

/// None when no tariff gives both direct and indirect costs.
pub fn by_driftsherre(
    rows: &[TariffRow],
    limit_pct: Decimal,
    reference: &Reference,
) -> Option<Overhead> {
    let mut by: BTreeMap<(String, String), Sum> = BTreeMap::new();
    let mut region = Sum::default();
    for row in rows {
        let Some((direct, indirect)) = row.costs.overhead_basis() else {
            continue;
        };
        let name = reference.display_name(&row.driftsherre);
        by.entry((danish_key(&name), name))
            .or_default()
            .add(direct, indirect);
        region.add(direct, indirect);
    }
    if region.tariffs == 0 {
        return None;
    }
    Some(Overhead {
        limit_pct,
        by_driftsherre: by
            .into_iter()
            .map(|((_, name), sum)| sum.line(name, limit_pct))
            .collect(),
        region: region.line(String::new(), limit_pct),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tariff::testrow::row;
    use crate::dataset::Costs;
    use crate::values::reference::Party;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn with_costs(
        kommune: u16,
        loen: &str,
        drift: Option<&str>,
        indirekte: Option<&str>,
    ) -> TariffRow {
        TariffRow {
            driftsherre: Party::Kommune(kommune),
            costs: Costs {
                loen: Some(d(loen)),
                oevrig_drift: drift.map(d),
                indirekte: indirekte.map(d),
                ..Costs::default()
            },
            ..row("Døgntakst", "10", "100", "1000", None)
        }
    }

    #[test]
    fn overhead_is_summed_in_kroner_per_driftsherre_and_region() {
        let reference = crate::schema::Catalog::embedded().unwrap().reference;
        let rows = [
            // Aalborg: 50.000 / (800.000 + 200.000) = 5 %; a tariff whose
            // direct costs are 0 has no basis.
            with_costs(851, "800000", Some("200000"), Some("50000")),
            with_costs(851, "0", None, Some("10000")),
            // Hjørring: 14.000 / 200.000 = 7 %, above.
            with_costs(860, "200000", None, Some("14000")),
            // No indirect costs: not counted.
            with_costs(860, "100000", None, None),
            // Without any categories: not counted.
            row("Døgntakst", "10", "100", "1000", None),
        ];
        let o = by_driftsherre(&rows, d("6"), &reference).unwrap();
        let names: Vec<&str> = o
            .by_driftsherre
            .iter()
            .map(|l| l.driftsherre.as_str())
            .collect();
        assert_eq!(names, ["Aalborg", "Hjørring"]);
        let aalborg = &o.by_driftsherre[0];
        // The row with direct costs 0 has no basis: only one tariff.
        assert_eq!(
            (aalborg.tariffs, aalborg.direct, aalborg.indirect),
            (1, d("1000000"), d("50000"))
        );
        assert_eq!((aalborg.pct, aalborg.above), (Some(d("5")), Some(false)));
        let hjoerring = &o.by_driftsherre[1];
        assert_eq!((hjoerring.pct, hjoerring.above), (Some(d("7")), Some(true)));
        // The region: 64.000 / 1.200.000 = 5,333… %.
        assert_eq!(o.region.tariffs, 2);
        assert_eq!(o.region.indirect, d("64000"));
        assert_eq!(o.region.pct.map(|p| p.round_dp(4)), Some(d("5.3333")));
        assert_eq!(o.region.above, Some(false));
        // Exactly at the limit is within it.
        let at = by_driftsherre(&rows[..1], d("5"), &reference).unwrap();
        assert_eq!(at.region.above, Some(false));
        let below = by_driftsherre(&rows[..1], d("4.99"), &reference).unwrap();
        assert_eq!(below.region.above, Some(true));
        assert!(by_driftsherre(&rows[3..], d("6"), &reference).is_none());
    }
}
