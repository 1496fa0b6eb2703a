//! Tables and JSON of `ramme takst --years` and `ramme takstanalyse
//! --years`: the change year by year, chained since the first year,
//! nominal and in fixed prices of the first year, against the target.

use crate::analysis::takst::years::{GroupSpan, TakstYearsResult};
use crate::analysis::takstanalyse::years::{TakstanalyseYearsResult, YearTotal};
use crate::analysis::tariff::Span;
use crate::lang::Lang;
use crate::messages::takst as text;
use crate::numfmt;
use crate::report::analysis::{json_opt_pct, Rendered};
use crate::report::table::{Column, Kind, Table, TableCell};
use crate::report::takstanalyse::group_key;
use crate::values::reference::Group;
use serde_json::{json, Value as Json};

/// "2017", or "År 2" when the year is not known.
fn year_label(years: &[Option<i32>], i: usize, lang: Lang) -> String {
    match years.get(i).copied().flatten() {
        Some(y) => y.to_string(),
        None => format!("{} {}", lang.pick("År", "Year"), i + 1),
    }
}

fn json_years(years: &[Option<i32>]) -> Json {
    json!(years)
}

fn span_json(span: &Span, pass: Option<bool>) -> serde_json::Map<String, Json> {
    let mut map = serde_json::Map::new();
    map.insert(
        "changes_pct".into(),
        span.changes.iter().map(|c| json_opt_pct(*c)).collect(),
    );
    map.insert("nominal_pct".into(), json_opt_pct(span.nominal_pct()));
    map.insert("real_pct".into(), json_opt_pct(span.real_pct()));
    map.insert("pass".into(), json!(pass));
    map
}

/// The columns of each year's change ("Ændring 2017" …) and of the change
/// over the years.
fn span_columns(years: &[Option<i32>], first: &str, lang: Lang) -> Vec<Column> {
    let mut columns: Vec<Column> = (1..years.len())
        .map(|i| {
            let y = year_label(years, i, lang);
            Column::new(
                &format!("change_{y}"),
                &text::change_column(&y, lang),
                Kind::Pct,
            )
        })
        .collect();
    columns.push(Column::new(
        "nominal_pct",
        &text::since_column(first, lang),
        Kind::Pct,
    ));
    columns.push(Column::new(
        "real_pct",
        &text::in_prices_column(first, lang),
        Kind::Pct,
    ));
    columns.push(Column::new(
        "pass",
        lang.pick("Inden for målet", "Within the target"),
        Kind::Text,
    ));
    columns
}

fn span_cells(span: &Span, pass: Option<bool>, lang: Lang) -> Vec<TableCell> {
    let mut cells: Vec<TableCell> = span.changes.iter().map(|c| (*c).into()).collect();
    cells.push(span.nominal_pct().into());
    cells.push(span.real_pct().into());
    cells.push(TableCell::opt_yes_no(pass, lang));
    cells
}

fn target_text(target: Option<rust_decimal::Decimal>, lang: Lang) -> String {
    target.map_or_else(|| "–".to_string(), |t| numfmt::pct(t, lang))
}

/// The notes on chaining and fixed prices.
fn chain_notes(table: &mut Table, first: &str, pl: &[Option<rust_decimal::Decimal>], lang: Lang) {
    let known: Vec<String> = pl
        .iter()
        .map(|p| p.map_or_else(|| "?".to_string(), |p| numfmt::pct(p, lang)))
        .collect();
    table
        .notes
        .push(text::chain_note(first, &known.join(", "), lang));
    if pl.iter().any(Option::is_none) {
        table.notes.push(text::pl_missing(lang));
    }
}

