//! Blank submission templates ("ensartet materiale", the L 550 network group's terms of reference): a workbook
//! per schema with the header row, an explanation on every column, and
//! dropdowns and number checks so a kommune fills it in right the first
//! time. A template filled in correctly validates clean.

use crate::lang::Lang;
use crate::schema::{Field, FieldType, Schema};
use crate::values::reference::Reference;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatBorder, Formula, Note, Workbook, XlsxError,
};

/// Rows of the template that get dropdowns and checks.
pub const TEMPLATE_ROWS: u32 = 1000;
/// The header row (0-based; Excel row 4, below a title and a note).
pub const HEADER_ROW: u32 = 3;

/// The reference lists on the hidden sheet "Lister": (column, title, values).
fn lists(reference: &Reference) -> Vec<(&'static str, Vec<String>)> {
    let kommuner: Vec<String> = reference.kommuner().map(|k| k.name.clone()).collect();
    let mut parties = kommuner.clone();
    parties.extend(reference.regions().map(|r| r.name.clone()));
    vec![
        ("Kommuner", kommuner),
        ("Driftsherrer", parties),
        (
            "Paragraffer",
            reference.paragraffer().map(|p| p.label.clone()).collect(),
        ),
        (
            "Målgrupper",
            reference.maalgrupper().map(|m| m.name.clone()).collect(),
        ),
    ]
}

fn list_formula(column: usize, len: usize) -> Formula {
    let letter = crate::finding::column_letters(u32::try_from(column).unwrap_or(0));
    Formula::new(format!("=Lister!${letter}$2:${letter}${}", len + 1))
}

fn f64_of(d: Option<Decimal>) -> Option<f64> {
    d.and_then(|d| d.to_f64())
}

/// How a numeric column is checked in the template.
#[derive(Debug, Clone, PartialEq)]
enum NumberCheck {
    Between(f64, f64),
    GreaterThan(f64),
    AtLeast(f64),
    LessThan(f64),
    AtMost(f64),
    /// Excel's one-operator rules cannot say "above 0 and at most 100":
    /// a formula on the column's first cell (relative, so it moves down).
    Formula(String),
}

/// The check for a numeric field from its constraints. `cell` is the first
/// cell of the column's input range ("H2"). Exclusive bounds stay
/// exclusive: a Belægningsprocent of 0 must be refused.
fn decimal_rule(field: &Field, cell: &str) -> Option<NumberCheck> {
    let low = f64_of(field.min_exclusive)
        .map(|v| (v, true))
        .or(f64_of(field.min).map(|v| (v, false)));
    let high = f64_of(field.max_exclusive)
        .map(|v| (v, true))
        .or(f64_of(field.max).map(|v| (v, false)));
    Some(match (low, high) {
        (Some((l, false)), Some((h, false))) => NumberCheck::Between(l, h),
        (Some((l, low_ex)), Some((h, high_ex))) => {
            let (gt, lt) = (
                if low_ex { ">" } else { ">=" },
                if high_ex { "<" } else { "<=" },
            );
            return Some(NumberCheck::Formula(format!(
                "=AND({cell}{gt}{l},{cell}{lt}{h})"
            )));
        }
        (Some((l, true)), None) => NumberCheck::GreaterThan(l),
        (Some((l, false)), None) => NumberCheck::AtLeast(l),
        (None, Some((h, true))) => NumberCheck::LessThan(h),
        (None, Some((h, false))) => NumberCheck::AtMost(h),
        (None, None) => return None,
    })
}

impl NumberCheck {
    fn apply(self, base: DataValidation) -> DataValidation {
        use DataValidationRule as R;
        match self {
            NumberCheck::Between(l, h) => base.allow_decimal_number(R::Between(l, h)),
            NumberCheck::GreaterThan(l) => base.allow_decimal_number(R::GreaterThan(l)),
            NumberCheck::AtLeast(l) => base.allow_decimal_number(R::GreaterThanOrEqualTo(l)),
            NumberCheck::LessThan(h) => base.allow_decimal_number(R::LessThan(h)),
            NumberCheck::AtMost(h) => base.allow_decimal_number(R::LessThanOrEqualTo(h)),
            NumberCheck::Formula(f) => base.allow_custom(Formula::new(f)),
        }
    }
}

fn whole_rule(field: &Field) -> DataValidationRule<i32> {
    match whole_bounds(field) {
        (Some(l), Some(h)) => DataValidationRule::Between(l, h),
        (Some(l), None) => DataValidationRule::GreaterThanOrEqualTo(l),
        (None, Some(h)) => DataValidationRule::LessThanOrEqualTo(h),
        (None, None) => DataValidationRule::GreaterThanOrEqualTo(i32::MIN),
    }
}

