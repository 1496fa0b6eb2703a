//! What a written paragraph ("Servicelovens § 107, stk. 2", "SEL 107")
//! says, before it is looked up: the law, the number and the stk.

use super::Law;
use crate::text::fold;

/// What a paragraph text says, before it is looked up.
#[derive(Debug, Default, PartialEq)]
pub(super) struct WrittenParagraf {
    pub(super) law: Option<Law>,
    pub(super) number: Option<String>,
    pub(super) stk: Option<u8>,
}

fn law_word(w: &str) -> Option<Law> {
    Some(match w {
        "sel" | "sl" | "serviceloven" | "servicelovens" | "servicelov" | "service" => Law::Sel,
        "bl" | "barnets" | "barnetslov" | "barnetslovs" => Law::Bl,
        "abl" | "almenboligloven" | "almenboliglovens" | "almenboliglov" | "almene" => Law::Abl,
        "sul" | "sundhedsloven" | "sundhedslovens" | "sundhedslov" => Law::Sul,
        "lsv" | "specialundervisningsloven" | "specialundervisningslovens" => Law::Lsv,
        "fsl" | "folkeskoleloven" | "folkeskolelovens" | "folkeskolelov" => Law::Fsl,
        "stu" => Law::Stu,
        "lbs" => Law::Lbs,
        _ => return None,
    })
}

/// Words that carry no meaning in a paragraph text.
fn filler_word(w: &str) -> bool {
    matches!(
        w,
        "lov"
            | "loven"
            | "lovens"
            | "om"
            | "for"
            | "af"
            | "efter"
            | "jf"
            | "i"
            | "udvidet"
            | "paragraf"
            | "paragraffen"
            | "social"
            | "boliger"
            | "m"
            | "v"
    )
}

/// Reads law, number and stykke from a paragraph text; None when the text
/// is not a paragraph (unknown words before the number, two numbers, two
/// laws).
pub(super) fn parse_paragraf_text(t: &str) -> Option<WrittenParagraf> {
    #[derive(PartialEq)]
    enum Next {
        Number,
        Stk,
        Ignored,
    }
    let folded = fold(t);
    // The laws used as a whole, by their titles: "Lov om ungdomsuddannelse
    // for unge med særlige behov", "Særligt tilrettelagt ungdomsuddannelse",
    // "Lov om behandlings- og specialundervisningstilbud til børn og unge".
    if folded.contains("ungdomsuddannelse") {
        return Some(WrittenParagraf {
            law: Some(Law::Stu),
            ..WrittenParagraf::default()
        });
    }
    if folded.contains("behandlings") && folded.contains("specialundervisningstilbud") {
        return Some(WrittenParagraf {
            law: Some(Law::Lbs),
            ..WrittenParagraf::default()
        });
    }
    let mut out = WrittenParagraf::default();
    let mut next = Next::Number;
    let (mut special_education, mut adults) = (false, false);
    let mut just_numbered = false;
    // Whether a space or punctuation stood between the number and this token.
    let mut gap = false;
    let mut rest = folded.as_str();
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() {
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len())
        } else if c.is_alphabetic() {
            rest.find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len())
        } else {
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
            gap = true;
            continue;
        };
        let token = rest.get(..len).unwrap_or_default();
        rest = rest.get(len..).unwrap_or_default();
        let was_numbered = std::mem::take(&mut just_numbered);
        let separated = std::mem::take(&mut gap);
        if c.is_ascii_digit() {
            match std::mem::replace(&mut next, Next::Number) {
                Next::Stk => out.stk = token.parse().ok(),
                Next::Ignored => {}
                Next::Number if out.number.is_none() => {
                    out.number = Some(token.to_string());
                    just_numbered = true;
                }
                Next::Number => return None,
            }
            continue;
        }
        // A letter suffix right after the number: "101a", "101 a"; but a
        // separated filler word stays a word ("§ 107 i serviceloven",
        // "§ 108 m.v.").
        if was_numbered && token.chars().count() == 1 && !(separated && filler_word(token)) {
            if let Some(n) = out.number.as_mut() {
                n.push_str(token);
                continue;
            }
        }
        if let Some(law) = law_word(token) {
            if out.law.is_some_and(|l| l != law) {
                return None;
            }
            out.law = Some(law);
            continue;
        }
        match token {
            "stk" => next = Next::Stk,
            "nr" | "pkt" => next = Next::Ignored,
            "specialundervisning" => special_education = true,
            "voksne" => adults = true,
            w if filler_word(w) => {}
            // Unknown words before the number mean this is not a paragraph;
            // after it they are a description ("§107 midlertidigt ophold").
            _ if out.number.is_none() => return None,
            _ => {}
        }
    }
    if out.law.is_none() && special_education && adults {
        out.law = Some(Law::Lsv);
    }
    if out.law.is_none() && out.number.is_none() {
        return None;
    }
    Some(out)
}
