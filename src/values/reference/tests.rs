//! Tests of the reference data and its lookups.

use super::load::{KOMMUNER, MAALGRUPPER, PARAGRAFFER};
use super::*;

fn reference() -> Reference {
    Reference::embedded().unwrap()
}

#[test]
fn kommuner_complete() {
    let r = reference();
    assert_eq!(r.kommuner().count(), 98);
    assert_eq!(r.regions().count(), 5);
    for (region, want) in [(1081, 11), (1082, 19), (1083, 22), (1084, 29), (1085, 17)] {
        let n = r.kommuner().filter(|k| k.region == region).count();
        assert_eq!(n, want, "region {region}");
    }
    let mut codes: Vec<u16> = r.kommuner().map(|k| k.code).collect();
    codes.dedup();
    assert_eq!(codes.len(), 98);
    let mut names: Vec<String> = r.kommuner().map(|k| fold_words(&k.name)).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 98);
    let nord: Vec<(u16, &str)> = r
        .kommuner_in_region("Region Nordjylland")
        .unwrap()
        .into_iter()
        .map(|k| (k.code, k.name.as_str()))
        .collect();
    assert_eq!(
        nord,
        [
            (773, "Morsø"),
            (787, "Thisted"),
            (810, "Brønderslev"),
            (813, "Frederikshavn"),
            (820, "Vesthimmerlands"),
            (825, "Læsø"),
            (840, "Rebild"),
            (846, "Mariagerfjord"),
            (849, "Jammerbugt"),
            (851, "Aalborg"),
            (860, "Hjørring"),
        ]
    );
}

#[test]
fn spot_check_codes() {
    let r = reference();
    for (code, name, region) in [
        (101, "København", 1084),
        (147, "Frederiksberg", 1084),
        (173, "Lyngby-Taarbæk", 1084),
        (169, "Høje-Taastrup", 1084),
        (250, "Frederikssund", 1084),
        (400, "Bornholm", 1084),
        (253, "Greve", 1085),
        (390, "Vordingborg", 1085),
        (430, "Faaborg-Midtfyn", 1083),
        (461, "Odense", 1083),
        (480, "Nordfyns", 1083),
        (492, "Ærø", 1083),
        (630, "Vejle", 1083),
        (615, "Horsens", 1082),
        (751, "Aarhus", 1082),
        (756, "Ikast-Brande", 1082),
        (760, "Ringkøbing-Skjern", 1082),
        (791, "Viborg", 1082),
    ] {
        let k = r.kommune_info(code).unwrap();
        assert_eq!((k.name.as_str(), k.region), (name, region), "{code}");
    }
    assert_eq!(r.kommune_info(999), None);
}

#[test]
fn every_name_and_alias_resolves_to_itself() {
    let r = reference();
    for k in r.kommuner() {
        let want = Party::Kommune(k.code);
        let mut written: Vec<String> = vec![k.code.to_string()];
        for n in std::iter::once(&k.name).chain(&k.aliases) {
            written.push(n.clone());
            written.push(format!("{n} Kommune"));
            written.push(n.to_uppercase());
            written.push(format!("  {}  ", n.to_lowercase()));
        }
        for w in written {
            let m = r.kommune(&w).unwrap_or_else(|e| panic!("{w:?}: {e:?}"));
            assert_eq!(
                m,
                PartyMatch {
                    party: want,
                    unit: None
                },
                "{w:?}"
            );
        }
    }
    for reg in r.regions() {
        let want = Party::Region(reg.code);
        for n in [&reg.name, &reg.short]
            .into_iter()
            .chain(&reg.aliases)
            .cloned()
            .chain([reg.code.to_string(), format!("{} Region", reg.short)])
        {
            assert_eq!(r.party(&n).map(|m| m.party), Ok(want), "{n:?}");
            assert_eq!(r.kommune(&n), Err(ValueError::RegionNotAllowed), "{n:?}");
        }
    }
}

