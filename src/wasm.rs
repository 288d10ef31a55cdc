//! wasm-bindgen exports: JS <-> Rust conversion only, no rules (issue 4).
