//! Tables and JSON of `ramme forbrug`: the use of each offer, the totals
//! per driftsherre and for the region, the early-warning list of the
//! strengthened cooperation, and the user rates.

use super::analysis::{json_kr, json_opt_kr, json_opt_pct, Rendered};
use super::table::{Column, Kind, Table, TableCell};
use crate::analysis::brugerrater::UserRates;
use crate::analysis::forbrug::{Flag, ForbrugResult, OfferUse, Params, Totals};
use crate::lang::Lang;
use crate::messages::forbrug as messages;
use crate::values::reference::{Group, Reference};
use serde_json::{json, Value as Json};

fn flag_label(flag: Option<Flag>, lang: Lang) -> TableCell {
    match flag {
        // The contract's code for scripts, the words for people.
        Some(Flag::KunEgne) => TableCell::coded(
            "kun-egne",
            lang.pick("kun egne borgere", "own citizens only"),
        ),
        Some(Flag::FaaKommuner) => {
            TableCell::coded("faa-kommuner", lang.pick("få kommuner", "few kommuner"))
        }
        None => TableCell::Empty,
    }
}

fn yes_no(b: bool, lang: Lang) -> TableCell {
    TableCell::coded(
        if b { "true" } else { "false" },
        lang.pick(if b { "ja" } else { "nej" }, if b { "yes" } else { "no" }),
    )
}

fn kommune_name(code: u16, reference: &Reference) -> String {
    reference
        .kommune_info(code)
        .map_or_else(|| code.to_string(), |k| k.name.clone())
}

/// The paying kommuner by name.
fn paying_names(o: &OfferUse, reference: &Reference) -> Vec<String> {
    let mut names: Vec<String> = o
        .paying
        .iter()
        .map(|k| kommune_name(*k, reference))
        .collect();
    names.sort_by_key(|n| crate::text::fold(n));
    names
}

fn paragraf_label(o: &OfferUse, reference: &Reference) -> String {
    reference
        .paragraf_info(o.paragraf)
        .map(|p| p.label.clone())
        .unwrap_or_default()
}

pub fn group_key(g: Group) -> &'static str {
    match g {
        Group::Boern => "boern",
        Group::Voksne | Group::Begge => "voksne",
    }
}

/// The per-offer table's columns (shared by the early-warning sheet).
fn offer_columns(lang: Lang) -> Vec<Column> {
    vec![
        Column::new(
            "driftsherre",
            lang.pick("Driftsherre", "Operator"),
            Kind::Text,
        ),
        Column::new("tilbudsnr", lang.pick("Tilbudsnr", "Offer no."), Kind::Text),
        Column::new("tilbudsnavn", lang.pick("Tilbud", "Offer"), Kind::Text),
        Column::new("paragraf", lang.pick("Paragraf", "Paragraph"), Kind::Text),
        Column::new("citizens", lang.pick("Borgere", "Citizens"), Kind::Integer),
        Column::new(
            "paying_kommuner",
            lang.pick("Betalende kommuner", "Paying kommuner"),
            Kind::Integer,
        ),
        Column::new("kommuner", lang.pick("Kommuner", "Kommuner"), Kind::Text),
        Column::new(
            "spending",
            lang.pick("Udgift januar", "Spending January"),
            Kind::Kr,
        ),
        Column::new(
            "own_share_pct",
            lang.pick("Egne borgeres andel", "Own citizens' share"),
            Kind::Pct,
        ),
        Column::new("flag", lang.pick("Markering", "Flag"), Kind::Text),
        Column::new(
            "budget",
            lang.pick("Budgetterede pladser", "Budgeted places"),
            Kind::Number(2),
        ),
        Column::new(
            "used",
            lang.pick("Belagte pladser", "Places used"),
            Kind::Number(2),
        ),
        Column::new(
            "occupancy_pct",
            lang.pick("Belægning af budget", "Occupancy of budget"),
            Kind::Pct,
        ),
        Column::new(
            "forstaerket",
            lang.pick("Forstærket samarbejde", "Strengthened cooperation"),
            Kind::Text,
        ),
    ]
}

fn offer_row(o: &OfferUse, reference: &Reference, lang: Lang) -> Vec<TableCell> {
    let names = paying_names(o, reference);
    vec![
        o.driftsherre_written.clone().into(),
        o.tilbudsnr.clone().into(),
        o.tilbudsnavn.clone().into(),
        paragraf_label(o, reference).into(),
        o.citizens.into(),
        o.paying.len().into(),
        names.join(", ").into(),
        o.spending.into(),
        o.own_share_pct().into(),
        flag_label(o.flag, lang),
        o.budget.into(),
        o.used.into(),
        o.occupancy_pct.into(),
        yes_no(o.forstaerket, lang),
    ]
}

