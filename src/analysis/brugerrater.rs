//! User rates and cost per user (the Sjælland steering group's minutes of 2016 points 4 and 6): by
//! betalingskommune × målgruppe × børn/voksne, the users in January, users
//! per 1.000 inhabitants of an age band, and spending per user, with the
//! region's figure beside each kommune's. The målgruppe comes from the
//! offer's takstindberetning; børn/voksne from the paragraph, else the
//! målgruppe (as in the tariff analysis).

use super::takstanalyse::group_of;
use crate::dataset::{CitizenRow, TariffRow};
use crate::values::reference::{Group, MaalgruppeId, ParagrafId, Reference};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Users, spending and the rates of one cell (a kommune's or the region's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rate {
    pub users: usize,
    pub spending: Decimal,
    /// Inhabitants of the age band; None without a population key.
    pub population: Option<Decimal>,
}

impl Rate {
    /// Users per 1.000 inhabitants of the age band.
    pub fn per_1000(&self) -> Option<Decimal> {
        let population = self.population.filter(|p| !p.is_zero())?;
        Decimal::from(self.users)
            .checked_mul(Decimal::ONE_THOUSAND)?
            .checked_div(population)
    }

    pub fn spending_per_user(&self) -> Option<Decimal> {
        self.spending.checked_div(Decimal::from(self.users))
    }
}

/// One row: a betalingskommune, a målgruppe and a group.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRate {
    pub kommune: u16,
    pub maalgruppe: MaalgruppeId,
    /// Børn or voksne (an offer for both counts as voksne).
    pub gruppe: Group,
    pub rate: Rate,
    /// The region's figure for the same målgruppe and group.
    pub region: Rate,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserRates {
    /// By kommune code, målgruppe, group.
    pub rows: Vec<UserRate>,
    /// The region's population of the age band (the kommuner of the
    /// paying kommuner's regions in the key).
    pub region_population: Option<Decimal>,
    /// Rows whose offer is in no takstindberetning (no målgruppe).
    pub unmatched_rows: usize,
}

/// Børn or voksne for the contract's two groups.
pub fn two_groups(group: Group) -> Group {
    match group {
        Group::Boern => Group::Boern,
        Group::Voksne | Group::Begge => Group::Voksne,
    }
}

/// The rates. `population` is the key by kommune code (one age band).
pub fn analyse(
    citizens: &[CitizenRow],
    tariffs: &[TariffRow],
    population: Option<&BTreeMap<u16, Decimal>>,
    reference: &Reference,
) -> UserRates {
    let mut offer: HashMap<(&str, ParagrafId), (MaalgruppeId, Group)> = HashMap::new();
    for t in tariffs {
        offer
            .entry((t.tilbudsnr.as_str(), t.paragraf))
            .or_insert_with(|| {
                let p = reference
                    .paragraf_info(t.paragraf)
                    .map_or(Group::Begge, |p| p.group);
                let m = reference
                    .maalgruppe_info(t.maalgruppe)
                    .map_or(Group::Begge, |m| m.group);
                (t.maalgruppe, two_groups(group_of(p, m)))
            });
    }
    type Cell = (Vec<u128>, Decimal);
    let mut cells: BTreeMap<(u16, MaalgruppeId, u8), Cell> = BTreeMap::new();
    let mut region: BTreeMap<(MaalgruppeId, u8), Cell> = BTreeMap::new();
    let rank = |g: Group| u8::from(g != Group::Boern);
    let mut unmatched_rows = 0;
    let mut regions = BTreeSet::new();
    for c in citizens {
        let Some(&(maalgruppe, gruppe)) = offer.get(&(c.tilbudsnr.as_ref(), c.paragraf)) else {
            unmatched_rows += 1;
            continue;
        };
        if let Some(k) = reference.kommune_info(c.betalingskommune) {
            regions.insert(k.region);
        }
        let cell = cells
            .entry((c.betalingskommune, maalgruppe, rank(gruppe)))
            .or_default();
        cell.0.push(c.person_key());
        cell.1 += c.udgift;
        let r = region.entry((maalgruppe, rank(gruppe))).or_default();
        r.0.push(c.person_key());
        r.1 += c.udgift;
    }
    let region_population = population.map(|key| {
        key.iter()
            .filter(|(code, _)| {
                reference
                    .kommune_info(**code)
                    .is_some_and(|k| regions.contains(&k.region))
            })
            .map(|(_, n)| *n)
            .sum::<Decimal>()
    });
    let rate = |(mut persons, spending): Cell, population: Option<Decimal>| {
        persons.sort_unstable();
        persons.dedup();
        Rate {
            users: persons.len(),
            spending,
            population,
        }
    };
    let region: BTreeMap<(MaalgruppeId, u8), Rate> = region
        .into_iter()
        .map(|(k, cell)| (k, rate(cell, region_population)))
        .collect();
    let mut rows: Vec<UserRate> = cells
        .into_iter()
        .map(|((kommune, maalgruppe, g), cell)| UserRate {
            kommune,
            maalgruppe,
            gruppe: if g == 0 { Group::Boern } else { Group::Voksne },
            rate: rate(
                cell,
                population.map(|key| key.get(&kommune).copied().unwrap_or_default()),
            ),
            region: region.get(&(maalgruppe, g)).cloned().unwrap_or_default(),
        })
        .collect();
    // Kommuner by name, then målgruppe and group as the tables show them.
    let name = |code: u16| {
        reference
            .kommune_info(code)
            .map_or_else(|| code.to_string(), |k| crate::text::fold(&k.name))
    };
    rows.sort_by_cached_key(|r| (name(r.kommune), r.maalgruppe, r.gruppe != Group::Boern));
    UserRates {
        rows,
        region_population,
        unmatched_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_by_hand() {
        let r = Rate {
            users: 3,
            spending: Decimal::from(90_000),
            population: Some(Decimal::from(12_000)),
        };
        assert_eq!(r.per_1000(), Some(Decimal::new(25, 2)));
        assert_eq!(r.spending_per_user(), Some(Decimal::from(30_000)));
        let none = Rate::default();
        assert_eq!(none.per_1000(), None);
        assert_eq!(none.spending_per_user(), None);
        assert_eq!(two_groups(Group::Begge), Group::Voksne);
    }
}
