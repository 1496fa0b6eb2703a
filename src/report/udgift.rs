//! Tables and JSON of `ramme udgift`, and its `--detail` file.

use super::analysis::{json_kr, json_opt_pct, json_pct, Rendered};
use super::table::{Column, Kind, Table, TableCell};
use super::xlsx::ChartKind;
use crate::analysis::udgift::{Comparison, DetailRow, Targets, UdgiftResult};
use crate::lang::Lang;
use crate::messages::udgift as messages;
use crate::values::reference::Reference;
use serde_json::{json, Value as Json};

fn yes_no(pass: Option<bool>, lang: Lang) -> TableCell {
    TableCell::opt_yes_no(pass, lang)
}

fn amount_json(c: &Comparison, amount: rust_decimal::Decimal) -> Json {
    json!({"amount": json_kr(amount), "pct": json_opt_pct(c.pct(amount))})
}

/// The labels of the two Januaries: "januar 2016" when the year is known.
pub struct Labels {
    pub before: String,
    pub after: String,
}

impl Labels {
    pub fn new(before: Option<u16>, after: Option<u16>, lang: Lang) -> Labels {
        Labels {
            before: messages::january(before, false, lang),
            after: messages::january(after, true, lang),
        }
    }
}

pub fn render(
    result: &UdgiftResult,
    targets: &Targets,
    labels: &Labels,
    reference: &Reference,
    lang: Lang,
) -> Rendered {
    let r = &result.region;
    let [pass_total, pass_takst, pass_visitation] = r.passes(targets);
    let mut summary = Table::new(
        lang.pick("Udgiftsmonitorering", "Expenditure monitoring"),
        &messages::summary_caption(&labels.after, &labels.before, lang),
        vec![
            Column::new("item", lang.pick("Post", "Item"), Kind::Text),
            Column::new("amount", lang.pick("Beløb", "Amount"), Kind::Kr),
            Column::new("pct", lang.pick("Pct. af før", "% of before"), Kind::Pct),
            Column::new("target_pct", lang.pick("Mål", "Target"), Kind::Pct),
            Column::new("pass", lang.pick("Opfyldt", "Met"), Kind::Text),
        ],
    )
    .keyed("region");
    summary.push(vec![
        TableCell::coded("before", &labels.before),
        r.before.total.into(),
        TableCell::Empty,
        TableCell::Empty,
        TableCell::Empty,
    ]);
    summary.push(vec![
        TableCell::coded("after", &labels.after),
        r.after.total.into(),
        TableCell::Empty,
        TableCell::Empty,
        TableCell::Empty,
    ]);
    summary.push(vec![
        TableCell::coded("change", lang.pick("Samlet ændring", "Total change")),
        r.change.into(),
        r.change_pct().into(),
        targets.total.into(),
        yes_no(pass_total, lang),
    ]);
    summary.push(vec![
        TableCell::coded(
            "takst_effect",
            lang.pick("Heraf taksteffekt", "Of which tariff effect"),
        ),
        r.takst_effect.into(),
        r.takst_effect_pct().into(),
        targets.takst.into(),
        yes_no(pass_takst, lang),
    ]);
    summary.push(vec![
        TableCell::coded(
            "visitation_effect",
            lang.pick("Heraf visitationseffekt", "Of which visitation effect"),
        ),
        r.visitation_effect.into(),
        r.visitation_effect_pct().into(),
        targets.visitation.into(),
        yes_no(pass_visitation, lang),
    ]);
    if result.priced {
        // After the three rows the annex chart reads (total, takst, visitation).
        summary.push(vec![
            lang.pick(
                "Taksteffekt: heraf priseffekt",
                "Tariff effect: of which price effect",
            )
            .into(),
            r.price_effect.into(),
            r.pct(r.price_effect).into(),
            TableCell::Empty,
            TableCell::Empty,
        ]);
        summary.push(vec![
            lang.pick(
                "Taksteffekt: heraf niveaueffekt",
                "Tariff effect: of which level effect",
            )
            .into(),
            r.level_effect().into(),
            r.pct(r.level_effect()).into(),
            TableCell::Empty,
            TableCell::Empty,
        ]);
        summary.notes.push(messages::price_level_note(lang));
        if result.unpriced_rows > 0 {
            summary
                .notes
                .push(messages::unpriced_rows(result.unpriced_rows, lang));
        }
    }
    summary.notes.push(messages::matching_note(lang));

    let mut persons = Table::new(
        lang.pick("Borgere", "Citizens"),
        lang.pick("Borgere og rækker", "Citizens and rows"),
        vec![
            Column::new("item", lang.pick("Post", "Item"), Kind::Text),
            Column::new("count", lang.pick("Antal", "Count"), Kind::Integer),
        ],
    )
    .keyed("persons");
    for (code, label, n) in [
        (
            "before_persons",
            messages::citizens_in(&labels.before, lang),
            r.before.persons,
        ),
        (
            "after_persons",
            messages::citizens_in(&labels.after, lang),
            r.after.persons,
        ),
        (
            "continuing",
            lang.pick("Fortsætter", "Continuing").to_string(),
            r.persons.continuing,
        ),
        ("new", lang.pick("Nye", "New").to_string(), r.persons.new),
        (
            "left",
            lang.pick("Ophørt", "Left").to_string(),
            r.persons.left,
        ),
        (
            "before_rows",
            messages::rows_in(&labels.before, lang),
            r.before.rows,
        ),
        (
            "after_rows",
            messages::rows_in(&labels.after, lang),
            r.after.rows,
        ),
    ] {
        persons.push(vec![TableCell::coded(code, &label), n.into()]);
    }

    let mut kommuner = Table::new(
        lang.pick("Pr. betalingskommune", "By paying kommune"),
        lang.pick(
            "Udgiftsudvikling pr. betalingskommune",
            "Expenditure by paying kommune",
        ),
        vec![
            Column::new(
                "kommune",
                lang.pick("Betalingskommune", "Paying kommune"),
                Kind::Text,
            ),
            Column::new("before", &labels.before, Kind::Kr),
            Column::new("after", &labels.after, Kind::Kr),
            Column::new("change_pct", lang.pick("Ændring", "Change"), Kind::Pct),
            Column::new(
                "takst_effect_pct",
                lang.pick("Taksteffekt", "Tariff effect"),
                Kind::Pct,
            ),
            Column::new(
                "visitation_effect_pct",
                lang.pick("Visitationseffekt", "Visitation effect"),
                Kind::Pct,
            ),
            Column::new("pass", lang.pick("Mål nået", "Target met"), Kind::Text),
        ],
    )
    .keyed("by_kommune")
    .when_empty(lang.pick("Ingen betalingskommuner.", "No paying kommuner."));
    let name = |code: u16| {
        reference
            .kommune_info(code)
            .map_or_else(|| code.to_string(), |k| k.name.clone())
    };
    let mut by_name: Vec<&(u16, Comparison)> = result.by_kommune.iter().collect();
    by_name.sort_by_key(|(code, _)| crate::text::fold(&name(*code)));
    for (code, c) in by_name.iter().copied() {
        kommuner.push(vec![
            name(*code).into(),
            c.before.total.into(),
            c.after.total.into(),
            c.change_pct().into(),
            c.takst_effect_pct().into(),
            c.visitation_effect_pct().into(),
            yes_no(c.passes(targets)[0], lang),
        ]);
    }
    kommuner.total = Some(vec![
        TableCell::total(lang.pick("Regionen", "Region")),
        r.before.total.into(),
        r.after.total.into(),
        r.change_pct().into(),
        r.takst_effect_pct().into(),
        r.visitation_effect_pct().into(),
        yes_no(pass_total, lang),
    ]);
    kommuner.notes.push(messages::by_kommune_note(lang));

    let side = |s: &crate::analysis::udgift::Side| json!({"rows": s.rows, "persons": s.persons, "total": json_kr(s.total)});
    let mut json = json!({
        "before": side(&r.before),
        "after": side(&r.after),
        "persons": {"continuing": r.persons.continuing, "new": r.persons.new, "left": r.persons.left},
        "change": amount_json(r, r.change),
        "takst_effect": amount_json(r, r.takst_effect),
        "visitation_effect": amount_json(r, r.visitation_effect),
        "targets": {"total": json_pct(targets.total), "takst": json_pct(targets.takst), "visitation": json_pct(targets.visitation)},
        "pass": {"total": pass_total, "takst": pass_takst, "visitation": pass_visitation},
        "by_kommune": by_name.iter().map(|(code, c)| {
            let [total, takst, visitation] = c.passes(targets);
            json!({
                "kommune": name(*code),
                "code": code,
                "before": json_kr(c.before.total),
                "after": json_kr(c.after.total),
                "change": json_kr(c.change),
                "change_pct": json_opt_pct(c.change_pct()),
                "takst_effect": json_kr(c.takst_effect),
                "takst_effect_pct": json_opt_pct(c.takst_effect_pct()),
                "visitation_effect": json_kr(c.visitation_effect),
                "visitation_effect_pct": json_opt_pct(c.visitation_effect_pct()),
                "persons": {"continuing": c.persons.continuing, "new": c.persons.new, "left": c.persons.left},
                "pass": {"total": total, "takst": takst, "visitation": visitation},
            })
        }).collect::<Vec<_>>(),
    });
    if result.priced {
        if let Some(object) = json.as_object_mut() {
            object.insert("price_effect".into(), amount_json(r, r.price_effect));
            object.insert("level_effect".into(), amount_json(r, r.level_effect()));
            object.insert("unpriced_rows".into(), json!(result.unpriced_rows));
        }
        if let Some(list) = json["by_kommune"].as_array_mut() {
            for (k, (_, c)) in list.iter_mut().zip(by_name.iter().copied()) {
                k["price_effect"] = json_kr(c.price_effect);
                k["price_effect_pct"] = json_opt_pct(c.pct(c.price_effect));
                k["level_effect"] = json_kr(c.level_effect());
                k["level_effect_pct"] = json_opt_pct(c.pct(c.level_effect()));
            }
        }
    }
    // The summary and the counts of citizens share a page with the chart.
    Rendered::new(vec![summary, persons, kommuner], json).with_chart(ChartKind::UdgiftEffects)
}

