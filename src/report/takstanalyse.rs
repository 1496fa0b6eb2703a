//! Tables and JSON of `ramme takstanalyse`.

use super::analysis::{json_kr, json_opt_kr, json_opt_pct, Rendered};
use super::table::{Column, Kind, Table, TableCell};
use crate::analysis::takstanalyse::overhead::{Overhead, OverheadLine};
use crate::analysis::takstanalyse::{Figures, TakstanalyseResult};
use crate::lang::Lang;
use crate::messages::takstanalyse as text;
use crate::numfmt;
use crate::values::reference::Group;
use serde_json::{json, Value as Json};

/// The machine name of a group.
pub fn group_key(group: Group) -> &'static str {
    match group {
        Group::Boern => "boern",
        Group::Voksne => "voksne",
        Group::Begge => "begge",
    }
}

fn group_label(group: Group, lang: Lang) -> &'static str {
    match group {
        Group::Boern => lang.pick("Børn", "Children"),
        Group::Voksne => lang.pick("Voksne", "Adults"),
        Group::Begge => lang.pick("Børn og voksne", "Children and adults"),
    }
}

fn group_total_label(group: Group, lang: Lang) -> &'static str {
    match group {
        Group::Boern => lang.pick("Børn i alt", "Children, total"),
        Group::Voksne => lang.pick("Voksne i alt", "Adults, total"),
        Group::Begge => lang.pick("Børn og voksne i alt", "Children and adults, total"),
    }
}

fn yes_no(value: Option<bool>, lang: Lang) -> TableCell {
    TableCell::opt_yes_no(value, lang)
}

fn figures_json(f: &Figures) -> serde_json::Map<String, Json> {
    let mut map = serde_json::Map::new();
    map.insert("offers".into(), json!(f.offers));
    map.insert("places".into(), json_kr(f.places));
    map.insert("offers_compared".into(), json!(f.compared));
    map.insert("change_pct".into(), json_opt_pct(f.change_pct));
    map.insert("real_change_pct".into(), json_opt_pct(f.real_change_pct));
    map.insert("within_pl".into(), json!(f.within_pl));
    map
}

