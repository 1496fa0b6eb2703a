//! Tallies by betalingskommune code, looked up in a flat slot table: a
//! million rows ask for their kommune two or three times each, and a tree
//! lookup per ask was a tenth of the comparison.

/// Values by a u16 code, created on first use; in code order at the end.
pub struct ByCode<T> {
    /// For each possible code, its value's place + 1 (0: none yet).
    slots: Box<[u32]>,
    values: Vec<(u16, T)>,
}

impl<T: Default> ByCode<T> {
    pub fn new() -> Self {
        ByCode {
            // 256 KB, zeroed by the allocator: stays in the second-level cache.
            slots: vec![0; 1 << 16].into_boxed_slice(),
            values: Vec::new(),
        }
    }

    /// The code's value, created on first use.
    pub fn at(&mut self, code: u16) -> &mut T {
        // There is a slot for every u16, and a slot names a place in
        // `values` once the value is pushed: neither index can be out of
        // bounds.
        let slot = &mut self.slots[usize::from(code)];
        if *slot == 0 {
            self.values.push((code, T::default()));
            *slot = self.values.len() as u32;
        }
        &mut self.values[*slot as usize - 1].1
    }

    /// The values with their codes, in code order.
    pub fn into_sorted(mut self) -> Vec<(u16, T)> {
        self.values.sort_unstable_by_key(|(code, _)| *code);
        self.values
    }
}

impl<T: Default> Default for ByCode<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::ByCode;

    #[test]
    fn tallies_each_code_once_in_code_order() {
        let mut by = ByCode::<u32>::new();
        for code in [851, 101, 851, 0, u16::MAX, 101, 851] {
            *by.at(code) += 1;
        }
        assert_eq!(
            by.into_sorted(),
            vec![(0, 1), (101, 2), (851, 3), (u16::MAX, 1)]
        );
    }
}