#[test]
fn party_cases() {
    let r = reference();
    let k = |code, unit: Option<&str>| {
        Ok(PartyMatch {
            party: Party::Kommune(code),
            unit: unit.map(str::to_string),
        })
    };
    for (input, want) in [
        ("Aalborg Kommune", k(851, None)),
        ("aalborg", k(851, None)),
        ("851", k(851, None)),
        ("0851", k(851, None)),
        ("Kommune 851", k(851, None)),
        ("Vesthimmerland", k(820, None)),
        ("Vesthimmerlands Kommune", k(820, None)),
        ("Aalborg ÆH", k(851, Some("ÆH"))),
        ("Aalborg FB", k(851, Some("FB"))),
        ("Aalborg Kommune, ÆH", k(851, Some("ÆH"))),
        (
            "Aalborg - Ældre og Handicap",
            k(851, Some("Ældre og Handicap")),
        ),
        ("Aalborg (FB)", k(851, Some("FB"))),
        ("Frederiksberg", k(147, None)),
        ("Frederikssund", k(250, None)),
        ("Lyngby-Taarbæk", k(173, None)),
        ("Lyngby Taarbaek Kommune", k(173, None)),
        ("Lyngby", k(173, None)),
        ("Høje Tåstrup", k(169, None)),
        ("HOEJE-TAASTRUP", k(169, None)),
        ("Århus", k(751, None)),
        ("Aarhus Kommune", k(751, None)),
        ("Københavns Kommune", k(101, None)),
        ("Bornholms Regionskommune", k(400, None)),
        ("Brønderslev-Dronninglund", k(810, None)),
        ("Brønderslev", k(810, None)),
        ("Ringkøbing-Skjern", k(760, None)),
        ("Nordfyn", k(480, None)),
        ("Faaborg-Midtfyn Kommune", k(430, None)),
        ("Tårnby", k(185, None)),
        ("Taarnby", k(185, None)),
    ] {
        assert_eq!(r.party(input), want, "{input:?}");
    }
    let reg = |code| {
        Ok(PartyMatch {
            party: Party::Region(code),
            unit: None,
        })
    };
    assert_eq!(r.party("Region Nordjylland"), reg(1081));
    assert_eq!(r.party("region nordjylland"), reg(1081));
    assert_eq!(r.party("Nordjylland Region"), reg(1081));
    assert_eq!(r.party("Region Sjaelland"), reg(1085));
    assert_eq!(r.party("1084"), reg(1084));
    assert_eq!(
        r.party("Region Nordjylland Specialsektoren"),
        Ok(PartyMatch {
            party: Party::Region(1081),
            unit: Some("Specialsektoren".to_string())
        })
    );
    for input in ["", "Atlantis", "Kommune", "999", "ÆH Aalborg", "12345"] {
        assert_eq!(r.party(input), Err(ValueError::UnknownParty), "{input:?}");
        assert_eq!(
            r.kommune(input),
            Err(ValueError::UnknownKommune),
            "{input:?}"
        );
    }
    assert_eq!(
        r.kommune("Region Nordjylland"),
        Err(ValueError::RegionNotAllowed)
    );
}

#[test]
fn display_names() {
    let r = reference();
    assert_eq!(r.display_name(&Party::Kommune(851)), "Aalborg");
    assert_eq!(r.display_name(&Party::Region(1081)), "Region Nordjylland");
    assert_eq!(r.display_name(&Party::Kommune(999)), "999");
    assert_eq!(r.region_info(1085).unwrap().short, "Sjælland");
    assert!(r.kommuner_in_region("Aalborg").is_none());
    assert_eq!(r.kommuner_in_region("Sjælland").unwrap().len(), 17);
}

