//! Use of offers : the January borgerlister
//! against the year's takstindberetninger. Per offer (Tilbudsnr, Paragraf):
//! the citizens, the paying kommuner, the driftsherre's own citizens' share
//! of the spending, a flag for offers bought only by their own kommune or
//! by few kommuner (the Sjælland steering group's minutes of 2016 point 12, the Nordjylland DAS minutes of 17 November 2016 point 7), and the
//! occupancy against the budget (Pladser × Belægningsprocent), whose
//! shortfall in the strengthened cooperation is the early warning of seed
//! 004 box 3. User rates are in [`super::brugerrater`].

use crate::dataset::{CitizenRow, TariffRow};
use crate::values::reference::{MaalgruppeId, ParagrafId, Party};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

/// An offer with fewer paying kommuner than this is flagged.
pub const FAA_KOMMUNER: usize = 3;
/// Occupancy in percent of the budget below which an offer of the
/// strengthened cooperation is an early warning.
pub const BELAEGNING_ADVARSEL: i64 = 85;
/// A January list's days: a citizen with 31 days fills one place.
pub const DAYS_IN_JANUARY: i64 = 31;

/// The analysis' parameters (`[forbrug]`, `[samarbejde] tilbud`).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub faa_kommuner: usize,
    /// In percent of the budget (85).
    pub warn_below_pct: Decimal,
    /// Tilbudsnumre in the strengthened cooperation beside those the
    /// takstindberetninger mark.
    pub forstaerket: HashSet<String>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            faa_kommuner: FAA_KOMMUNER,
            warn_below_pct: Decimal::from(BELAEGNING_ADVARSEL),
            forstaerket: HashSet::new(),
        }
    }
}

/// Why an offer may not need the steering group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Only the driftsherre's own citizens use it.
    KunEgne,
    /// Fewer paying kommuner than `faa_kommuner`.
    FaaKommuner,
}

impl Flag {
    /// The contract's name ("kun-egne").
    pub fn key(self) -> &'static str {
        match self {
            Flag::KunEgne => "kun-egne",
            Flag::FaaKommuner => "faa-kommuner",
        }
    }
}

/// One offer's use in January.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferUse {
    pub tilbudsnr: String,
    pub paragraf: ParagrafId,
    pub tilbudsnavn: String,
    /// The driftsherre; a unit ("Aalborg ÆH") is its kommune here.
    pub driftsherre: Party,
    /// As written, with its unit.
    pub driftsherre_written: String,
    pub maalgruppe: MaalgruppeId,
    /// Distinct persons in the January lists.
    pub citizens: usize,
    pub spending: Decimal,
    /// Spending on citizens whose betalingskommune is the driftsherre.
    pub own_spending: Decimal,
    /// The paying kommuner's codes, ascending.
    pub paying: Vec<u16>,
    pub flag: Option<Flag>,
    /// Pladser × Belægningsprocent / 100 of the offer's largest tariff row.
    pub budget: Decimal,
    /// Places used: a citizen counts Dage/31 when the list gives Dage, else 1.
    pub used: Decimal,
    /// Whether any row gave Dage.
    pub days_based: bool,
    /// `used` in percent of `budget`.
    pub occupancy_pct: Option<Decimal>,
    pub forstaerket: bool,
    /// In the strengthened cooperation and below the warning level.
    pub early_warning: bool,
}

impl OfferUse {
    pub fn own_share_pct(&self) -> Option<Decimal> {
        pct(self.own_spending, self.spending)
    }
}

/// Totals of a driftsherre or the region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub offers: usize,
    /// Σ citizens of the offers (a person in two offers counts twice).
    pub citizens: usize,
    pub spending: Decimal,
    pub own_spending: Decimal,
    pub kun_egne: usize,
    pub faa_kommuner: usize,
    pub budget: Decimal,
    pub used: Decimal,
    pub early_warnings: usize,
}

