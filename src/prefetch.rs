//! Asking for memory before it is read: the one place that holds the
//! processor hint, for the flat tables every row touches (the key table,
//! the billed offers, udgift's match index and rows).

/// Starts fetching `value` into the cache. Only a hint: nothing changes,
/// and on processors without the instruction it does nothing.
#[inline]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch never faults and changes no memory; the
        // address is that of a live value.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(value).cast::<i8>()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