/// The per-person comparison as a table (for the `--detail` file).
pub fn detail_table(
    rows: &[DetailRow],
    labels: &Labels,
    reference: &Reference,
    lang: Lang,
) -> Table {
    let mut t = Table::new(
        lang.pick("Detaljer", "Detail"),
        lang.pick(
            "Udgift pr. borger og tilbud",
            "Expenditure by citizen and offer",
        ),
        vec![
            Column::new(
                "personkode",
                lang.pick("Personkode", "Person code"),
                Kind::Text,
            ),
            Column::new("tilbudsnr", lang.pick("Tilbudsnr", "Offer no."), Kind::Text),
            Column::new("paragraf", lang.pick("Paragraf", "Paragraph"), Kind::Text),
            Column::new(
                "kommune_before",
                &format!(
                    "{} – {}",
                    lang.pick("Betalingskommune", "Paying kommune"),
                    labels.before
                ),
                Kind::Text,
            ),
            Column::new(
                "kommune_after",
                &format!(
                    "{} – {}",
                    lang.pick("Betalingskommune", "Paying kommune"),
                    labels.after
                ),
                Kind::Text,
            ),
            Column::new("udgift_before", &labels.before, Kind::Kr),
            Column::new("udgift_after", &labels.after, Kind::Kr),
            Column::new("difference", lang.pick("Forskel", "Difference"), Kind::Kr),
            Column::new("status", lang.pick("Status", "Status"), Kind::Text),
        ],
    )
    .keyed("detail")
    .when_empty(lang.pick("Ingen borgere.", "No citizens."));
    let name = |code: Option<u16>| -> TableCell {
        code.map_or(TableCell::Empty, |c| {
            reference
                .kommune_info(c)
                .map_or_else(|| c.to_string(), |k| k.name.clone())
                .into()
        })
    };
    for d in rows {
        let status = match (d.udgift_before, d.udgift_after) {
            (Some(_), Some(_)) => {
                TableCell::coded("continuing", lang.pick("fortsætter", "continuing"))
            }
            (None, Some(_)) => TableCell::coded("new", lang.pick("ny", "new")),
            _ => TableCell::coded("left", lang.pick("ophørt", "left")),
        };
        t.push(vec![
            crate::cpr::mask(&d.personkode).into_owned().into(),
            d.tilbudsnr.clone().into(),
            reference
                .paragraf_info(d.paragraf)
                .map(|p| p.label.clone())
                .unwrap_or_default()
                .into(),
            name(d.kommune_before),
            name(d.kommune_after),
            d.udgift_before.into(),
            d.udgift_after.into(),
            d.difference().into(),
            status,
        ]);
    }
    t
}
