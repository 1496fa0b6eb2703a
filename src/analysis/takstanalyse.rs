//! The yearly tariff analysis by målgruppe and paragraf (seed 002, KKR
//! Sjælland): per målgruppe × paragraf × taksttype the offers, the places,
//! the volume-weighted average tariff of this year and of last year, and the
//! like-for-like change against last year, compared with the P/L; with
//! subtotals for børn and voksne and a total for the region.
//!
//! A døgntakst and an hourly tariff are never averaged together: taksttype is
//! part of every row. The change is an index over the offers present in both
//! years (not Ny, not Udgår), Σ w·takst_N / Σ w·takst_N−1 − 1 with
//! w = Pladser × Belægningsprocent/100 of year N, so new and leaving offers do
//! not move it. Every division checks for a zero denominator and every sum for
//! overflow; what cannot be computed is `None`.

use super::tariff::{self, Weighting};
use crate::dataset::{Status, TariffRow};
use crate::values::reference::{Group, ParagrafId, Reference};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// One offer's tariff as the weighted formulas see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// What the offer sells in a year in its own unit, of year N (below zero
    /// counts as zero).
    pub weight: Decimal,
    /// This year's tariff.
    pub takst: Decimal,
    /// Last year's tariff, if known (zero or below counts as unknown).
    pub previous: Option<Decimal>,
    /// Whether the offer belongs in the like-for-like change (status
    /// Fortsætter); Ny and Udgår are left out of it.
    pub comparable: bool,
}

/// Running sums of the weighted formulas. Sums of rows add up to the sums
/// of their group, so subtotals are `merge`s of rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sums {
    /// Σ w over all entries.
    weight: Decimal,
    /// Σ w·takst_N over all entries.
    weighted_takst: Decimal,
    /// Σ w over entries with last year's tariff.
    weight_previous: Decimal,
    /// Σ w·takst_N−1 over entries with last year's tariff.
    weighted_previous: Decimal,
    /// Σ w·takst_N over comparable entries with last year's tariff.
    index_now: Decimal,
    /// Σ w·takst_N−1 over the same entries.
    index_before: Decimal,
    /// Comparable entries with last year's tariff.
    compared: usize,
    /// Whether any entry had last year's tariff.
    any_previous: bool,
    /// A sum went beyond what a decimal holds: no figures.
    overflow: bool,
}

fn add_to(sum: &mut Decimal, value: Option<Decimal>, overflow: &mut bool) {
    match value.and_then(|v| sum.checked_add(v)) {
        Some(total) => *sum = total,
        None => *overflow = true,
    }
}

/// numerator / denominator, or None when the denominator is not positive.
fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator <= Decimal::ZERO {
        return None;
    }
    numerator.checked_div(denominator)
}

impl Sums {
    pub fn add(&mut self, entry: &Entry) {
        let weight = entry.weight.max(Decimal::ZERO);
        let now = weight.checked_mul(entry.takst);
        add_to(&mut self.weight, Some(weight), &mut self.overflow);
        add_to(&mut self.weighted_takst, now, &mut self.overflow);
        let Some(previous) = entry.previous.filter(|p| *p > Decimal::ZERO) else {
            return;
        };
        self.any_previous = true;
        let before = weight.checked_mul(previous);
        add_to(&mut self.weight_previous, Some(weight), &mut self.overflow);
        add_to(&mut self.weighted_previous, before, &mut self.overflow);
        if entry.comparable {
            self.compared += 1;
            add_to(&mut self.index_now, now, &mut self.overflow);
            add_to(&mut self.index_before, before, &mut self.overflow);
        }
    }

