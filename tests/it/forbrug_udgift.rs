//! `ramme udgift --takster … --takster-previous …`: the takst effect split
//! into price and level effects, by hand and as a property.

use crate::harness::Test;
use serde_json::json;

const UDGIFT_HEADER: &str = "Personkode;Betalingskommune;Tilbudsnr;Paragraf;Udgift";

/// Januar 2016 and 2017: A pure price change (+1 %), B another level in
/// the same offer, C −10 % tariff, E left, F new, G in an offer with no
/// tariff report.
fn januar(year: u16) -> String {
    let rows: &[&str] = if year == 2016 {
        &[
            "PK-A;Aalborg;1001;SEL §108;31.000,00",
            "PK-B;Aalborg;1001;SEL §108;31.000,00",
            "PK-C;Hjørring;2001;SEL §107;62.000,00",
            "PK-E;Hjørring;2001;SEL §107;20.000,00",
            "PK-G;Aalborg;3001;SEL §108;5.000,00",
        ]
    } else {
        &[
            "PK-A;Aalborg;1001;SEL §108;31.310,00",
            "PK-B;Aalborg;1001;SEL §108;40.000,00",
            "PK-C;Hjørring;2001;SEL §107;55.800,00",
            "PK-F;Hjørring;2001;SEL §107;10.000,00",
            "PK-G;Aalborg;3001;SEL §108;6.000,00",
        ]
    };
    std::iter::once(UDGIFT_HEADER)
        .chain(rows.iter().copied())
        .collect::<Vec<_>>()
        .join("\n")
}

fn takst_year(rows: &[&str], with_previous_column: bool) -> String {
    let header = "Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takst;Takst forrige år;Status";
    let mut out = vec![header.to_string()];
    for r in rows {
        let mut cells: Vec<&str> = r.split(';').collect();
        if !with_previous_column {
            cells[9] = "";
        }
        out.push(cells.join(";"));
    }
    out.join("\n")
}

#[test]
fn udgift_price_and_level_effects_by_hand() {
    let now = [
        "Aalborg;1001;Bo;SEL §108;Udviklingshæmmede;Døgntakst;4;100;1.010,00;1.000,00;Fortsætter",
        "Hjørring;2001;Center;SEL §107;Sindslidende;Døgntakst;10;100;1.800,00;2.000,00;Fortsætter",
    ];
    let before = [
        "Aalborg;1001;Bo;SEL §108;Udviklingshæmmede;Døgntakst;4;100;1.000,00;;Fortsætter",
        "Hjørring;2001;Center;SEL §107;Sindslidende;Døgntakst;10;100;2.000,00;;Fortsætter",
    ];
    // Last year's files, or this year's Takst forrige år column: the same.
    for previous in [true, false] {
        let mut args = vec![
            "udgift",
            "--before",
            "2016/borgere.csv",
            "--after",
            "2017/borgere.csv",
            "--takster",
            "2017/takst.csv",
        ];
        if previous {
            args.extend(["--takster-previous", "2016/takst.csv"]);
        }
        args.extend(["--format", "json"]);
        let run = Test::new()
            .file("2016/borgere.csv", januar(2016))
            .file("2017/borgere.csv", januar(2017))
            .file("2017/takst.csv", takst_year(&now, !previous))
            .file("2016/takst.csv", takst_year(&before, false))
            .args(&args)
            .run();
        run.code(0);
        let j = run.json();
        // Takst effect 310 + 9.000 − 6.200 + 1.000 = 4.110 of 149.000.
        assert_eq!(j["takst_effect"], json!({"amount": 4110, "pct": 2.7584}));
        // Price: 31.000 × 1 % twice, 62.000 × −10 %; G has no tariff.
        assert_eq!(j["price_effect"], json!({"amount": -5580, "pct": -3.745}));
        // Level: B's 9.000 − 310, and G's 1.000.
        assert_eq!(j["level_effect"], json!({"amount": 9690, "pct": 6.5034}));
        assert_eq!(j["unpriced_rows"], 1);
        assert_eq!(
            j["visitation_effect"],
            json!({"amount": -10000, "pct": -6.7114})
        );
        let aalborg = &j["by_kommune"][0];
        assert_eq!(aalborg["kommune"], "Aalborg");
        assert_eq!(aalborg["price_effect"], json!(620));
        assert_eq!(aalborg["level_effect"], json!(9690));
    }
    // Without --takster, no split.
    let run = Test::new()
        .file("2016/borgere.csv", januar(2016))
        .file("2017/borgere.csv", januar(2017))
        .args(&[
            "udgift", "--before", "2016", "--after", "2017", "--format", "json",
        ])
        .run();
    run.code(0);
    assert_eq!(run.json().get("price_effect"), None);
}

