//! TC3-HMAC-SHA256 signing (filled in by issue 3).
