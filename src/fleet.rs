//! Fleet-scale helpers, pure functions: split one RunCommand over any number of instances into
//! valid requests, and pace calls within the API's rate limit.

use crate::rules::fields::{instance_id_value, InstanceKind};
use crate::rules::msg;
use crate::rules::{validate_run_command, Collector, FieldError, Options, Validation};
use serde_json::{Map, Value};
use std::collections::VecDeque;

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
    // Groups in order of first appearance, searched per ID: the unknown prefixes are capped
    // (`split_other_prefixes_max`) and the known kinds are three, so the search is bounded and
    // the split linear in the IDs (uncapped, 80,000 distinct prefixes took 12-16 s). A map
    // would link 3.5 KB gzipped of BTreeMap code for at most 19 groups.
    let mut groups: Vec<(Family<'_>, Vec<Value>)> = Vec::new();
    let mut others = 0;
    let mut over = None;
    for (i, id) in ids.iter().enumerate() {
        let kind = instance_id_value(&mut c, || format!("InstanceIds[{i}]"), id, limits);
        let family = match (kind, id) {
            (Some(kind), _) => Family::Known(kind),
            (None, Value::String(s)) => Family::Other(other_prefix(s)),
            // The wrong type: an error, reported.
            (None, _) => continue,
        };
        let at = match groups.iter().position(|(f, _)| *f == family) {
            Some(at) => at,
            None => {
                if matches!(family, Family::Other(_)) {
                    others += 1;
                    if others > limits.split_other_prefixes_max {
                        over = Some(too_many_prefixes(
                            options,
                            i,
                            limits.split_other_prefixes_max,
                        ));
                        break;
                    }
                }
                groups.push((family, Vec::new()));
                groups.len() - 1
            }
        };
        groups[at].1.push(id.clone());
    }
    let mut report = c.finish();
    report.errors.extend(over);
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

/// The group of an ID the rules do not know: its text up to and including the first `-`
/// (`xyz-` of `xyz-1234`), or `""` for an ID without one (all such IDs together).
fn other_prefix(id: &str) -> &str {
    id.find('-').map_or("", |at| &id[..=at])
}

/// Not the service's rule, so not in the rules catalogue: a local limit of this function.
fn too_many_prefixes(options: &Options, i: usize, max: usize) -> FieldError {
    let message = msg!(
        options.language,
        "More than {max} prefixes of instance IDs the rules do not know; splitRunCommand groups at most {max} (a local limit of this package, each group being one request or more).",
        zh!("规则未知的实例 ID 前缀超过 {max} 种；splitRunCommand 最多分组 {max} 种（本软件包的本地限制，每组至少一个请求）。"),
        max
    );
    FieldError {
        field: format!("InstanceIds[{i}]"),
        code: crate::errors::codes::LIMIT_EXCEEDED,
        message,
    }
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
/// [`Pacer::next`] takes the current time (milliseconds, from any clock that does not go
/// backwards) and answers when the next call may go. The core has no clock: the caller passes
/// it. Times are booked in whole milliseconds (a fractional `now` is rounded up), and only the
/// bookings of the last second are held, as (time, count) pairs: at most 1,000 of them, 16 KB,
/// whatever the rate (one booking per call held 8 MB for a rate of a million).
#[derive(Debug, Clone)]
pub struct Pacer {
    rate: u32,
    /// Bookings within one second of the latest, oldest first: (time, how many), times distinct.
    window: VecDeque<(f64, u32)>,
    /// The sum of the counts in `window`, never above `rate`.
    held: u32,
}

impl Pacer {
    /// A pacer allowing `rate` calls per second (at least 1).
    pub fn new(rate: u32) -> Pacer {
        Pacer {
            rate: rate.max(1),
            window: VecDeque::new(),
            held: 0,
        }
    }

    /// Books the next call, given the time now; returns the time it may be sent (`>= now`).
    pub fn next(&mut self, now_ms: f64) -> f64 {
        let now = if now_ms.is_finite() {
            now_ms.ceil()
        } else {
            0.0
        };
        let last = self.window.back().map_or(f64::NEG_INFINITY, |b| b.0);
        // Never earlier than a call already booked: bookings are in order.
        let mut at = now.max(last);
        if self.held >= self.rate {
            // The window is full: the call goes one second after the oldest booking held,
            // which then leaves the window. Popped unconditionally: at 1e300 ms, `+ 1000.0`
            // changes nothing, and a loop on the time alone would never end.
            if let Some((oldest, n)) = self.window.pop_front() {
                at = at.max(oldest + 1000.0);
                self.held -= n;
            }
        }
        while let Some(&(t, n)) = self.window.front() {
            if t + 1000.0 > at {
                break;
            }
            self.window.pop_front();
            self.held -= n;
        }
        match self.window.back_mut() {
            Some(b) if b.0 == at => b.1 += 1,
            _ => self.window.push_back((at, 1)),
        }
        self.held += 1;
        at
    }

    /// Books the next call and answers how long to wait before sending it, in milliseconds.
    pub fn delay(&mut self, now_ms: f64) -> f64 {
        let now = if now_ms.is_finite() { now_ms } else { 0.0 };
        self.next(now) - now
    }

    /// How many (time, count) pairs it holds: at most 1,000, whatever the rate.
    pub fn held_pairs(&self) -> usize {
        self.window.len()
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
    fn pacer_memory_does_not_grow_with_its_rate() {
        // A million calls a second, booked one per distinct millisecond for ten seconds:
        // only the last second is held, one pair per millisecond.
        let mut p = Pacer::new(1_000_000);
        for i in 0..10_000 {
            assert_eq!(p.next(f64::from(i) + 0.5), f64::from(i) + 1.0);
        }
        assert_eq!(p.held_pairs(), 1000);
        // A full window at one time is one pair.
        let mut q = Pacer::new(1_000_000);
        for _ in 0..1_000_001 {
            q.next(0.0);
        }
        assert_eq!(q.held_pairs(), 1);
        assert_eq!(q.next(0.0), 1000.0);
        // Times too large for a millisecond to register still end.
        let mut r = Pacer::new(2);
        for _ in 0..10 {
            assert_eq!(r.next(1e300), 1e300);
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
