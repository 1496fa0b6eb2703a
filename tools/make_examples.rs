//! Writes the synthetic Nordjylland example set in `examples/`:
//! `cargo run --example make_examples -- examples`.
//!
//! Everything is invented (offer numbers, tariffs, places, person codes);
//! offer names follow the public DAS minutes of 2016 (seed 001, point 7) so
//! the tables look like the real ones. The generator is deterministic: the
//! same run writes the same files. The .xls and .ods files are converted
//! from xlsx with LibreOffice when `soffice` is installed
//! (`apt-get install --no-install-recommends libreoffice-calc-nogui`).

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One offer as reported by its driftsherre in 2016 and 2017.
struct Offer {
    driftsherre: &'static str,
    nr: u32,
    navn: &'static str,
    paragraf: &'static str,
    maalgruppe: &'static str,
    taksttype: &'static str,
    pladser: u32,
    belaegning: u32,
    /// Tariffs in øre; None when the offer did not exist that year.
    takst_2016: Option<i64>,
    takst_2017: Option<i64>,
    status_2017: &'static str,
    erstattes_af: &'static str,
    bemaerkning: &'static str,
    forstaerket: bool,
    /// The Regulering of the 2017 report (whole kroner) for the 2015
    /// over-/underskud; None leaves the cell empty.
    regulering_2017: Option<i64>,
}

fn kr(kroner: i64) -> Option<i64> {
    Some(kroner * 100)
}

/// 2017 tariff from 2016 by a change in per mille (990 = −1 %).
fn change(kroner_2016: i64, per_mille: i64) -> (Option<i64>, Option<i64>) {
    let t16 = kroner_2016 * 100;
    let t17 = (t16 * per_mille + 500) / 1000;
    (Some(t16), Some(t17))
}

#[allow(clippy::too_many_arguments)]
fn offer(
    driftsherre: &'static str,
    nr: u32,
    navn: &'static str,
    paragraf: &'static str,
    maalgruppe: &'static str,
    taksttype: &'static str,
    pladser: u32,
    belaegning: u32,
    takster: (Option<i64>, Option<i64>),
    status_2017: &'static str,
) -> Offer {
    Offer {
        driftsherre,
        nr,
        navn,
        paragraf,
        maalgruppe,
        taksttype,
        pladser,
        belaegning,
        takst_2016: takster.0,
        takst_2017: takster.1,
        status_2017,
        erstattes_af: "",
        bemaerkning: "",
        forstaerket: false,
        regulering_2017: None,
    }
}

impl Offer {
    fn replaced(mut self, by: &'static str, remark: &'static str) -> Offer {
        self.erstattes_af = by;
        self.bemaerkning = remark;
        self
    }
    fn remark(mut self, remark: &'static str) -> Offer {
        self.bemaerkning = remark;
        self
    }
    fn strengthened(mut self) -> Offer {
        self.forstaerket = true;
        self
    }
    fn regulated(mut self, kroner: i64) -> Offer {
        self.regulering_2017 = Some(kroner);
        self
    }
    fn takst(&self, year: u16) -> Option<i64> {
        if year == 2016 {
            self.takst_2016
        } else {
            self.takst_2017
        }
    }
    /// Takstgrundlag in whole kroner for day-and-night tariffs, so that
    /// takst = grundlag / (pladser × 365 × belægning) holds.
    fn grundlag(&self, year: u16) -> Option<i64> {
        if self.taksttype != "Døgntakst" {
            return None;
        }
        let t = self.takst(year)?;
        let ore = t * i64::from(self.pladser) * 365 * i64::from(self.belaegning) / 100;
        Some((ore + 50) / 100)
    }
}

