//! Exact running sums of amounts, for comparisons of a million rows: the
//! amounts of a borgerliste all have the same number of decimals (two, or
//! none), so their sum is a sum of integers. A `Decimal` addition unpacks
//! and repacks both numbers each time; here the integers are added, and a
//! value of another scale goes to a `Decimal` sum beside them.

use rust_decimal::Decimal;

/// A sum of decimals, exact.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sum {
    /// The sum of the values at `scale`, as integers (units of 10^-scale).
    units: i128,
    /// The scale of the first value added.
    scale: Option<u32>,
    /// The values of any other scale.
    other: Decimal,
}

impl Sum {
    pub fn add(&mut self, value: Decimal) {
        let scale = value.scale();
        match self.scale {
            Some(s) if s == scale => match self.units.checked_add(value.mantissa()) {
                Some(units) => self.units = units,
                // Beyond 2^127 units (never, for cells below
                // values::MAX_MAGNITUDE): the Decimal sum takes over.
                None => self.other += value,
            },
            None => {
                self.scale = Some(scale);
                self.units = value.mantissa();
            }
            Some(_) => self.other += value,
        }
    }

    pub fn sub(&mut self, value: Decimal) {
        self.add(-value);
    }

    /// The sum. A sum beyond what a Decimal holds is the overflow a
    /// Decimal addition would have been (`cmd::overflow` makes it an input
    /// error).
    pub fn value(&self) -> Decimal {
        let units = match self.scale {
            None => Decimal::ZERO,
            Some(scale) => Decimal::try_from_i128_with_scale(self.units, scale)
                .unwrap_or_else(|_| panic!("Addition overflowed")),
        };
        units + self.other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mixed_scales_and_signs_sum_exactly() {
        let mut sum = Sum::default();
        assert_eq!(sum.value(), Decimal::ZERO);
        for v in ["60000.00", "-0.01", "12", "0.005", "999999999999.99"] {
            sum.add(v.parse().unwrap());
        }
        sum.sub("2.50".parse().unwrap());
        assert_eq!(sum.value(), "1000000060009.485".parse::<Decimal>().unwrap());
    }

    proptest! {
        /// Any amounts, any scales: the sum a Decimal fold gives.
        #[test]
        fn the_sum_is_the_decimal_sum(
            values in proptest::collection::vec((-10_i64.pow(14)..10_i64.pow(14), 0u32..4), 0..40),
            minus in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let mut sum = Sum::default();
            let mut want = Decimal::ZERO;
            for ((m, scale), minus) in values.iter().zip(&minus) {
                let v = Decimal::new(*m, *scale);
                if *minus {
                    sum.sub(v);
                    want -= v;
                } else {
                    sum.add(v);
                    want += v;
                }
            }
            prop_assert_eq!(sum.value(), want);
        }
    }
}
