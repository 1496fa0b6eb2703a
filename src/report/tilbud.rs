//! Tables and JSON of `ramme tilbud`.

use super::analysis::{opt_text, Rendered};
use super::table::{Column, Kind, Table, TableCell};
use crate::analysis::tilbud::{Offer, TilbudResult};
use crate::dataset::takst::LeaveReason;
use crate::lang::Lang;
use crate::messages::tariff as msg;
use crate::messages::tilbud as text;
use serde_json::{json, Value as Json};

/// The machine code of a reason in JSON and CSV.
fn reason_code(reason: Option<LeaveReason>) -> &'static str {
    match reason {
        Some(LeaveReason::Lukker) => "lukker",
        Some(LeaveReason::DrivesVidere) => "drives_videre",
        Some(LeaveReason::Sammenlaegges) => "sammenlaegges",
        Some(LeaveReason::Omlaegges) => "omlaegges",
        None => "none",
    }
}

fn offer_json(o: &Offer) -> Json {
    json!({
        "kommune": o.kommune,
        "driftsherre": o.driftsherre,
        "tilbudsnr": o.tilbudsnr,
        "tilbudsnavn": o.tilbudsnavn,
        "paragraf": o.paragraf_label,
        "pladser": super::analysis::json_kr(o.pladser),
        "erstattes_af": o.erstattes_af,
        "bemaerkning": o.bemaerkning,
        "aarsag": o.aarsag.map(|r| reason_code(Some(r))),
        "ikrafttraeden": o.ikrafttraeden.map(|d| d.format("%Y-%m-%d").to_string()),
    })
}

/// Seed 001's table of leaving offers with the reason first and the date
/// they leave: Årsag | Kommune | Tilbud | Tilbudsnr | Ikrafttræden |
/// Erstattes af | Bemærkninger.
fn by_reason_table(result: &TilbudResult, year_text: &str, lang: Lang) -> Table {
    let mut t = Table::new(
        lang.pick("Udgår efter årsag", "Leaving by reason"),
        &msg::leaving_by_reason_title(year_text, lang),
        vec![
            Column::new("aarsag", lang.pick("Årsag", "Reason"), Kind::Text),
            Column::new("kommune", lang.pick("Kommune", "Kommune"), Kind::Text),
            Column::new("tilbud", lang.pick("Tilbud", "Offer"), Kind::Text),
            Column::new("tilbudsnr", lang.pick("Tilbudsnr", "Offer no."), Kind::Text),
            Column::new(
                "ikrafttraeden",
                lang.pick("Ikrafttræden", "Effective"),
                Kind::Text,
            ),
            Column::new(
                "erstattes_af",
                lang.pick("Erstattes af", "Replaced by"),
                Kind::Text,
            ),
            Column::new(
                "bemaerkning",
                lang.pick("Bemærkninger", "Remarks"),
                Kind::Text,
            ),
        ],
    )
    .keyed("leaving_by_reason")
    .when_empty(lang.pick("Ingen tilbud udgår.", "No offers leave."));
    for group in &result.leaving_by_reason {
        let code = reason_code(group.reason);
        let reason = TableCell::coded(code, &msg::leave_reason(code, lang));
        for o in &group.offers {
            t.push(vec![
                reason.clone(),
                o.driftsherre.clone().into(),
                format!("{} ({})", o.tilbudsnavn, o.paragraf_label).into(),
                o.tilbudsnr.clone().into(),
                o.ikrafttraeden.map_or(TableCell::Empty, |d| {
                    d.format("%d-%m-%Y").to_string().into()
                }),
                opt_text(&o.erstattes_af),
                opt_text(&o.bemaerkning),
            ]);
        }
    }
    let without = result
        .leaving_by_reason
        .iter()
        .filter(|g| g.reason.is_none())
        .map(|g| g.offers.len())
        .sum();
    t.notes.push(msg::leaving_by_reason_note(without, lang));
    t
}

/// The seed's table: Kommune | Tilbud (paragraph) | Erstattes af | Bemærkninger.
fn offers_table(
    name: &str,
    key: &str,
    title: &str,
    empty: &str,
    offers: &[Offer],
    lang: Lang,
) -> Table {
    let mut t = Table::new(
        name,
        title,
        vec![
            Column::new("kommune", lang.pick("Kommune", "Kommune"), Kind::Text),
            Column::new("tilbud", lang.pick("Tilbud", "Offer"), Kind::Text),
            Column::new("tilbudsnr", lang.pick("Tilbudsnr", "Offer no."), Kind::Text),
            Column::new(
                "erstattes_af",
                lang.pick("Erstattes af", "Replaced by"),
                Kind::Text,
            ),
            Column::new(
                "bemaerkning",
                lang.pick("Bemærkninger", "Remarks"),
                Kind::Text,
            ),
        ],
    )
    .keyed(key)
    .when_empty(empty);
    for o in offers {
        t.push(vec![
            o.driftsherre.clone().into(),
            format!("{} ({})", o.tilbudsnavn, o.paragraf_label).into(),
            o.tilbudsnr.clone().into(),
            opt_text(&o.erstattes_af),
            opt_text(&o.bemaerkning),
        ]);
    }
    t
}