fn offers() -> Vec<Offer> {
    vec![
        // Aalborg and its units (xlsx with a title block).
        offer("Aalborg ÆH", 410011, "Botilbuddet Hobitten", "SEL §108", "Udviklingshæmmede", "Døgntakst", 12, 96, change(2_310, 990), "Fortsætter")
            .regulated(-292_000),
        offer("Aalborg ÆH", 410012, "Karolineværket", "SEL §103", "Udviklingshæmmede", "Dagtakst", 30, 95, change(790, 990), "Udgår")
            .replaced("Botilbuddet Hobitten", "Dagtilbudsydelsen leveres i stedet i rammerne af Botilbuddet Hobitten"),
        offer("Aalborg ÆH", 410013, "AK-dagtilbud", "SEL §104", "Udviklingshæmmede", "Dagtakst", 25, 95, change(626, 990), "Udgår")
            .replaced("Udgår af rammeaftalen, men drives stadig", "Udgår grundet lav kompleksitet"),
        offer("Aalborg ÆH", 410014, "Violens aflastningstilbud", "SEL §107", "Udviklingshæmmede", "Døgntakst", 6, 90, change(3_120, 990), "Udgår")
            .replaced("Udgår af rammeaftalen, men drives stadig", "Salg til få kommuner"),
        offer("Aalborg ÆH", 410015, "Valmuehaven", "SEL §108", "Udviklingshæmmede", "Døgntakst", 10, 97, change(2_480, 990), "Udgår")
            .replaced("Udgår af rammeaftalen, men drives stadig", "Salg til få kommuner"),
        offer("Aalborg FB", 410021, "Voksenbøgen", "SEL §107", "Sindslidende", "Døgntakst", 24, 95, change(2_050, 990), "Udgår")
            .replaced(
                "Botilbud Litvadhus (§107), Botilbud Pitsvej (§107), Botilbud Bodil Hjorts Vej (§107), Dagbeskæftigelse 1 (VoksenBøgen) (§103), Dagbeskæftigelse 2 (VoksenBøgen) (§103)",
                "Tilbuddet erstattes af de øvrige tilbud",
            ),
        offer("Aalborg FB", 410022, "Botilbud Litvadhus", "SEL §107", "Sindslidende", "Døgntakst", 8, 95, (None, kr(2_070)), "Ny"),
        offer("Aalborg FB", 410023, "Botilbud Pitsvej", "SEL §107", "Sindslidende", "Døgntakst", 8, 95, (None, kr(2_040)), "Ny"),
        offer("Aalborg FB", 410024, "Botilbud Bodil Hjorts Vej", "SEL §107", "Sindslidende", "Døgntakst", 8, 95, (None, kr(1_990)), "Ny"),
        offer("Aalborg FB", 410025, "Dagbeskæftigelse 1 (VoksenBøgen)", "SEL §103", "Sindslidende", "Dagtakst", 15, 90, (None, kr(540)), "Ny"),
        offer("Aalborg FB", 410026, "Dagbeskæftigelse 2 (VoksenBøgen)", "SEL §103", "Sindslidende", "Dagtakst", 15, 90, (None, kr(545)), "Ny"),
        offer("Aalborg", 410031, "Autismecenter Vestergaard", "SEL §108", "Autister", "Døgntakst", 18, 97, change(3_420, 1_310), "Fortsætter")
            .remark("Ny målgruppe med svær autisme og selvskade; flere medarbejdere pr. beboer")
            .strengthened(),
        offer("Aalborg", 410032, "Døgninstitutionen Kærgården", "SEL §66", "Børn og unge", "Døgntakst", 14, 92, change(4_150, 985), "Fortsætter")
            .regulated(-380_000),
        // Hjørring (Windows-1252 CSV).
        offer("Hjørring", 420011, "Revalideringscenter Hjørring", "SEL §103", "Sindslidende", "Dagtakst", 20, 90, change(610, 990), "Udgår")
            .replaced("Hjørringdistriktet (§103)", "Tilbuddet er ikke længere et revalideringstilbud og lægges ind under Hjørringdistriktet"),
        offer("Hjørring", 420012, "Hjørringdistriktet", "SEL §103", "Sindslidende", "Dagtakst", 40, 92, change(585, 990), "Fortsætter"),
        offer("Hjørring", 420013, "Bostedet Åbakken", "SEL §108", "Udviklingshæmmede", "Døgntakst", 16, 97, change(2_260, 990), "Fortsætter")
            .regulated(-350_000),
        offer("Hjørring", 420014, "Rusmiddelcenter Vendsyssel", "SUL §141", "Alkoholmisbrugere", "Timetakst", 12, 85, change(980, 995), "Fortsætter")
            .regulated(90_500),
        // Region Nordjylland (xlsx 2016, xls 2017 with "Takst 2016/2017" headers).
        offer("Region Nordjylland", 430011, "Sødisbakke – Fælledvej stuen", "SEL §108", "Udviklingshæmmede", "Døgntakst", 8, 98, change(3_650, 990), "Udgår")
            .replaced("Sødisbakke – Skovbrynet", "Erstattes af en ny afdeling (nye faciliteter)"),
        offer("Region Nordjylland", 430012, "Sødisbakke – Udsigten", "SEL §108", "Udviklingshæmmede", "Døgntakst", 8, 98, change(3_580, 990), "Udgår")
            .replaced("Sødisbakke – Skovbrynet", "Erstattes af en ny afdeling (nye faciliteter)"),
        offer("Region Nordjylland", 430013, "Sødisbakke – Skovbrynet", "SEL §108", "Udviklingshæmmede", "Døgntakst", 16, 98, (None, kr(3_540)), "Ny"),
        offer("Region Nordjylland", 430014, "Rehabiliteringscenter Strandgården", "SEL §107", "Senhjerneskadede", "Døgntakst", 20, 94, change(3_980, 990), "Fortsætter"),
        offer("Region Nordjylland", 430015, "Taleinstituttet", "LSV", "Senhjerneskadede", "Timetakst", 30, 90, change(1_120, 990), "Fortsætter"),
        offer("Region Nordjylland", 430016, "Center for Døvblindhed", "SEL §108", "Døvblinde", "Døgntakst", 10, 95, change(5_210, 990), "Fortsætter")
            .strengthened(),
        // Mariagerfjord (CSV 2016, ods 2017).
        offer("Mariagerfjord", 440011, "Aktivitetshuset Hobro", "SEL §104", "Udviklingshæmmede", "Dagtakst", 30, 92, change(640, 990), "Udgår")
            .replaced(
                "Dagbeskæftigelsen SAB (§104), Bo- og Aktivitetstilbud Kirketoften (udvidet § 85), Bo- og Aktivitetstilbud Skivevej (udvidet § 85)",
                "Tilbuddet er blevet redefineret og omstruktureret",
            ),
        offer("Mariagerfjord", 440012, "Dagbeskæftigelsen SAB", "SEL §104", "Udviklingshæmmede", "Dagtakst", 20, 92, (None, kr(615)), "Ny"),
        offer("Mariagerfjord", 440013, "Bo- og Aktivitetstilbud Kirketoften", "udvidet § 85", "Udviklingshæmmede", "Månedstakst", 10, 95, (None, kr(38_500)), "Ny"),
        offer("Mariagerfjord", 440014, "Bo- og Aktivitetstilbud Skivevej", "udvidet § 85", "Udviklingshæmmede", "Månedstakst", 10, 95, (None, kr(37_900)), "Ny"),
        // Rebild (UTF-8 CSV with commas).
        offer("Rebild", 450011, "Boform Støvring", "ABL §105", "Udviklingshæmmede", "Månedstakst", 12, 100, change(31_200, 990), "Udgår")
            .replaced("Søparken (ABL §105)", "Tilbuddene lægges sammen, og udgifterne til boligerne vil fremadrettet være en del af takstgrundlaget"),
        offer("Rebild", 450012, "Søparken", "ABL §105", "Udviklingshæmmede", "Månedstakst", 24, 100, change(30_800, 990), "Fortsætter"),
        // Vesthimmerland (xlsx, header in row 1, occupancy as Excel percent).
        offer("Vesthimmerland", 460011, "Boformerne Østermarken 8–10", "SEL §108", "Udviklingshæmmede", "Døgntakst", 14, 96, change(2_190, 990), "Udgår")
            .replaced("Erstattes ikke", "Ved beregning af takster er indtægter fra beboernes betaling for husleje modregnet i taksten"),
        offer("Vesthimmerland", 460012, "Bofællesskabet Aars", "SEL §107", "Sindslidende", "Døgntakst", 10, 95, change(1_880, 990), "Fortsætter"),
    ]
}

/// "1.234,50" from øre.
fn da_money(ore: i64) -> String {
    let kroner = ore / 100;
    let rest = (ore % 100).abs();
    let digits = kroner.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if ore < 0 { "-" } else { "" };
    format!("{sign}{grouped},{rest:02}")
}