    pub fn merge(&mut self, other: &Sums) {
        let overflow = &mut self.overflow;
        add_to(&mut self.weight, Some(other.weight), overflow);
        add_to(
            &mut self.weighted_takst,
            Some(other.weighted_takst),
            overflow,
        );
        add_to(
            &mut self.weight_previous,
            Some(other.weight_previous),
            overflow,
        );
        add_to(
            &mut self.weighted_previous,
            Some(other.weighted_previous),
            overflow,
        );
        add_to(&mut self.index_now, Some(other.index_now), overflow);
        add_to(&mut self.index_before, Some(other.index_before), overflow);
        self.compared += other.compared;
        self.any_previous |= other.any_previous;
        self.overflow |= other.overflow;
    }

    /// The sums of some entries.
    pub fn of(entries: &[Entry]) -> Sums {
        let mut sums = Sums::default();
        for e in entries {
            sums.add(e);
        }
        sums
    }

    /// Σ w·takst_N / Σ w; None when Σ w = 0.
    pub fn avg_takst(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        ratio(self.weighted_takst, self.weight)
    }

    /// Σ w·takst_N−1 / Σ w over the entries with last year's tariff.
    pub fn avg_takst_previous(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        ratio(self.weighted_previous, self.weight_previous)
    }

    /// The like-for-like change in percent: (Σ w·takst_N / Σ w·takst_N−1 − 1)
    /// × 100 over comparable entries; None when there are none with weight.
    pub fn change_pct(&self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        let index = ratio(self.index_now, self.index_before)?;
        (index - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED)
    }

    /// How many entries the change is computed over.
    pub fn compared(&self) -> usize {
        self.compared
    }

    pub fn any_previous(&self) -> bool {
        self.any_previous
    }
}

/// The real change in percent: ((1 + change) / (1 + P/L) − 1) × 100.
pub fn real_change_pct(change_pct: Option<Decimal>, pl_pct: Option<Decimal>) -> Option<Decimal> {
    let change = Decimal::ONE + change_pct?.checked_div(Decimal::ONE_HUNDRED)?;
    let pl = Decimal::ONE + pl_pct?.checked_div(Decimal::ONE_HUNDRED)?;
    let index = ratio(change, pl)?;
    (index - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED)
}

/// Whether the change is within the P/L (change ≤ P/L).
pub fn within_pl(change_pct: Option<Decimal>, pl_pct: Option<Decimal>) -> Option<bool> {
    Some(change_pct? <= pl_pct?)
}

/// Børn or voksne: the paragraph's group; for a paragraph for both, the
/// målgruppe's group; if that is both too, both.
pub fn group_of(paragraf: Group, maalgruppe: Group) -> Group {
    match paragraf {
        Group::Begge => maalgruppe,
        group => group,
    }
}

/// The order of groups in the table: børn, voksne, both.
fn group_rank(group: Group) -> u8 {
    match group {
        Group::Boern => 0,
        Group::Voksne => 1,
        Group::Begge => 2,
    }
}

/// The figures of a row, a group or the region.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Distinct offers (Tilbudsnr, Paragraf).
    pub offers: usize,
    /// Σ Pladser, each offer once.
    pub places: Decimal,
    /// Offers in the change.
    pub compared: usize,
    pub change_pct: Option<Decimal>,
    pub real_change_pct: Option<Decimal>,
    pub within_pl: Option<bool>,
}

/// One row of the table: målgruppe × paragraf × taksttype.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub group: Group,
    pub maalgruppe: String,
    /// "SEL §107".
    pub paragraf: String,
    /// "Døgntakst".
    pub taksttype: String,
    pub figures: Figures,
    pub avg_takst: Option<Decimal>,
    pub avg_takst_previous: Option<Decimal>,
}

/// A subtotal of one group (børn, voksne, or both).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotal {
    pub group: Group,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TakstanalyseResult {
    pub pl_pct: Option<Decimal>,
    pub weighting: Weighting,
    /// Whether any offer had last year's tariff.
    pub has_previous: bool,
    pub rows: Vec<Line>,
    /// Børn and voksne always, "both" when there are such rows.
    pub groups: Vec<GroupTotal>,
    pub region: Figures,
    /// Offers whose yearly volume is unknown (no units a year and no
    /// Takstgrundlag): counted as offers and places, left out of the sums.
    pub not_weighable: Vec<NotWeighed>,
}

