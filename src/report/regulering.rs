//! Tables and JSON of `ramme regulering` (and its annex section).

use super::analysis::{json_kr, json_opt_kr, json_opt_pct, json_pct, Rendered};
use super::table::{Column, Kind, Table, TableCell};
use crate::analysis::regulering::{GroupRegulation, RegulationResult, Status};
use crate::lang::Lang;
use crate::messages::regulering as msg;
use crate::numfmt;
use serde_json::{json, Map, Value as Json};

fn status_cell(status: Status, lang: Lang) -> TableCell {
    TableCell::coded(status.key(), msg::status_label(status.key(), lang))
}

fn counts_json(g: &GroupRegulation) -> Json {
    let counts: Map<String, Json> = Status::ALL
        .iter()
        .map(|s| (s.key().to_string(), Json::from(g.count(*s))))
        .collect();
    Json::Object(counts)
}

fn group_json(g: &GroupRegulation, with_kommune: bool) -> Json {
    let mut o = json!({
        "offers": g.offers,
        "basis": json_kr(g.basis),
        "result": json_kr(g.result),
        "result_pct": json_opt_pct(g.result_pct),
        "carry": json_kr(g.carry),
        "to_regulate": json_kr(g.to_regulate),
        "regulated": json_kr(g.regulated),
        "counts": counts_json(g),
        "pass": g.pass(),
    });
    if let (true, Some(map)) = (with_kommune, o.as_object_mut()) {
        map.insert("kommune".into(), json!(g.kommune));
    }
    o
}

/// Offers of a group that ask the driftsherre to act.
fn problems(g: &GroupRegulation) -> usize {
    Status::ALL
        .iter()
        .filter(|s| s.is_problem())
        .map(|s| g.count(*s))
        .sum()
}

fn money_columns(lang: Lang) -> Vec<Column> {
    vec![
        Column::new(
            "basis",
            lang.pick("Budgetteret takstgrundlag", "Budgeted basis"),
            Kind::Kr,
        ),
        Column::new("result", lang.pick("Resultat", "Result"), Kind::Kr),
        Column::new(
            "result_pct",
            lang.pick("Resultat i %", "Result in %"),
            Kind::Pct,
        ),
        Column::new("carry", lang.pick("Overføres", "Carried"), Kind::Kr),
        Column::new(
            "to_regulate",
            lang.pick("Skal reguleres", "To regulate"),
            Kind::Kr,
        ),
        Column::new("regulated", lang.pick("Reguleret", "Regulated"), Kind::Kr),
    ]
}

fn group_cells(label: TableCell, g: &GroupRegulation, lang: Lang) -> Vec<TableCell> {
    vec![
        label,
        g.offers.into(),
        g.basis.into(),
        g.result.into(),
        g.result_pct.into(),
        g.carry.into(),
        g.to_regulate.into(),
        g.regulated.into(),
        g.count(Status::Ok).into(),
        problems(g).into(),
        TableCell::yes_no(g.pass(), lang),
    ]
}