/// A check's title: "Advarsel: …" only when there is something to warn of.
fn warning(none: bool, what: &str, lang: Lang) -> String {
    let mut chars = what.chars();
    let capital = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    if none {
        capital
    } else {
        format!("{}: {what}", lang.pick("Advarsel", "Warning"))
    }
}

pub fn render(result: &TilbudResult, year: Option<i32>, lang: Lang) -> Rendered {
    let year_text = year.map(|y| format!(" {y}")).unwrap_or_default();
    let mut tables = vec![
        offers_table(
            lang.pick("Nye tilbud", "New offers"),
            "new",
            &text::new_offers_title(&year_text, lang),
            lang.pick("Ingen nye tilbud.", "No new offers."),
            &result.new,
            lang,
        ),
        offers_table(
            lang.pick("Udgående tilbud", "Leaving offers"),
            "leaving",
            &text::leaving_offers_title(&year_text, lang),
            lang.pick("Ingen tilbud udgår.", "No offers leave."),
            &result.leaving,
            lang,
        ),
    ];
    // The reasons are optional columns: the table comes when a report has
    // them, so reports without keep the tables they had.
    if result
        .leaving
        .iter()
        .any(|o| o.aarsag.is_some() || o.ikrafttraeden.is_some())
    {
        tables.push(by_reason_table(result, &year_text, lang));
    }
    let mut counts = Table::new(
        lang.pick("Pr. driftsherre", "By operator"),
        &text::by_operator_title(&year_text, lang),
        vec![
            Column::new("kommune", lang.pick("Driftsherre", "Operator"), Kind::Text),
            Column::new("offers", lang.pick("Tilbud", "Offers"), Kind::Integer),
            Column::new("places", lang.pick("Pladser", "Places"), Kind::Number(2)),
            Column::new("new", lang.pick("Nye", "New"), Kind::Integer),
            Column::new("leaving", lang.pick("Udgår", "Leaving"), Kind::Integer),
        ],
    )
    .keyed("by_kommune")
    .when_empty(lang.pick("Ingen tilbud.", "No offers."));
    for c in &result.by_kommune {
        counts.push(vec![
            c.kommune.clone().into(),
            c.offers.into(),
            c.places.into(),
            c.new.into(),
            c.leaving.into(),
        ]);
    }
    let sum = |f: fn(&crate::analysis::tilbud::Counts) -> usize| {
        result.by_kommune.iter().map(f).sum::<usize>()
    };
    counts.total = Some(vec![
        TableCell::total(lang.pick("I alt", "Total")),
        sum(|c| c.offers).into(),
        TableCell::Number(result.by_kommune.iter().map(|c| c.places).sum()),
        sum(|c| c.new).into(),
        sum(|c| c.leaving).into(),
    ]);
    counts.notes.push(text::units_count_under_kommune(lang));
    tables.push(counts);
    if let Some(vanished) = &result.vanished {
        let mut t = offers_table(
            lang.pick("Forsvundne", "Vanished"),
            "vanished",
            &warning(
                vanished.is_empty(),
                lang.pick(
                    "tilbud fra sidste år, der mangler uden at være meldt ud",
                    "last year's offers that are missing without being reported as leaving",
                ),
                lang,
            ),
            lang.pick(
                "Ingen: alle sidste års tilbud er indberettet igen eller meldt ud.",
                "None: every offer of last year is reported again or as leaving.",
            ),
            vanished,
            lang,
        );
        if !vanished.is_empty() {
            t.notes.push(text::leaving_must_be_reported(lang));
        }
        tables.push(t);
    }
    if let Some(unannounced) = &result.unannounced {
        let mut t = offers_table(
            lang.pick("Ikke anmeldt", "Unannounced"),
            "unannounced",
            &warning(
                unannounced.is_empty(),
                lang.pick(
                    "tilbud indberettet som Fortsætter, som ikke var med sidste år",
                    "offers reported as continuing that were not there last year",
                ),
                lang,
            ),
            lang.pick(
                "Ingen: alle fortsættende tilbud var med sidste år.",
                "None: every continuing offer was there last year.",
            ),
            unannounced,
            lang,
        );
        if !unannounced.is_empty() {
            t.notes.push(text::new_must_be_reported(lang));
        }
        tables.push(t);
    }
    let mut json = json!({
        "year": year,
        "new": result.new.iter().map(offer_json).collect::<Vec<_>>(),
        "leaving": result.leaving.iter().map(offer_json).collect::<Vec<_>>(),
        "leaving_by_reason": result.leaving_by_reason.iter().map(|g| json!({
            "reason": reason_code(g.reason),
            "offers": g.offers.iter().map(offer_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "by_kommune": result.by_kommune.iter().map(|c| json!({
            "kommune": c.kommune,
            "offers": c.offers,
            "places": super::analysis::json_kr(c.places),
            "new": c.new,
            "leaving": c.leaving,
        })).collect::<Vec<_>>(),
    });
    if let (Some(object), Some(vanished), Some(unannounced)) =
        (json.as_object_mut(), &result.vanished, &result.unannounced)
    {
        object.insert("vanished".into(), vanished.iter().map(offer_json).collect());
        object.insert(
            "unannounced".into(),
            unannounced.iter().map(offer_json).collect(),
        );
    }
    Rendered::new(tables, json)
}
