//! Persons in the two Januaries, for the region and per betalingskommune:
//! how many each year, and how many continue, are new or left. Each year's
//! (person, kommune) pairs are packed into one integer each and sorted once
//! (on the core that read the year, see [`super::Prepared`]) and walked
//! together; the region's and every kommune's counts come out of the one
//! walk.

use super::by_code::ByCode;
use super::Persons;

/// Persons before, persons after, and the comparison.
pub type Counts = (usize, usize, Persons);

/// A (person fingerprint, betalingskommune) pair as one integer: the
/// fingerprint's low 112 bits above the kommune code, so that sorting the
/// integers sorts by person, then kommune. 112 bits of a fingerprint
/// collide among a million persons with a chance of about one in 10^21.
pub fn pack(person: u128, kommune: u16) -> u128 {
    (person << 16) | u128::from(kommune)
}

fn person(pair: u128) -> u128 {
    pair >> 16
}

fn kommune(pair: u128) -> u16 {
    pair as u16
}

/// The region's counts and each kommune's (in code order), from the
/// (person fingerprint, betalingskommune) of every row of the two years.
#[cfg(test)]
pub fn count(before: Vec<(u128, u16)>, after: Vec<(u128, u16)>) -> (Counts, Vec<(u16, Counts)>) {
    let packed = |pairs: Vec<(u128, u16)>| pairs.into_iter().map(|(p, k)| pack(p, k)).collect();
    walk(&sorted(packed(before)), &sorted(packed(after)))
}

/// A year's [`pack`]ed pairs, sorted, each once.
pub fn sorted(mut pairs: Vec<u128>) -> Vec<u128> {
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Tallies of one kommune while walking: (before, after, continuing).
type Tally = (usize, usize, usize);

/// The counts from two years' [`sorted`] pairs.
pub fn walk(before: &[u128], after: &[u128]) -> (Counts, Vec<(u16, Counts)>) {
    let mut kommuner: ByCode<Tally> = ByCode::new();
    for &pair in before {
        kommuner.at(kommune(pair)).0 += 1;
    }
    for &pair in after {
        kommuner.at(kommune(pair)).1 += 1;
    }
    let (mut persons_before, mut persons_after, mut continuing) = (0, 0, 0);
    let (mut i, mut j) = (0, 0);
    loop {
        let (b, a) = (before.get(i), after.get(j));
        let key = match (b, a) {
            (None, None) => break,
            (Some(&b), None) => person(b),
            (None, Some(&a)) => person(a),
            (Some(&b), Some(&a)) => person(b).min(person(a)),
        };
        // The person's kommuner in each year (sorted, as the pairs are).
        let group = |pairs: &[u128], from: usize| {
            pairs
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&p| person(p) == key)
                .count()
        };
        let (nb, na) = (group(before, i), group(after, j));
        let (in_before, in_after) = (
            before.get(i..i + nb).unwrap_or_default(),
            after.get(j..j + na).unwrap_or_default(),
        );
        persons_before += usize::from(nb > 0);
        persons_after += usize::from(na > 0);
        continuing += usize::from(nb > 0 && na > 0);
        for &pair in in_before {
            // The same pair in both years: in this kommune both years.
            if in_after.contains(&pair) {
                kommuner.at(kommune(pair)).2 += 1;
            }
        }
        i += nb;
        j += na;
    }
    let counts = |b: usize, a: usize, c: usize| {
        (
            b,
            a,
            Persons {
                continuing: c,
                new: a - c,
                left: b - c,
            },
        )
    };
    (
        counts(persons_before, persons_after, continuing),
        kommuner
            .into_sorted()
            .into_iter()
            .map(|(k, (b, a, c))| (k, counts(b, a, c)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The counts as sets say them: distinct persons each year, and those
    /// in both (for a kommune: in it in both years).
    fn by_sets(before: &[(u128, u16)], after: &[(u128, u16)]) -> (Counts, Vec<(u16, Counts)>) {
        use std::collections::BTreeSet;
        let counts = |b: &BTreeSet<u128>, a: &BTreeSet<u128>| {
            let c = b.intersection(a).count();
            (
                b.len(),
                a.len(),
                Persons {
                    continuing: c,
                    new: a.len() - c,
                    left: b.len() - c,
                },
            )
        };
        let persons = |rows: &[(u128, u16)], k: Option<u16>| -> BTreeSet<u128> {
            rows.iter()
                .filter(|r| k.is_none_or(|k| r.1 == k))
                .map(|r| r.0)
                .collect()
        };
        let codes: BTreeSet<u16> = before.iter().chain(after).map(|r| r.1).collect();
        (
            counts(&persons(before, None), &persons(after, None)),
            codes
                .into_iter()
                .map(|k| {
                    (
                        k,
                        counts(&persons(before, Some(k)), &persons(after, Some(k))),
                    )
                })
                .collect(),
        )
    }

    proptest! {
        #[test]
        fn one_walk_counts_what_the_sets_say(
            before in proptest::collection::vec((0u128..40, 0u16..4), 0..60),
            after in proptest::collection::vec((0u128..40, 0u16..4), 0..60),
        ) {
            prop_assert_eq!(count(before.clone(), after.clone()), by_sets(&before, &after));
        }
    }

    #[test]
    fn a_person_who_moved_continues_in_the_region_not_in_the_kommune() {
        let (region, kommuner) =
            count(vec![(7, 851), (8, 851)], vec![(7, 860), (8, 851), (8, 851)]);
        assert_eq!(
            region.2,
            Persons {
                continuing: 2,
                new: 0,
                left: 0
            }
        );
        let at = |k: u16| kommuner.iter().find(|c| c.0 == k).map(|c| c.1 .2);
        assert_eq!(
            at(851),
            Some(Persons {
                continuing: 1,
                new: 0,
                left: 1
            })
        );
        assert_eq!(
            at(860),
            Some(Persons {
                continuing: 0,
                new: 1,
                left: 0
            })
        );
    }
}
