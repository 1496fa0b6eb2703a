//! Tables and JSON of `ramme kriterier`, `ramme udmelding` and
//! `ramme finansiering` (the strengthened cooperation and objective
//! financing).

use super::analysis::{json_kr, json_pct, Rendered};
use super::table::{Column, Kind, Table, TableCell};
use crate::analysis::finansiering::Financing;
use crate::analysis::kriterier::{Basis, KriterierResult, Warning};
use crate::analysis::udmelding::{Assessed, Note, StepName};
use crate::dataset::Section;
use crate::lang::Lang;
use crate::messages::samarbejde as messages;
use crate::numfmt;
use chrono::NaiveDate;
use serde_json::json;

fn yes_no(b: bool, lang: Lang) -> TableCell {
    TableCell::yes_no(b, lang)
}

fn date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

pub fn render_kriterier(result: &KriterierResult, lang: Lang) -> Rendered {
    let mut t = Table::new(
        lang.pick("Kriterier", "Criteria"),
        lang.pick(
            "Det forstærkede samarbejde: kriterier for de mest specialiserede tilbud",
            "The strengthened cooperation: criteria for the most specialised offers",
        ),
        vec![
            Column::new("tilbudsnr", lang.pick("Tilbudsnr", "Offer no."), Kind::Text),
            Column::new("tilbudsnavn", lang.pick("Tilbud", "Offer"), Kind::Text),
            Column::new(
                "driftsherre",
                lang.pick("Driftsherre", "Operator"),
                Kind::Text,
            ),
            Column::new("a", "A", Kind::Text),
            Column::new("b", "B", Kind::Text),
            Column::new("c", "C", Kind::Text),
            Column::new("eligible", lang.pick("Omfattet", "Eligible"), Kind::Text),
            Column::new("basis", lang.pick("Grundlag", "Basis"), Kind::Text),
            Column::new("missing", lang.pick("Mangler", "Missing"), Kind::Text),
        ],
    )
    .keyed("offers")
    .when_empty(lang.pick("Ingen vurderede tilbud.", "No assessed offers."));
    for e in &result.offers {
        let a = &e.assessment;
        t.push(vec![
            a.tilbudsnr.clone().into(),
            a.tilbudsnavn.clone().into(),
            a.driftsherre.clone().into(),
            yes_no(e.a, lang),
            yes_no(e.b, lang),
            yes_no(e.c, lang),
            yes_no(e.eligible, lang),
            match e.basis {
                Some(Basis::Kriterier) => {
                    TableCell::coded("kriterier", lang.pick("kriterierne", "the criteria"))
                }
                Some(Basis::Dispensation) => TableCell::coded(
                    "dispensation",
                    lang.pick("nyt tilbud med dispensation", "new offer with dispensation"),
                ),
                None => TableCell::Empty,
            },
            e.missing.join(", ").into(),
        ]);
        for w in &e.warnings {
            t.notes.push(match w {
                Warning::DispensationNotNew => {
                    messages::dispensation_not_new(&a.tilbudsnavn, &a.tilbudsnr, lang)
                }
                Warning::A1AboveIndicator { cases, indicator } => messages::a1_above_indicator(
                    &a.tilbudsnavn,
                    &a.tilbudsnr,
                    &numfmt::plain(*cases, 2, lang),
                    &numfmt::plain(*indicator, 2, lang),
                    &numfmt::number(result.indicator_per, 0, lang),
                    lang,
                ),
            });
        }
    }
    t.notes.push(messages::criteria_note(lang));
    if result.population.is_none() {
        t.notes.push(messages::indicator_not_checked(lang));
    }
    let json = json!({
        "offers": result.offers.iter().map(|e| json!({
            "tilbudsnr": e.assessment.tilbudsnr,
            "tilbudsnavn": e.assessment.tilbudsnavn,
            "driftsherre": e.assessment.driftsherre,
            "a": e.a,
            "b": e.b,
            "c": e.c,
            "eligible": e.eligible,
            "basis": e.basis.map(|b| match b { Basis::Kriterier => "kriterier", Basis::Dispensation => "dispensation" }),
            "missing": e.missing,
        })).collect::<Vec<_>>(),
        "population": result.population.map(json_kr),
        "indicator_cases": result.indicator_cases.map(json_kr),
        "warnings": result.offers.iter().flat_map(|e| e.warnings.iter().map(move |w| match w {
            Warning::DispensationNotNew => json!({"tilbudsnr": e.assessment.tilbudsnr, "kind": "dispensation-not-new"}),
            Warning::A1AboveIndicator { cases, indicator } => json!({
                "tilbudsnr": e.assessment.tilbudsnr, "kind": "a1-above-indicator",
                "cases": json_kr(*cases), "indicator": json_kr(*indicator),
            }),
        })).collect::<Vec<_>>(),
    });
    Rendered::new(vec![t], json)
}

