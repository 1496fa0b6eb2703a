//! Tests of `xlsx.rs`.

use super::*;
use crate::report::table::Column;

#[test]
fn sheet_names_are_valid() {
    assert_eq!(sheet_name("Takst/udgift: 2017?"), "Takst-udgift- 2017-");
    assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    assert_eq!(sheet_name(" "), "Ark");
    let mut used = HashSet::new();
    assert_eq!(unique_name(&mut used, "Takst"), "Takst");
    assert_eq!(unique_name(&mut used, "takst"), "takst 2");
}

#[test]
fn headers_get_room_for_their_longest_word() {
    let mut t = Table::new(
        "T",
        "T",
        vec![
            Column::new("w", "Vægt", Kind::Number(2)),
            Column::new("s", "Sidste års takst fra", Kind::Text),
        ],
    );
    t.push(vec![Decimal::from(24).into(), "kolonnen".into()]);
    // "Sidste års takst fra" wraps at spaces but "kolonnen" and the
    // header's words fit, with padding on both sides.
    assert_eq!(column_width(&t, 0, Lang::Da), 5 + PADDING);
    assert_eq!(column_width(&t, 1, Lang::Da), 7 + PADDING);
}

#[test]
fn small_tables_share_a_sheet_and_long_ones_do_not() {
    let small = |name: &str, rows: usize| {
        let mut t = Table::new(name, name, vec![Column::new("a", "A", Kind::Integer)]);
        for i in 0..rows {
            t.push(vec![i.into()]);
        }
        t
    };
    let mut used = HashSet::new();
    let plans = plan_sheets(
        vec![small("A", 12), small("B", 7), small("C", 0), small("D", 30)],
        None,
        &mut used,
        Lang::Da,
    );
    let names: Vec<Vec<&str>> = plans
        .iter()
        .map(|p| p.tables.iter().map(|t| t.name.as_str()).collect())
        .collect();
    assert_eq!(names, vec![vec!["A", "B", "C"], vec!["D"]]);
}