fn money_f64(ore: i64) -> f64 {
    ore as f64 / 100.0
}

const TAKST_HEADERS: [&str; 15] = [
    "Driftsherre",
    "Tilbudsnr",
    "Tilbudsnavn",
    "Paragraf",
    "Målgruppe",
    "Taksttype",
    "Pladser",
    "Belægningsprocent",
    "Takstgrundlag",
    "Takst",
    "Takst forrige år",
    "Status",
    "Erstattes af",
    "Bemærkning",
    "Forstærket samarbejde",
];

/// The offers of a driftsherre (its units included) reported in a year.
fn reported<'a>(all: &'a [Offer], kommune: &str, year: u16) -> Vec<&'a Offer> {
    all.iter()
        .filter(|o| o.driftsherre.starts_with(kommune) && o.takst(year).is_some())
        .collect()
}

fn status(o: &Offer, year: u16) -> &'static str {
    if year == 2016 {
        "Fortsætter"
    } else {
        o.status_2017
    }
}

/// A takstindberetning as CSV text, delimiter `sep`, Danish number forms.
fn takst_csv(
    offers: &[&Offer],
    year: u16,
    sep: char,
    title: Option<&str>,
    with_previous: bool,
    with_regulering: bool,
) -> String {
    let mut out = String::new();
    let quote = |s: &str| {
        if s.contains(sep) || s.contains('"') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut headers: Vec<&str> = TAKST_HEADERS
        .iter()
        .copied()
        .filter(|h| with_previous || *h != "Takst forrige år")
        .collect();
    if with_regulering {
        headers.push("Regulering");
    }
    if let Some(t) = title {
        let _ = write!(out, "{t}{}\r\n", sep.to_string().repeat(headers.len() - 1));
        let _ = write!(out, "{}\r\n", sep.to_string().repeat(headers.len() - 1));
    }
    let _ = write!(out, "{}\r\n", headers.join(&sep.to_string()));
    for o in offers {
        let mut cells = vec![
            o.driftsherre.to_string(),
            o.nr.to_string(),
            o.navn.to_string(),
            o.paragraf.to_string(),
            o.maalgruppe.to_string(),
            o.taksttype.to_string(),
            o.pladser.to_string(),
            o.belaegning.to_string(),
            o.grundlag(year)
                .map(|g| da_money(g * 100))
                .unwrap_or_default(),
            o.takst(year).map(da_money).unwrap_or_default(),
        ];
        if with_previous {
            cells.push(if year == 2017 {
                o.takst_2016.map(da_money).unwrap_or_default()
            } else {
                String::new()
            });
        }
        cells.push(status(o, year).into());
        cells.push(if year == 2017 {
            o.erstattes_af.into()
        } else {
            String::new()
        });
        cells.push(if year == 2017 {
            o.bemaerkning.into()
        } else {
            String::new()
        });
        cells.push(if o.forstaerket { "ja" } else { "nej" }.into());
        if with_regulering {
            cells.push(
                o.regulering_2017
                    .map(|r| da_money(r * 100))
                    .unwrap_or_default(),
            );
        }
        let line: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        let _ = write!(out, "{}\r\n", line.join(&sep.to_string()));
    }
    out
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "text not representable in Windows-1252");
    bytes.into_owned()
}

/// Which header layout an xlsx takstindberetning uses.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// Title, subtitle and a blank row above the header (row 4), a merged
    /// title cell, a hidden helper sheet with the dropdown lists.
    TitleBlock,
    /// Header in row 1, occupancy as an Excel percent (fraction).
    Plain,
    /// "Takst 2016" and "Takst 2017" instead of "Takst forrige år"/"Takst".
    YearHeaders,
}

fn takst_xlsx(
    path: &Path,
    offers: &[&Offer],
    year: u16,
    layout: Layout,
    title: &str,
    with_regulering: bool,
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let title_fmt = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Left);
    let money = Format::new().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.0%");
    let ws = wb.add_worksheet().set_name("Takster")?;
    let mut headers: Vec<String> = TAKST_HEADERS.iter().map(|h| h.to_string()).collect();
    if layout == Layout::YearHeaders {
        headers[9] = format!("Takst {year}");
        headers[10] = format!("Takst {}", year - 1);
    }
    if with_regulering {
        headers.push("Regulering".to_string());
    }
    let header_row: u32 = match layout {
        Layout::TitleBlock => {
            ws.merge_range(0, 0, 0, 8, title, &title_fmt)?;
            ws.write_string(
                1,
                0,
                "Udfyldes af driftsherren. Beløb i kr., belægning i procent.",
            )?;
            3
        }
        _ => 0,
    };
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, h, &bold)?;
    }
    for (i, o) in offers.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        ws.write_string(r, 0, o.driftsherre)?;
        ws.write_number(r, 1, o.nr)?;
        ws.write_string(r, 2, o.navn)?;
        ws.write_string(r, 3, o.paragraf)?;
        ws.write_string(r, 4, o.maalgruppe)?;
        ws.write_string(r, 5, o.taksttype)?;
        ws.write_number(r, 6, o.pladser)?;
        if layout == Layout::Plain {
            ws.write_number_with_format(r, 7, f64::from(o.belaegning) / 100.0, &percent)?;
        } else {
            ws.write_number(r, 7, o.belaegning)?;
        }
        if let Some(g) = o.grundlag(year) {
            ws.write_number_with_format(r, 8, g as f64, &money)?;
        }
        if let Some(t) = o.takst(year) {
            ws.write_number_with_format(r, 9, money_f64(t), &money)?;
        }
        if year == 2017 {
            if let Some(t) = o.takst_2016 {
                ws.write_number_with_format(r, 10, money_f64(t), &money)?;
            }
        }
        ws.write_string(r, 11, status(o, year))?;
        if year == 2017 {
            ws.write_string(r, 12, o.erstattes_af)?;
            ws.write_string(r, 13, o.bemaerkning)?;
        }
        ws.write_string(r, 14, if o.forstaerket { "ja" } else { "nej" })?;
        if let (true, Some(k)) = (with_regulering, o.regulering_2017) {
            ws.write_number_with_format(r, 15, k as f64, &money)?;
        }
    }
    ws.set_column_width(2, 34)?;
    ws.set_column_width(12, 40)?;
    ws.set_column_width(13, 40)?;
    if layout == Layout::TitleBlock {
        let lists = wb.add_worksheet().set_name("Lister")?;
        for (i, s) in ["Fortsætter", "Ny", "Udgår"].iter().enumerate() {
            lists.write_string(i as u32, 0, *s)?;
        }
        for (i, s) in [
            "Døgntakst",
            "Dagtakst",
            "Timetakst",
            "Månedstakst",
            "Årstakst",
        ]
        .iter()
        .enumerate()
        {
            lists.write_string(i as u32, 1, *s)?;
        }
        lists.set_hidden(true);
    }
    wb.save(path)
}

