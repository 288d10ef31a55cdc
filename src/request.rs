//! Request building (filled in by issue 3).
