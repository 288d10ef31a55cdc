//! RunCommand.
use super::Collector;
use serde_json::Value;

pub(crate) fn check(_params: &Value, _c: &mut Collector) {}