pub fn render(result: &RegulationResult, lang: Lang) -> Rendered {
    let (n, n2) = (result.regnskab_year, result.takst_year);
    let mut columns = vec![
        Column::new("kommune", lang.pick("Driftsherre", "Operator"), Kind::Text),
        Column::new("offers", lang.pick("Tilbud", "Offers"), Kind::Integer),
    ];
    columns.extend(money_columns(lang));
    columns.extend([
        Column::new("ok", lang.pick("I orden", "Fine"), Kind::Integer),
        Column::new(
            "problems",
            lang.pick("Afvigelser", "Deviations"),
            Kind::Integer,
        ),
        Column::new("pass", lang.pick("Overholdt", "Met"), Kind::Text),
    ]);
    let mut summary = Table::new(
        lang.pick("Over-underskud", "Surplus-deficit"),
        &msg::by_kommune_title(n, n2, lang),
        columns,
    )
    .keyed("by_kommune")
    .when_empty(&msg::no_accounts(lang));
    for g in &result.by_kommune {
        summary.push(group_cells(g.kommune.clone().into(), g, lang));
    }
    if !result.by_kommune.is_empty() {
        summary.total = Some(group_cells(
            TableCell::total(lang.pick("Regionen i alt", "Region total")),
            &result.region,
            lang,
        ));
    }
    let rule = &result.rule;
    summary.notes.push(msg::rule_note(
        &numfmt::pct(rule.threshold_pct, lang),
        rule.years,
        &numfmt::pct(rule.tolerance_pct, lang),
        lang,
    ));
    summary.notes.push(lang.pick(
        "Afvigelser: regulering mangler, har forkert fortegn eller størrelse, eller tilbuddet har ingen takstindberetning.".to_string(),
        "Deviations: the regulation is missing, has the wrong sign or size, or the offer has no tariff report.".to_string(),
    ));

    let mut columns = vec![
        Column::new(
            "driftsherre",
            lang.pick("Driftsherre", "Operator"),
            Kind::Text,
        ),
        Column::new("tilbudsnr", lang.pick("Tilbudsnr", "Offer no."), Kind::Text),
        Column::new("tilbudsnavn", lang.pick("Tilbud", "Offer"), Kind::Text),
        Column::new("paragraf", lang.pick("Paragraf", "Paragraph"), Kind::Text),
        Column::new(
            "taksttype",
            lang.pick("Taksttype", "Tariff type"),
            Kind::Text,
        ),
    ];
    columns.extend(money_columns(lang));
    columns.push(Column::new(
        "status",
        lang.pick("Status", "Status"),
        Kind::Text,
    ));
    let mut offers = Table::new(
        lang.pick("Regulering pr. tilbud", "Regulation by offer"),
        &msg::offers_title(n, n2, lang),
        columns,
    )
    .keyed("offers")
    .when_empty(&msg::no_accounts(lang));
    for o in &result.offers {
        let f = &o.figures;
        offers.push(vec![
            o.driftsherre.clone().into(),
            o.tilbudsnr.clone().into(),
            super::analysis::opt_text(&o.tilbudsnavn),
            o.paragraf.clone().into(),
            o.taksttype.clone().into(),
            f.basis.into(),
            f.result.into(),
            f.result_pct.into(),
            f.carry.into(),
            f.to_regulate.into(),
            o.regulated.into(),
            status_cell(o.status, lang),
        ]);
    }
    offers.notes.push(msg::matching_note(lang));
    for u in &result.unaccounted {
        offers.notes.push(msg::unaccounted(
            &u.driftsherre,
            &u.tilbudsnavn,
            &u.tilbudsnr,
            &u.taksttype,
            &numfmt::kr(u.regulated, lang),
            lang,
        ));
    }

    let json = json!({
        "threshold_pct": json_pct(rule.threshold_pct),
        "tolerance_pct": json_pct(rule.tolerance_pct),
        "regulering_aar": rule.years,
        "years": { "regnskab": n, "takst": n2 },
        "offers": result.offers.iter().map(|o| json!({
            "driftsherre": o.driftsherre,
            "kommune": o.kommune,
            "tilbudsnr": o.tilbudsnr,
            "tilbudsnavn": o.tilbudsnavn,
            "paragraf": o.paragraf,
            "taksttype": o.taksttype,
            "basis": json_kr(o.figures.basis),
            "result": json_kr(o.figures.result),
            "result_pct": json_opt_pct(o.figures.result_pct),
            "carry": json_kr(o.figures.carry),
            "to_regulate": json_kr(o.figures.to_regulate),
            "regulated": json_opt_kr(o.regulated),
            "status": o.status.key(),
        })).collect::<Vec<_>>(),
        "by_kommune": result.by_kommune.iter().map(|g| group_json(g, true)).collect::<Vec<_>>(),
        "region": group_json(&result.region, false),
        "unaccounted": result.unaccounted.iter().map(|u| json!({
            "driftsherre": u.driftsherre,
            "tilbudsnr": u.tilbudsnr,
            "tilbudsnavn": u.tilbudsnavn,
            "taksttype": u.taksttype,
            "regulated": json_kr(u.regulated),
        })).collect::<Vec<_>>(),
    });
    Rendered::new(vec![summary, offers], json)
}
