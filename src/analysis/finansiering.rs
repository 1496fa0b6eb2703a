//! Objective financing (the Nordjylland DAS minutes of 17 November 2016 point 9): an amount, less an offset such
//! as a surplus to be used, split between the kommuner by a key (usually
//! population) in whole kroner that add up exactly (largest remainder).

use rust_decimal::{Decimal, RoundingStrategy};

/// One kommune's key.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    pub kommune: String,
    pub key: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub kommune: String,
    pub key: Decimal,
    /// Share of the key in percent.
    pub share_pct: Decimal,
    /// Whole kroner.
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Financing {
    pub amount: Decimal,
    pub offset: Decimal,
    pub share_pct: Decimal,
    /// amount × share − offset, in whole kroner.
    pub total: Decimal,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinancingError {
    #[error("the key is empty or sums to 0")]
    EmptyKey,
    #[error("the amount less the offset is negative")]
    Negative,
    #[error("the amounts are too large")]
    Overflow,
}

/// Splits `amount × share_pct/100 − offset` by the key.
pub fn split(
    amount: Decimal,
    offset: Decimal,
    share_pct: Decimal,
    key: &[KeyEntry],
) -> Result<Financing, FinancingError> {
    let gross = amount
        .checked_mul(share_pct)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        .ok_or(FinancingError::Overflow)?;
    let total = (gross - offset).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    if total.is_sign_negative() && !total.is_zero() {
        return Err(FinancingError::Negative);
    }
    let sum: Decimal = key.iter().map(|k| k.key).sum();
    if sum <= Decimal::ZERO {
        return Err(FinancingError::EmptyKey);
    }
    let mut parts: Vec<(Part, Decimal)> = Vec::with_capacity(key.len());
    for k in key {
        let exact = total
            .checked_mul(k.key)
            .and_then(|x| x.checked_div(sum))
            .ok_or(FinancingError::Overflow)?;
        let floor = exact.floor();
        parts.push((
            Part {
                kommune: k.kommune.clone(),
                key: k.key,
                share_pct: k.key / sum * Decimal::ONE_HUNDRED,
                amount: floor,
            },
            exact - floor,
        ));
    }
    // The kroner left by flooring go one by one to the largest remainders;
    // ties to the larger key, then the name, so the result is stable.
    let mut left = total - parts.iter().map(|(p, _)| p.amount).sum::<Decimal>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&parts[i], &parts[j]);
        b.1.cmp(&a.1)
            .then(b.0.key.cmp(&a.0.key))
            .then(a.0.kommune.cmp(&b.0.kommune))
    });
    for i in order {
        if left <= Decimal::ZERO {
            break;
        }
        if let Some((part, _)) = parts.get_mut(i) {
            part.amount += Decimal::ONE;
            left -= Decimal::ONE;
        }
    }
    Ok(Financing {
        amount,
        offset,
        share_pct,
        total,
        parts: parts.into_iter().map(|(p, _)| p).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(entries: &[(&str, i64)]) -> Vec<KeyEntry> {
        entries
            .iter()
            .map(|(k, n)| KeyEntry {
                kommune: k.to_string(),
                key: Decimal::from(*n),
            })
            .collect()
    }

    #[test]
    fn largest_remainder_by_hand() {
        // 100 kr. over 1:1:1 → 33,33 each; the one krone left goes to the
        // largest remainder, ties by key then name: "A".
        let f = split(
            Decimal::from(100),
            Decimal::ZERO,
            Decimal::ONE_HUNDRED,
            &key(&[("B", 1), ("A", 1), ("C", 1)]),
        )
        .unwrap();
        let amounts: Vec<(String, Decimal)> = f
            .parts
            .iter()
            .map(|p| (p.kommune.clone(), p.amount))
            .collect();
        assert_eq!(
            amounts,
            vec![
                ("B".into(), Decimal::from(33)),
                ("A".into(), Decimal::from(34)),
                ("C".into(), Decimal::from(33))
            ]
        );
        // 10 kr. over 6:3:1 is exact.
        let f = split(
            Decimal::from(10),
            Decimal::ZERO,
            Decimal::ONE_HUNDRED,
            &key(&[("A", 6), ("B", 3), ("C", 1)]),
        )
        .unwrap();
        assert_eq!(
            f.parts.iter().map(|p| p.amount).collect::<Vec<_>>(),
            vec![Decimal::from(6), Decimal::from(3), Decimal::from(1)]
        );
    }

    #[test]
    fn share_and_offset() {
        // Børnehus Nord: 3.091.200 less the surplus of 463.000.
        let f = split(
            Decimal::from(3_091_200),
            Decimal::from(463_000),
            Decimal::ONE_HUNDRED,
            &key(&[("A", 1)]),
        )
        .unwrap();
        assert_eq!(f.total, Decimal::from(2_628_200));
        // 60 % objective part of 1.000.000.
        let f = split(
            Decimal::from(1_000_000),
            Decimal::ZERO,
            Decimal::from(60),
            &key(&[("A", 1), ("B", 1)]),
        )
        .unwrap();
        assert_eq!(f.total, Decimal::from(600_000));
        assert_eq!(
            split(
                Decimal::from(10),
                Decimal::from(11),
                Decimal::ONE_HUNDRED,
                &key(&[("A", 1)])
            ),
            Err(FinancingError::Negative)
        );
        assert_eq!(
            split(Decimal::from(10), Decimal::ZERO, Decimal::ONE_HUNDRED, &[]),
            Err(FinancingError::EmptyKey)
        );
    }
}