/// A tiny deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One row of a borgerliste.
#[derive(Clone)]
struct Stay {
    personkode: String,
    offer: usize,
    dage: i64,
}

fn person_code(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let code: String = (0..10)
        .map(|_| ALPHABET[rng.below(32) as usize] as char)
        .collect();
    format!("PK-{code}")
}

fn is_daily(o: &Offer) -> bool {
    o.taksttype == "Døgntakst" || o.taksttype == "Dagtakst"
}

fn january_days(o: &Offer, rng: &mut Rng) -> i64 {
    let full = if o.taksttype == "Døgntakst" { 31 } else { 21 };
    if rng.chance(15) {
        1 + rng.below(full as u64) as i64
    } else {
        full
    }
}

/// The citizens of one betalingskommune in January 2016 and 2017.
fn citizens(all: &[Offer], rng: &mut Rng, persons: usize) -> (Vec<Stay>, Vec<Stay>) {
    let homes: Vec<usize> = (0..all.len())
        .filter(|i| all[*i].takst_2016.is_some() && all[*i].taksttype == "Døgntakst")
        .collect();
    let days: Vec<usize> = (0..all.len())
        .filter(|i| all[*i].takst_2016.is_some() && all[*i].taksttype == "Dagtakst")
        .collect();
    let mut y16 = Vec::new();
    for _ in 0..persons {
        let code = person_code(rng);
        let home = homes[rng.below(homes.len() as u64) as usize];
        y16.push(Stay {
            personkode: code.clone(),
            offer: home,
            dage: january_days(&all[home], rng),
        });
        if rng.chance(35) {
            let day = days[rng.below(days.len() as u64) as usize];
            y16.push(Stay {
                personkode: code,
                offer: day,
                dage: january_days(&all[day], rng),
            });
        }
    }
    let mut y17 = Vec::new();
    for stay in &y16 {
        let o = &all[stay.offer];
        if o.status_2017 == "Udgår" {
            // Residents move to a replacement of the same driftsherre, else
            // to another continuing offer of the same kind.
            let replacement = (0..all.len())
                .find(|i| {
                    let r = &all[*i];
                    r.status_2017 == "Ny"
                        && r.driftsherre == o.driftsherre
                        && is_daily(r)
                        && r.taksttype == o.taksttype
                })
                .or_else(|| {
                    let same_kind: Vec<usize> = (0..all.len())
                        .filter(|i| {
                            let r = &all[*i];
                            r.takst_2017.is_some()
                                && r.status_2017 == "Fortsætter"
                                && r.taksttype == o.taksttype
                        })
                        .collect();
                    (!same_kind.is_empty() && rng.chance(85))
                        .then(|| same_kind[rng.below(same_kind.len() as u64) as usize])
                });
            if let Some(r) = replacement {
                y17.push(Stay {
                    personkode: stay.personkode.clone(),
                    offer: r,
                    dage: january_days(&all[r], rng),
                });
            }
            continue;
        }
        if rng.chance(93) {
            // Most keep their days, so the takst effect shows the tariffs.
            let dage = if rng.chance(90) {
                stay.dage
            } else {
                january_days(o, rng)
            };
            y17.push(Stay {
                personkode: stay.personkode.clone(),
                offer: stay.offer,
                dage,
            });
        }
    }
    for _ in 0..persons / 14 {
        let code = person_code(rng);
        let candidates: Vec<usize> = (0..all.len())
            .filter(|i| {
                all[*i].takst_2017.is_some()
                    && all[*i].taksttype == "Døgntakst"
                    && all[*i].status_2017 != "Udgår"
            })
            .collect();
        let home = candidates[rng.below(candidates.len() as u64) as usize];
        y17.push(Stay {
            personkode: code,
            offer: home,
            dage: january_days(&all[home], rng),
        });
    }
    (y16, y17)
}

const BORGER_HEADERS: [&str; 9] = [
    "Personkode",
    "Betalingskommune",
    "Tilbudsnr",
    "Tilbudsnavn",
    "Paragraf",
    "Driftsherre",
    "Udgift januar",
    "Antal dage",
    "Takst",
];

fn borger_cells(all: &[Offer], kommune: &str, stay: &Stay, year: u16) -> (Vec<String>, i64, i64) {
    let o = &all[stay.offer];
    let takst = o.takst(year).unwrap_or(0);
    let udgift = takst * stay.dage;
    (
        vec![
            stay.personkode.clone(),
            kommune.to_string(),
            o.nr.to_string(),
            o.navn.to_string(),
            o.paragraf.to_string(),
            o.driftsherre.to_string(),
            da_money(udgift),
            stay.dage.to_string(),
            da_money(takst),
        ],
        udgift,
        takst,
    )
}

fn borger_csv(all: &[Offer], kommune: &str, stays: &[Stay], year: u16, sep: char) -> String {
    let mut out = String::new();
    let _ = write!(out, "{}\r\n", BORGER_HEADERS.join(&sep.to_string()));
    for stay in stays {
        let (cells, _, _) = borger_cells(all, kommune, stay, year);
        let line: Vec<String> = cells
            .iter()
            .map(|c| {
                if c.contains(sep) {
                    format!("\"{c}\"")
                } else {
                    c.clone()
                }
            })
            .collect();
        let _ = write!(out, "{}\r\n", line.join(&sep.to_string()));
    }
    out
}

