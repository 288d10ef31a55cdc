//! Whether the module's zh-CN texts are in memory.
//!
//! Three builds: Node's module and the bilingual validation module carry both languages; the
//! English validation module is built without the `zh` feature (its zh-CN texts are empty);
//! the browser's full module (feature `zh-on-demand`) is built with them and then has them
//! zeroed by `scripts/zh-asset.mjs`, which writes them to `web/zh-CN.bin`, so that a page
//! that never asks for Chinese does not download them. `loadLanguage('zh-CN')`
//! (`pkg-template/language.mjs`) writes them back where they were and calls
//! [`zh_loaded`]. Until then `zh-CN` is refused, so that no zeroed text is ever read.

use core::sync::atomic::{AtomicBool, Ordering};
#[cfg(feature = "zh-on-demand")]
use wasm_bindgen::prelude::*;

static ZH_LOADED: AtomicBool =
    AtomicBool::new(cfg!(feature = "zh") && !cfg!(feature = "zh-on-demand"));

/// Whether `zh-CN` messages can be rendered.
pub(super) fn zh_available() -> bool {
    ZH_LOADED.load(Ordering::Relaxed)
}

/// Called by `loadLanguage('zh-CN')` once the zh-CN texts are back in memory.
#[cfg(feature = "zh-on-demand")]
#[wasm_bindgen(js_name = __zhLoaded)]
pub fn zh_loaded() {
    ZH_LOADED.store(true, Ordering::Relaxed);
}