/// `ramme takst --years`.
pub fn render_takst(result: &TakstYearsResult, lang: Lang) -> Rendered {
    let first = year_label(&result.years, 0, lang);
    let target = target_text(result.target_real_pct, lang);
    let mut steps = Table::new(
        lang.pick("År for år", "Year by year"),
        &text::years_title(&first, &target, lang),
        vec![
            Column::new("year", lang.pick("År", "Year"), Kind::Text),
            Column::new("offers", lang.pick("Takster", "Tariffs"), Kind::Integer),
            Column::new("change_pct", lang.pick("Ændring", "Change"), Kind::Pct),
            Column::new("pl_pct", "P/L", Kind::Pct),
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
            Column::new(
                "nominal_since_first_pct",
                &text::since_column(&first, lang),
                Kind::Pct,
            ),
            Column::new(
                "real_since_first_pct",
                &text::in_prices_column(&first, lang),
                Kind::Pct,
            ),
        ],
    )
    .keyed("steps")
    .when_empty(lang.pick("Kun ét år.", "Only one year."));
    let span = &result.region.span;
    for (i, step) in result.steps.iter().enumerate() {
        steps.push(vec![
            year_label(&result.years, i + 1, lang).into(),
            step.region.offers.into(),
            step.region.change_pct.into(),
            step.pl_pct.into(),
            step.region.real_change_pct.into(),
            step.allowed_pct.into(),
            TableCell::opt_yes_no(
                step.region
                    .change_pct
                    .zip(step.allowed_pct)
                    .map(|(c, a)| crate::analysis::tariff::within(c, a)),
                lang,
            ),
            span.nominal_since_first.get(i).copied().flatten().into(),
            span.real_since_first.get(i).copied().flatten().into(),
        ]);
    }
    steps.total = Some(vec![
        TableCell::total(lang.pick("Over årene", "Over the years")),
        TableCell::Empty,
        span.nominal_pct().into(),
        result.pl_since_first.last().copied().flatten().into(),
        span.real_pct().into(),
        result.target_real_pct.into(),
        TableCell::opt_yes_no(result.region.pass, lang),
        span.nominal_pct().into(),
        span.real_pct().into(),
    ]);
    chain_notes(
        &mut steps,
        &first,
        &result.steps.iter().map(|s| s.pl_pct).collect::<Vec<_>>(),
        lang,
    );
    let required = numfmt::pct(result.required_pct, lang);
    steps.notes.push(if result.target_from_required {
        text::target_from_required(&required, lang)
    } else {
        text::target_given(&target, lang)
    });
    steps.notes.push(crate::messages::tariff::weighting_note(
        result.weighting.opening_days,
        None,
        lang,
    ));

    let mut columns = vec![Column::new(
        "kommune",
        lang.pick("Driftsherre", "Operator"),
        Kind::Text,
    )];
    columns.extend(span_columns(&result.years, &first, lang));
    let mut by = Table::new(
        lang.pick("Pr. driftsherre over årene", "By operator over the years"),
        &text::by_operator_since_title(&first, lang),
        columns,
    )
    .keyed("by_kommune")
    .when_empty(lang.pick("Ingen takster at sammenligne.", "No tariffs to compare."));
    let row = |g: &GroupSpan, label: TableCell| {
        let mut cells = vec![label];
        cells.extend(span_cells(&g.span, g.pass, lang));
        cells
    };
    for g in &result.by_kommune {
        by.push(row(g, g.kommune.clone().into()));
    }
    by.total = Some(row(
        &result.region,
        TableCell::total(lang.pick("Regionen i alt", "Region total")),
    ));
    by.notes.push(text::by_operator_since_note(lang));

    let json = json!({
        "years": json_years(&result.years),
        "required_pct": json_opt_pct(Some(result.required_pct)),
        "target_real_pct": json_opt_pct(result.target_real_pct),
        "target_from": if result.target_from_required { "required" } else { "target" },
        "pl_since_first_pct": result.pl_since_first.iter().map(|p| json_opt_pct(*p)).collect::<Vec<_>>(),
        "steps": result.steps.iter().enumerate().map(|(i, s)| json!({
            "from": s.from,
            "to": s.to,
            "pl_pct": json_opt_pct(s.pl_pct),
            "allowed_change_pct": json_opt_pct(s.allowed_pct),
            "offers": s.region.offers,
            "change_pct": json_opt_pct(s.region.change_pct),
            "real_change_pct": json_opt_pct(s.region.real_change_pct),
            "nominal_since_first_pct": json_opt_pct(span.nominal_since_first.get(i).copied().flatten()),
            "real_since_first_pct": json_opt_pct(span.real_since_first.get(i).copied().flatten()),
        })).collect::<Vec<_>>(),
        "region": Json::Object(span_json(span, result.region.pass)),
        "by_kommune": result.by_kommune.iter().map(|g| {
            let mut map = serde_json::Map::new();
            map.insert("kommune".into(), json!(g.kommune));
            map.extend(span_json(&g.span, g.pass));
            Json::Object(map)
        }).collect::<Vec<_>>(),
    });
    Rendered::new(vec![steps, by], json)
}

