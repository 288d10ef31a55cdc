//! The signer of the last credentials used, kept between calls.

use crate::sign::{Credentials, Signer};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The signer of the last credentials used, so that a page or script signing many requests
    /// derives the signing key once a day rather than once a request. It holds the credentials
    /// in wasm memory between calls (the caller's JS holds them too); they are wiped when other
    /// credentials replace them or `forgetCredentials()` is called.
    pub(super) static LAST_SIGNER: RefCell<Option<Signer>> = const { RefCell::new(None) };
}

/// Runs `f` with the cached signer of `credentials`, replacing the cache when they differ.
pub(super) fn with_signer<T>(credentials: Credentials, f: impl FnOnce(&mut Signer) -> T) -> T {
    LAST_SIGNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let reuse = slot
            .as_ref()
            .is_some_and(|s| s.credentials().same_as(&credentials));
        if !reuse {
            // Dropping the old signer wipes its credentials and derived key.
            *slot = None;
        }
        f(slot.get_or_insert_with(|| Signer::new(credentials)))
    })
}

/// `forgetCredentials()`: wipes the credentials and derived key kept from the last
/// `buildRequest`.
#[wasm_bindgen(js_name = forgetCredentials)]
pub fn forget_credentials() {
    LAST_SIGNER.with(|cell| {
        cell.borrow_mut().take();
    });
}