/// An offer left out of the weighted figures.
#[derive(Debug, Clone, PartialEq)]
pub struct NotWeighed {
    pub driftsherre: String,
    pub tilbudsnr: String,
    pub tilbudsnavn: String,
    pub taksttype: String,
}

type OfferKey = (String, ParagrafId);

/// Offers with their places (the largest of their rows) and sums.
#[derive(Debug, Default)]
struct Bucket {
    offers: HashMap<OfferKey, Decimal>,
    sums: Sums,
}

impl Bucket {
    fn absorb(&mut self, other: &Bucket) {
        for (key, places) in &other.offers {
            let slot = self.offers.entry(key.clone()).or_insert(*places);
            *slot = (*slot).max(*places);
        }
        self.sums.merge(&other.sums);
    }

    fn figures(&self, pl_pct: Option<Decimal>) -> Figures {
        let mut places = Decimal::ZERO;
        let mut overflow = false;
        for p in self.offers.values() {
            add_to(&mut places, Some(*p), &mut overflow);
        }
        let change_pct = self.sums.change_pct();
        Figures {
            offers: self.offers.len(),
            places,
            compared: self.sums.compared(),
            change_pct,
            real_change_pct: real_change_pct(change_pct, pl_pct),
            within_pl: within_pl(change_pct, pl_pct),
        }
    }
}

/// A sort key for Danish text: case-insensitive, æ, ø, å after z.
fn danish_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => '{',
            'ø' | 'ö' => '|',
            'å' => '}',
            c => c,
        })
        .collect()
}

/// A natural sort key: runs of digits compare as numbers ("SEL §85" before
/// "SEL §101").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Chunk {
    Text(String),
    /// (digits without leading zeros: their count, then the digits).
    Number(usize, String),
}

fn natural_key(s: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !text.is_empty() {
                out.push(Chunk::Text(danish_key(&std::mem::take(&mut text))));
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push(number_chunk(&std::mem::take(&mut digits)));
            }
            text.push(c);
        }
    }
    if !text.is_empty() {
        out.push(Chunk::Text(danish_key(&text)));
    }
    if !digits.is_empty() {
        out.push(number_chunk(&digits));
    }
    out
}

fn number_chunk(digits: &str) -> Chunk {
    let trimmed = digits.trim_start_matches('0');
    Chunk::Number(trimmed.len(), trimmed.to_string())
}

/// The table's order: group, målgruppe, paragraph, taksttype (then the
/// texts themselves, so that distinct rows never compare equal).
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowKey {
    rank: u8,
    maalgruppe_key: String,
    paragraf_key: Vec<Chunk>,
    taksttype_key: String,
    maalgruppe: String,
    paragraf: String,
    taksttype: String,
}

impl Ord for RowKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (
            self.rank,
            &self.maalgruppe_key,
            &self.maalgruppe,
            &self.paragraf_key,
            &self.paragraf,
            &self.taksttype_key,
            &self.taksttype,
        )
            .cmp(&(
                other.rank,
                &other.maalgruppe_key,
                &other.maalgruppe,
                &other.paragraf_key,
                &other.paragraf,
                &other.taksttype_key,
                &other.taksttype,
            ))
    }
}