fn borger_xlsx(
    path: &Path,
    all: &[Offer],
    kommune: &str,
    stays: &[Stay],
    year: u16,
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let ws = wb.add_worksheet().set_name(format!("Januar {year}"))?;
    ws.write_string_with_format(
        0,
        0,
        format!("Borgere i rammeaftaletilbud, januar {year} – {kommune} Kommune"),
        &bold,
    )?;
    for (c, h) in BORGER_HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    for (i, stay) in stays.iter().enumerate() {
        let r = 3 + i as u32;
        let (cells, udgift, takst) = borger_cells(all, kommune, stay, year);
        for (c, v) in cells.iter().enumerate().take(6) {
            ws.write_string(r, c as u16, v)?;
        }
        ws.write_number_with_format(r, 6, money_f64(udgift), &money)?;
        ws.write_number(r, 7, stay.dage as f64)?;
        ws.write_number_with_format(r, 8, money_f64(takst), &money)?;
    }
    ws.set_column_width(3, 34)?;
    wb.save(path)
}

/// Example population figures (labelled as examples; roughly 2017).
const BEFOLKNING: [(&str, u32); 11] = [
    ("Aalborg", 211_937),
    ("Brønderslev", 35_899),
    ("Frederikshavn", 60_258),
    ("Hjørring", 65_283),
    ("Jammerbugt", 38_408),
    ("Læsø", 1_803),
    ("Mariagerfjord", 42_106),
    ("Morsø", 20_922),
    ("Rebild", 29_495),
    ("Thisted", 43_795),
    ("Vesthimmerland", 37_097),
];

/// A population split over the ages 0 … 100+ by a fixed shape, in whole
/// persons that add up to the total (largest remainder).
fn by_age(total: i64) -> Vec<i64> {
    let weight = |age: i64| match age {
        0..=17 => 110,
        18..=64 => 130,
        65..=79 => 100,
        80..=99 => 100 - (age - 79) * 5,
        _ => 1,
    };
    let weights: Vec<i64> = (0..=100).map(weight).collect();
    let sum: i64 = weights.iter().sum();
    let mut parts: Vec<(i64, i64)> = weights
        .iter()
        .map(|w| (total * w / sum, total * w % sum))
        .collect();
    let mut left = total - parts.iter().map(|(n, _)| n).sum::<i64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|i| (-parts[*i].1, *i));
    for i in order {
        if left == 0 {
            break;
        }
        parts[i].0 += 1;
        left -= 1;
    }
    parts.into_iter().map(|(n, _)| n).collect()
}

/// FOLK1A as StatBank exports it (wide: a column per quarter), with the
/// country and the region that a key must leave out. Example figures.
fn folk1a_csv() -> String {
    let mut out = String::from(
        "Folketal den 1. i kvartalet efter område, alder, køn og tid (eksempeltal)\r\n\r\n",
    );
    out.push_str("OMRÅDE;ALDER;KØN;2016K4;2017K1\r\n");
    let region: i64 = BEFOLKNING.iter().map(|(_, n)| i64::from(*n)).sum();
    let mut areas: Vec<(String, i64)> = vec![
        ("Hele landet".into(), 5_748_769),
        ("Region Nordjylland".into(), region),
    ];
    areas.extend(
        BEFOLKNING
            .iter()
            .map(|(k, n)| (k.to_string(), i64::from(*n))),
    );
    for (area, total) in areas {
        // Last quarter about 0,2 % fewer.
        let earlier = total - total / 500;
        let (now, before) = (by_age(total), by_age(earlier));
        let _ = write!(
            out,
            "{area};Alder i alt;Mænd og kvinder i alt;{earlier};{total}\r\n"
        );
        for age in 0..=100usize {
            let label = if age == 100 {
                "100 år og derover".to_string()
            } else {
                format!("{age} år")
            };
            let _ = write!(
                out,
                "{area};{label};Mænd og kvinder i alt;{};{}\r\n",
                before[age], now[age]
            );
        }
    }
    out
}

