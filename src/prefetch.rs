//! Asking for memory before it is read: the one place that holds the
//! processor hint, for the flat tables every row touches (the key table,
//! the billed offers, udgift's match index and rows).

/// Starts fetching `value` into the cache: the line it starts in and, when
/// it reaches into the next (a 48-byte slot does half the time), that one
/// too. Only a hint: nothing changes, and on processors without the
/// instruction it does nothing.
#[inline]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let start = std::ptr::from_ref(value).cast::<i8>();
        // The value's last byte (its first for a zero-sized one).
        let last = start.wrapping_add(std::mem::size_of::<T>().saturating_sub(1));
        // SAFETY: a prefetch never faults and changes no memory; both
        // addresses lie within a live value.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(start);
            if (start as usize) / 64 != (last as usize) / 64 {
                _mm_prefetch::<_MM_HINT_T0>(last);
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