fn note_text(note: &Note, lang: Lang) -> String {
    match note {
        Note::OutsideWindow { next } => messages::outside_window(next.map(date).as_deref(), lang),
        Note::NoHandling => messages::no_handling(lang),
        Note::NoCompetingAnswer => messages::no_competing_answer(lang),
        Note::CompetingBoundUntil(Some(d)) => messages::competing_bound_until(&date(*d), lang),
        Note::CompetingBoundUntil(None) => messages::competing_bound_open(lang),
        Note::Nødspor => messages::nodspor(lang),
        Note::NotCovered => messages::not_covered(lang),
    }
}

fn step_name(step: StepName, lang: Lang) -> &'static str {
    match step {
        StepName::Filed => lang.pick("Indmeldt", "Filed"),
        StepName::ExpertPanel => lang.pick("Ekspertpanel", "Expert panel"),
        StepName::Das => lang.pick("DAS", "DAS"),
        StepName::Political => lang.pick(
            "Politisk behandling af rammeaftalen",
            "Political treatment of the rammeaftale",
        ),
        StepName::Effect => lang.pick("Ikrafttræden", "Takes effect"),
    }
}

fn step_key(step: StepName) -> &'static str {
    match step {
        StepName::Filed => "filed",
        StepName::ExpertPanel => "expert_panel",
        StepName::Das => "das",
        StepName::Political => "political",
        StepName::Effect => "effect",
    }
}

