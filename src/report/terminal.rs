//! Tables for the terminal: aligned columns fitted to its width (COLUMNS,
//! else the terminal's, else unlimited), long text wrapped inside its
//! column, numbers never cut, and a table too wide even so written one
//! block per row.

use super::style::Style;
use super::table::{right_aligned, width, Kind, Table};
use crate::lang::Lang;
use std::io::{self, Write};

/// Where text cells wrap in the terminal even when it is wide.
const TEXT_WIDTH: usize = 40;
/// A text column is never made narrower than this to fit the terminal.
const MIN_TEXT_WIDTH: usize = 12;

/// Splits a text into lines of at most `width` characters at spaces (a
/// longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: String = word.to_string();
        while word.chars().count() > width {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

fn longest_word(text: &str) -> usize {
    text.split_whitespace().map(width).max().unwrap_or(0)
}

/// Column widths for the terminal. Numbers keep their full width (they are
/// never cut; their headers wrap at spaces); text columns wrap at
/// TEXT_WIDTH and shrink, widest first, until the table fits `limit`.
/// None when even the narrowest columns do not fit.
fn fit_widths(table: &Table, lang: Lang, limit: Option<usize>) -> Option<Vec<usize>> {
    let gaps = 2 * table.columns.len().saturating_sub(1);
    let data: Vec<usize> = (0..table.columns.len())
        .map(|c| {
            table
                .shown_column(c, lang)
                .map(|s| width(&s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let natural: Vec<usize> = table
        .columns
        .iter()
        .zip(&data)
        .map(|(col, d)| {
            let w = (*d).max(width(&col.label));
            if col.kind == Kind::Text {
                w.min(TEXT_WIDTH.max(longest_word(&col.label)))
            } else {
                w
            }
        })
        .collect();
    let Some(limit) = limit else {
        return Some(natural);
    };
    if natural.iter().sum::<usize>() + gaps <= limit {
        return Some(natural);
    }
    // Headers may wrap: a column needs its data and its longest header word.
    let wrapped: Vec<usize> = table
        .columns
        .iter()
        .zip(&data)
        .zip(&natural)
        .map(|((col, d), n)| (*d).max(longest_word(&col.label)).min(*n))
        .collect();
    let is_text = |c: usize| {
        table
            .columns
            .get(c)
            .is_some_and(|col| col.kind == Kind::Text)
    };
    let fixed: usize = (0..wrapped.len())
        .filter(|c| !is_text(*c))
        .filter_map(|c| wrapped.get(c))
        .sum();
    let with_cap = |cap: usize| -> Vec<usize> {
        wrapped
            .iter()
            .enumerate()
            .map(|(c, w)| {
                if is_text(c) {
                    (*w).min(cap.max(MIN_TEXT_WIDTH))
                } else {
                    *w
                }
            })
            .collect()
    };
    let text_sum = |cap: usize| -> usize {
        with_cap(cap)
            .iter()
            .enumerate()
            .filter(|(c, _)| is_text(*c))
            .map(|(_, w)| *w)
            .sum()
    };
    // The widest cap for text columns that still fits.
    let budget = limit.saturating_sub(fixed + gaps);
    if fixed + gaps > limit || text_sum(0) > budget {
        return None;
    }
    let top = wrapped.iter().copied().max().unwrap_or(0);
    let (mut lo, mut hi) = (0usize, top);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text_sum(mid) <= budget {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(with_cap(lo))
}

/// A table too wide for the terminal, one block per row: "Label  value"
/// lines, the labels aligned, values wrapped to the width.
fn write_records(
    table: &Table,
    lang: Lang,
    style: Style,
    limit: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let columns: Vec<Vec<String>> = (0..table.columns.len())
        .map(|c| table.shown_column(c, lang).collect())
        .collect();
    let label_width = table
        .columns
        .iter()
        .map(|c| width(&c.label))
        .max()
        .unwrap_or(0)
        .min(limit / 2);
    let value_width = limit.saturating_sub(label_width + 2).max(10);
    let count = table.rows.len() + usize::from(table.total.is_some());
    for r in 0..count {
        writeln!(out, "{}", style.dim(&"─".repeat(limit.min(40))))?;
        let total = r >= table.rows.len();
        for (c, col) in table.columns.iter().enumerate() {
            let value = columns
                .get(c)
                .and_then(|v| v.get(r))
                .map_or("", String::as_str);
            if value.is_empty() {
                continue;
            }
            let labels = wrap(&col.label, label_width);
            let values = wrap(value, value_width);
            for i in 0..labels.len().max(values.len()) {
                let label = labels.get(i).map_or("", String::as_str);
                let text = values.get(i).map_or("", String::as_str);
                let pad = label_width.saturating_sub(width(label));
                let line = format!("{label}{}  {text}", " ".repeat(pad));
                let line = line.trim_end();
                if total {
                    writeln!(out, "{}", style.bold(line))?;
                } else {
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(())
}

/// Aligned columns for the terminal, fitted to `style.width`.
pub fn write_text(
    tables: &[Table],
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let prose = |text: &str| -> Vec<String> {
        match style.width {
            Some(w) => wrap(text, w),
            None => vec![text.to_string()],
        }
    };
    for (i, table) in tables.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        for line in prose(&table.title) {
            writeln!(out, "{}", style.bold(&line))?;
        }
        if table.rows.is_empty() {
            for line in prose(&table.empty_text(lang)) {
                writeln!(out, "{}", style.dim(&line))?;
            }
            for note in &table.notes {
                for line in prose(note) {
                    writeln!(out, "{}", style.dim(&line))?;
                }
            }
            continue;
        }
        let Some(widths) = fit_widths(table, lang, style.width) else {
            write_records(table, lang, style, style.width.unwrap_or(80), out)?;
            for note in &table.notes {
                for line in prose(note) {
                    writeln!(out, "{}", style.dim(&line))?;
                }
            }
            continue;
        };
        let columns: Vec<Vec<String>> = (0..table.columns.len())
            .map(|c| table.shown_column(c, lang).collect())
            .collect();
        // A row's cells as lines: text wraps inside its column, numbers
        // never (their column is as wide as the widest).
        let cell_lines = |c: usize, text: &str| -> Vec<String> {
            let w = widths.get(c).copied().unwrap_or(0);
            if width(text) <= w {
                vec![text.to_string()]
            } else {
                wrap(text, w)
            }
        };
        let line = |cells: &[String]| -> String {
            let mut parts = Vec::with_capacity(cells.len());
            for (c, text) in cells.iter().enumerate() {
                let w = widths.get(c).copied().unwrap_or(0);
                let pad = w.saturating_sub(width(text));
                let right = table
                    .columns
                    .get(c)
                    .is_some_and(|col| right_aligned(col.kind));
                parts.push(if right {
                    format!("{}{text}", " ".repeat(pad))
                } else {
                    format!("{text}{}", " ".repeat(pad))
                });
            }
            parts.join("  ").trim_end().to_string()
        };
        let physical = |row: Vec<Vec<String>>| -> Vec<String> {
            let height = row.iter().map(Vec::len).max().unwrap_or(1);
            (0..height)
                .map(|i| {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|l| l.get(i).cloned().unwrap_or_default())
                        .collect();
                    line(&cells)
                })
                .collect()
        };
        let row_of = |r: usize| -> Vec<Vec<String>> {
            columns
                .iter()
                .enumerate()
                .map(|(c, col)| cell_lines(c, col.get(r).map_or("", String::as_str)))
                .collect()
        };
        let header: Vec<Vec<String>> = table
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| cell_lines(c, &col.label))
            .collect();
        for text in physical(header) {
            writeln!(out, "{}", style.bold(&text))?;
        }
        let rule: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        writeln!(out, "{}", style.dim(&"─".repeat(rule)))?;
        for r in 0..table.rows.len() {
            for text in physical(row_of(r)) {
                writeln!(out, "{text}")?;
            }
        }
        if table.total.is_some() {
            writeln!(out, "{}", style.dim(&"─".repeat(rule)))?;
            for text in physical(row_of(table.rows.len())) {
                writeln!(out, "{}", style.bold(&text))?;
            }
        }
        for note in &table.notes {
            for line in prose(note) {
                writeln!(out, "{}", style.dim(&line))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::table::tests::sample;
    use crate::report::table::Column;
    use rust_decimal::Decimal;

    #[test]
    fn text_aligns_numbers_right() {
        let mut out = Vec::new();
        write_text(&[sample()], Lang::Da, Style::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Takstændringer\n\
Kommune  Tilbud         Takst  Ændring\n\
──────────────────────────────────────\n\
Aalborg      12  2.310,50 kr.  −1,25 %\n\
Læsø          1\n\
──────────────────────────────────────\n\
I alt        13                −1,10 %\n\
Note.\n"
        );
    }

    #[test]
    fn text_fits_the_width_by_wrapping_text_not_numbers() {
        let mut t = Table::new(
            "T",
            "En titel, der er lang nok til at skulle ombrydes ved tyve tegn",
            vec![
                Column::new("navn", "Navn", Kind::Text),
                Column::new("belob", "Beløb i alt", Kind::Kr),
            ],
        );
        t.push(vec![
            "Et meget langt navn på et tilbud".into(),
            Decimal::from(1_234_567).into(),
        ]);
        let mut out = Vec::new();
        let style = Style {
            color: false,
            width: Some(30),
        };
        write_text(&[t], Lang::Da, style, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            assert!(width(line) <= 30, "{line:?}\n{text}");
        }
        // The number is whole on one line.
        assert!(text.contains("1.234.567,00 kr."), "{text}");
        assert!(text.contains("Et meget"), "{text}");
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("kort", 10), vec!["kort"]);
        assert_eq!(
            wrap("Salg til få kommuner i regionen", 12),
            vec!["Salg til få", "kommuner i", "regionen"]
        );
        assert_eq!(
            wrap("Sødisbakke–Fælledvejstuen", 10),
            vec!["Sødisbakke", "–Fælledvej", "stuen"]
        );
    }
}
