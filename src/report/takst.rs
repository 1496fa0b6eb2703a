//! Tables and JSON of `ramme takst`; `years.rs` those of `takst --years`
//! and `takstanalyse --years`.

pub mod years;

use super::analysis::{json_kr, json_opt_pct, json_pct, Rendered};
use super::table::{Column, Kind, Table, TableCell};
use super::xlsx::ChartKind;
use crate::analysis::takst::{GroupChange, PreviousSource, SkipReason, TakstResult};
use crate::lang::Lang;
use crate::messages::takst as text;
use crate::numfmt;
use serde_json::{json, Value as Json};

/// The days a døgntakst of the report's year is weighted by (as
/// `analysis::tariff` weights it): 366 in a leap year, 365 without a year.
pub fn doegn_days(year: Option<i32>) -> u32 {
    year.map_or(
        crate::analysis::tariff::DEFAULT_DAYS,
        crate::values::date::days_in_year,
    )
}

fn yes_no(pass: Option<bool>, lang: Lang) -> TableCell {
    TableCell::opt_yes_no(pass, lang)
}

fn group_json(g: &GroupChange) -> Json {
    json!({
        "kommune": g.kommune,
        "offers": g.offers,
        "change_pct": json_opt_pct(g.change_pct),
        "real_change_pct": json_opt_pct(g.real_change_pct),
        "pass": g.pass,
    })
}