impl Totals {
    fn add(&mut self, o: &OfferUse) {
        self.offers += 1;
        self.citizens += o.citizens;
        self.spending += o.spending;
        self.own_spending += o.own_spending;
        self.kun_egne += usize::from(o.flag == Some(Flag::KunEgne));
        self.faa_kommuner += usize::from(o.flag == Some(Flag::FaaKommuner));
        self.budget += o.budget;
        self.used += o.used;
        self.early_warnings += usize::from(o.early_warning);
    }

    pub fn own_share_pct(&self) -> Option<Decimal> {
        pct(self.own_spending, self.spending)
    }

    pub fn occupancy_pct(&self) -> Option<Decimal> {
        pct(self.used, self.budget)
    }
}

/// Borgerliste rows whose offer is in no takstindberetning: listed, not
/// dropped silently.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub tilbudsnr: String,
    pub paragraf: ParagrafId,
    pub rows: usize,
    pub spending: Decimal,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForbrugResult {
    /// By driftsherre (as written), then Tilbudsnr.
    pub offers: Vec<OfferUse>,
    pub by_driftsherre: Vec<(Party, Totals)>,
    pub region: Totals,
    pub unmatched: Vec<Unmatched>,
}

impl ForbrugResult {
    pub fn early_warning(&self) -> impl Iterator<Item = &OfferUse> {
        self.offers.iter().filter(|o| o.early_warning)
    }
}

/// `part` in percent of `whole`; None when `whole` is 0.
pub fn pct(part: Decimal, whole: Decimal) -> Option<Decimal> {
    part.checked_div(whole).map(|r| r * Decimal::ONE_HUNDRED)
}

/// The kommune a party counts as for "own citizens": a kommune or a unit
/// of one; a region has no own citizens.
fn own_kommune(party: Party) -> Option<u16> {
    match party {
        Party::Kommune(code) => Some(code),
        Party::Region(_) => None,
    }
}

/// The flag of an offer from its paying kommuner.
pub fn flag_of(paying: &[u16], driftsherre: Party, faa_kommuner: usize) -> Option<Flag> {
    let own = own_kommune(driftsherre);
    if !paying.is_empty() && paying.iter().all(|k| Some(*k) == own) {
        Some(Flag::KunEgne)
    } else if paying.len() < faa_kommuner {
        Some(Flag::FaaKommuner)
    } else {
        None
    }
}

/// An offer being built: its tariff row of the largest budget and the
/// citizens found so far.
struct Building<'t> {
    tariff: &'t TariffRow,
    forstaerket: bool,
    persons: Vec<u128>,
    paying: Vec<u16>,
    spending: Decimal,
    own_spending: Decimal,
    used: Decimal,
    days_based: bool,
}

