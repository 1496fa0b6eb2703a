//! Texts common to the analyses: the notes under the inputs table.

use crate::lang::Lang;

/// A row left out of an analysis for its errors, under the inputs table;
/// `cells` names the cells in error (`None`: the row as a whole).
pub fn left_out(place: &str, row: u32, cells: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let cells = cells.map_or_else(|| format!("række {row}"), str::to_string);
            format!("Udeladt: {place}, række {row}: fejl i {cells}.")
        }
        Lang::En => {
            let cells = cells.map_or_else(|| format!("row {row}"), str::to_string);
            format!("Left out: {place}, row {row}: errors in {cells}.")
        }
    }
}

/// More rows left out than listed, under the inputs table.
pub fn more_left_out(more: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("… og {more} rækker mere udeladt."),
        Lang::En => format!("… and {more} more rows left out."),
    }
}

/// Files of other kinds in an input's folder, under the inputs table;
/// `kinds` is a list such as "2 budget, 1 takst".
pub fn other_files(label: &str, kinds: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{label}: ikke brugt, andre slags filer: {kinds}."),
        Lang::En => format!("{label}: not used, other kinds of files: {kinds}."),
    }
}

/// A file that is an exact copy of another, under the inputs table.
pub fn duplicate_file(file: &str, first: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("Sat til side: {file} er en nøjagtig kopi af {first} og tælles ikke med.")
        }
        Lang::En => format!("Set aside: {file} is an exact copy of {first} and is not counted."),
    }
}

/// A file ramme made itself, under the inputs table.
pub fn ramme_output(file: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Sprunget over: {file} er lavet af ramme og er ikke en indberetning."),
        Lang::En => format!("Skipped: {file} was made by ramme and is not a submission."),
    }
}

/// Under the inputs table when an input has errors.
pub fn see_validation(lang: Lang) -> String {
    match lang {
        Lang::Da => "Valideringen af filerne viser hver fejl celle for celle.".into(),
        Lang::En => "The validation of the files shows every error cell by cell.".into(),
    }
}

/// An analysis whose sums or products grew beyond what is computed
/// exactly (numbers near the cell limit in very many rows).
pub fn arithmetic_overflow(lang: Lang) -> String {
    match lang {
        Lang::Da => "Tallene i inddata er så store, at analysens summer ikke kan regnes ud præcist; \
                     ingen tal er skrevet. Ret de urimeligt store beløb (se ramme validate) og kør igen."
            .into(),
        Lang::En => "The numbers in the inputs are so large that the analysis' sums cannot be computed \
                     exactly; no figures were written. Correct the unreasonably large amounts (see \
                     ramme validate) and run again."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_out_in_both_languages() {
        assert_eq!(
            left_out("a.xlsx (Ark1)", 4, Some("Beløb, Dato"), Lang::Da),
            "Udeladt: a.xlsx (Ark1), række 4: fejl i Beløb, Dato."
        );
        assert_eq!(
            left_out("a.csv", 4, None, Lang::En),
            "Left out: a.csv, row 4: errors in row 4."
        );
    }
}