#[test]
fn paragraf_cases() {
    let r = reference();
    let label = |s: &str| -> Result<String, ValueError> {
        r.paragraf(s)
            .map(|id| r.paragraf_info(id).unwrap().label.clone())
    };
    for (input, want) in [
        ("§107", "SEL §107"),
        ("§ 107", "SEL §107"),
        ("107", "SEL §107"),
        ("SEL 107", "SEL §107"),
        ("SEL §107", "SEL §107"),
        ("SEL § 107", "SEL §107"),
        ("sel §107", "SEL §107"),
        ("Servicelovens § 107", "SEL §107"),
        ("serviceloven §107", "SEL §107"),
        ("SL §107", "SEL §107"),
        ("§107 stk. 1", "SEL §107"),
        ("§ 107, stk. 1, nr. 2", "SEL §107"),
        ("§ 107 midlertidigt botilbud", "SEL §107"),
        ("Lov om social service § 108", "SEL §108"),
        ("udvidet § 85", "SEL §85"),
        ("§85", "SEL §85"),
        ("ABL §105", "ABL §105"),
        ("ABL 105", "ABL §105"),
        ("Almenboligloven § 105", "ABL §105"),
        ("Lov om almene boliger § 105", "ABL §105"),
        ("SUL §141", "SUL §141"),
        ("Sundhedsloven § 141", "SUL §141"),
        ("BL §83", "BL §83"),
        ("Barnets lov § 83", "BL §83"),
        ("barnets lov §32", "BL §32"),
        ("BL § 43", "BL §43"),
        ("BL 46", "BL §46"),
        ("LSV", "LSV"),
        ("Lov om specialundervisning for voksne", "LSV"),
        ("Specialundervisning for voksne", "LSV"),
        ("FSL §20 stk. 3", "FSL §20 stk. 3"),
        ("Folkeskolelovens § 20, stk. 3", "FSL §20 stk. 3"),
        ("FSL § 20", "FSL §20 stk. 3"),
        ("101a", "SEL §101a"),
        ("§ 101 a", "SEL §101a"),
        ("SEL §101A", "SEL §101a"),
        ("§101", "SEL §101"),
        ("SEL §32", "SEL §32"),
        ("§ 66", "SEL §66"),
        ("67", "SEL §67"),
        ("§ 36", "SEL §36"),
        ("§ 107 i serviceloven", "SEL §107"),
        ("SEL § 108 m.v.", "SEL §108"),
        ("§108 m.v.", "SEL §108"),
        ("§ 85 i SEL", "SEL §85"),
        ("SEL §99", "SEL §99"),
        ("§ 99", "SEL §99"),
        ("Servicelovens § 112", "SEL §112"),
        ("BL §82", "BL §82"),
        ("Barnets lov § 84", "BL §84"),
        ("STU", "STU"),
        ("stu", "STU"),
        ("Lov om ungdomsuddannelse for unge med særlige behov", "STU"),
        ("Særligt tilrettelagt ungdomsuddannelse", "STU"),
        ("LBS", "LBS"),
        (
            "Lov om behandlings- og specialundervisningstilbud til børn og unge",
            "LBS",
        ),
        ("Behandlings- og specialundervisningstilbud", "LBS"),
    ] {
        assert_eq!(label(input), Ok(want.to_string()), "{input:?}");
    }
    for input in [
        "",
        "§",
        "§ 999",
        "SEL §999",
        "BL §107",
        "ABL §107",
        "FSL §20 stk. 2",
        "§§ 107-108",
        "107 og 108",
        "SEL BL 107",
        "hjemmehjælp",
        "foo 107",
        "BL",
        "Specialundervisning",
        "§ 107 b",
    ] {
        assert_eq!(
            r.paragraf(input),
            Err(ValueError::UnknownParagraf),
            "{input:?}"
        );
    }
}

#[test]
fn paragraf_info_and_erstatter() {
    let r = reference();
    let id = r.paragraf("BL §83").unwrap();
    let p = r.paragraf_info(id).unwrap();
    assert_eq!(p.law, Law::Bl);
    assert_eq!(p.number, "83");
    assert_eq!(p.group, Group::Boern);
    let old = r.paragraf_info(p.erstatter.unwrap()).unwrap();
    assert_eq!(old.label, "SEL §32");
    let sel107 = r.paragraf_info(r.paragraf("107").unwrap()).unwrap();
    assert_eq!(sel107.description, "Midlertidigt botilbud");
    assert_eq!(sel107.group, Group::Voksne);
    assert_eq!(sel107.erstatter, None);
    for required in [
        "SEL §32",
        "SEL §36",
        "SEL §52",
        "SEL §66",
        "SEL §67",
        "SEL §83",
        "SEL §84",
        "SEL §85",
        "SEL §101",
        "SEL §102",
        "SEL §103",
        "SEL §104",
        "SEL §107",
        "SEL §108",
        "SEL §109",
        "SEL §110",
        "ABL §105",
        "SUL §141",
        "LSV",
        "FSL §20 stk. 3",
    ] {
        assert!(r.paragraffer().any(|p| p.label == required), "{required}");
    }
    for (new, old) in [
        ("BL §83", "SEL §32"),
        ("BL §32", "SEL §52"),
        ("BL §43", "SEL §66"),
        ("BL §46", "SEL §52"),
    ] {
        let p = r.paragraf_info(r.paragraf(new).unwrap()).unwrap();
        let e = r.paragraf_info(p.erstatter.unwrap()).unwrap();
        assert_eq!(e.label, old, "{new}");
    }
}

