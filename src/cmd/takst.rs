//! `ramme takst`: the tariff-reduction check, for one year against the year
//! before or (`--years`) over several years. The loading of several years
//! is shared with `takstanalyse --years`.

use super::{load_year, year_of, Context};
use crate::analysis::takst;
use crate::analysis::takst::years::{analyse_years, YearSet};
use crate::cli::TakstArgs;
use crate::dataset::{Loaded, TariffRow};
use crate::error::{Error, ExitStatus};
use crate::lang::Lang;
use crate::messages::tariff as msg;
use crate::report::analysis::InputSection;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, args: &TakstArgs) -> Result<ExitStatus, Error> {
    match load_tariff_years(
        ctx,
        &args.inputs,
        args.previous.as_deref(),
        args.years.as_deref(),
    )? {
        TariffYears::Two(two) => two_years(ctx, args, *two),
        TariffYears::Several(sets) => several_years(ctx, args, &sets),
    }
}

/// What `takst` and `takstanalyse` compare: a year and the one before (the
/// inputs and `--previous`, or `--years` with two years: exactly the same
/// report), or several years.
pub(super) enum TariffYears {
    Two(Box<TwoYears>),
    Several(Vec<LoadedYear>),
}

/// A year's reports and, when given, the year before's.
pub(super) struct TwoYears {
    pub current: Loaded<TariffRow>,
    pub previous: Option<Loaded<TariffRow>>,
    /// Every file read, for the output guard.
    pub files: Vec<PathBuf>,
}

/// Loads the years of `takst` or `takstanalyse`: `--years` when given, else
/// the inputs and `--previous`.
pub(super) fn load_tariff_years(
    ctx: &Context,
    inputs: &[PathBuf],
    previous: Option<&[PathBuf]>,
    years: Option<&[PathBuf]>,
) -> Result<TariffYears, Error> {
    if let Some(dirs) = years {
        let mut sets = load_years(ctx, dirs)?;
        if sets.len() == 2 {
            let (Some(now), Some(before)) = (sets.pop(), sets.pop()) else {
                return Err(Error::Usage(msg::years_too_few(ctx.lang)));
            };
            let mut files = now.files;
            files.extend(before.files);
            return Ok(TariffYears::Two(Box::new(TwoYears {
                current: now.loaded,
                previous: Some(before.loaded),
                files,
            })));
        }
        return Ok(TariffYears::Several(sets));
    }
    let (current, mut files) = load_year::<TariffRow>(ctx, inputs, Some("--previous"))?;
    let previous = match previous {
        Some(inputs) => {
            let (loaded, previous_files) = load_year::<TariffRow>(ctx, inputs, Some("--previous"))?;
            files.extend(previous_files);
            Some(loaded)
        }
        None => None,
    };
    Ok(TariffYears::Two(Box::new(TwoYears {
        current,
        previous,
        files,
    })))
}

/// The input sections of a two-year report: this year's reports and, when
/// given, last year's.
pub(super) fn two_year_inputs<'a>(
    current: &'a Loaded<TariffRow>,
    previous: Option<&'a Loaded<TariffRow>>,
    lang: Lang,
) -> Vec<InputSection<'a>> {
    let mut inputs = vec![InputSection::of(
        lang.pick("Takstindberetninger", "Tariff reports"),
        current,
    )];
    if let Some(p) = previous {
        inputs.push(InputSection::of(lang.pick("Sidste år", "Last year"), p));
    }
    inputs
}

