//! `belaegning-norm`: the budgeted occupancy of a døgn or dag offer lies
//! within `min_pct`–`max_pct` (95–100 %); above `recommended_max_pct` (98 %)
//! it is noted as above the recommended maximum. A short-stay offer
//! (respite, acute: one of `markers` in its Tilbudstype, its name or the
//! name of its målgruppe, e.g. "Aflastning børn") needs only
//! `short_stay_min_pct` (90 %). Which offers the norm is for is the rule's
//! condition (`when_field = "taksttype"`, `when_values`).
//!
//! A lower budgeted occupancy needs the approval of the regions' steering
//! committee, so the rule is a warning in the schema.

use super::{dec, CheckKind, Def, Param, Row, RowCheck, RuleError, Violation};
use crate::finding::Code;
use crate::lang::Lang;
use crate::messages::rules::{self as msg, OccupancyNorm};
use crate::text::fold_key;
use crate::values::reference::MaalgruppeId;
use crate::values::typed::Value;
use rust_decimal::Decimal;

pub(super) const KIND: CheckKind = CheckKind {
    name: "belaegning-norm",
    params: &[
        Param {
            name: "min_pct",
            default: dec(95, 0),
        },
        Param {
            name: "max_pct",
            default: dec(100, 0),
        },
        Param {
            name: "recommended_max_pct",
            default: dec(98, 0),
        },
        Param {
            name: "short_stay_min_pct",
            default: dec(90, 0),
        },
    ],
    code: Code::RuleError,
    compile,
};

/// The words that mark a short-stay offer when the schema names none.
const DEFAULT_MARKERS: [&str; 2] = ["aflastning", "akut"];

#[derive(Debug)]
struct BelaegningNorm {
    belaegning: usize,
    /// Text fields that may mark a short-stay offer (Tilbudstype, name).
    marked_by: Vec<usize>,
    /// The markers as written and folded.
    markers: Vec<(String, String)>,
    /// The Målgruppe field, and the målgrupper whose name holds a marker
    /// (with the marker): "Aflastning børn" marks the offers for it.
    maalgruppe: Option<usize>,
    marked_groups: Vec<(MaalgruppeId, String)>,
    min_pct: Decimal,
    max_pct: Decimal,
    recommended_max_pct: Decimal,
    short_stay_min_pct: Decimal,
}

fn compile(def: &Def<'_>) -> Result<Box<dyn RowCheck>, RuleError> {
    let mut marked_by = Vec::new();
    for role in ["tilbudstype", "navn"] {
        if let Some(f) = def.optional_field(role)? {
            marked_by.push(f);
        }
    }
    let markers: Vec<String> = if def.def.markers.is_empty() {
        DEFAULT_MARKERS.iter().map(|m| m.to_string()).collect()
    } else {
        def.def.markers.clone()
    };
    let markers: Vec<(String, String)> = markers
        .into_iter()
        .map(|m| {
            let folded = fold_key(&m);
            (m, folded)
        })
        .filter(|(_, folded)| !folded.is_empty())
        .collect();
    let maalgruppe = def.optional_field("maalgruppe")?;
    let marked_groups = def
        .reference
        .maalgrupper()
        .filter_map(|g| {
            let name = fold_key(&g.name);
            markers
                .iter()
                .find(|(_, folded)| name.contains(folded.as_str()))
                .map(|(written, _)| (g.id, written.clone()))
        })
        .collect();
    let (min_pct, max_pct) = (def.param("min_pct"), def.param("max_pct"));
    let recommended_max_pct = def.param("recommended_max_pct");
    if min_pct > max_pct || recommended_max_pct > max_pct {
        return Err(def.err("min_pct and recommended_max_pct must not exceed max_pct".into()));
    }
    Ok(Box::new(BelaegningNorm {
        belaegning: def.field("belaegning")?,
        marked_by,
        markers,
        maalgruppe,
        marked_groups,
        min_pct,
        max_pct,
        recommended_max_pct,
        short_stay_min_pct: def.param("short_stay_min_pct"),
    }))
}