impl PartialOrd for RowKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The analysis. `previous`: last year's rows, matched on
/// [`TariffRow::key`]; an offer without a match uses its own "Takst forrige
/// år" if filled in. `pl_pct`: the P/L in percent.
pub fn analyse(
    current: &[TariffRow],
    previous: Option<&[TariffRow]>,
    pl_pct: Option<Decimal>,
    weighting: Weighting,
    reference: &Reference,
) -> TakstanalyseResult {
    let last_year = tariff::last_year_tariffs(previous.unwrap_or(&[]));
    let mut not_weighable = Vec::new();

    let mut buckets: BTreeMap<RowKey, (Group, Bucket)> = BTreeMap::new();
    for row in current {
        let paragraf = reference.paragraf_info(row.paragraf);
        let maalgruppe = reference.maalgruppe_info(row.maalgruppe);
        let group = group_of(
            paragraf.map_or(Group::Begge, |p| p.group),
            maalgruppe.map_or(Group::Begge, |m| m.group),
        );
        let maalgruppe = maalgruppe.map(|m| m.name.clone()).unwrap_or_default();
        let paragraf = paragraf.map(|p| p.label.clone()).unwrap_or_default();
        let key = RowKey {
            rank: group_rank(group),
            maalgruppe_key: danish_key(&maalgruppe),
            paragraf_key: natural_key(&paragraf),
            taksttype_key: danish_key(&row.taksttype),
            maalgruppe,
            paragraf,
            taksttype: row.taksttype.clone(),
        };
        let (_, bucket) = buckets
            .entry(key)
            .or_insert_with(|| (group, Bucket::default()));
        let places = bucket
            .offers
            .entry((row.tilbudsnr.clone(), row.paragraf))
            .or_insert(row.pladser);
        *places = (*places).max(row.pladser);
        let before = last_year.get(&row.key()).copied().or(row.takst_forrige_aar);
        let Ok(weight) = weighting.annual_volume(row) else {
            not_weighable.push(NotWeighed {
                driftsherre: row.driftsherre_written.clone(),
                tilbudsnr: row.tilbudsnr.clone(),
                tilbudsnavn: row.tilbudsnavn.clone(),
                taksttype: row.taksttype.clone(),
            });
            continue;
        };
        bucket.sums.add(&Entry {
            weight,
            takst: row.takst,
            previous: before,
            comparable: row.status == Status::Fortsaetter,
        });
    }

    let mut by_group: BTreeMap<u8, (Group, Bucket)> = BTreeMap::new();
    for group in [Group::Boern, Group::Voksne] {
        by_group.insert(group_rank(group), (group, Bucket::default()));
    }
    let mut region = Bucket::default();
    let mut rows = Vec::with_capacity(buckets.len());
    for (key, (group, bucket)) in &buckets {
        by_group
            .entry(key.rank)
            .or_insert_with(|| (*group, Bucket::default()))
            .1
            .absorb(bucket);
        region.absorb(bucket);
        rows.push(Line {
            group: *group,
            maalgruppe: key.maalgruppe.clone(),
            paragraf: key.paragraf.clone(),
            taksttype: key.taksttype.clone(),
            figures: bucket.figures(pl_pct),
            avg_takst: bucket.sums.avg_takst(),
            avg_takst_previous: bucket.sums.avg_takst_previous(),
        });
    }
    TakstanalyseResult {
        pl_pct,
        weighting,
        has_previous: region.sums.any_previous(),
        rows,
        groups: by_group
            .into_values()
            .map(|(group, bucket)| GroupTotal {
                group,
                figures: bucket.figures(pl_pct),
            })
            .collect(),
        region: region.figures(pl_pct),
        not_weighable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Source;
    use crate::values::reference::Party;
    use std::path::PathBuf;
    use std::str::FromStr;
    use std::sync::Arc;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn entry(weight: &str, takst: &str, previous: Option<&str>) -> Entry {
        Entry {
            weight: d(weight),
            takst: d(takst),
            previous: previous.map(d),
            comparable: true,
        }
    }

    /// The brief's example: places 10 and 20 at 100 % and 50 % give weights
    /// 10 and 10; (9.900 + 20.400) / (10.000 + 20.000) − 1 = 1 %.
    #[test]
    fn weighted_change_and_real_change_by_hand() {
        let sums = Sums::of(&[
            entry("10", "990", Some("1000")),
            entry("10", "2040", Some("2000")),
        ]);
        assert_eq!(sums.change_pct(), Some(d("1")));
        assert_eq!(sums.avg_takst(), Some(d("1515")));
        assert_eq!(sums.avg_takst_previous(), Some(d("1500")));
        assert_eq!(sums.compared(), 2);
        // 1.01 / 1.016 − 1 = −0,5906 %.
        let real = real_change_pct(sums.change_pct(), Some(d("1.6"))).unwrap();
        assert_eq!(real.round_dp(4), d("-0.5906"));
        assert_eq!(within_pl(sums.change_pct(), Some(d("1.6"))), Some(true));
        assert_eq!(within_pl(Some(d("1.7")), Some(d("1.6"))), Some(false));
        assert_eq!(within_pl(Some(d("1.6")), Some(d("1.6"))), Some(true));
        assert_eq!(within_pl(sums.change_pct(), None), None);
        assert_eq!(real_change_pct(sums.change_pct(), None), None);
    }

    #[test]
    fn zero_weights_give_null_not_a_panic() {
        let sums = Sums::of(&[
            entry("0", "990", Some("1000")),
            entry("0", "2040", Some("2000")),
        ]);
        assert_eq!(sums.avg_takst(), None);
        assert_eq!(sums.avg_takst_previous(), None);
        assert_eq!(sums.change_pct(), None);
        assert_eq!(real_change_pct(sums.change_pct(), Some(d("1.6"))), None);
        assert_eq!(Sums::default().change_pct(), None);
        // A P/L of −100 % would divide by zero.
        assert_eq!(real_change_pct(Some(d("1")), Some(d("-100"))), None);
        // A previous tariff of zero is no tariff to compare with.
        let zero_before = Sums::of(&[entry("5", "100", Some("0"))]);
        assert_eq!(zero_before.change_pct(), None);
        assert_eq!(zero_before.avg_takst(), Some(d("100")));
    }

    #[test]
    fn new_and_leaving_offers_do_not_move_the_change() {
        let base = [
            entry("10", "990", Some("1000")),
            entry("10", "2040", Some("2000")),
        ];
        let mut with_new = base.to_vec();
        // A new offer, expensive, without last year's tariff.
        with_new.push(entry("50", "9000", None));
        // A new offer that has a previous tariff filled in: still left out.
        with_new.push(Entry {
            comparable: false,
            ..entry("50", "9000", Some("100"))
        });
        let sums = Sums::of(&with_new);
        assert_eq!(sums.change_pct(), Some(d("1")));
        assert_eq!(sums.compared(), 2);
        // It does move the average of the year.
        assert_ne!(sums.avg_takst(), Sums::of(&base).avg_takst());
    }

    #[test]
    fn merged_sums_equal_sums_of_all_entries() {
        let a = [entry("10", "990", Some("1000"))];
        let b = [entry("10", "2040", Some("2000")), entry("3", "500", None)];
        let mut merged = Sums::of(&a);
        merged.merge(&Sums::of(&b));
        let all: Vec<Entry> = a.iter().chain(b.iter()).copied().collect();
        assert_eq!(merged, Sums::of(&all));
    }

    #[test]
    fn overflow_gives_null() {
        let sums = Sums::of(&[
            entry("79228162514264337593543950335", "2", Some("1")),
            entry("1", "1", Some("1")),
        ]);
        assert_eq!(sums.change_pct(), None);
        assert_eq!(sums.avg_takst(), None);
    }

    #[test]
    fn groups_follow_the_paragraph_then_the_maalgruppe() {
        assert_eq!(group_of(Group::Boern, Group::Voksne), Group::Boern);
        assert_eq!(group_of(Group::Voksne, Group::Begge), Group::Voksne);
        assert_eq!(group_of(Group::Begge, Group::Boern), Group::Boern);
        assert_eq!(group_of(Group::Begge, Group::Begge), Group::Begge);
    }

    #[test]
    fn sort_keys_are_danish_and_natural() {
        assert!(natural_key("SEL §85") < natural_key("SEL §101"));
        assert!(natural_key("SEL §101") < natural_key("SEL §101a"));
        assert!(danish_key("Zebra") < danish_key("Ælling"));
        assert!(danish_key("Ølstue") < danish_key("Åbakken"));
    }

    fn reference() -> Reference {
        crate::schema::Catalog::embedded().unwrap().reference
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        reference: &Reference,
        tilbudsnr: &str,
        paragraf: &str,
        maalgruppe: &str,
        taksttype: &str,
        pladser: &str,
        belaegning: &str,
        takst: &str,
        status: Status,
    ) -> TariffRow {
        TariffRow {
            source: Source {
                path: Arc::new(PathBuf::from("test.csv")),
                sheet: None,
                row: 2,
            },
            driftsherre: Party::Kommune(851),
            driftsherre_written: "Aalborg".into(),
            tilbudsnr: tilbudsnr.into(),
            tilbudsnavn: format!("Tilbud {tilbudsnr}"),
            paragraf: reference.paragraf(paragraf).unwrap(),
            maalgruppe: reference.maalgruppe(maalgruppe).unwrap(),
            taksttype: taksttype.into(),
            takstniveau: None,
            pladser: d(pladser),
            belaegning: d(belaegning),
            takstgrundlag: None,
            takst: d(takst),
            takst_forrige_aar: None,
            status,
            erstattes_af: None,
            bemaerkning: None,
            forstaerket: None,
            aar: Some(2017),
        }
    }

    #[test]
    fn rows_split_by_group_and_taksttype_with_subtotals() {
        let r = reference();
        use Status::*;
        let mut now = vec![
            row(
                &r,
                "1",
                "SEL §108",
                "Udviklingshæmmede",
                "Døgntakst",
                "10",
                "100",
                "990",
                Fortsaetter,
            ),
            row(
                &r,
                "2",
                "SEL §108",
                "Udviklingshæmmede",
                "Døgntakst",
                "20",
                "50",
                "2040",
                Fortsaetter,
            ),
            // Same offer, an hourly tariff: its own row, never averaged in.
            row(
                &r,
                "2",
                "SEL §108",
                "Udviklingshæmmede",
                "Timetakst",
                "20",
                "50",
                "400",
                Fortsaetter,
            ),
            // A new offer in the same row.
            row(
                &r,
                "3",
                "SEL §108",
                "Udviklingshæmmede",
                "Døgntakst",
                "5",
                "100",
                "5000",
                Ny,
            ),
            // Børn: SEL §66 with a målgruppe for both.
            row(
                &r,
                "4",
                "SEL §66",
                "Autister",
                "Døgntakst",
                "4",
                "100",
                "3090",
                Fortsaetter,
            ),
        ];
        // The hourly tariff's cost basis pays for 1.460.000 / 400 = 3.650 hours,
        // the same weight as 10 places of a døgntakst (10 × 365).
        now[2].takstgrundlag = Some(d("1460000"));
        let before = vec![
            row(
                &r,
                "1",
                "SEL §108",
                "Udviklingshæmmede",
                "Døgntakst",
                "10",
                "100",
                "1000",
                Fortsaetter,
            ),
            row(
                &r,
                "2",
                "SEL §108",
                "Udviklingshæmmede",
                "Døgntakst",
                "20",
                "50",
                "2000",
                Fortsaetter,
            ),
            row(
                &r,
                "2",
                "SEL §108",
                "Udviklingshæmmede",
                "Timetakst",
                "20",
                "50",
                "400",
                Fortsaetter,
            ),
            row(
                &r,
                "4",
                "SEL §66",
                "Autister",
                "Døgntakst",
                "4",
                "100",
                "3000",
                Fortsaetter,
            ),
        ];
        let result = analyse(
            &now,
            Some(&before),
            Some(d("1.6")),
            Weighting::default(),
            &r,
        );
        let shape: Vec<(Group, &str, &str, &str, usize)> = result
            .rows
            .iter()
            .map(|l| {
                (
                    l.group,
                    l.maalgruppe.as_str(),
                    l.paragraf.as_str(),
                    l.taksttype.as_str(),
                    l.figures.offers,
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (Group::Boern, "Autister", "SEL §66", "Døgntakst", 1),
                (
                    Group::Voksne,
                    "Udviklingshæmmede",
                    "SEL §108",
                    "Døgntakst",
                    3
                ),
                (
                    Group::Voksne,
                    "Udviklingshæmmede",
                    "SEL §108",
                    "Timetakst",
                    1
                ),
            ]
        );
        let doegn = &result.rows[1];
        assert_eq!(doegn.figures.places, d("35"));
        assert_eq!(doegn.figures.change_pct, Some(d("1")));
        assert_eq!(doegn.figures.compared, 2);
        // (10·990 + 10·2040 + 5·5000) / 25 = 2.212.
        assert_eq!(doegn.avg_takst, Some(d("2212")));
        // The new offer has no previous tariff: (10.000 + 20.000) / 20.
        assert_eq!(doegn.avg_takst_previous, Some(d("1500")));
        assert_eq!(result.rows[2].figures.change_pct, Some(d("0")));
        assert_eq!(result.rows[0].figures.change_pct, Some(d("3")));
        assert_eq!(result.rows[0].figures.within_pl, Some(false));

        // Voksne: (9.900 + 20.400 + 4.000) / (10.000 + 20.000 + 4.000) − 1.
        let voksne = &result.groups[1];
        assert_eq!(voksne.group, Group::Voksne);
        assert_eq!(voksne.figures.offers, 3, "offer 2 counts once");
        assert_eq!(voksne.figures.places, d("35"));
        let expected = (d("34300") / d("34000") - Decimal::ONE) * Decimal::ONE_HUNDRED;
        assert_eq!(voksne.figures.change_pct, Some(expected));
        assert_eq!(result.groups[0].group, Group::Boern);
        assert_eq!(result.groups[0].figures.offers, 1);
        assert_eq!(result.groups.len(), 2);

        // Region: + 4·3.090 / 4·3.000.
        assert_eq!(result.region.offers, 4);
        assert_eq!(result.region.places, d("39"));
        let expected = (d("46660") / d("46000") - Decimal::ONE) * Decimal::ONE_HUNDRED;
        assert_eq!(result.region.change_pct, Some(expected));
        assert!(result.has_previous);
    }

    #[test]
    fn own_previous_tariff_is_used_without_a_match() {
        let r = reference();
        let mut only = row(
            &r,
            "1",
            "SEL §107",
            "Sindslidende",
            "Døgntakst",
            "10",
            "100",
            "1020",
            Status::Fortsaetter,
        );
        only.takst_forrige_aar = Some(d("1000"));
        let result = analyse(
            std::slice::from_ref(&only),
            None,
            None,
            Weighting::default(),
            &r,
        );
        assert_eq!(result.rows[0].figures.change_pct, Some(d("2")));
        assert_eq!(result.rows[0].figures.real_change_pct, None);
        // A match in last year's files wins over the column.
        let mut last = only.clone();
        last.takst = d("1010");
        let result = analyse(&[only], Some(&[last]), None, Weighting::default(), &r);
        let change = result.rows[0].figures.change_pct.unwrap();
        assert_eq!(change.round_dp(4), d("0.9901"));
    }

    #[test]
    fn nothing_to_compare_gives_nulls() {
        let r = reference();
        let now = [row(
            &r,
            "1",
            "SEL §107",
            "Sindslidende",
            "Døgntakst",
            "10",
            "100",
            "1020",
            Status::Fortsaetter,
        )];
        let result = analyse(&now, None, Some(d("1.6")), Weighting::default(), &r);
        assert!(!result.has_previous);
        assert_eq!(result.rows[0].avg_takst, Some(d("1020")));
        assert_eq!(result.rows[0].avg_takst_previous, None);
        assert_eq!(result.region.change_pct, None);
        assert_eq!(result.region.within_pl, None);
        assert_eq!(
            analyse(&[], None, None, Weighting::default(), &r).rows,
            vec![]
        );
    }
}