fn kriterier_xlsx(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name("Vurdering")?;
    ws.write_string_with_format(
        0,
        0,
        "Ekspertpanelets vurdering 2017 – de mest specialiserede tilbud",
        &bold,
    )?;
    let headers = [
        "Tilbudsnr",
        "Tilbudsnavn",
        "Driftsherre",
        "A1",
        "A2",
        "A3",
        "B1",
        "C1",
        "C2",
        "Nyt tilbud",
        "Dispensation",
        "Tilfælde pr. år",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    type Assessment = (
        u32,
        &'static str,
        &'static str,
        [&'static str; 8],
        Option<f64>,
    );
    let rows: [Assessment; 4] = [
        (
            430016,
            "Center for Døvblindhed",
            "Region Nordjylland",
            ["x", "", "", "x", "x", "x", "", ""],
            Some(3.0),
        ),
        (
            410031,
            "Autismecenter Vestergaard",
            "Aalborg",
            ["", "x", "", "x", "x", "", "", ""],
            None,
        ),
        (
            430017,
            "Specialcenter for Spiseforstyrrelser",
            "Region Nordjylland",
            ["", "", "", "", "", "", "x", "x"],
            None,
        ),
        (
            430014,
            "Rehabiliteringscenter Strandgården",
            "Region Nordjylland",
            ["x", "", "x", "x", "x", "x", "", ""],
            Some(22.0),
        ),
    ];
    for (i, (nr, navn, dh, marks, cases)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, *nr)?;
        ws.write_string(r, 1, *navn)?;
        ws.write_string(r, 2, *dh)?;
        for (j, m) in marks.iter().enumerate() {
            if !m.is_empty() {
                ws.write_string(r, 3 + j as u16, *m)?;
            }
        }
        if let Some(c) = cases {
            ws.write_number(r, 11, *c)?;
        }
    }
    ws.set_column_width(1, 36)?;
    wb.save(path)
}

fn udmelding_xlsx(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let ws = wb.add_worksheet().set_name("Udmeldinger")?;
    let headers = [
        "Afsnit",
        "Navn",
        "Kontaktperson",
        "Tilbudsnr",
        "Tilbudsnavn",
        "Indmeldt dato",
        "Begrundelse",
        "Andre årsager",
        "Håndtering af målgruppens behov",
        "Konkurrerende tilbud",
        "Ikke rentabelt",
        "Kommunerne ønsker tilbuddet bevaret",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let rows: [[&str; 12]; 3] = [
        [
            "Driftsherre",
            "Region Nordjylland",
            "Kirsten Eksempel, kirsten@example.invalid",
            "430016",
            "Center for Døvblindhed",
            "2018-02-15",
            "Faldende belægning gennem tre år",
            "",
            "",
            "",
            "ja",
            "ja",
        ],
        [
            "Kommune",
            "Thisted",
            "Jens Eksempel, jens@example.invalid",
            "410031",
            "Autismecenter Vestergaard",
            "2018-03-20",
            "Kommunen har opbygget et eget tilbud til målgruppen",
            "",
            "Borgerne visiteres til kommunens eget specialtilbud",
            "ja",
            "",
            "",
        ],
        [
            "Driftsherre",
            "Aalborg",
            "Mette Eksempel, mette@example.invalid",
            "410032",
            "Døgninstitutionen Kærgården",
            "2018-01-10",
            "Tilbuddet omlægges",
            "Ændret målgruppe",
            "",
            "",
            "nej",
            "nej",
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        for (c, v) in row.iter().enumerate() {
            if c == 5 {
                let (y, m, d) = (&v[0..4], &v[5..7], &v[8..10]);
                let dt = ExcelDateTime::from_ymd(
                    y.parse().unwrap_or(2018),
                    m.parse().unwrap_or(1),
                    d.parse().unwrap_or(1),
                )?;
                ws.write_datetime_with_format(r, c as u16, &dt, &date)?;
            } else if !v.is_empty() {
                ws.write_string(r, c as u16, *v)?;
            }
        }
    }
    wb.save(path)
}

/// One offer's accounts for 2015, in whole kroner.
struct Account {
    driftsherre: &'static str,
    nr: u32,
    paragraf: &'static str,
    taksttype: &'static str,
    budget: i64,
    costs: i64,
    revenue: i64,
    carried: Option<i64>,
}

const fn account(
    driftsherre: &'static str,
    nr: u32,
    paragraf: &'static str,
    taksttype: &'static str,
    figures: [i64; 3],
    carried: Option<i64>,
) -> Account {
    Account {
        driftsherre,
        nr,
        paragraf,
        taksttype,
        budget: figures[0],
        costs: figures[1],
        revenue: figures[2],
        carried,
    }
}

/// The 2015 accounts: every status of `ramme regulering` against the 2017
/// reports (result = revenue − costs + carried; 5 % may be carried).
const ACCOUNTS_2015: [Account; 10] = [
    // 772.000 = 8,04 % of 9.600.000; 480.000 carried, −292.000 due; the
    // 2017 report regulates −292.000: ok.
    account(
        "Aalborg ÆH",
        410011,
        "SEL §108",
        "Døgntakst",
        [9_600_000, 9_500_000, 10_272_000],
        None,
    ),
    // −960.000 (with −150.000 carried in) = −4,57 % of 21.000.000: none needed.
    account(
        "Aalborg",
        410031,
        "SEL §108",
        "Døgntakst",
        [21_000_000, 21_600_000, 20_790_000],
        Some(-150_000),
    ),
    // −1.330.000 = −7 % of 19.000.000; +380.000 due; the report has −380.000:
    // wrong sign.
    account(
        "Aalborg",
        410032,
        "SEL §66",
        "Døgntakst",
        [19_000_000, 19_950_000, 18_620_000],
        None,
    ),
    // 170.000 = 3,4 % of 5.000.000: none needed.
    account(
        "Hjørring",
        420012,
        "SEL §103",
        "Dagtakst",
        [5_000_000, 4_950_000, 5_120_000],
        None,
    ),
    // 1.030.000 = 8,11 % of 12.700.000; −395.000 due; the report has
    // −350.000, more than 1 % off: wrong size.
    account(
        "Hjørring",
        420013,
        "SEL §108",
        "Døgntakst",
        [12_700_000, 12_400_000, 13_430_000],
        None,
    ),
    // −240.000 (with +60.000 carried in) = −8 % of 3.000.000; +90.000 due;
    // the report has +90.500, within 1 % (900): ok.
    account(
        "Hjørring",
        420014,
        "SUL §141",
        "Timetakst",
        [3_000_000, 3_300_000, 3_000_000],
        Some(60_000),
    ),
    // 1.800.000 = 7,06 % of 25.500.000; −525.000 due; the region's report
    // has no Regulering column: missing.
    account(
        "Region Nordjylland",
        430014,
        "SEL §107",
        "Døgntakst",
        [25_500_000, 25_000_000, 26_800_000],
        None,
    ),
    // −440.000 = exactly −5 % of 8.800.000: all carried, none needed.
    account(
        "Rebild",
        450012,
        "ABL §105",
        "Månedstakst",
        [8_800_000, 8_800_000, 8_360_000],
        None,
    ),
    // 650.000 = 10 % of 6.500.000; −325.000 due; the report's Regulering
    // cell is empty: missing.
    account(
        "Vesthimmerland",
        460012,
        "SEL §107",
        "Døgntakst",
        [6_500_000, 6_300_000, 6_950_000],
        None,
    ),
    // 440.000 = 11 % of 4.000.000; −240.000 due; the offer closed in 2016
    // and has no 2017 report: no report.
    account(
        "Vesthimmerland",
        460013,
        "SEL §107",
        "Døgntakst",
        [4_000_000, 3_900_000, 4_340_000],
        None,
    ),
];

const REGNSKAB_HEADERS: [&str; 9] = [
    "Driftsherre",
    "Tilbudsnr",
    "Paragraf",
    "Taksttype",
    "År",
    "Budgetteret takstgrundlag",
    "Faktiske omkostninger",
    "Indtægter",
    "Overført fra tidligere år",
];

/// The accounts as a Windows-1252 `;` CSV with decimal commas.
fn regnskab_csv(accounts: &[&Account]) -> String {
    let mut out = format!("{}\r\n", REGNSKAB_HEADERS.join(";"));
    for a in accounts {
        let money = |k: i64| da_money(k * 100);
        let _ = write!(
            out,
            "{};{};{};{};2015;{};{};{};{}\r\n",
            a.driftsherre,
            a.nr,
            a.paragraf,
            a.taksttype,
            money(a.budget),
            money(a.costs),
            money(a.revenue),
            a.carried.map(money).unwrap_or_default()
        );
    }
    out
}

/// The accounts as an xlsx with a title above the header.
fn regnskab_xlsx(path: &Path, accounts: &[&Account]) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let title_fmt = Format::new().set_bold().set_font_size(14);
    let money = Format::new().set_num_format("#,##0.00");
    let ws = wb.add_worksheet().set_name("Regnskab 2015")?;
    ws.write_string_with_format(0, 0, "Regnskab 2015 – Aalborg Kommune", &title_fmt)?;
    for (c, h) in REGNSKAB_HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    for (i, a) in accounts.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, a.driftsherre)?;
        ws.write_number(r, 1, a.nr)?;
        ws.write_string(r, 2, a.paragraf)?;
        ws.write_string(r, 3, a.taksttype)?;
        ws.write_number(r, 4, 2015)?;
        for (c, k) in [
            (5, Some(a.budget)),
            (6, Some(a.costs)),
            (7, Some(a.revenue)),
            (8, a.carried),
        ] {
            if let Some(k) = k {
                ws.write_number_with_format(r, c, k as f64, &money)?;
            }
        }
    }
    ws.set_column_width(5, 26)?;
    ws.set_column_width(8, 24)?;
    wb.save(path)
}