fn two_years(
    ctx: &Context,
    args: &TakstArgs,
    TwoYears {
        current,
        previous,
        files,
    }: TwoYears,
) -> Result<ExitStatus, Error> {
    let year = year_of(&current.records);
    let rule = super::options::takst_rule(&ctx.config, year, args.pl, args.required);
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let result = takst::analyse(
        &current.records,
        previous.as_ref().map(|p| p.records.as_slice()),
        rule,
        super::options::weighting(&ctx.config),
        &ctx.catalog.reference,
    );
    let lang = ctx.lang;
    let rendered = crate::report::takst::render(&result, year, lang);
    let inputs = two_year_inputs(&current, previous.as_ref(), lang);
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

fn several_years(
    ctx: &Context,
    args: &TakstArgs,
    sets: &[LoadedYear],
) -> Result<ExitStatus, Error> {
    let files: Vec<PathBuf> = sets.iter().flat_map(|s| s.files.iter().cloned()).collect();
    let plan = super::output_plan(&args.output, &super::ANALYSIS_FORMATS, &files)?;
    let years: Vec<Option<i32>> = sets.iter().map(|s| s.year).collect();
    let year_sets: Vec<YearSet<'_>> = sets.iter().map(LoadedYear::as_set).collect();
    let result = analyse_years(
        &year_sets,
        &year_pl(ctx, args.pl, &years),
        args.required
            .or(ctx.config.takst.required)
            .unwrap_or(Decimal::ZERO),
        args.target.or(ctx.config.takst.target_real_pct),
        super::options::weighting(&ctx.config),
        &ctx.catalog.reference,
    );
    let lang = ctx.lang;
    let rendered = crate::report::takst::years::render_takst(&result, lang);
    let inputs: Vec<InputSection<'_>> = sets
        .iter()
        .map(|s| InputSection::of(&s.label, &s.loaded))
        .collect();
    super::write_analysis(&plan, &rendered, &inputs, lang)
}

/// One year's reports of `--years`.
pub(super) struct LoadedYear {
    pub year: Option<i32>,
    pub loaded: Loaded<TariffRow>,
    pub files: Vec<PathBuf>,
    /// "Takstindberetninger 2016".
    pub label: String,
}

impl LoadedYear {
    pub fn as_set(&self) -> YearSet<'_> {
        YearSet {
            year: self.year,
            rows: &self.loaded.records,
        }
    }
}

/// A year in a file or folder name ("2016", "takst_2016"): the last run of
/// four digits, 2000–2100.
fn year_in_name(path: &Path) -> Option<i32> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .rfind(|y| (2000..=2100).contains(y))
}

/// The sets of `--years`: each value one year (a folder or a file), or one
/// folder holding a folder per year ("2016", "2017" …). Oldest first when
/// every year is known (the column År, else the name), else as given.
pub(super) fn load_years(ctx: &Context, dirs: &[PathBuf]) -> Result<Vec<LoadedYear>, Error> {
    let lang = ctx.lang;
    let mut paths: Vec<PathBuf> = dirs.to_vec();
    if let [only] = dirs {
        if only.is_dir() {
            let mut sub: Vec<(i32, PathBuf)> = std::fs::read_dir(only)
                .map_err(|e| Error::Usage(crate::messages::io_text(&e, lang)))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    let year = name.parse::<i32>().ok().filter(|_| name.len() == 4)?;
                    Some((year, p))
                })
                .collect();
            sub.sort();
            paths = sub.into_iter().map(|(_, p)| p).collect();
        }
    }
    if paths.len() < 2 {
        return Err(Error::Usage(msg::years_too_few(lang)));
    }
    let mut sets = Vec::with_capacity(paths.len());
    for path in &paths {
        let (loaded, files) =
            load_year::<TariffRow>(ctx, std::slice::from_ref(path), Some("--years"))?;
        let year = year_of(&loaded.records).or_else(|| year_in_name(path));
        let label = msg::year_inputs(year, sets.len() + 1, lang);
        sets.push(LoadedYear {
            year,
            loaded,
            files,
            label,
        });
    }
    if sets.iter().all(|s| s.year.is_some()) {
        sets.sort_by_key(|s| s.year);
        if let Some(w) = sets
            .windows(2)
            .find(|w| w.first().map(|s| s.year) == w.get(1).map(|s| s.year))
        {
            let year = w.first().and_then(|s| s.year).unwrap_or_default();
            return Err(Error::Usage(msg::years_twice(year, lang)));
        }
    }
    Ok(sets)
}

/// The P/L of each year against the one before: `--pl` for every year, else
/// `[takst] pl` (one value for every year, or the table's entry for the
/// later year; over a gap of years, the years' P/L chained).
pub(super) fn year_pl(
    ctx: &Context,
    flag: Option<Decimal>,
    years: &[Option<i32>],
) -> Vec<Option<Decimal>> {
    let config = &ctx.config.takst;
    years
        .windows(2)
        .map(|w| {
            if flag.is_some() {
                return flag;
            }
            match (w.first().copied().flatten(), w.get(1).copied().flatten()) {
                (Some(from), Some(to)) if to > from + 1 && config.pl.is_none() => {
                    let each: Option<Vec<Decimal>> =
                        (from + 1..=to).map(|y| config.pl_for(Some(y))).collect();
                    each.and_then(crate::analysis::tariff::chain_pct)
                }
                (_, to) => config.pl_for(to),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_names() {
        for (name, want) in [
            ("2016", Some(2016)),
            ("takst_2017.csv", Some(2017)),
            ("inbox/2018", Some(2018)),
            ("1999", None),
            ("takst", None),
            ("20171", None),
            ("2016-2017", Some(2017)),
        ] {
            assert_eq!(year_in_name(Path::new(name)), want, "{name}");
        }
    }
}
