//! A tariff row for the analyses' unit tests: Aalborg, offer 1, SEL §108,
//! Udviklingshæmmede, Fortsætter, 2017, changed with struct update syntax.

use crate::dataset::{Source, Status, TariffRow};
use crate::values::reference::Party;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A row of the given tariff type, places, occupancy, tariff and cost basis.
pub fn row(
    taksttype: &str,
    pladser: &str,
    belaegning: &str,
    takst: &str,
    grundlag: Option<&str>,
) -> TariffRow {
    let r = crate::schema::Catalog::embedded().unwrap().reference;
    TariffRow {
        source: Source {
            path: Arc::new(PathBuf::from("t.csv")),
            sheet: None,
            row: 2,
        },
        driftsherre: Party::Kommune(851),
        driftsherre_written: "Aalborg".into(),
        tilbudsnr: "1".into(),
        tilbudsnavn: "A".into(),
        paragraf: r.paragraf("SEL §108").unwrap(),
        maalgruppe: r.maalgruppe("Udviklingshæmmede").unwrap(),
        taksttype: taksttype.into(),
        takstniveau: None,
        pladser: d(pladser),
        belaegning: d(belaegning),
        takstgrundlag: grundlag.map(d),
        takst: d(takst),
        takst_forrige_aar: None,
        status: Status::Fortsaetter,
        erstattes_af: None,
        bemaerkning: None,
        forstaerket: None,
        aar: Some(2017),
        aarsag: None,
        ikrafttraeden: None,
        costs: Default::default(),
    }
}