/// Converts an xlsx with LibreOffice to xls or ods beside `target`.
fn convert(source: &Path, target: &Path) -> bool {
    let ext = target.extension().and_then(|e| e.to_str()).unwrap_or("xls");
    let Some(dir) = target.parent() else {
        return false;
    };
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(source)
        .stdout(std::process::Stdio::null())
        .status();
    let produced = dir.join(source.with_extension(ext).file_name().unwrap_or_default());
    match status {
        Ok(s) if s.success() && produced.exists() => std::fs::rename(&produced, target).is_ok(),
        _ => false,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "examples".into()));
    let all = offers();
    for year in [2016u16, 2017] {
        std::fs::create_dir_all(root.join(year.to_string()))?;
    }
    let dir = |year: u16| root.join(year.to_string());
    let tmp = std::env::temp_dir().join("ramme-make-examples");
    std::fs::create_dir_all(&tmp)?;

    for year in [2016u16, 2017] {
        let d = dir(year);
        takst_xlsx(
            &d.join(format!("takst_aalborg_{year}.xlsx")),
            &reported(&all, "Aalborg", year),
            year,
            Layout::TitleBlock,
            &format!("Takstindberetning {year} – Aalborg Kommune"),
            year == 2017,
        )?;
        std::fs::write(
            d.join(format!("takst_hjoerring_{year}.csv")),
            windows_1252(&takst_csv(
                &reported(&all, "Hjørring", year),
                year,
                ';',
                Some(&format!("Takstindberetning {year} - Hjørring Kommune")),
                false,
                year == 2017,
            )),
        )?;
        let mut rebild = String::from("\u{feff}");
        rebild.push_str(&takst_csv(
            &reported(&all, "Rebild", year),
            year,
            ',',
            None,
            year == 2017,
            false,
        ));
        std::fs::write(d.join(format!("takst_rebild_{year}.csv")), rebild)?;
        takst_xlsx(
            &d.join(format!("takst_vesthimmerland_{year}.xlsx")),
            &reported(&all, "Vesthimmerland", year),
            year,
            Layout::Plain,
            "",
            year == 2017,
        )?;
    }
    // Region: xlsx in 2016, xls in 2017. Mariagerfjord: CSV in 2016, ods in 2017.
    takst_xlsx(
        &dir(2016).join("takst_region_nordjylland_2016.xlsx"),
        &reported(&all, "Region", 2016),
        2016,
        Layout::TitleBlock,
        "Takstindberetning 2016 – Region Nordjylland",
        false,
    )?;
    std::fs::write(
        dir(2016).join("takst_mariagerfjord_2016.csv"),
        windows_1252(&takst_csv(
            &reported(&all, "Mariagerfjord", 2016),
            2016,
            ';',
            None,
            false,
            false,
        )),
    )?;
    let region_2017 = tmp.join("takst_region_nordjylland_2017.xlsx");
    takst_xlsx(
        &region_2017,
        &reported(&all, "Region", 2017),
        2017,
        Layout::YearHeaders,
        "",
        false,
    )?;
    let mariagerfjord_2017 = tmp.join("takst_mariagerfjord_2017.xlsx");
    takst_xlsx(
        &mariagerfjord_2017,
        &reported(&all, "Mariagerfjord", 2017),
        2017,
        Layout::TitleBlock,
        "Takstindberetning 2017 – Mariagerfjord Kommune",
        false,
    )?;
    for (source, target) in [
        (
            &region_2017,
            dir(2017).join("takst_region_nordjylland_2017.xls"),
        ),
        (
            &mariagerfjord_2017,
            dir(2017).join("takst_mariagerfjord_2017.ods"),
        ),
    ] {
        if !convert(source, &target) {
            if target.exists() {
                // Without LibreOffice the file already there stays: an xlsx
                // copy beside it would report its offers twice.
                eprintln!(
                    "soffice not available: kept the existing {}",
                    target.display()
                );
            } else {
                eprintln!(
                    "soffice not available: wrote {} instead of {}",
                    target.with_extension("xlsx").display(),
                    target.display()
                );
                std::fs::copy(source, target.with_extension("xlsx"))?;
            }
        }
    }

    // The accounts of 2015, regulated in the 2017 reports.
    let d2015 = root.join("2015");
    std::fs::create_dir_all(&d2015)?;
    regnskab_xlsx(
        &d2015.join("regnskab_aalborg_2015.xlsx"),
        &ACCOUNTS_2015
            .iter()
            .filter(|a| a.driftsherre.starts_with("Aalborg"))
            .collect::<Vec<_>>(),
    )?;
    std::fs::write(
        d2015.join("regnskab_2015.csv"),
        windows_1252(&regnskab_csv(
            &ACCOUNTS_2015
                .iter()
                .filter(|a| !a.driftsherre.starts_with("Aalborg"))
                .collect::<Vec<_>>(),
        )),
    )?;

    // Borgerlister for January 2016 and 2017.
    let mut rng = Rng(0x2017_0131_5eed_0001);
    for (kommune, file, persons) in [
        ("Aalborg", "aalborg", 46usize),
        ("Hjørring", "hjoerring", 28),
        ("Frederikshavn", "frederikshavn", 22),
    ] {
        let (y16, y17) = citizens(&all, &mut rng, persons);
        for (year, stays) in [(2016u16, &y16), (2017, &y17)] {
            let d = dir(year);
            match kommune {
                "Aalborg" => borger_xlsx(
                    &d.join(format!("borgerliste_{file}_{year}.xlsx")),
                    &all,
                    kommune,
                    stays,
                    year,
                )?,
                "Hjørring" => std::fs::write(
                    d.join(format!("borgerliste_{file}_{year}.csv")),
                    windows_1252(&borger_csv(&all, kommune, stays, year, ';')),
                )?,
                _ => std::fs::write(
                    d.join(format!("borgerliste_{file}_{year}.csv")),
                    borger_csv(&all, kommune, stays, year, ','),
                )?,
            }
        }
    }

    // The strengthened cooperation and the population key.
    let mut bef = String::from("Kommune;Befolkning\r\n");
    for (k, n) in BEFOLKNING {
        let _ = write!(
            bef,
            "{k};{}\r\n",
            da_money(i64::from(n) * 100).trim_end_matches(",00")
        );
    }
    std::fs::write(
        dir(2017).join("befolkning_2017_eksempel.csv"),
        windows_1252(&bef),
    )?;
    std::fs::write(
        dir(2017).join("folk1a_2017_eksempel.csv"),
        windows_1252(&folk1a_csv()),
    )?;
    kriterier_xlsx(&dir(2017).join("kriterievurdering_2017.xlsx"))?;
    std::fs::create_dir_all(root.join("2018"))?;
    udmelding_xlsx(&root.join("2018").join("udmelding_2018.xlsx"))?;

    // Files with planted errors.
    let fejl = root.join("fejl");
    std::fs::create_dir_all(&fejl)?;
    std::fs::write(fejl.join("takst_thisted_2017_fejl.csv"), PLANTED_TAKST)?;
    std::fs::write(
        fejl.join("borgerliste_thisted_2017_med_cpr.csv"),
        planted_cpr(),
    )?;
    std::fs::write(
        fejl.join("udmelding_2019_fejl.csv"),
        windows_1252(PLANTED_UDMELDING),
    )?;
    Ok(())
}