/// `year`: the year of the inputs, if known; `previous_year` that of
/// `--previous`, if known.
pub fn render(
    result: &TakstanalyseResult,
    year: Option<i32>,
    previous_year: Option<i32>,
    lang: Lang,
) -> Rendered {
    let with_pl = result.pl_pct.is_some();
    let previous_year = previous_year.or(year.and_then(|y| y.checked_sub(1)));
    let now_label = year.map_or_else(|| "N".to_string(), |y| y.to_string());
    let before_label = previous_year.map_or_else(|| "N−1".to_string(), |y| y.to_string());
    let year_text = year.map(|y| format!(" {y}")).unwrap_or_default();

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
        Column::new("offers", lang.pick("Tilbud", "Offers"), Kind::Integer),
        Column::new("places", lang.pick("Pladser", "Places"), Kind::Number(2)),
        Column::new(
            "avg_takst",
            &text::avg_tariff_column(&now_label, lang),
            Kind::Kr,
        ),
        Column::new(
            "avg_takst_previous",
            &text::avg_tariff_column(&before_label, lang),
            Kind::Kr,
        ),
        Column::new("change_pct", lang.pick("Ændring", "Change"), Kind::Pct),
    ];
    if with_pl {
        columns.push(Column::new(
            "real_change_pct",
            lang.pick("Real ændring", "Real change"),
            Kind::Pct,
        ));
        columns.push(Column::new(
            "within_pl",
            lang.pick("Inden for P/L", "Within P/L"),
            Kind::Text,
        ));
    }
    let mut table = Table::new(
        lang.pick("Takstanalyse", "Tariff analysis"),
        &text::title(&year_text, lang),
        columns,
    )
    .keyed("rows")
    .when_empty(lang.pick("Ingen takster.", "No tariffs."));

    let change_cells = |f: &Figures| -> Vec<TableCell> {
        let mut cells = vec![f.change_pct.into()];
        if with_pl {
            cells.push(f.real_change_pct.into());
            cells.push(yes_no(f.within_pl, lang));
        }
        cells
    };
    let total_cells = |label: TableCell, f: &Figures| -> Vec<TableCell> {
        let mut cells = vec![
            label,
            TableCell::Empty,
            TableCell::Empty,
            TableCell::Empty,
            f.offers.into(),
            f.places.into(),
            // Averages across tariff types would mix days and hours.
            TableCell::Empty,
            TableCell::Empty,
        ];
        cells.extend(change_cells(f));
        cells
    };

    for group in &result.groups {
        let lines: Vec<_> = result
            .rows
            .iter()
            .filter(|l| l.group == group.group)
            .collect();
        for line in &lines {
            let mut cells = vec![
                TableCell::coded(group_key(line.group), group_label(line.group, lang)),
                line.maalgruppe.clone().into(),
                line.paragraf.clone().into(),
                line.taksttype.clone().into(),
                line.figures.offers.into(),
                line.figures.places.into(),
                line.avg_takst.into(),
                line.avg_takst_previous.into(),
            ];
            cells.extend(change_cells(&line.figures));
            table.push(cells);
        }
        table.push(total_cells(
            TableCell::coded(
                &format!("{}_total", group_key(group.group)),
                group_total_label(group.group, lang),
            ),
            &group.figures,
        ));
    }
    table.total = Some(total_cells(
        TableCell::total(lang.pick("Regionen i alt", "Region, total")),
        &result.region,
    ));

    table.notes.push(text::group_follows_section(lang));
    table.notes.push(text::counted_once(lang));
    table.notes.push(text::avg_tariff_note(&now_label, lang));
    table
        .notes
        .push(text::avg_tariff_previous_note(&before_label, lang));
    table.notes.push(text::change_like_for_like(lang));
    table.notes.push(crate::messages::tariff::weighting_note(
        result.weighting.opening_days,
        Some(crate::report::takst::doegn_days(year)),
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
    match result.pl_pct {
        Some(pl) => {
            let pl = numfmt::pct(pl, lang);
            table.notes.push(text::real_change_note(&pl, lang));
        }
        None => table.notes.push(text::no_pl(lang)),
    }
    if !result.has_previous {
        table.notes.push(text::no_previous(lang));
    }

    let rows: Vec<Json> = result
        .rows
        .iter()
        .map(|l| {
            let mut map = serde_json::Map::new();
            map.insert("group".into(), json!(group_key(l.group)));
            map.insert("maalgruppe".into(), json!(l.maalgruppe));
            map.insert("paragraf".into(), json!(l.paragraf));
            map.insert("taksttype".into(), json!(l.taksttype));
            map.insert("avg_takst".into(), json_opt_kr(l.avg_takst));
            map.insert(
                "avg_takst_previous".into(),
                json_opt_kr(l.avg_takst_previous),
            );
            map.extend(figures_json(&l.figures));
            Json::Object(map)
        })
        .collect();
    let groups: Vec<Json> = result
        .groups
        .iter()
        .map(|g| {
            let mut map = serde_json::Map::new();
            map.insert("group".into(), json!(group_key(g.group)));
            map.extend(figures_json(&g.figures));
            Json::Object(map)
        })
        .collect();
    let json = json!({
        "year": year,
        "previous_year": previous_year,
        "pl_pct": json_opt_pct(result.pl_pct),
        "rows": rows,
        "groups": groups,
        "region": Json::Object(figures_json(&result.region)),
        "not_weighable": result.not_weighable.iter().map(|o| json!({
            "driftsherre": o.driftsherre,
            "tilbudsnr": o.tilbudsnr,
            "tilbudsnavn": o.tilbudsnavn,
            "taksttype": o.taksttype,
        })).collect::<Vec<_>>(),
    });
    let mut tables = vec![table];
    let mut json = json;
    if let Some(o) = &result.overhead {
        tables.push(overhead_table(o, &year_text, lang));
        if let Some(map) = json.as_object_mut() {
            map.insert("overhead".into(), overhead_json(o));
        }
    }
    Rendered::new(tables, json)
}

/// The overhead by driftsherre, with the region as total.
fn overhead_table(o: &Overhead, year_text: &str, lang: Lang) -> Table {
    let mut table = Table::new(
        "Overhead",
        &text::overhead_title(year_text, lang),
        vec![
            Column::new(
                "driftsherre",
                lang.pick("Driftsherre", "Operator"),
                Kind::Text,
            ),
            Column::new("tariffs", lang.pick("Takster", "Tariffs"), Kind::Integer),
            Column::new(
                "direct",
                lang.pick("Direkte omkostninger", "Direct costs"),
                Kind::Kr,
            ),
            Column::new(
                "indirect",
                lang.pick("Indirekte omkostninger", "Indirect costs"),
                Kind::Kr,
            ),
            Column::new("pct", lang.pick("Overhead", "Overhead"), Kind::Pct),
            Column::new("above", lang.pick("Over målet", "Above target"), Kind::Text),
        ],
    )
    .keyed("overhead");
    let cells = |label: TableCell, l: &OverheadLine| {
        vec![
            label,
            l.tariffs.into(),
            l.direct.into(),
            l.indirect.into(),
            l.pct.into(),
            yes_no(l.above, lang),
        ]
    };
    for l in &o.by_driftsherre {
        table.push(cells(l.driftsherre.clone().into(), l));
    }
    table.total = Some(cells(
        TableCell::total(lang.pick("Regionen i alt", "Region, total")),
        &o.region,
    ));
    table
        .notes
        .push(text::overhead_note(&numfmt::pct(o.limit_pct, lang), lang));
    table
}

fn overhead_json(o: &Overhead) -> Json {
    let line = |l: &OverheadLine| {
        json!({
            "tariffs": l.tariffs,
            "direct": json_kr(l.direct),
            "indirect": json_kr(l.indirect),
            "pct": json_opt_pct(l.pct),
            "above": l.above,
        })
    };
    json!({
        "limit_pct": json_opt_pct(Some(o.limit_pct)),
        "by_driftsherre": o.by_driftsherre.iter().map(|l| {
            let mut v = line(l);
            if let Some(map) = v.as_object_mut() {
                map.insert("driftsherre".into(), json!(l.driftsherre));
            }
            v
        }).collect::<Vec<_>>(),
        "region": line(&o.region),
    })
}