mod split_property {
    use proptest::prelude::*;
    use ramme::analysis::udgift::{analyse_with_prices, PriceChanges};
    use ramme::dataset::CitizenRow;
    use ramme::values::reference::Reference;
    use rust_decimal::Decimal;

    proptest! {
        /// Price effect + level effect = takst effect, exactly, for the
        /// region and every kommune, whatever the rows and tariff changes.
        #[test]
        fn price_and_level_add_up(
            rows in prop::collection::vec((0u8..6, 0u8..3, 0u8..3, 0i64..10_000_000, 0i64..10_000_000, any::<bool>(), any::<bool>()), 0..40),
            changes in prop::collection::vec(-5000i64..5000, 3),
        ) {
            let reference = Reference::embedded().unwrap();
            let paragraf = reference.paragraf("SEL §108").unwrap();
            let kommuner = [851u16, 860, 813];
            let mut prices = PriceChanges::default();
            // Offer 2 has no change: all of its change is level.
            for (offer, change) in changes.iter().enumerate().take(2) {
                prices.insert(&offer.to_string(), paragraf, Decimal::new(*change, 4));
            }
            let (mut before, mut after) = (Vec::new(), Vec::new());
            for (i, (person, offer, kommune, b, a, in_before, in_after)) in rows.iter().enumerate() {
                let code = format!("PK-{person}");
                let k = kommuner[usize::from(*kommune)];
                if *in_before {
                    before.push(CitizenRow::new(&code, &offer.to_string(), paragraf, k, Decimal::new(*b, 2), i as u32));
                }
                if *in_after {
                    after.push(CitizenRow::new(&code, &offer.to_string(), paragraf, k, Decimal::new(*a, 2), i as u32));
                }
            }
            let r = analyse_with_prices(&before, &after, false, Some(&prices));
            prop_assert_eq!(r.region.price_effect + r.region.level_effect(), r.region.takst_effect);
            prop_assert_eq!(r.region.takst_effect + r.region.visitation_effect, r.region.change);
            prop_assert!(r.region.price_effect.scale() <= 2);
            for (_, c) in &r.by_kommune {
                prop_assert_eq!(c.price_effect + c.level_effect(), c.takst_effect);
            }
        }
    }
}

/// Amounts just below the cell limit and a tariff that rose from 0,01 kr
/// to almost a trillion: the price effect (Udgift × the tariff's change)
/// of a thousand such rows outgrows what is computed exactly. The run
/// ends as an input error with a Danish message, never a panic, and no
/// figures are written.
#[test]
fn a_price_effect_too_large_to_compute_is_an_input_error() {
    let most = "999.999.999.999,00";
    let year: String = std::iter::once(UDGIFT_HEADER.to_string())
        .chain((0..1000).map(|i| format!("PK-R{i};Aalborg;1001;SEL §108;{most}")))
        .collect::<Vec<_>>()
        .join("\n");
    let now = [format!(
        "Aalborg;1001;Bo;SEL §108;Udviklingshæmmede;Døgntakst;4;100;{most};0,01;Fortsætter"
    )];
    let now: Vec<&str> = now.iter().map(String::as_str).collect();
    let run = Test::new()
        .file("2016/borgere.csv", &year)
        .file("2017/borgere.csv", &year)
        .file("2017/takst.csv", takst_year(&now, true))
        .args(&[
            "udgift",
            "--before",
            "2016/borgere.csv",
            "--after",
            "2017/borgere.csv",
            "--takster",
            "2017/takst.csv",
        ])
        .run();
    run.code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("så store, at analysens summer ikke kan regnes ud præcist"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}
