//! The charts of the workbooks: the tariff change per driftsherre against
//! the allowed change, and the expenditure effects against the targets.

use super::xlsx::Placed;
use crate::lang::Lang;
use rust_xlsxwriter::{Chart, ChartType};

/// Rows a chart covers (320 px at the default 20 px a row).
pub const CHART_ROWS: usize = 17;

/// Which chart a sheet gets, below its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Tariff change and the allowed change per driftsherre (the takst summary).
    TakstByKommune,
    /// Achieved effects against targets (the udgift summary).
    UdgiftEffects,
}

/// Columns a 640 px chart spans at these widths (a width unit is 7 px plus 5
/// px of margin).
pub fn chart_columns(widths: &[usize]) -> usize {
    let mut px = 0usize;
    for (i, w) in widths.iter().enumerate() {
        px += w * 7 + 5;
        if px >= 640 {
            return i + 1;
        }
    }
    widths.len() + (640 - px.min(640)) / 64 + 1
}

pub fn make_chart(sheet: &str, placed: Placed, kind: ChartKind, lang: Lang) -> Chart {
    let (first, last) = (placed.first_row, placed.last_row);
    let mut chart = Chart::new(ChartType::Column);
    match kind {
        ChartKind::TakstByKommune => {
            chart
                .add_series()
                .set_name(lang.pick("Ændring", "Change"))
                .set_categories((sheet, first, 0, last, 0))
                .set_values((sheet, first, 2, last, 2));
            chart
                .add_series()
                .set_name(lang.pick("Tilladt", "Allowed"))
                .set_categories((sheet, first, 0, last, 0))
                .set_values((sheet, first, 4, last, 4));
            chart.title().set_name(lang.pick(
                "Takstændring pr. driftsherre mod den tilladte ændring",
                "Tariff change by operator against the allowed change",
            ));
        }
        ChartKind::UdgiftEffects => {
            // The summary's rows 3–5: total change, takst effect, visitation effect.
            let (a, b) = (first + 2, first + 4);
            chart
                .add_series()
                .set_name(lang.pick("Opnået", "Achieved"))
                .set_categories((sheet, a, 0, b, 0))
                .set_values((sheet, a, 2, b, 2));
            chart
                .add_series()
                .set_name(lang.pick("Mål", "Target"))
                .set_categories((sheet, a, 0, b, 0))
                .set_values((sheet, a, 3, b, 3));
            chart.title().set_name(lang.pick(
                "Udgiftsudvikling mod målene",
                "Expenditure against the targets",
            ));
        }
    }
    chart.title().set_overlay(false);
    chart
        .title()
        .set_font(rust_xlsxwriter::ChartFont::new().set_size(11).set_bold());
    chart.y_axis().set_num_format("0.0 %");
    // Category names below the plot, not on the zero line over negative bars.
    chart
        .x_axis()
        .set_label_position(rust_xlsxwriter::ChartAxisLabelPosition::Low);
    chart.set_width(640).set_height(320);
    chart
}