fn group_total_label(group: Group, lang: Lang) -> &'static str {
    match group {
        Group::Boern => lang.pick("Børn i alt", "Children, total"),
        Group::Voksne => lang.pick("Voksne i alt", "Adults, total"),
        Group::Begge => lang.pick("Børn og voksne i alt", "Children and adults, total"),
    }
}

fn group_label(group: Group, lang: Lang) -> &'static str {
    match group {
        Group::Boern => lang.pick("Børn", "Children"),
        Group::Voksne => lang.pick("Voksne", "Adults"),
        Group::Begge => lang.pick("Børn og voksne", "Children and adults"),
    }
}

/// `ramme takstanalyse --years`.
pub fn render_takstanalyse(result: &TakstanalyseYearsResult, lang: Lang) -> Rendered {
    let first = year_label(&result.years, 0, lang);
    let last = year_label(&result.years, result.years.len().saturating_sub(1), lang);
    let target = numfmt::pct(result.target_real_pct, lang);
    let mut columns = vec![
        Column::new("group", lang.pick("Gruppe", "Group"), Kind::Text),
        Column::new(
            "maalgruppe",
            lang.pick("Målgruppe", "Target group"),
            Kind::Text,
        ),
        Column::new("paragraf", lang.pick("Paragraf", "Section"), Kind::Text),
        Column::new(
            "taksttype",
            lang.pick("Taksttype", "Tariff type"),
            Kind::Text,
        ),
    ];
    columns.extend(span_columns(&result.years, &first, lang));
    let mut table = Table::new(
        lang.pick("Takstanalyse over årene", "Tariff analysis over the years"),
        &text::analysis_years_title(&first, &last, &target, lang),
        columns,
    )
    .keyed("rows")
    .when_empty(lang.pick("Ingen takster.", "No tariffs."));
    let total = |t: &YearTotal, label: TableCell| {
        let mut cells = vec![label, TableCell::Empty, TableCell::Empty, TableCell::Empty];
        cells.extend(span_cells(&t.span, t.within_target, lang));
        cells
    };
    for g in &result.groups {
        let Some(group) = g.group else { continue };
        for line in result.rows.iter().filter(|l| l.group == group) {
            let mut cells = vec![
                TableCell::coded(group_key(group), group_label(group, lang)),
                line.maalgruppe.clone().into(),
                line.paragraf.clone().into(),
                line.taksttype.clone().into(),
            ];
            cells.extend(span_cells(&line.span, line.within_target, lang));
            table.push(cells);
        }
        table.push(total(
            g,
            TableCell::coded(
                &format!("{}_total", group_key(group)),
                group_total_label(group, lang),
            ),
        ));
    }
    table.total = Some(total(
        &result.region,
        TableCell::total(lang.pick("Regionen i alt", "Region, total")),
    ));
    chain_notes(&mut table, &first, &result.pl, lang);
    table
        .notes
        .push(text::within_target_note(&first, &target, lang));
    table.notes.push(crate::messages::tariff::weighting_note(
        result.weighting.opening_days,
        None,
        lang,
    ));
    for o in &result.not_weighable {
        table.notes.push(crate::messages::tariff::not_weighable(
            &o.driftsherre,
            &o.tilbudsnavn,
            &o.tilbudsnr,
            &o.taksttype,
            lang,
        ));
    }
    let total_json = |t: &YearTotal| {
        let mut map = serde_json::Map::new();
        if let Some(g) = t.group {
            map.insert("group".into(), json!(group_key(g)));
        }
        map.extend(span_json(&t.span, t.within_target));
        Json::Object(map)
    };
    let json = json!({
        "years": json_years(&result.years),
        "pl_pct": result.pl.iter().map(|p| json_opt_pct(*p)).collect::<Vec<_>>(),
        "pl_since_first_pct": result.pl_since_first.iter().map(|p| json_opt_pct(*p)).collect::<Vec<_>>(),
        "target_real_pct": json_opt_pct(Some(result.target_real_pct)),
        "rows": result.rows.iter().map(|l| {
            let mut map = serde_json::Map::new();
            map.insert("group".into(), json!(group_key(l.group)));
            map.insert("maalgruppe".into(), json!(l.maalgruppe));
            map.insert("paragraf".into(), json!(l.paragraf));
            map.insert("taksttype".into(), json!(l.taksttype));
            map.extend(span_json(&l.span, l.within_target));
            Json::Object(map)
        }).collect::<Vec<_>>(),
        "groups": result.groups.iter().map(total_json).collect::<Vec<_>>(),
        "region": total_json(&result.region),
    });
    Rendered::new(vec![table], json)
}
