//! Tests of billed.rs.

use super::*;

fn place(sheet: &str, col: u32) -> Place {
    Place {
        sheet: Some(Arc::from(sheet)),
        tilbudsnr_col: Some(col),
        takst_col: Some(col + 6),
        tilbudsnr_header: Arc::from("Tilbudsnr"),
        takst_header: Arc::from("Takst"),
    }
}

/// (Tilbudsnr, takst in øre, place, row) read one after the other.
type Read = (&'static str, i64, Place, u32);

fn read(offers: &mut BilledOffers, rows: &[Read]) {
    for (nr, takst, at, row) in rows {
        let takst = Some(Decimal::new(*takst, 2));
        let probe = offers.probe(nr, None, takst);
        offers.observe(probe, *row, |p| p == at, || at.clone());
    }
}

fn rows(a: &Place, b: &Place) -> Vec<Read> {
    let mut rows: Vec<Read> = vec![
        ("101", 150_000, a.clone(), 2),
        ("102", 150_000, a.clone(), 3),
        ("101", 150_000, a.clone(), 4),
        ("101", 160_000, b.clone(), 2),
        ("102", 150_000, b.clone(), 3),
    ];
    // One offer beyond the rows kept of it, even in a part of them.
    for row in 0..2 * ROWS_PER_OFFER as u32 + 3 {
        rows.push(("103", 100, b.clone(), row + 10));
    }
    rows.push(("101", 150_000, a.clone(), 9));
    rows
}

#[test]
fn offers_keep_their_first_rows_and_where_they_were_first_read() {
    let (a, b) = (place("Januar", 0), place("Rettet", 2));
    let mut offers = BilledOffers::default();
    read(&mut offers, &rows(&a, &b));
    let got = offers.offers();
    let summary: Vec<(&str, u64, usize, Option<u32>)> = got
        .iter()
        .map(|((nr, _, _), b)| (nr.as_str(), b.count, b.rows.len(), b.tilbudsnr_col))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("101", 3, 3, Some(0)),
            ("102", 2, 2, Some(0)),
            ("101", 1, 1, Some(2)),
            (
                "103",
                2 * ROWS_PER_OFFER as u64 + 3,
                ROWS_PER_OFFER,
                Some(2)
            ),
        ]
    );
    let sheet = |s: &str| Some(Arc::<str>::from(s));
    assert_eq!(
        got.first().map(|(_, b)| b.rows.clone()),
        Some(vec![
            (sheet("Januar"), 2),
            (sheet("Januar"), 4),
            (sheet("Januar"), 9)
        ])
    );
    assert_eq!(
        got.get(1).map(|(_, b)| b.rows.clone()),
        Some(vec![(sheet("Januar"), 3), (sheet("Rettet"), 3)])
    );
    assert_eq!(got.get(1).map(|(_, b)| b.takst_col), Some(Some(6)));
}

#[test]
fn two_parts_absorbed_are_the_rows_read_in_one() {
    let (a, b) = (place("Januar", 0), place("Rettet", 2));
    let all = rows(&a, &b);
    let mut whole = BilledOffers::default();
    read(&mut whole, &all);
    let want = whole.offers();
    // Every cut: within a place, at a change of place, within the
    // offer beyond its kept rows.
    for cut in [
        0,
        1,
        3,
        4,
        5,
        6,
        500,
        ROWS_PER_OFFER + 4,
        all.len() - 1,
        all.len(),
    ] {
        let (first, later) = all.split_at(cut);
        let mut joined = BilledOffers::default();
        read(&mut joined, first);
        let mut second = BilledOffers::default();
        read(&mut second, later);
        joined.absorb(second);
        assert_eq!(joined.offers(), want, "cut at {cut}");
    }
}

#[test]
fn the_table_grows_and_keeps_every_offer_apart() {
    let at = place("Januar", 0);
    let mut offers = BilledOffers::default();
    let n: u32 = 5_000;
    for round in 0..2 {
        for i in 0..n {
            // Tariffs written with and without øre are one offer.
            let takst = if round == 0 {
                Decimal::new(i64::from(i % 97) * 100, 0)
            } else {
                Decimal::new(i64::from(i % 97) * 10_000, 2)
            };
            let nr = format!("{}", 400_000 + i / 97);
            let probe = offers.probe(&nr, None, Some(takst));
            offers.observe(probe, round * n + i + 2, |p| p == &at, || at.clone());
        }
    }
    let got = offers.offers();
    assert_eq!(got.len(), n as usize);
    for (i, ((nr, _, takst), billed)) in got.iter().enumerate() {
        let i = i as u32;
        assert_eq!(nr, &format!("{}", 400_000 + i / 97));
        assert_eq!(*takst, Some(Decimal::new(i64::from(i % 97) * 100, 0)));
        assert_eq!(
            billed.rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![i + 2, n + i + 2]
        );
    }
}

#[test]
fn a_tariff_is_one_offer_however_it_is_written() {
    let at = place("Januar", 0);
    let mut offers = BilledOffers::default();
    let zero = Decimal::ZERO;
    for (row, takst) in [
        Decimal::new(1500, 0),
        Decimal::new(150_000, 2),
        Decimal::new(15_000, 1),
        zero,
        -zero,
        Decimal::new(0, 2),
        Decimal::new(-0, 3),
    ]
    .into_iter()
    .enumerate()
    {
        let probe = offers.probe("101", None, Some(takst));
        offers.observe(probe, row as u32 + 2, |p| p == &at, || at.clone());
    }
    let got: Vec<(Option<Decimal>, u64)> = offers
        .offers()
        .into_iter()
        .map(|((_, _, takst), billed)| (takst, billed.count))
        .collect();
    assert_eq!(got, vec![(Some(Decimal::new(1500, 0)), 3), (Some(zero), 4)]);
}
