//! Fleet-scale helpers, pure functions: split one RunCommand over any number of instances into
//! valid requests, and pace calls within the API's rate limit.

use crate::rules::fields::{instance_id_value, InstanceKind};
use crate::rules::{validate_run_command, Collector, FieldError, Options, Validation};
use serde_json::{Map, Value};

/// The API's documented rate: "A maximum of 20 requests can be initiated per second".
pub const REQUESTS_PER_SECOND: u32 = 20;

/// Splits RunCommand `params` whose `InstanceIds` may hold any number of IDs into requests
/// that each pass validation: CVM, Lighthouse and managed instances are never mixed, and each
/// request holds at most the rule set's limit (100 in `seed`). Order is kept within a kind.
/// An ID of a form the rules do not know (a warning, not an error) is kept with the IDs of
/// its own prefix (`xyz-` of `xyz-1234`), never with a known kind.
///
/// Every error is reported at once, on the original positions (`InstanceIds[1234]`); the
/// other parameters are checked once, since every request carries the same ones. Warnings are
/// not returned here: each request's own validation gives them.
pub fn split_run_command(params: &Value, options: &Options) -> Result<Vec<Value>, Vec<FieldError>> {
    split_run_command_with(params, options, Validation::Error)
}

/// [`split_run_command`], where [`Validation::Warn`] splits whatever the other parameters'
/// errors (a parameter newer than the pinned api.json, sent as `buildRequest` would send it
/// with `validation: 'warn'`). Problems with the IDs themselves still refuse: an ID that is not
/// a string cannot be put in a group.
pub fn split_run_command_with(
    params: &Value,
    options: &Options,
    validation: Validation,
) -> Result<Vec<Value>, Vec<FieldError>> {
    let limits = options.rules.limits();
    let ids = match params.get("InstanceIds") {
        Some(Value::Array(ids)) if !ids.is_empty() && params.is_object() => ids,
        // Not splittable: the validator says why.
        _ => return Err(validate_run_command(params, options).into_lists().0),
    };
    // Each ID checked by the same rule as `InstanceIds`, reported at its original position.
    let mut c = Collector::new(options);
    let mut groups: Vec<(Family, Vec<Value>)> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let kind = instance_id_value(&mut c, || format!("InstanceIds[{i}]"), id, limits);
        let family = match (kind, id) {
            (Some(kind), _) => Family::Known(kind),
            (None, Value::String(s)) => Family::Other(s.split_inclusive('-').next().unwrap_or("")),
            // The wrong type: an error, reported.
            (None, _) => continue,
        };
        match groups.iter_mut().find(|(f, _)| *f == family) {
            Some((_, g)) => g.push(id.clone()),
            None => groups.push((family, vec![id.clone()])),
        }
    }
    let mut report = c.finish();
    // The other parameters, once, whether or not any ID was good: every request shares them.
    if validation == Validation::Error {
        report.errors.extend(
            validate_run_command(&with_ids(params, Vec::new()), options)
                .errors
                .into_iter()
                .filter(|e| !e.field.starts_with("InstanceIds")),
        );
    }
    if !report.is_valid() {
        return Err(report.into_lists().0);
    }
    let mut requests = Vec::new();
    for (_, group) in groups {
        for chunk in group.chunks(limits.instance_ids_max) {
            requests.push(with_ids(params, chunk.to_vec()));
        }
    }
    Ok(requests)
}

/// The group an instance ID goes in: a kind the rules know, or the prefix of one they do not.
#[derive(PartialEq, Eq)]
enum Family<'a> {
    Known(InstanceKind),
    Other(&'a str),
}

/// `params` with `ids` as its `InstanceIds`. The other parameters are copied, not the whole
/// object: the caller's list of every ID would be copied for each request, only to be replaced.
fn with_ids(params: &Value, ids: Vec<Value>) -> Value {
    // Inserted one by one: collecting into the map links its bulk build and a sort (2.8 KB).
    let mut obj = Map::new();
    for (k, v) in params.as_object().into_iter().flatten() {
        if k != "InstanceIds" {
            obj.insert(k.clone(), v.clone());
        }
    }
    obj.insert("InstanceIds".to_owned(), Value::Array(ids));
    Value::Object(obj)
}

/// Keeps a caller within a rate limit: at most `rate` calls in any window of one second.
///
/// It holds the times it handed out; [`Pacer::next`] takes the current time (milliseconds, from
/// any clock that does not go backwards) and answers when the next call may go. The core has
/// no clock: the caller passes it.
#[derive(Debug, Clone)]
pub struct Pacer {
    rate: usize,
    /// The send times of the last `rate` calls, oldest first.
    sent: std::collections::VecDeque<f64>,
}

impl Pacer {
    /// A pacer allowing `rate` calls per second (at least 1).
    pub fn new(rate: u32) -> Pacer {
        let rate = rate.max(1) as usize;
        Pacer {
            rate,
            sent: std::collections::VecDeque::with_capacity(rate),
        }
    }

    /// Books the next call, given the time now; returns the time it may be sent (`>= now`).
    pub fn next(&mut self, now_ms: f64) -> f64 {
        let now = if now_ms.is_finite() { now_ms } else { 0.0 };
        let last = self.sent.back().copied().unwrap_or(f64::NEG_INFINITY);
        // Never earlier than a call already booked: bookings are in order.
        let mut at = now.max(last);
        if self.sent.len() == self.rate {
            let oldest = self.sent.pop_front().unwrap_or(f64::NEG_INFINITY);
            at = at.max(oldest + 1000.0);
        }
        self.sent.push_back(at);
        at
    }

    /// Books the next call and answers how long to wait before sending it, in milliseconds.
    pub fn delay(&mut self, now_ms: f64) -> f64 {
        let now = if now_ms.is_finite() { now_ms } else { 0.0 };
        self.next(now) - now
    }
}

impl Default for Pacer {
    fn default() -> Self {
        Pacer::new(REQUESTS_PER_SECOND)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pacer_allows_20_per_second_window() {
        let mut p = Pacer::default();
        let times: Vec<f64> = (0..45).map(|_| p.next(0.0)).collect();
        assert!(times[..20].iter().all(|t| *t == 0.0));
        assert!(times[20..40].iter().all(|t| *t == 1000.0));
        assert_eq!(times[40], 2000.0);
        // Any window of one second holds at most 20.
        for (i, t) in times.iter().enumerate() {
            assert!(times[i..].iter().filter(|u| **u < t + 1000.0).count() <= 20);
        }
    }

    #[test]
    fn pacer_does_not_delay_slow_callers() {
        let mut p = Pacer::new(2);
        assert_eq!(p.delay(0.0), 0.0);
        assert_eq!(p.delay(600.0), 0.0);
        assert_eq!(p.delay(700.0), 300.0); // 3rd call within [0, 1000) waits for 1000
        assert_eq!(p.delay(5000.0), 0.0);
    }
}