/// The inclusive bounds of a whole-number field.
fn whole_bounds(field: &Field) -> (Option<i32>, Option<i32>) {
    let to_i32 = |d: Option<Decimal>| d.and_then(|d| d.to_i32());
    let low = to_i32(field.min_exclusive)
        .map(|v| v.saturating_add(1))
        .or(to_i32(field.min));
    let high = to_i32(field.max_exclusive)
        .map(|v| v.saturating_sub(1))
        .or(to_i32(field.max));
    (low, high)
}

/// What to type in a field, in a sentence.
fn hint(field: &Field, lang: Lang) -> String {
    let kind = match field.kind {
        FieldType::Kommune => lang.pick(
            "Vælg en kommune på listen (eller skriv kommunekoden).",
            "Pick a kommune from the list (or its code).",
        ),
        FieldType::Driftsherre => lang.pick(
            "Vælg kommune eller region; en enhed må stå efter navnet (Aalborg ÆH).",
            "Pick a kommune or region; a unit may follow the name (Aalborg ÆH).",
        ),
        FieldType::Paragraf => lang.pick(
            "Vælg paragraf på listen, f.eks. SEL §107.",
            "Pick a paragraph, e.g. SEL §107.",
        ),
        FieldType::Maalgruppe => lang.pick("Vælg målgruppe på listen.", "Pick a target group."),
        FieldType::Choice => lang.pick("Vælg på listen.", "Pick from the list."),
        FieldType::Boolean => lang.pick(
            "ja eller nej (eller x for ja).",
            "ja or nej (or x for yes).",
        ),
        FieldType::Money => lang.pick(
            "Beløb i kroner, f.eks. 1.234,50.",
            "Amount in kroner, e.g. 1.234,50.",
        ),
        FieldType::Percent => lang.pick("Procent, f.eks. 95,5.", "Percent, e.g. 95,5."),
        FieldType::Number => lang.pick("Et tal.", "A number."),
        FieldType::Integer | FieldType::Year => lang.pick("Et helt tal.", "A whole number."),
        FieldType::Date => lang.pick("En dato, f.eks. 15-02-2018.", "A date, e.g. 15-02-2018."),
        FieldType::Tilbudsnr => "",
        FieldType::Personkode => lang.pick(
            "Pseudonym personkode – aldrig CPR-nummer (ramme pseudonym).",
            "Pseudonymous person code – never a CPR number (ramme pseudonym).",
        ),
        FieldType::Text => "",
    };
    let required = if field.required {
        lang.pick("Skal udfyldes.", "Required.")
    } else {
        ""
    };
    [field.description.get(lang), kind, required]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cuts a text to Excel's 255-character limit for validation messages.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The validation of one column.
fn validation(
    field: &Field,
    first_cell: &str,
    lists: &[(&'static str, Vec<String>)],
    lang: Lang,
) -> Result<DataValidation, XlsxError> {
    let list_of = |name: &str| {
        lists
            .iter()
            .position(|(n, _)| *n == name)
            .map(|i| (i, lists.get(i).map_or(0, |l| l.1.len())))
    };
    let base = DataValidation::new();
    let v = match field.kind {
        FieldType::Kommune
        | FieldType::Driftsherre
        | FieldType::Paragraf
        | FieldType::Maalgruppe => {
            let name = match field.kind {
                FieldType::Kommune => "Kommuner",
                FieldType::Driftsherre => "Driftsherrer",
                FieldType::Paragraf => "Paragraffer",
                _ => "Målgrupper",
            };
            match list_of(name) {
                // Other spellings ("Aalborg Kommune", "851", "§ 107") are
                // accepted by ramme, so Excel only warns.
                Some((i, len)) => base
                    .allow_list_formula(list_formula(i, len))
                    .set_error_style(DataValidationErrorStyle::Warning),
                None => base.allow_any_value(),
            }
        }
        FieldType::Choice => base.allow_list_strings(&field.choices)?,
        FieldType::Boolean => base
            .allow_list_strings(&["ja", "nej"])?
            .set_error_style(DataValidationErrorStyle::Warning),
        FieldType::Money | FieldType::Number | FieldType::Percent => {
            match decimal_rule(field, first_cell) {
                Some(check) => check.apply(base),
                None => base.allow_decimal_number(DataValidationRule::GreaterThan(f64::MIN)),
            }
        }
        FieldType::Integer | FieldType::Year => base.allow_whole_number(whole_rule(field)),
        FieldType::Tilbudsnr => base.allow_whole_number(DataValidationRule::GreaterThan(0)),
        FieldType::Date => {
            let from = ExcelDateTime::from_ymd(2000, 1, 1)?;
            let to = ExcelDateTime::from_ymd(2100, 12, 31)?;
            base.allow_date(DataValidationRule::Between(from, to))
        }
        FieldType::Text | FieldType::Personkode => match field.max_length {
            Some(max) => base.allow_text_length(DataValidationRule::LessThanOrEqualTo(
                u32::try_from(max).unwrap_or(u32::MAX),
            )),
            None => base.allow_any_value(),
        },
    };
    v.set_input_title(cut(&field.header, 32))?
        .set_input_message(cut(&hint(field, lang), 255))?
        .set_error_title(cut(&field.header, 32))?
        .set_error_message(cut(&hint(field, lang), 255))
}

/// Builds the template workbook of a schema.
pub fn template(schema: &Schema, reference: &Reference, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let lists = lists(reference);
    let title = Format::new().set_bold().set_font_size(13);
    let fill_required = Color::RGB(0x00BD_D7EE);
    let fill_optional = Color::RGB(0x00DD_EBF7);
    let header = |required: bool| {
        Format::new()
            .set_bold()
            .set_text_wrap()
            .set_background_color(if required {
                fill_required
            } else {
                fill_optional
            })
            .set_border_bottom(FormatBorder::Thin)
    };
    let sheet = workbook.add_worksheet();
    sheet.set_name(crate::report::table::sheet_name(schema.title.get(lang)))?;
    sheet.write_string_with_format(
        0,
        0,
        format!(
            "{} – {}",
            schema.title.get(lang),
            lang.pick("skabelon", "template")
        ),
        &title,
    )?;
    sheet.write_string(
        1,
        0,
        format!(
            "{} {}",
            schema.description.get(lang),
            lang.pick(
                "Mørke overskrifter skal udfyldes. Hold musen over en overskrift for en forklaring. Tjek filen med: ramme validate FIL",
                "Dark headers are required. Hover over a header for an explanation. Check the file with: ramme validate FILE",
            )
        ),
    )?;
    for (c, field) in schema.fields.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(HEADER_ROW, col, &field.header, &header(field.required))?;
        let note = Note::new(hint(field, lang))
            .set_author("ramme")
            .set_width(300)
            .set_height(120);
        sheet.insert_note(HEADER_ROW, col, &note)?;
        sheet.add_data_validation(
            HEADER_ROW + 1,
            col,
            HEADER_ROW + TEMPLATE_ROWS,
            col,
            &validation(
                field,
                &format!(
                    "{}{}",
                    crate::finding::column_letters(u32::from(col)),
                    HEADER_ROW + 2
                ),
                &lists,
                lang,
            )?,
        )?;
        let width = field.header.chars().count().clamp(10, 40) + 4;
        sheet.set_column_width(col, width as f64)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    let hidden = workbook.add_worksheet();
    hidden.set_name("Lister")?;
    for (c, (name, values)) in lists.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        hidden.write_string(0, col, *name)?;
        for (r, value) in values.iter().enumerate() {
            hidden.write_string(
                u32::try_from(r).unwrap_or(u32::MAX).saturating_add(1),
                col,
                value,
            )?;
        }
    }
    hidden.set_hidden(true);
    Ok(workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(bounds: &str) -> Field {
        toml::from_str(&format!(
            "name = \"x\"\nheader = \"X\"\ntype = \"number\"\n{bounds}"
        ))
        .unwrap()
    }

    #[test]
    fn exclusive_bounds_stay_exclusive() {
        use NumberCheck as R;
        for (bounds, want) in [
            (
                "min_exclusive = 0\nmax = 100",
                NumberCheck::Formula("=AND(H5>0,H5<=100)".into()),
            ),
            (
                "min = 0\nmax_exclusive = 100",
                NumberCheck::Formula("=AND(H5>=0,H5<100)".into()),
            ),
            (
                "min_exclusive = 0\nmax_exclusive = 1",
                NumberCheck::Formula("=AND(H5>0,H5<1)".into()),
            ),
            ("min = 0\nmax = 100", R::Between(0.0, 100.0)),
            ("min_exclusive = 0", R::GreaterThan(0.0)),
            ("min = 0", R::AtLeast(0.0)),
            ("max_exclusive = 5", R::LessThan(5.0)),
            ("max = 5", R::AtMost(5.0)),
        ] {
            assert_eq!(decimal_rule(&field(bounds), "H5"), Some(want), "{bounds}");
        }
        assert_eq!(decimal_rule(&field(""), "H5"), None);
        assert_eq!(
            whole_bounds(&field("min_exclusive = 0\nmax_exclusive = 10")),
            (Some(1), Some(9))
        );
        assert_eq!(whole_bounds(&field("min = 2")), (Some(2), None));
    }
}