/// A takstindberetning with one planted error per row (see examples/README.md).
const PLANTED_TAKST: &str = "Takstindberetning 2017 – Thisted Kommune;;;;;;;;;;;;\r
;;;;;;;;;;;;\r
Driftsherre;Tilbudsnr;Tilbudsnavn;Paragraf;Målgruppe;Taksttype;Pladser;Belægningsprocent;Takstgrundlag;Takst;Status;Erstattes af;Bemærkning\r
Thisted;470011;Bostedet Fjordglimt;SEL §108;Udviklingshæmmede;Døgntakst;0;95;;2.150,00;Fortsætter;;\r
Thisted;470012;Dagcentret Vestervig;SEL §104;Udviklingshæmmede;Dagtakst;18;120;;610,00;Fortsætter;;\r
Thisted;470013;Botilbuddet Klitten;SEL §107;Sindslidende;Døgntakst;9;94;;1.950,5,0;Fortsætter;;\r
Tisted;470014;Rusmiddelcenter Thy;SUL §141;Stofmisbrugere;Timetakst;10;90;;940,00;Fortsætter;;\r
Thisted;470015;Skovhuset;§ 999;Sindslidende;Døgntakst;6;95;;2.300,00;Fortsætter;;\r
Thisted;470016;Aflastningen Sydthy;SEL §107;Udviklingshæmmede;Døgntakst;4;90;;2.900,00;Lukket;;\r
Thisted;470011;Bostedet Fjordglimt;SEL §108;Udviklingshæmmede;Døgntakst;12;95;;2.150,00;Fortsætter;;\r
Thisted;470017;Bofællesskabet Hanstholm;SEL §108;Udviklingshæmmede;Døgntakst;8;95;;2.050,00;Udgår;;\r
Thisted;470018;Hjemmet ved Vandet;SEL §108;Udviklingshæmmede;Døgntakst;10;100;6.570.000,00;2.250,00;Fortsætter;;\r
Thisted;;Værestedet Thy;SEL §104;Sindslidende;Dagtakst;25;90;;380,00;Fortsætter;;\r
";

/// Synthetic CPR-shaped values, planted to show the CPR masking.
const CPR_MASKING_DASHED: &str = "010180-4321";
const CPR_MASKING_PLAIN: &str = "2507924444";

/// A borgerliste where a kommune sent CPR-shaped numbers (synthetic, for
/// the masking) instead of person codes.
fn planted_cpr() -> String {
    format!(
        "Personkode;Betalingskommune;Tilbudsnr;Tilbudsnavn;Paragraf;Udgift januar;Antal dage;Takst\r\n\
PK-TH7K2M9Q4A;Thisted;470011;Bostedet Fjordglimt;SEL §108;66.650,00;31;2.150,00\r\n\
{CPR_MASKING_DASHED};Thisted;470011;Bostedet Fjordglimt;SEL §108;66.650,00;31;2.150,00\r\n\
PK-TH3N8P5R2B;Thisted;470013;Botilbuddet Klitten;SEL §107;60.450,00;31;1.950,00\r\n\
{CPR_MASKING_PLAIN};Thisted;470013;Botilbuddet Klitten;SEL §107;60.450,00;31;1.950,00\r\n"
    )
}

/// Withdrawal requests outside the window and a section 2 without answers.
const PLANTED_UDMELDING: &str = "Afsnit;Navn;Kontaktperson;Tilbudsnavn;Indmeldt dato;Begrundelse;Håndtering af målgruppens behov;Konkurrerende tilbud\r
Driftsherre;Thisted;Kirsten Eksempel;Bostedet Fjordglimt;15-02-2019;Faldende efterspørgsel;;\r
Driftsherre;Thisted;Kirsten Eksempel;Skovhuset;02-05-2018;Faldende efterspørgsel;;\r
Kommune;Morsø;Jens Eksempel;Botilbuddet Klitten;10-01-2018;Eget tilbud etableres;;\r
";