fn offer_json(o: &OfferUse, reference: &Reference) -> Json {
    json!({
        "tilbudsnr": o.tilbudsnr,
        "tilbudsnavn": o.tilbudsnavn,
        "paragraf": paragraf_label(o, reference),
        "driftsherre": o.driftsherre_written,
        "citizens": o.citizens,
        "paying_kommuner": o.paying.len(),
        "paying_kommuner_names": paying_names(o, reference),
        "spending": json_kr(o.spending),
        "own_spending": json_kr(o.own_spending),
        "own_share_pct": json_opt_pct(o.own_share_pct()),
        "flag": o.flag.map(Flag::key),
        "budget_places": super::analysis::json_pct(o.budget),
        "used_places": super::analysis::json_pct(o.used),
        "days_based": o.days_based,
        "occupancy_pct": json_opt_pct(o.occupancy_pct),
        "forstaerket": o.forstaerket,
        "early_warning": o.early_warning,
    })
}

fn totals_row(label: String, t: &Totals) -> Vec<TableCell> {
    vec![
        label.into(),
        t.offers.into(),
        t.citizens.into(),
        t.spending.into(),
        t.own_share_pct().into(),
        t.kun_egne.into(),
        t.faa_kommuner.into(),
        t.budget.into(),
        t.used.into(),
        t.occupancy_pct().into(),
        t.early_warnings.into(),
    ]
}

fn totals_json(t: &Totals) -> Json {
    json!({
        "offers": t.offers,
        "citizens": t.citizens,
        "spending": json_kr(t.spending),
        "own_share_pct": json_opt_pct(t.own_share_pct()),
        "kun_egne": t.kun_egne,
        "faa_kommuner": t.faa_kommuner,
        "occupancy_pct": json_opt_pct(t.occupancy_pct()),
        "early_warnings": t.early_warnings,
    })
}

/// The early-warning table alone (also a sheet in `bilag`).
pub fn early_warning_table(
    result: &ForbrugResult,
    params: &Params,
    reference: &Reference,
    lang: Lang,
) -> Table {
    let mut t = Table::new(
        lang.pick("Belægning advarsel", "Occupancy warning"),
        lang.pick(
            "Tidlig varsling: tilbud i det forstærkede samarbejde under budgetteret belægning",
            "Early warning: offers of the strengthened cooperation below budgeted occupancy",
        ),
        offer_columns(lang),
    );
    for o in result.early_warning() {
        t.push(offer_row(o, reference, lang));
    }
    let level = crate::numfmt::pct(params.warn_below_pct, lang);
    t.notes.push(messages::early_warning_note(&level, lang));
    if t.rows.is_empty() {
        t.notes.push(messages::no_early_warning(lang));
    }
    t
}

/// The user-rates table (also a sheet in `bilag`).
pub fn user_rates_table(rates: &UserRates, band: &str, reference: &Reference, lang: Lang) -> Table {
    let mut t = Table::new(
        lang.pick("Brugerrater", "User rates"),
        &messages::user_rates_caption(band, lang),
        vec![
            Column::new(
                "kommune",
                lang.pick("Betalingskommune", "Paying kommune"),
                Kind::Text,
            ),
            Column::new(
                "maalgruppe",
                lang.pick("Målgruppe", "Target group"),
                Kind::Text,
            ),
            Column::new(
                "gruppe",
                lang.pick("Børn/voksne", "Children/adults"),
                Kind::Text,
            ),
            Column::new("users", lang.pick("Brugere", "Users"), Kind::Integer),
            Column::new(
                "per_1000",
                lang.pick("Pr. 1.000 indb.", "Per 1,000 inh."),
                Kind::Number(2),
            ),
            Column::new(
                "spending_per_user",
                lang.pick("Udgift pr. bruger", "Spending per user"),
                Kind::Kr,
            ),
            Column::new(
                "region_per_1000",
                lang.pick("Regionen pr. 1.000", "Region per 1,000"),
                Kind::Number(2),
            ),
            Column::new(
                "region_spending_per_user",
                lang.pick("Regionen pr. bruger", "Region per user"),
                Kind::Kr,
            ),
        ],
    );
    for r in &rates.rows {
        t.push(vec![
            kommune_name(r.kommune, reference).into(),
            maalgruppe_name(r, reference).into(),
            group_label(r.gruppe, lang).into(),
            r.rate.users.into(),
            r.rate.per_1000().into(),
            r.rate.spending_per_user().into(),
            r.region.per_1000().into(),
            r.region.spending_per_user().into(),
        ]);
    }
    t.notes.push(messages::user_rates_note(lang));
    if rates.region_population.is_none() {
        t.notes.push(messages::user_rates_no_population(lang));
    }
    t
}

fn maalgruppe_name(r: &crate::analysis::brugerrater::UserRate, reference: &Reference) -> String {
    reference
        .maalgruppe_info(r.maalgruppe)
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

fn group_label(g: Group, lang: Lang) -> &'static str {
    match g {
        Group::Boern => lang.pick("børn", "children"),
        Group::Voksne | Group::Begge => lang.pick("voksne", "adults"),
    }
}