/// The analysis. `citizens` are one January's lists, `tariffs` the same
/// year's takstindberetninger.
pub fn analyse(citizens: &[CitizenRow], tariffs: &[TariffRow], params: &Params) -> ForbrugResult {
    let mut index: HashMap<(&str, ParagrafId), usize> = HashMap::new();
    let mut offers: Vec<Building<'_>> = Vec::new();
    for t in tariffs {
        let marked = t.forstaerket == Some(true) || params.forstaerket.contains(&t.tilbudsnr);
        match index.get(&(t.tilbudsnr.as_str(), t.paragraf)) {
            Some(&i) => {
                if let Some(b) = offers.get_mut(i) {
                    // Several tariffs (types, levels) share the places: the
                    // largest budget is the offer's, not their sum.
                    if t.budgeted_places() > b.tariff.budgeted_places() {
                        b.tariff = t;
                    }
                    b.forstaerket |= marked;
                }
            }
            None => {
                index.insert((t.tilbudsnr.as_str(), t.paragraf), offers.len());
                offers.push(Building {
                    tariff: t,
                    forstaerket: marked,
                    persons: Vec::new(),
                    paying: Vec::new(),
                    spending: Decimal::ZERO,
                    own_spending: Decimal::ZERO,
                    used: Decimal::ZERO,
                    days_based: false,
                });
            }
        }
    }
    let days = Decimal::from(DAYS_IN_JANUARY);
    let mut unmatched: BTreeMap<(String, ParagrafId), Unmatched> = BTreeMap::new();
    for c in citizens {
        let Some(b) = index
            .get(&(c.tilbudsnr.as_ref(), c.paragraf))
            .and_then(|&i| offers.get_mut(i))
        else {
            let u = unmatched
                .entry((c.tilbudsnr.to_string(), c.paragraf))
                .or_insert_with(|| Unmatched {
                    tilbudsnr: c.tilbudsnr.to_string(),
                    paragraf: c.paragraf,
                    rows: 0,
                    spending: Decimal::ZERO,
                });
            u.rows += 1;
            u.spending += c.udgift;
            continue;
        };
        b.persons.push(c.person_key());
        b.paying.push(c.betalingskommune);
        b.spending += c.udgift;
        if own_kommune(b.tariff.driftsherre) == Some(c.betalingskommune) {
            b.own_spending += c.udgift;
        }
        match c.dage {
            Some(d) => {
                b.used += Decimal::from(d) / days;
                b.days_based = true;
            }
            None => b.used += Decimal::ONE,
        }
    }
    let mut result = ForbrugResult {
        unmatched: unmatched.into_values().collect(),
        ..ForbrugResult::default()
    };
    // Party has no order; kommuner before regions, by code.
    let order = |p: Party| match p {
        Party::Kommune(c) => (0u8, c),
        Party::Region(c) => (1u8, c),
    };
    let mut by_driftsherre: BTreeMap<(u8, u16), (Party, Totals)> = BTreeMap::new();
    for mut b in offers {
        b.persons.sort_unstable();
        b.persons.dedup();
        b.paying.sort_unstable();
        b.paying.dedup();
        let t = b.tariff;
        let budget = t.budgeted_places();
        let occupancy_pct = pct(b.used, budget);
        let early_warning =
            b.forstaerket && occupancy_pct.is_some_and(|p| p < params.warn_below_pct);
        let offer = OfferUse {
            tilbudsnr: t.tilbudsnr.clone(),
            paragraf: t.paragraf,
            tilbudsnavn: t.tilbudsnavn.clone(),
            driftsherre: t.driftsherre,
            driftsherre_written: t.driftsherre_written.clone(),
            maalgruppe: t.maalgruppe,
            citizens: b.persons.len(),
            spending: b.spending,
            own_spending: b.own_spending,
            flag: flag_of(&b.paying, t.driftsherre, params.faa_kommuner),
            paying: b.paying,
            budget,
            used: b.used,
            days_based: b.days_based,
            occupancy_pct,
            forstaerket: b.forstaerket,
            early_warning,
        };
        by_driftsherre
            .entry(order(offer.driftsherre))
            .or_insert_with(|| (offer.driftsherre, Totals::default()))
            .1
            .add(&offer);
        result.region.add(&offer);
        result.offers.push(offer);
    }
    result.offers.sort_by(|a, b| {
        crate::text::fold(&a.driftsherre_written)
            .cmp(&crate::text::fold(&b.driftsherre_written))
            .then_with(|| a.tilbudsnr.cmp(&b.tilbudsnr))
            .then_with(|| a.paragraf.cmp(&b.paragraf))
    });
    result.by_driftsherre = by_driftsherre.into_values().collect();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_pin_the_threshold_on_both_sides() {
        let aalborg = Party::Kommune(851);
        assert_eq!(flag_of(&[851], aalborg, 3), Some(Flag::KunEgne));
        assert_eq!(flag_of(&[851, 860], aalborg, 3), Some(Flag::FaaKommuner));
        assert_eq!(flag_of(&[813, 851, 860], aalborg, 3), None);
        // The threshold from the config: 2 kommuner are no longer few below 2.
        assert_eq!(flag_of(&[851, 860], aalborg, 2), None);
        // A region has no own citizens; one kommune is few.
        assert_eq!(
            flag_of(&[851], Party::Region(1081), 3),
            Some(Flag::FaaKommuner)
        );
        assert_eq!(flag_of(&[], aalborg, 3), Some(Flag::FaaKommuner));
    }
}
