//! The allocator, and the size of the memory it manages.

#[cfg(feature = "signer")]
use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: smaller code for the same job (bench/NOTES.md).
#[global_allocator]
pub(super) static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "signer")]
/// `memoryBytes()`: the current size of this module's WebAssembly memory, in bytes. For
/// tests and monitoring (a long-running page can check that memory stays bounded); it reads
/// nothing else and changes nothing. Wasm memory grows to the largest input seen and never
/// shrinks, so compare it across calls of the same size.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65_536) as f64
}