pub fn render(result: &TakstResult, year: Option<i32>, lang: Lang) -> Rendered {
    let year_text = year.map(|y| format!(" {y}")).unwrap_or_default();
    let allowed = result
        .allowed_change_pct
        .map_or_else(|| "–".to_string(), |a| numfmt::pct(a, lang));
    let pl = numfmt::pct(result.rule.pl_pct, lang);
    let required = numfmt::pct(result.rule.required_pct, lang);

    let mut summary = Table::new(
        lang.pick("Takstreduktion", "Tariff reduction"),
        &text::by_operator_title(&year_text, &allowed, lang),
        vec![
            Column::new("kommune", lang.pick("Driftsherre", "Operator"), Kind::Text),
            Column::new("offers", lang.pick("Takster", "Tariffs"), Kind::Integer),
            Column::new("change_pct", lang.pick("Ændring", "Change"), Kind::Pct),
            Column::new(
                "real_change_pct",
                lang.pick("Real ændring", "Real change"),
                Kind::Pct,
            ),
            Column::new(
                "allowed_change_pct",
                lang.pick("Tilladt", "Allowed"),
                Kind::Pct,
            ),
            Column::new("pass", lang.pick("Overholdt", "Met"), Kind::Text),
        ],
    )
    .keyed("by_kommune")
    .when_empty(&text::nothing_to_compare(lang));
    for g in &result.by_kommune {
        summary.push(vec![
            g.kommune.clone().into(),
            g.offers.into(),
            g.change_pct.into(),
            g.real_change_pct.into(),
            result.allowed_change_pct.into(),
            yes_no(g.pass, lang),
        ]);
    }
    let r = &result.region;
    summary.total = Some(vec![
        TableCell::total(lang.pick("Regionen i alt", "Region total")),
        r.offers.into(),
        r.change_pct.into(),
        r.real_change_pct.into(),
        result.allowed_change_pct.into(),
        yes_no(r.pass, lang),
    ]);
    summary.notes.push(crate::messages::tariff::weighting_note(
        result.weighting.opening_days,
        Some(doegn_days(year)),
        lang,
    ));
    summary.notes.push(text::allowed_note(&pl, &required, lang));
    summary.notes.push(text::only_continuing(lang));

    let mut offers = Table::new(
        lang.pick("Takster pr. tilbud", "Tariffs by offer"),
        &text::by_offer_title(&year_text, lang),
        vec![
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
            Column::new(
                "takst_previous",
                lang.pick("Takst sidste år", "Last year"),
                Kind::Kr,
            ),
            Column::new("takst", lang.pick("Takst", "Tariff"), Kind::Kr),
            Column::new("change_pct", lang.pick("Ændring", "Change"), Kind::Pct),
            Column::new(
                "weight",
                lang.pick("Vægt (årlig mængde)", "Weight (yearly volume)"),
                Kind::Number(2),
            ),
            Column::new(
                "source",
                lang.pick("Sidste års takst fra", "Last year's tariff from"),
                Kind::Text,
            ),
        ],
    )
    .keyed("offers")
    .when_empty(&text::no_continuing(lang));
    for o in &result.offers {
        offers.push(vec![
            o.driftsherre.clone().into(),
            o.tilbudsnr.clone().into(),
            o.tilbudsnavn.clone().into(),
            o.paragraf.clone().into(),
            o.taksttype.clone().into(),
            o.takst_previous.into(),
            o.takst.into(),
            o.change_pct.into(),
            o.weight.into(),
            match o.source {
                PreviousSource::Column => TableCell::coded(
                    "column",
                    lang.pick(
                        "årets indberetning (Takst forrige år)",
                        "this year's report (Takst forrige år)",
                    ),
                ),
                PreviousSource::LastYear => TableCell::coded(
                    "last_year",
                    lang.pick("sidste års indberetning", "last year's report"),
                ),
            },
        ]);
    }
    for d in &result.disagreements {
        offers.notes.push(text::disagreement(
            &d.driftsherre,
            &d.tilbudsnavn,
            &d.tilbudsnr,
            &d.taksttype,
            &numfmt::kr(d.column, lang),
            &numfmt::kr(d.last_year, lang),
            lang,
        ));
    }
    let count = |reason| result.skipped.iter().filter(|s| s.reason == reason).count();
    let (new, leaving) = (count(SkipReason::New), count(SkipReason::Leaving));
    if new + leaving > 0 {
        offers.notes.push(text::not_included(new, leaving, lang));
    }
    for s in result
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::NotWeighable)
    {
        offers.notes.push(crate::messages::tariff::not_weighable(
            &s.driftsherre,
            &s.tilbudsnavn,
            &s.tilbudsnr,
            &s.taksttype,
            lang,
        ));
    }
    for s in result
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::NoPrevious)
    {
        offers.notes.push(text::no_previous(
            &s.driftsherre,
            &s.tilbudsnavn,
            &s.tilbudsnr,
            &s.taksttype,
            lang,
        ));
    }
    let json = json!({
        "year": year,
        "pl_pct": json_pct(result.rule.pl_pct),
        "required_pct": json_pct(result.rule.required_pct),
        "allowed_change_pct": json_opt_pct(result.allowed_change_pct),
        "region": {
            "change_pct": json_opt_pct(r.change_pct),
            "real_change_pct": json_opt_pct(r.real_change_pct),
            "offers": r.offers,
            "pass": r.pass,
        },
        "by_kommune": result.by_kommune.iter().map(group_json).collect::<Vec<_>>(),
        "offers": result.offers.iter().map(|o| json!({
            "driftsherre": o.driftsherre,
            "kommune": o.kommune,
            "tilbudsnr": o.tilbudsnr,
            "tilbudsnavn": o.tilbudsnavn,
            "paragraf": o.paragraf,
            "taksttype": o.taksttype,
            "takst_previous": json_kr(o.takst_previous),
            "takst": json_kr(o.takst),
            "change_pct": json_opt_pct(o.change_pct),
            "weight": json_pct(o.weight),
            "weight_unit": "annual_volume",
            "previous_from": match o.source { PreviousSource::Column => "column", PreviousSource::LastYear => "last_year" },
        })).collect::<Vec<_>>(),
        "disagreements": result.disagreements.iter().map(|d| json!({
            "driftsherre": d.driftsherre,
            "tilbudsnr": d.tilbudsnr,
            "taksttype": d.taksttype,
            "column": json_kr(d.column),
            "last_year": json_kr(d.last_year),
        })).collect::<Vec<_>>(),
        "skipped": result.skipped.iter().map(|s| json!({
            "driftsherre": s.driftsherre,
            "tilbudsnr": s.tilbudsnr,
            "taksttype": s.taksttype,
            "reason": match s.reason { SkipReason::New => "new", SkipReason::Leaving => "leaving", SkipReason::NoPrevious => "no_previous", SkipReason::NotWeighable => "not_weighable" },
        })).collect::<Vec<_>>(),
    });
    Rendered::new(vec![summary, offers], json).with_chart(ChartKind::TakstByKommune)
}
