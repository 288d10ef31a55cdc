//! Custom parameters.