#[test]
fn maalgruppe_cases() {
    let r = reference();
    let name = |s: &str| {
        r.maalgruppe(s)
            .map(|id| r.maalgruppe_info(id).unwrap().name.clone())
    };
    for (input, want) in [
        ("Autister", "Autister"),
        ("autisme", "Autister"),
        ("ASF", "Autister"),
        ("Udviklingshæmning", "Udviklingshæmmede"),
        ("psykisk udviklingshaemmede", "Udviklingshæmmede"),
        ("Psykisk syge", "Sindslidende"),
        ("Psykiatri", "Sindslidende"),
        ("Erhvervet hjerneskade", "Senhjerneskadede"),
        ("ABI", "Senhjerneskadede"),
        ("Fysisk funktionsnedsættelse", "Fysisk handicappede"),
        ("Hjemløse", "Hjemløse"),
        ("Kvindekrisecenter", "Voldsramte kvinder"),
        ("alkoholmisbrugere", "Alkoholmisbrugere"),
        ("STOFMISBRUGERE", "Stofmisbrugere"),
        ("Børn og unge", "Børn og unge"),
        ("boern og unge", "Børn og unge"),
        ("Døve", "Døve og hørehæmmede"),
        ("Døvblinde", "Døvblinde"),
        ("ADHD", "ADHD"),
    ] {
        assert_eq!(name(input), Ok(want.to_string()), "{input:?}");
    }
    for input in ["", "Katte", "autist-x"] {
        assert_eq!(
            r.maalgruppe(input),
            Err(ValueError::UnknownMaalgruppe),
            "{input:?}"
        );
    }
    let all: Vec<&Maalgruppe> = r.maalgrupper().collect();
    for m in &all {
        for a in std::iter::once(&m.name).chain(&m.aliases) {
            assert_eq!(r.maalgruppe(a), Ok(m.id), "{a:?}");
        }
    }
}

#[test]
fn config_adds_maalgrupper() {
    let mut r = reference();
    let before = r.maalgrupper().count();
    r.add_maalgrupper(&[
        "Ludomaner".to_string(),
        "autisme".to_string(), // known: skipped
        "  ".to_string(),
        "LUDOMANER".to_string(), // same after folding: skipped
    ]);
    assert_eq!(r.maalgrupper().count(), before + 1);
    let id = r.maalgruppe("ludomaner").unwrap();
    let m = r.maalgruppe_info(id).unwrap();
    assert_eq!((m.name.as_str(), m.group), ("Ludomaner", Group::Begge));
}

#[test]
fn loads_from_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data-schema");
    for part in [KOMMUNER, PARAGRAFFER, MAALGRUPPER] {
        std::fs::copy(data.join(part), dir.path().join(part)).unwrap();
    }
    let r = Reference::from_dir(dir.path()).unwrap();
    assert_eq!(r.kommuner().count(), 98);
    std::fs::remove_file(dir.path().join(MAALGRUPPER)).unwrap();
    let err = Reference::from_dir(dir.path()).unwrap_err();
    assert!(
        matches!(
            err,
            ReferenceError::Read {
                part: MAALGRUPPER,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn load_errors_name_the_file() {
    let k = include_str!("../../../data-schema/kommuner.toml");
    let p = include_str!("../../../data-schema/paragraffer.toml");
    let m = include_str!("../../../data-schema/maalgrupper.toml");
    let err = Reference::from_toml("[[kommune]\n", p, m).unwrap_err();
    assert!(
        matches!(err, ReferenceError::Toml { part: KOMMUNER, .. }),
        "{err}"
    );
    let err = Reference::from_toml(k, "x = 1", m).unwrap_err();
    assert!(
        matches!(
            err,
            ReferenceError::Toml {
                part: PARAGRAFFER,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().starts_with("paragraffer.toml: "), "{err}");

    let twice = format!("{k}\n[[kommune]]\ncode = 851\nname = \"Aalborg2\"\nregion = 1081\n");
    let err = Reference::from_toml(&twice, p, m).unwrap_err();
    assert_eq!(err.to_string(), "kommuner.toml: kommune code 851 twice");

    let clash = format!("{k}\n[[kommune]]\ncode = 999\nname = \"Aalborg\"\nregion = 1081\n");
    let err = Reference::from_toml(&clash, p, m).unwrap_err();
    assert!(
        matches!(err, ReferenceError::Invalid { part: KOMMUNER, .. }),
        "{err}"
    );

    let bad_region = format!("{k}\n[[kommune]]\ncode = 999\nname = \"X\"\nregion = 9\n");
    assert!(Reference::from_toml(&bad_region, p, m).is_err());

    let bad_erstatter = format!(
        "{p}\n[[paragraf]]\nlaw = \"BL\"\nnumber = \"199\"\nlabel = \"BL §199\"\n\
         description = \"x\"\ngroup = \"boern\"\nerstatter = \"SEL §999\"\n"
    );
    let err = Reference::from_toml(k, &bad_erstatter, m).unwrap_err();
    assert!(
        matches!(
            err,
            ReferenceError::Invalid {
                part: PARAGRAFFER,
                ..
            }
        ),
        "{err}"
    );

    let clash = format!("{m}\n[[maalgruppe]]\nname = \"Autisme\"\ngroup = \"begge\"\n");
    let err = Reference::from_toml(k, p, &clash).unwrap_err();
    assert!(
        matches!(
            err,
            ReferenceError::Invalid {
                part: MAALGRUPPER,
                ..
            }
        ),
        "{err}"
    );
}