impl BelaegningNorm {
    /// The marker that makes the row a short-stay offer, if any.
    fn short_stay(&self, row: &Row<'_, '_>) -> Option<&str> {
        let by_text = self.marked_by.iter().find_map(|f| {
            let text = fold_key(row.value(*f).and_then(Value::as_text)?);
            self.markers
                .iter()
                .find(|(_, folded)| text.contains(folded.as_str()))
                .map(|(written, _)| written.as_str())
        });
        by_text.or_else(|| {
            let Some(Value::Maalgruppe(id)) = self.maalgruppe.and_then(|f| row.value(f)) else {
                return None;
            };
            self.marked_groups
                .iter()
                .find(|(g, _)| g == id)
                .map(|(_, written)| written.as_str())
        })
    }
}

impl RowCheck for BelaegningNorm {
    fn check(&self, row: &Row<'_, '_>, lang: Lang) -> Option<Violation> {
        let b = row.num(self.belaegning)?;
        let (min, max) = (self.min_pct, self.max_pct);
        let norm = match self.short_stay(row) {
            _ if b > max => OccupancyNorm::AboveNorm { min, max },
            Some(marker) if b < self.short_stay_min_pct => OccupancyNorm::BelowShortStay {
                min: self.short_stay_min_pct,
                marker: marker.to_string(),
            },
            Some(_) => return None,
            None if b < min => OccupancyNorm::BelowNorm { min, max },
            None if b > self.recommended_max_pct => OccupancyNorm::AboveRecommended {
                recommended: self.recommended_max_pct,
            },
            None => return None,
        };
        Some(Violation {
            field: self.belaegning,
            message: msg::occupancy_norm(row.label(self.belaegning), b, &norm, lang),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::rules::testing::{choice, num, text, Case};

    const FIELDS: [(&str, &str); 4] = [
        ("taksttype", "choice:Døgntakst,Dagtakst,Timetakst"),
        ("belægningsprocent", "percent"),
        ("tilbudstype", "text"),
        ("tilbudsnavn", "text"),
    ];
    const RULE: &str = r#"
name = "belaegning-norm"
check = "belaegning-norm"
fields = { belaegning = "belægningsprocent", tilbudstype = "tilbudstype", navn = "tilbudsnavn" }
when_field = "taksttype"
when_values = ["Døgntakst", "Dagtakst"]
"#;

    fn row(
        taksttype: u16,
        b: &str,
        tilbudstype: Option<&str>,
        navn: &str,
    ) -> Vec<Option<crate::values::typed::Value<'static>>> {
        vec![
            choice(taksttype),
            num(b),
            tilbudstype.and_then(text),
            text(navn),
        ]
    }

    #[test]
    fn the_norm_of_doegn_and_dag_offers_is_pinned() {
        let case = Case::new(&FIELDS, RULE);
        for (b, found) in [
            ("80", Some("under normen")),
            ("94.99", Some("under normen")),
            ("95", None),
            ("98", None),
            ("98.01", Some("over det anbefalede maksimum på 98,00 %")),
            ("100", Some("over det anbefalede maksimum")),
            ("100.01", Some("over normen")),
        ] {
            for taksttype in [0, 1] {
                let v = case.check(&row(taksttype, b, None, "Bo A"));
                match found {
                    None => assert!(v.is_none(), "{b}: {v:?}"),
                    Some(text) => {
                        let v = v.unwrap_or_else(|| panic!("{b} not found"));
                        assert_eq!(v.field, 1);
                        assert!(v.message.contains(text), "{b}: {}", v.message);
                    }
                }
            }
            // A Timetakst has no occupancy norm.
            assert!(case.check(&row(2, b, None, "Bo A")).is_none(), "{b}");
        }
        assert_eq!(
            case.check(&row(0, "80", None, "Bo A")).unwrap().message,
            "Belægningsprocent 80,00 % er under normen for døgn- og dagtilbud på 95,00–100,00 %; \
             en lavere budgetteret belægning skal godkendes."
        );
        assert_eq!(
            case.check_in(&row(0, "99", None, "Bo A"), Lang::En)
                .unwrap()
                .message,
            "Belægningsprocent 99.00 % is above the recommended maximum of 98.00 %."
        );
    }

    #[test]
    fn a_short_stay_offer_needs_90_percent() {
        let case = Case::new(&FIELDS, RULE);
        for (tilbudstype, navn, b, found) in [
            (Some("Aflastning"), "Bo A", "90", false),
            (Some("Aflastning"), "Bo A", "89.99", true),
            (Some("Akut"), "Bo A", "92", false),
            (None, "Aflastningshjemmet Solsikken", "89.99", true),
            (None, "Akutpladser Vest", "91", false),
            (None, "AKUT-BOLIG", "80", true),
            // Above the recommended maximum is no note for them.
            (Some("Aflastning"), "Bo A", "99", false),
        ] {
            let v = case.check(&row(0, b, tilbudstype, navn));
            assert_eq!(v.is_some(), found, "{tilbudstype:?} {navn} {b}");
        }
        let v = case.check(&row(1, "85", Some("Korttidsophold, akut"), "Bo A"));
        assert_eq!(
            v.unwrap().message,
            "Belægningsprocent 85,00 % er under normen på mindst 90,00 % for aflastnings- og \
             akuttilbud (tilbuddet er markeret \"akut\")."
        );
    }

    #[test]
    fn a_maalgruppe_named_for_respite_marks_the_offer() {
        use crate::rules::testing::maalgruppe;
        let fields = [
            ("taksttype", "choice:Døgntakst,Dagtakst,Timetakst"),
            ("belægningsprocent", "percent"),
            ("tilbudstype", "text"),
            ("tilbudsnavn", "text"),
            ("målgruppe", "maalgruppe"),
        ];
        let rule = RULE.replace(
            "navn = \"tilbudsnavn\" }",
            "navn = \"tilbudsnavn\", maalgruppe = \"målgruppe\" }",
        );
        let case = Case::new(&fields, &rule);
        let with = |b: &str, group: &str| {
            let mut r = row(0, b, None, "Bo A");
            r.push(maalgruppe(group));
            case.check(&r)
        };
        // "Aflastning børn" is a short stay: 90 % is enough, 89,99 % is not.
        assert!(with("90", "Aflastning børn").is_none());
        let v = with("89.99", "Aflastning børn").unwrap();
        assert!(
            v.message.contains("markeret \"aflastning\""),
            "{}",
            v.message
        );
        // Another målgruppe keeps the norm of 95 %.
        assert!(with("90", "Udviklingshæmmede").is_some());
        assert!(with("95", "Udviklingshæmmede").is_none());
        // Without the role in the rule, the målgruppe marks nothing.
        let plain = Case::new(&fields, RULE);
        let mut r = row(0, "90", None, "Bo A");
        r.push(maalgruppe("Aflastning børn"));
        assert!(plain.check(&r).is_some());
    }

    #[test]
    fn the_thresholds_and_markers_come_from_the_schema() {
        let rule = format!(
            "{RULE}params = {{ min_pct = 90, recommended_max_pct = 99, short_stay_min_pct = 85 }}\n\
             markers = [\"Korttid\"]\n"
        );
        let case = Case::new(&FIELDS, &rule);
        assert!(case.check(&row(0, "90", None, "Bo")).is_none());
        assert!(case.check(&row(0, "89.99", None, "Bo")).is_some());
        assert!(case.check(&row(0, "99", None, "Bo")).is_none());
        assert!(case.check(&row(0, "99.01", None, "Bo")).is_some());
        assert!(case
            .check(&row(0, "85", Some("korttidsophold"), "Bo"))
            .is_none());
        assert!(case
            .check(&row(0, "84.99", Some("korttidsophold"), "Bo"))
            .is_some());
        // "akut" is no marker now.
        assert!(case.check(&row(0, "89", Some("akut"), "Bo")).is_some());
        let rule = format!("{RULE}params = {{ min_pct = 101 }}\n");
        assert!(Case::error(&FIELDS, &rule).contains("must not exceed max_pct"));
        let rule = format!("{RULE}params = {{ recommended_max_pct = 100.01 }}\n");
        assert!(Case::error(&FIELDS, &rule).contains("must not exceed max_pct"));
        // Equal to max_pct is allowed for both.
        let rule = format!("{RULE}params = {{ min_pct = 100, recommended_max_pct = 100 }}\n");
        let case = Case::new(&FIELDS, &rule);
        assert!(case.check(&row(0, "100", None, "Bo")).is_none());
        assert!(case.check(&row(0, "99.99", None, "Bo")).is_some());
    }
}