pub fn render(
    result: &ForbrugResult,
    rates: &UserRates,
    params: &Params,
    band: &str,
    reference: &Reference,
    lang: Lang,
) -> Rendered {
    let mut offers = Table::new(
        lang.pick("Brug af tilbud", "Use of offers"),
        lang.pick(
            "Brug af tilbud i januar: borgere, betalende kommuner og belægning",
            "Use of offers in January: citizens, paying kommuner and occupancy",
        ),
        offer_columns(lang),
    );
    for o in &result.offers {
        offers.push(offer_row(o, reference, lang));
    }
    offers
        .notes
        .push(messages::offers_note(params.faa_kommuner, lang));
    for u in &result.unmatched {
        let paragraf = reference
            .paragraf_info(u.paragraf)
            .map(|p| p.label.clone())
            .unwrap_or_default();
        offers.notes.push(messages::unmatched_offer(
            &u.tilbudsnr,
            &paragraf,
            u.rows,
            &crate::numfmt::kr(u.spending, lang),
            lang,
        ));
    }
    let mut totals = Table::new(
        lang.pick("Pr. driftsherre", "By operator"),
        lang.pick(
            "Brug af tilbud pr. driftsherre",
            "Use of offers by operator",
        ),
        vec![
            Column::new(
                "driftsherre",
                lang.pick("Driftsherre", "Operator"),
                Kind::Text,
            ),
            Column::new("offers", lang.pick("Tilbud", "Offers"), Kind::Integer),
            Column::new("citizens", lang.pick("Borgere", "Citizens"), Kind::Integer),
            Column::new(
                "spending",
                lang.pick("Udgift januar", "Spending January"),
                Kind::Kr,
            ),
            Column::new(
                "own_share_pct",
                lang.pick("Egne borgeres andel", "Own citizens' share"),
                Kind::Pct,
            ),
            Column::new(
                "kun_egne",
                lang.pick("Kun egne borgere", "Own citizens only"),
                Kind::Integer,
            ),
            Column::new(
                "faa_kommuner",
                lang.pick("Få kommuner", "Few kommuner"),
                Kind::Integer,
            ),
            Column::new(
                "budget",
                lang.pick("Budgetterede pladser", "Budgeted places"),
                Kind::Number(2),
            ),
            Column::new(
                "used",
                lang.pick("Belagte pladser", "Places used"),
                Kind::Number(2),
            ),
            Column::new(
                "occupancy_pct",
                lang.pick("Belægning af budget", "Occupancy of budget"),
                Kind::Pct,
            ),
            Column::new(
                "early_warnings",
                lang.pick("Advarsler", "Warnings"),
                Kind::Integer,
            ),
        ],
    );
    let mut by_name: Vec<&(crate::values::reference::Party, Totals)> =
        result.by_driftsherre.iter().collect();
    by_name.sort_by_key(|(p, _)| crate::text::fold(&reference.display_name(p)));
    for (party, t) in &by_name {
        totals.push(totals_row(reference.display_name(party), t));
    }
    totals.total = Some(totals_row(
        lang.pick("Regionen", "Region").to_string(),
        &result.region,
    ));
    totals.notes.push(messages::totals_note(lang));
    let warning = early_warning_table(result, params, reference, lang);
    let rates_table = user_rates_table(rates, band, reference, lang);
    let json = json!({
        "faa_kommuner": params.faa_kommuner,
        "belaegning_advarsel_pct": super::analysis::json_pct(params.warn_below_pct),
        "offers": result.offers.iter().map(|o| offer_json(o, reference)).collect::<Vec<_>>(),
        "by_driftsherre": by_name.iter().map(|(p, t)| {
            let mut j = totals_json(t);
            j["driftsherre"] = json!(reference.display_name(p));
            j
        }).collect::<Vec<_>>(),
        "region": totals_json(&result.region),
        "early_warning": result.early_warning().map(|o| offer_json(o, reference)).collect::<Vec<_>>(),
        "unmatched": result.unmatched.iter().map(|u| json!({
            "tilbudsnr": u.tilbudsnr,
            "paragraf": reference.paragraf_info(u.paragraf).map(|p| p.label.clone()),
            "rows": u.rows,
            "spending": json_kr(u.spending),
        })).collect::<Vec<_>>(),
        "alder": band,
        "region_population": json_opt_kr(rates.region_population),
        "user_rates": rates.rows.iter().map(|r| json!({
            "kommune": kommune_name(r.kommune, reference),
            "code": r.kommune,
            "maalgruppe": maalgruppe_name(r, reference),
            "gruppe": group_key(r.gruppe),
            "users": r.rate.users,
            "population": json_opt_kr(r.rate.population),
            "per_1000": json_opt_rate(r.rate.per_1000()),
            "spending": json_kr(r.rate.spending),
            "spending_per_user": json_opt_kr(r.rate.spending_per_user()),
            "region_users": r.region.users,
            "region_per_1000": json_opt_rate(r.region.per_1000()),
            "region_spending_per_user": json_opt_kr(r.region.spending_per_user()),
        })).collect::<Vec<_>>(),
    });
    // Stable table names for the machine CSV.
    Rendered::new(
        vec![
            offers.keyed("offers"),
            totals.keyed("by_driftsherre"),
            warning.keyed("early_warning"),
            rates_table.keyed("user_rates"),
        ],
        json,
    )
}

/// A rate per 1.000 as a JSON number with at most 4 decimals.
fn json_opt_rate(value: Option<rust_decimal::Decimal>) -> Json {
    json_opt_pct(value)
}