pub fn render_udmelding(requests: &[Assessed], lang: Lang) -> Rendered {
    let mut t = Table::new(
        lang.pick("Udmeldinger", "Withdrawals"),
        lang.pick(
            "Udmeldinger fra det forstærkede samarbejde",
            "Withdrawals from the strengthened cooperation",
        ),
        vec![
            Column::new("afsnit", lang.pick("Afsnit", "Section"), Kind::Text),
            Column::new("navn", lang.pick("Navn", "Name"), Kind::Text),
            Column::new("tilbudsnavn", lang.pick("Tilbud", "Offer"), Kind::Text),
            Column::new("filed", lang.pick("Indmeldt", "Filed"), Kind::Text),
            Column::new("allowed", lang.pick("Rettidig", "In time"), Kind::Text),
            Column::new(
                "effective",
                lang.pick("Træder i kraft", "Takes effect"),
                Kind::Text,
            ),
            Column::new("route", lang.pick("Spor", "Route"), Kind::Text),
            Column::new("findings", lang.pick("Bemærkninger", "Remarks"), Kind::Text),
        ],
    )
    .keyed("requests")
    .when_empty(lang.pick("Ingen udmeldinger.", "No withdrawals."));
    let mut timeline = Table::new(
        lang.pick("Årshjul", "Annual cycle"),
        lang.pick("Forløb gennem årshjulet", "Course through the annual cycle"),
        vec![
            Column::new("tilbudsnavn", lang.pick("Tilbud", "Offer"), Kind::Text),
            Column::new("step", lang.pick("Trin", "Step"), Kind::Text),
            Column::new("from", lang.pick("Fra", "From"), Kind::Text),
            Column::new("to", lang.pick("Til", "To"), Kind::Text),
        ],
    )
    .keyed("timeline")
    .when_empty(lang.pick("Ingen forløb.", "No course."));
    for a in requests {
        let r = &a.request;
        let findings: Vec<String> = a.notes.iter().map(|n| note_text(n, lang)).collect();
        t.push(vec![
            match r.afsnit {
                Section::Driftsherre => {
                    TableCell::coded("driftsherre", lang.pick("1 – driftsherre", "1 – operator"))
                }
                Section::Kommune => {
                    TableCell::coded("kommune", lang.pick("2 – kommune", "2 – kommune"))
                }
            },
            r.navn.clone().into(),
            r.tilbudsnavn.clone().into(),
            TableCell::coded(&r.indmeldt.to_string(), &date(r.indmeldt)),
            yes_no(a.allowed, lang),
            a.effective.map_or(TableCell::Empty, |d| {
                TableCell::coded(&d.to_string(), &date(d))
            }),
            if a.nødspor {
                "nødspor".into()
            } else {
                TableCell::Empty
            },
            findings.join(" ").into(),
        ]);
        for step in &a.timeline {
            timeline.push(vec![
                r.tilbudsnavn.clone().into(),
                TableCell::coded(step_key(step.name), step_name(step.name, lang)),
                TableCell::coded(&step.from.to_string(), &date(step.from)),
                TableCell::coded(&step.to.to_string(), &date(step.to)),
            ]);
        }
    }
    t.notes.push(messages::withdrawal_rule_note(lang));
    let json = json!({
        "requests": requests.iter().map(|a| json!({
            "row": a.request.row,
            "afsnit": match a.request.afsnit { Section::Driftsherre => "driftsherre", Section::Kommune => "kommune" },
            "navn": a.request.navn,
            "tilbudsnr": a.request.tilbudsnr,
            "tilbudsnavn": a.request.tilbudsnavn,
            "filed": a.request.indmeldt.to_string(),
            "allowed": a.allowed,
            "effective": a.effective.map(|d| d.to_string()),
            "route": if a.nødspor { Some("nødspor") } else { None },
            "findings": a.notes.iter().map(|n| note_text(n, lang)).collect::<Vec<_>>(),
            "timeline": a.timeline.iter().map(|s| json!({
                "step": step_key(s.name),
                "from": s.from.to_string(),
                "to": s.to.to_string(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    Rendered::new(vec![t, timeline], json)
}

pub fn render_finansiering(f: &Financing, lang: Lang) -> Rendered {
    let mut t = Table::new(
        lang.pick("Objektiv finansiering", "Objective financing"),
        &messages::financing_caption(&numfmt::kr(f.total, lang), lang),
        vec![
            Column::new("kommune", lang.pick("Kommune", "Kommune"), Kind::Text),
            Column::new("key", lang.pick("Befolkning", "Population"), Kind::Integer),
            Column::new("share_pct", lang.pick("Andel", "Share"), Kind::Pct),
            Column::new("amount", lang.pick("Beløb", "Amount"), Kind::Kr),
        ],
    )
    .keyed("by_kommune")
    .when_empty(lang.pick("Ingen kommuner i nøglen.", "No kommuner in the key."));
    for p in &f.parts {
        t.push(vec![
            p.kommune.clone().into(),
            p.key.into(),
            p.share_pct.into(),
            p.amount.into(),
        ]);
    }
    t.total = Some(vec![
        TableCell::total(lang.pick("I alt", "Total")),
        TableCell::Number(f.parts.iter().map(|p| p.key).sum()),
        rust_decimal::Decimal::ONE_HUNDRED.into(),
        f.total.into(),
    ]);
    t.notes.push(messages::financing_note(
        &numfmt::kr(f.amount, lang),
        &numfmt::pct(f.share_pct, lang),
        &numfmt::kr(f.offset, lang),
        &numfmt::kr(f.total, lang),
        lang,
    ));
    let json = json!({
        "amount": json_kr(f.amount),
        "offset": json_kr(f.offset),
        "share_pct": json_pct(f.share_pct),
        "total": json_kr(f.total),
        "by_kommune": f.parts.iter().map(|p| json!({
            "kommune": p.kommune,
            "key": json_kr(p.key),
            "share_pct": json_pct(p.share_pct),
            "amount": json_kr(p.amount),
        })).collect::<Vec<_>>(),
    });
    Rendered::new(vec![t], json)
}
